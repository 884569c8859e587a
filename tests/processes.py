"""`coopbot run` as a separate process, for the tests that need one: crashes, webhooks, two instances."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

COOPBOT = Path(sys.executable).parent / "coopbot"
TOKEN = "123456789:TESTTOKEN-abcdefghijklmnopqrstuv"
SETTINGS_PREFIXES = ("TELEGRAM_", "DATABASE_URL", "COOPBOT_", "WEBHOOK_")


class BotProcess:
    """One `coopbot run`, its output in a log file."""

    started: list[BotProcess] = []  # killed after each test, even a failed one (see conftest)

    def __init__(self, log_path: Path, *args: str, **settings: str):
        self.log_path = log_path
        self.args = args
        self.env = {k: v for k, v in os.environ.items() if not k.startswith(SETTINGS_PREFIXES)}
        self.env.update({"TELEGRAM_BOT_TOKEN": TOKEN, **settings})
        self.process: asyncio.subprocess.Process | None = None

    async def start(self) -> BotProcess:
        with self.log_path.open("ab") as log:
            self.process = await asyncio.create_subprocess_exec(
                str(COOPBOT), "run", *self.args, env=self.env, cwd=self.log_path.parent,
                stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
            )  # fmt: skip
        BotProcess.started.append(self)
        return self

    @classmethod
    def kill_leftovers(cls) -> None:
        """A failed test must not leave a bot holding the database's instance lock for the next ones."""
        for bot in cls.started:
            if bot.process is not None and bot.process.returncode is None:
                bot.process.kill()
        cls.started.clear()

    @property
    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    async def wait_until(self, condition: Callable[[], bool], what: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while not condition():
            if self.process.returncode is not None:
                raise AssertionError(f"coopbot run exited ({self.process.returncode}) before {what}:\n{self.log}")
            if time.monotonic() > deadline:
                raise AssertionError(f"coopbot run: no {what} within {timeout} s:\n{self.log}")
            await asyncio.sleep(0.05)

    async def kill(self) -> None:
        """SIGKILL: no clean-up of any kind, as in a crash."""
        self.process.kill()
        await self.process.wait()

    async def stop(self) -> int:
        """SIGTERM, as a service manager stops it; the exit code."""
        if self.process.returncode is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(self.process.wait(), 30)
            except TimeoutError:
                self.process.kill()
                await self.process.wait()
        return self.process.returncode
