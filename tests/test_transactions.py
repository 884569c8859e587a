"""How many transactions one user action opens: the handler makes one store call per action.

Measured, not mocked: the bot's own Database counts the transactions it runs while one
message is handled, its engine the SQL statements each of them sends, and store.people.who_is
how often a person is resolved.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections import Counter

import pytest
from sqlalchemy import event

from store import people
from tests.test_report_warnings import sent, to_send  # noqa: F401 (fixtures)

GATE = {"admit": "gate"}  # before any handler: the update once, and the access table for a command
PERSISTENCE = {"save_all", "load_all"}  # the chat's state, written once the update is handled
BACKGROUND = {"forgotten_after", "changes_to_tell"}  # repeating jobs, whatever anyone does
QUIET = 0.3  # seconds without a transaction: the update, its persistence included, is done


class Meter:
    """Counts the transactions of the bot's Database, by the store function each one runs."""

    def __init__(self, database, monkeypatch):
        self.calls: list[str] = []
        self.statements: Counter = Counter()  # SQL statements sent, by the store function of their transaction
        self.who_is = 0
        self.last = time.monotonic()
        self.running = threading.local()  # the store function this thread's transaction runs
        run, resolve = database.run, people.who_is

        def counted_run(fn, /, *args, **kwargs):
            name = fn.__name__
            if name == "_as_person":  # as_user: the store function comes after the Telegram id
                name = args[1].__name__
            if name not in BACKGROUND:
                self.calls.append(name)
            self.last = time.monotonic()
            self.running.name = name
            try:
                return run(fn, *args, **kwargs)
            finally:
                self.running.name = None
                self.last = time.monotonic()

        def counted_statement(*_):
            name = getattr(self.running, "name", None)
            if name is not None and name not in BACKGROUND:
                self.statements[name] += 1

        event.listen(database.engine, "before_cursor_execute", counted_statement)
        self.forget = lambda: event.remove(database.engine, "before_cursor_execute", counted_statement)

        def counted_who_is(session, telegram_id):
            self.who_is += 1
            return resolve(session, telegram_id)

        counted_who_is.__name__ = "who_is"  # the gate's call reads as the gate's
        monkeypatch.setattr(database, "run", counted_run)
        monkeypatch.setattr(people, "who_is", counted_who_is)

    async def around(self, action) -> tuple[Counter, list[str], int]:
        """(gate and persistence counts, the handler's store calls, who_is resolutions) of one action."""
        await asyncio.sleep(QUIET)
        self.calls.clear()
        self.statements.clear()
        self.who_is = 0
        await action
        while time.monotonic() - self.last < QUIET:
            await asyncio.sleep(0.05)
        aside = Counter(GATE.get(c) or ("persistence" if c in PERSISTENCE else None) for c in self.calls)
        del aside[None]
        handler = [c for c in self.calls if c not in GATE and c not in PERSISTENCE]
        return aside, handler, self.who_is


    def sql(self, *names: str) -> int:
        """The SQL statements of the last action's transactions running these store functions."""
        return sum(self.statements[name] for name in names)


def one_gate_at_most_one_write(aside: Counter) -> bool:
    """The gate once; the chat's state written in one transaction, or not at all when nothing of it changed."""
    return aside["gate"] == 1 and aside["persistence"] <= 1 and set(aside) <= {"gate", "persistence"}


@pytest.fixture
def meter(demo_books, monkeypatch):
    meter = Meter(demo_books, monkeypatch)
    yield meter
    meter.forget()


@pytest.mark.parametrize(("line", "statements"), [("/depense 2,50 Craies; CE1A; fournitures; espèces; hier", 36),
                                                   ("/recette 5 Don; École; dons; virement; aujourd'hui", 33)])
async def test_full_line_entry_is_one_call(bot, cast, meter, line, statements):
    marie = cast["mandataire"]
    aside, handler, who = await meter.around(marie.send(line))
    assert "enregistrée" in marie.last.text
    # Was: ledgers_for, accounts_by_use, ledgers_for, record_entry, balances (5 calls, 6 who_is),
    # then entry_context to read the line and record_entry_with_balances to record it (2 calls, 3 who_is).
    assert handler == ["record_or_draft"]
    assert one_gate_at_most_one_write(aside)
    assert who == 2  # the access gate's, and the handler's call
    # SQL statements (SQLite's BEGIN IMMEDIATE counted; one fewer on PostgreSQL): 36 for the dépense (its
    # caisse checked), 33 for the recette, were 10 + 29 and 10 + 26 in two transactions; one of them asks
    # whether the year's report is with the AD (then the card comes first).
    assert meter.sql("record_or_draft") <= statements


async def test_a_full_line_expense_by_bank_of_a_class_is_one_call_with_its_warning(bot, cast, meter):
    julien = cast["enseignant"]  # CE1A's bank goes below zero: the warning comes with the recording
    aside, handler, who = await meter.around(julien.send("/depense 9 000 Car; sorties; virement; aujourd'hui"))
    assert "enregistrée" in julien.last.text and "maintenant à −" in julien.last.text
    # Was: entry_context, bank_after_expense, record_entry_with_balances (3 calls, 4 who_is), then 2 calls.
    assert handler == ["record_or_draft"]
    assert one_gate_at_most_one_write(aside)
    assert who == 2
    assert meter.sql("record_or_draft") <= 33  # was 10 + 9 (bank_after_expense) + 28, then 10 + 26


async def test_a_full_line_to_confirm_or_refused_is_one_call(bot, cast, meter):
    julien = cast["enseignant"]  # the coop's cheque 0001235 is CE2B's: named, to confirm
    aside, handler, _ = await meter.around(julien.send("/depense 3 Colle; fournitures; chèque 1235; aujourd'hui"))
    assert julien.last.content.startswith("⚠️ Le chèque n° 1235 a déjà servi")
    assert handler == ["record_or_draft"]  # was entry_context, cheque_used
    await julien.send("/annuler")
    aside, handler, _ = await meter.around(julien.send("/depense 9 000 Car; sorties; espèces; aujourd'hui"))
    refusal, question = [m.content for m in julien.history if m.from_bot][-2:]  # the means, asked again
    assert refusal.startswith("La caisse ne peut pas passer sous zéro") and question == "Payé comment ?"
    assert handler == ["record_or_draft"]  # was entry_context, record_entry_with_balances, entry_context


async def test_balances_are_one_call_for_every_ledger(bot, cast, meter):
    marie = cast["mandataire"]  # each ledger of her coop, and the coop's total
    aside, handler, who = await meter.around(marie.send("/solde"))
    assert "Soldes au" in marie.last.text
    # Was: ledgers_for, balances once per ledger, who_is, coop_balances, open_years (7 calls, 8 who_is).
    assert handler == ["balances_overview"]
    assert one_gate_at_most_one_write(aside)
    assert who == 2
    assert meter.sql("balances_overview") <= 16


async def test_journal_first_page_is_one_call(bot, cast, meter):
    julien = cast["enseignant"]  # one ledger: the journal opens on its first page
    aside, handler, who = await meter.around(julien.send("/journal"))
    assert "CE1A" in julien.last.text
    # Was: ledgers_for twice, who_is, journal, open_years (5 calls, 6 who_is).
    assert handler == ["journal_start"]
    assert one_gate_at_most_one_write(aside)
    assert who == 2
    assert meter.sql("journal_start") <= 23


async def test_each_step_of_an_expense_the_slow_way_is_one_call(bot, cast, meter):
    marie = cast["mandataire"]
    steps = [(marie.send("/depense"), ["entry_context"]),
             (marie.send("2,50 Craies"), ["record_or_draft"]),
             (marie.press("CE1A"), ["entry_context"]),
             (marie.press("Fournitures éducatives et administratives"), ["entry_context"]),
             (marie.press("💳 Carte"), ["entry_context"]),
             (marie.press("Hier"), ["entry_context"]),
             (marie.press("✅ Enregistrer"), ["record_draft"])]  # fmt: skip
    for action, expected in steps:
        aside, handler, _ = await meter.around(action)
        assert handler == expected, marie.last.text
        assert aside["gate"] == 1
    assert "enregistrée" in marie.last.text


async def test_a_journal_search_is_one_call(bot, cast, meter):
    julien = cast["enseignant"]
    await julien.send("/journal")
    await julien.press("🔎 Chercher")
    aside, handler, _ = await meter.around(julien.send("piles"))
    # Was: journal, open_years.
    assert handler == ["journal_page"]
    assert aside["gate"] == 1


async def test_validating_and_paying_a_membership_are_one_call_each(bot, cast, meter):
    from tests.test_adhesion import eur
    from tests.test_membership import reprise

    marie, paul = cast["mandataire"], cast["ad"]
    await paul.send("/start")
    await reprise(marie)
    await marie.press("✅ Valider l'adhésion")
    await marie.press("✅ Je m'engage et je valide")
    await paul.press("🔍 Voir et valider 974-111")
    aside, handler, _ = await meter.around(paul.press("✅ Valider l'adhésion de 974-111"))
    assert marie.last.buttons == [[eur("💶 Enregistrer le paiement (188,60 €)")]]  # the fee came with it
    assert handler == ["validate"]  # was validate, view_of (for the fee)
    assert aside["gate"] == 1
    await marie.press(eur("💶 Enregistrer le paiement (188,60 €)"))
    aside, handler, _ = await meter.around(marie.send("1234567"))
    assert "Nouveau solde — cahier École" in marie.last.text
    assert handler == ["pay"]  # was pay, balances
    assert one_gate_at_most_one_write(aside)


@pytest.mark.parametrize(("command", "opening"), [("/inventaire", "inventory_start"), ("/projets", "projects_start")])
async def test_inventory_and_projects_open_in_one_call(bot, cast, meter, command, opening):
    marie = cast["mandataire"]
    aside, handler, who = await meter.around(marie.send(command))
    assert "974-111" in marie.last.text
    assert handler == [opening]  # was first_coop (first_scope), then inventory_view (projects_view)
    assert one_gate_at_most_one_write(aside)
    assert who == 2


async def test_finishing_a_pointage_is_one_call(bot, cast, meter):
    marie = cast["mandataire"]
    await marie.send("/pointage")
    await marie.press("Aujourd'hui")
    step = await marie.send("100")
    await marie.press(step.last.buttons[0][0])  # a box ticked
    aside, handler, _ = await meter.around(marie.press("✅ Terminer"))
    assert " ".join(marie.last.text.split()).startswith("Pointage enregistré : 1 opération pointée")
    assert handler == ["tick_boxes"]  # was reconciliation, tick
    assert aside["gate"] == 1


async def test_pointing_a_banks_file_is_one_call(bot, cast, meter, demo_books):
    from tests.bankfiles import ofx
    from tests.test_bank_import import TODAY, statement_of

    lines, closing = statement_of(demo_books)
    marie = cast["mandataire"]
    await marie.send("/pointage")
    step = await marie.send_document(ofx(TODAY, closing, lines), "releve.ofx")
    aside, handler, _ = await meter.around(marie.press(step.last.buttons[-2][0]))  # ✅ Pointer n opérations
    assert marie.last.text.startswith("Pointage enregistré")
    assert handler == ["point"]  # was propose, accept
    assert aside["gate"] == 1


async def deposit_card(person, amount: str) -> None:
    """/mouvement up to the card of a cash deposit of ``amount`` today, in the person's only ledger."""
    await person.send("/mouvement")
    await person.press("🏦 Dépôt d'espèces en banque")
    await person.send(amount)
    await person.press("Aujourd'hui")
    await person.press("✅ Garder ce libellé")


async def test_recording_a_movement_is_one_call_with_the_new_balances(bot, cast, meter):
    julien = cast["enseignant"]
    await deposit_card(julien, "10")
    aside, handler, _ = await meter.around(julien.press("✅ Enregistrer"))
    assert "Mouvement enregistré : dépôt de 10,00" in julien.last.text and "CE1A" in julien.last.text
    assert handler == ["record_movement_with_balances"]  # was record_movement, balances per ledger
    assert aside["gate"] == 1


async def test_cancelling_an_entry_is_one_call_with_the_new_balance(bot, cast, meter):
    from tests.test_adhesion import eur

    julien = cast["enseignant"]
    await julien.send("/depense 5 Erreur; fournitures; carte; aujourd'hui")
    aside, handler, _ = await meter.around(julien.press("↩️ Annuler l'écriture"))
    assert "annulée" in julien.last.text and "\ncahier CE1A : " in julien.last.text  # the new balance
    assert handler == ["cancel_entry_with_balances"]  # was get_entry, ledgers_for, cancel_entry, balances
    assert aside["gate"] == 1
    await julien.send("/journal")
    await julien.press(eur("1 · −23,80 €"))
    await julien.press("🗑 Annuler l'écriture")
    aside, handler, _ = await meter.around(julien.press("🗑 Oui, annuler l'écriture"))
    assert julien.last.text.startswith("Écriture 1 annulée") and "\ncahier CE1A : " in julien.last.text
    assert handler == ["cancel_entry_with_balances"]  # was cancel_entry, balances


@pytest.mark.parametrize(("who", "command", "shows", "opening"), [
    ("mandataire", "/historique", "Historique de la coopérative 974-111", "history_start"),
    ("ad", "/valider", "OCCE 974", "follow_ups")])  # fmt: skip
async def test_history_and_the_ads_follow_up_open_in_one_call(bot, cast, meter, who, command, shows, opening):
    person = cast[who]
    await person.send("/start")
    aside, handler, whom = await meter.around(person.send(command))
    assert shows in person.last.text
    assert handler == [opening]  # was who_is, then coop_history (department_year, department_follow_up)
    assert one_gate_at_most_one_write(aside)
    assert whom == 2
    if who == "ad":
        aside, handler, _ = await meter.around(person.press("📋 Comptes rendus"))
        assert "Comptes rendus" in person.last.text and "OCCE 974" in person.last.text
        assert handler == ["follow_ups"]  # the reports': was who_is, follow_up


async def test_the_ledgers_list_opens_in_one_call(bot, cast, meter):
    marie = cast["mandataire"]
    aside, handler, who = await meter.around(marie.send("/cahiers"))
    assert "974-111" in marie.last.text and "CE1A" in marie.last.text
    assert handler == ["cahiers_start"]  # was managed_coops, current_year, coop_ledgers, rows_without_ledger
    assert one_gate_at_most_one_write(aside)
    assert who == 2


async def one_call_each(meter: Meter, person, steps) -> None:
    """Each (action, the handler's store calls, how the person's last message starts) measured in turn."""
    for action, expected, shown in steps:
        aside, handler, _ = await meter.around(action)
        assert person.last.text.startswith(shown), person.last.text
        assert handler == expected
        assert aside["gate"] == 1


async def test_each_edit_of_an_entry_from_the_journal_is_one_call(bot, cast, meter):
    from tests.test_adhesion import eur

    julien = cast["enseignant"]
    await julien.send("/journal")
    await julien.press(eur("1 · −23,80 €"))
    steps = [(julien.press("✏️ Modifier"), ["get_entry"], "Que modifier"),  # was get_entry, pick_ledger
             (julien.press("Montant"), ["get_entry"], "Nouveau montant"),  # was get_entry, pick_ledger
             (julien.send("25"), ["change_entry"], "Écriture 1 modifiée."),  # was get_entry, pick_ledger, edit_entry, balances
             (julien.press("✏️ Modifier"), ["get_entry"], "Que modifier"),
             (julien.press("Moyen de paiement"), ["get_entry"], "Nouveau moyen"),
             (julien.press("chèque"), ["get_entry"], "Numéro du chèque"),  # was get_entry, pick_ledger
             # Was get_entry, pick_ledger, cheque_used, edit_entry, balances.
             (julien.send("7654321"), ["change_entry"], "Écriture 1 modifiée."),
             (julien.press("✏️ Modifier"), ["get_entry"], "Que modifier"),
             (julien.press("Moyen de paiement"), ["get_entry"], "Nouveau moyen"),
             (julien.press("espèces"), ["change_entry"], "Écriture 1 modifiée."),  # was edit_entry, balances
             (julien.press("✏️ Modifier"), ["get_entry"], "Que modifier"),
             (julien.press("Compte"), ["entry_accounts"], "Nouveau compte"),  # was get_entry, pick_ledger, accounts_by_use
             (julien.press("Autres comptes…"), ["entry_accounts"], "Nouveau compte"),  # was the same 3
             # Was get_entry, pick_ledger, edit_entry, balances.
             (julien.press("Charges des activités"), ["change_entry"], "Écriture 1 modifiée."),
             (julien.press("🕓 Historique"), ["entry_with_history"], "<b>Historique"),  # was get_entry, entry_history
             (julien.press("↩️ Retour"), ["get_entry"], "<b>Écriture 1</b>"),
             (julien.press("🗑 Annuler l'écriture"), ["get_entry"], "Annuler l'écriture 1")]  # was get_entry, pick_ledger
    await one_call_each(meter, julien, steps)


async def test_the_parts_of_a_split_amount_are_one_call_with_the_change(bot, cast, meter, demo_books):
    from tests.test_adhesion import eur
    from tests.test_journal import JULIEN, expense

    split = expense(demo_books, JULIEN, "CE1A", "Sortie", 1500,
                    splits=[("fournitures", 1000), ("sorties", 300), ("alimentation", 200)])  # fmt: skip
    julien = cast["enseignant"]
    await julien.send("/journal")
    await julien.press(eur(f"{split.piece} · −15,00 €"))
    await julien.press("✏️ Modifier")
    await julien.press("Montant")
    aside, handler, _ = await meter.around(julien.send("20"))
    assert "Combien sur « Fournitures" in julien.last.text
    assert handler == ["change_entry"]  # was get_entry, pick_ledger, then get_entry, pick_ledger for the question
    aside, handler, _ = await meter.around(julien.press(eur("Garder 10,00 €")))
    assert "Combien sur « Charges des activités" in julien.last.text
    assert handler == []  # the parts asked from the entry as it was: was get_entry, pick_ledger twice
    assert aside["gate"] == 1
    aside, handler, _ = await meter.around(julien.send("6"))  # the last account takes the rest
    assert julien.last.text.startswith(f"Écriture {split.piece} modifiée.")
    assert handler == ["change_entry"]  # was get_entry, pick_ledger (twice), edit_entry, balances
    assert aside["gate"] == 1


async def test_editing_an_entry_just_recorded_opens_in_one_call(bot, cast, meter):
    julien = cast["enseignant"]
    await julien.send("/depense 5 Erreur; fournitures; carte; aujourd'hui")
    aside, handler, _ = await meter.around(julien.press("✏️ Modifier"))
    assert julien.last.text == "Que modifier dans l'écriture 4 ?"
    # Was get_entry, pick_ledger, ledgers_for (read), ledgers_for (write), then get_entry, pick_ledger.
    assert handler == ["edit_start"]
    assert aside["gate"] == 1


async def test_a_cancellation_refused_is_one_call_with_the_entry_to_show(bot, cast, meter, demo_books):
    from tests.test_adhesion import eur
    from tests.test_journal import JULIEN, act, entry_id
    from store import entries

    julien = cast["enseignant"]
    await julien.send("/journal")
    await julien.press(eur("1 · −23,80 €"))
    await julien.press("🗑 Annuler l'écriture")
    act(demo_books, JULIEN, entries.cancel_entry_with_balances, entry_id(demo_books, "Fournitures de peinture"))
    aside, handler, _ = await meter.around(julien.press("🗑 Oui, annuler l'écriture"))  # cancelled meanwhile
    assert julien.last.text.startswith("Cette écriture est déjà annulée")
    assert handler == ["cancel_entry_with_balances"]  # was cancel_entry_with_balances, get_entry
    assert aside["gate"] == 1


async def test_undoing_an_entry_of_a_sent_year_is_one_call_to_its_warning(bot, sim, sent, monkeypatch):
    from tests.reportworld import MARIE, YEAR
    from tests.test_report_warnings import send_again, shown
    from tests.test_yearend_gaps import typed_entry

    marie = sim.user(MARIE, "Marie", "Payet")
    await typed_entry(marie, "/depense", "12,50 Piles", "Fournitures", "💳 Carte", f"14/06/{YEAR + 1}")
    recorded = shown(await marie.press("✅ Enregistrer"), "↩️ Annuler")
    sent.run(lambda s: send_again(s, sent.report_id))  # the change sent to the AD: « envoyé » again
    meter = Meter(sent, monkeypatch)
    try:
        aside, handler, _ = await meter.around(marie.press("↩️ Annuler", message=recorded))
    finally:
        meter.forget()
    assert "🗑 Oui, annuler l'écriture" in str(marie.last.buttons)
    assert handler == ["cancel_entry_with_balances"]  # was cancel_entry_with_balances, get_entry (for the card)
    assert aside["gate"] == 1


async def test_each_step_to_a_movements_amount_is_one_call(bot, cast, meter):
    julien, marie = cast["enseignant"], cast["mandataire"]
    await julien.send("/mouvement")
    aside, handler, _ = await meter.around(julien.press("🏦 Dépôt d'espèces en banque"))
    assert "cahier CE1A" in julien.last.text and "Montant" in julien.last.text  # the amount, with the balances
    assert handler == ["movement_way"]  # was movement_ledgers, balances
    assert aside["gate"] == 1
    await marie.send("/mouvement")
    aside, handler, _ = await meter.around(marie.press("➡️ Avance de l'école à une classe"))
    assert handler == ["movement_way"]  # was movement_ledgers: the class to choose
    aside, handler, _ = await meter.around(marie.press("CE1A"))
    assert "Par la banque" in str(marie.last.buttons)
    assert handler == ["movement_way"]  # was pick_movement_ledger, ledgers_for (the class's school ledger)
    assert aside["gate"] == 1
    aside, handler, _ = await meter.around(marie.press("🏦 Par la banque"))
    assert "cahier École" in marie.last.text and "cahier CE1A" in marie.last.text
    assert handler == ["movement_balances"]  # was balances, once per ledger
    assert aside["gate"] == 1


async def test_the_coops_card_is_one_call(bot, cast, meter):
    marie, paul = cast["mandataire"], cast["ad"]
    await paul.send("/start")
    aside, handler, who = await meter.around(marie.send("/coop"))
    assert "974-111" in marie.last.text
    assert handler == ["cards"]  # was who_is, then card once per coop
    assert one_gate_at_most_one_write(aside)
    assert who == 2
    aside, handler, _ = await meter.around(paul.send("/coop"))
    assert "Tapez son affiliation (par exemple 974-111)" in paul.last.text
    assert handler == ["cards"]  # was who_is
    aside, handler, _ = await meter.around(paul.send("974-999"))
    assert paul.last.text.startswith("Pas de coopérative « 974-999 »") and "974-111" in paul.last.text
    assert handler == ["card_by_affiliation"]  # was card_by_affiliation, who_is (for the example)
    assert aside["gate"] == 1
    aside, handler, _ = await meter.around(paul.send("974-111"))
    assert "974-111" in paul.last.text and handler == ["card_by_affiliation"]


async def test_each_step_of_the_membership_table_is_one_call(bot, cast, meter):
    marie = cast["mandataire"]
    steps = [(marie.send("/adhesion"), ["table_start"], "<b>Adhésion"),  # was who_is, current_year, view
             (marie.press("Reprendre les classes"), ["begin"], "Les classes de l'an dernier"),  # was begin, view
             (marie.press("➕ Ajouter une classe"), ["view"], "Nouvelle classe"),
             (marie.send("CM2"), ["available_class_name"], "Enseignant·es de CM2"),
             (marie.send("Anne Payet anne.payet@ac-reunion.fr"), [], "Nombre d'élèves"),
             (marie.send("20"), [], "Nombre d'autres adultes"),
             (marie.send("1"), ["view"], "Ligne à enregistrer"),
             (marie.press("✅ Enregistrer"), ["add_row"], "Ligne 4 (CM2) enregistrée."),  # was add_row, view, view
             (marie.press("✏️ Modifier"), ["view"], "Quelle ligne modifier ?"),
             (marie.press("1. CE1A"), ["view"], "Que modifier pour la ligne 1"),
             (marie.press("Classe"), ["view"], "Nouveau nom de la classe"),
             # Was available_class_name, update_row, view (the row's number), view (the table).
             (marie.send("CE1 A"), ["update_row"], "Ligne 1 modifiée."),
             (marie.press("🗑 Supprimer"), ["view"], "Quelle ligne supprimer ?"),
             (marie.press("4. CM2"), ["view"], "Supprimer la ligne 4"),
             (marie.press("🗑 Oui, supprimer"), ["delete_table_row"], "Ligne 4 (CM2) supprimée."),  # was view, delete_row, view
             (marie.press("✅ Valider l'adhésion"), ["view"], "<b>Engagement du mandataire</b>"),
             (marie.press("✅ Je m'engage et je valide"), ["submit"], "Adhésion transmise"),  # was submit, view, view
             (marie.press("➕ Ajouter une classe"), ["view"], "Cette adhésion a été transmise"),
             (marie.press("✏️ Oui, la modifier"), ["withdraw"], "Nouvelle classe")]  # was withdraw, view  # fmt: skip
    await one_call_each(meter, marie, steps)


async def test_the_membership_table_opens_from_a_reminder_in_one_call(bot, cast, meter, demo_books):
    from bot.membership.adhesion import OPEN_BUTTON
    from store.models import Ledger
    from tests.test_journal import ledger_id

    marie = cast["mandataire"]
    school = ledger_id(demo_books, "École")
    coop_id = demo_books.run(lambda s: s.get(Ledger, school).coop_id)
    await marie.send("/start")
    aside, handler, _ = await meter.around(marie.press_data(OPEN_BUTTON.data(coop_id), marie.last))  # 📝 under a reminder
    assert marie.last.text.startswith("<b>Adhésion") and "974-111" in marie.last.text
    assert handler == ["table_start"]  # was pick_coop, current_year, view
    assert aside["gate"] == 1


async def test_choosing_a_journal_is_one_call(bot, cast, meter):
    marie = cast["mandataire"]
    await marie.send("/journal")
    await one_call_each(meter, marie, [
        (marie.press("CE1A"), ["journal_open"], "<b>Journal du cahier CE1A</b>"),  # was pick_ledger, journal_page
        (marie.press("📒 Autre cahier"), ["journal_ledgers"], "Le journal de quel cahier ?"),  # was ledgers_for, school_ledgers
        (marie.press("🏫 Toute la coopérative 974-111"), ["journal_open"],  # was pick_coop, journal_page
         "<b>Journal de la coopérative 974-111</b>")])  # fmt: skip


async def test_a_movement_refused_asks_its_amount_again_in_the_same_call(bot, cast, meter):
    julien = cast["enseignant"]
    await deposit_card(julien, "9 000")  # more than the caisse holds
    aside, handler, _ = await meter.around(julien.press("✅ Enregistrer"))
    assert julien.last.text.startswith("La caisse ne peut pas passer sous zéro") and "Montant ?" in julien.last.text
    assert handler == ["record_movement_with_balances"]  # was record_movement_with_balances, balances
    assert aside["gate"] == 1


async def test_a_movement_whose_report_was_sent_since_its_card_shows_it_again_in_one_call(bot, sim, to_send,
                                                                                          monkeypatch):  # fmt: skip
    from tests.reportworld import MARIE
    from tests.test_report_warnings import june_deposit_card, send_report

    marie = sim.user(MARIE, "Marie", "Payet")
    await june_deposit_card(marie)
    to_send.run(send_report)  # sent meanwhile, from another phone
    meter = Meter(to_send, monkeypatch)
    try:
        aside, handler, _ = await meter.around(marie.press("✅ Enregistrer"))
    finally:
        meter.forget()
    assert "déjà envoyé sera modifié" in marie.last.text and "Dépôt d'espèces" in marie.last.text
    assert handler == ["record_movement_with_balances"]  # was record_movement_with_balances, ledger_report_sent
    assert aside["gate"] == 1


async def test_a_cheques_number_asked_and_typed_is_one_call_each(bot, cast, meter):
    marie = cast["mandataire"]
    await marie.send("/depense")
    await marie.send("30 Sortie")
    await marie.press("CE1A")
    await marie.press("Fournitures éducatives et administratives")
    await one_call_each(meter, marie, [(marie.press("🧾 Chèque"), ["entry_context"], "Numéro du chèque ?")])
    assert marie.last.buttons == [["N° 0001236"], ["Annuler"]]  # suggested: was entry_context, next_cheque_number
    await one_call_each(meter, marie, [
        # The coop's cheque 1235 is CE2B's: named, to confirm; was entry_context, cheque_used.
        (marie.send("1235"), ["entry_context"], "⚠️ Le chèque n° 1235 a déjà servi"),
        (marie.press("Garder le n° 1235"), ["entry_context"], "Quelle date ?")])  # fmt: skip


async def test_a_receipt_is_two_calls_around_its_download(bot, cast, meter):
    julien = cast["enseignant"]
    await julien.send("/depense 5 Colle; fournitures; carte; aujourd'hui")
    aside, handler, _ = await meter.around(julien.send_photo(b"\xff\xd8\xff a receipt"))
    assert "Justificatif joint" in julien.last.text, julien.last.text
    # The entry is read (and its year named for the file's folder) before the file is downloaded from Telegram,
    # then the receipt recorded: two calls with Telegram between them. Was get_entry, ledgers_for, attach_receipt.
    assert handler == ["get_entry", "attach_receipt"]
    assert aside["gate"] == 1
