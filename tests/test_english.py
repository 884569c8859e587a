"""An English-speaking Telegram, the slow way: the bot's sentences, amounts and punctuation in English."""

from __future__ import annotations

from tests.world import PERSONAS


def english(sim, persona: str):
    user_id, name = PERSONAS[persona]
    return sim.user(user_id, name, language_code="en")


async def test_an_english_expense_card_has_no_french_space_before_its_colons(bot, sim, demo_books):
    julien = english(sim, "enseignant")
    await julien.send("/depense")
    await julien.send("7.50")
    await julien.send("Paper")
    await julien.press("Fournitures éducatives et administratives")  # the chart of accounts is the OCCE's, in French
    await julien.press("💶 Cash (cash box)")
    step = await julien.press("Today")
    assert "• Fournitures éducatives et administratives: €7.50" in step.text


async def test_the_ad_reads_memberships_and_reports_grouped_in_english(bot, sim, demo):
    from store.demo import seed_sandbox

    demo.run(seed_sandbox)
    paul = english(sim, "ad")
    step = await paul.send("/valider")
    assert "⏳ To validate (1): 974-145 École Bois-de-Nèfles" in step.text
    assert " : " not in step.text
    step = await paul.press("📋 Yearly reports")
    assert "🔍 To check (1): 974-160 École Les Badamiers" in step.text
    assert " : " not in step.text


async def test_an_amount_refused_in_english_gives_an_english_example(bot, sim, demo_books):
    marie = english(sim, "mandataire")
    await marie.send("/depense")
    step = await marie.send("0")
    assert step.text == "The amount must be more than zero, for example 12.50:"
    step = await marie.send("12.505 Glue")
    assert step.text == "Two decimals at most, for example 12.50:"


async def test_an_amount_typed_as_the_bot_writes_it_in_english_is_read(bot, sim, demo_books):
    """The opening balance's question says « for example 1,520.00 »: typed so, it was refused."""
    marie = english(sim, "mandataire")
    await marie.send("/depense")
    step = await marie.send("1,234.56 Projector")
    assert step.text == "In which ledger?"
    for button in ("École (school)", "Achats de biens durables (inventaire)", "🏦 Transfer"):
        await marie.press(button)
    step = await marie.press("Today")
    assert "€1,234.56 · transfer" in step.text


async def test_a_cheque_is_numbered_in_english_on_the_card_the_receipt_and_the_remise(bot, sim, demo_books):
    julien = english(sim, "enseignant")
    await julien.send("/recette")
    await julien.send("15 Photos")
    for button in ("Ventes de produits pour cession (photos…)", "🧾 Cheque"):
        await julien.press(button)
    await julien.send("4400121")
    step = await julien.press("Today")
    assert "€15.00 · cheque no. 4400121" in step.text
    step = await julien.press("✅ Record")
    assert "cheque no. 4400121" in step.text and "n°" not in step.text
    step = await julien.send("/remise")
    assert "Photos · no. 4400121" in step.text and "n°" not in step.text


async def test_an_english_cash_count_is_asked_and_read_with_decimal_points(bot, sim, demo_books):
    marie = english(sim, "mandataire")
    await marie.send("/caisse")
    await marie.press("École (school)")
    example = "2 x 20 €, 3 x 2 €, 5 x 0.50 €"
    assert f"{example}\n(cents: 0.50 or 50c; or /annuler)" in (await marie.press("🪙 Count notes and coins")).text
    assert (await marie.send(example)).text.startswith("2 × €20 + 3 × €2 + 5 × €0.50 = €48.50")


async def test_a_one_line_entry_not_understood_names_the_english_words_it_reads(bot, sim, demo_books):
    marie = english(sim, "mandataire")
    step = await marie.send("/depense 5 Glue; xyz")
    assert "a means (cash, cheque 1234, card, transfer, prélèvement for a direct debit), " in step.text
    assert "a date (yesterday, 03/11)" in step.text
    step = await marie.send("/depense 5 Glue; CE1A; fournitures; cash; yesterday")  # the words it names, read
    assert "Expense of €5.00 on " in step.text and "· cash" in step.text
