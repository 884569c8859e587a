"""The yearly membership (adhésion): one row per class, the fee, the two validations."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, func, select

from store.errors import StoreError
from store.access import Action, Forbidden, may, require
from store.audit import events, record
from store import entries
from store.balances import _balances
from store.books import LABEL_MAX
from store.models import (
    Adhesion, AdhesionRow, AdhesionTeacher, AuditEvent, Coop, Department, Direction, Ledger, LedgerKind, Means, Person,
    Role, RoleKind, Treasury, utcnow,
)  # fmt: skip
from store.people import Who, staff_of
from store.text import folded, plain, says_something
from store.years import fiscal_year_of, today_in

CLASS_NAME_MAX = 30
PUPILS = (0, 500)
TEACHERS = (1, 20)
OTHER_ADULTS = (0, 50)
_EMAIL = re.compile(r"[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")


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


# ------------------------------------------------------------------ input checks


def check_class_name(text: str) -> str:
    name = " ".join(plain(text).split())
    if not 1 <= len(name) <= CLASS_NAME_MAX:
        raise AdhesionError("class_name")
    if not says_something(name):
        raise AdhesionError("class_no_letter")
    return name


def parse_teachers(text: str) -> list[Teacher]:
    """'Anne Payet anne.payet@ac-reunion.fr', one per line or separated by ';'."""
    chunks = [c.strip() for c in re.split(r"[\n;]+", plain(text)) if c.strip()]
    if not TEACHERS[0] <= len(chunks) <= TEACHERS[1]:
        raise AdhesionError("teacher_count")
    teachers = []
    for chunk in chunks:
        words = chunk.replace(",", " ").split()
        emails = [w.strip("<>()") for w in words if "@" in w]
        name = " ".join(w for w in words if "@" not in w)
        if len(emails) != 1 or not says_something(name):
            raise AdhesionError("teacher_format", chunk=chunk)
        if not _EMAIL.fullmatch(emails[0]) or len(emails[0]) > 254:
            raise AdhesionError("teacher_email", email=emails[0])
        if any(t.email == emails[0].lower() for t in teachers):  # counted twice, the fee with them
            raise AdhesionError("teacher_twice", email=emails[0])
        teachers.append(Teacher(name[:120], emails[0].lower()))
    return teachers


def parse_count(text: str, bounds: tuple[int, int]) -> int:
    cleaned = text.strip()
    if not re.fullmatch(r"\d{1,4}", cleaned):
        raise AdhesionError("count_format", low=bounds[0], high=bounds[1])
    value = int(cleaned)
    if not bounds[0] <= value <= bounds[1]:
        raise AdhesionError("count_range", low=bounds[0], high=bounds[1])
    return value


# ------------------------------------------------------------------ reading


def current_year(session: Session, coop_id: int, now: datetime | None = None) -> int:
    """The school year that started on the last 1 September, where the coop is."""
    return department_year(session, session.get(Coop, coop_id).department_code, now)


def department_year(session: Session, department_code: str, now: datetime | None = None) -> int:
    """The school year that started on the last 1 September, in the department's time zone."""
    return fiscal_year_of(today_in(session.get(Department, department_code).timezone, now))


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


def _sending(session: Session, adhesion_id: int) -> int:
    """The audit event of the membership's latest sending to the AD (0 if none is recorded)."""
    return session.exec(select(func.max(AuditEvent.id)).where(
        AuditEvent.entity == "adhesion", AuditEvent.entity_id == adhesion_id, AuditEvent.action == "submit",
    )).one() or 0  # fmt: skip


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


def membership_deadline(department: Department, year: int) -> date:
    """The last day of the department's membership campaign of ``year``."""
    month, day = (int(part) for part in department.membership_closes.split("-"))
    return date(year, month, day)


def past_deadline(department: Department, year: int, now: datetime | None = None) -> bool:
    """Whether the department's membership campaign of ``year`` has ended, in its time zone: a
    membership neither sent nor validated is then late."""
    return today_in(department.timezone, now) > membership_deadline(department, year)


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


def begin(session: Session, who: Who, coop_id: int, year: int, from_last_year: bool) -> AdhesionView:
    """Start the year's table, empty or from last year's rows (their counts to confirm); returns it.

    A class ledger lives across years: a row taken over keeps its class's ledger. A table with rows is begun
    already (a second tap, an old message's button): refused, rather than last year's rows taken twice."""
    adhesion = _editable(session, who, coop_id, year)
    if _rows(session, adhesion.id):
        raise AdhesionError("begun")
    last = _adhesion(session, coop_id, year - 1)
    for row in _rows(session, last.id) if from_last_year and last is not None else ():
        _insert_row(session, who, adhesion, row.class_name, list(row.teachers), row.pupils, row.other_adults,
                    row.ledger_id)  # fmt: skip
    return view(session, who, coop_id, year)


def available_class_name(session: Session, who: Who, coop_id: int, year: int, text: str,
                         row_id: int | None = None) -> str:  # fmt: skip
    """A class name checked, and not another row's of the year's table (ignoring case, spaces, accents)."""
    require(who, Action.MANAGE_COOP, coop_id=coop_id)
    name = check_class_name(text)
    adhesion = _adhesion(session, coop_id, year)
    for row in _rows(session, adhesion.id) if adhesion else ():
        if row.id != row_id and folded(row.class_name) == folded(name):
            raise AdhesionError("class_duplicate", number=row.number, existing=row.class_name)
    return name


def add_row(session: Session, who: Who, coop_id: int, year: int, class_name: str,
            teachers: list[Teacher], pupils: int, other_adults: int) -> AdhesionView:  # fmt: skip
    """A new class row, checked again here whatever the chat did; returns the table with it (its last row)."""
    adhesion = _editable(session, who, coop_id, year)
    name = available_class_name(session, who, coop_id, year, class_name)
    _insert_row(session, who, adhesion, name, teachers, _bounded(pupils, PUPILS), _bounded(other_adults, OTHER_ADULTS))
    return view(session, who, coop_id, year)


def _insert_row(session: Session, who: Who, adhesion: Adhesion, class_name: str, teachers: list[Teacher],
                pupils: int, other_adults: int, ledger_id: int | None = None) -> int:  # fmt: skip
    if not TEACHERS[0] <= len(teachers) <= TEACHERS[1]:
        raise AdhesionError("teacher_count")
    row = AdhesionRow(adhesion_id=adhesion.id, class_name=class_name, pupils=pupils, other_adults=other_adults,
                      ledger_id=ledger_id)  # fmt: skip
    session.add(row)
    session.flush()
    session.add_all([AdhesionTeacher(row_id=row.id, name=t.name, email=t.email) for t in teachers])
    record(session, who, "adhesionrow", row.id, "create", coop_id=adhesion.coop_id,
           after=_row_state(row, teachers))  # fmt: skip
    return row.id


def _row_state(row: AdhesionRow, teachers: list[Teacher] | tuple[Teacher, ...]) -> dict:
    """A row as the audit trail keeps it: counts, no teacher's name (forgetting a person reaches the table)."""
    return {"class_name": row.class_name, "teachers": len(teachers), "pupils": row.pupils,
            "other_adults": row.other_adults, "ledger_id": row.ledger_id}  # fmt: skip


def _bounded(value: int, bounds: tuple[int, int]) -> int:
    if not bounds[0] <= value <= bounds[1]:
        raise AdhesionError("count_range", low=bounds[0], high=bounds[1])
    return value


def row_of(session: Session, row_id: int) -> tuple[AdhesionRow, Adhesion]:
    """A membership row and its membership; not_found for an id that is none (access is the caller's)."""
    row = session.get(AdhesionRow, row_id)
    if row is None:
        raise AdhesionError("not_found")
    return row, session.get(Adhesion, row.adhesion_id)


def _row(session: Session, who: Who, row_id: int) -> tuple[AdhesionRow, Adhesion]:
    row, adhesion = row_of(session, row_id)
    _editable(session, who, adhesion.coop_id, adhesion.year)
    return row, adhesion


def update_row(session: Session, who: Who, row_id: int, *, class_name: str | None = None,
               teachers: list[Teacher] | None = None, pupils: int | None = None,
               other_adults: int | None = None) -> AdhesionView:  # fmt: skip
    """Change one or more fields of a row; returns the table with it."""
    row, adhesion = _row(session, who, row_id)
    before = _row_state(row, _row_teachers(session, row.id))
    if class_name is not None:
        row.class_name = available_class_name(session, who, adhesion.coop_id, adhesion.year, class_name, row.id)
    if pupils is not None:
        row.pupils = _bounded(pupils, PUPILS)
    if other_adults is not None:
        row.other_adults = _bounded(other_adults, OTHER_ADULTS)
    if teachers is not None:
        if not TEACHERS[0] <= len(teachers) <= TEACHERS[1]:
            raise AdhesionError("teacher_count")
        for old in session.exec(select(AdhesionTeacher).where(AdhesionTeacher.row_id == row.id)):
            session.delete(old)
        session.add_all([AdhesionTeacher(row_id=row.id, name=t.name, email=t.email) for t in teachers])
    session.add(row)
    record(session, who, "adhesionrow", row.id, "edit", coop_id=adhesion.coop_id, before=before,
           after=_row_state(row, teachers if teachers is not None else _row_teachers(session, row.id)))  # fmt: skip
    return view(session, who, adhesion.coop_id, adhesion.year)


@dataclass(frozen=True)
class RowDeleted:
    """🗑 Oui: the row as the table showed it (None: gone already), deleted unless ``refused``, and the table
    as it then stands."""

    row: RowView | None
    table: AdhesionView
    refused: AdhesionError | None = None


def delete_table_row(session: Session, who: Who, coop_id: int, year: int, row_id: int) -> RowDeleted:
    """delete_row on a row of the year's table, with the table after it; a refusal (raised before anything
    is deleted) comes back with the table as it stands."""
    table = view(session, who, coop_id, year)
    row = next((r for r in table.rows if r.id == row_id), None)
    if row is None:
        return RowDeleted(None, table)
    try:
        delete_row(session, who, row_id)
    except AdhesionError as refused:
        return RowDeleted(row, table, refused)
    return RowDeleted(row, view(session, who, coop_id, year))


def _row_teachers(session: Session, row_id: int) -> tuple[Teacher, ...]:
    return tuple(Teacher(t.name, t.email) for t in session.exec(
        select(AdhesionTeacher).where(AdhesionTeacher.row_id == row_id).order_by(AdhesionTeacher.id)))  # fmt: skip


def delete_row(session: Session, who: Who, row_id: int) -> None:
    """Remove a row, unless its class already has a ledger."""
    row, adhesion = _row(session, who, row_id)
    if row.ledger_id is not None:
        raise AdhesionError("has_ledger")
    before = _row_state(row, _row_teachers(session, row.id))
    for teacher in session.exec(select(AdhesionTeacher).where(AdhesionTeacher.row_id == row.id)):
        session.delete(teacher)
    session.flush()  # the teachers first: no ORM relationship tells SQLAlchemy the order
    session.delete(row)
    record(session, who, "adhesionrow", row_id, "delete", coop_id=adhesion.coop_id, before=before)


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


# ------------------------------------------------------------------ paying the AD

COTISATION_ACCOUNT, ASSURANCE_ACCOUNT = "62810008", "61681008"


@dataclass(frozen=True)
class Payment:
    """The membership's payment as a ready-made expense of the school ledger, by cheque."""

    adhesion_id: int
    year: int
    payee: str  # the AD, as the cheque is made out
    ledger_id: int
    ledger_name: str
    label: str
    cotisation_cents: int
    assurance_cents: int

    @property
    def amount(self) -> int:
        return self.cotisation_cents + self.assurance_cents


def _paid(session: Session, adhesion_id: int) -> bool:
    return session.exec(select(AuditEvent.id).where(AuditEvent.entity == "adhesion", AuditEvent.entity_id == adhesion_id,
                                                    AuditEvent.action == "pay")).first() is not None  # fmt: skip


def payment(session: Session, who: Who, adhesion_id: int) -> Payment:
    """What paying a validated membership records: the fee split between cotisation and assurance
    (with an adult rate, the adults' rate counts as cotisation: the AD's table gives no split of it)."""
    adhesion = session.get(Adhesion, adhesion_id)
    if adhesion is None:
        raise AdhesionError("not_found")
    require(who, Action.MANAGE_COOP, coop_id=adhesion.coop_id)
    if adhesion.validated_at is None:  # reopened since: the fee may change
        raise AdhesionError("pay_not_validated")
    if _paid(session, adhesion.id):
        raise AdhesionError("paid")
    table = view(session, who, adhesion.coop_id, adhesion.year)
    insured = table.members if table.adult_rate_cents is None else table.pupils
    assurance = insured * table.assurance_cents
    school = session.exec(select(Ledger).where(Ledger.coop_id == adhesion.coop_id,
                                               Ledger.kind == LedgerKind.ECOLE)).first()  # fmt: skip
    department = session.get(Department, table.department_code)
    label = f"Adhésion OCCE {adhesion.year}-{adhesion.year + 1} : cotisation et assurance (à l'ordre de {department.name})"
    return Payment(adhesion.id, adhesion.year, department.name, school.id, school.name, label[:LABEL_MAX],
                   table.fee_cents - assurance, assurance)  # fmt: skip


def pay(session: Session, who: Who, adhesion_id: int, cheque_number: str,
        today: date | None = None) -> entries.Recorded:  # fmt: skip
    """Record the payment by cheque, once, with the school ledger's balances after it; the ledger's rules
    (cheque number, open year) apply."""
    due = payment(session, who, adhesion_id)
    coop = session.get(Coop, session.get(Adhesion, adhesion_id).coop_id)
    today = today or today_in(session.get(Department, coop.department_code).timezone)
    splits = [(code, cents) for code, cents in ((COTISATION_ACCOUNT, due.cotisation_cents),
                                                (ASSURANCE_ACCOUNT, due.assurance_cents)) if cents]  # fmt: skip
    entry = entries.record_entry(session, who, due.ledger_id, direction=Direction.DEPENSE, day=today, label=due.label, treasury=Treasury.BANQUE,
                                 means=Means.CHEQUE, amount=due.amount, splits=splits, today=today,
                                 cheque_number=cheque_number)  # fmt: skip
    record(session, who, "adhesion", adhesion_id, "pay", coop_id=coop.id, after={"entry_id": entry.id})
    return entries.Recorded(entry, _balances(session, session.get(Ledger, due.ledger_id), entry.fiscal_year))
