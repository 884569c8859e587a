"""Departments, coops, the people who use the bot and their roles, the ledgers; the invitation links
that give a role and the change of mandataire."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import BigInteger, Column, Index, Text, text
from sqlmodel import Field, SQLModel

from store.models.columns import enum_column, utcnow


class RoleKind(StrEnum):
    AD = "ad"
    MANDATAIRE = "mandataire"
    SIGNATAIRE = "signataire"
    ENSEIGNANT = "enseignant"
    VERIFICATEUR = "verificateur"


class LedgerKind(StrEnum):
    ECOLE = "ecole"
    CLASSE = "classe"


class Department(SQLModel, table=True):
    """An OCCE departmental association (AD), e.g. 974 = La Réunion."""

    code: str = Field(primary_key=True, max_length=3)
    name: str = Field(max_length=120)
    timezone: str = Field(default="Europe/Paris", max_length=64)
    # Month-day settings, "MM-DD", because they repeat every year.
    membership_opens: str = Field(default="09-01", max_length=5)
    membership_closes: str = Field(default="09-30", max_length=5)
    report_deadline: str = Field(default="09-30", max_length=5)
    cotisation_cents: int = Field(default=205)
    assurance_cents: int = Field(default=25)
    adult_rate_cents: int | None = Field(default=None)
    chart: str = Field(default="occe", max_length=32)
    # Pièce numbers: 'single' (1, 2, 3…) or 'dr' (D1, D2… for dépenses, R1, R2… for recettes).
    piece_numbering: str = Field(default="single", max_length=8,
                                 sa_column_kwargs={"server_default": "single"})
    # Reminders (issue 14): days before a deadline, the hours they may be sent, school holidays
    # ("AAAA-MM-JJ:AAAA-MM-JJ" ranges, comma-separated), how long a membership may wait for the AD.
    reminder_days: str = Field(default="15,7,3,1", max_length=40, sa_column_kwargs={"server_default": "15,7,3,1"})
    reminder_from_hour: int = Field(default=8, sa_column_kwargs={"server_default": "8"})
    reminder_until_hour: int = Field(default=19, sa_column_kwargs={"server_default": "19"})
    school_holidays: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))
    validation_wait_days: int = Field(default=3, sa_column_kwargs={"server_default": "3"})
    report_prepare: str = Field(default="07-01", max_length=5, sa_column_kwargs={"server_default": "07-01"})


class Coop(SQLModel, table=True):
    """A school cooperative affiliated to a department, e.g. 974-111."""

    id: int | None = Field(default=None, primary_key=True)
    affiliation: str = Field(unique=True, max_length=16)
    school_name: str = Field(max_length=120)
    commune: str = Field(default="", max_length=80)
    department_code: str = Field(foreign_key="department.code", index=True)
    # Recorded from the first bank statement imported; later files must name the same account.
    bank_account: str | None = Field(default=None, max_length=34)


class Person(SQLModel, table=True):
    """Someone who uses the bot, known by their Telegram account once linked."""

    id: int | None = Field(default=None, primary_key=True)
    # Telegram ids do not fit in 32 bits.
    telegram_id: int | None = Field(default=None, sa_column=Column(BigInteger, unique=True))
    name: str = Field(max_length=120)
    email: str | None = Field(default=None, max_length=254)
    language: str = Field(default="fr", max_length=8)


class Role(SQLModel, table=True):
    """What a person may do where. An ended role keeps its history."""

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id", index=True)
    kind: RoleKind = Field(
        sa_column=Column(enum_column(RoleKind, 16), nullable=False)
    )
    department_code: str | None = Field(default=None, foreign_key="department.code")
    coop_id: int | None = Field(default=None, foreign_key="coop.id", index=True)
    ledger_id: int | None = Field(default=None, foreign_key="ledger.id")
    started_at: datetime = Field(default_factory=utcnow)
    ended_at: datetime | None = Field(default=None)


class Ledger(SQLModel, table=True):
    """A cahier: the school's, or one class's."""

    __table_args__ = (
        Index("uq_ledger_coop_name", "coop_id", text("lower(name)"), unique=True),
    )

    id: int | None = Field(default=None, primary_key=True)
    coop_id: int = Field(foreign_key="coop.id", index=True)
    name: str = Field(max_length=10)
    kind: LedgerKind = Field(
        sa_column=Column(enum_column(LedgerKind, 8), nullable=False)
    )
    created_at: datetime = Field(default_factory=utcnow)


class Invitation(SQLModel, table=True):
    """A single-use link that gives its opener a role. Only the code's hash is kept."""

    id: int | None = Field(default=None, primary_key=True)
    code_hash: str = Field(max_length=64, unique=True)
    role: RoleKind = Field(sa_column=Column(enum_column(RoleKind, 16), nullable=False))
    department_code: str | None = Field(default=None, foreign_key="department.code")
    coop_id: int | None = Field(default=None, foreign_key="coop.id")
    ledger_id: int | None = Field(default=None, foreign_key="ledger.id")
    # The person the role is meant for, when already known (imported mandataire).
    person_id: int | None = Field(default=None, foreign_key="person.id")
    invited_by: int | None = Field(default=None, foreign_key="person.id")
    created_at: datetime = Field(default_factory=utcnow)
    expires_at: datetime
    used_at: datetime | None = Field(default=None)
    used_by: int | None = Field(default=None, foreign_key="person.id")
    revoked_at: datetime | None = Field(default=None)  # withdrawn by someone who may issue it
    revoked_by: int | None = Field(default=None, foreign_key="person.id")


class MandateChange(SQLModel, table=True):
    """A change of mandataire: designated by invitation, confirmed by the AD."""

    id: int | None = Field(default=None, primary_key=True)
    coop_id: int = Field(foreign_key="coop.id", index=True)
    invitation_id: int = Field(foreign_key="invitation.id", unique=True)
    requested_by: int = Field(foreign_key="person.id")
    requested_at: datetime = Field(default_factory=utcnow)
    successor_id: int | None = Field(default=None, foreign_key="person.id")
    confirmed_by: int | None = Field(default=None, foreign_key="person.id")
    confirmed_at: datetime | None = Field(default=None)
