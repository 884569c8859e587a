"""Messages between people and the bot: questions to the AD (/contact), the outbox every notice goes
through (rules in store/outbox.py), a person's reminder settings, the AD's announcements."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import BigInteger, Column, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from store.models.columns import enum_column, utcnow


class ContactMessage(SQLModel, table=True):
    """A question to the AD (Retkoop's forum), and the copies of it sent to AD staff."""

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id")
    coop_id: int | None = Field(default=None, foreign_key="coop.id")
    department_code: str = Field(foreign_key="department.code")
    text: str = Field(sa_column=Column(Text, nullable=False))
    created_at: datetime = Field(default_factory=utcnow)


class ContactCopy(SQLModel, table=True):
    """Where a contact message was delivered, so that a reply to it finds its way back."""

    __table_args__ = (UniqueConstraint("chat_id", "message_id", name="uq_contact_copy"),)

    id: int | None = Field(default=None, primary_key=True)
    contact_id: int = Field(foreign_key="contactmessage.id")
    chat_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    message_id: int


class OutboxState(StrEnum):
    PENDING = "pending"  # written, waiting for its time
    SENDING = "sending"  # claimed by a sender: from here on it is never handed out again
    SENT = "sent"
    UNKNOWN = "unknown"  # perhaps sent (the sender died, or the answer was lost): never resent
    BLOCKED = "blocked"  # the person blocked the bot (403)
    FAILED = "failed"  # Telegram refused it for good (chat not found, no Telegram account…)


class OutboxMessage(SQLModel, table=True):
    """A message to one person, written before it is sent; its key makes it unique for good."""

    __table_args__ = (Index("ix_outbox_due", "state", "due_at"),)

    id: int | None = Field(default=None, primary_key=True)
    # kind:step:coop:person:year, e.g. "adhesion:j-7:12:34:2026" (coop "-" when none).
    key: str = Field(max_length=160, unique=True)
    kind: str = Field(max_length=32)
    step: str = Field(max_length=32)
    coop_id: int | None = Field(default=None, foreign_key="coop.id", index=True)
    person_id: int = Field(foreign_key="person.id", index=True)
    department_code: str = Field(foreign_key="department.code", index=True)
    year: int
    params: str = Field(default="{}", sa_column=Column(Text, nullable=False))  # JSON, for the text
    batch: str | None = Field(default=None, max_length=64, index=True)  # e.g. an announcement's id
    state: OutboxState = Field(default=OutboxState.PENDING, sa_column=Column(enum_column(OutboxState, 8), nullable=False))
    due_at: datetime  # not before (UTC)
    created_at: datetime = Field(default_factory=utcnow)
    created_by: int | None = Field(default=None, foreign_key="person.id")
    claimed_at: datetime | None = Field(default=None)
    done_at: datetime | None = Field(default=None)
    error: str | None = Field(default=None, max_length=200)
    # Runs that tried it without reaching Telegram (no connection): it waits for the next run, up to a bound.
    attempts: int = Field(default=0, sa_column_kwargs={"server_default": "0"})


class ReminderSettings(SQLModel, table=True):
    """A person's choices for reminders (/rappels), and whether they blocked the bot."""

    person_id: int = Field(foreign_key="person.id", primary_key=True)
    muted: str = Field(default="", max_length=200)  # kinds, comma-separated
    hour: int | None = Field(default=None)  # the hour they prefer, department time
    blocked_at: datetime | None = Field(default=None)


class Announcement(SQLModel, table=True):
    """A message of AD staff to the department's mandataires (/annonce); each copy goes through the outbox."""

    id: int | None = Field(default=None, primary_key=True)
    department_code: str = Field(foreign_key="department.code", index=True)
    person_id: int = Field(foreign_key="person.id")
    audience: str = Field(max_length=16)  # all, late, commune (store.followup.AUDIENCES)
    commune: str = Field(default="", max_length=80)
    text: str = Field(sa_column=Column(Text, nullable=False))
    created_at: datetime = Field(default_factory=utcnow)
