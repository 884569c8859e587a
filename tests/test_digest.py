"""The AD's weekly digest: Monday morning, September to November, once a week, through the outbox."""

from __future__ import annotations

from datetime import timedelta, timezone

from sqlmodel import select

from bot.reminders.jobs import CLOCK, reminders_run
from reminders.digest import DIGEST, weekly_digest
from store.models import OutboxMessage
from store.reminders import calendars, department_facts
from tests.test_reminders import Clock, local, run_until, seed_department, submit, validate

COOPS = ["974-001", "974-002", "974-003", "974-004"]


def setup(session) -> None:
    seed_department(session, COOPS, holidays="2026-10-19:2026-10-19")
    submit(session, "974-001", local(2026, 9, 2, 10))
    validate(session, "974-001", local(2026, 9, 3, 9))
    submit(session, "974-002", local(2026, 9, 20, 10))


def digests_at(session, when) -> list:
    calendar = calendars(session)[0]
    return weekly_digest(department_facts(session, calendar, when.astimezone(timezone.utc)), when.astimezone(timezone.utc))


def test_when_the_digest_is_due(database):
    database.run(setup)
    for when, due in ((local(2026, 9, 7, 7, 59), False), (local(2026, 9, 7, 8), True), (local(2026, 9, 6, 10), False),
                      (local(2026, 9, 1, 10), False), (local(2026, 12, 7, 9), False), (local(2026, 11, 30, 9), True),
                      (local(2026, 9, 7, 19), False)):  # fmt: skip
        found = database.run(digests_at, when)
        assert bool(found) == due, when
    [digest] = database.run(digests_at, local(2026, 10, 5, 9))
    assert (digest.kind, digest.step, digest.coop_id, digest.year) == (DIGEST, "2026-10-05", None, 2026)
    assert digest.params == {"department": "974", "coops": 4, "renewed": 2, "reports_known": False, "reported": 0,
                             "waiting": ["974-002"],
                             "waiting_count": 1, "late": ["974-003", "974-004"], "late_count": 2,
                             "late_reports": 0}  # fmt: skip


def department_from(sim, database, bot, start) -> tuple[Clock, object]:
    """The department of ``setup`` on the simulator, its clock at ``start``; the clock and Paul, the AD."""
    database.run(setup)
    clock = bot.bot_data[CLOCK] = Clock(start.astimezone(timezone.utc))
    for number in range(1, 5):
        sim.user(4000 + number, f"M{number}")
    return clock, sim.user(4000, "Paul")


async def test_the_ad_reads_it_on_monday_once_and_after_a_holiday_monday(sim, database, bot):
    clock, paul = department_from(sim, database, bot, local(2026, 10, 4, 20))
    received: dict[int, list] = {}
    await run_until(bot, clock, sim, local(2026, 10, 21), timedelta(hours=1), received)
    digests = [(when, text) for when, text in received[4000] if text.startswith("📊")]
    # Monday 19/10 is a holiday there: that week's digest goes on Tuesday at 08h.
    assert [when for when, _ in digests] == ["Mon 05/10 08h", "Mon 12/10 08h", "Tue 20/10 08h"]
    assert next(m.content for m in paul.history if m.content.startswith("📊")) == (
        "📊 Synthèse de la semaine — OCCE 974\n\n"
        "Adhésions 2026-2027 : 2 transmises ou validées sur 4 coopératives.\n"
        "⏳ À valider (1) : 974-002\n"
        "⚠️ Adhésions en retard (2) : 974-003, 974-004\n\n"
        "Le détail, coopérative par coopérative : /suivi")
    await reminders_run(bot)
    kinds = database.run(lambda s: [m.kind for m in s.exec(select(OutboxMessage)).all()])
    assert kinds.count(DIGEST) == 3


def test_the_reports_line_once_their_state_is_known():
    from bot.followup.digest import digest_text
    from store.outbox import Claimed

    params = {"department": "974", "coops": 3, "renewed": 1, "reports_known": True, "reported": 1, "late_reports": 2,
              "waiting": [], "waiting_count": 0, "late": ["974-002", "974-003"], "late_count": 25}
    text, _ = digest_text(Claimed(1, DIGEST, "2026-10-05", None, 1, 2026, 4000, "fr", params))
    assert text == ("📊 <b>Synthèse de la semaine — OCCE 974</b>\n\n"
                    "Adhésions 2026-2027 : 1 transmise ou validée sur 3 coopératives.\n"
                    "Comptes rendus 2025-2026 : 1 envoyé, 2 en retard.\n"
                    "⚠️ Adhésions en retard (25) : 974-002, 974-003 et 23 autres\n\n"
                    "Le détail, coopérative par coopérative : /suivi")


async def test_the_ad_mutes_the_digest_in_rappels_and_hears_it_again(sim, database, bot):
    clock, paul = department_from(sim, database, bot, local(2026, 10, 3, 9))
    await reminders_run(bot)  # this week's digest, not sent on Monday (the bot was not running), goes now
    step = await paul.send("/rappels")
    assert "📊 Synthèse de la semaine : chaque lundi matin, de septembre à novembre ; la prochaine le 05/10/2026." in step.text
    step = await paul.press("🔕 Couper : synthèse de la semaine")
    assert "📊 Synthèse de la semaine : chaque lundi matin, de septembre à novembre.\n" in step.text  # none to come
    assert "🔕 Coupés : synthèse de la semaine.\n" in step.text  # no last day to keep: none is sent
    assert "🔔 Rétablir : synthèse de la semaine" in str(step.last.buttons)
    received: dict[int, list] = {}
    await run_until(bot, clock, sim, local(2026, 10, 6), timedelta(hours=1), received)
    assert not [text for _, text in received.get(4000, []) if text.startswith("📊")]  # Monday 05/10: muted
    step = await paul.send("/rappels")
    await paul.press("🔔 Rétablir : synthèse de la semaine")
    await run_until(bot, clock, sim, local(2026, 10, 13), timedelta(hours=1), received)
    # heard again on Tuesday: that week's digest comes at once (as one held up by a holiday), then Mondays again
    assert [when for when, text in received[4000] if text.startswith("📊")] == ["Tue 06/10 08h", "Mon 12/10 08h"]
