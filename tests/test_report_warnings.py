"""Warned before changing a year whose report is with the AD, in the commands that changed it unwarned:
/pointage (typed, and from the bank's file), /remise, /report, ↩️ Annuler after an entry, /journal's
cancel. The warning comes on the step before the change, Annuler there changes nothing, confirming saves
and the report turns « modifié »; the store refuses the change unconfirmed (report_unconfirmed). A report
sent between the question and the answer (/mouvement, /caisse, /journal's edits): the warning, and what
was typed kept to confirm."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from store import balances, bankfiles, entries, reconciliation, report_sending
from store.errors import LedgerError
from store.models import CashCount, ChequeDeposit, Direction, Entry, Means, OpeningBalance, Statement, Tick
from store.people import who_is
from tests.bankfiles import Line, credit_agricole
from tests.reportworld import LAST_DAY, MARIE, OPENING_CAISSE, TODAY, YEAR, coop_and_ledgers, seed_year
from tests.test_yearend_gaps import WARNING, live_entries, press_on_card, send_report, state, typed_entry
from tests.world import EARLIER_BUTTON

END = f"{LAST_DAY:%d/%m/%Y}"
FEES = Line(date(YEAR + 1, 6, 20), "FRAIS TENUE DE COMPTE", -5_00)


def flat(text: str) -> str:
    return " ".join(text.split())


def shown(step, label: str):
    """The message of the step bearing that button (a notice of an earlier change may come in the same moment)."""
    return next(m for m in reversed(step.messages + step.edited) if label in str(m.buttons))


def rows(db, model) -> int:
    return db.run(lambda s: len(s.exec(select(model.id)).all()))


def late_cheques(session) -> dict[str, int]:
    """Before the report is sent: a cheque paid on 20/08 not cashed yet, a family's cheque of 25/08 not deposited."""
    _, ledgers = coop_and_ledgers(session)
    marie, school = who_is(session, MARIE), ledgers["École"].id
    paid = entries.record_entry(session, marie, school, direction=Direction.DEPENSE, day=date(YEAR + 1, 8, 20),
                                label="Livres de bibliothèque", means=Means.CHEQUE, amount=30_00, splits="fournitures",
                                cheque_number="0000102", today=TODAY)  # fmt: skip
    received = entries.record_entry(session, marie, school, direction=Direction.RECETTE, day=date(YEAR + 1, 8, 25),
                                    label="Chèque d'une famille", means=Means.CHEQUE, amount=25_00,
                                    splits="familles", cheque_number="7654321", today=TODAY)  # fmt: skip
    return {"paid": paid.id, "received": received.id}


@pytest.fixture
def sent(demo, monkeypatch):
    demo.run(seed_year)
    # the worker keeps this Database for its next tests (conftest): what this test adds to it goes away after it
    monkeypatch.setattr(demo, "ids", demo.run(late_cheques), raising=False)
    monkeypatch.setattr(demo, "report_id", demo.run(send_report), raising=False)
    return demo


def send_again(session, report_id: int) -> None:
    assert report_sending.send(session, who_is(session, MARIE), report_id).view.state == "sent"


async def statement_day(marie, day: str):
    """/pointage, the date typed."""
    step = await marie.send("/pointage")
    await press_on_card(marie, step, "📅 Autre date")  # not a notice of an earlier change
    return await marie.send(day)


async def test_a_statement_typed_in_a_sent_year_warns_at_its_balance(bot, sim, sent):
    marie = sim.user(MARIE, "Marie", "Payet")
    statements = rows(sent, Statement)
    step = await statement_day(marie, f"30/06/{YEAR + 1}")
    assert WARNING in flat(step.text) and f"Solde du relevé du 30/06/{YEAR + 1} ?" in flat(step.text)
    assert step.last.buttons == [["Annuler"]]
    await marie.press("Annuler")
    assert rows(sent, Statement) == statements and state(sent) == "sent"
    await statement_day(marie, f"30/06/{YEAR + 1}")
    step = await marie.send("douze")  # bad input: asked again, still unrecorded
    assert rows(sent, Statement) == statements
    step = await marie.send("1 150,00")
    assert f"Relevé du 30/06/{YEAR + 1}" in flat(step.text)
    assert rows(sent, Statement) == statements + 1 and state(sent) == "modified"
    # A statement of the current year, whose report is not sent: no warning.
    step = await statement_day(marie, f"{TODAY:%d/%m/%Y}")
    assert WARNING not in flat(step.text) and step.last.buttons == []


async def test_ticking_a_statement_of_a_sent_year_warns_before_terminer(bot, sim, sent):
    marie = sim.user(MARIE, "Marie", "Payet")
    step = await statement_day(marie, END)
    assert f"Relevé du {END}" in flat(step.text) and WARNING in flat(step.text)
    cheque = next(b for row in step.last.buttons for b in row if "20/08" in b)
    step = await marie.press(cheque)
    assert step.last.buttons[-1] == ["Annuler"] and WARNING in flat(step.text)
    await marie.press("Annuler")
    assert rows(sent, Tick) == 2 and state(sent) == "sent"  # the box ticked, not recorded
    step = await statement_day(marie, END)
    step = await marie.press(cheque)
    step = await marie.press("✅ Terminer")
    assert f"Pointage enregistré : 1 opération pointée sur le relevé du {END}." in flat(step.text)
    assert rows(sent, Tick) == 3 and state(sent) == "modified"


async def test_a_bank_file_of_a_sent_year_warns_before_anything_is_recorded(bot, sim, sent):
    marie = sim.user(MARIE, "Marie", "Payet")
    statements, count = rows(sent, Statement), live_entries(sent)
    data = credit_agricole(date(YEAR + 1, 6, 30), 1_175_00, [FEES])
    await marie.send("/pointage")
    step = await marie.send_document(data, "releve-juin.csv")
    assert WARNING in flat(step.text) and step.last.buttons[-1] == ["Annuler"]
    create = next(b for row in step.last.buttons for b in row if b.startswith("➕ "))
    step = await marie.press(create)
    assert WARNING in flat(step.text) and "Sur quel compte de charges ?" in flat(step.text)
    step = await marie.press("↩️ Retour")
    await marie.press("Annuler")
    assert (rows(sent, Statement), live_entries(sent), state(sent)) == (statements, count, "sent")
    # Again, confirmed: the line becomes an entry, then the statement is recorded.
    await marie.send("/pointage")
    await marie.send_document(data, "releve-juin.csv")
    step = await marie.press(create)
    step = await marie.press("Services bancaires")
    assert "du cahier École enregistrée : −5,00 €, Services bancaires." in flat(step.text)
    assert live_entries(sent) == count + 1 and state(sent) == "modified"
    card = shown(step, "✅ Pointer")
    assert WARNING in flat(card.content)  # still with the AD: the statement warns too
    step = await marie.press(next(b for row in card.buttons for b in row if b.startswith("✅ Pointer")), message=card)
    assert f"Pointage enregistré : 1 opération pointée sur le relevé du 30/06/{YEAR + 1}." in flat(step.text)
    assert rows(sent, Statement) == statements + 1


async def test_a_remise_dated_in_a_sent_year_shows_a_card_first(bot, sim, sent):
    marie = sim.user(MARIE, "Marie", "Payet")
    for attempt in ("Annuler", "✅ Remettre ces chèques"):
        step = await marie.send("/remise")
        assert "Chèque d'une famille" in flat(step.text)
        await marie.press("✅ Remettre ces chèques")
        await marie.press("📅 Autre date")
        step = await marie.send(END)
        assert WARNING in flat(step.text) and f"Remise datée du {END} : la remettre ?" in flat(step.text)
        assert step.last.buttons == [["✅ Remettre ces chèques"], ["Annuler"]]
        assert rows(sent, ChequeDeposit) == 0 and state(sent) == "sent"  # nothing before the confirmation
        step = await marie.press(attempt)
    assert f"Remise n° 1 du {END} enregistrée" in flat(step.text)
    assert rows(sent, ChequeDeposit) == 1 and state(sent) == "modified"


async def test_only_the_latest_remise_card_records(bot, sim, sent):
    marie = sim.user(MARIE, "Marie", "Payet")
    cards = []
    for _ in range(2):  # a card, then /remise again to another card
        await marie.send("/remise")
        await marie.press("✅ Remettre ces chèques")
        await marie.press("📅 Autre date")
        cards.append((await marie.send(END)).last)
    step = await marie.press("✅ Remettre ces chèques", message=cards[0])
    assert step.answer == EARLIER_BUTTON
    assert rows(sent, ChequeDeposit) == 0
    step = await marie.press("✅ Remettre ces chèques", message=cards[1])
    assert f"Remise n° 1 du {END} enregistrée" in flat(step.text)


async def test_an_opening_of_a_sent_year_warns_at_its_caisse(bot, sim, sent):
    marie = sim.user(MARIE, "Marie", "Payet")
    years = f"{YEAR}-{YEAR + 1}"

    def opening(session) -> int:
        return session.exec(select(OpeningBalance.caisse).where(OpeningBalance.fiscal_year == YEAR)).one()

    for caisse in (None, "60"):
        await marie.send("/report")
        step = await marie.press("École")  # this year's is computed from last year's: that one is asked
        assert f"exercice {years}" in flat(step.text)
        step = await marie.send("1 000")
        assert WARNING in flat(step.text) and f"Et la caisse au 01/09/{YEAR} ?" in flat(step.text)
        assert step.last.buttons == [["Annuler"]]
        if caisse is None:
            await marie.press("Annuler")
            assert sent.run(opening) == OPENING_CAISSE and state(sent) == "sent"
    step = await marie.send(caisse)
    assert "Report à nouveau enregistré" in step.text
    assert sent.run(opening) == 60_00 and state(sent) == "modified"


async def test_undoing_an_entry_of_a_sent_year_asks_under_the_warning(bot, sim, sent):
    marie = sim.user(MARIE, "Marie", "Payet")
    step = await typed_entry(marie, "/depense", "12,50 Piles", "Fournitures", "💳 Carte", f"14/06/{YEAR + 1}")
    step = await marie.press("✅ Enregistrer")
    recorded = shown(step, "↩️ Annuler")
    sent.run(lambda s: send_again(s, sent.report_id))  # the change sent to the AD: « envoyé » again
    count = live_entries(sent)
    step = await marie.press("↩️ Annuler", message=recorded)
    card = shown(step, "🗑 Oui, annuler l'écriture")
    assert WARNING in flat(card.content) and card.buttons == [["🗑 Oui, annuler l'écriture"], ["Annuler"]]
    step = await marie.press("Annuler", message=card)
    assert "Rien n'est annulé" in step.text
    assert live_entries(sent) == count and state(sent) == "sent"
    step = await marie.press("↩️ Annuler", message=recorded)
    card = shown(step, "🗑 Oui, annuler l'écriture")
    step = await marie.press("🗑 Oui, annuler l'écriture", message=card)
    assert "annulée (elle reste au journal, barrée, avec son numéro)" in flat(step.text)
    assert live_entries(sent) == count - 1 and state(sent) == "modified"


async def test_cancelling_an_entry_of_a_sent_year_in_the_journal_warns_first(bot, sim, sent):
    marie = sim.user(MARIE, "Marie", "Payet")
    count = live_entries(sent)
    await marie.send("/journal")
    await marie.press("École (école)")
    step = await marie.press(f"{YEAR}-{YEAR + 1}")
    books = next(b for row in step.last.buttons for b in row if "30,00" in b)  # the library books of 20/08
    for answer in ("↩️ Retour", "🗑 Oui, annuler l'écriture"):
        await marie.press(books)
        step = await marie.press("🗑 Annuler l'écriture")
        assert WARNING in flat(step.text) and "Annuler l'écriture" in flat(step.text)
        assert step.last.buttons == [["🗑 Oui, annuler l'écriture"], ["↩️ Retour"]]
        assert live_entries(sent) == count and state(sent) == "sent"  # nothing before the confirmation
        step = await marie.press(answer)
        if answer == "↩️ Retour":
            assert live_entries(sent) == count and state(sent) == "sent"
            await marie.press("↩️ Retour")  # back to the page
    assert "annulée : elle reste au journal" in flat(step.text)
    assert live_entries(sent) == count - 1 and state(sent) == "modified"


# ------------------------------------------------------------------ the store refuses them unconfirmed


def test_the_store_refuses_each_change_to_a_sent_year_unconfirmed(sent):
    ids, day = sent.ids, date(YEAR + 1, 6, 30)
    file = sent.run(lambda s: bankfiles.propose(s, who_is(s, MARIE), coop_and_ledgers(s)[0].id, credit_agricole(
        day, 1_175_00, [FEES]), today=TODAY).statement.to_data())  # fmt: skip

    def attempts(session):
        marie, coop = who_is(session, MARIE), coop_and_ledgers(session)[0]
        school = coop_and_ledgers(session)[1]["École"].id
        statement = session.exec(select(Statement.id).where(Statement.day == LAST_DAY)).one()
        cakes = session.exec(select(Entry.id).where(Entry.label == "Vente de gâteaux")).one()
        fees = bankfiles.line_accounts(session, marie, coop.id, FEES.amount)[0].code
        return {
            "statement": lambda **w: reconciliation.record_statement(session, marie, coop.id, day=day, balance=0,
                                                                     today=TODAY, **w),
            "tick": lambda **w: reconciliation.tick(session, marie, statement, [ids["paid"]], today=TODAY, **w),
            "deposit": lambda **w: reconciliation.record_deposit(session, marie, coop.id, [ids["received"]],
                                                                 day=LAST_DAY, today=TODAY, **w),
            "line": lambda **w: bankfiles.entry_from_line(session, marie, coop.id, file, 0, fees,
                                                          today=TODAY, created={}, **w),
            "file": lambda **w: bankfiles.accept(session, marie, coop.id, file, [], today=TODAY, **w),
            "opening": lambda **w: balances.set_opening_balance(session, marie, school, YEAR, banque=1_000_00,
                                                                caisse=OPENING_CAISSE, today=TODAY, **w),
            "cancel": lambda **w: entries.cancel_entry(session, marie, cakes, today=TODAY, **w),
        }

    for name in ("statement", "tick", "deposit", "line", "file", "opening", "cancel"):
        def refused(session, name=name):
            with pytest.raises(LedgerError) as caught:
                attempts(session)[name]()
            return caught.value.reason, caught.value.year

        assert sent.run(refused) == ("report_unconfirmed", YEAR), name
        assert state(sent) == "sent", name
    for name in ("line", "statement", "tick", "deposit", "opening", "cancel"):  # each confirmed, in turn
        sent.run(lambda s, name=name: attempts(s)[name](warned=True))
    assert state(sent) == "modified"
    # The current year, whose report is not sent: nothing to confirm.
    cancelled = sent.run(lambda s: entries.cancel_entry(s, who_is(s, MARIE), entries.record_entry(
        s, who_is(s, MARIE), coop_and_ledgers(s)[1]["École"].id, direction=Direction.DEPENSE, day=TODAY, label="Colle",
        means=Means.CARTE, amount=2_00, splits="fournitures", today=TODAY).id, today=TODAY))  # fmt: skip
    assert cancelled.cancelled
    assert sent.run(lambda s: s.exec(select(Entry).where(Entry.label == "Colle")).one().cancelled_at) is not None


# ------------------------------------------------------------------ sent between the question and the answer


@pytest.fixture
def to_send(demo):
    """974-111's year ready for its report, not sent yet: the tests send it in the middle of a step."""
    demo.run(seed_year)
    return demo


async def june_deposit_card(marie):
    """/mouvement up to the card of a 10 € deposit in the school ledger on 20 June of the year to report."""
    await marie.send("/mouvement")
    await marie.press("🏦 Dépôt d'espèces en banque")
    await marie.press("École (école)")
    await marie.send("10")
    await marie.press("📅 Autre date")
    await marie.send(f"20/06/{YEAR + 1}")
    return await marie.press("✅ Garder ce libellé")


async def test_a_movement_whose_report_is_sent_after_its_card_shows_the_card_again_under_the_warning(bot, sim, to_send):
    marie = sim.user(MARIE, "Marie", "Payet")
    count = live_entries(to_send)
    step = await june_deposit_card(marie)
    assert "Dépôt d'espèces" in flat(step.text) and WARNING not in flat(step.text)  # not sent yet: no warning
    to_send.run(send_report)  # the mandataire's other phone, or a co-signataire, sends the report meanwhile
    step = await marie.press("✅ Enregistrer")
    card = shown(step, "✅ Enregistrer")
    assert WARNING in flat(card.content) and "Dépôt d'espèces" in flat(card.content) and "10,00" in card.content
    assert card.buttons == [["✅ Enregistrer"], ["Annuler"]]
    assert live_entries(to_send) == count and state(to_send) == "sent"  # refused unwarned: nothing recorded
    step = await marie.press("✅ Enregistrer", message=card)
    assert "Mouvement enregistré : dépôt de 10,00" in flat(step.text)
    assert live_entries(to_send) == count + 2 and state(to_send) == "modified"


async def test_a_cash_count_whose_report_is_sent_after_its_question_keeps_the_count_to_confirm(bot, sim, to_send):
    marie = sim.user(MARIE, "Marie", "Payet")
    counts = rows(to_send, CashCount)
    await marie.send("/caisse")
    await marie.press("École")
    await marie.press("📅 Autre date")
    await marie.send(END)
    step = await marie.press("🪙 Compter billets et pièces")
    assert WARNING not in flat(step.text)
    to_send.run(send_report)
    step = await marie.send("1 x 50 €, 2 x 20 €")
    assert WARNING in flat(step.text) and f"Arrêté de caisse du {END} — cahier École : compté 90,00 €" in flat(step.text)
    assert step.last.buttons == [["✅ Enregistrer l'arrêté"], ["Annuler"]]
    assert rows(to_send, CashCount) == counts and state(to_send) == "sent"
    step = await marie.press("✅ Enregistrer l'arrêté")  # nothing to type again
    assert "1 × 50 € + 2 × 20 € = 90,00 €" in flat(step.text) and "livre 90,00 € ✅" in flat(step.text)
    assert rows(to_send, CashCount) == counts + 1 and state(to_send) == "modified"


@pytest.mark.parametrize(("field", "answer", "after"), [
    ("Libellé", "Vente de gâteaux et de jus", {"label": "Vente de gâteaux et de jus"}),
    ("Date", f"21/05/{YEAR + 1}", {"day": date(YEAR + 1, 5, 21)}),  # a date: kept as text in the chat's data
    ("Moyen de paiement", "virement", {"means": Means.VIREMENT}),  # pressed
])
async def test_a_journal_edit_whose_report_is_sent_after_its_question_keeps_the_change_to_confirm(
        bot, sim, to_send, field, answer, after):  # fmt: skip
    marie = sim.user(MARIE, "Marie", "Payet")

    def cakes(session) -> dict:
        entry = session.exec(select(Entry).where(Entry.amount == 40_00)).one()
        return {name: getattr(entry, name) for name in after}

    before = to_send.run(cakes)
    await marie.send("/journal")
    await marie.press("École (école)")
    step = await marie.press(f"{YEAR}-{YEAR + 1}")
    await marie.press(next(b for row in step.last.buttons for b in row if "40,00" in b))  # the cakes of 20/05
    step = await marie.press("✏️ Modifier")
    assert "Que modifier dans l'écriture" in flat(step.text) and WARNING not in flat(step.text)
    step = await marie.press(field)
    assert WARNING not in flat(step.text)
    to_send.run(send_report)  # the mandataire's other phone, or a co-signataire, sends the report meanwhile
    step = await (marie.press(answer) if field == "Moyen de paiement" else marie.send(answer))
    assert WARNING in flat(step.text) and "n'est pas encore enregistrée" in flat(step.text)
    assert step.last.buttons == [["✏️ Oui, modifier l'écriture"], ["↩️ Retour"]]
    assert to_send.run(cakes) == before and state(to_send) == "sent"
    step = await marie.press("✏️ Oui, modifier l'écriture")  # what was typed or pressed is kept
    assert "Écriture" in step.text and "modifiée" in flat(step.text)
    assert to_send.run(cakes) == after and state(to_send) == "modified"
