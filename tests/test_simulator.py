"""The simulator refuses what Telegram refuses, as python-telegram-bot sees it over HTTP."""

from __future__ import annotations

import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import BadRequest, NetworkError, RetryAfter

from bot.sandbox.harness import SANDBOX_TOKEN
from bot.sandbox.simulator import LIMIT_RETRY_AFTER, BotApiSimulator


@pytest.fixture
async def client(sim):
    sim.user(42, "Test")
    async with Bot(SANDBOX_TOKEN, base_url=f"{sim.url}/bot", base_file_url=f"{sim.url}/file/bot") as bot:
        yield bot


async def test_get_me_and_message_shape(client, sim):
    assert client.username == "coopbot_sandbox_bot"
    message = await client.send_message(42, "Bonjour <b>vous</b>", parse_mode="HTML")
    assert message.text == "Bonjour vous" and message.chat.id == 42
    assert sim.messages[42][-1].content == "Bonjour vous"


async def test_text_limits(client):
    await client.send_message(42, "é" * 4096)
    with pytest.raises(BadRequest, match="too long"):
        await client.send_message(42, "é" * 4097)
    with pytest.raises(BadRequest, match="empty"):
        await client.send_message(42, " ")


async def test_html_must_be_valid(client):
    for broken in ("a < b", "Tom & Jerry", "<b>bold", "<script>x</script>"):
        with pytest.raises(BadRequest, match="parse entities"):
            await client.send_message(42, broken, parse_mode="HTML")
    await client.send_message(42, "a &lt; b &amp; <i>c</i>", parse_mode="HTML")


async def test_callback_data_at_most_64_bytes(client):
    ok = InlineKeyboardMarkup([[InlineKeyboardButton("ok", callback_data="é" * 32)]])
    await client.send_message(42, "x", reply_markup=ok)
    too_long = InlineKeyboardMarkup([[InlineKeyboardButton("no", callback_data="x" * 65)]])
    with pytest.raises(BadRequest, match="(?i)button_data_invalid"):
        await client.send_message(42, "x", reply_markup=too_long)


async def test_identical_edit_is_refused(client):
    message = await client.send_message(42, "même texte")
    with pytest.raises(BadRequest, match="not modified"):
        await client.edit_message_text("même texte", 42, message.message_id)
    await client.edit_message_text("autre texte", 42, message.message_id)


async def test_injected_faults(client, sim):
    sim.fail("sendMessage", 429, retry_after=3)
    with pytest.raises(RetryAfter) as limited:
        await client.send_message(42, "x")
    assert limited.value.retry_after == 3
    sim.fail("sendMessage", 502)
    with pytest.raises(NetworkError):
        await client.send_message(42, "x")
    sim.fail("sendMessage", 502, applied=True)  # sent, but the answer is lost
    with pytest.raises(NetworkError):
        await client.send_message(42, "perdu en route")
    assert sim.messages[42][-1].content == "perdu en route"
    await client.send_message(42, "x")


async def test_limits_are_not_enforced_by_default(client, sim):
    for n in range(40):
        await client.send_message(42, f"message {n}")
    assert len(sim.messages[42]) == 40 and sim.limited == 0


async def test_enforced_limits_are_answered_429_as_telegram_does():
    sim = BotApiSimulator(enforce_limits=True)
    await sim.start()
    moment = [1000.0]
    sim.clock = lambda: moment[0]  # the arrivals' clock, moved by hand: no test of the machine's speed
    try:
        for chat in range(100, 132):
            sim.user(chat, "U")
        async with Bot(SANDBOX_TOKEN, base_url=f"{sim.url}/bot", base_file_url=f"{sim.url}/file/bot") as bot:
            await bot.send_message(100, "un")
            moment[0] += 0.9
            with pytest.raises(RetryAfter) as limited:  # a second message to one chat within the second
                await bot.send_message(100, "deux")
            assert limited.value.retry_after == LIMIT_RETRY_AFTER >= 2
            assert [m.content for m in sim.messages[100]] == ["un"]
            moment[0] += 0.1
            await bot.send_message(100, "deux")  # a second after the first: it goes
            for chat in range(101, 130):  # 30 messages within this second, to 30 chats
                await bot.send_message(chat, "x")
            with pytest.raises(RetryAfter):  # the 31st is refused, though its chat had nothing yet
                await bot.send_message(130, "x")
            assert 130 not in sim.messages
            moment[0] += 0.999
            with pytest.raises(RetryAfter):  # still within the second of the first of the 30
                await bot.send_message(131, "x")
            moment[0] += 0.001
            await bot.send_message(130, "x")
            await bot.send_message(131, "x")
            assert sim.limited == 3
            assert sum(1 for m in sim.refused if "Too Many Requests" in m[1]) == 3
    finally:
        await sim.stop()


async def test_files_round_trip(client, sim):
    sent = await client.send_document(42, b"%PDF-1.4 test", filename="a.pdf")
    file = await client.get_file(sent.document.file_id)
    assert bytes(await file.download_as_bytearray()) == b"%PDF-1.4 test"
    photo_id = sim.store_file(b"\xff\xd8jpeg", "photo.jpg")
    assert bytes(await (await client.get_file(photo_id)).download_as_bytearray()) == b"\xff\xd8jpeg"
    with pytest.raises(BadRequest, match="(?i)invalid file_id"):
        await client.get_file("nope")


async def test_unknown_chat_and_method(client, sim):
    with pytest.raises(BadRequest, match="(?i)chat not found"):
        await client.send_message(999, "x")
    sim.user(44, "Z")
    message = await client.send_message(44, "x")
    assert await client.delete_message(44, message.message_id)
    with pytest.raises(BadRequest, match="(?i)not found"):
        await client.delete_message(44, message.message_id)
