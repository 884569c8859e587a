"""Bank reconciliation per coop: statements, ticks, and the cheques deposited on a remise."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import case, func
from sqlmodel import Session, select

from store import audit
from store.access import Action, Forbidden, may, require
from store.book_years import _check_day, _opening_amounts, report_sent, require_warned, _require_open_year
from store.books import chart_of, _check_cents, _coop, _coop_ledgers, EntryView, _require_coop, _require_entry, _take_coop, _tick_of, _undeposited, _views
from store.errors import LedgerError
from store.models import ChequeDeposit, Coop, DepositedCheque, Direction, Entry, Ledger, Statement, Tick, Treasury
from store.money import MAX_CENTS
from store.people import Who
from store.years import fiscal_year_bounds, fiscal_year_of


@dataclass(frozen=True)
class Reconciliation:
    """A bank statement and the coop's books on its date (rapprochement bancaire).

    expected = book banque + outstanding dépenses (cheques issued not yet cashed…) −
    outstanding recettes (deposits not yet credited): what the bank should show.
    difference = statement balance − expected. Nothing ticked yet, it is the statement
    balance − (opening banque + bank movements ticked so far); ticking the entries the
    statement shows brings it to zero, the success state (``balanced``).
    """

    statement_id: int
    coop_id: int
    day: date
    statement_balance: int
    book_banque: int  # all the coop's ledgers, on that day
    outstanding_debits: int  # unticked bank dépenses up to that day, positive
    outstanding_credits: int  # unticked bank recettes up to that day
    ticked: tuple[EntryView, ...]  # ticked on this statement
    outstanding: tuple[EntryView, ...]  # bank entries up to that day still to tick, by date
    report_sent: bool = False  # its year's report is with the AD: ticking modifies it (warn first)

    @property
    def expected(self) -> int:
        return self.book_banque + self.outstanding_debits - self.outstanding_credits

    @property
    def difference(self) -> int:
        return self.statement_balance - self.expected

    @property
    def balanced(self) -> bool:
        return self.difference == 0


@dataclass(frozen=True)
class StatementView:
    id: int
    day: date
    balance: int
    ticked_count: int


@dataclass(frozen=True)
class StatementDay:
    """A day typed for a statement: the coop's statement of that day, if any, and whether its year's report
    is with the AD (recording one modifies it: warn first)."""

    statement: StatementView | None
    report_sent: bool


def _bank_entries(session: Session, coop_id: int, day: date) -> list[Entry]:
    """The coop's live bank entries up to ``day`` not ticked on a statement of that day or before,
    less internal movements between two banque sides (the bank never sees those)."""
    ticked = select(Tick.entry_id).join(Statement, Tick.statement_id == Statement.id).where(
        Statement.coop_id == coop_id, Statement.day <= day)
    entries = session.exec(
        select(Entry).join(Ledger, Entry.ledger_id == Ledger.id)
        .where(Ledger.coop_id == coop_id, Entry.treasury == Treasury.BANQUE, Entry.cancelled_at.is_(None),
               Entry.day <= day, Entry.id.not_in(ticked))
        .order_by(Entry.day, Entry.id)
    ).all()  # fmt: skip
    hidden = _bank_to_bank(session, entries)
    return [e for e in entries if e.id not in hidden]


def _bank_to_bank(session: Session, entries: Sequence[Entry]) -> set[int]:
    """Ids of legs of movements whose both sides are banque entries."""
    movement_ids = {e.movement_id for e in entries if e.movement_id is not None}
    if not movement_ids:
        return set()
    legs = defaultdict(list)
    for leg in session.exec(select(Entry).where(Entry.movement_id.in_(movement_ids))):
        legs[leg.movement_id].append(leg)
    return {leg.id for pair in legs.values() if all(x.treasury == Treasury.BANQUE for x in pair) for leg in pair}


def _book_banque(session: Session, coop_id: int, day: date) -> int:
    year = fiscal_year_of(day)
    ledger_ids = [x.id for x in _coop_ledgers(session, coop_id)]
    opening = sum(_opening_amounts(session, ledger_id, year)[0] for ledger_id in ledger_ids)
    signed = case((Entry.direction == Direction.RECETTE, Entry.amount), else_=-Entry.amount)
    moved = session.exec(select(func.coalesce(func.sum(signed), 0)).where(
        Entry.ledger_id.in_(ledger_ids), Entry.fiscal_year == year, Entry.treasury == Treasury.BANQUE,
        Entry.cancelled_at.is_(None), Entry.day <= day)).one()  # fmt: skip
    return int(opening) + int(moved)


def _reconciliation(session: Session, statement: Statement) -> Reconciliation:
    coop = session.get(Coop, statement.coop_id)
    chart = chart_of(session, coop)
    outstanding = _bank_entries(session, coop.id, statement.day)
    ticked = session.exec(select(Entry).join(Tick, Tick.entry_id == Entry.id)
                          .where(Tick.statement_id == statement.id).order_by(Entry.day, Entry.id)).all()  # fmt: skip
    debits = sum(e.amount for e in outstanding if e.direction == Direction.DEPENSE)
    credits = sum(e.amount for e in outstanding if e.direction == Direction.RECETTE)
    return Reconciliation(statement.id, coop.id, statement.day, statement.balance,
                          _book_banque(session, coop.id, statement.day), debits, credits,
                          tuple(_views(session, ticked, chart)), tuple(_views(session, outstanding, chart)),
                          report_sent(session, coop.id, fiscal_year_of(statement.day)))  # fmt: skip


def record_statement(session: Session, who: Who, coop_id: int, *, day: date, balance: int, today: date,
                     entry_ids: Iterable[int] = (), warned: bool = False) -> Reconciliation:  # fmt: skip
    """A bank statement of the coop (its date and balance), and the entries ticked on it. Dated in a year
    whose report is with the AD: refused (report_unconfirmed) unless the person was ``warned``."""
    coop = _require_coop(session, who, Action.WRITE_LEDGER, coop_id)
    year = _check_day(session, coop.id, day, today)
    if abs(_check_cents(balance)) > MAX_CENTS:
        raise LedgerError("amount_too_large")
    existing = session.exec(select(Statement).where(Statement.coop_id == coop.id, Statement.day == day)).first()
    if existing is not None:
        raise LedgerError("statement_exists", statement_id=existing.id)
    require_warned(session, coop.id, year, warned)
    statement = Statement(coop_id=coop.id, day=day, balance=balance, created_by=who.person.id)
    session.add(statement)
    session.flush()
    audit.record(session, who, "statement", statement.id, "create", coop_id=coop.id,
                 after={"day": day, "balance": balance})  # fmt: skip
    _tick(session, who, statement, list(entry_ids))
    return _reconciliation(session, statement)


def tick(session: Session, who: Who, statement_id: int, entry_ids: Iterable[int], *, today: date,
         warned: bool = False) -> Reconciliation:  # fmt: skip
    """Tick bank entries on a statement (pointage). A ticked entry stays ticked. On a statement of a year
    whose report is with the AD: refused (report_unconfirmed) unless the person was ``warned``."""
    statement = session.get(Statement, statement_id) if statement_id is not None else None
    if statement is None:
        raise Forbidden(Action.WRITE_LEDGER)
    coop = _require_coop(session, who, Action.WRITE_LEDGER, statement.coop_id)
    year, entry_ids = fiscal_year_of(statement.day), list(entry_ids)
    _require_open_year(session, coop.id, year, today)
    if entry_ids:
        require_warned(session, coop.id, year, warned)
    _tick(session, who, statement, entry_ids)
    return _reconciliation(session, statement)


@dataclass(frozen=True)
class Pointed:
    """A pointage recorded: the statement after it, how many entries it ticked, and the account number
    recorded from its file (None: none recorded)."""

    reconciliation: Reconciliation
    ticked: int
    account_recorded: str | None = None


def tick_boxes(session: Session, who: Who, statement_id: int, boxes: Iterable[int], *, today: date,
               warned: bool = False) -> Pointed:  # fmt: skip
    """/pointage's « Terminer »: the boxes ticked in the chat that the statement still lists are ticked
    on it (a box of an entry gone since is dropped); ``warned`` as for tick."""
    before = reconciliation(session, who, statement_id)
    kept = set(boxes)
    ids = [e.id for e in before.outstanding if e.id in kept]
    return Pointed(tick(session, who, statement_id, ids, today=today, warned=warned) if ids else before, len(ids))


def _tick(session: Session, who: Who, statement: Statement, entry_ids: list[int]) -> None:
    if not entry_ids:
        return
    entries = []
    for entry_id in dict.fromkeys(entry_ids):
        entry = session.get(Entry, entry_id)
        if entry is None or session.get(Ledger, entry.ledger_id).coop_id != statement.coop_id:
            raise Forbidden(Action.WRITE_LEDGER)
        if entry.treasury != Treasury.BANQUE or _bank_to_bank(session, [entry]):
            raise LedgerError("not_bank_entry", entry_id=entry_id)
        if entry.cancelled_at is not None:
            raise LedgerError("cancelled", entry_id=entry_id)
        if entry.day > statement.day:
            raise LedgerError("after_statement", entry_id=entry_id)
        if _tick_of(session, entry.id):
            raise LedgerError("already_ticked", entry_id=entry_id)
        entries.append(entry)
    session.add_all([Tick(statement_id=statement.id, entry_id=e.id, ticked_by=who.person.id) for e in entries])
    session.flush()
    audit.record(session, who, "statement", statement.id, "tick", coop_id=statement.coop_id,
                 after={"entries": [e.id for e in entries]})  # fmt: skip


def reconciliation(session: Session, who: Who, statement_id: int, *, coop_id: int | None = None) -> Reconciliation:
    """A statement and its ticks; with ``coop_id``, one of another coop is refused (a button of another chat)."""
    statement = session.get(Statement, statement_id) if statement_id is not None else None
    if statement is None:
        raise Forbidden(Action.READ_LEDGER)
    if coop_id is not None and statement.coop_id != coop_id:
        raise Forbidden(Action.WRITE_LEDGER)
    _require_coop(session, who, Action.READ_LEDGER, statement.coop_id)
    return _reconciliation(session, statement)


def statements(session: Session, who: Who, coop_id: int, year: int) -> tuple[StatementView, ...]:
    """The coop's statements dated in a fiscal year, latest first."""
    coop = _require_coop(session, who, Action.READ_LEDGER, coop_id)
    first, last = fiscal_year_bounds(year)
    rows = session.exec(
        select(Statement, func.count(Tick.id)).join(Tick, Tick.statement_id == Statement.id, isouter=True)
        .where(Statement.coop_id == coop.id, Statement.day >= first, Statement.day <= last)
        .group_by(Statement.id).order_by(Statement.day.desc())
    ).all()  # fmt: skip
    return tuple(StatementView(s.id, s.day, s.balance, count) for s, count in rows)


def statement_day(session: Session, who: Who, coop_id: int, day: date, *, today: date) -> StatementDay:
    """What /pointage needs once a statement's date is typed: the statement of that day, and the report's warning;
    or, with no statement that day, the LedgerError recording one would raise for its date (before its balance
    is typed for nothing)."""
    coop = _require_coop(session, who, Action.READ_LEDGER, coop_id)
    same = next((s for s in statements(session, who, coop.id, fiscal_year_of(day)) if s.day == day), None)
    if same is None:
        _check_day(session, coop.id, day, today)
    return StatementDay(same, report_sent(session, coop.id, fiscal_year_of(day)))


@dataclass(frozen=True)
class DepositView:
    """A remise de chèques: its slip's number and date, and the cheques on it."""

    id: int
    coop_id: int
    number: int
    day: date
    cheques: tuple[EntryView, ...]

    @property
    def total(self) -> int:
        return sum(c.amount for c in self.cheques)


def cheques_to_deposit(session: Session, who: Who, coop_id: int) -> tuple[EntryView, ...]:
    """The coop's cheques received and not yet deposited, in the ledgers this person writes in, oldest first."""
    coop = _coop(session, coop_id, Action.WRITE_LEDGER)
    ledger_ids = [x.id for x in _coop_ledgers(session, coop.id) if may(
        who, Action.WRITE_LEDGER, coop_id=coop.id, department_code=coop.department_code, ledger_id=x.id)]
    if not ledger_ids:
        require(who, Action.WRITE_LEDGER, coop_id=coop.id, department_code=coop.department_code)
    entries = session.exec(select(Entry).where(Entry.ledger_id.in_(ledger_ids), *_undeposited())
                           .order_by(Entry.day, Entry.id)).all()  # fmt: skip
    return tuple(_views(session, entries, chart_of(session, coop)))


def record_deposit(session: Session, who: Who, coop_id: int, entry_ids: Iterable[int], *, day: date,
                   today: date, warned: bool = False) -> DepositView:  # fmt: skip
    """Put cheques received on one deposit slip, numbered after the coop's last; the bank credits its total,
    so /pointage ticks the slip as one line. Dated in a year whose report is with the AD: refused
    (report_unconfirmed) unless the person was ``warned``."""
    coop = _coop(session, coop_id, Action.WRITE_LEDGER)
    _take_coop(session, coop.id)  # before the cheques' ledgers, as every writer of the coop's books (store/books.py)
    year = _check_day(session, coop.id, day, today)
    entries = []
    for entry_id in dict.fromkeys(entry_ids):
        entry, ledger, _ = _require_entry(session, who, Action.WRITE_LEDGER, entry_id)
        if ledger.coop_id != coop.id:
            raise Forbidden(Action.WRITE_LEDGER)
        if session.exec(select(Entry.id).where(Entry.id == entry.id, *_undeposited())).first() is None:
            raise LedgerError("not_to_deposit", entry_id=entry_id)
        if entry.day > day:
            raise LedgerError("after_deposit", entry_id=entry_id)
        entries.append(entry)
    if not entries:
        raise LedgerError("no_cheque")
    require_warned(session, coop.id, year, warned)
    highest = session.exec(select(func.max(ChequeDeposit.number)).where(ChequeDeposit.coop_id == coop.id)).one()
    deposit = ChequeDeposit(coop_id=coop.id, number=(highest or 0) + 1, day=day, created_by=who.person.id)
    session.add(deposit)
    session.flush()
    session.add_all([DepositedCheque(deposit_id=deposit.id, entry_id=e.id) for e in entries])
    session.flush()
    audit.record(session, who, "deposit", deposit.id, "create", coop_id=coop.id,
                 after={"number": deposit.number, "day": day, "entries": [e.id for e in entries],
                        "total": sum(e.amount for e in entries)})  # fmt: skip
    views = _views(session, entries, chart_of(session, coop))
    return DepositView(deposit.id, coop.id, deposit.number, day, tuple(views))
