"""Fixtures: a migrated database per test, the Bot API simulator, the real bot polling it.

The suite runs on SQLite by default; with COOPBOT_TEST_DATABASE_URL set to a
PostgreSQL URL it runs in a fresh schema of that database instead, and only
the tests that use a database run (the others ran in the SQLite pass).
Under pytest-xdist each worker has its own schema or template files.

Hypothesis profiles (HYPOTHESIS_PROFILE): ``sqlite`` and ``postgresql`` for the two
CI passes (chosen from the database), ``thorough`` for a long run on a quiet machine.
"""

from __future__ import annotations

import os
import secrets
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from sqlalchemy import text
from sqlmodel import SQLModel

from bot.sandbox.harness import running_bot
from bot.sandbox.simulator import BotApiSimulator
from store import migrate
from store.db import Database, make_engine, normalise_url
from store.demo import seed_books, seed_demo
from tests.processes import BotProcess

TEST_DATABASE_URL = os.environ.get("COOPBOT_TEST_DATABASE_URL", "").strip()

# Fixtures are per test and the bot answers over HTTP: no deadline, no fixture health check.
_common = dict(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
settings.register_profile("sqlite", max_examples=8, **_common)
settings.register_profile("postgresql", max_examples=4, **_common)
settings.register_profile("thorough", max_examples=200, **_common)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("postgresql" if TEST_DATABASE_URL else "sqlite"))


def examples(factor: int) -> int:
    """``factor`` times the profile's number of examples, for a test that is cheap per example."""
    return settings.default.max_examples * factor


def pytest_configure(config):
    config.addinivalue_line("markers", "postgresql: runs in the PostgreSQL pass although it takes "
                                       "its database without the database_url fixture")


# The longest tests (seconds, measured on a 2-core machine running both passes), started first so that
# pytest-xdist's workers do not end waiting on one of them; only the order changes.
LONGEST = {
    "test_sigkill_in_the_middle_of_conversations": 80,
    "test_smoke_run_measures_everything": 70,
    "test_a_fanout_killed_in_the_middle_sends_none_twice": 50,
    "test_standby_takes_over_within_15_seconds": 25,
    "test_any_text_at_any_step_is_answered": 22,
    "test_run_serves_the_bot_api_at_the_base_url": 20,
    "test_a_whole_autumn_of_membership_reminders": 17,
    "test_a_season_of_report_reminders": 16,
    "test_the_books_stay_consistent": 15,
    "test_coopbot_sandbox_without_token_answers_in_french": 14,
    "test_an_html_error_page_repeating_the_url_does_not_put_the_token_anywhere": 12,
    "test_webhook_serves_and_refuses_posts_without_the_secret": 12,
    "test_db_upgrade_creates_the_schema_in_coopbot_db_and_is_idempotent": 11,
    "test_the_bilan_balances_and_each_line_adds_up": 8,
    "test_restore_is_refused_while_the_bot_runs": 7,
    "test_generated_books_are_books_the_store_agrees_with": 7,
}


def pytest_collection_modifyitems(config, items):
    """The longest tests first; in the PostgreSQL pass, leave out the tests that touch no database."""
    # a stable sort: the rest keep their order
    items.sort(key=lambda item: -LONGEST.get(getattr(item, "originalname", item.name), 0))
    if not TEST_DATABASE_URL:
        return
    keep, drop = [], []
    for item in items:
        uses = "database_url" in getattr(item, "fixturenames", ()) or item.get_closest_marker("postgresql")
        (keep if uses else drop).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


# What a test's database holds before it starts, by the fixtures it asks for.
SEEDS = {
    "empty": [],
    "demo": [(seed_demo, {"books": False})],
    "demo_books": [(seed_demo, {"books": False}), (seed_books, {})],
}


def seed_level(request) -> str:
    names = request.fixturenames
    return "demo_books" if "demo_books" in names else "demo" if "demo" in names else "empty"


class SqliteTemplates:
    """Migrated (and seeded) SQLite files made once per worker; each test gets a copy."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.files: dict[str, Path] = {}

    def template(self, level: str) -> Path:
        if level not in self.files:
            template = self.folder / f"{level}.db"
            if level == "empty":
                engine = make_engine(f"sqlite:///{template}")
                migrate.upgrade(engine)
                engine.dispose()  # the last connection closed: the WAL is folded into the file
            else:
                shutil.copy(self.template("empty"), template)
                seed(f"sqlite:///{template}", level)
            self.files[level] = template
        return self.files[level]

    def url_for(self, level: str) -> str:
        """The worker's database file, a fresh copy of the template: one path for every test, so that
        the ``database`` fixture keeps one engine (SQLAlchemy compiles each statement once per engine)."""
        current = self.folder / "coopbot.db"
        for leftover in (current, current.with_name("coopbot.db-wal"), current.with_name("coopbot.db-shm")):
            leftover.unlink(missing_ok=True)  # the last test's connections are closed (or were its processes')
        shutil.copy(self.template(level), current)
        return f"sqlite:///{current}"


class PostgresTemplates:
    """One schema for the tests of this worker, emptied and refilled from seeded template schemas.

    DELETE and INSERT … SELECT on a few small tables take a few milliseconds; TRUNCATE of every
    table and seeding through the ORM took about a second per test.
    """

    def __init__(self, admin, prefix: str):
        self.admin = admin
        self.prefix = prefix
        self.url = self.schema_url("")
        self.refiller = make_engine(self.url)
        self.filled: dict[str, str] = {}  # level → SQL that resets the test schema to it

    def schema_url(self, suffix: str) -> str:
        url = create_schema(self.admin, self.prefix + suffix)
        engine = make_engine(url)
        migrate.upgrade(engine)
        engine.dispose()
        return url

    def url_for(self, level: str) -> str:
        if level not in self.filled:
            source = self.prefix + "_" + level
            if level != "empty":
                seed(self.schema_url("_" + level), level)
            self.filled[level] = self.refill_sql(source if level != "empty" else None)
        with self.refiller.begin() as connection:
            connection.exec_driver_sql(self.filled[level])
        return self.url

    def refill_sql(self, source: str | None) -> str:
        tables = SQLModel.metadata.sorted_tables
        statements = [f"DELETE FROM {t.name}" for t in reversed(tables)]
        for t in tables:
            if source:
                statements.append(f"INSERT INTO {t.name} SELECT * FROM {source}.{t.name}")
            if "id" in t.c and t.c.id.autoincrement is not False and len(t.primary_key.columns) == 1:
                statements.append(f"SELECT setval(pg_get_serial_sequence('{self.prefix}.{t.name}', 'id'), "
                                  f"COALESCE((SELECT max(id) FROM {t.name}), 0) + 1, false)")
        return ";\n".join(statements)

    def drop(self) -> None:
        self.refiller.dispose()
        with self.admin.begin() as connection:
            for suffix in ["", *("_" + level for level in self.filled if level != "empty")]:
                connection.execute(text(f"DROP SCHEMA IF EXISTS {self.prefix}{suffix} CASCADE"))
        self.admin.dispose()


def create_schema(admin, schema: str) -> str:
    """A new, empty schema of the PostgreSQL test database; the URL whose search path is it."""
    with admin.begin() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    # synchronous_commit off: a commit does not wait for the disk (the tests kill the bot, never the server).
    url = normalise_url(TEST_DATABASE_URL).update_query_dict(
        {"options": f"-csearch_path={schema} -csynchronous_commit=off"})
    return url.render_as_string(hide_password=False)


@contextmanager
def pg_schema(prefix: str) -> Iterator[str]:
    """A URL to a new, empty (not migrated) schema of the PostgreSQL test database, dropped afterwards."""
    schema = f"{prefix}_{secrets.token_hex(4)}"
    admin = make_engine(TEST_DATABASE_URL)
    try:
        yield create_schema(admin, schema)
    finally:
        with admin.begin() as connection:
            connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


def seed(url: str, level: str) -> None:
    database = Database(url)
    for fn, kwargs in SEEDS[level]:
        database.run(fn, **kwargs)
    database.dispose()


@pytest.fixture(scope="session")
def migrated(tmp_path_factory):
    """Migrated databases made once per worker: SQLite template files, or PostgreSQL schemas."""
    if not TEST_DATABASE_URL:
        yield SqliteTemplates(tmp_path_factory.mktemp("templates"))
        return
    templates = PostgresTemplates(make_engine(TEST_DATABASE_URL), f"coopbot_test_{secrets.token_hex(4)}")
    yield templates
    templates.drop()


@pytest.fixture
def database_url(migrated, request) -> str:
    """A URL to a migrated database of this test's own, already holding the demo if the test asks for it."""
    return migrated.url_for(seed_level(request))


@pytest.fixture(scope="session")
def kept_databases() -> Iterator[dict[str, Database]]:
    """One Database per URL for the worker's whole run: a new engine would compile every statement again
    (about a tenth of the suite's CPU); its connections are closed after each test."""
    kept: dict[str, Database] = {}
    yield kept
    for db in kept.values():
        db.dispose()


@pytest.fixture
def database(database_url, kept_databases):
    db = kept_databases.get(database_url) or kept_databases.setdefault(database_url, Database(database_url))
    yield db
    if db.engine.dialect.name == "sqlite":
        db.dispose()  # the pool only (the compiled statements stay with the engine): the file is replaced
    # PostgreSQL keeps its connections for the worker's next test, refilled in place: a new server backend
    # per connection and per test cost the server more CPU than the test's own queries.


@pytest.fixture
def demo(database) -> Database:
    """The sandbox's demo world without its books: department 974, coops 974-111 and 974-145, people.

    database_url copied it from a template already (it sees that the test asks for this fixture).
    """
    return database


@pytest.fixture
def demo_books(demo) -> Database:
    """The demo world as `coopbot sandbox` shows it: with opening balances and a few entries."""
    return demo


@pytest.fixture(autouse=True)
def no_bot_left_behind():
    yield
    BotProcess.kill_leftovers()


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
