"""The year's end, its last gaps: warned before changing a year whose report is with the AD, the giver
step of /journal's account change, grant proofs matched to their grant, a class closing undone."""

from __future__ import annotations

import asyncio
from datetime import date

import pytest
from sqlmodel import select

from store import cra, entries, quitus, report_sending, reports
from store.errors import LedgerError
from store.models import Direction, Entry
from store.people import who_is
from tests.reportworld import CLAIRE, HENRI, MARIE, TODAY, YEAR, coop_and_ledgers, seed_year

PAUL = 1004  # the AD
YEARS = f"{YEAR}-{YEAR + 1}"
WARNING = f"⚠️ Le compte rendu {YEARS} déjà envoyé sera modifié"


def has_button(step, label: str) -> bool:
    """Among the step's messages: the managers' notice of a change may come in the same moment as the card."""
    return any(label in str(m.buttons) for m in step.messages + step.edited)


async def press_on_card(user, step, label: str):
    """Press ``label`` on the step's message that has it, not on a notice that came after it."""
    card = next(m for m in step.messages + step.edited if label in str(m.buttons))
    return await user.press(label, message=card)


def send_report(session) -> int:
    """974-111's report of the year completed, its quitus given, the statement attached, sent: its id."""
    coop, _ = coop_and_ledgers(session)
    marie = who_is(session, MARIE)
    report_id = reports.open_report(session, marie, coop.id).report_id
    cra.save_councils(session, marie, report_id, 3)
    cra.projects_done(session, marie, report_id)
    cra.save_actions(session, marie, report_id, "Action solidarité")
    cra.save_comments(session, marie, report_id, "")
    quitus.request_quitus(session, marie, report_id)
    quitus.give_quitus(session, who_is(session, HENRI), report_id, name="Henri Fontaine", parent=True)
    quitus.give_quitus(session, who_is(session, CLAIRE), report_id, name="Claire Hoareau", parent=False)
    report_sending.attach(session, marie, report_id, kind="statement", path="/nowhere/releve.pdf",
                          mime_type="application/pdf", size=10)  # fmt: skip
    assert report_sending.send(session, marie, report_id).view.state == "sent"
    return report_id


@pytest.fixture
def sent(demo):
    demo.run(seed_year)
    demo.run(send_report)
    return demo


async def typed_entry(user, command: str, typed: str, account: str, means: str, day: str | None = None):
    """A bare /depense or /recette in the school ledger, each answer typed or pressed: the card."""
    await user.send(command)
    await user.send(typed)
    await user.press("École (école)")
    await user.press(account)
    await user.press(means)
    if day is None:
        return await user.press("Aujourd'hui")
    await user.press("📅 Autre date")
    return await user.send(day)


async def notice_of_the_change(user) -> None:
    """The managers' notice of a change to a sent year, which a background job sends seconds later."""
    for _ in range(100):
        if any(m.from_bot and "Ouvrir le compte rendu" in str(m.buttons) for m in user.history):
            return
        await asyncio.sleep(0.1)
    raise AssertionError(f"no notice of the change; last: {user.last.content!r}")


def live_entries(db) -> int:
    return db.run(lambda s: len(s.exec(select(Entry.id).where(Entry.cancelled_at.is_(None))).all()))


def state(db) -> str:
    return db.run(lambda s: reports.coop_state(s, coop_and_ledgers(s)[0].id))


async def test_an_expense_of_a_sent_year_warns_on_its_card_the_slow_way(bot, sim, sent):
    marie = sim.user(MARIE, "Marie", "Payet")
    count = live_entries(sent)
    step = await typed_entry(marie, "/depense", "12,50 Piles", "Fournitures", "💶 Espèces", f"14/06/{YEAR + 1}")
    assert WARNING in step.text
    assert "✅ Enregistrer" in str(step.last.buttons)
    assert live_entries(sent) == count and state(sent) == "sent"  # nothing saved before the confirmation
    step = await marie.press("✅ Enregistrer")
    assert "enregistrée" in step.text
    assert live_entries(sent) == count + 1 and state(sent) == "modified"


async def test_a_full_line_of_a_sent_year_shows_a_card_first(bot, sim, sent):
    marie = sim.user(MARIE, "Marie", "Payet")
    count = live_entries(sent)
    step = await marie.send(f"/recette 5 Don d'un parent; École; dons; espèces; 15/06/{YEAR + 1}")
    assert WARNING in step.text and "enregistrée" not in step.text
    assert live_entries(sent) == count and state(sent) == "sent"
    step = await marie.press("Annuler")
    assert live_entries(sent) == count and state(sent) == "sent"
    # The same line dated in the current year, whose report is not sent: recorded at once, as before.
    step = await marie.send(f"/recette 5 Don d'un parent; École; dons; espèces; {TODAY:%d/%m/%Y}")
    assert "enregistrée" in step.text and WARNING not in step.text
    assert live_entries(sent) == count + 1 and state(sent) == "sent"


def test_a_full_line_of_a_sent_year_is_read_with_what_its_card_shows(sent):
    count = live_entries(sent)
    line = sent.run(lambda s: entries.record_or_draft(
        s, who_is(s, MARIE), Direction.RECETTE, amount=500, label="Don", project=None,
        extras=["École", "dons", "espèces", f"15/06/{YEAR + 1}"]))  # fmt: skip
    assert line.refused.reason == "report_unconfirmed" and line.fields["day"] == f"{YEAR + 1}-06-15"
    assert line.known.report_sent and line.known.bank_checked  # the card comes without reading again
    assert live_entries(sent) == count


async def test_journal_changes_of_a_sent_year_warn_before_saving(bot, sim, sent):
    marie = sim.user(MARIE, "Marie", "Payet")
    await marie.send(f"/recette 5 Don; École; dons; espèces; 15/06/{YEAR + 1}")
    step = await marie.press("✅ Enregistrer")
    assert "enregistrée" in step.text
    assert state(sent) == "modified"  # still with the AD: every change warns
    recorded = next(m for m in step.messages if "enregistrée" in m.content)
    await notice_of_the_change(marie)  # once it has come, nothing else arrives between the steps below
    step = await marie.press("✏️ Modifier", message=recorded)
    assert WARNING in step.text and "Que modifier dans l'écriture" in step.text
    step = await press_on_card(marie, step, "Libellé")
    assert WARNING in step.text
    step = await marie.send("Don d'une famille")
    assert "modifiée" in step.text
    step = await press_on_card(marie, step, "🗑 Annuler l'écriture")
    assert WARNING in step.text and has_button(step, "🗑 Oui, annuler l'écriture")
    step = await press_on_card(marie, step, "🗑 Oui, annuler l'écriture")
    assert "annulée" in step.text
    # An entry of the current year: no warning.
    await marie.send(f"/recette 5 Don; École; dons; espèces; {TODAY:%d/%m/%Y}")
    step = await marie.press("✏️ Modifier")
    assert "Que modifier dans l'écriture" in step.text and WARNING not in step.text


async def test_a_movement_of_a_sent_year_warns_on_its_card(bot, sim, sent):
    marie = sim.user(MARIE, "Marie", "Payet")
    count = live_entries(sent)
    await marie.send("/mouvement")
    step = await marie.press("🏦 Dépôt d'espèces en banque")
    assert step.text == "Dépôt d'espèces : dans quel cahier ?"
    step = await marie.press("École (école)")
    step = await marie.send("10")
    step = await marie.press("📅 Autre date")
    step = await marie.send(f"20/06/{YEAR + 1}")
    step = await marie.press("✅ Garder ce libellé")
    assert WARNING in step.text and has_button(step, "✅ Enregistrer")
    assert live_entries(sent) == count and state(sent) == "sent"
    step = await marie.press("✅ Enregistrer")
    assert live_entries(sent) == count + 2 and state(sent) == "modified"


async def test_a_cash_count_of_a_sent_year_warns_before_the_count_is_typed(bot, sim, sent):
    marie = sim.user(MARIE, "Marie", "Payet")
    step = await marie.send("/caisse")
    step = await marie.press("École")
    assert WARNING not in step.text  # today: the current year, whose report is not sent
    step = await marie.press("📅 Autre date")
    step = await marie.send(f"31/08/{YEAR + 1}")
    assert WARNING in step.text
    step = await marie.press("🔢 Saisir le total")
    assert WARNING in step.text and state(sent) == "sent"
    step = await marie.send("90")
    assert "✅" in step.text and state(sent) == "modified"


async def test_journal_moves_an_entry_onto_the_grant_account_with_its_giver(bot, sim, demo):
    demo.run(seed_year)
    marie = sim.user(MARIE, "Marie", "Payet")
    await typed_entry(marie, "/recette", "150 Versement de la mairie", "Dons", "🏦 Virement")
    step = await marie.press("✅ Enregistrer")
    assert "enregistrée" in step.text
    entry_id = demo.run(lambda s: s.exec(select(Entry.id).where(Entry.label == "Versement de la mairie")).one())
    step = await marie.press("✏️ Modifier")
    step = await marie.press("Compte")
    step = await marie.press("Subventions (État, collectivités)")
    assert "Qui verse cette subvention ?" in step.text
    step = await marie.send("x" * 121)
    assert step.text == "Le nom de qui verse la subvention doit faire de 1 à 120 caractères : retapez-le."
    step = await marie.send("Mairie de Saint-Paul")
    assert "modifiée" in step.text
    entry = demo.run(lambda s: entries.get_entry(s, who_is(s, MARIE), entry_id))
    assert ([p.account_label for p in entry.splits], entry.giver) == (["Subventions (État, collectivités)"],
                                                                      "Mairie de Saint-Paul")


async def test_sending_needs_a_proof_matched_to_each_grant(bot, sim, database):
    from tests.yearend import GRANT_GIVER, PEOPLE, reported_year

    y = reported_year(database)
    y.act("mandataire", cra.projects_done, y.act("mandataire", reports.open_report, y.coop).report_id)
    helene = sim.user(PEOPLE["mandataire"][0], "Hélène")
    years = f"{y.year}-{y.year + 1}"
    step = await helene.send("/compterendu")
    assert f"Justificatifs de subvention : 0 sur 1 (manque : {GRANT_GIVER} 600,00\xa0€)" in step.text
    await helene.press("📎 Relevé d'août")
    step = await helene.send_document(b"%PDF-1.4 releve", "releve-aout.pdf")
    assert "Relevé bancaire d'août : ✅ joint" in step.text
    step = await helene.press("📤 Envoyer à l'OCCE")
    assert (f"Il manque le justificatif de 1 subvention, d'abord celle de {GRANT_GIVER} du " in step.text
            and "(600,00\xa0€) : 📎 Justificatif de subvention, puis choisissez-la." in step.text)
    assert "État : 🔏 quitus demandé" in step.text  # not sent, nothing lost
    step = await helene.press("📎 Justificatif de subvention")
    assert step.text == "Quelle subvention ce justificatif prouve-t-il ? (✅ : déjà joint)"
    assert step.last.buttons == [[f"📎 {GRANT_GIVER} — 600,00\xa0€"], ["↩️ Retour"]]
    step = await helene.press(f"📎 {GRANT_GIVER} — 600,00\xa0€")
    assert f"Envoyez le justificatif de la subvention de {GRANT_GIVER} du " in step.text
    step = await helene.send("la voici")
    assert step.text == "J'attends une photo ou un PDF (ou /annuler)."
    step = await helene.send_document(b"%PDF-1.4 notification", "notification-mairie.pdf")
    assert "📎 Pièce jointe au compte rendu." in step.text and "Justificatifs de subvention : ✅ 1 sur 1" in step.text
    step = await helene.press("📎 Justificatif de subvention")
    assert step.last.buttons == [[f"✅ {GRANT_GIVER} — 600,00\xa0€"], ["↩️ Retour"]]
    await helene.press("↩️ Retour")
    step = await helene.press("📤 Envoyer à l'OCCE")
    assert f"📤 Compte rendu {years} envoyé à l'OCCE." in step.text and "État : 📤 envoyé" in step.text


async def test_the_quitus_line_says_to_close_the_ledgers_only_while_one_is_open(bot, sim, database):
    """Every class ledger closed, the quitus not yet asked: « une fois les cahiers clos » would send the mandataire
    looking for a ledger to close."""
    from tests.yearend import PEOPLE, full_year

    full_year(database)
    step = await sim.user(PEOPLE["mandataire"][0], "Hélène").send("/compterendu")
    assert "• Fonctionnement : ✅" in step.text
    assert "\nQuitus : à demander (2 nécessaires)\n" in step.text


async def test_a_forged_grant_button_is_refused(bot, sim, database):
    from tests.yearend import PEOPLE, reported_year

    y = reported_year(database)
    helene = sim.user(PEOPLE["mandataire"][0], "Hélène")
    await helene.send("/compterendu")
    step = await helene.press("📎 Justificatif de subvention")
    other = y.entries["livres"]  # an expense, not a grant
    step = await helene.press_data(f"rep:g:{other}", helene.last)
    assert "Cette subvention n'est plus au compte rendu : choisissez-en une autre." in step.text


async def test_a_manager_undoes_a_class_closing_made_by_mistake(bot, sim, database):
    from store import balances, crf
    from tests.yearend import PEOPLE, record_year

    y = record_year(database)
    years, end = f"{y.year}-{y.year + 1}", f"31/08/{y.year + 1}"
    helene, claire = sim.user(PEOPLE["mandataire"][0], "Hélène"), sim.user(PEOPLE["ce2b"][0], "Claire")
    count = y.live_entries()
    await helene.send("/cloture")
    await helene.press("🔒 Clore CE2B")
    step = await helene.press("🔒 Clore le cahier")
    assert "🔒 Cahier CE2B clos" in step.text and y.live_entries() == count + 2
    # The class's teacher sees it closed, and cannot undo it.
    step = await claire.send("/cloture")
    assert "est déjà clos" in step.text and step.last.buttons == []
    step = await claire.press_data(f"clo:r:{y.ledgers['CE2B']}", claire.last)
    assert "Vous n'avez pas accès" in step.text
    # The manager can, while the report is not sent.
    step = await helene.send("/cloture")
    assert f"CE2B — {years} : clos le {end}" in step.text
    assert step.last.buttons == [["🔒 Clore CE1A"], ["🔒 Clore CM1"], ["🔓 Rouvrir CE2B"], ["Annuler"]]
    step = await helene.press("🔓 Rouvrir CE2B")
    assert f"Rouvrir le cahier CE2B</b> — exercice {years}" in step.last.text
    assert f"Le reversement du {end} (banque 64,10\xa0€, caisse 0,00\xa0€) sera annulé" in step.text
    assert y.live_entries() == count + 2  # nothing undone before the confirmation
    step = await helene.press("🔓 Rouvrir le cahier")
    assert step.text == (f"🔓 Cahier CE2B rouvert pour l'exercice {years} : le reversement du {end} est annulé. "
                         "Reclôturez-le avec /cloture une fois corrigé.")
    assert y.live_entries() == count
    b = y.act("ce2b", balances.balances, y.ledgers["CE2B"], y.year)
    assert (b.banque, b.caisse) == (64_10, 0)
    assert y.act("mandataire", crf.year_report, y.coop, y.year).missing[0] == (
        "class_ledgers_open", {"count": 3, "names": ("CE1A", "CE2B", "CM1")})
    step = await claire.send(f"/depense 2 Colle; fournitures; carte; 30/08/{y.year + 1}")
    assert "enregistrée" in step.text  # the ledger takes that year's entries again
    step = await claire.send("/cloture")
    assert f"Clôture du cahier CE2B — exercice {years}" in step.text and "🔒 Clore le cahier" in str(step.last.buttons)


async def test_a_closing_cannot_be_undone_once_the_report_is_sent(bot, sim, database):
    from tests.yearend import PEOPLE, reported_year

    y = reported_year(database)
    report_id = y.act("mandataire", reports.open_report, y.coop).report_id
    y.act("mandataire", cra.projects_done, report_id)
    for kind, grant in (("statement", None), ("grant", y.act("mandataire", reports.open_report, y.coop)
                                              .figures.subventions[0].entry_id)):  # fmt: skip
        y.act("mandataire", report_sending.attach, report_id, kind=kind, path="/nowhere.pdf", mime_type="application/pdf",
              size=10, grant_id=grant)  # fmt: skip
    assert y.act("mandataire", report_sending.send, report_id).view.state == "sent"
    years = f"{y.year}-{y.year + 1}"
    helene = sim.user(PEOPLE["mandataire"][0], "Hélène")
    step = await helene.send("/cloture")
    assert "Tous ces cahiers sont clos. ✅" in step.text and step.last.buttons == []
    count = y.live_entries()
    await helene.send("/compterendu")  # any message of the bot to press a stale button on
    step = await helene.press_data(f"clo:r:{y.ledgers['CE2B']}", helene.last)
    assert (f"Le compte rendu {years} est déjà envoyé à l'OCCE : la clôture du cahier CE2B ne peut plus être "
            "annulée.") in step.text
    assert y.live_entries() == count


async def test_the_current_year_is_not_offered_for_closing_before_1_july(bot, sim, demo):
    # 974-111's class ledgers kept no books last year: /cloture would be about the current year.
    from store import closing
    from store.models import Ledger

    demo.run(seed_year)
    current, july = YEAR + 1, f"01/07/{YEAR + 2}"
    years, end = f"{current}-{current + 1}", f"31/08/{current + 1}"
    marie = sim.user(MARIE, "Marie", "Payet")
    step = await marie.send("/cloture")
    lines = step.text.splitlines()
    assert lines[0] == "Clôture des cahiers de classe"
    assert all(f"— {years} : en cours, à clore à partir du {july}" in line for line in lines[1:-2])
    assert len(lines) > 3 and lines[-1] == "Aucun cahier à clore pour l'instant." and step.last.buttons == []
    ce1a = demo.run(lambda s: s.exec(select(Ledger.id).where(Ledger.name == "CE1A")).first())
    step = await marie.press_data(f"clo:l:{ce1a}", marie.last)
    assert step.text == (f"Le cahier CE1A sert encore : l'exercice {years} se termine le {end}. Sa clôture (le "
                         f"reversement de son solde au cahier de l'école) sera possible à partir du {july}.")
    count = live_entries(demo)
    with pytest.raises(LedgerError) as caught:  # the store refuses it too
        demo.run(lambda s: closing.close_class_ledger(s, who_is(s, MARIE), ce1a, label="Clôture"))
    assert (caught.value.reason, caught.value.day) == ("too_early", date(current + 1, 7, 1))
    assert live_entries(demo) == count
    # From 1 July, it is.
    done = demo.run(lambda s: closing.close_class_ledger(s, who_is(s, MARIE), ce1a, label="Clôture",
                                                         today=date(current + 1, 7, 1)))  # fmt: skip
    assert (done.year, done.closed) == (current, True)
