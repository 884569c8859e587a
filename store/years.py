"""The fiscal year (exercice) runs from 1 September to 31 August."""

from __future__ import annotations

from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo


def fiscal_year_of(day: date) -> int:
    """The year in which the exercice containing ``day`` started."""
    return day.year if day.month >= 9 else day.year - 1


def fiscal_year_bounds(year: int) -> tuple[date, date]:
    """First and last day of the exercice that starts in ``year``."""
    return date(year, 9, 1), date(year + 1, 8, 31)


def today_in(tz_name: str, now: datetime | None = None) -> date:
    """Today's date where the department is (La Réunion is hours ahead of Paris)."""
    now = now or datetime.now(timezone.utc)
    return now.astimezone(ZoneInfo(tz_name)).date()
