"""Engine, sessions and transactions.

The store is plain synchronous SQLModel code; the bot calls it through a worker
thread (``asyncio.to_thread``). Sync keeps one code path for the bot, the
command line, Alembic and the tests, and works unchanged on SQLite and
PostgreSQL (psycopg 3).
"""

from __future__ import annotations

import logging
import os
import random
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext

from sqlalchemy import Table, event, or_
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError
from sqlalchemy.exc import SQLAlchemyError as SQLAlchemyError  # re-exported: the bot catches it, never imports SQLAlchemy
from sqlmodel import Session, SQLModel, create_engine

log = logging.getLogger(__name__)
SQLITE_BUSY_TIMEOUT_MS = 5000
ATTEMPTS = 5  # a busy database or a serialization failure: the whole transaction is tried again
# PostgreSQL: serialization_failure, deadlock_detected, lock_not_available.
RETRYABLE_SQLSTATES = {"40001", "40P01", "55P03"}
SQLITE_BUSY, SQLITE_LOCKED = 5, 6


class DatabaseUrlError(ValueError):
    """The database URL cannot be used: ``reason`` is not_url or unsupported (then ``driver`` says which)."""

    def __init__(self, reason: str, driver: str = ""):
        super().__init__(f"unsupported database {driver!r} (sqlite or postgresql)" if driver else "not a database URL")
        self.reason, self.driver = reason, driver


def normalise_url(raw: str) -> URL:
    """Parse a database URL; plain ``postgresql://`` URLs get the psycopg 3 driver."""
    try:
        url = make_url(raw)
    except ArgumentError as exc:
        raise DatabaseUrlError("not_url") from exc
    if url.drivername in ("postgres", "postgresql"):
        url = url.set(drivername="postgresql+psycopg")
    if url.drivername not in ("sqlite", "sqlite+pysqlite", "postgresql+psycopg"):
        raise DatabaseUrlError("unsupported", url.drivername)
    return url


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # pysqlite's own transaction handling would start a deferred transaction lazily; we begin ourselves.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _sqlite_begin_immediate(connection) -> None:
    # Take the write lock when the transaction starts: a check-then-write (the caisse, the next
    # pièce number) then runs alone, and a waiting writer never has to upgrade a read lock.
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def retryable(exc: BaseException) -> bool:
    """A busy SQLite database, or a PostgreSQL serialization failure or deadlock: trying again may work."""
    orig = getattr(exc, "orig", None)
    if not isinstance(exc, DBAPIError) or orig is None:
        return False
    if getattr(orig, "sqlstate", None) in RETRYABLE_SQLSTATES:
        return True
    code = getattr(orig, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in (SQLITE_BUSY, SQLITE_LOCKED)
    return "database is locked" in str(orig) or "database table is locked" in str(orig)


def make_engine(raw_url: str) -> Engine:
    """An engine for SQLite (WAL, busy timeout, foreign keys) or PostgreSQL.

    Its errors never quote the statement's parameters: they are what people typed
    (a message to the AD, a child's name), and errors end up in the logs.
    """
    url = normalise_url(raw_url)
    if url.get_backend_name() == "sqlite":
        engine = create_engine(
            url, hide_parameters=True,
            connect_args={"check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT_MS / 1000},
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin_immediate)
        return engine
    return create_engine(url, hide_parameters=True, pool_pre_ping=True, pool_size=5, max_overflow=5)


# One writer at a time per SQLite file in this process. Without it, the threads of one bot waiting for
# BEGIN IMMEDIATE sleep in SQLite's busy handler (1, 2, 5 … 100 ms) instead of starting as soon as the
# transaction before them ends; the busy timeout remains for other processes (the CLI, a second instance).
_SQLITE_WRITERS: dict[str, threading.RLock] = {}
_SQLITE_WRITERS_GUARD = threading.Lock()


def _sqlite_writer(url: URL) -> threading.RLock:
    """The lock of the database file ``url`` names, however the path is written."""
    path = os.path.realpath(url.database) if url.database and url.database != ":memory:" else ":memory:"
    with _SQLITE_WRITERS_GUARD:
        return _SQLITE_WRITERS.setdefault(path, threading.RLock())


class KeepingSession(Session):
    """A transaction's session that keeps what it loaded until it ends: the identity map alone holds objects
    weakly, so a coop or a department that one action looked up in two places was read twice."""


@event.listens_for(KeepingSession, "loaded_as_persistent")
@event.listens_for(KeepingSession, "pending_to_persistent")
def _keep(session: Session, instance: object) -> None:
    session.info.setdefault("kept", []).append(instance)


class Database:
    """One engine; each user action runs in one transaction."""

    def __init__(self, url: str):
        self.engine = make_engine(url)
        self.url = self.engine.url
        self._writer = _sqlite_writer(self.url) if self.url.get_backend_name() == "sqlite" else None

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session whose work is committed on success and rolled back on any error."""
        with self._writer or nullcontext(), KeepingSession(self.engine, expire_on_commit=False) as session:
            with session.begin():
                yield session

    def run(self, fn, /, *args, **kwargs):
        """Call ``fn(session, *args, **kwargs)`` in one transaction, tried again while the database is busy."""
        for attempt in range(1, ATTEMPTS + 1):
            try:
                with self.transaction() as session:
                    return fn(session, *args, **kwargs)
            except DBAPIError as exc:
                if attempt == ATTEMPTS or not retryable(exc):
                    raise
                log.info("database busy (%s): attempt %d of %d", type(exc.orig).__name__, attempt + 1, ATTEMPTS)
                time.sleep(random.uniform(0.02, 0.1) * 2**attempt)  # jitter: the contenders spread out

    def dispose(self) -> None:
        self.engine.dispose()


def put(session: Session, model: type[SQLModel], values: dict, keys: list[str], update: list[str] = ()) -> int:
    """Insert a row unless one with the same ``keys`` exists; then, if any of its ``update`` columns differs from
    what is given, set all that is given (an ``updated_at`` moves only with a real change).

    One Core statement (INSERT … ON CONFLICT) on SQLite and PostgreSQL alike, instead of a SELECT, then
    an INSERT or UPDATE through the ORM's unit of work: for what every update writes (its id, the chat's
    state). Returns the number of rows inserted or changed.
    """
    table: Table = model.__table__  # type: ignore[attr-defined]
    dialect = sqlite if session.get_bind().dialect.name == "sqlite" else postgresql
    statement = dialect.insert(table).values(**values)
    if update:
        changed = [table.c[name].is_distinct_from(statement.excluded[name]) for name in update]
        statement = statement.on_conflict_do_update(
            index_elements=keys, set_={name: statement.excluded[name] for name in values if name not in keys},
            where=or_(*changed))
    else:
        statement = statement.on_conflict_do_nothing(index_elements=keys)
    # RETURNING, not rowcount: psycopg reports -1 for an INSERT … ON CONFLICT run this way.
    return len(session.connection().execute(statement.returning(table.c[keys[0]])).all())
