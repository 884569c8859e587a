"""What the bot keeps for itself: its conversations' state, the updates already handled, the
accounts forgotten (RGPD), the audit trail."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Column, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from store.models.columns import utcnow


class ChatState(SQLModel, table=True):
    """The bot's conversation states and user/chat data, as JSON (see bot/infra/persistence.py)."""

    __table_args__ = (UniqueConstraint("kind", "name", "key", name="uq_chat_state"),)

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=16)  # conversation, user, chat
    name: str = Field(default="", max_length=64)  # the conversation's name
    key: str = Field(max_length=64)
    data: str = Field(sa_column=Column(Text, nullable=False))
    updated_at: datetime = Field(default_factory=utcnow)


class SeenUpdate(SQLModel, table=True):
    """A Telegram update already handled: a webhook retry or a replay after a crash is not handled twice."""

    update_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    seen_at: datetime = Field(default_factory=utcnow, index=True)


class ForgottenAccount(SQLModel, table=True):
    """A Telegram account whose person was forgotten (RGPD): the running bot must not write
    its chat data back, unless the account is linked to someone again."""

    id: int | None = Field(default=None, primary_key=True)
    telegram_id: int = Field(sa_column=Column(BigInteger, nullable=False, unique=True))
    forgotten_at: datetime = Field(default_factory=utcnow)


class AuditEvent(SQLModel, table=True):
    """Who changed what, when: the state before and after, as JSON (see store/audit.py)."""

    __table_args__ = (Index("ix_auditevent_entity", "entity", "entity_id"),)

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow)
    person_id: int | None = Field(default=None, foreign_key="person.id")
    coop_id: int | None = Field(default=None, foreign_key="coop.id", index=True)
    entity: str = Field(max_length=32)
    entity_id: int
    action: str = Field(max_length=16)
    before: str | None = Field(default=None, sa_column=Column(Text))
    after: str | None = Field(default=None, sa_column=Column(Text))
