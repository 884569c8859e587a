"""/remise, typed and pressed as a teacher and the mandataire would: cheques received go on a slip,
/pointage ticks the slip as one line, /solde says what is still to deposit."""

from __future__ import annotations

from datetime import timedelta

from store import entries
from store.models import Direction, Means, Treasury
from tests.store.test_deposits import JULIEN, MARIE, TODAY, cheque
from tests.test_journal import act, ledger_id
from tests.test_books_view import fits_a_phone
from tests.test_treasury import DAY, euros
from tests.world import EARLIER_BUTTON, PERSONAS, seed_world


async def test_a_teacher_deposits_the_families_cheques(bot, sim, cast, demo_books):
    a = cheque(demo_books, JULIEN, "CE1A", 15_00, "Sortie Léa", "1000001")
    b = cheque(demo_books, JULIEN, "CE1A", 20_00, "Sortie Tom", "1000002")
    c = cheque(demo_books, JULIEN, "CE1A", 7_50, "Sortie Noé", "1000003")
    cheque(demo_books, MARIE, "École", 40_00, "Don", "2000001")
    julien = cast["enseignant"]
    step = await julien.send("/solde")
    assert f"chèques à remettre : 3 · {euros(42_50)}" in step.text
    step = await julien.send("/remise")
    assert fits_a_phone(step.text), step.text
    assert "Remise de chèques — coop 974-111" in step.text and "Don" not in step.text  # the school's is not hers
    assert f"☑ CE1A {a.piece} · {DAY} · {euros(15_00)}\n   Sortie Léa · n° 1000001" in step.text
    assert f"Bordereau : 3 chèques · {euros(42_50)}" in step.text
    assert step.last.buttons[-2:] == [["✅ Remettre ces chèques"], ["Annuler"]]
    step = await julien.press(f"☑ CE1A {c.piece}")  # Noé's cheque waits for the next slip
    assert f"☐ CE1A {c.piece}" in step.text and f"Bordereau : 2 chèques · {euros(35_00)}" in step.text
    step = await julien.press("✅ Remettre ces chèques")
    assert step.text.replace("\n", " ").startswith(f"Date de la remise (2 chèques · {euros(35_00)}) ?")
    assert step.last.buttons == [["Aujourd'hui", "Hier"], ["📅 Autre date"], ["Annuler"]]
    step = await julien.press("📅 Autre date")
    step = await julien.send("32/13")
    assert step.text.startswith("Ce n'est pas une date")
    step = await julien.send(DAY)  # the step stayed
    assert fits_a_phone(step.text), step.text
    assert step.text.replace("\n", " ") == (f"Remise n° 1 du {DAY} enregistrée : 2 chèques, {euros(35_00)}. Notez "
                                            "le n° 1 sur le bordereau ; /pointage la coche en une ligne.")
    step = await julien.send("/solde")
    assert f"chèques à remettre : 1 · {euros(7_50)}" in step.text

    marie = cast["mandataire"]
    step = await marie.send("/remise")
    assert "Sortie Noé" in step.text and "Don" in step.text and "Sortie Léa" not in step.text
    await marie.send("/annuler")
    await marie.send("/pointage")
    await marie.press("Aujourd'hui")
    step = await marie.send("1 000")
    assert f"Remise n° 1 · +{euros(35_00)}\n   2 chèques remis ensemble" in step.text
    assert "Sortie Léa" not in step.text and "Sortie Noé" in step.text
    before = step.text.split("Écart : ")[1]
    step = await marie.press(f"☐ Remise n° 1 · {euros(35_00)}")
    assert [f"☑ Remise n° 1 · {euros(35_00)}"] in step.last.buttons
    assert step.text.split("Écart : ")[1] != before
    step = await marie.press("✅ Terminer")
    assert step.text.startswith("Pointage enregistré : 2 opérations")
    assert b.id  # both cheques of the slip were ticked at once


async def test_remise_refusals(bot, sim, cast, demo_books):
    step = await cast["enseignant"].send("/remise")
    assert step.text.replace("\n", " ").startswith("Aucun chèque à remettre")
    a = cheque(demo_books, JULIEN, "CE1A", 15_00)
    demo_books.run(seed_world)
    odile = sim.user(*PERSONAS["mandataire_autre_coop"])
    step = await odile.send("/remise")
    assert step.text.replace("\n", " ").startswith("Aucun chèque à remettre")
    act(demo_books, PERSONAS["mandataire_autre_coop"][0], entries.record_entry, ledger_id(demo_books, "CP", "974-222"),
        direction=Direction.RECETTE, day=TODAY, label="Don", treasury=Treasury.BANQUE, means=Means.CHEQUE,
        cheque_number="9", amount=5_00, splits="familles", today=TODAY)  # fmt: skip
    step = await odile.send("/remise")
    step = await odile.press_data(f"rem:t:{a.id}", step.last)  # forged: another coop's cheque
    assert "Vous n'avez pas accès" in (step.answer or step.text)
    step = await sim.user(*PERSONAS["verificateur"]).send("/remise")
    assert "n'est pas ouverte à votre rôle" in step.text
    julien = cast["enseignant"]
    await julien.send("/remise")
    step = await julien.press("☑ CE1A")
    step = await julien.press("✅ Remettre ces chèques")
    assert step.answer == "Cochez au moins un chèque."


async def test_only_the_latest_list_acts(bot, cast, demo_books):
    """An older /remise list's buttons acted on the latest list's draft: its ✅ deposited the cheques this one ticked."""
    a = cheque(demo_books, JULIEN, "CE1A", 15_00, "Sortie Léa", "1000001")
    cheque(demo_books, JULIEN, "CE1A", 20_00, "Sortie Tom", "1000002")
    julien = cast["enseignant"]
    await julien.send("/remise")
    step = await julien.press(f"☑ CE1A {a.piece}")  # Léa's cheque waits, on this list
    older = step.last
    assert f"Bordereau : 1 chèque · {euros(20_00)}" in step.text
    step = await julien.send("/remise")  # a new list: both ticked
    assert f"Bordereau : 2 chèques · {euros(35_00)}" in step.text
    for label in ("✅ Remettre ces chèques", f"☐ CE1A {a.piece}"):
        step = await julien.press(label, message=older)
        assert step.answer == EARLIER_BUTTON
        assert not step.edited and not step.messages
    step = await julien.press("✅ Remettre ces chèques")  # the latest list still acts
    assert step.text.replace("\n", " ").startswith(f"Date de la remise (2 chèques · {euros(35_00)}) ?")


async def test_only_the_latest_date_question_records_a_slip(bot, cast, demo_books):
    """« Aujourd'hui » under an earlier slip's « Date de la remise (1 chèque · 20,00 €) », left by /annuler,
    recorded the slip of the list shown since: 2 cheques, 35,00 €."""
    a = cheque(demo_books, JULIEN, "CE1A", 15_00, "Sortie Léa", "1000001")
    cheque(demo_books, JULIEN, "CE1A", 20_00, "Sortie Tom", "1000002")
    julien = cast["enseignant"]
    await julien.send("/remise")
    await julien.press(f"☑ CE1A {a.piece}")
    older = (await julien.press("✅ Remettre ces chèques")).last
    assert older.content.replace("\n", " ").startswith(f"Date de la remise (1 chèque · {euros(20_00)}) ?")
    await julien.send("/annuler")
    await julien.send("/remise")
    latest = (await julien.press("✅ Remettre ces chèques")).last
    for label in ("Aujourd'hui", "Annuler"):  # its Annuler neither cancels the latest
        step = await julien.press(label, message=older)
        assert step.answer == EARLIER_BUTTON
        assert not step.edited and not step.messages
    await julien.press("📅 Autre date", message=latest)
    step = await julien.send(f"{TODAY - timedelta(days=1):%d/%m/%Y}")  # before the cheques: the question again
    assert step.messages[-1].buttons[0] == ["Aujourd'hui", "Hier"]
    step = await julien.press("Aujourd'hui", message=step.messages[-1])  # its buttons act
    assert step.text.replace("\n", " ").startswith(f"Remise n° 1 du {DAY} enregistrée : 2 chèques, {euros(35_00)}.")


async def test_who_writes_in_two_coops_picks_one(bot, cast, demo_books):
    """/remise asks which coop with the coop step /pointage shares; an earlier list's coop button is refused."""
    from sqlmodel import select

    from store.models import Coop, Person, Role, RoleKind

    def second_coop(session):  # Marie is also signataire of 974-222
        seed_world(session)
        marie = session.exec(select(Person).where(Person.telegram_id == MARIE)).one()
        other = session.exec(select(Coop).where(Coop.affiliation == "974-222")).one()
        session.add(Role(person_id=marie.id, kind=RoleKind.SIGNATAIRE, coop_id=other.id))
    demo_books.run(second_coop)
    cheque(demo_books, MARIE, "École", 40_00, "Don", "2000001")
    marie = cast["mandataire"]
    earlier = (await marie.send("/remise")).last
    step = await marie.send("/remise")
    assert step.text == "Remise de chèques : quelle coopérative ?"
    assert step.last.buttons == [["Coopérative 974-111"], ["Coopérative 974-222"], ["Annuler"]]
    step = await marie.press("Coopérative 974-111", message=earlier)
    assert step.answer == EARLIER_BUTTON and step.messages == [] and step.edited == []
    step = await marie.press("Coopérative 974-222")
    assert step.text.startswith("Aucun chèque à remettre")
    await marie.send("/remise")
    step = await marie.press("Coopérative 974-111")
    assert "Remise de chèques — coop 974-111" in step.text and "Don" in step.text
