"""Projects and the inventory register, derived from the splits of the entries."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func
from sqlmodel import Session, select

from store.access import Action, Forbidden
from store.books import chart_of, _coop_ledgers, _piece, _require_coop, _require_ledger
from store.models import Direction, Entry, Ledger, Split
from store.people import Who


@dataclass(frozen=True)
class ProjectSummary:
    project: str
    receipts: int
    expenses: int
    entries: int

    @property
    def balance(self) -> int:
        return self.receipts - self.expenses


@dataclass(frozen=True)
class InventoryItem:
    entry_id: int
    ledger_id: int
    ledger_name: str
    day: date
    piece: str
    label: str
    account_code: str
    value: int


def projects_summary(session: Session, who: Who, coop_id: int, year: int, *,
                     ledger_id: int | None = None) -> tuple[ProjectSummary, ...]:  # fmt: skip
    """Receipts, expenses and balance per project tag, for the coop or one of its ledgers
    (a teacher asks for their ledger). Internal movements and cancelled entries left out."""
    if ledger_id is not None:
        ledger, coop = _require_ledger(session, who, Action.READ_LEDGER, ledger_id)
        if coop.id != coop_id:
            raise Forbidden(Action.READ_LEDGER)
        ledger_ids = [ledger.id]
    else:
        coop = _require_coop(session, who, Action.READ_LEDGER, coop_id)
        ledger_ids = [x.id for x in _coop_ledgers(session, coop.id)]
    rows = session.exec(
        select(Entry.project, Entry.direction, func.sum(Entry.amount), func.count(Entry.id))
        .where(Entry.ledger_id.in_(ledger_ids), Entry.fiscal_year == year, Entry.project.is_not(None),
               Entry.movement_id.is_(None), Entry.cancelled_at.is_(None))
        .group_by(Entry.project, Entry.direction)
    ).all()  # fmt: skip
    sums: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for project, direction, total, count in rows:
        sums[project][0 if direction == Direction.RECETTE else 1] += total
        sums[project][2] += count
    return tuple(ProjectSummary(p, *sums[p]) for p in sorted(sums))


def project_tags(session: Session, who: Who, ledger_id: int) -> tuple[str, ...]:
    """The project tags already used in the ledger's coop, to offer them again."""
    _, coop = _require_ledger(session, who, Action.READ_LEDGER, ledger_id)
    tags = session.exec(select(Entry.project).join(Ledger, Entry.ledger_id == Ledger.id)
                        .where(Ledger.coop_id == coop.id, Entry.project.is_not(None)).distinct()).all()  # fmt: skip
    return tuple(sorted(tags))


def inventory(session: Session, who: Who, coop_id: int, *, year: int | None = None) -> tuple[InventoryItem, ...]:
    """The inventory register: expenses on durable-goods accounts, all years or one."""
    coop = _require_coop(session, who, Action.READ_LEDGER, coop_id)
    codes = chart_of(session, coop).inventory_codes()
    if not codes:
        return ()
    query = (select(Split, Entry, Ledger).join(Entry, Split.entry_id == Entry.id)
             .join(Ledger, Entry.ledger_id == Ledger.id)
             .where(Ledger.coop_id == coop.id, Split.account_code.in_(codes), Entry.cancelled_at.is_(None),
                    Entry.direction == Direction.DEPENSE))  # fmt: skip
    if year is not None:
        query = query.where(Entry.fiscal_year == year)
    rows = session.exec(query.order_by(Entry.day, Entry.id, Split.id)).all()
    return tuple(InventoryItem(e.id, l.id, l.name, e.day, _piece(e), e.label, s.account_code, s.amount)
                 for s, e, l in rows)  # fmt: skip
