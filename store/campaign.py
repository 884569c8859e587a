"""The membership campaign: the school year a coop or department is in, and the campaign's last day."""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Session

from store.models import Coop, Department
from store.years import fiscal_year_of, today_in


def current_year(session: Session, coop_id: int, now: datetime | None = None) -> int:
    """The school year that started on the last 1 September, where the coop is."""
    return department_year(session, session.get(Coop, coop_id).department_code, now)


def department_year(session: Session, department_code: str, now: datetime | None = None) -> int:
    """The school year that started on the last 1 September, in the department's time zone."""
    return fiscal_year_of(today_in(session.get(Department, department_code).timezone, now))


def membership_deadline(department: Department, year: int) -> date:
    """The last day of the department's membership campaign of ``year``."""
    month, day = (int(part) for part in department.membership_closes.split("-"))
    return date(year, month, day)


def past_deadline(department: Department, year: int, now: datetime | None = None) -> bool:
    """Whether the department's membership campaign of ``year`` has ended, in its time zone: a
    membership neither sent nor validated is then late."""
    return today_in(department.timezone, now) > membership_deadline(department, year)
