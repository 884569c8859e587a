"""One person's flood of updates is not read (see bot.infra.persistence), an edited message changes nothing."""

from __future__ import annotations

import logging

from telegram import Bot, Update
from telegram.constants import ChatType
from telegram.ext import ApplicationHandlerStop, ContextTypes

from bot.texts import lang, t

log = logging.getLogger(__name__)


async def tell_flooded(bot: Bot, update: object) -> None:
    """The one notice of a flood, in a private chat (a group is not told)."""
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    log.warning("update %s: flood from one person, their updates are dropped for a while", update.update_id)
    if update.effective_chat.type == ChatType.PRIVATE:
        await bot.send_message(update.effective_chat.id, t("flood.notice", lang(update)))


async def edited(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """An edited message is not read again (it would record twice): entries are corrected in /journal."""
    if update.effective_chat.type == ChatType.PRIVATE:
        await update.effective_message.reply_text(t("edited.ignored", lang(update)))
    raise ApplicationHandlerStop
