"""Mass messages and the network: retried when Telegram certainly did not get them, never when it may have.

The real bot (or the real python-telegram-bot and httpx stack, for the pool) against the
simulator: refusing connections for a moment, dropping the connection after reading a
sendMessage, and a connection pool kept busy.
"""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from datetime import timedelta, timezone

from telegram.constants import ParseMode
from telegram.ext import Defaults, ExtBot
from telegram.request import HTTPXRequest

from bot.infra import delivery
from bot.infra.delivery import PatientRateLimiter
from bot.reminders.jobs import CLOCK, reminders_run
from bot.reminders.sending import send_one
from bot.sandbox.harness import SANDBOX_TOKEN
from reminders.schedule import write_due
from store import outbox
from store.models import OutboxState
from store.outbox import delivery_report
from store.people import who_is
from tests.test_reminders import Clock, local, seed_department

OPENING = local(2026, 9, 1, 10).astimezone(timezone.utc)  # Tuesday: each mandataire's opening of the campaign
MANDATAIRES = (4001, 4002, 4003)


def received(sim) -> Counter:
    """How many messages from the bot each chat holds."""
    return Counter(chat for chat, messages in sim.messages.items() for m in messages if m.from_bot)


def sends(sim) -> int:
    """sendMessage calls that reached the simulator."""
    return sum(1 for method, _ in sim.calls if method == "sendMessage")


def department(sim, database, bot=None) -> Clock:
    """Three coops' mandataires and their AD on the simulator; the bot's clock (if a bot is given) at OPENING."""
    database.run(seed_department, ["974-001", "974-002", "974-003"])
    for telegram_id in (4000, *MANDATAIRES):
        sim.user(telegram_id, f"P{telegram_id}")
    clock = Clock(OPENING)
    if bot is not None:
        bot.bot_data[CLOCK] = clock
    return clock


async def test_refused_connections_are_waited_out_and_each_message_goes_once(sim, database, bot, caplog):
    department(sim, database, bot)
    await sim.refuse_connections(1.2)
    with caplog.at_level(logging.WARNING, logger="bot.infra.delivery"):
        outcomes = await reminders_run(bot)
    assert outcomes == Counter({OutboxState.SENT: 3})
    assert received(sim) == Counter(dict.fromkeys(MANDATAIRES, 1)) and sends(sim) == 3
    assert "httpx.ConnectError" in caplog.text  # they were tried during the outage, and retried after it


def impatient(bot, monkeypatch) -> None:
    """A run's retries give up after about 0.6 s, not 15 s (pauses from 0.02 s, a retry to a chat 0.01 s after)."""
    monkeypatch.setattr(delivery, "FIRST_PAUSE", 0.02)
    bot.bot.rate_limiter.pacer.chat_interval = 0.01


async def test_messages_that_could_not_connect_after_the_retries_go_at_the_next_run_once(sim, database, bot,
                                                                                       monkeypatch):  # fmt: skip
    impatient(bot, monkeypatch)
    clock = department(sim, database, bot)
    await sim.refuse_connections()  # until the run's retries are over, however long they take
    assert await reminders_run(bot) == Counter({OutboxState.PENDING: 3})  # not lost: waiting for the next run
    assert sends(sim) == 0
    await sim.accept_connections()
    clock.now += timedelta(minutes=4)
    assert await reminders_run(bot) == Counter() and sends(sim) == 0  # not before the next run's time
    clock.now += outbox.RETRY_PAUSE
    assert await reminders_run(bot) == Counter({OutboxState.SENT: 3})
    clock.now += timedelta(hours=3)
    assert await reminders_run(bot) == Counter()
    assert received(sim) == Counter(dict.fromkeys(MANDATAIRES, 1)) and sends(sim) == 3


async def test_messages_that_never_connect_in_any_run_end_failed_for_the_ad(sim, database, bot, monkeypatch):
    impatient(bot, monkeypatch)
    clock = department(sim, database, bot)
    for run in range(1, outbox.RETRY_RUNS + 1):
        await sim.refuse_connections()  # for the whole run, retries included
        expected = OutboxState.FAILED if run == outbox.RETRY_RUNS else OutboxState.PENDING
        assert await reminders_run(bot) == Counter({expected: 3}), run
        await sim.accept_connections()
        clock.now += outbox.RETRY_PAUSE
    assert await reminders_run(bot) == Counter() and sends(sim) == 0
    report = database.run(lambda s: delivery_report(s, who_is(s, 4000), "974"))
    assert report.counts[OutboxState.FAILED] == 3
    assert sorted(line.person for line in report.problems) == [f"Mandataire {n}" for n in (1, 2, 3)]
    assert all("ConnectError" in line.error for line in report.problems), report


async def test_a_connection_dropped_after_the_request_leaves_the_message_unknown_never_resent(sim, database, bot):
    clock = department(sim, database, bot)
    sim.fail("sendMessage", drop=True, applied=True)  # Telegram took it, the answer never came
    sim.fail("sendMessage", drop=True)  # read, not handled: lost on the way
    outcomes = await reminders_run(bot)
    assert outcomes == Counter({OutboxState.SENT: 1, OutboxState.UNKNOWN: 2})
    assert sends(sim) == 3  # not retried
    assert sorted(received(sim).values()) == [1, 1]  # one of the two unknown ones reached its chat

    clock.now += timedelta(hours=3)
    assert await reminders_run(bot) == Counter() and sends(sim) == 3
    report = database.run(lambda s: delivery_report(s, who_is(s, 4000), "974"))
    unknown = [line for line in report.problems if line.state == OutboxState.UNKNOWN]
    assert len(unknown) == 2 and all("RemoteProtocolError" in line.error for line in unknown), report


async def test_a_pool_timeout_is_retried_the_message_had_not_left(sim, database, caplog):
    """One connection, busy with a long poll: the reminder waits for it, and goes once."""
    department(sim, database)
    database.run(write_due, OPENING)
    [message, *_] = database.run(outbox.claim, OPENING)
    request = HTTPXRequest(connection_pool_size=1, pool_timeout=0.2)
    bot = ExtBot(SANDBOX_TOKEN, base_url=f"{sim.url}/bot", request=request, get_updates_request=request,
                 rate_limiter=PatientRateLimiter(), defaults=Defaults(parse_mode=ParseMode.HTML))  # fmt: skip
    async with bot:
        polling = asyncio.create_task(bot.get_updates(timeout=1))
        while not any(method == "getUpdates" for method, _ in sim.calls):
            await asyncio.sleep(0.01)
        with caplog.at_level(logging.WARNING, logger="bot.infra.delivery"):
            state = await send_one(bot, database, message)
        await polling
    assert state == OutboxState.SENT
    assert "Pool timeout" in caplog.text
    assert received(sim) == Counter({message.telegram_id: 1}) and sends(sim) == 1
