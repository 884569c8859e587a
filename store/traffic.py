"""How many updates one person may send in a short time before the bot stops reading them."""

from __future__ import annotations

from collections import deque
from enum import Enum

FLOOD_UPDATES = 30  # more than a person taps or types by hand ...
FLOOD_SECONDS = 10  # ... in this many seconds


class Verdict(Enum):
    READ = "read"
    WARN = "warn"  # the first update over the limit: tell the person once
    DROP = "drop"


class FloodGate:
    """Per person, a sliding window: past FLOOD_UPDATES read in FLOOD_SECONDS, the rest is dropped until it passes."""

    def __init__(self, limit: int = FLOOD_UPDATES, seconds: int = FLOOD_SECONDS):
        self.limit, self.seconds = limit, seconds
        self._read: dict[int, deque[float]] = {}  # person → when their updates read in the window came
        self._warned: set[int] = set()
        self._swept = 0.0

    def check(self, person: int, now: float) -> Verdict:
        """Whether to read this person's update arriving at ``now`` (monotonic seconds)."""
        self._sweep(now)
        read = self._read.setdefault(person, deque())
        while read and read[0] <= now - self.seconds:
            read.popleft()
        if len(read) < self.limit:
            read.append(now)
            self._warned.discard(person)
            return Verdict.READ
        if person in self._warned:
            return Verdict.DROP
        self._warned.add(person)
        return Verdict.WARN

    def _sweep(self, now: float) -> None:
        """Forget the people quiet for a whole window, so that memory follows the active ones only."""
        if now - self._swept < self.seconds:
            return
        self._swept = now
        for person in [p for p, read in self._read.items() if not read or read[-1] <= now - self.seconds]:
            del self._read[person]
            self._warned.discard(person)
