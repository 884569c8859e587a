"""Talking with the store and with people: one transaction for the person behind an update, a
message shown in place of the pressed one or as an answer, someone else notified, a conversation left."""

from __future__ import annotations

import asyncio
import functools
import logging
from datetime import timedelta
from typing import Any

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest, Forbidden
from telegram.ext import ContextTypes, ConversationHandler

from bot.config import Settings
from bot.texts import lang, t
from store import people
from store.db import Database

log = logging.getLogger(__name__)
DATABASE = "database"  # bot_data keys; bot_data is not persisted
SETTINGS = "settings"


async def in_store(context: ContextTypes.DEFAULT_TYPE, fn, /, *args: Any, **kwargs: Any) -> Any:
    """Run ``fn(session, *args)`` in one transaction, in a worker thread."""
    database: Database = context.application.bot_data[DATABASE]
    return await asyncio.to_thread(database.run, fn, *args, **kwargs)


def _as_person(session, telegram_id: int, fn, /, *args: Any, **kwargs: Any) -> Any:
    return fn(session, people.who_is(session, telegram_id), *args, **kwargs)


async def as_user(update: Update, context: ContextTypes.DEFAULT_TYPE, fn, /, *args: Any, **kwargs: Any) -> Any:
    """Run ``fn(session, who, *args)`` for the person behind this update, in one transaction.

    The store function checks access itself (store.access.require); a refusal
    reaches the error handler as store.access.Forbidden.
    """
    return await in_store(context, _as_person, update.effective_user.id, fn, *args, **kwargs)


def settings(context: ContextTypes.DEFAULT_TYPE) -> Settings:
    return context.application.bot_data[SETTINGS]


def invitation_link(context: ContextTypes.DEFAULT_TYPE, code: str) -> str:
    username = settings(context).bot_username or context.bot.username
    return f"https://t.me/{username}?start={code}"


def invitation_ttl(context: ContextTypes.DEFAULT_TYPE) -> timedelta:
    return timedelta(days=settings(context).invitation_days)


async def notify(context: ContextTypes.DEFAULT_TYPE, chat_id: int, text: str, **kwargs: Any) -> Message | None:
    """A message to someone other than the person acting; None if it cannot reach them.

    A person who blocked the bot or deleted their account must not make the
    sender's action fail: what the store recorded stays recorded.
    """
    try:
        return await context.bot.send_message(chat_id, text, **kwargs)
    except (Forbidden, BadRequest) as refused:
        log.warning("could not notify chat %s: %s", chat_id, refused.message)
        return None


async def end_conversation(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """/annuler or the Annuler button inside a conversation: leave it and say so."""
    text = t("cancel.done", lang(update))
    if update.callback_query:
        await update.callback_query.answer()
        await update.callback_query.edit_message_text(text)
    else:
        await update.effective_message.reply_text(text)
    return ConversationHandler.END


def this_draft_only(key: str):
    """A button handler of a conversation whose draft is ``user_data[key]``: a button of a message older than
    the command that began the draft (its ``begun``) is an earlier draft's question, and one older than the
    card shown last (its ``card``: a card, or a question whose buttons alone act) an earlier card's, whose ✅
    would record this draft in place of the one it shows; either is told stale, nothing done, the step and the
    draft kept (None keeps a conversation's state)."""

    def checked(callback):
        @functools.wraps(callback)
        async def handler(update: Update, context: ContextTypes.DEFAULT_TYPE):
            query, current = update.callback_query, context.user_data.get(key, {})
            if query and query.message.message_id < max(current.get("begun", 0), current.get("card", 0)):
                return await earlier_button(update)
            return await callback(update, context)

        return handler

    return checked


async def earlier_button(update: Update) -> None:
    """A button of an earlier question or card of the draft: told so, nothing done, the step kept (None)."""
    await update.callback_query.answer(t("draft.earlier_button", lang(update)), show_alert=True)


async def leave_view(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """/annuler while only looking (a table, a journal page): leave, without claiming anything was cancelled."""
    await update.effective_message.reply_text(t("cancel.closed", lang(update)))
    return ConversationHandler.END


async def close_view(update: Update, context: ContextTypes.DEFAULT_TYPE, key: str, closed: str) -> int:
    """Fermer under a view kept in ``user_data[key]``: the message stays, without buttons, and ``closed`` says
    how to open it again."""
    await update.callback_query.answer()
    context.user_data.pop(key, None)
    await update.callback_query.edit_message_reply_markup(None)
    await update.callback_query.message.reply_text(t(closed, lang(update)))
    return ConversationHandler.END


async def show(update: Update, text: str, keyboard: InlineKeyboardMarkup | None = None, *, edit: bool = True) -> int:
    """Replace the message whose button was pressed (unless ``edit`` is false), or answer the message
    typed; the id of the message shown."""
    if edit and update.callback_query:
        try:
            await update.callback_query.edit_message_text(text, reply_markup=keyboard)
        except BadRequest as error:  # the same button pressed twice shows the same message
            if "not modified" not in error.message.lower():
                raise
        return update.callback_query.message.message_id
    return (await update.effective_message.reply_text(text, reply_markup=keyboard)).message_id
