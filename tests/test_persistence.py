"""The chat's state is written when it changes, and only then; a restart finds what the last change wrote."""

from __future__ import annotations

from bot.sandbox.harness import running_bot
from store import chatstate


def count_saves(monkeypatch) -> list[list[tuple]]:
    """The batches the bot writes (chatstate.save_all's items), as they are written."""
    batches: list[list[tuple]] = []
    save_all = chatstate.save_all

    def counted(session, items):
        batches.append(list(items))
        return save_all(session, items)

    monkeypatch.setattr(chatstate, "save_all", counted)
    return batches


async def test_only_what_changed_is_written_and_a_restart_finds_it(sim, demo_books, cast, monkeypatch):
    julien = cast["enseignant"]
    saved = count_saves(monkeypatch)
    async with running_bot(sim, demo_books):
        await julien.send("/solde")
        saved.clear()
        await julien.send("/solde")  # a view again: nothing of the chat changes
        assert saved == []
        await julien.send("/depense")  # a conversation begins: its state is written, in one batch
        assert len(saved) == 1 and any(kind == "conversation" for kind, *_ in saved[0])
        await julien.send("3,20")
    async with running_bot(sim, demo_books):  # a new process would read the same database
        assert "320" in str(demo_books.run(chatstate.load_all, "user")[str(julien.id)])  # the draft's amount
        step = await julien.send("Colle")
        assert step.text == "Sur quel compte ?"  # the label step, where the conversation was
        saved.clear()
        await julien.send("/annuler")  # the conversation ends: its state is deleted
        assert len(saved) == 1
        assert demo_books.run(chatstate.load_all, "conversation", "entries") == {}


async def test_after_a_restart_the_conversation_that_answers_again_takes_the_lines(sim, demo_books, cast):
    """Which conversation asked last is not kept: those open from before a restart are tried in the order of
    bot/app.py until one of them answers again, and then that one is the latest."""
    julien = cast["enseignant"]
    async with running_bot(sim, demo_books):
        await julien.send("/caisse")
        await julien.press("🔢 Saisir le total")
        await julien.send("/depense")
        step = await julien.send("4,20")
        assert step.text.startswith("Et son libellé ?")
    async with running_bot(sim, demo_books):
        step = await julien.send("/caisse")  # begun again: the latest, over the expense from before
        step = await julien.press("🔢 Saisir le total")
        step = await julien.send("30")
        assert "Arrêté de caisse du " in step.text and "compté 30,00\xa0€" in step.text
        step = await julien.send("Colle")  # the expense, from before, takes lines again
        assert step.text == "Sur quel compte ?"


async def test_after_a_restart_annuler_names_the_conversation_it_reaches_next(sim, demo_books, cast):
    """Conversations open from before a restart: /annuler closes the first in the order of bot/app.py and names
    the one the next /annuler reaches, which the next line goes to as well."""
    julien = cast["enseignant"]
    async with running_bot(sim, demo_books):
        await julien.send("/caisse")
        await julien.press("🔢 Saisir le total")
        await julien.send("/depense")
        await julien.send("4,20")
    async with running_bot(sim, demo_books):
        step = await julien.send("/annuler")
        assert step.last.content == ("Fermé : la dépense ou recette. Toujours en cours : l'arrêté de caisse ; "
                                     "/annuler de nouveau pour l'abandonner.")  # fmt: skip
        step = await julien.send("30")
        assert "Arrêté de caisse du " in step.text and "compté 30,00\xa0€" in step.text
