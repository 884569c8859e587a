"""Free text as people type it, made safe to keep."""

from __future__ import annotations

import unicodedata


def plain(text: str) -> str:
    """Without control characters (NUL and the like: PostgreSQL refuses NUL), line breaks and tabs kept."""
    return "".join(c for c in str(text) if c in "\n\t" or unicodedata.category(c) != "Cc")
