"""Settings from the environment, checked once at start."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlparse
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from store.db import DatabaseUrlError, normalise_url
from store.traffic import FLOOD_UPDATES

TELEGRAM_API = "https://api.telegram.org"
DEFAULT_DATABASE_URL = "sqlite:///coopbot.db"
_TOKEN = re.compile(r"\d{1,20}:[A-Za-z0-9_-]{20,}")


class ConfigError(Exception):
    """A setting is missing or malformed: ``reason`` names its sentence in the catalogue (``cli.config.<reason>``,
    which names the variable), ``details`` fill it."""

    def __init__(self, reason: str, **details: object):
        super().__init__(reason)
        self.reason, self.details = reason, details


def url_refused(exc: DatabaseUrlError) -> ConfigError:
    """DATABASE_URL is not a URL, or not one of a database CoopBot uses."""
    return ConfigError(f"database_{exc.reason}", driver=exc.driver)


@dataclass(frozen=True)
class Settings:
    token: str
    api_base_url: str  # the server root: Telegram's, a self-hosted Bot API server's, the simulator's
    database_url: str
    timezone: str
    bot_username: str | None = None
    invitation_days: int = 7
    receipts_dir: str = "receipts"  # where the copies of receipts are kept
    flood_updates: int = FLOOD_UPDATES  # a person's updates read in any FLOOD_SECONDS; the rest dropped

    @property
    def bot_api_url(self) -> str:
        return f"{self.api_base_url}/bot"

    @property
    def file_api_url(self) -> str:
        return f"{self.api_base_url}/file/bot"


def load_settings(env: Mapping[str, str] = os.environ, *, token: str | None = None) -> Settings:
    """Read and check every variable; ``token`` replaces TELEGRAM_BOT_TOKEN (the sandbox's)."""
    token = token or env.get("TELEGRAM_BOT_TOKEN", "").strip()
    if not token:
        raise ConfigError("token_missing")
    if not _TOKEN.fullmatch(token):
        raise ConfigError("token_malformed")

    api = env.get("TELEGRAM_API_BASE_URL", "").strip() or TELEGRAM_API
    parsed = urlparse(api)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise ConfigError("api_malformed")
    api = api.rstrip("/").removesuffix("/bot")

    database_url = env.get("DATABASE_URL", "").strip() or DEFAULT_DATABASE_URL
    try:
        normalise_url(database_url)
    except DatabaseUrlError as exc:
        raise url_refused(exc) from None

    tz = env.get("COOPBOT_TIMEZONE", "").strip() or "Europe/Paris"
    try:
        ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError("timezone_unknown", timezone=tz) from None

    username = env.get("TELEGRAM_BOT_USERNAME", "").strip().lstrip("@") or None
    receipts = env.get("COOPBOT_RECEIPTS_DIR", "").strip() or "receipts"
    return Settings(token, api, database_url, tz, username, invitation_days(env), receipts)


def invitation_days(env: Mapping[str, str] = os.environ) -> int:
    """How long an invitation link works: COOPBOT_INVITATION_DAYS, 1 to 90, 7 by default."""
    raw = env.get("COOPBOT_INVITATION_DAYS", "").strip() or "7"
    if not raw.isdigit() or not 1 <= int(raw) <= 90:
        raise ConfigError("invitation_days")
    return int(raw)


@dataclass(frozen=True)
class Webhook:
    url: str  # the public HTTPS URL Telegram posts to
    secret: str
    listen: str
    port: int

    @property
    def path(self) -> str:
        return urlparse(self.url).path.lstrip("/")


def load_webhook(env: Mapping[str, str] = os.environ) -> Webhook:
    """WEBHOOK_URL and WEBHOOK_SECRET (both required), WEBHOOK_LISTEN and WEBHOOK_PORT."""
    url = env.get("WEBHOOK_URL", "").strip()
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise ConfigError("webhook_url")
    secret = env.get("WEBHOOK_SECRET", "").strip()
    if not re.fullmatch(r"[A-Za-z0-9_-]{16,256}", secret):
        raise ConfigError("webhook_secret")
    port = env.get("WEBHOOK_PORT", "").strip() or "8080"
    if not port.isdigit() or not 1 <= int(port) <= 65535:
        raise ConfigError("webhook_port")
    return Webhook(url, secret, env.get("WEBHOOK_LISTEN", "").strip() or "0.0.0.0", int(port))
