"""Every command as every role: allowed or refused, from one table."""

from __future__ import annotations

import pytest

from store import access
from store.models import Coop
from tests.world import PERSONAS, seed_world

ALL = set(PERSONAS)
WITH_ROLE = ALL - {"stranger"}
ADS = {"ad", "ad_autre_departement"}
MANAGERS = {"mandataire", "signataire", "mandataire_autre_coop"}
TEACHERS = {"enseignant", "enseignant_autre_classe"}

# The one table: command → personas allowed. A command missing here fails the first test.
EXPECTED = {
    "start": ALL,
    "aide": ALL,
    "moi": ALL,
    "depense": MANAGERS | TEACHERS,
    "recette": MANAGERS | TEACHERS,
    "solde": MANAGERS | TEACHERS | {"verificateur"},
    "report": MANAGERS | TEACHERS,
    "adhesion": MANAGERS,
    "cahiers": MANAGERS,
    "mouvement": MANAGERS | {"enseignant", "enseignant_autre_classe"},
    "pointage": MANAGERS,
    "remise": MANAGERS | TEACHERS,
    "caisse": MANAGERS | {"enseignant", "enseignant_autre_classe"},
    "cloture": MANAGERS | TEACHERS,
    "journal": MANAGERS | {"enseignant", "enseignant_autre_classe", "verificateur"},
    "historique": MANAGERS,
    "export": MANAGERS | TEACHERS | {"verificateur"} | ADS,
    "valider": ADS,
    "suivi": ADS,
    "annonce": ADS,
    "inviter": MANAGERS | ADS,
    "mandataire": {"mandataire", "mandataire_autre_coop"} | ADS,
    "projets": MANAGERS | {"enseignant", "enseignant_autre_classe", "verificateur"},
    "inventaire": MANAGERS | {"verificateur"},
    "compterendu": MANAGERS | {"verificateur"},
    "contact": WITH_ROLE - ADS,
    "rappels": WITH_ROLE,
    "annuler": ALL,
    "coop": WITH_ROLE,
}

REFUSALS = ("n'est pas ouverte à votre rôle", "Vous n'avez pas encore accès")


def test_every_command_has_a_row():
    assert set(EXPECTED) == set(access.COMMANDS)


@pytest.fixture
def world(demo):
    demo.run(seed_world)
    return demo


@pytest.mark.parametrize("persona", sorted(PERSONAS))
async def test_every_command_as_every_role(bot, sim, world, persona):
    telegram_id, name = PERSONAS[persona]
    user = sim.user(telegram_id, name)
    for command, allowed in EXPECTED.items():
        step = await user.send(f"/{command}")
        refused = any(refusal in step.text for refusal in REFUSALS)
        assert refused == (persona not in allowed), (command, persona, step.text)
        assert step.messages, (command, persona)
        await user.send("/annuler")


async def test_stranger_is_told_how_to_be_invited_for_any_command(bot, sim, world):
    stranger = sim.user(*PERSONAS["stranger"])
    step = await stranger.send("/inviter")
    assert "Ouvrez le lien d'invitation reçu de votre mandataire" in step.text


async def test_group_chat_reveals_nothing(bot, sim, world):
    group = sim.group(-100123, "Salle des maîtres")
    marie = sim.user(*PERSONAS["mandataire"]).in_chat(group)
    step = await marie.send("/moi")
    assert step.text == "Je ne tiens les comptes qu'en conversation privée : écrivez-moi directement, @coopbot_sandbox_bot."
    step = await marie.send("bonjour tout le monde")
    assert step.messages == []


async def test_mandataire_of_another_coop_cannot_invite_into_ours(bot, sim, world):
    from store.models import Coop
    from sqlmodel import select

    ours = world.run(lambda s: s.exec(select(Coop).where(Coop.affiliation == "974-111")).one().id)
    odile = sim.user(*PERSONAS["mandataire_autre_coop"])
    step = await odile.send("/inviter")
    assert "974-111" not in step.text + str(step.last.buttons)
    step = await odile.press_data(f"inv:sig:{ours}", step.last)
    assert "Vous n'avez pas accès à cette coopérative ou à ce cahier." in step.text
    step = await odile.press_data(f"inv:ens:{ours}", odile.last)
    assert "Vous n'avez pas accès à cette coopérative ou à ce cahier." in step.text


async def test_ad_of_another_department_cannot_reach_our_coops(bot, sim, world):
    gaston = sim.user(*PERSONAS["ad_autre_departement"])
    world.run(lambda s: s.add(Coop(affiliation="971-300", school_name="École Les Filaos", department_code="971")))
    await gaston.send("/inviter")
    step = await gaston.press("Mandataire d'une coopérative (971)")
    assert step.text == "Tapez le numéro d'affiliation de la coopérative (par exemple 971-300)."
    step = await gaston.send("974-111")
    assert step.text == ("Je ne trouve pas la coopérative « 974-111 » dans votre département. Tapez un numéro "
                         "comme 971-300, ou /annuler.")  # fmt: skip
    step = await gaston.press_data("inv:mand:974", gaston.last)  # stale: the state moved on
    assert step.answer == "Ce bouton n'est plus valable. Tapez /aide pour recommencer."
    await gaston.send("/inviter")
    step = await gaston.press_data("inv:mand:974", gaston.last)  # forged department
    assert step.text == "Vous n'avez pas accès à cette coopérative ou à ce cahier."


async def test_ad_of_a_department_without_coops_is_told_so(bot, sim, world):
    """Department 971 has no coop yet: its AD was asked to type a number « par exemple 971-111 », a coop
    that does not exist, and then told it was not found."""
    gaston = sim.user(*PERSONAS["ad_autre_departement"])
    none_yet = ("Vous ne suivez encore aucune coopérative : aucune coopérative de l'OCCE 971 n'est enregistrée "
                "dans CoopBot pour l'instant.")
    step = await gaston.send("/coop")
    assert step.text == none_yet
    await gaston.send("/inviter")
    step = await gaston.press("Mandataire d'une coopérative (971)")
    assert step.text == none_yet
    step = await gaston.send("/mandataire")
    assert step.text == none_yet
    step = await gaston.send("/export")
    assert step.text == none_yet
    step = await gaston.send("971-111")  # nothing waits for a number
    assert step.text == "Je n'ai pas compris. Tapez /aide pour voir ce que je sais faire."
    # once it has a coop, that one is the example
    world.run(lambda s: s.add(Coop(affiliation="971-300", school_name="École Les Filaos", department_code="971")))
    step = await gaston.send("/coop")
    assert step.text == "La fiche de quelle coopérative ? Tapez son affiliation (par exemple 971-300) :"
    step = await gaston.send("971-111")
    assert "971-300" in step.text and "971-111 »" in step.text
    step = await gaston.send("971-300")
    assert "École Les Filaos" in step.text
    await gaston.send("/mandataire")
    step = await gaston.send("971-1")
    assert "comme 971-300" in step.text


async def test_menus_follow_roles(bot, sim, world):
    for persona, shown, hidden in (("enseignant", {"contact", "depense"}, {"adhesion", "inviter", "valider"}),
                                   ("ad", {"valider", "inviter", "mandataire"}, {"adhesion", "depense"})):  # fmt: skip
        user = sim.user(*PERSONAS[persona])
        await user.send("/start")
        menu = [c["command"] for c in sim.commands[(f'{{"chat_id": {user.id}, "type": "chat"}}', "")]]
        assert set(menu) == {c for c, allowed in EXPECTED.items() if persona in allowed}
        assert shown <= set(menu) and not hidden & set(menu)
