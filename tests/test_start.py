"""/start, /aide, /annuler and what the bot says to anything else, as users see it."""

from __future__ import annotations


async def test_stranger_is_told_how_to_be_invited(bot, stranger):
    step = await stranger.send("/start")
    assert "Bonjour Inconnu" in step.text
    assert "invitation" in step.text


async def test_mandataire_is_greeted_with_roles(bot, cast):
    step = await cast["mandataire"].send("/start")
    assert "Bonjour Marie" in step.text
    assert "mandataire de la coopérative 974-111 (École Les Tamarins)" in step.text


async def test_teacher_sees_class_ledger(bot, cast):
    step = await cast["enseignant"].send("/start")
    assert "enseignant·e, cahier CE1A de la coopérative 974-111" in step.text


async def test_help_lists_commands_with_one_line_each(bot, cast, stranger):
    step = await cast["mandataire"].send("/aide")
    lines = step.text.splitlines()
    assert lines[0] == "Voici ce que vous pouvez faire :"
    assert "/start — Accueil, et ouverture d'une invitation" in lines
    assert "/annuler — Abandonner l'opération en cours" in lines
    assert "invitation reçu" not in step.text
    step = await stranger.send("/aide")
    assert "Vous n'avez pas encore de rôle" in step.text


async def test_english_telegram_gets_english(bot, sim):
    anna = sim.user(5550002, "Anna", language_code="en")
    step = await anna.send("/aide")
    assert step.text.startswith("Here is what you can do:")


async def test_cancel_with_nothing_in_progress(bot, stranger):
    step = await stranger.send("/annuler")
    assert step.text == "Il n'y a rien en cours : rien à annuler."


async def test_unknown_command_and_stray_text_point_to_help(bot, stranger):
    step = await stranger.send("/nimportequoi")
    assert step.text == "Je ne connais pas la commande /nimportequoi. Tapez /aide pour voir les commandes disponibles."
    step = await stranger.send("bonjour, ça marche ?")
    assert "/aide" in step.text
    step = await stranger.send_photo(b"\xff\xd8not really a jpeg")
    assert "/aide" in step.text


async def test_html_in_names_is_escaped(bot, sim):
    mallory = sim.user(5550003, "<b>Mal & lory</b>")
    step = await mallory.send("/start")
    assert "Bonjour <b>Mal & lory</b> !" in step.text


async def test_stale_button_is_answered(bot, cast):
    await cast["mandataire"].send("/start")
    step = await cast["mandataire"].press_data("gone:42", cast["mandataire"].last)
    assert step.answer == "Ce bouton n'est plus valable. Tapez /aide pour recommencer."


async def test_command_menus_in_french_and_english(bot, sim):
    default = sim.commands[('{"type": "default"}', "")]
    english = sim.commands[('{"type": "default"}', "en")]
    assert [c["command"] for c in default] == ["start", "aide", "moi", "annuler"]
    assert default[1]["description"] == "Les commandes que vous pouvez utiliser"
    assert english[1]["description"] == "The commands you can use"


async def test_failed_send_gets_an_apology_and_a_log_line_without_token(bot, sim, stranger, caplog):
    sim.fail("sendMessage", 400)
    step = await stranger.send("/start")
    assert step.text.startswith("Désolé, un problème est survenu")
    assert "Traceback" not in step.text
    failure = [r for r in caplog.records if r.getMessage().startswith("update ")]
    assert failure and "failed" in failure[0].getMessage()
    assert "SANDBOX-not-a-real-token" not in caplog.text
