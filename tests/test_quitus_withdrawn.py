"""Reopening a class ledger's closing (🔓 Rouvrir in /cloture) withdraws the quitus already given for that
year: the figures the vérificateurs checked change. The report goes back to "en cours" ("cahiers non
clos" while the ledger is open), the vérificateurs who had given it are told through the outbox, and
/compterendu shows the quitus to ask again."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import select

from store import closing, cra, quitus, report_sending, reports
from store.errors import StoreError
from store.models import Direction, Means, OutboxMessage, Person, Quitus
from store.people import who_is
from tests.test_reports import told
from tests.yearend import CLOSING_LABEL, PEOPLE, VERIFICATEURS, reported_year


def flat(text: str) -> str:
    return " ".join(text.split())


def quitus_rows(y) -> list[str]:
    return y.db.run(lambda s: sorted(q.name for q in s.exec(select(Quitus)).all()))


def test_reopening_withdraws_the_quitus_and_writes_the_notices(database):
    y = reported_year(database)
    report_id = y.act("mandataire", reports.open_report, y.coop).report_id
    assert y.act("mandataire", reports.report_view, report_id).state == "quitus_requested"
    assert quitus_rows(y) == sorted(VERIFICATEURS)
    preview = y.act("mandataire", closing.reopen_preview, y.ledgers["CE2B"])
    assert preview.quitus == 2 and quitus_rows(y) == sorted(VERIFICATEURS)  # the preview changes nothing
    done = y.act("mandataire", closing.reopen_class_ledger, y.ledgers["CE2B"])
    assert done.quitus == 2 and len(done.outbox) == 2
    assert quitus_rows(y) == []
    view = y.act("mandataire", reports.report_view, report_id)
    assert (view.state, view.quitus) == ("ledgers_open", ())

    written = y.db.run(lambda s: sorted((m.kind, m.person_id) for m in s.exec(select(OutboxMessage).where(
        OutboxMessage.key.in_(done.outbox))).all()))  # fmt: skip
    givers = y.db.run(lambda s: sorted(p.id for p in s.exec(select(Person).where(Person.telegram_id.in_(
        [PEOPLE["verificateur"][0], PEOPLE["parent"][0]]))).all()))  # fmt: skip
    assert written == [("quitus_retire", givers[0]), ("quitus_retire", givers[1])]
    # The quitus cannot be given before it is asked again, nor asked while the ledger is open.
    for key, fn, kwargs in (("verificateur", quitus.give_quitus, {"name": VERIFICATEURS[0], "parent": False}),
                            ("mandataire", quitus.request_quitus, {})):
        try:
            y.act(key, fn, report_id, **kwargs)
        except StoreError as refused:
            assert refused.reason in ("quitus_not_requested", "ledgers_open")
        else:
            raise AssertionError(f"{fn.__name__} was not refused")
    # Closed again, the quitus is asked again, and given again.
    y.act("ce2b", closing.close_class_ledger, y.ledgers["CE2B"], label=CLOSING_LABEL, today=y.today)
    y.act("mandataire", quitus.request_quitus, report_id)
    y.act("verificateur", quitus.give_quitus, report_id, name=VERIFICATEURS[0], parent=False)
    assert quitus_rows(y) == [VERIFICATEURS[0]]


def test_reopening_before_any_quitus_request_changes_no_report(database):
    from tests.yearend import full_year

    y = full_year(database)
    report_id = y.act("mandataire", reports.open_report, y.coop).report_id
    done = y.act("mandataire", closing.reopen_class_ledger, y.ledgers["CM1"])
    assert (done.quitus, done.outbox) == (0, ())
    assert y.act("mandataire", reports.report_view, report_id).state == "ledgers_open"


async def test_the_mandataire_reopens_a_class_and_the_verificateurs_are_told(bot, sim, database):
    y = reported_year(database)
    years = f"{y.year}-{y.year + 1}"
    helene = sim.user(PEOPLE["mandataire"][0], "Hélène")
    gilbert, mina = sim.user(PEOPLE["verificateur"][0], "Gilbert"), sim.user(PEOPLE["parent"][0], "Mina")
    step = await helene.send("/compterendu")
    assert "Quitus : 2 sur les 2 nécessaires" in flat(step.text)
    step = await helene.send("/cloture")
    step = await helene.press("🔓 Rouvrir CE2B")
    assert ("⚠️ Les quitus déjà donnés sur ces comptes (2) seront retirés : les vérificateurs en seront prévenus, "
            "et le quitus sera à redemander.") in flat(step.text)
    assert quitus_rows(y) == sorted(VERIFICATEURS)  # nothing before the confirmation
    step = await helene.press("🔓 Rouvrir le cahier")
    assert ("Quitus retirés (2) : redemandez le quitus avec /compterendu une fois le cahier reclôturé."
            in flat(step.text))
    assert quitus_rows(y) == []
    for person in (gilbert, mina):
        notice = await told(person, "votre quitus est retiré")
        assert flat(notice) == (f"🔓 Le cahier CE2B de la coopérative 974-300 a été rouvert : les comptes {years} que "
                                "vous avez vérifiés vont changer, et votre quitus est retiré. Le mandataire vous le "
                                "redemandera une fois le cahier reclôturé.")
    step = await helene.send("/compterendu")
    text = flat(step.text)
    assert "État : 📒 cahiers non clos" in text
    assert "Quitus : à demander (2 nécessaires), une fois les cahiers clos" in text
    # The notice's button opens the report: the quitus is to ask again.
    notice = next(m for m in reversed(gilbert.history) if "votre quitus est retiré" in m.content)
    step = await gilbert.press(notice.buttons[0][0], message=notice)
    assert "974-300" in step.text and "Quitus : à demander" in flat(step.text)


def test_a_change_to_the_books_checked_withdraws_the_quitus_before_sending(database):
    """The quitus certifies the books as the vérificateurs checked them: an entry dated in the year, recorded
    before the report is sent, withdraws those given (the report back to « en cours », the quitus to ask again);
    the vérificateurs are told through the outbox, notices the bot's check of changes sends."""
    y = reported_year(database)
    report_id = y.act("mandataire", reports.open_report, y.coop).report_id
    y.entry("mandataire", "École", Direction.DEPENSE, y.last_day + timedelta(days=1), "Timbres", Means.CARTE, 3_00, "60700008")
    assert quitus_rows(y) == sorted(VERIFICATEURS)  # the next year's books: not the ones checked
    y.entry("mandataire", "École", Direction.DEPENSE, y.day(30, 8), "Timbres", Means.CARTE, 3_00, "60700008")
    assert quitus_rows(y) == []
    view = y.act("mandataire", reports.report_view, report_id)
    assert (view.state, view.quitus) == ("in_progress", ())
    written = y.db.run(lambda s: sorted((m.kind, m.params) for m in s.exec(select(OutboxMessage).where(
        OutboxMessage.kind == "quitus_retire")).all()))  # fmt: skip
    assert len(written) == 2 and all('"ledger"' not in params for _, params in written)
    assert len(y.db.run(report_sending.changes_to_tell)) == 2
    y.act("mandataire", quitus.request_quitus, report_id)  # asked again, given again
    y.act("verificateur", quitus.give_quitus, report_id, name=VERIFICATEURS[0], parent=False)
    assert quitus_rows(y) == [VERIFICATEURS[0]]


async def test_the_verificateurs_are_told_when_the_books_they_checked_change(bot, sim, database):
    y = reported_year(database)
    years = f"{y.year}-{y.year + 1}"
    helene = sim.user(PEOPLE["mandataire"][0], "Hélène")
    gilbert = sim.user(PEOPLE["verificateur"][0], "Gilbert")
    await helene.send(f"/depense 3 Timbres; École; 60700008; carte; 30/08/{y.year + 1}")
    notice = await told(gilbert, "votre quitus est retiré")
    assert flat(notice) == (f"✏️ Les comptes {years} de la coopérative 974-300 que vous avez vérifiés ont changé "
                            "avant l'envoi du compte rendu : votre quitus est retiré. Le mandataire vous le "
                            "redemandera.")
    text = flat((await helene.send("/compterendu")).text)
    assert "Quitus : à demander" in text


def ready_to_send(y) -> int:
    """The year's report with everything it needs to be sent: its projects, the August statement, the grant's
    proof; its id."""
    report_id = y.act("mandataire", reports.open_report, y.coop).report_id
    y.act("mandataire", cra.projects_done, report_id)
    grant = y.act("mandataire", reports.open_report, y.coop).figures.subventions[0].entry_id
    for kind, grant_id in (("statement", None), ("grant", grant)):
        y.act("mandataire", report_sending.attach, report_id, kind=kind, path="/nowhere.pdf",
              mime_type="application/pdf", size=10, grant_id=grant_id)  # fmt: skip
    return report_id


async def test_a_quitus_counts_only_from_a_verificateur_still_one_when_the_report_is_sent(bot, sim, database):
    """Gilbert gave his quitus, then became signataire (his vérificateur role ends): a manager's quitus is no
    quitus, so the report is not sent on it, and /compterendu no longer counts it."""
    from tests.test_invitations import code_in

    y = reported_year(database)
    report_id = ready_to_send(y)
    helene = sim.user(PEOPLE["mandataire"][0], "Hélène")
    gilbert = sim.user(PEOPLE["verificateur"][0], "Gilbert")
    assert "Quitus : 2 sur les 2 nécessaires" in flat((await helene.send("/compterendu")).text)
    await helene.send("/inviter")
    code = code_in((await helene.press("Signataire")).text)
    step = await gilbert.send(f"/start {code}")
    assert "Vous n'êtes plus vérificateur·rice aux comptes de la coopérative 974-300" in step.text
    step = await helene.send("/compterendu")
    assert "Quitus : 1 sur les 2 nécessaires" in flat(step.text) and VERIFICATEURS[0] not in step.text
    step = await helene.press("📤 Envoyer à l'OCCE")
    assert "Il faut le quitus d'au moins 2 vérificateurs ; 1 reçu pour l'instant." in step.text
    assert y.act("mandataire", reports.report_view, report_id).state == "quitus_requested"


async def test_reopening_counts_the_quitus_as_the_report_does(bot, sim, database):
    """Gilbert gave his quitus, then became signataire: 🔓 Rouvrir's warning counted his with Mina's (2), when
    /compterendu counts 1."""
    from tests.test_invitations import code_in

    reported_year(database)
    helene = sim.user(PEOPLE["mandataire"][0], "Hélène")
    gilbert = sim.user(PEOPLE["verificateur"][0], "Gilbert")
    await helene.send("/inviter")
    await gilbert.send(f"/start {code_in((await helene.press('Signataire')).text)}")
    assert "Quitus : 1 sur les 2 nécessaires" in flat((await helene.send("/compterendu")).text)
    await helene.send("/cloture")
    step = await helene.press("🔓 Rouvrir CE2B")
    assert "⚠️ Les quitus déjà donnés sur ces comptes (1) seront retirés" in flat(step.text)
    step = await helene.press("🔓 Rouvrir le cahier")
    assert "Quitus retirés (1) : redemandez le quitus" in flat(step.text)


def test_a_report_sent_shows_its_quitus_until_sent_back_then_counts_the_verificateurs_only(database):
    """Sent, the report keeps the quitus it was sent with (the AD examines that); sent back, a quitus whose giver
    became signataire since no longer counts, and the report is not sent again on it."""
    from store.models import Role, RoleKind, utcnow

    y = reported_year(database)
    report_id = ready_to_send(y)
    assert y.act("mandataire", report_sending.send, report_id).view.state == "sent"

    def gilbert_becomes_signataire(session):
        person = session.exec(select(Person).where(Person.telegram_id == PEOPLE["verificateur"][0])).one()
        role = session.exec(select(Role).where(Role.person_id == person.id, Role.kind == RoleKind.VERIFICATEUR)).one()
        role.ended_at = utcnow()
        session.add_all([role, Role(person_id=person.id, kind=RoleKind.SIGNATAIRE, coop_id=role.coop_id)])

    y.db.run(gilbert_becomes_signataire)
    assert [q.name for q in y.act("mandataire", reports.report_view, report_id).quitus] == list(VERIFICATEURS)
    def sent_back(session):
        ad = Person(telegram_id=4999, name="Paul")
        session.add(ad)
        session.flush()
        session.add(Role(person_id=ad.id, kind=RoleKind.AD, department_code="974"))
        session.flush()
        report_sending.send_back(session, who_is(session, 4999), report_id, "Précisez les sorties.")

    y.db.run(sent_back)
    assert [q.name for q in y.act("mandataire", reports.report_view, report_id).quitus] == [VERIFICATEURS[1]]
    try:
        y.act("mandataire", report_sending.send, report_id)
    except StoreError as refused:
        assert refused.reason == "quitus_count" and refused.details == {"have": 1, "needed": 2}
    else:
        raise AssertionError("sent on the quitus of a signataire")
