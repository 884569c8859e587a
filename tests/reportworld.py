"""The demo coop 974-111 with books for the year that ended on the last 31 August, ready for its report:
the school ledger only (class ledgers kept no books that year, so none is left to close), a
statement at 31/08 ticking the bank entries, the caisse counted, and vérificateurs."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, select

from store import balances, cashcounts, entries, reconciliation
from store.models import Coop, Direction, Ledger, Means, Person, Role, RoleKind, Treasury
from store.people import who_is
from store.years import fiscal_year_of, today_in

TODAY = today_in("Indian/Reunion")
YEAR = fiscal_year_of(TODAY) - 1  # the year the report is about
LAST_DAY = date(YEAR + 1, 8, 31)
MARIE = 1001  # the demo's mandataire
# vérificateurs: telegram id → (name, also a signataire?)
HENRI, CLAIRE, SABINE = 4001, 4002, 4003
VERIFICATEURS = {HENRI: ("Henri Fontaine", False), CLAIRE: ("Claire Hoareau", False), SABINE: ("Sabine Lebon", True)}
OPENING_BANQUE, OPENING_CAISSE = 1_000_00, 50_00
FAMILLES, SORTIE, GATEAUX = 300_00, 120_00, 40_00


def coop_and_ledgers(session: Session) -> tuple[Coop, dict[str, Ledger]]:
    coop = session.exec(select(Coop).where(Coop.affiliation == "974-111")).one()
    return coop, {x.name: x for x in session.exec(select(Ledger).where(Ledger.coop_id == coop.id))}


def seed_year(session: Session) -> None:
    """The school ledger's year, recorded by the mandataire as the bot would; and the vérificateurs."""
    coop, ledgers = coop_and_ledgers(session)
    marie, school = who_is(session, MARIE), ledgers["École"].id
    balances.set_opening_balance(session, marie, school, YEAR, banque=OPENING_BANQUE, caisse=OPENING_CAISSE, today=TODAY)
    ids = [entries.record_entry(session, marie, school, direction=direction, day=day, label=label, means=means,
                               amount=amount, splits=account, today=TODAY, **extra).id
           for direction, day, label, means, amount, account, extra in (
               (Direction.RECETTE, date(YEAR, 10, 10), "Participation des familles", Means.VIREMENT, FAMILLES,
                "familles", {}),
               (Direction.DEPENSE, date(YEAR + 1, 3, 15), "Car pour la sortie", Means.CHEQUE, SORTIE, "sorties",
                {"cheque_number": "0000101", "project": "sortiemer"}),
               (Direction.RECETTE, date(YEAR + 1, 5, 20), "Vente de gâteaux", Means.ESPECES, GATEAUX, "ventes", {}),
           )]  # fmt: skip
    reconciliation.record_statement(session, marie, coop.id, day=LAST_DAY, balance=OPENING_BANQUE + FAMILLES - SORTIE,
                                    today=TODAY, entry_ids=ids[:2])  # fmt: skip
    cashcounts.count_cash(session, marie, school, day=LAST_DAY, today=TODAY, total=OPENING_CAISSE + GATEAUX)
    for telegram_id, (name, signataire) in VERIFICATEURS.items():
        person = Person(telegram_id=telegram_id, name=name)
        session.add(person)
        session.flush()
        session.add(Role(person_id=person.id, kind=RoleKind.VERIFICATEUR, coop_id=coop.id))
        if signataire:
            session.add(Role(person_id=person.id, kind=RoleKind.SIGNATAIRE, coop_id=coop.id))


def class_entry(session: Session, name: str = "CE1A") -> None:
    """A class ledger with books that year: it must be closed before the quitus."""
    _, ledgers = coop_and_ledgers(session)
    marie = who_is(session, MARIE)
    balances.set_opening_balance(session, marie, ledgers[name].id, YEAR, banque=100_00, caisse=0, today=TODAY)
    entries.record_entry(session, marie, ledgers[name].id, direction=Direction.DEPENSE,
                        day=date(YEAR + 1, 2, 3), label="Peinture", means=Means.CARTE, amount=10_00,
                        splits="fournitures", treasury=Treasury.BANQUE, today=TODAY)  # fmt: skip
