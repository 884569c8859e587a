"""The membership renewal and the class ledgers, typed as a mandataire would (seed screens 2–4)."""

from __future__ import annotations


from datetime import date
from io import BytesIO

from pypdf import PdfReader
from sqlmodel import select

from bot.sandbox.harness import running_bot
from store.models import AdhesionRow, Ledger, utcnow
from store.years import fiscal_year_of, today_in

SEED_ROWS = [  # class, teachers, pupils, other adults
    ("CE1 CE2", "Anne Payet anne.payet@ac-reunion.fr", 24, 1),
    ("CE1A", "Julien Hoarau julien.hoarau@ac-reunion.fr", 25, 0),
    ("CE1B", "Luc Rivière luc.riviere@ac-reunion.fr\nNina Boyer nina.boyer@ac-reunion.fr", 22, 1),
    ("CE2 CM1", "Omar Lebon omar.lebon@ac-reunion.fr", 26, 0),
    ("CE2A", "Léa Fontaine lea.fontaine@ac-reunion.fr", 27, 1),
    ("CE2B", "Sophie Grondin sophie.grondin@ac-reunion.fr", 25, 0),
]


TODAY = today_in("Indian/Reunion")
YEAR = fiscal_year_of(TODAY)  # the school year the demo coop is in
YEARS, LAST_YEARS = f"{YEAR}-{YEAR + 1}", f"{YEAR - 1}-{YEAR}"
DEADLINE = date(YEAR, 9, 30)


def eur(text: str) -> str:
    """Amounts as Babel writes them in French: a no-break space before €."""
    return text.replace(" €", "\xa0€")


async def add_row(user, class_name, teachers, pupils, adults):
    await user.press("➕ Ajouter une classe")
    await user.send(class_name)
    await user.send(teachers)
    await user.send(str(pupils))
    step = await user.send(str(adults))
    assert step.last.buttons == [["✅ Enregistrer"], ["✖️ Abandonner cette ligne"]]
    return await user.press("✅ Enregistrer")


async def fill_seed_table(marie):
    step = await marie.send("/adhesion")
    assert f"Adhésion {YEARS} — coopérative 974-111 (École Les Tamarins)" in step.text
    assert "Pas encore commencée" in step.text
    step = await marie.press("Partir d'un tableau vide")
    for row in SEED_ROWS:
        step = await add_row(marie, *row)
    return step


async def test_six_seed_rows_table_and_fee_to_the_cent(bot, cast):
    marie = cast["mandataire"]
    step = await fill_seed_table(marie)
    table = step.text
    assert "Ligne 6 (CE2B) enregistrée." in table
    if TODAY > DEADLINE:
        assert f"⚠️ En retard : la date limite était le {DEADLINE:%d/%m/%Y}." in table
    else:
        assert f"📝 Brouillon, à valider avant le {DEADLINE:%d/%m/%Y}." in table
    assert "3. CE1B\n   Luc Rivière (luc.riviere@ac-reunion.fr)\n   Nina Boyer (nina.boyer@ac-reunion.fr)\n" \
           "   2 ens. · 22 élèves · 1 autre adulte = 25" in table
    assert "Total : 7 ens. · 149 élèves · 3 autres adultes = 159 membres" in table
    assert eur("Cotisation : 159 × (2,05 € + 0,25 €) = 365,70 €") in table
    assert max(len(line) for line in table.splitlines()) <= 80


async def test_bad_input_keeps_the_step_and_what_was_typed(bot, cast):
    marie = cast["mandataire"]
    await marie.send("/adhesion")
    await marie.press("Partir d'un tableau vide")
    await marie.press("➕ Ajouter une classe")
    step = await marie.send("x" * 31)
    assert step.text == "Le nom de la classe doit faire de 1 à 30 caractères (par exemple CE1 CE2). Retapez-le :"
    step = await marie.send("CM2")
    assert "Enseignant·es de CM2" in step.text
    step = await marie.send("Anne Payet")
    assert step.text.startswith("Je n'ai pas compris « Anne Payet »")
    step = await marie.send("Anne Payet anne.payet@")
    assert step.text == "« anne.payet@ » n'est pas une adresse e-mail valable. Retapez la liste :"
    step = await marie.send("Anne Payet anne.payet@ac-reunion.fr\nAnne Payet Anne.Payet@ac-reunion.fr")
    assert step.text == ("« Anne.Payet@ac-reunion.fr » est deux fois dans la liste : chaque enseignant·e une seule "
                         "fois. Retapez la liste :")  # fmt: skip
    step = await marie.send("\n".join(f"Prof {i} p{i}@ac-reunion.fr" for i in range(21)))
    assert step.text.startswith("Il faut de 1 à 20 enseignant·es par classe")
    step = await marie.send("Anne Payet anne.payet@ac-reunion.fr")
    assert step.text == "Nombre d'élèves de CM2 (0 à 500) :"
    for typed in ("vingt", "-3", "2,5"):
        step = await marie.send(typed)
        assert step.text == "Tapez un nombre entier, de 0 à 500 (par exemple 24) :"
    step = await marie.send("501")
    assert step.text == "Ce nombre doit être entre 0 et 500. Retapez-le :"
    step = await marie.send("28")
    assert step.text.startswith("Nombre d'autres adultes de CM2")
    step = await marie.send("51")
    assert step.text == "Ce nombre doit être entre 0 et 50. Retapez-le :"
    step = await marie.send("/aide")  # a command in the middle of a step answers and keeps the step
    assert "Voici ce que vous pouvez faire" in step.text
    step = await marie.send("2")
    assert "1. CM2\n   Anne Payet (anne.payet@ac-reunion.fr)\n   1 ens. · 28 élèves · 2 autres adultes = 31" in step.text
    step = await marie.press("✅ Enregistrer")
    assert "Ligne 1 (CM2) enregistrée." in step.text


async def test_a_class_or_a_teacher_named_by_emoji_alone_is_refused_at_its_step(bot, cast):
    """« 🎉 » names nothing the AD, the attestation's font or /cahiers can read: asked again, the step kept."""
    marie = cast["mandataire"]
    await marie.send("/adhesion")
    await marie.press("Partir d'un tableau vide")
    await marie.press("➕ Ajouter une classe")
    for typed in ("🎉", "🎉 ✨", "…"):
        step = await marie.send(typed)
        assert step.text == "Un nom de classe contient au moins une lettre ou un chiffre (par exemple CE1 CE2). Retapez-le :"
    await marie.send("CE1")
    step = await marie.send("🎉 anne.payet@ac-reunion.fr")
    assert step.text.startswith("Je n'ai pas compris « 🎉 anne.payet@ac-reunion.fr » : il faut le prénom, le nom")
    await marie.send("/annuler")
    await add_row(marie, "CP", "Anne Payet anne.payet@ac-reunion.fr", 20, 1)
    await marie.press("✏️ Modifier")
    await marie.press("1. CP")
    await marie.press("Classe")
    step = await marie.send("🎉")
    assert step.text == "Un nom de classe contient au moins une lettre ou un chiffre (par exemple CE1 CE2). Retapez-le :"
    step = await marie.send("CP A")
    assert "Ligne 1 modifiée." in step.text and "1. CP A\n" in step.text


async def test_cancel_drops_only_the_row_being_typed(bot, cast, demo):
    marie, start = cast["mandataire"], utcnow()
    await marie.send("/adhesion")
    await marie.press("Partir d'un tableau vide")
    await add_row(marie, "CP", "Anne Payet anne.payet@ac-reunion.fr", 20, 1)
    await marie.press("➕ Ajouter une classe")
    await marie.send("CE1")
    step = await marie.send("/annuler")
    assert "Ligne abandonnée ; les lignes déjà enregistrées sont gardées." in step.text
    assert "1. CP" in step.text and "CE1" not in step.text
    rows = demo.run(lambda s: s.exec(select(AdhesionRow.class_name).where(AdhesionRow.created_at > start)).all())
    assert rows == ["CP"]
    step = await marie.send("/annuler")
    assert step.text == "Il n'y avait rien en cours à annuler : ce qui est enregistré le reste."


async def test_modify_and_delete_rows(bot, cast):
    marie = cast["mandataire"]
    await fill_seed_table(marie)
    await marie.press("✏️ Modifier")
    step = await marie.press("3. CE1B")
    assert step.text == "Que modifier pour la ligne 3 (CE1B) ?"
    await marie.press("Élèves")
    step = await marie.send("mille")
    assert step.text == "Tapez un nombre entier, de 0 à 500 (par exemple 24) :"
    step = await marie.send("23")
    assert "Ligne 3 modifiée." in step.text
    assert "2 ens. · 23 élèves · 1 autre adulte = 26" in step.text
    assert eur("= 368,00 €") in step.text  # 160 members × 2,30 €

    await marie.press("✏️ Modifier")
    await marie.press("5. CE2A")
    await marie.press("Enseignant·es")
    step = await marie.send("Léa Fontaine lea.fontaine@ac-reunion.fr; Paul Hoarau paul.hoarau@ac-reunion.fr")
    assert "5. CE2A\n   Léa Fontaine (lea.fontaine@ac-reunion.fr)\n   Paul Hoarau (paul.hoarau@ac-reunion.fr)" in step.text

    await marie.press("🗑 Supprimer")
    step = await marie.press("4. CE2 CM1")
    assert step.text == "Supprimer la ligne 4 (CE2 CM1) ?"
    step = await marie.press("🗑 Oui, supprimer")
    assert "Ligne 4 (CE2 CM1) supprimée." in step.text
    assert "CE2 CM1" not in step.text.split("supprimée.")[1]
    assert "4. CE2A" in step.text


async def test_validation_by_mandataire_then_ad_with_notifications_and_pdf(bot, cast):
    marie, paul = cast["mandataire"], cast["ad"]
    await paul.send("/start")
    await fill_seed_table(marie)
    step = await marie.press("✅ Valider l'adhésion")
    assert eur("6 classes, 159 membres, cotisation de 365,70 €") in step.text
    step = await marie.press("✅ Je m'engage et je valide")
    assert "Adhésion transmise à l'OCCE 974" in step.text
    assert "⏳ Transmise à l'OCCE le" in step.text
    notice = paul.last
    assert notice.content == eur(f"📥 La coopérative 974-111 (École Les Tamarins) a validé son adhésion "
                                 f"{YEARS} : 159 membres, cotisation de 365,70 €.")  # fmt: skip

    step = await paul.send("/valider")
    assert "⏳ À valider (2) : 974-111 École Les Tamarins, 974-145 École Bois-de-Nèfles" in step.text
    await paul.press("🔍 Voir et valider 974-111", message=notice)
    step = await paul.press("✅ Valider l'adhésion de 974-111")
    assert step.text == f"Adhésion {YEARS} de la coopérative 974-111 validée."
    assert marie.last.content.startswith(f"🎉 L'OCCE a validé l'adhésion {YEARS} de la coopérative 974-111.")

    step = await marie.send("/adhesion")
    assert "✅ Validée par l'OCCE le" in step.text
    assert ["📄 Attestation (PDF)"] in step.last.buttons
    assert ["✏️ Modifier", "🗑 Supprimer"] not in step.last.buttons
    step = await marie.press("📄 Attestation (PDF)")
    document = step.messages[-1]
    assert document.file_name == f"attestation-adhesion-974-111-{YEAR}.pdf"
    text = pdf_text(marie.download(document.document))
    assert "974-111" in text and "159" in text

    # The payment, from the table too (the validation's notice may be far up, or for the former mandataire).
    step = await marie.send("/adhesion")
    assert [eur("💶 Enregistrer le paiement (365,70 €)")] in step.last.buttons
    step = await marie.press(eur("💶 Enregistrer le paiement (365,70 €)"))
    assert step.text.endswith("Numéro du chèque (/annuler pour plus tard) :")
    step = await marie.send("/annuler")
    assert step.text == "C'est annulé : rien de cette opération n'a été enregistré."
    step = await marie.send("/adhesion")
    await marie.press(eur("💶 Enregistrer le paiement (365,70 €)"))
    step = await marie.send("7654321")
    assert step.text.startswith("✅ Paiement enregistré :") and "chèque n° 7654321" in step.text
    step = await marie.send("/adhesion")
    assert "💶" not in str(step.last.buttons)

    await paul.press("↩️ Rouvrir l'adhésion de 974-111")
    for typed in ("🎉🎉🎉", "?!…"):  # nothing the mandataire could read: asked again, still validated
        step = await paul.send(typed)
        assert step.text == ("La raison est transmise au mandataire : tapez-la avec des mots, en une phrase "
                             "(3 à 500 caractères) :")  # fmt: skip
    assert "🎉" not in marie.last.content
    step = await paul.send("Un effectif à corriger.")
    assert "rouverte" in step.text
    assert "« Un effectif à corriger. ». Modifiez-la dans /adhesion" in marie.last.content


async def test_a_review_card_validates_only_the_table_it_showed(bot, cast):
    """The AD opens 974-111's card (82 members); Marie takes the membership back, types 300 pupils for CE1A and
    sends it again: ✅ on the old card validated 357 members unseen. It says so; the new card validates."""
    marie, paul = cast["mandataire"], cast["ad"]
    await paul.send("/start")
    await marie.send("/adhesion")
    await marie.press(f"Reprendre les classes de {LAST_YEARS}")
    await marie.press("✅ Valider l'adhésion")
    await marie.press("✅ Je m'engage et je valide")
    await paul.press("🔍 Voir et valider 974-111", message=paul.last)
    card = paul.last
    assert eur("Cotisation : 82 × (2,05 € + 0,25 €) = 188,60 €") in card.content
    await marie.send("/adhesion")
    await marie.press("✏️ Modifier")
    await marie.press("✏️ Oui, la modifier")
    await marie.press("1. CE1A")
    await marie.press("Élèves")
    await marie.send("300")
    await marie.press("✅ Valider l'adhésion")
    await marie.press("✅ Je m'engage et je valide")
    step = await paul.press("✅ Valider l'adhésion de 974-111", message=card)
    assert step.text.startswith("La coopérative 974-111 a modifié son adhésion et l'a transmise à nouveau depuis "
                                "cette fiche : rien n'est validé.")  # fmt: skip
    assert "validée" not in (await marie.send("/adhesion")).text
    sent_again = [m for m in paul.history if m.from_bot and m.has_button("🔍 Voir et valider 974-111")][-1]
    await paul.press("🔍 Voir et valider 974-111", message=sent_again)
    assert eur("= 357 membres\n\nCotisation : 357 × (2,05 € + 0,25 €) = 821,10 €") in paul.last.content
    step = await paul.press("✅ Valider l'adhésion de 974-111")
    assert step.text == f"Adhésion {YEARS} de la coopérative 974-111 validée."


def pdf_text(pdf: bytes) -> str:
    """The text a PDF reader finds on the pages (Arabic comes in drawing order, right to left)."""
    assert pdf.startswith(b"%PDF")
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages)


async def test_attestation_for_class_names_in_any_script(bot, cast):
    """Emoji, Arabic, Esperanto, Chinese: the PDF comes, with every letter its font can draw."""
    marie, paul = cast["mandataire"], cast["ad"]
    await paul.send("/start")
    await marie.send("/adhesion")
    await marie.press("Partir d'un tableau vide")
    names = ["CE1 🌟", "الصف الأول", "Ŝafoj Ĉ", "中文班 CM2"]
    for number, name in enumerate(names):
        step = await add_row(marie, name, f"Anne Payet anne.payet{number}@ac-reunion.fr", 20, 1)
        assert f"Ligne {number + 1} ({name}) enregistrée." in step.text
    await marie.press("✅ Valider l'adhésion")
    await marie.press("✅ Je m'engage et je valide")
    await paul.press("🔍 Voir et valider 974-111", message=paul.last)
    step = await paul.press("✅ Valider l'adhésion de 974-111")
    assert step.text == f"Adhésion {YEARS} de la coopérative 974-111 validée."
    await marie.send("/adhesion")
    step = await marie.press("📄 Attestation (PDF)")
    document = step.messages[-1]
    assert document.file_name == f"attestation-adhesion-974-111-{YEAR}.pdf"
    text = pdf_text(marie.download(document.document))
    assert "974-111" in text and "École Les Tamarins" in text
    assert "CE1 □" in text  # no emoji in the font: a box instead
    assert "الصف الأول"[::-1] in text
    assert "Ŝafoj Ĉ" in text
    assert "□□□ CM2" in text
    assert "Total 4 80 4 88" in text


async def test_ledgers_names_and_deletion_refused(bot, cast, sim, demo):
    marie = cast["mandataire"]
    await fill_seed_table(marie)
    step = await marie.send("/cahiers")
    assert "• École — cahier de l'école" in step.text
    assert f"Classes de l'adhésion {YEARS} sans cahier : 1. CE1 CE2, 2. CE1A, 3. CE1B" in step.text
    step = await marie.press("➕ Cahier pour CE1B")
    assert step.text.startswith("Nom du cahier de la classe CE1B : 10 caractères au plus, différent des cahiers "
                                "existants (École, CE1A, CE2B).")  # fmt: skip
    step = await marie.send("CE1B-Rivie")  # 10 characters: the most a name may have
    assert step.text.startswith("Cahier « CE1B-Rivie » créé pour la classe CE1B.")
    assert step.last.buttons == [["🔗 Inviter Luc Rivière"], ["🔗 Inviter Nina Boyer"]]
    step = await marie.press("🔗 Inviter Nina Boyer")
    assert "enseignant·e du cahier CE1B-Rivie, 974-111" in step.text

    await marie.send("/cahiers")
    await marie.press("➕ Cahier pour CE1 CE2")
    step = await marie.send("CoopCE1CE2x")
    assert step.text == "« CoopCE1CE2x » fait 11 caractères : 10 au plus. Tapez un nom plus court :"
    step = await marie.send(" ce1a ")
    assert step.text == ("« ce1a » se confond avec le cahier « CE1A » (cahiers existants : École, CE1A, CE2B, "
                         "CE1B-Rivie). Tapez un autre nom :")  # fmt: skip
    step = await marie.send("   ")
    assert step.text == "Le nom ne peut pas être vide. Tapez un nom de 1 à 10 caractères :"
    step = await marie.send("CE1-CE2")
    assert step.text.startswith("Cahier « CE1-CE2 » créé pour la classe CE1 CE2.")

    step = await marie.send("/adhesion")
    assert "3. CE1B — cahier CE1B-Rivie" in step.text
    await marie.press("🗑 Supprimer")
    step = await marie.press("3. CE1B")
    assert "La ligne 3 (CE1B) a un cahier (CE1B-Rivie) : elle ne peut plus être supprimée." in step.text
    assert "3. CE1B" in (await marie.send("/adhesion")).text
    step = await marie.send("/cahiers")
    assert "• CE1B-Rivie — classe CE1B (Luc Rivière, Nina Boyer)" in step.text


async def a_table_of_one_class(marie, class_name):
    """This year's table begun empty, with one class (no ledger yet)."""
    await marie.send("/adhesion")
    await marie.press("Partir d'un tableau vide")
    return await add_row(marie, class_name, "Julien Hoarau julien.hoarau@ac-reunion.fr", 25, 1)


async def test_annuler_while_naming_a_ledger_from_the_table_creates_none(bot, cast, demo):
    """📒 Cahiers de classe under the table, ➕ a class's ledger, then /annuler: the table took it (« rien en
    cours ») and the name typed next, or the 🔗 of last year's ledger, still gave the class a ledger."""
    marie = cast["mandataire"]
    await a_table_of_one_class(marie, "CE1A")
    await marie.press("📒 Cahiers de classe")
    step = await marie.press("➕ Cahier pour CE1A")
    question = step.last
    assert question.buttons == [["🔗 Reprendre le cahier CE1A"], ["🔗 Reprendre le cahier CE2B"]]
    step = await marie.send("/annuler")
    assert [m.content for m in step.messages] == [
        "C'est annulé : rien de cette opération n'a été enregistré.",
        "Fermé : le nom du cahier. Toujours en cours : le tableau d'adhésion ; /annuler de nouveau pour l'abandonner."]
    step = await marie.send("CE1A-2026")
    assert "créé" not in step.text
    step = await marie.press("🔗 Reprendre le cahier CE1A", message=question)
    assert step.answer == "Ce bouton n'est plus valable. Tapez /aide pour recommencer."
    step = await marie.send("/cahiers")
    assert f"Classes de l'adhésion {YEARS} sans cahier : 1. CE1A" in step.text
    assert demo.run(lambda s: len(s.exec(select(Ledger)).all())) == 4  # École, CE1A, CE2B and 974-145's École


async def test_annuler_while_naming_a_ledger_under_the_report_overview_creates_none(bot, cast, demo):
    """/compterendu left open, then /cahiers and ➕: /annuler closed the overview (« vos réponses sont gardées »)
    and the name typed next still created the ledger."""
    marie = cast["mandataire"]
    await a_table_of_one_class(marie, "CM2")
    await marie.press("Fermer")
    for command in ("/compterendu", "/cahiers"):  # the report's overview left open under the list
        await marie.send(command)
    await marie.press("➕ Cahier pour CM2")
    step = await marie.send("/annuler")
    assert [m.content for m in step.messages] == [
        "C'est annulé : rien de cette opération n'a été enregistré.",
        "Fermé : le nom du cahier. Toujours en cours : le compte rendu ; /annuler de nouveau pour l'abandonner."]
    step = await marie.send("CM2")
    assert "créé" not in step.text
    assert f"Classes de l'adhésion {YEARS} sans cahier : 1. CM2" in (await marie.send("/cahiers")).text


async def test_restart_in_the_middle_of_a_row(sim, demo, cast):
    marie = cast["mandataire"]
    async with running_bot(sim, demo):
        await marie.send("/adhesion")
        await marie.press("Partir d'un tableau vide")
        await marie.press("➕ Ajouter une classe")
        await marie.send("CE1B")
        await marie.send("Luc Rivière luc.riviere@ac-reunion.fr")
    async with running_bot(sim, demo):  # a new process would read the same database
        step = await marie.send("22")
        assert step.text == "Nombre d'autres adultes de CE1B : ATSEM, AVS… (0 à 50) :"
        await marie.send("1")
        step = await marie.press("✅ Enregistrer")
        assert "1. CE1B\n   Luc Rivière (luc.riviere@ac-reunion.fr)\n   1 ens. · 22 élèves · 1 autre adulte = 24" in step.text


async def test_long_tables_paginate(bot, cast, demo):
    marie = cast["mandataire"]
    await marie.send("/adhesion")
    await marie.press("Partir d'un tableau vide")
    teachers = "\n".join(f"Enseignant{i} Nom{i} enseignant{i}.nom{i}@ac-reunion.fr" for i in range(20))
    for number in range(5):  # two rows of 20 teachers fill a page
        step = await add_row(marie, f"Classe {number}", teachers, 25, 2)
    assert "Page 3/3" in step.text  # the row added shows its page, the last
    assert ["◀️"] in step.last.buttons and ["▶️"] not in step.last.buttons  # nothing after the last page
    assert len(step.last.content) < 4096
    step = await marie.press("◀️")
    assert "Page 2/3" in step.text and ["◀️", "▶️"] in step.last.buttons
    step = await marie.press("◀️")
    assert "Page 1/3" in step.text
    assert ["▶️"] in step.last.buttons and ["◀️"] not in step.last.buttons  # nothing before the first page
    step = await marie.press("▶️")
    assert "Page 2/3" in step.text


async def test_teacher_verificateur_and_stranger_are_refused(bot, sim, cast):
    step = await cast["enseignant"].send("/adhesion")
    assert step.text.startswith("La commande /adhesion n'est pas ouverte à votre rôle.")
    step = await sim.user(5550001, "Inconnu").send("/cahiers")
    assert step.text.startswith("Vous n'avez pas encore accès.")


async def test_last_years_rows_as_a_draft(bot, cast, demo):
    marie = cast["mandataire"]
    await marie.send("/adhesion")
    step = await marie.press(f"Reprendre les classes de {LAST_YEARS}")
    assert "Les classes de l'an dernier sont reprises : vérifiez les effectifs de chacune." in step.text
    assert "3. CM1\n   Luc Rivière (luc.riviere@ac-reunion.fr)\n   Nina Boyer (nina.boyer@ac-reunion.fr)\n" \
           "   2 ens. · 27 élèves · 1 autre adulte = 30" in step.text
    assert "1. CE1A — cahier CE1A\n" in step.text  # the class keeps its ledger
    assert demo.run(lambda s: len(s.exec(select(Ledger)).all())) == 4  # no ledger copied
    # The button again (a double tap, the first message of /adhesion still on screen): nothing taken twice.
    first = [m for m in marie.history if m.from_bot][-1]
    for choice in ("last", "empty"):
        step = await marie.press_data(f"adh:begin:{choice}", first)
        assert step.text == "Ce tableau est déjà commencé : il reste tel quel. Tapez /adhesion pour le voir."
    step = await marie.send("/adhesion")
    assert "3. CM1" in step.text and "4." not in step.text
