"""The fiscal year (exercice) runs from 1 September to 31 August; a day as people type it."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

_DAY = re.compile(r"(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{2}|\d{4}))?")
_ISO_DAY = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DAY_SHAPE = rf"{_ISO_DAY.pattern}|{_DAY.pattern}"
# '01/09/2026-30/11/2026', 'du 1/9/26 au 30/11/26', '2026-09-01 2026-11-30': two day-shaped parts
_PERIOD = re.compile(rf"\s*(?:du\s+|from\s+)?(?P<first>{_DAY_SHAPE})\s*(?:[-–—]|au|à|to|\s)\s*(?P<last>{_DAY_SHAPE})\s*",
                     re.I)  # fmt: skip


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


def day_shaped(text: str) -> bool:
    """'31/02/2026', '2026-13-01': written as a date, whether or not that day exists (never a name, then)."""
    cleaned = text.strip()
    return bool(_DAY.fullmatch(cleaned) or _ISO_DAY.fullmatch(cleaned))


def period_parts(text: str) -> tuple[str, str] | None:
    """A typed period's first and last day as written (each for ``parse_day``: it may not exist, '31/02/2026');
    None unless it is two day-shaped parts."""
    match = _PERIOD.fullmatch(text)
    return (match["first"], match["last"]) if match else None


def parse_day(text: str, today: date) -> date | None:
    """'aujourd'hui', 'hier', '3/11', '03/11/2026', '2026-11-03' → a date (None if it is not one).

    jj/mm without a year is the latest such day that is not after today.
    """
    cleaned = text.strip().lower().replace("’", "'")
    if cleaned in ("aujourd'hui", "auj", "today"):
        return today
    if cleaned in ("hier", "yesterday"):
        return today - timedelta(days=1)
    if iso := _ISO_DAY.fullmatch(cleaned):  # 2026-11-01, as some phones and spreadsheets write it
        try:
            return date(int(iso[1]), int(iso[2]), int(iso[3]))
        except ValueError:
            return None
    match = _DAY.fullmatch(cleaned)
    if not match:
        return None
    day, month, year = int(match[1]), int(match[2]), match[3]
    years = [int(year) + (2000 if len(year) == 2 else 0)] if year else [today.year, today.year - 1]
    for candidate in years:
        try:
            found = date(candidate, month, day)
        except ValueError:
            return None
        if year or found <= today:
            return found
    return None
