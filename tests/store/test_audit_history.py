"""store.audit.coop_history: a coop's trail, latest first, for those who may read the coop."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlmodel import select

from store import audit, cashcounts, entries, reconciliation
from store.access import Forbidden
from store.maintenance import forget_person
from store.models import Coop, Direction, Ledger, LedgerKind, Means, Person, Role, RoleKind, Treasury
from store.people import who_is

MARIE, JULIEN, PAUL, VERA, ODILE = 1001, 1002, 1004, 1005, 1006
TODAY = date(2026, 10, 15)
DAY = date(2026, 10, 1)


@pytest.fixture
def coop(demo):
    """Coop 974-111 with a vérificatrice, and a mandataire of another coop; returns (coop id, ledger ids)."""
    def setup(session):
        ours = session.exec(select(Coop).where(Coop.affiliation == "974-111")).one()
        other = Coop(affiliation="974-222", school_name="École du Butor", commune="Saint-Denis", department_code="974")
        session.add(other)
        session.flush()
        session.add(Ledger(coop_id=other.id, name="École", kind=LedgerKind.ECOLE))
        for telegram_id, name, kind, coop_id in ((VERA, "Véra Vérif", RoleKind.VERIFICATEUR, ours.id),
                                                 (ODILE, "Odile Autre", RoleKind.MANDATAIRE, other.id)):  # fmt: skip
            person = Person(telegram_id=telegram_id, name=name)
            session.add(person)
            session.flush()
            session.add(Role(person_id=person.id, kind=kind, coop_id=coop_id))
        ledgers = {x.name: x.id for x in session.exec(select(Ledger).where(Ledger.coop_id == ours.id))}
        return ours.id, ledgers
    return demo.run(setup)


def act(db, telegram_id, fn, *args, **kwargs):
    return db.run(lambda s: fn(s, who_is(s, telegram_id), *args, **kwargs))


def expense(db, telegram_id, ledger_id, amount, label="Achat"):
    return act(db, telegram_id, entries.record_entry, ledger_id, direction=Direction.DEPENSE, day=DAY, label=label,
               treasury=Treasury.BANQUE, means=Means.CARTE, amount=amount, splits="fournitures", today=TODAY)


def test_the_trail_latest_first_with_names_pieces_and_ledgers(demo, coop):
    coop_id, ledgers = coop
    first = expense(demo, MARIE, ledgers["École"], 1000, "Cahiers")
    second = expense(demo, JULIEN, ledgers["CE1A"], 2380, "Peinture")
    act(demo, JULIEN, entries.edit_entry, second.id, today=TODAY, amount=2500)
    act(demo, MARIE, entries.cancel_entry, first.id, today=TODAY)
    act(demo, MARIE, reconciliation.record_statement, coop_id, day=DAY, balance=-1000, today=TODAY)
    act(demo, MARIE, cashcounts.count_cash, ledgers["CE1A"], day=DAY, today=TODAY, total=0)

    history = act(demo, MARIE, audit.coop_history, coop_id)
    assert (history.affiliation, history.timezone, history.total, history.has_more) == \
           ("974-111", "Indian/Reunion", 6, False)  # fmt: skip
    assert [(e.entity, e.action) for e in history.events] == [
        ("cashcount", "create"), ("statement", "create"), ("entry", "cancel"), ("entry", "edit"),
        ("entry", "create"), ("entry", "create")]  # fmt: skip
    cash, statement, cancel, edit = history.events[:4]
    assert cash.ledger_name == "CE1A" and statement.statement_day == DAY
    assert (cancel.piece, cancel.ledger_name, cancel.person_name) == ("1", "École", "Marie Payet")
    assert (edit.piece, edit.ledger_name, edit.person_name) == ("1", "CE1A", "Julien Hoarau")
    assert (edit.before["amount"], edit.after["amount"]) == (2380, 2500)
    assert isinstance(edit.at, datetime) and edit.at.tzinfo is not None
    assert all(e.entity_id for e in history.events)


def test_pages_are_kept_within_bounds(demo, coop):
    coop_id, ledgers = coop
    for amount in range(100, 1300, 100):
        expense(demo, MARIE, ledgers["École"], amount)
    page = act(demo, MARIE, audit.coop_history, coop_id, 10, 5)
    assert (len(page.events), page.total, page.has_more) == (2, 12, False)
    assert page.events[-1].after["amount"] == 100
    assert act(demo, MARIE, audit.coop_history, coop_id, 0, 5).has_more
    assert len(act(demo, MARIE, audit.coop_history, coop_id, -3, 1000).events) == 12
    assert act(demo, MARIE, audit.coop_history, coop_id, 0, 0).limit == 1
    assert act(demo, MARIE, audit.coop_history, coop_id, 500).events == ()


def test_who_may_read_a_coops_trail(demo, coop):
    coop_id, ledgers = coop
    expense(demo, MARIE, ledgers["École"], 1000)
    assert act(demo, VERA, audit.coop_history, coop_id).total == 1  # vérificateurs read the coop
    assert act(demo, PAUL, audit.coop_history, coop_id).total == 1  # and the department's AD
    for outsider in (JULIEN, ODILE):  # a teacher sees their own entries' history only; another coop nothing
        with pytest.raises(Forbidden):
            act(demo, outsider, audit.coop_history, coop_id)
    with pytest.raises(Forbidden):
        act(demo, MARIE, audit.coop_history, 999_999)


def test_a_forgotten_person_shows_under_a_pseudonym(demo, coop):
    coop_id, ledgers = coop
    expense(demo, JULIEN, ledgers["CE1A"], 1000)
    demo.run(forget_person, JULIEN)
    event = act(demo, MARIE, audit.coop_history, coop_id).events[0]
    assert event.person_name.startswith("Personne supprimée n°")
    assert "Julien" not in event.person_name
