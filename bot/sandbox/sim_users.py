"""The simulator's users: a person in a private chat or a group who types, sends photos and documents,
edits their messages and presses inline buttons, each step waiting for the bot to deal with it."""

from __future__ import annotations

import secrets
import time
from typing import TYPE_CHECKING, Any

from bot.sandbox.sim_messages import SimMessage, Step

if TYPE_CHECKING:
    from bot.sandbox.simulator import BotApiSimulator


class SimUser:
    """A Telegram user talking to the bot, in their private chat or in a group."""

    def __init__(self, sim: BotApiSimulator, profile: dict, chat: dict):
        self.sim = sim
        self.profile = profile
        self.chat = chat
        self.id = profile["id"]

    def in_chat(self, chat: dict) -> SimUser:
        """The same person speaking in another chat (a group)."""
        return SimUser(self.sim, self.profile, chat)

    @property
    def history(self) -> list[SimMessage]:
        """The chat as the user sees it, oldest first."""
        return [m for m in self.sim.messages.get(self.chat["id"], []) if not m.deleted]

    @property
    def last(self) -> SimMessage:
        """The latest message from the bot."""
        return [m for m in self.history if m.from_bot][-1]

    async def _act(self, update: dict) -> Step:
        mark = len(self.sim._events)
        update_id = self.sim._push_update(update)
        await self.sim.wait_processed(update_id)
        return self.sim.events_since(mark, self.chat["id"])

    def send_nowait(self, text: str) -> int:
        """Type a message without waiting for the answer (a burst); returns the update id."""
        return self.sim._push_update({"message": self._message(text=text)})

    def send_document_nowait(self, file_id: str, file_name: str) -> int:
        """Send a file kept with ``sim.store_file`` without waiting for the answer; returns the update id."""
        return self.sim._push_update({"message": self._message(document=file_id, file_name=file_name)})

    async def edit(self, text: str, *, message: SimMessage | None = None) -> Step:
        """Change the text of one of my messages (default: my latest), as Telegram's « Modifier » does."""
        if message is None:
            message = [m for m in self.history if not m.from_bot][-1]
        message.text, message.edit_date = text, int(time.time())
        return await self._act({"edited_message": message.to_api(self.chat, self.sim.bot_user)})

    def _message(self, reply_to: SimMessage | None = None, **fields: Any) -> dict:
        message = self.sim._add_message(
            self.chat["id"], from_bot=False, sender=self.profile,
            reply_to=reply_to.message_id if reply_to else None, **fields,
        )  # fmt: skip
        data = message.to_api(self.chat, self.sim.bot_user)
        if reply_to is not None:
            data["reply_to_message"] = reply_to.to_api(self.chat, self.sim.bot_user)
        return data

    async def send(self, text: str, *, reply_to: SimMessage | None = None) -> Step:
        """Type a message (or a /command) and wait for the bot to deal with it."""
        return await self._act({"message": self._message(reply_to, text=text)})

    async def send_photo(self, data: bytes, *, caption: str | None = None,
                         reply_to: SimMessage | None = None) -> Step:  # fmt: skip
        file_id = self.sim.store_file(data, "photo.jpg")
        return await self._act(
            {"message": self._message(reply_to, photo=file_id, caption=caption)}
        )

    async def send_document(self, data: bytes, file_name: str, *, caption: str | None = None,
                            reply_to: SimMessage | None = None, size_known: bool = True) -> Step:  # fmt: skip
        file_id = self.sim.store_file(data, file_name, size_known=size_known)
        return await self._act({"message": self._message(
            reply_to, document=file_id, file_name=file_name, caption=caption)})  # fmt: skip

    async def press(self, label: str, *, message: SimMessage | None = None) -> Step:
        """Press the inline button labelled ``label`` on ``message``.

        By default on the latest keyboard; or, when that one lacks the label, on the latest keyboard
        that came since my last message and has it: a card, then a notice arriving under it, and the
        person taps the card's button, as anyone would.
        """
        if message is None:
            history = self.history
            keyboards = [m for m in history if m.from_bot and m.buttons]
            if not keyboards:
                raise LookupError("no message with buttons in this chat")
            mine = [i for i, m in enumerate(history) if not m.from_bot]
            since = history[mine[-1] + 1:] if mine else history
            message = next((m for m in reversed(since) if m.from_bot and m.buttons and m.has_button(label)),
                           keyboards[-1])  # fmt: skip
        button = message.button(label)
        return await self.press_data(button["callback_data"], message)

    async def press_data(self, data: str, message: SimMessage) -> Step:
        """Send a callback query with any data, even forged or stale."""
        query_id = f"{self.chat['id']}-{secrets.token_hex(6)}"
        self.sim.callback_answers[query_id] = None
        query = {
            "id": query_id,
            "from": self.profile,
            "chat_instance": str(self.chat["id"]),
            "data": data,
            "message": message.to_api(self.chat, self.sim.bot_user),
        }
        return await self._act({"callback_query": query})

    def download(self, file_id: str) -> bytes:
        return self.sim.files[file_id].data
