"""What /journal, /pointage and /solde show on a phone: short lines, signed amounts, the treasury,
a movement once, the balance after each entry, the coop's whole journal, a search, last year."""

from __future__ import annotations

from datetime import date

import pytest

from tests.test_journal import act, ledger_id
from tests.test_treasury import MARIE, TODAY, YEAR, euros, flat, ids
from tests.world import PERSONAS, lock_year, seed_world

from store import balances, entries, journal, movements
from store.access import Forbidden
from store.models import Direction, Means, MovementKind, Treasury
from store.people import who_is

JULIEN = 1002


def fits_a_phone(text: str) -> bool:
    """No line wider than 40 characters (the simulator gives the text without its HTML tags)."""
    return all(len(line) <= 40 for line in text.splitlines())


def total_of(db, name: str) -> int:
    return act(db, MARIE, balances.balances, ledger_id(db, name), YEAR).total


async def test_a_teachers_journal_reads_apart_in_short_lines(bot, cast, demo_books):
    julien = cast["enseignant"]
    step = await julien.send("/journal")
    assert fits_a_phone(step.text), step.text
    lines = step.text.splitlines()
    top = lines.index(next(line for line in lines if "Acompte car classe" in line))
    assert lines[top + 1] == f"{euros(-40_00)} · banque → {euros(total_of(demo_books, 'CE1A'))}"
    assert f"{euros(64_50).replace(euros(64_50), '+' + euros(64_50))} · caisse → " in step.text
    buttons = [b for row in step.last.buttons for b in row]
    assert f"1 · {euros(-23_80)}" in buttons and f"2 · +{euros(64_50)}" in buttons


async def test_a_cash_deposit_is_one_movement_in_the_journal(bot, cast, demo_books):
    act(demo_books, JULIEN, movements.record_movement, MovementKind.DEPOT, ledger_id=ledger_id(demo_books, "CE1A"),
        day=TODAY, amount=20_00, label="Remise d'espèces en banque", today=TODAY)  # fmt: skip
    julien = cast["enseignant"]
    step = await julien.send("/journal")
    assert fits_a_phone(step.text), step.text
    assert step.text.count("Remise d'espèces") == 1 and "espèces" not in step.text.replace("Remise d'espèces", "")
    assert f"{euros(20_00)} · caisse→banque → {euros(total_of(demo_books, 'CE1A'))}" in step.text
    assert sum(b.endswith(f"⇄ {euros(20_00)}") for row in step.last.buttons for b in row) == 1


async def test_the_coops_journal_filtered_and_searched(bot, cast, demo_books):
    _, ledgers = ids(demo_books)
    act(demo_books, MARIE, movements.record_movement, MovementKind.AVANCE, ledger_id=ledgers["École"],
        to_ledger_id=ledgers["CE1A"], day=TODAY, amount=50_00, label="Avance sortie", today=TODAY)  # fmt: skip
    marie = cast["mandataire"]
    await marie.send("/journal")
    step = await marie.press("🏫 Toute la coopérative 974-111")
    assert fits_a_phone(step.text), step.text
    assert f"Journal de la coopérative 974-111\nexercice {YEAR}-{YEAR + 1}" in step.text
    coop_total = act(demo_books, MARIE, balances.coop_balances, ids(demo_books)[0], YEAR).total
    assert f"{euros(50_00)} · École→CE1A → {euros(coop_total)}" in step.text  # one line, not two legs
    assert step.text.count("Avance sortie") == 1
    assert "CE1A 3 · " in step.text and "CE2B 1 · " in step.text and "École 3 · " in step.text

    step = await marie.press("🔎 Chercher")
    assert step.text.startswith("🔎 Tapez un mot du libellé")
    assert fits_a_phone(step.text)
    step = await marie.send("x" * 41)
    assert step.text.replace("\n", " ").startswith("Tapez un mot ou un montant, 40 caractères au plus")
    step = await marie.send("gâteaux")  # the step stayed: this is the search
    assert "Recherche : « gâteaux »" in step.text and "Vente de gâteaux" in step.text
    assert "Fournitures" not in step.text and "Avance" not in step.text
    step = await marie.press("✖ Fin de la recherche")
    assert "Recherche" not in step.text and "Fournitures de" in step.text
    await marie.press("🔎 Chercher")
    step = await marie.send("23,80")
    assert "CE1A 1 · " in step.text and "Fournitures de" in step.text and "gâteaux" not in step.text
    await marie.press("✖ Fin de la recherche")
    await marie.press("🔎 Chercher")
    step = await marie.send("rien de tel")
    assert "Aucune écriture ne correspond." in step.text

    await marie.press("✖ Fin de la recherche")
    await marie.press("📒 Autre cahier")
    step = await marie.press("CE2B")
    assert "Journal du cahier CE2B" in step.text and "Entrées au musée" in step.text
    assert "Vente de gâteaux" not in step.text


async def test_a_teacher_has_no_coop_journal(bot, cast, demo_books):
    step = await cast["enseignant"].send("/journal")
    assert "Journal du cahier CE1A" in step.text and "Toute la coopérative" not in str(step.last.buttons)
    with pytest.raises(Forbidden):
        act(demo_books, JULIEN, journal.journal, None, YEAR, coop_id=ids(demo_books)[0])


async def test_last_years_journal_while_it_is_open(bot, sim, demo_books):
    demo_books.run(seed_world)
    cp = ledger_id(demo_books, "CP", "974-222")
    odile_id = PERSONAS["mandataire_autre_coop"][0]
    last_year = date(YEAR - 1, 10, 1)
    act(demo_books, odile_id, entries.record_entry, cp, direction=Direction.DEPENSE, day=last_year,
        label="Ballons de l'an dernier", treasury=Treasury.BANQUE, means=Means.CARTE, amount=12_00,
        splits="fournitures", today=TODAY)  # fmt: skip
    odile = sim.user(*PERSONAS["mandataire_autre_coop"])
    await odile.send("/journal")
    step = await odile.press("CP")
    assert "Aucune écriture pour l'instant." in step.text
    step = await odile.press(f"{YEAR - 1}-{YEAR}")
    assert f"exercice {YEAR - 1}-{YEAR}" in step.text and "Ballons de l'an" in step.text
    assert f"{euros(-12_00)} · banque → {euros(-12_00)}" in step.text
    step = await odile.press(f"1 · {euros(-12_00)}")  # corrected or cancelled there too
    assert "Libellé : Ballons de l'an dernier" in step.text
    await odile.press("🗑 Annuler l'écriture")
    step = await odile.press("🗑 Oui, annuler l'écriture")
    assert step.text.startswith("Écriture 1 annulée")
    step = await odile.press("↩️ Retour")
    assert f"exercice {YEAR - 1}-{YEAR}" in step.text and "(annulée)" in step.text
    step = await odile.press(f"{YEAR}-{YEAR + 1}")
    assert "Aucune écriture pour l'instant." in step.text


CHART = "📈 Graphique de l'année (974-111)"


async def test_solde_in_short_lines_and_last_year(bot, cast, demo_books):
    marie = cast["mandataire"]
    step = await marie.send("/solde")
    assert fits_a_phone(step.text), step.text
    ecole = act(demo_books, MARIE, balances.balances, ledger_id(demo_books, "École"), YEAR)
    assert f"📒 cahier École : {euros(ecole.total)}\n   banque {euros(ecole.banque)} · caisse {euros(ecole.caisse)}" \
        in step.text  # fmt: skip
    assert step.last.buttons == [[f"{YEAR - 1}-{YEAR}"], [CHART]]
    step = await marie.press(f"{YEAR - 1}-{YEAR}")
    assert fits_a_phone(step.text), step.text
    assert step.text.startswith(f"Soldes de l'exercice {YEAR - 1}-{YEAR}\n(pas encore clos)")
    assert "📒" not in step.text and "Coopérative 974-111" not in step.text  # the demo's books start this year
    assert "Aucun de ces cahiers n'a de comptes pour cet exercice : ils commencent plus tard." in flat(step.text)
    assert step.last.buttons == [[f"{YEAR}-{YEAR + 1}"]]
    step = await marie.press(f"{YEAR}-{YEAR + 1}")
    assert f"📒 cahier École : {euros(ecole.total)}" in step.text
    coop_id = ids(demo_books)[0]
    demo_books.run(lambda s: lock_year(s, who_is(s, MARIE), coop_id, YEAR - 1))  # as the AD's validation does
    step = await marie.press_data(f"sld:y:{YEAR - 1}", marie.last)
    assert "n'est plus ouvert" in step.answer
    step = await marie.send("/solde")
    assert step.last.buttons == [[CHART]]


async def test_pointage_in_short_lines(bot, cast, demo_books):
    marie = cast["mandataire"]
    steps = [await marie.send("/pointage"), await marie.press("Aujourd'hui"), await marie.send("douze")]
    steps.append(await marie.send("1 000"))
    assert "Solde du relevé : " in steps[-1].text
    cheque = next(row[0] for row in steps[-1].last.buttons if "CE2B" in row[0])
    steps.append(await marie.press(cheque))
    assert "   Entrées au musée · chèque n° 0001235" in steps[-1].text  # the label under the amount
    steps.append(await marie.press("✅ Terminer"))
    steps.append(await marie.send("/pointage"))
    for step in steps:
        assert fits_a_phone(step.text), step.text


async def test_report_a_nouveau_of_last_year_while_it_is_open(bot, sim, demo_books):
    demo_books.run(seed_world)
    odile = sim.user(*PERSONAS["mandataire_autre_coop"])
    await odile.send("/report")
    step = await odile.press("CP")
    assert f"exercice {YEAR}-{YEAR + 1}" in step.text and f"01/09/{YEAR} ?" in step.text
    assert step.last.buttons == [[f"{YEAR - 1}-{YEAR}"]]
    step = await odile.press(f"{YEAR - 1}-{YEAR}")
    assert f"exercice {YEAR - 1}-{YEAR}" in step.text and f"01/09/{YEAR - 1} ?" in step.text
    assert step.last.buttons == [[f"{YEAR}-{YEAR + 1}"]]
    step = await odile.send("cent")
    assert step.text == "Tapez un montant en chiffres, par exemple 12,50 :"
    step = await odile.send("100")
    assert f"caisse au 01/09/{YEAR - 1}" in step.text
    step = await odile.send("20")
    assert step.text.startswith("Report à nouveau enregistré")
    cp = ledger_id(demo_books, "CP", "974-222")
    odile_id = PERSONAS["mandataire_autre_coop"][0]
    last, this = (act(demo_books, odile_id, balances.balances, cp, y) for y in (YEAR - 1, YEAR))
    assert (last.opening_banque, last.opening_caisse) == (100_00, 20_00)
    assert (this.opening_banque, this.opening_caisse) == (100_00, 20_00)  # carried forward


async def test_solde_of_last_year_lists_only_the_ledgers_whose_books_had_started(bot, sim, demo_books):
    """974-222's CP starts last year, its École this year: last year's /solde lists CP only (École showed 0,00 €)."""
    demo_books.run(seed_world)
    odile = sim.user(*PERSONAS["mandataire_autre_coop"])
    for ledger, year in (("CP", f"{YEAR - 1}-{YEAR}"), ("École", None)):
        await odile.send("/report")
        step = await odile.press(ledger)
        if year:
            step = await odile.press(year)
        await odile.send("100")
        step = await odile.send("20")
        assert step.text.startswith("Report à nouveau enregistré")
    step = await odile.send("/solde")
    assert "📒 cahier CP" in step.text and "📒 cahier École" in step.text
    step = await odile.press(f"{YEAR - 1}-{YEAR}")
    assert f"📒 cahier CP : {euros(120_00)}" in step.text and "École" not in step.text
    assert f"Coopérative 974-222 : {euros(120_00)}" in step.text
