"""Which ledgers and coops a person may pick for an action, as ``LedgerRef``s."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import Session, select

from store.access import Action, Forbidden, may
from store.accounts import Account
from store.books import accounts_for, BETWEEN, _coop_ledgers
from store.models import Coop, Department, Direction, Entry, LedgerKind, MovementKind, Split
from store.people import Who


@dataclass(frozen=True)
class LedgerRef:
    """A ledger a person may use, with what the chat needs around it."""

    id: int
    name: str
    kind: LedgerKind
    coop_id: int
    affiliation: str
    timezone: str


def ledgers_for(session: Session, who: Who, *, write: bool) -> list[LedgerRef]:
    """The ledgers this person may write (or read) in, school ledgers first, by coop."""
    action = Action.WRITE_LEDGER if write else Action.READ_LEDGER
    coop_ids = {role.coop_id for role in who.roles if role.coop_id is not None}
    refs = []
    for coop_id in sorted(coop_ids):
        coop = session.get(Coop, coop_id)
        timezone = session.get(Department, coop.department_code).timezone
        for ledger in _coop_ledgers(session, coop_id):
            if may(who, action, coop_id=coop_id, department_code=coop.department_code, ledger_id=ledger.id):
                refs.append(LedgerRef(ledger.id, ledger.name, ledger.kind, coop_id, coop.affiliation, timezone))
    return refs


def _chosen(refs: Iterable[LedgerRef], action: Action, **match: int) -> LedgerRef:
    """The first ref matching every field, else Forbidden (a forged button, or rights gone since)."""
    ref = next((r for r in refs if all(getattr(r, field) == value for field, value in match.items())), None)
    if ref is None:
        raise Forbidden(action)
    return ref


def pick_ledger(session: Session, who: Who, ledger_id: int, action: Action = Action.WRITE_LEDGER) -> LedgerRef:
    """A ledger chosen by button, if this person may write (or read, READ_LEDGER) in it."""
    return _chosen(ledgers_for(session, who, write=action == Action.WRITE_LEDGER), action, id=ledger_id)


def school_ledgers(session: Session, who: Who, action: Action) -> list[LedgerRef]:
    """The school ledger of each coop where this person may ``action`` (READ_COOP, MANAGE_COOP)."""
    return [r for r in ledgers_for(session, who, write=False)
            if r.kind == LedgerKind.ECOLE and may(who, action, coop_id=r.coop_id)]  # fmt: skip


def managed_coops(session: Session, who: Who) -> list[LedgerRef]:
    """The school ledger of each coop this person manages (mandataire, signataire); Forbidden if none."""
    refs = school_ledgers(session, who, Action.MANAGE_COOP)
    if not refs:
        raise Forbidden(Action.MANAGE_COOP)
    return refs


def pick_coop(session: Session, who: Who, coop_id: int, action: Action) -> LedgerRef:
    """A coop chosen by button: its school ledger (READ_COOP, MANAGE_COOP), or with WRITE_LEDGER
    the first of its ledgers this person writes in (a teacher's class ledger)."""
    write = action == Action.WRITE_LEDGER
    refs = ledgers_for(session, who, write=True) if write else school_ledgers(session, who, action)
    return _chosen(refs, action, coop_id=coop_id)


def class_pairs(refs: Iterable[LedgerRef]) -> list[tuple[LedgerRef, LedgerRef]]:
    """(class ledger, its coop's school ledger) for every class ledger whose school ledger is among ``refs`` too."""
    refs = list(refs)
    schools = {r.coop_id: r for r in refs if r.kind == LedgerKind.ECOLE}
    return [(r, schools[r.coop_id]) for r in refs if r.kind == LedgerKind.CLASSE and r.coop_id in schools]


def movement_ledgers(session: Session, who: Who, kind: MovementKind) -> list[LedgerRef]:
    """The ledgers a movement of ``kind`` may start from: any written one for dépôt and retrait, for an
    avance or remboursement the class ledgers whose school ledger this person writes too; Forbidden if none."""
    refs = ledgers_for(session, who, write=True)
    choices = [c for c, _ in class_pairs(refs)] if kind in BETWEEN else refs
    if not choices:
        raise Forbidden(Action.WRITE_LEDGER)
    return choices


def pick_movement_ledger(session: Session, who: Who, kind: MovementKind, ledger_id: int) -> LedgerRef:
    """A ledger chosen by button for a movement of ``kind``: one of movement_ledgers."""
    return _chosen(movement_ledgers(session, who, kind), Action.WRITE_LEDGER, id=ledger_id)


def accounts_by_use(session: Session, who: Who, ledger_id: int, direction: Direction) -> tuple[Account, ...]:
    """The accounts an entry may use, the ledger's most used first, then in the chart's order."""
    accounts = accounts_for(session, who, ledger_id, direction)
    uses = dict(session.exec(
        select(Split.account_code, func.count(Split.id)).join(Entry, Entry.id == Split.entry_id)
        .where(Entry.ledger_id == ledger_id, Entry.direction == Direction(direction), Entry.cancelled_at.is_(None))
        .group_by(Split.account_code)
    ).all())  # fmt: skip
    order = {account.code: index for index, account in enumerate(accounts)}
    return tuple(sorted(accounts, key=lambda a: (-uses.get(a.code, 0), order[a.code])))
