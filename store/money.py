"""Amounts: parsed from what people type into integer cents, and written back the French (or English) way."""

from __future__ import annotations

import re
from decimal import Decimal

from babel.numbers import format_currency

from store.errors import StoreError

MAX_CENTS = 100_000_00  # 100 000 €: above this an amount is surely a typo.

# Thousands grouped by spaces (French), or by commas when a decimal point follows (English: '1,234.56'; '1,234' alone
# stays the French 1,234 and is refused for its three decimals).
_AMOUNT = re.compile(r"^(?P<units>\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d{1,3}(?:,\d{3})+(?=\.)|\d+)(?:[.,](?P<decimals>\d+))?$")


class AmountError(StoreError, ValueError):
    """Why a typed amount is refused: one of 'format', 'decimals', 'zero', 'too_large'."""


def parse_amount(text: str) -> int:
    """'12,50 €', '12.5', '1 234,56', '€1,234.56' → cents. Refuses zero, negatives, >2 decimals, >100 000 €."""
    cleaned = text.strip().removesuffix("€").removesuffix("EUR").strip().removeprefix("€").strip()
    match = _AMOUNT.match(cleaned)
    if not match:
        raise AmountError("format")
    decimals = match["decimals"] or ""
    if len(decimals) > 2:
        raise AmountError("decimals")
    units = re.sub(r"\D", "", match["units"])
    cents = int(units) * 100 + int(decimals.ljust(2, "0"))
    if cents == 0:
        raise AmountError("zero")
    if cents > MAX_CENTS:
        raise AmountError("too_large")
    return cents


def format_amount(cents: int, locale: str = "fr") -> str:
    """123456 → '1 234,56 €' (French) or '€1,234.56' (English)."""
    babel_locale = "fr_FR" if locale == "fr" else "en_GB"
    return format_currency(Decimal(cents).scaleb(-2), "EUR", locale=babel_locale)
