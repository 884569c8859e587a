"""Conversation state and per-user/per-chat data of the bot, kept as JSON so restarts lose nothing."""

from __future__ import annotations

import json
from typing import Any

from sqlmodel import Session, select

from store.models import ChatState, utcnow


def load_all(session: Session, kind: str, name: str = "") -> dict[str, Any]:
    """Every stored value of one kind (and conversation name), by key."""
    rows = session.exec(select(ChatState).where(ChatState.kind == kind, ChatState.name == name))
    return {row.key: json.loads(row.data) for row in rows}


def save(session: Session, kind: str, key: str, value: Any, name: str = "") -> None:
    """Store ``value`` (None, or an empty dict, deletes it)."""
    row = session.exec(
        select(ChatState).where(ChatState.kind == kind, ChatState.name == name, ChatState.key == key)
    ).first()
    if value is None or value == {}:
        if row is not None:
            session.delete(row)
        return
    data = json.dumps(value, ensure_ascii=False, sort_keys=True)
    if row is None:
        session.add(ChatState(kind=kind, name=name, key=key, data=data))
    elif row.data != data:
        row.data, row.updated_at = data, utcnow()
        session.add(row)
