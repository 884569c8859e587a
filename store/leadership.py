"""One active bot per database: PostgreSQL's advisory lock decides which instance serves.

Two `coopbot run` on one PostgreSQL database: the first takes the lock and
serves; the other waits. The lock belongs to a database session, so when the
active process dies, PostgreSQL frees it and the waiting one takes over.
SQLite is one machine's file: there is nothing to share, so no lock.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sqlalchemy import text
from sqlalchemy.engine import Connection

from store.db import Database

LOCK_KEY = 0x436F6F70  # "Coop"


class Leadership:
    """Held while the context lasts; ``still_held()`` checks the database session is alive."""

    def __init__(self, connection: Connection | None):
        self.connection = connection

    def still_held(self) -> bool:
        if self.connection is None:
            return True
        try:
            return bool(self.connection.execute(text(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = :key "
                "AND pid = pg_backend_pid() AND granted"), {"key": LOCK_KEY}).scalar())  # fmt: skip
        except Exception:  # noqa: BLE001 - a dead connection is a lost lock, whatever the error
            return False


@contextmanager
def sole_instance(database: Database, *, retry_every: float = 1.0,
                  waiting: Callable[[], None] = lambda: None) -> Iterator[Leadership]:  # fmt: skip
    """Wait until this process may serve, then hold that right until the block ends."""
    if database.engine.dialect.name != "postgresql":
        yield Leadership(None)
        return
    connection = database.engine.connect().execution_options(isolation_level="AUTOCOMMIT")
    try:
        told = False
        while not connection.execute(text("SELECT pg_try_advisory_lock(:key)"), {"key": LOCK_KEY}).scalar():
            if not told:
                waiting()
                told = True
            time.sleep(retry_every)
        yield Leadership(connection)
    finally:
        connection.close()  # ends the session, and with it the lock
