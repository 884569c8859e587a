"""What /export puts in its files: a ledger's or a whole coop's entries over a period, with the
report à nouveau at its start, the accounts' labels and the receipts' file ids.

Access is checked here: a ledger for whoever reads it (its teacher, the coop's managers and
vérificateurs, the AD), a whole coop for whoever reads the coop (not a teacher).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

from sqlmodel import Session, select

from store import book_years, books, crf, reports
from store.balances import balances as ledger_balances
from store.access import Action, Forbidden, may, require
from store.models import (
    Coop, Department, Direction, Entry, Ledger, LedgerKind, MandateChange, Person, Receipt, Role, RoleKind, Split,
    Treasury,
)  # fmt: skip
from store.people import Who, coop_by_affiliation, example_affiliation
from store.text import folded
from store.years import fiscal_year_bounds, fiscal_year_of, today_in


class ExportError(Exception):
    """A period that cannot be exported: 'backwards' (ends before it starts), 'span' (over two fiscal years)."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Scope:
    """What is exported: one ledger, or (``ledger_id`` None) every ledger of the coop."""

    coop_id: int
    affiliation: str
    ledger_id: int | None
    name: str  # the ledger's name, or the coop's affiliation
    today: date
    years: tuple[int, ...]  # the current fiscal year, and last year while it is open


@dataclass(frozen=True)
class ExportChoices:
    """/export's buttons: the ledgers read, the coops read whole; ``staff``: may type any coop of a department."""

    ledgers: tuple[Scope, ...]
    coops: tuple[Scope, ...]
    staff: bool
    example: str = ""  # a coop number to show as an example: one the person reads, else of their department
    department: str = ""  # AD staff: their department (the first, if several)


@dataclass(frozen=True)
class ReceiptFile:
    file_id: str
    mime_type: str
    path: str


@dataclass(frozen=True)
class Line:
    """A live entry of the period; ``splits``: (code, label, cents), empty for an internal movement."""

    ledger_name: str
    piece: str
    day: date
    label: str
    direction: Direction
    treasury: Treasury
    means: str
    cheque_number: str | None
    amount: int
    splits: tuple[tuple[str, str, int], ...]
    project: str | None
    movement: bool
    receipts: tuple[ReceiptFile, ...]

    @property
    def signed(self) -> int:
        return self.amount if self.direction == Direction.RECETTE else -self.amount


@dataclass(frozen=True)
class LedgerBook:
    name: str
    kind: LedgerKind
    opening_banque: int  # on the period's first day, before its entries
    opening_caisse: int
    lines: tuple[Line, ...]  # by date, then as recorded

    @property
    def banque(self) -> int:
        return self.opening_banque + sum(x.signed for x in self.lines if x.treasury == Treasury.BANQUE)

    @property
    def caisse(self) -> int:
        return self.opening_caisse + sum(x.signed for x in self.lines if x.treasury == Treasury.CAISSE)


@dataclass(frozen=True)
class ExportBook:
    affiliation: str
    school_name: str
    commune: str
    department_code: str
    name: str  # the ledger's name, or the coop's affiliation
    first: date
    last: date
    made_on: date
    ledgers: tuple[LedgerBook, ...]  # the school's first, then the classes by name

    @property
    def whole_year(self) -> bool:
        return (self.first, self.last) == fiscal_year_bounds(fiscal_year_of(self.first))


def _years(session: Session, coop: Coop) -> tuple[date, tuple[int, ...]]:
    today = today_in(session.get(Department, coop.department_code).timezone)
    current = fiscal_year_of(today)
    return today, tuple(y for y in (current, current - 1) if y == current or not book_years.is_closed(session, coop.id, y))


def _scope(session: Session, coop: Coop, row: Ledger | None) -> Scope:
    today, years = _years(session, coop)
    return Scope(coop.id, coop.affiliation, row.id if row else None, row.name if row else coop.affiliation,
                 today, years)  # fmt: skip


def _ledgers(session: Session, coop_id: int) -> list[Ledger]:
    return list(session.exec(select(Ledger).where(Ledger.coop_id == coop_id)
                             .order_by(Ledger.kind.desc(), Ledger.name)))  # fmt: skip


def export_choices(session: Session, who: Who) -> ExportChoices:
    """The ledgers and coops this person may export, and whether they may type a coop (AD staff)."""
    ledgers, coops = [], []
    for coop_id in sorted({role.coop_id for role in who.roles if role.coop_id is not None}):
        coop = session.get(Coop, coop_id)
        target = dict(coop_id=coop.id, department_code=coop.department_code)
        if may(who, Action.READ_COOP, **target):
            coops.append(_scope(session, coop, None))
        ledgers += [_scope(session, coop, x) for x in _ledgers(session, coop.id)
                    if may(who, Action.READ_LEDGER, ledger_id=x.id, **target)]  # fmt: skip
    staff = [role.department_code for role in who.roles
             if role.department_code is not None and may(who, Action.STAFF, department_code=role.department_code)]
    return ExportChoices(tuple(ledgers), tuple(coops), bool(staff), _example(session, ledgers + coops, sorted(staff)),
                         min(staff, default=""))  # fmt: skip


def _example(session: Session, scopes: list[Scope], departments: list[str]) -> str:
    """A coop number to give as an example: the person's own coop, else the first of their department;
    empty while their department has none."""
    if scopes:
        return scopes[0].affiliation
    return example_affiliation(session, departments) or ""


def pick_scope(session: Session, who: Who, *, ledger_id: int | None = None, coop_id: int | None = None) -> Scope:
    """A ledger (READ_LEDGER) or a whole coop (READ_COOP) chosen by button; Forbidden if not readable."""
    row = session.get(Ledger, ledger_id) if ledger_id is not None else None
    coop = session.get(Coop, row.coop_id if row else coop_id) if (row or coop_id is not None) else None
    if coop is None or (ledger_id is not None and row is None):
        raise Forbidden(Action.READ_LEDGER)
    target = dict(coop_id=coop.id, department_code=coop.department_code)
    if row is not None:
        require(who, Action.READ_LEDGER, ledger_id=row.id, **target)
    else:
        require(who, Action.READ_COOP, **target)
    return _scope(session, coop, row)


def typed_coop(session: Session, who: Who, typed: str) -> Scope | str:
    """AD staff: the whole coop whose affiliation, or school's name, was typed, if it is of their
    department; else the coop number to give as an example (as ``export_choices`` gives it)."""
    coop = coop_by_affiliation(session, typed.strip()) or _coop_named(session, who, typed)
    if coop is None or not may(who, Action.READ_COOP, coop_id=coop.id, department_code=coop.department_code):
        return export_choices(session, who).example
    return _scope(session, coop, None)


def _coop_named(session: Session, who: Who, typed: str) -> Coop | None:
    """The one coop of the person's departments whose school's name is the typed text (case, spaces
    and accents aside), or the only one that contains it; None if none or several."""
    key = folded(typed)
    if len(key) < 3 or not who.departments():
        return None
    coops = session.exec(select(Coop).where(Coop.department_code.in_(who.departments()))).all()
    found = [c for c in coops if folded(c.school_name) == key] or [c for c in coops if key in folded(c.school_name)]
    return found[0] if len(found) == 1 else None


def check_period(first: date, last: date) -> None:
    """A period runs forward, within one fiscal year (the report à nouveau is per year)."""
    if last < first:
        raise ExportError("backwards")
    if fiscal_year_of(first) != fiscal_year_of(last):
        raise ExportError("span")


def gather(session: Session, who: Who, *, first: date, last: date, ledger_id: int | None = None,
           coop_id: int | None = None) -> ExportBook:  # fmt: skip
    """The live entries of the ledger (or of every ledger of the coop) dated ``first`` to ``last``."""
    check_period(first, last)
    scope = pick_scope(session, who, ledger_id=ledger_id, coop_id=coop_id)
    coop = session.get(Coop, scope.coop_id)
    rows = [session.get(Ledger, ledger_id)] if ledger_id is not None else _ledgers(session, coop.id)
    chart = books.chart_of(session, coop)
    year = fiscal_year_of(first)
    entries = session.exec(select(Entry).where(
        Entry.ledger_id.in_([x.id for x in rows]), Entry.fiscal_year == year, Entry.day <= last,
        Entry.cancelled_at.is_(None)).order_by(Entry.day, Entry.id)).all()  # fmt: skip
    ids = [e.id for e in entries]
    splits, receipts = defaultdict(list), defaultdict(list)
    if ids:
        for s in session.exec(select(Split).where(Split.entry_id.in_(ids)).order_by(Split.id)):
            account = chart.get(s.account_code)
            splits[s.entry_id].append((s.account_code, account.label if account else s.account_code, s.amount))
        for r in session.exec(select(Receipt).where(Receipt.entry_id.in_(ids)).order_by(Receipt.id)):
            receipts[r.entry_id].append(ReceiptFile(r.file_id, r.mime_type, r.path))
    ledger_books = []
    for row in rows:
        opening = ledger_balances(session, who, row.id, year)
        banque, caisse, lines = opening.opening_banque, opening.opening_caisse, []
        for e in (e for e in entries if e.ledger_id == row.id):
            signed = e.amount if e.direction == Direction.RECETTE else -e.amount
            if e.day < first:  # before the period: part of its report à nouveau
                banque += signed if e.treasury == Treasury.BANQUE else 0
                caisse += signed if e.treasury == Treasury.CAISSE else 0
                continue
            lines.append(Line(row.name, f"{e.piece_prefix}{e.piece_number}", e.day, e.label, e.direction,
                              e.treasury, e.means.value, e.cheque_number, e.amount, tuple(splits[e.id]), e.project,
                              e.movement_id is not None, tuple(receipts[e.id])))  # fmt: skip
        ledger_books.append(LedgerBook(row.name, row.kind, banque, caisse, tuple(lines)))
    return ExportBook(coop.affiliation, coop.school_name, coop.commune, coop.department_code, scope.name, first,
                      last, scope.today, tuple(ledger_books))  # fmt: skip


@dataclass(frozen=True)
class ExportFile:
    """What one file of /export is drawn from: the entries, and the year's report where the file shows it."""

    book: ExportBook
    report: tuple[reports.ReportView, date] | None = None  # a compte rendu: reports.year_view
    figures: crf.YearReport | None = None  # a whole coop's exercice in Excel: its CRF sheet


def export_file(session: Session, who: Who, kind: str, *, first: date, last: date, ledger_id: int | None = None,
                coop_id: int | None = None) -> ExportFile:  # fmt: skip
    """/export's file of ``kind`` (csv, xlsx, pdf, crf, zip): ``gather``'s entries, with the compte rendu
    (crf) or the CRF sheet's figures (xlsx of a whole coop's exercice)."""
    book = gather(session, who, first=first, last=last, ledger_id=ledger_id, coop_id=coop_id)
    if kind == "crf":
        return ExportFile(book, report=reports.year_view(session, who, coop_id, fiscal_year_of(first)))
    if kind == "xlsx" and ledger_id is None and book.whole_year:
        return ExportFile(book, figures=crf.year_report(session, who, coop_id, fiscal_year_of(first)))
    return ExportFile(book)


@dataclass(frozen=True)
class YearPicture:
    """A coop's year month by month (September first), and its charges by account."""

    affiliation: str
    year: int
    months: tuple[date, ...]  # the first day of each month
    receipts: tuple[int, ...]  # produits of each month, internal movements left out
    expenses: tuple[int, ...]  # charges of each month
    balances: tuple[int, ...]  # banque + caisse at the end of each month (of the months begun)
    charges: tuple[tuple[str, int], ...]  # (account label, cents), largest first


def year_picture(session: Session, who: Who, coop_id: int, year: int) -> YearPicture:
    """What /solde draws for a coop read whole (managers, vérificateurs, the AD)."""
    first, last = fiscal_year_bounds(year)
    book = gather(session, who, first=first, last=last, coop_id=coop_id)
    months = tuple(date(year + (m < 9), m, 1) for m in (9, 10, 11, 12, 1, 2, 3, 4, 5, 6, 7, 8))
    receipts, expenses, charges = [0] * 12, [0] * 12, defaultdict(int)
    moves = [0] * 12
    for line in (x for b in book.ledgers for x in b.lines):
        month = months.index(line.day.replace(day=1))
        moves[month] += line.signed
        if line.movement:
            continue
        (receipts if line.direction == Direction.RECETTE else expenses)[month] += line.amount
        if line.direction == Direction.DEPENSE:
            for _, label, amount in line.splits:
                charges[label] += amount
    balance = sum(b.opening_banque + b.opening_caisse for b in book.ledgers)
    balances = []
    for month, moved in zip(months, moves):
        if month > book.made_on:
            break
        balance += moved
        balances.append(balance)
    return YearPicture(book.affiliation, year, months, tuple(receipts), tuple(expenses), tuple(balances),
                       tuple(sorted(charges.items(), key=lambda item: -item[1])))  # fmt: skip


@dataclass(frozen=True)
class MandateForm:
    """The change of mandataire / signataires form, for the bank, once the AD has confirmed it."""

    affiliation: str
    school_name: str
    commune: str
    department_code: str
    department_name: str
    former: tuple[str, ...]  # the mandataires the change ended
    successor: str
    signataires: tuple[str, ...]  # after the change
    confirmed_on: date


def mandate_form(session: Session, who: Who, change_id: int) -> MandateForm:
    """The names and the coop of a confirmed change of mandataire; for the AD staff of the coop."""
    change = session.get(MandateChange, change_id)
    coop = session.get(Coop, change.coop_id) if change else None
    if coop is None or change.confirmed_at is None:
        raise Forbidden(Action.STAFF)
    require(who, Action.STAFF, coop_id=coop.id, department_code=coop.department_code)

    def holders(kind: RoleKind, *conditions) -> list[tuple[str, datetime | None]]:
        return list(session.exec(select(Person.name, Role.ended_at).join(Role, Role.person_id == Person.id)
                                 .where(Role.coop_id == coop.id, Role.kind == kind, *conditions)
                                 .order_by(Person.name)))  # fmt: skip

    ended = holders(RoleKind.MANDATAIRE, Role.ended_at.is_not(None))
    last_ended = max((at for _, at in ended), default=None)  # the confirmation ended these roles
    department = session.get(Department, coop.department_code)
    confirmed = change.confirmed_at if change.confirmed_at.tzinfo else change.confirmed_at.replace(tzinfo=timezone.utc)
    return MandateForm(
        coop.affiliation, coop.school_name, coop.commune, coop.department_code, department.name,
        tuple(name for name, at in ended if at == last_ended), session.get(Person, change.successor_id).name,
        tuple(name for name, _ in holders(RoleKind.SIGNATAIRE, Role.ended_at.is_(None))),
        confirmed.astimezone(ZoneInfo(department.timezone)).date(),
    )  # fmt: skip
