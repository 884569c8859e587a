"""Reminders as people receive them: the real bot, the simulator, and a clock the test moves."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select

from bot.reminders.jobs import CLOCK, reminders_run
from store.models import Adhesion, AdhesionRow, Coop, Department, OutboxMessage, Person, Role, RoleKind

REUNION = ZoneInfo("Indian/Reunion")


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
