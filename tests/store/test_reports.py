"""The report's rules in the store: who may do what, the quitus, sending, the AD's answer, the lock."""

from __future__ import annotations

from datetime import date

import pytest

from store import cashcounts, cra, entries, movements, quitus, report_sending, reports
from store.access import Forbidden
from store.errors import LedgerError
from sqlmodel import select

from store.models import Direction, Entry, Means, MovementKind, OutboxMessage, Person
from store.people import who_is
from store.years import today_in
from store.reports import ReportError
from tests.world import seed_world
from tests.reportworld import CLAIRE, HENRI, MARIE, SABINE, TODAY, YEAR, class_entry, coop_and_ledgers, seed_year

JULIEN, PAUL = 1002, 1004  # the demo's teacher of CE1A and its AD


def written_to(db, keys: tuple[str, ...]) -> dict[int, str]:
    """The notices of ``keys`` in the outbox: telegram id → kind (one each, never two)."""
    rows = db.run(lambda s: s.exec(select(Person.telegram_id, OutboxMessage.kind)
                                   .join(OutboxMessage, OutboxMessage.person_id == Person.id)
                                   .where(OutboxMessage.key.in_(keys))).all())  # fmt: skip
    assert len(rows) == len(keys)
    return dict(rows)


def act(db, telegram_id, fn, *args, **kwargs):
    return db.run(lambda s: fn(s, who_is(s, telegram_id), *args, **kwargs))


def coop_id(db) -> int:
    return db.run(lambda s: coop_and_ledgers(s)[0].id)


def refused(reason, db, *args, **kwargs):
    with pytest.raises(ReportError) as caught:
        act(db, *args, **kwargs)
    assert caught.value.reason == reason, caught.value
    return caught.value


def fill_cra(db, report_id):
    act(db, MARIE, cra.save_councils, report_id, 5)
    act(db, MARIE, cra.projects_done, report_id)
    act(db, MARIE, cra.save_actions, report_id, "Action solidarité : collecte de livres")
    return act(db, MARIE, cra.save_comments, report_id, "")


def ready(db) -> int:
    """A report with its CRA, two quitus (one a parent) and the August statement: ready to send."""
    view = act(db, MARIE, reports.open_report, coop_id(db))
    fill_cra(db, view.report_id)
    act(db, MARIE, quitus.request_quitus, view.report_id)
    act(db, HENRI, quitus.give_quitus, view.report_id, name="Henri Fontaine", parent=True)
    act(db, CLAIRE, quitus.give_quitus, view.report_id, name="Claire Hoareau", parent=False)
    act(db, MARIE, report_sending.attach, view.report_id, kind="statement", path="/tmp/x.pdf", mime_type="application/pdf",
        size=10)  # fmt: skip
    return view.report_id


@pytest.fixture
def year(demo):
    demo.run(seed_year)
    return demo


def test_reading_does_not_start_and_a_manager_opening_starts_with_the_years_projects(year):
    assert act(year, HENRI, reports.open_report, coop_id(year)).state == "not_started"
    assert year.run(lambda s: reports.coop_state(s, coop_id(year))) == "not_started"
    view = act(year, MARIE, reports.open_report, coop_id(year))
    assert (view.state, view.year, view.cra_step) == ("in_progress", YEAR, "councils")
    assert [(p.title, p.classes) for p in view.projects] == [("sortiemer", "École")]
    assert view.figures.complete and view.figures.bilan.balanced
    with pytest.raises(Forbidden):
        act(year, JULIEN, reports.open_report, coop_id(year))


def test_the_cra_is_kept_answer_by_answer_and_checked(year):
    report_id = act(year, MARIE, reports.open_report, coop_id(year)).report_id
    refused("councils", year, MARIE, cra.save_councils, report_id, 100)
    assert act(year, MARIE, cra.save_councils, report_id, 4).cra_step == "projects"
    view = act(year, MARIE, cra.add_project, report_id, title="Chorale", classes="CE1A, CE2B",
               description="Un concert en juin")  # fmt: skip
    assert [p.title for p in view.projects] == ["sortiemer", "Chorale"]
    refused("text_length", year, MARIE, cra.describe_project, view.projects[0].id, classes="", description="x")
    act(year, MARIE, cra.projects_done, report_id)
    refused("text_length", year, MARIE, cra.save_actions, report_id, "   ")
    act(year, MARIE, cra.save_actions, report_id, "aucune")
    assert act(year, MARIE, cra.save_comments, report_id, "").cra_step is None
    with pytest.raises(Forbidden):
        act(year, HENRI, cra.save_councils, report_id, 3)  # vérificateurs read only


def test_no_quitus_while_a_class_ledger_is_open(year):
    year.run(class_entry)
    view = act(year, MARIE, reports.open_report, coop_id(year))
    assert view.state == "ledgers_open"
    error = refused("ledgers_open", year, MARIE, quitus.request_quitus, view.report_id)
    assert error.count == 1
    assert act(year, MARIE, reports.open_report, coop_id(year)).state == "ledgers_open"  # nothing lost


def test_quitus_rules(year):
    report_id = act(year, MARIE, reports.open_report, coop_id(year)).report_id
    refused("quitus_not_requested", year, HENRI, quitus.give_quitus, report_id, name="Henri Fontaine", parent=True)
    outcome = act(year, MARIE, quitus.request_quitus, report_id)
    # written to the outbox under the reminders' key; not Sabine: she is also a signataire
    assert written_to(year, outcome.outbox) == {HENRI: "quitus", CLAIRE: "quitus"}
    assert outcome.view.state == "quitus_requested"
    refused("verificateur_manager", year, SABINE, quitus.give_quitus, report_id, name="Sabine Lebon", parent=True)
    refused("name_length", year, HENRI, quitus.give_quitus, report_id, name=" H ", parent=True)
    with pytest.raises(Forbidden):
        act(year, MARIE, quitus.give_quitus, report_id, name="Marie Payet", parent=True)
    outcome = act(year, HENRI, quitus.give_quitus, report_id, name="Henri  Fontaine", parent=True)
    assert [(q.name, q.parent, q.day) for q in outcome.view.quitus] == [("Henri Fontaine", True, today_in("Indian/Reunion"))]
    assert {n.telegram_id for n in outcome.notify} == {MARIE, SABINE}  # the managers


def test_sending_needs_everything_then_the_ad_answers(year):
    report_id = act(year, MARIE, reports.open_report, coop_id(year)).report_id
    refused("cra_incomplete", year, MARIE, report_sending.send, report_id)
    fill_cra(year, report_id)
    refused("quitus_count", year, MARIE, report_sending.send, report_id)
    act(year, MARIE, quitus.request_quitus, report_id)
    act(year, HENRI, quitus.give_quitus, report_id, name="Henri Fontaine", parent=False)
    act(year, CLAIRE, quitus.give_quitus, report_id, name="Claire Hoareau", parent=False)
    refused("no_parent", year, MARIE, report_sending.send, report_id)
    act(year, CLAIRE, quitus.give_quitus, report_id, name="Claire Hoareau", parent=True)
    refused("no_statement", year, MARIE, report_sending.send, report_id)
    refused("attachment_kind", year, MARIE, report_sending.attach, report_id, kind="photo", path="x", mime_type="x", size=1)
    act(year, MARIE, report_sending.attach, report_id, kind="statement", path="x.pdf", mime_type="application/pdf", size=1)
    refused("not_sent", year, PAUL, report_sending.validate, report_id)
    outcome = act(year, MARIE, report_sending.send, report_id)
    assert outcome.view.state == "sent" and [n.telegram_id for n in outcome.notify] == [PAUL]
    with pytest.raises(Forbidden):
        act(year, MARIE, report_sending.validate, report_id)
    refused("comment_length", year, PAUL, report_sending.send_back, report_id, "?")
    outcome = act(year, PAUL, report_sending.send_back, report_id, "Il manque le justificatif de la subvention")
    assert (outcome.view.state, outcome.view.ad_comment) == ("to_complete", "Il manque le justificatif de la subvention")
    assert written_to(year, outcome.outbox) == {MARIE: "renvoi", SABINE: "renvoi"}
    rows = act(year, PAUL, report_sending.follow_up, "974")
    assert [(r.affiliation, r.state) for r in rows] == [("974-111", "to_complete"), ("974-145", "not_started")]


def test_a_change_after_sending_makes_it_modified_and_validation_locks_the_year(year):
    report_id = ready(year)
    act(year, MARIE, report_sending.send, report_id)
    _, ledgers = year.run(coop_and_ledgers)
    entry = act(year, MARIE, entries.record_entry, ledgers["École"].id, direction=Direction.DEPENSE,
                day=date(YEAR + 1, 6, 1), label="Timbres", means=Means.ESPECES, amount=2_00, splits="fournitures",
                today=TODAY)  # fmt: skip
    assert year.run(lambda s: reports.coop_state(s, coop_id(year))) == "modified"
    told = year.run(report_sending.changes_to_tell)
    assert written_to(year, told) == {MARIE: "modifie", SABINE: "modifie", PAUL: "modifie"}
    assert year.run(report_sending.changes_to_tell) == ()  # told once
    act(year, MARIE, entries.cancel_entry, entry.id, today=TODAY, warned=True)  # the person saw the warning
    assert year.run(report_sending.changes_to_tell) == ()  # already "modifié": the same burst, not one notice per entry
    act(year, MARIE, cashcounts.count_cash, ledgers["École"].id, day=date(YEAR + 1, 8, 31), today=TODAY, total=90_00,
        warned=True)  # fmt: skip
    outcome = act(year, MARIE, report_sending.send, report_id)
    assert outcome.view.state == "sent"
    outcome = act(year, PAUL, report_sending.validate, report_id)
    assert outcome.view.state == "validated" and outcome.view.locked
    with pytest.raises(LedgerError) as caught:
        act(year, MARIE, entries.record_entry, ledgers["École"].id, direction=Direction.RECETTE,
            day=date(YEAR + 1, 6, 2), label="Don", means=Means.ESPECES, amount=5_00, splits="dons", today=TODAY)
    assert caught.value.reason == "closed_year"
    refused("locked", year, MARIE, cra.save_councils, report_id, 2)
    refused("locked", year, PAUL, report_sending.send_back, report_id, "Trop tard")


@pytest.fixture
def sent(year):
    act(year, MARIE, report_sending.send, ready(year))
    return year


def school(db) -> int:
    return db.run(lambda s: coop_and_ledgers(s)[1]["École"].id)


def cakes(db) -> int:
    """The cash receipt of 20/05 of the year whose report is sent."""
    return db.run(lambda s: s.exec(select(Entry.id).where(Entry.label == "Vente de gâteaux")).one())


def unconfirmed(db, fn, *args, **kwargs) -> None:
    """Refused until the person saw the warning: report_unconfirmed, of that year; the report stays « envoyé »."""
    with pytest.raises(LedgerError) as caught:
        act(db, MARIE, fn, *args, **kwargs)
    assert (caught.value.reason, caught.value.year) == ("report_unconfirmed", YEAR)
    assert db.run(lambda s: reports.coop_state(s, coop_id(db))) == "sent"


def modified(db) -> bool:
    return db.run(lambda s: reports.coop_state(s, coop_id(db))) == "modified"


@pytest.mark.parametrize("kind", [MovementKind.DEPOT, MovementKind.RETRAIT])
def test_a_movement_in_a_sent_year_needs_the_warning(sent, kind):
    fields = dict(ledger_id=school(sent), day=date(YEAR + 1, 6, 1), amount=10_00, label="Mouvement", today=TODAY)
    unconfirmed(sent, movements.record_movement, kind, **fields)
    refused = act(sent, MARIE, movements.record_movement_with_balances, kind, **fields)
    assert (refused.refused.reason, refused.refused.year, refused.movement) == ("report_unconfirmed", YEAR, None)
    moved = act(sent, MARIE, movements.record_movement_with_balances, kind, warned=True, **fields)
    assert moved.movement.outgoing.fiscal_year == YEAR and modified(sent)
    # The current year, whose report is not sent: nothing to confirm.
    assert act(sent, MARIE, movements.record_movement, kind, **fields | {"day": TODAY}).outgoing.fiscal_year == YEAR + 1


def test_a_cash_count_in_a_sent_year_needs_the_warning(sent):
    for counted in ({"total": 90_00}, {"coins": {5000: 1, 2000: 2}}):
        unconfirmed(sent, cashcounts.count_cash, school(sent), day=date(YEAR + 1, 8, 31), today=TODAY, **counted)
    count = act(sent, MARIE, cashcounts.count_cash, school(sent), day=date(YEAR + 1, 8, 31), today=TODAY,
                total=90_00, warned=True)  # fmt: skip
    assert count.matches and modified(sent)
    assert act(sent, MARIE, cashcounts.count_cash, school(sent), day=TODAY, today=TODAY, total=90_00).day == TODAY


def test_an_edit_in_a_sent_year_needs_the_warning(sent):
    entry_id = cakes(sent)
    for change in ({"label": "Vente de gâteaux et de jus"}, {"amount": 45_00}, {"day": date(YEAR + 1, 5, 21)},
                   {"means": Means.CHEQUE, "cheque_number": "1234567"}, {"splits": "dons"}, {"project": "kermesse"}):
        unconfirmed(sent, entries.edit_entry, entry_id, today=TODAY, **change)
    edited = act(sent, MARIE, entries.edit_entry, entry_id, today=TODAY, day=date(YEAR + 1, 5, 21),
                 label="Vente de gâteaux et de jus", warned=True)  # fmt: skip
    assert (edited.day, edited.label) == (date(YEAR + 1, 5, 21), "Vente de gâteaux et de jus") and modified(sent)
    # The year stays: a date in the current year is refused for that, warned or not.
    with pytest.raises(LedgerError) as caught:
        act(sent, MARIE, entries.edit_entry, entry_id, today=TODAY, day=TODAY, warned=True)
    assert caught.value.reason == "other_year"
    # An entry of the current year, whose report is not sent: nothing to confirm.
    entry = act(sent, MARIE, entries.record_entry, school(sent), direction=Direction.DEPENSE, day=TODAY, label="Colle",
                means=Means.CARTE, amount=2_00, splits="fournitures", today=TODAY)  # fmt: skip
    assert act(sent, MARIE, entries.edit_entry, entry.id, today=TODAY, label="Colle forte").label == "Colle forte"


def test_the_ad_of_another_department_and_other_coops_see_nothing(year):
    year.run(seed_world)
    report_id = act(year, MARIE, reports.open_report, coop_id(year)).report_id
    for telegram_id, fn, args in ((2004, reports.report_view, (report_id,)), (2003, cra.save_councils, (report_id, 1)),
                                  (2004, report_sending.follow_up, ("974",))):  # fmt: skip
        with pytest.raises(Forbidden):
            act(year, telegram_id, fn, *args)
