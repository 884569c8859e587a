"""A ledger's years: which ones take changes, what each opens with, and the caisse through it.

- Open years: the fiscal year of ``today`` and the previous one, unless closed: the AD
  validated the report (``YearClosing``), or the class ledger is closed for that year
  (``LedgerClosing``, store/closing.py). Nothing dated in a closed year changes: entries,
  splits, receipts, opening balances, cash counts, statements and their ticks; the next
  year's report à nouveau is thus settled. Nothing is dated before the ledger's first
  opening balance, and a year whose report is with the AD takes a change only from someone
  who saw the warning (``require_warned``).
- Report à nouveau: a ledger's opening balance is set once, for the first year it is
  kept here; every later year opens with the previous year's final banque and caisse,
  computed (so the new year's caisse can be spent in September while last year is still
  being finished, and a late change to last year's caisse is checked against this
  year's too).
- The caisse may never go below zero: its running balance, day after day (a day's
  recettes before its dépenses), is checked before any change that touches it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from sqlalchemy import case, func
from sqlmodel import Session, select

from store.access import Action
from store.books import _require_ledger
from store.errors import LedgerError
from store.models import (
    Coop, Direction, Entry, Ledger, LedgerClosing, OpeningBalance, Report, ReportStatus, Treasury, YearClosing,
)  # fmt: skip
from store.people import Who
from store.years import fiscal_year_of


REPORT_WITH_AD = (ReportStatus.SENT, ReportStatus.TO_COMPLETE, ReportStatus.MODIFIED)


def report_sent(session: Session, coop_id: int, year: int) -> bool:
    """Whether the coop's report of ``year`` was sent to the AD and not validated yet: a change to that
    year's books modifies it, which the person is warned of before saving."""
    return session.exec(select(Report.id).where(Report.coop_id == coop_id, Report.fiscal_year == year,
                                                Report.status.in_(REPORT_WITH_AD))).first() is not None  # fmt: skip


def require_warned(session: Session, coop_id: int, year: int, warned: bool) -> None:
    """A change to a year whose report is with the AD is refused (report_unconfirmed) unless the person saw the warning."""
    if not warned and report_sent(session, coop_id, year):
        raise LedgerError("report_unconfirmed", year=year)


def ledger_report_sent(session: Session, who: Who, ledger_id: int, day: date) -> bool:
    """What a card (/mouvement, /caisse) must warn of before saving in a ledger this person writes in:
    whether the year of ``day`` has its report with the AD."""
    _, coop = _require_ledger(session, who, Action.WRITE_LEDGER, ledger_id)
    return report_sent(session, coop.id, fiscal_year_of(day))


def is_closed(session: Session, coop_id: int, year: int) -> bool:
    return session.exec(select(YearClosing.id).where(YearClosing.coop_id == coop_id,
                                                     YearClosing.fiscal_year == year)).first() is not None  # fmt: skip


def open_years(session: Session, who: Who, ledger_id: int, today: date) -> tuple[int, ...]:
    """The fiscal years entries may be dated in, latest first."""
    _, coop = _require_ledger(session, who, Action.READ_LEDGER, ledger_id)
    return _open_years(session, coop.id, today)


def _open_years(session: Session, coop_id: int, today: date) -> tuple[int, ...]:
    current = fiscal_year_of(today)
    return tuple(y for y in (current, current - 1) if not is_closed(session, coop_id, y))


def _require_open_year(session: Session, coop_id: int, year: int, today: date) -> None:
    if is_closed(session, coop_id, year):
        raise LedgerError("closed_year", year=year)
    current = fiscal_year_of(today)
    if year > current:
        raise LedgerError("future")
    if year < current - 1:
        raise LedgerError("year_not_open", year=year)


def _check_day(session: Session, coop_id: int, day: date, today: date) -> int:
    """The fiscal year of ``day``, if an entry may be dated so."""
    if not isinstance(day, date) or isinstance(day, datetime):
        raise TypeError("day must be a date")
    if day > today:
        raise LedgerError("future")
    year = fiscal_year_of(day)
    _require_open_year(session, coop_id, year, today)
    return year


def _require_changeable(session: Session, entry: Entry, coop: Coop, today: date) -> None:
    _require_open_year(session, coop.id, entry.fiscal_year, today)
    _require_ledger_open(session, entry.ledger_id, entry.fiscal_year)
    if entry.cancelled_at is not None:
        raise LedgerError("cancelled")


def _opening_amounts(session: Session, ledger_id: int, year: int) -> tuple[int, int]:
    """Banque and caisse on 1 September of ``year``: the ledger's first opening balance
    (if set, that year or before) plus every live entry since, up to the previous year."""
    row = session.exec(select(OpeningBalance).where(OpeningBalance.ledger_id == ledger_id,
                                                    OpeningBalance.fiscal_year <= year)
                       .order_by(OpeningBalance.fiscal_year.desc())).first()  # fmt: skip
    sums = {Treasury.BANQUE: row.banque if row else 0, Treasury.CAISSE: row.caisse if row else 0}
    if row is not None and row.fiscal_year == year:
        return sums[Treasury.BANQUE], sums[Treasury.CAISSE]
    conditions = [Entry.ledger_id == ledger_id, Entry.fiscal_year < year, Entry.cancelled_at.is_(None)]
    if row is not None:
        conditions.append(Entry.fiscal_year >= row.fiscal_year)
    signed = case((Entry.direction == Direction.RECETTE, Entry.amount), else_=-Entry.amount)
    for treasury, total in session.exec(select(Entry.treasury, func.sum(signed)).where(*conditions)
                                        .group_by(Entry.treasury)):  # fmt: skip
        sums[Treasury(treasury)] += int(total)
    return sums[Treasury.BANQUE], sums[Treasury.CAISSE]


def _has_opening(session: Session, ledger_id: int, year: int) -> bool:
    return session.exec(select(OpeningBalance.id).where(OpeningBalance.ledger_id == ledger_id,
                                                        OpeningBalance.fiscal_year == year)).first() is not None  # fmt: skip


def _require_started(session: Session, ledger_id: int, year: int) -> None:
    """A ledger's books start with its first opening balance: nothing is dated before it
    (nor in a year the ledger was closed for)."""
    if session.exec(select(OpeningBalance.id).where(OpeningBalance.ledger_id == ledger_id,
                                                    OpeningBalance.fiscal_year > year)).first():  # fmt: skip
        raise LedgerError("before_opening")
    _require_ledger_open(session, ledger_id, year)


def _require_ledger_open(session: Session, ledger_id: int, year: int) -> None:
    """A class ledger closed for a year (store/closing.py) takes no change dated in it."""
    if session.exec(select(LedgerClosing.id).where(LedgerClosing.ledger_id == ledger_id,
                                                   LedgerClosing.fiscal_year == year)).first():  # fmt: skip
        raise LedgerError("ledger_closed", ledger=session.get(Ledger, ledger_id).name, year=year)


def _caisse_rows(session: Session, ledger_id: int, year: int) -> list[tuple[int, date, int]]:
    """(entry id, day, signed amount) of the caisse's live entries in that year."""
    rows = session.exec(select(Entry.id, Entry.day, Entry.direction, Entry.amount).where(
        Entry.ledger_id == ledger_id, Entry.fiscal_year == year, Entry.treasury == Treasury.CAISSE,
        Entry.cancelled_at.is_(None))).all()  # fmt: skip
    return [(i, d, a if direction == Direction.RECETTE else -a) for i, d, direction, a in rows]


def _order(row: tuple[date, int]) -> tuple[date, int]:
    return row[0], 0 if row[1] > 0 else 1  # a day's recettes before its dépenses


def _lowest(opening: int, rows: Iterable[tuple[date, int]]) -> int:
    balance = low = opening
    for _, signed in sorted(rows, key=_order):
        balance += signed
        low = min(low, balance)
    return low


def _available(opening: int, rows: Iterable[tuple[date, int]], day: date) -> int:
    """The most a dépense dated ``day`` could take from the caisse, within its year."""
    balance, low = opening, None
    for row in sorted(rows, key=_order):
        if low is None and _order(row) >= (day, 1):
            low = balance
        balance += row[1]
        if low is not None:
            low = min(low, balance)
    return balance if low is None else low


def _caisse_lows(session: Session, ledger_id: int, year: int, *, remove: Iterable[int] = (),
                 add: Iterable[tuple[date, int]] = (), opening_delta: int = 0) -> list[tuple[int, int]]:  # fmt: skip
    """The lowest running balance of the caisse, before and after a change, in ``year`` and
    in the next year, whose opening carries this one's final balance over."""
    removed, add = set(remove), list(add)
    opening = _opening_amounts(session, ledger_id, year)[1]
    current = _caisse_rows(session, ledger_id, year)
    before = [(d, s) for _, d, s in current]
    after = [(d, s) for i, d, s in current if i not in removed] + add
    lows = [(_lowest(opening, before), _lowest(opening + opening_delta, after))]
    following = [(d, s) for _, d, s in _caisse_rows(session, ledger_id, year + 1)]
    if following and not _has_opening(session, ledger_id, year + 1):
        shift = opening_delta + sum(s for _, s in after) - sum(s for _, s in before)
        carried = _opening_amounts(session, ledger_id, year + 1)[1]
        lows.append((_lowest(carried, following), _lowest(carried + shift, following)))
    return lows


def _worse(lows: list[tuple[int, int]]) -> bool:
    """Below zero, and lower than it already was (old books are not blamed on a new change)."""
    return any(after < 0 and after < before for before, after in lows)


def _require_caisse(session: Session, ledger_id: int, year: int, day: date, *,
                    remove: Iterable[int] = (), add: Iterable[tuple[date, int]] = ()) -> None:  # fmt: skip
    """Refuse a change that would take the caisse below zero on some day."""
    remove, add = list(remove), list(add)
    lows = _caisse_lows(session, ledger_id, year, remove=remove, add=add)
    if _worse(lows):
        opening = _opening_amounts(session, ledger_id, year)[1]
        kept = [(d, s) for i, d, s in _caisse_rows(session, ledger_id, year) if i not in remove]
        available = _available(opening, kept, day)
        for _, after in _caisse_lows(session, ledger_id, year, remove=remove)[1:]:
            available = min(available, after)
        if available >= 0:  # what a dépense that day could take
            raise LedgerError("caisse_negative", caisse=available)
        # Below zero without the change's own spending: taking money out of it (a cash recette cancelled,
        # lowered or dated later) leaves the cash expenses recorded after it short; how low it would go, with the change.
        raise LedgerError("caisse_short", caisse=min(after for _, after in lows))


def _caisse_on(session: Session, ledger_id: int, day: date) -> int:
    year = fiscal_year_of(day)
    opening = _opening_amounts(session, ledger_id, year)[1]
    return opening + sum(s for _, d, s in _caisse_rows(session, ledger_id, year) if d <= day)
