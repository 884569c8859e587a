"""Amounts in cents and the fiscal year."""

from datetime import date, datetime, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from store.money import MAX_CENTS, AmountError, format_amount, parse_amount
from store.years import fiscal_year_bounds, fiscal_year_of, today_in


@pytest.mark.parametrize(
    ("typed", "cents"),
    [("12,50", 1250), ("12.50", 1250), ("12,5 €", 1250), ("1 234,56", 123456), ("45", 4500),
     ("0,01", 1), ("100 000", MAX_CENTS), ("1\u202f234,56 €", 123456)],
)  # fmt: skip
def test_accepted_amounts(typed, cents):
    assert parse_amount(typed) == cents


@pytest.mark.parametrize(
    ("typed", "reason"),
    [("0", "zero"), ("0,00", "zero"), ("-5", "format"), ("12,345", "decimals"),
     ("100 000,01", "too_large"), ("douze", "format"), ("", "format"), ("1 23,5", "format"),
     ("12,50,3", "format")],
)  # fmt: skip
def test_refused_amounts(typed, reason):
    with pytest.raises(AmountError) as refused:
        parse_amount(typed)
    assert refused.value.reason == reason


def test_french_formatting():
    assert format_amount(123456) == "1\u202f234,56\xa0€"
    assert format_amount(5) == "0,05\xa0€"


@given(st.integers(min_value=1, max_value=MAX_CENTS))
def test_formatted_amount_parses_back(cents):
    assert parse_amount(format_amount(cents)) == cents
    assert parse_amount(format_amount(cents, "en")) == cents  # '€1,234.56', as the bot writes it in English


def test_english_thousands_need_their_decimal_point():
    """'1,234.56' is English; '1,234' alone stays the French 1,234 (three decimals, refused)."""
    assert parse_amount("1,520.00") == 152000 and parse_amount("€12.50") == 1250
    with pytest.raises(AmountError) as refused:
        parse_amount("1,234")
    assert refused.value.reason == "decimals"


def test_fiscal_year_runs_september_to_august():
    assert fiscal_year_of(date(2026, 8, 31)) == 2025
    assert fiscal_year_of(date(2026, 9, 1)) == 2026
    assert fiscal_year_bounds(2026) == (date(2026, 9, 1), date(2027, 8, 31))


def test_today_depends_on_the_department_timezone():
    instant = datetime(2026, 8, 31, 21, 30, tzinfo=timezone.utc)
    assert today_in("Europe/Paris", instant) == date(2026, 8, 31)
    assert today_in("Indian/Reunion", instant) == date(2026, 9, 1)


def test_control_characters_never_reach_the_database():
    from store.text import plain

    assert plain("Piles\x00 pour\x07 la\nclasse\t") == "Piles pour la\nclasse\t"
