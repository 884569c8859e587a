"""The real Application running against the simulator, in this process (tests and sandbox)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from telegram.ext import Application

from bot.app import build_application
from bot.config import Settings
from bot.sandbox.simulator import BotApiSimulator
from store.db import Database
from store.traffic import FLOOD_UPDATES

SANDBOX_TOKEN = "123456789:SANDBOX-not-a-real-token-xxxxxxxxxx"


def sandbox_settings(sim: BotApiSimulator, database: Database, receipts_dir: str = "receipts",
                     flood_updates: int = FLOOD_UPDATES) -> Settings:  # fmt: skip
    return Settings(
        token=SANDBOX_TOKEN,
        api_base_url=sim.url,
        database_url=database.url.render_as_string(hide_password=False),
        timezone="Europe/Paris",
        bot_username=sim.bot_user["username"],
        receipts_dir=receipts_dir,
        flood_updates=flood_updates,
    )


@asynccontextmanager
async def running_bot(sim: BotApiSimulator, database: Database, *,
                      receipts_dir: str = "receipts", flood_updates: int = FLOOD_UPDATES,
                      ) -> AsyncIterator[Application]:  # fmt: skip
    """Start the bot polling the simulator; users' actions return once the bot has handled them."""
    application = build_application(sandbox_settings(sim, database, receipts_dir, flood_updates), database)
    # The order run_polling() follows.
    await application.initialize()
    if application.post_init:
        await application.post_init(application)
    await application.start()
    await application.updater.start_polling(poll_interval=0, timeout=5)

    async def settle(_update_id: int) -> None:
        # The updater has queued the update; task_done() is called once it is handled.
        await application.update_queue.join()

    sim.settle_hook = settle
    try:
        yield application
    finally:
        sim.settle_hook = None
        await application.updater.stop()
        await application.stop()
        await application.shutdown()
