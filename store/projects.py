"""Projects and the inventory register, derived from the splits of the entries, and what /projets and
/inventaire show of them, the store checking access at every press.

The AD's staff may read any coop of their department, but these views are the coop's
own: a coop or ledger outside the person's coop roles (or teacher's ledgers) is refused
like a forged button.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func
from sqlmodel import Session, select

from store import book_years, lookups
from store.access import Action, Forbidden
from store.books import chart_of, _coop_ledgers, _piece, _require_coop, _require_ledger
from store.lookups import LedgerRef
from store.models import Direction, Entry, Ledger, RoleKind, Split
from store.people import Who
from store.years import fiscal_year_of, today_in

COOP_ROLES = (RoleKind.MANDATAIRE, RoleKind.SIGNATAIRE, RoleKind.VERIFICATEUR)  # who sees a whole coop


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


@dataclass(frozen=True)
class ProjectsView:
    coop_id: int
    ledger_id: int  # 0: the whole coop
    year: int
    summary: tuple[ProjectSummary, ...]
    current_year: int
    open_years: tuple[int, ...]
    coop_wide: dict[int, str]  # the coops this person sees whole: id → affiliation
    refs: tuple[LedgerRef, ...]  # the ledgers they may read


def projects_view(session: Session, who: Who, coop_id: int, ledger_id: int, year: int | None,
                  timezone: str) -> ProjectsView:  # fmt: skip
    """The store's summary (it checks access) and what the buttons need; year None: the current one."""
    refs = tuple(lookups.ledgers_for(session, who, write=False))
    here = [r for r in refs if r.coop_id == coop_id]
    today = today_in(here[0].timezone if here else timezone)
    current = fiscal_year_of(today)
    summary = projects_summary(session, who, coop_id, year or current, ledger_id=ledger_id or None)
    years = book_years.open_years(session, who, here[0].id, today) if here else (current,)
    coop_wide = {role.coop_id: role.affiliation for role in who.coops(*COOP_ROLES)}
    if (ledger_id and ledger_id not in {r.id for r in here}) or (not ledger_id and coop_id not in coop_wide):
        raise Forbidden(Action.READ_LEDGER)  # the AD's staff may read, but not from this chat view
    return ProjectsView(coop_id, ledger_id, year or current, summary, current, years, coop_wide, refs)


def projects_start(session: Session, who: Who, timezone: str) -> ProjectsView | None:
    """/projets' opening: this year's projects of the first coop this person sees whole, else of their
    first ledger; None without any."""
    coops = who.coops(*COOP_ROLES)
    if coops:
        return projects_view(session, who, coops[0].coop_id, 0, None, timezone)
    refs = lookups.ledgers_for(session, who, write=False)
    return projects_view(session, who, refs[0].coop_id, refs[0].id, None, timezone) if refs else None


@dataclass(frozen=True)
class InventoryView:
    coop_id: int
    year: int | None  # None: every year
    current_year: int
    items: tuple[InventoryItem, ...]
    affiliations: dict[int, str]  # the coops this person may see the inventory of
    open_years: tuple[int, ...] = ()  # this year, and last year until it is closed


def inventory_view(session: Session, who: Who, coop_id: int, year: int | None, timezone: str, *,
                   current: bool = False) -> InventoryView:  # fmt: skip
    """The register (the store checks access) of one year, every year (None) or the current one."""
    refs = lookups.ledgers_for(session, who, write=False)
    zone = next((r.timezone for r in refs if r.coop_id == coop_id), timezone)
    current_year = fiscal_year_of(today_in(zone))
    year = current_year if current else year
    items = inventory(session, who, coop_id, year=year)
    affiliations = {role.coop_id: role.affiliation for role in who.coops(*COOP_ROLES)}
    if coop_id not in affiliations:
        raise Forbidden(Action.READ_LEDGER)  # the AD's staff may read, but not from this chat view
    here = [r for r in refs if r.coop_id == coop_id]
    years = book_years.open_years(session, who, here[0].id, today_in(zone)) if here else (current_year,)
    return InventoryView(coop_id, year, current_year, items, affiliations, years)


def inventory_start(session: Session, who: Who, timezone: str) -> InventoryView:
    """/inventaire's opening: the current year's register of the first coop this person sees whole."""
    coops = who.coops(*COOP_ROLES)
    if not coops:
        raise Forbidden(Action.READ_LEDGER)
    return inventory_view(session, who, coops[0].coop_id, None, timezone, current=True)
