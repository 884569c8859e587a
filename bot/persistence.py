"""python-telegram-bot persistence kept in the database, written as each update completes."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable
from typing import Any

from telegram.ext import (
    Application, BasePersistence, BaseUpdateProcessor, ContextTypes, ConversationHandler, PersistenceInput,
)  # fmt: skip

from store import chatstate
from store.db import Database

FORGOTTEN_CHECK_SECONDS = 2


class StorePersistence(BasePersistence):
    """Conversation states, user_data and chat_data in the store (bot_data holds live objects only)."""

    def __init__(self, database: Database):
        super().__init__(
            store_data=PersistenceInput(bot_data=False, callback_data=False),
            update_interval=60,
        )
        self.database = database

    async def _load(self, kind: str, name: str = "") -> dict[str, Any]:
        return await asyncio.to_thread(self.database.run, chatstate.load_all, kind, name)

    async def _save(self, kind: str, key: str, value: Any, name: str = "") -> None:
        await asyncio.to_thread(self.database.run, chatstate.save, kind, key, value, name)

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


class PersistEachUpdate(BaseUpdateProcessor):
    """Handles updates one at a time (per-chat order kept) and persists after each one."""

    def __init__(self) -> None:
        super().__init__(max_concurrent_updates=1)
        self.application: Application | None = None

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        await coroutine
        if self.application is not None:
            await self.application.update_persistence()

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
