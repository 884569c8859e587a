"""Invitation links (use, reuse, expiry), the change of mandataire, and /contact, as people use them."""

from __future__ import annotations

import io
import logging
import re
from datetime import timedelta

from pypdf import PdfReader
from sqlalchemy import text
from sqlmodel import select

from bot.infra.logs import RedactingFormatter
from store import invitations
from store.models import Coop, Person, Role, RoleKind, utcnow
from tests.world import PERSONAS, seed_world

LINK = re.compile(r"https://t\.me/coopbot_sandbox_bot\?start=([\w-]+)")


def code_in(text: str) -> str:
    return LINK.search(text)[1]


def imported_coop(session, name: str, email: str) -> int:
    """Coop 974-333 as a CSV import leaves it: its mandataire known by name, not yet on Telegram."""
    coop = Coop(affiliation="974-333", school_name="École Bois-Rouge", department_code="974")
    session.add(coop)
    session.flush()
    person = Person(name=name, email=email)
    session.add(person)
    session.flush()
    session.add(Role(person_id=person.id, kind=RoleKind.MANDATAIRE, coop_id=coop.id))
    return coop.id


async def test_mandataire_invites_a_teacher_who_opens_the_link(bot, sim, cast):
    marie = cast["mandataire"]
    step = await marie.send("/inviter")
    assert step.last.buttons[:3] == [["Enseignant·e d'une classe (974-111)"], ["Signataire (974-111)"],
                                     ["Vérificateur·rice aux comptes (974-111)"]]  # fmt: skip
    step = await marie.press("Enseignant·e d'une classe")
    assert step.last.buttons == [["CE1A"], ["CE2B"], ["Annuler"]]
    step = await marie.press("CE1A")
    assert "enseignant·e du cahier CE1A, 974-111" in step.text
    assert re.search(r"expire le \d\d/\d\d/\d{4}", step.text)
    code = code_in(step.text)
    assert len(code) >= 22  # 128 bits, URL-safe

    luc = sim.user(3001, "Luc", "Rivière")
    step = await luc.send(f"/start {code}")
    assert step.text.startswith("Bienvenue Luc ! Vous tenez le cahier CE1A de la coopérative 974-111")
    step = await luc.send("/moi")
    assert "enseignant·e, cahier CE1A de la coopérative 974-111" in step.text

    eve = sim.user(3002, "Ève")
    step = await eve.send(f"/start {code}")
    assert step.text == ("Ce lien d'invitation a déjà servi. Demandez-en un nouveau à la personne "
                         "qui vous l'a envoyé.")  # fmt: skip
    assert "Vous n'avez pas encore de rôle" in (await eve.send("/moi")).text


async def test_signataire_and_verificateur_links(bot, sim, cast):
    marie = cast["mandataire"]
    await marie.send("/inviter")
    code = code_in((await marie.press("Vérificateur·rice")).text)
    victor = sim.user(3003, "Victor")
    step = await victor.send(f"/start {code}")
    assert "vérificateur·rice aux comptes de la coopérative 974-111" in step.text
    assert "inviter" not in (await victor.send("/aide")).text


async def test_a_mandataire_or_signataire_cannot_become_a_verificateur_of_their_own_coop(bot, sim, cast):
    """The vérificateurs check the managers' books: a manager opening their link is refused, and the link stays
    for the parent it was meant for."""
    marie = cast["mandataire"]
    await marie.send("/inviter")
    code = code_in((await marie.press("Vérificateur·rice")).text)
    step = await marie.send(f"/start {code}")
    assert step.text == ("Vous êtes mandataire ou signataire de la coopérative 974-111 : vous ne pouvez pas en être "
                         "vérificateur·rice aux comptes, qui contrôle vos comptes. Transmettez ce lien à une autre "
                         "personne (un parent d'élève, par exemple).")  # fmt: skip
    assert "vérificateur" not in (await marie.send("/moi")).text
    step = await sim.user(3008, "Victor").send(f"/start {code}")
    assert step.text.startswith("Bienvenue Victor ! Vous êtes vérificateur·rice aux comptes de la coopérative 974-111")


ENDED_AUDITING = ("Vous n'êtes plus vérificateur·rice aux comptes de la coopérative 974-111 : on ne vérifie pas les "
                  "comptes que l'on tient. Invitez une autre personne pour les vérifier (/inviter).")


async def test_a_verificateur_who_becomes_signataire_is_no_longer_verificateur(bot, sim, cast, demo):
    """A vérificateur checks the managers' books, never their own: a signataire link opened by the coop's
    vérificateur makes them signataire and ends their vérificateur role, which they are told."""
    demo.run(seed_world)
    marie, victor = cast["mandataire"], sim.user(*PERSONAS["verificateur"])
    await marie.send("/inviter")
    code = code_in((await marie.press("Signataire")).text)
    step = await victor.send(f"/start {code}")
    assert step.text.startswith("Bienvenue Victor ! Vous êtes signataire de la coopérative 974-111")
    assert step.text.endswith("\n\n" + ENDED_AUDITING)
    me = (await victor.send("/moi")).text
    assert "signataire" in me and "vérificateur" not in me


async def test_a_verificateur_who_becomes_mandataire_is_no_longer_verificateur(bot, sim, cast, demo):
    """The same through a change of mandataire: the vérificateur role ends when the AD confirms."""
    demo.run(seed_world)
    marie, paul, victor = cast["mandataire"], cast["ad"], sim.user(*PERSONAS["verificateur"])
    await paul.send("/start")
    await marie.send("/mandataire")
    code = code_in((await marie.press("Créer le lien")).text)
    step = await victor.send(f"/start {code}")
    assert "L'OCCE 974 doit confirmer" in step.text
    assert "vérificateur" in (await victor.send("/moi")).text  # until the AD confirms
    await paul.press("Confirmer", message=paul.last)
    assert victor.history[-2].content == ("L'OCCE a confirmé : vous êtes mandataire de la coopérative 974-111. "
                                          "Tapez /aide pour voir vos commandes.\n\n" + ENDED_AUDITING)  # fmt: skip
    me = (await victor.send("/moi")).text
    assert "mandataire" in me and "vérificateur" not in me


async def test_expired_and_unknown_links_change_nothing(bot, sim, demo):
    coop_id = demo.run(lambda s: s.exec(select(Coop).where(Coop.affiliation == "974-111")).one().id)
    old = demo.run(invitations.invite, None, RoleKind.SIGNATAIRE, coop_id=coop_id,
                   now=utcnow() - timedelta(days=7, minutes=1))  # fmt: skip
    zoe = sim.user(3004, "Zoé")
    step = await zoe.send(f"/start {old.code}")
    assert step.text == "Ce lien d'invitation a expiré (il vaut 7 jours). Demandez-en un nouveau."
    step = await zoe.send("/start AAAAAAAAAAAAAAAAAAAAAA")
    assert step.text.startswith("Ce lien d'invitation est inconnu.")
    assert demo.run(lambda s: s.exec(select(Person).where(Person.telegram_id == 3004)).first()) is None


async def test_ad_invites_the_imported_mandataire_of_a_coop(bot, sim, cast, demo):
    demo.run(imported_coop, "Nadia Imported", "nadia@ac-reunion.fr")
    paul = cast["ad"]
    await paul.send("/inviter")
    step = await paul.press("Mandataire d'une coopérative (974)")
    assert step.text == "Tapez le numéro d'affiliation de la coopérative (par exemple 974-111)."
    step = await paul.send("974-999")
    assert "Je ne trouve pas la coopérative « 974-999 »" in step.text
    step = await paul.send("974-333")
    code = code_in(step.text)
    nadia = sim.user(3005, "Nadia")
    step = await nadia.send(f"/start {code}")
    assert "mandataire de la coopérative 974-333 (École Bois-Rouge)" in step.text
    linked = demo.run(lambda s: s.exec(select(Person).where(Person.telegram_id == 3005)).one())
    assert linked.name == "Nadia Imported"  # the imported person, now linked

    await paul.send("/inviter")
    await paul.press("Mandataire d'une coopérative (974)")
    step = await paul.send("974-111")  # Marie is already there
    assert step.text == "Cette coopérative a déjà un mandataire. Pour le remplacer, utilisez /mandataire."


async def test_change_of_mandataire(bot, sim, cast, demo):
    marie, paul = cast["mandataire"], cast["ad"]
    await paul.send("/start")  # AD staff linked and listening
    step = await marie.send("/mandataire")
    assert "Changement de mandataire pour la coopérative 974-111" in step.text
    code = code_in((await marie.press("Créer le lien")).text)

    nina = sim.user(3006, "Nina", "Boyer")
    step = await nina.send(f"/start {code}")
    assert "L'OCCE 974 doit confirmer" in step.text
    request = paul.last
    assert request.content == ("Nina Boyer a accepté de devenir mandataire de la coopérative 974-111 "
                               "(École Les Tamarins). Confirmez-vous ce changement ?")  # fmt: skip
    assert "inviter" in (await marie.send("/aide")).text  # still the mandataire until confirmed
    assert "Vous n'avez pas encore de rôle" in (await nina.send("/aide")).text

    confirm = request.button("Confirmer")["callback_data"]
    step = await paul.press("Confirmer", message=request)
    assert step.text == "Changement confirmé : Nina Boyer est mandataire de la coopérative 974-111."
    told, form = [m for m in nina.history if m.from_bot][-2:]
    assert told.content.startswith("L'OCCE a confirmé : vous êtes mandataire de la coopérative 974-111.")
    assert form.file_name == "changement-mandataire-974-111.pdf" and form.content.startswith(
        "Le formulaire de changement de mandataire de la coopérative 974-111, prérempli")
    text = " ".join(PdfReader(io.BytesIO(nina.download(form.document))).pages[0].extract_text().split())
    for expected in ("Changement de mandataire et de signataires", "974-111 — École Les Tamarins, Saint-Paul",
                     "Mandataire avant le changement", "Marie Payet", "Nina Boyer", "Compte bancaire (IBAN)"):
        assert expected in text, (expected, text)
    assert marie.last.content == ("Votre mandat pour la coopérative 974-111 a pris fin : Nina Boyer vous "
                                  "succède. Merci !")  # fmt: skip
    assert "Vous n'avez pas encore accès" in (await marie.send("/inviter")).text
    assert "Signataire (974-111)" in str((await nina.send("/inviter")).last.buttons)

    step = await paul.press_data(confirm, request)  # pressed twice (a second device, a retry)
    assert "déjà confirmé" in step.text
    ended = demo.run(lambda s: s.exec(select(Role).where(Role.kind == RoleKind.MANDATAIRE,
                                                         Role.ended_at.is_not(None))).all())  # fmt: skip
    assert len(ended) == 1  # Marie's role, kept as history


async def test_the_mandataire_opening_her_own_succession_link_is_told_it_is_for_her_successor(bot, sim, cast, demo):
    """Marie tries the link she just made: she is not « désignée » her own successor (the AD then confirmed a
    second mandataire role of hers); the link stays unused, for the person who takes over."""
    marie, paul = cast["mandataire"], cast["ad"]
    await paul.send("/start")
    await marie.send("/mandataire")
    code = code_in((await marie.press("Créer le lien")).text)
    step = await marie.send(f"/start {code}")
    assert step.text == ("Ce lien est pour la personne qui vous succède : vous êtes déjà mandataire de la "
                         "coopérative 974-111. Transmettez-le-lui.")  # fmt: skip
    assert paul.last.buttons is None or ["Confirmer"] not in paul.last.buttons  # nothing for the AD to confirm
    step = await sim.user(3006, "Nina", "Boyer").send(f"/start {code}")
    assert "L'OCCE 974 doit confirmer" in step.text
    step = await paul.press("Confirmer", message=paul.last)
    assert step.text == "Changement confirmé : Nina Boyer est mandataire de la coopérative 974-111."


async def test_the_ad_starting_a_change_of_mandataire_is_not_told_her_rights_end(bot, sim, cast, demo):
    """The AD typing /mandataire and a coop read « vos droits d'écriture prendront fin », as the mandataire."""
    paul = cast["ad"]
    await paul.send("/mandataire")
    step = await paul.send("974-111")
    assert step.text == ("Changement de mandataire pour la coopérative 974-111 (École Les Tamarins).\n\n"
                         "Je crée un lien pour le ou la nouvelle mandataire ; quand il ou elle l'aura ouvert, vous "
                         "confirmerez le changement et les droits d'écriture de l'actuel·le mandataire prendront "
                         "fin (l'historique est gardé). On continue ?")  # fmt: skip
    step = await paul.press("Créer le lien")
    nina = sim.user(3006, "Nina", "Boyer")
    await nina.send(f"/start {code_in(step.text)}")
    assert paul.last.buttons[0] == ["Confirmer"]


async def test_the_ad_changing_the_mandataire_of_a_coop_without_one_is_sent_to_inviter(bot, sim, cast, demo):
    """Coop 974-333's mandataire is not on Telegram yet: /mandataire said « les droits d'écriture de l'actuel·le
    mandataire prendront fin » and made a link the AD had then to confirm; /inviter is the way."""
    demo.run(imported_coop, "Claire Imbert", "claire@example.org")
    paul = cast["ad"]
    await paul.send("/mandataire")
    step = await paul.send("974-333")
    assert step.text == ("La coopérative 974-333 n'a pas encore de mandataire sur CoopBot : invitez-le avec "
                         "/inviter (« Mandataire d'une coopérative »).")  # fmt: skip
    assert step.last.buttons in (None, [])
    step = await paul.send("/inviter")
    await paul.press("Mandataire d'une coopérative (974)")
    step = await paul.send("974-333")
    assert step.text.startswith("Voici le lien d'invitation (mandataire de 974-333).")


async def test_only_the_ad_can_confirm(bot, sim, cast):
    marie, enseignant = cast["mandataire"], cast["enseignant"]
    await cast["ad"].send("/start")
    await marie.send("/mandataire")
    code = code_in((await marie.press("Créer le lien")).text)
    await sim.user(3007, "Omar").send(f"/start {code}")
    request = cast["ad"].last
    data = request.button("Confirmer")["callback_data"]
    step = await marie.press_data(data, marie.last)
    assert "Vous n'avez pas accès à cette coopérative ou à ce cahier." in step.text
    step = await enseignant.press_data(data, marie.last)
    assert "Vous n'avez pas accès à cette coopérative ou à ce cahier." in step.text


async def test_contact_round_trip(bot, sim, cast):
    julien, paul = cast["enseignant"], cast["ad"]
    step = await julien.send("/contact")
    assert step.text == "Écrivez votre message pour l'OCCE 974, en un seul message (ou /annuler)."
    step = await julien.send_photo(b"jpeg")
    assert step.text == "J'attends un message écrit (ou /annuler)."
    step = await julien.send("x" * 2001)
    assert "trop long (2001 caractères) : 2000 au plus" in step.text
    step = await julien.send("Bonjour, comment déclarer une <sortie> & un don ?")
    assert step.text == "Votre message a été transmis à l'OCCE 974. La réponse arrivera ici."
    copy = paul.last
    assert copy.content.startswith("✉️ Message de Julien Hoarau (enseignant·e, coopérative 974-111 – "
                                   "École Les Tamarins) :\n\nBonjour, comment déclarer une <sortie> & un don ?")  # fmt: skip

    step = await paul.send("En recette, compte 75620008.", reply_to=copy)
    assert step.text == "Réponse envoyée."
    assert julien.last.content == "💬 Réponse de l'OCCE 974 (Paul Técher) :\n\nEn recette, compte 75620008."

    step = await julien.send("Merci !", reply_to=julien.last)  # a reply to anything else is just text
    assert "Je n'ai pas compris" in step.text


async def test_the_copy_names_the_senders_role_in_french(bot, sim, cast, demo):
    """A vérificateur's message reached the AD as « (verificateur, coopérative …) », the role's code."""
    demo.run(seed_world)
    paul, victor = cast["ad"], sim.user(*PERSONAS["verificateur"])
    await paul.send("/start")
    await victor.send("/contact")
    step = await victor.send("Où trouver les relevés d'août ?")
    assert step.text == "Votre message a été transmis à l'OCCE 974. La réponse arrivera ici."
    assert paul.last.content.startswith("✉️ Message de Victor Test (vérificateur·rice aux comptes, coopérative "
                                        "974-111 – École Les Tamarins) :")  # fmt: skip
    await cast["enseignante"].send("/contact")
    await cast["enseignante"].send("Bonjour")
    assert paul.last.content.startswith("✉️ Message de Sophie Grondin (enseignant·e, coopérative 974-111")


# How to make the database refuse a message, and undo it: PostgreSQL quotes the refused row (DETAIL).
REFUSE_MESSAGES = {
    "postgresql": ("ALTER TABLE contactmessage ADD CONSTRAINT refuse_all CHECK (false) NOT VALID",
                   "ALTER TABLE contactmessage DROP CONSTRAINT refuse_all"),
    "sqlite": ("ALTER TABLE contactmessage RENAME TO contactmessage_away",
               "ALTER TABLE contactmessage_away RENAME TO contactmessage"),
}  # fmt: skip


async def test_a_database_error_during_contact_logs_nothing_of_the_message(bot, sim, cast, database, caplog):
    """Whatever fails, what people wrote (a phone number, a child's health) stays out of the logs."""
    refuse, accept = REFUSE_MESSAGES[database.engine.dialect.name]
    julien = cast["enseignant"]
    await julien.send("/contact")
    with database.engine.begin() as connection:
        connection.execute(text(refuse))
    caplog.set_level(logging.DEBUG)
    step = await julien.send("Mon fils Noé est asthmatique, appelez-moi au 0692 12 34 56")
    assert step.text.startswith("Désolé, un problème est survenu")
    as_logged = RedactingFormatter("")  # what `coopbot run` writes
    logged = "\n".join(as_logged.format(r) for r in caplog.records if r.levelno > logging.DEBUG)
    assert "contactmessage" in logged  # the failure itself is logged…
    for private in ("Noé", "asthmatique", "0692"):  # …but not what was written
        assert private not in logged, logged
    with database.engine.begin() as connection:
        connection.execute(text(accept))
    step = await julien.send("Mon fils Noé est asthmatique")  # still at the same step
    assert step.text == "Votre message a été transmis à l'OCCE 974. La réponse arrivera ici."


async def test_contact_when_no_ad_staff_uses_the_bot(bot, sim, demo):
    def unlink_staff(session):
        paul = session.exec(select(Person).where(Person.telegram_id == 1004)).one()
        paul.telegram_id = None
        session.add(paul)

    demo.run(unlink_staff)
    julien = sim.user(1002, "Julien")
    await julien.send("/contact")
    step = await julien.send("Allô ?")
    assert "personne de l'OCCE 974 n'utilise encore CoopBot" in step.text


async def test_cancel_leaves_the_conversation(bot, sim, cast):
    julien = cast["enseignant"]
    await julien.send("/contact")
    step = await julien.send("/annuler")
    assert step.text == "C'est annulé : rien de cette opération n'a été enregistré."
    step = await julien.send("Allô ?")
    assert "Je n'ai pas compris" in step.text


def test_cli_invites_ad_staff_and_imported_mandataire(database_url, monkeypatch, capsys, demo):
    from bot.cli import main

    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("TELEGRAM_BOT_USERNAME", "@coopbot_sandbox_bot")
    assert main(["invite", "ad", "974"]) == 0
    out = capsys.readouterr().out
    assert LINK.search(out) and "Lien à usage unique, valable jusqu'au" in out
    assert main(["invite", "ad", "976"]) == 2
    assert capsys.readouterr().err == "coopbot: département inconnu : 976 (coopbot department add)\n"
    assert main(["invite", "mandataire", "974-999"]) == 2
    assert "coopérative inconnue : 974-999" in capsys.readouterr().err
    assert main(["invite", "mandataire", "974-111"]) == 2  # Marie is there, linked
    assert "a déjà un mandataire relié à Telegram" in capsys.readouterr().err


async def test_cli_link_opened_in_the_chat(bot, sim, demo, database_url, monkeypatch, capsys):
    from bot.cli import main

    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("TELEGRAM_BOT_USERNAME", "coopbot_sandbox_bot")
    assert main(["invite", "ad", "974"]) == 0
    code = code_in(capsys.readouterr().out)
    step = await sim.user(3010, "Agnès").send(f"/start {code}")
    assert step.text.startswith("Bienvenue Agnès ! Vous faites partie de l'équipe de l'OCCE 974.")


async def test_someone_already_known_opens_the_imported_mandataires_link(bot, sim, cast, demo):
    coop_id = demo.run(imported_coop, "Julien (importé)", "julien@ac-reunion.fr")
    new = demo.run(invitations.invite, None, RoleKind.MANDATAIRE, coop_id=coop_id)
    julien = cast["enseignant"]  # already a teacher of 974-111
    step = await julien.send(f"/start {new.code}")
    assert "mandataire de la coopérative 974-333" in step.text
    step = await julien.send("/moi")
    assert "enseignant·e, cahier CE1A de la coopérative 974-111" in step.text
    assert "mandataire de la coopérative 974-333 (École Bois-Rouge)" in step.text
    mandataires = demo.run(invitations.current_mandataires, coop_id)
    assert [p.telegram_id for p in mandataires] == [1002]  # the imported record no longer holds the role


ISSUER_GONE = ("Ce lien d'invitation n'est plus valable : la personne qui l'a créé n'a plus ce rôle. "
               "Demandez-en un nouveau au mandataire de la coopérative.")  # fmt: skip
REVOKED = "Ce lien d'invitation a été annulé. Demandez-en un nouveau si besoin."


async def change_mandataire(marie, paul, nina, keep: bool = False):
    """Marie hands over to Nina, the slow way; Paul (AD) confirms, keeping Marie as signataire or not."""
    await paul.send("/start")
    await marie.send("/mandataire")
    code = code_in((await marie.press("Créer le lien")).text)
    await nina.send(f"/start {code}")
    request = paul.last
    assert request.buttons == [["Confirmer"], ["Confirmer et garder l'ancien·ne mandataire comme signataire"]]
    return await paul.press("Confirmer et garder" if keep else "Confirmer", message=request)


async def test_former_mandataire_cannot_come_back_through_her_own_links(bot, sim, cast):
    marie, paul, nina = cast["mandataire"], cast["ad"], sim.user(3006, "Nina", "Boyer")
    await marie.send("/inviter")
    own = code_in((await marie.press("Signataire")).text)
    await marie.send("/inviter")
    for_victor = code_in((await marie.press("Vérificateur·rice")).text)
    await change_mandataire(marie, paul, nina)

    step = await marie.send(f"/start {own}")
    assert step.text == ISSUER_GONE
    assert "Vous n'avez pas encore de rôle" in (await marie.send("/moi")).text
    # Nina's list of links waiting does not show Marie's, which no longer open.
    await nina.send("/inviter")
    step = await nina.press("📋 Liens en cours (974-111)")
    assert "Aucun lien d'invitation en attente." in step.text
    victor = sim.user(3008, "Victor")
    assert (await victor.send(f"/start {for_victor}")).text == ISSUER_GONE
    assert "Vous n'avez pas encore de rôle" in (await victor.send("/moi")).text


async def test_a_second_succession_link_of_the_former_mandataire_cannot_unseat_her_successor(bot, sim, cast):
    """Marie made two succession links; once Nina is confirmed, the other one (opened by Omar meanwhile) is
    worth nothing: confirming it would hand the coop over on the word of someone who no longer holds it."""
    marie, paul = cast["mandataire"], cast["ad"]
    nina, omar = sim.user(3006, "Nina", "Boyer"), sim.user(3007, "Omar", "Lebon")
    await paul.send("/start")
    codes = []
    for _ in range(2):
        await marie.send("/mandataire")
        codes.append(code_in((await marie.press("Créer le lien")).text))
    await nina.send(f"/start {codes[0]}")
    for_nina = paul.last
    await omar.send(f"/start {codes[1]}")
    for_omar = paul.last
    await paul.press("Confirmer", message=for_nina)
    step = await paul.press("Confirmer", message=for_omar)
    assert step.text == ("Ce changement n'est plus valable : la coopérative 974-111 a changé de mandataire depuis "
                         "qu'il a été demandé. Rien n'a été modifié.")  # fmt: skip
    assert "mandataire de la coopérative 974-111" in (await nina.send("/moi")).text
    assert "Vous n'avez pas encore de rôle" in (await omar.send("/moi")).text


async def test_change_of_mandataire_ends_her_signataire_role_too(bot, sim, cast, demo):
    def also_signataire(session):
        marie = session.exec(select(Person).where(Person.telegram_id == 1001)).one()
        coop = session.exec(select(Coop).where(Coop.affiliation == "974-111")).one()
        session.add(Role(person_id=marie.id, kind=RoleKind.SIGNATAIRE, coop_id=coop.id))

    demo.run(also_signataire)
    marie = cast["mandataire"]
    await change_mandataire(marie, cast["ad"], sim.user(3006, "Nina", "Boyer"))
    assert "Vous n'avez pas encore de rôle" in (await marie.send("/moi")).text
    assert "Vous n'avez pas encore accès" in (await marie.send("/depense")).text


async def test_the_ad_may_keep_the_former_mandataire_as_signataire(bot, sim, cast):
    marie, paul = cast["mandataire"], cast["ad"]
    await marie.send("/inviter")
    own = code_in((await marie.press("Signataire")).text)
    step = await change_mandataire(marie, paul, sim.user(3006, "Nina", "Boyer"), keep=True)
    assert step.text == ("Changement confirmé : Nina Boyer est mandataire de la coopérative 974-111.\n"
                         "L'ancien·ne mandataire reste signataire de la coopérative.")  # fmt: skip
    assert marie.last.content == ("Votre mandat pour la coopérative 974-111 a pris fin : Nina Boyer vous succède. "
                                  "Vous restez signataire de la coopérative.")  # fmt: skip
    step = await marie.send("/moi")
    assert "signataire de la coopérative 974-111" in step.text and "mandataire" not in step.text
    assert "n'est pas ouverte à votre rôle" in (await marie.send("/mandataire")).text
    # A signataire may make signataire links: the one she made as mandataire still works.
    step = await sim.user(3009, "Sabine").send(f"/start {own}")
    assert step.text.startswith("Bienvenue Sabine ! Vous êtes signataire de la coopérative 974-111")


async def test_open_links_are_listed_and_withdrawn(bot, sim, cast):
    marie, paul = cast["mandataire"], cast["ad"]
    await marie.send("/inviter")
    signataire = code_in((await marie.press("Signataire")).text)
    await marie.send("/inviter")
    await marie.press("Enseignant·e d'une classe")
    teacher = code_in((await marie.press("CE1A")).text)

    step = await marie.send("/inviter")
    assert ["📋 Liens en cours (974-111)"] in step.last.buttons
    step = await marie.press("📋 Liens en cours (974-111)")
    assert re.fullmatch(r"Liens d'invitation pas encore ouverts\n"
                        r"1\. enseignant·e du cahier CE1A, 974-111 — par Marie Payet, expire le \d\d/\d\d/\d{4}\n"
                        r"2\. signataire de 974-111 — par Marie Payet, expire le \d\d/\d\d/\d{4}", step.text)  # fmt: skip
    assert step.last.buttons == [["❌ Annuler le lien 1"], ["❌ Annuler le lien 2"], ["Fermer"]]
    step = await marie.press("❌ Annuler le lien 2")
    assert step.answer == "Lien annulé : il ne fonctionne plus."
    assert "signataire" not in step.last.content and step.last.buttons == [["❌ Annuler le lien 1"], ["Fermer"]]
    assert (await sim.user(3009, "Sabine").send(f"/start {signataire}")).text == REVOKED

    await paul.send("/inviter")
    step = await paul.press("📋 Liens en cours (OCCE 974)")
    assert "1. enseignant·e du cahier CE1A, 974-111 — par Marie Payet" in step.text
    step = await paul.press("❌ Annuler le lien 1")
    assert "Aucun lien d'invitation en attente." in step.last.content
    step = await paul.press("Fermer")
    assert step.edited[-1].buttons == [] and "Aucun lien" in step.edited[-1].content
    assert (await sim.user(3001, "Luc").send(f"/start {teacher}")).text == REVOKED


async def test_a_change_of_mandataire_begun_meanwhile_keeps_the_invitation_asking_its_coop(bot, sim, cast, demo):
    """/inviter asked a mandataire's coop, then /mandataire asked and took its own: the invitation's coop then
    got « Vous n'avez pas accès » whatever was typed (its department gone with the other's draft)."""
    demo.run(imported_coop, "Nadia Imported", "nadia@ac-reunion.fr")
    paul = cast["ad"]
    await paul.send("/inviter")
    await paul.press("Mandataire d'une coopérative (974)")
    await paul.send("/mandataire")
    step = await paul.send("974-111")
    assert "Changement de mandataire pour la coopérative 974-111" in step.text
    await paul.press("Créer le lien")
    step = await paul.send("974-333")  # the invitation's question, still open
    assert "mandataire de 974-333" in step.text and code_in(step.text)
