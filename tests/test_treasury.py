"""/mouvement, /pointage and /caisse, typed and pressed as a teacher and the mandataire would, on the demo books."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import select

from store import balances, cashcounts, entries, reconciliation
from store.cashcounts import DENOMINATIONS
from store.models import Coop, Direction, Ledger, Means, Treasury
from store.people import who_is
from store.years import fiscal_year_of, today_in
from tests.reportworld import seed_year
from tests.world import EARLIER_BUTTON, PERSONAS, seed_world

TODAY = today_in("Indian/Reunion")
YEAR = fiscal_year_of(TODAY)
DAY = f"{TODAY:%d/%m/%Y}"
MARIE = 1001
REFUSED = "Vous n'avez pas accès à cette coopérative ou à ce cahier."


def euros(cents: int) -> str:
    """Amounts as the bot writes them in French: '−2 000,50 €' with no-break spaces."""
    units = f"{abs(cents) // 100:,}".replace(",", "\u202f")
    return f"{'−' if cents < 0 else ''}{units},{abs(cents) % 100:02d}\xa0€"


def flat(text: str) -> str:
    """A reply wrapped to a phone's width, as one line of words again."""
    return text.replace("\n\n", "\0").replace("\n", " ").replace("\0", "\n\n")


def ids(db, affiliation: str = "974-111") -> tuple[int, dict[str, int]]:
    """The coop's id and its ledgers' ids by name."""
    def read(session):
        coop = session.exec(select(Coop).where(Coop.affiliation == affiliation)).one()
        return coop.id, {x.name: x.id for x in session.exec(select(Ledger).where(Ledger.coop_id == coop.id))}
    return db.run(read)


def books_of(db, name: str) -> balances.Balances:
    """A ledger's banque and caisse today, as the mandataire reads them in the store."""
    _, ledgers = ids(db)
    return db.run(lambda s: balances.balances(s, who_is(s, MARIE), ledgers[name], YEAR))


def after_line(b: balances.Balances, banque: int = 0, caisse: int = 0) -> str:
    return f"cahier {b.ledger_name} : banque {euros(b.banque + banque)} · caisse {euros(b.caisse + caisse)}"


async def fill_movement(user, kind: str, amount: str, ledger_name: str | None = None, via: str | None = None,
                        day: str | None = None):  # fmt: skip
    """Kind, (ledger), (bank or cash), amount, today (or ``day`` typed), the default label: the card."""
    await user.send("/mouvement")
    step = await user.press(kind)
    if ledger_name:
        step = await user.press(ledger_name)
    if via:
        step = await user.press(via)
    assert "Montant ?" in step.text
    step = await user.send(amount)
    assert "Date du mouvement" in step.text
    if day:
        await user.press("📅 Autre date")
        step = await user.send(day)
    else:
        step = await user.press("Aujourd'hui")
    assert "Libellé : « " in step.text
    return await user.press("✅ Garder ce libellé")


# ------------------------------------------------------------------ /mouvement


async def test_a_teacher_deposits_cash_at_the_bank(bot, cast, demo_books):
    julien = cast["enseignant"]
    before = books_of(demo_books, "CE1A")
    step = await julien.send("/mouvement")
    assert step.text == "Quel mouvement interne ?"
    assert step.last.buttons == [["🏦 Dépôt d'espèces en banque"], ["💶 Retrait d'espèces"], ["Annuler"]]
    step = await julien.press("🏦 Dépôt d'espèces en banque")  # one ledger: no choice to make
    assert "Dépôt d'espèces en banque — cahier CE1A, de la caisse vers la banque" in step.text
    assert f"banque {euros(before.banque)} · caisse {euros(before.caisse)}" in step.text
    for typed, said in (("douze", "Tapez un montant en chiffres, par exemple 12,50 :"),
                        ("12,505", "Deux chiffres après la virgule au plus, par exemple 12,50 :"),
                        ("0", "Le montant doit être supérieur à zéro, par exemple 12,50 :"),
                        ("-3", "Un montant négatif n'est pas accepté : tapez-le sans signe, par exemple 12,50 "
                               "(une dépense s'enregistre avec /depense, une recette avec /recette).")):  # fmt: skip
        step = await julien.send(typed)
        assert step.text == said
    step = await julien.send("50")
    assert step.text == f"Date du mouvement ({euros(5000)}) ? Choisissez, ou tapez-la (jj/mm/aaaa) :"
    assert step.last.buttons == [["Aujourd'hui", "Hier"], ["📅 Autre date"], ["Annuler"]]
    step = await julien.press("📅 Autre date")
    assert step.text.startswith("Tapez la date, jj/mm/aaaa")
    step = await julien.send(f"{TODAY + timedelta(days=1):%d/%m/%Y}")
    assert step.text == f"La date ne peut pas être dans le futur : tapez une date jusqu'au {DAY}."
    step = await julien.send("32/13/2026")
    assert step.text.startswith("Ce n'est pas une date")
    step = await julien.send(DAY)
    assert step.text == "Libellé : « Remise d'espèces en banque ».\nGardez-le, ou tapez-en un autre :"
    step = await julien.send("x" * 121)
    assert step.text == "Le libellé doit faire de 1 à 120 caractères : raccourcissez-le."  # as /depense says it
    step = await julien.press("✅ Garder ce libellé")
    assert step.text == ("Mouvement à enregistrer\n"
                         "🏦 Dépôt d'espèces en banque — cahier CE1A, de la caisse vers la banque\n"
                         f"Montant : {euros(5000)}\nDate : {DAY}\nLibellé : Remise d'espèces en banque")
    step = await julien.press("✅ Enregistrer")
    assert step.text.startswith(f"Mouvement enregistré : dépôt de {euros(5000)} — "
                                + after_line(before, banque=5000, caisse=-5000))
    assert "(CE1A, caisse) et " in step.text and "(CE1A, banque)" in step.text
    after = books_of(demo_books, "CE1A")
    assert (after.banque, after.caisse, after.resultat) == (before.banque + 5000, before.caisse - 5000, before.resultat)


async def test_a_deposit_larger_than_the_caisse_keeps_the_amount_step(bot, cast, demo_books):
    julien = cast["enseignant"]
    before = books_of(demo_books, "CE1A")
    await fill_movement(julien, "Dépôt", euros(before.caisse + 1).replace("\xa0€", ""))
    step = await julien.press("✅ Enregistrer")
    assert step.text.startswith(f"La caisse ne peut pas passer sous zéro : elle contient {euros(before.caisse)} "
                                "à cette date.\n\n🏦 Dépôt d'espèces en banque")
    assert step.text.endswith("Montant ? Tapez-le, par exemple 50 ou 12,50 (ou /annuler) :")
    assert books_of(demo_books, "CE1A") == before
    step = await julien.send("20")  # the date and the label are kept: the card again
    assert f"Montant : {euros(2000)}\nDate : {DAY}\nLibellé : Remise d'espèces en banque" in step.text
    step = await julien.press("✅ Enregistrer")
    assert after_line(before, banque=2000, caisse=-2000) in step.text


async def test_a_date_the_books_refuse_is_told_at_the_date_step(bot, cast, demo_books):
    """01/09 of last year (CE1A's books start this year) was taken, then the label, then the card, and only its
    ✅ Enregistrer said « Ce cahier commence plus tard » and asked the date again."""
    julien = cast["enseignant"]
    before = books_of(demo_books, "CE1A")
    await julien.send("/mouvement")
    await julien.press("🏦 Dépôt d'espèces en banque")
    await julien.send("3")
    await julien.press("📅 Autre date")
    step = await julien.send(f"01/09/{YEAR - 1}")
    assert step.text == (f"📅 Date comprise : 01/09/{YEAR - 1}. Ce cahier commence plus tard : rien ne peut être "
                         f"daté avant son report à nouveau.\n\nDate du mouvement ({euros(300)}) ? Choisissez, ou "
                         "tapez-la (jj/mm/aaaa) :")  # fmt: skip
    assert step.last.buttons == [["Aujourd'hui", "Hier"], ["📅 Autre date"], ["Annuler"]]
    step = await julien.send(f"01/10/{YEAR - 2}")  # typed again at once: in a year no longer open
    assert step.text.startswith(f"📅 Date comprise : 01/10/{YEAR - 2}. L'exercice {YEAR - 2}-{YEAR - 1} n'est plus "
                                "ouvert")  # fmt: skip
    step = await julien.press("Aujourd'hui")
    assert step.text.startswith("Libellé : « Remise d'espèces en banque ».")
    await julien.press("✅ Garder ce libellé")
    step = await julien.press("✅ Enregistrer")
    assert after_line(before, banque=300, caisse=-300) in step.text


async def test_a_movement_dated_last_year_says_its_balances_are_that_years(bot, cast, demo):
    """A withdrawal dated 20/08, last year still open: « cahier École : banque … · caisse … » gave that year's end,
    read as today's."""
    demo.run(seed_year)
    marie = cast["mandataire"]
    await fill_movement(marie, "Retrait", "10", "École (école)", day=f"20/08/{YEAR}")
    step = await marie.press("✅ Enregistrer")
    _, ledgers = ids(demo)
    last = demo.run(lambda s: balances.balances(s, who_is(s, MARIE), ledgers["École"], YEAR - 1))
    assert step.text.startswith(f"Mouvement enregistré : retrait de {euros(1000)} — cahier École, exercice "
                                f"{YEAR - 1}-{YEAR} : banque {euros(last.banque)} · caisse {euros(last.caisse)}")


async def test_a_withdrawal_taking_the_class_bank_below_zero_is_told_on_the_card(bot, cast, demo_books):
    """1000 typed for 100: the card said nothing, and the class bank read −823,80 € only once recorded
    (a /depense card says it)."""
    julien = cast["enseignant"]
    before = books_of(demo_books, "CE1A")
    step = await fill_movement(julien, "Retrait", euros(before.banque + 100_00).replace("\xa0€", ""))
    assert step.text.endswith(f"\n⚠️ Après ce mouvement, la banque du cahier CE1A sera à {euros(-100_00)} : "
                              "vérifiez le montant.")
    assert step.last.buttons == [["✅ Enregistrer"], ["Annuler"]]  # not a refusal: the person decides
    step = await fill_movement(julien, "Retrait", euros(before.banque).replace("\xa0€", ""))  # down to zero
    assert "⚠️" not in step.text
    step = await fill_movement(julien, "Dépôt", "5")
    assert "⚠️" not in step.text


async def test_the_save_button_of_an_older_movement_card_records_nothing_else(bot, cast, demo_books):
    """A deposit's card, then a withdrawal's: ✅ on the deposit's card recorded the withdrawal, in its place."""
    julien = cast["enseignant"]
    before = books_of(demo_books, "CE1A")
    deposit = (await fill_movement(julien, "Dépôt", "5")).last
    withdrawal = (await fill_movement(julien, "Retrait", "7")).last
    step = await julien.press("✅ Enregistrer", message=deposit)
    assert step.answer == EARLIER_BUTTON
    assert "Mouvement enregistré" not in step.text and books_of(demo_books, "CE1A") == before
    step = await julien.press("✅ Enregistrer", message=withdrawal)
    assert step.text.startswith(f"Mouvement enregistré : retrait de {euros(700)}")


async def test_a_question_of_an_earlier_movement_does_not_answer_the_current_one(bot, cast, demo_books):
    """A deposit of 10 € in CE1A left at its date (/annuler), then a withdrawal of 70 € from CE2B: « Aujourd'hui »
    under the deposit's « Date du mouvement (10,00 €) » dated the withdrawal, and turned that message into its label's
    question."""
    marie = cast["mandataire"]
    await marie.send("/mouvement")
    await marie.press("🏦 Dépôt d'espèces en banque")
    await marie.press("CE1A")
    deposit = (await marie.send("10")).last
    await marie.send("/annuler")
    await marie.send("/mouvement")
    await marie.press("💶 Retrait d'espèces")
    await marie.press("CE1A")
    withdrawal = (await marie.send("70")).last
    step = await marie.press("Aujourd'hui", message=deposit)
    assert step.answer == EARLIER_BUTTON and step.edited == []
    step = await marie.press("Aujourd'hui", message=withdrawal)
    assert step.text.startswith("Libellé : « Retrait d'espèces ».")


async def test_the_mandataire_advances_money_to_a_class(bot, cast, demo_books):
    marie = cast["mandataire"]
    school, ce1a = books_of(demo_books, "École"), books_of(demo_books, "CE1A")
    step = await marie.send("/mouvement")
    assert "➡️ Avance de l'école à une classe" in str(step.last.buttons)
    step = await marie.press("➡️ Avance")
    assert step.text == "Avance du cahier de l'école : à quel cahier de classe ?"
    assert step.last.buttons == [["CE1A"], ["CE2B"], ["Annuler"]]
    step = await marie.press("CE1A")
    assert step.text == "➡️ Avance de l'école à une classe — du cahier École au cahier CE1A : par la banque, ou en espèces ?"
    assert step.last.buttons == [["🏦 Par la banque"], ["💶 En espèces (caisse → caisse)"], ["Annuler"]]
    step = await marie.press("🏦 Par la banque")
    assert "du cahier École au cahier CE1A, par la banque" in step.text
    await marie.send("30")
    step = await marie.press("Aujourd'hui")
    assert "« Avance au cahier CE1A »" in step.text
    step = await marie.send("Avance pour la sortie au musée")
    assert "Libellé : Avance pour la sortie au musée" in step.text
    step = await marie.press("✅ Enregistrer")
    assert step.text.startswith(f"Mouvement enregistré : avance de {euros(3000)} — "
                                f"{after_line(school, banque=-3000)} ; {after_line(ce1a, banque=3000)}")
    school_after, ce1a_after = books_of(demo_books, "École"), books_of(demo_books, "CE1A")
    assert (school_after.internal, ce1a_after.internal) == (school.internal - 3000, ce1a.internal + 3000)

    await fill_movement(marie, "↩️ Remboursement", "30", "CE1A", "🏦 Par la banque")
    step = await marie.press("✅ Enregistrer")
    assert step.text.startswith(f"Mouvement enregistré : remboursement de {euros(3000)} — "
                                f"{after_line(ce1a)} ; {after_line(school)}")


async def test_a_class_pays_its_cash_back_to_the_school_in_cash(bot, cast, demo_books):
    marie = cast["mandataire"]
    school, ce1a = books_of(demo_books, "École"), books_of(demo_books, "CE1A")
    await marie.send("/mouvement")
    await marie.press("↩️ Remboursement")
    await marie.press("CE1A")
    step = await marie.press("💶 En espèces")
    assert "du cahier CE1A au cahier École, de caisse à caisse" in step.text
    step = await marie.send(f"{ce1a.caisse // 100 + 1}")  # more than the class's caisse holds
    step = await marie.press("Aujourd'hui")
    await marie.press("✅ Garder ce libellé")
    step = await marie.press("✅ Enregistrer")
    assert "Montant ?" in step.text and "caisse" in step.text.split("\n\n")[0]  # back at the amount
    step = await marie.send(f"{ce1a.caisse // 100},{ce1a.caisse % 100:02d}")  # all of it: the card again
    assert step.text.startswith("Mouvement à enregistrer") and "de caisse à caisse" in step.text
    step = await marie.press("✅ Enregistrer")
    assert step.text.startswith(f"Mouvement enregistré : remboursement de {euros(ce1a.caisse)} — "
                                f"{after_line(ce1a, caisse=-ce1a.caisse)} ; {after_line(school, caisse=ce1a.caisse)}")
    assert "(CE1A, caisse)" in step.text and "(École, caisse)" in step.text

    await fill_movement(marie, "➡️ Avance", "10", "CE1A", "💶 En espèces")  # and back, as an advance in cash
    step = await marie.press("✅ Enregistrer")
    assert step.text.startswith(f"Mouvement enregistré : avance de {euros(1000)} — "
                                f"{after_line(school, caisse=ce1a.caisse - 1000)} ; "
                                f"{after_line(ce1a, caisse=1000 - ce1a.caisse)}")


async def test_a_teacher_cannot_advance_nor_reach_another_ledger(bot, sim, cast, demo_books):
    julien = cast["enseignant"]
    step = await julien.send("/mouvement")
    step = await julien.press_data("mvt:k:avance", step.last)  # forged: the button is not offered to teachers
    assert step.answer == REFUSED
    demo_books.run(seed_world)
    _, ledgers = ids(demo_books)
    odile = sim.user(*PERSONAS["mandataire_autre_coop"])
    await odile.send("/mouvement")
    step = await odile.press("Dépôt")
    assert step.last.buttons == [["École (école)"], ["CP"], ["Annuler"]]
    step = await odile.press_data(f"mvt:l:{ledgers['CE1A']}", step.last)
    assert step.answer == REFUSED
    step = await odile.press("Annuler")
    assert step.text == "C'est annulé : rien de cette opération n'a été enregistré."


# ------------------------------------------------------------------ /pointage


async def test_a_reconciliation_down_to_zero(bot, cast, demo_books):
    marie = cast["mandataire"]
    coop_id, _ = ids(demo_books)
    coop = demo_books.run(lambda s: balances.coop_balances(s, who_is(s, MARIE), coop_id, YEAR))
    # The bank shows every bank entry but the CE2B museum cheque, not cashed yet.
    statement = coop.banque + 85_00
    step = await marie.send("/pointage")
    assert "Rapprochement bancaire\ncoopérative 974-111" in step.text
    assert step.last.buttons == [["Aujourd'hui"], ["📅 Autre date"], ["Annuler"]]
    step = await marie.press("Aujourd'hui")
    assert step.text.startswith(f"Solde du relevé du {DAY} ?")
    step = await marie.send("douze")
    assert flat(step.text) == "Tapez un montant en chiffres, par exemple 12,50 :"
    step = await marie.send(f"{statement // 100},{statement % 100:02d}")
    assert step.text.startswith(f"Relevé du {DAY} — coop 974-111\nSolde du relevé : {euros(statement)}")
    assert all(len(line) <= 40 for line in step.text.splitlines()), step.text
    labels = [row[0] for row in step.last.buttons[:-1]]
    assert all(label.startswith("☐ ") for label in labels) and step.last.buttons[-1] == ["✅ Terminer"]
    assert any(label.startswith("☐ CE2B ") and label.endswith(f"· {euros(-85_00)}") for label in labels)
    assert "Écart : " in step.text and "Écart : 0,00" not in step.text

    step = await marie.press(labels[0])  # ticked, then unticked: the écart comes back
    assert step.last.buttons[0][0] == "☑" + labels[0][1:]
    first = step.text
    step = await marie.press("☑" + labels[0][1:])
    assert step.last.buttons[0][0] == labels[0] and step.text != first

    to_tick = [label for label in labels if not label.startswith("☐ CE2B ") or "−85" not in label]
    for label in to_tick:
        step = await marie.press(label)
    assert f"Écart : {euros(0)} — équilibré ✅\nAppuyez sur « Terminer »." in step.text
    assert all(len(line) <= 40 for line in step.text.splitlines()), step.text
    step = await marie.press("✅ Terminer")
    assert flat(step.text).startswith(f"Pointage enregistré : {len(to_tick)} opérations pointées sur le "
                                      f"relevé du {DAY}.")  # fmt: skip
    assert (f"Rapprochement équilibré ✅ Solde du relevé {euros(statement)} − dépenses pas encore passées en "
            f"banque {euros(85_00)} + recettes pas encore créditées {euros(0)} = banque au livre "
            f"{euros(coop.banque)}.") in flat(step.text)
    [listed] = demo_books.run(lambda s: reconciliation.statements(s, who_is(s, MARIE), coop_id, YEAR))
    assert (listed.balance, listed.ticked_count) == (statement, len(to_tick))

    # Taken up again: typing its date finds it; the cheque is still to tick.
    step = await marie.send("/pointage")
    assert f"Relevés déjà saisis : {DAY} ({euros(statement)})." in flat(step.text)
    assert [f"↩️ Reprendre le relevé du {DAY}"] in step.last.buttons
    step = await marie.send(DAY)
    assert flat(step.text).startswith(f"Le relevé du {DAY} est déjà saisi (solde {euros(statement)}) : "
                                      "reprenons son pointage.")  # fmt: skip
    assert f"Déjà pointées sur ce relevé : {len(to_tick)}." in step.text
    assert [row[0] for row in step.last.buttons[:-1]] == [label for label in labels if label not in to_tick]
    step = await marie.send("/annuler")
    assert flat(step.text).startswith(f"Pointage interrompu : le relevé du {DAY} reste enregistré")


async def test_a_statement_date_the_books_refuse_is_told_before_its_balance(bot, cast, demo_books):
    """01/09 of a year no longer open was taken, its balance asked, and only the balance typed said « L'exercice …
    n'est plus ouvert », back at the date: the balance typed for nothing."""
    marie = cast["mandataire"]
    await marie.send("/pointage")
    await marie.press("📅 Autre date")
    step = await marie.send(f"01/09/{YEAR - 2}")
    assert flat(step.text).startswith(f"📅 Date comprise : 01/09/{YEAR - 2}. L'exercice {YEAR - 2}-{YEAR - 1} n'est "
                                      "plus ouvert : choisissez une date de l'exercice en cours. Rapprochement "
                                      "bancaire coopérative 974-111 Date du relevé de compte ?")  # fmt: skip
    assert step.last.buttons == [["Aujourd'hui"], ["📅 Autre date"], ["Annuler"]]
    step = await marie.send(DAY)  # typed again at once
    assert step.text.startswith(f"Solde du relevé du {DAY} ?")


async def test_the_amounts_of_the_balance_step_stay_whole_on_a_phone(bot, cast, demo_books):
    """« par exemple 1\n234,56 », « dépasse 100\n000 € »: the thousands of the examples were ordinary spaces,
    where the lines wrapped for a phone break."""
    marie = cast["mandataire"]
    await marie.send("/pointage")
    step = await marie.press("Aujourd'hui")
    assert "1\u202f234,56 (avec" in step.text
    step = await marie.send("1 000 000")
    assert step.text.startswith("Le montant dépasse 100\u202f000\xa0€ :")


async def test_pointage_is_per_coop(bot, sim, cast, demo_books):
    demo_books.run(seed_world)
    marie = cast["mandataire"]
    await marie.send("/pointage")
    await marie.press("Aujourd'hui")
    step = await marie.send("-12,50")  # a statement in the red
    assert f"Solde du relevé : {euros(-1250)}" in step.text
    coop_id, _ = ids(demo_books)
    [ours] = demo_books.run(lambda s: reconciliation.statements(s, who_is(s, MARIE), coop_id, YEAR))
    entry_id = int(step.last.reply_markup["inline_keyboard"][0][0]["callback_data"].split(":")[2])

    odile = sim.user(*PERSONAS["mandataire_autre_coop"])
    step = await odile.send("/pointage")
    assert "coopérative 974-222" in step.text
    step = await odile.press_data(f"pnt:s:{ours.id}", step.last)  # forged: another coop's statement
    assert step.answer == REFUSED
    await odile.send("/pointage")
    await odile.press("Aujourd'hui")
    step = await odile.send("0")
    assert "Aucune opération en banque à pointer" in step.text
    step = await odile.press_data(f"pnt:t:{entry_id}", step.last)  # forged: another coop's entry
    assert step.answer == REFUSED
    step = await odile.press("✅ Terminer")
    assert "Pointage enregistré : 0 opération pointée sur" in flat(step.text) and "Rapprochement équilibré ✅" in step.text

    julien = cast["enseignant"]
    step = await julien.send("/pointage")
    assert step.text == "La commande /pointage n'est pas ouverte à votre rôle. Tapez /aide pour voir les vôtres."



async def test_only_the_latest_pointage_acts(bot, cast, demo_books):
    """The buttons of an earlier /pointage acted on the one begun since: its « Aujourd'hui » dated the latest
    statement, its boxes and ✅ Terminer ticked and recorded the latest screen's, its Annuler cancelled it."""
    marie = cast["mandataire"]
    older_day = (await marie.send("/pointage")).last
    await marie.send("/pointage")
    for label in ("Aujourd'hui", "Annuler"):
        step = await marie.press(label, message=older_day)
        assert step.answer == EARLIER_BUTTON and not step.edited and not step.messages
    await marie.press("Aujourd'hui")
    older = (await marie.send("100")).last
    first = older.buttons[0][0]
    assert first.startswith("☐ ")
    await marie.send("/pointage")
    step = await marie.send(DAY)  # the same statement, taken up again: a new screen
    assert "reprenons son pointage" in flat(step.text)
    for label in (first, "✅ Terminer"):
        step = await marie.press(label, message=older)
        assert step.answer == EARLIER_BUTTON
        assert not step.edited and not step.messages
    step = await marie.press(first)  # the latest screen still acts
    assert step.last.buttons[0][0] == "☑" + first[1:]


# ------------------------------------------------------------------ /caisse


def counted(cents: int) -> str:
    """The notes and coins making up an amount, as a person types them: '1 x 50 €, 2 x 20 €, …'."""
    parts = []
    for value in DENOMINATIONS:
        if cents >= value:
            text = f"{value // 100} €" if value >= 100 else f"0,{value:02d} €"
            parts.append(f"{cents // value} x {text}")
            cents %= value
    return ", ".join(parts)


async def test_a_cash_count_by_notes_and_coins_that_matches(bot, cast, demo_books):
    julien = cast["enseignant"]
    book = books_of(demo_books, "CE1A").caisse
    step = await julien.send("/caisse")
    assert step.text.startswith(f"Arrêté de caisse du {DAY} — cahier CE1A")
    assert step.last.buttons == [["🪙 Compter billets et pièces"], ["🔢 Saisir le total"], ["📅 Autre date"],
                                 ["Annuler"]]
    assert euros(book) not in step.text  # the book balance comes after the count
    step = await julien.press("🪙 Compter billets et pièces")
    assert "2 x 20 €, 3 x 2 €, 5 x 0,50 €" in step.text
    step = await julien.send("2 x 20 €, 3 x 3 €")
    assert step.text.startswith("« 3 € » n'est pas un billet ni une pièce en euros.")
    step = await julien.send("deux billets de 20")
    assert step.text.startswith("Je n'ai pas compris « deux billets de 20 »")
    step = await julien.send("2 x 20 €, trois pièces")
    assert step.text.startswith("Je n'ai pas compris « trois pièces »")
    step = await julien.send(counted(book))
    assert step.text.endswith(f"Arrêté de caisse du {DAY} — cahier CE1A : compté {euros(book)}, livre {euros(book)} ✅")
    _, ledgers = ids(demo_books)
    [count] = demo_books.run(lambda s: cashcounts.cash_counts(s, who_is(s, MARIE), ledgers["CE1A"], YEAR))
    assert count.matches and sum(d * n for d, n in count.denominations) == book


async def test_a_cash_count_by_total_that_differs(bot, sim, cast, demo_books):
    marie = cast["mandataire"]
    book = books_of(demo_books, "CE2B").caisse
    step = await marie.send("/caisse")
    assert step.text == "Arrêté de caisse : quel cahier ?"
    step = await marie.press("CE2B")
    step = await marie.press("📅 Autre date")
    step = await marie.send(f"{TODAY + timedelta(days=3):%d/%m/%Y}")
    assert step.text.startswith("La date ne peut pas être dans le futur")
    step = await marie.send(DAY)
    assert step.text.startswith(f"Arrêté de caisse du {DAY} — cahier CE2B")
    await marie.press("🔢 Saisir le total")
    step = await marie.send("vingt")
    assert step.text == "Tapez un montant en chiffres, par exemple 12,50 :"
    step = await marie.send(f"{(book - 200) // 100},{(book - 200) % 100:02d}")
    assert step.text.startswith(f"Arrêté de caisse du {DAY} — cahier CE2B : compté {euros(book - 200)}, "
                                f"livre {euros(book)} : écart de {euros(-200)}.")

    demo_books.run(seed_world)
    _, ledgers = ids(demo_books)
    odile = sim.user(*PERSONAS["mandataire_autre_coop"])
    step = await odile.send("/caisse")
    step = await odile.press_data(f"csh:l:{ledgers['CE2B']}", step.last)  # forged: another coop's ledger
    assert step.answer == REFUSED


async def test_an_empty_caisse_counts_zero(bot, cast, demo_books):
    julien = cast["enseignant"]
    caisse = books_of(demo_books, "CE1A").caisse
    await fill_movement(julien, "Dépôt", f"{caisse // 100},{caisse % 100:02d}")
    await julien.press("✅ Enregistrer")
    assert books_of(demo_books, "CE1A").caisse == 0
    await julien.send("/caisse")
    await julien.press("🔢 Saisir le total")
    step = await julien.send("0")
    assert step.text.endswith(f"compté {euros(0)}, livre {euros(0)} ✅")


async def test_a_count_typed_before_choosing_how_is_read(bot, cast, demo_books):
    julien = cast["enseignant"]
    book = books_of(demo_books, "CE1A").caisse
    # Counted, then typed at once, as the question invites: notes and coins, or a total; a mistake keeps the step.
    for typed, wrong, problem in ((counted(book), "2 x 3 €", "« 3 € » n'est pas un billet ni une pièce en euros."),
                                  (f"{book // 100},{book % 100:02d}", "douze", "Tapez un montant en chiffres")):
        step = await julien.send("/caisse")
        assert step.text.endswith("Comptez les billets et pièces de la caisse, puis :")
        assert (await julien.send(wrong)).text.startswith(problem)
        step = await julien.send(typed)
        assert step.text.endswith(f"compté {euros(book)}, livre {euros(book)} ✅")


async def test_a_negative_count_is_told_and_keeps_the_step(bot, cast, demo_books):
    """« -3 » typed as the cash counted was answered « Tapez un montant en chiffres », as if unreadable."""
    julien = cast["enseignant"]
    book = books_of(demo_books, "CE1A").caisse
    negative = "Une caisse ne peut pas être négative : tapez son montant sans signe, par exemple 12,50 (0 si elle est vide)."
    step = await julien.send("/caisse")
    step = await julien.send("-3")  # typed before choosing how
    assert step.text == negative
    await julien.press("📅 Autre date")
    await julien.send(DAY)
    await julien.press("🔢 Saisir le total")
    step = await julien.send("− 3,50")
    assert step.text == negative
    step = await julien.send(f"{book // 100},{book % 100:02d}")  # the date typed before is kept
    assert step.text.endswith(f"compté {euros(book)}, livre {euros(book)} ✅")
    assert f"Arrêté de caisse du {DAY}" in step.text


# ------------------------------------------------------------------ whatever is typed

HOSTILE = ["<b>gras</b> & <script>alert(1)</script>", "x" * 4096, "2 x 20 € " + "y" * 4000 + " 3 x 1 €", "\x00",
           "   ", "🙂🎉👩‍🏫" * 50, "/aide", "1e9", "31/02/2026", "00/00/0000", "-1", "9" * 30, "9" * 30 + " x 1c",
           "\u202e\u202d", "2 x 20 €, 3 x 2 €, 5 x 0,50 €"]  # fmt: skip
TEXT_STEPS = {  # step → persona, what leads there
    "mouvement: montant": ("enseignant", ["/mouvement", "press:Dépôt"]),
    "mouvement: autre date": ("enseignant", ["/mouvement", "press:Dépôt", "5", "press:📅 Autre date"]),
    "mouvement: libellé": ("enseignant", ["/mouvement", "press:Dépôt", "5", "press:Aujourd'hui"]),
    "pointage: date": ("mandataire", ["/pointage"]),
    "pointage: solde": ("mandataire", ["/pointage", "press:📅 Autre date", "01/09"]),
    "caisse: billets et pièces": ("enseignant", ["/caisse", "press:🪙"]),
    "caisse: total": ("enseignant", ["/caisse", "press:🔢"]),
    "caisse: autre date": ("enseignant", ["/caisse", "press:📅"]),
    "caisse: comment compter": ("enseignant", ["/caisse"]),
}


async def test_any_text_at_any_step_is_answered(bot, sim, cast, demo_books):
    for name, (persona, actions) in TEXT_STEPS.items():
        user = cast[persona]
        for typed in HOSTILE:
            for action in actions:
                if action.startswith("press:"):
                    await user.press(action[6:])
                else:
                    await user.send(action)
            step = await user.send(typed)
            assert step.messages, (name, typed)
            assert "Désolé, un problème est survenu" not in step.text, (name, typed, step.text)
            assert sim.refused == [], (name, typed, sim.refused)
            await user.send("/annuler")


async def test_many_entries_to_tick_come_in_pages(bot, sim, cast, demo_books):
    _, ledgers = ids(demo_books)

    def spend(session, cents):
        entries.record_entry(session, who_is(session, MARIE), ledgers["École"], direction=Direction.DEPENSE, day=TODAY,
                            label=f"Achat {cents}", treasury=Treasury.BANQUE, means=Means.CARTE, amount=cents,
                            splits="fournitures", today=TODAY)  # fmt: skip
    for cents in range(101, 111):
        demo_books.run(spend, cents)
    marie = cast["mandataire"]
    await marie.send("/pointage")
    await marie.press("Aujourd'hui")
    step = await marie.send("0")
    assert "Page 1/2" in step.text and step.last.buttons[-2] == ["▶️"]
    first_page = step.text
    step = await marie.press_data("pnt:p:0", step.last)  # the page already shown: nothing to edit
    assert step.edited == [] and sim.refused == []
    step = await marie.press("▶️")
    assert "Page 2/2" in step.text and step.last.buttons[-2] == ["◀️"]
    label = step.last.buttons[0][0]
    step = await marie.press(label)
    assert step.last.buttons[0][0] == "☑" + label[1:]
    step = await marie.press("◀️")
    assert step.text != first_page and "Page 1/2" in step.text  # the écart follows the box ticked on page 2
    step = await marie.press("✅ Terminer")
    assert flat(step.text).startswith("Pointage enregistré : 1 opération pointée")


async def test_text_where_buttons_are_awaited_says_so_and_keeps_the_step(bot, cast, demo_books):
    marie = cast["mandataire"]
    await marie.send("/pointage")
    await marie.press("Aujourd'hui")
    ticks = await marie.send("0")
    assert "✅ Terminer" in str(ticks.last.buttons)
    step = await marie.send("c'est bon")
    assert step.text == "Répondez avec les boutons ci-dessus, ou tapez /annuler pour abandonner."
    step = await marie.press("✅ Terminer", message=ticks.last)  # the step is still there
    assert "Je n'ai pas compris" not in step.text and "plus valable" not in step.text
