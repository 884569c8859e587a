"""Persons and their roles, as the rest of the store and the bot need to see them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlmodel import Session, select

from store.models import Coop, Department, Ledger, Person, Role, RoleKind
from store.text import plain


@dataclass(frozen=True)
class RoleView:
    """One current role, with what a person needs to read about it."""

    kind: RoleKind
    department_code: str | None
    coop_id: int | None = None
    affiliation: str | None = None
    school_name: str | None = None
    ledger_id: int | None = None
    ledger_name: str | None = None


@dataclass(frozen=True)
class Who:
    """A Telegram user as the store knows them: nobody, or a person with roles."""

    person: Person | None
    roles: tuple[RoleView, ...] = ()

    @property
    def kinds(self) -> set[RoleKind]:
        return {role.kind for role in self.roles}

    def coops(self, *kinds: RoleKind) -> list[RoleView]:
        """One role per coop where this person holds one of ``kinds``."""
        seen, found = set(), []
        for role in self.roles:
            if role.kind in kinds and role.coop_id not in seen:
                seen.add(role.coop_id)
                found.append(role)
        return found

    def managed(self) -> list[RoleView]:
        """One role per coop this person manages (mandataire or signataire)."""
        return self.coops(RoleKind.MANDATAIRE, RoleKind.SIGNATAIRE)

    def departments(self) -> list[str]:
        return sorted({r.department_code for r in self.roles if r.kind == RoleKind.AD})


def who_is(session: Session, telegram_id: int) -> Who:
    """The person linked to this Telegram account and their current roles."""
    person = session.exec(select(Person).where(Person.telegram_id == telegram_id)).first()
    if person is None:
        return Who(None)
    return Who(person, roles_of(session, person.id))


def roles_of(session: Session, person_id: int) -> tuple[RoleView, ...]:
    rows = session.exec(
        select(Role, Coop, Ledger)
        .join(Coop, Role.coop_id == Coop.id, isouter=True)
        .join(Ledger, Role.ledger_id == Ledger.id, isouter=True)
        .where(Role.person_id == person_id, Role.ended_at.is_(None))
        .order_by(Role.id)
    ).all()
    return tuple(
        RoleView(
            kind=role.kind,
            department_code=role.department_code or (coop.department_code if coop else None),
            coop_id=coop.id if coop else None,
            affiliation=coop.affiliation if coop else None,
            school_name=coop.school_name if coop else None,
            ledger_id=ledger.id if ledger else None,
            ledger_name=ledger.name if ledger else None,
        )
        for role, coop, ledger in rows
    )


def staff_of(session: Session, department_code: str) -> list[Person]:
    """AD staff of a department who have linked their Telegram account."""
    return list(session.exec(
        select(Person).join(Role, Role.person_id == Person.id)
        .where(Role.kind == RoleKind.AD, Role.department_code == department_code,
               Role.ended_at.is_(None), Person.telegram_id.is_not(None))
        .order_by(Person.id).distinct()
    ))  # fmt: skip


def coop_by_affiliation(session: Session, affiliation: str) -> Coop | None:
    return session.exec(select(Coop).where(Coop.affiliation == plain(affiliation).strip())).first()


def example_affiliation(session: Session, departments: Sequence[str]) -> str | None:
    """A coop number to show AD staff as an example: the first coop of their departments (an AD of 971 is shown
    971-…, never another department's, nor a made-up one); None while those departments have no coop."""
    if not departments:
        return None
    return session.exec(select(Coop.affiliation).where(Coop.department_code.in_(departments))
                        .order_by(Coop.department_code, Coop.affiliation)).first()  # fmt: skip


def department(session: Session, code: str) -> Department | None:
    return session.get(Department, code)
