"""Closing a class ledger (store/closing.py): the reversement, the lock, and every refusal, nothing lost."""

from __future__ import annotations

from datetime import date

import pytest

from store import balances, cashcounts, closing, crf, entries, errors, journal
from store.access import Forbidden
from store.models import Direction, Means, MovementKind
from tests.world import lock_year
from tests.yearend import CLOSING_LABEL, record_year

TODAY = date(2026, 10, 5)


@pytest.fixture
def year(database):
    return record_year(database, TODAY)


def close(y, key, name, **kwargs):
    return y.act(key, closing.close_class_ledger, y.ledgers[name], label=CLOSING_LABEL, today=TODAY, **kwargs)


def refused(reason, call, *args, **kwargs):
    with pytest.raises(errors.LedgerError) as caught:
        call(*args, **kwargs)
    assert caught.value.reason == reason, caught.value
    return caught.value


def test_closing_pays_the_balance_back_and_locks_the_year(year):
    y = year
    school_before = y.act("mandataire", balances.balances, y.ledgers["École"], y.year)
    preview = y.act("ce2b", closing.closing_preview, y.ledgers["CE2B"])
    assert (preview.year, preview.day, preview.banque, preview.caisse, preview.problem) == (
        2025, date(2026, 8, 31), 64_10, 0, None)
    done = close(y, "ce2b", "CE2B")
    assert done.closed and (done.banque, done.caisse) == (64_10, 0)
    after = y.act("ce2b", balances.balances, y.ledgers["CE2B"], y.year)
    assert (after.banque, after.caisse, after.internal) == (0, 0, -64_10)
    school = y.act("mandataire", balances.balances, y.ledgers["École"], y.year)
    assert school.banque == school_before.banque + 64_10 and school.internal == school_before.internal + 64_10
    # Locked: no entry, change or cancellation dated in that year; the next year opens at zero and is free.
    entry = dict(direction=Direction.DEPENSE, label="Colle", means=Means.CARTE, amount=3_00, splits="fournitures",
                 today=TODAY)  # fmt: skip
    error = refused("ledger_closed", y.act, "ce2b", entries.record_entry, y.ledgers["CE2B"], day=date(2026, 8, 1), **entry)
    assert (error.ledger, error.year) == ("CE2B", 2025)
    lines = y.act("ce2b", journal.journal, y.ledgers["CE2B"], 2025, limit=50).entries
    refused("ledger_closed", y.act, "ce2b", entries.edit_entry, lines[-1].id, today=TODAY, label="Autre")
    leg = next(e for e in lines if e.is_movement)
    refused("ledger_closed", y.act, "mandataire", entries.cancel_entry, leg.id, today=TODAY)
    assert y.act("ce2b", entries.record_entry, y.ledgers["CE2B"], day=date(2026, 9, 10), **entry).fiscal_year == 2026
    assert y.act("ce2b", balances.balances, y.ledgers["CE2B"], 2026).opening == 0
    # Closing twice is refused, nothing recorded.
    count = y.live_entries()
    error = refused("ledger_already_closed", close, y, "ce2b", "CE2B")
    assert (error.ledger, error.year) == ("CE2B", 2025)
    assert y.live_entries() == count


def test_a_caisse_needs_a_matching_count_first(year):
    y = year
    count = y.live_entries()
    assert y.act("cm1", closing.closing_preview, y.ledgers["CM1"]).problem == "cash_count_required"
    error = refused("cash_count_required", close, y, "cm1", "CM1")
    assert (error.ledger, error.caisse) == ("CM1", 7_00)
    y.act("cm1", cashcounts.count_cash, y.ledgers["CM1"], day=date(2026, 3, 1), today=TODAY, total=0)  # before its last cash entry
    refused("cash_count_required", close, y, "cm1", "CM1")
    y.act("cm1", cashcounts.count_cash, y.ledgers["CM1"], day=date(2026, 6, 30), today=TODAY, total=6_50)
    error = refused("cash_count_differs", close, y, "cm1", "CM1")
    assert (error.counted, error.caisse) == (6_50, 7_00)
    assert y.live_entries() == count and not y.act("cm1", closing.closing_preview, y.ledgers["CM1"]).closed
    y.act("cm1", cashcounts.count_cash, y.ledgers["CM1"], day=date(2026, 7, 1), today=TODAY, total=7_00)
    done = close(y, "cm1", "CM1")
    assert (done.banque, done.caisse, done.count_day, done.counted) == (0, 7_00, date(2026, 7, 1), 7_00)
    b = y.act("cm1", balances.balances, y.ledgers["CM1"], y.year)
    assert (b.banque, b.caisse) == (0, 0)


def test_a_teacher_closes_only_their_class_and_a_manager_any(year):
    y = year
    with pytest.raises(Forbidden):
        close(y, "ce1a", "CE2B")
    with pytest.raises(Forbidden):
        y.act("ce1a", closing.closing_preview, y.ledgers["CE2B"])
    with pytest.raises(Forbidden):
        y.act("verificateur", closing.closing_choices)
    refused("not_class_ledger", close, y, "mandataire", "École")
    assert [c.ledger_name for c in y.act("ce1a", closing.closing_choices)] == ["CE1A"]
    assert [c.ledger_name for c in y.act("mandataire", closing.closing_choices)] == ["CE1A", "CE2B", "CM1"]
    assert close(y, "mandataire", "CE2B").closed  # its teacher left


def test_a_class_in_deficit_is_covered_by_the_school(year):
    y = year
    y.entry("ce2b", "CE2B", Direction.DEPENSE, date(2026, 7, 2), "Sortie", Means.CARTE, 100_00, "sorties")
    assert y.act("ce2b", closing.closing_preview, y.ledgers["CE2B"]).banque == -35_90
    close(y, "ce2b", "CE2B")
    b = y.act("ce2b", balances.balances, y.ledgers["CE2B"], y.year)
    assert (b.banque, b.caisse) == (0, 0)
    legs = [e for e in y.act("ce2b", journal.journal, y.ledgers["CE2B"], y.year, limit=50).entries if e.is_movement]
    assert (legs[0].movement_kind, legs[0].direction, legs[0].amount) == (MovementKind.AVANCE, Direction.RECETTE, 35_90)


def test_the_report_lists_the_classes_still_open(year):
    y = year
    y.count_cash()
    close(y, "ce1a", "CE1A")
    report = y.act("mandataire", crf.year_report, y.coop, y.year)
    assert report.missing[0] == ("class_ledgers_open", {"count": 2, "names": ("CE2B", "CM1")})
    assert report.bilan.balanced


def test_the_new_year_opens_with_last_years_closing_and_follows_its_corrections(year):
    y = year
    y.count_cash()
    y.close_classes()
    y.count_cash()
    closing_total = y.act("mandataire", crf.year_report, y.coop, y.year).bilan.actif
    new = y.act("mandataire", balances.coop_balances, y.coop, y.year + 1)
    assert new.opening == closing_total == 1_547_00
    # A correction to last year (still open) moves the new year's report à nouveau.
    y.entry("mandataire", "École", Direction.DEPENSE, date(2026, 8, 30), "Frais oubliés", Means.PRELEVEMENT, 2_00,
            "frais bancaires")
    assert y.act("mandataire", balances.coop_balances, y.coop, y.year + 1).opening == 1_545_00
    # Once last year is closed (validated), nothing dated in it changes.
    y.act("mandataire", lock_year, y.coop, y.year)  # as the AD's validation of its report does
    refused("closed_year", y.entry, "mandataire", "École", Direction.DEPENSE, date(2026, 8, 30), "Encore", Means.CARTE,
            1_00, "fournitures")


def test_a_manager_reopens_a_closing_and_nothing_is_lost_when_it_cannot_be(year):
    y = year
    close(y, "ce2b", "CE2B")
    with pytest.raises(Forbidden):  # the teacher closes, only a manager undoes
        y.act("ce2b", closing.reopen_class_ledger, y.ledgers["CE2B"], today=TODAY)
    refused("ledger_not_closed", y.act, "mandataire", closing.reopen_class_ledger, y.ledgers["CM1"], today=TODAY)
    count = y.live_entries()
    done = y.act("mandataire", closing.reopen_class_ledger, y.ledgers["CE2B"], today=TODAY)
    assert (done.closed, done.banque, done.caisse, done.problem) == (False, 64_10, 0, None)
    assert y.live_entries() == count - 2
    close(y, "ce2b", "CE2B")  # closed again, as the first time
    assert y.act("ce2b", balances.balances, y.ledgers["CE2B"], y.year).banque == 0
    # CE1A's cash went to the school's caisse, which spent it since: undoing is refused, nothing changes.
    y.count_cash()
    close(y, "ce1a", "CE1A")
    school = y.act("mandataire", balances.balances, y.ledgers["École"], y.year).caisse
    y.act("mandataire", entries.record_entry, y.ledgers["École"], direction=Direction.DEPENSE, day=date(2026, 8, 31),
          label="Goûter de fin d'année", means=Means.ESPECES, amount=school, splits="achats", today=TODAY)  # fmt: skip
    count = y.live_entries()
    refused("caisse_short", y.act, "mandataire", closing.reopen_class_ledger, y.ledgers["CE1A"], today=TODAY)
    assert y.live_entries() == count
    assert y.act("mandataire", closing.closing_preview, y.ledgers["CE1A"]).closed
