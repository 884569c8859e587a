"""Paying the AD: a validated membership's fee as a ready-made expense of the school ledger, by cheque."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, select

from store import entries
from store.access import Action, require
from store.adhesion import AdhesionError, _paid, view
from store.audit import record
from store.balances import _balances
from store.books import LABEL_MAX
from store.models import Adhesion, Coop, Department, Direction, Ledger, LedgerKind, Means, Treasury
from store.people import Who
from store.years import today_in


COTISATION_ACCOUNT, ASSURANCE_ACCOUNT = "62810008", "61681008"


@dataclass(frozen=True)
class Payment:
    """The membership's payment as a ready-made expense of the school ledger, by cheque."""

    adhesion_id: int
    year: int
    payee: str  # the AD, as the cheque is made out
    ledger_id: int
    ledger_name: str
    label: str
    cotisation_cents: int
    assurance_cents: int

    @property
    def amount(self) -> int:
        return self.cotisation_cents + self.assurance_cents


def payment(session: Session, who: Who, adhesion_id: int) -> Payment:
    """What paying a validated membership records: the fee split between cotisation and assurance
    (with an adult rate, the adults' rate counts as cotisation: the AD's table gives no split of it)."""
    adhesion = session.get(Adhesion, adhesion_id)
    if adhesion is None:
        raise AdhesionError("not_found")
    require(who, Action.MANAGE_COOP, coop_id=adhesion.coop_id)
    if adhesion.validated_at is None:  # reopened since: the fee may change
        raise AdhesionError("pay_not_validated")
    if _paid(session, adhesion.id):
        raise AdhesionError("paid")
    table = view(session, who, adhesion.coop_id, adhesion.year)
    insured = table.members if table.adult_rate_cents is None else table.pupils
    assurance = insured * table.assurance_cents
    school = session.exec(select(Ledger).where(Ledger.coop_id == adhesion.coop_id,
                                               Ledger.kind == LedgerKind.ECOLE)).first()  # fmt: skip
    department = session.get(Department, table.department_code)
    label = f"Adhésion OCCE {adhesion.year}-{adhesion.year + 1} : cotisation et assurance (à l'ordre de {department.name})"
    return Payment(adhesion.id, adhesion.year, department.name, school.id, school.name, label[:LABEL_MAX],
                   table.fee_cents - assurance, assurance)  # fmt: skip


def pay(session: Session, who: Who, adhesion_id: int, cheque_number: str,
        today: date | None = None) -> entries.Recorded:  # fmt: skip
    """Record the payment by cheque, once, with the school ledger's balances after it; the ledger's rules
    (cheque number, open year) apply."""
    due = payment(session, who, adhesion_id)
    coop = session.get(Coop, session.get(Adhesion, adhesion_id).coop_id)
    today = today or today_in(session.get(Department, coop.department_code).timezone)
    splits = [(code, cents) for code, cents in ((COTISATION_ACCOUNT, due.cotisation_cents),
                                                (ASSURANCE_ACCOUNT, due.assurance_cents)) if cents]  # fmt: skip
    entry = entries.record_entry(session, who, due.ledger_id, direction=Direction.DEPENSE, day=today, label=due.label, treasury=Treasury.BANQUE,
                                 means=Means.CHEQUE, amount=due.amount, splits=splits, today=today,
                                 cheque_number=cheque_number)  # fmt: skip
    record(session, who, "adhesion", adhesion_id, "pay", coop_id=coop.id, after={"entry_id": entry.id})
    return entries.Recorded(entry, _balances(session, session.get(Ledger, due.ledger_id), entry.fiscal_year))
