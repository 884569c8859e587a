"""The `coopbot` command: run the bot, try it in the sandbox, migrate the database."""

from __future__ import annotations

import argparse
import asyncio
import os
import sys

from sqlalchemy.exc import DBAPIError
from telegram import Update
from telegram.error import InvalidToken, NetworkError

from bot.config import DEFAULT_DATABASE_URL, ConfigError, load_settings
from bot.logs import configure_logging
from store import migrate
from store.db import Database, DatabaseUrlError, normalise_url

SANDBOX_DATABASE_URL = "sqlite:///coopbot-sandbox.db"


def open_database(url: str) -> Database:
    """Connect and migrate, or explain in one line what is wrong with DATABASE_URL."""
    try:
        normalise_url(url)
        database = Database(url)
        migrate.upgrade(database.engine)
    except DatabaseUrlError as exc:
        raise ConfigError(f"DATABASE_URL is malformed: {exc}") from None
    except DBAPIError as exc:
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else type(exc).__name__
        raise ConfigError(f"DATABASE_URL: cannot open the database ({reason})") from None
    return database


def cmd_run(args: argparse.Namespace) -> int:
    """Serve Telegram (or the Bot API server at TELEGRAM_API_BASE_URL) by long polling."""
    settings = load_settings()
    database = open_database(settings.database_url)
    configure_logging(settings.token)
    from bot.app import build_application

    application = build_application(settings, database)
    try:
        application.run_polling(allowed_updates=Update.ALL_TYPES)
    except InvalidToken:
        raise ConfigError("TELEGRAM_BOT_TOKEN was refused by the Bot API") from None
    except NetworkError as exc:
        raise ConfigError(f"TELEGRAM_API_BASE_URL: cannot reach the Bot API ({exc})") from None
    finally:
        database.dispose()
    return 0


def cmd_sandbox(args: argparse.Namespace) -> int:
    """The simulator, demo data and a terminal chat: try the bot without Telegram."""
    from bot.sandbox.terminal import sandbox

    url = os.environ.get("DATABASE_URL", "").strip() or SANDBOX_DATABASE_URL
    database = open_database(url)
    try:
        asyncio.run(sandbox(database))
    except (KeyboardInterrupt, EOFError):
        pass
    finally:
        database.dispose()
    return 0


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    """Bring the schema of DATABASE_URL to the latest version."""
    url = os.environ.get("DATABASE_URL", "").strip() or DEFAULT_DATABASE_URL
    open_database(url).dispose()
    print("La base de données est à jour.")
    return 0


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="coopbot", description=__doc__)
    commands = root.add_subparsers(dest="command", required=True)
    commands.add_parser("run", help=cmd_run.__doc__).set_defaults(func=cmd_run)
    commands.add_parser("sandbox", help=cmd_sandbox.__doc__).set_defaults(func=cmd_sandbox)
    db = commands.add_parser("db", help="database schema").add_subparsers(dest="db_command", required=True)
    db.add_parser("upgrade", help=cmd_db_upgrade.__doc__).set_defaults(func=cmd_db_upgrade)
    return root


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except ConfigError as exc:
        print(f"coopbot: {exc}", file=sys.stderr)
        return 2
