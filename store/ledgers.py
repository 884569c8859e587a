"""The coop's cahiers: the school's, and one per class created from its membership row."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import Session, select

from store.access import Action, require
from store.adhesion import AdhesionError
from store.models import Adhesion, AdhesionRow, AdhesionTeacher, Coop, Ledger, LedgerKind
from store.people import Who
from store.text import plain

LEDGER_NAME_MAX = 10


class LedgerNameError(Exception):
    """empty, too_long or duplicate; carries the names that exist."""

    def __init__(self, reason: str, existing: list[str]):
        super().__init__(reason)
        self.reason = reason
        self.existing = existing


@dataclass(frozen=True)
class LedgerView:
    id: int
    name: str
    kind: LedgerKind
    class_name: str | None
    teachers: tuple[str, ...]


@dataclass(frozen=True)
class Created:
    ledger_id: int
    name: str
    class_name: str
    teachers: tuple[str, ...]


def ledger_names(session: Session, coop_id: int) -> list[str]:
    return list(session.exec(select(Ledger.name).where(Ledger.coop_id == coop_id).order_by(Ledger.id)))


def check_name(session: Session, coop_id: int, typed: str) -> str:
    """At most 10 characters, different from every ledger name of the coop (ignoring case and spaces)."""
    name = plain(typed).strip()
    existing = ledger_names(session, coop_id)
    if not name:
        raise LedgerNameError("empty", existing)
    if len(name) > LEDGER_NAME_MAX:
        raise LedgerNameError("too_long", existing)
    if name.casefold() in {n.casefold() for n in existing}:
        raise LedgerNameError("duplicate", existing)
    return name


def _row_without_ledger(session: Session, who: Who, row_id: int) -> tuple[AdhesionRow, Adhesion]:
    """A membership row of a coop this person manages, that has no ledger yet."""
    row = session.get(AdhesionRow, row_id)
    if row is None:
        raise AdhesionError("not_found")
    adhesion = session.get(Adhesion, row.adhesion_id)
    require(who, Action.MANAGE_COOP, coop_id=adhesion.coop_id)
    if row.ledger_id is not None:
        raise AdhesionError("has_ledger")
    return row, adhesion


def create_class_ledger(session: Session, who: Who, row_id: int, typed_name: str) -> Created:
    """The class's ledger, named by the mandataire; its row can no longer be deleted."""
    row, adhesion = _row_without_ledger(session, who, row_id)
    name = check_name(session, adhesion.coop_id, typed_name)
    ledger = Ledger(coop_id=adhesion.coop_id, name=name, kind=LedgerKind.CLASSE)
    session.add(ledger)
    session.flush()
    row.ledger_id = ledger.id
    session.add(row)
    return Created(ledger.id, name, row.class_name, _teachers(session, row.id))


def _teachers(session: Session, row_id: int) -> tuple[str, ...]:
    return tuple(session.exec(select(AdhesionTeacher.name).where(AdhesionTeacher.row_id == row_id)
                              .order_by(AdhesionTeacher.id)))  # fmt: skip


def coop_ledgers(session: Session, who: Who, coop_id: int) -> tuple[str, list[LedgerView]]:
    """The coop's affiliation and ledgers, school first, each with its class and teachers."""
    coop = session.get(Coop, coop_id)
    require(who, Action.MANAGE_COOP, coop_id=coop_id)
    ledgers = session.exec(select(Ledger).where(Ledger.coop_id == coop_id)
                           .order_by(Ledger.kind.desc(), func.lower(Ledger.name))).all()  # fmt: skip
    views = []
    for ledger in ledgers:
        row = session.exec(select(AdhesionRow).where(AdhesionRow.ledger_id == ledger.id)).first()
        views.append(LedgerView(ledger.id, ledger.name, ledger.kind, row.class_name if row else None,
                                _teachers(session, row.id) if row else ()))  # fmt: skip
    return coop.affiliation, views


@dataclass(frozen=True)
class RowWithoutLedger:
    row_id: int
    number: int
    class_name: str


def rows_without_ledger(session: Session, who: Who, coop_id: int, year: int) -> list[RowWithoutLedger]:
    """This year's membership rows that have no ledger yet, numbered as in the table."""
    require(who, Action.MANAGE_COOP, coop_id=coop_id)
    adhesion = session.exec(select(Adhesion).where(Adhesion.coop_id == coop_id, Adhesion.year == year)).first()
    if adhesion is None:
        return []
    rows = session.exec(select(AdhesionRow).where(AdhesionRow.adhesion_id == adhesion.id)
                        .order_by(AdhesionRow.id)).all()  # fmt: skip
    return [RowWithoutLedger(row.id, number, row.class_name)
            for number, row in enumerate(rows, start=1) if row.ledger_id is None]  # fmt: skip


def row_for_naming(session: Session, who: Who, row_id: int) -> tuple[str, list[str]]:
    """The class of a row about to get its ledger, and the names already taken in the coop."""
    row, adhesion = _row_without_ledger(session, who, row_id)
    return row.class_name, ledger_names(session, adhesion.coop_id)
