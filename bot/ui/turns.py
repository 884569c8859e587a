"""Whose turn a typed line is when a person has several conversations open at once: the one that asked last."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import Application, ConversationHandler

from bot.texts import lang, t

Key = tuple[int | str, ...]  # a conversation's key: (chat, user)


class Turns:
    """For each person, their conversations under way, from the one that spoke first to the one that spoke last.

    Kept in memory only: after a restart the conversations still open have not spoken yet, and between them
    the order of bot/app.py decides, as python-telegram-bot does by itself (the first one whose step takes it);
    any of them that speaks again is then the latest.
    """

    def __init__(self) -> None:
        self._spoken: dict[Key, list[Conversation]] = {}

    def spoke(self, conversation: Conversation, key: Key) -> None:
        """``conversation`` just answered ``key``: the latest one if it goes on, out of the order if it ended."""
        order = [c for c in self._spoken.get(key, ()) if c is not conversation]
        if conversation.is_open(key):
            order.append(conversation)
        if order:
            self._spoken[key] = order
        else:
            self._spoken.pop(key, None)

    def latest(self, key: Key) -> Conversation | None:
        """The conversation still open that spoke last to ``key`` (one ended by other means has left)."""
        order = [c for c in self._spoken.get(key, ()) if c.is_open(key)]
        if order:
            self._spoken[key] = order
        else:
            self._spoken.pop(key, None)
        return order[-1] if order else None


class Conversation(ConversationHandler):
    """A persistent conversation that a new command of its own starts again at any step, and that lets a line
    typed (text, /annuler) go to a conversation of the same person that asked after it and is still open.

    python-telegram-bot gives an update to the first conversation, in the order of bot/app.py, whose step takes
    it; a person reads the bot's latest question and answers it. So a conversation declines a typed line when
    another one spoke to that person later: the latest one takes it, or, at a step of buttons, the line gets
    « Répondez avec les boutons » (bot/people/start.py) and never reaches an older one. Buttons carry their own
    conversation's data and are not concerned; files neither (a receipt is sent after its entry, in any order).
    A /annuler that ends it while another is still open says which one it closed and which one is next: every
    cancelling step answers alike (« C'est annulé »), which alone does not tell them apart.
    """

    def __init__(self, turns: Turns, *, name: str, entry_points: list, states: dict, fallbacks: list) -> None:
        super().__init__(entry_points, states, fallbacks, name=name, persistent=True, allow_reentry=True)
        self.turns = turns

    def is_open(self, key: Key) -> bool:
        """Whether this conversation is under way for ``key``."""
        return key in self._conversations

    def waits_at(self, key: Key, state: object) -> bool:
        """Whether this conversation is at step ``state`` for ``key``."""
        return self._conversations.get(key) == state

    def end(self, key: Key) -> None:
        """End it for ``key`` from outside its steps (kept as any change of step: persisted after the update)."""
        self._update_state(self.END, key)

    async def answer_at_step(self, update: Update, context: Any) -> None:
        """The step under way answers ``update`` as if no entry point took it: before a command of its own starts
        it again, what that step says to another command (a line given up) is said."""
        state = self._conversations.get(self._get_key(update))
        answer = next((h for h in self.states.get(state, ()) if h.check_update(update)), None)
        if answer is not None:
            await answer.callback(update, context)

    def check_update(self, update: object) -> Any:
        found = super().check_update(update)
        if found is None or not typed(update):
            return found
        _, key, handler, _ = found
        if handler in self.entry_points:  # a command of its own starts it, whatever else is open
            return found
        latest = self.turns.latest(key)
        return found if latest is None or latest is self else None

    async def handle_update(self, update: Update, application: Any, check_result: Any, context: Any) -> object:
        key = check_result[1]
        try:
            return await super().handle_update(update, application, check_result, context)
        finally:
            self.turns.spoke(self, key)
            if cancelling(update) and not self.is_open(key):
                await self.tell_still_open(update, application, key)

    async def tell_still_open(self, update: Update, application: Application, key: Key) -> None:
        """After this one was closed by /annuler: the conversation that the next /annuler reaches, if any."""
        next_one = self.turns.latest(key) or next((c for c in conversations(application) if c.is_open(key)), None)
        if next_one is not None:
            language = lang(update)
            await update.effective_message.reply_text(t(
                "cancel.still_open", language, closed=t(f"turn.{self.name}", language),
                open=t(f"turn.{next_one.name}", language)))  # fmt: skip


def conversations(application: Application) -> list[Conversation]:
    """Every conversation, in the order of bot/app.py."""
    return [h for group in sorted(application.handlers) for h in application.handlers[group]
            if isinstance(h, Conversation)]  # fmt: skip


def end_waiting(update: Update, application: Application, state: object) -> None:
    """The conversations of this person at step ``state`` end: the question they asked is answered (two
    conversations that ask the same question share its draft, gone once answered)."""
    for conversation in conversations(application):
        key = conversation._get_key(update)  # as the conversation keys it (chat and user)
        if conversation.waits_at(key, state):
            conversation.end(key)


def cancelling(update: object) -> bool:
    """/annuler typed."""
    words = update.message.text.split(maxsplit=1) if typed(update) else []
    return bool(words) and words[0].split("@")[0] == "/annuler"


def typed(update: object) -> bool:
    """A line the person typed: text or a command (not a button, a photo or a file)."""
    return isinstance(update, Update) and update.message is not None and update.message.text is not None
