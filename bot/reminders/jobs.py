"""The reminders' one periodic job, in the active instance only: nothing that matters lives in the scheduler.

Each run asks the store what is due *now* (reminders/schedule.py writes it to the
outbox) and sends what the outbox holds; the first run, a second after start-up, catches up
with the time the bot was down. A run that could not start on time runs late
rather than never (coalesced, no misfire drop).
"""

from __future__ import annotations

import asyncio
import importlib
import logging
from collections import Counter
from collections.abc import Callable
from datetime import datetime

from telegram.ext import Application, ContextTypes

from bot.reminders.sending import deliver
from bot.ui.chat import DATABASE
from reminders.schedule import write_due
from store import outbox
from store.db import Database
from store.models import utcnow

importlib.import_module("bot.reminders.messages")  # registers how each kind of reminder is written
log = logging.getLogger(__name__)
CLOCK = "clock"  # bot_data key: a function giving the current instant (UTC); the tests and the sandbox move it
RUN_EVERY = 300  # seconds


def clock(application: Application) -> Callable[[], datetime]:
    return application.bot_data.get(CLOCK, utcnow)


async def run_reminders(context: ContextTypes.DEFAULT_TYPE) -> None:
    """The periodic job: one run of the reminders."""
    await reminders_run(context.application)


async def reminders_run(application: Application) -> Counter:
    """Write what is due now to the outbox, then send everything due in it; how many ended in each state."""
    database: Database = application.bot_data[DATABASE]
    now = clock(application)()
    written = await asyncio.to_thread(database.run, write_due, now)
    outcomes = await deliver(application, now)
    if written or outcomes:
        log.info("reminders: %d written, sent %s", written, dict(outcomes))
    return outcomes


def start_reminders(application: Application, every: float = RUN_EVERY) -> None:
    """In the instance that just became active: what a dead sender left becomes unknown, then run now and every ``every``."""
    database: Database = application.bot_data[DATABASE]
    interrupted = database.run(outbox.settle_interrupted)
    if interrupted:
        log.warning("reminders: %d messages of an interrupted sending are of unknown fate (not resent)", interrupted)
    application.job_queue.run_repeating(run_reminders, every, first=1, name="reminders",
                                        job_kwargs={"coalesce": True, "misfire_grace_time": None,
                                                    "max_instances": 1})  # fmt: skip
