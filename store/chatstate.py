"""Conversation state and per-user/per-chat data of the bot, kept as JSON so restarts lose nothing."""

from __future__ import annotations

import json
from typing import Any

from sqlmodel import Session, delete, select

from store.db import put
from store.models import ChatState, ForgottenAccount, Person, utcnow


def load_all(session: Session, kind: str, name: str = "") -> dict[str, Any]:
    """Every stored value of one kind (and conversation name), by key."""
    rows = session.exec(select(ChatState).where(ChatState.kind == kind, ChatState.name == name))
    return {row.key: json.loads(row.data) for row in rows}


def encode(value: Any) -> str | None:
    """The stored form of a value: None for nothing to keep (None, an empty dict)."""
    return None if value is None or value == {} else json.dumps(value, ensure_ascii=False, sort_keys=True)


def save(session: Session, kind: str, key: str, value: Any, name: str = "") -> None:
    """Store ``value`` (None, or an empty dict, deletes it); never a forgotten person's."""
    save_all(session, [(kind, key, value, name)])


def save_all(session: Session, items: list[tuple[str, str, Any, str]]) -> None:
    """Several ``save``s, (kind, key, value, name) each, in one transaction."""
    encoded = [(kind, key, encode(value), name) for kind, key, value, name in items]
    forgotten = _forgotten(session, set().union(*(accounts_in(kind, key) for kind, key, data, _ in encoded if data)))
    for kind, key, data, name in encoded:
        if data is not None and accounts_in(kind, key) & forgotten:
            data = None  # what a running bot still held about them is not written back
        if data is None:
            session.connection().execute(delete(ChatState).where(
                ChatState.kind == kind, ChatState.name == name, ChatState.key == key))
        else:  # updated_at moves only when the data changes
            put(session, ChatState, {"kind": kind, "name": name, "key": key, "data": data, "updated_at": utcnow()},
                ["kind", "name", "key"], update=["data"])


def accounts_in(kind: str, key: str) -> set[int]:
    """The Telegram ids a stored entry is about: its user or chat, or those of a conversation key."""
    if kind in ("user", "chat"):
        parts: Any = [key]
    elif kind == "conversation":
        try:
            parts = json.loads(key)
        except ValueError:
            return set()
    else:
        return set()
    if not isinstance(parts, list):
        return set()
    return {int(part) for part in parts
            if isinstance(part, int) or (isinstance(part, str) and part.lstrip("-").isdigit())}  # fmt: skip


def _forgotten(session: Session, telegram_ids: set[int]) -> set[int]:
    """Those of these accounts that were forgotten and are linked to nobody since."""
    if not telegram_ids:
        return set()
    linked = select(Person.telegram_id).where(Person.telegram_id.in_(telegram_ids))
    return set(session.exec(select(ForgottenAccount.telegram_id).where(
        ForgottenAccount.telegram_id.in_(telegram_ids), ForgottenAccount.telegram_id.not_in(linked)
    )))  # fmt: skip


def forgotten_after(session: Session, last_id: int) -> list[tuple[int, int]]:
    """Accounts forgotten since tombstone ``last_id`` and linked to nobody since: (tombstone, Telegram id)."""
    linked = select(Person.telegram_id).where(Person.telegram_id.is_not(None))
    return list(session.exec(select(ForgottenAccount.id, ForgottenAccount.telegram_id).where(
        ForgottenAccount.id > last_id, ForgottenAccount.telegram_id.not_in(linked)
    ).order_by(ForgottenAccount.id)))  # fmt: skip
