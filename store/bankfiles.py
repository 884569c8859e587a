"""Bank statement files (relevés) read for /pointage: parsing, checks and the proposed matches.

Three formats, told apart here by how they begin: CSV as French banks export it (``;``,
decimal comma, ISO-8859-1/15 or UTF-8, header lines before the table, debit and credit in one
signed column or two: store/bankcsv.py), OFX (read by ofxtools) and CFONB 120 (fixed-width
records, read strictly by store/cfonb.py: its one parser on PyPI, ``python-cfonb``, last released
in April 2021, is barely maintained). What each reads is a ``BankFile`` (store/statementfile.py).

Nothing here writes until ``accept``: reading a file and proposing matches change nothing,
so a refused file (unknown format, wrong encoding, another account, a balance that does
not follow the previous statement) leaves the books as they were. A refusal is a
``BankFileError`` whose ``reason`` is a code, with the values the bot needs to explain it.

Matching, line by line of the file against the coop's bank entries not yet ticked (a
remise de chèques counts as one entry of its total, as the bank credits it):
1. same amount and the cheque's number in the bank's label;
2. same amount, dated within ``NEAR_DAYS`` days, the nearest first;
3. same amount, any date, the nearest first.
Each entry and each line is used once. What is left shows on both sides: lines the books do
not have (bank fees, a transfer received: each can become an entry of the school ledger),
entries the bank has not seen (an uncashed cheque).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlmodel import Session, select

from store.access import Action
from store.accounts import Account, AccountClass
from store.bankcsv import read_csv
from store.book_years import _check_day, report_sent, require_warned
from store.books import LABEL_MAX, EntryView, _require_coop, _views, chart_of
from store.cfonb import looks_like, read_cfonb
from store.entries import record_entry
from store.reconciliation import Pointed, Reconciliation, _bank_entries, record_statement, tick
from store.models import Coop, Direction, Entry, Ledger, LedgerKind, Means, Statement, Tick, Treasury
from store.money import MAX_CENTS
from store.people import Who
from store.statementfile import BankFile, BankFileError, BankLine, cheque_in, chosen, same_account
from store.years import fiscal_year_of

MAX_BYTES = 1024 * 1024  # a year of a coop's statement is a few tens of kilobytes
MAX_LINES = 3000
NEAR_DAYS = 5  # a card payment or a transfer reaches the bank within a few days
HEAD = 4096  # what is looked at to tell a text file from a binary one


# ---------------------------------------------------------------- reading a file


def read(data: bytes, *, account: str | None = None) -> BankFile:
    """The statement a file holds, or BankFileError. An OFX or CFONB file may hold several accounts'
    statements: the one of ``account`` (the coop's, or the one the person chose) is read."""
    if not data.strip():
        raise BankFileError("empty")
    if len(data) > MAX_BYTES:
        raise BankFileError("too_big")
    head = data[:HEAD]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or _utf16_like(head):
        raise BankFileError("encoding")
    if b"\0" in head or _binary_like(head):
        raise BankFileError("binary")
    text = _decode(data)
    if re.search(r"<OFX>|OFXHEADER", text[:HEAD], re.IGNORECASE):
        statement = _read_ofx(data, account)
    elif looks_like(text):
        statement = read_cfonb(text, account)
    else:
        statement = read_csv(text)
    if len(statement.lines) > MAX_LINES:
        raise BankFileError("too_many_lines")
    if abs(statement.closing) > MAX_CENTS or any(abs(x.amount) > MAX_CENTS for x in statement.lines):
        raise BankFileError("unknown_format")
    if statement.opening is not None:
        total = sum(x.amount for x in statement.lines)
        if statement.opening + total != statement.closing:
            raise BankFileError("inconsistent", opening=statement.opening, total=total, closing=statement.closing)
    return statement


def _utf16_like(head: bytes) -> bool:
    """Text saved as UTF-16 without a BOM: every other byte is zero."""
    sample = head[:200]
    if len(sample) < 8:
        return False
    odd, even, half = sample[1::2].count(0), sample[0::2].count(0), len(sample) // 2
    return (odd > half * 2 // 3 and even < half // 10) or (even > half * 2 // 3 and odd < half // 10)


def _binary_like(head: bytes) -> bool:
    """Control characters other than tab and line ends: not a text file."""
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 13, 12))
    return controls > len(head) // 100 + 1


def _decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), else ISO-8859-15 as French banks write it (cp1252's extra
    letters read as well); a text that is neither is refused as a wrong encoding."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = data.decode("iso-8859-15")
    if re.search("[\u0080-\u009f]", text):  # C1 controls: bytes no Western text uses
        raise BankFileError("encoding")
    return text.replace("¤", "€")  # 0xA4 is the euro sign in ISO-8859-15


def _read_ofx(data: bytes, wanted: str | None = None) -> BankFile:
    from ofxtools.Parser import OFXTree  # imported when an OFX comes: a second of import saved otherwise

    try:
        tree = OFXTree()
        tree.parse(io.BytesIO(data))
        statements = tree.convert().statements
        if not statements:
            raise ValueError("no statement")
        accounts = [re.sub(r"[^A-Z0-9]", "", str(x.account.acctid).upper()) or None for x in statements]
    # ofxtools raises its own errors and plain ones (ValueError, KeyError, IndexError…) on a
    # malformed file; whichever it is, the file cannot be read.
    except Exception as error:
        raise BankFileError("unknown_format") from error
    index = chosen(accounts, wanted)
    try:
        statement = statements[index]
        balance = statement.ledgerbal
        lines = []
        for tx in statement.transactions:
            name, memo = (" ".join((x or "").split()) for x in (tx.name, tx.memo))
            label = (memo if name and memo.startswith(name) else " ".join(x for x in (name, memo) if x))
            label = label[:LABEL_MAX] or "—"
            cheque = str(tx.checknum).lstrip("0") if tx.checknum else cheque_in(label)
            lines.append(BankLine(tx.dtposted.date(), label, int(Decimal(tx.trnamt) * 100), cheque))
        closing, day = int(Decimal(balance.balamt) * 100), balance.dtasof.date()
    except Exception as error:
        raise BankFileError("unknown_format") from error
    if not lines:
        raise BankFileError("no_lines")
    return BankFile("ofx", accounts[index], day, closing, None, tuple(sorted(lines, key=lambda x: x.day)))


# ---------------------------------------------------------------- matching


@dataclass(frozen=True)
class Match:
    line: int  # index of the file's line
    entries: tuple[EntryView, ...]  # one entry, or the cheques of one remise
    how: str  # "cheque", "day", "amount" or "created"

    @property
    def entry_ids(self) -> tuple[int, ...]:
        return tuple(e.id for e in self.entries)


@dataclass(frozen=True)
class Proposal:
    """A statement file against the coop's books: nothing recorded yet."""

    coop_id: int
    statement: BankFile
    account_known: str | None  # the coop's account number before this file
    previous_day: date | None  # the previous statement, whose lines the file may repeat
    skipped: int  # lines dated on or before the previous statement: already on it
    matches: tuple[Match, ...]
    unmatched_lines: tuple[int, ...]  # indexes of lines no entry matches
    unmatched_entries: tuple[EntryView, ...]  # bank entries up to the statement's day the file does not show
    existing_statement_id: int | None = None  # a statement of that day already recorded, same balance
    record_account: bool = field(default=False)  # the file's account number is recorded at acceptance
    already: frozenset[int] = frozenset()  # entries ticked on that statement before: matched, not ticked again
    sent_years: frozenset[int] = frozenset()  # the statement's or a line's year whose report is with the AD: warn first

    def kept(self, left: Iterable[int]) -> tuple[int, ...]:
        """The entries of the matches the person kept ticked (their lines not ``left`` out), not those
        ticked on this statement before."""
        left = set(left)
        return tuple(i for m in self.matches if m.line not in left for i in m.entry_ids if i not in self.already)

    @property
    def lines(self) -> tuple[BankLine, ...]:
        return self.statement.lines


def _groups(entries: list[EntryView]) -> list[tuple[EntryView, ...]]:
    """One group per entry, one per remise de chèques (the bank credits the slip's total)."""
    groups: dict[str, list[EntryView]] = {}
    for e in entries:
        groups.setdefault(f"r{e.deposit_id}" if e.deposit_id else f"e{e.id}", []).append(e)
    return [tuple(g) for g in groups.values()]


def match(lines: tuple[BankLine, ...], entries: list[EntryView], *, among: set[int] | None = None,
          created: dict[int, int] | None = None) -> tuple[list[Match], list[int], list[EntryView]]:  # fmt: skip
    """Matches of the lines (only those in ``among``) with the entries; the lines and entries left.
    ``created``: line index → the entry made from it, matched first."""
    among = set(range(len(lines))) if among is None else among
    groups = _groups(entries)
    free_lines, free_groups = set(among), set(range(len(groups)))
    found: list[Match] = []
    by_entry = {g[0].id: i for i, g in enumerate(groups)}
    for index, entry_id in (created or {}).items():
        if index in free_lines and entry_id in by_entry and by_entry[entry_id] in free_groups:
            found.append(Match(index, groups[by_entry[entry_id]], "created"))
            free_lines.discard(index)
            free_groups.discard(by_entry[entry_id])

    def total(g: tuple[EntryView, ...]) -> int:
        return sum(e.signed for e in g)

    def take(how: str, fits) -> None:
        pairs = sorted(
            (abs((lines[i].day - groups[g][0].day).days), i, g)
            for i in free_lines for g in free_groups
            if lines[i].amount == total(groups[g]) and fits(lines[i], groups[g])
        )  # fmt: skip
        for _, i, g in pairs:
            if i in free_lines and g in free_groups:
                found.append(Match(i, groups[g], how))
                free_lines.discard(i)
                free_groups.discard(g)

    take("cheque", lambda line, g: bool(line.cheque_number) and len(g) == 1 and bool(g[0].cheque_number)
         and g[0].cheque_number.lstrip("0") == line.cheque_number.lstrip("0"))  # fmt: skip
    take("day", lambda line, g: abs((line.day - g[0].day).days) <= NEAR_DAYS)
    take("amount", lambda line, g: True)
    found.sort(key=lambda m: (lines[m.line].day, m.line))
    left_entries = [e for g in sorted(free_groups) for e in groups[g]]
    return found, sorted(free_lines, key=lambda i: (lines[i].day, i)), left_entries


# ---------------------------------------------------------------- the store's side


def _check(session: Session, coop: Coop, statement: BankFile, today: date) -> tuple[Statement | None, Statement | None]:
    """The file against the coop: its account, its date, its balance after the previous
    statement's; the statement of the same day (if any) and the previous one."""
    if statement.account and coop.bank_account and not same_account(coop.bank_account, statement.account):
        raise BankFileError("other_account", expected=coop.bank_account, found=statement.account)
    _check_day(session, coop.id, statement.day, today)
    same = session.exec(select(Statement).where(Statement.coop_id == coop.id, Statement.day == statement.day)).first()
    if same is not None and same.balance != statement.closing:
        raise BankFileError("statement_differs", day=same.day, balance=same.balance)
    previous = session.exec(select(Statement).where(Statement.coop_id == coop.id, Statement.day < statement.day)
                            .order_by(Statement.day.desc())).first()  # fmt: skip
    if previous is not None:
        expected = previous.balance + sum(x.amount for x in statement.lines if x.day > previous.day)
        if expected != statement.closing:
            raise BankFileError("balance_gap", previous_day=previous.day, previous_balance=previous.balance,
                                expected=expected, closing=statement.closing)  # fmt: skip
    return same, previous


def _proposal(session: Session, coop: Coop, statement: BankFile, today: date,
              created: dict[int, int] | None = None) -> Proposal:  # fmt: skip
    same, previous = _check(session, coop, statement, today)
    after = previous.day if previous else None
    among = {i for i, x in enumerate(statement.lines) if after is None or x.day > after}
    chart = chart_of(session, coop)
    entries = _views(session, _bank_entries(session, coop.id, statement.day), chart)
    # The same file sent again: the lines already ticked on its statement find their entries.
    ticked = _views(session, session.exec(select(Entry).join(Tick, Tick.entry_id == Entry.id).where(
        Tick.statement_id == same.id)).all(), chart) if same else []  # fmt: skip
    matches, lines_left, entries_left = match(statement.lines, entries + ticked, among=among, created=created)
    already = frozenset(e.id for e in ticked)
    years = {fiscal_year_of(statement.day)} | {fiscal_year_of(statement.lines[i].day) for i in lines_left}
    sent = frozenset(y for y in years if report_sent(session, coop.id, y))
    return Proposal(coop.id, statement, coop.bank_account, after, len(statement.lines) - len(among),
                    tuple(matches), tuple(lines_left), tuple(e for e in entries_left if e.id not in already),
                    same.id if same else None, record_account=bool(statement.account) and not coop.bank_account,
                    already=already, sent_years=sent)  # fmt: skip


def propose(session: Session, who: Who, coop_id: int, data: bytes | dict, *, today: date,
            created: dict[int, int] | None = None, account: str | None = None,
            day: date | None = None) -> Proposal:  # fmt: skip
    """Read a statement file (bytes) or take up one read before (its ``to_data``), check it against
    the coop and propose the matches. Nothing is written. An OFX of several accounts: the coop's
    recorded account's statement, else the ``account`` the person chose among them. A file that
    says no date is the statement of ``day`` (BankFileError no_date without one)."""
    coop = _require_coop(session, who, Action.WRITE_LEDGER, coop_id)
    if isinstance(data, bytes):
        statement = read(data, account=coop.bank_account or account)
    else:
        statement = BankFile.from_data(data)
    return _proposal(session, coop, statement.on(day), today, created)


def _school_ledger(session: Session, coop_id: int) -> Ledger:
    return session.exec(select(Ledger).where(Ledger.coop_id == coop_id, Ledger.kind == LedgerKind.ECOLE)).one()


def line_accounts(session: Session, who: Who, coop_id: int, amount: int) -> tuple[Account, ...]:
    """The accounts a line of that signed amount may become an entry on: charges for a debit
    (bank fees first: what a line the books lack most often is), produits for a credit. Not a
    grant's account: a grant names its giver, recorded with /recette."""
    coop = _require_coop(session, who, Action.WRITE_LEDGER, coop_id)
    chart = chart_of(session, coop)
    accounts = [a for a in chart.of_class(AccountClass.CHARGE if amount < 0 else AccountClass.PRODUIT) if not a.grant]
    fees = chart.lookup("frais bancaires", AccountClass.CHARGE) if amount < 0 else None
    return tuple(sorted(accounts, key=lambda a: a != fees))


def entry_from_line(session: Session, who: Who, coop_id: int, data: dict, index: int, account: str, *,
                    today: date, created: dict[int, int], warned: bool = False) -> tuple[EntryView, Proposal]:  # fmt: skip
    """A line of the file the books lack, recorded in the school ledger on ``account`` (a
    prélèvement for a debit, a virement for a credit), dated and labelled as the bank did;
    refused (report_unconfirmed) in a year whose report is with the AD unless the person was ``warned``."""
    coop = _require_coop(session, who, Action.WRITE_LEDGER, coop_id)
    statement = BankFile.from_data(data)
    if not 0 <= index < len(statement.lines):
        raise BankFileError("line")
    if index not in _proposal(session, coop, statement, today, created).unmatched_lines:
        raise BankFileError("done")  # an entry matches it already: made from it, or found in the books
    line = statement.lines[index]
    require_warned(session, coop.id, fiscal_year_of(line.day), warned)
    school = _school_ledger(session, coop.id)
    direction = Direction.RECETTE if line.amount > 0 else Direction.DEPENSE
    means = Means.VIREMENT if line.amount > 0 else Means.PRELEVEMENT
    entry = record_entry(session, who, school.id, direction=direction, day=line.day, label=line.label,
                                means=means, amount=abs(line.amount), splits=account, today=today,
                                treasury=Treasury.BANQUE)  # fmt: skip
    return entry, _proposal(session, coop, statement, today, {**created, index: entry.id})


def accept(session: Session, who: Who, coop_id: int, data: dict, entry_ids: list[int], *,
           today: date, warned: bool = False) -> Reconciliation:  # fmt: skip
    """The statement of the file recorded (or the one of that day, same balance, taken up) with the
    entries the person accepted ticked on it; the coop's account number recorded from its first file.
    ``warned``: as record_statement and tick."""
    coop = _require_coop(session, who, Action.WRITE_LEDGER, coop_id)
    statement = BankFile.from_data(data)
    same, _ = _check(session, coop, statement, today)
    if statement.account and not coop.bank_account:
        coop.bank_account = statement.account
        session.add(coop)
    if same is None:
        return record_statement(session, who, coop.id, day=statement.day, balance=statement.closing,
                                today=today, entry_ids=entry_ids, warned=warned)  # fmt: skip
    ticked = set(session.exec(select(Tick.entry_id).where(Tick.statement_id == same.id)).all())
    return tick(session, who, same.id, [i for i in entry_ids if i not in ticked], today=today, warned=warned)


def point(session: Session, who: Who, coop_id: int, data: dict, *, left: Iterable[int], created: dict[int, int],
          today: date, warned: bool = False) -> Pointed:  # fmt: skip
    """« Pointer »: the file proposed again against the books, and accepted with the matches the person
    kept (``left``: the lines they unticked); ``warned`` as for accept."""
    proposal = propose(session, who, coop_id, data, today=today, created=created)
    ids = list(proposal.kept(left))
    rec = accept(session, who, coop_id, data, ids, today=today, warned=warned)
    return Pointed(rec, len(ids), proposal.statement.account if proposal.record_account else None)


def masked(account: str) -> str:
    """An account number shown with its last four characters only: '•••• 8901'."""
    return f"•••• {account[-4:]}"

