"""The AD staff's weekly digest (issue 14): Monday in September to November, from the department's facts.

One more kind of the reminders' schedule (reminders/schedule.py asks it at every run):
its outbox key is the week's Monday, so it goes once a week, on the Monday or, when the
Monday could not be used (a holiday, the bot down), on the next moment messages may go that week.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from reminders.calendar import month_day
from reminders.due import DIGEST, DepartmentFacts, Due
from store.years import fiscal_year_of

DIGEST_MONTHS = (9, 10, 11)
SHOWN = 20  # affiliations listed per line: the message must fit in one Telegram message


def weekly_digest(facts: DepartmentFacts, now: datetime) -> list[Due]:
    """The digest for each AD staff member, if this week's is due at ``now``."""
    calendar = facts.calendar
    today = calendar.local(now).date()
    monday = today - timedelta(days=today.weekday())
    if monday.month not in DIGEST_MONTHS:  # the week of Tuesday 1 September has no digest: nothing has happened yet
        return []
    year = fiscal_year_of(today)
    closes, report_deadline = month_day(year, calendar.membership_closes), month_day(year, calendar.report_deadline)
    coops = facts.coops
    params = {
        "department": calendar.code,
        "coops": len(coops),
        "renewed": sum(1 for c in coops if c.submitted_at is not None),
        # the reports' line once some coop has last year's report to send (CoopFacts.report)
        "reports_known": any(c.report is not None for c in coops),
        "reported": sum(1 for c in coops if c.report is not None and c.report.sent),
        "waiting": [c.affiliation for c in coops if c.submitted_at is not None and c.validated_at is None][:SHOWN],
        "waiting_count": sum(1 for c in coops if c.submitted_at is not None and c.validated_at is None),
        "late": [c.affiliation for c in coops if c.submitted_at is None and today > closes][:SHOWN],
        "late_count": sum(1 for c in coops if c.submitted_at is None and today > closes),
        # a coop that was not a member last year (None) is counted neither as sent nor as late
        "late_reports": sum(1 for c in coops if c.report is not None and not c.report.sent and today > report_deadline),
    }
    return [Due(DIGEST, monday.isoformat(), None, person.person_id, year, params) for person in facts.staff
            if person.wants(DIGEST, "") and calendar.may_send(now, person.hour)]  # fmt: skip
