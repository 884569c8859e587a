"""The one sending path of every mass message: the outbox, claimed, written, paced, recorded.

Whoever wants a message sent writes it to the outbox (store.outbox.enqueue, in the same
transaction as what it follows from), with a kind whose writer is registered here
(``@writer("annonce")``), then calls ``deliver`` (or lets the periodic job do it). A notice that
answers someone's action (a report sent back, a quitus asked) is written under the key the
reminders would use and delivered at once by its handler (``deliver(..., keys=...)``).
"""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from collections.abc import Callable
from datetime import datetime

from telegram import Bot, InlineKeyboardMarkup
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError
from telegram.ext import Application

from bot.infra.delivery import MASS, fate_unknown, never_left
from bot.ui.chat import DATABASE
from store import outbox
from store.db import Database
from store.models import OutboxState
from store.outbox import Claimed

log = logging.getLogger(__name__)
Writer = Callable[[Claimed], tuple[str, InlineKeyboardMarkup | None]]
WRITERS: dict[str, Writer] = {}


def writer(kind: str) -> Callable[[Writer], Writer]:
    """Register how a message of ``kind`` is written (text and buttons, in ``message.language``)."""

    def register(function: Writer) -> Writer:
        if kind in WRITERS:
            raise KeyError(f"two writers for {kind!r}")
        WRITERS[kind] = function
        return function

    return register


async def deliver(application: Application, now: datetime | None = None, keys: tuple[str, ...] | None = None) -> Counter:
    """Send every message due at ``now`` (the current time by default), or only those of ``keys`` (the notices
    an action just wrote: its handler sends them at once, nobody else's); how many ended in each state."""
    if keys is not None and not keys:
        return Counter()
    database: Database = application.bot_data[DATABASE]
    outcomes: Counter = Counter()
    while claimed := await asyncio.to_thread(database.run, outbox.claim, now, keys=keys):
        for state in await asyncio.gather(*(send_one(application.bot, database, message, now) for message in claimed)):
            outcomes[state] += 1
    return outcomes


async def send_one(bot: Bot, database: Database, message: Claimed, now: datetime | None = None) -> OutboxState:
    """Send one claimed message and record what Telegram answered (a call that may have reached Telegram
    without its answer coming back — a timeout, a connection lost after the request —: unknown, never resent;
    one that never reached it, even after the retries: pending again, for the run after ``now``)."""
    error = None
    try:
        if message.kind not in WRITERS:
            raise LookupError(f"no writer for {message.kind!r}")
        text, markup = WRITERS[message.kind](message)
        await bot.send_message(message.telegram_id, text, reply_markup=markup, rate_limit_args=MASS)
        state = OutboxState.SENT
    except Forbidden as refused:
        state, error = OutboxState.BLOCKED, refused.message
    except (BadRequest, RetryAfter) as refused:
        state, error = OutboxState.FAILED, str(refused)
    except NetworkError as lost:  # not retried (it may have gone), or no connection nor answer after the retries
        cause = f" ({type(lost.__cause__).__name__})" if lost.__cause__ else ""
        state, error = OutboxState.UNKNOWN if fate_unknown(lost) else OutboxState.FAILED, lost.message + cause
        if never_left(lost):  # certainly never reached Telegram: the next run tries it again
            state = OutboxState.PENDING
    except (TelegramError, LookupError) as failure:
        state, error = OutboxState.FAILED, str(failure)
    if state == OutboxState.PENDING:
        state = await asyncio.to_thread(database.run, outbox.retry_later, message.id, error, now)
    else:
        await asyncio.to_thread(database.run, outbox.finish, message.id, state, error)
    if error:
        log.warning("outbox message %s: %s (%s)", message.id, state, error)
    return state
