"""What the tables' columns share: enums stored as their value, instants in UTC."""

from __future__ import annotations

from datetime import datetime, timezone
from enum import StrEnum

from sqlalchemy import Enum as SAEnum


def enum_column(enum_class: type[StrEnum], length: int) -> SAEnum:
    """Stored as its lowercase value, checked by the database."""
    return SAEnum(
        enum_class, native_enum=False, length=length, values_callable=lambda e: [m.value for m in e]
    )


def utcnow() -> datetime:
    return datetime.now(timezone.utc)
