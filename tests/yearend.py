"""A realistic school year of a coop, to build in any test's database (year-end, exports, bank import).

Coop 974-300 (École des Filaos): a school ledger and three class ledgers (CE1A, CE2B, CM1),
one mandataire, a teacher per class, two vérificateurs (one a parent). ``record_year`` keeps
its books from 1/09/``year`` to 31/08/``year + 1`` as their people would through the bot
(store/demo.py's ``seed_year_end``, which the sandbox shows too): cash and cheques, the
families' contributions, a commune grant, a school-photo sale, outings, a kermesse, a durable
good, an advance to a class and its partial reimbursement, a remise de chèques, a cheque
(n° 0000103, 86,40 €) not cashed at 31/08. Then, each a step of its own:
``count_cash`` (every caisse at 31/08), ``close_classes`` (/cloture of the three classes),
``august_statement`` (31/08, everything ticked but that cheque) and ``september_statement``
(which ticks it). ``CRF`` below is that year's compte rendu financier, worked out by hand.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlmodel import Session, select

from store import balances, cashcounts, closing, cra, entries, quitus, reconciliation, reports
from store.demo import YEAR_END_PEOPLE, seed_year_end
from store.models import Direction, Entry, Ledger, Means, Statement
from store.people import who_is
from store.years import today_in

# key → (telegram id, first name, last name, role, class ledger)
PEOPLE = YEAR_END_PEOPLE
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
VERIFICATEURS = ("Gilbert Nativel", "Mina Payet")  # their names on their quitus


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
        view = self.act(key, entries.record_entry, self.ledgers[ledger], direction=direction, day=day, label=label,
                        means=means, amount=amount, splits=splits, today=self.today, **extra)  # fmt: skip
        if name:
            self.entries[name] = view.id
        return view

    # ---------------------------------------------------------------- the year's end, step by step

    def count_cash(self) -> None:
        """An arrêté de caisse at 31/08 in every ledger with cash, matching its books."""
        for name, ledger_id in self.ledgers.items():
            key = "mandataire" if name == "École" else name.lower()
            cash = self.act(key, balances.balances, ledger_id, self.year).caisse
            if cash:
                self.act(key, cashcounts.count_cash, ledger_id, day=self.last_day, today=self.today, total=cash)

    def close_classes(self) -> None:
        """/cloture of the three class ledgers, by their teachers."""
        for name in ("CE1A", "CE2B", "CM1"):
            self.act(name.lower(), closing.close_class_ledger, self.ledgers[name], label=CLOSING_LABEL,
                     today=self.today)  # fmt: skip

    def _bank_entries(self, session: Session) -> list[int]:
        return [e.id for e in reconciliation._bank_entries(session, self.coop, self.last_day)]

    def august_statement(self) -> None:
        """The statement of 31/08: every bank line of the year ticked, but cheque 0000103."""
        def record(session):
            ids = [i for i in self._bank_entries(session) if i != self.entries["livres"]]
            reconciliation.record_statement(session, who_is(session, PEOPLE["mandataire"][0]), self.coop, day=self.last_day,
                               balance=AUGUST_STATEMENT, today=self.today, entry_ids=ids)  # fmt: skip
        self.db.run(record)

    def september_statement(self) -> None:
        """A September statement that ticks cheque 0000103, cashed after 31/08."""
        day = min(self.today, date(self.year + 1, 9, 30))
        self.act("mandataire", reconciliation.record_statement, self.coop, day=day, balance=BANQUE, today=self.today,
                 entry_ids=[self.entries["livres"]])  # fmt: skip

    def statement_ids(self) -> list[int]:
        return self.db.run(lambda s: list(s.exec(select(Statement.id).where(Statement.coop_id == self.coop))))

    def live_entries(self) -> int:
        return self.db.run(lambda s: len(s.exec(select(Entry.id).join(Ledger, Ledger.id == Entry.ledger_id).where(
            Ledger.coop_id == self.coop, Entry.cancelled_at.is_(None))).all()))  # fmt: skip


def record_year(db, today: date | None = None) -> YearEnd:
    """Coop 974-300 and its books of the exercice that ended on the last 31 August before ``today``
    (default: today in La Réunion), recorded on ``today`` (store/demo.py's ``seed_year_end``)."""
    books = db.run(seed_year_end, today)
    return YearEnd(db, books.year, today or today_in("Indian/Reunion"), books.coop_id, books.ledgers,
                   dict(books.entries))


def full_year(db, today: date | None = None) -> YearEnd:
    """The year, counted, its classes closed, both statements recorded: ready for its CRF."""
    y = record_year(db, today)
    y.count_cash()
    y.close_classes()
    y.count_cash()  # the school's caisse, with the classes' cash
    y.august_statement()
    y.september_statement()
    return y


def reported_year(database) -> YearEnd:
    """The year, ready, its CRA answered, the quitus asked and given by both vérificateurs."""
    y = full_year(database)
    report_id = y.act("mandataire", reports.open_report, y.coop).report_id
    y.act("mandataire", cra.save_councils, report_id, 4)
    y.act("mandataire", cra.save_actions, report_id, "Rencontres chantantes de l'OCCE")
    y.act("mandataire", cra.save_comments, report_id, "Une belle année de projets.")
    y.act("mandataire", quitus.request_quitus, report_id)
    y.act("verificateur", quitus.give_quitus, report_id, name=VERIFICATEURS[0], parent=False)
    y.act("parent", quitus.give_quitus, report_id, name=VERIFICATEURS[1], parent=True)
    return y
