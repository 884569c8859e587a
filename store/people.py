"""Departments, coops, persons and their roles."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, select

from store.models import Coop, Ledger, Person, Role, RoleKind


@dataclass(frozen=True)
class RoleView:
    """One role, with what a person needs to read about it."""

    kind: RoleKind
    department_code: str | None
    affiliation: str | None
    school_name: str | None
    ledger_name: str | None


@dataclass(frozen=True)
class Who:
    """A Telegram user as the store knows them: nobody, or a person with roles."""

    person: Person | None
    roles: tuple[RoleView, ...] = ()

    @property
    def kinds(self) -> set[RoleKind]:
        return {role.kind for role in self.roles}


def who_is(session: Session, telegram_id: int) -> Who:
    """The person linked to this Telegram account and their current roles."""
    person = session.exec(select(Person).where(Person.telegram_id == telegram_id)).first()
    if person is None:
        return Who(None)
    rows = session.exec(
        select(Role, Coop, Ledger)
        .join(Coop, Role.coop_id == Coop.id, isouter=True)
        .join(Ledger, Role.ledger_id == Ledger.id, isouter=True)
        .where(Role.person_id == person.id, Role.ended_at.is_(None))
        .order_by(Role.id)
    ).all()
    roles = tuple(
        RoleView(
            kind=role.kind,
            department_code=role.department_code or (coop.department_code if coop else None),
            affiliation=coop.affiliation if coop else None,
            school_name=coop.school_name if coop else None,
            ledger_name=ledger.name if ledger else None,
        )
        for role, coop, ledger in rows
    )
    return Who(person, roles)
