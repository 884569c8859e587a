"""Checks made before any handler: each update once and the access table for commands (one
transaction), private chats only, well-formed button data."""

from __future__ import annotations

import logging
import re

from telegram import Bot, BotCommand, BotCommandScopeChat, Update
from telegram.constants import ChatType
from telegram.error import TelegramError
from telegram.ext import Application, ApplicationHandlerStop, BaseHandler, CallbackQueryHandler, ContextTypes
from telegram.ext import ConversationHandler

from bot.ui import buttons
from bot.ui.chat import in_store
from bot.texts import lang, t
from store import access, people, updates

log = logging.getLogger(__name__)
BUTTON_SHAPES = "button_shapes"  # bot_data key: the patterns of every button handler


def command_of(text: str | None) -> str | None:
    """'/aide@coopbot extra' → 'aide'."""
    if not text or not text.startswith("/"):
        return None
    return text.split()[0][1:].split("@")[0].lower()


async def once(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """An update seen before (a webhook retry, a replay after a crash) is not handled again, and a
    known command in a private chat runs only for the roles the access table names: both checked
    in one transaction.

    If its id cannot be recorded (the store already tried again while the database was
    busy), the update is not handled either: handled without its id, a redelivery would
    do it a second time. The person is told nothing was saved; a redelivery is handled.
    """
    command = command_of(update.effective_message.text) if update.message else None
    private = update.effective_chat is not None and update.effective_chat.type == ChatType.PRIVATE
    asks = update.effective_user.id if private and command in access.COMMANDS else None
    try:
        first, who = await in_store(context, updates.admit, update.update_id, asks)
    except Exception:  # noqa: BLE001 - whatever the failure, the update must not go further
        log.exception("update %s: its id could not be recorded: not handled", update.update_id)
        await tell_not_saved(update, context)
        raise ApplicationHandlerStop from None
    if not first:
        log.info("update %s seen before: ignored", update.update_id)
        raise ApplicationHandlerStop
    if who is not None and not access.may_use(who.kinds, command):
        key = "refused.stranger" if not who.roles else "refused.role"
        await update.effective_message.reply_text(t(key, lang(update), command=command))
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


async def set_chat_menu(bot: Bot, chat_id: int, who: people.Who, language: str) -> None:
    """This person's command menu: only what their roles allow, in their language."""
    await bot.set_my_commands(
        [BotCommand(c, t(f"cmd.{c}", language)) for c in access.commands_for(who.kinds)],
        scope=BotCommandScopeChat(chat_id),
    )


def button_shapes(application: Application) -> list[re.Pattern]:
    """The callback data patterns of every button handler wired, conversations included."""

    def walk(handlers: list[BaseHandler]) -> list[re.Pattern]:
        found = []
        for handler in handlers:
            if isinstance(handler, ConversationHandler):
                found += walk(handler.entry_points + handler.fallbacks)
                found += walk([h for state in handler.states.values() for h in state])
            elif isinstance(handler, CallbackQueryHandler) and isinstance(handler.pattern, re.Pattern):
                found.append(handler.pattern)
        return found

    return walk([h for group in application.handlers.values() for h in group])


def well_formed(data: object, shapes: list[re.Pattern]) -> bool:
    """Button data the bot could have made: a known shape, numbers in ASCII digits, each a possible id."""
    if not isinstance(data, str) or not any(shape.match(data) for shape in shapes):
        return False
    return buttons.numbers_fit(data)


async def check_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Button data no handler could take (forged, or from an older version of the bot) gets the
    answer of a stale button, once, saying nothing about what exists; no handler ever parses it."""
    if well_formed(update.callback_query.data, context.bot_data[BUTTON_SHAPES]):
        return
    log.info("update %s: malformed button data refused", update.update_id)
    await update.callback_query.answer(t("unknown.button", lang(update)), show_alert=True)
    raise ApplicationHandlerStop
