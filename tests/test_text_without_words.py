"""Text with no letter nor digit (emoji only, punctuation only) typed where words are expected: an entry's label,
a grant's giver, a movement's label, a /contact message. Each is refused at the step it is typed at, saying what is
expected, and the step stays; the bank file's « — » for a line without a label is not typed, and still works.
A CRA project's title and an /annonce are refused so too (tests/test_reports.py, tests/test_annonce.py)."""

from __future__ import annotations

from sqlmodel import select

from store.models import ContactMessage, Entry
from tests.bankfiles import Line, banque_postale
from tests.test_bank_import import TODAY, find_button, statement_of
from tests.test_treasury import euros

LABEL = ("Le libellé doit contenir au moins une lettre ou un chiffre, pas seulement des emoji ou de la ponctuation : "
         "retapez-le.")
GIVER = ("Le nom de qui verse la subvention doit contenir au moins une lettre ou un chiffre (par exemple Mairie de "
         "Saint-Paul) : retapez-le.")
NOTHING = ("🎉🎉", "...", "— !?", "👍 👍")


async def test_an_entry_label_without_a_letter_nor_digit_is_typed_again(bot, cast, demo_books):
    julien = cast["enseignant"]
    step = await julien.send("/depense 12 🎉")  # on the command's line
    assert step.text == LABEL
    step = await julien.send("12 ...")  # the amount's step stayed
    assert step.text == LABEL
    step = await julien.send("12")
    assert step.text == "Et son libellé ? Par exemple : Piles pour la classe"
    for typed in NOTHING:
        step = await julien.send(typed)
        assert step.text == LABEL, typed
    step = await julien.send("Piles #12")  # a project's tag aside, a digit is enough
    assert step.text != LABEL and step.last.buttons  # the account's question


async def test_a_giver_without_a_letter_nor_digit_is_asked_again(bot, cast, demo_books):
    marie = cast["mandataire"]
    step = await marie.send("/recette 600 Subvention; École; subventions; virement; 🎉")
    assert step.text.startswith(GIVER)
    assert step.last.content.startswith("Qui verse cette subvention ?")
    for typed in NOTHING:
        step = await marie.send(typed)
        assert step.text == GIVER, typed
    step = await marie.send("Mairie de Saint-Paul")  # the ledger, account and means were kept
    step = await marie.press("Aujourd'hui")
    step = await marie.press("✅ Enregistrer")
    assert "enregistrée — cahier École" in step.text
    entry = demo_books.run(lambda s: s.exec(select(Entry).where(Entry.label == "Subvention")).one())
    assert entry.giver == "Mairie de Saint-Paul"


async def test_a_label_changed_in_the_journal_must_say_something(bot, cast, demo_books):
    julien = cast["enseignant"]
    await julien.send("/journal")
    await julien.press(euros(-23_80).replace("\u202f", " ").join(("1 · ", "")))
    await julien.press("✏️ Modifier")
    await julien.press("Libellé")
    for typed in NOTHING:
        step = await julien.send(typed)
        assert step.text == LABEL, typed
    step = await julien.send("Peinture")
    assert "Écriture 1 modifiée." in step.text and "Libellé : Peinture" in step.text


async def test_a_movement_label_must_say_something(bot, cast, demo_books):
    julien = cast["enseignant"]
    await julien.send("/mouvement")
    await julien.press("Dépôt")
    await julien.send("5")
    step = await julien.press("Aujourd'hui")
    assert "Gardez-le, ou tapez-en un autre" in step.text
    for typed in NOTHING:
        step = await julien.send(typed)
        assert step.text == LABEL, typed
    step = await julien.send("Dépôt de la kermesse")
    assert step.text.startswith("Mouvement à enregistrer") and "Libellé : Dépôt de la kermesse" in step.text


async def test_a_contact_message_must_say_something(bot, cast, demo_books):
    julien = cast["enseignant"]
    await julien.send("/contact")
    for typed in NOTHING:
        step = await julien.send(typed)
        assert step.text == "Votre message doit contenir au moins une lettre ou un chiffre : écrivez-le (ou /annuler).", typed
    assert demo_books.run(lambda s: s.exec(select(ContactMessage)).all()) == []
    step = await julien.send("Bonjour, une question sur la cotisation 👍")
    assert "transmis" in step.text or "enregistré" in step.text


async def test_a_bank_line_without_a_label_still_becomes_an_entry(bot, cast, demo_books):
    """The bank file's « — » is the import's label for a line without one, not typed: it is not refused."""
    lines, closing = statement_of(demo_books, extra=[Line(TODAY, "", 150_00)])
    marie = cast["mandataire"]
    await marie.send("/pointage")
    step = await marie.send_document(banque_postale(TODAY, closing, lines), "releve.csv")
    step, create = await find_button(marie, step, f"➕ {TODAY:%d/%m}")
    await marie.press(create)
    await marie.press("Dons")
    entry = demo_books.run(lambda s: s.exec(select(Entry).where(Entry.amount == 150_00)).one())
    assert (entry.label, entry.means) == ("—", "virement")
