"""A Telegram Bot API simulator on loopback.

One side speaks the Bot API methods CoopBot uses, over HTTP, the way Telegram
does (same URLs, same JSON objects, same errors for what Telegram refuses).
The other side plays users: they send text, commands, photos and documents,
press inline buttons by their label and read the chat as they would see it.
Its messages are in sim_messages.py, its users in sim_users.py, its files in
sim_files.py, its fault injection in sim_faults.py.

Used by the tests, by `coopbot sandbox` and by anyone pointing
``TELEGRAM_API_BASE_URL`` at it.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import re
import secrets
import time
from collections import deque
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import ClientError, ClientSession, web

from bot.sandbox.sim_faults import Fault, FaultInjection
from bot.sandbox.sim_files import FileStore, StoredFile
from bot.sandbox.sim_messages import (  # SimMessage, Step: the simulator's own, as its users import them
    MAX_CALLBACK_ANSWER, MAX_CALLBACK_DATA, MAX_TEXT, ApiError, SimMessage, Step, plain_or_raw,
)
from bot.sandbox.sim_users import SimUser  # the simulator's own too: sim.user(…) makes one

# Telegram's flood limits, answered 429 when the simulator enforces them (``enforce_limits=True``).
LIMIT_PER_SECOND = 30  # messages in any one second, all chats together
LIMIT_CHAT_INTERVAL = 1.0  # seconds between two messages to one chat
LIMIT_RETRY_AFTER = 3  # seconds, as Telegram says "retry after" a few seconds
# Parameters that Telegram receives JSON-encoded inside a form field.
JSON_FIELDS = {"reply_markup", "commands", "scope", "reply_parameters", "entities",
               "caption_entities", "link_preview_options", "allowed_updates"}  # fmt: skip


class BotApiSimulator(FaultInjection, FileStore):
    """Bot API over HTTP on one side, users on the other."""

    def __init__(self, *, bot_username: str = "coopbot_sandbox_bot", bot_id: int = 700000001,
                 enforce_limits: bool = False):  # fmt: skip
        self.bot_user = {
            "id": bot_id,
            "is_bot": True,
            "first_name": "CoopBot",
            "username": bot_username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }
        self.url = ""
        self.chats: dict[int, dict] = {}
        self.messages: dict[int, list[SimMessage]] = {}
        self.commands: dict[tuple[str, str], list[dict]] = {}
        self.files: dict[str, StoredFile] = {}
        self.callback_answers: dict[str, str | None] = {}
        self._answered: set[str] = set()  # a query is answered once
        self.calls: list[tuple[str, dict]] = []  # every Bot API call, for inspection
        self.refused: list[tuple[str, str]] = []  # calls answered with an error, and why
        self.webhook: dict | None = None
        self.webhook_deliveries: list[tuple[int, int]] = []  # update id, HTTP status (0: unreachable)
        self.settle_hook: Callable[[int], Awaitable[None]] | None = None
        self.on_bot_message: Callable[[SimMessage], None] | None = None  # the benchmark's stopwatch
        self._updates: list[dict] = []
        # Like Telegram after a quiet week: ids start anywhere, then go up one by one.
        self._update_ids = itertools.count(secrets.randbelow(10**9) + 1)
        self.updates_sent: dict[int, dict] = {}  # every update, by id, for replays
        self._message_ids: dict[int, itertools.count] = {}
        self._arrived = asyncio.Event()
        self._events: list[tuple[int, str, SimMessage | str | None]] = []
        self._fetched: set[int] = set()  # update ids the bot has taken in (polled again, or webhook 200)
        self._in_flight = 0  # calls under way, the long poll aside
        self._answers = 0  # calls made, the long poll aside
        # update id → self._answers when it was last handed to the bot (by getUpdates or the webhook)
        self._handed: dict[int, int] = {}
        self._last_call = 0.0
        # A bot in another process has handled an update when it has been this quiet after answering.
        self.quiet_seconds = 0.3
        self._webhook_task: asyncio.Task | None = None
        self._faults: dict[str, list[Fault]] = {}
        self.sends: list[tuple[float, int]] = []  # (arrival, chat id) of every message sent, refused ones too
        self.blocked: set[int] = set()  # users who blocked the bot
        # Off by default: the tests' scripted users and the sandbox are not held to Telegram's pace.
        self.enforce_limits = enforce_limits
        self.clock: Callable[[], float] = time.monotonic  # when a message arrives (a test may freeze it)
        self.limited = 0  # sends answered 429 because they broke the limits
        self._accepted: deque[float] = deque()  # arrivals of the sends let through, within the last second
        self._chat_accepted: dict[int, float] = {}  # chat id → arrival of its latest send let through
        self._closing = False
        self._runner: web.AppRunner | None = None
        self._site: web.TCPSite | None = None
        self._back: asyncio.Task | None = None  # listening again after refuse_connections

    # ------------------------------------------------------------------ server

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> str:
        """Listen on loopback; returns the base URL to give as TELEGRAM_API_BASE_URL."""
        app = web.Application(client_max_size=60 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle_method)
        app.router.add_get("/file/bot{token}/{path:.+}", self._handle_download)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1)
        await self._runner.setup()
        self._site = web.TCPSite(self._runner, host, port)
        await self._site.start()
        port = self._site._server.sockets[0].getsockname()[1]  # the port chosen when 0 was asked
        self.url = f"http://{host}:{port}"
        return self.url

    async def stop(self) -> None:
        self._closing = True
        self._arrived.set()
        if self._webhook_task is not None:
            self._webhook_task.cancel()
        if self._back is not None:
            self._back.cancel()
        if self._runner:
            await self._runner.cleanup()

    def busiest_second(self, seconds: float = 1.0) -> tuple[int, int]:
        """The most messages sent within any window of ``seconds`` (one by default): to everyone, and to one chat."""
        def most(times: list[float]) -> int:
            best, first = 0, 0
            for last, arrival in enumerate(times):
                while arrival - times[first] >= seconds:
                    first += 1
                best = max(best, last - first + 1)
            return best

        by_chat: dict[int, list[float]] = {}
        for arrival, chat_id in self.sends:
            by_chat.setdefault(chat_id, []).append(arrival)
        overall = most(sorted(arrival for arrival, _ in self.sends))
        return overall, max((most(sorted(times)) for times in by_chat.values()), default=0)

    async def _handle_method(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        token = request.match_info["token"]
        polling = method == "getUpdates"
        if not polling:
            self._in_flight += 1
            self._last_call = time.monotonic()
        try:
            if not re.fullmatch(r"\d+:[\w-]+", token):
                raise ApiError(401, "Unauthorized")
            params = await self._read_params(request)
            if not polling and not (method == "answerCallbackQuery" and not params.get("text")):
                self._answers += 1  # a silent button answer comes before the work, not as its answer
            self.calls.append((method, params))
            if method.startswith("send") and method != "sendChatAction":
                now, chat_id = self.clock(), int(params.get("chat_id") or 0)
                self.sends.append((now, chat_id))
                if self.enforce_limits:
                    self._within_limits(chat_id, now)
            fault = self._take_fault(method)
            if fault and fault.delay:
                await asyncio.sleep(fault.delay)
            if fault and not fault.applied:
                return self._fault_response(fault, request)
            handler = getattr(self, f"api_{method}", None)
            if handler is None:
                raise ApiError(404, "Not Found")
            result = await handler(params)
            if fault:
                return self._fault_response(fault, request)
            return web.json_response({"ok": True, "result": result})
        except ApiError as error:
            self.refused.append((method, error.description))
            body: dict[str, Any] = {
                "ok": False,
                "error_code": error.code,
                "description": error.description,
            }
            if error.retry_after is not None:
                body["parameters"] = {"retry_after": error.retry_after}
            return web.json_response(body, status=error.code)
        finally:
            if not polling:
                self._in_flight -= 1
                self._last_call = time.monotonic()

    def _within_limits(self, chat_id: int, now: float) -> None:
        """Telegram's flood limits: a 31st message within one second, or a second one to a chat within a
        second, is answered 429 with retry_after (refused sends do not count towards the limits)."""
        while self._accepted and now - self._accepted[0] >= 1.0:
            self._accepted.popleft()
        last = self._chat_accepted.get(chat_id)
        if len(self._accepted) >= LIMIT_PER_SECOND or (last is not None and now - last < LIMIT_CHAT_INTERVAL):
            self.limited += 1
            raise ApiError(429, f"Too Many Requests: retry after {LIMIT_RETRY_AFTER}", retry_after=LIMIT_RETRY_AFTER)
        self._accepted.append(now)
        self._chat_accepted[chat_id] = now

    async def _read_params(self, request: web.Request) -> dict:
        if request.content_type == "application/json":
            return await request.json()
        params: dict[str, Any] = dict(request.query)
        if request.method == "POST":
            form = await request.post()
            for key, value in form.items():
                if hasattr(value, "file"):  # an uploaded file
                    params[key] = {"upload": value.file.read(), "filename": value.filename}
                else:
                    params[key] = value
        for key in JSON_FIELDS & params.keys():
            if isinstance(params[key], str):
                params[key] = json.loads(params[key])
        return params

    # ------------------------------------------------------------ Bot API side

    async def api_getMe(self, params: dict) -> dict:
        return self.bot_user

    async def api_getUpdates(self, params: dict) -> list[dict]:
        if self.webhook:
            raise ApiError(409, "Conflict: can't use getUpdates method while webhook is active;"
                                " use deleteWebhook to delete the webhook first")  # fmt: skip
        offset = int(params.get("offset") or 0)
        limit = int(params.get("limit") or 100)
        timeout = float(params.get("timeout") or 0)
        if offset:
            # Confirmed by the offset: that batch is in the bot's queue. A batch returned to a
            # poll whose bot has gone (a restart) is not: it is handed out again, like Telegram does.
            self._fetched |= {update_id for update_id in self._handed if update_id < offset}
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
        deadline = time.monotonic() + timeout
        while not self._updates and not self._closing:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                break
            self._arrived.clear()
            try:
                await asyncio.wait_for(self._arrived.wait(), remaining)
            except TimeoutError:
                break
        batch = self._updates[:limit]
        self._handed.update((update["update_id"], self._answers) for update in batch)
        return batch

    async def api_setWebhook(self, params: dict) -> bool:
        url = params.get("url", "")
        if not url:
            return await self.api_deleteWebhook(params)
        if not url.startswith(("http://", "https://")):
            raise ApiError(400, "Bad Request: bad webhook: An HTTPS URL must be provided for webhook")
        secret = params.get("secret_token")
        if secret is not None and not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", secret):
            raise ApiError(400, "Bad Request: secret token contains unallowed characters")
        if _truthy(params.get("drop_pending_updates")):
            self._updates.clear()
        self.webhook = {"url": url, "secret_token": secret}
        if self._webhook_task is None or self._webhook_task.done():
            self._webhook_task = asyncio.create_task(self._deliver_to_webhook())
        return True

    async def api_deleteWebhook(self, params: dict) -> bool:
        self.webhook = None
        if self._webhook_task is not None:
            self._webhook_task.cancel()
        if self._back is not None:
            self._back.cancel()
            self._webhook_task = None
        if _truthy(params.get("drop_pending_updates")):
            self._updates.clear()
        return True

    async def _deliver_to_webhook(self) -> None:
        """POST each update to the webhook, with its secret, until it answers 200 (Telegram retries too)."""
        async with ClientSession() as http:
            while self.webhook and not self._closing:
                if not self._updates:
                    self._arrived.clear()
                    await self._arrived.wait()
                    continue
                update, hook = self._updates[0], self.webhook
                self._handed[update["update_id"]] = self._answers
                headers = {"X-Telegram-Bot-Api-Secret-Token": hook["secret_token"]} if hook["secret_token"] else {}
                try:
                    async with http.post(hook["url"], json=update, headers=headers) as answer:
                        status = answer.status
                except (ClientError, OSError):
                    status = 0
                self.webhook_deliveries.append((update["update_id"], status))
                if status == 200:
                    self._updates.pop(0)
                    self._fetched.add(update["update_id"])
                else:
                    await asyncio.sleep(0.2)

    async def api_getWebhookInfo(self, params: dict) -> dict:
        return {"url": (self.webhook or {}).get("url", ""), "has_custom_certificate": False,
                "pending_update_count": len(self._updates)}  # fmt: skip

    async def api_setMyCommands(self, params: dict) -> bool:
        commands = params.get("commands") or []
        for command in commands:
            if not re.fullmatch(r"[a-z0-9_]{1,32}", command.get("command", "")):
                raise ApiError(400, "Bad Request: BOT_COMMAND_INVALID")
            if not 1 <= len(command.get("description", "")) <= 256:
                raise ApiError(400, "Bad Request: command description is empty or too long")
        self.commands[self._commands_key(params)] = commands
        return True

    async def api_getMyCommands(self, params: dict) -> list[dict]:
        return self.commands.get(self._commands_key(params), [])

    async def api_deleteMyCommands(self, params: dict) -> bool:
        self.commands.pop(self._commands_key(params), None)
        return True

    @staticmethod
    def _commands_key(params: dict) -> tuple[str, str]:
        scope = params.get("scope") or {"type": "default"}
        return json.dumps(scope, sort_keys=True), params.get("language_code") or ""

    async def api_sendChatAction(self, params: dict) -> bool:
        self._chat(params)
        return True

    async def api_sendMessage(self, params: dict) -> dict:
        chat = self._chat(params)
        if chat["id"] in self.blocked:
            raise ApiError(403, "Forbidden: bot was blocked by the user")
        text = params.get("text", "")
        parse_mode = params.get("parse_mode")
        self._check_text(text, parse_mode, MAX_TEXT, "message text")
        markup = self._check_markup(params.get("reply_markup"))
        message = self._add_message(chat["id"], from_bot=True, text=text, parse_mode=parse_mode,
                                    reply_markup=markup, reply_to=self._reply_to(params))  # fmt: skip
        return message.to_api(chat, self.bot_user)

    async def api_editMessageText(self, params: dict) -> dict:
        message = self._bot_message(params)
        text = params.get("text", "")
        parse_mode = params.get("parse_mode")
        self._check_text(text, parse_mode, MAX_TEXT, "message text")
        markup = self._check_markup(params.get("reply_markup"))
        if message.text is None:
            raise ApiError(400, "Bad Request: there is no text in the message to edit")
        if plain_or_raw(text, parse_mode) == message.content and markup == message.reply_markup:
            raise ApiError(400, "Bad Request: message is not modified: specified new message "
                           "content and reply markup are exactly the same as a current content "
                           "and reply markup of the message")  # fmt: skip
        message.text, message.parse_mode, message.reply_markup = text, parse_mode, markup
        return self._edited(message)

    async def api_editMessageReplyMarkup(self, params: dict) -> dict:
        message = self._bot_message(params)
        markup = self._check_markup(params.get("reply_markup"))
        if markup == message.reply_markup:
            raise ApiError(400, "Bad Request: message is not modified: specified new message "
                           "content and reply markup are exactly the same as a current content "
                           "and reply markup of the message")  # fmt: skip
        message.reply_markup = markup
        return self._edited(message)

    async def api_deleteMessage(self, params: dict) -> bool:
        chat = self._chat(params)
        message = self._find(chat["id"], int(params.get("message_id", 0)))
        if message is None or message.deleted:
            raise ApiError(400, "Bad Request: message to delete not found")
        message.deleted = True
        self._events.append((chat["id"], "deleted", message))
        return True

    async def api_answerCallbackQuery(self, params: dict) -> bool:
        query_id = params.get("callback_query_id", "")
        if query_id not in self.callback_answers or query_id in self._answered:
            raise ApiError(400, "Bad Request: query is too old and response timeout expired "
                                "or query ID is invalid")  # fmt: skip
        text = params.get("text")
        if text and len(text) > MAX_CALLBACK_ANSWER:
            raise ApiError(400, "Bad Request: MESSAGE_TOO_LONG")
        self.callback_answers[query_id] = text
        self._answered.add(query_id)
        chat_id = int(query_id.split("-")[0])
        self._events.append((chat_id, "answer", text))
        return True

    # ------------------------------------------------------------- validation

    def _check_text(self, text: str, parse_mode: str | None, limit: int, what: str,
                    allow_empty: bool = False) -> None:  # fmt: skip
        if parse_mode not in (None, "", "HTML"):
            raise ApiError(400, f"Bad Request: simulator speaks HTML only, not {parse_mode}")
        shown = plain_or_raw(text, parse_mode)
        if not shown.strip() and not allow_empty:
            raise ApiError(400, f"Bad Request: {what} is empty")
        if len(shown.encode("utf-16-le")) // 2 > limit:
            raise ApiError(400, f"Bad Request: {what} is too long")

    @staticmethod
    def _check_markup(markup: dict | None) -> dict | None:
        if not markup:
            return None
        rows = markup.get("inline_keyboard")
        if rows is None:
            return markup
        for row in rows:
            for button in row:
                if not button.get("text"):
                    raise ApiError(400, "Bad Request: text buttons are unallowed in the inline keyboard")
                data = button.get("callback_data")
                if data is not None and not 1 <= len(data.encode()) <= MAX_CALLBACK_DATA:
                    raise ApiError(400, "Bad Request: BUTTON_DATA_INVALID")
        return markup if any(rows) else None

    # ------------------------------------------------------------ chat state

    def _chat(self, params: dict) -> dict:
        try:
            chat_id = int(params.get("chat_id"))
        except (TypeError, ValueError):
            raise ApiError(400, "Bad Request: chat not found") from None
        chat = self.chats.get(chat_id)
        if chat is None:
            raise ApiError(400, "Bad Request: chat not found")
        return chat

    def _find(self, chat_id: int, message_id: int) -> SimMessage | None:
        for message in self.messages.get(chat_id, []):
            if message.message_id == message_id:
                return message
        return None

    def _bot_message(self, params: dict) -> SimMessage:
        chat = self._chat(params)
        message = self._find(chat["id"], int(params.get("message_id", 0)))
        if message is None or message.deleted:
            raise ApiError(400, "Bad Request: message to edit not found")
        if not message.from_bot:
            raise ApiError(400, "Bad Request: message can't be edited")
        return message

    def _reply_to(self, params: dict) -> int | None:
        reply = params.get("reply_parameters") or {}
        value = reply.get("message_id") or params.get("reply_to_message_id")
        return int(value) if value else None

    def _edited(self, message: SimMessage) -> dict:
        message.edit_date = int(time.time())
        self._events.append((message.chat_id, "edited", message))
        return message.to_api(self.chats[message.chat_id], self.bot_user)

    def _add_message(self, chat_id: int, *, from_bot: bool, **fields: Any) -> SimMessage:
        ids = self._message_ids.setdefault(chat_id, itertools.count(1))
        message = SimMessage(message_id=next(ids), chat_id=chat_id, from_bot=from_bot,
                             date=int(time.time()), **fields)  # fmt: skip
        self.messages.setdefault(chat_id, []).append(message)
        if from_bot:
            self._events.append((chat_id, "new", message))
            if self.on_bot_message is not None:
                self.on_bot_message(message)
        return message

    def _push_update(self, update: dict) -> int:
        update_id = next(self._update_ids)
        self.updates_sent[update_id] = {"update_id": update_id, **update}
        self._updates.append(self.updates_sent[update_id])
        self._arrived.set()
        return update_id

    async def replay(self, update_id: int, chat_id: int) -> Step:
        """Deliver an update again, as a webhook retry or a replay after a crash would."""
        mark = len(self._events)
        self._fetched.discard(update_id)
        self._updates.append(self.updates_sent[update_id])
        self._arrived.set()
        await self.wait_processed(update_id)
        return self.events_since(mark, chat_id)

    # -------------------------------------------------------------- user side

    def user(self, user_id: int, first_name: str, last_name: str | None = None, *,
             username: str | None = None, language_code: str = "fr") -> SimUser:  # fmt: skip
        """A person with a private chat with the bot."""
        profile = {"id": user_id, "is_bot": False, "first_name": first_name,
                   "language_code": language_code}  # fmt: skip
        if last_name:
            profile["last_name"] = last_name
        if username:
            profile["username"] = username
        chat = {"id": user_id, "type": "private", "first_name": first_name}
        self.chats[user_id] = chat
        return SimUser(self, profile, chat)

    def group(self, chat_id: int, title: str) -> dict:
        """A group chat the bot was added to; users speak in it with ``SimUser.in_chat``."""
        chat = {"id": chat_id, "type": "group", "title": title}
        self.chats[chat_id] = chat
        return chat

    async def wait_processed(self, update_id: int, timeout: float | None = None) -> None:
        """Until the bot has handled the update: the settle hook says so, or the bot answers and goes quiet."""
        # A bot in another process may be starting up (migrations, getMe) on a loaded machine.
        timeout = timeout or (30.0 if self.settle_hook else 60.0)
        deadline = time.monotonic() + timeout
        while update_id not in self._fetched:
            if time.monotonic() > deadline:
                raise TimeoutError(f"the bot did not fetch update {update_id}")
            await asyncio.sleep(0.005)
        if self.settle_hook is not None:
            await asyncio.wait_for(self.settle_hook(update_id), timeout)
            return
        # A bot in another process: give it a moment to start answering (long enough for a
        # loaded machine: only a step that gets no answer at all waits it out), then wait for quiet.
        # Counted from when the update was handed over: the answer may come before the poll that confirms it.
        answers, first_call_by = self._handed.get(update_id, self._answers), time.monotonic() + 15
        while self._answers == answers and time.monotonic() < first_call_by:
            await asyncio.sleep(0.02)
        while self._in_flight or time.monotonic() - self._last_call < self.quiet_seconds:
            if time.monotonic() > deadline:
                raise TimeoutError("the bot did not settle")
            await asyncio.sleep(0.02)

    def events_since(self, mark: int, chat_id: int) -> Step:
        step = Step()
        for event_chat, kind, payload in self._events[mark:]:
            if event_chat != chat_id:
                continue
            if kind == "new":
                step.messages.append(payload)
            elif kind == "edited" and payload not in step.messages + step.edited:
                step.edited.append(payload)
            elif kind == "deleted":
                step.deleted.append(payload)
            elif kind == "answer":
                step.answer = payload
        return step


def _truthy(value: Any) -> bool:
    return value in (True, "true", "True", "1", 1)
