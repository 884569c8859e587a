"""The simulator's fault injection: the next calls of a method fail (5xx, 429 with retry_after, 400, or the
connection dropped without an answer), late or after taking effect; the server refusing connections for a
moment; users who blocked the bot."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from aiohttp import web


@dataclass
class Fault:
    status: int
    count: int
    retry_after: int | None
    delay: float
    applied: bool  # the call takes effect, only its answer is lost
    drop: bool  # the connection is closed instead of answering


class FaultInjection:
    """Faults waiting for the next calls of each method (mixed into BotApiSimulator)."""

    _faults: dict[str, list[Fault]]
    blocked: set[int]
    url: str
    _runner: web.AppRunner | None
    _site: web.TCPSite | None
    _back: asyncio.Task | None

    def fail(self, method: str, status: int = 502, *, count: int = 1, retry_after: int | None = None,
             delay: float = 0.0, applied: bool = False, drop: bool = False) -> None:  # fmt: skip
        """Make the next ``count`` calls of ``method`` fail with ``status``.

        429 carries ``retry_after``; ``delay`` holds the answer back (a timeout on the bot's
        side); ``applied`` lets the call take effect and loses only its answer; ``drop`` closes
        the connection, once the request is read, instead of answering.
        """
        self._faults.setdefault(method, []).append(Fault(status, count, retry_after, delay, applied, drop))

    async def refuse_connections(self, seconds: float | None = None) -> None:
        """The server goes away: it stops listening (connecting is refused) and closes the connections it has
        (a call under way gets no answer); it listens again on the same port after ``seconds``, or when
        ``accept_connections`` is awaited (an outage that lasts whatever the bot's retries take)."""
        await self._site.stop()
        await self._runner.server.shutdown(0.1)

        async def come_back() -> None:
            await asyncio.sleep(seconds)
            await self.accept_connections()

        if seconds is not None:
            self._back = asyncio.create_task(come_back())

    async def accept_connections(self) -> None:
        """Listen again on the same port, after ``refuse_connections``."""
        host, port = self.url.removeprefix("http://").rsplit(":", 1)
        self._site = web.TCPSite(self._runner, host, int(port))
        await self._site.start()

    def block(self, user_id: int) -> None:
        """The user blocks the bot: whatever it sends them gets 403, as Telegram answers."""
        self.blocked.add(user_id)

    def _take_fault(self, method: str) -> Fault | None:
        queue = self._faults.get(method)
        if not queue:
            return None
        fault = queue[0]
        fault.count -= 1
        if fault.count <= 0:
            queue.pop(0)
        return fault

    @staticmethod
    def _fault_response(fault: Fault, request: web.Request) -> web.Response:
        if fault.drop:
            request.transport.close()
            return web.Response()  # written nowhere: the bot reads the connection closed
        if fault.status == 429:
            retry = fault.retry_after or 1
            return web.json_response(
                {"ok": False, "error_code": 429,
                 "description": f"Too Many Requests: retry after {retry}",
                 "parameters": {"retry_after": retry}},
                status=429,
            )  # fmt: skip
        if fault.status >= 500:
            return web.Response(status=fault.status, text="Bad Gateway")
        return web.json_response(
            {"ok": False, "error_code": fault.status, "description": "Bad Request: injected"},
            status=fault.status,
        )
