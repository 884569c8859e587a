"""Button data, in one place: each kind of button is declared once (``Button("ent:led", ID)``); the
declaration builds its data (``prefix:field:field``), gives its handler's pattern, and reads its
fields back. No other module splits callback data."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from typing import Any, Callable

from telegram import InlineKeyboardButton, Update
from telegram.ext import CallbackQueryHandler

from bot.texts import t

SEPARATOR = ":"
ID_MAX = 2**31 - 1  # ids are INTEGER columns; no page or count comes near it


@dataclass(frozen=True)
class Field:
    """One field of button data: what it may look like, and how it is read back."""

    shape: str
    read: Callable[[str], Any] = str


ID = Field(r"\d+", int)
YEAR = Field(r"\d{4}", int)
WORD = Field(r"\w+")
DIGITS = Field(r"\d+")  # a number kept as typed (a cheque's: leading zeros matter)
TAG = Field(r"[\w-]*")  # a project's tag; empty for "no project"


def one_of(*words: str) -> Field:
    """A field that is one of these words."""
    return Field("|".join(map(re.escape, words)))


def enum(kind: type[Enum]) -> Field:
    """A field holding one of an enum's values, read back as the enum."""
    return Field("|".join(re.escape(str(member.value)) for member in kind), kind)


def button(label: str, data: str) -> InlineKeyboardButton:
    """An inline button; long labels are cut between words so that a phone shows them whole."""
    if len(label) > 60:
        label = label[:59].rsplit(" ", 1)[0].rstrip(" ,(") + "…"
    return InlineKeyboardButton(label, callback_data=data)


def page_turns(page: int, has_more: bool, language: str,
               data: Callable[[int], str]) -> list[list[InlineKeyboardButton]]:  # fmt: skip
    """◀️ and ▶️ to the pages around ``page`` (``data`` makes a page's button data): one row, or none."""
    turns = []
    if page > 0:
        turns.append(button(t("button.previous", language), data(page - 1)))
    if has_more:
        turns.append(button(t("button.next", language), data(page + 1)))
    return [turns] if turns else []


class Button:
    """A kind of button: its fixed prefix (``"jnl:e"``) and its fields."""

    def __init__(self, prefix: str, *fields: Field) -> None:
        self.prefix, self.fields = prefix, fields
        parts = [re.escape(prefix)] + [f"({field.shape})" for field in fields]
        self.pattern = re.compile("^" + SEPARATOR.join(parts) + "$")

    def data(self, *values: Any) -> str:
        """The callback data of one such button."""
        if len(values) != len(self.fields):
            raise TypeError(f"{self.prefix}: {len(self.fields)} field(s) expected, {len(values)} given")
        texts = [str(v.value if isinstance(v, Enum) else v) for v in values]
        return SEPARATOR.join([self.prefix, *texts])

    def read(self, update: Update) -> Any:
        """The fields of the pressed button, read back (one value, or a tuple of them)."""
        match = self.pattern.match(update.callback_query.data)
        if match is None:  # the gate refuses data no wired pattern matches; a handler is wired to one
            raise ValueError(f"{update.callback_query.data!r} is not a {self.prefix} button")
        values = tuple(field.read(text) for field, text in zip(self.fields, match.groups()))
        return values[0] if len(values) == 1 else values

    def pressed(self, update: Update) -> bool:
        """Whether the button pressed is one of these (a handler wired to several kinds)."""
        return bool(update.callback_query and self.pattern.match(update.callback_query.data))

    def handler(self, callback: Callable) -> CallbackQueryHandler:
        """The handler of these buttons, with the declaration's pattern."""
        return CallbackQueryHandler(callback, pattern=self.pattern)


def numbers_fit(data: str) -> bool:
    """Every number in button data is an id the database could hold (forged data may not fit an INTEGER)."""
    if any(char.isdecimal() and not char.isascii() for char in data):  # \d matches ٣, int() takes it
        return False
    return all(int(field) <= ID_MAX for field in data.split(SEPARATOR) if field.isdecimal())
