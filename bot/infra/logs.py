"""Logging that never writes the bot token, whoever logs and whatever they log."""

from __future__ import annotations

import logging
import re
import sys
import threading
from urllib.parse import quote

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
HIDDEN = "<token>"
# PostgreSQL's DETAIL lines quote the refused row or key: what people typed.
DATABASE_DETAIL = re.compile(r"^(\s*DETAIL:\s*).*$", re.MULTILINE)


class RedactingFormatter(logging.Formatter):
    """Formats the whole record (message, traceback, stack) first, then hides the token in it,
    and the values database errors quote."""

    def __init__(self, token: str):
        super().__init__(FORMAT)
        self.secrets = secret_forms(token)

    def format(self, record: logging.LogRecord) -> str:
        return DATABASE_DETAIL.sub(r"\1(values hidden)", redact(super().format(record), self.secrets))


class CurrentStderr(logging.StreamHandler):
    """Writes to sys.stderr as it is now, so that a replaced stderr (tests) is followed."""

    def emit(self, record: logging.LogRecord) -> None:
        self.stream = sys.stderr
        super().emit(record)


def secret_forms(token: str) -> list[str]:
    """The token and its secret part (after the colon), raw and as a URL writes them."""
    forms = [token, token.partition(":")[2]] if token else []
    forms += [quote(form, safe="") for form in forms]
    return sorted({form for form in forms if len(form) >= 8}, key=len, reverse=True)


def redact(text: str, secrets: list[str]) -> str:
    for secret in secrets:
        text = text.replace(secret, HIDDEN)
    return text


def configure_logging(token: str, level: int = logging.INFO) -> None:
    """One line per event on stderr, for every logger, tracebacks and uncaught errors included;
    HTTP client request lines (which carry the URL) are silenced. Calling it again replaces it."""
    root = logging.getLogger()
    for old in [h for h in root.handlers if isinstance(h, CurrentStderr)]:
        root.removeHandler(old)
    handler = CurrentStderr()
    handler.setFormatter(RedactingFormatter(token))
    root.addHandler(handler)
    root.setLevel(level)
    logging.captureWarnings(True)
    crash = logging.getLogger("coopbot")
    sys.excepthook = lambda kind, error, trace: crash.critical("stopped", exc_info=(kind, error, trace))
    threading.excepthook = lambda hook: crash.critical(
        "thread %s stopped", hook.thread and hook.thread.name, exc_info=(hook.exc_type, hook.exc_value,
                                                                          hook.exc_traceback))  # fmt: skip
    for noisy in ("httpx", "httpcore", "apscheduler", "alembic"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
