"""The membership table's rows: a class, its teachers and counts, checked as typed; the table begun empty
or from last year's, and its rows added, changed or deleted while the membership is a draft."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlmodel import Session, select

from store.access import Action, require
from store.adhesion import AdhesionError, AdhesionView, RowView, Teacher, _adhesion, _editable, _rows, view
from store.audit import record
from store.models import Adhesion, AdhesionRow, AdhesionTeacher
from store.people import Who
from store.text import folded, plain, says_something


CLASS_NAME_MAX = 30
PUPILS = (0, 500)
TEACHERS = (1, 20)
OTHER_ADULTS = (0, 50)
_EMAIL = re.compile(r"[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")


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


# ------------------------------------------------------------------ changing


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
