"""Reminders as people receive them: the real bot, the simulator, and a clock the test moves."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select

from bot.reminders.jobs import CLOCK, reminders_run
from store import report_sending
from store.models import (
    Adhesion, AdhesionRow, Coop, Department, Direction, Entry, Ledger, LedgerClosing, LedgerKind, Means,
    OutboxMessage, Person, Report, ReportStatus, Role, RoleKind, Treasury,
)  # fmt: skip
from store.people import who_is

REUNION = ZoneInfo("Indian/Reunion")
HOURS = ("🕗 Envoyés à partir de 8 h et avant 19 h (heure de La Réunion), sauf le dimanche et pendant "
         "les vacances scolaires.")  # fmt: skip
RETURNS = "↩️ Compte rendu renvoyé : un message dès que l'OCCE vous renvoie un compte rendu à compléter."


class Clock:
    """The bot's idea of now, moved by the test."""

    def __init__(self, start: datetime):
        self.now = start

    def __call__(self) -> datetime:
        return self.now


def local(year, month, day, hour=0, minute=0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=REUNION)


def seed_department(session, coops: list[str], *, holidays: str = "") -> dict[str, int]:
    """Department 974 with its AD (Paul, 4000) and one mandataire per coop (4001, 4002…); their person ids."""
    session.add(Department(code="974", name="OCCE de La Réunion", timezone="Indian/Reunion",
                           school_holidays=holidays))  # fmt: skip
    ids = {}
    paul = Person(telegram_id=4000, name="Paul Técher")
    session.add(paul)
    session.flush()
    session.add(Role(person_id=paul.id, kind=RoleKind.AD, department_code="974"))
    ids["ad"] = paul.id
    for number, affiliation in enumerate(coops, start=1):
        coop = Coop(affiliation=affiliation, school_name=f"École {number}", department_code="974")
        person = Person(telegram_id=4000 + number, name=f"Mandataire {number}")
        session.add_all([coop, person])
        session.flush()
        session.add(Role(person_id=person.id, kind=RoleKind.MANDATAIRE, coop_id=coop.id))
        session.add(Ledger(coop_id=coop.id, name="École", kind=LedgerKind.ECOLE))
        ids[affiliation] = person.id
    return ids


def submit(session, affiliation: str, at: datetime, *, classes: int = 2) -> None:
    """The mandataire validated the membership (their engagement) at ``at``."""
    coop = session.exec(select(Coop).where(Coop.affiliation == affiliation)).one()
    adhesion = Adhesion(coop_id=coop.id, year=2026, submitted_at=at)
    session.add(adhesion)
    session.flush()
    session.add_all([AdhesionRow(adhesion_id=adhesion.id, class_name=f"C{i}", pupils=20, other_adults=0)
                     for i in range(classes)])  # fmt: skip


def validate(session, affiliation: str, at: datetime) -> None:
    """The AD validated it at ``at``."""
    adhesion = session.exec(select(Adhesion).join(Coop).where(Coop.affiliation == affiliation)).one()
    adhesion.validated_at = at
    session.add(adhesion)


@pytest.fixture
def clock(bot) -> Clock:
    clock = Clock(local(2026, 8, 31, 23).astimezone(timezone.utc))
    bot.bot_data[CLOCK] = clock
    return clock


async def run_until(bot, clock: Clock, sim, end: datetime, every: timedelta, received: dict,
                    actions: dict[datetime, callable] | None = None) -> None:  # fmt: skip
    """Run the reminders every ``every`` until ``end``, doing each action at its time; note who received what, when."""
    actions = dict(actions or {})
    while clock.now < end:
        for at in sorted(a for a in actions if a <= clock.now):
            actions.pop(at)()
        seen = {chat: len(messages) for chat, messages in sim.messages.items()}
        await reminders_run(bot)
        for chat, messages in sim.messages.items():
            for message in messages[seen.get(chat, 0):]:
                received.setdefault(chat, []).append(
                    (clock.now.astimezone(REUNION).strftime("%a %d/%m %Hh"), message.content.split("\n")[0]))
        clock.now += every


async def test_a_whole_autumn_of_membership_reminders(sim, database, bot, clock):
    """Validated on day 2, never validated, validated late: each receives exactly what is due, at decent hours, once."""
    ids = database.run(seed_department, ["974-001", "974-002", "974-003"])
    people = {telegram_id: sim.user(telegram_id, f"P{telegram_id}") for telegram_id in (4000, 4001, 4002, 4003)}
    received: dict[int, list] = {}
    actions = {
        local(2026, 9, 2, 10).astimezone(timezone.utc): lambda: database.run(submit, "974-001", local(2026, 9, 2, 10)),
        local(2026, 9, 3, 9).astimezone(timezone.utc): lambda: database.run(validate, "974-001", local(2026, 9, 3, 9)),
        local(2026, 10, 5, 10).astimezone(timezone.utc): lambda: database.run(submit, "974-003", local(2026, 10, 5, 10)),
        local(2026, 10, 12, 9).astimezone(timezone.utc): lambda: database.run(validate, "974-003", local(2026, 10, 12, 9)),
    }  # fmt: skip
    await run_until(bot, clock, sim, local(2026, 12, 1), timedelta(hours=3), received, actions)

    opening = "📣 Adhésion 2026-2027 — coopérative {}"
    countdown = "⏰ Adhésion 2026-2027 — coopérative {}"
    late = "⚠️ Adhésion 2026-2027 en retard — coopérative {}"
    assert received[4001] == [("Tue 01/09 08h", opening.format("974-001"))]
    never = [("Tue 01/09 08h", opening), ("Tue 15/09 08h", countdown), ("Wed 23/09 08h", countdown),
             # j-3 is Sunday 27/09: it waits for Monday
             ("Mon 28/09 08h", countdown), ("Tue 29/09 08h", countdown), ("Thu 01/10 08h", late)]  # fmt: skip
    assert received[4002] == [(when, text.format("974-002")) for when, text in never]
    assert received[4003] == [(when, text.format("974-003")) for when, text in never]
    # 974-003 sent on Monday 05/10 at 10h, not validated 3 days later: the AD is told once.
    # And every Monday of September to November at 08h, the AD's weekly digest (tests/test_digest.py).
    digests = [(f"Mon {day} 08h", "📊 Synthèse de la semaine — OCCE 974") for day in (
        "07/09", "14/09", "21/09", "28/09", "05/10", "12/10", "19/10", "26/10", "02/11", "09/11", "16/11", "23/11",
        "30/11")]  # fmt: skip
    assert received[4000] == digests[:5] + [(
        "Thu 08/10 11h", "⏳ L'adhésion de la coopérative 974-003, transmise le 05/10/2026, "
                         "attend votre validation depuis plus de 3 jours.")] + digests[5:]
    texts = [m.content for m in people[4002].history]
    assert "Il reste 15 jours pour valider l'adhésion : la date limite est le 30/09/2026." in texts[1]
    assert texts[4].startswith("⏰ Adhésion 2026-2027 — coopérative 974-002\nDernier jour demain")
    assert database.run(lambda s: len(s.exec(select(OutboxMessage)).all())) == 1 + 6 + 6 + 1 + len(digests)
    assert ids
    # The AD's button opens that membership (not a report: both kinds have a 🔍 button).
    waiting = next(m for m in people[4000].history if m.content.startswith("⏳ L'adhésion"))
    step = await people[4000].press(waiting.buttons[0][0], message=waiting)
    assert "974-003" in step.text and "Adhésion" in step.text, step.text


async def test_rappels_shows_what_comes_mutes_a_kind_but_not_the_last_day_and_sets_the_hour(sim, database, bot, clock):
    database.run(seed_department, ["974-001"])
    marie = sim.user(4001, "Marie")
    clock.now = local(2026, 9, 10, 9).astimezone(timezone.utc)
    await reminders_run(bot)  # the opening goes: what /rappels shows is what is still to come
    step = await marie.send("/rappels")
    assert step.text == ("🔔 Vos rappels\n\n📝 Adhésion de la coopérative 974-001 : 15/09/2026, 23/09/2026, "
                         "28/09/2026, 29/09/2026 (veille de la date limite), 01/10/2026 (en retard).\n\n" + RETURNS
                         + "\n\n🗂 Préparation du compte rendu : pas de rappel d'ici la fin de l'exercice.\n\n" + HOURS)
    assert [row[0] for row in step.last.buttons] == [
        "🔕 Couper : adhésion", "🔕 Couper : compte rendu", "🔕 Couper : compte rendu renvoyé",
        "🔕 Couper : préparation du compte rendu", "🕗 Changer l'heure", "Fermer"]  # fmt: skip
    step = await marie.press("🔕 Couper : adhésion")
    assert "🔕 Coupés : adhésion (le rappel de la veille de la date limite vous parvient quand même)." in step.text
    step = await marie.press("🕗 Changer l'heure")
    assert step.text == "À partir de quelle heure voulez-vous recevoir vos rappels ?"
    assert step.last.buttons[0] == ["8 h", "9 h", "10 h", "11 h"] and step.last.buttons[-1] == ["16 h", "17 h", "18 h"]
    step = await marie.press("14 h")
    assert "🕗 Envoyés à partir de 14 h et avant 19 h" in step.text
    seen = len(marie.history)

    received: dict[int, list] = {}
    clock.now = local(2026, 9, 15, 2).astimezone(timezone.utc)
    await run_until(bot, clock, sim, local(2026, 9, 16), timedelta(hours=3), received)
    assert received == {}  # muted: no j-15
    clock.now = local(2026, 9, 29, 2).astimezone(timezone.utc)
    await run_until(bot, clock, sim, local(2026, 9, 30), timedelta(hours=1), received)
    assert received == {4001: [("Tue 29/09 14h", "⏰ Adhésion 2026-2027 — coopérative 974-001")]}
    reminder = marie.history[seen]
    assert "Dernier jour demain" in reminder.content and "Le tableau des classes n'est pas encore commencé." in reminder.content
    step = await marie.press("📝 Ouvrir l'adhésion", message=reminder)
    assert "Adhésion 2026-2027 — coopérative 974-001" in step.text


async def test_a_person_who_blocked_the_bot_is_skipped_and_shown_to_the_ad(sim, database, bot, clock):
    from store.outbox import delivery_report
    from store.people import who_is

    database.run(seed_department, ["974-001", "974-002"])
    sim.user(4000, "Paul")
    sim.user(4001, "Marie")
    sim.user(4002, "Odile")
    sim.block(4002)
    received: dict[int, list] = {}
    clock.now = local(2026, 9, 1, 7).astimezone(timezone.utc)
    await run_until(bot, clock, sim, local(2026, 9, 15, 12), timedelta(hours=3), received)
    digests = received.pop(4000)  # the AD's weekly digests, Mondays 7 and 14 at the first run from 08h (every 3 h from 07h)
    assert [(when, text) for when, text in digests] == [("Mon 07/09 10h", "📊 Synthèse de la semaine — OCCE 974"),
                                                        ("Mon 14/09 10h", "📊 Synthèse de la semaine — OCCE 974")]
    assert list(received) == [4001] and len(received[4001]) == 2  # the opening and j-15
    report = database.run(lambda s: delivery_report(s, who_is(s, 4000), "974"))
    assert [(line.person, line.step, line.state) for line in report.problems] == [
        ("Mandataire 2", "j-15", "blocked"), ("Mandataire 2", "ouverture", "blocked")]
    sends_to_odile = [params for method, params in sim.calls if method == "sendMessage" and params["chat_id"] == "4002"]
    assert len(sends_to_odile) == 1  # marked at the first refusal, skipped afterwards


def last_year_members(session, ids: dict[str, int]) -> None:
    """Every coop was a member in 2025-2026 and has renewed for 2026-2027 before the campaign: only the reports remain."""
    for affiliation in ids:
        if affiliation == "ad":
            continue
        coop = session.exec(select(Coop).where(Coop.affiliation == affiliation)).one()
        before = local(2026, 8, 31, 20)
        session.add_all([Adhesion(coop_id=coop.id, year=2025, submitted_at=before, validated_at=before),
                         Adhesion(coop_id=coop.id, year=2026, submitted_at=before, validated_at=before)])  # fmt: skip


def report_of(session, affiliation: str) -> Report:
    coop = session.exec(select(Coop).where(Coop.affiliation == affiliation)).one()
    report = session.exec(select(Report).where(Report.coop_id == coop.id, Report.fiscal_year == 2025)).first()
    return report or Report(coop_id=coop.id, fiscal_year=2025, status=ReportStatus.IN_PROGRESS)


def add_verificateur(session, affiliation: str, telegram_id: int) -> None:
    coop = session.exec(select(Coop).where(Coop.affiliation == affiliation)).one()
    person = Person(telegram_id=telegram_id, name="Vérificatrice")
    session.add(person)
    session.flush()
    session.add(Role(person_id=person.id, kind=RoleKind.VERIFICATEUR, coop_id=coop.id))


def set_report(session, affiliation: str, status: ReportStatus, at: datetime) -> None:
    """The mandataire asks for the quitus, or sends the report, at ``at``."""
    report = report_of(session, affiliation)
    report.status = status
    if status == ReportStatus.QUITUS_REQUESTED:
        report.quitus_requested_at = at.astimezone(timezone.utc)
    else:
        report.sent_at = at.astimezone(timezone.utc)
    session.add(report)


def send_back(session, affiliation: str, at: datetime) -> None:
    """The AD returns the report through the store, with a comment, at ``at`` (the test's clock, not the machine's):
    the mandataire's notice is written to the outbox at once, under the key the reminders use for the return."""
    report = report_of(session, affiliation)
    report_sending.send_back(session, who_is(session, 4000), report.id, "Il manque le relevé d'août.",
                             now=at.astimezone(timezone.utc))  # fmt: skip


async def test_a_season_of_report_reminders(sim, database, bot, clock):
    """Sent early, never sent, returned: the mandataires, the vérificatrice and the AD each receive exactly what is due, once."""
    ids = database.run(seed_department, ["974-001", "974-002", "974-003"])
    database.run(last_year_members, ids)
    database.run(add_verificateur, "974-001", 4009)
    people = {telegram_id: sim.user(telegram_id, f"P{telegram_id}") for telegram_id in (4000, 4001, 4002, 4003, 4009)}
    received: dict[int, list] = {}
    utc = lambda *when: local(*when).astimezone(timezone.utc)  # noqa: E731
    actions = {
        # 974-001 asks for the quitus on Tuesday evening: the vérificatrice hears of it on Wednesday morning
        utc(2026, 9, 8, 20): lambda: database.run(set_report, "974-001", ReportStatus.QUITUS_REQUESTED, local(2026, 9, 8, 20)),
        utc(2026, 9, 10, 9): lambda: database.run(set_report, "974-001", ReportStatus.SENT, local(2026, 9, 10, 9)),
        utc(2026, 9, 25, 9): lambda: database.run(set_report, "974-003", ReportStatus.SENT, local(2026, 9, 25, 9)),
        # returned on Saturday morning: an answer to the AD's action, it goes at once (in the chat, the AD's
        # handler sends it; here the next run does); the reminders' runs after it find it sent
        utc(2026, 10, 10, 10): lambda: database.run(send_back, "974-003", local(2026, 10, 10, 10)),
    }  # fmt: skip
    # every 6 hours from 23h: the runs at 05h, 11h, 17h and 23h; messages go at 11h, none at night
    await run_until(bot, clock, sim, local(2026, 12, 1), timedelta(hours=6), received, actions)

    countdown = "⏰ Compte rendu 2025-2026 — coopérative {}"
    late = "⚠️ Compte rendu 2025-2026 en retard — coopérative {}"
    digests = [(f"Mon {day} 11h", "📊 Synthèse de la semaine — OCCE 974") for day in (
        "07/09", "14/09", "21/09", "28/09", "05/10", "12/10", "19/10", "26/10", "02/11", "09/11", "16/11", "23/11",
        "30/11")]  # fmt: skip
    assert received[4000] == digests
    assert 4001 not in received  # sent on 10/09, before the first countdown
    assert received[4009] == [("Wed 09/09 11h", "✍️ Quitus 2025-2026 — coopérative 974-001")]
    countdowns = [("Tue 15/09 11h", countdown), ("Wed 23/09 11h", countdown),
                  ("Mon 28/09 11h", countdown), ("Tue 29/09 11h", countdown)]  # j-3 is Sunday 27/09: it waits for Monday
    weekly = [(f"{day} 11h", late) for day in ("Thu 01/10", "Thu 08/10", "Thu 15/10", "Thu 22/10", "Thu 29/10",
                                               "Thu 05/11", "Thu 12/11", "Thu 19/11")]  # fmt: skip
    assert received[4002] == [(when, text.format("974-002")) for when, text in countdowns + weekly]
    # 974-003 sent on 25/09: nothing until the AD returns it; then the comment once, and the weekly "late" again
    assert received[4003] == [(when, text.format("974-003")) for when, text in countdowns[:2]] + [
        ("Sat 10/10 11h", "↩️ Compte rendu 2025-2026 à compléter — coopérative 974-003")] + [
        (when, text.format("974-003")) for when, text in weekly[2:]]  # fmt: skip
    returned = next(m for m in people[4003].history if m.content.startswith("↩️"))
    # what is missing is this coop's: no bank statement of August was pointed in /pointage
    assert returned.content == ("↩️ Compte rendu 2025-2026 à compléter — coopérative 974-003\n"
                                "Le C.R. est suivi, mais il doit être complété : « Il manque le relevé d'août. » "
                                "Il manque encore : relevé d'août manquant : /pointage.")  # fmt: skip
    assert "Comptes rendus 2025-2026 : 1 envoyé, 2 en retard." in people[4000].history[-1].content
    assert database.run(lambda s: [m.kind for m in s.exec(select(OutboxMessage))].count("renvoi")) == 1
    step = await people[4003].press("🗂 Ouvrir le compte rendu", message=returned)
    assert "974-003" in step.text and "Il manque le relevé d'août." in step.text
    quitus = people[4009].history[0]
    assert "Le mandataire vous demande de vérifier les comptes et de donner votre quitus." in quitus.content
    step = await people[4009].press("✍️ Donner mon quitus", message=quitus)
    assert step.text.startswith("Votre quitus sur les comptes 2025-2026 de 974-001.")


def class_ledger(session, affiliation: str, telegram_id: int) -> int:
    """A class ledger CM2A with its teacher and one receipt in 2025-2026; its id."""
    coop = session.exec(select(Coop).where(Coop.affiliation == affiliation)).one()
    ledger = Ledger(coop_id=coop.id, name="CM2A", kind=LedgerKind.CLASSE)
    teacher = Person(telegram_id=telegram_id, name="Enseignante")
    session.add_all([ledger, teacher])
    session.flush()
    session.add(Role(person_id=teacher.id, kind=RoleKind.ENSEIGNANT, coop_id=coop.id, ledger_id=ledger.id))
    session.add(Entry(ledger_id=ledger.id, fiscal_year=2025, piece_number=1, day=local(2026, 3, 2).date(),
                      label="Vente de gâteaux", direction=Direction.RECETTE, treasury=Treasury.CAISSE,
                      means=Means.ESPECES, amount=4500))  # fmt: skip
    return ledger.id


async def test_a_teacher_is_reminded_of_an_open_class_ledger_until_it_is_closed(sim, database, bot, clock):
    """From 1 September, then as the report's countdown; nothing once closed; the button opens /cloture on it."""
    ids = database.run(seed_department, ["974-001"])
    database.run(last_year_members, ids)
    ledger_id = database.run(class_ledger, "974-001", 4010)
    teacher = sim.user(4010, "Claire")
    sim.user(4001, "Marie")
    closed = local(2026, 9, 24, 10)
    close = lambda: database.run(lambda s: s.add(LedgerClosing(ledger_id=ledger_id, fiscal_year=2025, day=closed.date(),  # noqa: E731
                                                               banque=0, caisse=4500)))  # fmt: skip
    received: dict[int, list] = {}
    await run_until(bot, clock, sim, local(2026, 10, 1), timedelta(hours=6), received,
                    {closed.astimezone(timezone.utc): close})  # fmt: skip
    assert received[4010] == [("Tue 01/09 11h", "📕 Cahier CM2A 2025-2026 — coopérative 974-001"),
                              ("Tue 15/09 11h", "⏰ Cahier CM2A 2025-2026 — coopérative 974-001"),
                              ("Wed 23/09 11h", "⏰ Cahier CM2A 2025-2026 — coopérative 974-001")]  # fmt: skip
    assert [when for when, _ in received[4001]] == ["Tue 15/09 11h", "Wed 23/09 11h", "Mon 28/09 11h", "Tue 29/09 11h"]
    first = teacher.history[0]
    assert "Le cahier de votre classe n'est pas encore clos" in first.content
    assert "Il manque encore : 1 cahier de classe non clos" in sim.user(4001, "Marie").history[0].content
    step = await teacher.press("📕 Clore le cahier", message=first)
    assert "CM2A" in step.text


async def test_rappels_shows_the_reports_countdown_and_weekly_late_ones_and_mutes_them_but_the_last_day(
        sim, database, bot, clock):  # fmt: skip
    database.run(last_year_members, database.run(seed_department, ["974-001"]))
    marie, clock.now = sim.user(4001, "Marie"), local(2026, 9, 10, 9).astimezone(timezone.utc)
    report = ("🗂 Compte rendu 2025-2026 de la coopérative 974-001 : 15/09/2026, 23/09/2026, 28/09/2026, 29/09/2026 "
              "(veille de la date limite), puis chaque semaine en retard, du 01/10/2026 au 19/11/2026.")  # fmt: skip
    step = await marie.send("/rappels")
    prepare = "🗂 Préparation du compte rendu 2026-2027 de la coopérative 974-001 : 01/07/2027."
    assert step.text == (f"🔔 Vos rappels\n\n📝 Adhésion de la coopérative 974-001 : validée, plus aucun rappel.\n\n"
                         f"{report}\n\n{RETURNS}\n\n{prepare}\n\n{HOURS}")
    step = await marie.press("🔕 Couper : compte rendu")
    assert "🔕 Coupés : compte rendu (le rappel de la veille de la date limite vous parvient quand même)." in step.text
    received: dict[int, list] = {}
    await run_until(bot, clock, sim, local(2026, 9, 30), timedelta(hours=6), received)
    assert received == {4001: [("Tue 29/09 09h", "⏰ Compte rendu 2025-2026 — coopérative 974-001")]}  # j-1 only

    clock.now = local(2026, 10, 20, 9).astimezone(timezone.utc)  # later, the weekly ones left
    step = await marie.send("/rappels")
    assert ("🗂 Compte rendu 2025-2026 de la coopérative 974-001 : plus de rappel, vous les avez coupés."
            in step.text)  # fmt: skip
    step = await marie.press("🔔 Rétablir : compte rendu")
    # heard again: this week's "late" one (due since Thursday 15/10, held back by the mute) goes at the next run
    assert ("🗂 Compte rendu 2025-2026 de la coopérative 974-001 : chaque semaine en retard, du 20/10/2026 au "
            "19/11/2026.") in step.text  # fmt: skip
    clock.now = local(2026, 12, 1, 9).astimezone(timezone.utc)  # past the last weekly one: the AD follows up
    step = await marie.send("/rappels")
    assert ("🗂 Compte rendu 2025-2026 de la coopérative 974-001 : plus de rappel, ses 8 semaines de rappels « en "
            "retard » sont passées ; l'OCCE assure le suivi.") in step.text  # fmt: skip
    database.run(set_report, "974-001", ReportStatus.SENT, local(2026, 10, 20, 9))
    step = await marie.send("/rappels")
    assert "🗂 Compte rendu 2025-2026 de la coopérative 974-001 : envoyé, plus aucun rappel." in step.text


def waiting_for_validation(session, affiliation: str, at: datetime) -> None:
    """This year's membership of ``affiliation`` was sent at ``at`` and waits for the AD."""
    adhesion = session.exec(select(Adhesion).join(Coop).where(Coop.affiliation == affiliation, Adhesion.year == 2026)).one()
    adhesion.submitted_at, adhesion.validated_at = at, None
    session.add(adhesion)


async def test_rappels_shows_the_days_of_a_teachers_ledger_a_quitus_asked_and_the_ads_validations_and_digest(
        sim, database, bot, clock):  # fmt: skip
    """Each kind's days as the reminders' job will send them; the job's run takes the days it sent off the list."""
    database.run(last_year_members, database.run(seed_department, ["974-001", "974-002"]))
    database.run(class_ledger, "974-001", 4010)
    database.run(add_verificateur, "974-001", 4009)
    database.run(waiting_for_validation, "974-002", local(2026, 9, 8, 10))
    claire, odile, paul = sim.user(4010, "Claire"), sim.user(4009, "Odile"), sim.user(4000, "Paul")
    sim.user(4001, "Marie")
    clock.now = local(2026, 9, 10, 9).astimezone(timezone.utc)
    await reminders_run(bot)  # the class ledger's reminder of 1 September goes now
    ledger = "📕 Cahier CM2A 2025-2026 de la coopérative 974-001, à clore : "
    step = await claire.send("/rappels")
    assert step.text == (f"🔔 Vos rappels\n\n{ledger}15/09/2026, 23/09/2026, 28/09/2026, 29/09/2026 "
                         f"(veille de la date limite).\n\n{HOURS}")  # fmt: skip
    step = await claire.press("🔕 Couper : clôture du cahier")
    assert f"{ledger}29/09/2026 (veille de la date limite).\n\n🔕 Coupés : clôture du cahier (le rappel" in step.text

    step = await odile.send("/rappels")
    assert "✍️ Quitus : un message dès qu'un mandataire vous demande votre quitus." in step.text
    database.run(set_report, "974-001", ReportStatus.QUITUS_REQUESTED, local(2026, 9, 10, 9))
    step = await odile.send("/rappels")
    assert "✍️ Quitus 2025-2026 de la coopérative 974-001 : 10/09/2026." in step.text  # the job's next run sends it
    await reminders_run(bot)
    assert odile.history[-1].content.startswith("✍️ Quitus 2025-2026 — coopérative 974-001")
    step = await odile.send("/rappels")
    assert "✍️ Quitus : un message dès qu'un mandataire vous demande votre quitus." in step.text

    step = await paul.send("/rappels")
    assert step.text == (
        "🔔 Vos rappels\n\n⏳ Adhésions à valider : un rappel pour chaque adhésion transmise qui attend votre "
        "validation depuis plus de 3 jours.\n\n⏳ Prochains rappels : 974-002 le 11/09/2026.\n\n"
        f"📊 Synthèse de la semaine : chaque lundi matin, de septembre à novembre ; la prochaine le 14/09/2026.\n\n{HOURS}")
    received: dict[int, list] = {}
    await run_until(bot, clock, sim, local(2026, 9, 15), timedelta(hours=6), received)
    assert received[4000] == [("Fri 11/09 15h", "⏳ L'adhésion de la coopérative 974-002, transmise le 08/09/2026, "
                                                "attend votre validation depuis plus de 3 jours."),
                              ("Mon 14/09 09h", "📊 Synthèse de la semaine — OCCE 974")]  # fmt: skip


async def test_on_1_july_this_years_members_are_told_what_to_prepare_once(sim, database, bot, clock):
    """A coop that renewed this year (not a member the year before) and one that did not renew: only the first hears."""
    database.run(seed_department, ["974-001", "974-002"])
    database.run(submit, "974-001", local(2026, 9, 10, 10))
    marie = sim.user(4001, "Marie")
    sim.user(4002, "Odile")
    clock.now = local(2027, 6, 30, 12).astimezone(timezone.utc)
    received: dict[int, list] = {}
    await run_until(bot, clock, sim, local(2027, 7, 16), timedelta(hours=6), received)
    assert received == {4001: [("Thu 01/07 12h", "🗂 Compte rendu 2026-2027 — coopérative 974-001")]}
    prepare = marie.history[-1]
    assert ("Préparez dès maintenant l'arrêté de caisse du 31 août, le relevé bancaire d'août et la réunion des "
            "vérificateurs aux comptes.") in prepare.content and "30/09/2027" in prepare.content  # fmt: skip
    step = await marie.press("🗂 Ouvrir le compte rendu", message=prepare)
    assert "974-001" in step.text


def test_rappels_lists_ten_memberships_waiting_and_counts_the_others():
    from datetime import date

    from bot.reminders.rappels import view_text
    from store.reminders import Coming, RemindersView

    waiting = tuple(Coming("validation", f"974-{n:03}", 2026, ((date(2026, 9, 11), "202609081000"),)) for n in range(12))
    view = RemindersView(kinds=("validation",), muted=frozenset(), hour=8, hours=(8, 19), timezone="Indian/Reunion",
                         memberships=(), validation_wait_days=3, coming=waiting)  # fmt: skip
    assert ("⏳ Prochains rappels : 974-000 le 11/09/2026, 974-001 le 11/09/2026, 974-002 le 11/09/2026, "
            "974-003 le 11/09/2026, 974-004 le 11/09/2026, 974-005 le 11/09/2026, 974-006 le 11/09/2026, "
            "974-007 le 11/09/2026, 974-008 le 11/09/2026, 974-009 le 11/09/2026 et 2 autres.") in view_text(view, "fr")
