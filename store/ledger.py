"""Day-to-day bookkeeping of the cahiers: entries, internal movements, balances, the
journal, receipts, opening balances, bank reconciliation, cash counts, projects, the
inventory register and the closing of a fiscal year.

Rules live here, sentences do not: a refusal is a ``LedgerError`` whose ``reason`` is
a code, with the values the bot needs to explain it (``caisse``, ``account``…). Every
function takes the session first and ``who`` second and asks store.access before
anything else. Amounts are positive int cents; the direction gives the sign. Dates are
plain dates; ``today`` is the caller's, computed in the department's timezone
(store.years.today_in).

Design choices:

- An internal movement (cash deposit, withdrawal, advance from the school ledger to a
  class ledger and its reimbursement) is a ``Movement`` and two entries: an outgoing
  dépense and an incoming recette, both on the internal (class 5) account of the chart
  for that kind. Each ledger's banque and caisse thus stay plain sums, and internal
  movements net to zero across the coop. Each leg takes a pièce number of its ledger
  (a cash deposit takes two: one per treasury). A movement is cancelled as a whole and
  is not edited (cancel it and record it again).
- Per ledger: report à nouveau + résultat + internal = banque + caisse, where résultat
  = produits − charges and ``internal`` is the net of the movements the ledger received
  (0 for a ledger that only moved cash between its own banque and caisse, and 0 for the
  coop as a whole, where the equality is the CRF's: report à nouveau + résultat =
  banque + caisse).
- Pièce numbers: the highest of the ledger, fiscal year and prefix, plus one; cancelled
  entries keep theirs. The department's numbering when the entry is made chooses the
  prefix ('' for 'single', 'D' or 'R' for 'dr'). The ledger row is locked before any
  check of a write (PostgreSQL; SQLite write transactions begin IMMEDIATE), and the
  database refuses a duplicate.
- The caisse may never go below zero: its running balance, day after day (a day's
  recettes before its dépenses), is checked before any change that touches it.
- Report à nouveau: a ledger's opening balance is set once, for the first year it is
  kept here; every later year opens with the previous year's final banque and caisse,
  computed (so the new year's caisse can be spent in September while last year is still
  being finished, and a late change to last year's caisse is checked against this
  year's too).
- Open years: the fiscal year of ``today`` and the previous one, unless closed. Nothing
  dated in a closed year changes: entries, splits, receipts, opening balances, cash
  counts, statements and their ticks; the next year's report à nouveau is thus settled.
- The bank reconciliation is per coop (one bank account, at the AD's bank, for the
  school and its classes): see ``Reconciliation``.
- The inventory register is derived from the splits on the chart's inventory accounts
  (68000008 biens durables), so edits and cancellations show in it.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import case, func
from sqlalchemy.orm import aliased
from sqlmodel import Session, select

from store import audit
from store.access import Action, Forbidden, may, require
from store.accounts import DEFAULT_CHART, Account, AccountClass, Chart, load_chart, normalise
from store.models import (
    CashCount, ChequeDeposit, Coop, Department, DepositedCheque, Direction, Entry, Ledger, LedgerClosing, LedgerKind,
    Means, Movement, MovementKind, OpeningBalance, PieceNumbering, Receipt, Split, Statement, Tick, Treasury, YearClosing,
    utcnow,
)  # fmt: skip
from store.money import MAX_CENTS
from store.people import Who
from store.text import plain
from store.years import fiscal_year_bounds, fiscal_year_of, today_in

LABEL_MAX = 120
GIVER_MAX = 120
JOURNAL_LIMIT_MAX = 50
DENOMINATIONS = (50000, 20000, 10000, 5000, 2000, 1000, 500, 200, 100, 50, 20, 10, 5, 2, 1)
_CHEQUE_NUMBER = re.compile(r"\d{1,12}")
_PROJECT = re.compile(r"[a-z0-9-]{1,32}")
BANK_MEANS = (Means.CHEQUE, Means.CARTE, Means.VIREMENT, Means.PRELEVEMENT)
BETWEEN = (MovementKind.AVANCE, MovementKind.REMBOURSEMENT)  # between the school ledger and a class ledger


class LedgerError(Exception):
    """Why a bookkeeping action is refused. (A coop, ledger, entry or statement that does not
    exist is refused as Forbidden, like one that is not yours: ids reveal nothing.) ``reason`` is one of:

    amount_not_positive, amount_too_large, label_length, project_invalid;
    future, year_not_open (year), closed_year (year), other_year (an edit leaving its year);
    means_treasury (caisse ⇔ espèces), cheque_number_required, cheque_number_invalid;
    no_split, split_not_positive, unknown_account (account), wrong_class (account),
    splits_mismatch (difference = amount − sum of the parts);
    caisse_negative (caisse: the most a dépense that day could take, before the change;
    for an opening balance, minimum: the smallest opening caisse that keeps it ≥ 0);
    cancelled, ticked (a ticked entry keeps its date, amount, treasury and means), deposited (so does a
    cheque on a remise, and it is not cancelled),
    movement (a movement leg is not edited), wrong_ledgers;
    carried_forward (the ledger has books of an earlier year: its opening is their final
    balance), before_opening (dated before the ledger's first opening balance),
    already_closed, year_not_ended;
    statement_exists (statement_id), not_bank_entry (entry_id), already_ticked (entry_id),
    after_statement (entry_id);
    count_missing (give coins or a total), count_negative, denomination (value);
    receipt_invalid (field); month; page; giver_required, giver_length (a recette on a grant account);
    ledger_closed (ledger, year: the class ledger was closed for that year by /cloture);
    no_cheque, not_to_deposit (entry_id: not a live cheque received, or already deposited or ticked),
    after_deposit (entry_id: received after the slip's date).
    """

    def __init__(self, reason: str, **details: Any):
        super().__init__(f"{reason} {details}" if details else reason)
        self.reason = reason
        self.details = details

    def __getattr__(self, name: str) -> Any:
        try:
            return self.__dict__["details"][name]
        except KeyError:
            raise AttributeError(name) from None


class _Unchanged:
    def __repr__(self) -> str:
        return "UNCHANGED"


UNCHANGED: Any = _Unchanged()  # edit_entry: leave this field as it is


# ---------------------------------------------------------------- results


@dataclass(frozen=True)
class SplitView:
    account_code: str
    account_label: str  # from the chart; the code itself if the chart no longer has it
    amount: int


@dataclass(frozen=True)
class ReceiptView:
    id: int
    entry_id: int
    file_id: str
    file_unique_id: str
    path: str
    mime_type: str
    size: int
    attached_at: datetime


@dataclass(frozen=True)
class EntryView:
    id: int
    ledger_id: int
    ledger_name: str
    fiscal_year: int
    piece: str  # '12', or 'D3' / 'R7'
    day: date
    label: str
    direction: Direction
    treasury: Treasury
    means: Means
    cheque_number: str | None
    amount: int
    splits: tuple[SplitView, ...]
    project: str | None = None
    movement_id: int | None = None
    movement_kind: MovementKind | None = None
    partner_entry_id: int | None = None  # the other leg of the movement
    partner_ledger_name: str | None = None
    partner_treasury: Treasury | None = None
    cancelled: bool = False
    statement_id: int | None = None  # ticked on this bank statement…
    ticked_on: date | None = None  # …dated so
    receipts: tuple[ReceiptView, ...] = ()
    deposit_id: int | None = None  # a cheque received, on this remise de chèques…
    deposit_number: int | None = None  # …numbered so
    giver: str | None = None  # a grant's giver (commune, département…)

    @property
    def signed(self) -> int:
        return self.amount if self.direction == Direction.RECETTE else -self.amount

    @property
    def is_movement(self) -> bool:
        return self.movement_id is not None

    @property
    def uncashed_cheque(self) -> bool:
        return (self.direction == Direction.DEPENSE and self.means == Means.CHEQUE
                and self.treasury == Treasury.BANQUE and not self.cancelled and self.statement_id is None)  # fmt: skip


@dataclass(frozen=True)
class MovementView:
    id: int
    kind: MovementKind
    outgoing: EntryView  # the dépense leg
    incoming: EntryView  # the recette leg


@dataclass(frozen=True)
class JournalPage:
    entries: tuple[EntryView, ...]  # latest first, cancelled ones included (and flagged)
    total: int
    offset: int
    limit: int
    running: tuple[int, ...] = ()  # banque + caisse after each entry, in the journal's scope

    @property
    def has_more(self) -> bool:
        return self.offset + len(self.entries) < self.total


@dataclass(frozen=True)
class Balances:
    """One ledger in one fiscal year (cancelled entries left out)."""

    ledger_id: int
    ledger_name: str
    ledger_kind: LedgerKind
    fiscal_year: int
    opening_banque: int
    opening_caisse: int
    banque: int
    caisse: int
    charges: int  # dépenses, internal movements excluded
    produits: int  # recettes, internal movements excluded
    internal: int  # net of internal movements received (+) or given (−)
    uncashed_cheques: int  # cheques issued (this year or before) and not yet ticked
    uncashed_count: int
    undeposited_cheques: int = 0  # cheques received (this year or before) not yet on a remise
    undeposited_count: int = 0

    @property
    def total(self) -> int:
        return self.banque + self.caisse

    @property
    def opening(self) -> int:
        return self.opening_banque + self.opening_caisse

    @property
    def resultat(self) -> int:
        return self.produits - self.charges


@dataclass(frozen=True)
class CoopBalances:
    """The whole coop, consolidated: internal movements net to zero."""

    coop_id: int
    fiscal_year: int
    ledgers: tuple[Balances, ...]  # the school's first, then the classes by name

    def _sum(self, name: str) -> int:
        return sum(getattr(b, name) for b in self.ledgers)

    opening_banque = property(lambda self: self._sum("opening_banque"))
    opening_caisse = property(lambda self: self._sum("opening_caisse"))
    opening = property(lambda self: self._sum("opening"))
    banque = property(lambda self: self._sum("banque"))
    caisse = property(lambda self: self._sum("caisse"))
    total = property(lambda self: self._sum("total"))
    charges = property(lambda self: self._sum("charges"))
    produits = property(lambda self: self._sum("produits"))
    resultat = property(lambda self: self._sum("resultat"))
    internal = property(lambda self: self._sum("internal"))
    undeposited_cheques = property(lambda self: self._sum("undeposited_cheques"))
    undeposited_count = property(lambda self: self._sum("undeposited_count"))
    uncashed_cheques = property(lambda self: self._sum("uncashed_cheques"))
    uncashed_count = property(lambda self: self._sum("uncashed_count"))


@dataclass(frozen=True)
class Reconciliation:
    """A bank statement and the coop's books on its date (rapprochement bancaire).

    expected = book banque + outstanding dépenses (cheques issued not yet cashed…) −
    outstanding recettes (deposits not yet credited): what the bank should show.
    difference = statement balance − expected. Nothing ticked yet, it is the statement
    balance − (opening banque + bank movements ticked so far); ticking the entries the
    statement shows brings it to zero, the success state (``balanced``).
    """

    statement_id: int
    coop_id: int
    day: date
    statement_balance: int
    book_banque: int  # all the coop's ledgers, on that day
    outstanding_debits: int  # unticked bank dépenses up to that day, positive
    outstanding_credits: int  # unticked bank recettes up to that day
    ticked: tuple[EntryView, ...]  # ticked on this statement
    outstanding: tuple[EntryView, ...]  # bank entries up to that day still to tick, by date

    @property
    def expected(self) -> int:
        return self.book_banque + self.outstanding_debits - self.outstanding_credits

    @property
    def difference(self) -> int:
        return self.statement_balance - self.expected

    @property
    def balanced(self) -> bool:
        return self.difference == 0


@dataclass(frozen=True)
class StatementView:
    id: int
    day: date
    balance: int
    ticked_count: int


@dataclass(frozen=True)
class CashCountView:
    id: int
    ledger_id: int
    ledger_name: str
    day: date
    counted: int
    book: int  # the caisse's book balance at the end of that day
    denominations: tuple[tuple[int, int], ...]  # (cents, how many), largest first; () if a total

    @property
    def difference(self) -> int:
        return self.counted - self.book

    @property
    def matches(self) -> bool:
        return self.counted == self.book


@dataclass(frozen=True)
class ProjectSummary:
    project: str
    receipts: int
    expenses: int
    entries: int

    @property
    def balance(self) -> int:
        return self.receipts - self.expenses


@dataclass(frozen=True)
class InventoryItem:
    entry_id: int
    ledger_id: int
    ledger_name: str
    day: date
    piece: str
    label: str
    account_code: str
    value: int


# ---------------------------------------------------------------- lookups and access


def _coop(session: Session, coop_id: int | None, action: Action = Action.READ_LEDGER) -> Coop:
    """The coop; one that does not exist is refused like someone else's (nothing to learn from ids)."""
    coop = session.get(Coop, coop_id) if coop_id is not None else None
    if coop is None:
        raise Forbidden(action)
    return coop


def _require_coop(session: Session, who: Who, action: Action, coop_id: int) -> Coop:
    """The coop, if ``who`` may do ``action`` there; anything but reading locks its row (PostgreSQL)
    until the transaction ends: a statement's day, a year's closing are checked, then written."""
    coop = _coop(session, coop_id, action)
    require(who, action, coop_id=coop.id, department_code=coop.department_code)
    if action != Action.READ_LEDGER:
        session.exec(select(Coop.id).where(Coop.id == coop.id).with_for_update()).one()
    return coop


def _require_ledger(session: Session, who: Who, action: Action, ledger_id: int | None) -> tuple[Ledger, Coop]:
    """The ledger and its coop, if ``who`` may do ``action`` there. Writing locks the ledger row
    until the transaction ends (PostgreSQL), so that what is checked next (the caisse, the
    next pièce number) cannot change before the write: concurrent writers take turns."""
    ledger = None
    if ledger_id is not None:
        query = select(Ledger).where(Ledger.id == ledger_id)
        ledger = session.exec(query.with_for_update() if action == Action.WRITE_LEDGER else query).first()
    if ledger is None:
        raise Forbidden(action)
    coop = session.get(Coop, ledger.coop_id)
    require(who, action, coop_id=coop.id, department_code=coop.department_code, ledger_id=ledger.id)
    return ledger, coop


def _require_entry(session: Session, who: Who, action: Action, entry_id: int) -> tuple[Entry, Ledger, Coop]:
    entry = session.get(Entry, entry_id) if entry_id is not None else None
    if entry is None:
        raise Forbidden(action)
    ledger, coop = _require_ledger(session, who, action, entry.ledger_id)
    return entry, ledger, coop


def chart_of(session: Session, coop: Coop) -> Chart:
    """The chart of accounts of the coop's department."""
    department = session.get(Department, coop.department_code)
    return load_chart(department.chart if department and department.chart else DEFAULT_CHART)


def accounts_for(session: Session, who: Who, ledger_id: int, direction: Direction) -> tuple[Account, ...]:
    """The accounts an entry of that direction may use, in the chart's order."""
    _, coop = _require_ledger(session, who, Action.READ_LEDGER, ledger_id)
    return chart_of(session, coop).of_class(_class_for(Direction(direction)))


def _class_for(direction: Direction) -> AccountClass:
    return AccountClass.CHARGE if direction == Direction.DEPENSE else AccountClass.PRODUIT


# ---------------------------------------------------------------- years


def is_closed(session: Session, coop_id: int, year: int) -> bool:
    return session.exec(select(YearClosing.id).where(YearClosing.coop_id == coop_id,
                                                     YearClosing.fiscal_year == year)).first() is not None  # fmt: skip


def open_years(session: Session, who: Who, ledger_id: int, today: date) -> tuple[int, ...]:
    """The fiscal years entries may be dated in, latest first."""
    _, coop = _require_ledger(session, who, Action.READ_LEDGER, ledger_id)
    return _open_years(session, coop.id, today)


def _open_years(session: Session, coop_id: int, today: date) -> tuple[int, ...]:
    current = fiscal_year_of(today)
    return tuple(y for y in (current, current - 1) if not is_closed(session, coop_id, y))


def _require_open_year(session: Session, coop_id: int, year: int, today: date) -> None:
    if is_closed(session, coop_id, year):
        raise LedgerError("closed_year", year=year)
    current = fiscal_year_of(today)
    if year > current:
        raise LedgerError("future")
    if year < current - 1:
        raise LedgerError("year_not_open", year=year)


def _check_day(session: Session, coop_id: int, day: date, today: date) -> int:
    """The fiscal year of ``day``, if an entry may be dated so."""
    if not isinstance(day, date) or isinstance(day, datetime):
        raise TypeError("day must be a date")
    if day > today:
        raise LedgerError("future")
    year = fiscal_year_of(day)
    _require_open_year(session, coop_id, year, today)
    return year


# ---------------------------------------------------------------- field rules


def _check_cents(value: int) -> int:
    if type(value) is not int:
        raise TypeError("amounts are int cents")
    return value


def _check_amount(amount: int) -> int:
    if _check_cents(amount) <= 0:
        raise LedgerError("amount_not_positive")
    if amount > MAX_CENTS:
        raise LedgerError("amount_too_large")
    return amount


def _clean_label(label: str) -> str:
    cleaned = " ".join(plain(label or "").split())
    if not 1 <= len(cleaned) <= LABEL_MAX:
        raise LedgerError("label_length")
    return cleaned


def _clean_cheque_number(means: Means, number: str | None) -> str | None:
    if means != Means.CHEQUE:
        return None
    cleaned = "".join(str(number or "").split())
    if not cleaned:
        raise LedgerError("cheque_number_required")
    if not _CHEQUE_NUMBER.fullmatch(cleaned):
        raise LedgerError("cheque_number_invalid")
    return cleaned


def clean_giver(chart: Chart, direction: Direction, parts: Sequence[tuple[str, int]], giver: str | None) -> str | None:
    """A grant's giver (the CRF's tableau des subventions): required on a recette to a grant account, else None."""
    if direction != Direction.RECETTE or not set(chart.grant_codes()) & {code for code, _ in parts}:
        return None
    cleaned = " ".join(plain(giver or "").split())
    if not cleaned:
        raise LedgerError("giver_required")
    if len(cleaned) > GIVER_MAX:
        raise LedgerError("giver_length")
    return cleaned


def treasury_of(means: Means) -> Treasury:
    """Where money paid by ``means`` is kept: espèces in the caisse, everything else at the banque."""
    return Treasury.CAISSE if Means(means) == Means.ESPECES else Treasury.BANQUE


def _check_means(treasury: Treasury, means: Means) -> None:
    """Cash is the caisse's only means, and the caisse's only means is cash."""
    if (treasury == Treasury.CAISSE) != (means == Means.ESPECES):
        raise LedgerError("means_treasury")


def clean_project(project: str | None) -> str | None:
    """'Classe verte' → 'classeverte'; '' or None → no project."""
    if project is None:
        return None
    tag = re.sub(r"[\s_]+", "", normalise(project))
    if not tag:
        return None
    if not _PROJECT.fullmatch(tag):
        raise LedgerError("project_invalid")
    return tag


def _resolve_splits(chart: Chart, direction: Direction, amount: int,
                    splits: Sequence[tuple[str, int]] | str | None) -> list[tuple[str, int]]:  # fmt: skip
    """The ventilation as (account code, cents), one part per account, adding up to the amount.

    ``splits`` holds (code or alias, cents) pairs, or one account's code or alias for the
    whole amount."""
    if isinstance(splits, str):
        splits = [(splits, amount)]
    if not splits:
        raise LedgerError("no_split")
    wanted = _class_for(direction)
    merged: dict[str, int] = {}
    for typed, part in splits:
        if _check_cents(part) <= 0:
            raise LedgerError("split_not_positive")
        account = chart.lookup(str(typed), wanted)
        if account is None:
            reason = "wrong_class" if chart.lookup(str(typed)) else "unknown_account"
            raise LedgerError(reason, account=str(typed))
        merged[account.code] = merged.get(account.code, 0) + part
    total = sum(merged.values())
    if total != amount:
        raise LedgerError("splits_mismatch", difference=amount - total)
    return list(merged.items())


# ---------------------------------------------------------------- report à nouveau and the caisse


def _opening_amounts(session: Session, ledger_id: int, year: int) -> tuple[int, int]:
    """Banque and caisse on 1 September of ``year``: the ledger's first opening balance
    (if set, that year or before) plus every live entry since, up to the previous year."""
    row = session.exec(select(OpeningBalance).where(OpeningBalance.ledger_id == ledger_id,
                                                    OpeningBalance.fiscal_year <= year)
                       .order_by(OpeningBalance.fiscal_year.desc())).first()  # fmt: skip
    sums = {Treasury.BANQUE: row.banque if row else 0, Treasury.CAISSE: row.caisse if row else 0}
    if row is not None and row.fiscal_year == year:
        return sums[Treasury.BANQUE], sums[Treasury.CAISSE]
    conditions = [Entry.ledger_id == ledger_id, Entry.fiscal_year < year, Entry.cancelled_at.is_(None)]
    if row is not None:
        conditions.append(Entry.fiscal_year >= row.fiscal_year)
    signed = case((Entry.direction == Direction.RECETTE, Entry.amount), else_=-Entry.amount)
    for treasury, total in session.exec(select(Entry.treasury, func.sum(signed)).where(*conditions)
                                        .group_by(Entry.treasury)):  # fmt: skip
        sums[Treasury(treasury)] += int(total)
    return sums[Treasury.BANQUE], sums[Treasury.CAISSE]


def _has_opening(session: Session, ledger_id: int, year: int) -> bool:
    return session.exec(select(OpeningBalance.id).where(OpeningBalance.ledger_id == ledger_id,
                                                        OpeningBalance.fiscal_year == year)).first() is not None  # fmt: skip


def _require_started(session: Session, ledger_id: int, year: int) -> None:
    """A ledger's books start with its first opening balance: nothing is dated before it
    (nor in a year the ledger was closed for)."""
    if session.exec(select(OpeningBalance.id).where(OpeningBalance.ledger_id == ledger_id,
                                                    OpeningBalance.fiscal_year > year)).first():  # fmt: skip
        raise LedgerError("before_opening")
    _require_ledger_open(session, ledger_id, year)


def _require_ledger_open(session: Session, ledger_id: int, year: int) -> None:
    """A class ledger closed for a year (store/closing.py) takes no change dated in it."""
    if session.exec(select(LedgerClosing.id).where(LedgerClosing.ledger_id == ledger_id,
                                                   LedgerClosing.fiscal_year == year)).first():  # fmt: skip
        raise LedgerError("ledger_closed", ledger=session.get(Ledger, ledger_id).name, year=year)


def _caisse_rows(session: Session, ledger_id: int, year: int) -> list[tuple[int, date, int]]:
    """(entry id, day, signed amount) of the caisse's live entries in that year."""
    rows = session.exec(select(Entry.id, Entry.day, Entry.direction, Entry.amount).where(
        Entry.ledger_id == ledger_id, Entry.fiscal_year == year, Entry.treasury == Treasury.CAISSE,
        Entry.cancelled_at.is_(None))).all()  # fmt: skip
    return [(i, d, a if direction == Direction.RECETTE else -a) for i, d, direction, a in rows]


def _order(row: tuple[date, int]) -> tuple[date, int]:
    return row[0], 0 if row[1] > 0 else 1  # a day's recettes before its dépenses


def _lowest(opening: int, rows: Iterable[tuple[date, int]]) -> int:
    balance = low = opening
    for _, signed in sorted(rows, key=_order):
        balance += signed
        low = min(low, balance)
    return low


def _available(opening: int, rows: Iterable[tuple[date, int]], day: date) -> int:
    """The most a dépense dated ``day`` could take from the caisse, within its year."""
    balance, low = opening, None
    for row in sorted(rows, key=_order):
        if low is None and _order(row) >= (day, 1):
            low = balance
        balance += row[1]
        if low is not None:
            low = min(low, balance)
    return balance if low is None else low


def _caisse_lows(session: Session, ledger_id: int, year: int, *, remove: Iterable[int] = (),
                 add: Iterable[tuple[date, int]] = (), opening_delta: int = 0) -> list[tuple[int, int]]:  # fmt: skip
    """The lowest running balance of the caisse, before and after a change, in ``year`` and
    in the next year, whose opening carries this one's final balance over."""
    removed, add = set(remove), list(add)
    opening = _opening_amounts(session, ledger_id, year)[1]
    current = _caisse_rows(session, ledger_id, year)
    before = [(d, s) for _, d, s in current]
    after = [(d, s) for i, d, s in current if i not in removed] + add
    lows = [(_lowest(opening, before), _lowest(opening + opening_delta, after))]
    following = [(d, s) for _, d, s in _caisse_rows(session, ledger_id, year + 1)]
    if following and not _has_opening(session, ledger_id, year + 1):
        shift = opening_delta + sum(s for _, s in after) - sum(s for _, s in before)
        carried = _opening_amounts(session, ledger_id, year + 1)[1]
        lows.append((_lowest(carried, following), _lowest(carried + shift, following)))
    return lows


def _worse(lows: list[tuple[int, int]]) -> bool:
    """Below zero, and lower than it already was (old books are not blamed on a new change)."""
    return any(after < 0 and after < before for before, after in lows)


def _require_caisse(session: Session, ledger_id: int, year: int, day: date, *,
                    remove: Iterable[int] = (), add: Iterable[tuple[date, int]] = ()) -> None:  # fmt: skip
    """Refuse a change that would take the caisse below zero on some day."""
    remove = list(remove)
    if _worse(_caisse_lows(session, ledger_id, year, remove=remove, add=add)):
        opening = _opening_amounts(session, ledger_id, year)[1]
        kept = [(d, s) for i, d, s in _caisse_rows(session, ledger_id, year) if i not in remove]
        available = _available(opening, kept, day)
        for _, after in _caisse_lows(session, ledger_id, year, remove=remove)[1:]:
            available = min(available, after)
        raise LedgerError("caisse_negative", caisse=available)


def _caisse_on(session: Session, ledger_id: int, day: date) -> int:
    year = fiscal_year_of(day)
    opening = _opening_amounts(session, ledger_id, year)[1]
    return opening + sum(s for _, d, s in _caisse_rows(session, ledger_id, year) if d <= day)


# ---------------------------------------------------------------- entries: reading


def _piece(entry: Entry) -> str:
    return f"{entry.piece_prefix}{entry.piece_number}"


def _parts(session: Session, entry_id: int) -> list[tuple[str, int]]:
    return [(s.account_code, s.amount) for s in
            session.exec(select(Split).where(Split.entry_id == entry_id).order_by(Split.id))]  # fmt: skip


def _snapshot(entry: Entry, parts: list[tuple[str, int]]) -> dict[str, Any]:
    """What the audit trail keeps of an entry."""
    return {
        "ledger_id": entry.ledger_id, "fiscal_year": entry.fiscal_year, "piece": _piece(entry),
        "day": entry.day, "label": entry.label, "direction": entry.direction.value,
        "treasury": entry.treasury.value, "means": entry.means.value,
        "cheque_number": entry.cheque_number, "amount": entry.amount, "project": entry.project,
        "movement_id": entry.movement_id, "splits": [[code, cents] for code, cents in parts],
        "cancelled": entry.cancelled_at is not None, **({"giver": entry.giver} if entry.giver else {}),
    }  # fmt: skip


def _views(session: Session, entries: Sequence[Entry], chart: Chart) -> list[EntryView]:
    """Entries as the bot shows them, with their splits, receipts, tick and movement partner."""
    ids = [e.id for e in entries]
    if not ids:
        return []
    splits, receipts = defaultdict(list), defaultdict(list)
    for split in session.exec(select(Split).where(Split.entry_id.in_(ids)).order_by(Split.id)):
        account = chart.get(split.account_code)
        splits[split.entry_id].append(
            SplitView(split.account_code, account.label if account else split.account_code, split.amount))
    for r in session.exec(select(Receipt).where(Receipt.entry_id.in_(ids)).order_by(Receipt.id)):
        receipts[r.entry_id].append(ReceiptView(r.id, r.entry_id, r.file_id, r.file_unique_id, r.path,
                                                r.mime_type, r.size, r.attached_at))  # fmt: skip
    ticks = {t.entry_id: (s.id, s.day) for t, s in session.exec(
        select(Tick, Statement).join(Statement, Tick.statement_id == Statement.id).where(Tick.entry_id.in_(ids)))}
    movement_ids = {e.movement_id for e in entries if e.movement_id is not None}
    kinds, legs = {}, defaultdict(list)
    if movement_ids:
        kinds = {m.id: m.kind for m in session.exec(select(Movement).where(Movement.id.in_(movement_ids)))}
        for leg, name in session.exec(select(Entry, Ledger.name).join(Ledger, Entry.ledger_id == Ledger.id)
                                      .where(Entry.movement_id.in_(movement_ids))):  # fmt: skip
            legs[leg.movement_id].append((leg.id, name, leg.treasury))
    deposits = {d.entry_id: (c.id, c.number) for d, c in session.exec(
        select(DepositedCheque, ChequeDeposit).join(ChequeDeposit, DepositedCheque.deposit_id == ChequeDeposit.id)
        .where(DepositedCheque.entry_id.in_(ids)))}  # fmt: skip
    names = {i: n for i, n in session.exec(select(Ledger.id, Ledger.name).where(
        Ledger.id.in_({e.ledger_id for e in entries})))}  # fmt: skip
    views = []
    for e in entries:
        partner = next((p for p in legs.get(e.movement_id, []) if p[0] != e.id), (None, None, None))
        statement_id, ticked_on = ticks.get(e.id, (None, None))
        views.append(EntryView(
            id=e.id, ledger_id=e.ledger_id, ledger_name=names[e.ledger_id], fiscal_year=e.fiscal_year,
            piece=_piece(e), day=e.day, label=e.label, direction=e.direction, treasury=e.treasury,
            means=e.means, cheque_number=e.cheque_number, amount=e.amount, splits=tuple(splits[e.id]),
            project=e.project, movement_id=e.movement_id, movement_kind=kinds.get(e.movement_id),
            partner_entry_id=partner[0], partner_ledger_name=partner[1], partner_treasury=partner[2],
            cancelled=e.cancelled_at is not None, statement_id=statement_id, ticked_on=ticked_on,
            receipts=tuple(receipts[e.id]), deposit_id=deposits.get(e.id, (None, None))[0],
            deposit_number=deposits.get(e.id, (None, None))[1], giver=e.giver,
        ))  # fmt: skip
    return views


def get_entry(session: Session, who: Who, entry_id: int) -> EntryView:
    """One entry, with its ventilation, receipts and whether it is ticked or cancelled."""
    entry, _, coop = _require_entry(session, who, Action.READ_LEDGER, entry_id)
    return _views(session, [entry], chart_of(session, coop))[0]


def entry_history(session: Session, who: Who, entry_id: int) -> tuple[audit.AuditView, ...]:
    """The entry's audit trail, oldest first: who created, edited, cancelled it, when, before/after."""
    _require_entry(session, who, Action.READ_LEDGER, entry_id)
    return audit.events(session, "entry", entry_id)


def journal(session: Session, who: Who, ledger_id: int | None, year: int, *, month: int | None = None,
            offset: int = 0, limit: int = 10, coop_id: int | None = None, word: str | None = None,
            amount: int | None = None) -> JournalPage:  # fmt: skip
    """A ledger's entries of a fiscal year, latest first, or (``ledger_id`` None) the whole coop's
    ``coop_id``, for those who read the coop. ``month`` (1–12) within that year; ``word`` in the
    label or project, or ``amount`` (cents), to search. A movement whose two legs are both in view
    (a cash deposit in a ledger, an advance in the coop's journal) shows once, by its recette leg."""
    if ledger_id is None:
        coop = _require_coop(session, who, Action.READ_COOP, coop_id)
        scope = [x.id for x in _coop_ledgers(session, coop.id)]
    else:
        ledger, coop = _require_ledger(session, who, Action.READ_LEDGER, ledger_id)
        scope = [ledger.id]
    if offset < 0 or not 1 <= limit <= JOURNAL_LIMIT_MAX:
        raise LedgerError("page")
    leg, partner = aliased(Entry), aliased(Entry)
    merged = select(leg.id).join(partner, (partner.movement_id == leg.movement_id) & (partner.id != leg.id)).where(
        leg.direction == Direction.DEPENSE, leg.ledger_id.in_(scope), partner.ledger_id.in_(scope))
    conditions = [Entry.ledger_id.in_(scope), Entry.fiscal_year == year, Entry.id.not_in(merged)]
    if month is not None:
        if not 1 <= month <= 12:
            raise LedgerError("month")
        first = date(year if month >= 9 else year + 1, month, 1)
        after = date(first.year + first.month // 12, first.month % 12 + 1, 1)
        conditions += [Entry.day >= first, Entry.day < after]
    word = " ".join(plain(word or "").split()).lower()  # PostgreSQL refuses NUL even in a WHERE
    if word:
        conditions.append(func.lower(Entry.label).contains(word, autoescape=True)
                          | func.lower(func.coalesce(Entry.project, "")).contains(word, autoescape=True))
    if amount is not None:
        conditions.append(Entry.amount == amount)
    total = session.exec(select(func.count(Entry.id)).where(*conditions)).one()
    entries = session.exec(select(Entry).where(*conditions).order_by(Entry.day.desc(), Entry.id.desc())
                           .offset(offset).limit(limit)).all()  # fmt: skip
    after_each = _running(session, scope, year)
    return JournalPage(tuple(_views(session, entries, chart_of(session, coop))), total, offset, limit,
                       tuple(after_each[e.id] for e in entries))  # fmt: skip


def journal_page(session: Session, who: Who, ledger_id: int | None, year: int, *, years_of: int,
                 **criteria: Any) -> tuple[JournalPage, tuple[int, ...]]:  # fmt: skip
    """A page of ``journal`` and the years still open in the coop of ledger ``years_of`` (its buttons)."""
    _, coop = _require_ledger(session, who, Action.READ_LEDGER, years_of)
    today = today_in(session.get(Department, coop.department_code).timezone)
    return journal(session, who, ledger_id, year, **criteria), _open_years(session, coop.id, today)


def _running(session: Session, ledger_ids: list[int], year: int) -> dict[int, int]:
    """Entry id → banque + caisse of these ledgers once it is booked (a cancelled entry adds nothing)."""
    balance = sum(sum(_opening_amounts(session, i, year)) for i in ledger_ids)
    after = {}
    for entry_id, direction, amount, cancelled in session.exec(
            select(Entry.id, Entry.direction, Entry.amount, Entry.cancelled_at)
            .where(Entry.ledger_id.in_(ledger_ids), Entry.fiscal_year == year).order_by(Entry.day, Entry.id)):
        if cancelled is None:
            balance += amount if direction == Direction.RECETTE else -amount
        after[entry_id] = balance
    return after


# ---------------------------------------------------------------- entries: writing


def _insert_entry(session: Session, who: Who, ledger: Ledger, year: int, parts: list[tuple[str, int]],
                  **fields: Any) -> Entry:  # fmt: skip
    """A new entry with the next pièce number of its ledger and year, and its splits."""
    session.exec(select(Ledger.id).where(Ledger.id == ledger.id).with_for_update()).one()
    department = session.get(Department, session.get(Coop, ledger.coop_id).department_code)
    prefix = ""
    if department.piece_numbering == PieceNumbering.DR:
        prefix = "D" if fields["direction"] == Direction.DEPENSE else "R"
    highest = session.exec(select(func.max(Entry.piece_number)).where(
        Entry.ledger_id == ledger.id, Entry.fiscal_year == year, Entry.piece_prefix == prefix)).one()  # fmt: skip
    entry = Entry(ledger_id=ledger.id, fiscal_year=year, piece_prefix=prefix, piece_number=(highest or 0) + 1,
                  created_by=who.person.id, **fields)  # fmt: skip
    session.add(entry)
    session.flush()
    session.add_all([Split(entry_id=entry.id, account_code=code, amount=cents) for code, cents in parts])
    session.flush()
    audit.record(session, who, "entry", entry.id, "create", coop_id=ledger.coop_id, after=_snapshot(entry, parts))
    return entry


def record_entry(session: Session, who: Who, ledger_id: int, *, direction: Direction, day: date,
                 label: str, means: Means, amount: int,
                 splits: Sequence[tuple[str, int]] | str, today: date, cheque_number: str | None = None,
                 project: str | None = None, treasury: Treasury | None = None,
                 giver: str | None = None) -> EntryView:  # fmt: skip
    """A recette or dépense of a ledger, ventilated over the chart (class 7 or 6).

    ``splits``: (account code or alias, cents) pairs adding up to ``amount``, or one
    account for all of it. A cheque needs its number; the caisse takes only espèces
    and never goes below zero. The treasury follows the means (a given one must agree).
    A recette on a grant account names its ``giver``."""
    ledger, coop = _require_ledger(session, who, Action.WRITE_LEDGER, ledger_id)
    direction, means = Direction(direction), Means(means)
    treasury = treasury_of(means) if treasury is None else Treasury(treasury)
    amount, label = _check_amount(amount), _clean_label(label)
    year = _check_day(session, coop.id, day, today)
    _require_started(session, ledger.id, year)
    _check_means(treasury, means)
    cheque_number = _clean_cheque_number(means, cheque_number)
    project = clean_project(project)
    chart = chart_of(session, coop)
    parts = _resolve_splits(chart, direction, amount, splits)
    giver = clean_giver(chart, direction, parts, giver)
    if treasury == Treasury.CAISSE and direction == Direction.DEPENSE:
        _require_caisse(session, ledger.id, year, day, add=[(day, -amount)])
    entry = _insert_entry(session, who, ledger, year, parts, day=day, label=label, direction=direction,
                          treasury=treasury, means=means, cheque_number=cheque_number, amount=amount,
                          project=project, giver=giver)  # fmt: skip
    return _views(session, [entry], chart)[0]


def check_entry_day(session: Session, who: Who, ledger_id: int, day: date, *, today: date) -> int:
    """The fiscal year of an entry dated ``day`` in the ledger, or the LedgerError recording would raise."""
    ledger, coop = _require_ledger(session, who, Action.WRITE_LEDGER, ledger_id)
    year = _check_day(session, coop.id, day, today)
    _require_started(session, ledger.id, year)
    return year


def record_expense(session: Session, who: Who, ledger_id: int, **fields: Any) -> EntryView:
    """A dépense: record_entry with direction=depense."""
    return record_entry(session, who, ledger_id, direction=Direction.DEPENSE, **fields)


def _require_changeable(session: Session, entry: Entry, coop: Coop, today: date) -> None:
    _require_open_year(session, coop.id, entry.fiscal_year, today)
    _require_ledger_open(session, entry.ledger_id, entry.fiscal_year)
    if entry.cancelled_at is not None:
        raise LedgerError("cancelled")


def _tick_of(session: Session, entry_id: int) -> Tick | None:
    return session.exec(select(Tick).where(Tick.entry_id == entry_id)).first()


def _deposited(session: Session, entry_ids: list[int]) -> bool:
    """Whether one of these entries is a cheque on a remise: the slip's total is what the bank credits."""
    return session.exec(select(DepositedCheque.id).where(DepositedCheque.entry_id.in_(entry_ids))).first() is not None


def edit_entry(session: Session, who: Who, entry_id: int, *, today: date, day: date = UNCHANGED,
               label: str = UNCHANGED, treasury: Treasury = UNCHANGED, means: Means = UNCHANGED,
               cheque_number: str | None = UNCHANGED, amount: int = UNCHANGED,
               splits: Sequence[tuple[str, int]] | str = UNCHANGED,
               project: str | None = UNCHANGED, giver: str | None = UNCHANGED) -> EntryView:  # fmt: skip
    """Change an entry of an open year; the audit trail keeps the before and after.

    The direction and the year stay (cancel and record anew instead). A new amount with
    one split moves that split along; with several, give the new ``splits``. The treasury
    follows the means."""
    entry, ledger, coop = _require_entry(session, who, Action.WRITE_LEDGER, entry_id)
    _require_changeable(session, entry, coop, today)
    if entry.movement_id is not None:
        raise LedgerError("movement")
    chart = chart_of(session, coop)
    old_parts = _parts(session, entry.id)
    new = {
        "day": entry.day if day is UNCHANGED else day,
        "label": entry.label if label is UNCHANGED else _clean_label(label),
        "means": entry.means if means is UNCHANGED else Means(means),
        "amount": entry.amount if amount is UNCHANGED else _check_amount(amount),
        "project": entry.project if project is UNCHANGED else clean_project(project),
    }
    new["treasury"] = treasury_of(new["means"]) if treasury is UNCHANGED else Treasury(treasury)
    if day is not UNCHANGED and _check_day(session, coop.id, new["day"], today) != entry.fiscal_year:
        raise LedgerError("other_year")
    _check_means(new["treasury"], new["means"])
    new["cheque_number"] = _clean_cheque_number(
        new["means"], entry.cheque_number if cheque_number is UNCHANGED else cheque_number)
    parts = _edited_parts(chart, entry, old_parts, new["amount"], splits)
    new["giver"] = clean_giver(chart, entry.direction, parts, entry.giver if giver is UNCHANGED else giver)
    bank_fields = ("day", "amount", "treasury", "means", "cheque_number")
    if any(new[f] != getattr(entry, f) for f in bank_fields) and _tick_of(session, entry.id):
        raise LedgerError("ticked")
    if any(new[f] != getattr(entry, f) for f in bank_fields) and _deposited(session, [entry.id]):
        raise LedgerError("deposited")
    if Treasury.CAISSE in (entry.treasury, new["treasury"]):
        signed = new["amount"] if entry.direction == Direction.RECETTE else -new["amount"]
        added = [(new["day"], signed)] if new["treasury"] == Treasury.CAISSE else []
        _require_caisse(session, ledger.id, entry.fiscal_year, new["day"], remove=[entry.id], add=added)
    before = _snapshot(entry, old_parts)
    for field, value in new.items():
        setattr(entry, field, value)
    if parts != old_parts:
        for split in session.exec(select(Split).where(Split.entry_id == entry.id)):
            session.delete(split)
        session.flush()
        session.add_all([Split(entry_id=entry.id, account_code=code, amount=cents) for code, cents in parts])
    session.add(entry)
    session.flush()
    after = _snapshot(entry, parts)
    if after != before:
        audit.record(session, who, "entry", entry.id, "edit", coop_id=coop.id, before=before, after=after)
    return _views(session, [entry], chart)[0]


def _edited_parts(chart: Chart, entry: Entry, old_parts: list[tuple[str, int]], amount: int,
                  splits: Sequence[tuple[str, int]] | str) -> list[tuple[str, int]]:  # fmt: skip
    if splits is not UNCHANGED:
        return _resolve_splits(chart, entry.direction, amount, splits)
    if amount == entry.amount:
        return old_parts
    if len(old_parts) == 1:
        return [(old_parts[0][0], amount)]
    raise LedgerError("splits_mismatch", difference=amount - entry.amount)


def cancel_entry(session: Session, who: Who, entry_id: int, *, today: date) -> EntryView:
    """Cancel an entry (both legs of a movement): it stays in the journal, flagged, with its number."""
    entry, _, coop = _require_entry(session, who, Action.WRITE_LEDGER, entry_id)
    legs = [entry]
    if entry.movement_id is not None:
        legs = list(session.exec(select(Entry).where(Entry.movement_id == entry.movement_id).order_by(Entry.id)))
        for leg in legs:
            _require_ledger(session, who, Action.WRITE_LEDGER, leg.ledger_id)
    for leg in legs:
        _require_changeable(session, leg, coop, today)
    if any(_tick_of(session, leg.id) for leg in legs):
        raise LedgerError("ticked")
    leg_ids = [leg.id for leg in legs]
    if _deposited(session, leg_ids):
        raise LedgerError("deposited")
    for leg in legs:
        if leg.treasury == Treasury.CAISSE and leg.direction == Direction.RECETTE:
            _require_caisse(session, leg.ledger_id, leg.fiscal_year, leg.day, remove=leg_ids)
    now = utcnow()
    for leg in legs:
        parts = _parts(session, leg.id)
        before = _snapshot(leg, parts)
        leg.cancelled_at, leg.cancelled_by = now, who.person.id
        session.add(leg)
        audit.record(session, who, "entry", leg.id, "cancel", coop_id=coop.id, before=before,
                     after=_snapshot(leg, parts))  # fmt: skip
    session.flush()
    return _views(session, [entry], chart_of(session, coop))[0]


# ---------------------------------------------------------------- internal movements


def record_movement(session: Session, who: Who, kind: MovementKind, *, ledger_id: int, day: date,
                    amount: int, label: str, today: date, to_ledger_id: int | None = None,
                    from_treasury: Treasury = Treasury.BANQUE, to_treasury: Treasury = Treasury.BANQUE,
                    means: Means | None = None, cheque_number: str | None = None) -> MovementView:  # fmt: skip
    """An internal movement, from ``ledger_id`` to ``to_ledger_id``.

    depot (caisse → banque) and retrait (banque → caisse) stay in one ledger (the
    treasuries are implied). avance goes from the school ledger to a class ledger of the
    same coop, remboursement back; each side's treasury is given. ``means`` is the bank
    side's (virement by default, carte for a retrait; a cheque needs its number); cash
    sides are espèces, and so is a deposit's bank side."""
    kind = MovementKind(kind)
    source, coop = _require_ledger(session, who, Action.WRITE_LEDGER, ledger_id)
    target, from_treasury, to_treasury = _movement_ends(session, who, kind, source, coop, to_ledger_id,
                                                        Treasury(from_treasury), Treasury(to_treasury))  # fmt: skip
    amount, label = _check_amount(amount), _clean_label(label)
    year = _check_day(session, coop.id, day, today)
    _require_started(session, source.id, year)
    _require_started(session, target.id, year)
    bank_means = Means(means) if means else (Means.CARTE if kind == MovementKind.RETRAIT else Means.VIREMENT)
    if kind == MovementKind.DEPOT:
        bank_means = Means.ESPECES
    elif bank_means not in BANK_MEANS:
        raise LedgerError("means_treasury")
    cheque_number = _clean_cheque_number(bank_means, cheque_number)
    if from_treasury == Treasury.CAISSE:
        _require_caisse(session, source.id, year, day, add=[(day, -amount)])
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


# ---------------------------------------------------------------- receipts


def attach_receipt(session: Session, who: Who, entry_id: int, *, file_id: str, file_unique_id: str,
                   path: str, mime_type: str, size: int, today: date) -> ReceiptView:  # fmt: skip
    """Record the justificatif of an entry: the Telegram file and where its copy is kept."""
    entry, _, coop = _require_entry(session, who, Action.WRITE_LEDGER, entry_id)
    _require_changeable(session, entry, coop, today)
    values = {"file_id": file_id, "file_unique_id": file_unique_id, "path": path, "mime_type": mime_type}
    for field, limit in (("file_id", 255), ("file_unique_id", 64), ("path", 500), ("mime_type", 100)):
        if not isinstance(values[field], str) or not 1 <= len(values[field]) <= limit:
            raise LedgerError("receipt_invalid", field=field)
    if type(size) is not int or size < 0:
        raise LedgerError("receipt_invalid", field="size")
    receipt = Receipt(entry_id=entry.id, size=size, attached_by=who.person.id, **values)
    session.add(receipt)
    session.flush()
    audit.record(session, who, "entry", entry.id, "attach", coop_id=coop.id,
                 after={"receipt_id": receipt.id, **values, "size": size})  # fmt: skip
    return ReceiptView(receipt.id, entry.id, file_id, file_unique_id, path, mime_type, size, receipt.attached_at)


# ---------------------------------------------------------------- balances


def _balances(session: Session, ledger: Ledger, year: int) -> Balances:
    return _balances_of(session, [ledger], year)[ledger.id]


def _balances_of(session: Session, ledgers: Sequence[Ledger], year: int) -> dict[int, Balances]:
    """Ledger id → its Balances, for several ledgers at once: each sum is one query grouped by ledger."""
    ids = [x.id for x in ledgers]
    internal = Entry.movement_id.is_not(None)  # no bound parameter: PostgreSQL groups by it
    rows = session.exec(
        select(Entry.ledger_id, Entry.treasury, Entry.direction, internal, func.sum(Entry.amount))
        .where(Entry.ledger_id.in_(ids), Entry.fiscal_year == year, Entry.cancelled_at.is_(None))
        .group_by(Entry.ledger_id, Entry.treasury, Entry.direction, internal)
    ).all()  # fmt: skip
    openings = {i: _opening_amounts(session, i, year) for i in ids}
    treasury_sums = {i: {Treasury.BANQUE: openings[i][0], Treasury.CAISSE: openings[i][1]} for i in ids}
    charges, produits, moved = dict.fromkeys(ids, 0), dict.fromkeys(ids, 0), dict.fromkeys(ids, 0)
    for ledger_id, treasury, direction, is_internal, total in rows:
        signed = total if direction == Direction.RECETTE else -total
        treasury_sums[ledger_id][Treasury(treasury)] += signed
        if is_internal:
            moved[ledger_id] += signed
        elif direction == Direction.RECETTE:
            produits[ledger_id] += total
        else:
            charges[ledger_id] += total
    uncashed = dict.fromkeys(ids, (0, 0))
    # Cashed by the year's end: ticked on a statement dated by 31/08; a later statement does not reach back.
    cashed = select(Tick.entry_id).join(Statement, Statement.id == Tick.statement_id).where(
        Statement.day <= fiscal_year_bounds(year)[1])
    for ledger_id, count, cents in session.exec(
        select(Entry.ledger_id, func.count(Entry.id), func.coalesce(func.sum(Entry.amount), 0))
        .where(Entry.ledger_id.in_(ids), Entry.fiscal_year <= year, Entry.cancelled_at.is_(None),
               Entry.direction == Direction.DEPENSE, Entry.means == Means.CHEQUE,
               Entry.treasury == Treasury.BANQUE, Entry.id.not_in(cashed))
        .group_by(Entry.ledger_id)
    ):  # fmt: skip
        uncashed[ledger_id] = (count, int(cents))
    undeposited = dict.fromkeys(ids, (0, 0))
    for ledger_id, count, cents in session.exec(
        select(Entry.ledger_id, func.count(Entry.id), func.coalesce(func.sum(Entry.amount), 0))
        .where(Entry.ledger_id.in_(ids), Entry.fiscal_year <= year, *_undeposited())
        .group_by(Entry.ledger_id)
    ):  # fmt: skip
        undeposited[ledger_id] = (count, int(cents))
    return {x.id: Balances(x.id, x.name, x.kind, year, *openings[x.id], treasury_sums[x.id][Treasury.BANQUE],
                           treasury_sums[x.id][Treasury.CAISSE], charges[x.id], produits[x.id], moved[x.id],
                           uncashed[x.id][1], uncashed[x.id][0], undeposited[x.id][1], undeposited[x.id][0])
            for x in ledgers}  # fmt: skip


def balances(session: Session, who: Who, ledger_id: int, year: int) -> Balances:
    """A ledger's banque, caisse, total, résultat and uncashed cheques for a fiscal year."""
    ledger, _ = _require_ledger(session, who, Action.READ_LEDGER, ledger_id)
    return _balances(session, ledger, year)


def _coop_ledgers(session: Session, coop_id: int) -> list[Ledger]:
    ledgers = session.exec(select(Ledger).where(Ledger.coop_id == coop_id)).all()
    return sorted(ledgers, key=lambda x: (x.kind != LedgerKind.ECOLE, x.name.casefold(), x.id))


def coop_balances(session: Session, who: Who, coop_id: int, year: int) -> CoopBalances:
    """Every ledger of the coop, and their consolidation (the mandataire's, vérificateurs', AD's view)."""
    coop = _require_coop(session, who, Action.READ_LEDGER, coop_id)
    return _coop_balances(session, coop, year)


def _coop_balances(session: Session, coop: Coop, year: int) -> CoopBalances:
    ledgers = _coop_ledgers(session, coop.id)
    return CoopBalances(coop.id, year, tuple(_balances_of(session, ledgers, year).values()))


# ---------------------------------------------------------------- opening balances and closing


def set_opening_balance(session: Session, who: Who, ledger_id: int, year: int, *, banque: int, caisse: int,
                        today: date) -> Balances:  # fmt: skip
    """A ledger's first report à nouveau (banque and caisse on 1 September of an open year).
    Once a ledger has books of an earlier year, its opening is their final balance."""
    ledger, coop = _require_ledger(session, who, Action.WRITE_LEDGER, ledger_id)
    _require_open_year(session, coop.id, year, today)
    _require_started(session, ledger.id, year)
    earlier = session.exec(select(OpeningBalance.id).where(OpeningBalance.ledger_id == ledger.id,
                                                           OpeningBalance.fiscal_year < year)).first()
    earlier = earlier or session.exec(select(Entry.id).where(Entry.ledger_id == ledger.id, Entry.fiscal_year < year,
                                                             Entry.cancelled_at.is_(None))).first()  # fmt: skip
    if earlier is not None:
        raise LedgerError("carried_forward")
    if _check_cents(caisse) < 0:
        raise LedgerError("caisse_negative", minimum=0, caisse=caisse)
    if max(abs(_check_cents(banque)), caisse) > MAX_CENTS:
        raise LedgerError("amount_too_large")
    old_banque, old_caisse = _opening_amounts(session, ledger.id, year)
    lows = _caisse_lows(session, ledger.id, year, opening_delta=caisse - old_caisse)
    if _worse(lows):
        raise LedgerError("caisse_negative", minimum=caisse - min(after for _, after in lows), caisse=caisse)
    row = session.exec(select(OpeningBalance).where(OpeningBalance.ledger_id == ledger.id,
                                                    OpeningBalance.fiscal_year == year)).first()  # fmt: skip
    before = {"banque": old_banque, "caisse": old_caisse} if row else None
    row = row or OpeningBalance(ledger_id=ledger.id, fiscal_year=year, banque=0, caisse=0)
    row.banque, row.caisse, row.set_at, row.set_by = banque, caisse, utcnow(), who.person.id
    session.add(row)
    session.flush()
    audit.record(session, who, "opening", row.id, "opening", coop_id=coop.id, before=before,
                 after={"ledger_id": ledger.id, "fiscal_year": year, "banque": banque, "caisse": caisse})  # fmt: skip
    return _balances(session, ledger, year)


def close_year(session: Session, who: Who, coop_id: int, year: int, *, today: date) -> CoopBalances:
    """Close a coop's ended fiscal year (managers): nothing dated in it changes any more, so
    the next year's report à nouveau, its final balances, is settled. Returns them."""
    coop = _require_coop(session, who, Action.MANAGE_COOP, coop_id)
    if is_closed(session, coop.id, year):
        raise LedgerError("already_closed", year=year)
    if year >= fiscal_year_of(today):
        raise LedgerError("year_not_ended", year=year)
    final = _coop_balances(session, coop, year)
    session.add(YearClosing(coop_id=coop.id, fiscal_year=year, closed_by=who.person.id))
    session.flush()
    audit.record(session, who, "coop", coop.id, "close", coop_id=coop.id, after={
        "fiscal_year": year, "ledgers": {str(b.ledger_id): [b.banque, b.caisse] for b in final.ledgers}})
    return final


# ---------------------------------------------------------------- bank reconciliation


def _bank_entries(session: Session, coop_id: int, day: date) -> list[Entry]:
    """The coop's live bank entries up to ``day`` not ticked on a statement of that day or before,
    less internal movements between two banque sides (the bank never sees those)."""
    ticked = select(Tick.entry_id).join(Statement, Tick.statement_id == Statement.id).where(
        Statement.coop_id == coop_id, Statement.day <= day)
    entries = session.exec(
        select(Entry).join(Ledger, Entry.ledger_id == Ledger.id)
        .where(Ledger.coop_id == coop_id, Entry.treasury == Treasury.BANQUE, Entry.cancelled_at.is_(None),
               Entry.day <= day, Entry.id.not_in(ticked))
        .order_by(Entry.day, Entry.id)
    ).all()  # fmt: skip
    hidden = _bank_to_bank(session, entries)
    return [e for e in entries if e.id not in hidden]


def _bank_to_bank(session: Session, entries: Sequence[Entry]) -> set[int]:
    """Ids of legs of movements whose both sides are banque entries."""
    movement_ids = {e.movement_id for e in entries if e.movement_id is not None}
    if not movement_ids:
        return set()
    legs = defaultdict(list)
    for leg in session.exec(select(Entry).where(Entry.movement_id.in_(movement_ids))):
        legs[leg.movement_id].append(leg)
    return {leg.id for pair in legs.values() if all(x.treasury == Treasury.BANQUE for x in pair) for leg in pair}


def _book_banque(session: Session, coop_id: int, day: date) -> int:
    year = fiscal_year_of(day)
    ledger_ids = [x.id for x in _coop_ledgers(session, coop_id)]
    opening = sum(_opening_amounts(session, ledger_id, year)[0] for ledger_id in ledger_ids)
    signed = case((Entry.direction == Direction.RECETTE, Entry.amount), else_=-Entry.amount)
    moved = session.exec(select(func.coalesce(func.sum(signed), 0)).where(
        Entry.ledger_id.in_(ledger_ids), Entry.fiscal_year == year, Entry.treasury == Treasury.BANQUE,
        Entry.cancelled_at.is_(None), Entry.day <= day)).one()  # fmt: skip
    return int(opening) + int(moved)


def _reconciliation(session: Session, statement: Statement) -> Reconciliation:
    coop = session.get(Coop, statement.coop_id)
    chart = chart_of(session, coop)
    outstanding = _bank_entries(session, coop.id, statement.day)
    ticked = session.exec(select(Entry).join(Tick, Tick.entry_id == Entry.id)
                          .where(Tick.statement_id == statement.id).order_by(Entry.day, Entry.id)).all()  # fmt: skip
    debits = sum(e.amount for e in outstanding if e.direction == Direction.DEPENSE)
    credits = sum(e.amount for e in outstanding if e.direction == Direction.RECETTE)
    return Reconciliation(statement.id, coop.id, statement.day, statement.balance,
                          _book_banque(session, coop.id, statement.day), debits, credits,
                          tuple(_views(session, ticked, chart)), tuple(_views(session, outstanding, chart)))  # fmt: skip


def record_statement(session: Session, who: Who, coop_id: int, *, day: date, balance: int, today: date,
                     entry_ids: Iterable[int] = ()) -> Reconciliation:  # fmt: skip
    """A bank statement of the coop (its date and balance), and the entries ticked on it."""
    coop = _require_coop(session, who, Action.WRITE_LEDGER, coop_id)
    _check_day(session, coop.id, day, today)
    if abs(_check_cents(balance)) > MAX_CENTS:
        raise LedgerError("amount_too_large")
    existing = session.exec(select(Statement).where(Statement.coop_id == coop.id, Statement.day == day)).first()
    if existing is not None:
        raise LedgerError("statement_exists", statement_id=existing.id)
    statement = Statement(coop_id=coop.id, day=day, balance=balance, created_by=who.person.id)
    session.add(statement)
    session.flush()
    audit.record(session, who, "statement", statement.id, "create", coop_id=coop.id,
                 after={"day": day, "balance": balance})  # fmt: skip
    _tick(session, who, statement, list(entry_ids))
    return _reconciliation(session, statement)


def tick(session: Session, who: Who, statement_id: int, entry_ids: Iterable[int], *, today: date) -> Reconciliation:
    """Tick bank entries on a statement (pointage). A ticked entry stays ticked."""
    statement = session.get(Statement, statement_id) if statement_id is not None else None
    if statement is None:
        raise Forbidden(Action.WRITE_LEDGER)
    coop = _require_coop(session, who, Action.WRITE_LEDGER, statement.coop_id)
    _require_open_year(session, coop.id, fiscal_year_of(statement.day), today)
    _tick(session, who, statement, list(entry_ids))
    return _reconciliation(session, statement)


def _tick(session: Session, who: Who, statement: Statement, entry_ids: list[int]) -> None:
    if not entry_ids:
        return
    entries = []
    for entry_id in dict.fromkeys(entry_ids):
        entry = session.get(Entry, entry_id)
        if entry is None or session.get(Ledger, entry.ledger_id).coop_id != statement.coop_id:
            raise Forbidden(Action.WRITE_LEDGER)
        if entry.treasury != Treasury.BANQUE or _bank_to_bank(session, [entry]):
            raise LedgerError("not_bank_entry", entry_id=entry_id)
        if entry.cancelled_at is not None:
            raise LedgerError("cancelled", entry_id=entry_id)
        if entry.day > statement.day:
            raise LedgerError("after_statement", entry_id=entry_id)
        if _tick_of(session, entry.id):
            raise LedgerError("already_ticked", entry_id=entry_id)
        entries.append(entry)
    session.add_all([Tick(statement_id=statement.id, entry_id=e.id, ticked_by=who.person.id) for e in entries])
    session.flush()
    audit.record(session, who, "statement", statement.id, "tick", coop_id=statement.coop_id,
                 after={"entries": [e.id for e in entries]})  # fmt: skip


def reconciliation(session: Session, who: Who, statement_id: int, *, coop_id: int | None = None) -> Reconciliation:
    """A statement and its ticks; with ``coop_id``, one of another coop is refused (a button of another chat)."""
    statement = session.get(Statement, statement_id) if statement_id is not None else None
    if statement is None:
        raise Forbidden(Action.READ_LEDGER)
    if coop_id is not None and statement.coop_id != coop_id:
        raise Forbidden(Action.WRITE_LEDGER)
    _require_coop(session, who, Action.READ_LEDGER, statement.coop_id)
    return _reconciliation(session, statement)


def statements(session: Session, who: Who, coop_id: int, year: int) -> tuple[StatementView, ...]:
    """The coop's statements dated in a fiscal year, latest first."""
    coop = _require_coop(session, who, Action.READ_LEDGER, coop_id)
    first, last = fiscal_year_bounds(year)
    rows = session.exec(
        select(Statement, func.count(Tick.id)).join(Tick, Tick.statement_id == Statement.id, isouter=True)
        .where(Statement.coop_id == coop.id, Statement.day >= first, Statement.day <= last)
        .group_by(Statement.id).order_by(Statement.day.desc())
    ).all()  # fmt: skip
    return tuple(StatementView(s.id, s.day, s.balance, count) for s, count in rows)


# ---------------------------------------------------------------- remises de chèques


@dataclass(frozen=True)
class DepositView:
    """A remise de chèques: its slip's number and date, and the cheques on it."""

    id: int
    coop_id: int
    number: int
    day: date
    cheques: tuple[EntryView, ...]

    @property
    def total(self) -> int:
        return sum(c.amount for c in self.cheques)


def _undeposited() -> list[Any]:
    """Conditions of a live cheque received at the bank, on no slip and not ticked yet."""
    return [Entry.direction == Direction.RECETTE, Entry.means == Means.CHEQUE, Entry.treasury == Treasury.BANQUE,
            Entry.cancelled_at.is_(None), Entry.id.not_in(select(DepositedCheque.entry_id)),
            Entry.id.not_in(select(Tick.entry_id))]  # fmt: skip


def cheques_to_deposit(session: Session, who: Who, coop_id: int) -> tuple[EntryView, ...]:
    """The coop's cheques received and not yet deposited, in the ledgers this person writes in, oldest first."""
    coop = _coop(session, coop_id, Action.WRITE_LEDGER)
    ledger_ids = [x.id for x in _coop_ledgers(session, coop.id) if may(
        who, Action.WRITE_LEDGER, coop_id=coop.id, department_code=coop.department_code, ledger_id=x.id)]
    if not ledger_ids:
        require(who, Action.WRITE_LEDGER, coop_id=coop.id, department_code=coop.department_code)
    entries = session.exec(select(Entry).where(Entry.ledger_id.in_(ledger_ids), *_undeposited())
                           .order_by(Entry.day, Entry.id)).all()  # fmt: skip
    return tuple(_views(session, entries, chart_of(session, coop)))


def record_deposit(session: Session, who: Who, coop_id: int, entry_ids: Iterable[int], *, day: date,
                   today: date) -> DepositView:  # fmt: skip
    """Put cheques received on one deposit slip, numbered after the coop's last; the bank credits its total,
    so /pointage ticks the slip as one line."""
    coop = _coop(session, coop_id, Action.WRITE_LEDGER)
    _check_day(session, coop.id, day, today)
    entries = []
    for entry_id in dict.fromkeys(entry_ids):
        entry, ledger, _ = _require_entry(session, who, Action.WRITE_LEDGER, entry_id)
        if ledger.coop_id != coop.id:
            raise Forbidden(Action.WRITE_LEDGER)
        if session.exec(select(Entry.id).where(Entry.id == entry.id, *_undeposited())).first() is None:
            raise LedgerError("not_to_deposit", entry_id=entry_id)
        if entry.day > day:
            raise LedgerError("after_deposit", entry_id=entry_id)
        entries.append(entry)
    if not entries:
        raise LedgerError("no_cheque")
    session.exec(select(Coop.id).where(Coop.id == coop.id).with_for_update()).one()
    highest = session.exec(select(func.max(ChequeDeposit.number)).where(ChequeDeposit.coop_id == coop.id)).one()
    deposit = ChequeDeposit(coop_id=coop.id, number=(highest or 0) + 1, day=day, created_by=who.person.id)
    session.add(deposit)
    session.flush()
    session.add_all([DepositedCheque(deposit_id=deposit.id, entry_id=e.id) for e in entries])
    session.flush()
    audit.record(session, who, "deposit", deposit.id, "create", coop_id=coop.id,
                 after={"number": deposit.number, "day": day, "entries": [e.id for e in entries],
                        "total": sum(e.amount for e in entries)})  # fmt: skip
    views = _views(session, entries, chart_of(session, coop))
    return DepositView(deposit.id, coop.id, deposit.number, day, tuple(views))


# ---------------------------------------------------------------- cash counts


def count_cash(session: Session, who: Who, ledger_id: int, *, day: date, today: date,
               coins: Mapping[int, int] | None = None, total: int | None = None) -> CashCountView:  # fmt: skip
    """An arrêté de caisse: the cash counted by notes and coins (cents → how many) or as a
    total, kept with the caisse's book balance at the end of that day."""
    ledger, coop = _require_ledger(session, who, Action.WRITE_LEDGER, ledger_id)
    _check_day(session, coop.id, day, today)
    if (coins is None) == (total is None):
        raise LedgerError("count_missing")
    denominations: tuple[tuple[int, int], ...] = ()
    if coins is not None:
        for denomination, count in coins.items():
            if denomination not in DENOMINATIONS:
                raise LedgerError("denomination", value=denomination)
            if _check_cents(count) < 0:
                raise LedgerError("count_negative")
        denominations = tuple((d, coins[d]) for d in DENOMINATIONS if coins.get(d))
        total = sum(d * n for d, n in denominations)
    elif _check_cents(total) < 0:
        raise LedgerError("count_negative")
    if total > MAX_CENTS:
        raise LedgerError("amount_too_large")
    book = _caisse_on(session, ledger.id, day)
    row = CashCount(ledger_id=ledger.id, day=day, counted=total, book=book, created_by=who.person.id,
                    denominations=json.dumps({str(d): n for d, n in denominations}) if coins is not None else None)  # fmt: skip
    session.add(row)
    session.flush()
    audit.record(session, who, "cashcount", row.id, "create", coop_id=coop.id,
                 after={"ledger_id": ledger.id, "day": day, "counted": total, "book": book})  # fmt: skip
    return _cash_view(row, ledger)


def _cash_view(row: CashCount, ledger: Ledger) -> CashCountView:
    coins = json.loads(row.denominations) if row.denominations else {}
    denominations = tuple(sorted(((int(d), n) for d, n in coins.items()), reverse=True))
    return CashCountView(row.id, ledger.id, ledger.name, row.day, row.counted, row.book, denominations)


def cash_counts(session: Session, who: Who, ledger_id: int, year: int) -> tuple[CashCountView, ...]:
    """A ledger's cash counts dated in a fiscal year, latest first."""
    ledger, _ = _require_ledger(session, who, Action.READ_LEDGER, ledger_id)
    first, last = fiscal_year_bounds(year)
    rows = session.exec(select(CashCount).where(CashCount.ledger_id == ledger.id, CashCount.day >= first,
                                                CashCount.day <= last)
                        .order_by(CashCount.day.desc(), CashCount.id.desc())).all()  # fmt: skip
    return tuple(_cash_view(row, ledger) for row in rows)


# ---------------------------------------------------------------- projects and inventory


def projects_summary(session: Session, who: Who, coop_id: int, year: int, *,
                     ledger_id: int | None = None) -> tuple[ProjectSummary, ...]:  # fmt: skip
    """Receipts, expenses and balance per project tag, for the coop or one of its ledgers
    (a teacher asks for their ledger). Internal movements and cancelled entries left out."""
    if ledger_id is not None:
        ledger, coop = _require_ledger(session, who, Action.READ_LEDGER, ledger_id)
        if coop.id != coop_id:
            raise Forbidden(Action.READ_LEDGER)
        ledger_ids = [ledger.id]
    else:
        coop = _require_coop(session, who, Action.READ_LEDGER, coop_id)
        ledger_ids = [x.id for x in _coop_ledgers(session, coop.id)]
    rows = session.exec(
        select(Entry.project, Entry.direction, func.sum(Entry.amount), func.count(Entry.id))
        .where(Entry.ledger_id.in_(ledger_ids), Entry.fiscal_year == year, Entry.project.is_not(None),
               Entry.movement_id.is_(None), Entry.cancelled_at.is_(None))
        .group_by(Entry.project, Entry.direction)
    ).all()  # fmt: skip
    sums: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for project, direction, total, count in rows:
        sums[project][0 if direction == Direction.RECETTE else 1] += total
        sums[project][2] += count
    return tuple(ProjectSummary(p, *sums[p]) for p in sorted(sums))


def project_tags(session: Session, who: Who, ledger_id: int) -> tuple[str, ...]:
    """The project tags already used in the ledger's coop, to offer them again."""
    _, coop = _require_ledger(session, who, Action.READ_LEDGER, ledger_id)
    tags = session.exec(select(Entry.project).join(Ledger, Entry.ledger_id == Ledger.id)
                        .where(Ledger.coop_id == coop.id, Entry.project.is_not(None)).distinct()).all()  # fmt: skip
    return tuple(sorted(tags))


def inventory(session: Session, who: Who, coop_id: int, *, year: int | None = None) -> tuple[InventoryItem, ...]:
    """The inventory register: expenses on durable-goods accounts, all years or one."""
    coop = _require_coop(session, who, Action.READ_LEDGER, coop_id)
    codes = chart_of(session, coop).inventory_codes()
    if not codes:
        return ()
    query = (select(Split, Entry, Ledger).join(Entry, Split.entry_id == Entry.id)
             .join(Ledger, Entry.ledger_id == Ledger.id)
             .where(Ledger.coop_id == coop.id, Split.account_code.in_(codes), Entry.cancelled_at.is_(None),
                    Entry.direction == Direction.DEPENSE))  # fmt: skip
    if year is not None:
        query = query.where(Entry.fiscal_year == year)
    rows = session.exec(query.order_by(Entry.day, Entry.id, Split.id)).all()
    return tuple(InventoryItem(e.id, l.id, l.name, e.day, _piece(e), e.label, s.account_code, s.amount)
                 for s, e, l in rows)  # fmt: skip


# ---------------------------------------------------------------- what the chat offers


@dataclass(frozen=True)
class LedgerRef:
    """A ledger a person may use, with what the chat needs around it."""

    id: int
    name: str
    kind: LedgerKind
    coop_id: int
    affiliation: str
    timezone: str


def ledgers_for(session: Session, who: Who, *, write: bool) -> list[LedgerRef]:
    """The ledgers this person may write (or read) in, school ledgers first, by coop."""
    action = Action.WRITE_LEDGER if write else Action.READ_LEDGER
    coop_ids = {role.coop_id for role in who.roles if role.coop_id is not None}
    refs = []
    for coop_id in sorted(coop_ids):
        coop = session.get(Coop, coop_id)
        timezone = session.get(Department, coop.department_code).timezone
        for ledger in _coop_ledgers(session, coop_id):
            if may(who, action, coop_id=coop_id, department_code=coop.department_code, ledger_id=ledger.id):
                refs.append(LedgerRef(ledger.id, ledger.name, ledger.kind, coop_id, coop.affiliation, timezone))
    return refs


def _chosen(refs: Iterable[LedgerRef], action: Action, **match: int) -> LedgerRef:
    """The first ref matching every field, else Forbidden (a forged button, or rights gone since)."""
    ref = next((r for r in refs if all(getattr(r, field) == value for field, value in match.items())), None)
    if ref is None:
        raise Forbidden(action)
    return ref


def pick_ledger(session: Session, who: Who, ledger_id: int, action: Action = Action.WRITE_LEDGER) -> LedgerRef:
    """A ledger chosen by button, if this person may write (or read, READ_LEDGER) in it."""
    return _chosen(ledgers_for(session, who, write=action == Action.WRITE_LEDGER), action, id=ledger_id)


def school_ledgers(session: Session, who: Who, action: Action) -> list[LedgerRef]:
    """The school ledger of each coop where this person may ``action`` (READ_COOP, MANAGE_COOP)."""
    return [r for r in ledgers_for(session, who, write=False)
            if r.kind == LedgerKind.ECOLE and may(who, action, coop_id=r.coop_id)]  # fmt: skip


def managed_coops(session: Session, who: Who) -> list[LedgerRef]:
    """The school ledger of each coop this person manages (mandataire, signataire); Forbidden if none."""
    refs = school_ledgers(session, who, Action.MANAGE_COOP)
    if not refs:
        raise Forbidden(Action.MANAGE_COOP)
    return refs


def pick_coop(session: Session, who: Who, coop_id: int, action: Action) -> LedgerRef:
    """A coop chosen by button: its school ledger (READ_COOP, MANAGE_COOP), or with WRITE_LEDGER
    the first of its ledgers this person writes in (a teacher's class ledger)."""
    write = action == Action.WRITE_LEDGER
    refs = ledgers_for(session, who, write=True) if write else school_ledgers(session, who, action)
    return _chosen(refs, action, coop_id=coop_id)


def class_pairs(refs: Iterable[LedgerRef]) -> list[tuple[LedgerRef, LedgerRef]]:
    """(class ledger, its coop's school ledger) for every class ledger whose school ledger is among ``refs`` too."""
    refs = list(refs)
    schools = {r.coop_id: r for r in refs if r.kind == LedgerKind.ECOLE}
    return [(r, schools[r.coop_id]) for r in refs if r.kind == LedgerKind.CLASSE and r.coop_id in schools]


def movement_ledgers(session: Session, who: Who, kind: MovementKind) -> list[LedgerRef]:
    """The ledgers a movement of ``kind`` may start from: any written one for dépôt and retrait, for an
    avance or remboursement the class ledgers whose school ledger this person writes too; Forbidden if none."""
    refs = ledgers_for(session, who, write=True)
    choices = [c for c, _ in class_pairs(refs)] if kind in BETWEEN else refs
    if not choices:
        raise Forbidden(Action.WRITE_LEDGER)
    return choices


def pick_movement_ledger(session: Session, who: Who, kind: MovementKind, ledger_id: int) -> LedgerRef:
    """A ledger chosen by button for a movement of ``kind``: one of movement_ledgers."""
    return _chosen(movement_ledgers(session, who, kind), Action.WRITE_LEDGER, id=ledger_id)


def accounts_by_use(session: Session, who: Who, ledger_id: int, direction: Direction) -> tuple[Account, ...]:
    """The accounts an entry may use, the ledger's most used first, then in the chart's order."""
    accounts = accounts_for(session, who, ledger_id, direction)
    uses = dict(session.exec(
        select(Split.account_code, func.count(Split.id)).join(Entry, Entry.id == Split.entry_id)
        .where(Entry.ledger_id == ledger_id, Entry.direction == Direction(direction), Entry.cancelled_at.is_(None))
        .group_by(Split.account_code)
    ).all())  # fmt: skip
    order = {account.code: index for index, account in enumerate(accounts)}
    return tuple(sorted(accounts, key=lambda a: (-uses.get(a.code, 0), order[a.code])))


def _issued_cheques(session: Session, coop_id: int):
    """The coop's cheques written (dépenses), not cancelled: a query over Entry."""
    return (select(Entry).join(Ledger, Ledger.id == Entry.ledger_id)
            .where(Ledger.coop_id == coop_id, Entry.means == Means.CHEQUE, Entry.direction == Direction.DEPENSE,
                   Entry.cheque_number.is_not(None), Entry.cancelled_at.is_(None)))  # fmt: skip


def next_cheque_number(session: Session, who: Who, ledger_id: int) -> str | None:
    """The first unused number after the coop's last cheque, as a suggestion (None before the first)."""
    _, coop = _require_ledger(session, who, Action.WRITE_LEDGER, ledger_id)
    issued = session.exec(_issued_cheques(session, coop.id).order_by(Entry.id.desc())).all()
    if not issued:
        return None
    last = issued[0].cheque_number
    used = {int(entry.cheque_number) for entry in issued}
    candidate = int(last) + 1
    while candidate in used:  # a class may already have written the next one
        candidate += 1
    if len(str(candidate)) > 12:
        return None
    return str(candidate).zfill(len(last))


def cheque_used(session: Session, who: Who, ledger_id: int, number: str, *,
                exclude: int | None = None) -> EntryView | None:  # fmt: skip
    """The coop's entry (any ledger, other than ``exclude``) that already used this cheque number, if any."""
    _, coop = _require_ledger(session, who, Action.WRITE_LEDGER, ledger_id)
    if not _CHEQUE_NUMBER.fullmatch(number or ""):
        return None
    issued = session.exec(_issued_cheques(session, coop.id).order_by(Entry.id)).all()
    entry = next((e for e in issued if int(e.cheque_number) == int(number) and e.id != exclude), None)  # 0001236 is 1236
    return _views(session, [entry], chart_of(session, coop))[0] if entry else None


def bank_after_expense(session: Session, who: Who, ledger_id: int, *, day: date, amount: int) -> int | None:
    """A class ledger's banque after a dépense of ``amount``, when that goes below zero (else None).

    Not a refusal: a class may be advanced money by the school coop (a movement), or
    the expense may come before a receipt."""
    ledger, _ = _require_ledger(session, who, Action.WRITE_LEDGER, ledger_id)
    if ledger.kind != LedgerKind.CLASSE:
        return None
    after = _balances(session, ledger, fiscal_year_of(day)).banque - amount
    return after if after < 0 else None


# ---------------------------------------------------------------- one call per chat action


@dataclass(frozen=True)
class EntryContext:
    """What reading a /depense or /recette line needs: the ledgers, and the accounts of the one in use."""

    refs: tuple[LedgerRef, ...]
    ledger_id: int | None  # the ledger named (or the only one), whose accounts follow
    accounts: tuple[Account, ...]
    bank_checked: bool = False  # bank_after is for the day, amount and means given
    bank_after: int | None = None  # as bank_after_expense
    day: date | None = None  # the day given, or ``days_ago`` made a date


def entry_context(session: Session, who: Who, direction: Direction, *, ledger_id: int | None = None,
                  names: Sequence[str] = (), day: date | None = None, amount: int | None = None,
                  means: Means | None = None, check_day: bool = False,
                  days_ago: int | None = None) -> EntryContext:  # fmt: skip
    """The ledgers this person writes in and the accounts, most used first, of ``ledger_id``,
    else of the ledger named among ``names``, else of the only ledger. With ``day`` (or ``days_ago``,
    counted from today where the coop is), ``amount`` and ``means``: the bank warning too;
    ``check_day`` (always with ``days_ago``): the LedgerError recording on that day would raise."""
    refs = tuple(ledgers_for(session, who, write=True))
    if ledger_id is None:
        named = {normalise(n) for n in names}
        ledger_id = next((r.id for r in refs if normalise(r.name) in named), None)
    if ledger_id is None and len(refs) == 1:
        ledger_id = refs[0].id
    ref = next((r for r in refs if r.id == ledger_id), None)
    if ref is None and ledger_id is not None:  # a ledger this person does not write in (a forged button)
        raise Forbidden(Action.WRITE_LEDGER)
    if ref is None:
        return EntryContext(refs, None, ())
    today = today_in(ref.timezone)
    if days_ago is not None:
        day, check_day = today - timedelta(days=days_ago), True
    if check_day:
        check_entry_day(session, who, ref.id, day, today=today)
    accounts = accounts_by_use(session, who, ref.id, direction)
    if day is None or amount is None or means is None:
        return EntryContext(refs, ref.id, accounts, day=day)
    bank_after = None
    if direction == Direction.DEPENSE and means != Means.ESPECES:
        bank_after = bank_after_expense(session, who, ref.id, day=day, amount=amount)
    return EntryContext(refs, ref.id, accounts, True, bank_after, day)


def record_entry_with_balances(session: Session, who: Who, ledger_id: int, **fields: Any) -> tuple[EntryView, Balances]:
    """record_entry, dated against today where the ledger's coop is, and the ledger's balances after it."""
    ledger, coop = _require_ledger(session, who, Action.WRITE_LEDGER, ledger_id)
    today = today_in(session.get(Department, coop.department_code).timezone)
    entry = record_entry(session, who, ledger_id, today=today, **fields)
    return entry, _balances(session, ledger, entry.fiscal_year)


@dataclass(frozen=True)
class BalancesOverview:
    """/solde: each ledger a person reads, the coops they read whole, and the years still open."""

    today: date  # where the first ledger's coop is
    year: int
    ledgers: tuple[tuple[LedgerRef, Balances], ...]
    coops: tuple[tuple[LedgerRef, CoopBalances], ...]  # a ledger of the coop (for its affiliation), its total
    open_years: tuple[int, ...]  # in any of these coops, latest first


def balances_overview(session: Session, who: Who, year: int | None = None) -> BalancesOverview | None:
    """Every ledger this person reads and every coop they read whole, for ``year`` (default: the
    current fiscal year); None without any ledger. One grouped query per sum, not one per ledger."""
    refs = ledgers_for(session, who, write=False)
    if not refs:
        return None
    today = today_in(refs[0].timezone)
    year = fiscal_year_of(today) if year is None else year
    first_of_coop = {r.coop_id: r for r in reversed(refs)}
    whole = sorted(c for c in first_of_coop if may(who, Action.READ_COOP, coop_id=c))
    ledgers = {x.id: x for x in session.exec(select(Ledger).where(
        Ledger.id.in_([r.id for r in refs]) | Ledger.coop_id.in_(whole)))}  # fmt: skip
    sums = _balances_of(session, list(ledgers.values()), year)
    coops = tuple((first_of_coop[c], CoopBalances(c, year, tuple(sums[x.id] for x in _coop_ledgers(session, c))))
                  for c in whole)  # fmt: skip
    years = {y for c, r in first_of_coop.items() for y in _open_years(session, c, today_in(r.timezone))}
    return BalancesOverview(today, year, tuple((r, sums[r.id]) for r in refs), coops, tuple(sorted(years, reverse=True)))


@dataclass(frozen=True)
class JournalStart:
    """/journal: the ledgers to choose from, or (only one) its first page."""

    refs: tuple[LedgerRef, ...]  # readable
    writable: tuple[int, ...]
    coops: tuple[LedgerRef, ...]  # the school ledger of each coop read whole
    year: int | None = None  # with the first page: its fiscal year, the page, the open years
    page: JournalPage | None = None
    open_years: tuple[int, ...] = ()


def journal_start(session: Session, who: Who, *, limit: int) -> JournalStart:
    """The ledgers this person reads and writes, the coops they read whole; with a single ledger
    and no coop, that ledger's first page of ``limit`` entries of the current year."""
    refs = tuple(ledgers_for(session, who, write=False))
    writable = tuple(r.id for r in ledgers_for(session, who, write=True))
    coops = tuple(r for r in refs if r.kind == LedgerKind.ECOLE and may(who, Action.READ_COOP, coop_id=r.coop_id))
    if len(refs) != 1 or coops:
        return JournalStart(refs, writable, coops)
    today = today_in(refs[0].timezone)
    year = fiscal_year_of(today)
    page = journal(session, who, refs[0].id, year, limit=limit)
    return JournalStart(refs, writable, coops, year, page, _open_years(session, refs[0].coop_id, today))
