"""Demo data for `coopbot sandbox`: enough of a department to try every feature.

Department 974, coop 974-111 with its ledgers (opening balances and a few
entries: a cheque, a card payment, cash, a project, a durable good for the
inventory), last year's membership and four people (mandataire, two teachers,
AD staff), and coop 974-145 whose membership waits for the AD's validation.
The sandbox adds a vérificateur aux comptes, to try the read-only role,
coop 974-300 with a whole year ended on 31 August (``seed_year_end``), to try
the year's end: /caisse, /cloture of its class ledgers, /pointage of August,
and its report (/compterendu), already in progress: one CRA answer given; and coops
974-160 (validated) and 974-171 (begun) of Saint-Pierre with their mandataires, so
that the AD's /suivi and /annonce have a department to show; their last year's
reports are with the AD (``seed_sent_reports``): 974-160's sent, to check in
/valider → 📋 Comptes rendus (and its mandataire is warned before changing that
year), 974-171's validated.
"""

from __future__ import annotations

from dataclasses import dataclass

from datetime import date, timedelta

from sqlmodel import Session, select

from store import balances, cashcounts, cra, entries, movements, quitus, reconciliation, report_sending, reports
from store.campaign import department_year
from store.models import (
    Adhesion, AdhesionRow, AdhesionTeacher, Coop, Department, Direction, Ledger, LedgerKind, Means, MovementKind,
    Person, Report, Role, RoleKind, Treasury, utcnow,
)  # fmt: skip
from store.people import who_is
from store.years import fiscal_year_of, today_in


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
# A vérificateur of 974-111 the tests' demo world does without.
SANDBOX_VERIFICATEUR = DemoPerson("verificateur", 1007, "Henri", "Fontaine")
# Two more coops of 974 with their mandataires, for /suivi and /annonce: (mandataire, affiliation, school,
# commune, this year's membership).
FOLLOWUP_COOPS = (
    (DemoPerson("mandataire2", 1008, "Nadia", "Hoarau"), "974-160", "École Les Badamiers", "Saint-Pierre", "validated"),
    (DemoPerson("mandataire3", 1009, "Thierry", "Payet"), "974-171", "École Jean Albany", "Saint-Pierre", "draft"),
)  # fmt: skip
# The vérificateurs of 974-160 and 974-171 (one a parent), whose quitus their last year's reports carry.
SENT_REPORT_VERIFICATEURS = (DemoPerson("verificateur2", 1010, "Josiane", "Grondin"),
                             DemoPerson("verificateur3", 1011, "Patrick", "Boyer"))  # fmt: skip
DEMO_AFFILIATION = "974-111"
DEMO_TIMEZONE = "Indian/Reunion"
DEMO_ACCOUNT = "00012345678"  # the demo coop's bank account, as its statement files give it


def seed_demo(session: Session, *, books: bool = True) -> None:
    """Create the demo world once, with its books unless told not to; running it again changes nothing."""
    if session.get(Department, "974") is None:
        session.add(Department(code="974", name="OCCE de La Réunion", timezone=DEMO_TIMEZONE))
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
    """The demo world with its books, the sandbox's vérificateur of 974-111, coop 974-300's last year and
    coops 974-160 and 974-171 with their mandataires; running it again changes nothing."""
    seed_demo(session)
    if not session.exec(select(Coop).where(Coop.affiliation == YEAR_END_AFFILIATION)).first():
        books = seed_year_end(session)
        # Its report, in progress: /compterendu takes up at the CRA's second question.
        helene = who_is(session, YEAR_END_PEOPLE["mandataire"][0])
        report = reports.open_report(session, helene, books.coop_id)
        cra.save_councils(session, helene, report.report_id, 3)
    coop = session.exec(select(Coop).where(Coop.affiliation == DEMO_AFFILIATION)).one()
    person = _person(session, SANDBOX_VERIFICATEUR)
    if not session.exec(select(Role).where(Role.person_id == person.id)).first():
        session.add(Role(person_id=person.id, kind=RoleKind.VERIFICATEUR, coop_id=coop.id))
    year = department_year(session, "974")
    for demo, affiliation, school, commune, membership in FOLLOWUP_COOPS:
        if session.exec(select(Coop).where(Coop.affiliation == affiliation)).first():
            continue
        other = Coop(affiliation=affiliation, school_name=school, commune=commune, department_code="974")
        session.add(other)
        session.flush()
        session.add(Ledger(coop_id=other.id, name="École", kind=LedgerKind.ECOLE))
        session.add(Role(person_id=_person(session, demo).id, kind=RoleKind.MANDATAIRE, coop_id=other.id))
        if membership == "validated":
            _membership(session, other.id, year, validated=True,
                        rows=[("CM2", [(f"{demo.first_name} {demo.last_name}", "cm2@ac-reunion.fr")], 28, 0, None)])
        else:  # begun, not sent
            session.add(Adhesion(coop_id=other.id, year=year))
    seed_sent_reports(session)


def seed_sent_reports(session: Session) -> None:
    """Last year's books and report of 974-160, sent to the AD (« envoyé »), and of 974-171, validated: a school
    ledger opened on 1 September, two entries ticked on the 31/08 statement, the caisse counted, the CRA
    answered, two quitus (one a parent's), the August statement attached. Running it again changes nothing."""
    today = today_in(DEMO_TIMEZONE)
    year = fiscal_year_of(today) - 1
    last_day = date(year + 1, 8, 31)
    for (demo, affiliation, *_), validated in zip(FOLLOWUP_COOPS, (False, True)):
        coop = session.exec(select(Coop).where(Coop.affiliation == affiliation)).one()
        if session.exec(select(Report.id).where(Report.coop_id == coop.id)).first():
            continue
        who = who_is(session, demo.telegram_id)
        school = session.exec(select(Ledger.id).where(Ledger.coop_id == coop.id, Ledger.kind == LedgerKind.ECOLE)).one()
        balances.set_opening_balance(session, who, school, year, banque=800_00, caisse=50_00, today=today)
        ids = [entries.record_entry(session, who, school, direction=direction, day=day, label=label, means=means,
                                    amount=amount, splits=account, today=today).id
               for direction, day, label, means, amount, account in (
                   (Direction.RECETTE, date(year, 10, 5), "Participation des familles", Means.VIREMENT, 300_00,
                    "familles"),
                   (Direction.DEPENSE, date(year + 1, 3, 12), "Sortie au musée", Means.CARTE, 120_00, "sorties"),
               )]  # fmt: skip
        reconciliation.record_statement(session, who, coop.id, day=last_day, balance=980_00, today=today, entry_ids=ids)
        cashcounts.count_cash(session, who, school, day=last_day, today=today, total=50_00)
        report_id = reports.open_report(session, who, coop.id).report_id
        cra.save_councils(session, who, report_id, 3)
        cra.projects_done(session, who, report_id)
        cra.save_actions(session, who, report_id, "Course solidaire de l'OCCE")
        cra.save_comments(session, who, report_id, "Une année de sorties.")
        for verificateur in SENT_REPORT_VERIFICATEURS:
            session.add(Role(person_id=_person(session, verificateur).id, kind=RoleKind.VERIFICATEUR, coop_id=coop.id))
        session.flush()
        quitus.request_quitus(session, who, report_id)
        for verificateur, parent in zip(SENT_REPORT_VERIFICATEURS, (True, False)):
            quitus.give_quitus(session, who_is(session, verificateur.telegram_id), report_id,
                               name=f"{verificateur.first_name} {verificateur.last_name}", parent=parent)  # fmt: skip
        report_sending.attach(session, who, report_id, kind="statement", path=f"releve-aout-{affiliation}.pdf",
                              mime_type="application/pdf", size=0)  # fmt: skip
        report_sending.send(session, who, report_id)
        if validated:
            report_sending.validate(session, who_is(session, DEMO_PEOPLE[3].telegram_id), report_id)


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
    today = today_in(DEMO_TIMEZONE)
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


# ---------------------------------------------------------------- a whole year, to its end

YEAR_END_AFFILIATION = "974-300"
YEAR_END_ACCOUNT = "00098765430"  # its bank account, as its statement file gives it
YEAR_END_OPENINGS = {"École": (1_200_00, 150_00), "CE1A": (85_00, 20_00), "CE2B": (60_00, 0), "CM1": (0, 0)}
# key → (telegram id, first name, last name, role, class ledger)
YEAR_END_PEOPLE = {
    "mandataire": (3001, "Hélène", "Lauret", RoleKind.MANDATAIRE, None),
    "ce1a": (3002, "Yannick", "Hoarau", RoleKind.ENSEIGNANT, "CE1A"),
    "ce2b": (3003, "Claire", "Boyer", RoleKind.ENSEIGNANT, "CE2B"),
    "cm1": (3004, "Luc", "Rivière", RoleKind.ENSEIGNANT, "CM1"),
    "verificateur": (3005, "Gilbert", "Nativel", RoleKind.VERIFICATEUR, None),
    "parent": (3006, "Mina", "Payet", RoleKind.VERIFICATEUR, None),
}


# The sandbox's people: the demo's, its vérificateur, the mandataire, teachers and vérificateurs of 974-300
# (`:user filaos`…, whose quitus its report needs), and the mandataires of 974-160 and 974-171
# (`:user mandataire2`, `:user mandataire3`).
SANDBOX_PEOPLE = DEMO_PEOPLE + (SANDBOX_VERIFICATEUR,) + tuple(
    DemoPerson("filaos" if key == "mandataire" else f"filaos-{key}", telegram_id, first, last)
    for key, (telegram_id, first, last, _, _) in YEAR_END_PEOPLE.items()
) + tuple(coop[0] for coop in FOLLOWUP_COOPS)


@dataclass(frozen=True)
class YearEndBooks:
    coop_id: int
    year: int  # the exercice that ended on the last 31 August
    ledgers: dict[str, int]
    entries: dict[str, int]  # a few entries by name


def seed_year_end(session: Session, today: date | None = None) -> YearEndBooks:
    """Coop 974-300 (École des Filaos): a school ledger, three class ledgers and their people, and the
    books of the exercice that ended on the last 31 August before ``today``, recorded on ``today`` as
    their people would: cash and cheques, the families' contributions (two cheques on a remise), a
    commune grant, a school-photo sale, outings, a kermesse, a durable good, an advance to a class and
    its partial reimbursement, and a cheque (n° 0000103) not cashed by 31/08. Not counted, not closed:
    /caisse, /cloture and /pointage have their year-end work to do."""
    today = today or today_in("Indian/Reunion")
    if session.get(Department, "974") is None:
        session.add(Department(code="974", name="OCCE de La Réunion", timezone="Indian/Reunion"))
        session.flush()
    coop = Coop(affiliation=YEAR_END_AFFILIATION, school_name="École des Filaos", commune="Saint-Paul",
                department_code="974")  # fmt: skip
    session.add(coop)
    session.flush()
    ledgers = {name: Ledger(coop_id=coop.id, name=name, kind=LedgerKind.ECOLE if name == "École" else LedgerKind.CLASSE)
               for name in YEAR_END_OPENINGS}  # fmt: skip
    session.add_all(ledgers.values())
    session.flush()
    who = {}
    for key, (telegram_id, first, last, kind, ledger_name) in YEAR_END_PEOPLE.items():
        person = _person(session, DemoPerson(key, telegram_id, first, last))
        session.add(Role(person_id=person.id, kind=kind, coop_id=coop.id,
                         ledger_id=ledgers[ledger_name].id if ledger_name else None))  # fmt: skip
        session.flush()
        who[key] = who_is(session, telegram_id)
    year = fiscal_year_of(today) - 1
    books = YearEndBooks(coop.id, year, {name: x.id for name, x in ledgers.items()}, {})

    def day(d: int, month: int) -> date:
        return date(year if month >= 9 else year + 1, month, d)

    def entry(key, name, direction, when, label, means, amount, splits, keep=None, **extra):
        view = entries.record_entry(session, who[key], books.ledgers[name], direction=direction, day=when,
                                   label=label, means=means, amount=amount, splits=splits, today=today, **extra)  # fmt: skip
        if keep:
            books.entries[keep] = view.id

    def move(kind, name, when, amount, label, to=None):
        movements.record_movement(session, who["mandataire"], kind, ledger_id=books.ledgers[name], day=when,
                               amount=amount, label=label, today=today,
                               to_ledger_id=books.ledgers[to] if to else None)  # fmt: skip

    for name, (banque, caisse) in YEAR_END_OPENINGS.items():
        balances.set_opening_balance(session, who["mandataire"], books.ledgers[name], year, banque=banque,
                                   caisse=caisse, today=today)  # fmt: skip
    R, D, m = Direction.RECETTE, Direction.DEPENSE, "mandataire"
    CHQ, ESP, VIR, CB = Means.CHEQUE, Means.ESPECES, Means.VIREMENT, Means.CARTE
    entry(m, "École", R, day(15, 9), "Participation des familles (Martin)", CHQ, 35_00, "familles", "martin",
          cheque_number="5512001")
    entry(m, "École", R, day(16, 9), "Participation des familles (Nativel)", CHQ, 20_00, "familles", "nativel",
          cheque_number="7730442")
    entry(m, "École", R, day(17, 9), "Participation des familles (espèces)", ESP, 42_00, "familles")
    reconciliation.record_deposit(session, who[m], coop.id, [books.entries["martin"], books.entries["nativel"]],
                          day=day(23, 9), today=today)  # fmt: skip
    entry(m, "École", D, day(30, 9), "Cotisation et assurance OCCE", CHQ, 250_70,
          [("cotisation", 221_00), ("assurance", 29_70)], cheque_number="0000101")
    entry(m, "École", R, day(14, 10), "Subvention de fonctionnement", VIR, 600_00, "subventions", "grant",
          giver="Commune de Saint-Paul")
    entry(m, "École", D, day(20, 11), "Photographe scolaire", CB, 310_00, "60700008")
    entry(m, "École", R, day(5, 12), "Vente des photos de classe", CHQ, 455_00, "70700008", cheque_number="1002003")
    move(MovementKind.DEPOT, "École", day(10, 12), 40_00, "Dépôt d'espèces")
    move(MovementKind.AVANCE, "École", day(15, 1), 150_00, "Avance pour la sortie", to="CE1A")
    entry("ce1a", "CE1A", D, day(20, 1), "Cinéma", CB, 120_00, "sorties")
    entry("ce1a", "CE1A", R, day(3, 2), "Vente de gâteaux", ESP, 64_50, "70700008")
    entry("ce2b", "CE2B", R, day(10, 2), "Don d'une famille", CHQ, 50_00, "dons", cheque_number="4400121")
    entry("cm1", "CM1", R, day(2, 3), "Participation des familles", ESP, 25_00, "familles")
    entry("cm1", "CM1", D, day(5, 3), "Fournitures", ESP, 18_00, "fournitures")
    entry(m, "École", D, day(12, 3), "Bus de la sortie", VIR, 480_00, "sorties")
    entry(m, "École", R, day(20, 3), "Participation des familles à la sortie", CHQ, 180_00, "participation sorties",
          cheque_number="3300917")
    entry("ce2b", "CE2B", D, day(12, 4), "Fournitures", CB, 45_90, "fournitures")
    entry("ce1a", "CE1A", D, day(15, 5), "Goûter", ESP, 30_00, "alimentation")
    entry(m, "École", R, day(14, 6), "Kermesse", ESP, 312_50, "kermesse")
    entry(m, "École", D, day(20, 6), "Vidéoprojecteur", CHQ, 399_00, "biens durables", cheque_number="0000102")
    move(MovementKind.DEPOT, "École", day(28, 6), 300_00, "Dépôt de la kermesse")
    entry(m, "École", D, day(30, 6), "Frais de tenue de compte", Means.PRELEVEMENT, 12_00, "frais bancaires")
    move(MovementKind.REMBOURSEMENT, "CE1A", day(30, 6), 100_00, "Remboursement de l'avance", to="École")
    entry(m, "École", D, day(25, 8), "Livres de bibliothèque", CHQ, 86_40, "fournitures", "livres",
          cheque_number="0000103")
    return books
