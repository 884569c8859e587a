"""One run of the reminders: for every department, write to the outbox what is due now.

The bot's periodic job (bot/reminders/jobs.py) calls ``write_due`` in one transaction,
then sends what the outbox holds. Nothing is kept between runs.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from reminders.digest import weekly_digest
from reminders.due import PREPARE, QUITUS, REPORT, RETURNED, due_now
from store import outbox
from store.outbox import holds, outbox_key
from store.reminders import calendars, department_facts, report_missing

REPORT_KINDS = (PREPARE, REPORT, RETURNED, QUITUS)  # they say what the coop's CRF still lacks


def write_due(session: Session, now: datetime) -> int:
    """Write every reminder due at ``now`` that the outbox does not hold yet; how many were new."""
    written = 0
    for calendar in calendars(session):
        if not calendar.may_send(now):  # night, Sunday or holidays there: nothing can be due
            continue
        facts = department_facts(session, calendar, now)
        lacks: dict[tuple[int, int], list] = {}  # (coop, year) → its CRF's missing: read once per run, for new messages only
        for due in due_now(facts, now) + weekly_digest(facts, now):
            if due.kind in REPORT_KINDS:
                key = outbox_key(due.kind, due.step, due.coop_id, due.person_id, due.year)
                if holds(session, key):
                    continue
                if (due.coop_id, due.year) not in lacks:
                    lacks[due.coop_id, due.year] = report_missing(session, due.coop_id, due.year)
                due.params["missing"] = lacks[due.coop_id, due.year]
            written += outbox.enqueue(session, kind=due.kind, step=due.step, coop_id=due.coop_id,
                                      person_id=due.person_id, department_code=calendar.code, year=due.year,
                                      params=due.params, due_at=now)  # fmt: skip
    return written
