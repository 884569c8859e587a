"""The departments (the ADs) and their settings, kept from the command line (``coopbot department …``).

Pure store code: errors carry reason codes and the offending values, never
sentences; the caller says them in French. The coops come from a file: coops_import.py.
"""

from __future__ import annotations

import re
from datetime import date
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlmodel import Session

from reminders.calendar import parse_holidays
from store.errors import StoreError
from store.models import Department, PieceNumbering
from store.money import MAX_CENTS
from store.text import plain

DEPARTMENT_NAME_MAX = 120

# 01–95, 2A, 2B, and the overseas 971–989.
_DEPARTMENT = r"0[1-9]|[1-8][0-9]|9[0-5]|2[AB]|9[78][0-9]"
_DEPARTMENT_CODE = re.compile(_DEPARTMENT)
_MONTH_DAY = re.compile(r"(?P<month>\d{2})-(?P<day>\d{2})")
_CHART = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,31}")

MONTH_DAY_SETTINGS = ("membership_opens", "membership_closes", "report_deadline", "report_prepare")
MAX_REMINDER_DAYS = 60
AMOUNT_SETTINGS = ("cotisation_cents", "assurance_cents", "adult_rate_cents")


class DirectoryError(StoreError, ValueError):
    """A department cannot be added or changed.

    ``reason`` is one of 'department_code', 'department_exists', 'department_unknown',
    'name', 'timezone', 'month_day', 'amount', 'chart', 'piece_numbering'; ``field`` names the setting
    concerned (or None) and ``value`` is what was given.
    """

    def __init__(self, reason: str, field: str | None = None, value: object = None):
        super().__init__(reason, field=field, value=value)


def normalise_department_code(code: str) -> str:
    """'974', ' 01 ', '2a' → '974', '01', '2A'; not a department → DirectoryError('department_code')."""
    cleaned = str(code).strip().upper()
    if not _DEPARTMENT_CODE.fullmatch(cleaned):
        raise DirectoryError("department_code", "code", code)
    return cleaned


def _clean_text(value: str) -> str:
    """Surrounding spaces removed, inner runs of whitespace (newlines too) made one space, no control characters."""
    return " ".join(plain(value).split())


def _check_name(value: str) -> str:
    name = _clean_text(value)
    if not name or len(name) > DEPARTMENT_NAME_MAX:
        raise DirectoryError("name", "name", value)
    return name


def _check_timezone(value: str) -> str:
    tz = str(value).strip()
    try:
        if not tz:
            raise ValueError
        ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        raise DirectoryError("timezone", "timezone", value) from None
    return tz


def _check_month_day(field: str, value: str) -> str:
    """'MM-DD', a real day of a common year (so 02-29 is refused: it is not there every year)."""
    text = str(value).strip()
    match = _MONTH_DAY.fullmatch(text)
    try:
        if not match:
            raise ValueError
        date(2001, int(match["month"]), int(match["day"]))
    except ValueError:
        raise DirectoryError("month_day", field, value) from None
    return text


def _check_cents(field: str, value: int | None) -> int | None:
    if value is None and field == "adult_rate_cents":
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_CENTS:
        raise DirectoryError("amount", field, value)
    return value


def _check_chart(value: str) -> str:
    chart = str(value).strip()
    if not _CHART.fullmatch(chart):
        raise DirectoryError("chart", "chart", value)
    return chart


def _check_setting(field: str, value):
    if field == "name":
        return _check_name(value)
    if field == "timezone":
        return _check_timezone(value)
    if field in MONTH_DAY_SETTINGS:
        return _check_month_day(field, value)
    if field in AMOUNT_SETTINGS:
        return _check_cents(field, value)
    if field == "chart":
        return _check_chart(value)
    if field == "piece_numbering":
        if value not in {n.value for n in PieceNumbering}:
            raise DirectoryError("piece_numbering", field, value)
        return PieceNumbering(value)
    if field in ("reminder_days", "school_holidays", "reminder_from_hour", "reminder_until_hour",
                 "validation_wait_days"):
        return _check_reminder_setting(field, value)
    raise TypeError(f"set_department() got an unexpected setting {field!r}")


def _check_reminder_setting(field: str, value):
    """Reminder days '15,7,3,1' (1 to 60, at most 8), holidays 'AAAA-MM-JJ:AAAA-MM-JJ,…', hours 0–24, a wait in days."""
    try:
        if field == "reminder_days":
            days = sorted({int(part) for part in str(value).split(",") if part.strip()}, reverse=True)
            if not days or len(days) > 8 or not all(1 <= d <= MAX_REMINDER_DAYS for d in days):
                raise ValueError
            return ",".join(map(str, days))
        if field == "school_holidays":
            ranges = parse_holidays(str(value))
            if any(first > last for first, last in ranges):
                raise ValueError
            return ",".join(f"{first.isoformat()}:{last.isoformat()}" for first, last in ranges)
        number = int(value)
        if not (0 <= number <= 24 if field.endswith("hour") else 1 <= number <= MAX_REMINDER_DAYS):
            raise ValueError
        return number
    except (TypeError, ValueError):
        raise DirectoryError("reminder_hours" if field.endswith("hour") else field, field, value) from None


def add_department(session: Session, code: str, name: str, timezone: str) -> Department:
    """Create a department (the AD) with the default settings.

    ``code``: 2–3 characters, digits or 2A/2B ('974', '01', '2A'); ``timezone``: a
    zoneinfo name ('Indian/Reunion'). Raises DirectoryError: 'department_code',
    'name', 'timezone', or 'department_exists' for a code already there.
    """
    code = normalise_department_code(code)
    name = _check_name(name)
    timezone = _check_timezone(timezone)
    if session.get(Department, code) is not None:
        raise DirectoryError("department_exists", "code", code)
    department = Department(code=code, name=name, timezone=timezone)
    session.add(department)
    session.flush()
    return department


def set_department(session: Session, code: str, **changes) -> Department:
    """Change some settings of a department; every value is checked before any is applied.

    Settings: name, timezone, membership_opens, membership_closes, report_deadline
    ('MM-DD'), cotisation_cents, assurance_cents (0 to 100 000 €, in cents),
    adult_rate_cents (the same, or None: no separate adult rate), chart (the chart
    of accounts' identifier: letters, digits, '-' and '_', 32 at most); reminders:
    report_prepare ('MM-DD'), reminder_days ('15,7,3,1'), reminder_from_hour and
    reminder_until_hour (the first must come before the second: 'reminder_hours'),
    school_holidays ('2026-10-17:2026-11-01,…'), validation_wait_days.
    Raises DirectoryError ('department_unknown', or the first bad value's reason),
    TypeError for a setting that does not exist.
    """
    code = normalise_department_code(code)
    checked = {field: _check_setting(field, value) for field, value in changes.items()}
    department = session.get(Department, code)
    if department is None:
        raise DirectoryError("department_unknown", "code", code)
    for field, value in checked.items():
        setattr(department, field, value)
    if department.reminder_from_hour >= department.reminder_until_hour:
        raise DirectoryError("reminder_hours", "reminder_from_hour", department.reminder_from_hour)
    session.add(department)
    session.flush()
    return department
