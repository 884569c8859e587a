"""One notice, never two (issue 14): what a person hears when the AD sends a report back, when the quitus is
asked, when a sent report changes, is written to the outbox under the key the reminders would use, so their
next run finds it sent and adds nothing."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select

from bot.app import CHANGES_CHECK_SECONDS
from bot.reminders.jobs import CLOCK, reminders_run
from store.models import Adhesion, Coop, OutboxMessage, Report, ReportStatus, utcnow
from store.years import today_in
from tests.reportworld import CLAIRE, HENRI, MARIE, SABINE, YEAR, seed_year
from tests.test_reports import PAUL, YEARS, told

REUNION = ZoneInfo("Indian/Reunion")
COMMENT = "Précisez la participation des familles"


def a_sending_moment() -> datetime:
    """Today at 10 h in La Réunion (Saturday when today is Sunday): the reminders may go, the same school year."""
    day = today_in("Indian/Reunion")
    if day.weekday() == 6:
        day -= timedelta(days=1)
    return datetime(day.year, day.month, day.day, 10, tzinfo=REUNION).astimezone(timezone.utc)


def member_last_year(session) -> None:
    """974-111 was a member the year it reports on (the demo says so; made sure): the reminders follow its report."""
    coop = session.exec(select(Coop).where(Coop.affiliation == "974-111")).one()
    if not session.exec(select(Adhesion).where(Adhesion.coop_id == coop.id, Adhesion.year == YEAR)).first():
        session.add(Adhesion(coop_id=coop.id, year=YEAR, submitted_at=utcnow(), validated_at=utcnow()))


def sent_to_the_ad(session) -> None:
    """The report reached the AD (its sending is tested in tests/test_reports.py)."""
    coop = session.exec(select(Coop).where(Coop.affiliation == "974-111")).one()
    report = session.exec(select(Report).where(Report.coop_id == coop.id, Report.fiscal_year == YEAR)).first()
    report = report or Report(coop_id=coop.id, fiscal_year=YEAR)
    report.status, report.sent_at = ReportStatus.SENT, utcnow()
    session.add(report)


def bot_messages(user, words: str) -> list[str]:
    return [m.content for m in user.history if m.from_bot and words in m.content]


@pytest.fixture
def world(demo, sim, bot):
    demo.run(seed_year)
    demo.run(member_last_year)
    bot.bot_data[CLOCK] = a_sending_moment
    return {"marie": sim.user(MARIE, "Marie", "Payet"), "henri": sim.user(HENRI, "Henri"),
            "claire": sim.user(CLAIRE, "Claire"), "sabine": sim.user(SABINE, "Sabine"), "paul": sim.user(PAUL, "Paul")}


async def test_the_quitus_request_and_the_return_reach_each_person_once(world, bot, demo):
    marie, henri, claire, sabine, paul = (world[k] for k in ("marie", "henri", "claire", "sabine", "paul"))
    # the mandataire asks for the quitus, the slow way
    await marie.send("/compterendu")
    step = await marie.press("🔏 Demander le quitus")
    assert "🔏 Quitus demandé : 2 vérificateurs prévenus." in step.text
    request = await told(henri, "vous demande de vérifier les comptes")
    assert request.startswith(f"✍️ Quitus {YEARS} — coopérative 974-111")
    await told(claire, "vous demande de vérifier les comptes")
    await reminders_run(bot)  # the reminders' next run: the request is already sent
    await reminders_run(bot)
    for user in (henri, claire):
        assert len([m for m in user.history if m.from_bot]) == 1
    assert not bot_messages(sabine, "quitus")  # a vérificateur who is also signataire is never asked

    # the vérificateur answers from the notice's button
    step = await henri.press("✍️ Donner mon quitus", message=henri.history[-1])
    assert f"Votre quitus sur les comptes {YEARS} de 974-111" in step.text
    step = await henri.send("Henri Fontaine")
    assert step.text == "Êtes-vous parent d'un élève de l'école ?"
    step = await henri.press("Oui")
    assert "✅ Quitus enregistré : Henri Fontaine, le" in step.text

    # the report sent, the AD returns it, the slow way
    demo.run(sent_to_the_ad)
    await paul.send("/valider")
    await paul.press("📋 Comptes rendus")
    await paul.press("🔍 Examiner 974-111")
    step = await paul.press("↩️ À compléter (avec un commentaire)")
    step = await paul.send("ok")
    assert step.text == "Tapez un commentaire de 3 à 1000 caractères, avec des mots :"
    step = await paul.send(COMMENT)
    assert "renvoyé pour être complété" in step.text
    returned = await told(marie, COMMENT)
    assert returned.startswith(f"↩️ Compte rendu {YEARS} à compléter — coopérative 974-111\n"
                               f"Le C.R. est suivi, mais il doit être complété : « {COMMENT} »")  # fmt: skip
    await reminders_run(bot)
    await reminders_run(bot)
    assert len(bot_messages(marie, COMMENT)) == 1
    assert len(bot_messages(sabine, COMMENT)) == 1  # a signataire hears of it too, once
    step = await marie.press("🗂 Ouvrir le compte rendu", message=next(m for m in marie.history if COMMENT in m.content))
    assert "974-111" in step.text and "à compléter" in step.text

    keys = demo.run(lambda s: [(m.kind, m.state) for m in s.exec(select(OutboxMessage).order_by(OutboxMessage.id))
                               if m.kind in ("quitus", "renvoi")])  # fmt: skip
    assert keys == [("quitus", "sent")] * 2 + [("renvoi", "sent")] * 2


async def test_another_command_leaves_the_comment_of_a_return(world, bot, demo):
    """↩️ À compléter, then /suivi: the AD's next line sent the report back, with it as the comment."""
    marie, paul = world["marie"], world["paul"]
    demo.run(sent_to_the_ad)
    await paul.send("/valider")
    await paul.press("📋 Comptes rendus")
    await paul.press("🔍 Examiner 974-111")
    await paul.press("↩️ À compléter (avec un commentaire)")
    step = await paul.send("/suivi")
    assert step.messages[0].content == ("Vous avez tapé une autre commande : le compte rendu n'est pas renvoyé, "
                                        "rien n'est envoyé au mandataire.")
    assert step.last.content.startswith("Suivi ")  # /suivi answered too
    step = await paul.send(COMMENT)
    assert "renvoyé" not in step.text
    await reminders_run(bot)
    assert not bot_messages(marie, COMMENT)
    assert demo.run(lambda s: s.exec(select(Report)).one().status) == ReportStatus.SENT


async def test_a_change_after_sending_is_told_to_the_ad_once_per_burst(world, bot, demo):
    marie, paul = world["marie"], world["paul"]
    demo.run(sent_to_the_ad)
    for day in ("15/06", "16/06"):
        step = await marie.send(f"/recette 5 Don d'un parent; École; dons; espèces; {day}/{YEAR + 1}")
        assert "déjà envoyé sera modifié" in step.text  # said on the card, before anything is saved
        step = await marie.press("✅ Enregistrer")
        assert "enregistrée" in step.text
    changed = await told(paul, "a été modifié")
    assert changed.startswith(f"✏️ Le compte rendu {YEARS} de 974-111, déjà envoyé, a été modifié")
    await told(marie, "il passe à « modifié »")
    await marie.send(f"/recette 5 Don; École; dons; espèces; 17/06/{YEAR + 1}")
    step = await marie.press("✅ Enregistrer")
    assert "enregistrée" in step.text
    await reminders_run(bot)
    await reminders_run(bot)
    await asyncio.sleep(2 * CHANGES_CHECK_SECONDS)  # the job's next checks come and go
    assert len(bot_messages(paul, "a été modifié")) == 1
    assert len(bot_messages(marie, "il passe à « modifié »")) == 1
    assert len(bot_messages(world["sabine"], "sera modifié")) == 1
    step = await paul.press("🔍 Examiner 974-111", message=next(m for m in paul.history if "a été modifié" in m.content))
    assert "État : ✏️ modifié" in step.text
    kinds = demo.run(lambda s: [m.kind for m in s.exec(select(OutboxMessage)) if m.kind == "modifie"])
    assert len(kinds) == 3  # Marie and Sabine (a signataire), Paul
