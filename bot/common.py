"""What every handler module shares: reaching the store without blocking the event loop."""

from __future__ import annotations

import asyncio
from typing import Any

from telegram.ext import ContextTypes

from store.db import Database

DATABASE = "database"  # bot_data key; bot_data is not persisted


async def in_store(context: ContextTypes.DEFAULT_TYPE, fn, /, *args: Any, **kwargs: Any) -> Any:
    """Run ``fn(session, *args)`` in one transaction, in a worker thread."""
    database: Database = context.application.bot_data[DATABASE]
    return await asyncio.to_thread(database.run, fn, *args, **kwargs)
