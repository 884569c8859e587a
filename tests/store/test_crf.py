"""The figures of the compte rendu financier (store/crf.py) over a realistic year (tests/yearend.py)."""

from __future__ import annotations

from datetime import date

import pytest

from store import balances, cashcounts, crf, entries, errors, reconciliation
from store.access import Forbidden
from store.models import Direction, Means
from tests import yearend
from tests.yearend import CRF, full_year, record_year

TODAY = date(2026, 10, 5)  # the exercice 2025-2026 ended; still open


@pytest.fixture
def year(database):
    return full_year(database, TODAY)


def report(y, key="mandataire"):
    return y.act(key, crf.year_report, y.coop, y.year)


def test_the_crf_matches_the_hand_written_one_to_the_cent(year):
    r = report(year)
    assert year.year == 2025
    assert {x.key: (x.charges, x.produits) for x in r.fonctionnement.lines} == CRF
    assert [x.key for x in r.fonctionnement.lines] == list(CRF)
    assert (r.fonctionnement.charges, r.fonctionnement.produits) == (yearend.CHARGES, yearend.PRODUITS)
    assert r.fonctionnement.resultat == yearend.RESULTAT
    fetes = next(x for x in r.fonctionnement.lines if x.key == "fetes")
    assert (fetes.label, fetes.accounts) == ("Produits des fêtes et manifestations", ("70880008",))
    assert (r.bilan.banque, r.bilan.caisse) == (yearend.BANQUE, yearend.CAISSE)
    assert (r.bilan.report_a_nouveau, r.bilan.resultat) == (yearend.REPORT_A_NOUVEAU, yearend.RESULTAT)
    assert r.bilan.balanced and r.bilan.actif == r.bilan.passif == 1_547_00 and r.bilan.causes == ()
    rap = r.rapprochement
    assert (rap.statement_day, rap.statement_balance) == (date(2026, 8, 31), yearend.AUGUST_STATEMENT)
    assert [(e.cheque_number, e.amount) for e in rap.uncashed] == [("0000103", 86_40)]
    assert rap.uncashed_cheques == rap.uncashed and rap.uncredited == ()
    assert (rap.uncashed_total, rap.uncredited_total, rap.book_banque, rap.difference) == (86_40, 0, 1_321_00, 0)
    assert [(c.ledger_name, c.book, c.count_day, c.counted, c.differs) for c in r.caisse.lines] == [
        ("École", 226_00, date(2026, 8, 31), 226_00, False)]
    assert [(s.giver, s.day, s.amount, s.account_code, s.ledger_name) for s in r.subventions] == [
        ("Commune de Saint-Paul", date(2025, 10, 14), 600_00, "74000008", "École")]
    assert [(i.label, i.value) for i in r.inventaire] == [("Vidéoprojecteur", 399_00)]
    assert [(c.name, c.closed, c.banque, c.caisse) for c in r.classes] == [
        ("CE1A", True, 0, 0), ("CE2B", True, 0, 0), ("CM1", True, 0, 0)]
    assert r.missing == () and r.complete


def test_a_september_statement_does_not_move_the_closed_years_uncashed_cheques(database):
    y = record_year(database, TODAY)
    y.count_cash()
    y.close_classes()
    y.count_cash()
    y.august_statement()
    def figures(r):
        return ([e.id for e in r.uncashed], r.uncashed_total, r.uncredited_total, r.book_banque, r.difference)

    before = (figures(report(y).rapprochement), y.act("mandataire", balances.coop_balances, y.coop, y.year))
    assert before[0][1:] == (86_40, 0, 1_321_00, 0) and before[1].uncashed_cheques == 86_40
    y.september_statement()
    after = (figures(report(y).rapprochement), y.act("mandataire", balances.coop_balances, y.coop, y.year))
    assert after[0] == before[0]
    assert (after[1].uncashed_cheques, after[1].uncashed_count) == (86_40, 1)
    assert y.act("mandataire", balances.coop_balances, y.coop, y.year + 1).uncashed_cheques == 0


def test_what_is_missing_is_said(database):
    y = record_year(database, TODAY)
    for name, ledger_id in y.ledgers.items():
        b = y.act("mandataire", balances.balances, ledger_id, y.year)
        assert (b.banque, b.caisse) == (yearend.BANK_AT_YEAR_END[name], yearend.CASH_AT_YEAR_END[name]), name
    r = report(y)
    assert r.missing == (
        ("class_ledgers_open", {"count": 3, "names": ("CE1A", "CE2B", "CM1")}),
        ("no_cash_count", {"ledgers": ("École", "CE1A", "CM1")}),
        ("no_august_statement", {}),
    )
    assert r.bilan.balanced  # open classes or not, the coop's books balance
    y.act("mandataire", cashcounts.count_cash, y.ledgers["École"], day=y.last_day, today=TODAY, total=160_00)
    y.act("mandataire", reconciliation.record_statement, y.coop, day=date(2026, 8, 28), balance=1_000_00, today=TODAY)
    r = report(y)
    assert ("cash_count_differs", {"ledger": "École", "difference": -4_50}) in r.missing
    assert ("unreconciled", {"difference": r.rapprochement.difference}) in r.missing
    assert r.rapprochement.statement_day == date(2026, 8, 28) and r.rapprochement.difference != 0


def test_who_reads_the_report(year):
    assert report(year, "verificateur").bilan.balanced
    with pytest.raises(Forbidden):
        report(year, "ce1a")


def test_a_grant_needs_its_giver(database):
    y = record_year(database, TODAY)
    fields = dict(direction=Direction.RECETTE, day=date(2026, 3, 1), label="Subvention", means=Means.VIREMENT,
                  amount=100_00, today=TODAY)  # fmt: skip
    for giver in (None, "   "):
        with pytest.raises(errors.LedgerError) as caught:
            y.act("mandataire", entries.record_entry, y.ledgers["École"], splits="subventions", giver=giver, **fields)
        assert caught.value.reason == "giver_required"
    with pytest.raises(errors.LedgerError) as caught:
        y.act("mandataire", entries.record_entry, y.ledgers["École"], splits="subventions", giver="x" * 121, **fields)
    assert caught.value.reason == "giver_length"
    count = y.live_entries()
    assert y.live_entries() == count
    # Split between a grant and another account: still a grant; a giver elsewhere is not kept.
    split = y.act("mandataire", entries.record_entry, y.ledgers["École"], splits=[("74000008", 60_00), ("dons", 40_00)],
                  giver=" Conseil  départemental ", **fields)
    assert split.giver == "Conseil départemental"
    assert y.act("mandataire", entries.record_entry, y.ledgers["École"], splits="dons", giver="Mairie", **fields).giver is None
    # Moving an entry onto a grant account asks for the giver too.
    don = y.act("mandataire", entries.record_entry, y.ledgers["École"], splits="dons", **fields)
    with pytest.raises(errors.LedgerError) as caught:
        y.act("mandataire", entries.edit_entry, don.id, today=TODAY, splits="subventions")
    assert caught.value.reason == "giver_required"
    edited = y.act("mandataire", entries.edit_entry, don.id, today=TODAY, splits="subventions", giver="État")
    assert edited.giver == "État"
    givers = [s.giver for s in report(y).subventions]
    assert givers == ["Commune de Saint-Paul", "Conseil départemental", "État"]


def test_crf_lines_cover_every_account_of_the_default_chart():
    from store.accounts import AccountClass, load_chart

    lines = crf.load_lines()
    for account in load_chart().accounts:
        line = crf.line_of(lines, account.code)
        if account.account_class == AccountClass.INTERNAL:
            assert line is None
        else:
            assert line is not None and line.side == account.account_class, account
    assert crf.line_of(lines, "65990008").key == "autres_charges"  # an account a department adds
    assert crf.line_of(lines, "70880008").key == "fetes" and crf.line_of(lines, "70700008").key == "ventes_cession"
