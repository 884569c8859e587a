"""/suivi as AD staff use it: a department of coops in every state, filtered, paged, opened, written to."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from sqlmodel import Session, select

from store import followup
from store.access import Forbidden
from store.campaign import department_year
from store.audit import record
from store.followup import FollowUpError
from store.models import Adhesion, Coop, Department, OutboxMessage, Person, Report, ReportStatus, Role, RoleKind, utcnow
from store.people import who_is
from tests.world import PERSONAS, seed_world

# affiliation → (school, commune, membership, mandataire's telegram id or None)
COOPS = {
    "974-301": ("École Les Filaos", "Saint-Paul", "validated", 3001),
    "974-302": ("École Mahatma Gandhi", "Saint-Pierre", "draft", 3002),
    "974-303": ("École Jean Albany", "Saint-Pierre", "submitted", 3003),
    "974-304": ("École du Centre", "Le Port", None, None),
}
FILLERS = 6  # more coops of Le Tampon, none begun: the list needs two pages


def seed_department(session: Session) -> None:
    """The demo and the access world, and coops of 974 in each state; coop 974-145 is in Saint-Denis."""
    seed_world(session)
    # The deadline on 1 September: whatever day the suite runs, but that one, the late coops are late.
    session.get(Department, "974").membership_closes = "09-01"
    year = department_year(session, "974")
    for affiliation, (school, commune, state, mandataire) in COOPS.items():
        coop = Coop(affiliation=affiliation, school_name=school, commune=commune, department_code="974")
        session.add(coop)
        session.flush()
        if state:
            done = utcnow()
            session.add(Adhesion(coop_id=coop.id, year=year, submitted_at=done if state != "draft" else None,
                                 validated_at=done if state == "validated" else None))  # fmt: skip
        if mandataire:
            person = Person(telegram_id=mandataire, name=f"Mandataire {affiliation}")
            session.add(person)
            session.flush()
            session.add(Role(person_id=person.id, kind=RoleKind.MANDATAIRE, coop_id=coop.id))
    for number in range(FILLERS):
        session.add(Coop(affiliation=f"974-5{number:02d}", school_name=f"École n° {number}", commune="Le Tampon",
                         department_code="974"))  # fmt: skip
    session.flush()
    sent = session.exec(select(Coop).where(Coop.affiliation == "974-303")).one()
    session.add(Report(coop_id=sent.id, fiscal_year=year - 1, status=ReportStatus.SENT))
    coop = session.exec(select(Coop).where(Coop.affiliation == "974-301")).one()
    record(session, None, "coop", coop.id, "edit", coop_id=coop.id, at=datetime(2026, 11, 2, 21, 0, tzinfo=timezone.utc))


@pytest.fixture
def department(demo):
    demo.run(seed_department)
    return demo


def staff(session: Session):
    return who_is(session, PERSONAS["ad"][0])


# ------------------------------------------------------------------ the store's rules


def test_states_follow_the_deadline(department):
    before = datetime(2026, 9, 1, 8, 0, tzinfo=timezone.utc)
    after = datetime(2026, 11, 30, 8, 0, tzinfo=timezone.utc)

    def states(session, now):
        found = followup.overview(session, staff(session), "974", now=now, page=0)
        every = followup.overview(session, staff(session), "974", now=now, page=1).lines + found.lines
        return {line.affiliation: line.membership for line in every}, found.counts

    early, counts = department.run(states, before)
    assert early["974-301"] == "validated" and early["974-303"] == "submitted" and early["974-145"] == "submitted"
    assert early["974-302"] == "draft" and early["974-304"] == "new" and early["974-111"] == "new"
    assert counts == {"late": 0, "new": 3 + FILLERS, "draft": 1, "submitted": 2, "validated": 1}
    late, counts = department.run(states, after)
    assert late["974-302"] == "late" and late["974-304"] == "late" and late["974-303"] == "submitted"
    assert counts == {"late": 4 + FILLERS, "new": 0, "draft": 0, "submitted": 2, "validated": 1}


def test_filters_pages_and_activity(department):
    now = datetime(2026, 11, 30, 8, 0, tzinfo=timezone.utc)

    def look(session, **filters):
        return followup.overview(session, staff(session), "974", now=now, **filters)

    first = department.run(look)
    assert (first.pages, first.matching, len(first.lines)) == (2, 13, followup.PAGE_SIZE)
    assert first.communes == ("Le Port", "Le Tampon", "Saint-Denis", "Saint-Paul", "Saint-Pierre")
    saint_pierre = department.run(look, commune=4)
    assert [(line.affiliation, line.report) for line in saint_pierre.lines] == [("974-302", "not_started"),
                                                                                ("974-303", "sent")]
    late_in_saint_pierre = department.run(look, commune=4, state="late")
    assert [line.affiliation for line in late_in_saint_pierre.lines] == ["974-302"]
    assert [line.affiliation for line in department.run(look, report="sent").lines] == ["974-303"]
    validated = department.run(look, state="validated")
    assert [(line.affiliation, line.report) for line in validated.lines] == [("974-301", "not_started")]
    # 21:00 UTC on 2 November is 3 November in La Réunion
    assert validated.lines[0].last_activity.isoformat() == "2026-11-03"
    for wrong in ({"page": 2}, {"commune": 5}, {"state": "lost"}, {"report": "late"}):
        with pytest.raises(FollowUpError):
            department.run(look, **wrong)


def test_another_department_sees_nothing_of_ours(department):
    def as_gaston(session, fn, *args):
        return fn(session, who_is(session, PERSONAS["ad_autre_departement"][0]), *args)

    ours = department.run(lambda s: s.exec(select(Coop).where(Coop.affiliation == "974-301")).one().id)
    for fn, args in ((followup.overview, ("974",)), (followup.staff_card, (ours,)),
                     (followup.coop_mandataires, (ours,)), (followup.coop_mandataires, (10**6,)),
                     (followup.nudge, (ours,)), (followup.audiences, ("974",)), (followup.audience, ("974", "all")),
                     (followup.announce, ("974", "all", None, "Bonjour"))):  # fmt: skip
        with pytest.raises(Forbidden):
            department.run(as_gaston, fn, *args)
    assert department.run(as_gaston, followup.overview, "971").matching == 0


def test_messages_are_checked():
    assert followup.check_text("  Bonjour\x00 à tous  ") == "Bonjour à tous"
    with pytest.raises(FollowUpError) as empty:
        followup.check_text(" \n ")
    assert empty.value.reason == "empty"
    with pytest.raises(FollowUpError) as long:
        followup.check_text("a" * 5000)
    assert (long.value.reason, long.value.details) == ("too_long", {"length": 5000, "limit": followup.ANNOUNCEMENT_MAX})


# ------------------------------------------------------------------ through the chat


async def test_suivi_filtered_paged_and_opened(bot, sim, department):
    paul = sim.user(*PERSONAS["ad"])
    step = await paul.send("/suivi")
    assert step.text.startswith(f"Suivi {department.run(lambda s: department_year(s, '974'))}")
    assert "Page 1/2" in step.text
    assert "974-111 École Les Tamarins · Saint-Paul\n   ⚠️ en retard · CRF pas commencé" in step.text
    step = await paul.press("🔍 974-111 École Les Tamarins")
    assert "Adhésion" in step.text and ": ⚠️ en retard\n" in step.text  # the card says what the list says
    step = await paul.press("↩️ Retour à la liste")
    step = await paul.press("▶️")
    assert "Page 2/2" in step.text and "974-505 École n° 5 · Le Tampon" in step.text
    step = await paul.press("🏘 Par commune")
    assert step.last.buttons[0] == ["Le Port", "Le Tampon"]
    step = await paul.press("Saint-Pierre")
    assert "Filtre : Saint-Pierre — 2 coopératives" in step.text
    assert "974-302 École Mahatma Gandhi · Saint-Pierre\n   ⚠️ en retard" in step.text
    assert "974-303 École Jean Albany · Saint-Pierre\n   ⏳ transmise · CRF 📤 envoyé" in step.text
    assert "Page" not in step.text
    step = await paul.press("🔽 Par état")
    step = await paul.press("✅ validée (1)")
    assert "Filtre : ✅ validée, Saint-Pierre — 0 coopérative" in step.text
    assert "Aucune coopérative ne correspond à ce filtre." in step.text
    await paul.press("🏘 Par commune")
    step = await paul.press("Toutes les communes")
    assert "Filtre : ✅ validée — 1 coopérative" in step.text
    assert "dernière activité le 03/11/2026" in step.text
    step = await paul.press("🔍 974-301 École Les Filaos")
    assert "École Les Filaos\nSaint-Paul · Coopérative 974-301 · OCCE 974" in step.text
    assert "Mandataire : Mandataire 974-301" in step.text
    step = await paul.press("↩️ Retour à la liste")
    assert "Filtre : ✅ validée — 1 coopérative" in step.text
    await paul.press("🔽 Par état")
    await paul.press("Tous les états")
    step = await paul.press("📋 Par CRF")
    assert step.text == "Montrer les coopératives dont le compte rendu de l'an dernier est :"
    assert step.last.buttons[0] == ["pas commencé (12)"] and ["📤 envoyé (1)"] in step.last.buttons
    step = await paul.press("📤 envoyé (1)")
    assert "Filtre : CRF 📤 envoyé — 1 coopérative" in step.text
    assert "974-303 École Jean Albany · Saint-Pierre\n   ⏳ transmise · CRF 📤 envoyé" in step.text
    step = await paul.press_data("sui:r:lost", step.last)  # forged: the first page, unfiltered
    assert step.answer == "La liste a changé : voici la première page."
    assert "Filtre" not in step.text and "Page 1/2" in step.text
    step = await paul.press("Fermer")
    assert step.text == "Suivi fermé. /suivi pour le rouvrir."


async def test_each_filter_menu_goes_back_to_the_list_as_it_was(bot, sim, department):
    """The filter menus had no way back but « Tous les … », which dropped the filter already chosen."""
    paul = sim.user(*PERSONAS["ad"])
    await paul.send("/suivi")
    await paul.press("🏘 Par commune")
    listed = await paul.press("Saint-Pierre")
    assert "Filtre : Saint-Pierre — 2 coopératives" in listed.text
    for menu in ("🔽 Par état", "📋 Par CRF", "🏘 Par commune"):
        step = await paul.press(menu)
        assert step.last.buttons[-1] == ["↩️ Retour à la liste"]
        step = await paul.press("↩️ Retour à la liste")
        assert step.text == listed.text and step.last.buttons == listed.last.buttons
    await paul.press("🏘 Par commune")
    await paul.press("Toutes les communes")
    step = await paul.press("▶️")
    assert "Page 2/2" in step.text
    await paul.press("🔽 Par état")
    step = await paul.press("↩️ Retour à la liste")
    assert "Page 2/2" in step.text  # the page too


async def saint_pierre_card(paul):
    """/suivi filtered on Saint-Pierre, then the card of 974-302 opened: its message."""
    await paul.send("/suivi")
    await paul.press("🏘 Par commune")
    await paul.press("Saint-Pierre")
    return (await paul.press("🔍 974-302 École Mahatma Gandhi")).last


async def test_write_to_a_mandataire(bot, sim, department):
    paul = sim.user(*PERSONAS["ad"])
    mandataire = sim.user(3002, "Mandataire")
    await saint_pierre_card(paul)
    step = await paul.press("✉️ Écrire au mandataire")
    assert "Votre message pour Mandataire 974-302 (coopérative 974-302)" in step.text
    step = await paul.send("   ")
    assert step.text == "Le message est vide : écrivez-le en un seul message (ou /annuler)."
    step = await paul.send("x" * 2500)
    assert step.text.startswith("Ce message fait 2500 caractères : 2000 au plus.")
    step = await paul.send("Bonjour, il manque votre adhésion : pouvez-vous la valider cette semaine ?")
    assert step.text == "Message transmis à Mandataire 974-302."
    assert mandataire.last.content == ("✉️ Message de l'OCCE 974 (Paul Técher) :\n\nBonjour, il manque votre "
                                       "adhésion : pouvez-vous la valider cette semaine ?\n\nPour lui répondre : /contact.")


async def test_the_card_stays_usable_while_and_after_writing(bot, sim, department):
    """✉️ Écrire, then the message: the coop's card above keeps its buttons (back to the filtered list, 🔔);
    they answered « Ce bouton n'est plus valable », and the AD had to filter the list again from /suivi."""
    paul = sim.user(*PERSONAS["ad"])
    sim.user(3002, "Mandataire")
    card = await saint_pierre_card(paul)
    await paul.press("✉️ Écrire au mandataire", message=card)
    step = await paul.send("Pensez à valider votre adhésion.")
    assert step.text == "Message transmis à Mandataire 974-302."
    step = await paul.press("🔔 Relancer le mandataire", message=card)
    assert step.text == "Relance envoyée à Mandataire 974-302."
    step = await paul.press("↩️ Retour à la liste", message=card)
    assert "Filtre : Saint-Pierre — 2 coopératives" in step.text
    card = (await paul.press("🔍 974-302 École Mahatma Gandhi")).last
    step = await paul.press("✉️ Écrire au mandataire", message=card)
    assert step.text.startswith("Votre message pour Mandataire 974-302")
    step = await paul.press("↩️ Retour à la liste", message=card)  # changed their mind: no message
    assert "Filtre : Saint-Pierre — 2 coopératives" in step.text
    step = await paul.send("Bonjour")
    assert step.text == "Répondez avec les boutons ci-dessus, ou tapez /annuler pour abandonner."


async def test_another_command_leaves_the_message_to_the_mandataire(bot, sim, department):
    """✉️ Écrire, then /valider: the AD's next line went to the mandataire, without a word."""
    paul = sim.user(*PERSONAS["ad"])
    mandataire = sim.user(3002, "Mandataire")
    card = await saint_pierre_card(paul)
    await paul.press("✉️ Écrire au mandataire", message=card)
    step = await paul.send("/valider")
    assert step.messages[0].content == ("Vous avez tapé une autre commande : le message à Mandataire 974-302 est "
                                        "abandonné, rien ne lui est envoyé.")
    assert len(step.messages) > 1  # /valider answered too
    step = await paul.send("Bonjour, note pour moi")
    assert "transmis" not in step.text
    assert not [m for m in mandataire.history if m.from_bot]
    # /annuler gives up the message; the card's buttons still act
    await paul.press("✉️ Écrire au mandataire", message=card)
    step = await paul.send("/annuler")
    assert [m.content for m in step.messages] == [
        "C'est annulé : rien de cette opération n'a été enregistré.",
        "Fermé : le message (ou le numéro de coopérative) que vous tapiez. Toujours en cours : le suivi ; "
        "/annuler de nouveau pour l'abandonner."]
    step = await paul.send("Bonjour")
    assert "transmis" not in step.text and not [m for m in mandataire.history if m.from_bot]
    step = await paul.press("↩️ Retour à la liste", message=card)
    assert "Filtre : Saint-Pierre — 2 coopératives" in step.text
    # and once written, it goes
    card = (await paul.press("🔍 974-302 École Mahatma Gandhi", message=card)).last
    await paul.press("✉️ Écrire au mandataire", message=card)
    step = await paul.send("Pensez à valider votre adhésion.")
    assert step.text == "Message transmis à Mandataire 974-302."
    assert "Pensez à valider votre adhésion." in mandataire.last.content


async def test_one_message_waits_at_a_time(bot, sim, department):
    """✉️ Écrire, then ↩️ Rouvrir pressed on an earlier message: the reason's question did not come (« Ce bouton
    n'est plus valable »); begun the other way round, the line after the message still reopened the membership."""
    paul, mandataire = sim.user(*PERSONAS["ad"]), sim.user(3001, "Mandataire")
    await paul.send("/valider")
    membership = (await paul.press("🔍 Voir 974-301")).last
    await paul.send("/suivi")
    await paul.press("🏘 Par commune")
    await paul.press("Saint-Paul")
    card = (await paul.press("🔍 974-301 École Les Filaos")).last
    await paul.press("✉️ Écrire au mandataire", message=card)
    step = await paul.press("↩️ Rouvrir l'adhésion de 974-301", message=membership)
    assert "pourquoi ?" in step.text
    await paul.press("✉️ Écrire au mandataire", message=card)
    step = await paul.send("Pensez à valider votre adhésion.")
    assert step.text == "Message transmis à Mandataire 974-301."
    step = await paul.send("Une note pour moi")
    assert "rouverte" not in step.text
    assert [m.content[:20] for m in mandataire.history if m.from_bot] == ["✉️ Message de l'OCCE"]


async def test_coop_without_mandataire_and_forged_buttons(bot, sim, department):
    paul, gaston = sim.user(*PERSONAS["ad"]), sim.user(*PERSONAS["ad_autre_departement"])
    await paul.send("/suivi")
    await paul.press("🏘 Par commune")
    await paul.press("Le Port")
    await paul.press("🔍 974-304 École du Centre")
    step = await paul.press("✉️ Écrire au mandataire")
    assert step.answer == "Cette coopérative n'a pas de mandataire sur CoopBot : invitez-le avec /inviter."
    ours = department.run(lambda s: s.exec(select(Coop).where(Coop.affiliation == "974-301")).one().id)
    step = await gaston.send("/suivi")
    assert "Suivi" in step.text and "974-" not in step.text
    step = await gaston.press_data(f"sui:o:{ours}", gaston.last)
    assert step.answer == "Vous n'avez pas accès à cette coopérative ou à ce cahier."
    step = await gaston.press_data("sui:c:99", gaston.last)
    assert step.answer == "La liste a changé : voici la première page."


async def test_a_department_without_coops_is_not_told_of_a_filter(bot, sim, department):
    """The staff of a department whose coops are not imported yet read « ne correspond à ce filtre » unfiltered."""
    gaston = sim.user(*PERSONAS["ad_autre_departement"])
    step = await gaston.send("/suivi")
    assert "Aucune coopérative dans le département pour l'instant" in step.text and "filtre" not in step.text
    await gaston.press("🔽 Par état")
    step = await gaston.press("✅ validée (0)")
    assert "Aucune coopérative ne correspond à ce filtre." in step.text


async def test_nudge_once_a_day_through_the_outbox(bot, sim, department):
    paul, mandataire = sim.user(*PERSONAS["ad"]), sim.user(3002, "Mandataire")
    year = department.run(lambda s: department_year(s, "974"))
    await paul.send("/suivi")
    await paul.press("🔽 Par état")
    step = await paul.press("⚠️ en retard (10)")
    assert "Filtre : ⚠️ en retard — 10 coopératives" in step.text
    await paul.press("▶️")
    await paul.press("◀️")
    step = await paul.press("🔍 974-302 École Mahatma Gandhi")
    step = await paul.press("🔔 Relancer le mandataire", message=step.last)
    assert step.text == "Relance envoyée à Mandataire 974-302."
    assert mandataire.last.content == (
        f"🔔 Rappel de l'OCCE 974 — coopérative 974-302\n\n⚠️ Adhésion {year}-{year + 1} : en retard, la date limite "
        f"était le 01/09/{year}. Complétez-la et validez-la : /adhesion\n"
        f"Compte rendu financier {year - 1}-{year} : pas commencé.")
    step = await paul.press("🔔 Relancer le mandataire", message=paul.history[-2])
    assert step.answer == "Déjà relancée aujourd'hui : une relance par jour au plus."
    assert len([m for m in mandataire.history if m.from_bot]) == 1
    assert department.run(lambda s: len(s.exec(select(OutboxMessage)).all())) == 1


async def test_a_button_showing_what_is_already_shown_changes_nothing(bot, sim, department):
    """A page turn or a filter that gives the very list on screen (pressed twice, or a page gone since while
    on the first): Telegram refuses an edit that changes nothing; the person sees the list, no apology."""
    paul = sim.user(*PERSONAS["ad"])
    first = await paul.send("/suivi")
    step = await paul.press_data("sui:p:0", paul.last)  # the first page, already shown
    assert "Désolé" not in (step.answer or "") and step.messages == []
    assert paul.last.content == first.last.content and paul.last.buttons == first.last.buttons
    step = await paul.press_data("sui:p:7", paul.last)  # a page the list no longer has: the first, already shown
    assert step.answer == "La liste a changé : voici la première page." and step.messages == []
    step = await paul.press("▶️")  # and the list still turns
    assert "Page 2/2" in step.text
