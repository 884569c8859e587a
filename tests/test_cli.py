"""The `coopbot` command as an operator meets it: real processes, real environment variables.

Bad configuration must stop the bot with one line naming the variable (exit
code 2, no traceback); `coopbot run` must serve whatever Bot API server
TELEGRAM_API_BASE_URL names, here the simulator, exactly as it would serve a
self-hosted Bot API server.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.sandbox.simulator import BotApiSimulator

from .conftest import TEST_DATABASE_URL

COOPBOT = Path(sys.executable).parent / "coopbot"
TOKEN = "123456789:TESTTOKEN-abcdefghijklmnopqrstuv"
SETTINGS = ("TELEGRAM_BOT_TOKEN", "TELEGRAM_API_BASE_URL", "DATABASE_URL",
            "COOPBOT_TIMEZONE", "TELEGRAM_BOT_USERNAME", "COOPBOT_INVITATION_DAYS")  # fmt: skip
NOWHERE = "http://127.0.0.1:9"  # nothing may reach Telegram from the tests


@pytest.fixture(autouse=True)
def console_script():
    if not COOPBOT.exists():
        pytest.fail(f"{COOPBOT} is missing: install the project (`make test`, or pip install -e '.[dev]')")


def environment(**settings: str) -> dict[str, str]:
    """This process's environment without any CoopBot setting, plus ``settings``."""
    env = {k: v for k, v in os.environ.items() if k not in SETTINGS}
    env.update(settings)
    return env


def coopbot(*args: str, cwd: Path, **settings: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(COOPBOT), *args], env=environment(**settings), cwd=cwd,
        stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def assert_refused(result: subprocess.CompletedProcess, variable: str) -> str:
    """Exit code 2 and exactly one line on stderr, naming ``variable``; returns that line."""
    output = result.stdout + result.stderr
    assert result.returncode == 2, output
    assert "Traceback" not in output
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert variable in lines[0]
    return lines[0]


# ------------------------------------------------------------- bad configuration

SECRET = "hunter2-secret"
# case → (command, settings, the variable the one line must name)
REFUSALS: dict[str, tuple[tuple[str, ...], dict[str, str], str]] = {
    "no-token": (("run",), {}, "TELEGRAM_BOT_TOKEN"),
    "malformed-token": (("run",), {"TELEGRAM_BOT_TOKEN": "not-a-token"}, "TELEGRAM_BOT_TOKEN"),
    "db-nonsense": (("run",), {"DATABASE_URL": "nonsense://x"}, "DATABASE_URL"),
    "db-mysql": (("run",), {"DATABASE_URL": f"mysql://root:{SECRET}@127.0.0.1/coop"}, "DATABASE_URL"),
    "db-postgres-closed-port": (
        ("run",), {"DATABASE_URL": f"postgresql://postgres:{SECRET}@127.0.0.1:1/x"}, "DATABASE_URL"),
    "db-sqlite-no-directory": (
        ("run",), {"DATABASE_URL": "sqlite:////nonexistent-coopbot-dir/sub/coopbot.db"}, "DATABASE_URL"),
    "upgrade-db-closed-port": (
        ("db", "upgrade"), {"DATABASE_URL": f"postgresql://postgres:{SECRET}@127.0.0.1:1/x"},
        "DATABASE_URL"),
    "timezone-unknown": (("run",), {"COOPBOT_TIMEZONE": "Mars/Olympus_Mons"}, "COOPBOT_TIMEZONE"),
    "invitation-days": (("run",), {"COOPBOT_INVITATION_DAYS": "365"}, "COOPBOT_INVITATION_DAYS"),
    "api-no-scheme": (("run",), {"TELEGRAM_API_BASE_URL": "api.telegram.org"}, "TELEGRAM_API_BASE_URL"),
}  # fmt: skip


@pytest.fixture(scope="module")
def refusals(tmp_path_factory) -> dict[str, tuple[Path, subprocess.CompletedProcess]]:
    """Every case of REFUSALS, run at once (each is a cold Python start), in a directory of its own."""
    started = {}
    for case, (args, settings, _) in REFUSALS.items():
        cwd = tmp_path_factory.mktemp(case)
        # A well-formed token and an unreachable API unless the case says otherwise.
        env = environment(**({"TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_BASE_URL": NOWHERE} | settings))
        if case == "no-token":
            del env["TELEGRAM_BOT_TOKEN"]
        started[case] = cwd, subprocess.Popen(
            [str(COOPBOT), *args], env=env, cwd=cwd, stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
    results = {}
    for case, (cwd, process) in started.items():
        out, err = process.communicate(timeout=120)
        results[case] = cwd, subprocess.CompletedProcess(process.args, process.returncode, out, err)
    return results


@pytest.mark.parametrize("case", REFUSALS)
def test_bad_setting_is_refused_in_one_line(refusals, case):
    cwd, result = refusals[case]
    _, _, variable = REFUSALS[case]
    line = assert_refused(result, variable)
    assert line.startswith(f"coopbot: {variable}")
    assert SECRET not in line and TOKEN not in line
    assert list(cwd.iterdir()) == []  # refused before creating anything


def test_missing_token_says_how_to_get_one(refusals):
    _, result = refusals["no-token"]
    assert result.stderr == ("coopbot: TELEGRAM_BOT_TOKEN n'est pas défini (demandez-en un à @BotFather, "
                             "ou essayez `coopbot sandbox`)\n")  # the catalogue's sentence, in French
    assert "BotFather" in result.stderr and "coopbot sandbox" in result.stderr


def test_an_unsupported_database_is_named(refusals):
    _, result = refusals["db-mysql"]
    assert result.stderr == "coopbot: DATABASE_URL est mal formée : base 'mysql' non prise en charge (sqlite ou postgresql)\n"


def test_malformed_token_is_not_echoed(refusals):
    _, result = refusals["malformed-token"]
    assert "mal formé" in result.stderr
    assert "not-a-token" not in result.stderr


@pytest.fixture(scope="module")
def unreachable_api(tmp_path_factory) -> subprocess.CompletedProcess:
    cwd = tmp_path_factory.mktemp("unreachable")
    return coopbot("run", cwd=cwd, TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_API_BASE_URL=NOWHERE,
                   DATABASE_URL=f"sqlite:///{cwd / 'coopbot.db'}")  # fmt: skip


def test_unreachable_api_base_url_exits_2_naming_it(unreachable_api):
    result = unreachable_api
    assert result.returncode == 2, result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("coopbot: TELEGRAM_API_BASE_URL : la Bot API ne répond pas")
    assert TOKEN not in result.stdout + result.stderr


def test_unreachable_api_base_url_is_one_line(unreachable_api):
    assert_refused(unreachable_api, "TELEGRAM_API_BASE_URL")


# ------------------------------------------------------------------ db upgrade


def test_db_upgrade_creates_the_schema_in_coopbot_db_and_is_idempotent(tmp_path):
    database = tmp_path / "coopbot.db"
    first = coopbot("db", "upgrade", cwd=tmp_path)  # default: coopbot.db in the working directory
    again = coopbot("db", "upgrade", cwd=tmp_path, DATABASE_URL=f"sqlite:///{database}")
    for result in (first, again):
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr
    with sqlite3.connect(database) as connection:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        versions = connection.execute("SELECT version_num FROM alembic_version").fetchall()
    assert {"coop", "department", "person", "role", "ledger"} <= tables
    assert len(versions) == 1 and versions[0][0]


# ------------------------------------------------- coopbot run against a Bot API


@pytest.mark.postgresql
async def test_run_serves_the_bot_api_at_the_base_url(tmp_path, request):
    """`coopbot run`, a separate process, polls the simulator and greets a newcomer in French."""
    if TEST_DATABASE_URL:
        database_url = request.getfixturevalue("database_url")  # a fresh PostgreSQL schema
    else:
        database_url = f"sqlite:///{tmp_path / 'coopbot.db'}"  # not even migrated yet
    sim = BotApiSimulator()
    await sim.start()
    log_path = tmp_path / "coopbot.log"
    env = environment(TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_API_BASE_URL=sim.url, DATABASE_URL=database_url)
    with log_path.open("wb") as log:
        process = await asyncio.create_subprocess_exec(
            str(COOPBOT), "run", env=env, cwd=tmp_path,
            stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
    try:
        await until_polling(sim, process, log_path)
        newcomer = sim.user(5550101, "Léa")
        step = await newcomer.send("/start")
        assert "Bonjour Léa" in step.text
        assert "invitation" in step.text
        step = await newcomer.send("/aide")
        assert "/annuler" in step.text
    finally:
        if process.returncode is None:
            process.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(process.wait(), 30)
            except TimeoutError:
                process.kill()
                await process.wait()
        await sim.stop()
    log = log_path.read_text(errors="replace")
    assert process.returncode == 0, log
    assert TOKEN not in log
    assert "TESTTOKEN" not in log
    assert "Traceback" not in log


async def until_polling(sim: BotApiSimulator, process: asyncio.subprocess.Process, log_path: Path) -> None:
    """Wait until the bot has started long polling (its first getUpdates call)."""
    deadline = time.monotonic() + 60
    while not any(method == "getUpdates" for method, _ in sim.calls):
        if process.returncode is not None:
            pytest.fail(f"coopbot run exited with {process.returncode}:\n{log_path.read_text()}")
        if time.monotonic() > deadline:
            pytest.fail(f"coopbot run never polled the simulator:\n{log_path.read_text()}")
        await asyncio.sleep(0.05)


# ------------------------------------------- the token never shows, even when a proxy repeats the URL

BOT_USER = {"id": 123456789, "is_bot": True, "first_name": "CoopBot", "username": "coopbot_test_bot"}


@pytest.mark.parametrize("failing", ["getMe", "getUpdates"])
async def test_an_html_error_page_repeating_the_url_does_not_put_the_token_anywhere(tmp_path, request, failing):
    """A proxy answers ``failing`` (at start-up, or while polling) with an HTML 404 that quotes the URL."""
    from aiohttp import web

    served = []

    async def answer(http: web.Request) -> web.Response:
        method = http.match_info["method"]
        served.append(method)
        if method == failing or (failing == "getUpdates" and len(served) > 20):
            page = f"<html><body><h1>404 Not Found</h1><p>{http.url}</p><p>{http.raw_path}</p></body></html>"
            return web.Response(status=404, text=page, content_type="text/html")
        return web.json_response({"ok": True, "result": BOT_USER if method == "getMe" else True})

    app = web.Application()
    app.router.add_route("*", "/bot{token}/{method}", answer)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]
    database_url = request.getfixturevalue("database_url") if TEST_DATABASE_URL else "sqlite:///coopbot.db"
    env = environment(TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_API_BASE_URL=f"http://127.0.0.1:{port}",
                      DATABASE_URL=database_url)  # fmt: skip
    with (tmp_path / "out.txt").open("wb") as out, (tmp_path / "err.txt").open("wb") as err:
        process = await asyncio.create_subprocess_exec(
            str(COOPBOT), "run", env=env, cwd=tmp_path, stdin=subprocess.DEVNULL, stdout=out, stderr=err)
    try:
        # Until the page was served and the bot logged it (python-telegram-bot waits longer after each error).
        deadline = time.monotonic() + 60
        while process.returncode is None and time.monotonic() < deadline and not (
                failing in served and failing in (tmp_path / "err.txt").read_text(errors="replace")):
            await asyncio.sleep(0.05)
    finally:
        if process.returncode is None:
            process.send_signal(signal.SIGTERM)
            await asyncio.wait_for(process.wait(), 30)
        await runner.cleanup()
    stderr = (tmp_path / "err.txt").read_text()
    for path in tmp_path.iterdir():  # stdout, stderr and any file the bot wrote
        assert b"TESTTOKEN" not in path.read_bytes(), f"{path.name}:\n{stderr}"
    if failing == "getMe":  # at start-up: one line
        assert (process.returncode, stderr) == (
            2, "coopbot: TELEGRAM_API_BASE_URL : ce n'est pas une Bot API (réponse non JSON)\n")
    else:  # while polling: the page is logged, its URL without the token
        assert "/bot<token>/getUpdates" in stderr, stderr
