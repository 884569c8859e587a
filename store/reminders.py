"""What the reminders need to know, read in a few queries per department; and /rappels' settings."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from sqlmodel import Session, func, select

from reminders.calendar import Calendar, parse_holidays
from reminders.due import KINDS, CoopFacts, DepartmentFacts, Recipient
from store.models import Adhesion, AdhesionRow, Coop, Department, Person, ReminderSettings, Role, RoleKind, utcnow
from store.people import Who
from store.years import fiscal_year_of, today_in


class ReminderError(Exception):
    """A /rappels choice the store refuses: 'kind' (not a kind of reminder), 'hour' (outside the sending hours)."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def calendar_of(department: Department) -> Calendar:
    steps = tuple(int(days) for days in department.reminder_days.split(",") if days.strip())
    return Calendar(
        code=department.code, timezone=department.timezone, membership_opens=department.membership_opens,
        membership_closes=department.membership_closes, report_deadline=department.report_deadline,
        report_prepare=department.report_prepare, steps=steps, from_hour=department.reminder_from_hour,
        until_hour=department.reminder_until_hour, holidays=parse_holidays(department.school_holidays),
        validation_wait_days=department.validation_wait_days,
    )  # fmt: skip


def calendars(session: Session) -> list[Calendar]:
    """Every department's reminder calendar."""
    return [calendar_of(d) for d in session.exec(select(Department).order_by(Department.code)).all()]


def department_facts(session: Session, calendar: Calendar, now: datetime | None = None) -> DepartmentFacts:
    """The department's coops as the reminders see them this school year: mandataires, membership, report."""
    code = calendar.code
    year = fiscal_year_of(today_in(calendar.timezone, now or utcnow()))
    people: dict[int | None, list[Recipient]] = defaultdict(list)  # coop id (None: the AD) → people to remind
    rows = session.exec(
        select(Role.coop_id, Role.kind, Person.id, ReminderSettings)
        .join(Person, Person.id == Role.person_id)
        .join(Coop, Coop.id == Role.coop_id, isouter=True)
        .join(ReminderSettings, ReminderSettings.person_id == Person.id, isouter=True)
        .where(Role.ended_at.is_(None), Person.telegram_id.is_not(None),
               ((Role.kind == RoleKind.MANDATAIRE) & (Coop.department_code == code))
               | ((Role.kind == RoleKind.AD) & (Role.department_code == code)))
        .order_by(Role.id)
    ).all()  # fmt: skip
    for coop_id, kind, person_id, settings in rows:
        people[coop_id if kind == RoleKind.MANDATAIRE else None].append(_recipient(person_id, settings))
    memberships = {a.coop_id: a for a in session.exec(
        select(Adhesion).join(Coop, Coop.id == Adhesion.coop_id)
        .where(Coop.department_code == code, Adhesion.year == year)
    ).all()}  # fmt: skip
    row_counts = dict(session.exec(
        select(AdhesionRow.adhesion_id, func.count()).where(AdhesionRow.adhesion_id.in_([a.id for a in memberships.values()]))
        .group_by(AdhesionRow.adhesion_id)
    ).all())  # fmt: skip
    coops = []
    for coop in session.exec(select(Coop).where(Coop.department_code == code).order_by(Coop.id)).all():
        membership = memberships.get(coop.id)
        coops.append(CoopFacts(
            coop_id=coop.id, affiliation=coop.affiliation, mandataires=tuple(people.get(coop.id, ())),
            adhesion_id=membership.id if membership else None, rows=row_counts.get(membership.id, 0) if membership else 0,
            submitted_at=membership.submitted_at if membership else None,
            validated_at=membership.validated_at if membership else None,
        ))  # fmt: skip
    return DepartmentFacts(calendar, tuple(coops), tuple(people.get(None, ())))


def _recipient(person_id: int, settings: ReminderSettings | None) -> Recipient:
    if settings is None:
        return Recipient(person_id)
    return Recipient(person_id, frozenset(kind for kind in settings.muted.split(",") if kind), settings.hour)


# ---------------------------------------------------------------- /rappels


def my_settings(session: Session, who: Who) -> ReminderSettings:
    """The person's choices (not saved until changed)."""
    return session.get(ReminderSettings, who.person.id) or ReminderSettings(person_id=who.person.id)


def toggle_kind(session: Session, who: Who, kind: str) -> ReminderSettings:
    """Mute a kind of reminder, or hear it again; the last day's reminder is sent whatever the choice."""
    if kind not in KINDS:
        raise ReminderError("kind")
    settings = my_settings(session, who)
    muted = {k for k in settings.muted.split(",") if k} ^ {kind}
    settings.muted = ",".join(sorted(muted))
    settings.blocked_at = None  # they are talking to the bot: they no longer block it
    session.add(settings)
    return settings


def choose_hour(session: Session, who: Who, hour: int | None, department_hours: tuple[int, int]) -> ReminderSettings:
    """The hour from which the person's reminders may go (None: the department's first hour)."""
    if hour is not None and not department_hours[0] <= hour < department_hours[1]:
        raise ReminderError("hour")
    settings = my_settings(session, who)
    settings.hour = hour
    settings.blocked_at = None
    session.add(settings)
    return settings

