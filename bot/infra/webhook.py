"""`coopbot run --webhook`: the HTTP server Telegram posts updates to.

python-telegram-bot's own server reads a request's whole body before it looks
at the secret: anyone could make it hold a huge body in memory. This one looks
at the headers first, refuses a wrong secret (403) or an announced body over
MAX_UPDATE_BYTES (413) without reading the body, and stops reading any body
that grows past it.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
import signal

import tornado.web
from tornado.httpserver import HTTPServer
from telegram import Update
from telegram.ext import Application

from bot.config import Webhook

log = logging.getLogger(__name__)
MAX_UPDATE_BYTES = 1024 * 1024  # Telegram's largest updates weigh a few dozen kB
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


@tornado.web.stream_request_body
class UpdateHandler(tornado.web.RequestHandler):
    """One update posted by Telegram: checked on its headers, read, queued for the Application."""

    SUPPORTED_METHODS = ("POST",)

    def initialize(self, bot_application: Application, secret: str) -> None:
        """Per request: what tornado hands every handler."""
        self.bot_application = bot_application
        self.secret = secret
        self.body = bytearray()

    def prepare(self) -> None:
        """Headers only so far: a post without the secret, or announcing too much, is refused unread."""
        given = self.request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode(), self.secret.encode()):
            log.info("webhook: a post without the right secret was refused")
            raise tornado.web.HTTPError(403)
        length = self.request.headers.get("Content-Length", "0")
        if not length.isdigit() or int(length) > MAX_UPDATE_BYTES:
            log.info("webhook: a post announcing %s bytes was refused", length[:20])
            raise tornado.web.HTTPError(413)
        self.request.connection.set_max_body_size(MAX_UPDATE_BYTES)  # a chunked body too

    def data_received(self, chunk: bytes) -> None:
        """A piece of the body (within MAX_UPDATE_BYTES: tornado closes the connection past it)."""
        self.body += chunk

    async def post(self) -> None:
        """The update goes to the Application's queue; Telegram gets 200 at once."""
        try:
            update = Update.de_json(json.loads(self.body), self.bot_application.bot)
        except Exception:  # not JSON, or not an update: nothing to hand over
            raise tornado.web.HTTPError(400) from None
        if update is not None:
            await self.bot_application.update_queue.put(update)


async def start_server(application: Application, webhook: Webhook) -> HTTPServer:
    """Listen where WEBHOOK_LISTEN/PORT say, then tell Telegram to post there with the secret."""
    routes = [(rf"/{webhook.path}/?", UpdateHandler, {"bot_application": application, "secret": webhook.secret})]
    # No access log: a line per update would be noise, and a flood of forged posts a flood of lines.
    server = HTTPServer(tornado.web.Application(routes, log_function=lambda _handler: None),
                        max_body_size=MAX_UPDATE_BYTES)  # fmt: skip
    server.listen(webhook.port, address=webhook.listen)
    await application.bot.set_webhook(webhook.url, secret_token=webhook.secret, allowed_updates=Update.ALL_TYPES)
    return server


def run_webhook(application: Application, webhook: Webhook) -> None:
    """What Application.run_webhook does, with this server: until SIGTERM, Ctrl-C or stop_running()."""
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    for stop_signal in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(stop_signal, loop.stop)
    server = None
    try:
        loop.run_until_complete(application.initialize())
        if application.post_init:
            loop.run_until_complete(application.post_init(application))
        server = loop.run_until_complete(start_server(application, webhook))
        loop.run_until_complete(application.start())
        loop.run_forever()  # Application.stop_running() stops the loop, as in run_webhook
    finally:
        if server is not None:
            server.stop()
            loop.run_until_complete(server.close_all_connections())
        if application.running:
            loop.run_until_complete(application.stop())
        loop.run_until_complete(application.shutdown())
        loop.close()
