"""Checks made before any handler: each update once, private chats only, the access table for commands."""

from __future__ import annotations

import logging

from telegram import Bot, BotCommand, BotCommandScopeChat, Update
from telegram.constants import ChatType
from telegram.error import TelegramError
from telegram.ext import ApplicationHandlerStop, ContextTypes

from bot.common import in_store
from bot.texts import lang, t
from store import access, people, updates

log = logging.getLogger(__name__)


def command_of(text: str | None) -> str | None:
    """'/aide@coopbot extra' → 'aide'."""
    if not text or not text.startswith("/"):
        return None
    return text.split()[0][1:].split("@")[0].lower()


async def once(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """An update seen before (a webhook retry, a replay after a crash) is not handled again.

    If its id cannot be recorded (the store already tried again while the database was
    busy), the update is not handled either: handled without its id, a redelivery would
    do it a second time. The person is told nothing was saved; a redelivery is handled.
    """
    try:
        first = await in_store(context, updates.first_time, update.update_id)
    except Exception:  # noqa: BLE001 - whatever the failure, the update must not go further
        log.exception("update %s: its id could not be recorded: not handled", update.update_id)
        await tell_not_saved(update, context)
        raise ApplicationHandlerStop from None
    if not first:
        log.info("update %s seen before: ignored", update.update_id)
        raise ApplicationHandlerStop


async def tell_not_saved(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The apology of the error handler: nothing of the last action was saved, try again."""
    text = t("error.apology", lang(update))
    try:
        if update.callback_query:
            await update.callback_query.answer(text, show_alert=True)
        elif update.effective_chat:
            await context.bot.send_message(update.effective_chat.id, text)
    except TelegramError:
        log.warning("update %s: the person could not be told either", update.update_id)


async def private_only(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """In a group the bot says where to talk to it, reveals nothing and stops there."""
    chat = update.effective_chat
    if chat is None or chat.type == ChatType.PRIVATE:
        return
    if update.callback_query:
        await update.callback_query.answer()
    elif command_of(update.effective_message and update.effective_message.text):
        await update.effective_message.reply_text(
            t("refused.group", lang(update), username=context.bot.username)
        )
    raise ApplicationHandlerStop


async def check_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A known command runs only for the roles the access table names."""
    command = command_of(update.effective_message.text)
    if command not in access.COMMANDS:
        return
    who = await in_store(context, people.who_is, update.effective_user.id)
    if access.may_use(who.kinds, command):
        return
    key = "refused.stranger" if not who.roles else "refused.role"
    await update.effective_message.reply_text(t(key, lang(update), command=command))
    raise ApplicationHandlerStop


async def set_chat_menu(bot: Bot, chat_id: int, who: people.Who, language: str) -> None:
    """This person's command menu: only what their roles allow, in their language."""
    await bot.set_my_commands(
        [BotCommand(c, t(f"cmd.{c}", language)) for c in access.commands_for(who.kinds)],
        scope=BotCommandScopeChat(chat_id),
    )
