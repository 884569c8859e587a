"""Coop 974-300's whole year (tests/yearend.py) out and back in: its bank side written as the
bank's file in each layout and imported through /pointage, and its books exported with /export
(CSV and Excel), every file read back and checked against the books to the cent."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from openpyxl import load_workbook
from sqlmodel import select

from store import balances as sums
from store import bankfiles
from store.models import Coop, Statement, Tick
from store.people import who_is
from store.years import today_in
from tests.bankfiles import ACCOUNT, LAYOUTS, Line, bank_lines, credit_mutuel
from tests.test_treasury import euros, flat
from tests.yearend import AUGUST_STATEMENT, BANQUE, CAISSE, CHARGES, PEOPLE, PRODUITS, UNCASHED_CHEQUE, \
    record_year  # fmt: skip

AFFILIATION = "974-300"
UNCASHED = "Livres de bibliothèque"  # cheque n° 0000103, 86,40 €, written 25/08, cashed in September
FILES = {**LAYOUTS, "credit_mutuel": credit_mutuel}


def year_end(database):
    """The year recorded, its caisses counted and its classes closed: no statement yet."""
    y = record_year(database)
    y.count_cash()
    y.close_classes()
    y.count_cash()
    return y


def august(y) -> tuple[list[Line], int]:
    """What the bank shows of the coop up to 31/08: every bank entry but the uncashed cheque."""
    return bank_lines(y.db, AFFILIATION, y.last_day, leave_out=(UNCASHED,)), AUGUST_STATEMENT


def september(y) -> tuple[date, list[Line]]:
    day = date(y.year + 1, 9, 4)
    return day, [Line(day, f"CHEQUE N° {UNCASHED_CHEQUE}", -86_40)]


def opening_banque(y) -> int:
    return sum(y.act("mandataire", sums.balances, ledger, y.year).opening_banque for ledger in y.ledgers.values())


def bank_entries(y) -> dict[int, str]:
    """Every bank entry of the year the bank sees (internal bank-to-bank movements left out), by id."""
    from store.reconciliation import _bank_entries

    def read(session):
        coop = session.exec(select(Coop).where(Coop.affiliation == AFFILIATION)).one()
        return {e.id: e.label for e in _bank_entries(session, coop.id, y.last_day)}
    return y.db.run(read)


def ticked(y) -> dict[date, set[int]]:
    def read(session):
        found: dict[date, set[int]] = {}
        for statement, tick in session.exec(select(Statement, Tick).join(Tick, Tick.statement_id == Statement.id)
                                            .where(Statement.coop_id == y.coop)):  # fmt: skip
            found.setdefault(statement.day, set()).add(tick.entry_id)
        return found
    return y.db.run(read)


# ------------------------------------------------------------------ in: the bank's files


@pytest.mark.parametrize("layout", list(FILES))
def test_the_years_bank_file_matches_every_entry_once_but_the_uncashed_cheque(database, layout):
    y = year_end(database)
    lines, closing = august(y)
    books = bank_entries(y)
    data = FILES[layout](y.last_day, closing, lines)
    if layout == "credit_mutuel":  # its file says no date: not taken as its last line's, the person gives it
        with pytest.raises(bankfiles.BankFileError) as refused:
            y.act("mandataire", bankfiles.propose, y.coop, data, today=y.today)
        assert refused.value.reason == "no_date" and refused.value.details["last"] == lines[-1].day < y.last_day
    proposal = y.act("mandataire", bankfiles.propose, y.coop, data, today=y.today, **given(layout, y.last_day))
    statement = proposal.statement
    # The statement read right: its date, closing balance, account, and its lines add up from the opening.
    assert statement.closing == AUGUST_STATEMENT == BANQUE + 86_40
    assert statement.day == y.last_day
    seen = statement.day >= date(y.year + 1, 8, 25)  # the cheque was written before the statement's date
    assert seen  # Crédit Mutuel's too: its last line is before the cheque, its statement is of 31/08
    assert statement.account == (None if layout == "credit_mutuel" else ACCOUNT)
    assert opening_banque(y) + sum(x.amount for x in statement.lines) == AUGUST_STATEMENT
    if statement.opening is not None:
        assert statement.opening == opening_banque(y)
    # Every line of the file has its entry, every entry of the books is matched once, but the cheque.
    assert not proposal.unmatched_lines and len(proposal.matches) == len(lines) == len(statement.lines)
    matched = [i for m in proposal.matches for i in m.entry_ids]
    assert len(matched) == len(set(matched)) == len(books) - 1
    assert [(e.label, e.cheque_number, e.signed) for e in proposal.unmatched_entries] == [
        (UNCASHED, UNCASHED_CHEQUE, -86_40)][:seen]  # fmt: skip
    assert set(matched) == set(books) - {y.entries["livres"]}
    for m in proposal.matches:  # each line with entries of its amount (a remise: its cheques' total)
        assert sum(e.signed for e in m.entries) == statement.lines[m.line].amount
    rec = y.act("mandataire", bankfiles.accept, y.coop, statement.to_data(), matched, today=y.today)
    assert rec.balanced and (rec.statement_balance, rec.book_banque, rec.outstanding_debits) == (
        AUGUST_STATEMENT, BANQUE if seen else AUGUST_STATEMENT, 86_40 * seen)  # fmt: skip
    assert [e.label for e in rec.outstanding] == [UNCASHED][:seen]
    # September: the cheque cashed, the coop's account now known.
    day, cashed = september(y)
    data = FILES[layout](day, BANQUE, cashed)
    proposal = y.act("mandataire", bankfiles.propose, y.coop, data, today=y.today, **given(layout, day))
    assert [m.entry_ids for m in proposal.matches] == [(y.entries["livres"],)] and not proposal.unmatched_entries
    assert proposal.statement.closing == BANQUE and proposal.previous_day == statement.day
    rec = y.act("mandataire", bankfiles.accept, y.coop, proposal.statement.to_data(), [y.entries["livres"]],
                today=y.today)  # fmt: skip
    assert rec.balanced and rec.outstanding_debits == 0 and rec.statement_balance == rec.book_banque == BANQUE


def given(layout: str, day: date) -> dict:
    """The statement's date the person gives with a file that says none (Crédit Mutuel's)."""
    return {"day": day} if layout == "credit_mutuel" else {}


def person(sim, key):
    telegram_id, first, *_ = PEOPLE[key]
    return sim.user(telegram_id, first)


@pytest.mark.parametrize(("layout", "name"), [("credit_agricole", "CA20260831.csv"), ("ofx", "releve.ofx"),
                                              ("cfonb", "RELEVE_CFONB120.txt")])  # fmt: skip
async def test_the_mandataire_imports_the_years_statements_in_the_chat(bot, sim, database, layout, name):
    y = year_end(database)
    lines, closing = august(y)
    books = bank_entries(y)
    helene = person(sim, "mandataire")
    kind = {"credit_agricole": "CSV", "ofx": "OFX", "cfonb": "CFONB"}[layout]
    step = await helene.send("/pointage")
    step = await helene.send_document(LAYOUTS[layout](y.last_day, closing, lines), name)
    text = flat(step.text)
    assert text.startswith(f"Relevé du 31/08/{y.year + 1} — coop {AFFILIATION} Fichier {kind} "
                           f"· solde {euros(AUGUST_STATEMENT)}")  # fmt: skip
    assert f"{len(lines)} lignes : {len(lines)} avec une écriture, 0 sans écriture." in text
    assert "Au livre mais pas sur le relevé : 1 · École" in text and f"25/08 · {euros(-86_40)} Livres de biblioth" in text
    boxes = [b for row in step.last.buttons for b in row if b[0] in "☑☐➕"]
    while any("▶️" in b for row in step.last.buttons for b in row):
        step = await helene.press("▶️")
        boxes += [b for row in step.last.buttons for b in row if b[0] in "☑☐➕"]
    assert len(boxes) == len(lines) and all(b.startswith("☑ ") for b in boxes)  # every line proposed, ticked
    finish = step.last.buttons[-2][0]
    assert finish == f"✅ Pointer {len(books) - 1} opérations"
    step = await helene.press(finish)
    text = flat(step.text)
    assert text.startswith(f"Pointage enregistré : {len(books) - 1} opérations pointées sur le relevé du "
                           f"31/08/{y.year + 1}.")  # fmt: skip
    assert (f"Rapprochement équilibré ✅ Solde du relevé {euros(AUGUST_STATEMENT)} − dépenses pas encore passées en "
            f"banque {euros(86_40)} + recettes pas encore créditées {euros(0)} = banque au livre {euros(BANQUE)}.") in text
    assert ticked(y) == {y.last_day: set(books) - {y.entries["livres"]}}

    day, cashed = september(y)
    step = await helene.send("/pointage")
    step = await helene.send_document(LAYOUTS[layout](day, BANQUE, cashed), name)
    text = flat(step.text)
    assert "1 ligne : 1 avec une écriture, 0 sans écriture." in text and "Au livre mais pas" not in text
    assert step.last.buttons[0] == [f"☑ 04/09 {euros(-86_40)}"]
    step = await helene.press("✅ Pointer 1 opération")
    assert f"Rapprochement équilibré ✅ Solde du relevé {euros(BANQUE)} − dépenses pas encore passées en banque " \
           f"{euros(0)}" in flat(step.text)
    assert ticked(y)[day] == {y.entries["livres"]}
    assert y.db.run(lambda s: sorted((x.day, x.balance) for x in s.exec(select(Statement)))) == [
        (y.last_day, AUGUST_STATEMENT), (day, BANQUE)]


async def test_a_statement_of_another_bank_layout_the_slow_way(bot, sim, database):
    """Caisse d'Épargne's file after the date was offered: the mandataire first types a wrong date, then sends it."""
    y = year_end(database)
    lines, closing = august(y)
    helene = person(sim, "mandataire")
    step = await helene.send("/pointage")
    step = await helene.send("31 août")
    assert "jj/mm/aaaa" in step.text  # what is expected; still at the date
    step = await helene.send_document(LAYOUTS["caisse_epargne"](y.last_day, closing, lines), "releve.csv")
    assert f"{len(lines)} lignes : {len(lines)} avec une écriture, 0 sans écriture." in flat(step.text)
    step = await helene.press(step.last.buttons[-2][0])
    assert "Rapprochement équilibré ✅" in flat(step.text)


# ------------------------------------------------------------------ out: /export of that year


def received(user, step) -> tuple[str, bytes]:
    document = next(m for m in step.messages if m.document)
    return document.file_name, user.download(document.document)


def cents(text: str) -> int:
    units, _, decimals = text.replace("\u202f", "").replace(" ", "").partition(",")
    return (-1 if units.startswith("-") else 1) * (abs(int(units)) * 100 + int(decimals))


def ledger_balances(y) -> dict[str, sums.Balances]:
    return {name: y.act("mandataire", sums.balances, ledger, y.year) for name, ledger in y.ledgers.items()}


async def export(helene, kind: str, y) -> tuple[str, bytes]:
    step = await helene.send("/export")
    step = await helene.press(kind)
    step = await helene.press(f"🏫 Toute la coopérative {AFFILIATION}")
    step = await helene.press(f"Exercice {y.year}-{y.year + 1}")
    return received(helene, step)


async def test_the_year_exported_as_csv_adds_up_to_the_books(bot, sim, database):
    y = year_end(database)
    helene = person(sim, "mandataire")
    name, data = await export(helene, "📄 Journal (CSV)", y)
    assert name == f"journal-{AFFILIATION}-{y.year}-{y.year + 1}.csv" and data.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    live = y.live_entries()
    assert len({(r["Cahier"], r["Pièce"]) for r in rows}) == live  # every live entry, none twice
    books = ledger_balances(y)
    for ledger, b in books.items():
        mine = [r for r in rows if r["Cahier"] == ledger]
        accounts = [r for r in mine if r["Compte"]]
        assert sum(cents(r["Montant"]) for r in accounts if r["Compte"].startswith("6")) == b.charges, ledger
        assert sum(cents(r["Montant"]) for r in accounts if r["Compte"].startswith("7")) == b.produits, ledger
        # one line per split: each entry's splits add up to its amount
        for piece in {r["Pièce"] for r in mine}:
            parts = [r for r in mine if r["Pièce"] == piece]
            assert sum(cents(r["Montant"]) for r in parts) == cents(parts[0]["Montant écriture"]), (ledger, piece)
        # the opening + every line's signed amount = the year's final banque and caisse
        for treasury, opening, final in (("Banque", b.opening_banque, b.banque), ("Caisse", b.opening_caisse, b.caisse)):
            moved = sum(cents(r["Montant"]) * (1 if r["Sens"] == "Recette" else -1)
                        for r in mine if r["Trésorerie"] == treasury)  # fmt: skip
            assert opening + moved == final, (ledger, treasury)
    charges = sum(cents(r["Montant"]) for r in rows if r["Compte"].startswith("6"))
    produits = sum(cents(r["Montant"]) for r in rows if r["Compte"].startswith("7"))
    assert (charges, produits) == (CHARGES, PRODUITS)  # the CRF worked out by hand
    assert (sum(b.banque for b in books.values()), sum(b.caisse for b in books.values())) == (BANQUE, CAISSE)
    cheque = next(r for r in rows if r["N° chèque"] == UNCASHED_CHEQUE)
    assert (cheque["Libellé"], cheque["Montant"], cheque["Date"]) == (UNCASHED, "86,40", f"25/08/{y.year + 1}")


async def test_the_year_exported_as_xlsx_adds_up_to_the_books(bot, sim, database):
    y = year_end(database)
    helene = person(sim, "mandataire")
    name, data = await export(helene, "📊 Journal (Excel)", y)
    assert name == f"journal-{AFFILIATION}-{y.year}-{y.year + 1}.xlsx"
    workbook = load_workbook(io.BytesIO(data))
    books = ledger_balances(y)
    assert workbook.sheetnames == [*books, "CRF"]
    charges = produits = 0
    for ledger, b in books.items():
        sheet = workbook[ledger]
        headings = [c.value for c in sheet[4]]
        totals = {h: c.value for h, c in zip(headings, sheet[sheet.max_row])}
        assert totals["Libellé"] == "Totaux"
        assert (round(totals["Solde banque"] * 100), round(totals["Solde caisse"] * 100)) == (b.banque, b.caisse)
        sheet_charges = round(sum(totals[h] or 0 for h in headings if h.startswith("6")) * 100)
        sheet_produits = round(sum(totals[h] or 0 for h in headings if h.startswith("7")) * 100)
        assert (sheet_charges, sheet_produits) == (b.charges, b.produits), ledger
        charges, produits = charges + sheet_charges, produits + sheet_produits
        # each row's running banque follows from the one before it
        column = {h: i for i, h in enumerate(headings)}
        banque = round(sheet.cell(5, column["Solde banque"] + 1).value * 100)
        assert banque == b.opening_banque
        for row in sheet.iter_rows(min_row=6, max_row=sheet.max_row - 1, values_only=True):
            moved = round(((row[column["Banque recettes"]] or 0) - (row[column["Banque dépenses"]] or 0)) * 100)
            banque += moved
            assert round(row[column["Solde banque"]] * 100) == banque
        assert banque == b.banque
    assert (charges, produits) == (CHARGES, PRODUITS)
    assert books["École"].banque == BANQUE  # the classes closed: their money back in the school's ledger


async def test_the_sandbox_gives_coop_974_300_its_august_statement(database, tmp_path):
    """The sandbox's 974-300 (the year waiting for its end): its 31/08 statement file, sent by filaos."""
    from tests.test_sandbox import chat

    statement = tmp_path / f"s-releve-{AFFILIATION}.csv"
    out = await chat(database, ":user filaos", "/pointage", f":doc {statement}", files=tmp_path / "s")
    assert f"Celui du 31/08 de la coop {AFFILIATION} (:user filaos) : /pointage, puis :doc {statement}" in out
    answer = " ".join(out.rsplit(f":doc {statement}\n", 1)[1].split())  # the terminal indents wrapped lines
    assert f"coop {AFFILIATION} Fichier CSV · solde 1 407,40 €" in answer.replace("\u202f", " ").replace("\xa0", " ")
    assert "0 sans écriture" in answer and "Au livre mais pas sur le relevé : 1" in answer and "Livres de" in answer
    # the remise's line on the day of the remise (23/09), not on its first cheque's (15/09)
    assert "☑ 23/09 · +55,00 € REMISE CHEQUES N° 1 → Remise n° 1" in answer.replace("\u202f", " ").replace("\xa0", " ")
    # the same file, read against the books: every entry matched once, the cheque left
    data = statement.read_bytes()
    coop = database.run(lambda s: s.exec(select(Coop.id).where(Coop.affiliation == AFFILIATION)).one())
    proposal = database.run(lambda s: bankfiles.propose(s, who_is(s, PEOPLE["mandataire"][0]), coop, data,
                                                        today=today_in("Indian/Reunion")))  # fmt: skip
    assert proposal.statement.closing == AUGUST_STATEMENT and not proposal.unmatched_lines
    assert [e.cheque_number for e in proposal.unmatched_entries] == [UNCASHED_CHEQUE]
