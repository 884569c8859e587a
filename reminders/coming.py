"""What a person will receive, and when (for /rappels): the reminders' own rules asked day by day to come.

Nothing here decides what is due: ``due_now`` and ``weekly_digest``, which the job runs, are
asked for each school day from now to the end of the school year, as if nothing changed
meanwhile; each message counts once, on the day it would first go, and none the outbox holds already.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from reminders.calendar import Calendar
from reminders.digest import weekly_digest
from reminders.due import CoopFacts, DepartmentFacts, Due, due_now
from store.outbox import outbox_key
from store.years import fiscal_year_of


def coming(facts: DepartmentFacts, person_id: int, now: datetime, written: Collection[str]) -> list[tuple[date, Due]]:
    """The messages ``person_id`` will receive from ``now`` to 31 August if nothing changes, with the day each goes
    (department time), earliest first; ``written``: the keys of their messages already in the outbox."""
    calendar = facts.calendar
    mine = _concerning(facts, person_id)
    end = date(fiscal_year_of(calendar.local(now).date()) + 1, 8, 31)
    found, seen = [], set(written)
    for moment in _moments(calendar, now, end):
        for due in due_now(mine, moment) + weekly_digest(mine, moment):
            key = outbox_key(due.kind, due.step, due.coop_id, due.person_id, due.year)
            if due.person_id == person_id and key not in seen:
                seen.add(key)
                found.append((calendar.local(moment).date(), due))
    return found


def _moments(calendar: Calendar, now: datetime, end: date) -> Iterator[datetime]:
    """``now``, then the first and the last minute of the sending hours of each school day until ``end``: a message
    becomes due at a day's start or during it (a membership's wait for the AD), and stays due until the day ends;
    a person who chose a later hour is asked at the last minute."""
    yield now
    zone, day = ZoneInfo(calendar.timezone), calendar.local(now).date()
    while day <= end:
        if calendar.school_day(day):
            for hour, minute in ((calendar.from_hour, 0), (calendar.until_hour - 1, 59)):
                moment = datetime.combine(day, time(hour, minute), zone)
                if moment > now:
                    yield moment
        day += timedelta(days=1)


def _concerning(facts: DepartmentFacts, person_id: int) -> DepartmentFacts:
    """The department's facts cut down to what may concern the person, asked thousands of times: the coops they
    are reminded about and, for the AD staff, the memberships sent and not validated (the digest's counts do not
    matter here, only when it goes)."""
    staff = tuple(person for person in facts.staff if person.person_id == person_id)

    def concerns(coop: CoopFacts) -> bool:
        report = coop.report
        people = [*coop.mandataires, *(report.quitus_waiting if report else ()),
                  *(teacher for ledger in coop.open_ledgers for teacher in ledger.teachers)]  # fmt: skip
        waiting = coop.submitted_at is not None and coop.validated_at is None
        return any(person.person_id == person_id for person in people) or bool(staff and waiting)

    return replace(facts, coops=tuple(coop for coop in facts.coops if concerns(coop)), staff=staff)
