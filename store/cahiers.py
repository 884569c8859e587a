"""The coop's cahiers: the school's, and one per class created from its membership row."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import Session, select

from store.errors import StoreError
from store.access import Action, require
from store.audit import record
from store.adhesion import AdhesionError
from store.adhesion_rows import row_of
from store.campaign import current_year
from store.lookups import managed_coops
from store.models import Adhesion, AdhesionRow, AdhesionTeacher, Coop, Ledger, LedgerKind
from store.people import Who
from store.text import folded, plain, says_something

LEDGER_NAME_MAX = 10


class LedgerNameError(StoreError):
    """empty, no_letter, too_long or duplicate; carries the names that exist and the one it clashes with."""

    def __init__(self, reason: str, existing: list[str], clash: str = ""):
        super().__init__(reason, existing=existing, clash=clash)


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
    """At most 10 characters, a letter or digit among them, different from every ledger name of the
    coop ignoring case, spaces and accents ("ECOLE" is "École": people would pick the wrong one)."""
    name = plain(typed).strip()
    existing = ledger_names(session, coop_id)
    if not name:
        raise LedgerNameError("empty", existing)
    if len(name) > LEDGER_NAME_MAX:
        raise LedgerNameError("too_long", existing)
    if not says_something(name):
        raise LedgerNameError("no_letter", existing)
    clash = next((n for n in existing if folded(n) == folded(name)), None)
    if clash is not None:
        raise LedgerNameError("duplicate", existing, clash)
    return name


def _row_without_ledger(session: Session, who: Who, row_id: int) -> tuple[AdhesionRow, Adhesion]:
    """A membership row of a coop this person manages, that has no ledger yet."""
    row, adhesion = row_of(session, row_id)
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
    record(session, who, "ledger", ledger.id, "create", coop_id=adhesion.coop_id,
           after={"name": name, "class_name": row.class_name, "ledger_id": ledger.id})  # fmt: skip
    return Created(ledger.id, name, row.class_name, _teachers(session, row.id))


def free_class_ledgers(session: Session, coop_id: int, year: int) -> list[tuple[int, str]]:
    """The coop's class ledgers that no row of the year's membership holds: a class's ledger of a
    former year can be attached again rather than a second one made."""
    taken = select(AdhesionRow.ledger_id).join(Adhesion, Adhesion.id == AdhesionRow.adhesion_id).where(
        Adhesion.coop_id == coop_id, Adhesion.year == year, AdhesionRow.ledger_id.is_not(None))
    return [(x.id, x.name) for x in session.exec(
        select(Ledger).where(Ledger.coop_id == coop_id, Ledger.kind == LedgerKind.CLASSE, Ledger.id.not_in(taken))
        .order_by(func.lower(Ledger.name)))]  # fmt: skip


def attach_class_ledger(session: Session, who: Who, row_id: int, ledger_id: int) -> Created:
    """Give a row of the year the ledger its class already had: the books go on in it."""
    row, adhesion = _row_without_ledger(session, who, row_id)
    if ledger_id not in dict(free_class_ledgers(session, adhesion.coop_id, adhesion.year)):
        raise AdhesionError("ledger_taken")
    row.ledger_id = ledger_id
    session.add(row)
    name = session.get(Ledger, ledger_id).name
    record(session, who, "ledger", ledger_id, "attach", coop_id=adhesion.coop_id,
           after={"name": name, "class_name": row.class_name, "ledger_id": ledger_id})  # fmt: skip
    return Created(ledger_id, name, row.class_name, _teachers(session, row.id))


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
        row = session.exec(select(AdhesionRow).join(Adhesion, Adhesion.id == AdhesionRow.adhesion_id)
                           .where(AdhesionRow.ledger_id == ledger.id).order_by(Adhesion.year.desc())).first()  # fmt: skip
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


@dataclass(frozen=True)
class CahiersView:
    """/cahiers: a coop's ledgers, and this year's membership rows still without one."""

    affiliation: str
    year: int
    ledgers: list[LedgerView]
    waiting: list[RowWithoutLedger]


def cahiers_start(session: Session, who: Who) -> CahiersView:
    """/cahiers' opening, for the first coop this person manages (Forbidden to whoever manages none)."""
    coop_id = managed_coops(session, who)[0].coop_id
    year = current_year(session, coop_id)
    affiliation, ledgers = coop_ledgers(session, who, coop_id)
    return CahiersView(affiliation, year, ledgers, rows_without_ledger(session, who, coop_id, year))


def row_for_naming(session: Session, who: Who, row_id: int) -> tuple[str, list[str], list[tuple[int, str]]]:
    """The class of a row about to get its ledger, the names already taken in the coop, and the class
    ledgers free to attach to it."""
    row, adhesion = _row_without_ledger(session, who, row_id)
    return (row.class_name, ledger_names(session, adhesion.coop_id),
            free_class_ledgers(session, adhesion.coop_id, adhesion.year))
