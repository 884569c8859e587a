"""/projets and /inventaire, as teachers, the mandataire and a vérificateur would use them, on the demo books."""

from __future__ import annotations

from sqlmodel import select

from store import entries, projects
from store.models import Coop, Direction, Ledger, Means, Treasury
from store.people import who_is
from store.years import fiscal_year_of, today_in
from tests.world import PERSONAS, seed_world

TODAY = today_in("Indian/Reunion")
YEAR = fiscal_year_of(TODAY)
YEARS, LAST_YEARS = f"{YEAR}-{YEAR + 1}", f"{YEAR - 1}-{YEAR}"
MARIE = 1001
REFUSED = "Vous n'avez pas accès à cette coopérative ou à ce cahier."
EMPTY = "Aucun projet cette année : ajoutez #nomduprojet à la fin d'une /depense ou /recette."


def eur(text: str) -> str:
    """Amounts as Babel writes them in French: a no-break space before €."""
    return text.replace(" €", "\xa0€")


def ids(db, affiliation: str = "974-111") -> tuple[int, dict[str, int]]:
    """The coop's id and its ledgers' ids by name."""
    def read(session):
        coop = session.exec(select(Coop).where(Coop.affiliation == affiliation)).one()
        return coop.id, {x.name: x.id for x in session.exec(select(Ledger).where(Ledger.coop_id == coop.id))}
    return db.run(read)


def record(db, ledger_name: str, direction: Direction, amount: int, label: str, splits: str,
           project: str | None = None) -> int:  # fmt: skip
    """An entry of today on the bank, by transfer, recorded by the mandataire: its id."""
    _, ledgers = ids(db)

    def write(session):
        return entries.record_entry(session, who_is(session, MARIE), ledgers[ledger_name], direction=direction,
                                   day=TODAY, label=label, treasury=Treasury.BANQUE, means=Means.VIREMENT,
                                   amount=amount, splits=splits, today=TODAY, project=project).id  # fmt: skip
    return db.run(write)


def inventory_line(db, label: str) -> str:
    """How /inventaire should write that good, from what the store holds."""
    coop_id, _ = ids(db)
    items = db.run(lambda s: projects.inventory(s, who_is(s, MARIE), coop_id))
    item = next(i for i in items if i.label == label)
    return eur(f"{item.day:%d/%m/%Y} · {item.label} · {item.value // 100},{item.value % 100:02d} € · "
               f"cahier {item.ledger_name} (pièce {item.piece})")


# ------------------------------------------------------------------ /projets


async def test_a_teacher_sees_the_projects_of_their_ledger(bot, cast, demo_books):
    julien = cast["enseignant"]
    step = await julien.send("/projets")
    assert step.text == (f"Projets {YEARS} — cahier CE1A (974-111)\n\n"
                         + eur("#classeverte — recettes 64,50 € · dépenses 40,00 € · solde 24,50 € (2 écritures)"))
    assert step.last.buttons == [[f"📅 Exercice {LAST_YEARS}"], ["Fermer"]]
    step = await julien.press(f"📅 Exercice {LAST_YEARS}")
    assert step.text == f"Projets {LAST_YEARS} — cahier CE1A (974-111)\n\nAucun projet pour l'exercice {LAST_YEARS}."
    step = await julien.press(f"📅 Exercice {YEARS}")
    assert "(2 écritures)" in step.text
    step = await julien.press("Fermer")
    assert step.edited and step.last.buttons == []


async def test_a_teacher_without_projects_is_told_how_to_tag_one(bot, cast, demo_books):
    step = await cast["enseignante"].send("/projets")
    assert step.text == f"Projets {YEARS} — cahier CE2B (974-111)\n\n{EMPTY}"


async def test_the_mandataire_sees_the_whole_coop_and_narrows_it_to_a_ledger(bot, cast, demo_books):
    record(demo_books, "École", Direction.RECETTE, 640_00, "Participation classe verte", "familles", "classeverte")
    record(demo_books, "École", Direction.DEPENSE, 512_30, "Car classe verte", "sorties", "classeverte")
    record(demo_books, "CE2B", Direction.DEPENSE, 12_00, "Lots", "fournitures", "kermesse")
    record(demo_books, "CE2B", Direction.DEPENSE, 3_00, "Sans projet", "fournitures")
    cancelled = record(demo_books, "École", Direction.DEPENSE, 99_00, "Erreur", "sorties", "classeverte")
    demo_books.run(lambda s: entries.cancel_entry(s, who_is(s, MARIE), cancelled, today=TODAY))
    marie = cast["mandataire"]
    step = await marie.send("/projets")
    assert step.text == (f"Projets {YEARS} — coopérative 974-111, tous les cahiers\n\n" + eur(
        "#classeverte — recettes 704,50 € · dépenses 552,30 € · solde 152,20 € (4 écritures)\n"
        "#kermesse — recettes 0,00 € · dépenses 12,00 € · solde −12,00 € (1 écriture)"))
    assert step.last.buttons == [["📒 École (école)", "📒 CE1A"], ["📒 CE2B"], [f"📅 Exercice {LAST_YEARS}"],
                                 ["Fermer"]]  # fmt: skip
    step = await marie.press("📒 CE1A")
    assert step.text == (f"Projets {YEARS} — cahier CE1A (974-111)\n\n"
                         + eur("#classeverte — recettes 64,50 € · dépenses 40,00 € · solde 24,50 € (2 écritures)"))
    assert step.last.buttons[0] == ["🏫 Toute la coopérative 974-111"]
    step = await marie.press("📒 École (école)")
    assert eur("#classeverte — recettes 640,00 € · dépenses 512,30 € · solde 127,70 € (2 écritures)") in step.text
    step = await marie.press("🏫 Toute la coopérative 974-111")
    assert "tous les cahiers" in step.text and eur("solde 152,20 €") in step.text


async def test_projets_refusals(bot, cast, demo_books):
    coop_id, ledgers = ids(demo_books)
    other_coop, other_ledgers = ids(demo_books, "974-145")
    julien, marie = cast["enseignant"], cast["mandataire"]
    step = await julien.send("/projets")
    for forged in (f"prj:{coop_id}:0:{YEAR}",  # the whole coop
                   f"prj:{coop_id}:{ledgers['CE2B']}:{YEAR}",  # a colleague's ledger
                   f"prj:{other_coop}:{other_ledgers['École']}:{YEAR}"):  # another school
        answer = await julien.press_data(forged, step.last)
        assert answer.answer == REFUSED, forged
        assert answer.edited == []
    step = await marie.send("/projets")
    assert (await marie.press_data(f"prj:{other_coop}:0:{YEAR}", step.last)).answer == REFUSED
    gone = await marie.press_data(f"prj:{coop_id}:999999:{YEAR}", step.last)
    assert gone.answer == REFUSED  # the same refusal as another school's ledger: ids reveal nothing
    mixed = await marie.press_data(f"prj:{coop_id}:{other_ledgers['École']}:{YEAR}", step.last)
    assert mixed.answer == REFUSED
    paul = cast["ad"]
    step = await paul.send("/projets")
    assert "n'est pas ouverte à votre rôle" in step.text
    for forged in (f"prj:{coop_id}:0:{YEAR}", f"prj:{coop_id}:{ledgers['CE1A']}:{YEAR}", f"ivt:{coop_id}:all:0"):
        assert (await paul.press_data(forged, paul.last)).answer == REFUSED, forged


# ------------------------------------------------------------------ /inventaire


async def test_the_inventory_lists_the_durable_goods(bot, cast, demo_books):
    marie = cast["mandataire"]
    line = inventory_line(demo_books, "Vidéoprojecteur")
    step = await marie.send("/inventaire")
    assert step.text == (f"Inventaire {YEARS} — coopérative 974-111\n\n{line}\n\n"
                         + eur("Valeur totale : 349,00 € (1 bien)"))
    last_year = f"{YEAR - 1}-{YEAR}"  # open until it is closed
    assert step.last.buttons == [[f"📅 Exercice {last_year}"], ["🗂 Toutes les années"], ["Fermer"]]
    step = await marie.press(f"📅 Exercice {last_year}")
    assert step.text.startswith(f"Inventaire {last_year} — coopérative 974-111\n\nAucun bien durable")
    assert step.last.buttons == [[f"📅 Exercice {YEARS}"], ["🗂 Toutes les années"], ["Fermer"]]
    step = await marie.press("🗂 Toutes les années")
    assert step.text.startswith("Inventaire, toutes les années — coopérative 974-111") and line in step.text
    step = await marie.press(f"📅 Exercice {YEARS}")
    assert step.text.startswith(f"Inventaire {YEARS}")
    step = await marie.press("Fermer")
    assert step.last.buttons == []


async def test_a_cancelled_durable_good_leaves_the_inventory(bot, cast, demo_books):
    coop_id, _ = ids(demo_books)
    item = demo_books.run(lambda s: projects.inventory(s, who_is(s, MARIE), coop_id))[0]
    demo_books.run(lambda s: entries.cancel_entry(s, who_is(s, MARIE), item.entry_id, today=TODAY))
    step = await cast["mandataire"].send("/inventaire")
    assert "Vidéoprojecteur" not in step.text
    assert step.text == (f"Inventaire {YEARS} — coopérative 974-111\n\nAucun bien durable acheté pendant l'exercice "
                         f"{YEARS}. Les dépenses ventilées sur le compte des achats de biens durables (68…) "
                         "s'inscrivent ici d'elles-mêmes.")  # fmt: skip


async def test_the_inventory_is_paginated_with_the_total_of_every_page(bot, cast, demo_books):
    for number in range(1, 17):
        record(demo_books, "CE1A" if number % 2 else "École", Direction.DEPENSE, number * 100,
               f"Tablette {number}", "materiel")  # fmt: skip
    marie = cast["mandataire"]
    step = await marie.send("/inventaire")
    assert step.text.count(" · cahier ") == 15 and "Page 1/2" in step.text
    total = eur("Valeur totale : 485,00 € (17 biens)")  # 349 + (1 + … + 16)
    assert total in step.text
    assert step.last.buttons[0] == ["▶️"]  # the first page: nothing before it
    step = await marie.press("▶️")
    assert step.text.count(" · cahier ") == 2 and "Page 2/2" in step.text and total in step.text
    assert "cahier CE1A" in step.text or "cahier École" in step.text
    assert step.last.buttons[0] == ["◀️"]  # the last page: nothing after it
    step = await marie.press("◀️")
    assert "Page 1/2" in step.text and step.last.buttons[0] == ["▶️"]


async def test_inventaire_refusals(bot, cast, demo_books):
    coop_id, _ = ids(demo_books)
    other_coop, _ = ids(demo_books, "974-145")
    julien, marie = cast["enseignant"], cast["mandataire"]
    step = await julien.send("/inventaire")
    assert step.text == "La commande /inventaire n'est pas ouverte à votre rôle. Tapez /aide pour voir les vôtres."
    await julien.send("/projets")
    step = await julien.press_data(f"ivt:{coop_id}:all:0", julien.last)  # the store refuses a teacher
    assert step.answer == REFUSED
    step = await marie.send("/inventaire")
    step = await marie.press_data(f"ivt:{other_coop}:{YEAR}:0", step.last)
    assert step.answer == REFUSED and step.edited == []
    await marie.press("🗂 Toutes les années")
    step = await marie.press_data(f"ivt:{coop_id}:{YEAR}:99", marie.last)  # a page past the end: the last one
    assert step.text.startswith(f"Inventaire {YEARS}") and "Vidéoprojecteur" in step.text
    step = await marie.press_data(f"ivt:{coop_id}:{YEAR}:0", marie.last)  # pressed twice: nothing changes
    assert step.edited == [] and step.answer is None


async def test_a_verificateur_reads_both(bot, sim, cast, demo_books):
    demo_books.run(seed_world)
    victor = sim.user(*PERSONAS["verificateur"])
    step = await victor.send("/projets")
    assert eur("#classeverte — recettes 64,50 € · dépenses 40,00 € · solde 24,50 € (2 écritures)") in step.text
    assert "tous les cahiers" in step.text
    step = await victor.send("/inventaire")
    assert inventory_line(demo_books, "Vidéoprojecteur") in step.text
