"""Engine, sessions and transactions.

The store is plain synchronous SQLModel code; the bot calls it through a worker
thread (``asyncio.to_thread``). Sync keeps one code path for the bot, the
command line, Alembic and the tests, and works unchanged on SQLite and
PostgreSQL (psycopg 3).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import event
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.exc import ArgumentError
from sqlmodel import Session, create_engine

SQLITE_BUSY_TIMEOUT_MS = 5000


class DatabaseUrlError(ValueError):
    """The database URL cannot be used."""


def normalise_url(raw: str) -> URL:
    """Parse a database URL; plain ``postgresql://`` URLs get the psycopg 3 driver."""
    try:
        url = make_url(raw)
    except ArgumentError as exc:
        raise DatabaseUrlError("not a database URL") from exc
    if url.drivername in ("postgres", "postgresql"):
        url = url.set(drivername="postgresql+psycopg")
    if url.drivername not in ("sqlite", "sqlite+pysqlite", "postgresql+psycopg"):
        raise DatabaseUrlError(f"unsupported database {url.drivername!r} (sqlite or postgresql)")
    return url


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


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
        return engine
    return create_engine(url, hide_parameters=True, pool_pre_ping=True, pool_size=5, max_overflow=5)


class Database:
    """One engine; each user action runs in one transaction."""

    def __init__(self, url: str):
        self.engine = make_engine(url)
        self.url = self.engine.url

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session whose work is committed on success and rolled back on any error."""
        with Session(self.engine, expire_on_commit=False) as session:
            with session.begin():
                yield session

    def run(self, fn, /, *args, **kwargs):
        """Call ``fn(session, *args, **kwargs)`` in one transaction."""
        with self.transaction() as session:
            return fn(session, *args, **kwargs)

    def dispose(self) -> None:
        self.engine.dispose()
