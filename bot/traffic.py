"""Before anything else: one person's flood of updates is not read, an edited message changes nothing."""

from __future__ import annotations

import logging
import time

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import ApplicationHandlerStop, ContextTypes

from bot import texts
from bot.texts import lang, t
from store.traffic import FloodGate, Verdict

log = logging.getLogger(__name__)
FLOOD_GATE = "flood_gate"  # bot_data key

texts.register({
    "flood.notice": {"fr": "Vous envoyez beaucoup de messages à la fois : je ne lis pas les suivants pendant "
                           "quelques secondes. Attendez un instant, puis reprenez.",
                     "en": "You are sending many messages at once: I am not reading the next ones for a few "
                           "seconds. Wait a moment, then go on."},
    "edited.ignored": {"fr": "Modifier un message déjà envoyé ne change rien : pour corriger une écriture, "
                             "utilisez /journal.",
                       "en": "Editing a message already sent changes nothing: to correct an entry, use /journal."},
})  # fmt: skip


async def limit_flood(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Past the flood limit a person gets one notice, and their updates are dropped until the window passes."""
    if update.effective_user is None:
        return
    gate: FloodGate = context.bot_data[FLOOD_GATE]
    verdict = gate.check(update.effective_user.id, time.monotonic())
    if verdict is Verdict.READ:
        return
    if verdict is Verdict.WARN:
        log.warning("update %s: flood from one person, their updates are dropped for a while", update.update_id)
        chat = update.effective_chat
        if chat is not None and chat.type == ChatType.PRIVATE:
            await context.bot.send_message(chat.id, t("flood.notice", lang(update)))
    raise ApplicationHandlerStop


async def edited(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """An edited message is not read again (it would record twice): entries are corrected in /journal."""
    if update.effective_chat.type == ChatType.PRIVATE:
        await update.effective_message.reply_text(t("edited.ignored", lang(update)))
    raise ApplicationHandlerStop
