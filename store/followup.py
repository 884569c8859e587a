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

from store.access import Action, Forbidden, require
from store.adhesion import department_year
from store.coop import CoopCard, card
from store.models import Adhesion, AuditEvent, Coop, Department, Person, Role, RoleKind
from store.people import Who
from store.text import plain
from store.years import today_in

PAGE_SIZE = 8
# Membership as the AD follows it: store.adhesion's states, "late" taking over new and draft after the deadline.
MEMBERSHIP_STATES = ("late", "new", "draft", "submitted", "validated")
ANNOUNCEMENT_MAX = 3500  # Telegram's 4096 less the heading the mandataires read above it


class FollowUpError(Exception):
    """empty, too_long, page, commune"""

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
    report: str  # the previous year's report: see report_state
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
    communes: tuple[str, ...]  # every commune of the department, sorted: filters name one by its index
    state: str | None
    commune: str | None


def report_state(session: Session, coop_id: int, year: int) -> str:
    """The yearly report (CRF) of ``year``: "not_started" until store/reports.py gives its states."""
    return "not_started"


def _department(session: Session, who: Who, department_code: str) -> Department:
    require(who, Action.STAFF, department_code=department_code)
    return session.get(Department, department_code)


def _lines(session: Session, department: Department, year: int, now: datetime | None) -> list[CoopLine]:
    """Every coop of the department with its membership of ``year``, in two queries."""
    month, day = (int(part) for part in department.membership_closes.split("-"))
    deadline = date(year, month, day)
    late = today_in(department.timezone, now) > deadline
    rows = session.exec(
        select(Coop, Adhesion)
        .join(Adhesion, (Adhesion.coop_id == Coop.id) & (Adhesion.year == year), isouter=True)
        .where(Coop.department_code == department.code).order_by(Coop.affiliation)
    ).all()  # fmt: skip
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
                              report_state(session, coop.id, year - 1),
                              _local_day(activity.get(coop.id), department.timezone)))  # fmt: skip
    return lines


def _local_day(instant: datetime | None, tz_name: str) -> date | None:
    if instant is None:
        return None
    if instant.tzinfo is None:  # SQLite gives back naive instants: they are UTC
        instant = instant.replace(tzinfo=timezone.utc)
    return instant.astimezone(ZoneInfo(tz_name)).date()


def overview(session: Session, who: Who, department_code: str, *, state: str | None = None,
             commune: int | None = None, page: int = 0, now: datetime | None = None) -> Overview:  # fmt: skip
    """The department's coops, filtered by membership state and by commune (its index in ``communes``)."""
    department = _department(session, who, department_code)
    if state is not None and state not in MEMBERSHIP_STATES:
        raise FollowUpError("state")
    year = department_year(session, department_code, now)
    every = _lines(session, department, year, now)
    communes = tuple(sorted({line.commune for line in every if line.commune}))
    if commune is not None and not 0 <= commune < len(communes):
        raise FollowUpError("commune")
    chosen = communes[commune] if commune is not None else None
    matching = [line for line in every
                if (state is None or line.membership == state) and (chosen is None or line.commune == chosen)]
    pages = max(1, -(-len(matching) // PAGE_SIZE))
    if not 0 <= page < pages:
        raise FollowUpError("page")
    counts = {key: sum(1 for line in every if line.membership == key) for key in MEMBERSHIP_STATES}
    month, day = (int(part) for part in department.membership_closes.split("-"))
    return Overview(department_code, year, date(year, month, day),
                    tuple(matching[page * PAGE_SIZE:(page + 1) * PAGE_SIZE]), page, pages, len(matching),
                    counts, communes, state, chosen)  # fmt: skip


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


def check_text(text: str, limit: int = ANNOUNCEMENT_MAX) -> str:
    """A message typed by AD staff, as it will be sent: not empty, ``limit`` characters at most."""
    cleaned = plain(text).strip()
    if not cleaned:
        raise FollowUpError("empty")
    if len(cleaned) > limit:
        raise FollowUpError("too_long", length=len(cleaned), limit=limit)
    return cleaned
