"""Free text as people type it, made safe to keep."""

from __future__ import annotations

import unicodedata


def plain(text: str) -> str:
    """Without control characters (NUL and the like: PostgreSQL refuses NUL), line breaks and tabs kept."""
    return "".join(c for c in str(text) if c in "\n\t" or unicodedata.category(c) != "Cc")


def says_something(text: str) -> bool:
    """A letter or a digit among its characters: emoji or punctuation alone say nothing to whoever reads them
    (and the PDFs' font prints no emoji). The rule of every text a person types for others to read."""
    return any(c.isalnum() for c in str(text))


def folded(text: str) -> str:
    """How two names are compared: without case, spaces or accents ('CE 1 a' and 'CÉ1A' are one)."""
    decomposed = unicodedata.normalize("NFKD", str(text))
    return "".join(c for c in decomposed if not unicodedata.combining(c) and not c.isspace()).casefold()
