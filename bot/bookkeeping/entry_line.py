"""The line typed with /depense or /recette, read as text only: `12,50 Piles #projet; CE1A; fournitures; carte; hier`
gives an amount, a label, a project and the extras after semicolons, whose words the store reads
(store/entry_words.py: they name ledgers and accounts)."""

from __future__ import annotations

import re

from bot.ui.steps import refuse_negative
from store.money import AmountError, parse_amount

PROJECT_TAG = re.compile(r"(?:^|\s)#([\w-]+)")  # whole: one too long is refused, not cut (store.books.PROJECT_MAX)


def split_amount(text: str) -> tuple[int, str]:
    """'1 234,56 Piles' → (123456, 'Piles'); AmountError if no amount leads the text."""
    refuse_negative(text)
    words = text.split()
    for count in range(min(4, len(words)), 0, -1):  # the longest amount first: '1 234,56'
        try:
            return parse_amount(" ".join(words[:count])), " ".join(words[count:])
        except AmountError as refused:
            if refused.reason != "format":  # an amount, but a refused one: '100 000,01' is not '100'
                raise
    raise AmountError("format")


def project_of(label: str) -> tuple[str, str | None]:
    """'Car #classeverte' → ('Car', 'classeverte')."""
    match = PROJECT_TAG.search(label)
    if not match:
        return label, None
    return (label[: match.start()] + label[match.end():]).strip(), match[1]
