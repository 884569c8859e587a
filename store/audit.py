"""The audit trail: who changed what and when, with the state before and after as JSON.

Store functions call ``record`` in the same transaction as the change, once they have
checked access themselves; ``events`` reads a thing's trail back, oldest first (its
callers check that the reader may see the thing); ``coop_history`` reads a coop's whole
trail, latest first, checking access itself. Nothing here deletes or edits an event.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, select

from store.access import Action, require
from store.models import AuditEvent, Coop, Department, Entry, Ledger, Person, Statement, utcnow
from store.people import RoleView, Who


@dataclass(frozen=True)
class AuditView:
    id: int
    at: datetime
    person_id: int | None
    person_name: str | None
    entity: str
    entity_id: int
    action: str  # create, edit, cancel, attach, tick, opening, close…
    before: dict[str, Any] | None
    after: dict[str, Any] | None


def _plain(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    raise TypeError(f"not JSON: {type(value).__name__}")


def to_json(state: dict[str, Any] | None) -> str | None:
    """A snapshot as stable JSON (sorted keys, dates in ISO form); None stays None."""
    if state is None:
        return None
    return json.dumps(state, sort_keys=True, ensure_ascii=False, default=_plain)


def record(session: Session, who: Who | None, entity: str, entity_id: int, action: str, *,
           coop_id: int | None = None, before: dict[str, Any] | None = None,
           after: dict[str, Any] | None = None, at: datetime | None = None) -> AuditEvent:  # fmt: skip
    """Add one event; ``who`` is None for the operator's command line."""
    event = AuditEvent(
        at=at or utcnow(), person_id=who.person.id if who and who.person else None, coop_id=coop_id,
        entity=entity, entity_id=entity_id, action=action, before=to_json(before), after=to_json(after),
    )  # fmt: skip
    session.add(event)
    return event


def events(session: Session, entity: str, entity_id: int) -> tuple[AuditView, ...]:
    """The trail of one thing, oldest first."""
    rows = session.exec(
        select(AuditEvent, Person).join(Person, AuditEvent.person_id == Person.id, isouter=True)
        .where(AuditEvent.entity == entity, AuditEvent.entity_id == entity_id)
        .order_by(AuditEvent.id)
    ).all()  # fmt: skip
    return tuple(_view(event, person) for event, person in rows)


def _load(text: str | None) -> dict[str, Any] | None:
    return json.loads(text) if text is not None else None


# ---------------------------------------------------------------- a coop's history


@dataclass(frozen=True)
class CoopEvent(AuditView):
    """An event of a coop's trail, with what names its subject today."""

    ledger_name: str | None = None  # entries, opening balances, cash counts
    piece: str | None = None  # entries: 'D7', '12'
    statement_day: date | None = None  # bank statements
    subject_name: str | None = None  # a change of mandataire: the successor, as named today


@dataclass(frozen=True)
class CoopHistory:
    coop_id: int
    affiliation: str
    school_name: str
    timezone: str  # the department's, to show the instants in
    events: tuple[CoopEvent, ...]  # latest first
    total: int
    offset: int
    limit: int

    @property
    def has_more(self) -> bool:
        return self.offset + len(self.events) < self.total


HISTORY_LIMIT_MAX = 50


def history_start(session: Session, who: Who, limit: int) -> CoopHistory | tuple[RoleView, ...]:
    """/historique's opening: the first page of the coop this person manages, or the coops to choose among
    when they manage several."""
    coops = who.managed()
    if len(coops) > 1:
        return tuple(coops)
    return coop_history(session, who, coops[0].coop_id, 0, limit)


def coop_history(session: Session, who: Who, coop_id: int, offset: int = 0, limit: int = 10) -> CoopHistory:
    """The coop's audit trail, latest first, a page at a time: who changed what, when.

    Whoever may read the coop (store.access READ_COOP: its mandataire, signataires and
    vérificateurs, and its department's AD staff) may read its trail; teachers may not
    (they see their own entries' history through store.entries.entry_history). A forgotten
    person shows under the pseudonym store.maintenance gave them. ``offset`` and ``limit``
    are brought within bounds (limit 1 to 50)."""
    coop = session.get(Coop, coop_id) if coop_id is not None else None
    require(who, Action.READ_COOP, coop_id=coop.id if coop else None,
            department_code=coop.department_code if coop else None)  # fmt: skip
    offset, limit = max(0, int(offset)), max(1, min(int(limit), HISTORY_LIMIT_MAX))
    total = session.exec(select(func.count(AuditEvent.id)).where(AuditEvent.coop_id == coop.id)).one()
    rows = session.exec(
        select(AuditEvent, Person).join(Person, AuditEvent.person_id == Person.id, isouter=True)
        .where(AuditEvent.coop_id == coop.id).order_by(AuditEvent.id.desc()).offset(offset).limit(limit)
    ).all()  # fmt: skip
    views = [_view(event, person) for event, person in rows]
    names = dict(session.exec(select(Ledger.id, Ledger.name).where(Ledger.coop_id == coop.id)).all())
    entry_ids = {v.entity_id for v in views if v.entity == "entry"}
    entries = {e.id: e for e in session.exec(select(Entry).where(Entry.id.in_(entry_ids)))} if entry_ids else {}
    statement_ids = {v.entity_id for v in views if v.entity == "statement"}
    days = dict(session.exec(select(Statement.id, Statement.day).where(Statement.id.in_(statement_ids))).all()) \
        if statement_ids else {}  # fmt: skip
    events = []
    for view in views:
        extra: dict[str, Any] = {}
        entry = entries.get(view.entity_id) if view.entity == "entry" else None
        if entry is not None:
            extra = {"ledger_name": names.get(entry.ledger_id),
                     "piece": f"{entry.piece_prefix}{entry.piece_number}"}  # fmt: skip
        elif view.entity == "statement":
            extra = {"statement_day": days.get(view.entity_id)}
        elif view.entity == "mandate":
            successor = session.get(Person, (view.after or {}).get("successor_id") or 0)
            extra = {"subject_name": successor.name if successor else None}
        else:
            ledger_id = (view.after or view.before or {}).get("ledger_id")
            extra = {"ledger_name": names.get(ledger_id)}
        events.append(CoopEvent(**vars(view), **extra))
    zone = session.get(Department, coop.department_code).timezone
    return CoopHistory(coop.id, coop.affiliation, coop.school_name, zone, tuple(events), total, offset, limit)


def _view(event: AuditEvent, person: Person | None) -> AuditView:
    at = event.at if event.at.tzinfo else event.at.replace(tzinfo=timezone.utc)  # SQLite gives naive UTC back
    return AuditView(event.id, at, event.person_id, person.name if person else None, event.entity,
                     event.entity_id, event.action, _load(event.before), _load(event.after))  # fmt: skip
