"""Two conversations at once: each keeps its own state, a command typed mid-step breaks neither."""

from __future__ import annotations

from sqlmodel import select

from store.models import AdhesionRow, ContactMessage, Entry, OutboxMessage
from tests.test_adhesion import add_row

ONE_LINE = "/depense 2 Règle; CE1A; fournitures; carte; aujourd'hui"


def entries_named(database, label: str) -> int:
    return len(database.run(lambda s: list(s.exec(select(Entry.id).where(Entry.label == label)))))


def rows_named(database, class_name: str) -> int:
    return len(database.run(lambda s: list(s.exec(select(AdhesionRow.id).where(
        AdhesionRow.class_name == class_name)))))  # fmt: skip


async def test_a_one_line_expense_in_the_middle_of_a_membership_row(bot, cast, demo_books):
    marie = cast["mandataire"]
    await marie.send("/adhesion")
    await marie.press("Partir d'un tableau vide")
    await marie.press("➕ Ajouter une classe")
    step = await marie.send("CE1B")
    step = await marie.send(ONE_LINE)
    assert step.text.startswith("Écriture ") and "enregistrée — cahier CE1A" in step.text
    step = await marie.send("Luc Rivière luc.riviere@ac-reunion.fr")
    assert step.text == "Nombre d'élèves de CE1B (0 à 500) :"
    await marie.send("22")
    await marie.send("1")
    step = await marie.press("✅ Enregistrer")
    assert "Ligne 1 (CE1B) enregistrée." in step.text
    assert entries_named(demo_books, "Règle") == 1 and rows_named(demo_books, "CE1B") == 1


async def test_a_membership_row_in_the_middle_of_an_expense(bot, cast, demo_books):
    marie = cast["mandataire"]
    await marie.send("/depense")
    step = await marie.send("4,20 Colle")
    accounts = (await marie.press("CE1A")).last
    assert accounts.buttons[0][0] == "Fournitures éducatives et administratives"
    await marie.send("/adhesion")
    await marie.press("Partir d'un tableau vide")
    step = await add_row(marie, "CE1B", "Luc Rivière luc.riviere@ac-reunion.fr", 22, 1)
    assert "Ligne 1 (CE1B) enregistrée." in step.text
    # Back to the expense's buttons, where it was.
    await marie.press("Fournitures éducatives et administratives", message=accounts)
    await marie.press("💳 Carte")
    await marie.press("Aujourd'hui")
    step = await marie.press("✅ Enregistrer")
    assert "enregistrée — cahier CE1A" in step.text
    assert entries_named(demo_books, "Colle") == 1 and rows_named(demo_books, "CE1B") == 1


async def test_a_one_line_expense_in_the_middle_of_a_movement(bot, cast, demo_books):
    julien = cast["enseignant"]
    await julien.send("/mouvement")
    await julien.press("🏦 Dépôt d'espèces en banque")
    step = await julien.send("/depense 2 Règle; fournitures; carte; aujourd'hui")
    assert "enregistrée — cahier CE1A" in step.text
    step = await julien.send("10")
    assert step.text.startswith("Date du mouvement (10,00\xa0€) ?")
    await julien.press("Aujourd'hui")
    await julien.press("✅ Garder ce libellé")
    step = await julien.press("✅ Enregistrer")
    assert "Mouvement enregistré : dépôt de 10,00" in step.text


async def test_a_one_line_expense_in_the_middle_of_a_cash_count(bot, cast, demo_books):
    julien = cast["enseignant"]
    await julien.send("/caisse")
    await julien.press("🔢 Saisir le total")
    step = await julien.send("/depense 2 Règle; fournitures; carte; aujourd'hui")
    assert "enregistrée — cahier CE1A" in step.text
    step = await julien.send("1")
    assert "Arrêté de caisse du " in step.text and "compté 1,00\xa0€" in step.text


async def test_a_one_line_expense_in_the_middle_of_a_reconciliation(bot, cast, demo_books):
    marie = cast["mandataire"]
    await marie.send("/pointage")
    step = await marie.press("Aujourd'hui")
    assert step.text.startswith("Solde du relevé du ")
    step = await marie.send(ONE_LINE)
    assert "enregistrée — cahier CE1A" in step.text
    step = await marie.send("100")
    assert step.text.startswith("Relevé du ") and "Solde du relevé : 100,00\xa0€" in step.text


async def test_annuler_after_a_list_cancels_the_message_being_written(bot, cast, demo_books):
    """A list left open (/cahiers) does not take /annuler from the message (or cooperative number) you were typing after it: the
    mandataire was told « rien en cours » and her next line went to the AD."""
    marie = cast["mandataire"]
    await marie.send("/cahiers")
    step = await marie.send("/contact")
    assert step.text.startswith("Écrivez votre message pour l'OCCE 974")
    step = await marie.send("/annuler")
    assert step.text == "C'est annulé : rien de cette opération n'a été enregistré."
    step = await marie.send("Ceci ne devait pas partir")
    assert "transmis" not in step.text
    assert demo_books.run(lambda s: s.exec(select(ContactMessage)).all()) == []


async def test_annuler_after_the_follow_up_cancels_the_announcement(bot, cast, demo_books):
    """/suivi left open, then /annonce: /annuler at its preview cancels it, and its 📤 no longer sends."""
    paul = cast["ad"]
    await paul.send("/suivi")
    await paul.send("/annonce")
    await paul.press("Tous les mandataires (1)")
    step = await paul.send("Réunion mercredi")
    preview = step.last
    assert preview.buttons[0] == ["📤 Envoyer à 1 mandataire"]
    step = await paul.send("/annuler")
    assert [m.content for m in step.messages] == [
        "C'est annulé : rien de cette opération n'a été enregistré.",
        "Fermé : l'annonce. Toujours en cours : le suivi ; /annuler de nouveau pour l'abandonner."]
    step = await paul.press("📤 Envoyer à 1 mandataire", message=preview)
    assert "Annonce envoyée" not in step.text
    assert demo_books.run(lambda s: s.exec(select(OutboxMessage)).all()) == []


async def test_another_command_leaves_the_message_to_the_ad(bot, cast, demo_books):
    """/contact, then /solde: the next line went to the AD as the message, without a word."""
    marie, paul = cast["mandataire"], cast["ad"]
    step = await marie.send("/contact")
    assert step.text.startswith("Écrivez votre message pour l'OCCE 974")
    step = await marie.send("/solde")
    assert step.messages[0].content == ("Vous avez tapé une autre commande : /contact est abandonné, rien n'est "
                                        "envoyé à l'OCCE. Tapez /contact pour lui écrire.")
    assert step.last.content.startswith("Soldes au ")  # the command itself runs
    step = await marie.send("Merci, à demain")
    assert "transmis" not in step.text
    assert demo_books.run(lambda s: s.exec(select(ContactMessage)).all()) == []
    assert not [m for m in paul.history if m.from_bot]
    # a conversation begun by the other command gets its answers
    await marie.send("/contact")
    step = await marie.send("/depense")
    assert "abandonné" in step.messages[0].content
    step = await marie.send("4,20 Colle")
    assert step.text == "Dans quel cahier ?"
    await marie.send("/annuler")
    # /contact again: the message is sent
    await marie.send("/contact")
    step = await marie.send("Bonjour, une question sur la caisse.")
    assert step.text == "Votre message a été transmis à l'OCCE 974. La réponse arrivera ici."
    assert "Bonjour, une question sur la caisse." in paul.last.content


async def test_coop_leaves_the_message_to_the_ad_as_other_commands_do(bot, cast, demo_books):
    """/contact, then /coop (served by the same conversation): the card came without a word of the message."""
    marie, paul = cast["mandataire"], cast["ad"]
    await marie.send("/contact")
    step = await marie.send("/coop")
    assert step.messages[0].content == ("Vous avez tapé une autre commande : /contact est abandonné, rien n'est "
                                        "envoyé à l'OCCE. Tapez /contact pour lui écrire.")
    assert "Coopérative 974-111" in step.last.content  # the command itself runs
    step = await marie.send("Merci, à demain")
    assert "transmis" not in step.text
    assert demo_books.run(lambda s: s.exec(select(ContactMessage)).all()) == []
    assert not [m for m in paul.history if m.from_bot]


async def test_annuler_cancels_the_message_not_an_expense_begun_before(bot, cast, demo_books):
    """/depense, then /contact, then /annuler: the expense was cancelled and the next line went to the AD."""
    marie, paul = cast["mandataire"], cast["ad"]
    await marie.send("/depense")
    await marie.send("/contact")
    step = await marie.send("/annuler")
    assert [m.content for m in step.messages] == [
        "C'est annulé : rien de cette opération n'a été enregistré.",
        "Fermé : le message (ou le numéro de coopérative) que vous tapiez. Toujours en cours : la dépense ou "
        "recette ; /annuler de nouveau pour l'abandonner."]
    step = await marie.send("4,20 Colle")  # the expense still waits for its amount and label
    assert step.text == "Dans quel cahier ?"
    assert demo_books.run(lambda s: s.exec(select(ContactMessage)).all()) == []
    assert not [m for m in paul.history if m.from_bot]


# A typed line goes to the conversation that asked its question last, whatever their order in bot/app.py.


async def test_a_coop_typed_after_the_follow_up_is_not_taken_by_an_older_invitation(bot, cast, demo):
    """/inviter asked the coop's number, then /suivi: « 974-111 » went to /inviter (« déjà un mandataire »)."""
    paul = cast["ad"]
    await paul.send("/inviter")
    step = await paul.press("Mandataire d'une coopérative (974)")
    assert step.text == "Tapez le numéro d'affiliation de la coopérative (par exemple 974-111)."
    await paul.send("/suivi")
    step = await paul.send("974-111")
    assert step.text == "Répondez avec les boutons ci-dessus, ou tapez /annuler pour abandonner."
    step = await paul.send("/annuler")  # leaves the list, not the invitation
    assert step.text != "C'est annulé : rien de cette opération n'a été enregistré."
    step = await paul.send("974-111")  # the older question takes lines again
    assert step.text == "Cette coopérative a déjà un mandataire. Pour le remplacer, utilisez /mandataire."


async def test_a_coop_typed_for_an_export_is_not_taken_by_an_older_change_of_mandataire(bot, cast, demo):
    """/mandataire asked the coop, then /export asked it too: the number typed went to /mandataire."""
    paul = cast["ad"]
    step = await paul.send("/mandataire")
    assert step.text.startswith("Tapez le numéro d'affiliation")
    await paul.send("/export")
    step = await paul.press("🖨 Cahier de comptabilité (PDF)")
    assert step.text.startswith("Tapez le numéro de la coopérative")
    step = await paul.send("974-111")
    assert step.text == "Quelle période (974-111) ?"
    step = await paul.send("/annuler")
    assert [m.content for m in step.messages] == [
        "C'est annulé : rien de cette opération n'a été enregistré.",
        "Fermé : l'export. Toujours en cours : le changement de mandataire ; /annuler de nouveau pour "
        "l'abandonner."]
    step = await paul.send("974-111")
    assert "Changement de mandataire pour la coopérative 974-111" in step.text


async def test_a_count_typed_after_a_half_done_expense_is_the_count(bot, cast, demo_books):
    """/depense waiting for its label, then /caisse asked the total: « 30 » became the expense's label."""
    julien = cast["enseignant"]
    await julien.send("/depense")
    step = await julien.send("4,20")
    assert step.text.startswith("Et son libellé ?")
    await julien.send("/caisse")
    await julien.press("🔢 Saisir le total")
    step = await julien.send("30")
    assert "Arrêté de caisse du " in step.text and "compté 30,00\xa0€" in step.text
    step = await julien.send("Colle")  # the expense takes lines again
    assert step.text != "Répondez avec les boutons ci-dessus, ou tapez /annuler pour abandonner."
    assert "libellé" not in step.text


async def test_annuler_leaves_the_cash_count_not_the_membership_table_open_before(bot, cast, demo_books):
    """/adhesion's table left open, then /caisse: /annuler closed the table and the count still waited."""
    marie = cast["mandataire"]
    await marie.send("/adhesion")
    await marie.send("/caisse")
    await marie.press("CE1A")
    step = await marie.press("🔢 Saisir le total")
    step = await marie.send("/annuler")
    assert [m.content for m in step.messages] == [
        "C'est annulé : rien de cette opération n'a été enregistré.",
        "Fermé : l'arrêté de caisse. Toujours en cours : le tableau d'adhésion ; /annuler de nouveau pour "
        "l'abandonner."]
    step = await marie.send("30")  # the table's step is buttons
    assert step.text == "Répondez avec les boutons ci-dessus, ou tapez /annuler pour abandonner."


async def test_each_annuler_says_what_it_closed_and_what_is_still_in_progress(bot, cast, demo_books):
    """/depense, /caisse and /journal left open: one /annuler after another each read « C'est annulé » or, for
    the journal, « Il n'y avait rien en cours » while the count and the expense still waited for an answer."""
    marie = cast["mandataire"]
    await marie.send("/depense")
    await marie.send("4,20")
    await marie.send("/caisse")
    await marie.press("CE1A")
    await marie.press("🔢 Saisir le total")
    await marie.send("/journal")
    step = await marie.send("/annuler")
    assert [m.content for m in step.messages] == [
        "Il n'y avait rien en cours à annuler : ce qui est enregistré le reste.",
        "Fermé : le journal. Toujours en cours : l'arrêté de caisse ; /annuler de nouveau pour l'abandonner."]
    step = await marie.send("/annuler")
    assert step.last.content == ("Fermé : l'arrêté de caisse. Toujours en cours : la dépense ou recette ; "
                                 "/annuler de nouveau pour l'abandonner.")  # fmt: skip
    step = await marie.send("/annuler")  # the last one: nothing else to say
    assert step.text == "C'est annulé : rien de cette opération n'a été enregistré."
    step = await marie.send("/annuler")
    assert step.text == "Il n'y a rien en cours : rien à annuler."
