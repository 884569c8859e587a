"""One active bot per database: PostgreSQL's advisory lock decides which instance serves.

Two `coopbot run` on one PostgreSQL database: the first takes the lock and
serves; the other waits. The lock belongs to a database session, so when the
active process dies, PostgreSQL frees it and the waiting one takes over.
SQLite is one machine's file: there is nothing to share, so no lock.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sqlalchemy import text
from sqlalchemy.engine import Connection

from store.db import Database

class Leadership:
    """Held while the context lasts, that is while its database session lives."""

    def __init__(self, connection: Connection | None):
        self.connection = connection

    def still_held(self) -> bool:
        """A session-level lock lasts as long as the session: is it still there?"""
        if self.connection is None:
            return True
        try:
            self.connection.execute(text("SELECT 1"))
            return True
        except Exception:  # noqa: BLE001 - a dead connection is a lost lock, whatever the error
            return False


def lock_key(bot: str, schema: str) -> int:
    """One lock per bot and schema: other bots, or other schemas of the server, are not held up."""
    return int.from_bytes(hashlib.sha256(f"coopbot:{bot}:{schema}".encode()).digest()[:8], "big", signed=True)


@contextmanager
def sole_instance(database: Database, bot: str, *, retry_every: int = 1,
                  waiting: Callable[[], None] = lambda: None) -> Iterator[Leadership]:  # fmt: skip
    """Wait until this process may serve ``bot`` (its id), then hold that right until the block ends."""
    if database.engine.dialect.name != "postgresql":
        yield Leadership(None)
        return
    connection = database.engine.connect().execution_options(isolation_level="AUTOCOMMIT")
    try:
        key = lock_key(bot, connection.execute(text("SELECT current_schema()")).scalar())
        told = False
        while not connection.execute(text("SELECT pg_try_advisory_lock(:key)"), {"key": key}).scalar():
            if not told:
                waiting()
                told = True
            time.sleep(retry_every)
        yield Leadership(connection)
    finally:
        connection.close()  # ends the session, and with it the lock
