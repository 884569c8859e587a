"""The department's view for its AD staff (/suivi, /annonce): where each coop stands, who to write to.

Every function takes the staff member and the department (or a coop, whose department is
looked up) and checks ``Action.STAFF`` there: another department's coop id gets the same
refusal as a missing one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

from sqlalchemy import func
from sqlmodel import Session, select

from store import outbox
from store.access import Action, Forbidden, require
from store.campaign import department_year, membership_deadline, past_deadline
from store.coop import CoopCard, card
from store.audit import record
from store.models import Adhesion, Announcement, AuditEvent, Coop, Department, Person, Report, ReportStatus, Role, RoleKind
from store.people import Who
from store.text import plain, says_something
from store.years import today_in

PAGE_SIZE = 8
# Membership as the AD follows it: store.adhesion's states, "late" taking over new and draft after the deadline.
MEMBERSHIP_STATES = ("late", "new", "draft", "submitted", "validated")
REPORT_STATES = ("not_started", *(status.value for status in ReportStatus))  # the report as the list shows it
ANNOUNCEMENT_MAX = 3500  # Telegram's 4096 less the heading the mandataires read above it


class FollowUpError(Exception):
    """empty, too_long, no_letter (emoji or punctuation only), state, page, audience, commune, nobody, no_mandataire"""

    def __init__(self, reason: str, **details: object):
        super().__init__(reason)
        self.reason = reason
        self.details = details


@dataclass(frozen=True)
class CoopLine:
    """One coop of the department: its membership, its report, its last recorded change."""

    coop_id: int
    affiliation: str
    school_name: str
    commune: str
    membership: str  # one of MEMBERSHIP_STATES
    report: str  # the previous year's report: not_started or a ReportStatus value
    last_activity: date | None  # the day of its last recorded change, in the department's time zone


@dataclass(frozen=True)
class Overview:
    """A page of the department's coops, after the filters."""

    department_code: str
    year: int
    deadline: date
    lines: tuple[CoopLine, ...]
    page: int
    pages: int
    matching: int
    counts: dict[str, int]  # membership state → coops, over the whole department
    report_counts: dict[str, int]  # report state → coops, likewise
    communes: tuple[str, ...]  # every commune of the department, sorted: filters name one by its index
    state: str | None
    report: str | None
    commune: str | None


def _department(session: Session, who: Who, department_code: str) -> Department:
    require(who, Action.STAFF, department_code=department_code)
    return session.get(Department, department_code)


def _lines(session: Session, department: Department, year: int, now: datetime | None) -> list[CoopLine]:
    """Every coop of the department with its membership of ``year``, in two queries."""
    late = past_deadline(department, year, now)
    rows = session.exec(
        select(Coop, Adhesion)
        .join(Adhesion, (Adhesion.coop_id == Coop.id) & (Adhesion.year == year), isouter=True)
        .where(Coop.department_code == department.code).order_by(Coop.affiliation)
    ).all()  # fmt: skip
    # The report of the year that ended on 31 August, as store.reports.coop_state says it, in one query.
    reported = {coop_id: status.value for coop_id, status in session.exec(
        select(Report.coop_id, Report.status).join(Coop, Coop.id == Report.coop_id)
        .where(Coop.department_code == department.code, Report.fiscal_year == year - 1)
    ).all()}  # fmt: skip
    activity = dict(session.exec(
        select(AuditEvent.coop_id, func.max(AuditEvent.at)).join(Coop, Coop.id == AuditEvent.coop_id)
        .where(Coop.department_code == department.code).group_by(AuditEvent.coop_id)
    ).all())  # fmt: skip
    lines = []
    for coop, adhesion in rows:
        if adhesion is not None and adhesion.validated_at:
            state = "validated"
        elif adhesion is not None and adhesion.submitted_at:
            state = "submitted"
        else:
            state = "late" if late else "draft" if adhesion is not None else "new"
        lines.append(CoopLine(coop.id, coop.affiliation, coop.school_name, coop.commune, state,
                              reported.get(coop.id, "not_started"),
                              _local_day(activity.get(coop.id), department.timezone)))  # fmt: skip
    return lines


def _local_day(instant: datetime | None, tz_name: str) -> date | None:
    if instant is None:
        return None
    if instant.tzinfo is None:  # SQLite gives back naive instants: they are UTC
        instant = instant.replace(tzinfo=timezone.utc)
    return instant.astimezone(ZoneInfo(tz_name)).date()


def overview(session: Session, who: Who, department_code: str, *, state: str | None = None,
             report: str | None = None, commune: int | None = None, page: int = 0,
             now: datetime | None = None) -> Overview:  # fmt: skip
    """The department's coops, filtered by membership state, report state and commune (its index in ``communes``)."""
    department = _department(session, who, department_code)
    if (state is not None and state not in MEMBERSHIP_STATES) or (report is not None and report not in REPORT_STATES):
        raise FollowUpError("state")
    year = department_year(session, department_code, now)
    every = _lines(session, department, year, now)
    communes = tuple(sorted({line.commune for line in every if line.commune}))
    if commune is not None and not 0 <= commune < len(communes):
        raise FollowUpError("commune")
    chosen = communes[commune] if commune is not None else None
    matching = [line for line in every if (state is None or line.membership == state)
                and (report is None or line.report == report) and (chosen is None or line.commune == chosen)]
    pages = max(1, -(-len(matching) // PAGE_SIZE))
    if not 0 <= page < pages:
        raise FollowUpError("page")
    counts = {key: sum(1 for line in every if line.membership == key) for key in MEMBERSHIP_STATES}
    report_counts = {key: sum(1 for line in every if line.report == key) for key in REPORT_STATES}
    return Overview(department_code, year, membership_deadline(department, year),
                    tuple(matching[page * PAGE_SIZE:(page + 1) * PAGE_SIZE]), page, pages, len(matching),
                    counts, report_counts, communes, state, report, chosen)  # fmt: skip


def _staff_department(who: Who) -> str:
    """The department whose staff this person is (the first, should they be of several)."""
    if not who.departments():
        raise Forbidden(Action.STAFF)
    return who.departments()[0]


def overview_page(session: Session, who: Who, *, state: str | None = None, report: str | None = None,
                  commune: int | None = None, page: int = 0, now: datetime | None = None) -> tuple[Overview, bool]:
    """/suivi's list of the staff member's department as the filters ask; its first page, unfiltered, when the
    list no longer has that page (coops or communes changed): then True, to say so."""
    department_code = _staff_department(who)
    try:
        return overview(session, who, department_code, state=state, report=report, commune=commune, page=page,
                        now=now), False  # fmt: skip
    except FollowUpError:
        return overview(session, who, department_code, now=now), True


def staff_coop(session: Session, who: Who, coop_id: int) -> Coop:
    """A coop of the staff member's department; any other id (missing, another department's) is refused alike."""
    coop = session.get(Coop, coop_id)
    if coop is None:
        raise Forbidden(Action.STAFF)
    require(who, Action.STAFF, coop_id=coop.id, department_code=coop.department_code)
    return coop


def staff_card(session: Session, who: Who, coop_id: int) -> CoopCard:
    """The coop's card (as /coop shows it), for the staff of its department only."""
    staff_coop(session, who, coop_id)
    return card(session, who, coop_id)


@dataclass(frozen=True)
class Recipient:
    person_id: int
    telegram_id: int
    language: str
    name: str
    coop_id: int
    affiliation: str


def _mandataires(session: Session, department_code: str, coop_ids: list[int] | None = None) -> list[Recipient]:
    """The current mandataires with a Telegram account, of the department or of these coops."""
    query = (select(Person, Coop).join(Role, Role.person_id == Person.id).join(Coop, Coop.id == Role.coop_id)
             .where(Coop.department_code == department_code, Role.kind == RoleKind.MANDATAIRE,
                    Role.ended_at.is_(None), Person.telegram_id.is_not(None))
             .order_by(Coop.affiliation, Person.id))  # fmt: skip
    if coop_ids is not None:
        query = query.where(Coop.id.in_(coop_ids))
    return [Recipient(person.id, person.telegram_id, person.language, person.name, coop.id, coop.affiliation)
            for person, coop in session.exec(query).all()]  # fmt: skip


def coop_mandataires(session: Session, who: Who, coop_id: int) -> list[Recipient]:
    """Who a nudge or a message to this coop reaches: its mandataires on Telegram."""
    coop = staff_coop(session, who, coop_id)
    return _mandataires(session, coop.department_code, [coop.id])


@dataclass(frozen=True)
class Letter:
    """A message of AD staff to a coop's mandataires: whose name and department it bears, who reads it."""

    department_code: str
    sender: str
    recipients: list[Recipient]


def letter(session: Session, who: Who, coop_id: int) -> Letter:
    """What ✉️ Écrire sends the message with: the staff member's department and name, the coop's mandataires."""
    return Letter(_staff_department(who), who.person.name, coop_mandataires(session, who, coop_id))


AUDIENCES = ("all", "late", "commune")


def audience(session: Session, who: Who, department_code: str, kind: str, commune: int | None = None,
             now: datetime | None = None) -> list[Recipient]:  # fmt: skip
    """The mandataires an announcement reaches: all of the department's, the late coops', or one commune's."""
    if kind not in AUDIENCES:
        raise FollowUpError("audience")
    department = _department(session, who, department_code)
    if kind == "all":
        return _mandataires(session, department_code)
    every = _lines(session, department, department_year(session, department_code, now), now)
    if kind == "late":
        return _mandataires(session, department_code, [line.coop_id for line in every if line.membership == "late"])
    communes = sorted({line.commune for line in every if line.commune})
    if commune is None or not 0 <= commune < len(communes):
        raise FollowUpError("commune")
    return _mandataires(session, department_code, [line.coop_id for line in every if line.commune == communes[commune]])


@dataclass(frozen=True)
class Audiences:
    """How many mandataires each choice of /annonce reaches (a person counted once)."""

    every: int
    late: int
    communes: tuple[tuple[str, int], ...]  # every commune of the department, sorted, with its count


def audiences(session: Session, who: Who, department_code: str, now: datetime | None = None) -> Audiences:
    """The counts /annonce shows on its buttons."""
    department = _department(session, who, department_code)
    every = _lines(session, department, department_year(session, department_code, now), now)
    reached = {}
    for recipient in _mandataires(session, department_code):
        reached.setdefault(recipient.coop_id, set()).add(recipient.person_id)

    def count(lines) -> int:
        return len(set().union(*(reached.get(line.coop_id, set()) for line in lines)))

    communes = sorted({line.commune for line in every if line.commune})
    return Audiences(count(every), count(line for line in every if line.membership == "late"),
                     tuple((name, count(line for line in every if line.commune == name)) for name in communes))


def announcement_start(session: Session, who: Who, now: datetime | None = None) -> tuple[str, Audiences]:
    """/annonce: the staff member's department, and the counts its buttons show."""
    department_code = _staff_department(who)
    return department_code, audiences(session, who, department_code, now)


def check_text(text: str, limit: int = ANNOUNCEMENT_MAX) -> str:
    """A message typed by AD staff, as it will be sent: not empty, ``limit`` characters at most, a letter or
    digit in it."""
    cleaned = plain(text).strip()
    if not cleaned:
        raise FollowUpError("empty")
    if len(cleaned) > limit:
        raise FollowUpError("too_long", length=len(cleaned), limit=limit)
    if not says_something(cleaned):
        raise FollowUpError("no_letter")
    return cleaned


# ------------------------------------------------------------------ through the outbox

ANNOUNCEMENT, NUDGE = "annonce", "relance"  # the outbox kinds of this module's messages


@dataclass(frozen=True)
class Announced:
    announcement_id: int
    recipients: int
    keys: tuple[str, ...]  # the copies' outbox keys: the handler delivers them at once
    blocked: int  # copies to people who blocked the bot: the outbox closes them as blocked, unsent


def announce(session: Session, who: Who, department_code: str, kind: str, commune: int | None, text: str,
             now: datetime | None = None) -> Announced:  # fmt: skip
    """Keep the announcement and write one copy per mandataire to the outbox (a mandataire of two coops gets one)."""
    recipients = audience(session, who, department_code, kind, commune, now)
    text = check_text(text)
    if not recipients:
        raise FollowUpError("nobody")
    communes = sorted({c for c in session.exec(select(Coop.commune).where(Coop.department_code == department_code)) if c})
    announcement = Announcement(department_code=department_code, person_id=who.person.id, audience=kind,
                                commune=communes[commune] if kind == "commune" else "", text=text)  # fmt: skip
    session.add(announcement)
    session.flush()
    year = department_year(session, department_code, now)
    people = {r.person_id: r for r in reversed(recipients)}  # the first coop of each person
    for recipient in people.values():
        outbox.enqueue(session, kind=ANNOUNCEMENT, step=str(announcement.id), person_id=recipient.person_id,
                       department_code=department_code, year=year, coop_id=recipient.coop_id,
                       params={"department": department_code, "text": text}, batch=_batch(announcement.id),
                       created_by=who.person.id)  # fmt: skip
    record(session, who, "announcement", announcement.id, "create",
           after={"audience": kind, "commune": announcement.commune, "recipients": len(people)})  # fmt: skip
    keys = tuple(outbox.outbox_key(ANNOUNCEMENT, str(announcement.id), r.coop_id, r.person_id, year)
                 for r in people.values())  # fmt: skip
    return Announced(announcement.id, len(people), keys, len(outbox.blocked(session, list(people))))


def _batch(announcement_id: int) -> str:
    return f"{ANNOUNCEMENT}:{announcement_id}"


@dataclass(frozen=True)
class AnnouncementReport:
    """Where each copy of an announcement is: counts by outbox state, and who was not reached."""

    created_at: date
    audience: str
    commune: str
    recipients: int
    counts: dict[str, int]  # outbox state → copies
    problems: tuple[tuple[str, str, str], ...]  # state, name, affiliation


def announcement_report(session: Session, who: Who, announcement_id: int) -> AnnouncementReport:
    """The delivery report of an announcement, for the staff of its department."""
    announcement = session.get(Announcement, announcement_id)
    if announcement is None:
        raise Forbidden(Action.STAFF)
    department = _department(session, who, announcement.department_code)
    found = outbox.delivery_report(session, who, department.code, batch=_batch(announcement.id), limit=1000)
    return AnnouncementReport(
        _local_day(announcement.created_at, department.timezone), announcement.audience, announcement.commune,
        sum(found.counts.values()), {state.value: count for state, count in found.counts.items()},
        tuple((line.state.value, line.person, line.affiliation or "") for line in found.problems),
    )  # fmt: skip


@dataclass(frozen=True)
class Nudged:
    """A reminder written to the outbox for the coop's mandataires (none if each had one today)."""

    written: int
    names: tuple[str, ...]


def nudge(session: Session, who: Who, coop_id: int, now: datetime | None = None) -> Nudged:
    """A reminder now to the coop's mandataires, of what its membership and report still need; once a day."""
    coop = staff_coop(session, who, coop_id)
    department = session.get(Department, coop.department_code)
    recipients = _mandataires(session, coop.department_code, [coop.id])
    if not recipients:
        raise FollowUpError("no_mandataire")
    year = department_year(session, coop.department_code, now)
    line = next(line for line in _lines(session, department, year, now) if line.coop_id == coop.id)
    today = today_in(department.timezone, now)
    written = 0
    for recipient in recipients:
        written += outbox.enqueue(  # the outbox keeps who asked (created_by): the coop's trail is its own
            session, kind=NUDGE, step=today.isoformat(), person_id=recipient.person_id,
            department_code=coop.department_code, year=year, coop_id=coop.id, created_by=who.person.id,
            params={"department": coop.department_code, "affiliation": coop.affiliation, "year": year,
                    "membership": line.membership, "deadline": membership_deadline(department, year).isoformat(),
                    "report": line.report},
        )  # fmt: skip
    return Nudged(written, tuple(r.name for r in recipients))
