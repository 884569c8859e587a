"""The bookkeeping rules of store/ledger.py (now store/books.py, book_years.py, entries, balances…), one by one, on the
demo coop 974-111."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
from sqlalchemy.exc import IntegrityError
from sqlmodel import select

from store import balances, book_years, books, cashcounts, entries, errors, journal, lookups, movements, projects, reconciliation
from store.access import Action, Forbidden
from store.accounts import AccountClass, ChartError, load_chart
from store.models import (
    Coop, Department, Direction, Entry, Ledger, Means, MovementKind, Person, Role, RoleKind, Treasury,
)  # fmt: skip
from store.money import MAX_CENTS
from store.people import who_is

from ..world import lock_year

MARIE, JULIEN, SOPHIE, PAUL, VERA = 1001, 1002, 1003, 1004, 1005
TODAY = date(2026, 10, 15)
DAY = date(2026, 10, 1)
DEPENSE, RECETTE = Direction.DEPENSE, Direction.RECETTE
BANQUE, CAISSE = Treasury.BANQUE, Treasury.CAISSE


@dataclass
class World:
    db: object
    coop: int
    ecole: int
    ce1a: int
    ce2b: int

    def act(self, telegram_id, fn, *args, **kwargs):
        """Call a store function as this person, in one transaction."""
        return self.db.run(lambda s: fn(s, who_is(s, telegram_id), *args, **kwargs))

    def expense(self, ledger, amount, *, by=MARIE, **fields):
        fields = {"day": DAY, "label": "Achat", "treasury": BANQUE, "means": Means.CARTE,
                  "splits": "fournitures", "today": TODAY, **fields}  # fmt: skip
        return self.act(by, entries.record_entry, ledger, direction=DEPENSE, amount=amount, **fields)

    def income(self, ledger, amount, *, by=MARIE, **fields):
        fields = {"day": DAY, "label": "Participation", "treasury": BANQUE, "means": Means.VIREMENT,
                  "splits": "familles", "today": TODAY, **fields}  # fmt: skip
        return self.act(by, entries.record_entry, ledger, direction=RECETTE, amount=amount, **fields)

    def numbering(self, mode):
        def set_mode(session):
            department = session.get(Department, "974")
            department.piece_numbering = mode
            session.add(department)
        self.db.run(set_mode)


@pytest.fixture
def world(demo) -> World:
    def ids(session):
        coop = session.exec(select(Coop).where(Coop.affiliation == "974-111")).one()
        ledgers = {x.name: x.id for x in session.exec(select(Ledger).where(Ledger.coop_id == coop.id))}
        vera = Person(telegram_id=VERA, name="Véra Vérif")
        session.add(vera)
        session.flush()
        session.add(Role(person_id=vera.id, kind=RoleKind.VERIFICATEUR, coop_id=coop.id))
        return World(demo, coop.id, ledgers["École"], ledgers["CE1A"], ledgers["CE2B"])
    return demo.run(ids)


def refused(reason, call, *args, **kwargs):
    with pytest.raises(errors.LedgerError) as caught:
        call(*args, **kwargs)
    assert caught.value.reason == reason, caught.value
    return caught.value


# ---------------------------------------------------------------- entries and numbering


def test_an_expense_with_its_ventilation(world):
    entry = world.expense(world.ce1a, 4250, by=JULIEN, label="Sortie au musée",
                          splits=[("sorties", 4000), ("Fournitures", 250)], project="Classe verte")  # fmt: skip
    assert (entry.piece, entry.amount, entry.signed, entry.ledger_name) == ("1", 4250, -4250, "CE1A")
    assert [(s.account_code, s.amount) for s in entry.splits] == [("62510008", 4000), ("60640008", 250)]
    assert entry.splits[0].account_label.startswith("Charges des activités éducatives")
    assert entry.project == "classeverte"
    again = world.act(JULIEN, entries.get_entry, entry.id)
    assert again == entry


def test_single_numbering_counts_every_entry_of_the_ledger(world):
    pieces = [world.expense(world.ecole, 100).piece, world.income(world.ecole, 200).piece,
              world.expense(world.ce1a, 300).piece, world.expense(world.ecole, 400).piece]  # fmt: skip
    assert pieces == ["1", "2", "1", "3"]


def test_dr_numbering_counts_depenses_and_recettes_apart(world):
    world.numbering("dr")
    pieces = [world.expense(world.ecole, 100).piece, world.income(world.ecole, 200).piece,
              world.expense(world.ecole, 300).piece, world.income(world.ecole, 400).piece]  # fmt: skip
    assert pieces == ["D1", "R1", "D2", "R2"]


@pytest.mark.parametrize("mode", ["single", "dr"])
def test_numbering_restarts_at_one_on_1_september(world, mode):
    world.numbering(mode)
    today = date(2026, 9, 5)
    old = [world.expense(world.ecole, 100, day=date(2026, 8, d), today=today).piece for d in (30, 31)]
    new = world.expense(world.ecole, 100, day=date(2026, 9, 1), today=today)
    prefix = "D" if mode == "dr" else ""
    assert old == [f"{prefix}1", f"{prefix}2"] and new.piece == f"{prefix}1"
    assert new.fiscal_year == 2026


def test_the_database_refuses_a_duplicate_piece(world):
    entry = world.expense(world.ecole, 100)
    with pytest.raises(IntegrityError):
        with world.db.transaction() as session:
            row = session.get(Entry, entry.id)
            session.add(Entry(**{**row.model_dump(exclude={"id"}), "label": "Copie"}))


@pytest.mark.parametrize(
    ("fields", "reason"),
    [({"amount": 0}, "amount_not_positive"), ({"amount": -5}, "amount_not_positive"),
     ({"amount": MAX_CENTS + 1}, "amount_too_large"), ({"label": "  "}, "label_empty"),
     ({"label": "x" * 121}, "label_length"), ({"day": date(2026, 10, 16)}, "future"),
     ({"day": date(2025, 8, 31)}, "year_not_open"),
     ({"means": Means.CHEQUE}, "cheque_number_required"),
     ({"means": Means.CHEQUE, "cheque_number": "12a"}, "cheque_number_invalid"),
     ({"means": Means.CHEQUE, "cheque_number": "1234567890123"}, "cheque_number_invalid"),
     ({"treasury": CAISSE, "means": Means.CARTE}, "means_treasury"),
     ({"means": Means.ESPECES}, "means_treasury"),
     ({"splits": "dons"}, "wrong_class"), ({"splits": "58100008"}, "wrong_class"),
     ({"splits": "piles"}, "unknown_account"), ({"splits": []}, "no_split"),
     ({"splits": [("fournitures", 1000), ("sorties", 0)]}, "split_not_positive"),
     ({"splits": [("fournitures", 600), ("sorties", 300)]}, "splits_mismatch"),
     ({"project": "classe verte !"}, "project_invalid"), ({"project": "x" * 33}, "project_invalid")],
)  # fmt: skip
def test_refused_expenses(world, fields, reason):
    error = refused(reason, world.expense, world.ecole, fields.pop("amount", 1000), **fields)
    if reason == "splits_mismatch":
        assert error.difference == 100
    if reason in ("wrong_class", "unknown_account"):
        assert error.account == fields["splits"]


def test_a_recette_goes_on_a_produit_and_photos_means_the_right_one(world):
    refused("wrong_class", world.income, world.ecole, 1000, splits="fournitures")
    sold = world.income(world.ecole, 1000, splits="photos")
    bought = world.expense(world.ecole, 800, splits="PHOTOS")
    assert (sold.splits[0].account_code, bought.splits[0].account_code) == ("70700008", "60700008")


def test_a_cheque_keeps_its_number(world):
    entry = world.expense(world.ecole, 1500, means=Means.CHEQUE, cheque_number=" 0012345 ")
    assert entry.cheque_number == "0012345" and entry.uncashed_cheque


def test_the_caisse_never_goes_below_zero(world):
    world.income(world.ce1a, 1000, treasury=CAISSE, means=Means.ESPECES, day=date(2026, 10, 5))
    error = refused("caisse_negative", world.expense, world.ce1a, 1500, treasury=CAISSE, means=Means.ESPECES,
                    day=date(2026, 10, 6))  # fmt: skip
    assert error.caisse == 1000
    error = refused("caisse_negative", world.expense, world.ce1a, 500, treasury=CAISSE, means=Means.ESPECES,
                    day=date(2026, 10, 4))  # fmt: skip
    assert error.caisse == 0  # the cash came in on the 5th
    world.expense(world.ce1a, 1000, treasury=CAISSE, means=Means.ESPECES, day=date(2026, 10, 5))
    assert world.act(MARIE, balances.balances, world.ce1a, 2026).caisse == 0


def test_the_treasury_follows_the_means(world):
    cash = world.act(MARIE, entries.record_entry, world.ce1a, direction=RECETTE, day=DAY, label="Vente", amount=1000,
                     means=Means.ESPECES, splits="familles", today=TODAY)  # fmt: skip
    assert (cash.treasury, books.treasury_of(Means.CHEQUE)) == (CAISSE, BANQUE)
    card = world.expense(world.ce1a, 400)
    assert world.act(MARIE, entries.edit_entry, card.id, today=TODAY, means=Means.ESPECES).treasury == CAISSE
    assert world.act(MARIE, entries.edit_entry, card.id, today=TODAY, means=Means.VIREMENT).treasury == BANQUE
    assert world.act(MARIE, entries.edit_entry, cash.id, today=TODAY, means=Means.CHEQUE,
                     cheque_number="123").treasury == BANQUE  # fmt: skip


def test_a_recette_never_comes_by_direct_debit(world):
    refused("means_direction", world.income, world.ecole, 1000, means=Means.PRELEVEMENT)
    received = world.income(world.ecole, 1000, means=Means.VIREMENT)
    refused("means_direction", world.act, MARIE, entries.edit_entry, received.id, today=TODAY, means=Means.PRELEVEMENT)
    assert world.expense(world.ecole, 1000, means=Means.PRELEVEMENT).means == Means.PRELEVEMENT


def test_a_recette_by_direct_debit_recorded_before_the_rule_can_still_be_corrected(world):
    received = world.income(world.ecole, 1000, means=Means.VIREMENT)

    def recorded_before(session):
        session.get(Entry, received.id).means = Means.PRELEVEMENT

    world.db.run(recorded_before)
    edited = world.act(MARIE, entries.edit_entry, received.id, today=TODAY, label="Virement de la mairie")
    assert (edited.label, edited.means) == ("Virement de la mairie", Means.PRELEVEMENT)
    assert world.act(MARIE, entries.edit_entry, received.id, today=TODAY, means=Means.VIREMENT).means == Means.VIREMENT


def test_cancelling_the_recette_that_fed_the_caisse_is_refused(world):
    fed = world.income(world.ce1a, 1000, treasury=CAISSE, means=Means.ESPECES)
    world.expense(world.ce1a, 700, treasury=CAISSE, means=Means.ESPECES)
    error = refused("caisse_short", world.act, MARIE, entries.cancel_entry, fed.id, today=TODAY)
    assert error.caisse == -700
    lowered = refused("caisse_short", world.act, MARIE, entries.edit_entry, fed.id, today=TODAY, amount=600)
    assert lowered.caisse == -100  # with the 600 kept, not as if the recette were gone
    assert world.act(MARIE, entries.edit_entry, fed.id, today=TODAY, amount=700).amount == 700


# ---------------------------------------------------------------- access


def test_a_teacher_writes_and_reads_only_their_class_ledger(world):
    world.expense(world.ce1a, 100, by=JULIEN)
    theirs = world.expense(world.ce2b, 100, by=SOPHIE)
    with pytest.raises(Forbidden):
        world.expense(world.ce2b, 100, by=JULIEN)
    with pytest.raises(Forbidden):
        world.expense(world.ecole, 100, by=JULIEN)
    for call, args in ((journal.journal, (world.ce2b, 2026)), (balances.balances, (world.ce2b, 2026)),
                       (entries.get_entry, (theirs.id,)), (balances.coop_balances, (world.coop, 2026))):  # fmt: skip
        with pytest.raises(Forbidden):
            world.act(JULIEN, call, *args)
    with pytest.raises(Forbidden):
        world.act(JULIEN, entries.cancel_entry, theirs.id, today=TODAY)


def test_the_verificateur_and_the_ad_read_but_do_not_write(world):
    entry = world.expense(world.ce1a, 100)
    for reader in (VERA, PAUL):
        assert world.act(reader, journal.journal, world.ce1a, 2026).total == 1
        assert world.act(reader, balances.coop_balances, world.coop, 2026).total == -100
        with pytest.raises(Forbidden):
            world.expense(world.ce1a, 100, by=reader)
        with pytest.raises(Forbidden):
            world.act(reader, entries.edit_entry, entry.id, today=TODAY, label="Autre")
        with pytest.raises(Forbidden):
            world.act(reader, reconciliation.record_statement, world.coop, day=DAY, balance=0, today=TODAY)


def test_a_ledger_or_coop_chosen_by_button_is_looked_up_by_the_store(world):
    assert world.act(JULIEN, lookups.pick_ledger, world.ce1a).name == "CE1A"
    assert world.act(VERA, lookups.pick_ledger, world.ce1a, Action.READ_LEDGER).name == "CE1A"
    assert world.act(JULIEN, lookups.pick_coop, world.coop, Action.WRITE_LEDGER).id == world.ce1a
    assert world.act(VERA, lookups.pick_coop, world.coop, Action.READ_COOP).id == world.ecole
    assert [r.id for r in world.act(MARIE, lookups.managed_coops)] == [world.ecole]
    managed = [[r.coop_id for r in world.act(p, lambda _, who: who.managed())] for p in (MARIE, JULIEN)]
    assert managed == [[world.coop], []]
    assert world.act(MARIE, lookups.pick_coop, world.coop, Action.MANAGE_COOP).id == world.ecole
    assert world.act(JULIEN, lookups.school_ledgers, Action.READ_COOP) == []
    for who, call, args in ((JULIEN, lookups.pick_ledger, (world.ce2b,)), (VERA, lookups.pick_ledger, (world.ce1a,)),
                            (PAUL, lookups.pick_ledger, (world.ce1a, Action.READ_LEDGER)),  # not from the coop's chats
                            (JULIEN, lookups.pick_coop, (world.coop, Action.READ_COOP)),
                            (VERA, lookups.pick_coop, (world.coop, Action.MANAGE_COOP)),
                            (MARIE, lookups.pick_coop, (world.coop + 1, Action.WRITE_LEDGER)),
                            (JULIEN, lookups.managed_coops, ()), (VERA, lookups.managed_coops, ())):  # fmt: skip
        with pytest.raises(Forbidden):
            world.act(who, call, *args)


def test_the_ledgers_a_movement_starts_from(world):
    between = [r.name for r in world.act(MARIE, lookups.movement_ledgers, MovementKind.AVANCE)]
    assert between == ["CE1A", "CE2B"]
    assert world.act(JULIEN, lookups.movement_ledgers, MovementKind.DEPOT)[0].name == "CE1A"
    assert world.act(MARIE, lookups.pick_movement_ledger, MovementKind.DEPOT, world.ecole).name == "École"
    with pytest.raises(Forbidden):  # the school ledger is no class ledger to advance to
        world.act(MARIE, lookups.pick_movement_ledger, MovementKind.AVANCE, world.ecole)
    with pytest.raises(Forbidden):  # a teacher does not write the school ledger
        world.act(JULIEN, lookups.movement_ledgers, MovementKind.REMBOURSEMENT)


def test_a_statement_taken_up_for_another_coop_is_refused(world):
    rec = world.act(MARIE, reconciliation.record_statement, world.coop, day=DAY, balance=0, today=TODAY)
    assert world.act(MARIE, reconciliation.reconciliation, rec.statement_id, coop_id=world.coop).statement_id == rec.statement_id
    with pytest.raises(Forbidden):
        world.act(MARIE, reconciliation.reconciliation, rec.statement_id, coop_id=world.coop + 1)


# ---------------------------------------------------------------- edits, cancellations, audit


def test_an_edit_keeps_the_before_and_after(world):
    entry = world.expense(world.ce1a, 1000, by=JULIEN)
    edited = world.act(JULIEN, entries.edit_entry, entry.id, today=TODAY, amount=1250, label="Achat de cahiers",
                       day=date(2026, 10, 2))  # fmt: skip
    assert (edited.amount, edited.label, edited.piece) == (1250, "Achat de cahiers", "1")
    assert [(s.account_code, s.amount) for s in edited.splits] == [("60640008", 1250)]
    history = world.act(MARIE, entries.entry_history, entry.id)
    assert [e.action for e in history] == ["create", "edit"]
    assert history[1].person_name == "Julien Hoarau"
    assert (history[1].before["amount"], history[1].after["amount"]) == (1000, 1250)
    assert history[1].before["day"] == "2026-10-01" and history[1].after["splits"] == [["60640008", 1250]]


def test_an_edit_of_a_split_amount_needs_the_new_ventilation(world):
    entry = world.expense(world.ecole, 1000, splits=[("fournitures", 600), ("sorties", 400)])
    refused("splits_mismatch", world.act, MARIE, entries.edit_entry, entry.id, today=TODAY, amount=1200)
    edited = world.act(MARIE, entries.edit_entry, entry.id, today=TODAY, amount=1200,
                       splits=[("fournitures", 700), ("sorties", 500)])  # fmt: skip
    assert [s.amount for s in edited.splits] == [700, 500]
    refused("other_year", world.act, MARIE, entries.edit_entry, entry.id, today=TODAY, day=date(2026, 8, 31))


def test_a_cancelled_entry_stays_with_its_number(world):
    first = world.expense(world.ecole, 1000)
    world.act(MARIE, entries.cancel_entry, first.id, today=TODAY)
    second = world.expense(world.ecole, 300)
    page = world.act(MARIE, journal.journal, world.ecole, 2026)
    assert [(e.piece, e.cancelled) for e in page.entries] == [("2", False), ("1", True)]
    assert world.act(MARIE, balances.balances, world.ecole, 2026).banque == -300
    refused("cancelled", world.act, MARIE, entries.cancel_entry, first.id, today=TODAY)
    refused("cancelled", world.act, MARIE, entries.edit_entry, first.id, today=TODAY, label="Autre")
    assert [e.action for e in world.act(MARIE, entries.entry_history, first.id)] == ["create", "cancel"]
    assert second.piece == "2"


# ---------------------------------------------------------------- closing a year


def test_nothing_in_a_closed_year_changes(world):
    last_year = date(2026, 6, 10)
    kept = world.income(world.ecole, 5000, day=last_year)
    world.income(world.ce1a, 800, day=last_year, treasury=CAISSE, means=Means.ESPECES)
    world.act(MARIE, balances.set_opening_balance, world.ecole, 2025, banque=10000, caisse=2000, today=TODAY)
    final = world.act(MARIE, balances.coop_balances, world.coop, 2025)
    assert (final.banque, final.caisse, final.opening + final.resultat) == (15000, 2800, 17800)
    world.act(PAUL, lock_year, world.coop, 2025)  # as the AD's validation of the year's report does

    refused("closed_year", world.income, world.ecole, 100, day=last_year)
    refused("closed_year", world.act, MARIE, entries.edit_entry, kept.id, today=TODAY, label="Autre")
    refused("closed_year", world.act, MARIE, entries.cancel_entry, kept.id, today=TODAY)
    refused("closed_year", world.act, MARIE, entries.attach_receipt, kept.id, file_id="f", file_unique_id="u",
            path="r/1.jpg", mime_type="image/jpeg", size=10, today=TODAY)  # fmt: skip
    refused("closed_year", world.act, MARIE, balances.set_opening_balance, world.ecole, 2025, banque=0, caisse=0,
            today=TODAY)  # fmt: skip
    refused("closed_year", world.act, MARIE, cashcounts.count_cash, world.ce1a, day=last_year, today=TODAY, total=800)
    refused("carried_forward", world.act, MARIE, balances.set_opening_balance, world.ecole, 2026, banque=0, caisse=0,
            today=TODAY)  # fmt: skip
    assert world.act(MARIE, entries.get_entry, kept.id).label == "Participation"

    carried = world.act(MARIE, balances.balances, world.ce1a, 2026)
    assert (carried.opening_banque, carried.opening_caisse) == (0, 800)
    world.act(MARIE, balances.set_opening_balance, world.ce2b, 2026, banque=100, caisse=0, today=TODAY)  # its first year
    school = world.act(MARIE, balances.balances, world.ecole, 2026)
    assert (school.opening_banque, school.opening_caisse) == (15000, 2000)
    assert world.act(MARIE, book_years.open_years, world.ecole, TODAY) == (2026,)


def test_last_years_cash_can_be_spent_in_september(world):
    today = date(2026, 9, 10)
    world.income(world.ce1a, 3000, treasury=CAISSE, means=Means.ESPECES, day=date(2026, 6, 1), today=today)
    spent = world.expense(world.ce1a, 2500, treasury=CAISSE, means=Means.ESPECES, day=date(2026, 9, 2),
                          today=today)  # fmt: skip
    assert spent.fiscal_year == 2026
    b = world.act(MARIE, balances.balances, world.ce1a, 2026)
    assert (b.opening_caisse, b.caisse) == (3000, 500)
    # Last year's caisse now feeds this year's: lowering it below what was spent is refused.
    late = refused("caisse_negative", world.expense, world.ce1a, 600, treasury=CAISSE, means=Means.ESPECES,
                   day=date(2026, 8, 20), today=today)  # fmt: skip
    assert late.caisse == 500
    refused("carried_forward", world.act, MARIE, balances.set_opening_balance, world.ce1a, 2026, banque=0, caisse=0,
            today=today)  # fmt: skip


def test_a_ledger_starts_with_its_first_opening_balance(world):
    world.act(MARIE, balances.set_opening_balance, world.ce2b, 2026, banque=0, caisse=1500, today=TODAY)
    refused("before_opening", world.expense, world.ce2b, 100, day=date(2026, 8, 1))
    refused("before_opening", world.act, MARIE, balances.set_opening_balance, world.ce2b, 2025, banque=0, caisse=0,
            today=TODAY)  # fmt: skip
    world.expense(world.ce2b, 1500, treasury=CAISSE, means=Means.ESPECES, by=SOPHIE)
    error = refused("caisse_negative", world.act, MARIE, balances.set_opening_balance, world.ce2b, 2026, banque=0,
                    caisse=1000, today=TODAY)  # fmt: skip
    assert error.minimum == 1500


def test_opening_balances_and_the_report_identity(world):
    world.act(MARIE, balances.set_opening_balance, world.ecole, 2026, banque=30000, caisse=5000, today=TODAY)
    world.income(world.ecole, 12000, splits=[("familles", 10000), ("dons", 2000)])
    world.expense(world.ecole, 4000, treasury=CAISSE, means=Means.ESPECES, splits="sorties")
    b = world.act(MARIE, balances.balances, world.ecole, 2026)
    assert (b.banque, b.caisse, b.produits, b.charges, b.resultat) == (42000, 1000, 12000, 4000, 8000)
    assert b.opening + b.resultat == b.total
    refused("caisse_negative", world.act, MARIE, balances.set_opening_balance, world.ecole, 2026, banque=0,
            caisse=3000, today=TODAY)  # fmt: skip


# ---------------------------------------------------------------- movements


def test_internal_movements_are_neither_charges_nor_produits(world):
    world.act(MARIE, balances.set_opening_balance, world.ecole, 2026, banque=50000, caisse=0, today=TODAY)
    world.income(world.ecole, 6000, treasury=CAISSE, means=Means.ESPECES)
    deposit = world.act(MARIE, movements.record_movement, MovementKind.DEPOT, ledger_id=world.ecole, day=DAY,
                        amount=6000, label="Remise d'espèces", today=TODAY)  # fmt: skip
    assert (deposit.outgoing.treasury, deposit.incoming.treasury) == (CAISSE, BANQUE)
    assert (deposit.outgoing.piece, deposit.incoming.piece) == ("2", "3")
    assert deposit.outgoing.splits[0].account_code == "58100008"
    advance = world.act(MARIE, movements.record_movement, MovementKind.AVANCE, ledger_id=world.ecole,
                        to_ledger_id=world.ce1a, to_treasury=CAISSE, day=DAY, amount=2000,
                        label="Avance CE1A", today=TODAY)  # fmt: skip
    incoming = advance.incoming
    assert (incoming.ledger_name, incoming.piece, incoming.means) == ("CE1A", "1", Means.ESPECES)
    assert advance.outgoing.partner_entry_id == advance.incoming.id
    assert advance.incoming.movement_kind == MovementKind.AVANCE

    coop = world.act(MARIE, balances.coop_balances, world.coop, 2026)
    school, ce1a = coop.ledgers[0], coop.ledgers[1]
    assert (school.banque, school.caisse, school.internal, school.resultat) == (54000, 0, -2000, 6000)
    assert (ce1a.caisse, ce1a.internal, ce1a.resultat) == (2000, 2000, 0)
    assert coop.internal == 0 and coop.opening + coop.resultat == coop.total == 56000
    for b in coop.ledgers:
        assert b.opening + b.resultat + b.internal == b.total

    refused("caisse_negative", world.act, MARIE, movements.record_movement, MovementKind.DEPOT, ledger_id=world.ecole,
            day=DAY, amount=1, label="Remise", today=TODAY)  # fmt: skip
    refused("wrong_ledgers", world.act, MARIE, movements.record_movement, MovementKind.AVANCE, ledger_id=world.ce1a,
            to_ledger_id=world.ce2b, day=DAY, amount=100, label="Avance", today=TODAY)  # fmt: skip
    refused("movement", world.act, MARIE, entries.edit_entry, advance.incoming.id, today=TODAY, amount=1)
    with pytest.raises(Forbidden):  # a teacher cannot write in the school ledger
        world.act(JULIEN, movements.record_movement, MovementKind.REMBOURSEMENT, ledger_id=world.ce1a,
                  to_ledger_id=world.ecole, day=DAY, amount=100, label="Retour", today=TODAY)  # fmt: skip

    cancelled = world.act(MARIE, entries.cancel_entry, advance.incoming.id, today=TODAY)
    assert cancelled.cancelled
    assert world.act(MARIE, entries.get_entry, advance.outgoing.id).cancelled
    assert world.act(MARIE, balances.coop_balances, world.coop, 2026).ledgers[0].banque == 56000


def test_a_withdrawal_by_cheque_needs_its_number(world):
    refused("cheque_number_required", world.act, MARIE, movements.record_movement, MovementKind.RETRAIT,
            ledger_id=world.ecole, day=DAY, amount=100, label="Retrait", today=TODAY, means=Means.CHEQUE)  # fmt: skip
    moved = world.act(MARIE, movements.record_movement, MovementKind.RETRAIT, ledger_id=world.ecole, day=DAY,
                      amount=100, label="Retrait", today=TODAY, means=Means.CHEQUE, cheque_number="77")  # fmt: skip
    assert (moved.outgoing.means, moved.outgoing.cheque_number, moved.incoming.means) == (
        Means.CHEQUE, "77", Means.ESPECES)


# ---------------------------------------------------------------- bank reconciliation


def test_a_cheque_is_uncashed_until_ticked(world):
    cheque = world.expense(world.ecole, 3000, means=Means.CHEQUE, cheque_number="1234567")
    b = world.act(MARIE, balances.balances, world.ecole, 2026)
    assert (b.uncashed_cheques, b.uncashed_count) == (3000, 1)
    world.act(MARIE, reconciliation.record_statement, world.coop, day=date(2026, 10, 10), balance=-3000, today=TODAY,
              entry_ids=[cheque.id])  # fmt: skip
    b = world.act(MARIE, balances.balances, world.ecole, 2026)
    assert (b.uncashed_cheques, b.uncashed_count) == (0, 0)
    assert world.act(MARIE, entries.get_entry, cheque.id).ticked_on == date(2026, 10, 10)
    refused("ticked", world.act, MARIE, entries.edit_entry, cheque.id, today=TODAY, amount=2000)
    refused("ticked", world.act, MARIE, entries.cancel_entry, cheque.id, today=TODAY)
    assert world.act(MARIE, entries.edit_entry, cheque.id, today=TODAY, label="Autocar").label == "Autocar"


def test_the_reconciliation_reaches_zero(world):
    world.act(MARIE, balances.set_opening_balance, world.ecole, 2026, banque=100000, caisse=0, today=TODAY)
    transfer = world.income(world.ecole, 20000, day=date(2026, 9, 10))
    cheque = world.expense(world.ecole, 5000, means=Means.CHEQUE, cheque_number="42", day=date(2026, 9, 12))
    card = world.expense(world.ce1a, 3000, day=date(2026, 9, 20))
    cash = world.income(world.ecole, 700, treasury=CAISSE, means=Means.ESPECES, day=date(2026, 9, 20))
    later = world.expense(world.ecole, 100, day=date(2026, 10, 2))

    rec = world.act(MARIE, reconciliation.record_statement, world.coop, day=date(2026, 9, 30), balance=117000, today=TODAY)
    assert (rec.book_banque, rec.difference, rec.balanced) == (112000, 17000, False)
    assert [e.id for e in rec.outstanding] == [transfer.id, cheque.id, card.id]
    rec = world.act(MARIE, reconciliation.tick, rec.statement_id, [transfer.id], today=TODAY)
    assert rec.difference == -3000
    rec = world.act(MARIE, reconciliation.tick, rec.statement_id, [card.id], today=TODAY)
    assert rec.balanced and rec.outstanding_debits == 5000 and rec.expected == 117000
    assert [e.id for e in rec.outstanding] == [cheque.id] and len(rec.ticked) == 2

    for entry_id, reason in ((card.id, "already_ticked"), (later.id, "after_statement"),
                             (cash.id, "not_bank_entry")):  # fmt: skip
        refused(reason, world.act, MARIE, reconciliation.tick, rec.statement_id, [entry_id], today=TODAY)
    refused("statement_exists", world.act, MARIE, reconciliation.record_statement, world.coop, day=date(2026, 9, 30),
            balance=0, today=TODAY)  # fmt: skip
    again = world.act(VERA, reconciliation.reconciliation, rec.statement_id)
    assert again.balanced
    [listed] = world.act(VERA, reconciliation.statements, world.coop, 2026)
    assert (listed.balance, listed.ticked_count) == (117000, 2)
    # The next statement: the cheque was cashed, and the later card payment too.
    nxt = world.act(MARIE, reconciliation.record_statement, world.coop, day=date(2026, 10, 10), balance=111900,
                    today=TODAY, entry_ids=[cheque.id, later.id])  # fmt: skip
    assert nxt.balanced and nxt.outstanding == ()


# ---------------------------------------------------------------- cash counts


def test_a_cash_count_by_notes_and_coins(world):
    world.income(world.ce1a, 8735, treasury=CAISSE, means=Means.ESPECES, by=JULIEN)
    coins = {5000: 1, 2000: 1, 1000: 1, 500: 1, 200: 1, 20: 1, 10: 1, 5: 1}
    count = world.act(JULIEN, cashcounts.count_cash, world.ce1a, day=TODAY, today=TODAY, coins=coins)
    assert (count.counted, count.book, count.matches) == (8735, 8735, True)
    assert count.denominations[:2] == ((5000, 1), (2000, 1))
    short = world.act(JULIEN, cashcounts.count_cash, world.ce1a, day=TODAY, today=TODAY, total=8700)
    assert short.difference == -35 and not short.matches
    assert [c.counted for c in world.act(VERA, cashcounts.cash_counts, world.ce1a, 2026)] == [8700, 8735]
    before = world.act(JULIEN, cashcounts.count_cash, world.ce1a, day=date(2026, 9, 30), today=TODAY, total=0)
    assert before.book == 0 and before.matches
    refused("denomination", world.act, JULIEN, cashcounts.count_cash, world.ce1a, day=TODAY, today=TODAY, coins={300: 1})
    refused("count_negative", world.act, JULIEN, cashcounts.count_cash, world.ce1a, day=TODAY, today=TODAY, coins={100: -1})
    refused("count_missing", world.act, JULIEN, cashcounts.count_cash, world.ce1a, day=TODAY, today=TODAY)
    with pytest.raises(Forbidden):
        world.act(VERA, cashcounts.count_cash, world.ce1a, day=TODAY, today=TODAY, total=0)


# ---------------------------------------------------------------- journal, receipts, projects, inventory


def test_the_journal_pages_and_months(world):
    for day in (date(2026, 9, 3), date(2026, 9, 20), date(2026, 10, 1), date(2026, 10, 2)):
        world.expense(world.ecole, 100, day=day, label=f"Achat du {day.day}")
    page = world.act(MARIE, journal.journal, world.ecole, 2026, limit=3)
    assert [e.day.day for e in page.entries] == [2, 1, 20] and page.total == 4 and page.has_more
    page = world.act(MARIE, journal.journal, world.ecole, 2026, offset=3, limit=3)
    assert [e.piece for e in page.entries] == ["1"] and not page.has_more
    september = world.act(MARIE, journal.journal, world.ecole, 2026, month=9)
    assert [e.day for e in september.entries] == [date(2026, 9, 20), date(2026, 9, 3)]
    assert world.act(MARIE, journal.journal, world.ecole, 2026, month=8).total == 0
    refused("month", world.act, MARIE, journal.journal, world.ecole, 2026, month=13)
    refused("page", world.act, MARIE, journal.journal, world.ecole, 2026, limit=0)


def test_a_receipt_is_attached_to_its_entry(world):
    entry = world.expense(world.ce1a, 1999, by=JULIEN)
    receipt = world.act(JULIEN, entries.attach_receipt, entry.id, file_id="AgAD-file", file_unique_id="AQAD",
                        path="receipts/974-111/2026/1.jpg", mime_type="image/jpeg", size=123456, today=TODAY)  # fmt: skip
    shown = world.act(JULIEN, entries.get_entry, entry.id)
    assert shown.receipts == (receipt,) and receipt.path == "receipts/974-111/2026/1.jpg"
    refused("receipt_invalid", world.act, JULIEN, entries.attach_receipt, entry.id, file_id="", file_unique_id="u",
            path="p", mime_type="image/jpeg", size=1, today=TODAY)  # fmt: skip
    assert world.act(MARIE, entries.entry_history, entry.id)[-1].action == "attach"


def test_projects_summary(world):
    world.income(world.ecole, 30000, project="classe verte", splits="sorties")
    world.income(world.ce1a, 5000, project="Classe Verte", splits="dons", by=JULIEN)
    world.expense(world.ecole, 25000, project="classeverte", splits="sorties")
    cancelled = world.expense(world.ecole, 999, project="classeverte")
    world.act(MARIE, entries.cancel_entry, cancelled.id, today=TODAY)
    world.expense(world.ecole, 1200, project="kermesse")
    summary = world.act(MARIE, projects.projects_summary, world.coop, 2026)
    assert [(p.project, p.receipts, p.expenses, p.balance, p.entries) for p in summary] == [
        ("classeverte", 35000, 25000, 10000, 3), ("kermesse", 0, 1200, -1200, 1)]
    mine = world.act(JULIEN, projects.projects_summary, world.coop, 2026, ledger_id=world.ce1a)
    assert [(p.project, p.balance) for p in mine] == [("classeverte", 5000)]
    assert world.act(JULIEN, projects.project_tags, world.ce1a) == ("classeverte", "kermesse")


def test_durable_goods_go_to_the_inventory(world):
    world.expense(world.ecole, 45000, label="Vidéoprojecteur", splits=[("68000008", 42000), ("fournitures", 3000)])
    world.expense(world.ce1a, 8000, label="Tablette", splits="biens durables", by=JULIEN, day=date(2026, 9, 9))
    gone = world.expense(world.ecole, 1000, label="Erreur", splits="materiel")
    world.act(MARIE, entries.cancel_entry, gone.id, today=TODAY)
    items = world.act(VERA, projects.inventory, world.coop)
    assert [(i.label, i.value, i.ledger_name) for i in items] == [("Tablette", 8000, "CE1A"),
                                                                 ("Vidéoprojecteur", 42000, "École")]  # fmt: skip


# ---------------------------------------------------------------- the chart of accounts


def test_the_default_chart():
    chart = load_chart("occe")
    codes = {a.code for a in chart.accounts}
    assert {"62810008", "61681008", "68000008", "75620008"} <= codes
    assert all(len(c) == 8 and c.endswith("8") for c in codes)
    assert chart.lookup("Cotisation", AccountClass.CHARGE).code == "62810008"
    assert chart.lookup("cotisation", AccountClass.PRODUIT).code == "75620008"
    assert chart.lookup("cotisation") is None  # both classes: the direction decides
    assert chart.lookup("Assurance OCCE").code == "61681008"
    assert chart.lookup("  SORTIES ", AccountClass.CHARGE).code == "62510008"
    assert chart.lookup("6281").code == "62810008"
    assert chart.lookup("6") is None
    assert chart.inventory_codes() == ("68000008",)
    assert chart.movement_account("avance").account_class == AccountClass.INTERNAL
    with pytest.raises(ChartError):
        load_chart("../etc/passwd")
    with pytest.raises(ChartError):
        load_chart("nothing-here")


def test_accounts_offered_for_an_entry(world):
    charges = world.act(JULIEN, books.accounts_for, world.ce1a, DEPENSE)
    assert charges and all(a.account_class == AccountClass.CHARGE for a in charges)
