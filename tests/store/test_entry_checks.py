"""What /depense and /recette ask of the store at each step: the date, the cheque number, the class bank."""

from __future__ import annotations

from datetime import date

from sqlmodel import select

from store import entries, movements
from store.models import Direction, Entry, Means, MovementKind
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


def test_a_typed_label_that_says_nothing_is_refused_by_the_store(world):
    """Emoji or punctuation alone: the store refuses the label (label_letters) of a line, of a draft and of a
    movement, before anything is written; the bot only says it."""
    count = world.db.run(lambda s: len(s.exec(select(Entry.id)).all()))
    line = world.act(JULIEN, entries.record_or_draft, Direction.DEPENSE, amount=250, label="🎉 !!", project=None,
                     extras=["fournitures", "carte", "hier"])  # fmt: skip
    assert line.refused.reason == "label_letters" and "splits" not in line.fields  # refused before its words
    too_long = world.act(JULIEN, entries.record_or_draft, Direction.DEPENSE, amount=250, label="x" * 121,
                         project=None, extras=[])  # fmt: skip
    assert too_long.refused.reason == "label_length"
    draft = {"direction": "depense", "amount": 250, "label": "…", "ledger_id": world.ce1a, "means": "carte",
             "splits": [["fournitures", 250]], "day": DAY.isoformat()}  # fmt: skip
    refused("label_letters", world.act, JULIEN, entries.record_draft, draft)
    refused("label_letters", world.act, JULIEN, movements.record_movement, MovementKind.RETRAIT, ledger_id=world.ce1a,
            day=DAY, amount=100, label="💶", today=TODAY)  # fmt: skip
    assert world.db.run(lambda s: len(s.exec(select(Entry.id)).all())) == count
    assert world.act(JULIEN, entries.record_or_draft, Direction.DEPENSE, amount=250, label="Craies 🎨", project=None,
                     extras=["fournitures"]).refused is None  # fmt: skip
