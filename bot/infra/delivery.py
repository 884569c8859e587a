"""Getting every message through: Telegram's flood limits, 429s, 5xx answers, timeouts and lost connections."""

from __future__ import annotations

import asyncio
import functools
import logging
import ssl
from collections import deque
from typing import Any

import httpx
from telegram.error import BadRequest, NetworkError, TelegramError, TimedOut
from telegram.ext import AIORateLimiter
from telegram.request import HTTPXRequest

log = logging.getLogger(__name__)
RETRIES = 5
FIRST_PAUSE = 0.5  # seconds, doubled at each retry: 0.5 + 1 + 2 + 4 + 8 ≈ 15 s in all
# Mass messages (the outbox) are paced below Telegram's limits (30 a second, 1 a second per chat),
# leaving room for the answers to people, which the base limiter lets through at once.
MASS_PER_SECOND = 25
CHAT_INTERVAL = 1.1  # seconds between two mass messages to one chat
MASS = {"mass": True}  # rate_limit_args of a mass message: ``bot.send_message(…, rate_limit_args=MASS)``
# httpx's failures (chained by python-telegram-bot as ``__cause__``) before the request was written:
# no connection could be made, or none of the pool's was free. Telegram certainly did not get it.
NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)


def never_left(failure: NetworkError) -> bool:
    """Whether the call that failed certainly never reached Telegram: no connection was made (NOT_SENT)."""
    return isinstance(failure.__cause__, NOT_SENT)


def fate_unknown(failure: NetworkError) -> bool:
    """Whether Telegram may have got the call that failed: the connection timed out or broke once the request
    was (being) written (ReadTimeout, WriteTimeout, ReadError, RemoteProtocolError…) — not when no connection
    was made (NOT_SENT), nor when Telegram answered with an error (5xx, whose cause is none or its payload)."""
    if never_left(failure):
        return False
    cause = failure.__cause__
    return isinstance(failure, TimedOut) or not (cause is None or isinstance(cause, TelegramError))


@functools.cache
def tls_context() -> ssl.SSLContext:
    """httpx's own TLS context, made once per process: loading the CA certificates costs about 70 ms of CPU."""
    return httpx.create_ssl_context()


def bot_api_requests() -> tuple[HTTPXRequest, HTTPXRequest]:
    """The connections to the Bot API (for calls, for getUpdates): python-telegram-bot's defaults, one TLS context.

    Left to itself the builder makes two clients, each loading the certificates again: a tenth of a second
    for every application built (each test builds one).
    """
    return (HTTPXRequest(connection_pool_size=256, httpx_kwargs={"verify": tls_context()}),
            HTTPXRequest(connection_pool_size=1, httpx_kwargs={"verify": tls_context()}))


class Pacer:
    """Gives each mass message its time slot: evenly spaced overall, a second apart per chat.

    Slots are reserved ahead, then checked against the sends that really went: when the
    event loop stalls, the messages whose slots passed meanwhile would otherwise leave
    together, on top of the next second's share.
    """

    def __init__(self, per_second: float = MASS_PER_SECOND, chat_interval: float = CHAT_INTERVAL):
        self.interval = 1 / per_second
        self.chat_interval = chat_interval
        self.next_slot = 0.0
        self.chat_slots: dict[Any, float] = {}
        self.last_second: deque[float] = deque(maxlen=int(per_second))  # when the latest sends went
        self.chat_sent: dict[Any, float] = {}

    async def wait(self, chat_id: Any) -> None:
        loop = asyncio.get_running_loop()
        now = loop.time()
        slot = max(now, self.next_slot, self.chat_slots.get(chat_id, 0.0))
        self.next_slot = slot + self.interval
        self.chat_slots[chat_id] = slot + self.chat_interval
        if len(self.chat_slots) > 4096:  # forget the chats whose slot has passed
            self.chat_slots = {chat: due for chat, due in self.chat_slots.items() if due > now}
            self.chat_sent = {chat: sent for chat, sent in self.chat_sent.items() if sent > now - self.chat_interval}
        while True:
            await asyncio.sleep(max(0.0, slot - loop.time()))
            now = loop.time()
            full = len(self.last_second) == self.last_second.maxlen
            slot = max(self.last_second[0] + 1.0 if full else now,
                       self.chat_sent.get(chat_id, -self.chat_interval) + self.chat_interval)
            if slot <= now:  # nothing awaited between this check and the record: no other sender slips in
                self.last_second.append(now)
                self.chat_sent[chat_id] = now
                return


class PatientRateLimiter(AIORateLimiter):
    """AIORateLimiter (flood limits, retry after 429) that also retries 5xx answers, timeouts and lost connections.

    An answer to a person is retried whatever failed: it may have reached Telegram
    the first time (only its answer was lost), and the person then reads a
    confirmation twice, which is better than not at all; an edit that finds the
    message already changed counts as done. Nothing is written twice: the store's
    work is done before any sending.

    Mass messages (``rate_limit_args=MASS``) are paced by a Pacer at every attempt,
    retries included, and are retried only when Telegram certainly did not get them
    (no connection, a 5xx answer): one whose fate is unknown (``fate_unknown``) may
    have gone, and the outbox promises at most once (bot/reminders/sending.py records
    it as unknown).
    """

    def __init__(self) -> None:
        super().__init__(max_retries=RETRIES)
        self.pacer = Pacer()

    async def process_request(self, callback, args: Any, kwargs: dict[str, Any], endpoint: str,
                              data: dict[str, Any], rate_limit_args: Any):  # fmt: skip
        mass = rate_limit_args == MASS
        if mass:
            rate_limit_args = None
            unpaced = callback

            async def callback(*call_args, **call_kwargs):
                await self.pacer.wait(data.get("chat_id"))
                return await unpaced(*call_args, **call_kwargs)

        pause = FIRST_PAUSE
        for attempt in range(RETRIES + 1):
            try:
                return await super().process_request(callback, args, kwargs, endpoint, data, rate_limit_args)
            except BadRequest as refused:
                if attempt and "not modified" in refused.message.lower():
                    return True
                raise
            except NetworkError as failure:
                if attempt == RETRIES or (mass and fate_unknown(failure)):
                    raise
                log.warning("%s failed (%s): retrying in %.1f s", endpoint, failure.message, pause)
                await asyncio.sleep(pause)
                pause *= 2
        raise AssertionError("unreachable")
