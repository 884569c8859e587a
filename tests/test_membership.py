"""Membership and class ledgers as a new user tries them: each answer typed or tapped one at a time."""

from __future__ import annotations

from datetime import date

from sqlmodel import select

from store.models import Ledger
from tests.test_adhesion import LAST_YEARS, TODAY, YEAR, YEARS, add_row, eur, fill_seed_table


async def reprise(marie):
    await marie.send("/adhesion")
    return await marie.press(f"Reprendre les classes de {LAST_YEARS}")


async def validated(marie, paul):
    """Last year's classes taken again, sent and validated by the AD: the notice that offers the payment."""
    await paul.send("/start")
    await reprise(marie)  # 82 members: 82 × 2,05 € cotisation, 82 × 0,25 € assurance
    await marie.press("✅ Valider l'adhésion")
    await marie.press("✅ Je m'engage et je valide")
    await paul.press("🔍 Voir et valider 974-111")
    await paul.press("✅ Valider l'adhésion de 974-111")
    return marie.last


async def test_last_years_classes_keep_their_ledgers(bot, cast, demo):
    marie = cast["mandataire"]
    step = await reprise(marie)
    assert "1. CE1A — cahier CE1A" in step.text
    assert "2. CE2B — cahier CE2B" in step.text
    assert "3. CM1\n" in step.text

    step = await marie.send("/cahiers")
    assert f"Classes de l'adhésion {YEARS} sans cahier : 3. CM1." in step.text
    assert "• CE1A — classe CE1A (Julien Hoarau)" in step.text
    assert step.last.buttons == [["➕ Cahier pour CM1"], ["Fermer"]]

    await marie.send("/adhesion")
    await marie.press("🗑 Supprimer")
    step = await marie.press("1. CE1A")
    assert "La ligne 1 (CE1A) a un cahier (CE1A) : elle ne peut plus être supprimée." in step.text
    assert demo.run(lambda s: len(s.exec(select(Ledger)).all())) == 4  # no second CE1A ledger


async def test_a_class_typed_again_takes_its_ledger_back(bot, cast, demo):
    marie = cast["mandataire"]
    await marie.send("/adhesion")
    await marie.press("Partir d'un tableau vide")
    await add_row(marie, "CE1A", "Julien Hoarau julien.hoarau@ac-reunion.fr", 25, 0)
    step = await marie.send("/cahiers")
    assert "sans cahier : 1. CE1A." in step.text
    step = await marie.press("➕ Cahier pour CE1A")
    assert "Si la classe CE1A avait déjà un cahier, reprenez-le plutôt" in step.text
    assert step.last.buttons == [["🔗 Reprendre le cahier CE1A"], ["🔗 Reprendre le cahier CE2B"]]
    choice = step.last
    step = await marie.send("ce1a")
    assert step.text.startswith("« ce1a » se confond avec le cahier « CE1A »")
    step = await marie.press("🔗 Reprendre le cahier CE1A", message=choice)
    assert step.text.startswith("La classe CE1A reprend son cahier « CE1A ».")
    step = await marie.send("/cahiers")
    assert f"Chaque classe de l'adhésion {YEARS} a son cahier." in step.text
    assert demo.run(lambda s: len(s.exec(select(Ledger)).all())) == 4


async def test_a_class_twice_is_refused_at_the_step(bot, cast):
    marie = cast["mandataire"]
    await marie.send("/adhesion")
    await marie.press("Partir d'un tableau vide")
    await add_row(marie, "CE1A", "Julien Hoarau julien.hoarau@ac-reunion.fr", 25, 0)
    await marie.press("➕ Ajouter une classe")
    for typed in ("CE1A", " ce1 a ", "CÉ1A"):
        step = await marie.send(typed)
        assert step.text == ("La ligne 1 est déjà la classe « CE1A » : une ligne par classe. "
                             "Tapez un autre nom (ou modifiez la ligne 1) :")  # fmt: skip
    step = await marie.send("CE1B")
    assert "Enseignant·es de CE1B" in step.text
    await marie.send("Luc Rivière luc.riviere@ac-reunion.fr")
    await marie.send("22")
    await marie.send("1")
    await marie.press("✅ Enregistrer")
    await marie.press("✏️ Modifier")
    await marie.press("2. CE1B")
    await marie.press("Classe")
    step = await marie.send("ce1a")
    assert step.text.startswith("La ligne 1 est déjà la classe « CE1A »")
    step = await marie.send("CE1B")  # its own name is fine
    assert "Ligne 2 modifiée." in step.text


async def test_ledger_names_equal_but_for_accents_or_without_letters_are_refused(bot, cast):
    marie = cast["mandataire"]
    await fill_seed_table(marie)
    await marie.send("/cahiers")
    await marie.press("➕ Cahier pour CE1B")
    step = await marie.send("ECOLE")
    assert step.text == ("« ECOLE » se confond avec le cahier « École » (cahiers existants : École, CE1A, CE2B). "
                         "Tapez un autre nom :")  # fmt: skip
    step = await marie.send("🍎🍎🍎")
    assert step.text == ("Un nom de cahier contient au moins une lettre ou un chiffre (par exemple CE1A). "
                         "Tapez un autre nom :")  # fmt: skip
    step = await marie.send("- -")
    assert step.text.startswith("Un nom de cahier contient au moins une lettre")
    step = await marie.send("CE1B")
    assert step.text.startswith("Cahier « CE1B » créé pour la classe CE1B.")


async def submitted_table(marie):
    await fill_seed_table(marie)
    await marie.press("✅ Valider l'adhésion")
    return await marie.press("✅ Je m'engage et je valide")


async def test_changing_a_sent_membership_asks_first_then_asks_to_validate_again(bot, cast):
    marie, paul = cast["mandataire"], cast["ad"]
    await paul.send("/start")
    await submitted_table(marie)
    step = await marie.press("✏️ Modifier")
    assert "Cette adhésion a été transmise à l'OCCE le" in step.text
    assert "il faudra la valider à nouveau" in step.text
    assert step.last.buttons == [["✏️ Oui, la modifier"], ["↩️ Retour"]]
    step = await marie.press("↩️ Retour")
    assert "⏳ Transmise à l'OCCE le" in step.text  # nothing changed
    await marie.press("✏️ Modifier")
    step = await marie.press("✏️ Oui, la modifier")
    assert step.text == "Quelle ligne modifier ?"
    assert paul.last.content == (f"✏️ La coopérative 974-111 a repris son adhésion {YEARS} pour la modifier : "
                                 "elle vous la transmettra à nouveau.")  # fmt: skip
    await marie.press("1. CE1 CE2")
    await marie.press("Élèves")
    step = await marie.send("23")
    assert "Ligne 1 modifiée." in step.text
    assert "⚠️ Adhésion repassée en brouillon : validez-la à nouveau" in step.text
    assert ["✅ Valider l'adhésion"] in step.last.buttons

    await marie.press("✅ Valider l'adhésion")
    step = await marie.press("✅ Je m'engage et je valide")
    assert "⏳ Transmise à l'OCCE le" in step.text and "repassée en brouillon" not in step.text
    step = await marie.press("➕ Ajouter une classe")
    assert "il faudra la valider à nouveau" in step.text
    step = await marie.press("✏️ Oui, la modifier")
    assert step.text.startswith("Nouvelle classe")


async def test_the_ad_sees_the_table_before_validating_and_reopens_with_a_reason(bot, cast):
    marie, paul = cast["mandataire"], cast["ad"]
    await paul.send("/start")
    await submitted_table(marie)
    notice = paul.last
    assert notice.buttons == [["🔍 Voir et valider 974-111"]]
    step = await paul.press("🔍 Voir et valider 974-111", message=notice)
    assert "3. CE1B\n   Luc Rivière (luc.riviere@ac-reunion.fr)" in step.text
    assert eur("Cotisation : 159 × (2,05 € + 0,25 €) = 365,70 €") in step.text
    assert step.last.buttons == [["✅ Valider l'adhésion de 974-111"], ["✖️ Pas maintenant"]]
    step = await paul.press("✖️ Pas maintenant")
    assert step.text.startswith("Adhésion de 974-111 pas encore validée : /valider pour y revenir.")

    step = await paul.send("/valider")
    assert ["🔍 Voir et valider 974-111"] in step.last.buttons
    await paul.press("🔍 Voir et valider 974-111")
    step = await paul.press("✅ Valider l'adhésion de 974-111")
    assert step.text == f"Adhésion {YEARS} de la coopérative 974-111 validée."
    assert marie.last.content.startswith(f"🎉 L'OCCE a validé l'adhésion {YEARS} de la coopérative 974-111.")

    # Once that message is far up the chat, /valider still leads to it: a validated membership had no 🔍.
    step = await paul.send("/valider")
    assert ["🔍 Voir 974-111"] in step.last.buttons
    step = await paul.press("🔍 Voir 974-111")
    assert "À valider par l'OCCE" not in step.text and "Validée par l'OCCE" in step.text
    assert step.last.buttons == [["↩️ Rouvrir l'adhésion de 974-111"]]
    step = await paul.press("↩️ Rouvrir l'adhésion de 974-111")
    assert step.text.startswith(f"Rouvrir l'adhésion {YEARS} de la coopérative 974-111 : pourquoi ?")
    assert "✅ Validée par l'OCCE" in (await marie.send("/adhesion")).text  # not reopened yet
    await marie.send("/annuler")
    for typed in ("", "ok", "x" * 600):
        step = await paul.send(typed or " ")
        assert step.text == "Tapez la raison en une phrase (3 à 500 caractères) :"
    step = await paul.send("La classe CE1B compte 21 élèves, pas 22.")
    assert step.text == "Adhésion de la coopérative 974-111 rouverte : le mandataire peut la modifier."
    assert marie.last.content == (f"L'OCCE a rouvert l'adhésion {YEARS} de la coopérative 974-111 : « La classe "
                                  "CE1B compte 21 élèves, pas 22. ». Modifiez-la dans /adhesion puis validez-la à nouveau.")  # fmt: skip
    step = await marie.send("/adhesion")
    assert "📝 Brouillon" in step.text or "⚠️ En retard" in step.text
    # the table says why, until it is sent again
    assert "↩️ Rouverte par l'OCCE : « La classe CE1B compte 21 élèves, pas 22. »" in step.text


async def test_another_command_leaves_the_reason_of_a_reopening(bot, cast):
    """↩️ Rouvrir, then /valider: the AD's next line reopened the membership, sent to the mandataire as the reason."""
    marie, paul = cast["mandataire"], cast["ad"]
    await submitted_table(marie)
    await paul.send("/valider")
    await paul.press("🔍 Voir et valider 974-111")
    await paul.press("✅ Valider l'adhésion de 974-111")
    told = len(marie.history)
    await paul.send("/valider")
    await paul.press("🔍 Voir 974-111")
    await paul.press("↩️ Rouvrir l'adhésion de 974-111")
    step = await paul.send("/valider")
    assert step.messages[0].content == ("Vous avez tapé une autre commande : l'adhésion n'est pas rouverte, rien "
                                        "n'est envoyé au mandataire.")
    assert step.last.content.startswith("Adhésions ")  # /valider answered too
    step = await paul.send("La classe CE1B compte 21 élèves, pas 22.")
    assert "rouverte" not in step.text and len(marie.history) == told
    assert "✅ Validée par l'OCCE" in (await marie.send("/adhesion")).text
    await marie.send("/annuler")
    # /annuler gives it up too; pressed again, the reason typed reopens it
    await paul.press("🔍 Voir 974-111")
    await paul.press("↩️ Rouvrir l'adhésion de 974-111")
    step = await paul.send("/annuler")
    assert step.text == "C'est annulé : rien de cette opération n'a été enregistré."
    await paul.press("↩️ Rouvrir l'adhésion de 974-111")
    step = await paul.send("La classe CE1B compte <21> élèves & non 22.")
    assert step.text == "Adhésion de la coopérative 974-111 rouverte : le mandataire peut la modifier."
    step = await marie.send("/adhesion")  # the reason on the table, as typed
    assert "↩️ Rouverte par l'OCCE : « La classe CE1B compte <21> élèves & non 22. »" in step.text
    await marie.press("✅ Valider l'adhésion")
    await marie.press("✅ Je m'engage et je valide")
    assert "Rouverte" not in (await marie.send("/adhesion")).text  # sent again: the reason is answered


async def test_coop_card_for_its_people_and_its_ad(bot, cast):
    # after the department's deadline (30 September), as /suivi says it
    membership = "⚠️ en retard" if TODAY > date(YEAR, 9, 30) else "pas commencée"
    step = await cast["enseignant"].send("/coop")
    assert step.text == (
        "École Les Tamarins\nSaint-Paul · Coopérative 974-111 · OCCE 974\n\n"
        "Mandataire : Marie Payet\nSignataires : personne\nVérificateurs aux comptes : personne\n\n"
        "Cahiers\n• École (école)\n• CE1A : Julien Hoarau\n• CE2B : Sophie Grondin\n\n"
        f"Adhésion {YEARS} : {membership}\nCompte rendu {LAST_YEARS} : pas commencé"
    )  # fmt: skip

    paul = cast["ad"]
    step = await paul.send("/coop")
    assert step.text == "La fiche de quelle coopérative ? Tapez son affiliation (par exemple 974-111) :"
    step = await paul.send("976-111")
    assert step.text == ("Pas de coopérative « 976-111 » dans votre département. Tapez une affiliation "
                         "comme 974-111 (/annuler pour arrêter) :")  # fmt: skip
    step = await paul.send("974-145")
    assert step.text.startswith("École Bois-de-Nèfles\nSaint-Denis · Coopérative 974-145")
    assert f"Adhésion {YEARS} : ⏳ transmise, à valider par l'OCCE" in step.text
    step = await paul.send("974-111")  # the conversation is over: a stray text
    assert "École Les Tamarins" not in step.text


async def test_history_tells_the_membership_ledgers_invitations_and_mandate(bot, sim, cast):
    import re

    marie, paul = cast["mandataire"], cast["ad"]
    await paul.send("/start")
    await reprise(marie)
    await marie.press("✏️ Modifier")
    await marie.press("3. CM1")
    await marie.press("Élèves")
    await marie.send("26")
    await marie.press("✅ Valider l'adhésion")
    await marie.press("✅ Je m'engage et je valide")
    await paul.press("🔍 Voir et valider 974-111")
    await paul.press("✅ Valider l'adhésion de 974-111")
    await paul.press("↩️ Rouvrir l'adhésion de 974-111")
    await paul.send("La classe CM1 a changé de nom : CM1-CM2.")
    await marie.send("/cahiers")
    await marie.press("➕ Cahier pour CM1")
    await marie.send("CM1")
    step = await marie.press("🔗 Inviter Luc Rivière")
    code = re.search(r"start=([\w-]+)", step.text).group(1)
    await sim.user(3010, "Luc", "Rivière").send(f"/start {code}")
    await marie.send("/mandataire")
    code = re.search(r"start=([\w-]+)", (await marie.press("Créer le lien")).text).group(1)
    await sim.user(3011, "Nina", "Boyer").send(f"/start {code}")
    await paul.press("Confirmer")

    # Marie is no longer mandataire: Nina, who is, reads the trail
    step = await sim.user(3011, "Nina", "Boyer").send("/historique")
    at = re.compile(r"^\d\d/\d\d/\d{4} \d\d:\d\d · ", re.M)
    assert at.sub("", step.text.split("\n\n", 1)[1]) == (
        "Paul Técher\nmandat confié à Nina Boyer\n"
        "Nina Boyer\ninvitation acceptée : mandataire\n"
        "Marie Payet\nlien d'invitation : mandataire\n"
        "Luc Rivière\ninvitation acceptée : enseignant·e CM1\n"
        "Marie Payet\nlien d'invitation : enseignant·e CM1\n"
        "Marie Payet\ncahier CM1 créé (CM1)\n"
        f"Paul Técher\nadhésion {YEARS} rouverte :\n« La classe CM1 a changé de nom : CM1… »\n"
        f"Paul Técher\nadhésion {YEARS} validée\n"
        f"Marie Payet\nadhésion {YEARS} transmise\n"
        "Marie Payet\nclasse CM1 : élèves 27 → 26\n\n"
        "Page 1/2 · 13 événements"
    )  # fmt: skip
    assert max(len(line) for line in step.text.splitlines()[1:]) <= 42  # the title aside
    step = await sim.user(3011, "Nina", "Boyer").press("▶️")
    assert at.sub("", step.text.split("\n\n", 1)[1]) == (
        "Marie Payet\nclasse CM1 ajoutée (30 membres)\n"
        "Marie Payet\nclasse CE2B ajoutée (25 membres)\n"
        "Marie Payet\nclasse CE1A ajoutée (27 membres)\n\n"
        "Page 2/2 · 13 événements"
    )  # fmt: skip


async def test_the_payment_asked_twice_is_recorded_once_and_neither_question_stays(bot, cast, demo_books):
    marie, paul = cast["mandataire"], cast["ad"]
    notice = await validated(marie, paul)
    await marie.send("/adhesion")
    step = await marie.press(eur("💶 Enregistrer le paiement (188,60 €)"))  # under the table
    assert step.text.endswith("Numéro du chèque (/annuler pour plus tard) :")
    step = await marie.press(eur("💶 Enregistrer le paiement (188,60 €)"), message=notice)  # asked again
    assert step.text.endswith("Numéro du chèque (/annuler pour plus tard) :")
    step = await marie.send("1234567")
    assert step.text.startswith("✅ Paiement enregistré :") and "chèque n° 1234567" in step.text
    step = await marie.send("7654321")  # the other question was answered too: nothing waits for a number
    assert step.text == "Je n'ai pas compris. Tapez /aide pour voir ce que je sais faire."
    step = await marie.send("/annuler")
    assert step.text == "Il n'y a rien en cours : rien à annuler."


async def test_closing_the_table_leaves_the_payment_asked_under_the_validation(bot, cast, demo_books):
    """💶 under the AD's validation asks the cheque number; /adhesion, then /annuler closes the table only: the
    number typed next still records the payment (the table's /annuler threw its draft away)."""
    marie, paul = cast["mandataire"], cast["ad"]
    await validated(marie, paul)
    await marie.send("/annuler")  # the table she validated is closed: the notice's 💶 opens the payment alone
    step = await marie.press(eur("💶 Enregistrer le paiement (188,60 €)"))
    assert step.text.endswith("Numéro du chèque (/annuler pour plus tard) :")
    await marie.send("/adhesion")
    step = await marie.send("/annuler")
    assert step.messages[0].text == "Il n'y avait rien en cours à annuler : ce qui est enregistré le reste."
    step = await marie.send("1234567")
    assert step.text.startswith("✅ Paiement enregistré :") and "chèque n° 1234567" in step.text


async def test_after_validation_the_payment_is_one_tap_and_a_cheque_number(bot, cast, demo_books):
    from store.models import Entry, Split

    marie, paul = cast["mandataire"], cast["ad"]
    told = await validated(marie, paul)
    assert told.buttons == [[eur("💶 Enregistrer le paiement (188,60 €)")]]
    step = await marie.press(eur("💶 Enregistrer le paiement (188,60 €)"))
    assert step.text == eur(
        f"Paiement de l'adhésion {YEARS} : dépense de 188,60 € du cahier École, par chèque à l'ordre de "
        "OCCE de La Réunion.\n• Cotisation OCCE (62810008) : 168,10 €\n• Assurance OCCE (61681008) : 20,50 €\n\n"
        "Numéro du chèque (/annuler pour plus tard) :")  # fmt: skip
    for typed in ("abc", "12-34", "1" * 13):
        step = await marie.send(typed)
        assert step.text == "Le numéro du chèque s'écrit en chiffres, 12 au plus (par exemple 1234567). Retapez-le :"
    step = await marie.send("123 4567")
    assert step.text.startswith("✅ Paiement enregistré :\n")
    assert eur(f"Adhésion OCCE {YEARS} : cotisation et assurance (à l'ordre de OCCE de La Réunion) · −188,60 € · "
               "chèque n° 1234567") in step.text  # fmt: skip
    assert eur("Nouveau solde — cahier École : 1\u202f151,70 € (banque 1\u202f066,70 € · caisse 85,00 €)") in step.text

    def splits(session):
        entry = session.exec(select(Entry).where(Entry.cheque_number == "1234567")).one()
        return sorted((x.account_code, x.amount) for x in session.exec(select(Split).where(Split.entry_id == entry.id)))

    assert demo_books.run(splits) == [("61681008", 20_50), ("62810008", 168_10)]
    step = await marie.press(eur("💶 Enregistrer le paiement (188,60 €)"), message=told)  # twice: refused
    assert step.text == "Le paiement de cette adhésion est déjà enregistré (voir /journal du cahier de l'école)."
