"""What /depense and /recette ask of the store at each step: the date, the cheque number, the class bank."""

from __future__ import annotations

from datetime import date

from store import entries
from store.models import Means
from tests.store.test_ledger import DAY, JULIEN, MARIE, TODAY, refused, world  # noqa: F401 (world: a fixture)


def test_the_date_is_checked_before_recording(world):
    assert world.act(JULIEN, entries.check_entry_day, world.ce1a, DAY, today=TODAY) == 2026
    refused("future", world.act, JULIEN, entries.check_entry_day, world.ce1a, date(2026, 10, 16), today=TODAY)
    refused("year_not_open", world.act, JULIEN, entries.check_entry_day, world.ce1a, date(2024, 10, 1), today=TODAY)


def test_a_used_cheque_number_names_its_entry_coop_wide(world):
    written = world.expense(world.ce2b, 1000, means=Means.CHEQUE, cheque_number="0001240")
    used = world.act(JULIEN, entries.cheque_used, world.ce1a, "1240")  # another ledger, without the zeros
    assert (used.id, used.ledger_name, used.piece) == (written.id, "CE2B", written.piece)
    assert world.act(JULIEN, entries.cheque_used, world.ce1a, "1241") is None
    world.act(MARIE, entries.cancel_entry, written.id, today=TODAY)
    assert world.act(JULIEN, entries.cheque_used, world.ce1a, "1240") is None  # a cancelled cheque is free again
    received = world.income(world.ecole, 500, means=Means.CHEQUE, cheque_number="777")
    assert received and world.act(MARIE, entries.cheque_used, world.ecole, "777") is None  # parents' cheques


def test_the_suggested_cheque_skips_the_numbers_already_used(world):
    world.expense(world.ce2b, 1000, means=Means.CHEQUE, cheque_number="0001237")
    world.expense(world.ecole, 1000, means=Means.CHEQUE, cheque_number="0001236")
    assert world.act(MARIE, entries.next_cheque_number, world.ecole) == "0001238"


def test_a_class_bank_going_negative_is_told_not_refused(world):
    world.income(world.ce1a, 5000)
    assert world.act(JULIEN, entries.bank_after_expense, world.ce1a, day=DAY, amount=5000) is None
    assert world.act(JULIEN, entries.bank_after_expense, world.ce1a, day=DAY, amount=6000) == -1000
    assert world.act(MARIE, entries.bank_after_expense, world.ecole, day=DAY, amount=6000) is None  # the school: no
    assert world.expense(world.ce1a, 6000, by=JULIEN).amount == 6000
