"""/depense and /recette the slow way: the bare command, then each answer typed or tapped one at a time."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import select

from store.models import Entry
from store.money import format_amount
from store.years import fiscal_year_of, today_in
from tests.test_entries import books, eur
from tests.world import EARLIER_BUTTON, PERSONAS

TODAY = today_in("Indian/Reunion")
YEAR = fiscal_year_of(TODAY)


async def test_amount_then_label_typed_one_at_a_time(bot, cast, demo_books):
    julien = cast["enseignant"]
    step = await julien.send("/depense")
    assert step.text.startswith("Montant et libellé de la dépense ?")
    step = await julien.send("12,50")
    assert step.text == "Et son libellé ? Par exemple : Piles pour la classe"
    step = await julien.send("Piles")
    assert step.text == "Sur quel compte ?"
    await julien.press("Fournitures éducatives et administratives")
    await julien.press("💳 Carte")
    step = await julien.press("Aujourd'hui")
    assert step.last.content.startswith("Dépense à enregistrer\nPiles\n" + eur("12,50 €"))


async def test_receipt_amount_on_the_line_then_label(bot, cast, demo_books):
    julien = cast["enseignant"]
    step = await julien.send("/recette 5")
    assert step.text.startswith("Et son libellé ?")
    step = await julien.send("x" * 121)
    assert step.text == "Le libellé doit faire de 1 à 120 caractères : raccourcissez-le."
    step = await julien.send("Dons parents")  # still the label step
    assert step.text == "Sur quel compte ?"


async def test_a_label_of_a_project_tag_alone_is_asked_again_not_to_be_shortened(bot, cast, demo_books):
    julien = cast["enseignant"]
    await julien.send("/depense")
    await julien.send("12,50")
    step = await julien.send("#sortie")  # the tag is the project: no words are left for the label
    assert step.text == "Le libellé est vide : tapez quelques mots (par exemple Piles pour la classe)."
    step = await julien.send("Car pour la sortie #sortie")  # still the label step
    assert step.text == "Sur quel compte ?"


async def test_amount_and_label_together_at_the_amount_step(bot, cast, demo_books):
    julien = cast["enseignant"]
    await julien.send("/recette")
    step = await julien.send("-3 Dons")
    assert step.text.startswith("Un montant négatif n'est pas accepté")
    step = await julien.send("12,345 Dons")
    assert step.text == "Deux chiffres après la virgule au plus, par exemple 12,50 :"
    step = await julien.send("5 Dons parents")
    assert step.text == "Sur quel compte ?"


async def test_a_receipt_is_received_not_paid_and_never_by_direct_debit(bot, cast, demo_books):
    julien = cast["enseignant"]
    await julien.send("/recette 5 Dons parents")
    step = await julien.press("Dons")
    assert step.last.content == "Reçu comment ?"
    assert ["🔁 Prélèvement"] not in step.last.buttons
    step = await julien.press("💶 Espèces (caisse)")
    assert step.edited[-1].content == "Reçu comment ? 💶 Espèces (caisse)"


async def test_a_receipt_by_direct_debit_is_refused_on_the_line_too(bot, cast, demo_books):
    """« prélèvement » on a /recette line was recorded, the buttons never offering it; /journal offered it too."""
    julien = cast["enseignant"]
    banque, caisse, piece = books(demo_books, "CE1A")
    step = await julien.send("/recette 5 Dons; dons; prélèvement; hier")
    assert [m.content for m in step.messages] == [
        "Un prélèvement ne fait que sortir de l'argent : une recette se reçoit en espèces, par chèque, carte ou "
        "virement.", "Reçu comment ?"]  # fmt: skip
    assert books(demo_books, "CE1A") == (banque, caisse, piece)
    step = await julien.press("🏦 Virement")
    assert step.last.content.startswith("Recette à enregistrer\nDons\n5,00\xa0€ · virement · ")
    await julien.press("✅ Enregistrer")
    await julien.send("/journal")
    await julien.press(f"{piece} · +5,00\xa0€")
    await julien.press("✏️ Modifier")
    step = await julien.press("Moyen de paiement")
    assert step.last.buttons == [["espèces", "chèque"], ["carte", "virement"], ["↩️ Retour"]]


async def test_a_date_is_checked_where_it_is_typed(bot, cast, demo_books):
    julien = cast["enseignant"]
    await julien.send("/depense")
    await julien.send("4")
    await julien.send("Gommes")
    await julien.press("Fournitures éducatives et administratives")
    await julien.press("💳 Carte")
    await julien.press("📅 Autre date")
    future = TODAY + timedelta(days=1)
    step = await julien.send(future.strftime("%d/%m/%Y"))
    assert step.text == f"La date ne peut pas être dans le futur : tapez une date jusqu'au {TODAY:%d/%m/%Y}."
    step = await julien.send(f"{YEAR - 2}-10-01")  # aaaa-mm-jj, in a year no longer open
    assert step.text.startswith(f"📅 Date comprise : 01/10/{YEAR - 2}. L'exercice {YEAR - 2}-{YEAR - 1} n'est plus ouvert")
    step = await julien.send(TODAY.strftime("%Y-%m-%d"))
    assert step.messages[0].content == f"📅 Date comprise : {TODAY:%d/%m/%Y}."
    assert step.last.content.startswith("Dépense à enregistrer\nGommes")


async def test_a_day_without_its_year_on_the_line_says_which_day_was_refused(bot, cast, demo_books):
    """« 15/12 » typed on the first of December is last year's 15/12: the refusal did not say so, and read as
    if the ledger were at fault (« Ce cahier commence plus tard … »)."""
    julien = cast["enseignant"]
    soon = TODAY + timedelta(days=14)
    understood = soon.replace(year=soon.year - 1)
    step = await julien.send(f"/depense 5 Gommes; fournitures; carte; {soon:%d/%m}")
    assert step.messages[0].content.startswith(f"📅 Date comprise : {understood:%d/%m/%Y}. ")
    assert step.last.content == "Quelle date ?"


async def test_the_confirmation_says_what_was_understood_and_offers_modifier(bot, cast, demo_books):
    julien = cast["enseignant"]
    banque, caisse, piece = books(demo_books, "CE1A")
    step = await julien.send("/depense 8,40 Colle; fournitures; espèces; aujourd'hui")
    assert eur(f"Dépense de 8,40 € le {TODAY:%d/%m/%Y} : Colle\n"
               "Fournitures éducatives et administratives · espèces") in step.text
    assert step.last.buttons == [["✏️ Modifier", "↩️ Annuler l'écriture"]]
    step = await julien.press("✏️ Modifier")
    assert step.messages[-1].content == f"Que modifier dans l'écriture {piece} ?"
    step = await julien.press("Montant")
    step = await julien.send("9")
    assert step.text.startswith(f"Écriture {piece} modifiée.\ncahier CE1A : {format_amount(banque + caisse - 900)} ")


async def test_a_cheque_is_told_with_its_number(bot, cast, demo_books):
    marie = cast["mandataire"]
    step = await marie.send("/depense 20 Timbres; École; sorties; chèque 1240; aujourd'hui")
    assert "Dépense de 20,00 €" in step.text.replace("\xa0", " ") and "chèque n° 1240" in step.text


async def test_undo_twice_cancels_once_and_shows_the_new_balance(bot, cast, demo_books):
    julien = cast["enseignant"]
    banque, caisse, piece = books(demo_books, "CE1A")
    recorded = await julien.send("/depense 5 Erreur; fournitures; carte; aujourd'hui")
    message = recorded.last
    undo = message.button("↩️ Annuler l'écriture")["callback_data"]
    first = await julien.press_data(undo, message)
    assert f"Écriture {piece} annulée" in first.text
    assert first.edited[-1].content.splitlines()[-1].startswith(f"cahier CE1A : {format_amount(banque + caisse)} ")
    second = await julien.press_data(undo, message)  # the double tap
    assert second.messages == [] and second.edited == []
    assert books(demo_books, "CE1A") == (banque, caisse, piece + 1)


async def test_a_cheque_number_on_the_line_is_checked_at_once(bot, cast, demo_books):
    """« chèque abc » on the line: the card said « chèque n° abc », and only ✅ Enregistrer refused it."""
    julien = cast["enseignant"]
    step = await julien.send("/depense 5 Colle; fournitures; chèque abc")
    assert [m.content for m in step.messages] == [
        "Le numéro du chèque s'écrit en chiffres, 12 au plus (par exemple 1234567).", "Numéro du chèque ?"]
    step = await julien.send("1241")
    assert "Quelle date ?" in step.text
    step = await julien.press("Aujourd'hui")
    assert "chèque n° 1241" in step.last.content
    step = await julien.send("/depense 5 Colle; fournitures; chèque 1234567890123; hier")  # 13 digits
    assert step.text.startswith("Le numéro du chèque s'écrit en chiffres, 12 au plus")


async def test_a_used_cheque_number_needs_a_confirmation(bot, cast, demo_books):
    julien = cast["enseignant"]
    await julien.send("/depense")
    await julien.send("10 Livres")
    await julien.press("Fournitures éducatives et administratives")
    await julien.press("🧾 Chèque")
    step = await julien.send("1235")  # CE2B's cheque 0001235
    assert step.text.startswith("⚠️ Le chèque n° 1235 a déjà servi : écriture 1 du cahier CE2B, le ")
    assert step.last.buttons == [["Garder le n° 1235"], ["Annuler"]]
    first = step.last
    step = await julien.send("1234")  # another used number: asked again
    assert step.last.buttons == [["Garder le n° 1234"], ["Annuler"]]
    step = await julien.press("Garder le n° 1235", message=first)  # the earlier question's: told, nothing kept
    assert step.answer == EARLIER_BUTTON and step.messages == []
    step = await julien.send("1241")  # another number: no question
    assert "Quelle date ?" in step.text
    await julien.send("/depense 4 Colle; fournitures; chèque")
    step = await julien.press("N° 0001236")  # the suggested number pressed: said where it was asked
    assert step.edited[-1].content == "Numéro du chèque ? N° 0001236" and "Quelle date ?" in step.text
    await julien.send("/depense 3 Colle; fournitures; chèque 0001234; aujourd'hui")  # on one line too
    step = await julien.press("Garder le n° 0001234")
    assert step.last.content.startswith("Dépense à enregistrer")
    step = await julien.press("✅ Enregistrer")
    assert "chèque n° 0001234" in step.text


async def test_the_suggested_cheque_is_the_next_unused_one(bot, cast, demo_books):
    marie = cast["mandataire"]
    await marie.send("/depense 7 Sortie; CE2B; sorties; chèque 0001237; aujourd'hui")
    await marie.send("/depense 6 Timbres; École; sorties; chèque 0001236; aujourd'hui")
    await marie.send("/depense 5 Car")
    await marie.press("École (école)")
    await marie.press("Autres comptes…")
    await marie.press("Charges des activités éducatives")
    step = await marie.press("🧾 Chèque")
    assert step.last.buttons[0] == ["N° 0001238"]  # 0001237 went to CE2B


async def test_a_class_bank_going_negative_is_told_on_the_card(bot, cast, demo_books):
    julien = cast["enseignant"]
    banque = books(demo_books, "CE1A")[0]
    over = banque + 1000
    amount = format_amount(over).replace("\xa0€", "").replace("\u202f", " ")
    await julien.send("/depense")  # the slow way: the card warns before anything is recorded
    await julien.send(f"{amount} Bus")
    await julien.press("Autres comptes…")
    await julien.press("Charges des activités éducatives")
    await julien.press("🏦 Virement")
    step = await julien.press("Aujourd'hui")
    assert step.last.content.startswith("Dépense à enregistrer")
    assert (f"⚠️ Après cette dépense, la banque du cahier sera à −{format_amount(1000)}. "
            "C'est possible si l'école avance de l'argent à la classe (/mouvement)") in step.last.content
    assert books(demo_books, "CE1A")[0] == banque  # nothing recorded yet
    step = await julien.press("✅ Enregistrer")
    assert "enregistrée — cahier CE1A" in step.last.content
    assert f"⚠️ La banque du cahier est maintenant à −{format_amount(1000)}" in step.last.content  # and after
    step = await julien.send("/depense 1 Craies; fournitures; espèces; aujourd'hui")  # the caisse: not the bank
    assert "enregistrée — cahier CE1A" in step.text and "⚠️" not in step.text


async def test_a_class_bank_going_negative_on_one_line_is_recorded_and_told(bot, cast, demo_books):
    julien = cast["enseignant"]
    banque = books(demo_books, "CE1A")[0]
    amount = format_amount(banque + 1000).replace("\xa0€", "").replace("\u202f", " ")
    step = await julien.send(f"/depense {amount} Bus; sorties; virement; aujourd'hui")  # one line: at once
    assert "enregistrée — cahier CE1A" in step.text
    assert (f"⚠️ La banque du cahier est maintenant à −{format_amount(1000)}. "
            "C'est possible si l'école avance de l'argent à la classe (/mouvement)") in step.text
    assert books(demo_books, "CE1A")[0] == -1000
    step = await julien.press("↩️ Annuler l'écriture")  # the warning's way out
    assert books(demo_books, "CE1A")[0] == banque


async def test_split_with_the_rest_button_and_other_accounts(bot, cast, demo_books):
    marie = cast["mandataire"]
    await marie.send("/recette")
    await marie.send("100 Kermesse")
    await marie.press("CE2B")
    step = await marie.press("✂️ Répartir")
    assert step.last.buttons[-2:] == [["Autres comptes…"], ["Annuler"]]
    await marie.press("Ventes de produits pour cession")
    step = await marie.send("50,50")
    step = await marie.press("Autres comptes…")
    assert ["Produits exceptionnels"] in step.last.buttons and ["Autres comptes…"] not in step.last.buttons
    step = await marie.press("Produits exceptionnels")
    assert step.last.buttons[0] == [eur("Le reste (49,50 €)")]
    step = await marie.press("Le reste")  # said under its question, as every other answer
    assert step.edited[-1].content == eur("Quel montant sur « Produits exceptionnels » ? (reste 49,50 €) "
                                          "Le reste (49,50 €)")  # fmt: skip
    assert step.edited[-1].buttons == [] and step.last.content == "Reçu comment ?"
    await marie.press("💶 Espèces (caisse)")
    step = await marie.press("Aujourd'hui")
    assert eur("Produits exceptionnels : 49,50 €") in step.last.content


async def test_a_split_does_not_offer_again_an_account_it_already_uses(bot, cast, demo_books):
    marie = cast["mandataire"]
    await marie.send("/recette 100 Kermesse")
    await marie.press("CE2B")
    step = await marie.press("✂️ Répartir")
    sales = next(row[0] for row in step.last.buttons if row[0].startswith("Ventes de produits pour cession"))
    await marie.press(sales)
    step = await marie.send("60")
    assert step.text.startswith(eur(f"{sales} : 60,00 €"))  # said done, not offered again
    assert [sales] not in step.last.buttons and ["Autres comptes…"] in step.last.buttons
    step = await marie.press("Autres comptes…")
    assert [sales] not in step.last.buttons and ["Dons"] in step.last.buttons
    await marie.press("Dons")
    step = await marie.send("40")
    assert step.last.content == "Reçu comment ?"


async def test_account_buttons_keep_their_order(bot, cast, demo_books):
    julien = cast["enseignant"]
    step = await julien.send("/depense 1 Essai")
    first = step.last.buttons
    second_account = first[1][0]
    await julien.send("/annuler")
    for _ in range(4):  # the second account becomes the most used
        await julien.send("/depense 1 Essai")
        await julien.press(second_account)
        await julien.press("💳 Carte")
        await julien.press("Aujourd'hui")
        await julien.press("✅ Enregistrer")
    step = await julien.send("/depense 1 Essai")
    assert step.last.buttons == first


async def test_long_account_labels_are_cut_between_words(bot, cast, demo_books):
    marie = cast["mandataire"]
    await marie.send("/recette 5 Sortie")
    await marie.press("CE2B")
    step = await marie.press("Autres comptes…")
    labels = [label for row in step.last.buttons for label in row]
    assert "Produits des activités éducatives (participation des…" in labels


async def record_split_receipt(marie) -> str:
    """A 100 € receipt of CE2B split 60 / 40 over two accounts, one tap or answer at a time; its pièce."""
    await marie.send("/recette 100 Kermesse")
    await marie.press("CE2B")
    await marie.press("✂️ Répartir")
    await marie.press("Ventes de produits pour cession")
    await marie.send("60")
    await marie.press("Dons")
    await marie.send("40")
    await marie.press("💶 Espèces (caisse)")
    await marie.press("Aujourd'hui")
    step = await marie.press("✅ Enregistrer")
    return step.text.split()[1]


async def test_changing_the_amount_of_a_split_entry_asks_the_split_again(bot, cast, demo_books):
    marie = cast["mandataire"]
    piece = await record_split_receipt(marie)
    step = await marie.press("✏️ Modifier")
    await marie.press("Montant")
    step = await marie.send("120")
    assert step.text == eur(f"Écriture {piece} : 120,00 € à répartir. Combien sur « Ventes de produits pour cession "
                            "(photos…) » ? (avant : 60,00 € ; reste 120,00 €)")
    assert step.last.buttons == [[eur("Garder 60,00 €")], [eur("Le reste (120,00 €)")], ["↩️ Retour"]]
    step = await marie.send("130")
    assert step.text == eur("C'est plus que les 120,00 € qui restent : tapez un montant plus petit.")
    step = await marie.press("Garder")  # the last account takes the rest: 60 €
    assert step.text.startswith(f"Écriture {piece} modifiée.\ncahier CE2B : ")
    assert eur("Montant : 120,00 €") in step.text
    assert eur("Ventes de produits pour cession (photos…) : 60,00 €") in step.text and eur("Dons : 60,00 €") in step.text
    await marie.press("✏️ Modifier")
    await marie.press("Montant")
    await marie.send("50")
    step = await marie.send("50")  # all of it on the first account: the second one goes
    assert eur("Ventes de produits pour cession (photos…) : 50,00 €") in step.text and "Dons" not in step.text


async def test_the_account_and_the_cheque_number_change_in_the_journal(bot, cast, demo_books):
    marie = cast["mandataire"]
    step = await marie.send("/depense 30 Livres; CE1A; fournitures; chèque 1250; aujourd'hui")
    piece = step.text.split()[1]
    step = await marie.press("✏️ Modifier")
    assert step.last.buttons == [["Libellé"], ["Montant"], ["Date"], ["Moyen de paiement"], ["N° de chèque"],
                                 ["Compte"], ["Projet"], ["↩️ Retour"]]
    step = await marie.press("Compte")
    assert step.text == f"Nouveau compte de l'écriture {piece} (actuel : Fournitures éducatives et administratives) ?"
    step = await marie.press("Autres comptes…")
    step = await marie.press("Achats de biens durables (inventaire)")
    assert step.text.startswith(f"Écriture {piece} modifiée.\ncahier CE1A : ")
    assert eur("68000008 Achats de biens durables (inventaire) : 30,00 €") in step.text
    await marie.press("✏️ Modifier")
    step = await marie.press("N° de chèque")
    assert step.text == f"Nouveau numéro du chèque de l'écriture {piece} (actuel : 1250) :"
    step = await marie.send("12a")
    assert step.text.startswith("Le numéro du chèque s'écrit en chiffres")
    step = await marie.send("1251")
    assert "chèque n° 1251" in step.text
    step = await marie.press("🕓 Historique")
    assert "ventilation" in step.text and "n° de chèque 1250 → 1251" in step.text


async def test_a_used_cheque_number_in_the_journal_needs_a_confirmation(bot, cast, demo_books):
    marie = cast["mandataire"]
    step = await marie.send("/depense 30 Livres; CE1A; fournitures; chèque 1250; aujourd'hui")
    piece = step.text.split()[1]
    await marie.press("✏️ Modifier")
    await marie.press("N° de chèque")
    step = await marie.send("1250")  # its own number is not "used"
    assert step.text.startswith(f"Écriture {piece} modifiée.")
    await marie.press("✏️ Modifier")
    await marie.press("N° de chèque")
    step = await marie.send("1235")
    assert step.text.startswith("⚠️ Le chèque n° 1235 a déjà servi : écriture 1 du cahier CE2B, le ")
    step = await marie.press("Garder le n° 1235")
    assert step.text.startswith(f"Écriture {piece} modifiée.") and "chèque n° 1235" in step.text


async def test_a_draft_kept_without_its_time_zone_still_takes_a_date(bot, cast, demo_books):
    julien = cast["enseignant"]  # a conversation persisted before the draft kept the ledger's time zone
    await julien.send("/depense 3 Craies; fournitures; carte")
    del bot.user_data[julien.id]["entry"]["timezone"]
    step = await julien.press("Hier")
    assert step.last.content.startswith("Dépense à enregistrer")
    assert f"{TODAY - timedelta(days=1):%d/%m/%Y}" in step.last.content


async def test_the_save_button_of_an_older_card_records_nothing_else(bot, cast, demo_books):
    """Two cards in the chat: ✅ on the first one (Colle, 5 €) recorded the second draft (Gomme, 7 €)."""
    julien = cast["enseignant"]
    await julien.send("/depense 5 Colle; fournitures; espèces")
    first = (await julien.press("Aujourd'hui")).messages[-1]
    assert first.content.startswith("Dépense à enregistrer\nColle")
    await julien.send("/depense 7 Gomme; fournitures; carte")
    second = (await julien.press("Aujourd'hui")).messages[-1]
    step = await julien.press("✅ Enregistrer", message=first)
    assert step.answer == EARLIER_BUTTON
    assert "enregistrée" not in step.text
    assert labelled(demo_books, "Colle", "Gomme") == []
    step = await julien.press("✅ Enregistrer", message=second)  # the card shown last still records its draft
    assert "Dépense de 7,00\xa0€" in step.text and "Gomme" in step.text
    assert labelled(demo_books, "Colle", "Gomme") == ["Gomme"]


async def test_a_button_of_an_earlier_card_says_to_use_the_latest_message(bot, sim, cast, demo_books):
    """The slow way, two drafts: ✅ under the first card answered « Ce bouton n'est plus valable. Tapez /aide pour
    recommencer. », as if the draft were lost, though the latest card still records it."""
    julien = cast["enseignant"]
    cards = []
    for amount, label in (("5", "Colle"), ("7", "Gomme")):
        await julien.send("/depense")
        await julien.send(amount)
        await julien.send(label)
        await julien.press("Fournitures éducatives et administratives")
        await julien.press("💳 Carte")
        cards.append((await julien.press("Aujourd'hui")).last)
    step = await julien.press("✅ Enregistrer", message=cards[0])
    assert step.answer == EARLIER_BUTTON and step.messages == [] and step.edited == []
    step = await julien.press("✅ Enregistrer", message=cards[1])  # the draft was kept
    assert "Dépense de 7,00\xa0€" in step.text and labelled(demo_books, "Colle", "Gomme") == ["Gomme"]
    julia = sim.user(PERSONAS["enseignant"][0], "Julien", language_code="en")
    for label in ("Craie", "Ruban"):
        await julia.send("/depense")
        await julia.send(f"2 {label}; fournitures; carte")
        cards.append((await julia.press(julia.last.buttons[0][0])).last)  # Today
    step = await julia.press(cards[2].buttons[0][0], message=cards[2])
    assert step.answer == ("This button belongs to an earlier question or card: use the latest message. "
                           "What you are entering is kept.")
    assert labelled(demo_books, "Craie", "Ruban") == []


def labelled(database, *labels: str) -> list[str]:
    return database.run(lambda s: list(s.exec(select(Entry.label).where(Entry.label.in_(labels)))))


async def test_a_line_naming_two_ledgers_is_not_recorded_in_either(bot, cast, demo_books):
    """« École; …; CE1A » recorded in the last one named, silently: which one is meant cannot be guessed."""
    marie = cast["mandataire"]
    before = books(demo_books, "École"), books(demo_books, "CE1A")
    step = await marie.send("/depense 2,50 Craies; École; fournitures; carte; hier; CE1A")
    assert step.text == ("« École » et « CE1A » donnent tous deux le cahier : une seule fois par écriture. "
                         "Retapez la ligne, ou tapez le montant et le libellé seuls.")
    assert (books(demo_books, "École"), books(demo_books, "CE1A")) == before
    step = await marie.send("2,50 Craies; CE1A; fournitures; carte; hier")  # the line again, at the same step
    assert "enregistrée — cahier CE1A" in step.text
    assert books(demo_books, "École") == before[0]


async def test_a_question_of_an_earlier_draft_does_not_answer_the_current_one(bot, cast, demo_books):
    """/depense 10 Colle, then /depense 99 Bus: CE1A pressed under Colle's question set the Bus's ledger (Colle's
    message then read « Dans quel cahier ? CE1A »), and so would its account, means or date."""
    marie = cast["mandataire"]
    colle = (await marie.send("/depense 10 Colle")).last
    bus = (await marie.send("/depense 99 Bus")).last
    step = await marie.press("CE1A", message=colle)
    assert step.answer == EARLIER_BUTTON and step.edited == []
    step = await marie.press("CE2B", message=bus)
    assert step.edited[0].content == "Dans quel cahier ? CE2B" and step.last.content == "Sur quel compte ?"
    await marie.press("Fournitures éducatives et administratives")
    means = (await marie.press("💳 Carte")).last
    await marie.send("/depense 3 Gommes")
    step = await marie.press("Aujourd'hui", message=means)  # the Bus's date question, under the Gommes' draft
    assert step.answer == "Ce bouton n'est plus valable. Tapez /aide pour recommencer." and step.messages == []
    await marie.press("CE1A")
    await marie.press("Fournitures éducatives et administratives")
    await marie.press("💶 Espèces (caisse)")
    step = await marie.press("Aujourd'hui")
    assert step.last.content.startswith("Dépense à enregistrer\nGommes\n" + eur("3,00 €"))
    assert "cahier CE1A" in step.last.content


async def test_le_reste_of_an_earlier_part_does_not_go_to_the_account_asked_now(bot, cast, demo_books):
    """✂️ Répartir: the first part's amount typed, its question kept « Le reste (50,50 €) »; pressed while the
    second account's amount was asked, it gave that second account the rest."""
    julien = cast["enseignant"]
    await julien.send("/recette 50,50 Kermesse")
    await julien.press("✂️ Répartir")
    first = (await julien.press("Dons")).last
    step = await julien.send("20,25")
    step = await julien.press("Participation volontaire des familles")
    assert step.text.startswith("Quel montant sur « Participation volontaire des familles » ? (reste " + eur("30,25 €"))
    step = await julien.press("Le reste", message=first)
    assert step.answer == EARLIER_BUTTON and step.messages == []
    step = await julien.send("10")
    assert "Participation volontaire des familles : " + eur("10,00 €") in step.text
    assert "reste " + eur("20,25 €") in step.text


async def test_a_project_tag_too_long_is_said_at_its_step(bot, cast, demo_books):
    """A #projet of more than 32 characters stayed in the label, no project set, unsaid: it is refused where it
    was typed, the step kept."""
    julien = cast["enseignant"]
    tag = "classe-verte-de-printemps-a-la-montagne"  # 39 characters
    said = (f"Le projet « #{tag} » est trop long : 32 caractères au plus. Tapez à nouveau, avec un nom de projet "
            "plus court :")  # fmt: skip
    for before, label in (((), "12,50 Car"), (("12,50",), "Car")):  # at the amount step, then the label's
        for line in ("/depense", *before):
            await julien.send(line)
        step = await julien.send(f"{label} #{tag}")
        assert step.text == said
        step = await julien.send(f"{label} #classeverte")  # still the same step
        assert step.text == "Sur quel compte ?"
        await julien.send("/annuler")
    step = await julien.send(f"/depense 12,50 Car #{tag}; fournitures; carte; aujourd'hui")
    assert step.text == said
    step = await julien.send("12,50 Car #classeverte; fournitures; carte; aujourd'hui")
    assert step.text.startswith("Écriture ") and "enregistrée" in step.text  # the line typed again, recorded
