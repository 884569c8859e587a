"""A coop's identity card: who it is, who holds its roles, where its membership and report stand."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, select

from store import reports
from store.access import Action, may, require
from store.adhesion import membership_state
from store.campaign import current_year, past_deadline
from store.models import Coop, Department, Ledger, LedgerKind, Person, Role, RoleKind
from store.people import Who, coop_by_affiliation, example_affiliation


@dataclass(frozen=True)
class LedgerPeople:
    name: str
    kind: LedgerKind
    teachers: tuple[str, ...]


@dataclass(frozen=True)
class CoopCard:
    affiliation: str
    school_name: str
    commune: str
    department_code: str
    mandataires: tuple[str, ...]
    signataires: tuple[str, ...]
    verificateurs: tuple[str, ...]
    ledgers: tuple[LedgerPeople, ...]  # the school's first
    year: int
    membership: str  # new, draft, submitted, validated (store.adhesion.membership_state), or late as /suivi says
    report: str  # where the yearly report of the year before stands (store.reports.coop_state)


def card(session: Session, who: Who, coop_id: int) -> CoopCard:
    """The card, for any of the coop's people and its department's AD staff."""
    coop = session.get(Coop, coop_id)
    require(who, Action.SEE_COOP, coop_id=coop_id, department_code=coop.department_code if coop else None)
    holders = session.exec(
        select(Role.kind, Role.ledger_id, Person.name).join(Person, Person.id == Role.person_id)
        .where(Role.coop_id == coop.id, Role.ended_at.is_(None)).order_by(Person.name)
    ).all()  # fmt: skip

    def named(kind: RoleKind) -> tuple[str, ...]:
        return tuple(name for held, _, name in holders if held == kind)

    ledgers = session.exec(select(Ledger).where(Ledger.coop_id == coop.id)
                           .order_by(Ledger.kind.desc(), Ledger.name)).all()  # fmt: skip
    year = current_year(session, coop.id)
    membership = membership_state(session, coop.id, year)
    if membership in ("new", "draft") and past_deadline(session.get(Department, coop.department_code), year):
        membership = "late"  # as /suivi's list says it
    return CoopCard(
        coop.affiliation, coop.school_name, coop.commune, coop.department_code, named(RoleKind.MANDATAIRE),
        named(RoleKind.SIGNATAIRE), named(RoleKind.VERIFICATEUR),
        tuple(LedgerPeople(x.name, x.kind, tuple(name for held, ledger_id, name in holders
                                                  if held == RoleKind.ENSEIGNANT and ledger_id == x.id))
              for x in ledgers),
        year, membership, reports.coop_state(session, coop.id),
    )  # fmt: skip


@dataclass(frozen=True)
class CoopCards:
    """/coop's answer: the cards to show; for AD staff, their department and a coop of it to give as an example
    of an affiliation to type (None while it has no coop)."""

    cards: tuple[CoopCard, ...]
    department: str | None
    example: str | None = None


def cards(session: Session, who: Who) -> CoopCards:
    """The card of each coop this person belongs to; none for AD staff, who type which coop."""
    coops = dict.fromkeys(r.coop_id for r in who.roles if r.coop_id is not None)
    if coops:
        return CoopCards(tuple(card(session, who, coop_id) for coop_id in coops), None)
    return _to_type(session, who)


def card_by_affiliation(session: Session, who: Who, typed: str) -> CoopCards:
    """AD staff: the card of a coop of their department typed by its affiliation; none if there is none."""
    coop = coop_by_affiliation(session, typed)
    if coop is None or not may(who, Action.STAFF, department_code=coop.department_code):
        return _to_type(session, who)
    return CoopCards((card(session, who, coop.id),), _first_department(who))


def _to_type(session: Session, who: Who) -> CoopCards:
    """No card: the department whose coop AD staff type, with an example of its coops."""
    department = _first_department(who)
    return CoopCards((), department, example_affiliation(session, [department] if department else []))


def _first_department(who: Who) -> str | None:
    return next(iter(who.departments()), None)
