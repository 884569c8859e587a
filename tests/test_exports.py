"""/export, typed and pressed as a teacher, a mandataire, a vérificateur and the AD would; every file read back."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date, timedelta

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlmodel import select

from store import balances as sums
from store import entries, exports
from store.access import Forbidden
from store.exports import ExportError
from store.models import Coop, Direction, Entry, Ledger, Means, Treasury
from store.people import who_is
from store.years import fiscal_year_bounds, fiscal_year_of, today_in
from tests.world import EARLIER_BUTTON, PERSONAS, seed_world

TODAY = today_in("Indian/Reunion")
YEAR = fiscal_year_of(TODAY)
YEARS = f"{YEAR}-{YEAR + 1}"
FIRST, LAST = fiscal_year_bounds(YEAR)
REFUSED = "Vous n'avez pas accès à cette coopérative ou à ce cahier."
JULIEN, MARIE = 1002, 1001


def act(db, telegram_id, fn, *args, **kwargs):
    return db.run(lambda s: fn(s, who_is(s, telegram_id), *args, **kwargs))


def ledger_id(db, name: str, affiliation: str = "974-111") -> int:
    return db.run(lambda s: s.exec(select(Ledger.id).join(Coop, Coop.id == Ledger.coop_id)
                                   .where(Ledger.name == name, Coop.affiliation == affiliation)).one())  # fmt: skip


def coop_id(db, affiliation: str = "974-111") -> int:
    return db.run(lambda s: s.exec(select(Coop.id).where(Coop.affiliation == affiliation)).one())


def fr(cents: int) -> str:
    return f"{cents / 100:.2f}".replace(".", ",")


def received(user, step) -> tuple[str, bytes]:
    """The document the bot sent in this step: its name and content."""
    document = next(m for m in step.messages if m.document)
    return document.file_name, user.download(document.document)


def read_csv(data: bytes) -> list[dict[str, str]]:
    assert data.startswith("\ufeff".encode())
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def expected_splits(db, telegram_id, **target) -> list[tuple]:
    book = act(db, telegram_id, exports.gather, first=FIRST, last=LAST, **target)
    return [(x.day.strftime("%d/%m/%Y"), x.piece, x.ledger_name, code, fr(amount))
            for b in book.ledgers for x in b.lines for code, _, amount in x.splits]  # fmt: skip


@pytest.fixture
def world(demo_books):
    demo_books.run(seed_world)
    return demo_books


# ------------------------------------------------------------------ through the chat


async def test_teacher_gets_the_journal_as_csv_the_slow_way(bot, sim, cast, demo_books):
    julien = cast["enseignant"]
    step = await julien.send("/export")
    assert step.text == "Quel fichier voulez-vous ?"
    assert step.last.buttons == [["📄 Journal (CSV)"], ["📊 Journal (Excel)"], ["🖨 Cahier de comptabilité (PDF)"],
                                 ["📎 Justificatifs (ZIP)"], ["Annuler"]]  # fmt: skip
    step = await julien.press("📄 Journal (CSV)")  # his only ledger: straight to the period
    assert step.text == "Quelle période (CE1A) ?"
    step = await julien.press(f"Exercice {YEARS}")
    name, data = received(julien, step)
    assert name == f"journal-CE1A-{YEARS}.csv"
    assert f"Journal (CSV) — CE1A, exercice {YEARS}" in step.text
    rows = read_csv(data)
    assert [(r["Date"], r["Pièce"], r["Cahier"], r["Compte"], r["Montant"]) for r in rows] \
        == expected_splits(demo_books, JULIEN, ledger_id=ledger_id(demo_books, "CE1A"))  # fmt: skip
    gateaux = next(r for r in rows if r["Libellé"] == "Vente de gâteaux")
    assert (gateaux["Sens"], gateaux["Trésorerie"], gateaux["Moyen"], gateaux["Montant"], gateaux["Projet"]) \
        == ("Recette", "Caisse", "Espèces", "64,50", "classeverte")  # fmt: skip
    assert gateaux["Intitulé du compte"] == "Ventes de produits pour cession (photos…)"


async def test_a_typed_period_with_its_refusals(bot, sim, cast, demo_books):
    marie = cast["mandataire"]
    await marie.send("/export")
    step = await marie.press("📄 Journal (CSV)")
    assert step.text == "Pour quel cahier ?"
    assert step.last.buttons[0] == ["🏫 Toute la coopérative 974-111"]
    step = await marie.send("CE1A")
    assert step.text == "Choisissez le cahier avec un des boutons ci-dessus."
    step = await marie.press("📒 CE1A (974-111)")
    step = await marie.press("📅 Autres dates…")
    assert step.text.startswith("Tapez la période, du jj/mm/aaaa au jj/mm/aaaa (par exemple 01/09/")
    step = await marie.send("la semaine dernière")
    assert step.text.startswith("« la semaine dernière » : tapez deux dates jj/mm/aaaa")
    step = await marie.send(f"01/02/{YEAR + 1}-30/02/{YEAR + 1}")  # as other date steps say it
    assert step.text.startswith(f"« 30/02/{YEAR + 1} » n'est pas une date. Tapez la période, par exemple 01/09/")
    step = await marie.send(f"31/2/{(YEAR + 1) % 100}-15/3/{(YEAR + 1) % 100}")  # written as those steps take it
    assert step.text.startswith(f"« 31/2/{(YEAR + 1) % 100} » n'est pas une date.")
    step = await marie.send(f"30/11/{YEAR}-01/10/{YEAR}")
    assert step.text.startswith(f"La période finit avant de commencer (30/11/{YEAR}-01/10/{YEAR}).")
    step = await marie.send(f"01/06/{YEAR}-30/09/{YEAR}")
    assert step.text.startswith("La période doit tenir dans un exercice, du 1er septembre au 31 août")
    first, last = TODAY - timedelta(days=12), TODAY
    step = await marie.send(f"du {first:%d/%m/%Y} au {last:%d/%m/%Y}")  # the question's own words
    name, data = received(marie, step)
    assert name == f"journal-CE1A-{first.isoformat()}-{last.isoformat()}.csv"
    labels = {r["Libellé"] for r in read_csv(data)}
    assert labels == {"Vente de gâteaux", "Acompte car classe verte"}  # the paint, 20 days ago, is before


async def test_teacher_asking_for_another_class_is_refused(bot, sim, cast, world):
    julien = cast["enseignant"]
    await julien.send("/export")
    step = await julien.press("📄 Journal (CSV)")
    message = step.last
    step = await julien.press_data(f"exp:l:{ledger_id(world, 'CE2B')}", message)
    assert step.text == REFUSED
    step = await julien.press_data(f"exp:c:{coop_id(world)}", message)
    assert step.text == REFUSED
    with pytest.raises(Forbidden):
        act(world, JULIEN, exports.gather, first=FIRST, last=LAST, ledger_id=ledger_id(world, "CE2B"))
    with pytest.raises(Forbidden):
        act(world, PERSONAS["mandataire_autre_coop"][0], exports.gather, first=FIRST, last=LAST,
            coop_id=coop_id(world))  # fmt: skip


async def test_the_whole_coop_as_xlsx_totals_equal_the_store(bot, sim, cast, demo_books):
    marie = cast["mandataire"]
    await marie.send("/export")
    await marie.press("📊 Journal (Excel)")
    await marie.press("🏫 Toute la coopérative 974-111")
    step = await marie.press(f"Exercice {YEARS}")
    name, data = received(marie, step)
    assert name == f"journal-974-111-{YEARS}.xlsx"
    workbook = load_workbook(io.BytesIO(data))
    assert workbook.sheetnames == ["École", "CE1A", "CE2B", "CRF"]  # the CRF's sheet: tests/test_crf_files.py
    for sheet in workbook.worksheets[:-1]:
        balances = act(demo_books, MARIE, sums.balances, ledger_id(demo_books, sheet.title), YEAR)
        headings = [c.value for c in sheet[4]]
        assert headings[:7] == ["Date", "Pièce", "Libellé", "Banque recettes", "Banque dépenses", "Caisse recettes",
                                "Caisse dépenses"]  # fmt: skip
        assert headings[-2:] == ["Solde banque", "Solde caisse"]
        assert sheet.freeze_panes == "D5"
        opening = [c.value for c in sheet[5]]
        assert opening[2] == "Report à nouveau"
        assert (opening[-2], opening[-1]) == (balances.opening_banque / 100, balances.opening_caisse / 100)
        totals = {h: c.value for h, c in zip(headings, sheet[sheet.max_row])}
        assert totals["Libellé"] == "Totaux"
        assert (round(totals["Solde banque"] * 100), round(totals["Solde caisse"] * 100)) \
            == (balances.banque, balances.caisse)  # fmt: skip
        charges = sum(totals[h] or 0 for h in headings if h.startswith("6"))
        produits = sum(totals[h] or 0 for h in headings if h.startswith("7"))
        assert (round(charges * 100), round(produits * 100)) == (balances.charges, balances.produits)
        assert sheet["D6"].number_format.startswith("#,##0.00")


async def test_the_cahier_as_pdf_with_names_in_any_script(bot, sim, cast, demo_books):
    act(demo_books, MARIE, entries.record_entry, ledger_id(demo_books, "CE1A"), direction=Direction.RECETTE,
        day=TODAY, label="Don de 李小龙 et de فاطمة", treasury=Treasury.CAISSE, means=Means.ESPECES, amount=1234_56,
        splits="dons", today=TODAY)  # fmt: skip
    marie = cast["mandataire"]
    await marie.send("/export")
    await marie.press("🖨 Cahier de comptabilité (PDF)")
    await marie.press("📒 CE1A (974-111)")
    step = await marie.press(f"Exercice {YEARS}")
    name, data = received(marie, step)
    assert name == f"cahier-CE1A-{YEARS}.pdf"
    text = pdf_text(data)
    balances = act(demo_books, MARIE, sums.balances, ledger_id(demo_books, "CE1A"), YEAR)
    for expected in ("Cahier de comptabilité CE1A", "École Les Tamarins", "Report à nouveau", "Totaux",
                     "1 234,56 €", "240,00 €", "Vente de gâteaux", "Don de",
                     f"banque {fr(balances.banque)} €", f"caisse {fr(balances.caisse)} €"):  # fmt: skip
        assert expected.replace(" ", "") in text.replace(" ", "").replace("\xa0", ""), expected
    assert PdfReader(io.BytesIO(data)).pages[0].mediabox.width > PdfReader(io.BytesIO(data)).pages[0].mediabox.height


async def test_receipts_as_a_zip_one_file_each_with_an_index(bot, sim, cast, demo_books):
    julien = cast["enseignant"]
    await julien.send("/export")
    await julien.press("📎 Justificatifs (ZIP)")
    step = await julien.press(f"Exercice {YEARS}")
    assert "Aucune écriture de cette période n'a de justificatif : pas de fichier à envoyer." in step.text
    recorded = demo_books.run(lambda s: {e.label: (e.id, e.piece_number, e.day) for e in s.exec(select(Entry))})
    attached = []
    for label, data, mime in (("Fournitures de peinture", b"\xff\xd8 ticket", "image/jpeg"),
                              ("Vente de gâteaux", b"%PDF-1.4 liste", "application/pdf"),
                              ("Vente de gâteaux", b"\xff\xd8 photo", "image/jpeg")):  # fmt: skip
        file_id = sim.store_file(data, "x")
        act(demo_books, JULIEN, entries.attach_receipt, recorded[label][0], file_id=file_id,
            file_unique_id=file_id[-12:], path="receipts/x", mime_type=mime, size=len(data), today=TODAY)  # fmt: skip
        attached.append(data)
    await julien.send("/export")
    await julien.press("📎 Justificatifs (ZIP)")
    step = await julien.press(f"Exercice {YEARS}")
    name, data = received(julien, step)
    assert name == f"justificatifs-CE1A-{YEARS}.zip"
    assert "3 justificatifs dans ce fichier" in step.text
    archive = zipfile.ZipFile(io.BytesIO(data))
    _, paint, paint_day = recorded["Fournitures de peinture"]
    _, cakes, cakes_day = recorded["Vente de gâteaux"]
    assert sorted(archive.namelist()) == sorted([
        f"CE1A-{paint}-{paint_day.isoformat()}.jpg", f"CE1A-{cakes}-{cakes_day.isoformat()}-1.pdf",
        f"CE1A-{cakes}-{cakes_day.isoformat()}-2.jpg", "index.csv"])  # fmt: skip
    assert sorted(archive.read(n) for n in archive.namelist() if n != "index.csv") == sorted(attached)
    index = read_csv(archive.read("index.csv"))
    assert len(index) == 3 and {r["Libellé"] for r in index} == {"Fournitures de peinture", "Vente de gâteaux"}


async def test_ad_types_a_coop_of_the_department(bot, sim, world):
    paul = sim.user(*PERSONAS["ad"])
    await paul.send("/export")
    step = await paul.press("🖨 Cahier de comptabilité (PDF)")
    assert step.text == "Tapez le numéro de la coopérative (par exemple 974-111) ou le nom de son école :"
    step = await paul.send("971-999")  # the example is a coop of Paul's own department, not of the number typed
    assert step.text == ("« 971-999 » n'est pas une coopérative de votre département. Tapez son numéro, par exemple "
                         "974-111, ou le nom de son école :")  # fmt: skip
    step = await paul.send("974-111")
    assert step.text == "Quelle période (974-111) ?"
    step = await paul.press(f"Exercice {YEARS}")
    name, data = received(paul, step)
    text = pdf_text(data)
    assert name == f"cahier-974-111-{YEARS}.pdf"
    assert all(f"Cahier de comptabilité {x}" in text for x in ("École", "CE1A", "CE2B"))
    gaston = sim.user(*PERSONAS["ad_autre_departement"])
    step = await gaston.send("/export")  # 971 has no coop yet: no made-up example to type
    assert step.text == ("Vous ne suivez encore aucune coopérative : aucune coopérative de l'OCCE 971 n'est "
                         "enregistrée dans CoopBot pour l'instant.")  # fmt: skip


async def test_verificateur_exports_the_coop_and_english_speakers_read_english(bot, sim, world):
    victor = sim.user(*PERSONAS["verificateur"])
    await victor.send("/export")
    step = await victor.press("📄 Journal (CSV)")
    assert ["🏫 Toute la coopérative 974-111"] in step.last.buttons
    step = await victor.press("🏫 Toute la coopérative 974-111")
    step = await victor.press(f"Exercice {YEARS}")
    _, data = received(victor, step)
    assert len(read_csv(data)) == len(expected_splits(world, 2002, coop_id=coop_id(world)))
    anne = sim.user(PERSONAS["enseignant"][0], "Julien", language_code="en")
    step = await anne.send("/export")
    assert step.text == "Which file do you want?"


async def test_cancel_leaves_nothing_behind(bot, sim, cast, demo_books):
    marie = cast["mandataire"]
    await marie.send("/export")
    step = await marie.press("Annuler")
    assert step.text == "C'est annulé : rien de cette opération n'a été enregistré."
    step = await marie.send("01/09/2026-02/09/2026")
    assert not any(m.document for m in step.messages)


# ------------------------------------------------------------------ the store's rules


async def test_a_period_button_of_an_earlier_question_sends_nothing(bot, sim, cast, demo_books):
    """The CSV journal of CE1A asked, /annuler, then the PDF cahier of CE2B: « Exercice … » under « Quelle période
    (CE1A) ? » sent CE2B's cahier in its place."""
    marie = cast["mandataire"]
    await marie.send("/export")
    await marie.press("📄 Journal (CSV)")
    first = (await marie.press("📒 CE1A")).last
    await marie.send("/annuler")
    await marie.send("/export")
    await marie.press("🖨 Cahier")
    second = (await marie.press("📒 CE2B")).last
    years = first.buttons[0][0]
    for label in (years, "📅 Autres dates…"):
        step = await marie.press(label, message=first)
        assert step.answer == EARLIER_BUTTON and step.messages == []
    step = await marie.press(years, message=second)
    assert step.messages[-1].file_name.startswith("cahier-CE2B-")


def test_periods_run_forward_within_one_fiscal_year():
    exports.check_period(date(2026, 9, 1), date(2027, 8, 31))
    exports.check_period(date(2026, 10, 3), date(2026, 10, 3))
    with pytest.raises(ExportError, match="backwards"):
        exports.check_period(date(2026, 10, 3), date(2026, 10, 2))
    with pytest.raises(ExportError, match="span"):
        exports.check_period(date(2026, 8, 31), date(2026, 9, 1))


def test_a_period_starting_later_carries_the_earlier_entries_in_its_report(demo_books):
    target = ledger_id(demo_books, "CE1A")
    whole = act(demo_books, MARIE, exports.gather, first=FIRST, last=LAST, ledger_id=target).ledgers[0]
    later = TODAY - timedelta(days=15)
    part = act(demo_books, MARIE, exports.gather, first=later, last=LAST, ledger_id=target).ledgers[0]
    before = [x for x in whole.lines if x.day < later]
    assert before and len(part.lines) == len(whole.lines) - len(before)
    assert part.opening_banque == whole.opening_banque + sum(x.signed for x in before if x.treasury == Treasury.BANQUE)
    assert (part.banque, part.caisse) == (whole.banque, whole.caisse)
    balances = act(demo_books, MARIE, sums.balances, target, YEAR)
    assert (whole.banque, whole.caisse) == (balances.banque, balances.caisse)


def test_cancelled_entries_are_left_out(demo_books):
    target = ledger_id(demo_books, "CE1A")
    paint = demo_books.run(lambda s: s.exec(select(Entry.id).where(Entry.label == "Fournitures de peinture")).one())
    act(demo_books, MARIE, entries.cancel_entry, paint, today=TODAY)
    book = act(demo_books, MARIE, exports.gather, first=FIRST, last=LAST, ledger_id=target)
    assert "Fournitures de peinture" not in {x.label for x in book.ledgers[0].lines}


# ------------------------------------------------------------------ the picture of the year


async def test_solde_offers_a_manager_the_picture_of_the_year(bot, sim, cast, demo_books):
    marie = cast["mandataire"]
    step = await marie.send("/solde")
    step = await marie.press("📈 Graphique de l'année (974-111)")
    photo = next(m for m in step.messages if m.photo)
    assert photo.content.startswith(f"Coopérative 974-111, exercice {YEARS} : recettes et dépenses par mois")
    png = marie.download(photo.photo)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert (width, height) == (1200, 600)
    picture = act(demo_books, MARIE, exports.year_picture, coop_id(demo_books), YEAR)
    balances = act(demo_books, MARIE, sums.coop_balances, coop_id(demo_books), YEAR)
    assert sum(picture.receipts) == sum(b.produits for b in balances.ledgers)
    assert sum(picture.expenses) == sum(c for _, c in picture.charges) == sum(b.charges for b in balances.ledgers)
    assert picture.balances[-1] == balances.total
    julien = cast["enseignant"]
    step = await julien.send("/solde")
    assert not any("Graphique" in b for row in step.last.buttons for b in row)
    step = await julien.press_data(f"sld:chart:{coop_id(demo_books)}:{YEAR}", step.last)
    assert step.answer == REFUSED
