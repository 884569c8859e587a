"""/cloture and the grant's giver, typed and pressed as the coop of tests/yearend.py would."""

from __future__ import annotations

from store import balances, closing, crf
from tests.yearend import PEOPLE, record_year

REFUSED = "Vous n'avez pas accès à cette coopérative ou à ce cahier."


def euros(cents: int) -> str:
    units = f"{abs(cents) // 100:,}".replace(",", "\u202f")
    return f"{'−' if cents < 0 else ''}{units},{abs(cents) % 100:02d}\xa0€"


def flat(text: str) -> str:
    return " ".join(text.split())


def person(sim, key):
    telegram_id, first, *_ = PEOPLE[key]
    return sim.user(telegram_id, first)


async def test_a_teacher_counts_the_cash_then_closes_their_class_the_slow_way(bot, sim, database):
    y = record_year(database)
    years, end = f"{y.year}-{y.year + 1}", f"31/08/{y.year + 1}"
    luc = person(sim, "cm1")
    step = await luc.send("/cloture")
    assert flat(step.text) == flat(
        f"Clôture du cahier CM1 — exercice {years} Banque : {euros(0)} Caisse : {euros(7_00)} "
        f"⚠️ Il faut d'abord un arrêté de caisse : la caisse contient {euros(7_00)} au livre. Comptez-la avec /caisse, "
        f"à une date de l'exercice {years} (le {end} au plus tard : bouton « 📅 Autre date »), puis revenez à /cloture.")
    assert step.last.buttons == []
    await luc.send("/caisse")
    await luc.press("📅 Autre date")
    step = await luc.send(end)
    step = await luc.press("🔢 Saisir le total")
    step = await luc.send("7")
    assert f"compté {euros(7_00)}, livre {euros(7_00)} ✅" in step.text
    step = await luc.send("/cloture")
    assert f"Arrêté de caisse du {end} : {euros(7_00)} ✅" in step.text
    assert f"Le {end}, la banque et la caisse seront reversées au cahier de l'école" in flat(step.text)
    assert step.last.buttons == [["🔒 Clore le cahier"], ["Annuler"]]
    step = await luc.press("🔒 Clore le cahier")
    assert flat(step.text) == flat(f"🔒 Cahier CM1 clos pour l'exercice {years} : banque {euros(0)} et caisse "
                                   f"{euros(7_00)} reversées au cahier de l'école le {end}.")
    b = y.act("cm1", balances.balances, y.ledgers["CM1"], y.year)
    assert (b.banque, b.caisse) == (0, 0)
    # Twice: said, nothing more recorded.
    count = y.live_entries()
    step = await luc.send("/cloture")
    assert flat(step.text) == flat(f"Le cahier CM1 est déjà clos pour l'exercice {years} : reversé le {end} "
                                   f"(banque {euros(0)}, caisse {euros(7_00)}).")
    assert y.live_entries() == count
    # The closed year takes no more entries in that ledger.
    step = await luc.send(f"/depense 2 Colle; fournitures; espèces; 30/08/{y.year + 1}")
    assert f"Le cahier CM1 est clos pour l'exercice {years} : plus aucune écriture n'y change." in step.text
    assert y.live_entries() == count


async def test_the_mandataire_sees_the_open_class_ledgers_and_closes_one(bot, sim, database):
    y = record_year(database)
    years = f"{y.year}-{y.year + 1}"
    helene = person(sim, "mandataire")
    step = await helene.send("/cloture")
    assert step.text.splitlines()[:4] == [
        "Clôture des cahiers de classe",
        f"CE1A — {years} : à clore · banque {euros(15_00)} · caisse {euros(54_50)}",
        f"CE2B — {years} : à clore · banque {euros(64_10)} · caisse {euros(0)}",
        f"CM1 — {years} : à clore · banque {euros(0)} · caisse {euros(7_00)}",
    ]
    assert step.last.buttons == [["🔒 Clore CE1A"], ["🔒 Clore CE2B"], ["🔒 Clore CM1"], ["Annuler"]]
    step = await helene.press("🔒 Clore CE2B")
    assert f"Clôture du cahier CE2B — exercice {years}" in step.text
    step = await helene.press("🔒 Clore le cahier")
    assert "🔒 Cahier CE2B clos" in step.text
    step = await helene.send("/cloture")
    assert f"CE2B — {years} : clos le 31/08/{y.year + 1}" in step.text
    assert step.last.buttons == [["🔒 Clore CE1A"], ["🔒 Clore CM1"], ["🔓 Rouvrir CE2B"], ["Annuler"]]
    report = y.act("mandataire", crf.year_report, y.coop, y.year)
    assert report.missing[0] == ("class_ledgers_open", {"count": 2, "names": ("CE1A", "CM1")})


async def test_a_class_to_count_first_leaves_the_list_for_the_others(bot, sim, database):
    """The mandataire picks CE1A, whose caisse is not counted yet: the list stayed replaced by the notice, without
    buttons, and closing CE2B (nothing to count) meant typing /cloture again."""
    y = record_year(database)
    helene = person(sim, "mandataire")
    listing = (await helene.send("/cloture")).last
    step = await helene.press("🔒 Clore CE1A", message=listing)
    assert step.edited == [] and "⚠️ Il faut d'abord un arrêté de caisse" in step.text
    assert helene.history[-2].buttons == [["🔒 Clore CE1A"], ["🔒 Clore CE2B"], ["🔒 Clore CM1"], ["Annuler"]]
    step = await helene.press("🔒 Clore CE2B", message=listing)
    assert f"Clôture du cahier CE2B — exercice {y.year}-{y.year + 1}" in step.text
    step = await helene.press("🔒 Clore le cahier")
    assert "🔒 Cahier CE2B clos" in step.text


async def test_a_teacher_cannot_close_another_class(bot, sim, database):
    y = record_year(database)
    claire = person(sim, "ce2b")
    step = await claire.send("/cloture")
    assert "Clôture du cahier CE2B" in step.text
    step = await claire.press_data(f"clo:ok:{y.ledgers['CE1A']}", claire.last)
    assert REFUSED in step.text
    assert not any(c.closed for c in y.act("mandataire", crf.year_report, y.coop, y.year).classes)


async def test_a_grant_asks_who_gives_it(bot, sim, database):
    y = record_year(database)
    helene = person(sim, "mandataire")
    count = y.live_entries()
    step = await helene.send("/recette")
    step = await helene.send("250 Subvention du département")
    step = await helene.press("École (école)")
    step = await helene.press("Subventions (État, collectivités)")
    assert step.last.text == ("Qui verse cette subvention ? Par exemple : Mairie de Saint-Paul, Conseil "
                              "départemental, État (ou /annuler)")
    step = await helene.send("x" * 121)
    assert step.text == "Le nom de qui verse la subvention doit faire de 1 à 120 caractères : retapez-le."
    step = await helene.send("Conseil départemental")
    assert step.text == "Reçu comment ?"
    await helene.press("🏦 Virement")
    step = await helene.press("Aujourd'hui")
    assert "versée par Conseil départemental" in step.text
    step = await helene.press("✅ Enregistrer")
    assert "enregistrée" in step.text
    assert y.live_entries() == count + 1
    # On one line, the giver after the account.
    step = await helene.send(f"/recette 80 Subvention; École; subventions; virement; {y.today:%d/%m/%Y}; Mairie de Saint-Paul")
    assert "enregistrée" in step.text
    report = y.act("mandataire", crf.year_report, y.coop, y.year + 1)
    assert [(s.giver, s.amount) for s in report.subventions] == [("Conseil départemental", 250_00),
                                                                  ("Mairie de Saint-Paul", 80_00)]


async def test_a_mandataire_whose_coop_has_no_class_ledger_is_told_so_not_refused(bot, sim, demo):
    from store.demo import seed_sandbox

    demo.run(seed_sandbox)
    nadia = sim.user(1008, "Nadia")  # mandataire of 974-160: its school ledger only
    step = await nadia.send("/cloture")
    assert step.text == ("La coopérative n'a pas de cahier de classe : il n'y a rien à clore. Le cahier de l'école "
                         "ne se clôt pas : son solde passe à l'exercice suivant.")
    assert REFUSED not in step.text


async def test_a_card_drafted_before_its_class_ledger_is_closed_asks_another_date(bot, sim, database):
    y = record_year(database)
    years = f"{y.year}-{y.year + 1}"
    claire = person(sim, "ce2b")
    await claire.send(f"/depense 2 Colle; fournitures; 30/08/{y.year + 1}")
    step = await claire.press("💳 Carte")
    assert "✅ Enregistrer" in str(step.last.buttons)
    y.act("ce2b", closing.close_class_ledger, y.ledgers["CE2B"], label="Reversement", today=y.today)  # meanwhile
    count = y.live_entries()
    step = await claire.press("✅ Enregistrer")
    assert f"Le cahier CE2B est clos pour l'exercice {years}" in step.text
    assert "✅ Enregistrer" not in str(step.last.buttons)  # not the same card again: the date is asked
    assert "Aujourd'hui" in str(step.last.buttons)
    step = await claire.press("Aujourd'hui")
    step = await claire.press("✅ Enregistrer")
    assert "enregistrée — cahier CE2B" in step.text  # in the year that is open, nothing typed again
    assert y.live_entries() == count + 1
