"""Whatever people type or press at any step: no crash, no traceback, every message valid for Telegram.

Each free-text step of each conversation is reached as a user would, then fed
text that Hypothesis makes up (emoji, right-to-left, HTML and Markdown
characters, 4096 characters, commands in the middle, nothing at all); every
button gets forged or stale callback data. The simulator refuses any message
Telegram would refuse (length, HTML escaping, callback data over 64 bytes), so
a refusal there, or the bot's apology for an unexpected error, fails the test.
"""

from __future__ import annotations

import itertools
import logging

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from sqlmodel import select

from store import invitations
from store.models import Adhesion, Coop, Entry, Invitation, Ledger, MandateChange, RoleKind
from store.people import who_is
from tests.world import PERSONAS, seed_world

from .conftest import examples

APOLOGY = "Désolé, un problème est survenu"

hostile_text = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=60),
    st.sampled_from([
        "<b>gras</b> & <script>alert(1)</script>", "*gras* _italique_ `code` [lien](http://x)",
        "مرحبا بالعالم", "שלום", "🙂🎉👩‍🏫" * 20, "x" * 4096, "/aide", "/depense", "/annuler", "0", "-1",
        "1e9", "NaN", "12,50 €", "1 234,56", "31/02/2026", "00/00/0000", "'; DROP TABLE entry; --",
        "\u202e\u202d", "\x00", "   ", "\n\n\n", "a@b", "Anne Payet anne.payet@ac-reunion.fr",
    ]),
)  # fmt: skip

# step name → (persona, what to do to reach the step)
STEPS = {
    "depense: montant et libellé": ("enseignant", ["/depense"]),
    "depense: numéro de chèque": ("enseignant", ["/depense 3 Test; fournitures", "press:🧾 Chèque"]),
    "depense: autre date": ("enseignant", ["/depense 3 Test; fournitures; carte", "press:📅 Autre date"]),
    "depense: montant d'une part": ("enseignant", ["/depense 3 Test", "press:✂️ Répartir",
                                                   "press:Fournitures éducatives et administratives"]),
    "depense: projet": ("enseignant", ["/depense 3 Test; fournitures; carte", "press:Aujourd'hui", "press:🏷 Projet"]),
    "adhésion: classe": ("mandataire", ["/adhesion", "press?:Partir d'un tableau vide",
                                        "press:➕ Ajouter une classe"]),
    "adhésion: enseignants": ("mandataire", ["/adhesion", "press?:Partir d'un tableau vide",
                                             "press:➕ Ajouter une classe", "CM2"]),
    "adhésion: élèves": ("mandataire", ["/adhesion", "press?:Partir d'un tableau vide", "press:➕ Ajouter une classe",
                                        "CM2", "Anne Payet anne.payet@ac-reunion.fr"]),
    "cahiers: nom": ("mandataire", ["/adhesion", "press?:Partir d'un tableau vide", "press:➕ Ajouter une classe",
                                    "new:CM", "Anne Payet anne.payet@ac-reunion.fr", "20", "1", "press:✅ Enregistrer",
                                    "/cahiers", "first:➕ Cahier pour"]),
    "contact: message": ("enseignant", ["/contact"]),
    "coop: affiliation": ("ad", ["/coop"]),
    "inviter: affiliation": ("ad", ["/inviter", "press:Mandataire d'une coopérative (974)"]),
    "journal: libellé": ("enseignant", ["/journal", "first: · ", "press:✏️ Modifier", "press:Libellé"]),
    "journal: montant": ("enseignant", ["/journal", "first: · ", "press:✏️ Modifier", "press:Montant"]),
    "journal: date": ("enseignant", ["/journal", "first: · ", "press:✏️ Modifier", "press:Date"]),
    "journal: recherche": ("enseignant", ["/journal", "press:🔎 Chercher"]),
    "mouvement: montant": ("enseignant", ["/mouvement", "press:🏦 Dépôt d'espèces en banque"]),
    "caisse: billets et pièces": ("enseignant", ["/caisse", "press:Compter billets et pièces"]),
    "caisse: total": ("enseignant", ["/caisse", "press:Saisir le total"]),
    "pointage: date": ("mandataire", ["/pointage", "press?:Autre date…"]),
    "report: banque": ("enseignante", ["/report"]),
    "report: caisse": ("enseignante", ["/report", "0"]),
    "texte hors conversation": ("enseignant", []),
}  # fmt: skip


FRESH = itertools.count(1)


async def reach(user, actions):
    for action in actions:
        if action.startswith("press?:"):
            try:
                await user.press(action[7:])
            except LookupError:
                pass
        elif action.startswith("press:"):
            await user.press(action[6:])
        elif action.startswith("new:"):  # examples pile up rows: a class name of its own each time
            await user.send(f"{action[4:]} {next(FRESH)}")
        elif action.startswith("first:"):  # examples pile up rows: any of the buttons will do
            message = user.last
            data = next(b["callback_data"] for row in message.reply_markup["inline_keyboard"] for b in row
                        if action[6:] in b["text"])  # fmt: skip
            await user.press_data(data, message)
        else:
            await user.send(action)


def check(sim, step):
    assert APOLOGY not in step.text, step.text
    assert "Traceback" not in step.text
    assert sim.refused == [], sim.refused


@pytest.mark.parametrize("name", sorted(STEPS))
@given(typed=hostile_text)
@example(typed="\x00")  # always tried: PostgreSQL refuses NUL in any text, even in a WHERE
@example(typed="x" * 4096)  # always tried: the longest message, which must not come back whole
async def test_any_text_at_any_step(bot, sim, cast, demo_books, name, typed):
    persona, actions = STEPS[name]
    user = cast[persona]
    await user.send("/annuler")
    await reach(user, actions)
    step = await user.send(typed) if typed.strip() else await user.send("·")
    check(sim, step)
    step = await user.send("/aide")  # and the bot still answers
    assert "Voici ce que vous pouvez faire" in step.text


@settings(max_examples=examples(2))
@given(data=st.text(min_size=1, max_size=64).filter(lambda d: len(d.encode()) <= 64),
       persona=st.sampled_from(["mandataire", "enseignant", "ad"]))  # fmt: skip
async def test_forged_and_stale_buttons(bot, sim, cast, demo_books, data, persona):
    user = cast[persona]
    await user.send("/start")
    step = await user.press_data(data, user.last)
    check(sim, step)
    for prefix in ("adh:", "ent:", "inv:", "led:", "mandate:", "jnl:", "mvt:", "pnt:", "csh:", "prj:", "ivt:", "hist:",
                   "rem:", "sld:", "opn:"):
        step = await user.press_data((prefix + data)[:60], user.last)
        check(sim, step)


REFUSED = "Vous n'avez pas accès à cette coopérative ou à ce cahier."
STALE = "Ce bouton n'est plus valable. Tapez /aide pour recommencer."
MALFORMED = (2**31, 2**63, 2**64, -1, "x", "", "1.5", "٣")


def someone_elses(session) -> dict[str, int]:
    """Ids that exist but are not the persona's, and ids that exist nowhere."""
    seed_world(session)
    coop = {c.affiliation: c.id for c in session.exec(select(Coop))}
    ledger = {(c, x.name): x.id for c in coop for x in session.exec(select(Ledger).where(Ledger.coop_id == coop[c]))}
    ce2b_entry = session.exec(select(Entry.id).where(Entry.ledger_id == ledger["974-111", "CE2B"])).first()
    successor = invitations.designate_successor(session, who_is(session, 1001), coop["974-111"])
    invitations.accept(session, successor.code, 3100, "Nina Boyer", "fr")
    invitations.invite(session, who_is(session, PERSONAS["mandataire_autre_coop"][0]), RoleKind.SIGNATAIRE,
                       coop_id=coop["974-222"])  # fmt: skip
    return {
        "coop": coop["974-111"], "other_coop": coop["974-222"], "other_class_ledger": ledger["974-222", "CP"],
        "colleague_ledger": ledger["974-111", "CE2B"], "colleague_entry": ce2b_entry,
        "adhesion": session.exec(select(Adhesion.id).where(Adhesion.coop_id == coop["974-145"])).first(),
        "change": session.exec(select(MandateChange.id)).one(), "missing": 999_999,
        "other_coop_link": session.exec(select(Invitation.id).where(Invitation.coop_id == coop["974-222"])).one(),
    }  # fmt: skip


# persona, how to reach the step, the forged data with {x}, the key of an id that exists but is not theirs
FORGED = [
    ("enseignant", [], "prj:{coop}:{x}:2026", "colleague_ledger"),
    ("enseignant", [], "ent:undo:{x}", "colleague_entry"),
    ("enseignant", ["/journal"], "jnl:e:{x}", "colleague_entry"),
    ("mandataire", [], "hist:p:{x}:0", "other_coop"),
    ("mandataire", [], "hist:p:{coop}:{x}", None),  # a page number
    ("mandataire", [], "led:inv:{x}", "other_class_ledger"),
    ("mandataire", [], "ivt:{x}:2026:0", "other_coop"),
    ("mandataire", ["/inviter"], "inv:ens:{x}", "other_coop"),
    ("mandataire", ["/caisse"], "csh:l:{x}", "other_class_ledger"),
    ("mandataire", ["/report"], "opn:l:{x}", "other_class_ledger"),
    ("mandataire", ["/journal"], "jnl:l:{x}", "other_class_ledger"),
    ("mandataire", ["/journal"], "jnl:c:{x}", "other_coop"),
    ("mandataire", ["/inviter"], "inv:links:{x}", "other_coop"),
    ("mandataire", ["/inviter", "press:Enseignant·e d'une classe"], "inv:led:{x}", "other_class_ledger"),
    ("mandataire", ["/inviter", "press:Liens en cours"], "inv:rev:{x}", "other_coop_link"),
    ("ad_autre_departement", [], "adh:ok:{x}:0", "adhesion"),
    ("ad_autre_departement", [], "adh:reopen:{x}", "adhesion"),
    ("ad_autre_departement", [], "mandate:ok:{x}", "change"),
    ("ad_autre_departement", [], "mandate:keep:{x}", "change"),
]  # fmt: skip


@pytest.mark.parametrize("persona, actions, forged, foreign", FORGED, ids=[f[2] for f in FORGED])
async def test_forged_ids_all_get_the_same_refusal(bot, sim, demo_books, caplog, persona, actions, forged, foreign):
    """An id that is someone else's and one that exists nowhere get the same refusal; data no button
    could carry (2^64, negative, letters) the answer of a stale button; never a traceback."""
    ids = demo_books.run(someone_elses)
    user = sim.user(*PERSONAS[persona])
    await user.send("/start")
    await reach(user, actions)
    foreign_ids = [(ids[foreign], REFUSED), (ids["missing"], REFUSED)] if foreign else []
    for x, expected in foreign_ids + [(x, STALE) for x in MALFORMED]:
        step = await user.press_data(forged.format(x=x, coop=ids["coop"]), user.last)
        assert expected in step.text, (x, step.text)
        assert APOLOGY not in step.text and "n'existe" not in step.text, (x, step.text)
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == []
    # A button is answered once; a refusal after a handler answered it goes to the chat instead.
    assert {why for method, why in sim.refused if method != "answerCallbackQuery"} == set()
