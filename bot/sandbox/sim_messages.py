"""What the simulator's chats hold: messages as users see them, the step one user action leads to, the
limits Telegram sets and its HTML, checked the way Telegram checks it."""

from __future__ import annotations

import html
import mimetypes
import re
from dataclasses import dataclass, field
from typing import Any

MAX_TEXT = 4096
MAX_CAPTION = 1024
MAX_CALLBACK_DATA = 64
MAX_CALLBACK_ANSWER = 200
HTML_TAGS = {
    "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre",
    "tg-spoiler", "span", "blockquote", "tg-emoji",
}  # fmt: skip


class ApiError(Exception):
    """An error answered the way Telegram answers it."""

    def __init__(self, code: int, description: str, retry_after: int | None = None):
        super().__init__(description)
        self.code = code
        self.description = description
        self.retry_after = retry_after


@dataclass
class SimMessage:
    """A message as the users of the chat see it."""

    message_id: int
    chat_id: int
    from_bot: bool
    date: int
    text: str | None = None
    caption: str | None = None
    parse_mode: str | None = None
    reply_markup: dict | None = None
    photo: str | None = None  # file_id
    document: str | None = None  # file_id
    file_name: str | None = None
    reply_to: int | None = None
    edit_date: int | None = None
    deleted: bool = False
    sender: dict | None = None

    @property
    def content(self) -> str:
        """What the user reads: the text or caption, without HTML tags."""
        raw = self.text if self.text is not None else (self.caption or "")
        return plain_text(raw) if self.parse_mode == "HTML" else raw

    @property
    def buttons(self) -> list[list[str]]:
        """Labels of the inline keyboard, row by row."""
        rows = (self.reply_markup or {}).get("inline_keyboard", [])
        return [[button["text"] for button in row] for row in rows]

    def has_button(self, label: str) -> bool:
        try:
            self.button(label)
        except LookupError:
            return False
        return True

    def button(self, label: str) -> dict:
        """The inline button whose label is ``label`` (exactly, or else the only one containing it)."""
        flat = [b for row in (self.reply_markup or {}).get("inline_keyboard", []) for b in row]
        exact = [b for b in flat if b["text"] == label]
        partial = [b for b in flat if label.lower() in b["text"].lower()]
        found = exact or partial
        if len(found) != 1:
            raise LookupError(f"no single button {label!r} in {[b['text'] for b in flat]}")
        return found[0]

    def to_api(self, chat: dict, bot_user: dict) -> dict:
        data: dict[str, Any] = {
            "message_id": self.message_id,
            "date": self.date,
            "chat": chat,
            "from": bot_user if self.from_bot else self.sender,
        }
        if self.text is not None:
            data["text"] = self.content
            if not self.from_bot and self.text.startswith("/"):
                command = self.text.split()[0]
                data["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
        if self.caption is not None:
            data["caption"] = self.content
        if self.photo:
            data["photo"] = [
                {"file_id": self.photo, "file_unique_id": self.photo[-12:], "width": 800,
                 "height": 600, "file_size": 1000}  # fmt: skip
            ]
        if self.document:
            data["document"] = {
                "file_id": self.document,
                "file_unique_id": self.document[-12:],
                "file_name": self.file_name or "document",
                "mime_type": mimetypes.guess_type(self.file_name or "")[0] or "application/octet-stream",
            }
        if self.reply_markup:
            data["reply_markup"] = self.reply_markup
        if self.edit_date:
            data["edit_date"] = self.edit_date
        return data


@dataclass
class Step:
    """What the bot did in one chat in answer to one user action."""

    messages: list[SimMessage] = field(default_factory=list)  # new bot messages
    edited: list[SimMessage] = field(default_factory=list)
    deleted: list[SimMessage] = field(default_factory=list)
    answer: str | None = None  # the callback query's answer (toast), if any

    @property
    def text(self) -> str:
        """Everything the user can read that changed, new and edited messages alike."""
        parts = [m.content for m in self.messages + self.edited]
        if self.answer:
            parts.append(self.answer)
        return "\n\n".join(parts)

    @property
    def last(self) -> SimMessage:
        return (self.messages or self.edited)[-1]


_TAG = re.compile(r"<(/?)([a-zA-Z][\w-]*)((?:\s+[\w-]+(?:=\"[^\"]*\"|='[^']*')?)*)\s*>")
_ENTITY = re.compile(r"&(?:lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);")


def plain_text(marked_up: str) -> str:
    """The text a user reads from a message in Telegram's HTML, or ApiError if Telegram refuses it."""
    out: list[str] = []
    open_tags: list[str] = []
    pos = 0
    while pos < len(marked_up):
        char = marked_up[pos]
        if char == "<":
            match = _TAG.match(marked_up, pos)
            if not match:
                raise ApiError(400, f"Bad Request: can't parse entities: Unexpected character "
                                    f"at byte offset {pos}")  # fmt: skip
            closing, name = match[1], match[2].lower()
            if name not in HTML_TAGS:
                raise ApiError(400, f"Bad Request: can't parse entities: Unsupported start tag "
                                    f'"{name}" at byte offset {pos}')  # fmt: skip
            if closing:
                if not open_tags or open_tags[-1] != name:
                    raise ApiError(400, f"Bad Request: can't parse entities: Unmatched end tag "
                                        f'at byte offset {pos}, expected "</{open_tags[-1] if open_tags else ""}>", found "</{name}>"')  # fmt: skip
                open_tags.pop()
            else:
                open_tags.append(name)
            pos = match.end()
        elif char == "&":
            match = _ENTITY.match(marked_up, pos)
            if not match:
                raise ApiError(400, f"Bad Request: can't parse entities: Character '&' is "
                                    f"reserved and must be escaped at byte offset {pos}")  # fmt: skip
            out.append(html.unescape(match[0]))
            pos = match.end()
        else:
            out.append(char)
            pos += 1
    if open_tags:
        raise ApiError(400, f"Bad Request: can't parse entities: Can't find end tag "
                            f'corresponding to start tag "{open_tags[-1]}"')  # fmt: skip
    return "".join(out)


def plain_or_raw(text: str, parse_mode: str | None) -> str:
    return plain_text(text) if parse_mode == "HTML" else text
