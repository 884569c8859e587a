"""Getting every message through: Telegram's flood limits, 429s, 5xx answers and timeouts."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from telegram.error import BadRequest, NetworkError
from telegram.ext import AIORateLimiter

log = logging.getLogger(__name__)
RETRIES = 5
FIRST_PAUSE = 0.5  # seconds, doubled at each retry: 0.5 + 1 + 2 + 4 + 8 ≈ 15 s in all


class PatientRateLimiter(AIORateLimiter):
    """AIORateLimiter (flood limits, retry after 429) that also retries 5xx answers and timeouts.

    A retried call may have reached Telegram the first time (only its answer was
    lost): the person then reads a confirmation twice, which is better than not
    at all; an edit that finds the message already changed counts as done.
    Nothing is written twice: the store's work is done before any sending.
    """

    def __init__(self) -> None:
        super().__init__(max_retries=RETRIES)

    async def process_request(self, callback, args: Any, kwargs: dict[str, Any], endpoint: str,
                              data: dict[str, Any], rate_limit_args: int | None):  # fmt: skip
        pause = FIRST_PAUSE
        for attempt in range(RETRIES + 1):
            try:
                return await super().process_request(callback, args, kwargs, endpoint, data, rate_limit_args)
            except BadRequest as refused:
                if attempt and "not modified" in refused.message.lower():
                    return True
                raise
            except NetworkError as failure:
                if attempt == RETRIES:
                    raise
                log.warning("%s failed (%s): retrying in %.1f s", endpoint, failure.message, pause)
                await asyncio.sleep(pause)
                pause *= 2
        raise AssertionError("unreachable")
