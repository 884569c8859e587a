"""Remises de chèques: cheques received wait, are put on a numbered slip once, and the slip is ticked as one."""

from __future__ import annotations

from datetime import timedelta

import pytest

from store import balances, entries, lookups, reconciliation
from store.access import Forbidden
from store.errors import LedgerError
from store.models import Direction, Means, Treasury
from store.people import who_is
from store.years import fiscal_year_of, today_in
from tests.test_journal import act, ledger_id

TODAY = today_in("Indian/Reunion")
YEAR = fiscal_year_of(TODAY)
MARIE, JULIEN = 1001, 1002


def cheque(db, who, name, amount, label="Participation sortie", number="1111111"):
    return act(db, who, entries.record_entry, ledger_id(db, name), direction=Direction.RECETTE, day=TODAY,
               label=label, treasury=Treasury.BANQUE, means=Means.CHEQUE, cheque_number=number, amount=amount,
               splits="familles", today=TODAY)  # fmt: skip


def coop_of(db) -> int:
    return db.run(lambda s: lookups.ledgers_for(s, who_is(s, MARIE), write=False)[0].coop_id)


def test_cheques_wait_then_go_on_one_numbered_slip(demo_books):
    a, b = cheque(demo_books, JULIEN, "CE1A", 15_00), cheque(demo_books, MARIE, "École", 20_00)
    coop = coop_of(demo_books)
    assert [c.id for c in act(demo_books, JULIEN, reconciliation.cheques_to_deposit, coop)] == [a.id]  # a teacher's own
    assert [c.id for c in act(demo_books, MARIE, reconciliation.cheques_to_deposit, coop)] == [a.id, b.id]
    waiting = act(demo_books, MARIE, balances.balances, a.ledger_id, YEAR)
    assert (waiting.undeposited_count, waiting.undeposited_cheques) == (1, 15_00)
    with pytest.raises(Forbidden):
        act(demo_books, JULIEN, reconciliation.record_deposit, coop, [b.id], day=TODAY, today=TODAY)
    slip = act(demo_books, MARIE, reconciliation.record_deposit, coop, [a.id, b.id], day=TODAY, today=TODAY)
    assert (slip.number, slip.total, len(slip.cheques)) == (1, 35_00, 2)
    assert act(demo_books, MARIE, reconciliation.cheques_to_deposit, coop) == ()
    assert act(demo_books, MARIE, entries.get_entry, a.id).deposit_number == 1
    with pytest.raises(LedgerError) as refused:
        act(demo_books, MARIE, reconciliation.record_deposit, coop, [a.id], day=TODAY, today=TODAY)
    assert refused.value.reason == "not_to_deposit"
    c = cheque(demo_books, MARIE, "École", 5_00)
    with pytest.raises(LedgerError) as refused:
        act(demo_books, MARIE, reconciliation.record_deposit, coop, [c.id], day=TODAY - timedelta(days=400), today=TODAY)
    assert refused.value.reason in ("year_not_open", "after_deposit")
    assert act(demo_books, MARIE, reconciliation.record_deposit, coop, [c.id], day=TODAY, today=TODAY).number == 2


def test_an_expense_is_not_a_cheque_to_deposit(demo_books):
    coop = coop_of(demo_books)
    paid = act(demo_books, MARIE, entries.record_entry, ledger_id(demo_books, "École"), direction=Direction.DEPENSE,
               day=TODAY, label="Car", treasury=Treasury.BANQUE, means=Means.CHEQUE, cheque_number="42",
               amount=10_00, splits="sorties", today=TODAY)  # fmt: skip
    with pytest.raises(LedgerError) as refused:
        act(demo_books, MARIE, reconciliation.record_deposit, coop, [paid.id], day=TODAY, today=TODAY)
    assert refused.value.reason == "not_to_deposit"
    with pytest.raises(LedgerError) as refused:
        act(demo_books, MARIE, reconciliation.record_deposit, coop, [], day=TODAY, today=TODAY)
    assert refused.value.reason == "no_cheque"


def test_a_deposited_cheque_keeps_its_amount_and_is_not_cancelled(demo_books):
    a = cheque(demo_books, MARIE, "École", 15_00)
    act(demo_books, MARIE, reconciliation.record_deposit, coop_of(demo_books), [a.id], day=TODAY, today=TODAY)
    for change in (lambda: act(demo_books, MARIE, entries.edit_entry, a.id, amount=16_00, today=TODAY),
                   lambda: act(demo_books, MARIE, entries.cancel_entry, a.id, today=TODAY)):
        with pytest.raises(LedgerError) as refused:
            change()
        assert refused.value.reason == "deposited"
    assert act(demo_books, MARIE, entries.edit_entry, a.id, label="Don de la mairie", today=TODAY).label \
        == "Don de la mairie"  # fmt: skip
