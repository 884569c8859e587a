"""The outbox: every reminder or mass message, written before it is sent, sent at most once.

A message's key (kind, step, coop, person, year) is unique for good: writing it again
does nothing, so whatever asks twice (two runs, two instances, a restart) adds nothing.
A sender *claims* a message (pending → sending, one conditional update: one claimer
wins) and commits before calling Telegram; after Telegram's answer it records the
outcome. A message found "sending" when an instance becomes active was claimed by a
process that died: it may or may not have reached the person, so it is never sent
again and is shown to the AD as unknown. Hence: at most once. Only a message that
certainly never reached Telegram (no connection could be made) goes back to pending,
for the next run (``retry_later``).

``enqueue`` and the sending functions are the system's (the scheduler's, or a store
function that checked its caller's access first); the AD's listings check access.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, func, select

from store import access
from store.access import Action
from store.models import Coop, Department, OutboxMessage, OutboxState, Person, ReminderSettings, utcnow
from store.people import Who

CLAIM_BATCH = 30  # one second of sending at Telegram's overall limit
ERROR_LENGTH = 200
RETRY_PAUSE = timedelta(minutes=5)  # the periodic job's period: a message that never left waits for the next run
RETRY_RUNS = 6  # runs that try it (Telegram unreachable for about half an hour) before it fails for good


def outbox_key(kind: str, step: str, coop_id: int | None, person_id: int, year: int) -> str:
    """The message's identity: the same reminder to the same person for the same coop and year."""
    return f"{kind}:{step}:{coop_id if coop_id is not None else '-'}:{person_id}:{year}"


def holds(session: Session, key: str) -> bool:
    """Whether the message of that key was written already."""
    return session.exec(select(OutboxMessage.id).where(OutboxMessage.key == key)).first() is not None


def enqueue(session: Session, *, kind: str, step: str, person_id: int, department_code: str, year: int,
            due_at: datetime | None = None, coop_id: int | None = None, params: dict[str, Any] | None = None,
            batch: str | None = None, created_by: int | None = None) -> bool:  # fmt: skip
    """Write a message to send from ``due_at`` (now by default); False if its key was written before."""
    key = outbox_key(kind, step, coop_id, person_id, year)
    if holds(session, key):
        return False
    message = OutboxMessage(
        key=key, kind=kind, step=step, coop_id=coop_id, person_id=person_id, department_code=department_code,
        year=year, params=json.dumps(params or {}, ensure_ascii=False), batch=batch,
        due_at=due_at or utcnow(), created_by=created_by,
    )  # fmt: skip
    try:
        with session.begin_nested():  # another writer of the same key, just now: theirs stands
            session.add(message)
    except IntegrityError:
        return False
    return True


def blocked(session: Session, person_ids: list[int]) -> set[int]:
    """Who of these people blocked the bot: ``claim`` closes their messages as blocked, unsent."""
    return set(session.exec(select(ReminderSettings.person_id).where(
        ReminderSettings.person_id.in_(person_ids), ReminderSettings.blocked_at.is_not(None))).all())  # fmt: skip


@dataclass(frozen=True)
class Claimed:
    """A message this sender now owns: what it needs to write and send it."""

    id: int
    kind: str
    step: str
    coop_id: int | None
    person_id: int
    year: int
    telegram_id: int
    language: str
    params: dict[str, Any]


def claim(session: Session, now: datetime | None = None, limit: int = CLAIM_BATCH,
          keys: tuple[str, ...] | None = None) -> list[Claimed]:  # fmt: skip
    """Take up to ``limit`` messages due now (only those of ``keys`` if given: the notices an action just wrote);
    the claim is committed with the transaction, before any sending.

    A person who blocked the bot or has no Telegram account is skipped: their message is
    closed as blocked or failed without being sent."""
    now = now or utcnow()
    query = (
        select(OutboxMessage, Person, ReminderSettings)
        .join(Person, Person.id == OutboxMessage.person_id)
        .join(ReminderSettings, ReminderSettings.person_id == Person.id, isouter=True)
        .where(OutboxMessage.state == OutboxState.PENDING, OutboxMessage.due_at <= now)
        .order_by(OutboxMessage.due_at, OutboxMessage.id)
        .limit(limit)
    )
    if keys is not None:
        query = query.where(OutboxMessage.key.in_(keys))
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True, of=OutboxMessage)
    claimed = []
    for message, person, settings in session.exec(query).all():
        if settings is not None and settings.blocked_at is not None:
            _close(session, message.id, OutboxState.PENDING, OutboxState.BLOCKED, now, "blocked the bot")
        elif person.telegram_id is None:
            _close(session, message.id, OutboxState.PENDING, OutboxState.FAILED, now, "no Telegram account")
        elif _close(session, message.id, OutboxState.PENDING, OutboxState.SENDING, now):
            claimed.append(Claimed(
                id=message.id, kind=message.kind, step=message.step, coop_id=message.coop_id,
                person_id=person.id, year=message.year, telegram_id=person.telegram_id,
                language=person.language, params=json.loads(message.params),
            ))  # fmt: skip
    return claimed


def _close(session: Session, message_id: int, was: OutboxState, state: OutboxState, now: datetime,
           error: str | None = None) -> bool:  # fmt: skip
    """Move one message from ``was`` to ``state``; False if it was not in ``was`` (someone else has it)."""
    values: dict[str, Any] = {"state": state, "error": error[:ERROR_LENGTH] if error else None}
    values["claimed_at" if state == OutboxState.SENDING else "done_at"] = now
    done = session.exec(
        update(OutboxMessage)
        .where(OutboxMessage.id == message_id, OutboxMessage.state == was)
        .values(**values)
    )  # fmt: skip
    return done.rowcount == 1


def finish(session: Session, message_id: int, state: OutboxState, error: str | None = None,
           now: datetime | None = None) -> None:  # fmt: skip
    """Record Telegram's answer to a claimed message: sent, blocked (the person is marked too) or failed."""
    now = now or utcnow()
    _close(session, message_id, OutboxState.SENDING, state, now, error)
    if state == OutboxState.BLOCKED:
        person_id = session.exec(select(OutboxMessage.person_id).where(OutboxMessage.id == message_id)).one()
        settings = session.get(ReminderSettings, person_id) or ReminderSettings(person_id=person_id)
        settings.blocked_at = now
        session.add(settings)


def retry_later(session: Session, message_id: int, error: str, now: datetime | None = None) -> OutboxState:
    """A claimed message that certainly never reached Telegram (no connection, even after the sender's retries)
    is pending again, due RETRY_PAUSE later (the next run tries it), or failed after RETRY_RUNS runs; its state."""
    now = now or utcnow()
    message = session.get(OutboxMessage, message_id)
    attempts = message.attempts + 1
    if attempts >= RETRY_RUNS:
        values: dict[str, Any] = {"state": OutboxState.FAILED, "done_at": now}
    else:
        values = {"state": OutboxState.PENDING, "due_at": _within_hours(session, message, now + RETRY_PAUSE),
                  "claimed_at": None}  # fmt: skip
    done = session.exec(
        update(OutboxMessage)
        .where(OutboxMessage.id == message_id, OutboxMessage.state == OutboxState.SENDING)
        .values(attempts=attempts, error=error[:ERROR_LENGTH], **values)
    )  # fmt: skip
    if done.rowcount == 1:
        return values["state"]
    return session.exec(select(OutboxMessage.state).where(OutboxMessage.id == message_id)).one()  # settled meanwhile


def _within_hours(session: Session, message: OutboxMessage, moment: datetime) -> datetime:
    """``moment``, or the next time the department's hours (and the person's chosen hour) allow: a retry
    keeps the manners of the first try."""
    from store.reminders import calendar_of  # here: store.reminders, through reminders/, imports this module

    settings = session.get(ReminderSettings, message.person_id)
    calendar = calendar_of(session.get(Department, message.department_code))
    return calendar.next_allowed(moment, settings.hour if settings else None)


def settle_interrupted(session: Session, now: datetime | None = None) -> int:
    """At an instance's start: messages left "sending" by a dead process become "unknown", never resent."""
    done = session.exec(
        update(OutboxMessage)
        .where(OutboxMessage.state == OutboxState.SENDING)
        .values(state=OutboxState.UNKNOWN, done_at=now or utcnow(), error="interrupted")
    )  # fmt: skip
    return done.rowcount


# ---------------------------------------------------------------- what the AD sees


@dataclass(frozen=True)
class DeliveryLine:
    """One message that did not simply go: who, which coop, what happened."""

    kind: str
    step: str
    person: str
    affiliation: str | None
    state: OutboxState
    due_at: datetime
    done_at: datetime | None
    error: str | None


@dataclass(frozen=True)
class DeliveryReport:
    """How many messages are in each state, and the ones the AD should look at (blocked, failed, unknown)."""

    counts: dict[OutboxState, int]
    problems: list[DeliveryLine]


PROBLEMS = (OutboxState.BLOCKED, OutboxState.FAILED, OutboxState.UNKNOWN)


def delivery_report(session: Session, who: Who, department_code: str, *, batch: str | None = None,
                    kind: str | None = None, limit: int = 50) -> DeliveryReport:  # fmt: skip
    """The department's messages (of one batch or kind if given): counts by state and the problems, latest first."""
    access.require(who, Action.STAFF, department_code=department_code)
    scope = [OutboxMessage.department_code == department_code]
    if batch is not None:
        scope.append(OutboxMessage.batch == batch)
    if kind is not None:
        scope.append(OutboxMessage.kind == kind)
    counts = Counter({state: 0 for state in OutboxState})
    for state, count in session.exec(
        select(OutboxMessage.state, func.count()).where(*scope).group_by(OutboxMessage.state)
    ).all():  # fmt: skip
        counts[OutboxState(state)] = count
    rows = session.exec(
        select(OutboxMessage, Person.name, Coop.affiliation)
        .join(Person, Person.id == OutboxMessage.person_id)
        .join(Coop, Coop.id == OutboxMessage.coop_id, isouter=True)
        .where(*scope, OutboxMessage.state.in_(PROBLEMS))
        .order_by(OutboxMessage.due_at.desc(), OutboxMessage.id.desc())
        .limit(limit)
    ).all()
    problems = [DeliveryLine(m.kind, m.step, name, affiliation, m.state, m.due_at, m.done_at, m.error)
                for m, name, affiliation in rows]  # fmt: skip
    return DeliveryReport(dict(counts), problems)
