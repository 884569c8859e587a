"""One active bot per database: PostgreSQL's advisory lock decides which instance serves.

Two `coopbot run` on one PostgreSQL database: the first takes the lock and
serves; the other waits. The lock belongs to a database session, so when the
active process dies, PostgreSQL frees it and the waiting one takes over.
SQLite is one machine's file: there is nothing to share, so no serving lock.

Every `coopbot run`, serving or standing by, also holds a shared "instance" lock
for as long as it lives (an advisory lock on PostgreSQL, ``flock`` on a file beside
a SQLite database), so that `coopbot restore` can tell that the database is in use.
The kernel or the server frees it when the process dies, however it dies.
"""

from __future__ import annotations

import fcntl
import hashlib
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

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


INSTANCES = "instances"  # the instance lock's name, where the serving lock has the bot's id


def _instances_key(connection: Connection) -> int:
    return lock_key(INSTANCES, connection.execute(text("SELECT current_schema()")).scalar())


def lock_file(database: Database) -> Path | None:
    """The file beside a SQLite database that running instances lock; None in memory or on PostgreSQL."""
    name = database.url.database if database.engine.dialect.name == "sqlite" else None
    if name in (None, "", ":memory:") or database.url.query.get("mode") == "memory":
        return None
    return Path(f"{name}.lock")


def instance_running(database: Database) -> bool:
    """Is a `coopbot run` (serving or standing by) using this database now?"""
    if database.engine.dialect.name == "postgresql":
        with database.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            key = _instances_key(connection)
            if not connection.execute(text("SELECT pg_try_advisory_lock(:key)"), {"key": key}).scalar():
                return True
            connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": key})
            return False
    path = lock_file(database)
    if path is None or not path.exists():
        return False
    with path.open("rb") as file:
        try:
            fcntl.flock(file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        return False  # closing the file lets the lock go


@contextmanager
def _instance_file(database: Database) -> Iterator[None]:
    path = lock_file(database)
    if path is None:
        yield
        return
    with path.open("ab") as file:
        fcntl.flock(file, fcntl.LOCK_SH)  # released when the file is closed, or the process dies
        yield


@contextmanager
def sole_instance(database: Database, bot: str, *, retry_every: int = 1,
                  waiting: Callable[[], None] = lambda: None) -> Iterator[Leadership]:  # fmt: skip
    """Wait until this process may serve ``bot`` (its id), then hold that right until the block ends.

    The instance lock is held from the start, while standing by too."""
    if database.engine.dialect.name != "postgresql":
        with _instance_file(database):
            yield Leadership(None)
        return
    connection = database.engine.connect().execution_options(isolation_level="AUTOCOMMIT")
    try:
        connection.execute(text("SELECT pg_advisory_lock_shared(:key)"), {"key": _instances_key(connection)})
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
