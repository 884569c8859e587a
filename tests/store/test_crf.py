"""The figures of the compte rendu financier (store/crf.py), on the demo coop 974-111."""

from __future__ import annotations

from sqlmodel import select

from store import crf
from store.adhesion import department_year
from store.models import Coop
from store.people import who_is


def test_demo_books_report_balances(demo_books):
    def report(session):
        coop = session.exec(select(Coop).where(Coop.affiliation == "974-111")).one()
        return crf.year_report(session, who_is(session, 1001), coop.id, department_year(session, "974"))

    report = demo_books.run(report)
    assert report.bilan.balanced
    assert report.fonctionnement.resultat == 450_00 + 64_50 - 365_70 - 349_00 - 23_80 - 85_00 - 40_00
    assert ("no_august_statement", {}) in report.missing
    assert [c.name for c in report.classes] == ["CE1A", "CE2B"]
