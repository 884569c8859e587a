"""One person's flood of updates is not read (see bot.infra.persistence), an edited message changes nothing."""

from __future__ import annotations

import logging

from telegram import Bot, Update
from telegram.constants import ChatType
from telegram.ext import ApplicationHandlerStop, ContextTypes

from bot import texts
from bot.texts import lang, t

log = logging.getLogger(__name__)

texts.register({
    "flood.notice": {"fr": "Vous envoyez beaucoup de messages à la fois : je ne lis pas les suivants pendant "
                           "quelques secondes. Attendez un instant, puis reprenez.",
                     "en": "You are sending many messages at once: I am not reading the next ones for a few "
                           "seconds. Wait a moment, then go on."},
    "edited.ignored": {"fr": "Modifier un message déjà envoyé ne change rien : pour corriger une écriture, "
                             "utilisez /journal.",
                       "en": "Editing a message already sent changes nothing: to correct an entry, use /journal."},
})  # fmt: skip


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
