"""A realistic school year of a coop, to build in any test's database (year-end, exports, bank import).

Coop 974-300 (École des Filaos): a school ledger and three class ledgers (CE1A, CE2B, CM1),
one mandataire, a teacher per class, two vérificateurs (one a parent). ``record_year`` keeps
its books from 1/09/``year`` to 31/08/``year + 1`` as their people would through the bot:
cash and cheques, the families' contributions, a commune grant, a school-photo sale, outings,
a kermesse, a durable good, an advance to a class and its partial reimbursement, a remise de
chèques, a cheque (n° 0000103, 86,40 €) not cashed at 31/08. Then, each a step of its own:
``count_cash`` (every caisse at 31/08), ``close_classes`` (/cloture of the three classes),
``august_statement`` (31/08, everything ticked but that cheque) and ``september_statement``
(which ticks it). ``CRF`` below is that year's compte rendu financier, worked out by hand.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlmodel import Session, select

from store import closing, ledger as L
from store.models import (
    Coop, Department, Direction, Entry, Ledger, LedgerKind, Means, MovementKind, Person, Role, RoleKind, Statement,
)  # fmt: skip
from store.people import who_is
from store.years import fiscal_year_of, today_in

AFFILIATION = "974-300"
# key → (telegram id, name, role, class ledger)
PEOPLE = {
    "mandataire": (3001, "Hélène Lauret", RoleKind.MANDATAIRE, None),
    "ce1a": (3002, "Yannick Hoarau", RoleKind.ENSEIGNANT, "CE1A"),
    "ce2b": (3003, "Claire Boyer", RoleKind.ENSEIGNANT, "CE2B"),
    "cm1": (3004, "Luc Rivière", RoleKind.ENSEIGNANT, "CM1"),
    "verificateur": (3005, "Henri Fontaine", RoleKind.VERIFICATEUR, None),
    "parent": (3006, "Mina Payet", RoleKind.VERIFICATEUR, None),
}
OPENINGS = {"École": (1_200_00, 150_00), "CE1A": (85_00, 20_00), "CE2B": (60_00, 0), "CM1": (0, 0)}
UNCASHED_CHEQUE = "0000103"
CLOSING_LABEL = "Clôture : reversement au cahier de l'école"

# The CRF of the year, by hand: CRF line key → (charges, produits), in cents.
CRF = {
    "achats": (30_00 + 45_90 + 86_40 + 18_00, 0),  # goûter CE1A, fournitures CE2B, livres, fournitures CM1
    "achats_cession": (310_00, 0),  # the photographer
    "activites": (480_00 + 120_00, 0),  # the bus, CE1A's cinema
    "assurance_cotisation": (29_70 + 221_00, 0),
    "services_bancaires": (12_00, 0),
    "biens_durables": (399_00, 0),  # the video projector
    "autres_charges": (0, 0),
    "charges_exceptionnelles": (0, 0),
    "ventes_cession": (0, 455_00 + 64_50),  # photos sold, CE1A's cakes
    "activites_educatives": (0, 180_00),  # the families' share of the outing
    "fetes": (0, 312_50),  # the kermesse
    "subventions": (0, 600_00),  # the commune
    "participation_familles": (0, 35_00 + 20_00 + 42_00 + 25_00),
    "dons": (0, 50_00),
    "produits_financiers": (0, 0),
    "autres_produits": (0, 0),
    "produits_exceptionnels": (0, 0),
}
CHARGES, PRODUITS = 1_752_00, 1_784_00
RESULTAT = 32_00
REPORT_A_NOUVEAU = 1_515_00
# At 31/08, the classes closed: every class's money is back in the school ledger.
BANQUE, CAISSE = 1_321_00, 226_00
CASH_AT_YEAR_END = {"École": 164_50, "CE1A": 54_50, "CE2B": 0, "CM1": 7_00}  # before the closings
BANK_AT_YEAR_END = {"École": 1_241_90, "CE1A": 15_00, "CE2B": 64_10, "CM1": 0}
AUGUST_STATEMENT = BANQUE + 86_40  # the bank has not seen cheque 0000103 yet
GRANT_GIVER = "Commune de Saint-Paul"


@dataclass
class YearEnd:
    db: object
    year: int  # the exercice from 1/09/year to 31/08/year + 1
    today: date
    coop: int
    ledgers: dict[str, int]
    entries: dict[str, int] = field(default_factory=dict)  # a few entries by name

    @property
    def last_day(self) -> date:
        return date(self.year + 1, 8, 31)

    def day(self, day: int, month: int) -> date:
        """A date of the exercice: September to December in its first calendar year."""
        return date(self.year if month >= 9 else self.year + 1, month, day)

    def act(self, key: str, fn, *args, **kwargs):
        """A store function called as one of the coop's people (a key of PEOPLE), in one transaction."""
        return self.db.run(lambda s: fn(s, who_is(s, PEOPLE[key][0]), *args, **kwargs))

    def entry(self, key: str, ledger: str, direction: Direction, day: date, label: str, means: Means, amount: int,
              splits, name: str | None = None, **extra):  # fmt: skip
        view = self.act(key, L.record_entry, self.ledgers[ledger], direction=direction, day=day, label=label,
                        means=means, amount=amount, splits=splits, today=self.today, **extra)  # fmt: skip
        if name:
            self.entries[name] = view.id
        return view

    def move(self, key: str, kind: MovementKind, ledger: str, day: date, amount: int, label: str, **extra):
        return self.act(key, L.record_movement, kind, ledger_id=self.ledgers[ledger], day=day, amount=amount,
                        label=label, today=self.today, **extra)  # fmt: skip

    # ---------------------------------------------------------------- the year's end, step by step

    def count_cash(self) -> None:
        """An arrêté de caisse at 31/08 in every ledger with cash, matching its books."""
        for name, ledger_id in self.ledgers.items():
            key = "mandataire" if name == "École" else name.lower()
            cash = self.act(key, L.balances, ledger_id, self.year).caisse
            if cash:
                self.act(key, L.count_cash, ledger_id, day=self.last_day, today=self.today, total=cash)

    def close_classes(self) -> None:
        """/cloture of the three class ledgers, by their teachers."""
        for name in ("CE1A", "CE2B", "CM1"):
            self.act(name.lower(), closing.close_class_ledger, self.ledgers[name], label=CLOSING_LABEL,
                     today=self.today)  # fmt: skip

    def _bank_entries(self, session: Session) -> list[int]:
        return [e.id for e in L._bank_entries(session, self.coop, self.last_day)]

    def august_statement(self) -> None:
        """The statement of 31/08: every bank line of the year ticked, but cheque 0000103."""
        def record(session):
            ids = [i for i in self._bank_entries(session) if i != self.entries["livres"]]
            L.record_statement(session, who_is(session, PEOPLE["mandataire"][0]), self.coop, day=self.last_day,
                               balance=AUGUST_STATEMENT, today=self.today, entry_ids=ids)  # fmt: skip
        self.db.run(record)

    def september_statement(self) -> None:
        """A September statement that ticks cheque 0000103, cashed after 31/08."""
        day = min(self.today, date(self.year + 1, 9, 30))
        self.act("mandataire", L.record_statement, self.coop, day=day, balance=BANQUE, today=self.today,
                 entry_ids=[self.entries["livres"]])  # fmt: skip

    def statement_ids(self) -> list[int]:
        return self.db.run(lambda s: list(s.exec(select(Statement.id).where(Statement.coop_id == self.coop))))

    def live_entries(self) -> int:
        return self.db.run(lambda s: len(s.exec(select(Entry.id).join(Ledger, Ledger.id == Entry.ledger_id).where(
            Ledger.coop_id == self.coop, Entry.cancelled_at.is_(None))).all()))  # fmt: skip


def create_coop(session: Session) -> tuple[int, dict[str, int]]:
    """Coop 974-300, its four ledgers and its people (department 974 made if missing)."""
    if session.get(Department, "974") is None:
        session.add(Department(code="974", name="OCCE de La Réunion", timezone="Indian/Reunion"))
        session.flush()
    coop = Coop(affiliation=AFFILIATION, school_name="École des Filaos", commune="Saint-Paul", department_code="974")
    session.add(coop)
    session.flush()
    ledgers = {name: Ledger(coop_id=coop.id, name=name, kind=LedgerKind.ECOLE if name == "École" else LedgerKind.CLASSE)
               for name in OPENINGS}  # fmt: skip
    session.add_all(ledgers.values())
    session.flush()
    for telegram_id, name, kind, ledger in PEOPLE.values():
        person = Person(telegram_id=telegram_id, name=name)
        session.add(person)
        session.flush()
        session.add(Role(person_id=person.id, kind=kind, coop_id=coop.id,
                         ledger_id=ledgers[ledger].id if ledger else None))  # fmt: skip
    session.flush()
    return coop.id, {name: x.id for name, x in ledgers.items()}


def record_year(db, today: date | None = None) -> YearEnd:
    """Coop 974-300 and its books of the exercice that ended on the last 31 August before ``today``
    (default: today in La Réunion), recorded on ``today``."""
    today = today or today_in("Indian/Reunion")
    coop, ledgers = db.run(create_coop)
    y = YearEnd(db, fiscal_year_of(today) - 1, today, coop, ledgers)
    R, D = Direction.RECETTE, Direction.DEPENSE
    CHQ, ESP, VIR, CB, PRLV = Means.CHEQUE, Means.ESPECES, Means.VIREMENT, Means.CARTE, Means.PRELEVEMENT
    for name, (banque, caisse) in OPENINGS.items():
        y.act("mandataire", L.set_opening_balance, ledgers[name], y.year, banque=banque, caisse=caisse, today=today)
    m = "mandataire"
    # September: the families' contributions (two cheques, some cash), deposited; the OCCE's fee.
    y.entry(m, "École", R, y.day(15, 9), "Participation des familles (Martin)", CHQ, 35_00, "familles",
            name="cheque_martin", cheque_number="5512001")
    y.entry(m, "École", R, y.day(16, 9), "Participation des familles (Nativel)", CHQ, 20_00, "familles",
            name="cheque_nativel", cheque_number="7730442")
    y.entry(m, "École", R, y.day(17, 9), "Participation des familles (espèces)", ESP, 42_00, "familles")
    y.act(m, L.record_deposit, coop, [y.entries["cheque_martin"], y.entries["cheque_nativel"]], day=y.day(23, 9),
          today=today)
    y.entry(m, "École", D, y.day(30, 9), "Cotisation et assurance OCCE", CHQ, 250_70,
            [("cotisation", 221_00), ("assurance", 29_70)], cheque_number="0000101")
    # The commune's grant; the school photos bought, then sold to the families.
    y.entry(m, "École", R, y.day(14, 10), "Subvention de fonctionnement", VIR, 600_00, "subventions",
            name="grant", giver=GRANT_GIVER)
    y.entry(m, "École", D, y.day(20, 11), "Photographe scolaire", CB, 310_00, "60700008")
    y.entry(m, "École", R, y.day(5, 12), "Vente des photos de classe", CHQ, 455_00, "70700008",
            cheque_number="1002003")
    y.move(m, MovementKind.DEPOT, "École", y.day(10, 12), 40_00, "Dépôt d'espèces")
    # An advance to CE1A for its outing.
    y.move(m, MovementKind.AVANCE, "École", y.day(15, 1), 150_00, "Avance pour la sortie", to_ledger_id=ledgers["CE1A"])
    y.entry("ce1a", "CE1A", D, y.day(20, 1), "Cinéma", CB, 120_00, "sorties")
    y.entry("ce1a", "CE1A", R, y.day(3, 2), "Vente de gâteaux", ESP, 64_50, "70700008")
    y.entry("ce2b", "CE2B", R, y.day(10, 2), "Don d'une famille", CHQ, 50_00, "dons", cheque_number="4400121")
    y.entry("cm1", "CM1", R, y.day(2, 3), "Participation des familles", ESP, 25_00, "familles")
    y.entry("cm1", "CM1", D, y.day(5, 3), "Fournitures", ESP, 18_00, "fournitures")
    # The whole school's outing: the bus, the families' share.
    y.entry(m, "École", D, y.day(12, 3), "Bus de la sortie", VIR, 480_00, "sorties")
    y.entry(m, "École", R, y.day(20, 3), "Participation des familles à la sortie", CHQ, 180_00, "participation sorties",
            cheque_number="3300917")
    y.entry("ce2b", "CE2B", D, y.day(12, 4), "Fournitures", CB, 45_90, "fournitures")
    y.entry("ce1a", "CE1A", D, y.day(15, 5), "Goûter", ESP, 30_00, "alimentation")
    # The kermesse and its cash, deposited; a durable good; bank fees; CE1A pays back part of its advance.
    y.entry(m, "École", R, y.day(14, 6), "Kermesse", ESP, 312_50, "kermesse")
    y.entry(m, "École", D, y.day(20, 6), "Vidéoprojecteur", CHQ, 399_00, "biens durables", cheque_number="0000102")
    y.move(m, MovementKind.DEPOT, "École", y.day(28, 6), 300_00, "Dépôt de la kermesse")
    y.entry(m, "École", D, y.day(30, 6), "Frais de tenue de compte", PRLV, 12_00, "frais bancaires")
    y.move(m, MovementKind.REMBOURSEMENT, "CE1A", y.day(30, 6), 100_00, "Remboursement de l'avance",
           to_ledger_id=ledgers["École"])
    # A cheque written in late August, cashed in September.
    y.entry(m, "École", D, y.day(25, 8), "Livres de bibliothèque", CHQ, 86_40, "fournitures", name="livres",
            cheque_number=UNCASHED_CHEQUE)
    return y


def full_year(db, today: date | None = None) -> YearEnd:
    """The year, counted, its classes closed, both statements recorded: ready for its CRF."""
    y = record_year(db, today)
    y.count_cash()
    y.close_classes()
    y.count_cash()  # the school's caisse, with the classes' cash
    y.august_statement()
    y.september_statement()
    return y
