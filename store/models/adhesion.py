"""The yearly membership table (store/adhesion.py)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from store.models.columns import utcnow


class Adhesion(SQLModel, table=True):
    """A coop's membership for one school year, and who validated it."""

    __table_args__ = (UniqueConstraint("coop_id", "year", name="uq_adhesion_coop_year"),)

    id: int | None = Field(default=None, primary_key=True)
    coop_id: int = Field(foreign_key="coop.id")
    year: int  # the fiscal year it starts in: 2026 for 2026-2027
    submitted_at: datetime | None = Field(default=None)  # the mandataire's engagement
    submitted_by: int | None = Field(default=None, foreign_key="person.id")
    validated_at: datetime | None = Field(default=None)  # the AD's validation
    validated_by: int | None = Field(default=None, foreign_key="person.id")


class AdhesionRow(SQLModel, table=True):
    """One class of the membership table; its class ledger lives across years (one row a year holds it)."""

    __table_args__ = (UniqueConstraint("adhesion_id", "ledger_id", name="uq_adhesionrow_adhesion_ledger"),)

    id: int | None = Field(default=None, primary_key=True)
    adhesion_id: int = Field(foreign_key="adhesion.id", index=True)
    class_name: str = Field(max_length=30)
    pupils: int
    other_adults: int
    ledger_id: int | None = Field(default=None, foreign_key="ledger.id", index=True)
    created_at: datetime = Field(default_factory=utcnow)


class AdhesionTeacher(SQLModel, table=True):
    """A teacher of an adhesion row; the row's teacher count is how many there are."""

    id: int | None = Field(default=None, primary_key=True)
    row_id: int = Field(foreign_key="adhesionrow.id", index=True)
    name: str = Field(max_length=120)
    email: str = Field(max_length=254)
