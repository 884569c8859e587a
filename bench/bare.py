"""The reference of `make bench`: a bare python-telegram-bot bot that answers each message once.

`python bench/bare.py SIMULATOR_URL`: polls the simulator like CoopBot does, in its own process.
"""

from __future__ import annotations

import sys

from telegram import Update
from telegram.ext import Application, ContextTypes, MessageHandler, filters

TOKEN = "123456789:BENCHTOKEN-abcdefghijklmnopqrstu"


async def answer(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The bare bot's whole work: one reply."""
    await update.effective_message.reply_text("Dépense enregistrée.")


def main() -> None:
    base = sys.argv[1]
    application = (Application.builder().token(TOKEN).base_url(f"{base}/bot")
                   .base_file_url(f"{base}/file/bot").build())  # fmt: skip
    application.add_handler(MessageHandler(filters.ALL, answer))
    application.run_polling(poll_interval=0, timeout=5)


if __name__ == "__main__":
    main()
