"""Two conversations at once: each keeps its own state, a command typed mid-step breaks neither."""

from __future__ import annotations

from sqlmodel import select

from store.models import AdhesionRow, Entry
from tests.test_adhesion import add_row

ONE_LINE = "/depense 2 Règle; CE1A; fournitures; carte; aujourd'hui"


def entries_named(database, label: str) -> int:
    return len(database.run(lambda s: list(s.exec(select(Entry.id).where(Entry.label == label)))))


def rows_named(database, class_name: str) -> int:
    return len(database.run(lambda s: list(s.exec(select(AdhesionRow.id).where(
        AdhesionRow.class_name == class_name)))))  # fmt: skip


async def test_a_one_line_expense_in_the_middle_of_a_membership_row(bot, cast, demo_books):
    marie = cast["mandataire"]
    await marie.send("/adhesion")
    await marie.press("Partir d'un tableau vide")
    await marie.press("➕ Ajouter une classe")
    step = await marie.send("CE1B")
    step = await marie.send(ONE_LINE)
    assert step.text.startswith("Écriture ") and "enregistrée — cahier CE1A" in step.text
    step = await marie.send("Luc Rivière luc.riviere@ac-reunion.fr")
    assert step.text == "Nombre d'élèves de CE1B (0 à 500) :"
    await marie.send("22")
    await marie.send("1")
    step = await marie.press("✅ Enregistrer")
    assert "Ligne 1 (CE1B) enregistrée." in step.text
    assert entries_named(demo_books, "Règle") == 1 and rows_named(demo_books, "CE1B") == 1


async def test_a_membership_row_in_the_middle_of_an_expense(bot, cast, demo_books):
    marie = cast["mandataire"]
    await marie.send("/depense")
    step = await marie.send("4,20 Colle")
    accounts = (await marie.press("CE1A")).last
    assert accounts.buttons[0][0] == "Fournitures éducatives et administratives"
    await marie.send("/adhesion")
    await marie.press("Partir d'un tableau vide")
    step = await add_row(marie, "CE1B", "Luc Rivière luc.riviere@ac-reunion.fr", 22, 1)
    assert "Ligne 1 (CE1B) enregistrée." in step.text
    # Back to the expense's buttons, where it was.
    await marie.press("Fournitures éducatives et administratives", message=accounts)
    await marie.press("💳 Carte")
    await marie.press("Aujourd'hui")
    step = await marie.press("✅ Enregistrer")
    assert "enregistrée — cahier CE1A" in step.text
    assert entries_named(demo_books, "Colle") == 1 and rows_named(demo_books, "CE1B") == 1


async def test_a_one_line_expense_in_the_middle_of_a_movement(bot, cast, demo_books):
    julien = cast["enseignant"]
    await julien.send("/mouvement")
    await julien.press("🏦 Dépôt d'espèces en banque")
    step = await julien.send("/depense 2 Règle; fournitures; carte; aujourd'hui")
    assert "enregistrée — cahier CE1A" in step.text
    step = await julien.send("10")
    assert step.text.startswith("Date du mouvement (10,00\xa0€) ?")
    await julien.press("Aujourd'hui")
    await julien.press("✅ Garder ce libellé")
    step = await julien.press("✅ Enregistrer")
    assert "Mouvement enregistré : dépôt de 10,00" in step.text


async def test_a_one_line_expense_in_the_middle_of_a_cash_count(bot, cast, demo_books):
    julien = cast["enseignant"]
    await julien.send("/caisse")
    await julien.press("🔢 Saisir le total")
    step = await julien.send("/depense 2 Règle; fournitures; carte; aujourd'hui")
    assert "enregistrée — cahier CE1A" in step.text
    step = await julien.send("1")
    assert "Arrêté de caisse du " in step.text and "compté 1,00\xa0€" in step.text


async def test_a_one_line_expense_in_the_middle_of_a_reconciliation(bot, cast, demo_books):
    marie = cast["mandataire"]
    await marie.send("/pointage")
    step = await marie.press("Aujourd'hui")
    assert step.text.startswith("Solde du relevé du ")
    step = await marie.send(ONE_LINE)
    assert "enregistrée — cahier CE1A" in step.text
    step = await marie.send("100")
    assert step.text.startswith("Relevé du ") and "Solde du relevé : 100,00\xa0€" in step.text
