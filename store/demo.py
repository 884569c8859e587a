"""Demo data for `coopbot sandbox`: a department, a school coop, its ledgers and people."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, select

from store.models import Coop, Department, Ledger, LedgerKind, Person, Role, RoleKind


@dataclass(frozen=True)
class DemoPerson:
    key: str  # what the terminal chat's `:user` takes
    telegram_id: int
    first_name: str
    last_name: str


DEMO_PEOPLE = (
    DemoPerson("mandataire", 1001, "Marie", "Payet"),
    DemoPerson("enseignant", 1002, "Julien", "Hoarau"),
    DemoPerson("enseignante", 1003, "Sophie", "Grondin"),
    DemoPerson("ad", 1004, "Paul", "Técher"),
)
DEMO_AFFILIATION = "974-111"


def seed_demo(session: Session) -> None:
    """Create the demo world once; running it again changes nothing."""
    if session.get(Department, "974") is None:
        session.add(Department(code="974", name="OCCE de La Réunion", timezone="Indian/Reunion"))
    if session.exec(select(Coop).where(Coop.affiliation == DEMO_AFFILIATION)).first():
        return
    coop = Coop(affiliation=DEMO_AFFILIATION, school_name="École Les Tamarins",
                commune="Saint-Paul", department_code="974")  # fmt: skip
    session.add(coop)
    session.flush()
    ledgers = {
        name: Ledger(coop_id=coop.id, name=name, kind=kind)
        for name, kind in (("École", LedgerKind.ECOLE), ("CE1A", LedgerKind.CLASSE),
                           ("CE2B", LedgerKind.CLASSE))  # fmt: skip
    }
    session.add_all(ledgers.values())
    people = {}
    for demo in DEMO_PEOPLE:
        person = session.exec(select(Person).where(Person.telegram_id == demo.telegram_id)).first()
        if person is None:
            person = Person(telegram_id=demo.telegram_id, name=f"{demo.first_name} {demo.last_name}",
                            email=f"{demo.first_name.lower()}.{demo.last_name.lower()}@ac-reunion.fr")  # fmt: skip
            session.add(person)
        people[demo.key] = person
    session.flush()
    session.add_all([
        Role(person_id=people["mandataire"].id, kind=RoleKind.MANDATAIRE, coop_id=coop.id),
        Role(person_id=people["enseignant"].id, kind=RoleKind.ENSEIGNANT, coop_id=coop.id,
             ledger_id=ledgers["CE1A"].id),
        Role(person_id=people["enseignante"].id, kind=RoleKind.ENSEIGNANT, coop_id=coop.id,
             ledger_id=ledgers["CE2B"].id),
        Role(person_id=people["ad"].id, kind=RoleKind.AD, department_code="974"),
    ])  # fmt: skip
