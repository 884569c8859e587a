"""`coopbot run`: serve by long polling or by webhook, as the only active instance of its database."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import ContextTypes

from bot.app import build_application
from bot.config import Settings, Webhook
from bot.infra.webhook import run_webhook
from bot.reminders.jobs import start_reminders
from store.db import Database
from store.leadership import Leadership, sole_instance

log = logging.getLogger(__name__)
LEADERSHIP_CHECK_SECONDS = 5


def serve(settings: Settings, database: Database, webhook: Webhook | None) -> None:
    """Wait to be the active instance, then serve until stopped (or until the lock is lost)."""
    bot_id = settings.token.split(":")[0]
    with sole_instance(database, bot_id, waiting=lambda: log.info("another instance is active: standing by")) as lead:
        log.info("this instance is active")
        application = build_application(settings, database)
        application.job_queue.run_repeating(check_leadership, LEADERSHIP_CHECK_SECONDS,
                                            data=lead, name="leadership")  # fmt: skip
        start_reminders(application)
        if webhook is None:
            application.run_polling(allowed_updates=Update.ALL_TYPES)
        else:
            run_webhook(application, webhook)


async def check_leadership(context: ContextTypes.DEFAULT_TYPE) -> None:
    """If the database session holding the lock is gone, another instance may be serving: stop."""
    lead: Leadership = context.job.data
    if not lead.still_held():
        log.error("the instance lock was lost: stopping so that only one instance serves")
        context.application.stop_running()


