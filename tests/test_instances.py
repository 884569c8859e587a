"""A database in use: restore waits until `coopbot run` has stopped; processes migrating at once; a quiet stop."""

from __future__ import annotations

import asyncio
import logging
import subprocess
from pathlib import Path

import pytest
from bot.app import build_application
from bot.config import Settings
from bot.infra.scheduler import CalmJobQueue
from store.db import Database
from store.maintenance import backup_sqlite
from tests.processes import COOPBOT, BotProcess
from tests.test_maintenance import cli, refused  # noqa: F401 (the fixture)
from tests.test_resilience import demo_url, outside_sim, polls  # noqa: F401 (the fixtures)

from .conftest import TEST_DATABASE_URL, pg_schema

RUNNING = ("coopbot: un `coopbot run` utilise cette base (actif ou en attente) : arrêtez-le d'abord "
           "(docker stop, systemctl stop ou Ctrl-C), puis relancez la commande")  # fmt: skip


async def test_restore_is_refused_while_the_bot_runs(tmp_path, outside_sim, demo_url, cli):
    backup = tmp_path / "backup.db"
    if not TEST_DATABASE_URL:
        backup_sqlite(demo_url, backup)
    bot = await BotProcess(tmp_path / "bot.log", TELEGRAM_API_BASE_URL=outside_sim.url,
                           DATABASE_URL=demo_url).start()  # fmt: skip
    try:
        await bot.wait_until(lambda: polls(outside_sim) > 0, "polling")
        assert refused(cli("restore", "--force", str(backup), url=demo_url)) == RUNNING
    finally:
        assert await bot.stop() == 0, bot.log

    code, out, err = cli("restore", "--force", str(backup), url=demo_url)
    if TEST_DATABASE_URL:
        assert "pg_restore" in err  # PostgreSQL: the commands to run, now that nothing uses the database
    else:
        kept_in = Path(demo_url.removeprefix("sqlite:///")).parent  # beside the database file
        assert code == 0 and out.startswith(f"L'ancienne base est gardée dans {kept_in}"), (out, err)


@pytest.fixture
def fresh_url(tmp_path):
    """A database nothing has migrated yet: a new SQLite file, or a new PostgreSQL schema."""
    if not TEST_DATABASE_URL:
        yield f"sqlite:///{tmp_path / 'fresh.db'}"
        return
    with pg_schema("coopbot_fresh") as url:
        yield url


def test_processes_migrating_a_fresh_database_at_once_all_succeed(fresh_url, tmp_path):
    env = {"PATH": "/usr/bin:/bin", "DATABASE_URL": fresh_url}
    upgrades = [subprocess.Popen([str(COOPBOT), "db", "upgrade"], env=env, cwd=tmp_path, text=True,
                                 stdout=subprocess.PIPE, stderr=subprocess.STDOUT) for _ in range(3)]  # fmt: skip
    outputs = [upgrade.communicate(timeout=120)[0] for upgrade in upgrades]
    assert [upgrade.returncode for upgrade in upgrades] == [0, 0, 0], outputs
    database = Database(fresh_url)
    try:
        query = "SELECT version_num FROM alembic_version"
        versions = database.run(lambda s: s.connection().exec_driver_sql(query).all())
        assert len(versions) == 1
    finally:
        database.dispose()


async def test_jobs_falling_due_as_the_instance_stops_are_not_cancelled_with_a_traceback(caplog):
    """A SIGTERM while a job falls due: PTB's queue used to let the scheduler cancel it, logged as an error."""
    settings = Settings(token="1:T", api_base_url="http://127.0.0.1:9", database_url="sqlite://", timezone="Europe/Paris")
    application = build_application(settings, Database(settings.database_url))
    assert type(application.job_queue) is CalmJobQueue

    async def short_job(context):
        await asyncio.sleep(0.002)

    with caplog.at_level(logging.DEBUG, logger="apscheduler"):
        for _ in range(20):  # plain JobQueue: about one stop in two logged « Error running job »
            queue = CalmJobQueue()
            queue.set_application(application)
            queue.run_repeating(short_job, 0.001)
            queue.run_repeating(short_job, 0.0013)
            await queue.start()
            await asyncio.sleep(0.01)
            await queue.stop()
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR], caplog.text
