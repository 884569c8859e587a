"""python-telegram-bot persistence kept in the database, written as each update completes."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Coroutine
from dataclasses import dataclass, field
from typing import Any

from telegram import Update
from telegram.ext import (
    Application, BasePersistence, BaseUpdateProcessor, ContextTypes, ConversationHandler, PersistenceInput,
)  # fmt: skip

from bot.infra.traffic import tell_flooded
from store import chatstate
from store.db import Database
from store.traffic import FloodGate, Verdict

FORGOTTEN_CHECK_SECONDS = 2


class StorePersistence(BasePersistence):
    """Conversation states, user_data and chat_data in the store (bot_data holds live objects only).

    PTB hands back after every update the data of its user and chat, changed or not: what is the
    same as what this instance last read or wrote is not written again, so that most updates open
    no transaction for it (the active instance is the only writer: bot/runner.py).
    """

    def __init__(self, database: Database):
        super().__init__(
            store_data=PersistenceInput(bot_data=False, callback_data=False),
            update_interval=60,
        )
        self.database = database
        self._batch: list[tuple[str, str, Any, str]] = []
        self._written: asyncio.Future | None = None
        self._stored: dict[tuple[str, str, str], str | None] = {}  # (kind, name, key) → as last read or written
        self._conversing: dict[str, set[str]] = {}  # conversation key → names of the conversations under way

    async def _load(self, kind: str, name: str = "") -> dict[str, Any]:
        values = await asyncio.to_thread(self.database.run, chatstate.load_all, kind, name)
        for key, value in values.items():
            self._remember(kind, name, key, chatstate.encode(value))
        return values

    def _remember(self, kind: str, name: str, key: str, data: str | None) -> None:
        self._stored[(kind, name, key)] = data
        if kind == "conversation":
            names = self._conversing.setdefault(key, set())
            if data is not None:
                names.add(name)
            else:
                names.discard(name)
            if not names:
                del self._conversing[key]

    def in_conversation(self, chat_id: int, user_id: int) -> bool:
        """Whether this person has a conversation under way in this chat (they all persist their state)."""
        return json.dumps([chat_id, user_id]) in self._conversing

    async def _save(self, kind: str, key: str, value: Any, name: str = "") -> None:
        """Saved with every other save started in the same turn of the event loop, in one transaction.

        PTB starts all the writes of an update (its conversation state, user and chat data) together:
        they become one transaction instead of one each; an unchanged value is not written.
        """
        data = chatstate.encode(value)
        if self._stored.get((kind, name, key)) == data:
            return
        self._remember(kind, name, key, data)
        self._batch.append((kind, key, value, name))
        if self._written is None:
            loop = asyncio.get_running_loop()
            self._written = loop.create_future()
            loop.call_soon(lambda: loop.create_task(self._write()))  # after the other saves have queued
        await asyncio.shield(self._written)

    async def _write(self) -> None:
        batch, written = self._batch, self._written
        self._batch, self._written = [], None
        try:
            await asyncio.to_thread(self.database.run, chatstate.save_all, batch)
        except Exception as exc:  # noqa: BLE001 - each waiting save gets the failure, PTB logs it
            for kind, key, _, name in batch:  # not known to be stored: written again next time
                self._stored.pop((kind, name, key), None)
            written.set_exception(exc)
        else:
            written.set_result(None)

    async def get_user_data(self) -> dict[int, dict]:
        return {int(key): value for key, value in (await self._load("user")).items()}

    async def get_chat_data(self) -> dict[int, dict]:
        return {int(key): value for key, value in (await self._load("chat")).items()}

    async def get_bot_data(self) -> dict:
        return {}

    async def get_callback_data(self) -> None:
        return None

    async def get_conversations(self, name: str) -> dict:
        stored = await self._load("conversation", name)
        return {tuple(json.loads(key)): state for key, state in stored.items()}

    async def update_conversation(self, name: str, key: tuple[int | str, ...], new_state: object | None) -> None:
        await self._save("conversation", json.dumps(list(key)), new_state, name)

    async def update_user_data(self, user_id: int, data: dict) -> None:
        await self._save("user", str(user_id), data)

    async def update_chat_data(self, chat_id: int, data: dict) -> None:
        await self._save("chat", str(chat_id), data)

    async def update_bot_data(self, data: dict) -> None:
        """bot_data is not persisted."""

    async def update_callback_data(self, data: object) -> None:
        """Callback data is not persisted: buttons carry compact ids."""

    async def drop_chat_data(self, chat_id: int) -> None:
        await self._save("chat", str(chat_id), None)

    async def drop_user_data(self, user_id: int) -> None:
        await self._save("user", str(user_id), None)

    async def refresh_user_data(self, user_id: int, user_data: dict) -> None:
        """The in-memory copy is the current one."""

    async def refresh_chat_data(self, chat_id: int, chat_data: dict) -> None:
        """The in-memory copy is the current one."""

    async def refresh_bot_data(self, bot_data: dict) -> None:
        """bot_data is not persisted."""

    async def flush(self) -> None:
        """Everything is written as it changes."""


MAX_RUNNING_UPDATES = 16  # chats served at once; more wait their turn
MAX_PENDING_UPDATES = 4096  # updates taken from Telegram and not yet done (the flood limit keeps it far below)


class PersistEachUpdate(BaseUpdateProcessor):
    """Different chats at once (16 at most), each chat's updates in order, floods dropped; persists after each one."""

    def __init__(self, flood: FloodGate, running: int = MAX_RUNNING_UPDATES) -> None:
        # PTB holds its bound before handing over the update: a chat waiting for its turn must not
        # take a running place, so that bound is loose and the real one is taken once it is the chat's turn.
        super().__init__(max_concurrent_updates=MAX_PENDING_UPDATES)
        self.application: Application | None = None
        self.flood = flood
        self._running = asyncio.Semaphore(running)
        self._chats: dict[int, ChatTurn] = {}

    async def do_process_update(self, update: object, coroutine: Coroutine[Any, Any, Any]) -> None:
        # Counted as it arrives; past the limit dropped before any handler, database or persistence.
        verdict = self.flood.check(sender, time.monotonic()) if (sender := sender_of(update)) else Verdict.READ
        if verdict is Verdict.DROP:
            coroutine.close()
            return
        # PTB starts the updates' tasks in the order they came, and an asyncio.Lock serves its waiters
        # first come, first served: so each chat's updates run in the order Telegram sent them.
        key = chat_key(update)
        turn = self._chats.setdefault(key, ChatTurn())
        turn.pending += 1
        try:
            async with turn.lock, self._running:
                if verdict is Verdict.WARN:  # told after the answers to what was read
                    coroutine.close()
                    await tell_flooded(self.application.bot, update)
                    return
                await coroutine
                if self.application is not None:
                    await self.application.update_persistence()
        finally:
            turn.pending -= 1
            if not turn.pending:
                del self._chats[key]

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to release."""


async def drop_forgotten(context: ContextTypes.DEFAULT_TYPE) -> None:
    """Drop what this bot holds in memory about people forgotten since (`coopbot person forget`)."""
    application, seen = context.application, context.job.data
    database: Database = application.persistence.database
    for tombstone, telegram_id in await asyncio.to_thread(database.run, chatstate.forgotten_after, seen["last"]):
        if telegram_id in application.user_data:
            application.drop_user_data(telegram_id)
        if telegram_id in application.chat_data:  # their private chat with the bot
            application.drop_chat_data(telegram_id)
        for handlers in application.handlers.values():
            for handler in handlers:
                if isinstance(handler, ConversationHandler):
                    # python-telegram-bot has no public way to end someone's conversation.
                    for key in [key for key in handler._conversations if telegram_id in key]:
                        handler._conversations.pop(key)
        seen["last"] = tombstone


@dataclass
class ChatTurn:
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    pending: int = 0  # updates of this chat under way or waiting


def sender_of(update: object) -> int | None:
    """Whose update it is, for the flood limit (None for the few that are nobody's, as a poll's)."""
    user = update.effective_user if isinstance(update, Update) else None
    return user.id if user is not None else None


def chat_key(update: object) -> int:
    """The chat whose order an update keeps (its sender's for the few without a chat; 0 for the rest)."""
    if isinstance(update, Update):
        if update.effective_chat is not None:
            return update.effective_chat.id
        if update.effective_user is not None:
            return update.effective_user.id
    return 0
