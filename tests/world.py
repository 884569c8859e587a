"""A wider world than the demo, for access tests: a second coop, a second department, every role."""

from __future__ import annotations

from sqlmodel import Session, select

from store.models import Coop, Department, Ledger, LedgerKind, Person, Role, RoleKind, YearClosing
from store.people import Who

def lock_year(session: Session, who: Who, coop_id: int, year: int) -> None:
    """Lock a coop's fiscal year as the AD's validation of its report does (store.report_sending.validate), without
    a whole report sent first: nothing dated in that year may change any more."""
    session.add(YearClosing(coop_id=coop_id, fiscal_year=year, closed_by=who.person.id))


# The alert of a button of an earlier question or card pressed while a draft goes on: the draft is kept.
EARLIER_BUTTON = ("Ce bouton appartient à une question ou une fiche précédente : utilisez le dernier message. "
                  "Votre saisie en cours est conservée.")

# persona → (telegram id, first name)
PERSONAS = {
    "stranger": (5550001, "Inconnu"),
    "mandataire": (1001, "Marie"),
    "signataire": (2001, "Sabine"),
    "enseignant": (1002, "Julien"),
    "enseignant_autre_classe": (1003, "Sophie"),
    "verificateur": (2002, "Victor"),
    "ad": (1004, "Paul"),
    "mandataire_autre_coop": (2003, "Odile"),
    "ad_autre_departement": (2004, "Gaston"),
}


def seed_world(session: Session) -> None:
    """Add to the demo: a signataire and a vérificateur of 974-111, coop 974-222, department 971."""
    demo = session.exec(select(Coop).where(Coop.affiliation == "974-111")).one()
    session.add(Department(code="971", name="OCCE de la Guadeloupe", timezone="America/Guadeloupe"))
    other = Coop(affiliation="974-222", school_name="École du Butor", commune="Saint-Denis",
                 department_code="974")  # fmt: skip
    session.add(other)
    session.flush()
    session.add(Ledger(coop_id=other.id, name="École", kind=LedgerKind.ECOLE))
    session.add(Ledger(coop_id=other.id, name="CP", kind=LedgerKind.CLASSE))
    for key, kind, coop, department in [
        ("signataire", RoleKind.SIGNATAIRE, demo, None),
        ("verificateur", RoleKind.VERIFICATEUR, demo, None),
        ("mandataire_autre_coop", RoleKind.MANDATAIRE, other, None),
        ("ad_autre_departement", RoleKind.AD, None, "971"),
    ]:
        telegram_id, name = PERSONAS[key]
        person = Person(telegram_id=telegram_id, name=f"{name} Test")
        session.add(person)
        session.flush()
        session.add(Role(person_id=person.id, kind=kind, coop_id=coop.id if coop else None,
                         department_code=department))  # fmt: skip
