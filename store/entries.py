"""Entries of a cahier: record, edit, cancel, receipts, cheque numbers and what the entry dialogue needs,
a line typed with /depense or /recette recorded at once included."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from sqlmodel import Session, select

from store import audit
from store.access import Action, Forbidden, require
from store.accounts import Account, Chart, normalise
from store.entry_words import NotWritten, Repeated, read_extras
from store.balances import Balances, _balances
from store.book_years import report_sent, require_warned, _check_day, _require_caisse, _require_changeable, _require_started
from store.books import accounts_for, chart_of, clean_giver, typed_giver, _coop_ledgers, _check_amount, _check_means, _CHEQUE_NUMBER, _clean_cheque_number, _clean_label, clean_project, _deposited, EntryView, _insert_entry, _parts, ReceiptView, _require_entry, _require_ledger, _resolve_splits, _snapshot, _tick_of, treasury_of, typed_label, UNCHANGED, _views
from store.errors import LedgerError
from store.lookups import accounts_by_use, LedgerRef, ledgers_for
from store.models import Coop, Department, Direction, Entry, Ledger, LedgerKind, Means, Receipt, Split, Treasury, utcnow
from store.people import Who
from store.years import fiscal_year_of, today_in


def get_entry(session: Session, who: Who, entry_id: int, *, write: bool = False) -> EntryView:
    """One entry, with its ventilation, receipts, whether it is ticked or cancelled, and whether its
    year's report is with the AD (a change would modify it). ``write``: Forbidden unless this person
    may change it too (the edit menu, its questions, the cancellation's card)."""
    entry, ledger, coop = _require_entry(session, who, Action.READ_LEDGER, entry_id)
    if write:
        require(who, Action.WRITE_LEDGER, coop_id=coop.id, department_code=coop.department_code, ledger_id=ledger.id)
    return _view_of(session, entry, coop)


def _view_of(session: Session, entry: Entry, coop: Coop) -> EntryView:
    view = _views(session, [entry], chart_of(session, coop))[0]
    return replace(view, report_sent=report_sent(session, coop.id, entry.fiscal_year))


def entry_history(session: Session, who: Who, entry_id: int) -> tuple[audit.AuditView, ...]:
    """The entry's audit trail, oldest first: who created, edited, cancelled it, when, before/after."""
    _require_entry(session, who, Action.READ_LEDGER, entry_id)
    return audit.events(session, "entry", entry_id)


def entry_with_history(session: Session, who: Who, entry_id: int) -> tuple[EntryView, tuple[audit.AuditView, ...]]:
    """🕓 Historique: the entry (get_entry) and its audit trail (entry_history)."""
    return get_entry(session, who, entry_id), entry_history(session, who, entry_id)


def entry_accounts(session: Session, who: Who, entry_id: int) -> tuple[EntryView, tuple[Account, ...]]:
    """An entry's new account asked: the entry, for who may change it, and the accounts of its direction,
    its ledger's most used first (accounts_by_use)."""
    entry = get_entry(session, who, entry_id, write=True)
    return entry, accounts_by_use(session, who, entry.ledger_id, entry.direction)


def record_entry(session: Session, who: Who, ledger_id: int, *, direction: Direction, day: date,
                 label: str, means: Means, amount: int,
                 splits: Sequence[tuple[str, int]] | str, today: date, cheque_number: str | None = None,
                 project: str | None = None, treasury: Treasury | None = None,
                 giver: str | None = None) -> EntryView:  # fmt: skip
    """A recette or dépense of a ledger, ventilated over the chart (class 7 or 6).

    ``splits``: (account code or alias, cents) pairs adding up to ``amount``, or one
    account for all of it. A cheque needs its number; the caisse takes only espèces
    and never goes below zero. The treasury follows the means (a given one must agree).
    A recette on a grant account names its ``giver``."""
    ledger, coop = _require_ledger(session, who, Action.WRITE_LEDGER, ledger_id)
    return _record(session, who, ledger, coop, direction=direction, day=day, label=label, means=means, amount=amount,
                   splits=splits, today=today, cheque_number=cheque_number, project=project, treasury=treasury,
                   giver=giver)  # fmt: skip


def _record(session: Session, who: Who, ledger: Ledger, coop: Coop, *, direction: Direction, day: date, label: str,
            means: Means, amount: int, splits: Sequence[tuple[str, int]] | str, today: date,
            cheque_number: str | None = None, project: str | None = None, treasury: Treasury | None = None,
            giver: str | None = None) -> EntryView:  # fmt: skip
    """record_entry in a ledger already required (and locked) for writing."""
    direction, means = Direction(direction), Means(means)
    treasury = treasury_of(means) if treasury is None else Treasury(treasury)
    amount, label = _check_amount(amount), _clean_label(label)
    year = _check_day(session, coop.id, day, today)
    _require_started(session, ledger.id, year)
    _check_means(treasury, means, direction)
    cheque_number = _clean_cheque_number(means, cheque_number)
    project = clean_project(project)
    chart = chart_of(session, coop)
    parts = _resolve_splits(chart, direction, amount, splits)
    giver = clean_giver(chart, direction, parts, giver)
    if treasury == Treasury.CAISSE and direction == Direction.DEPENSE:
        _require_caisse(session, ledger.id, year, day, add=[(day, -amount)])
    entry = _insert_entry(session, who, ledger, year, parts, day=day, label=label, direction=direction,
                          treasury=treasury, means=means, cheque_number=cheque_number, amount=amount,
                          project=project, giver=giver)  # fmt: skip
    return _views(session, [entry], chart)[0]


def check_entry_day(session: Session, who: Who, ledger_id: int, day: date, *, today: date) -> int:
    """The fiscal year of an entry dated ``day`` in the ledger, or the LedgerError recording would raise."""
    ledger, coop = _require_ledger(session, who, Action.WRITE_LEDGER, ledger_id)
    year = _check_day(session, coop.id, day, today)
    _require_started(session, ledger.id, year)
    return year


def edit_entry(session: Session, who: Who, entry_id: int, *, today: date, day: date = UNCHANGED,
               label: str = UNCHANGED, treasury: Treasury = UNCHANGED, means: Means = UNCHANGED,
               cheque_number: str | None = UNCHANGED, amount: int = UNCHANGED,
               splits: Sequence[tuple[str, int]] | str = UNCHANGED,
               project: str | None = UNCHANGED, giver: str | None = UNCHANGED,
               warned: bool = False) -> EntryView:  # fmt: skip
    """Change an entry of an open year; the audit trail keeps the before and after.

    The direction and the year stay (cancel and record anew instead). A new amount with
    one split moves that split along; with several, give the new ``splits``. The treasury
    follows the means. In a year whose report is with the AD (the entry's, or its new date's):
    refused (report_unconfirmed) unless the person was ``warned``."""
    entry, ledger, coop = _require_entry(session, who, Action.WRITE_LEDGER, entry_id)
    _require_changeable(session, entry, coop, today)
    if entry.movement_id is not None:
        raise LedgerError("movement")
    chart = chart_of(session, coop)
    old_parts = _parts(session, entry.id)
    new = {
        "day": entry.day if day is UNCHANGED else day,
        "label": entry.label if label is UNCHANGED else typed_label(label),
        "means": entry.means if means is UNCHANGED else Means(means),
        "amount": entry.amount if amount is UNCHANGED else _check_amount(amount),
        "project": entry.project if project is UNCHANGED else clean_project(project),
    }
    new["treasury"] = treasury_of(new["means"]) if treasury is UNCHANGED else Treasury(treasury)
    if day is not UNCHANGED and _check_day(session, coop.id, new["day"], today) != entry.fiscal_year:
        raise LedgerError("other_year")
    _check_means(new["treasury"], new["means"], entry.direction if new["means"] != entry.means else None)
    new["cheque_number"] = _clean_cheque_number(
        new["means"], entry.cheque_number if cheque_number is UNCHANGED else cheque_number)
    parts = _edited_parts(chart, entry, old_parts, new["amount"], splits)
    new["giver"] = clean_giver(chart, entry.direction, parts, entry.giver if giver is UNCHANGED else giver,
                               typed=giver is not UNCHANGED)  # fmt: skip
    bank_fields = ("day", "amount", "treasury", "means", "cheque_number")
    if any(new[f] != getattr(entry, f) for f in bank_fields) and _tick_of(session, entry.id):
        raise LedgerError("ticked")
    if any(new[f] != getattr(entry, f) for f in bank_fields) and _deposited(session, [entry.id]):
        raise LedgerError("deposited")
    if Treasury.CAISSE in (entry.treasury, new["treasury"]):
        signed = new["amount"] if entry.direction == Direction.RECETTE else -new["amount"]
        added = [(new["day"], signed)] if new["treasury"] == Treasury.CAISSE else []
        _require_caisse(session, ledger.id, entry.fiscal_year, new["day"], remove=[entry.id], add=added)
    for year in sorted({entry.fiscal_year, fiscal_year_of(new["day"])}):  # one year while other_year holds
        require_warned(session, coop.id, year, warned)
    before = _snapshot(entry, old_parts)
    for field, value in new.items():
        setattr(entry, field, value)
    if parts != old_parts:
        for split in session.exec(select(Split).where(Split.entry_id == entry.id)):
            session.delete(split)
        session.flush()
        session.add_all([Split(entry_id=entry.id, account_code=code, amount=cents) for code, cents in parts])
    session.add(entry)
    session.flush()
    after = _snapshot(entry, parts)
    if after != before:
        audit.record(session, who, "entry", entry.id, "edit", coop_id=coop.id, before=before, after=after)
    return _views(session, [entry], chart)[0]


def _edited_parts(chart: Chart, entry: Entry, old_parts: list[tuple[str, int]], amount: int,
                  splits: Sequence[tuple[str, int]] | str) -> list[tuple[str, int]]:  # fmt: skip
    if splits is not UNCHANGED:
        return _resolve_splits(chart, entry.direction, amount, splits)
    if amount == entry.amount:
        return old_parts
    if len(old_parts) == 1:
        return [(old_parts[0][0], amount)]
    raise LedgerError("splits_mismatch", difference=amount - entry.amount)


def cancel_entry(session: Session, who: Who, entry_id: int, *, today: date, warned: bool = False) -> EntryView:
    """Cancel an entry (both legs of a movement): it stays in the journal, flagged, with its number.
    In a year whose report is with the AD: refused (report_unconfirmed) unless the person was ``warned``."""
    entry, _, coop = _require_entry(session, who, Action.WRITE_LEDGER, entry_id)
    legs = [entry]
    if entry.movement_id is not None:
        legs = list(session.exec(select(Entry).where(Entry.movement_id == entry.movement_id).order_by(Entry.id)))
        for leg in legs:
            _require_ledger(session, who, Action.WRITE_LEDGER, leg.ledger_id)
    for leg in legs:
        _require_changeable(session, leg, coop, today)
    if any(_tick_of(session, leg.id) for leg in legs):
        raise LedgerError("ticked")
    leg_ids = [leg.id for leg in legs]
    if _deposited(session, leg_ids):
        raise LedgerError("deposited")
    for leg in legs:
        if leg.treasury == Treasury.CAISSE and leg.direction == Direction.RECETTE:
            _require_caisse(session, leg.ledger_id, leg.fiscal_year, leg.day, remove=leg_ids)
    require_warned(session, coop.id, entry.fiscal_year, warned)
    now = utcnow()
    for leg in legs:
        parts = _parts(session, leg.id)
        before = _snapshot(leg, parts)
        leg.cancelled_at, leg.cancelled_by = now, who.person.id
        session.add(leg)
        audit.record(session, who, "entry", leg.id, "cancel", coop_id=coop.id, before=before,
                     after=_snapshot(leg, parts))  # fmt: skip
    session.flush()
    return _views(session, [entry], chart_of(session, coop))[0]


@dataclass(frozen=True)
class EntryChange:
    """A change (or the cancellation) asked of an entry: made (with its ledger's ``balances`` after it), or not, the
    entry as it stands and what comes instead: each part of a split entry's new amount to ask (``parts``), a
    dépense's cheque number the coop already used to confirm (``cheque_used``), or the ``refused`` change."""

    entry: EntryView
    balances: Balances | None = None
    parts: bool = False
    cheque_used: EntryView | None = None
    refused: LedgerError | None = None


def change_entry(session: Session, who: Who, entry_id: int, *, warned: bool = False, check: bool = False,
                 **changes: Any) -> EntryChange:  # fmt: skip
    """edit_entry, dated against today where the entry's coop is, with its ledger's balances after it.
    ``check``: the value was just typed at its question, so that a split entry's new amount asks each
    part first, and a dépense's cheque number the coop already used is named first, nothing changed.
    A refusal (raised before anything is written) comes back with the entry as it stands."""
    entry, ledger, coop = _require_entry(session, who, Action.WRITE_LEDGER, entry_id)
    view = _view_of(session, entry, coop)
    if check and "amount" in changes and len(view.splits) > 1 and changes["amount"] != view.amount:
        return EntryChange(view, parts=True)
    number = changes.get("cheque_number")
    if check and number and view.direction == Direction.DEPENSE:
        used = cheque_used(session, who, view.ledger_id, number, exclude=view.id)
        if used is not None:
            return EntryChange(view, cheque_used=used)
    today = today_in(session.get(Department, coop.department_code).timezone)
    try:
        edited = edit_entry(session, who, entry_id, today=today, warned=warned, **changes)
    except LedgerError as refused:
        return EntryChange(view, refused=refused)
    return EntryChange(edited, _balances(session, ledger, edited.fiscal_year))


def cancel_entry_with_balances(session: Session, who: Who, entry_id: int, *, warned: bool = False) -> EntryChange:
    """cancel_entry, dated against today where the entry's coop is, with its ledger's balances after it; a
    refusal (raised before anything is written) comes back with the entry as it stands."""
    entry, ledger, coop = _require_entry(session, who, Action.WRITE_LEDGER, entry_id)
    try:
        cancelled = cancel_entry(session, who, entry_id, warned=warned,
                                 today=today_in(session.get(Department, coop.department_code).timezone))
    except LedgerError as refused:
        return EntryChange(_view_of(session, entry, coop), refused=refused)
    return EntryChange(cancelled, _balances(session, ledger, cancelled.fiscal_year))


def attach_receipt(session: Session, who: Who, entry_id: int, *, file_id: str, file_unique_id: str,
                   path: str, mime_type: str, size: int, today: date | None = None) -> ReceiptView:  # fmt: skip
    """Record the justificatif of an entry: the Telegram file and where its copy is kept (``today``: where the
    entry's coop is, unless given)."""
    entry, _, coop = _require_entry(session, who, Action.WRITE_LEDGER, entry_id)
    today = today or today_in(session.get(Department, coop.department_code).timezone)
    _require_changeable(session, entry, coop, today)
    values = {"file_id": file_id, "file_unique_id": file_unique_id, "path": path, "mime_type": mime_type}
    for field, limit in (("file_id", 255), ("file_unique_id", 64), ("path", 500), ("mime_type", 100)):
        if not isinstance(values[field], str) or not 1 <= len(values[field]) <= limit:
            raise LedgerError("receipt_invalid", field=field)
    if type(size) is not int or size < 0:
        raise LedgerError("receipt_invalid", field="size")
    receipt = Receipt(entry_id=entry.id, size=size, attached_by=who.person.id, **values)
    session.add(receipt)
    session.flush()
    audit.record(session, who, "entry", entry.id, "attach", coop_id=coop.id,
                 after={"receipt_id": receipt.id, **values, "size": size})  # fmt: skip
    return ReceiptView(receipt.id, entry.id, file_id, file_unique_id, path, mime_type, size, receipt.attached_at)


def _issued_cheques(session: Session, coop_id: int):
    """The coop's cheques written (dépenses), not cancelled: a query over Entry."""
    return (select(Entry).join(Ledger, Ledger.id == Entry.ledger_id)
            .where(Ledger.coop_id == coop_id, Entry.means == Means.CHEQUE, Entry.direction == Direction.DEPENSE,
                   Entry.cheque_number.is_not(None), Entry.cancelled_at.is_(None)))  # fmt: skip


def next_cheque_number(session: Session, who: Who, ledger_id: int) -> str | None:
    """The first unused number after the coop's last cheque, as a suggestion (None before the first)."""
    _, coop = _require_ledger(session, who, Action.WRITE_LEDGER, ledger_id)
    issued = session.exec(_issued_cheques(session, coop.id).order_by(Entry.id.desc())).all()
    if not issued:
        return None
    last = issued[0].cheque_number
    used = {int(entry.cheque_number) for entry in issued}
    candidate = int(last) + 1
    while candidate in used:  # a class may already have written the next one
        candidate += 1
    if len(str(candidate)) > 12:
        return None
    return str(candidate).zfill(len(last))


def cheque_used(session: Session, who: Who, ledger_id: int, number: str, *,
                exclude: int | None = None) -> EntryView | None:  # fmt: skip
    """The coop's entry (any ledger, other than ``exclude``) that already used this cheque number, if any."""
    _, coop = _require_ledger(session, who, Action.WRITE_LEDGER, ledger_id)
    if not _CHEQUE_NUMBER.fullmatch(number or ""):
        return None
    issued = session.exec(_issued_cheques(session, coop.id).order_by(Entry.id)).all()
    entry = next((e for e in issued if int(e.cheque_number) == int(number) and e.id != exclude), None)  # 0001236 is 1236
    return _views(session, [entry], chart_of(session, coop))[0] if entry else None


def bank_after_expense(session: Session, who: Who, ledger_id: int, *, day: date, amount: int) -> int | None:
    """A class ledger's banque after a dépense of ``amount``, when that goes below zero (else None).

    Not a refusal: a class may be advanced money by the school coop (a movement), or
    the expense may come before a receipt."""
    ledger, _ = _require_ledger(session, who, Action.WRITE_LEDGER, ledger_id)
    if ledger.kind != LedgerKind.CLASSE:
        return None
    after = _balances(session, ledger, fiscal_year_of(day)).banque - amount
    return after if after < 0 else None


@dataclass(frozen=True)
class EntryContext:
    """What reading a /depense or /recette line needs: the ledgers, and the accounts of the one in use."""

    refs: tuple[LedgerRef, ...]
    ledger_id: int | None  # the ledger named (or the only one), whose accounts follow
    accounts: tuple[Account, ...]
    bank_checked: bool = False  # bank_after is for the day, amount and means given
    bank_after: int | None = None  # as bank_after_expense
    day: date | None = None  # the day given
    report_sent: bool = False  # that day's year has its report with the AD: saving modifies it (warn first)
    cheques: bool = False  # next_cheque and cheque_used were read as asked (the draft's cheque step)
    next_cheque: str | None = None  # suggest_cheque: the number after the coop's last cheque (next_cheque_number)
    cheque_used: EntryView | None = None  # the coop's entry that already used the ``cheque`` number given


def entry_context(session: Session, who: Who, direction: Direction, *, ledger_id: int | None = None,
                  names: Sequence[str] = (), day: date | None = None, amount: int | None = None,
                  means: Means | None = None, check_day: bool = False, cheques: bool = False,
                  suggest_cheque: bool = False, cheque: str | None = None) -> EntryContext:  # fmt: skip
    """The ledgers this person writes in and the accounts, most used first, of ``ledger_id``,
    else of the ledger named among ``names``, else of the only ledger. With ``day``, ``amount`` and
    ``means``: the bank warning too; ``check_day``: the LedgerError recording on that day would raise;
    ``cheques``: the number to suggest (``suggest_cheque``) and the entry that already used ``cheque``."""
    refs = tuple(ledgers_for(session, who, write=True))
    if ledger_id is None:
        named = {normalise(n) for n in names}
        ledger_id = next((r.id for r in refs if normalise(r.name) in named), None)
    if ledger_id is None and len(refs) == 1:
        ledger_id = refs[0].id
    ref = next((r for r in refs if r.id == ledger_id), None)
    if ref is None and ledger_id is not None:  # a ledger this person does not write in (a forged button)
        raise Forbidden(Action.WRITE_LEDGER)
    if ref is None:
        return EntryContext(refs, None, ())
    if check_day:
        check_entry_day(session, who, ref.id, day, today=today_in(ref.timezone))
    accounts = accounts_by_use(session, who, ref.id, direction)
    sent = day is not None and report_sent(session, ref.coop_id, fiscal_year_of(day))
    read = {"cheques": cheques}
    if cheques:
        read["next_cheque"] = next_cheque_number(session, who, ref.id) if suggest_cheque else None
        read["cheque_used"] = cheque_used(session, who, ref.id, cheque) if cheque else None
    if day is None or amount is None or means is None:
        return EntryContext(refs, ref.id, accounts, day=day, report_sent=sent, **read)
    bank_after = None
    if direction == Direction.DEPENSE and means != Means.ESPECES:
        bank_after = bank_after_expense(session, who, ref.id, day=day, amount=amount)
    return EntryContext(refs, ref.id, accounts, True, bank_after, day, sent, **read)


@dataclass(frozen=True)
class Recorded:
    """An entry just recorded, its ledger's balances after it, and the bank's warning."""

    entry: EntryView
    balances: Balances
    bank_negative: int | None = None  # a class ledger's banque after this dépense by bank, when below zero


def record_entry_with_balances(session: Session, who: Who, ledger_id: int, *, unwarned: bool = False,
                               **fields: Any) -> Recorded:  # fmt: skip
    """record_entry, dated against today where the ledger's coop is, with the ledger's balances after it
    and, for a class ledger whose banque this dépense takes below zero, that banque (as bank_after_expense).
    ``unwarned`` (a full line saved without a card): refused with report_unconfirmed (year) when the
    day's year has its report with the AD, so that the person is warned and confirms first."""
    ledger, coop = _require_ledger(session, who, Action.WRITE_LEDGER, ledger_id)
    if unwarned and isinstance(fields.get("day"), date) and report_sent(session, coop.id, fiscal_year_of(fields["day"])):
        raise LedgerError("report_unconfirmed", year=fiscal_year_of(fields["day"]))
    department = session.get(Department, coop.department_code)  # held: the identity map keeps it for what follows
    entry = _record(session, who, ledger, coop, today=today_in(department.timezone), **fields)
    after = _balances(session, ledger, entry.fiscal_year)
    warned = (ledger.kind == LedgerKind.CLASSE and entry.direction == Direction.DEPENSE
              and entry.treasury == Treasury.BANQUE and after.banque < 0)  # fmt: skip
    return Recorded(entry, after, after.banque if warned else None)


def needs_giver(direction: str, splits: Sequence[Sequence], accounts: Sequence[Account]) -> bool:
    """A recette on a grant account names who gives it (the CRF's tableau des subventions)."""
    grants = {a.code for a in accounts if a.grant}
    return direction == Direction.RECETTE and any(code in grants for code, _ in splits)


def first_missing(fields: dict, accounts: Sequence[Account]) -> str | None:
    """What a draft (as the conversation keeps it) lacks first, in the order it is asked: label, ledger,
    account, giver, means, cheque or day; None once it can be recorded."""
    if not fields.get("label"):
        return "label"
    if "ledger_id" not in fields:
        return "ledger"
    if "splits" not in fields:
        return "account"
    if needs_giver(fields["direction"], fields["splits"], accounts) and not fields.get("giver"):
        return "giver"
    if "means" not in fields:
        return "means"
    if fields["means"] == Means.CHEQUE and not fields.get("cheque"):
        return "cheque"
    return None if "day" in fields else "day"


@dataclass(frozen=True)
class LineDraft:
    """A /depense or /recette line not recorded at once: the draft its words make, and what its next step needs."""

    known: EntryContext  # the ledgers and accounts; after a refusal, the card's warnings too
    fields: dict  # the draft as the conversation keeps it: direction, amount, label, project, what the words gave
    unknown: str | None = None  # the first part not understood: nothing after the label was read
    not_written: str | None = None  # a ledger of the coop named that this person does not write in: nor was it
    repeated: Repeated | None = None  # two parts naming the same kind of thing: nothing after the label was read
    cheque_used: EntryView | None = None  # the coop's entry that already used the line's cheque number
    refused: LedgerError | None = None  # why recording was refused (report_unconfirmed: the card comes first)


def record_or_draft(session: Session, who: Who, direction: Direction, *, amount: int, label: str,
                    project: str | None, extras: Sequence[str]) -> Recorded | LineDraft:  # fmt: skip
    """A line typed with /depense or /recette, its amount, label and #projet already read: the words of
    its ``extras`` (the parts after semicolons) read against this person's ledgers and that ledger's
    accounts. Recorded at once (record_entry_with_balances, unwarned) when nothing is missing and
    nothing is to confirm, else the draft to go on with: a cheque number the coop already used is
    named, a refusal (report_unconfirmed for a year whose report is with the AD) comes with the card's
    context."""
    known = entry_context(session, who, direction, names=extras)
    fields = {"direction": direction.value, "amount": amount, "label": label, "project": project}
    if not known.refs:
        return LineDraft(known, fields)
    if label:  # one that says nothing refuses the line before its other words are read (without one, it is asked)
        try:
            typed_label(label)
        except LedgerError as refused:
            return LineDraft(known, fields, refused=refused)
    # No ledger named among several: the words are read against the chart all the same (it is the coop's,
    # not a ledger's), so that an account, a means or a giver is kept while the ledger is asked.
    words = known.accounts or _charts_of(session, who, known.refs, direction)
    writable = {r.id for r in known.refs}
    others = [x.name for c in {r.coop_id for r in known.refs} for x in _coop_ledgers(session, c) if x.id not in writable]
    found = read_extras(extras, known.refs, words, today_in(known.refs[0].timezone), others)
    if isinstance(found, str):
        return LineDraft(known, fields, unknown=found)
    if isinstance(found, NotWritten):
        return LineDraft(known, fields, not_written=found.ledger)
    if isinstance(found, Repeated):
        return LineDraft(known, fields, repeated=found)
    if len(known.refs) == 1:
        found.setdefault("ledger_id", known.refs[0].id)
    if "splits" in found:  # the one account named takes all of the amount
        found["splits"] = [[found["splits"][0][0], amount]]
    fields.update(found)
    try:  # a giver that says nothing, or too long, is asked again at once, not at the card
        if "giver" in fields:
            fields["giver"] = typed_giver(fields["giver"])
    except LedgerError as refused:
        del fields["giver"]
        return LineDraft(known, fields, refused=refused)
    if "means" in fields:  # so is a means that cannot be (a recette by prélèvement, « chèque abc »), not shown on
        means = Means(fields["means"])  # the card to be refused at ✅ (the conversation drops what is asked again)
        try:
            _check_means(treasury_of(means), means, direction)
            if fields.get("cheque"):
                _clean_cheque_number(means, fields["cheque"])
        except LedgerError as refused:
            return LineDraft(known, fields, refused=refused)
    missing = first_missing(fields, known.accounts)
    if missing not in (None, "day"):
        return LineDraft(known, fields)
    if fields["means"] == Means.CHEQUE and direction == Direction.DEPENSE:  # asked before the day
        used = cheque_used(session, who, fields["ledger_id"], fields["cheque"])
        if used is not None:
            return LineDraft(known, fields, cheque_used=used)
        fields["cheque_ok"] = fields["cheque"]
    if missing is not None:
        return LineDraft(known, fields)
    try:
        return record_draft(session, who, fields, unwarned=True)
    except LedgerError as refused:  # raised before anything is written: the draft, with what its card shows
        known = entry_context(session, who, direction, ledger_id=fields["ledger_id"], amount=amount,
                              day=date.fromisoformat(fields["day"]), means=Means(fields["means"]))  # fmt: skip
        return LineDraft(known, fields, refused=refused)


def _charts_of(session: Session, who: Who, refs: Sequence[LedgerRef], direction: Direction) -> tuple[Account, ...]:
    """The accounts of that direction of the charts of these ledgers' coops (one ledger of each coop)."""
    accounts: dict[str, Account] = {}
    for ref in {r.coop_id: r for r in refs}.values():
        for account in accounts_for(session, who, ref.id, direction):
            accounts.setdefault(account.code, account)
    return tuple(accounts.values())


def record_draft(session: Session, who: Who, fields: dict, *, unwarned: bool = False) -> Recorded:
    """record_entry_with_balances of a draft as the conversation keeps it (dates and means as text); its label
    was typed (label_letters: one that says nothing)."""
    return record_entry_with_balances(
        session, who, fields["ledger_id"], unwarned=unwarned, direction=Direction(fields["direction"]),
        day=date.fromisoformat(fields["day"]), label=typed_label(fields["label"]), means=Means(fields["means"]),
        amount=fields["amount"], splits=[tuple(part) for part in fields["splits"]],
        cheque_number=fields.get("cheque"), project=fields.get("project"), giver=fields.get("giver"))  # fmt: skip
