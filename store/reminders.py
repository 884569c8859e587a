"""What the reminders need to know, read in a few queries per department; and /rappels' settings."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, func, select

from reminders.calendar import Calendar, month_day, parse_holidays
from reminders.coming import coming
from reminders.due import (
    ADHESION, KINDS_BY_ROLE, REPORT, CoopFacts, DepartmentFacts, Due, OpenLedger, Recipient, ReportFacts,
)  # fmt: skip
from store import crf
from store.models import (
    Adhesion, AdhesionRow, AuditEvent, Coop, Department, Entry, Ledger, LedgerClosing, LedgerKind, OutboxMessage,
    Person, Quitus, ReminderSettings, Report, ReportStatus, Role, RoleKind, utcnow,
)  # fmt: skip
from store.people import RoleView, Who
from store.years import fiscal_year_of, today_in


class ReminderError(Exception):
    """A /rappels choice the store refuses: 'kind' (not one this person receives), 'hour' (outside the
    sending hours), 'no_role' (nobody to remind)."""

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
    people: dict[int | None, list[Recipient]] = defaultdict(list)  # coop id (None: the AD) → mandataires to remind
    checkers: dict[int, list[Recipient]] = defaultdict(list)  # coop id → its vérificateurs
    managing: dict[int, set[int]] = defaultdict(set)  # coop id → its mandataires and signataires: no quitus of theirs
    rows = session.exec(
        select(Role.coop_id, Role.kind, Person.id, ReminderSettings)
        .join(Person, Person.id == Role.person_id)
        .join(Coop, Coop.id == Role.coop_id, isouter=True)
        .join(ReminderSettings, ReminderSettings.person_id == Person.id, isouter=True)
        .where(Role.ended_at.is_(None), Person.telegram_id.is_not(None),
               (Role.kind.in_([RoleKind.MANDATAIRE, RoleKind.SIGNATAIRE, RoleKind.VERIFICATEUR])
                & (Coop.department_code == code))
               | ((Role.kind == RoleKind.AD) & (Role.department_code == code)))
        .order_by(Role.id)
    ).all()  # fmt: skip
    for coop_id, kind, person_id, settings in rows:
        if kind in (RoleKind.MANDATAIRE, RoleKind.SIGNATAIRE):
            managing[coop_id].add(person_id)
        if kind == RoleKind.VERIFICATEUR:
            checkers[coop_id].append(_recipient(person_id, settings))
        elif kind != RoleKind.SIGNATAIRE:
            people[coop_id if kind == RoleKind.MANDATAIRE else None].append(_recipient(person_id, settings))
    checkers = {coop_id: [p for p in found if p.person_id not in managing[coop_id]] for coop_id, found in checkers.items()}
    reports = _reports(session, code, year - 1, checkers)
    open_ledgers = _open_ledgers(session, code, year - 1)
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
            report=reports.get(coop.id), open_ledgers=tuple(open_ledgers.get(coop.id, ())),
        ))  # fmt: skip
    return DepartmentFacts(calendar, tuple(coops), tuple(people.get(None, ())))


def _reports(session: Session, code: str, year: int, checkers: dict[int, list[Recipient]]) -> dict[int, ReportFacts]:
    """The department's reports of ``year`` (the year that ended), in four grouped queries: the year's members
    without a report have not sent it; the others are not concerned (None)."""
    members = set(session.exec(  # a coop that was not a member that year has no report of it to send
        select(Adhesion.coop_id).join(Coop, Coop.id == Adhesion.coop_id)
        .where(Coop.department_code == code, Adhesion.year == year)
    ).all())  # fmt: skip
    reports = session.exec(
        select(Report).join(Coop, Coop.id == Report.coop_id).where(Coop.department_code == code, Report.fiscal_year == year)
    ).all()  # fmt: skip
    ids = [report.id for report in reports]
    returned = dict(session.exec(  # when the AD last sent each back: the step of the mandataire's message
        select(AuditEvent.entity_id, func.max(AuditEvent.at))
        .where(AuditEvent.entity == "report", AuditEvent.action == "send_back", AuditEvent.entity_id.in_(ids))
        .group_by(AuditEvent.entity_id)
    ).all())  # fmt: skip
    given = set(session.exec(select(Quitus.report_id, Quitus.person_id).where(Quitus.report_id.in_(ids))).all())
    facts = {coop_id: ReportFacts() for coop_id in members}
    for report in reports:
        asking = report.status == ReportStatus.QUITUS_REQUESTED and report.quitus_requested_at is not None
        back = report.status == ReportStatus.TO_COMPLETE
        facts[report.coop_id] = ReportFacts(
            sent=report.status in (ReportStatus.SENT, ReportStatus.MODIFIED, ReportStatus.VALIDATED),
            sent_back_at=(returned.get(report.id) or report.sent_at) if back else None,
            quitus_requested_at=report.quitus_requested_at if asking else None,
            quitus_waiting=tuple(p for p in checkers.get(report.coop_id, ()) if (report.id, p.person_id) not in given)
            if asking else (),
            report_id=report.id, comment=report.ad_comment if back else None,
        )  # fmt: skip
    return facts


def _open_ledgers(session: Session, code: str, year: int) -> dict[int, list[OpenLedger]]:
    """The department's class ledgers with entries in ``year`` and not closed for it, with their teachers: one query."""
    rows = session.exec(
        select(Ledger.coop_id, Ledger.id, Ledger.name, Person.id, ReminderSettings)
        .join(Coop, Coop.id == Ledger.coop_id)
        .join(Role, (Role.ledger_id == Ledger.id) & (Role.kind == RoleKind.ENSEIGNANT) & Role.ended_at.is_(None))
        .join(Person, Person.id == Role.person_id)
        .join(ReminderSettings, ReminderSettings.person_id == Person.id, isouter=True)
        .where(Coop.department_code == code, Ledger.kind == LedgerKind.CLASSE, Person.telegram_id.is_not(None),
               select(Entry.id).where(Entry.ledger_id == Ledger.id, Entry.fiscal_year == year).exists(),
               ~select(LedgerClosing.id).where(LedgerClosing.ledger_id == Ledger.id,
                                               LedgerClosing.fiscal_year == year).exists())
        .order_by(Ledger.id, Role.id)
    ).all()  # fmt: skip
    teachers: dict[tuple[int, int, str], list[Recipient]] = defaultdict(list)
    for coop_id, ledger_id, name, person_id, settings in rows:
        teachers[coop_id, ledger_id, name].append(_recipient(person_id, settings))
    found: dict[int, list[OpenLedger]] = defaultdict(list)
    for (coop_id, ledger_id, name), people in teachers.items():
        found[coop_id].append(OpenLedger(ledger_id, name, tuple(people)))
    return found


def report_missing(session: Session, coop_id: int, year: int) -> list:
    """What the coop's CRF of ``year`` still lacks (crf.year_report's reason codes), read as its department's AD."""
    coop = session.get(Coop, coop_id)
    reader = Who(None, (RoleView(RoleKind.AD, coop.department_code),))
    return [[code, details] for code, details in crf.year_report(session, reader, coop_id, year).missing]


def _recipient(person_id: int, settings: ReminderSettings | None) -> Recipient:
    if settings is None:
        return Recipient(person_id)
    return Recipient(person_id, frozenset(kind for kind in settings.muted.split(",") if kind), settings.hour)


# ---------------------------------------------------------------- /rappels


@dataclass(frozen=True)
class MembershipPlan:
    """A coop's membership reminders still to come for this person (none once validated)."""

    affiliation: str
    validated: bool
    steps: tuple[tuple[date, str], ...]


@dataclass(frozen=True)
class ReportPlan:
    """A coop's report reminders still to come for this person: the countdown to the deadline, then weekly late."""

    affiliation: str
    year: int  # the year reported on
    sent: bool  # sent to the AD (or validated): no more reminders
    steps: tuple[tuple[date, str], ...]
    late: bool = False  # its deadline has passed: once the weekly "en retard" ones are over, the AD follows up


@dataclass(frozen=True)
class Coming:
    """The reminders of another kind still to come for this person about one coop (or one class ledger): the day
    each goes, and its step (a class ledger's without the ledger: "j-1")."""

    kind: str
    affiliation: str | None  # None: the whole department (the AD's digest)
    year: int
    steps: tuple[tuple[date, str], ...]
    ledger: str | None = None


@dataclass(frozen=True)
class RemindersView:
    """What /rappels shows: the kinds this person may receive, muted or not, when, and at what hour."""

    kinds: tuple[str, ...]
    muted: frozenset[str]
    hour: int  # from when, department time
    hours: tuple[int, int]  # the department's sending hours
    timezone: str
    memberships: tuple[MembershipPlan, ...]
    validation_wait_days: int
    reports: tuple[ReportPlan, ...] = ()
    coming: tuple[Coming, ...] = ()  # the other kinds' dates (PLANNED_KINDS have their plans)


PLANNED_KINDS = (ADHESION, REPORT)


def my_calendar(session: Session, who: Who) -> Calendar:
    """The calendar of the person's (first) department."""
    if not who.roles:
        raise ReminderError("no_role")
    return calendar_of(session.get(Department, who.roles[0].department_code))


def kinds_of(who: Who) -> tuple[str, ...]:
    """The kinds of reminder this person may receive, by their roles."""
    return tuple(dict.fromkeys(kind for role in who.roles for kind in KINDS_BY_ROLE.get(role.kind, ())))


def reminders_view(session: Session, who: Who, now: datetime | None = None) -> RemindersView:
    """The person's reminders: by their roles, in their (first) department's calendar, with the days they go
    (the reminders' own rules, reminders/coming.py, from the department's state now)."""
    now = now or utcnow()
    calendar = my_calendar(session, who)
    today = today_in(calendar.timezone, now)
    year = fiscal_year_of(today)
    late = today > month_day(year, calendar.report_deadline)
    facts = department_facts(session, calendar, now)
    written = session.exec(select(OutboxMessage.key).where(OutboxMessage.person_id == who.person.id)).all()
    dues = coming(facts, who.person.id, now, written)
    coops = {coop.coop_id: coop for coop in facts.coops}
    mandated = [(role, coops[role.coop_id]) for role in who.coops(RoleKind.MANDATAIRE) if role.coop_id in coops]

    def steps(kind: str, coop_id: int) -> tuple[tuple[date, str], ...]:
        return tuple((day, due.step) for day, due in dues if due.kind == kind and due.coop_id == coop_id)

    others: dict[tuple, list[tuple[date, Due]]] = defaultdict(list)  # (kind, coop, ledger) → its days, in order
    for day, due in dues:
        if due.kind not in PLANNED_KINDS:
            others[due.kind, due.coop_id, due.params.get("ledger_id")].append((day, due))
    settings = my_settings(session, who)
    return RemindersView(
        kinds=kinds_of(who), muted=frozenset(k for k in settings.muted.split(",") if k),
        hour=settings.hour if settings.hour is not None else calendar.from_hour,
        hours=(calendar.from_hour, calendar.until_hour), timezone=calendar.timezone,
        memberships=tuple(MembershipPlan(role.affiliation, coop.submitted_at is not None, steps(ADHESION, coop.coop_id))
                          for role, coop in mandated),
        validation_wait_days=calendar.validation_wait_days,
        # a coop that was not a member the year that ended has no report of it to send (its report facts are None)
        reports=tuple(ReportPlan(role.affiliation, year - 1, coop.report.sent, steps(REPORT, coop.coop_id), late)
                      for role, coop in mandated if coop.report is not None),
        coming=tuple(Coming(kind, first.params.get("affiliation"), first.year,
                            tuple((day, due.step.rsplit(":", 1)[-1]) for day, due in found), first.params.get("ledger"))
                     for (kind, _, _), found in others.items() for first in [found[0][1]]),
    )  # fmt: skip


def my_settings(session: Session, who: Who) -> ReminderSettings:
    """The person's choices (not saved until changed)."""
    return session.get(ReminderSettings, who.person.id) or ReminderSettings(person_id=who.person.id)


def toggle_kind(session: Session, who: Who, kind: str, now: datetime | None = None) -> RemindersView:
    """Mute a kind of reminder this person receives, or hear it again (the last day's is sent whatever the choice)."""
    if kind not in kinds_of(who):
        raise ReminderError("kind")
    settings = my_settings(session, who)
    settings.muted = ",".join(sorted({k for k in settings.muted.split(",") if k} ^ {kind}))
    settings.blocked_at = None  # they are talking to the bot: they no longer block it
    session.add(settings)
    session.flush()
    return reminders_view(session, who, now)


def choose_hour(session: Session, who: Who, hour: int, now: datetime | None = None) -> RemindersView:
    """The hour from which the person's reminders may go, within the department's sending hours."""
    calendar = my_calendar(session, who)
    if not calendar.from_hour <= hour < calendar.until_hour:
        raise ReminderError("hour")
    settings = my_settings(session, who)
    settings.hour = hour
    settings.blocked_at = None
    session.add(settings)
    session.flush()
    return reminders_view(session, who, now)
