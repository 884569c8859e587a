"""The compte rendu as files: the PDF of /export and of /compterendu's overview, the XLSX's « CRF »
sheet; pressed as coop 974-300's people (tests/yearend.py) would, every file read back."""

from __future__ import annotations

import io

import pytest

from openpyxl import load_workbook
from pypdf import PdfReader

from bot.exports.report import crf_pdf
from store import crf, exports, reports
from store.access import Forbidden
from tests.yearend import BANQUE, CAISSE, CHARGES, CRF, GRANT_GIVER, PEOPLE, PRODUITS, REPORT_A_NOUVEAU, RESULTAT, \
    VERIFICATEURS, full_year, reported_year  # fmt: skip

def person(sim, key):
    telegram_id, first, *_ = PEOPLE[key]
    return sim.user(telegram_id, first)


def money(cents: int) -> str:
    """As the PDF writes it, spaces left out: '1752,00€'."""
    return f"{cents // 100:,}".replace(",", "") + f",{cents % 100:02d}€"


def flat(text: str) -> str:
    return "".join(text.split())


def received(user, step) -> tuple[str, bytes]:
    document = next(m for m in step.messages if m.document)
    return document.file_name, user.download(document.document)


def assert_whole_crf(data: bytes, y) -> None:
    reader = PdfReader(io.BytesIO(data))
    text = flat("\n".join(page.extract_text() for page in reader.pages))
    assert all(page.mediabox.height > page.mediabox.width for page in reader.pages)  # portrait
    figures = y.act("mandataire", crf.year_report, y.coop, y.year)
    for line in figures.fonctionnement.lines:  # every line, with its amount, as the hand-written CRF says
        charges, produits = CRF[line.key]
        assert flat(line.label)[:25] in text and money(charges or produits) in text, line.label
    for value in (CHARGES, PRODUITS, RESULTAT, REPORT_A_NOUVEAU, BANQUE, CAISSE, BANQUE + CAISSE, 600_00, 399_00,
                  86_40):  # fmt: skip
        assert money(value) in text, value
    for words in ("Coopérativescolaire974-300—ÉcoledesFilaos", "Bilanau31/08", "Rapprochementbancaire",
                  "chèquen°0000103", "Arrêtédecaisse", GRANT_GIVER, "Vidéoprojecteur", "Conseilsdecoopérativetenus:4",
                  "Rencontreschantantesdel'OCCE", "Unebelleannéedeprojets.", "état:quitusdemandé",
                  f"fichierdu{y.today:%d/%m/%Y}", *(flat(name) for name in VERIFICATEURS)):  # fmt: skip
        assert flat(words) in text, words


async def test_the_report_as_pdf_from_export_the_slow_way(bot, sim, database):
    y = reported_year(database)
    helene = person(sim, "mandataire")
    step = await helene.send("/export")
    assert ["📄 Compte rendu (PDF)"] in step.last.buttons
    step = await helene.press("📄 Compte rendu (PDF)")
    years = f"{y.year}-{y.year + 1}"
    assert "📅 Autres dates…" not in str(step.last.buttons)  # a compte rendu is a whole exercice's
    step = await helene.press(f"Exercice {years}")
    name, data = received(helene, step)
    assert name == f"compte-rendu-974-300-{years}.pdf"
    assert_whole_crf(data, y)


async def test_a_verificateur_prints_it_from_compterendu(bot, sim, database):
    y = reported_year(database)
    gilbert = person(sim, "verificateur")
    step = await gilbert.send("/compterendu")
    assert "📄 PDF" in step.last.buttons[-1]
    step = await gilbert.press("📄 PDF")
    name, data = received(gilbert, step)
    assert name == f"compte-rendu-974-300-{y.year}-{y.year + 1}.pdf"
    assert_whole_crf(data, y)


async def test_compterendu_sends_the_picture_of_the_year_it_reports(bot, sim, database):
    y = reported_year(database)
    years = f"{y.year}-{y.year + 1}"
    gilbert = person(sim, "verificateur")
    step = await gilbert.send("/compterendu")
    assert step.last.buttons[-2] == ["📈 Graphique de l'année (974-300)"]
    step = await gilbert.press("📈 Graphique de l'année (974-300)")
    photo = next(m for m in step.messages if m.photo)
    assert photo.content.startswith(f"Coopérative 974-300, exercice {years} : recettes et dépenses par mois")
    png = gilbert.download(photo.photo)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert (int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")) == (1200, 600)
    picture = y.act("verificateur", exports.year_picture, y.coop, y.year)  # the year that ended, not this one
    assert (picture.year, sum(picture.receipts), sum(picture.expenses)) == (y.year, PRODUITS, CHARGES)
    assert picture.balances[-1] == BANQUE + CAISSE
    step = await gilbert.press("📄 PDF")  # the overview's buttons still answer
    assert received(gilbert, step)[0] == f"compte-rendu-974-300-{years}.pdf"


async def test_a_teacher_is_not_offered_the_report(bot, sim, database):
    full_year(database)
    luc = person(sim, "cm1")
    step = await luc.send("/export")
    assert step.last.buttons == [["📄 Journal (CSV)"], ["📊 Journal (Excel)"], ["🖨 Cahier de comptabilité (PDF)"],
                                 ["📎 Justificatifs (ZIP)"], ["Annuler"]]  # fmt: skip


def test_only_readers_of_the_coop_get_its_report(database):
    y = full_year(database)
    with pytest.raises(Forbidden):
        y.act("cm1", reports.year_view, y.coop, y.year)
    view, today = y.act("parent", reports.year_view, y.coop, y.year)
    assert (view.state, view.report_id, today) == ("not_started", None, y.today)  # reading starts nothing
    text = flat("".join(page.extract_text() for page in PdfReader(io.BytesIO(crf_pdf(view, today))).pages))
    assert flat("état : pas commencé") in text
    assert flat(f"Quitus pas encore donné (vérificateurs : {', '.join(VERIFICATEURS)}).") in text


async def test_the_coop_xlsx_has_a_crf_sheet_with_the_stores_totals(bot, sim, database):
    y = reported_year(database)
    helene = person(sim, "mandataire")
    await helene.send("/export")
    await helene.press("📊 Journal (Excel)")
    await helene.press("🏫 Toute la coopérative 974-300")
    step = await helene.press(f"Exercice {y.year}-{y.year + 1}")
    _, data = received(helene, step)
    workbook = load_workbook(io.BytesIO(data))
    assert workbook.sheetnames[-1] == "CRF"
    cells = {row[0]: row[1] for row in workbook["CRF"].iter_rows(min_row=3, values_only=True)}
    figures = y.act("mandataire", crf.year_report, y.coop, y.year)

    def cents(label: str) -> int:
        return round(cells[label] * 100)

    assert (cents("Total des charges"), cents("Total des produits")) == (figures.fonctionnement.charges,
                                                                          figures.fonctionnement.produits)
    assert cents("Résultat") == figures.fonctionnement.resultat == RESULTAT
    assert (cents("Total de l'actif"), cents("Total du passif")) == (figures.bilan.actif, figures.bilan.passif)
    assert cents("Total de la caisse") == figures.caisse.book
    assert cents("Total des subventions") == figures.subventions_total == 600_00
    assert cents("Total de l'inventaire") == figures.inventaire_total
    for line in figures.fonctionnement.lines:
        assert cents(line.label) == sum(CRF[line.key]), line.label


async def test_the_ad_prints_a_coops_report_typed_by_its_number_or_its_schools_name(bot, sim, demo):
    from store.models import Coop
    from tests.world import PERSONAS, seed_world

    demo.run(seed_world)  # department 971 and its AD
    demo.run(lambda s: s.add(Coop(affiliation="971-300", school_name="École des Filaos", commune="Le Moule",
                                  department_code="971")))  # fmt: skip
    y = reported_year(demo)
    years = f"{y.year}-{y.year + 1}"
    paul = sim.user(*PERSONAS["ad"])
    step = await paul.send("/export")
    assert ["📄 Compte rendu (PDF)"] in step.last.buttons
    step = await paul.press("📄 Compte rendu (PDF)")
    assert step.text == "Tapez le numéro de la coopérative (par exemple 974-111) ou le nom de son école :"
    step = await paul.send("971-300")  # a coop of another department: the example is one of Paul's own
    assert step.text == ("« 971-300 » n'est pas une coopérative de votre département. Tapez son numéro, par exemple "
                         "974-111, ou le nom de son école :")  # fmt: skip
    step = await paul.send("974-30O")  # a letter O for a zero
    assert step.text.startswith("« 974-30O » n'est pas une coopérative de votre département.")
    step = await paul.send("Filoas")  # a typo
    assert step.text == ("« Filoas » : aucune école de votre département n'a ce nom, ou plusieurs. Tapez le nom "
                         "complet de l'école, ou le numéro de la coopérative (par exemple 974-111) :")  # fmt: skip
    step = await paul.send("École")  # every school's name has it
    assert step.text.startswith("« École » : aucune école de votre département n'a ce nom, ou plusieurs.")
    step = await paul.send("ecole des filaos")  # the school's name, accents and case aside: 974's only
    assert step.text == "Quelle période (974-300) ?"
    assert f"Exercice {years}" in step.last.buttons[0]
    assert "📅 Autres dates…" not in str(step.last.buttons)
    step = await paul.press(f"Exercice {years}")
    name, data = received(paul, step)
    assert name == f"compte-rendu-974-300-{years}.pdf"
    assert_whole_crf(data, y)
    # by its number too; the AD of 971 types it and is refused
    await paul.send("/export")
    await paul.press("📄 Compte rendu (PDF)")
    step = await paul.send("974-300")
    assert step.text == "Quelle période (974-300) ?"
    gaston = sim.user(*PERSONAS["ad_autre_departement"])
    await gaston.send("/export")
    step = await gaston.press("📄 Compte rendu (PDF)")
    assert step.text == "Tapez le numéro de la coopérative (par exemple 971-300) ou le nom de son école :"
    step = await gaston.send("974-300")  # the example is a coop of 971, theirs, not a default to 974
    assert step.text == ("« 974-300 » n'est pas une coopérative de votre département. Tapez son numéro, par exemple "
                         "971-300, ou le nom de son école :")  # fmt: skip
    step = await gaston.send("Flamboyants")
    assert step.text == ("« Flamboyants » : aucune école de votre département n'a ce nom, ou plusieurs. Tapez le nom "
                         "complet de l'école, ou le numéro de la coopérative (par exemple 971-300) :")  # fmt: skip
    step = await gaston.send("Filaos")  # theirs: 971-300, whose report has nothing recorded
    assert step.text == "Quelle période (971-300) ?"
