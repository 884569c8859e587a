"""The pacer of mass messages keeps to its rate even when the event loop stalls."""

from __future__ import annotations

import asyncio
import time

from bot.infra.delivery import Pacer

JITTER = 0.02  # seconds between the pacer's release and the moment the test reads


def busiest(times: list[float], window: float) -> int:
    times, best, first = sorted(times), 0, 0
    for last, moment in enumerate(times):
        while moment - times[first] >= window:
            first += 1
        best = max(best, last - first + 1)
    return best


async def test_a_stalled_loop_does_not_let_the_late_ones_go_in_a_burst():
    pacer = Pacer(per_second=40, chat_interval=0.3)
    sent: list[tuple[float, int]] = []

    async def one(chat: int) -> None:
        await pacer.wait(chat)
        sent.append((time.monotonic(), chat))

    async def stall() -> None:
        await asyncio.sleep(0.5)
        time.sleep(0.4)  # the whole loop blocked, as under a CPU-bound store call

    await asyncio.gather(stall(), *(one(chat % 30) for chat in range(120)))

    assert len(sent) == 120
    # The moments are read just after the pacer lets each one go, so a preempted process shifts them
    # by milliseconds: a window a little short of the second keeps the rule without measuring that.
    assert busiest([moment for moment, _ in sent], 1.0 - JITTER) <= 40
    for chat in range(30):
        moments = sorted(moment for moment, who in sent if who == chat)
        assert all(b - a >= 0.3 - JITTER for a, b in zip(moments, moments[1:])), (chat, moments)


async def test_without_stalls_it_keeps_the_even_pace():
    pacer = Pacer(per_second=50, chat_interval=0.1)
    started = time.monotonic()
    await asyncio.gather(*(pacer.wait(chat) for chat in range(50)))
    # 50 messages at 50 a second: the last one a second after the first, not before
    assert time.monotonic() - started >= 0.95
