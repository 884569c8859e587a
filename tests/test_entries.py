"""/depense, /recette, receipts, undo and /solde, as a teacher and a mandataire use them between two lessons."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from sqlalchemy import func
from sqlmodel import select

from store.models import Coop, Entry, Ledger, Receipt
from store.money import format_amount
from store.people import who_is
from store.years import fiscal_year_of, today_in
from store.balances import balances as ledger_balances
from tests.reportworld import coop_and_ledgers, seed_year
from tests.world import PERSONAS, seed_world

TODAY = today_in("Indian/Reunion")
YEAR = fiscal_year_of(TODAY)


def eur(text: str) -> str:
    return text.replace(" €", "\xa0€")


def books(database, name: str) -> tuple[int, int, int]:
    """A demo ledger's banque and caisse now, and the next pièce number."""
    def read(session):
        coop = session.exec(select(Coop).where(Coop.affiliation == "974-111")).one()
        found = session.exec(select(Ledger).where(Ledger.coop_id == coop.id, Ledger.name == name)).one()
        balances = ledger_balances(session, who_is(session, 1001), found.id, YEAR)
        last = session.exec(select(func.max(Entry.piece_number)).where(
            Entry.ledger_id == found.id, Entry.fiscal_year == YEAR)).one()  # fmt: skip
        return balances.banque, balances.caisse, (last or 0) + 1
    return database.run(read)


def recorded(piece: int, name: str, banque: int, caisse: int) -> str:
    """What the bot says once an entry is recorded."""
    total = format_amount(banque + caisse)
    return (f"Écriture {piece} enregistrée — cahier {name} : {total} "
            f"(banque {format_amount(banque)} · caisse {format_amount(caisse)})")


async def test_teacher_records_an_expense_by_buttons(bot, cast, demo_books):
    julien = cast["enseignant"]  # one ledger: CE1A
    banque, caisse, piece = books(demo_books, "CE1A")
    step = await julien.send("/depense 12,50 Piles pour la classe")
    assert step.text == "Sur quel compte ?"
    assert step.last.buttons[0] == ["Fournitures éducatives et administratives"]  # the ledger's most used first
    await julien.press("Fournitures éducatives et administratives")
    step = await julien.press("💳 Carte")
    assert "Quelle date ?" in step.text
    step = await julien.press("Aujourd'hui")
    card = step.last.content
    assert card.startswith("Dépense à enregistrer\nPiles pour la classe\n" + eur("12,50 €") + " · carte · ")
    assert "cahier CE1A" in card
    step = await julien.press("✅ Enregistrer")
    assert step.last.content.startswith(recorded(piece, "CE1A", banque - 1250, caisse))
    assert step.last.buttons == [["✏️ Modifier", "↩️ Annuler l'écriture"]]


async def test_everything_on_one_line_is_recorded_at_once(bot, cast, demo_books):
    julien = cast["enseignant"]
    yesterday = TODAY - timedelta(days=1)
    banque, caisse, piece = books(demo_books, "CE1A")
    step = await julien.send("/depense 8,40 Colle #arts; fournitures; espèces; hier")
    assert len(step.messages) == 1
    assert step.text.startswith(recorded(piece, "CE1A", banque, caisse - 840))
    entry = demo_books.run(lambda s: s.exec(select(Entry).where(Entry.label == "Colle")).one())
    assert (entry.amount, entry.day, entry.project, entry.means.value) == (840, yesterday, "arts", "especes")


async def test_mandataire_picks_a_ledger_and_pays_by_cheque_with_the_next_number(bot, cast, demo_books):
    marie = cast["mandataire"]
    step = await marie.send("/depense 45 Car pour la piscine")
    assert step.last.buttons[:3] == [["École (école)"], ["CE1A"], ["CE2B"]]
    await marie.press("École (école)")
    step = await marie.press("Autres comptes…")
    assert len(step.last.buttons) > 8  # every charge of the chart
    await marie.press("Charges des activités éducatives")
    step = await marie.press("🧾 Chèque")
    assert step.last.buttons[0] == ["N° 0001236"]  # the coop's last cheque was 0001235
    step = await marie.send("12ab")
    assert step.text.startswith("Le numéro du chèque s'écrit en chiffres")
    step = await marie.press("N° 0001236")
    step = await marie.press("Hier")
    assert "chèque n° 0001236" in step.last.content
    step = await marie.press("✅ Enregistrer")
    assert "enregistrée — cahier École" in step.text
    step = await marie.send("/solde")
    assert eur("chèques non encaissés : 2 · 410,70 €") in step.text  # 365,70 € + 45,00 €


async def test_a_line_without_its_ledger_keeps_its_account_and_asks_the_ledger(bot, cast, demo_books):
    """The README's grant line typed by a mandataire, who has three ledgers: it said « Je n'ai pas compris
    « subventions » », a word the bot knows, because no ledger was named."""
    marie = cast["mandataire"]
    step = await marie.send("/recette 600 Subvention; subventions; virement; Mairie de Saint-Paul")
    assert step.text == "Dans quel cahier ?"
    await marie.press("École (école)")
    step = await marie.press("Hier")  # the account, the means and the giver were kept
    assert "Subventions (État, collectivités) : 600,00" in step.last.content.replace("\xa0", " ")
    step = await marie.press("✅ Enregistrer")
    assert "enregistrée — cahier École" in step.text
    entry = demo_books.run(lambda s: s.exec(select(Entry).where(Entry.label == "Subvention")).one())
    assert (entry.amount, entry.means.value, entry.giver) == (600_00, "virement", "Mairie de Saint-Paul")


async def test_a_mistyped_date_on_a_grant_line_is_not_taken_for_its_giver(bot, cast, demo_books):
    """« 31/02/2026 » was the one part not understood of a grant's line: it became who gives the grant (the card
    said « versée par 31/02/2026 ») and the date was asked as if none had been typed."""
    julien = cast["enseignant"]
    step = await julien.send("/depense 5 Colle; fournitures; carte; 2026-13-01")  # not a grant: said the same way
    assert step.text.startswith("« 2026-13-01 » n'est pas une date")
    step = await julien.send("/recette 600 Subvention; subventions; virement; 31/02/2026")
    assert step.text == ("« 31/02/2026 » n'est pas une date : écrivez-la jj/mm/aaaa ou jj/mm (par exemple 03/11), ou "
                         "hier, et retapez la ligne.")  # fmt: skip
    step = await julien.send("600 Subvention; subventions; virement; Mairie de Saint-Paul; hier")  # the line again
    assert "enregistrée — cahier CE1A" in step.text
    entry = demo_books.run(lambda s: s.exec(select(Entry).where(Entry.label == "Subvention")).one())
    assert entry.giver == "Mairie de Saint-Paul"


async def test_another_class_ledger_named_on_a_line_is_told_not_yours(bot, cast, demo_books):
    """Julien (CE1A) naming CE2B: « Je n'ai pas compris « CE2B » : … je comprends un cahier … »; on a grant's
    line CE2B became who gives the grant."""
    julien = cast["enseignant"]
    expected = "Vous n'écrivez pas dans le cahier CE2B (vous écrivez dans : CE1A). Retapez la ligne."
    step = await julien.send("/depense 12,50 Piles; CE2B; fournitures; espèces; hier")
    assert step.text == expected
    step = await julien.send("/recette 600 Subvention; subventions; virement; ce2b")
    assert step.text == expected
    step = await julien.send("600 Subvention; subventions; virement; Mairie de Saint-Paul")  # the line again
    assert "Quelle date ?" in step.text


async def test_a_giver_too_long_on_the_line_is_asked_again_at_once(bot, cast, demo_books):
    """A 5 000-character giver on a grant's line: the date was asked, then the card, and only ✅ refused it."""
    julien = cast["enseignant"]
    step = await julien.send("/recette 600 Subvention; subventions; virement; " + "Mairie " * 700)
    assert [m.content for m in step.messages] == [
        "Le nom de qui verse la subvention doit faire de 1 à 120 caractères.",
        "Qui verse cette subvention ? Par exemple : Mairie de Saint-Paul, Conseil départemental, État (ou /annuler)"]
    step = await julien.send("Mairie de Saint-Paul")
    assert "Quelle date ?" in step.text


async def test_an_entry_dated_last_year_says_its_balance_is_that_years(bot, cast, demo):
    """Dated in last year's exercice, still open, it said « cahier École : 1 265,00 € », that year's end, read as
    the ledger's balance now (/solde: 1 258,00 €, with this year's 7 €)."""
    demo.run(seed_year)
    marie = cast["mandataire"]
    step = await marie.send("/depense 7 Colle; École; fournitures; espèces; aujourd'hui")
    assert "enregistrée — cahier École : " in step.text  # this year's: no exercice said
    step = await marie.send(f"/depense 5 Colle; École; fournitures; espèces; 15/06/{YEAR}")
    banque, caisse = demo.run(lambda s: (lambda b: (b.banque, b.caisse))(ledger_balances(
        s, who_is(s, 1001), coop_and_ledgers(s)[1]["École"].id, YEAR - 1)))  # fmt: skip
    assert step.text.startswith(f"Écriture 4 enregistrée — cahier École, exercice {YEAR - 1}-{YEAR} : "
                                f"{format_amount(banque + caisse)} (banque {format_amount(banque)} · caisse "
                                f"{format_amount(caisse)})")  # fmt: skip


async def test_split_a_receipt_over_two_accounts(bot, cast, demo_books):
    marie = cast["mandataire"]
    banque, caisse, piece = books(demo_books, "CE2B")
    await marie.send("/recette 100 Kermesse")
    await marie.press("CE2B")
    step = await marie.press("✂️ Répartir")
    assert eur("reste 100,00 € à répartir") in step.text
    await marie.press("Ventes de produits pour cession")
    step = await marie.send("120")
    assert step.text == eur("C'est plus que les 100,00 € qui restent : tapez un montant plus petit.")
    step = await marie.send("60")
    assert eur("reste 40,00 € à répartir") in step.text
    await marie.press("Dons")
    step = await marie.send("40")
    assert step.text == "Reçu comment ?"
    await marie.press("💶 Espèces (caisse)")
    step = await marie.press("Aujourd'hui")
    assert eur("• Ventes de produits pour cession (photos…) : 60,00 €\n• Dons : 40,00 €") in step.last.content
    step = await marie.press("✅ Enregistrer")
    assert step.text.startswith(recorded(piece, "CE2B", banque, caisse + 10000))


async def test_receipt_photo_right_after_and_in_reply(bot, cast, demo_books, tmp_path):
    julien = cast["enseignant"]
    piece = books(demo_books, "CE1A")[2]
    entry = await julien.send("/depense 3,20 Craies; fournitures; carte; aujourd'hui")
    step = await julien.send_photo(b"\xff\xd8\xff a receipt")
    assert step.text == f"📎 Justificatif joint à l'écriture {piece} (cahier CE1A)."
    step = await julien.send_document(b"%PDF-1.4 facture", "facture.pdf", reply_to=entry.last)
    assert step.text == f"📎 Justificatif joint à l'écriture {piece} (cahier CE1A)."
    step = await julien.send_document(b"MZ...", "virus.exe", reply_to=entry.last)
    assert step.text == "Un justificatif est une photo, une image ou un PDF."
    receipts = demo_books.run(lambda s: s.exec(select(Receipt)).all())
    assert [Path(r.path).read_bytes() for r in receipts] == [b"\xff\xd8\xff a receipt", b"%PDF-1.4 facture"]
    assert all(str(tmp_path / "receipts") in r.path for r in receipts)


async def test_undo_within_ten_minutes(bot, cast, demo_books):
    julien = cast["enseignant"]
    banque, caisse, piece = books(demo_books, "CE1A")
    await julien.send("/depense 5 Erreur; fournitures; carte; aujourd'hui")
    step = await julien.press("↩️ Annuler l'écriture")
    assert f"Écriture {piece} annulée (elle reste au journal, barrée, avec son numéro)." in step.text
    assert books(demo_books, "CE1A") == (banque, caisse, piece + 1)


async def test_bad_amounts_keep_the_step(bot, cast, demo_books):
    julien = cast["enseignant"]
    for typed, answer in (("douze Piles", "Je ne lis pas de montant au début"),
                          ("12,345 Piles", "Deux chiffres après la virgule au plus, par exemple 12,50 :"),
                          ("0 Piles", "Le montant doit être supérieur à zéro, par exemple 12,50 :"),
                          ("-5 Piles", "Un montant négatif n'est pas accepté"),
                          ("100 000,01 Piles", "Le montant dépasse 100\u202f000\xa0€")):  # fmt: skip
        step = await julien.send(f"/depense {typed}")
        assert step.text.startswith(answer), typed
    step = await julien.send("12,5 € Piles pour la classe")  # the same step, typed again
    assert step.text == "Sur quel compte ?"
    step = await julien.send("/annuler")
    assert step.text == "C'est annulé : rien de cette opération n'a été enregistré."


async def test_amounts_written_the_usual_ways(bot, cast, demo_books):
    marie = cast["mandataire"]
    for typed, cents in (("12.50", 1250), ("1 234,56", 123456), ("7", 700)):
        await marie.send(f"/recette {typed} Don; École; dons; virement; aujourd'hui")
        assert demo_books.run(lambda s: s.exec(select(Entry).order_by(Entry.id.desc())).first().amount) == cents


async def test_caisse_never_goes_below_zero(bot, cast, demo_books):
    julien = cast["enseignant"]
    caisse = books(demo_books, "CE1A")[1]
    step = await julien.send("/depense 500 Sortie au zoo; sorties; espèces; aujourd'hui")
    assert (f"La caisse ne peut pas passer sous zéro : elle contient {format_amount(caisse)} "
            "à cette date.") in step.text  # fmt: skip
    assert step.last.content == "Payé comment ?"  # back to the means, the rest kept
    await julien.press("💳 Carte")
    step = await julien.press("✅ Enregistrer")
    assert "enregistrée — cahier CE1A" in step.text


async def test_dates_outside_the_open_year_or_in_the_future(bot, cast, demo_books):
    julien = cast["enseignant"]
    await julien.send("/depense 4 Gommes; fournitures; carte")
    await julien.press("📅 Autre date")
    step = await julien.send("31/02")
    assert step.text.startswith("Ce n'est pas une date")
    future = TODAY + timedelta(days=3)
    step = await julien.send(future.strftime("%d/%m/%Y"))  # refused at the date step, not after the card
    assert step.text == f"La date ne peut pas être dans le futur : tapez une date jusqu'au {TODAY:%d/%m/%Y}."
    assert "Dépense à enregistrer" not in step.text
    step = await julien.send(f"01/09/{YEAR - 2}")
    assert "n'est plus ouvert" in step.text and "Dépense à enregistrer" not in step.text
    step = await julien.send(TODAY.isoformat())  # aaaa-mm-jj too
    assert f"📅 Date comprise : {TODAY:%d/%m/%Y}." in step.text
    assert step.last.content.startswith("Dépense à enregistrer")


async def test_solde_for_each_role(bot, cast, demo_books, sim):
    step = await cast["enseignant"].send("/solde")
    assert "CE1A" in step.text and "CE2B" not in step.text and "Coopérative" not in step.text
    step = await cast["mandataire"].send("/solde")
    lines = step.text.splitlines()
    assert [line.split(" :")[0] for line in lines if line.startswith("📒")] == ["📒 cahier École", "📒 cahier CE1A",
                                                                              "📒 cahier CE2B"]
    assert any(line.startswith("Coopérative 974-111 :") for line in lines)
    assert eur("chèques non encaissés : 1 · 365,70 €") in step.text


async def test_foreign_coop_and_wrong_role(bot, sim, cast, demo_books):
    demo_books.run(seed_world)
    odile = sim.user(*PERSONAS["mandataire_autre_coop"])
    marie = cast["mandataire"]
    await marie.send("/depense 1 Test")
    our_ledger_data = marie.last.button("CE1A")["callback_data"]
    step = await odile.send("/depense 2 Intrus")
    step = await odile.press_data(our_ledger_data, step.last)
    assert "Vous n'avez pas accès à cette coopérative ou à ce cahier." in step.text
    recorded = await cast["enseignant"].send("/depense 2 Règle; fournitures; carte; aujourd'hui")
    undo = recorded.last.button("↩️ Annuler l'écriture")["callback_data"]
    step = await odile.press_data(undo, recorded.last)
    assert "Vous n'avez pas accès à cette coopérative ou à ce cahier." in step.text
    step = await sim.user(*PERSONAS["verificateur"]).send("/depense 3 Non")
    assert step.text.startswith("La commande /depense n'est pas ouverte à votre rôle.")


async def test_a_replayed_update_is_not_handled_twice(bot, sim, cast, demo_books):
    julien = cast["enseignant"]
    before = books(demo_books, "CE1A")
    await julien.send("/depense 2 Règle; fournitures; carte; aujourd'hui")
    update_id = max(sim.updates_sent)
    step = await sim.replay(update_id, julien.id)
    assert step.messages == []
    assert books(demo_books, "CE1A") == (before[0] - 200, before[1], before[2] + 1)


async def test_department_chooses_d_and_r_numbering(bot, cast, demo_books, database_url, monkeypatch, capsys):
    from bot.cli import main

    monkeypatch.setenv("DATABASE_URL", database_url)
    assert main(["department", "set", "974", "--numbering", "dr"]) == 0
    assert "D1, D2… pour les dépenses, R1, R2… pour les recettes" in capsys.readouterr().out
    julien = cast["enseignant"]
    step = await julien.send("/depense 2 Feutres; fournitures; carte; aujourd'hui")
    assert step.text.startswith("Écriture D1 enregistrée — cahier CE1A")
    step = await julien.send("/recette 5 Don; dons; espèces; aujourd'hui")
    assert step.text.startswith("Écriture R1 enregistrée — cahier CE1A")


async def test_a_report_a_nouveau_carried_forward_is_not_asked(bot, cast, demo):
    """CE1A's books start last year: this year's report à nouveau is computed. /report asked its banque and
    caisse all the same, then said « Le report à nouveau de ce cahier vient de l'exercice précédent. »"""
    julien = cast["enseignant"]
    await julien.send("/report")
    await julien.press(f"{YEAR - 1}-{YEAR}")
    await julien.send("10")
    step = await julien.send("0")
    assert step.text.startswith("Report à nouveau enregistré")
    step = await julien.send("/report")
    assert step.text.startswith(f"Le report à nouveau {YEAR}-{YEAR + 1} du cahier CE1A vient de l'exercice "
                                f"précédent : il est calculé.\n\nReport à nouveau du cahier CE1A, exercice {YEAR - 1}-{YEAR}.")
    assert eur("déjà saisi : banque 10,00 € · caisse 0,00 €") in step.text
    assert step.last.buttons == []


async def test_opening_balance_of_a_new_ledger(bot, cast, demo):
    julien = cast["enseignant"]  # CE1A has no books yet in the bare demo
    step = await julien.send("/report")
    assert f"Report à nouveau du cahier CE1A, exercice {YEAR}-{YEAR + 1}." in step.text
    step = await julien.send("beaucoup")
    assert step.text.startswith("Tapez un montant en chiffres")
    await julien.send("-12,50")
    step = await julien.send("-3")  # answered « Tapez un montant en chiffres », as if unreadable
    assert step.text == ("Une caisse ne peut pas être négative : tapez son montant sans signe, par exemple 12,50 "
                         "(0 si elle est vide).")
    step = await julien.send("20")  # the banque typed before is kept
    assert step.text == eur("Report à nouveau enregistré — cahier CE1A : 7,50 € (banque −12,50 € · caisse 20,00 €)")
    assert books(demo, "CE1A")[:2] == (-1250, 2000)
    step = await julien.send("/depense 25 Sortie; sorties; espèces; aujourd'hui")
    assert f"elle contient {format_amount(2000)}" in step.text
    # Typed again: it said nothing of the report à nouveau it was about to replace.
    step = await julien.send("/report")
    assert eur("Report à nouveau déjà saisi : banque −12,50 € · caisse 20,00 €. Les montants que vous tapez le "
               "remplacent (/annuler pour le garder).") in step.text
    # Last year is open, but CE1A's books start this year: 2025-2026 was offered, and refused only once
    # both amounts were typed (« Ce cahier commence plus tard »).
    assert step.last.buttons is None or [f"{YEAR - 1}-{YEAR}"] not in step.last.buttons
    await julien.send("0")
    step = await julien.send("/annuler")
    assert books(demo, "CE1A")[:2] == (-1250, 2000)
