"""One run of the reminders: for every department, write to the outbox what is due now.

The bot's periodic job (bot/reminders/jobs.py) calls ``write_due`` in one transaction,
then sends what the outbox holds. Nothing is kept between runs.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from reminders.digest import weekly_digest
from reminders.due import due_now
from store import outbox
from store.reminders import calendars, department_facts


def write_due(session: Session, now: datetime) -> int:
    """Write every reminder due at ``now`` that the outbox does not hold yet; how many were new."""
    written = 0
    for calendar in calendars(session):
        if not calendar.may_send(now):  # night, Sunday or holidays there: nothing can be due
            continue
        facts = department_facts(session, calendar, now)
        for due in due_now(facts, now) + weekly_digest(facts, now):
            written += outbox.enqueue(session, kind=due.kind, step=due.step, coop_id=due.coop_id,
                                      person_id=due.person_id, department_code=calendar.code, year=due.year,
                                      params=due.params, due_at=now)  # fmt: skip
    return written
