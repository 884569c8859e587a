"""/projets and /inventaire: what each view shows, the store checking access at every press.

The AD's staff may read any coop of their department, but these views are the coop's
own: a coop or ledger outside the person's coop roles (or teacher's ledgers) is refused
like a forged button.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from store import books, inventory, lookups
from store.access import Action, Forbidden
from store.inventory import InventoryItem, ProjectSummary
from store.lookups import LedgerRef
from store.models import RoleKind
from store.people import Who
from store.years import fiscal_year_of, today_in

COOP_ROLES = (RoleKind.MANDATAIRE, RoleKind.SIGNATAIRE, RoleKind.VERIFICATEUR)  # who sees a whole coop


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
    summary = inventory.projects_summary(session, who, coop_id, year or current, ledger_id=ledger_id or None)
    years = books.open_years(session, who, here[0].id, today) if here else (current,)
    coop_wide = {role.coop_id: role.affiliation for role in who.coops(*COOP_ROLES)}
    if (ledger_id and ledger_id not in {r.id for r in here}) or (not ledger_id and coop_id not in coop_wide):
        raise Forbidden(Action.READ_LEDGER)  # the AD's staff may read, but not from this chat view
    return ProjectsView(coop_id, ledger_id, year or current, summary, current, years, coop_wide, refs)


def first_scope(session: Session, who: Who) -> tuple[int, int] | None:
    """The whole first coop this person sees whole, else their first ledger; None without any."""
    coops = who.coops(*COOP_ROLES)
    if coops:
        return coops[0].coop_id, 0
    refs = lookups.ledgers_for(session, who, write=False)
    return (refs[0].coop_id, refs[0].id) if refs else None


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
    items = inventory.inventory(session, who, coop_id, year=year)
    affiliations = {role.coop_id: role.affiliation for role in who.coops(*COOP_ROLES)}
    if coop_id not in affiliations:
        raise Forbidden(Action.READ_LEDGER)  # the AD's staff may read, but not from this chat view
    here = [r for r in refs if r.coop_id == coop_id]
    years = books.open_years(session, who, here[0].id, today_in(zone)) if here else (current_year,)
    return InventoryView(coop_id, year, current_year, items, affiliations, years)


def first_coop(session: Session, who: Who) -> int:
    """The first coop this person sees whole (the one /inventaire opens on)."""
    coops = who.coops(*COOP_ROLES)
    if not coops:
        raise Forbidden(Action.READ_LEDGER)
    return coops[0].coop_id
