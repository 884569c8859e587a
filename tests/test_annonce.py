"""/annonce as AD staff use it: audience, text, preview, confirmation, sending through the outbox, the report."""

from __future__ import annotations

import pytest
from sqlmodel import select

from store.followup import ANNOUNCEMENT_MAX
from store.models import Announcement, OutboxMessage, ReminderSettings, Role, RoleKind
from tests.test_followup import seed_department
from tests.world import EARLIER_BUTTON, PERSONAS

TEXT = "Rappel : la réunion des mandataires a lieu mercredi à 14 h à l'OCCE."


@pytest.fixture
def department(demo):
    demo.run(seed_department)
    return demo


def outbox_size(database) -> int:
    return database.run(lambda s: len(s.exec(select(OutboxMessage)).all()))


async def test_announcement_to_the_late_ones_one_of_whom_blocked_the_bot(bot, sim, department):
    paul = sim.user(*PERSONAS["ad"])
    marie, odile, third = sim.user(*PERSONAS["mandataire"]), sim.user(*PERSONAS["mandataire_autre_coop"]), \
        sim.user(3002, "Mandataire")
    sim.block(odile.id)
    step = await paul.send("/annonce")
    assert step.text == "Annonce — à quels mandataires de l'OCCE 974 ?"
    assert step.last.buttons == [["Tous les mandataires (5)"], ["Adhésion en retard (3)"],
                                 ["🏘 Ceux d'une commune…"], ["✖️ Annuler"]]  # fmt: skip
    step = await paul.press("Adhésion en retard (3)")
    assert step.text.startswith("Écrivez l'annonce pour 3 mandataires, en un seul message de 3500 caractères au plus")
    step = await paul.send(" \n ")
    assert step.text == "Le message est vide : écrivez-le en un seul message (ou /annuler)."
    for typed in ("📢🎉", "!!! ..."):  # nothing a mandataire could read
        step = await paul.send(typed)
        assert step.text == ("Le message doit contenir au moins une lettre ou un chiffre : écrivez-le en un seul "
                             "message (ou /annuler).")
    step = await paul.send("é" * 5000)
    assert step.text.startswith(f"Ce message fait 5000 caractères : {ANNOUNCEMENT_MAX} au plus. Raccourcissez-le")
    step = await paul.send("Réunion mercredi")
    assert step.messages[0].content == ("Aperçu : voici le message que recevront 3 mandataires. "
                                        "Rien n'est envoyé avant votre confirmation.")
    assert step.last.content == "📢 Annonce de l'OCCE 974\n\nRéunion mercredi"
    step = await paul.press("✏️ Changer le texte")
    assert step.messages[0].content == "Écrivez le nouveau texte de l'annonce :"
    step = await paul.send(TEXT)
    assert step.last.content == f"📢 Annonce de l'OCCE 974\n\n{TEXT}"
    assert outbox_size(department) == 0 and not [m for m in marie.history if m.from_bot]
    step = await paul.press("📤 Envoyer à 3 mandataires")
    assert "Envoi de l'annonce à 3 mandataires…" in step.text
    assert step.last.content == "Annonce envoyée : 2 remis, 1 bloqué, 0 en échec."
    for reached in (marie, third):
        assert reached.last.content == f"📢 Annonce de l'OCCE 974\n\n{TEXT}"
    assert not [m for m in odile.history if m.from_bot]
    step = await paul.press("📋 Rapport d'envoi")
    assert step.text.split("\n", 1)[1] == ("✅ Remis : 2\n🚫 Bloqué (la personne a bloqué CoopBot) : 1\n"
                                           "   • Odile Test (974-222)\n❌ En échec : 0")
    assert step.text.startswith("Rapport d'envoi — annonce du ") and "(adhésion en retard)" in step.text
    blocked = department.run(lambda s: s.exec(select(ReminderSettings)).one().blocked_at)
    assert blocked is not None  # the outbox marked her: the next mass message skips her

    # The same department's other staff may read the report; another department's may not.
    gaston = sim.user(*PERSONAS["ad_autre_departement"])
    await gaston.send("/suivi")
    announcement = department.run(lambda s: s.exec(select(Announcement)).one().id)
    step = await gaston.press_data(f"ann:r:{announcement}", gaston.last)
    assert step.answer == "Vous n'avez pas accès à cette coopérative ou à ce cahier."
    step = await gaston.press_data(f"ann:r:{announcement + 1}", gaston.last)
    assert step.answer == "Vous n'avez pas accès à cette coopérative ou à ce cahier."


async def test_a_communes_mandataires(bot, sim, department):
    paul = sim.user(*PERSONAS["ad"])
    first, second = sim.user(3002, "Mandataire"), sim.user(3003, "Mandataire")
    await paul.send("/annonce")
    step = await paul.press("🏘 Ceux d'une commune…")
    # Le Port and Le Tampon, where nobody would read it, were offered as « Le Port (0) »
    assert step.text == ("Les mandataires de quelle commune ?\n"
                         "Sans mandataire sur CoopBot, donc pas proposées : Le Port, Le Tampon.")
    assert step.last.buttons == [["Saint-Denis (1)", "Saint-Paul (2)"], ["Saint-Pierre (2)"], ["✖️ Annuler"]]
    step = await paul.press_data("ann:c:0", step.last)  # Le Port's, from an older list
    assert step.answer == "Aucun mandataire sur CoopBot dans ce choix : choisissez-en un autre."
    step = await paul.press("Saint-Pierre (2)")
    assert "pour 2 mandataires" in step.text
    await paul.send(TEXT)
    step = await paul.press("📤 Envoyer à 2 mandataires")
    assert step.last.content == "Annonce envoyée : 2 remis, 0 bloqué, 0 en échec."
    assert first.last.content == second.last.content == f"📢 Annonce de l'OCCE 974\n\n{TEXT}"
    step = await paul.press("📋 Rapport d'envoi")
    assert "(commune de Saint-Pierre)" in step.text


async def test_a_department_whose_communes_have_no_mandataire(bot, sim, department):
    """No commune has a mandataire on CoopBot: the AD is told so and stays at the choice of the audience."""
    paul = sim.user(*PERSONAS["ad"])
    department.run(lambda s: [s.delete(role) for role in s.exec(select(Role).where(Role.kind == RoleKind.MANDATAIRE))])
    step = await paul.send("/annonce")
    assert step.last.buttons[0] == ["Tous les mandataires (0)"]
    step = await paul.press("🏘 Ceux d'une commune…")
    assert step.answer == "Aucune commune n'a de mandataire sur CoopBot pour l'instant."
    assert paul.last.buttons[2] == ["🏘 Ceux d'une commune…"]  # the audience's question stays


async def test_a_coop_asked_before_does_not_take_the_announcement(bot, sim, department):
    """/coop (which asks AD staff for an affiliation), then /annonce: the announcement's text was answered « Pas de
    coopérative « Réunion des mandatai » dans votre département »."""
    paul = sim.user(*PERSONAS["ad"])
    await paul.send("/coop")
    await paul.send("/annonce")
    await paul.press("Tous les mandataires (5)")
    step = await paul.send(TEXT)
    assert step.last.content == f"📢 Annonce de l'OCCE 974\n\n{TEXT}"
    await paul.send("/annuler")
    step = await paul.send("/coop")  # answered, it still shows the card
    step = await paul.send("974-302")
    assert step.text.startswith("École Mahatma Gandhi")


async def test_cancel_at_every_step_sends_nothing(bot, sim, department):
    paul = sim.user(*PERSONAS["ad"])
    await paul.send("/annonce")
    step = await paul.press("✖️ Annuler")
    assert step.text == "C'est annulé : rien de cette opération n'a été enregistré."
    await paul.send("/annonce")
    await paul.press("🏘 Ceux d'une commune…")
    step = await paul.press("✖️ Annuler")
    assert step.text == "C'est annulé : rien de cette opération n'a été enregistré."
    await paul.send("/annonce")
    await paul.press("Tous les mandataires (5)")
    step = await paul.send("/annuler")
    assert step.text == "C'est annulé : rien de cette opération n'a été enregistré."
    await paul.send("/annonce")
    await paul.press("Tous les mandataires (5)")
    await paul.send(TEXT)
    step = await paul.press("✖️ Annuler")
    assert step.text == "C'est annulé : rien de cette opération n'a été enregistré."
    step = await paul.press_data("ann:send", paul.history[-1])
    assert step.answer == "Ce bouton n'est plus valable. Tapez /aide pour recommencer."
    assert outbox_size(department) == 0
    assert department.run(lambda s: s.exec(select(Announcement)).all()) == []


async def test_the_send_button_of_an_earlier_preview_sends_nothing(bot, sim, department):
    """A preview left by /annuler keeps its buttons: its 📤 sent the announcement written since (another text,
    to another audience) in its place."""
    paul = sim.user(*PERSONAS["ad"])
    await paul.send("/annonce")
    await paul.press("Adhésion en retard (3)")
    first = (await paul.send("Texte pour les retardataires")).last
    await paul.send("/annuler")
    await paul.send("/annonce")
    await paul.press("🏘 Ceux d'une commune…")
    await paul.press("Saint-Pierre (2)")
    second = (await paul.send(TEXT)).last
    step = await paul.press("📤 Envoyer à 3 mandataires", message=first)
    assert step.answer == EARLIER_BUTTON and step.messages == []
    step = await paul.press("✏️ Changer le texte", message=first)
    assert step.answer == EARLIER_BUTTON and step.messages == []
    assert outbox_size(department) == 0
    step = await paul.press("📤 Envoyer à 2 mandataires", message=second)
    assert step.messages[0].content == "Envoi de l'annonce à 2 mandataires…"
    assert outbox_size(department) == 2
