"""/journal and /historique, typed and pressed as a teacher, a mandataire and a vérificateur would."""

from __future__ import annotations

import re
from datetime import date

import pytest
from babel.dates import get_month_names
from sqlmodel import select

from store import cashcounts, entries, movements, reconciliation
from store.models import AuditEvent, Coop, Direction, Entry, Ledger, Means, MovementKind, Treasury
from store.people import who_is
from store.years import fiscal_year_of, today_in
from tests.world import PERSONAS, seed_world

TODAY = today_in("Indian/Reunion")
YEAR = fiscal_year_of(TODAY)
REFUSED = "Vous n'avez pas accès à cette coopérative ou à ce cahier."
MONTHS = get_month_names("wide", locale="fr_FR")
JULIEN, MARIE = 1002, 1001


def eur(text: str) -> str:
    """Amounts as Babel writes them in French: a no-break space before €."""
    return text.replace(" €", "\xa0€")


def act(db, telegram_id, fn, *args, **kwargs):
    """A store function as this person, in one transaction."""
    return db.run(lambda s: fn(s, who_is(s, telegram_id), *args, **kwargs))


def entry_id(db, label: str) -> int:
    return db.run(lambda s: s.exec(select(Entry.id).where(Entry.label == label)).one())


def ledger_id(db, name: str, affiliation: str = "974-111") -> int:
    return db.run(lambda s: s.exec(select(Ledger.id).join(Coop, Coop.id == Ledger.coop_id)
                                   .where(Ledger.name == name, Coop.affiliation == affiliation)).one())  # fmt: skip


def expense(db, telegram_id, ledger_name, label, amount, *, day=TODAY, splits="fournitures"):
    return act(db, telegram_id, entries.record_entry, ledger_id(db, ledger_name), direction=Direction.DEPENSE,
               day=day, label=label, treasury=Treasury.BANQUE, means=Means.CARTE, amount=amount, splits=splits,
               today=TODAY)  # fmt: skip


def short_messages(step) -> bool:
    return all(len(m.content) < 4096 for m in step.messages + step.edited)


@pytest.fixture
def world(demo_books):
    """The demo with its books, plus a signataire, a vérificateur and coop 974-222 with its mandataire."""
    demo_books.run(seed_world)
    return demo_books


# ------------------------------------------------------------------ reading


async def test_teacher_sees_only_their_ledgers_journal(bot, cast, demo_books):
    julien = cast["enseignant"]
    step = await julien.send("/journal")
    assert f"Journal du cahier CE1A\nexercice {YEAR}-{YEAR + 1}" in step.text
    assert "Fournitures de peinture" in step.text and "Vente de gâteaux" in step.text
    assert "Participation des" not in step.text and "Entrées au musée" not in step.text
    pieces = demo_books.run(lambda s: s.exec(select(Entry).where(Entry.ledger_id == ledger_id(demo_books, "CE1A"))
                                             .order_by(Entry.day.desc(), Entry.id.desc())).all())  # fmt: skip
    labels = [eur(f"{e.piece_number} · {'+' if e.direction == Direction.RECETTE else '−'}"
                  f"{e.amount // 100},{e.amount % 100:02d} €") for e in pieces]  # fmt: skip
    assert [b for row in step.last.buttons[:-3] for b in row] == labels
    assert eur("1 · −23,80 €") in labels and eur("2 · +64,50 €") in labels
    assert step.last.buttons[-3:] == [["📅 Mois…", "🔎 Chercher"], [f"{YEAR - 1}-{YEAR}"], ["Fermer"]]
    step = await julien.press_data(f"jnl:e:{entry_id(demo_books, 'Participation des familles')}", julien.last)
    assert REFUSED in step.text
    step = await julien.press("Fermer")
    assert "Journal fermé." in step.text


async def test_a_label_with_an_apostrophe_keeps_its_entry_on_two_lines(bot, cast, demo_books):
    """« 4 · 01/12/2026 · Sortie à l'île de la R… » broke into three lines (« Sortie à l'île de\nla R… »): the
    apostrophe, sent as &#x27;, counted six characters in the width of a phone's line."""
    julien = cast["enseignant"]
    await julien.send("/depense 5 Sortie à l'île de la Réunion; fournitures; carte; aujourd'hui")
    step = await julien.send("/journal")
    head = f"4 · {TODAY:%d/%m/%Y} · "
    assert f"\n{head}Sortie à l'île de la R…\n−5,00\xa0€ · banque → " in step.text


async def test_mandataire_picks_a_ledger_and_turns_pages(bot, cast, demo_books):
    for n in range(1, 11):
        expense(demo_books, MARIE, "École", f"Achat n°{n}", n * 100)
    total = demo_books.run(lambda s: len(s.exec(select(Entry.id).where(
        Entry.ledger_id == ledger_id(demo_books, "École"))).all()))  # fmt: skip
    assert 12 <= total <= 16  # two pages
    marie = cast["mandataire"]
    step = await marie.send("/journal")
    assert step.text == "Le journal de quel cahier ?"
    assert step.last.buttons == [["École (école)"], ["CE1A"], ["CE2B"], ["🏫 Toute la coopérative 974-111"],
                                 ["Annuler"]]  # fmt: skip
    step = await marie.press("École (école)")
    assert f"Page 1/2 · {total} écritures" in step.text
    assert "Achat n°10" in step.text and "Achat n°3" in step.text and "Achat n°2" not in step.text
    assert len(step.last.buttons[0]) == 2 and sum(len(r) for r in step.last.buttons[:4]) == 8
    assert step.last.buttons[4] == ["▶️"]
    assert step.last.buttons[5:7] == [["📅 Mois…", "🔎 Chercher"], ["📒 Autre cahier", f"{YEAR - 1}-{YEAR}"]]
    step = await marie.press("▶️")
    assert f"Page 2/2 · {total} écritures" in step.text
    assert "Achat n°2\n" in step.text and "Achat n°1\n" in step.text
    assert "Participation des" in step.text and "Cotisation et" in step.text
    assert ["◀️"] in step.last.buttons and ["▶️"] not in step.last.buttons
    step = await marie.press("◀️")
    assert "Page 1/2" in step.text
    step = await marie.press("📒 Autre cahier")
    step = await marie.press("CE2B")
    assert "Journal du cahier CE2B" in step.text and "Entrées au musée" in step.text
    assert short_messages(step)


async def test_month_filter(bot, cast, demo_books):
    expense(demo_books, JULIEN, "CE1A", "Rentrée", 1000, day=date(YEAR, 9, 1))
    days = dict(demo_books.run(lambda s: s.exec(select(Entry.label, Entry.day).where(
        Entry.ledger_id == ledger_id(demo_books, "CE1A"))).all()))  # fmt: skip
    julien = cast["enseignant"]
    await julien.send("/journal")
    step = await julien.press("📅 Mois…")
    assert step.text == f"Quel mois de l'exercice {YEAR}-{YEAR + 1} ?"
    assert step.last.buttons[0] == [f"septembre {YEAR}", f"octobre {YEAR}", f"novembre {YEAR}"]
    assert step.last.buttons[3] == [f"juin {YEAR + 1}", f"juillet {YEAR + 1}", f"août {YEAR + 1}"]
    assert step.last.buttons[4:] == [["Tous les mois"], ["↩️ Retour"]]
    for month in sorted({9, TODAY.month}):
        name = f"{MONTHS[month]} {YEAR if month >= 9 else YEAR + 1}"
        if month != 9:
            await julien.press("📅 Mois…")
        step = await julien.press(name)
        assert f"Mois : {name}" in step.text
        for label, day in days.items():
            assert (label[:15] in step.text) == (day.month == month), (label, day, month)
    later = [m for m in (9, 10, 11, 12, 1, 2, 3, 4, 5, 6, 7, 8) if date(YEAR if m >= 9 else YEAR + 1, m, 1) > TODAY]
    if later:
        await julien.press("📅 Mois…")
        name = f"{MONTHS[later[0]]} {YEAR if later[0] >= 9 else YEAR + 1}"
        step = await julien.press(name)
        assert f"Aucune écriture en {name}." in step.text
    await julien.press("📅 Mois…")
    step = await julien.press("Tous les mois")
    assert all(label[:15] in step.text for label in days) and "Mois :" not in step.text


async def test_open_an_entry_and_get_its_receipts_back(bot, sim, cast, demo_books):
    photo, pdf = b"\xff\xd8 ticket de caisse", b"%PDF-1.4 facture"
    fournitures = entry_id(demo_books, "Fournitures de peinture")
    for data, name, mime in ((photo, "photo.jpg", "image/jpeg"), (pdf, "facture.pdf", "application/pdf")):
        file_id = sim.store_file(data, name)
        act(demo_books, JULIEN, entries.attach_receipt, fournitures, file_id=file_id, file_unique_id=file_id[-12:],
            path=f"receipts/{name}", mime_type=mime, size=len(data), today=TODAY)  # fmt: skip
    julien = cast["enseignant"]
    step = await julien.send("/journal")
    assert "Fournitures de peinture\n−23,80\xa0€ · banque → " in step.text
    assert step.text.split("Fournitures de peinture\n", 1)[1].split("\n", 1)[0].endswith("€ 📎")
    step = await julien.press(eur("1 · −23,80 €"))
    day = demo_books.run(lambda s: s.get(Entry, fournitures).day)
    assert step.text == "\n".join([
        "Écriture 1 — cahier CE1A", f"Date : {day:%d/%m/%Y}", "Libellé : Fournitures de peinture",
        "Dépense · banque · carte", eur("Montant : 23,80 €"), "Ventilation :",
        eur("• 60640008 Fournitures éducatives et administratives : 23,80 €"), "Projet : aucun",
        "Pas encore pointée", "Justificatifs : 2"])  # fmt: skip
    assert step.last.buttons == [["📎 Justificatifs (2)"], ["✏️ Modifier", "🗑 Annuler l'écriture"],
                                 ["🕓 Historique"], ["↩️ Retour"]]  # fmt: skip
    step = await julien.press("📎 Justificatifs (2)")
    sent_photo, sent_pdf = step.messages
    assert sent_photo.photo and julien.download(sent_photo.photo) == photo
    assert sent_pdf.document and julien.download(sent_pdf.document) == pdf
    assert sent_photo.content == "Justificatif de l'écriture 1 (CE1A)"
    step = await julien.press("↩️ Retour")
    assert "Journal du cahier CE1A" in step.text

    marie = cast["mandataire"]
    await marie.send("/journal")
    await marie.press("École (école)")
    step = await marie.press(eur("2 · −365,70 €"))
    assert "Dépense · banque · chèque n° 0001234" in step.text and "Justificatif : aucun" in step.text
    assert ["📎 Justificatif"] not in step.last.buttons
    step = await marie.press("↩️ Retour")
    step = await marie.press(eur("1 · +450,00 €"))
    assert "Recette · banque · virement" in step.text and "75620008 Participation volontaire des familles" in step.text


# ------------------------------------------------------------------ changing


async def test_a_receipt_sent_in_reply_to_an_entry_opened_in_the_journal_is_its_own(bot, cast, demo_books):
    """Days later, the entry opened in /journal and its photo sent in reply: « À quelle écriture joindre ce
    justificatif ? Envoyez-le en réponse au message de l'écriture » — what had just been done."""
    julien = cast["enseignant"]
    await julien.send("/journal")
    card = (await julien.press(eur("1 · −23,80 €"))).last
    step = await julien.send_photo(b"\xff\xd8\xff\xe0 facture", reply_to=card)
    assert step.text == "📎 Justificatif joint à l'écriture 1 (cahier CE1A)."
    page = (await julien.press("↩️ Retour")).last  # the same message, a page again: no entry of its own
    step = await julien.send_photo(b"\xff\xd8\xff\xe0 autre", reply_to=page)
    assert step.text.startswith("À quelle écriture joindre ce justificatif ?")
    assert len(act(demo_books, JULIEN, entries.get_entry, entry_id(demo_books, "Fournitures de peinture")).receipts) == 1


async def test_edit_amount_and_label_then_the_trails(bot, cast, demo_books):
    julien = cast["enseignant"]
    await julien.send("/journal")
    await julien.press(eur("1 · −23,80 €"))
    step = await julien.press("✏️ Modifier")
    assert step.text == "Que modifier dans l'écriture 1 ?"
    assert step.last.buttons == [["Libellé"], ["Montant"], ["Date"], ["Moyen de paiement"], ["Compte"], ["Projet"],
                                 ["↩️ Retour"]]
    step = await julien.press("Montant")
    assert step.text == eur("Nouveau montant de l'écriture 1 (actuel : 23,80 €), par exemple 12,50 :")
    for typed, answer in (("douze", "Tapez un montant en chiffres, par exemple 12,50 :"),
                          ("12,505", "Deux chiffres après la virgule au plus, par exemple 12,50 :"),
                          ("-3", "Un montant négatif n'est pas accepté"),
                          ("0", "Le montant doit être supérieur à zéro, par exemple 12,50 :")):  # fmt: skip
        step = await julien.send(typed)
        assert step.text.startswith(answer), typed
    step = await julien.send("25")
    assert step.text.startswith("Écriture 1 modifiée.")
    assert eur("Montant : 25,00 €") in step.text and eur("Fournitures éducatives et administratives : 25,00 €") in step.text
    await julien.press("✏️ Modifier")
    step = await julien.press("Libellé")
    assert step.text == "Nouveau libellé de l'écriture 1 (actuel : « Fournitures de peinture ») :"
    step = await julien.send("x" * 121)
    assert step.text == "Le libellé doit faire de 1 à 120 caractères : raccourcissez-le."  # as /depense says it
    step = await julien.send("Peinture <et> pinceaux")
    assert "Écriture 1 modifiée." in step.text and "Libellé : Peinture <et> pinceaux" in step.text
    await julien.press("✏️ Modifier")
    await julien.press("Date")
    step = await julien.send("31/02")
    assert step.text == f"Ce n'est pas une date : tapez jj/mm/aaaa, par exemple {TODAY:%d/%m/%Y}."
    step = await julien.send(f"{date(YEAR + 1, 8, 31):%d/%m/%Y}")
    assert step.text == f"La date ne peut pas être dans le futur : tapez une date jusqu'au {TODAY:%d/%m/%Y}."
    step = await julien.send(f"{date(YEAR, 9, 2):%d/%m/%Y}")
    assert f"Date : 02/09/{YEAR}" in step.text
    await julien.press("✏️ Modifier")
    await julien.press("Moyen de paiement")
    step = await julien.press("chèque")
    assert step.text == "Numéro du chèque (des chiffres, par exemple 1234567) :"
    step = await julien.send("12a")
    assert step.text.startswith("Le numéro du chèque s'écrit en chiffres")
    step = await julien.send("7654321")
    assert "Dépense · banque · chèque n° 7654321" in step.text
    await julien.press("✏️ Modifier")
    await julien.press("Moyen de paiement")
    step = await julien.press("espèces")
    assert "Dépense · caisse · espèces" in step.text and "pointée" not in step.text
    await julien.press("✏️ Modifier")
    await julien.press("Projet")
    step = await julien.send("#Sortie mer")
    assert "Projet : #sortiemer" in step.text
    await julien.press("✏️ Modifier")
    await julien.press("Projet")
    step = await julien.send("aucun")
    assert "Projet : aucun" in step.text

    step = await julien.press("🕓 Historique")
    lines = step.text.splitlines()
    assert lines[0] == "Historique de l'écriture 1 — cahier CE1A"
    assert all(re.match(r"\d\d/\d\d/\d{4} \d\d:\d\d — ", line) for line in lines[2:])
    what = [line.split(" — ", 2)[1:] for line in lines[2:]]
    assert what[0] == ["Marie Payet", eur("créée : dépense de 23,80 €, « Fournitures de peinture »")]
    assert what[1] == ["Julien Hoarau", eur("modifiée : montant 23,80 € → 25,00 €")]
    assert what[2] == ["Julien Hoarau", "modifiée : libellé « Fournitures de peinture » → « Peinture <et> pinceaux »"]
    assert what[4] == ["Julien Hoarau", "modifiée : moyen carte → chèque ; n° de chèque — → 7654321"]
    assert what[5] == ["Julien Hoarau", "modifiée : banque/caisse banque → caisse ; moyen chèque → espèces ; "
                                        "n° de chèque 7654321 → —"]
    assert what[7] == ["Julien Hoarau", "modifiée : projet #sortiemer → —"]
    step = await julien.press("↩️ Retour")
    assert "Écriture 1 — cahier CE1A" in step.text

    step = await julien.send("/historique")
    assert "n'est pas ouverte à votre rôle" in step.text
    marie = cast["mandataire"]
    step = await marie.send("/historique")
    assert step.text.startswith("Historique de la coopérative 974-111 (École Les Tamarins)")
    assert "Julien Hoarau\nécriture 1 (CE1A) modifiée : projet #sortiemer → —" in step.text
    assert eur("écriture 1 (CE1A) modifiée : montant 23,80 € → 25,00 €") in step.text
    assert eur("Marie Payet\nécriture 1 (CE2B) créée : dépense de 85,00 €, « Entrées au musée »") in step.text
    events = demo_books.run(lambda s: len(s.exec(select(AuditEvent.id).join(Coop, Coop.id == AuditEvent.coop_id)
                                                 .where(Coop.affiliation == "974-111")).all()))  # fmt: skip
    assert 11 <= events <= 20 and f"Page 1/2 · {events} événements" in step.text  # the demo's, and 7 edits
    assert "report à nouveau" not in step.text
    step = await marie.press("▶️")
    assert "Page 2/2" in step.text and "Entrées au musée" not in step.text
    assert eur("Marie Payet\nécriture 2 (École) créée : dépense de 365,70 €, « Cotisation et assurance OCCE »") \
        in step.text  # fmt: skip
    assert eur("Marie Payet\nreport à nouveau du cahier CE1A : banque 240,00 €, caisse 30,00 €") in step.text
    step = await marie.press("Fermer")
    assert step.last.buttons == []


async def test_the_amount_of_a_split_entry_asks_the_split_again(bot, cast, demo_books):
    split = expense(demo_books, JULIEN, "CE1A", "Sortie et fournitures", 1500,
                    splits=[("fournitures", 1000), ("sorties", 500)])  # fmt: skip
    julien = cast["enseignant"]
    await julien.send("/journal")
    step = await julien.press(eur(f"{split.piece} · −15,00 €"))
    assert eur("• 62510008") in step.text and step.text.count("• ") == 2
    await julien.press("✏️ Modifier")
    await julien.press("Montant")
    step = await julien.send("20")
    assert step.text.startswith(eur(f"Écriture {split.piece} : 20,00 € à répartir. Combien sur « Fournitures "
                                    "éducatives et administratives » ? (avant : 10,00 € ; reste 20,00 €)"))  # fmt: skip
    step = await julien.press("↩️ Retour")  # changed their mind: nothing changes
    assert eur("Montant : 15,00 €") in step.text
    step = await julien.send("20")  # back at the entry: typing is not an edit any more
    assert "modifiée" not in step.text
    assert act(demo_books, JULIEN, entries.get_entry, entry_id(demo_books, "Sortie et fournitures")).amount == 1500
    await julien.press("✏️ Modifier")
    await julien.press("Montant")
    await julien.send("20")
    step = await julien.send("12")  # the last account takes the rest
    assert eur("Montant : 20,00 €") in step.text and eur("Charges des activités éducatives (sorties, spectacles, "
                                                         "transports) : 8,00 €") in step.text  # fmt: skip


async def test_a_split_entrys_accounts_are_changed_part_by_part(bot, cast, demo_books):
    """A split entry's edit menu had no « Compte » (an entry on one account has it): « Comptes » asks each part's
    account in turn, its amount kept, « Garder » keeping the account it has."""
    split = expense(demo_books, JULIEN, "CE1A", "Sortie et fournitures", 1500,
                    splits=[("fournitures", 1000), ("sorties", 500)])  # fmt: skip
    supplies = "Fournitures éducatives et administratives"
    trips = "Charges des activités éducatives (sorties, spectacles, transports)"
    julien = cast["enseignant"]
    await julien.send("/journal")
    await julien.press(eur(f"{split.piece} · −15,00 €"))
    step = await julien.press("✏️ Modifier")
    assert ["Comptes"] in step.last.buttons
    step = await julien.press("Comptes")
    assert step.text == eur(f"Écriture {split.piece}, répartie sur 2 comptes — part 1/2, 10,00 € sur « {supplies} » : "
                            "sur quel compte ?")  # fmt: skip
    assert step.last.buttons[0] == [f"Garder « {supplies} »"] and [supplies] not in step.last.buttons
    assert step.last.buttons[-2:] == [["Autres comptes…"], ["↩️ Retour"]]
    step = await julien.press(f"Garder « {supplies} »")
    assert step.text == eur(f"Écriture {split.piece}, répartie sur 2 comptes — part 2/2, 5,00 € sur « {trips} » : "
                            "sur quel compte ?")  # fmt: skip
    step = await julien.press("Autres comptes…")
    step = await julien.press("Services bancaires")
    assert f"Écriture {split.piece} modifiée" in step.text
    assert eur(f"{supplies} : 10,00 €") in step.text and eur("Services bancaires : 5,00 €") in step.text
    assert trips not in step.text
    parts = act(demo_books, JULIEN, entries.get_entry, entry_id(demo_books, "Sortie et fournitures")).splits
    assert sorted((p.account_label, p.amount) for p in parts) == [(supplies, 1000), ("Services bancaires", 500)]


async def test_cancel_with_confirmation_keeps_the_number(bot, cast, demo_books):
    julien = cast["enseignant"]
    await julien.send("/journal")
    await julien.press(eur("1 · −23,80 €"))
    step = await julien.press("🗑 Annuler l'écriture")
    assert step.text.startswith(eur("Annuler l'écriture 1 « Fournitures de peinture » (23,80 €) ?"))
    assert step.last.buttons == [["🗑 Oui, annuler l'écriture"], ["↩️ Retour"]]
    step = await julien.press("↩️ Retour")
    assert "annulée" not in step.text
    await julien.press("🗑 Annuler l'écriture")
    step = await julien.press("🗑 Oui, annuler l'écriture")
    assert step.text.startswith("Écriture 1 annulée : elle reste au journal, barrée, avec son numéro.")
    assert "❌ Écriture annulée" in step.text
    assert step.last.buttons == [["🕓 Historique"], ["↩️ Retour"]]
    step = await julien.press("↩️ Retour")
    assert "<s>1 · " in step.last.text and "Fournitures de peinture" in step.last.text
    assert "</s> (annulée)" in step.last.text
    assert eur("✖ 1 · −23,80 €") in [b for row in step.last.buttons for b in row]
    new = expense(demo_books, JULIEN, "CE1A", "Pinceaux", 900)
    count = demo_books.run(lambda s: len(s.exec(select(Entry.id).where(Entry.ledger_id == new.ledger_id)).all()))
    assert new.piece == str(count)  # the cancelled entry kept its number: the numbering goes on after it
    await julien.press(eur("✖ 1 · −23,80 €"))
    step = await julien.press("🕓 Historique")
    assert step.text.splitlines()[-1].endswith("Julien Hoarau — annulée")
    step = await cast["mandataire"].send("/historique")
    assert f"Julien Hoarau\nécriture {new.piece} (CE1A) créée" in step.text
    assert "Julien Hoarau\nécriture 1 (CE1A) annulée" in step.text


# ------------------------------------------------------------------ refusals


async def test_cancelling_the_cash_recette_an_expense_spent_says_how_low_the_caisse_would_fall(bot, cast, demo_books):
    """The cakes' 64,50 € cancelled after 90 € spent in cash: « elle contient −60,00 € à cette date », a caisse
    holding less than nothing on the cakes' day."""
    julien = cast["enseignant"]
    await julien.send("/depense 90 Sortie; fournitures; espèces; aujourd'hui")
    await julien.send("/journal")
    await julien.press(eur("2 · +64,50 €"))
    await julien.press("🗑 Annuler l'écriture")
    step = await julien.press("🗑 Oui, annuler l'écriture")
    assert step.text.startswith(eur("La caisse ne peut pas passer sous zéro : elle descendrait à −60,00 €, car des "
                                    "dépenses en espèces enregistrées après comptent sur cette somme.\n\nÉcriture 2"))
    assert act(demo_books, JULIEN, entries.get_entry, entry_id(demo_books, "Vente de gâteaux")).cancelled is False


async def test_cancelling_one_half_of_a_movement_says_the_other_half_goes_too(bot, cast, demo_books):
    """An advance cancelled from the class ledger's journal took the school ledger's half with it, unsaid."""
    act(demo_books, MARIE, movements.record_movement, MovementKind.AVANCE, ledger_id=ledger_id(demo_books, "École"),
        to_ledger_id=ledger_id(demo_books, "CE1A"), day=TODAY, amount=30_00, label="Avance", today=TODAY)  # fmt: skip
    marie = cast["mandataire"]
    await marie.send("/journal")
    await marie.press("CE1A")
    await marie.press(eur("4 · +30,00 €"))
    step = await marie.press("🗑 Annuler l'écriture")
    assert step.text.endswith("\nC'est un mouvement interne : son autre moitié (cahier École, banque) est annulée "
                              "avec elle.")  # fmt: skip


async def test_a_fields_button_left_from_before_an_entry_was_cancelled_asks_nothing(bot, cast, demo_books):
    """The edit menu left open, the entry cancelled by its ↩️ Annuler: « Montant » asked the new amount, and only the
    amount typed said « Cette écriture est déjà annulée »."""
    julien = cast["enseignant"]
    recorded = (await julien.send("/depense 5 Colle; fournitures; carte; hier")).last
    await julien.send("/journal")
    await julien.press(eur("4 · −5,00 €"))
    menu = (await julien.press("✏️ Modifier")).last
    await julien.press("↩️ Annuler l'écriture", message=recorded)
    step = await julien.press("Montant", message=menu)
    assert "Nouveau montant" not in step.text and "❌ Écriture annulée" in step.text


async def test_verificateur_reads_but_cannot_change(bot, sim, world):
    victor = sim.user(*PERSONAS["verificateur"])
    await victor.send("/journal")
    await victor.press("École (école)")
    step = await victor.press(eur("2 · −365,70 €"))
    assert "Cotisation et assurance OCCE" in step.text
    assert step.last.buttons == [["🕓 Historique"], ["↩️ Retour"]]
    cotisation = entry_id(world, "Cotisation et assurance OCCE")
    for forged in (f"jnl:ed:{cotisation}", f"jnl:x:{cotisation}"):
        step = await victor.press_data(forged, victor.last)
        assert REFUSED in step.text, forged
    step = await victor.press("🕓 Historique")
    assert "Marie Payet — créée" in step.text
    entry = act(world, MARIE, entries.get_entry, cotisation)
    assert (entry.cancelled, entry.amount) == (False, 365_70)
    step = await victor.send("/historique")
    assert "n'est pas ouverte à votre rôle" in step.text


async def test_mandataire_of_another_coop_cannot_open_our_entries(bot, sim, world):
    odile = sim.user(*PERSONAS["mandataire_autre_coop"])
    step = await odile.send("/journal")
    assert step.last.buttons == [["École (école)"], ["CP"], ["🏫 Toute la coopérative 974-222"], ["Annuler"]]
    step = await odile.press_data(f"jnl:l:{ledger_id(world, 'CE1A')}", odile.last)
    assert REFUSED in step.text
    step = await odile.press("CP")
    assert "Aucune écriture pour l'instant." in step.text
    step = await odile.press_data(f"jnl:e:{entry_id(world, 'Vente de gâteaux')}", odile.last)
    assert REFUSED in step.text
    step = await odile.send("/historique")
    assert "Historique de la coopérative 974-222" in step.text and "Rien n'a encore été enregistré." in step.text
    ours = world.run(lambda s: s.exec(select(Coop.id).where(Coop.affiliation == "974-111")).one())
    step = await odile.press_data(f"hist:p:{ours}:0", odile.last)
    assert REFUSED in step.text


async def test_signataire_reads_the_coops_history(bot, sim, world):
    sabine = sim.user(*PERSONAS["signataire"])
    step = await sabine.send("/historique")
    assert "Historique de la coopérative 974-111" in step.text
    assert eur("Marie Payet\nécriture 1 (CE2B) créée : dépense de 85,00 €, « Entrées au musée »") in step.text
    ours = world.run(lambda s: s.exec(select(Coop.id).where(Coop.affiliation == "974-111")).one())
    act(world, MARIE, reconciliation.record_statement, ours, day=TODAY, balance=500_00, today=TODAY,
        entry_ids=[entry_id(world, "Participation des familles")])  # fmt: skip
    act(world, JULIEN, cashcounts.count_cash, ledger_id(world, "CE1A"), day=TODAY, today=TODAY, total=94_50)
    step = await sabine.send("/historique")
    lines = step.text.splitlines()[2:8]  # two lines an event: when · who, then what
    assert [f"{who.split(' · ', 1)[1]} — {what}" for who, what in zip(lines[::2], lines[1::2])] == [
        eur(f"Julien Hoarau — arrêté de caisse du cahier CE1A au {TODAY:%d/%m/%Y} : 94,50 € en caisse"),
        f"Marie Payet — 1 opération pointée sur le relevé du {TODAY:%d/%m/%Y}",
        eur(f"Marie Payet — relevé bancaire du {TODAY:%d/%m/%Y} enregistré, solde 500,00 €")]  # fmt: skip
    assert short_messages(step)
