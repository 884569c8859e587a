"""The catalogue's wording: French counts agree with their number, one inclusive form, the right gender; English beside each."""

from __future__ import annotations

import re
from string import Formatter

import bot.app  # noqa: F401  (registers every feature module's sentences)
from bot.texts import TEXTS, plural


def test_plural_agrees_with_the_count_in_french_and_english():
    assert [plural(n, "word.other_adult") for n in (0, 1, 2)] == ["0 autre adulte", "1 autre adulte",
                                                                  "2 autres adultes"]  # fmt: skip
    assert [plural(n, "word.ticked", "en") for n in (0, 1, 2)] == ["0 entries ticked", "1 entry ticked",
                                                                   "2 entries ticked"]  # fmt: skip


def test_no_sentence_leaves_the_agreement_to_the_reader():
    french = {key: entry["fr"] for key, entry in TEXTS.items()}
    assert not {k: v for k, v in french.items() if re.search(r"\w\((e?s|x)\)", v)}  # "pointée(s)", "compté(s)"
    assert not {k: v for k, v in french.items() if "·e(s)" in v or "·e·s" in v}  # the form is "enseignant·es"
    assert not {k: v for k, v in french.items() if "OCCE départementale" in v}  # l'OCCE: l'Office, masculine
    assert not {k: v for k, v in french.items() if re.search(r"\{\w+\} autres ", v)}  # "1 autres adultes"


def test_every_counted_word_has_its_two_forms():
    words = {key: entry for key, entry in TEXTS.items() if key.startswith("word.")}
    assert words and all(text.count("|") == 1 for entry in words.values() for text in entry.values())


def test_every_sentence_has_its_english_with_the_same_blanks():
    """French first, English for an English Telegram; only the operators' command line and the attestation (an
    official French document) are French only."""
    french_only = ("cli.", "att.")
    blanks = lambda text: {name for _, name, _, _ in Formatter().parse(text) if name is not None}  # noqa: E731
    assert not [key for key, entry in TEXTS.items() if not {"fr"} <= set(entry) <= {"fr", "en"}
                or "en" not in entry and not key.startswith(french_only)]  # fmt: skip
    assert not [key for key, entry in TEXTS.items() if "en" in entry and blanks(entry["fr"]) != blanks(entry["en"])]
