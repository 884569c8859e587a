"""Internal movements: cash deposits and withdrawals, advances to a class ledger and their reimbursement."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlmodel import Session

from store.access import Action, Forbidden
from store.balances import Balances, _balances
from store.book_years import ledger_report_sent, _check_day, _require_caisse, _require_started, require_warned
from store.books import BANK_MEANS, BETWEEN, chart_of, _check_amount, _clean_cheque_number, EntryView, _insert_entry, _require_ledger, typed_label, _views
from store.entries import bank_after_expense
from store.errors import LedgerError
from store.lookups import LedgerRef, class_pairs, ledgers_for, movement_ledgers
from store.models import Coop, Department, Direction, Ledger, LedgerKind, Means, Movement, MovementKind, Treasury
from store.people import Who
from store.years import fiscal_year_of, today_in


@dataclass(frozen=True)
class MovementWay:
    """/mouvement's kind chosen (and its ledger): the ledgers it may start from and, once one is chosen or is
    the only one, where the money goes from and to, with the balances its amount's question shows."""

    choices: tuple[LedgerRef, ...]
    source: LedgerRef | None = None  # the ledger the money leaves (the school's, for an avance)
    target: LedgerRef | None = None  # avance, remboursement: the ledger it goes to
    balances: tuple[Balances, ...] = ()  # a dépôt's or a retrait's ledger (its amount is asked next)


def movement_way(session: Session, who: Who, kind: MovementKind, ledger_id: int | None = None) -> MovementWay:
    """The ledgers a movement of ``kind`` may start from (movement_ledgers); the one chosen (``ledger_id``, else
    Forbidden), or the only one: a dépôt or a retrait stays in it, with its balances (movement_balances); an
    avance comes from the class's school ledger, a remboursement goes back to it (the treasury is asked next)."""
    kind = MovementKind(kind)
    choices = tuple(movement_ledgers(session, who, kind))
    if ledger_id is None and len(choices) > 1:
        return MovementWay(choices)
    chosen = next((r for r in choices if ledger_id in (None, r.id)), None)
    if chosen is None:
        raise Forbidden(Action.WRITE_LEDGER)
    if kind not in BETWEEN:
        return MovementWay(choices, chosen, balances=movement_balances(session, who, chosen.id))
    school = dict(class_pairs(ledgers_for(session, who, write=True)))[chosen]
    return MovementWay(choices, *((school, chosen) if kind == MovementKind.AVANCE else (chosen, school)))


def movement_balances(session: Session, who: Who, ledger_id: int, to_ledger_id: int | None = None) -> tuple[Balances, ...]:
    """The balances of a movement's ledger (and of ``to_ledger_id``) in the fiscal year of today where its coop is."""
    ledger, coop = _require_ledger(session, who, Action.READ_LEDGER, ledger_id)
    ledgers = [ledger] + ([_require_ledger(session, who, Action.READ_LEDGER, to_ledger_id)[0]] if to_ledger_id else [])
    year = fiscal_year_of(today_in(session.get(Department, coop.department_code).timezone))
    return tuple(_balances(session, x, year) for x in ledgers)


@dataclass(frozen=True)
class MovementView:
    id: int
    kind: MovementKind
    outgoing: EntryView  # the dépense leg
    incoming: EntryView  # the recette leg


def record_movement(session: Session, who: Who, kind: MovementKind, *, ledger_id: int, day: date,
                    amount: int, label: str, today: date, to_ledger_id: int | None = None,
                    from_treasury: Treasury = Treasury.BANQUE, to_treasury: Treasury = Treasury.BANQUE,
                    means: Means | None = None, cheque_number: str | None = None,
                    warned: bool = False) -> MovementView:  # fmt: skip
    """An internal movement, from ``ledger_id`` to ``to_ledger_id``.

    depot (caisse → banque) and retrait (banque → caisse) stay in one ledger (the
    treasuries are implied). avance goes from the school ledger to a class ledger of the
    same coop, remboursement back; each side's treasury is given. ``means`` is the bank
    side's (virement by default, carte for a retrait; a cheque needs its number); cash
    sides are espèces, and so is a deposit's bank side. The label is a typed one (label_letters: one that
    says nothing). Dated in a year whose report is with the AD: refused (report_unconfirmed) unless the
    person was ``warned``."""
    kind = MovementKind(kind)
    source, coop = _require_ledger(session, who, Action.WRITE_LEDGER, ledger_id)
    target, from_treasury, to_treasury = _movement_ends(session, who, kind, source, coop, to_ledger_id,
                                                        Treasury(from_treasury), Treasury(to_treasury))  # fmt: skip
    amount, label = _check_amount(amount), typed_label(label)
    year = _movement_year(session, coop, (source, target), day, today)
    bank_means = Means(means) if means else (Means.CARTE if kind == MovementKind.RETRAIT else Means.VIREMENT)
    if kind == MovementKind.DEPOT:
        bank_means = Means.ESPECES
    elif bank_means not in BANK_MEANS:
        raise LedgerError("means_treasury")
    cheque_number = _clean_cheque_number(bank_means, cheque_number)
    if from_treasury == Treasury.CAISSE:
        _require_caisse(session, source.id, year, day, add=[(day, -amount)])
    require_warned(session, coop.id, year, warned)
    movement = Movement(coop_id=coop.id, kind=kind, created_by=who.person.id)
    session.add(movement)
    session.flush()
    chart = chart_of(session, coop)
    parts = [(chart.movement_account(kind.value).code, amount)]
    legs = []
    for ledger, direction, treasury in ((source, Direction.DEPENSE, from_treasury),
                                        (target, Direction.RECETTE, to_treasury)):  # fmt: skip
        leg_means = Means.ESPECES if treasury == Treasury.CAISSE else bank_means
        legs.append(_insert_entry(
            session, who, ledger, year, parts, day=day, label=label, direction=direction, treasury=treasury,
            means=leg_means, cheque_number=cheque_number if leg_means == Means.CHEQUE else None,
            amount=amount, movement_id=movement.id,
        ))  # fmt: skip
    outgoing, incoming = _views(session, legs, chart)
    return MovementView(movement.id, kind, outgoing, incoming)


def check_movement_day(session: Session, who: Who, ledger_id: int, day: date, *, today: date,
                       to_ledger_id: int | None = None) -> None:  # fmt: skip
    """The LedgerError recording a movement between these ledgers would raise for its date ``day`` (future, a year
    not open, before a ledger's books start, a class ledger closed): the date's step tells it, not the card's ✅."""
    source, coop = _require_ledger(session, who, Action.WRITE_LEDGER, ledger_id)
    target = _require_ledger(session, who, Action.WRITE_LEDGER, to_ledger_id)[0] if to_ledger_id else source
    _movement_year(session, coop, (source, target), day, today)


def _movement_year(session: Session, coop: Coop, ledgers: tuple[Ledger, ...], day: date, today: date) -> int:
    year = _check_day(session, coop.id, day, today)
    for ledger in ledgers:
        _require_started(session, ledger.id, year)
    return year


@dataclass(frozen=True)
class MovementCard:
    """What a movement's card warns of before it is recorded."""

    report_sent: bool  # the year of its day has its report with the AD (as books.ledger_report_sent)
    bank_after: int | None  # the class ledger's banque it takes from, when below zero after it (as bank_after_expense)


def movement_card(session: Session, who: Who, kind: MovementKind, *, ledger_id: int, day: date, amount: int,
                  from_treasury: Treasury = Treasury.BANQUE) -> MovementCard:  # fmt: skip
    """The card's warnings: a withdrawal, or an advance or repayment by bank, takes from ``ledger_id``'s banque
    (a class ledger's may go below zero: not a refusal, as for a dépense)."""
    kind = MovementKind(kind)
    takes_bank = kind == MovementKind.RETRAIT or (kind != MovementKind.DEPOT and Treasury(from_treasury) == Treasury.BANQUE)
    bank_after = bank_after_expense(session, who, ledger_id, day=day, amount=amount) if takes_bank else None
    return MovementCard(ledger_report_sent(session, who, ledger_id, day), bank_after)


@dataclass(frozen=True)
class Moved:
    """A movement just recorded, and the balances after it of the ledgers it moved between (one for a
    deposit or a withdrawal); or, ``refused``, none and their balances of this fiscal year as they stand
    (movement_balances: the amount's question, asked again)."""

    movement: MovementView | None
    balances: tuple[Balances, ...]
    refused: LedgerError | None = None


def record_movement_with_balances(session: Session, who: Who, kind: MovementKind, **fields: Any) -> Moved:
    """record_movement, with the new balances of its ledgers; a refusal (raised before anything is written)
    comes back with their balances as they stand."""
    try:
        moved = record_movement(session, who, kind, **fields)
    except LedgerError as refused:
        return Moved(None, movement_balances(session, who, fields["ledger_id"], fields.get("to_ledger_id")), refused)
    ledger_ids = dict.fromkeys(leg.ledger_id for leg in (moved.outgoing, moved.incoming))
    year = moved.outgoing.fiscal_year
    return Moved(moved, tuple(_balances(session, session.get(Ledger, i), year) for i in ledger_ids))


def _movement_ends(session: Session, who: Who, kind: MovementKind, source: Ledger, coop: Coop,
                   to_ledger_id: int | None, from_treasury: Treasury,
                   to_treasury: Treasury) -> tuple[Ledger, Treasury, Treasury]:  # fmt: skip
    if kind in (MovementKind.DEPOT, MovementKind.RETRAIT):
        if to_ledger_id not in (None, source.id):
            raise LedgerError("wrong_ledgers")
        ends = (Treasury.CAISSE, Treasury.BANQUE)
        return source, *(ends if kind == MovementKind.DEPOT else ends[::-1])
    target, target_coop = _require_ledger(session, who, Action.WRITE_LEDGER, to_ledger_id)
    wanted = (LedgerKind.ECOLE, LedgerKind.CLASSE)
    if kind == MovementKind.REMBOURSEMENT:
        wanted = wanted[::-1]
    if target_coop.id != coop.id or (source.kind, target.kind) != wanted:
        raise LedgerError("wrong_ledgers")
    return target, from_treasury, to_treasury
