"""The yearly membership (adhésion): the table as it stands, its fee and its state.

Its rows change in adhesion_rows.py; the mandataire's engagement and the AD's validation are in
adhesion_validation.py, the payment to the AD in adhesion_payment.py, the campaign's year and last day in
campaign.py."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, func, select

from store.access import Action, may, require
from store.audit import events
from store.campaign import current_year, membership_deadline
from store.errors import StoreError
from store.models import Adhesion, AdhesionRow, AdhesionTeacher, AuditEvent, Coop, Department, Ledger
from store.people import Who
from store.years import today_in


class AdhesionError(StoreError):
    """Why a change is refused: class_name, class_no_letter, class_duplicate, teacher_format, teacher_email,
    teacher_twice (email), teacher_count, count_format, count_range, locked, submitted, no_rows, has_ledger,
    not_found, not_submitted, sent_again (affiliation: taken back and sent again since the AD's review), not_validated,
    reason, reason_no_letter, paid, pay_not_validated, begun."""


@dataclass(frozen=True)
class Teacher:
    name: str
    email: str


@dataclass(frozen=True)
class RowView:
    id: int
    number: int
    class_name: str
    teachers: tuple[Teacher, ...]
    pupils: int
    other_adults: int
    ledger_name: str | None
    ledger_id: int | None = None

    @property
    def total(self) -> int:
        return len(self.teachers) + self.pupils + self.other_adults


@dataclass(frozen=True)
class AdhesionView:
    """The membership table as Retkoop shows it, with its fee and state."""

    adhesion_id: int | None
    coop_id: int
    affiliation: str
    school_name: str
    department_code: str
    year: int
    rows: tuple[RowView, ...]
    cotisation_cents: int
    assurance_cents: int
    adult_rate_cents: int | None
    deadline: date
    late: bool
    submitted_at: datetime | None
    validated_at: datetime | None
    has_last_year: bool
    paid: bool = False  # the fee's payment recorded (💶 under the validation, or under the table)
    sending: int = 0  # which sending to the AD this table is (0: none recorded): a review's ✅ validates that one
    reopened_reason: str | None = None  # why the AD reopened it, until it is sent again

    @property
    def teachers(self) -> int:
        return sum(len(r.teachers) for r in self.rows)

    @property
    def pupils(self) -> int:
        return sum(r.pupils for r in self.rows)

    @property
    def other_adults(self) -> int:
        return sum(r.other_adults for r in self.rows)

    @property
    def members(self) -> int:
        return self.teachers + self.pupils + self.other_adults

    @property
    def fee_cents(self) -> int:
        """members × (cotisation + assurance); with an adult rate, adults pay that rate instead."""
        per_member = self.cotisation_cents + self.assurance_cents
        if self.adult_rate_cents is None:
            return self.members * per_member
        return self.pupils * per_member + (self.teachers + self.other_adults) * self.adult_rate_cents

    @property
    def state(self) -> str:
        """new (not started), draft, submitted (the mandataire's engagement) or validated (by the AD)."""
        if self.adhesion_id is None:
            return "new"
        if self.validated_at:
            return "validated"
        return "submitted" if self.submitted_at else "draft"


# ------------------------------------------------------------------ reading


def view(session: Session, who: Who, coop_id: int, year: int, now: datetime | None = None) -> AdhesionView:
    """The table, for the coop's managers and its AD staff."""
    coop = session.get(Coop, coop_id)
    if coop is None:
        raise AdhesionError("not_found")
    if not (_may_manage(who, coop) or _is_staff(who, coop)):
        require(who, Action.MANAGE_COOP, coop_id=coop.id)
    department = session.get(Department, coop.department_code)
    adhesion = _adhesion(session, coop.id, year)
    rows = _rows(session, adhesion.id) if adhesion else ()
    deadline = membership_deadline(department, year)
    today = today_in(department.timezone, now)
    last = _adhesion(session, coop.id, year - 1)
    return AdhesionView(
        adhesion_id=adhesion.id if adhesion else None, coop_id=coop.id, affiliation=coop.affiliation,
        school_name=coop.school_name, department_code=coop.department_code, year=year, rows=rows,
        cotisation_cents=department.cotisation_cents, assurance_cents=department.assurance_cents,
        adult_rate_cents=department.adult_rate_cents, deadline=deadline,
        late=today > deadline and not (adhesion and adhesion.submitted_at),
        submitted_at=adhesion.submitted_at if adhesion else None,
        validated_at=adhesion.validated_at if adhesion else None,
        has_last_year=last is not None and bool(_rows(session, last.id)),
        paid=adhesion is not None and adhesion.validated_at is not None and _paid(session, adhesion.id),
        sending=_sending(session, adhesion.id) if adhesion and adhesion.submitted_at else 0,
        reopened_reason=_reopened_reason(session, adhesion.id) if adhesion and not adhesion.submitted_at else None,
    )  # fmt: skip


def _reopened_reason(session: Session, adhesion_id: int) -> str | None:
    """The reason of the AD's latest reopening, unless the membership was sent again since."""
    for event in reversed(events(session, "adhesion", adhesion_id)):
        if event.action == "submit":
            return None
        if event.action == "reopen":
            return (event.after or {}).get("reason")
    return None


def table_start(session: Session, who: Who, coop_id: int | None = None) -> AdhesionView:
    """/adhesion: this year's table of the first coop this person manages, or of ``coop_id`` (📝 under a
    reminder: the person may manage several)."""
    if coop_id is None:
        coop_id = who.managed()[0].coop_id
    require(who, Action.MANAGE_COOP, coop_id=coop_id)
    return view(session, who, coop_id, current_year(session, coop_id))


def membership_state(session: Session, coop_id: int, year: int) -> str:
    """new, draft, submitted or validated, as AdhesionView.state says it (callers check access)."""
    adhesion = _adhesion(session, coop_id, year)
    if adhesion is None:
        return "new"
    return "validated" if adhesion.validated_at else "submitted" if adhesion.submitted_at else "draft"


def _adhesion(session: Session, coop_id: int, year: int) -> Adhesion | None:
    return session.exec(select(Adhesion).where(Adhesion.coop_id == coop_id, Adhesion.year == year)).first()


def _rows(session: Session, adhesion_id: int) -> tuple[RowView, ...]:
    rows = session.exec(select(AdhesionRow).where(AdhesionRow.adhesion_id == adhesion_id)
                        .order_by(AdhesionRow.id)).all()  # fmt: skip
    views = []
    for number, row in enumerate(rows, start=1):
        teachers = session.exec(select(AdhesionTeacher).where(AdhesionTeacher.row_id == row.id)
                                .order_by(AdhesionTeacher.id)).all()  # fmt: skip
        ledger = session.get(Ledger, row.ledger_id) if row.ledger_id else None
        views.append(RowView(row.id, number, row.class_name, tuple(Teacher(t.name, t.email) for t in teachers),
                             row.pupils, row.other_adults, ledger.name if ledger else None,
                             row.ledger_id))  # fmt: skip
    return tuple(views)


def _sending(session: Session, adhesion_id: int) -> int:
    """The audit event of the membership's latest sending to the AD (0 if none is recorded)."""
    return session.exec(select(func.max(AuditEvent.id)).where(
        AuditEvent.entity == "adhesion", AuditEvent.entity_id == adhesion_id, AuditEvent.action == "submit",
    )).one() or 0  # fmt: skip


def _paid(session: Session, adhesion_id: int) -> bool:
    """Whether the fee's payment is recorded (adhesion_payment.pay: once)."""
    return session.exec(select(AuditEvent.id).where(AuditEvent.entity == "adhesion", AuditEvent.entity_id == adhesion_id,
                                                    AuditEvent.action == "pay")).first() is not None  # fmt: skip


def _may_manage(who: Who, coop: Coop) -> bool:
    return may(who, Action.MANAGE_COOP, coop_id=coop.id)


def _is_staff(who: Who, coop: Coop) -> bool:
    return may(who, Action.STAFF, coop_id=coop.id, department_code=coop.department_code)


# ------------------------------------------------------------------ changing


def _editable(session: Session, who: Who, coop_id: int, year: int) -> Adhesion:
    """The year's adhesion, created if needed, for a manager, while it is a draft.

    Once sent to the AD it changes only after ``withdraw``: the mandataire is told first
    that the engagement must then be given again."""
    require(who, Action.MANAGE_COOP, coop_id=coop_id)
    adhesion = _adhesion(session, coop_id, year)
    if adhesion is None:
        adhesion = Adhesion(coop_id=coop_id, year=year)
        session.add(adhesion)
        session.flush()
    if adhesion.validated_at is not None:
        raise AdhesionError("locked")
    if adhesion.submitted_at is not None:
        raise AdhesionError("submitted")
    return adhesion
