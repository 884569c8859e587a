"""Fixtures: a migrated database per test, the Bot API simulator, the real bot polling it.

The suite runs on SQLite by default; with COOPBOT_TEST_DATABASE_URL set to a
PostgreSQL URL it runs in a fresh schema of that database instead.
"""

from __future__ import annotations

import os
import secrets
import shutil
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlmodel import SQLModel

from bot.sandbox.harness import running_bot
from bot.sandbox.simulator import BotApiSimulator
from store import migrate
from store.db import Database, make_engine, normalise_url
from store.demo import seed_books, seed_demo

TEST_DATABASE_URL = os.environ.get("COOPBOT_TEST_DATABASE_URL", "").strip()


@pytest.fixture(scope="session")
def migrated(tmp_path_factory):
    """A migrated empty database made once: a SQLite template file, or a PostgreSQL schema."""
    if not TEST_DATABASE_URL:
        template = tmp_path_factory.mktemp("template") / "template.db"
        engine = make_engine(f"sqlite:///{template}")
        migrate.upgrade(engine)
        engine.dispose()
        yield ("sqlite", template)
        return
    schema = f"coopbot_test_{secrets.token_hex(4)}"
    admin = make_engine(TEST_DATABASE_URL)
    with admin.begin() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    url = normalise_url(TEST_DATABASE_URL).update_query_dict({"options": f"-csearch_path={schema}"})
    url = url.render_as_string(hide_password=False)
    engine = make_engine(url)
    migrate.upgrade(engine)
    engine.dispose()
    yield ("postgresql", url)
    with admin.begin() as connection:
        connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    admin.dispose()


@pytest.fixture
def database_url(migrated, tmp_path) -> str:
    """A URL to an empty, migrated database of this test's own."""
    kind, where = migrated
    if kind == "sqlite":
        copy = tmp_path / "coopbot.db"
        shutil.copy(where, copy)
        return f"sqlite:///{copy}"
    engine = make_engine(where)
    tables = ", ".join(t.name for t in SQLModel.metadata.sorted_tables)
    with engine.begin() as connection:
        connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    engine.dispose()
    return where


@pytest.fixture
def database(database_url):
    db = Database(database_url)
    yield db
    db.dispose()


@pytest.fixture
def demo(database) -> Database:
    """The sandbox's demo world without its books: department 974, coops 974-111 and 974-145, people."""
    database.run(seed_demo, books=False)
    return database


@pytest.fixture
def demo_books(demo) -> Database:
    """The demo world as `coopbot sandbox` shows it: with opening balances and a few entries."""
    demo.run(seed_books)
    return demo


@pytest.fixture
async def sim():
    simulator = BotApiSimulator()
    await simulator.start()
    yield simulator
    await simulator.stop()


# Scripted users type far faster than anyone: the flood limit would drop them. `guarded_bot` has the real limit.
SCRIPTED_FLOOD_UPDATES = 1_000_000


@pytest.fixture
async def bot(sim, database, tmp_path):
    async with running_bot(sim, database, receipts_dir=str(tmp_path / "receipts"),
                           flood_updates=SCRIPTED_FLOOD_UPDATES) as application:  # fmt: skip
        yield application


@pytest.fixture
async def guarded_bot(sim, database, tmp_path):
    """The bot with the flood limit people get."""
    async with running_bot(sim, database, receipts_dir=str(tmp_path / "receipts")) as application:
        yield application


@pytest.fixture
def cast(sim, demo):
    """The demo people as simulator users: cast['mandataire'], cast['enseignant'], …"""
    from store.demo import DEMO_PEOPLE

    return {p.key: sim.user(p.telegram_id, p.first_name, p.last_name) for p in DEMO_PEOPLE}


@pytest.fixture
def stranger(sim):
    return sim.user(5550001, "Inconnu")


def repo_root() -> Path:
    return Path(__file__).resolve().parent.parent
