"""How many store calls one action of /suivi, /annonce, /export, /cloture, /mandataire and /contact makes.

Measured as tests/test_transactions.py measures them: the bot's Database counts the transactions it runs
while one message or button press is handled.
"""

from __future__ import annotations

import pytest
from sqlmodel import select

from store.models import OutboxMessage, OutboxState
from tests.test_closing import person
from tests.test_exports import YEARS
from tests.test_followup import seed_department
from tests.test_invitations import code_in
from tests.test_transactions import Meter, meter, one_gate_at_most_one_write  # noqa: F401 (meter: a fixture)
from tests.world import PERSONAS
from tests.yearend import record_year

DELIVERY = {"claim", "finish", "retry_later"}  # the outbox's sending path: a claim, then one call per Telegram answer


@pytest.fixture
def department_meter(demo, monkeypatch):
    """The meter over a department of coops in every state (tests/test_followup.py's)."""
    demo.run(seed_department)
    counting = Meter(demo, monkeypatch)
    yield counting
    counting.forget()


@pytest.fixture
def year_meter(database, monkeypatch):
    """The meter over the coop of tests/yearend.py, its year recorded."""
    record_year(database)
    counting = Meter(database, monkeypatch)
    yield counting
    counting.forget()


async def test_the_suivi_list_and_a_message_to_mandataires_are_one_call_each(bot, sim, department_meter):
    paul = sim.user(*PERSONAS["ad"])
    aside, handler, who = await department_meter.around(paul.send("/suivi"))
    assert "OCCE 974" in paul.last.text
    # Was: who_is (for the department), overview; a page the list no longer had: who_is, overview twice.
    assert handler == ["overview_page"]
    assert one_gate_at_most_one_write(aside)
    assert who == 2
    for pressed in ("▶️", "🏘 Par commune", "Saint-Pierre", "🔽 Par état", "Tous les états", "📋 Par CRF"):
        aside, handler, _ = await department_meter.around(paul.press(pressed))
        assert handler == ["overview_page"], pressed  # was who_is, overview
        assert aside["gate"] == 1
    await paul.press("Tous les états")
    await paul.press("🔍 974-302 École Mahatma Gandhi")
    await paul.press("✉️ Écrire au mandataire")
    mandataire = sim.user(3002, "Mandataire")
    aside, handler, _ = await department_meter.around(paul.send("Votre adhésion ?"))
    assert mandataire.last.content.startswith("✉️ Message de l'OCCE 974 (Paul Técher)")
    assert handler == ["letter"]  # was who_is (the sender's name and department), coop_mandataires
    assert one_gate_at_most_one_write(aside)


async def test_a_stale_suivi_page_is_one_call(bot, sim, department_meter):
    paul = sim.user(*PERSONAS["ad"])
    await paul.send("/suivi")
    await paul.press("▶️")
    aside, handler, _ = await department_meter.around(paul.press_data("sui:p:7", paul.last))  # no such page
    assert "Page 1/2" in paul.last.text
    assert handler == ["overview_page"]  # was who_is, overview refused, overview of the first page
    assert aside["gate"] == 1


async def test_an_announcement_opens_and_is_sent_in_one_call_each(bot, sim, department_meter, demo):
    paul, odile = sim.user(*PERSONAS["ad"]), sim.user(*PERSONAS["mandataire_autre_coop"])
    sim.user(*PERSONAS["mandataire"])  # the other four on Telegram: their copies are delivered
    for telegram_id in (3001, 3002, 3003):
        sim.user(telegram_id, "Mandataire")
    sim.block(odile.id)
    # The first time Telegram says she blocked the bot; the second time the outbox knows it, and sends her nothing.
    for text, answers in (("Réunion mercredi", 5), ("Réunion jeudi", 4)):
        aside, handler, who = await department_meter.around(paul.send("/annonce"))
        assert paul.last.buttons[0] == ["Tous les mandataires (5)"]
        assert handler == ["announcement_start"]  # was who_is (for the department), audiences
        assert one_gate_at_most_one_write(aside)
        assert who == 2
        await paul.press("Tous les mandataires (5)")
        await paul.send(text)
        aside, handler, _ = await department_meter.around(paul.press("📤 Envoyer à 5 mandataires"))
        assert paul.last.content == "Annonce envoyée : 4 remis, 1 bloqué, 0 en échec."
        # Was: announce, the outbox's delivery of every message due, then announcement_report to count what
        # became of the copies; now the counts are the delivery's own outcomes, of this announcement's copies.
        assert [c for c in handler if c not in DELIVERY] == ["announce"]
        assert handler[1] == "claim" and handler.count("finish") == answers  # one per copy Telegram answered
        assert one_gate_at_most_one_write(aside)
    states = demo.run(lambda s: s.exec(select(OutboxMessage.state)).all())
    assert states.count(OutboxState.BLOCKED) == 2 and states.count(OutboxState.SENT) == 8


async def test_a_coop_typed_for_export_is_one_call_found_or_not(bot, sim, cast, meter):
    paul = sim.user(*PERSONAS["ad"])
    await paul.send("/export")
    await paul.press("📊 Journal (Excel)")
    aside, handler, _ = await meter.around(paul.send("971-999"))
    assert paul.last.text.startswith("« 971-999 » n'est pas une coopérative de votre département")
    assert "par exemple 974-111" in paul.last.text
    assert handler == ["typed_coop"]  # was typed_coop, then export_choices when the example was not kept
    assert aside["gate"] == 1
    aside, handler, _ = await meter.around(paul.send("974-111"))
    assert paul.last.text == "Quelle période (974-111) ?"
    assert handler == ["typed_coop"]
    aside, handler, _ = await meter.around(paul.press(f"Exercice {YEARS}"))
    assert paul.last.file_name == f"journal-974-111-{YEARS}.xlsx"
    assert handler == ["export_file"]  # was gather, year_report (the CRF sheet of a whole coop's exercice)
    assert one_gate_at_most_one_write(aside)


@pytest.mark.parametrize(("kind", "scope", "file"), [
    ("📄 Compte rendu (PDF)", None, f"compte-rendu-974-111-{YEARS}.pdf"),  # was gather, year_view
    ("📄 Journal (CSV)", "📒 CE1A (974-111)", f"journal-CE1A-{YEARS}.csv")])  # fmt: skip
async def test_an_exported_file_is_one_call(bot, sim, cast, meter, kind, scope, file):
    marie = cast["mandataire"]
    await marie.send("/export")
    await marie.press(kind)
    if scope:
        await marie.press(scope)
    aside, handler, _ = await meter.around(marie.press(f"Exercice {YEARS}"))
    assert marie.last.file_name == file
    assert handler == ["export_file"]
    assert one_gate_at_most_one_write(aside)


async def test_closing_a_class_ledger_is_one_call(bot, sim, year_meter):
    helene = person(sim, "mandataire")
    await helene.send("/cloture")
    await helene.press("🔒 Clore CE2B")
    aside, handler, _ = await year_meter.around(helene.press("🔒 Clore le cahier"))
    assert "🔒 Cahier CE2B clos" in helene.last.text
    assert handler == ["close_class_ledger"]  # was closing_preview (for the ledger's name), close_class_ledger
    assert one_gate_at_most_one_write(aside)


async def test_the_ads_confirmation_of_a_new_mandataire_is_one_call(bot, sim, cast, meter):
    marie, paul = cast["mandataire"], cast["ad"]
    await paul.send("/start")
    await marie.send("/mandataire")
    code = code_in((await marie.press("Créer le lien")).text)
    nina = sim.user(3006, "Nina", "Boyer")
    await nina.send(f"/start {code}")
    request = paul.last
    aside, handler, _ = await meter.around(paul.press("Confirmer", message=request))
    assert paul.last.text == "Changement confirmé : Nina Boyer est mandataire de la coopérative 974-111."
    assert nina.last.file_name == "changement-mandataire-974-111.pdf"
    assert marie.last.content.startswith("Votre mandat pour la coopérative 974-111 a pris fin")
    # Was: confirm_mandate_change, mandate_form, then who_is for each person told (their new menu).
    assert handler == ["confirm_mandate_change"]
    assert one_gate_at_most_one_write(aside)


async def test_a_contact_message_is_kept_then_its_copies(bot, sim, cast, meter):
    julien, paul = cast["enseignant"], cast["ad"]
    await julien.send("/contact")
    aside, handler, _ = await meter.around(julien.send("Bonjour"))
    assert julien.last.text == "Votre message a été transmis à l'OCCE 974. La réponse arrivera ici."
    # Was: write_to_ad, then record_copy for each copy sent. The copies are kept by the ids Telegram gave the
    # messages sent to the AD staff (a reply to one finds its author): a second call, once they are all sent.
    assert handler == ["write_to_ad", "record_copies"]
    assert one_gate_at_most_one_write(aside)
    step = await paul.send("Bonjour Julien", reply_to=paul.last)
    assert step.text == "Réponse envoyée."
