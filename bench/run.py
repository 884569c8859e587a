"""How much slower CoopBot answers than a bare python-telegram-bot bot, in the same run.

Both bots poll the same Bot API simulator on loopback; simulated users send the
same commands to each, one after the other, and the script prints each bot's
median time per answered update and the ratio. Times are only compared within
one run, on one machine: `python bench/run.py [--updates 200]`.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from pathlib import Path

from telegram import Update
from telegram.ext import Application, CommandHandler, ContextTypes

from bot.sandbox.harness import SANDBOX_TOKEN, running_bot
from bot.sandbox.simulator import BotApiSimulator
from store import migrate
from store.db import Database
from store.demo import DEMO_PEOPLE, seed_demo


async def answer(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The bare bot's whole work: one reply."""
    await update.effective_message.reply_text("Voici ce que vous pouvez faire : /aide")


async def timings(sim: BotApiSimulator, commands: list[str], count: int) -> list[float]:
    users = [sim.user(p.telegram_id, p.first_name, p.last_name) for p in DEMO_PEOPLE]
    seconds = []
    for index in range(count):
        user = users[index % len(users)]
        started = time.perf_counter()
        await user.send(commands[index % len(commands)])
        seconds.append(time.perf_counter() - started)
    return seconds


async def bare_bot(count: int) -> list[float]:
    sim = BotApiSimulator()
    await sim.start()
    application = (Application.builder().token(SANDBOX_TOKEN).base_url(f"{sim.url}/bot")
                   .base_file_url(f"{sim.url}/file/bot").build())  # fmt: skip
    application.add_handler(CommandHandler(["aide", "solde", "start"], answer))
    await application.initialize()
    await application.start()
    await application.updater.start_polling(poll_interval=0, timeout=5)
    sim.settle_hook = lambda _id: application.update_queue.join()
    try:
        return await timings(sim, ["/aide", "/solde", "/start"], count)
    finally:
        await application.updater.stop()
        await application.stop()
        await application.shutdown()
        await sim.stop()


async def coopbot(count: int, folder: Path) -> list[float]:
    database = Database(f"sqlite:///{folder / 'bench.db'}")
    migrate.upgrade(database.engine)
    database.run(seed_demo)
    sim = BotApiSimulator()
    await sim.start()
    try:
        async with running_bot(sim, database, receipts_dir=str(folder / "receipts")):
            return await timings(sim, ["/aide", "/solde", "/start"], count)
    finally:
        await sim.stop()
        database.dispose()


async def main(count: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        bare = statistics.median(await bare_bot(count))
        ours = statistics.median(await coopbot(count, Path(folder)))
    print(f"bare python-telegram-bot: {bare * 1000:.1f} ms per update (median of {count})")
    print(f"CoopBot (/aide, /solde, /start on SQLite): {ours * 1000:.1f} ms per update")
    print(f"ratio: {ours / bare:.2f}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--updates", type=int, default=150)
    asyncio.run(main(parser.parse_args().updates))
