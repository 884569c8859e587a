"""Logging that never writes the bot token."""

from __future__ import annotations

import logging


class RedactToken(logging.Filter):
    """Replaces the token wherever it would appear in a log line."""

    def __init__(self, token: str):
        super().__init__()
        self.token = token

    def filter(self, record: logging.LogRecord) -> bool:
        if self.token:
            message = record.getMessage()
            if self.token in message:
                record.msg, record.args = message.replace(self.token, "<token>"), None
        return True


def configure_logging(token: str, level: int = logging.INFO) -> None:
    """One line per event on stderr; HTTP client request lines (which carry the URL) are silenced."""
    logging.basicConfig(format="%(asctime)s %(levelname)s %(name)s: %(message)s", level=level)
    for handler in logging.getLogger().handlers:
        handler.addFilter(RedactToken(token))
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
