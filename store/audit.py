"""The audit trail: who changed what and when, with the state before and after as JSON.

Store functions call ``record`` in the same transaction as the change, once they have
checked access themselves; ``events`` reads a thing's trail back, oldest first (its
callers check that the reader may see the thing). Nothing here deletes or edits an event.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlmodel import Session, select

from store.models import AuditEvent, Person, utcnow
from store.people import Who


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
    return tuple(
        AuditView(event.id, event.at, event.person_id, person.name if person else None, event.entity,
                  event.entity_id, event.action, _load(event.before), _load(event.after))
        for event, person in rows
    )  # fmt: skip


def _load(text: str | None) -> dict[str, Any] | None:
    return json.loads(text) if text is not None else None
