"""Cash counts: what the treasurer counted in the caisse, against what the books say."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, select

from store import audit
from store.access import Action
from store.book_years import _caisse_on, _check_day, require_warned
from store.books import _check_cents, _require_ledger
from store.errors import LedgerError
from store.models import CashCount, Ledger
from store.money import MAX_CENTS
from store.people import Who
from store.years import fiscal_year_bounds


DENOMINATIONS = (50000, 20000, 10000, 5000, 2000, 1000, 500, 200, 100, 50, 20, 10, 5, 2, 1)


@dataclass(frozen=True)
class CashCountView:
    id: int
    ledger_id: int
    ledger_name: str
    day: date
    counted: int
    book: int  # the caisse's book balance at the end of that day
    denominations: tuple[tuple[int, int], ...]  # (cents, how many), largest first; () if a total

    @property
    def difference(self) -> int:
        return self.counted - self.book

    @property
    def matches(self) -> bool:
        return self.counted == self.book


def count_cash(session: Session, who: Who, ledger_id: int, *, day: date, today: date,
               coins: Mapping[int, int] | None = None, total: int | None = None,
               warned: bool = False) -> CashCountView:  # fmt: skip
    """An arrêté de caisse: the cash counted by notes and coins (cents → how many) or as a
    total, kept with the caisse's book balance at the end of that day. Dated in a year whose report
    is with the AD: refused (report_unconfirmed) unless the person was ``warned``."""
    ledger, coop = _require_ledger(session, who, Action.WRITE_LEDGER, ledger_id)
    year = _check_day(session, coop.id, day, today)
    if (coins is None) == (total is None):
        raise LedgerError("count_missing")
    denominations: tuple[tuple[int, int], ...] = ()
    if coins is not None:
        for denomination, count in coins.items():
            if denomination not in DENOMINATIONS:
                raise LedgerError("denomination", value=denomination)
            if _check_cents(count) < 0:
                raise LedgerError("count_negative")
        denominations = tuple((d, coins[d]) for d in DENOMINATIONS if coins.get(d))
        total = sum(d * n for d, n in denominations)
    elif _check_cents(total) < 0:
        raise LedgerError("count_negative")
    if total > MAX_CENTS:
        raise LedgerError("amount_too_large")
    require_warned(session, coop.id, year, warned)
    book = _caisse_on(session, ledger.id, day)
    row = CashCount(ledger_id=ledger.id, day=day, counted=total, book=book, created_by=who.person.id,
                    denominations=json.dumps({str(d): n for d, n in denominations}) if coins is not None else None)  # fmt: skip
    session.add(row)
    session.flush()
    audit.record(session, who, "cashcount", row.id, "create", coop_id=coop.id,
                 after={"ledger_id": ledger.id, "day": day, "counted": total, "book": book})  # fmt: skip
    return _cash_view(row, ledger)


def _cash_view(row: CashCount, ledger: Ledger) -> CashCountView:
    coins = json.loads(row.denominations) if row.denominations else {}
    denominations = tuple(sorted(((int(d), n) for d, n in coins.items()), reverse=True))
    return CashCountView(row.id, ledger.id, ledger.name, row.day, row.counted, row.book, denominations)


def cash_counts(session: Session, who: Who, ledger_id: int, year: int) -> tuple[CashCountView, ...]:
    """A ledger's cash counts dated in a fiscal year, latest first."""
    ledger, _ = _require_ledger(session, who, Action.READ_LEDGER, ledger_id)
    first, last = fiscal_year_bounds(year)
    rows = session.exec(select(CashCount).where(CashCount.ledger_id == ledger.id, CashCount.day >= first,
                                                CashCount.day <= last)
                        .order_by(CashCount.day.desc(), CashCount.id.desc())).all()  # fmt: skip
    return tuple(_cash_view(row, ledger) for row in rows)
