"""Demo data for `coopbot sandbox`: enough of a department to try every feature.

Department 974, coop 974-111 with its ledgers (opening balances and a few
entries: a cheque, a card payment, cash, a project, a durable good for the
inventory), last year's membership and four people (mandataire, two teachers,
AD staff), and coop 974-145 whose membership waits for the AD's validation.
The sandbox adds a vérificateur aux comptes, to try the read-only role.
"""

from __future__ import annotations

from dataclasses import dataclass

from datetime import date, timedelta

from sqlmodel import Session, select

from store import balances, books, entries, reconciliation
from store.adhesion import department_year
from store.models import (
    Adhesion, AdhesionRow, AdhesionTeacher, Coop, Department, Direction, Ledger, LedgerKind, Means, Person, Role,
    RoleKind, Treasury, utcnow,
)  # fmt: skip
from store.people import who_is
from store.years import today_in


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
# The sandbox's people: the demo's, and a vérificateur the tests' demo world does without.
SANDBOX_PEOPLE = DEMO_PEOPLE + (DemoPerson("verificateur", 1007, "Henri", "Fontaine"),)
DEMO_AFFILIATION = "974-111"
DEMO_ACCOUNT = "00012345678"  # the demo coop's bank account, as its statement files give it


def seed_demo(session: Session, *, books: bool = True) -> None:
    """Create the demo world once, with its books unless told not to; running it again changes nothing."""
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
    people = {demo.key: _person(session, demo) for demo in DEMO_PEOPLE}
    session.add_all([
        Role(person_id=people["mandataire"].id, kind=RoleKind.MANDATAIRE, coop_id=coop.id),
        Role(person_id=people["enseignant"].id, kind=RoleKind.ENSEIGNANT, coop_id=coop.id,
             ledger_id=ledgers["CE1A"].id),
        Role(person_id=people["enseignante"].id, kind=RoleKind.ENSEIGNANT, coop_id=coop.id,
             ledger_id=ledgers["CE2B"].id),
        Role(person_id=people["ad"].id, kind=RoleKind.AD, department_code="974"),
    ])  # fmt: skip
    year = department_year(session, "974")
    # Last year's membership, validated: /adhesion offers to start again from it.
    _membership(session, coop.id, year - 1, validated=True, rows=[
        ("CE1A", [("Julien Hoarau", "julien.hoarau@ac-reunion.fr")], 25, 1, ledgers["CE1A"].id),
        ("CE2B", [("Sophie Grondin", "sophie.grondin@ac-reunion.fr")], 24, 0, ledgers["CE2B"].id),
        ("CM1", [("Luc Rivière", "luc.riviere@ac-reunion.fr"), ("Nina Boyer", "nina.boyer@ac-reunion.fr")],
         27, 1, None),
    ])  # fmt: skip
    if books:
        seed_books(session)
    # A second coop whose membership waits for the AD: /valider has something to validate.
    other = Coop(affiliation="974-145", school_name="École Bois-de-Nèfles", commune="Saint-Denis",
                 department_code="974")  # fmt: skip
    session.add(other)
    session.flush()
    session.add(Ledger(coop_id=other.id, name="École", kind=LedgerKind.ECOLE))
    _membership(session, other.id, year, validated=False, rows=[
        ("CP", [("Omar Lebon", "omar.lebon@ac-reunion.fr")], 22, 2, None),
        ("CE1", [("Léa Fontaine", "lea.fontaine@ac-reunion.fr")], 26, 0, None),
    ])  # fmt: skip


def seed_sandbox(session: Session) -> None:
    """The demo world with its books, and the sandbox's vérificateur of 974-111; running it again changes nothing."""
    seed_demo(session)
    coop = session.exec(select(Coop).where(Coop.affiliation == DEMO_AFFILIATION)).one()
    for demo in SANDBOX_PEOPLE[len(DEMO_PEOPLE):]:
        person = _person(session, demo)
        if not session.exec(select(Role).where(Role.person_id == person.id)).first():
            session.add(Role(person_id=person.id, kind=RoleKind.VERIFICATEUR, coop_id=coop.id))


def _person(session: Session, demo: DemoPerson) -> Person:
    """The demo person's record, created with a school e-mail address the first time."""
    person = session.exec(select(Person).where(Person.telegram_id == demo.telegram_id)).first()
    if person is None:
        person = Person(telegram_id=demo.telegram_id, name=f"{demo.first_name} {demo.last_name}",
                        email=f"{demo.first_name.lower()}.{demo.last_name.lower()}@ac-reunion.fr")  # fmt: skip
        session.add(person)
        session.flush()
    return person


def seed_books(session: Session) -> None:
    """Opening balances and a few entries of coop 974-111, recorded by its mandataire as the bot would."""
    coop = session.exec(select(Coop).where(Coop.affiliation == DEMO_AFFILIATION)).one()
    ledgers = {x.name: x for x in session.exec(select(Ledger).where(Ledger.coop_id == coop.id))}
    year = department_year(session, "974")
    marie = who_is(session, DEMO_PEOPLE[0].telegram_id)
    today = today_in("Indian/Reunion")
    day = lambda days_ago: max(date(year, 9, 1), today - timedelta(days=days_ago))  # noqa: E731
    for name, banque, caisse in (("École", 1_520_00, 85_00), ("CE1A", 240_00, 30_00), ("CE2B", 180_00, 25_00)):
        balances.set_opening_balance(session, marie, ledgers[name].id, year, banque=banque, caisse=caisse, today=today)
    for name, direction, days_ago, label, treasury, means, amount, account, extra in (
        ("École", Direction.RECETTE, 60, "Participation des familles", Treasury.BANQUE, Means.VIREMENT,
         450_00, "familles", {}),
        ("École", Direction.DEPENSE, 50, "Cotisation et assurance OCCE", Treasury.BANQUE, Means.CHEQUE,
         365_70, "cotisation", {"cheque_number": "0001234"}),
        ("École", Direction.DEPENSE, 30, "Vidéoprojecteur", Treasury.BANQUE, Means.VIREMENT,
         349_00, "68000008", {}),
        ("CE1A", Direction.DEPENSE, 20, "Fournitures de peinture", Treasury.BANQUE, Means.CARTE,
         23_80, "fournitures", {}),
        ("CE1A", Direction.RECETTE, 10, "Vente de gâteaux", Treasury.CAISSE, Means.ESPECES,
         64_50, "ventes", {"project": "classeverte"}),
        ("CE2B", Direction.DEPENSE, 5, "Entrées au musée", Treasury.BANQUE, Means.CHEQUE,
         85_00, "sorties", {"cheque_number": "0001235"}),
        ("CE1A", Direction.DEPENSE, 3, "Acompte car classe verte", Treasury.BANQUE, Means.CARTE,
         40_00, "sorties", {"project": "classeverte"}),
    ):  # fmt: skip
        entries.record_entry(session, marie, ledgers[name].id, direction=direction, day=day(days_ago), label=label,
                            treasury=treasury, means=means, amount=amount, splits=account, today=today, **extra)


def demo_statement(session: Session) -> bytes:
    """Coop 974-111's bank statement file today, as Crédit Agricole exports it (CSV, ISO-8859-1), to try
    /pointage with a file: every bank entry but the CE2B cheque not yet cashed, grouped by remise, and
    the bank's fees of yesterday that the books lack."""
    coop = session.exec(select(Coop).where(Coop.affiliation == DEMO_AFFILIATION)).one()
    today = today_in("Indian/Reunion")
    bank = books._views(session, reconciliation._bank_entries(session, coop.id, today), books.chart_of(session, coop))
    uncashed = [e for e in bank if e.uncashed_cheque and e.ledger_name == "CE2B"]
    lines: dict[str, list] = {}
    for e in bank:
        if e not in uncashed:
            key = f"r{e.deposit_id}" if e.deposit_id else f"e{e.id}"
            label = f"REMISE CHEQUES N° {e.deposit_number}" if e.deposit_id else e.label.upper()
            lines.setdefault(key, [e.day, label, 0])[2] += e.signed
    fees = [max(date(department_year(session, "974"), 9, 1), today - timedelta(days=1)), "FRAIS TENUE DE COMPTE", -4_50]
    rows = sorted([*lines.values(), fees], key=lambda x: x[0], reverse=True)
    closing = reconciliation._book_banque(session, coop.id, today) - sum(e.signed for e in uncashed) + fees[2]
    euros = lambda cents: f"{abs(cents) // 100},{abs(cents) % 100:02d}"  # noqa: E731
    text = [f"Téléchargement du {today:%d/%m/%Y};", f"Compte de Dépôt carte n° {DEMO_ACCOUNT};",
            f"Solde au {today:%d/%m/%Y} {'-' if closing < 0 else ''}{euros(closing)} EUR", ";",
            "Date;Libellé;Débit euros;Crédit euros;"]  # fmt: skip
    text += [f'{day:%d/%m/%Y};"{label}";{euros(cents) if cents < 0 else ""};{euros(cents) if cents > 0 else ""};'
             for day, label, cents in rows]  # fmt: skip
    return ("\r\n".join(text) + "\r\n").encode("iso-8859-1", "replace")


def _membership(session: Session, coop_id: int, year: int, *, validated: bool,
                rows: list[tuple[str, list[tuple[str, str]], int, int, int | None]]) -> None:  # fmt: skip
    """A submitted membership with its rows; validated by the AD if asked."""
    submitted = utcnow()
    adhesion = Adhesion(coop_id=coop_id, year=year, submitted_at=submitted,
                        validated_at=submitted if validated else None)  # fmt: skip
    session.add(adhesion)
    session.flush()
    for class_name, teachers, pupils, adults, ledger_id in rows:
        row = AdhesionRow(adhesion_id=adhesion.id, class_name=class_name, pupils=pupils,
                          other_adults=adults, ledger_id=ledger_id)  # fmt: skip
        session.add(row)
        session.flush()
        session.add_all([AdhesionTeacher(row_id=row.id, name=name, email=email) for name, email in teachers])
