"""Telegram updates handled once: the id of each one is kept for a while."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete
from sqlmodel import Session

from store.models import SeenUpdate, utcnow

KEPT_FOR = timedelta(days=7)  # Telegram gives up redelivering long before
PRUNE_EVERY = 500  # update ids


def first_time(session: Session, update_id: int, now: datetime | None = None) -> bool:
    """True the first time an update id is seen, False ever after (while it is kept)."""
    if session.get(SeenUpdate, update_id) is not None:
        return False
    now = now or utcnow()
    session.add(SeenUpdate(update_id=update_id, seen_at=now))
    if update_id % PRUNE_EVERY == 0:
        session.exec(delete(SeenUpdate).where(SeenUpdate.seen_at < now - KEPT_FOR))
    return True
