"""The membership's two validations: the mandataire's engagement (the table sent to the AD, or taken back
to change it) and the AD's (validated, or reopened with a reason); the AD's follow-up of its coops."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, select

from store.access import Action, Forbidden, require
from store.adhesion import AdhesionError, AdhesionView, _adhesion, _editable, _rows, _sending, view
from store.audit import record
from store.campaign import department_year
from store.models import Adhesion, Coop, Person, Role, RoleKind, utcnow
from store.people import Who, staff_of
from store.text import plain, says_something


# ------------------------------------------------------------------ the mandataire's engagement


@dataclass(frozen=True)
class Notified:
    """Who to tell: telegram ids and languages."""

    people: list[tuple[int, str]]
    affiliation: str
    adhesion_id: int
    year: int


@dataclass(frozen=True)
class Submitted(Notified):
    """The membership sent, as its table now stands (what the AD staff are told of it)."""

    table: AdhesionView


def submit(session: Session, who: Who, coop_id: int, year: int, now: datetime | None = None) -> Submitted:
    """The mandataire's engagement; returns the AD staff to notify and the table sent."""
    adhesion = _editable(session, who, coop_id, year)
    table = _rows(session, adhesion.id)
    if not table:
        raise AdhesionError("no_rows")
    adhesion.submitted_at, adhesion.submitted_by = now or utcnow(), who.person.id
    session.add(adhesion)
    record(session, who, "adhesion", adhesion.id, "submit", coop_id=coop_id,
           after={"year": year, "rows": len(table), "members": sum(r.total for r in table)})  # fmt: skip
    told = _staff_to_tell(session, adhesion)
    return Submitted(told.people, told.affiliation, told.adhesion_id, told.year, view(session, who, coop_id, year, now))


def _staff_to_tell(session: Session, adhesion: Adhesion) -> Notified:
    coop = session.get(Coop, adhesion.coop_id)
    staff = staff_of(session, coop.department_code)
    return Notified([(p.telegram_id, p.language) for p in staff], coop.affiliation, adhesion.id, adhesion.year)


@dataclass(frozen=True)
class Withdrawn:
    """A membership back to draft: the AD staff to tell (None if it was a draft already), and its table."""

    notified: Notified | None
    table: AdhesionView


def withdraw(session: Session, who: Who, coop_id: int, year: int) -> Withdrawn:
    """Take a membership sent to the AD back to draft, to change it (it must be sent again)."""
    require(who, Action.MANAGE_COOP, coop_id=coop_id)
    adhesion = _adhesion(session, coop_id, year)
    if adhesion is None or adhesion.validated_at is not None:
        raise AdhesionError("locked" if adhesion else "not_found")
    notified = None
    if adhesion.submitted_at is not None:
        adhesion.submitted_at = adhesion.submitted_by = None
        session.add(adhesion)
        record(session, who, "adhesion", adhesion.id, "withdraw", coop_id=coop_id, after={"year": year})
        notified = _staff_to_tell(session, adhesion)
    return Withdrawn(notified, view(session, who, coop_id, year))


# ------------------------------------------------------------------ the AD's validation


@dataclass(frozen=True)
class Validated(Notified):
    """The coop's managers to tell, and the fee they are offered to pay."""

    fee_cents: int


def validate(session: Session, who: Who, adhesion_id: int, sending: int | None = None,
             now: datetime | None = None) -> Validated:  # fmt: skip
    """The AD validates a submitted membership; returns the coop's managers to notify and its fee. With
    ``sending`` (the table the AD saw), only if it was not taken back and sent again since."""
    adhesion, coop = _for_staff(session, who, adhesion_id)
    if adhesion.submitted_at is None or adhesion.validated_at is not None:
        raise AdhesionError("not_submitted")
    if sending is not None and sending != _sending(session, adhesion.id):
        raise AdhesionError("sent_again", affiliation=coop.affiliation)
    adhesion.validated_at, adhesion.validated_by = now or utcnow(), who.person.id
    session.add(adhesion)
    record(session, who, "adhesion", adhesion.id, "validate", coop_id=coop.id, after={"year": adhesion.year})
    fee = view(session, who, coop.id, adhesion.year, now).fee_cents
    return Validated(_managers(session, coop.id), coop.affiliation, adhesion.id, adhesion.year, fee)


REASON_MAX = 500


def check_reason(text: str) -> str:
    """Why the AD reopens a membership: 3 to 500 characters, told to the mandataire."""
    reason = " ".join(plain(text).split())
    if not 3 <= len(reason) <= REASON_MAX:
        raise AdhesionError("reason", high=REASON_MAX)
    if not says_something(reason):
        raise AdhesionError("reason_no_letter", high=REASON_MAX)
    return reason


def reopen(session: Session, who: Who, adhesion_id: int, reason: str) -> Notified:
    """The AD makes a validated membership editable again, saying why."""
    adhesion, coop = _for_staff(session, who, adhesion_id)
    if adhesion.validated_at is None:
        raise AdhesionError("not_validated")
    reason = check_reason(reason)
    adhesion.validated_at = adhesion.validated_by = None
    adhesion.submitted_at = adhesion.submitted_by = None
    session.add(adhesion)
    record(session, who, "adhesion", adhesion.id, "reopen", coop_id=coop.id,
           after={"year": adhesion.year, "reason": reason})  # fmt: skip
    return Notified(_managers(session, coop.id), coop.affiliation, adhesion.id, adhesion.year)


def view_of(session: Session, who: Who, adhesion_id: int, now: datetime | None = None) -> AdhesionView:
    """A membership's table as its AD staff review it."""
    adhesion, coop = _for_staff(session, who, adhesion_id)
    return view(session, who, coop.id, adhesion.year, now)


def _for_staff(session: Session, who: Who, adhesion_id: int) -> tuple[Adhesion, Coop]:
    adhesion = session.get(Adhesion, adhesion_id)
    if adhesion is None:
        raise Forbidden(Action.STAFF)  # as for another department's: ids reveal nothing
    coop = session.get(Coop, adhesion.coop_id)
    require(who, Action.STAFF, coop_id=coop.id, department_code=coop.department_code)
    return adhesion, coop


def _managers(session: Session, coop_id: int) -> list[tuple[int, str]]:
    people = session.exec(
        select(Person).join(Role, Role.person_id == Person.id)
        .where(Role.coop_id == coop_id, Role.kind.in_([RoleKind.MANDATAIRE, RoleKind.SIGNATAIRE]),
               Role.ended_at.is_(None), Person.telegram_id.is_not(None))
        .distinct()
    ).all()  # fmt: skip
    return [(p.telegram_id, p.language) for p in people]


# ------------------------------------------------------------------ the AD's follow-up


@dataclass(frozen=True)
class FollowUp:
    """One coop as the AD follows it for a year."""

    coop_id: int
    affiliation: str
    school_name: str
    adhesion_id: int | None
    state: str  # new, draft, submitted, validated
    late: bool


def follow_ups(session: Session, who: Who) -> tuple[tuple[str, int, list[FollowUp]], ...]:
    """/valider: department_follow_up of each department whose AD staff this person is, for its current year."""
    result = []
    for department in who.departments():
        year = department_year(session, department)
        result.append((department, year, department_follow_up(session, who, department, year)))
    return tuple(result)


def department_follow_up(session: Session, who: Who, department_code: str, year: int,
                         now: datetime | None = None) -> list[FollowUp]:  # fmt: skip
    """Every coop of the department: where its membership stands, and whether it is late."""
    require(who, Action.STAFF, department_code=department_code)
    coops = session.exec(select(Coop).where(Coop.department_code == department_code)
                         .order_by(Coop.affiliation)).all()  # fmt: skip
    result = []
    for coop in coops:
        table = view(session, who, coop.id, year, now)
        result.append(FollowUp(coop.id, coop.affiliation, coop.school_name, table.adhesion_id,
                               table.state, table.late))  # fmt: skip
    return result
