"""Telegram updates handled once: the id of each one is kept for a while."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete
from sqlmodel import Session

from store import people
from store.db import put
from store.models import SeenUpdate, utcnow

KEPT_FOR = timedelta(days=7)  # Telegram gives up redelivering long before
PRUNE_EVERY = 500  # update ids


def admit(session: Session, update_id: int, telegram_id: int | None) -> tuple[bool, people.Who | None]:
    """Whether the update is new, and who sent it when ``telegram_id`` is given (a command to check)."""
    first = first_time(session, update_id)
    return first, (people.who_is(session, telegram_id) if first and telegram_id is not None else None)


def first_time(session: Session, update_id: int, now: datetime | None = None) -> bool:
    """True the first time an update id is seen, False ever after (while it is kept)."""
    now = now or utcnow()
    if not put(session, SeenUpdate, {"update_id": update_id, "seen_at": now}, ["update_id"]):
        return False
    if update_id % PRUNE_EVERY == 0:
        session.exec(delete(SeenUpdate).where(SeenUpdate.seen_at < now - KEPT_FOR))
    return True
