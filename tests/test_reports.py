"""The report's life through the chat, typed and pressed as the mandataire, the vérificateurs and the AD would."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import text

from tests.reportworld import CLAIRE, HENRI, MARIE, SABINE, YEAR, class_entry, seed_year

PAUL = 1004
YEARS = f"{YEAR}-{YEAR + 1}"
AUGUST = f"31/08/{YEAR + 1}"
# the start of what a CRA answer of emoji alone is told
WORDS = "Tapez-le avec des mots (au moins une lettre ou un chiffre), pas seulement des emoji ou de la ponctuation ; "


def euros(cents: int) -> str:
    units = f"{abs(cents) // 100:,}".replace(",", "\u202f")
    return f"{'−' if cents < 0 else ''}{units},{abs(cents) % 100:02d}\xa0€"


async def told(user, words: str, timeout: float = 10) -> str:
    """The latest message of the bot to ``user`` containing ``words``, once it arrives (jobs tell later)."""
    for _ in range(int(timeout / 0.1)):
        found = [m.content for m in user.history if m.from_bot and words in m.content]
        if found:
            return found[-1]
        await asyncio.sleep(0.1)
    raise AssertionError(f"{words!r} never came; last: {user.last.content!r}")


@pytest.fixture
def year(demo):
    demo.run(seed_year)
    return demo


@pytest.fixture
def people(sim, year):
    return {"marie": sim.user(MARIE, "Marie", "Payet"), "henri": sim.user(HENRI, "Henri"),
            "claire": sim.user(CLAIRE, "Claire"), "sabine": sim.user(SABINE, "Sabine"), "paul": sim.user(PAUL, "Paul")}


async def give_quitus(user, name: str, parent: str):
    step = await user.press("✍️ Donner mon quitus")  # on the notice the outbox sent
    assert f"Votre quitus sur les comptes {YEARS} de 974-111" in step.text
    step = await user.send("H")
    assert step.text == "Tapez votre prénom et votre nom (3 à 120 caractères) :"
    step = await user.send(name)
    assert step.text == "Êtes-vous parent d'un élève de l'école ?"
    return await user.press(parent)


async def test_the_whole_life_of_a_report(bot, people):
    marie, henri, claire, sabine, paul = (people[k] for k in ("marie", "henri", "claire", "sabine", "paul"))
    step = await marie.send("/compterendu")
    assert f"Compte rendu {YEARS}</b> — 974-111 École Les Tamarins" in step.last.text
    assert "État : 📝 en cours" in step.text
    for section in ("Fonctionnement", "Bilan", "Rapprochement", "Caisse", "Subventions", "Inventaire"):
        assert f"• {section} : ✅" in step.text
    assert "Relevé bancaire d'août : manquant" in step.text

    # the CRF, a section at a time
    step = await marie.press("Bilan")
    assert f"Actif : banque {euros(1180_00)} + caisse {euros(90_00)} = {euros(1270_00)}" in step.text
    assert f"Passif : report à nouveau {euros(1050_00)} + résultat {euros(220_00)} = {euros(1270_00)}" in step.text
    await marie.press("↩️ Retour")
    step = await marie.press("Fonctionnement")
    assert f"Participation volontaire des familles : {euros(300_00)}" in step.text
    assert f"Résultat</b> (produits − charges) : {euros(220_00)}" in step.last.text
    await marie.press("↩️ Retour")

    # the CRA, each answer typed; bad input keeps the step
    step = await marie.press("📝 Activités (CRA)")
    assert step.text.startswith("Activités 1/4")
    step = await marie.send("beaucoup")
    assert step.text == "Tapez un nombre entier de 0 à 99, par exemple 6 :"
    step = await marie.send("5")
    assert "Activités 2/4" in step.text and "sortiemer</b> — École : à décrire" in step.last.text
    await marie.press("✏️ sortiemer")
    step = await marie.send("🌊")  # printed as □ in the CRA, read by nobody: asked again
    assert step.text == WORDS + "120 caractères au plus :"
    step = await marie.send("CM1, CM2")
    assert "une courte description" in step.text
    step = await marie.send("🐚 …")
    assert step.text == WORDS + "500 caractères au plus :"
    step = await marie.send("Une journée à la mer")
    assert "sortiemer</b> — CM1, CM2 : Une journée à la mer" in step.last.text
    await marie.press("➕ Ajouter un projet")
    for typed in ("🎵🎶", "« … »"):  # printed as □ in the CRA
        step = await marie.send(typed)
        assert step.text == ("Le titre du projet doit contenir au moins une lettre ou un chiffre, pas seulement des "
                             "emoji ou de la ponctuation. Retapez-le :")
    await marie.send("Chorale")
    await marie.send("CE1A, CE2B")
    step = await marie.send("Un concert en juin")
    assert "Chorale</b> — CE1A, CE2B : Un concert en juin" in step.last.text
    step = await marie.press("✅ La liste est complète")
    assert step.text.startswith("Activités 3/4")
    step = await marie.send("🤝")
    assert step.text == WORDS + "1000 caractères au plus :"
    step = await marie.send("Action solidarité : collecte de livres")
    assert step.text.startswith("Activités 4/4")
    step = await marie.send("👍👍")
    assert step.text == WORDS + "1000 caractères au plus :"
    step = await marie.send("/annuler")  # days later, it takes up where it was
    assert "vos réponses sont gardées" in step.text
    step = await marie.send("/compterendu")
    assert "Activités (CRA)</b> : 📝 à compléter" in step.last.text
    step = await marie.press("📝 Activités (CRA)")
    assert step.text.startswith("Activités 4/4")
    step = await marie.send("-")
    assert "✅ Le compte rendu d'activités est complet." in step.text

    # sending too early says what is missing
    step = await marie.press("📤 Envoyer à l'OCCE")
    assert "Il faut le quitus d'au moins 2 vérificateurs ; 0 reçu pour l'instant." in step.text
    step = await marie.press("🔏 Demander le quitus")
    assert "🔏 Quitus demandé : 2 vérificateurs prévenus." in step.text
    assert "État : 🔏 quitus demandé" in step.text

    # a vérificateur who is also a signataire is not offered the quitus, and refused with the reason at once
    step = await sabine.send("/compterendu")
    assert "Donner mon quitus" not in str(step.last.buttons)
    report_id = int(henri.last.buttons and henri.last.button("✍️ Donner mon quitus")["callback_data"].split(":")[1])
    step = await sabine.press_data(f"qts:{report_id}", sabine.last)
    assert "Vous êtes aussi mandataire ou signataire de cette coopérative" in step.text
    assert "Tapez votre prénom" not in step.text

    step = await give_quitus(henri, "Henri Fontaine", "Oui")
    assert "✅ Quitus enregistré : Henri Fontaine, le" in step.text
    assert "Henri Fontaine a donné son quitus" in await told(marie, "Henri Fontaine a donné son quitus")
    await give_quitus(claire, "Claire Hoareau", "Non")

    await marie.send("/compterendu")
    step = await marie.press("📤 Envoyer à l'OCCE")
    assert "Joignez le relevé bancaire d'août" in step.text
    step = await marie.press("📎 Relevé d'août")
    step = await marie.send("le voici")
    assert step.text == "J'attends une photo ou un PDF (ou /annuler)."
    step = await marie.send_document(b"%PDF-1.4 releve", "releve-aout.pdf")
    assert "📎 Pièce jointe au compte rendu." in step.text and "Relevé bancaire d'août : ✅ joint" in step.text
    step = await marie.press("📤 Envoyer à l'OCCE")
    assert f"📤 Compte rendu {YEARS} envoyé à l'OCCE." in step.text and "État : 📤 envoyé" in step.text

    # the AD sends it back with a comment that reaches the mandataire
    assert f"Le compte rendu {YEARS} de 974-111" in await told(paul, "est arrivé")
    await paul.send("/valider")
    step = await paul.press("📋 Comptes rendus")
    assert "🔍 À examiner (1) : 974-111 École Les Tamarins" in step.text
    assert "⚠️ En retard (1) : 974-145 École Bois-de-Nèfles" in step.text  # not started, past 30 September
    step = await paul.press("🔍 Examiner 974-111")
    assert "Quitus : 2 sur les 2 nécessaires" in step.text
    await paul.press("↩️ À compléter (avec un commentaire)")
    for typed in ("?", "🙁🙁🙁"):  # the mandataire would read nothing
        step = await paul.send(typed)
        assert step.text == "Tapez un commentaire de 3 à 1000 caractères, avec des mots :"
    step = await paul.send("Précisez la participation des familles")
    assert "renvoyé pour être complété" in step.text
    assert "Précisez la participation" in await told(marie, "Le C.R. est suivi, mais il doit être complété : ")

    # an entry of that year: warned, "modifié", the AD told; the cash count no longer matches: refused
    step = await marie.send(f"/recette 5 Don d'un parent; École; dons; espèces; 15/06/{YEAR + 1}")
    assert f"⚠️ Le compte rendu {YEARS} déjà envoyé sera modifié" in step.text and "enregistrée" not in step.text
    step = await marie.press("✅ Enregistrer")
    assert "enregistrée" in step.text
    await told(marie, "le compte rendu déjà envoyé sera modifié")
    step = await marie.send("/compterendu")
    assert "État : ✏️ modifié" in step.text and "Précisez la participation des familles" in step.text
    step = await marie.press("📤 Envoyer à l'OCCE")
    assert f"l'arrêté de caisse de École diffère du livre de {euros(-5_00)}" in step.text
    assert "Le compte rendu n'est pas envoyé." in step.text
    await marie.send("/caisse")
    await marie.press("École")
    await marie.press("📅 Autre date")
    await marie.send(AUGUST)
    await marie.press("🔢 Saisir le total")
    step = await marie.send("95")
    assert "✅" in step.text
    await marie.send("/compterendu")
    step = await marie.press("📤 Envoyer à l'OCCE")
    assert "État : 📤 envoyé\n" in step.text  # sent: its deadline no longer concerns it

    # the AD validates: the year is locked
    step = await paul.press("🔍 Examiner 974-111", message=[m for m in paul.history if "est arrivé" in m.content][-1])
    step = await paul.press("✅ Valider et verrouiller l'exercice")
    assert f"Compte rendu {YEARS} de 974-111 validé : l'exercice est verrouillé." in step.text
    await told(marie, "L'OCCE a validé votre compte rendu")
    step = await marie.send(f"/recette 5 Don; École; dons; espèces; 16/06/{YEAR + 1}")
    assert f"L'exercice {YEARS} est clos : plus rien n'y change." in step.text
    step = await marie.send("/annuler")
    step = await marie.send("/coop")
    assert f"Compte rendu {YEARS} : ✅ validé (verrouillé)" in step.text
    step = await marie.send("/compterendu")
    assert "📤 Envoyer à l'OCCE" not in str(step.last.buttons)
    assert "État : ✅ validé (verrouillé)\n" in step.text  # no « à envoyer au plus tard » once validated


async def test_no_quitus_while_a_class_ledger_is_open_then_cloture_closes_it(bot, people, year):
    year.run(class_entry)
    marie = people["marie"]
    step = await marie.send("/compterendu")
    assert "État : 📒 cahiers non clos" in step.text
    assert "• Fonctionnement : 1 cahier de classe non clos (CE1A) : /cloture" in step.text
    step = await marie.press("🔏 Demander le quitus")
    assert ("Pas de quitus tant que les cahiers de classe ne sont pas clos : 1 cahier de classe encore ouvert."
            in step.text)
    assert "État : 📒 cahiers non clos" in step.text  # nothing lost, nobody told
    assert not [m for m in people["henri"].history if m.from_bot]
    await marie.send("/cloture")
    await marie.press("🔒 Clore CE1A")
    step = await marie.press("🔒 Clore le cahier")
    assert f"Cahier CE1A clos pour l'exercice {YEARS}" in step.text
    await marie.send("/compterendu")
    step = await marie.press("🔏 Demander le quitus")
    assert "🔏 Quitus demandé : 2 vérificateurs prévenus." in step.text
    assert "✍️ Quitus" in await told(people["henri"], "vous demande de vérifier les comptes")


async def test_an_unbalanced_report_is_not_sent_and_says_where_the_difference_comes_from(bot, people, year):
    # A ventilation that no longer adds up to its entry (a bug of an older version, say): 50 € off.
    year.run(lambda s: s.execute(text("UPDATE split SET amount = amount - 5000 WHERE entry_id = "
                                      "(SELECT min(id) FROM entry WHERE label = 'Participation des familles')")))
    marie = people["marie"]
    step = await marie.send("/compterendu")
    assert f"• Bilan : bilan non équilibré, écart de {euros(50_00)}" in step.text
    step = await marie.press("📤 Envoyer à l'OCCE")
    assert (f"Le bilan n'est pas équilibré : écart de {euros(50_00)} ; il vient de ventilations qui ne font pas le "
            f"total de leur écriture ({euros(50_00)}). Le compte rendu ne peut pas être envoyé ; rien n'est perdu."
            in step.text)
    assert "État : 📝 en cours" in step.text


async def test_the_sandbox_has_a_report_in_progress(bot, demo, sim):
    from store.demo import YEAR_END_PEOPLE, seed_sandbox

    demo.run(seed_sandbox)
    helene = sim.user(YEAR_END_PEOPLE["mandataire"][0], "Hélène")
    step = await helene.send("/compterendu")
    assert "974-300 École des Filaos" in step.text and "État : 📒 cahiers non clos" in step.text
    assert "3 cahiers de classe non clos (CE1A, CE2B, CM1) : /cloture" in step.text
    step = await helene.press("📝 Activités (CRA)")
    assert step.text.startswith("Activités 2/4")
    step = await sim.user(1007, "Henri").send("/compterendu")  # the vérificateur of 974-111 reads it
    assert "État : pas commencé" in step.text
    assert "📤 Envoyer à l'OCCE" not in str(step.last.buttons) and "Bilan" in str(step.last.buttons)


async def test_a_second_tap_on_send_does_not_send_the_report_again(bot, people, year):
    from tests.store.test_reports import ready

    ready(year)
    marie, paul = people["marie"], people["paul"]
    await marie.send("/compterendu")
    step = await marie.press("📤 Envoyer à l'OCCE")
    assert f"📤 Compte rendu {YEARS} envoyé à l'OCCE." in step.text
    arrived = [m for m in paul.history if "est arrivé" in m.content]
    assert len(arrived) == 1
    # The same button again (a double tap, or the overview kept open): said, the AD not told twice.
    step = await marie.press("📤 Envoyer à l'OCCE")
    assert ("Ce compte rendu est déjà envoyé à l'OCCE : il attend sa réponse. Rien n'a été renvoyé."
            in step.text)
    assert "État : 📤 envoyé" in step.text
    assert [m for m in paul.history if "est arrivé" in m.content] == arrived


async def test_a_verificateur_is_not_asked_for_a_quitus_nobody_requested(bot, people, year):
    from sqlmodel import select

    from store.models import Report

    year.run(class_entry)  # a class ledger still open: no quitus can be asked yet
    marie, henri = people["marie"], people["henri"]
    step = await marie.send("/compterendu")
    assert "État : 📒 cahiers non clos" in step.text
    step = await henri.send("/compterendu")
    assert "Quitus : à demander" in step.text
    assert "Donner mon quitus" not in str(step.last.buttons)
    # A quitus button of an earlier request (withdrawn since) says so at once, before asking anything.
    report_id = year.run(lambda s: s.exec(select(Report.id)).one())
    step = await henri.press_data(f"qts:{report_id}", henri.last)
    assert step.text == "Le quitus n'a pas encore été demandé par le ou la mandataire."
    step = await henri.send("Henri Fontaine")
    assert "parent" not in step.text


async def test_asking_the_quitus_again_tells_only_the_verificateurs_who_have_not_given_it(bot, people, year):
    from tests.store.test_reports import act, coop_id, fill_cra

    from store import quitus, reports

    report_id = act(year, MARIE, reports.open_report, coop_id(year)).report_id
    fill_cra(year, report_id)
    act(year, MARIE, quitus.request_quitus, report_id)
    marie = people["marie"]
    step = await give_quitus_on_overview(people["henri"], "Henri Fontaine", "Oui")
    assert "✅ Quitus enregistré : Henri Fontaine" in step.text
    # A week later Claire has still not given hers: asked again, only she is told.
    await marie.send("/compterendu")
    step = await marie.press("🔏 Demander le quitus")
    assert "🔏 Quitus demandé : 1 vérificateur prévenu." in step.text
    step = await give_quitus_on_overview(people["claire"], "Claire Hoareau", "Non")
    await marie.send("/compterendu")
    step = await marie.press("🔏 Demander le quitus")
    assert "🔏 Les vérificateurs ont tous déjà donné leur quitus : personne n'a été relancé." in step.text
    assert "Quitus : 2 sur les 2 nécessaires" in step.text


async def give_quitus_on_overview(user, name: str, parent: str):
    await user.send("/compterendu")
    await user.press("✅ Donner mon quitus")
    await user.send(name)
    return await user.press(parent)


async def test_a_quitus_name_is_letters_not_emoji(bot, people, year):
    from tests.store.test_reports import act, coop_id

    from store import quitus, reports

    report_id = act(year, MARIE, reports.open_report, coop_id(year)).report_id
    act(year, MARIE, quitus.request_quitus, report_id)
    henri = people["henri"]
    await henri.send("/compterendu")
    await henri.press("✅ Donner mon quitus")
    for typed in ("😀😀😀", "🙂 👍 🎉", "1234", "- - -"):
        step = await henri.send(typed)
        assert step.text == "Tapez votre prénom et votre nom, en lettres (par exemple Claire Martin) :"
    step = await henri.send("Henri Fontaine")
    assert step.text == "Êtes-vous parent d'un élève de l'école ?"


async def test_annuler_in_the_middle_of_a_quitus_opened_on_the_overview_gives_none(bot, people, year):
    """Henri opens /compterendu, starts his quitus, then changes his mind: /annuler leaves the quitus (it said
    « Compte rendu fermé … vos réponses sont gardées » and « Oui » then recorded it)."""
    from tests.store.test_reports import act, coop_id

    from store import quitus, reports

    report_id = act(year, MARIE, reports.open_report, coop_id(year)).report_id
    act(year, MARIE, quitus.request_quitus, report_id)
    henri = people["henri"]
    await henri.send("/compterendu")
    await henri.press("✅ Donner mon quitus")
    await henri.send("Henri Fontaine")
    question = henri.last
    step = await henri.send("/annuler")
    assert [m.content for m in step.messages] == [
        "C'est annulé : rien de cette opération n'a été enregistré.",
        "Fermé : le quitus. Toujours en cours : le compte rendu ; /annuler de nouveau pour l'abandonner."]
    step = await henri.press("Oui", message=question)
    assert "Quitus enregistré" not in step.text
    step = await henri.send("/compterendu")
    assert "Quitus : aucun sur les 2 nécessaires" in step.text


async def test_an_ad_card_opened_before_a_change_does_not_validate_the_changed_report(bot, demo, sim):
    """Paul opens 974-160's report (envoyé); Nadia then records a gift in that year: the report is « modifié ».
    ✅ on Paul's card validated and locked books he had not seen; it says so, and a fresh card validates."""
    from store.demo import seed_sandbox

    demo.run(seed_sandbox)  # 974-160's last year's report is with the AD
    paul, nadia = sim.user(PAUL, "Paul"), sim.user(1008, "Nadia")
    await nadia.send("/start")
    await paul.send("/valider")
    await paul.press("📋 Comptes rendus")
    card = (await paul.press("🔍 Examiner 974-160")).last
    await nadia.send(f"/recette 5 Don d'un parent; École; dons; espèces; 15/06/{YEAR + 1}")
    step = await nadia.press("✅ Enregistrer")
    assert "enregistrée" in step.text
    step = await paul.press("✅ Valider et verrouiller l'exercice", message=card)
    assert step.text == ("Le compte rendu de 974-160 a changé depuis cette fiche (modifié, ou envoyé à nouveau) : "
                         "rien n'est validé. Examinez-le à nouveau : /valider, 📋 Comptes rendus.")  # fmt: skip
    assert "État : ✏️ modifié" in (await nadia.send("/compterendu")).text
    await paul.send("/valider")
    await paul.press("📋 Comptes rendus")
    step = await paul.press("🔍 Examiner 974-160")
    assert "État : ✏️ modifié" in step.text
    step = await paul.press("✅ Valider et verrouiller l'exercice")
    assert f"Compte rendu {YEARS} de 974-160 validé : l'exercice est verrouillé." in step.text


async def test_a_quitus_changed_after_sending_makes_the_report_modified(bot, demo, sim):
    from store.demo import seed_sandbox

    demo.run(seed_sandbox)  # 974-160's last year's report is with the AD, Josiane's quitus the parent's
    josiane, nadia = sim.user(1010, "Josiane"), sim.user(1008, "Nadia")
    await josiane.send("/compterendu")
    await josiane.press("974-160")
    await josiane.press("✅ Donner mon quitus")
    await josiane.send("Josiane Grondin")
    step = await josiane.press("Non")  # no longer as a parent: the report sent has no parent's quitus any more
    assert "✅ Quitus enregistré : Josiane Grondin" in step.text
    step = await nadia.send("/compterendu")
    assert "État : ✏️ modifié" in step.text
    step = await nadia.press("📤 Envoyer à l'OCCE")
    assert "L'un des vérificateurs qui donnent le quitus doit être un parent d'élève." in step.text


def reports_of_many_coops(session) -> None:
    """Eleven coops whose report is validated, numbered before a twelfth's, late (in progress past 30 September)."""
    from store.models import Coop, Report, ReportStatus

    for number, status in [*((f"974-0{n:02d}", ReportStatus.VALIDATED) for n in range(11)),
                           ("974-900", ReportStatus.IN_PROGRESS)]:  # fmt: skip
        coop = Coop(affiliation=number, school_name=f"École {number}", department_code="974")
        session.add(coop)
        session.flush()
        session.add(Report(coop_id=coop.id, fiscal_year=YEAR, status=status))


async def test_every_report_the_ad_follows_up_has_its_examine_button(bot, demo, sim):
    """The 🔍 buttons went to the first ten coops by number, validated ones included: a late report numbered after
    them had none. Each group's coops named in the list have theirs, late ones first."""
    demo.run(reports_of_many_coops)
    paul = sim.user(PAUL, "Paul")
    await paul.send("/valider")
    step = await paul.press("📋 Comptes rendus")
    assert ("⚠️ En retard (3) : 974-111 École Les Tamarins, 974-145 École Bois-de-Nèfles, 974-900 École 974-900"
            in step.text)  # fmt: skip
    buttons = [row[0] for row in step.last.buttons]
    assert buttons[0] == "🔍 Examiner 974-900"  # 974-111 and 974-145 have not begun theirs: nothing to examine
    assert buttons[1:] == [f"🔍 Examiner 974-0{n:02d}" for n in range(10)]  # the ten validated named
    step = await paul.press("🔍 Examiner 974-900")
    assert "974-900" in step.text
