"""The closing of a class ledger at the year's end (/cloture).

Its balance is paid back to the school ledger as internal movements (banque → banque,
caisse → caisse; a class banque in deficit is covered by an advance from the school),
so the class's books are folded into the school's and the coop's CRF counts nothing
twice. Then the class ledger takes no change dated in that year (``LedgerClosing``,
checked by store/book_years.py). The class's teacher closes it, or a manager of the coop
(a teacher who left).

Design choices:

- The year closed is last year while the coop still has it open and the class had books
  in it, else the current year, but only from 1 July (``CURRENT_FROM``: the school year is
  over, a teacher leaving for the summer): before that, closing the current year would lock
  a class ledger still in use, so /cloture says from when it can be closed. The reversement
  is dated that year's 31/08, or today if earlier.
- Cash is counted first: a non-zero caisse needs an arrêté de caisse of the year, made
  after the caisse's last entry, that matches the book balance.
- The movements' two legs are written here rather than through ``ledger.record_movement``,
  which asks its caller to write in both ledgers: a teacher does not write in the school
  ledger, yet paying their class's balance back to it is theirs to do.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import func
from sqlmodel import Session, select

from store import audit, balances, book_years, books, entries, errors, lookups, reports
from store.access import Action, Forbidden, may, require
from store.accounts import Chart
from store.models import (
    CashCount, Coop, Department, Direction, Entry, Ledger, LedgerClosing, LedgerKind, Means, Movement, MovementKind,
    Report, Treasury,
)  # fmt: skip
from store.people import Who
from store.years import fiscal_year_bounds, fiscal_year_of, today_in


CURRENT_FROM = (7, 1)  # (month, day): the current year's class ledgers may be closed from 1 July


@dataclass(frozen=True)
class ClosingPreview:
    """What /cloture shows of a class ledger before closing it (or once closed)."""

    ledger_id: int
    ledger_name: str
    coop_id: int
    affiliation: str
    year: int
    day: date  # the reversement's date
    banque: int  # the class's balances at that date, to pay back
    caisse: int
    closed: bool  # already closed for ``year``
    count_day: date | None  # the year's last cash count…
    counted: int | None
    problem: str | None = None  # why it cannot be closed now: cash_count_required, cash_count_differs,
    # ledger_already_closed, too_early (the current year, before ``closable_from``)
    may_reopen: bool = False  # closed, and this person may undo it (a manager, the year's report not sent)
    quitus: int = 0  # reopening: the year's quitus that count (reports.counted_quitus), withdrawn with it
    outbox: tuple[str, ...] = ()  # reopened: the notices written to the vérificateurs who had given one

    @property
    def closable(self) -> bool:
        return self.problem is None

    @property
    def closable_from(self) -> date:
        """The first day the year's closing is offered: 1 July before its 31 August."""
        return date(self.year + 1, *CURRENT_FROM)


def _school_ledger(session: Session, coop_id: int) -> Ledger:
    return session.exec(select(Ledger).where(Ledger.coop_id == coop_id, Ledger.kind == LedgerKind.ECOLE)).one()


def _year_to_close(session: Session, ledger: Ledger, coop: Coop, today: date) -> int:
    current = fiscal_year_of(today)
    previous = current - 1
    if not book_years.is_closed(session, coop.id, previous):
        had_books = session.exec(select(Entry.id).where(Entry.ledger_id == ledger.id, Entry.fiscal_year == previous,
                                                        Entry.cancelled_at.is_(None))).first()  # fmt: skip
        if had_books is not None or any(book_years._opening_amounts(session, ledger.id, previous)):
            return previous
    return current


def _preview(session: Session, ledger: Ledger, coop: Coop, today: date) -> ClosingPreview:
    year = _year_to_close(session, ledger, coop, today)
    day = min(today, fiscal_year_bounds(year)[1])
    closing = session.exec(select(LedgerClosing).where(LedgerClosing.ledger_id == ledger.id,
                                                       LedgerClosing.fiscal_year == year)).first()  # fmt: skip
    first, last = fiscal_year_bounds(year)
    count = session.exec(select(CashCount).where(CashCount.ledger_id == ledger.id, CashCount.day >= first,
                                                 CashCount.day <= last)
                         .order_by(CashCount.day.desc(), CashCount.id.desc())).first()  # fmt: skip
    if closing is not None:
        return ClosingPreview(ledger.id, ledger.name, coop.id, coop.affiliation, year, closing.day, closing.banque,
                              closing.caisse, True, count.day if count else None, count.counted if count else None,
                              "ledger_already_closed")  # fmt: skip
    sums = balances._balances(session, ledger, year)
    problem = None
    if year == fiscal_year_of(today) and today < date(year + 1, *CURRENT_FROM):
        problem = "too_early"
    elif sums.caisse:
        last_cash = session.exec(select(func.max(Entry.day)).where(
            Entry.ledger_id == ledger.id, Entry.fiscal_year == year, Entry.treasury == Treasury.CAISSE,
            Entry.cancelled_at.is_(None))).one()  # fmt: skip
        if count is None or (last_cash is not None and count.day < last_cash):
            problem = "cash_count_required"
        elif count.counted != sums.caisse:
            problem = "cash_count_differs"
    return ClosingPreview(ledger.id, ledger.name, coop.id, coop.affiliation, year, day, sums.banque,
                          sums.caisse, False, count.day if count else None, count.counted if count else None,
                          problem)  # fmt: skip


def _reopen_refusal(session: Session, coop: Coop, preview: ClosingPreview) -> errors.LedgerError | None:
    """Why this closing cannot be undone (by a manager): not closed, the year validated, its report sent."""
    if not preview.closed:
        return errors.LedgerError("ledger_not_closed", ledger=preview.ledger_name, year=preview.year)
    if book_years.is_closed(session, coop.id, preview.year):
        return errors.LedgerError("closed_year", year=preview.year)
    if book_years.report_sent(session, coop.id, preview.year):
        return errors.LedgerError("report_sent", ledger=preview.ledger_name, year=preview.year)
    return None


def _shown(session: Session, who: Who, ledger: Ledger, coop: Coop, today: date) -> ClosingPreview:
    """The preview, saying whether this person may undo the closing."""
    preview = _preview(session, ledger, coop, today)
    if not preview.closed or not may(who, Action.MANAGE_COOP, coop_id=coop.id, department_code=coop.department_code):
        return preview
    return replace(preview, may_reopen=_reopen_refusal(session, coop, preview) is None)


def _class_ledger(session: Session, who: Who, ledger_id: int, action: Action) -> tuple[Ledger, Coop, date]:
    ledger, coop = books._require_ledger(session, who, action, ledger_id)
    if ledger.kind != LedgerKind.CLASSE:
        raise errors.LedgerError("not_class_ledger")
    return ledger, coop, today_in(session.get(Department, coop.department_code).timezone)


def closing_choices(session: Session, who: Who) -> tuple[ClosingPreview, ...]:
    """The class ledgers this person may close (their own class; every class of the coops they
    manage), each with its year to close and where it stands; Forbidden if this person writes in no ledger,
    no_class_ledgers if the coops they manage have only their school ledger."""
    writable = lookups.ledgers_for(session, who, write=True)
    if not writable:
        raise Forbidden(Action.WRITE_LEDGER)
    refs = [r for r in writable if r.kind == LedgerKind.CLASSE]
    if not refs:
        raise errors.LedgerError("no_class_ledgers")
    previews = []
    for ref in refs:
        ledger, coop = session.get(Ledger, ref.id), session.get(Coop, ref.coop_id)
        previews.append(_shown(session, who, ledger, coop, today_in(ref.timezone)))
    return tuple(previews)


def closing_preview(session: Session, who: Who, ledger_id: int) -> ClosingPreview:
    """One class ledger's closing, as /cloture shows it before the confirmation."""
    ledger, coop, today = _class_ledger(session, who, ledger_id, Action.WRITE_LEDGER)
    return _shown(session, who, ledger, coop, today)


def close_class_ledger(session: Session, who: Who, ledger_id: int, *, label: str,
                       today: date | None = None) -> ClosingPreview:  # fmt: skip
    """Pay a class ledger's balance back to the school ledger (movements labelled ``label``, ``{ledger}`` in it
    standing for the ledger's name) and lock it for the year. Refused: ledger_already_closed (year),
    cash_count_required, cash_count_differs (counted, caisse), and whatever a movement on that date would be
    refused for."""
    ledger, coop, local_today = _class_ledger(session, who, ledger_id, Action.WRITE_LEDGER)
    today = today or local_today
    preview = _preview(session, ledger, coop, today)
    if preview.problem == "ledger_already_closed":
        raise errors.LedgerError("ledger_already_closed", ledger=ledger.name, year=preview.year)
    if preview.problem == "too_early":
        raise errors.LedgerError("too_early", ledger=ledger.name, year=preview.year, day=preview.closable_from)
    if preview.problem == "cash_count_required":
        raise errors.LedgerError("cash_count_required", ledger=ledger.name, caisse=preview.caisse)
    if preview.problem == "cash_count_differs":
        raise errors.LedgerError("cash_count_differs", ledger=ledger.name, caisse=preview.caisse, counted=preview.counted)
    label = books._clean_label(label.replace("{ledger}", ledger.name))
    year = book_years._check_day(session, coop.id, preview.day, today)
    school = _school_ledger(session, coop.id)
    book_years._require_started(session, ledger.id, year)
    book_years._require_started(session, school.id, year)
    if preview.caisse:
        book_years._require_caisse(session, ledger.id, year, preview.day, add=[(preview.day, -preview.caisse)])
    chart = books.chart_of(session, coop)
    movements = []
    if preview.banque:
        back = preview.banque > 0  # a deficit is covered by the school instead
        kind = MovementKind.REMBOURSEMENT if back else MovementKind.AVANCE
        ends = (ledger, school) if back else (school, ledger)
        movements.append(_move(session, who, chart, kind, ends, Treasury.BANQUE, abs(preview.banque),
                               preview.day, year, label))  # fmt: skip
    if preview.caisse:
        movements.append(_move(session, who, chart, MovementKind.REMBOURSEMENT, (ledger, school), Treasury.CAISSE,
                               preview.caisse, preview.day, year, label))  # fmt: skip
    row = LedgerClosing(ledger_id=ledger.id, fiscal_year=year, day=preview.day, banque=preview.banque,
                        caisse=preview.caisse, closed_by=who.person.id)  # fmt: skip
    session.add(row)
    session.flush()
    audit.record(session, who, "ledger", ledger.id, "close", coop_id=coop.id, after={
        "fiscal_year": year, "day": preview.day, "banque": preview.banque, "caisse": preview.caisse,
        "movements": movements})  # fmt: skip
    return _preview(session, ledger, coop, today)


def _move(session: Session, who: Who, chart: Chart, kind: MovementKind, ends: tuple[Ledger, Ledger], treasury: Treasury,
          amount: int, day: date, year: int, label: str) -> int:  # fmt: skip
    """One internal movement between the class and the school ledger, on the same treasury; its id."""
    movement = Movement(coop_id=ends[0].coop_id, kind=kind, created_by=who.person.id)
    session.add(movement)
    session.flush()
    parts = [(chart.movement_account(kind.value).code, amount)]
    means = Means.ESPECES if treasury == Treasury.CAISSE else Means.VIREMENT
    for ledger, direction in zip(ends, (Direction.DEPENSE, Direction.RECETTE)):
        books._insert_entry(session, who, ledger, year, parts, day=day, label=label, direction=direction,
                        treasury=treasury, means=means, amount=amount, movement_id=movement.id)  # fmt: skip
    return movement.id



def _reopenable(session: Session, ledger: Ledger, coop: Coop, today: date) -> ClosingPreview:
    preview = _preview(session, ledger, coop, today)
    refused = _reopen_refusal(session, coop, preview)
    if refused is not None:
        raise refused
    return preview


def reopen_preview(session: Session, who: Who, ledger_id: int) -> ClosingPreview:
    """What undoing a class ledger's closing will do, for a manager to confirm; or the refusal
    reopen_class_ledger would raise."""
    ledger, coop, today = _class_ledger(session, who, ledger_id, Action.WRITE_LEDGER)
    require(who, Action.MANAGE_COOP, coop_id=coop.id, department_code=coop.department_code)
    preview = _reopenable(session, ledger, coop, today)
    report = _quitus_requested(session, coop, preview.year)
    return replace(preview, may_reopen=True, quitus=len(reports.counted_quitus(session, report)) if report else 0)


def reopen_class_ledger(session: Session, who: Who, ledger_id: int, *, today: date | None = None) -> ClosingPreview:
    """Undo a closing made by mistake: a manager of the coop, while the year's report is not sent. The
    reversement's movements are cancelled (they stay in the journal, struck through, with their numbers)
    and the class ledger takes entries of that year again; the figures the vérificateurs checked change, so the
    year's quitus are withdrawn (see ``_withdraw_quitus``). Refused: ledger_not_closed, closed_year (the
    AD validated the year), report_sent (the report is with the AD), and whatever cancelling the movements
    would be refused for (the school's caisse spent meanwhile…)."""
    coop_id = session.exec(select(Ledger.coop_id).where(Ledger.id == ledger_id)).first()
    if coop_id is not None:  # the coop's row before the ledger's, as every writer of the coop's books (store/books.py)
        books._take_coop(session, coop_id)
    ledger, coop, local_today = _class_ledger(session, who, ledger_id, Action.WRITE_LEDGER)
    require(who, Action.MANAGE_COOP, coop_id=coop.id, department_code=coop.department_code)
    today = today or local_today
    preview = _reopenable(session, ledger, coop, today)
    row = session.exec(select(LedgerClosing).where(LedgerClosing.ledger_id == ledger.id,
                                                   LedgerClosing.fiscal_year == preview.year)).one()  # fmt: skip
    movement_ids = _closing_movements(session, ledger.id, preview.year)
    session.delete(row)
    session.flush()
    for movement_id in movement_ids:
        leg = session.exec(select(Entry.id).where(Entry.movement_id == movement_id, Entry.cancelled_at.is_(None))).first()
        if leg is not None:
            entries.cancel_entry(session, who, leg, today=today)
    audit.record(session, who, "ledger", ledger.id, "reopen", coop_id=coop.id, after={
        "fiscal_year": preview.year, "day": preview.day, "banque": preview.banque, "caisse": preview.caisse,
        "movements": movement_ids})  # fmt: skip
    withdrawn, keys = _withdraw_quitus(session, who, coop, ledger, preview.year)
    return replace(_shown(session, who, ledger, coop, today), quitus=withdrawn, outbox=keys)


def _quitus_requested(session: Session, coop: Coop, year: int) -> Report | None:
    """The year's report whose quitus is asked (those given are withdrawn by a reopening), if any."""
    report = session.exec(select(Report).where(Report.coop_id == coop.id, Report.fiscal_year == year)).first()
    return report if report is not None and report.quitus_requested_at is not None else None


def _withdraw_quitus(session: Session, who: Who, coop: Coop, ledger: Ledger, year: int) -> tuple[int, tuple[str, ...]]:
    """The year's quitus withdrawn and to ask again, the request too ("cahiers non clos" while the ledger is open:
    see reports._withdraw_quitus). How many that counted were withdrawn, and the keys written."""
    report = _quitus_requested(session, coop, year)
    if report is None:
        return 0, ()
    return reports._withdraw_quitus(session, who, coop, report, ledger=ledger.name)


def _closing_movements(session: Session, ledger_id: int, year: int) -> list[int]:
    """The movements the latest closing of the ledger for ``year`` recorded (its audit trail names them)."""
    closings = [e for e in audit.events(session, "ledger", ledger_id)
                if e.action == "close" and (e.after or {}).get("fiscal_year") == year]  # fmt: skip
    return [int(m) for m in (closings[-1].after or {}).get("movements", [])] if closings else []
