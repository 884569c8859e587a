"""Schema migrations with Alembic, run by `coopbot db upgrade` and on `coopbot run`."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError

from store.db import SQLITE_BUSY_TIMEOUT_MS
from store.leadership import lock_key

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).parent / "migrations"
# The newest revision in migrations/versions (tests/store/test_schema.py checks it is Alembic's head): a
# database already there is not migrated, and Alembic, with Mako and Pygments, is not even imported, which
# every start of `coopbot run` paid (a third of a second of CPU).
HEAD = "0017_retry"


def alembic_config(engine: Engine) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option(
        "sqlalchemy.url", engine.url.render_as_string(hide_password=False).replace("%", "%%")
    )
    return config


MIGRATION_WAIT_MS = 120_000  # another process migrating the same SQLite file: wait for it, however loaded


@contextmanager
def _migrating(connection: Connection) -> Iterator[None]:
    """The migration's one transaction; on SQLite, BEGIN IMMEDIATE: one migrating process at a time,
    the others waiting longer than a request would (the raw connection: no transaction begun yet)."""
    sqlite = connection.dialect.name == "sqlite"
    if sqlite:
        connection.connection.driver_connection.execute(f"PRAGMA busy_timeout={MIGRATION_WAIT_MS}")
    try:
        with connection.begin():
            yield
    finally:
        if sqlite:  # the connection goes back to the pool
            connection.connection.driver_connection.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the schema up to ``revision`` in one transaction."""
    if revision in ("head", HEAD) and current_revision(engine) == HEAD:
        return
    from alembic import command

    config = alembic_config(engine)
    with engine.connect() as connection, _migrating(connection):
        if connection.dialect.name == "postgresql":
            # Two processes migrating a fresh database at once: the second waits, then finds it done.
            schema = connection.execute(text("SELECT current_schema()")).scalar()
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": lock_key("migrate", schema)})
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at; None when it has none (a new database)."""
    with engine.connect() as connection:
        try:
            return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
        except DBAPIError:  # no such table yet
            return None

