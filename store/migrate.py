"""Schema migrations with Alembic, run by `coopbot db upgrade` and on `coopbot run`."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import text
from sqlalchemy.engine import Engine

from store.leadership import lock_key

MIGRATIONS = Path(__file__).parent / "migrations"


def alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option(
        "sqlalchemy.url", engine.url.render_as_string(hide_password=False).replace("%", "%%")
    )
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the schema up to ``revision`` in one transaction."""
    config = alembic_config(engine)
    with engine.begin() as connection:  # on SQLite, BEGIN IMMEDIATE: one migrating process at a time
        if connection.dialect.name == "postgresql":
            # Two processes migrating a fresh database at once: the second waits, then finds it done.
            schema = connection.execute(text("SELECT current_schema()")).scalar()
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": lock_key("migrate", schema)})
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
