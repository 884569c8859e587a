"""A department's reminder calendar: its deadlines, its steps, and when a message may be sent."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

SUNDAY = 6


def month_day(year: int, setting: str) -> date:
    """'09-30' of ``year``."""
    month, day = setting.split("-")
    return date(year, int(month), int(day))


def parse_holidays(setting: str) -> tuple[tuple[date, date], ...]:
    """'2026-10-17:2026-11-01, 2026-12-19:2027-01-03' → the ranges, both ends included."""
    ranges = []
    for part in setting.replace(";", ",").split(","):
        if part.strip():
            first, _, last = part.strip().partition(":")
            ranges.append((date.fromisoformat(first), date.fromisoformat(last or first)))
    return tuple(ranges)


@dataclass(frozen=True)
class Calendar:
    """What a department decides about reminders (see the Department model)."""

    code: str
    timezone: str
    membership_opens: str = "09-01"
    membership_closes: str = "09-30"
    report_deadline: str = "09-30"
    report_prepare: str = "07-01"
    steps: tuple[int, ...] = (15, 7, 3, 1)  # days before a deadline
    from_hour: int = 8
    until_hour: int = 19
    holidays: tuple[tuple[date, date], ...] = ()
    validation_wait_days: int = 3

    def local(self, now: datetime) -> datetime:
        return now.astimezone(ZoneInfo(self.timezone))

    def school_day(self, day: date) -> bool:
        """Not a Sunday, not in the school holidays."""
        return day.weekday() != SUNDAY and not any(first <= day <= last for first, last in self.holidays)

    def next_school_day(self, day: date) -> date:
        """``day``, or the first school day after it (when a reminder due then actually goes)."""
        while not self.school_day(day):
            day += timedelta(days=1)
        return day

    def may_send(self, now: datetime, hour: int | None = None) -> bool:
        """Whether a message may go now to a person who chose ``hour`` (the department's first hour if None)."""
        local = self.local(now)
        start = max(self.from_hour, hour if hour is not None else self.from_hour)
        return self.school_day(local.date()) and start <= local.hour < self.until_hour

    def next_allowed(self, moment: datetime, hour: int | None = None) -> datetime:
        """``moment`` if a message may go then to a person who chose ``hour``, else the first time after it."""
        if self.may_send(moment, hour):
            return moment
        local = self.local(moment)
        start = max(self.from_hour, hour if hour is not None else self.from_hour)
        day = self.next_school_day(local.date() if local.hour < start else local.date() + timedelta(days=1))
        return datetime.combine(day, time(start), tzinfo=ZoneInfo(self.timezone)).astimezone(moment.tzinfo)

    def countdown(self, deadline: date) -> list[tuple[date, str]]:
        """The steps before ``deadline``: (first day, step), earliest first: j-15, j-7, j-3, j-1."""
        return [(deadline - timedelta(days=days), f"j-{days}") for days in sorted(self.steps, reverse=True)]


def current_step(today: date, thresholds: list[tuple[date, str]], last_for: timedelta) -> str | None:
    """The step whose time has come and not yet passed: a step lasts until the next one starts
    (the last one ``last_for``), so a reminder held up by a Sunday or a holiday still goes,
    and one overtaken by the next is never sent late."""
    current = None
    for start, step in sorted(thresholds):
        if start <= today:
            current = step
    if current is None:
        return None
    last_start = max(thresholds)[0]
    if today >= last_start + last_for:
        return None
    return current
