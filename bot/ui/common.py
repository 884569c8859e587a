"""What every handler module shares: reaching the store, links, dates, the end of a conversation."""

from __future__ import annotations

import asyncio
import logging
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from babel.dates import format_date
from telegram import InlineKeyboardButton, Message, Update
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


def excerpt(typed: str, limit: int = 60) -> str:
    """What someone typed, quoted back short (a 4096-character message must not come back whole)."""
    text = " ".join(str(typed).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def button(label: str, data: str) -> InlineKeyboardButton:
    """An inline button; long labels are cut between words so that a phone shows them whole."""
    if len(label) > 60:
        label = label[:59].rsplit(" ", 1)[0].rstrip(" ,(") + "…"
    return InlineKeyboardButton(label, callback_data=data)


def settings(context: ContextTypes.DEFAULT_TYPE) -> Settings:
    return context.application.bot_data[SETTINGS]


def invitation_link(context: ContextTypes.DEFAULT_TYPE, code: str) -> str:
    username = settings(context).bot_username or context.bot.username
    return f"https://t.me/{username}?start={code}"


def invitation_ttl(context: ContextTypes.DEFAULT_TYPE) -> timedelta:
    return timedelta(days=settings(context).invitation_days)


def format_day(instant: datetime, context: ContextTypes.DEFAULT_TYPE) -> str:
    """jj/mm/aaaa, in the bot's time zone."""
    return day_text(instant.astimezone(ZoneInfo(settings(context).timezone)))


def day_text(day: date | datetime) -> str:
    """jj/mm/aaaa."""
    return format_date(day, "dd/MM/yyyy", locale="fr_FR")


def years_text(year: int) -> str:
    """2026 → 2026-2027, the school year that starts in 2026."""
    return f"{year}-{year + 1}"


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


async def leave_view(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """/annuler while only looking (a table, a journal page): leave, without claiming anything was cancelled."""
    await update.effective_message.reply_text(t("cancel.closed", lang(update)))
    return ConversationHandler.END
