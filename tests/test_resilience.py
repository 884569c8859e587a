"""Nothing lost, nothing doubled, nobody let in: crashes, webhooks, two instances, replays."""

from __future__ import annotations

import asyncio
import json
import socket
import time
from pathlib import Path

import pytest
from sqlalchemy import event
from sqlmodel import select

from bot.sandbox.simulator import BotApiSimulator
from store.db import Database
from store.demo import seed_demo
from store.models import ChatState, Entry, SeenUpdate, utcnow
from tests.processes import TOKEN, BotProcess

from .conftest import TEST_DATABASE_URL

SECRET = "s3cret-for-the-webhook-0123456789"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def calls(sim: BotApiSimulator, name: str) -> int:
    return sum(1 for method, _ in sim.calls if method == name)


def polls(sim: BotApiSimulator) -> int:
    return calls(sim, "getUpdates")


async def restarted(log: Path, settings: dict, sim: BotApiSimulator) -> BotProcess:
    """A new bot process, once it polls: its cold start on a loaded machine could outlast a step's wait for
    its first answer, and the next press would find no card."""
    before = polls(sim)
    bot = await BotProcess(log, **settings).start()
    await bot.wait_until(lambda: polls(sim) > before, "polling")
    return bot


async def states_saved(url: str, since, *people, timeout: float = 10) -> None:
    """Until the bot process has stored the conversation state of each of these people since ``since``.

    The simulator's quiet moment after an answer proves nothing about the state, written after the answer:
    on a loaded machine a SIGKILL came before the write, and the next step's button was stale."""
    keys = {json.dumps([p.id, p.id]) for p in people}
    database = Database(url)
    try:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:  # past it, the steps themselves will tell
            written = set(database.run(lambda s: list(s.exec(select(ChatState.key).where(
                ChatState.kind == "conversation", ChatState.updated_at >= since)))))  # fmt: skip
            if keys <= written:
                return
            await asyncio.sleep(0.05)
    finally:
        database.dispose()


@pytest.fixture
async def outside_sim():
    """A simulator for a bot in another process: no settle hook, it waits for the bot to go quiet
    (long enough for a database write between two calls on a loaded machine)."""
    simulator = BotApiSimulator()
    simulator.quiet_seconds = 0.6
    await simulator.start()
    yield simulator
    await simulator.stop()


@pytest.fixture
def demo_url(database_url) -> str:
    database = Database(database_url)
    database.run(seed_demo)
    database.dispose()
    return database_url


async def test_webhook_needs_its_secret(tmp_path, outside_sim):
    bot = await BotProcess(tmp_path / "bot.log", "--webhook", TELEGRAM_API_BASE_URL=outside_sim.url,
                           WEBHOOK_URL="https://coopbot.example/telegram",
                           DATABASE_URL=f"sqlite:///{tmp_path / 'x.db'}").start()  # fmt: skip
    assert await bot.process.wait() == 2
    assert bot.log.strip().splitlines()[-1].startswith("coopbot: WEBHOOK_SECRET est absent ou mal formé")


async def post(port: int, secret: str | None, body: bytes, length: int | None = None) -> bytes:
    """POST /telegram in one write, ``body`` announced as ``length`` bytes (its own size by default): the
    status line. A server waiting for an announced body that never comes would never answer."""
    headers = "POST /telegram HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
    if secret is not None:
        headers += f"X-Telegram-Bot-Api-Secret-Token: {secret}\r\n"
    headers += f"Content-Length: {len(body) if length is None else length}\r\n\r\n"
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        writer.write(headers.encode() + body)
        await writer.drain()
        return await asyncio.wait_for(reader.readline(), 20)
    finally:
        writer.close()


async def post_chunked(port: int, secret: str, size: int) -> bytes:
    """A body of ``size`` bytes in 64 kB chunks, without a length: the status line, or b"" if cut off."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    chunk = b"x" * 65536
    try:
        writer.write(f"POST /telegram HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                     f"X-Telegram-Bot-Api-Secret-Token: {secret}\r\nTransfer-Encoding: chunked\r\n\r\n".encode())
        for _ in range(size // len(chunk)):
            writer.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            await writer.drain()
        writer.write(b"0\r\n\r\n")
        await writer.drain()
    except ConnectionError:
        pass  # the server closed the connection on it
    try:
        return await asyncio.wait_for(reader.readline(), 20)
    except ConnectionError:
        return b""
    finally:
        writer.close()


async def test_webhook_serves_and_refuses_posts_without_the_secret(tmp_path, outside_sim, demo_url):
    port = free_port()
    url = f"http://127.0.0.1:{port}/telegram"
    bot = await BotProcess(tmp_path / "bot.log", "--webhook", TELEGRAM_API_BASE_URL=outside_sim.url,
                           DATABASE_URL=demo_url, WEBHOOK_URL=url, WEBHOOK_SECRET=SECRET,
                           WEBHOOK_LISTEN="127.0.0.1", WEBHOOK_PORT=str(port)).start()  # fmt: skip
    try:
        await bot.wait_until(lambda: outside_sim.webhook is not None, "setWebhook")
        assert outside_sim.webhook == {"url": url, "secret_token": SECRET}
        marie = outside_sim.user(1001, "Marie")
        step = await marie.send("/start")
        assert "mandataire de la coopérative 974-111" in step.text

        forged = {"update_id": 999, "message": {"message_id": 1, "date": 0, "text": "/start",
                  "chat": {"id": 1001, "type": "private"}, "from": {"id": 1001, "is_bot": False, "first_name": "M"},
                  "entities": [{"type": "bot_command", "offset": 0, "length": 6}]}}  # fmt: skip
        sent_before = len(outside_sim.messages[1001])
        for secret in (None, "wrong"):  # refused on the headers: the server closes without reading the body
            assert (await post(port, secret, json.dumps(forged).encode())).startswith(b"HTTP/1.1 403")
        # Refused before the body is read: a wrong secret, a body announced over 1 MiB, a chunked one growing past it.
        ninety_mb = 90 * 1024 * 1024
        assert (await post(port, "wrong", b"{", ninety_mb)).startswith(b"HTTP/1.1 403")
        assert (await post(port, SECRET, b"{", ninety_mb)).startswith(b"HTTP/1.1 413")
        assert (await post(port, SECRET, b"{", 1024 * 1024 + 1)).startswith(b"HTTP/1.1 413")
        assert (await post_chunked(port, SECRET, 2 * 1024 * 1024)).startswith((b"HTTP/1.1 400", b""))
        step = await marie.send("/aide")  # the next real update is handled; the forged ones were not
        assert "Voici ce que vous pouvez faire" in step.text
        assert len(outside_sim.messages[1001]) == sent_before + 2  # /aide and its answer only
    finally:
        assert await bot.stop() == 0, bot.log
    assert TOKEN not in bot.log and SECRET not in bot.log


async def test_sigkill_in_the_middle_of_conversations(tmp_path, outside_sim, demo_url):
    settings = dict(TELEGRAM_API_BASE_URL=outside_sim.url, DATABASE_URL=demo_url)
    bot = await BotProcess(tmp_path / "bot.log", **settings).start()
    await bot.wait_until(lambda: polls(outside_sim) > 0, "polling")
    marie, julien = outside_sim.user(1001, "Marie"), outside_sim.user(1002, "Julien")
    outside_sim.user(1004, "Paul")  # the AD staff member who receives /contact
    await marie.send("/adhesion")
    await marie.press("Partir d'un tableau vide")
    await marie.press("➕ Ajouter une classe")
    since = utcnow()
    await marie.send("CE1B")
    await julien.send("/contact")
    sophie = outside_sim.user(1003, "Sophie")
    await sophie.send("/depense 4,20 Colle")
    await sophie.press("Fournitures éducatives et administratives")
    await states_saved(demo_url, since, marie, julien, sophie)
    await bot.kill()

    bot = await restarted(tmp_path / "bot.log", settings, outside_sim)
    await sophie.press("💳 Carte")
    await sophie.press("Aujourd'hui")
    step = await sophie.press("✅ Enregistrer")
    assert "enregistrée — cahier CE2B" in step.text
    step = await julien.send("Bonjour, une question sur la caisse.")
    assert step.text == "Votre message a été transmis à l'OCCE 974. La réponse arrivera ici."
    step = await marie.send("Luc Rivière luc.riviere@ac-reunion.fr")
    assert step.text == "Nombre d'élèves de CE1B (0 à 500) :"
    await marie.send("22")
    await marie.send("1")
    step = await marie.press("✅ Enregistrer")
    assert "Ligne 1 (CE1B) enregistrée." in step.text

    # Again, in the middle of an internal movement and of a cash count.
    await julien.send("/mouvement")
    await julien.press("🏦 Dépôt d'espèces en banque")
    since = utcnow()
    await julien.send("10")
    await sophie.send("/caisse")
    await sophie.press("🔢 Saisir le total")
    await states_saved(demo_url, since, julien, sophie)
    await bot.kill()

    bot = await restarted(tmp_path / "bot.log", settings, outside_sim)
    step = await julien.press("Aujourd'hui")
    assert "Libellé : « Remise d'espèces en banque »" in step.text
    await julien.press("✅ Garder ce libellé")
    step = await julien.press("✅ Enregistrer")
    assert "Mouvement enregistré : dépôt de 10,00" in step.text
    step = await sophie.send("0")
    assert "Arrêté de caisse du" in step.text and "cahier CE2B" in step.text

    # And again: naming a class ledger, changing an entry, an opening balance, a bank statement.
    await marie.send("/cahiers")
    since = utcnow()
    await marie.press("➕ Cahier pour CE1B")
    await sophie.send("/journal")
    await sophie.press_data(next(b["callback_data"] for row in sophie.last.reply_markup["inline_keyboard"]
                                 for b in row if b["callback_data"].startswith("jnl:e:")), sophie.last)  # fmt: skip
    await sophie.press("✏️ Modifier")
    await sophie.press("Libellé")
    await julien.send("/report")
    await states_saved(demo_url, since, marie, sophie, julien)
    await bot.kill()

    bot = await restarted(tmp_path / "bot.log", settings, outside_sim)
    step = await marie.send("CE1B-Luc")
    assert step.text.startswith("Cahier « CE1B-Luc » créé pour la classe CE1B.")
    step = await sophie.send("Entrées au musée (corrigé)")
    assert "modifiée" in step.text
    step = await julien.send("240")
    assert "la caisse" in step.text
    await marie.send("/pointage")
    since = utcnow()
    await marie.press("Aujourd'hui")
    await states_saved(demo_url, since, marie)
    await bot.kill()

    bot = await restarted(tmp_path / "bot.log", settings, outside_sim)
    step = await marie.send("1 000,00")
    assert "Écart" in step.text and ["✅ Terminer"] in step.last.buttons
    assert await bot.stop() == 0, bot.log


@pytest.mark.skipif(not TEST_DATABASE_URL, reason="two instances share a PostgreSQL database")
async def test_standby_takes_over_within_15_seconds(tmp_path, outside_sim, demo_url):
    settings = dict(TELEGRAM_API_BASE_URL=outside_sim.url, DATABASE_URL=demo_url)
    first = await BotProcess(tmp_path / "first.log", **settings).start()
    await first.wait_until(lambda: polls(outside_sim) > 0, "polling")
    second = await BotProcess(tmp_path / "second.log", **settings).start()
    await second.wait_until(lambda: "standing by" in second.log, "standby")
    menus = calls(outside_sim, "setMyCommands")  # each instance sets the menus when it starts serving
    assert menus == 2  # French and English, by the active instance only: the standby has not started

    julien = outside_sim.user(1002, "Julien")
    outside_sim.user(1004, "Paul")
    since = utcnow()
    await julien.send("/contact")
    await states_saved(demo_url, since, julien)  # written after the answer: a loaded machine killed it before
    await first.kill()
    step = await julien.send("Le remplaçant a-t-il repris ?")  # waits up to 15 s for an answer
    assert step.text == "Votre message a été transmis à l'OCCE 974. La réponse arrivera ici."
    assert calls(outside_sim, "setMyCommands") == 2 * menus
    assert await second.stop() == 0, second.log


def entries_named(database, label: str) -> int:
    return database.run(lambda s: len(s.exec(select(Entry).where(Entry.label == label)).all()))


@pytest.mark.parametrize(("fault", "copies"), [
    (dict(status=502, count=2), 1),  # a proxy's bad gateway, twice
    (dict(status=429, retry_after=1), 1),  # Telegram's flood limit
    (dict(status=502, applied=True), 2),  # sent, but the answer lost: the retry sends it again
    (dict(status=502, delay=5.5), 1),  # no answer before PTB's 5 s read timeout
    (dict(drop=True, applied=True), 2),  # the connection closed after sending, no answer: retried all the same
])  # fmt: skip
async def test_confirmations_get_through_telegram_faults(bot, sim, cast, demo_books, fault, copies):
    julien = cast["enseignant"]
    sim.fail("sendMessage", **fault)
    step = await julien.send("/depense 1,10 Trombones; fournitures; carte; aujourd'hui")
    confirmations = [m for m in step.messages if "enregistrée — cahier CE1A" in m.content]
    assert len(confirmations) == copies
    assert entries_named(demo_books, "Trombones") == 1


async def test_an_update_whose_id_cannot_be_recorded_is_not_handled(bot, sim, cast, demo_books):
    """The database stays busy while the update's id is recorded: the expense is not recorded
    either, the person is told; delivered again (twice), it is recorded once."""
    from tests.store.test_races import busy_error

    def busy(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().startswith(f"INSERT INTO {SeenUpdate.__tablename__}"):
            raise busy_error(conn.dialect)

    def recorded() -> int:
        return len(demo_books.run(lambda s: list(s.exec(select(Entry.id).where(Entry.label == "Gomme")))))

    julien = cast["enseignant"]
    event.listen(demo_books.engine, "before_cursor_execute", busy)
    try:
        step = await julien.send("/depense 2 Gomme; fournitures; carte; aujourd'hui")
    finally:
        event.remove(demo_books.engine, "before_cursor_execute", busy)
    assert step.text.startswith("Désolé, un problème est survenu : votre dernière action n'a pas été enregistrée.")
    assert recorded() == 0
    update_id = max(sim.updates_sent)
    step = await sim.replay(update_id, julien.id)
    assert step.text.startswith("Écriture ") and recorded() == 1
    step = await sim.replay(update_id, julien.id)
    assert step.messages == [] and recorded() == 1
