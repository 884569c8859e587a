"""A change to the books at the moment the report is sent (PostgreSQL; SQLite lets one writer at a time):
the report sent either shows the change, or turns « modifié » and its change is told."""

from __future__ import annotations

import threading
import time
from datetime import date

import pytest

from sqlmodel import select

from store import entries, quitus, reports, report_sending
from store.models import Quitus
from store.models import Direction, Means
from store.people import who_is
from store.reports import ReportError
from tests.reportworld import CLAIRE, HENRI, MARIE, TODAY, YEAR, coop_and_ledgers
from tests.store import test_reports
from tests.store.test_reports import act, coop_id, fill_cra, modified, ready

year = test_reports.year  # the fixture: the demo coop's year ready for its report
HELD = 1.0  # seconds a transaction stays open after its write: the other one, if it does not wait, is done by then


@pytest.fixture
def postgresql(year):
    if year.url.get_backend_name() == "sqlite":
        pytest.skip("SQLite: one writer at a time (BEGIN IMMEDIATE), nothing runs beside a transaction")
    return year


def cheque(session):
    """A cheque not cashed by 31/08: the report stays ready to send."""
    school = coop_and_ledgers(session)[1]["École"].id
    return entries.record_entry(session, who_is(session, MARIE), school, direction=Direction.DEPENSE,
                                day=date(YEAR + 1, 8, 30), label="Livres", means=Means.CHEQUE, amount=15_00,
                                splits="fournitures", cheque_number="0000102", today=TODAY)


def together(first, second) -> list[Exception]:
    """``first(written)`` in one thread, ``second()`` in another once ``first`` sets ``written``: what they raised."""
    written = threading.Event()
    errors = []

    def run(fn, *args):
        try:
            fn(*args)
        except Exception as exc:  # noqa: BLE001 - the test says it
            errors.append(exc)

    def after():
        assert written.wait(10)
        run(second)

    threads = [threading.Thread(target=run, args=(first, written)), threading.Thread(target=after)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return errors


def test_a_sending_waits_for_a_change_under_way(postgresql):
    """The sending waits for the change's commit, and so finds the quitus it withdrew (they certified the books
    as they were checked): the report is not sent without it. Had it not waited, it would have gone first."""
    report_id = ready(postgresql)
    done = []

    def change(written):
        with postgresql.transaction() as session:
            cheque(session)
            session.flush()
            written.set()
            time.sleep(HELD)
            done.append("change")

    def send():
        act(postgresql, MARIE, report_sending.send, report_id)
        done.append("send")

    refused = together(change, send)
    assert done == ["change"]
    assert [(type(e), e.reason, e.details) for e in refused] == [(ReportError, "quitus_count", {"have": 0, "needed": 2})]


def test_a_change_made_while_the_report_is_sent_turns_it_modified(postgresql):
    report_id = ready(postgresql)

    def send(written):
        with postgresql.transaction() as session:
            report_sending.send(session, who_is(session, MARIE), report_id)
            written.set()
            time.sleep(HELD)

    assert together(send, lambda: postgresql.run(cheque)) == []
    assert modified(postgresql)
    assert postgresql.run(report_sending.changes_to_tell)  # the change is told


def test_a_quitus_given_while_the_books_change_is_withdrawn_with_the_others(postgresql):
    """Claire gives her quitus while an expense of the year is being recorded: the change, committed after it,
    withdraws it with Henri's (it was given on books that changed); it used to stay, and count."""
    report_id = act(postgresql, MARIE, reports.open_report, coop_id(postgresql)).report_id
    fill_cra(postgresql, report_id)
    act(postgresql, MARIE, quitus.request_quitus, report_id)
    act(postgresql, HENRI, quitus.give_quitus, report_id, name="Henri Fontaine", parent=True)

    def give(written):
        with postgresql.transaction() as session:
            quitus.give_quitus(session, who_is(session, CLAIRE), report_id, name="Claire Hoareau", parent=False)
            session.flush()
            written.set()
            time.sleep(HELD)

    assert together(give, lambda: postgresql.run(cheque)) == []
    assert postgresql.run(lambda s: s.exec(select(Quitus).where(Quitus.report_id == report_id)).all()) == []
