"""Builds the Application: every handler is wired here, in one place."""

from __future__ import annotations

import logging

from telegram import BotCommand, BotCommandScopeDefault, Update
from telegram.constants import ParseMode
from telegram.error import TelegramError
from telegram.ext import (
    AIORateLimiter,
    Application,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    Defaults,
    MessageHandler,
    filters,
)

from bot import start
from bot.common import DATABASE
from bot.config import Settings
from bot.persistence import PersistEachUpdate, StorePersistence
from bot.texts import LANGUAGES, lang, t
from store import access
from store.db import Database

log = logging.getLogger(__name__)


def build_application(settings: Settings, database: Database) -> Application:
    """The bot, talking to the Bot API at ``settings.api_base_url`` and storing in ``database``."""
    updates = PersistEachUpdate()
    application = (
        Application.builder()
        .token(settings.token)
        .base_url(settings.bot_api_url)
        .base_file_url(settings.file_api_url)
        .defaults(Defaults(parse_mode=ParseMode.HTML))
        .rate_limiter(AIORateLimiter(max_retries=3))
        .persistence(StorePersistence(database))
        .concurrent_updates(updates)
        .post_init(set_command_menus)
        .build()
    )
    updates.application = application
    application.bot_data[DATABASE] = database

    application.add_handlers([
        CommandHandler("start", start.start),
        CommandHandler(["aide", "help"], start.help_command),
        CommandHandler("annuler", start.cancel),
        # Last: whatever nothing above wanted.
        MessageHandler(filters.COMMAND, start.unknown_command),
        MessageHandler(filters.TEXT, start.stray_text),
        MessageHandler(filters.UpdateType.MESSAGE, start.other_message),
        CallbackQueryHandler(start.stale_button),
    ])  # fmt: skip
    application.add_error_handler(on_error)
    return application


async def set_command_menus(application: Application) -> None:
    """The menu everyone sees, in French by default and in English for English Telegram."""
    commands = access.commands_for(())
    for language in LANGUAGES:
        await application.bot.set_my_commands(
            [BotCommand(command, t(f"cmd.{command}", language)) for command in commands],
            scope=BotCommandScopeDefault(),
            language_code=None if language == "fr" else language,
        )


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log the failure with its update id; tell the person, briefly, that nothing was saved."""
    update_id = update.update_id if isinstance(update, Update) else None
    log.error("update %s failed", update_id, exc_info=context.error)
    if isinstance(update, Update) and update.effective_chat:
        try:
            await context.bot.send_message(update.effective_chat.id, t("error.apology", lang(update)))
        except TelegramError:
            log.warning("update %s: the apology could not be sent either", update_id)
