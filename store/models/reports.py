"""The yearly reports (store/reports.py): their state, the CRA's answers and projects, the quitus,
the documents sent with them."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import BigInteger, Column, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from store.models.columns import enum_column, utcnow


class ReportStatus(StrEnum):
    """Where a coop's yearly report (CRF + CRA) stands; "cahiers non clos" is derived, not stored."""

    IN_PROGRESS = "in_progress"
    QUITUS_REQUESTED = "quitus_requested"
    SENT = "sent"
    TO_COMPLETE = "to_complete"  # sent back by the AD with a comment
    MODIFIED = "modified"  # changed after it was sent
    VALIDATED = "validated"  # the AD validated it: the year is locked (YearClosing)


class Report(SQLModel, table=True):
    """A coop's yearly report for one fiscal year: its state and the CRA's answers."""

    __table_args__ = (UniqueConstraint("coop_id", "fiscal_year", name="uq_report_coop_year"),)

    id: int | None = Field(default=None, primary_key=True)
    coop_id: int = Field(foreign_key="coop.id", index=True)
    fiscal_year: int
    status: ReportStatus = Field(sa_column=Column(enum_column(ReportStatus, 16), nullable=False))
    councils: int | None = Field(default=None)  # conseils de coopérative held
    occe_actions: str | None = Field(default=None, sa_column=Column(Text))
    comments: str | None = Field(default=None, sa_column=Column(Text))
    projects_done: bool = Field(default=False)  # the CRA's projects step answered
    started_at: datetime = Field(default_factory=utcnow)
    started_by: int | None = Field(default=None, foreign_key="person.id")
    quitus_requested_at: datetime | None = Field(default=None)
    sent_at: datetime | None = Field(default=None)
    sent_by: int | None = Field(default=None, foreign_key="person.id")
    ad_comment: str | None = Field(default=None, sa_column=Column(Text))
    modified_at: datetime | None = Field(default=None)
    change_told: bool = Field(default=True)  # False: a change after sending, not yet told
    validated_at: datetime | None = Field(default=None)
    validated_by: int | None = Field(default=None, foreign_key="person.id")


class ReportProject(SQLModel, table=True):
    """One of the year's projects in the CRA."""

    id: int | None = Field(default=None, primary_key=True)
    report_id: int = Field(foreign_key="report.id", index=True)
    title: str = Field(max_length=80)
    classes: str = Field(default="", max_length=120)
    description: str = Field(default="", max_length=500)


class Quitus(SQLModel, table=True):
    """A vérificateur aux comptes' quitus: they checked the accounts (their name, the date, parent or not)."""

    __table_args__ = (UniqueConstraint("report_id", "person_id", name="uq_quitus_person"),)

    id: int | None = Field(default=None, primary_key=True)
    report_id: int = Field(foreign_key="report.id", index=True)
    person_id: int = Field(foreign_key="person.id")
    name: str = Field(max_length=120)
    parent: bool
    day: date
    confirmed_at: datetime = Field(default_factory=utcnow)


class ReportAttachment(SQLModel, table=True):
    """A document sent with the report: the August bank statement, or the proof of a public grant."""

    id: int | None = Field(default=None, primary_key=True)
    report_id: int = Field(foreign_key="report.id", index=True)
    kind: str = Field(max_length=16)  # statement, grant
    entry_id: int | None = Field(default=None, foreign_key="entry.id")  # a grant proof: the grant it proves
    path: str = Field(max_length=500)
    mime_type: str = Field(max_length=100)
    size: int = Field(sa_column=Column(BigInteger, nullable=False))
    attached_at: datetime = Field(default_factory=utcnow)
    attached_by: int | None = Field(default=None, foreign_key="person.id")
