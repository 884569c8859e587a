"""What every bookkeeping module needs: access to a coop, ledger or entry, the checks of an
amount, a label, a means or a ventilation, pièce numbers and the views of entries. The
bookkeeping is split by concept: entries, journal, movements, balances, reconciliation,
cashcounts, projects and lookups; this module and store/book_years.py (the years open to
changes, the report à nouveau, the caisse's running balance) hold what they share.

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
- The bank reconciliation is per coop (one bank account, at the AD's bank, for the
  school and its classes): see ``Reconciliation``.
- The inventory register is derived from the splits on the chart's inventory accounts
  (68000008 biens durables), so edits and cancellations show in it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, select

from store import audit
from store.access import Action, Forbidden, require
from store.accounts import DEFAULT_CHART, Account, AccountClass, Chart, load_chart, normalise
from store.errors import LedgerError
from store.models import (
    ChequeDeposit, Coop, Department, DepositedCheque, Direction, Entry, Ledger, LedgerKind, Means, Movement,
    MovementKind, PieceNumbering, Receipt, Split, Statement, Tick, Treasury,
)  # fmt: skip
from store.money import MAX_CENTS
from store.people import Who
from store.text import plain, says_something


LABEL_MAX = 120
GIVER_MAX = 120


JOURNAL_LIMIT_MAX = 50


_CHEQUE_NUMBER = re.compile(r"\d{1,12}")


PROJECT_MAX = 32  # characters of a #projet
_PROJECT = re.compile(rf"[a-z0-9-]{{1,{PROJECT_MAX}}}")


BANK_MEANS = (Means.CHEQUE, Means.CARTE, Means.VIREMENT, Means.PRELEVEMENT)


BETWEEN = (MovementKind.AVANCE, MovementKind.REMBOURSEMENT)  # between the school ledger and a class ledger


class _Unchanged:
    def __repr__(self) -> str:
        return "UNCHANGED"


UNCHANGED: Any = _Unchanged()  # edit_entry: leave this field as it is


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
    report_sent: bool = False  # its year's report is with the AD: a change modifies it (get_entry only)

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


def _coop(session: Session, coop_id: int | None, action: Action = Action.READ_LEDGER) -> Coop:
    """The coop; one that does not exist is refused like someone else's (nothing to learn from ids)."""
    coop = session.get(Coop, coop_id) if coop_id is not None else None
    if coop is None:
        raise Forbidden(action)
    return coop


# The coop's row puts what changes its books and what sends or validates its report in turn (PostgreSQL; SQLite
# has one writer at a time), always taken before a ledger's or the report's: ledger writers hold it side by side
# (FOR KEY SHARE), a statement, a remise, a ledger's reopening one at a time (FOR NO KEY UPDATE), the report's
# sending, its validation and a quitus alone (FOR UPDATE, store/reports.py's hold_books). So a report goes with
# the books as committed, and a change waiting for its sending sees it sent and makes it "modifié" (store/reports.py's
# listener), or withdraws the quitus given.


def _share_coop(session: Session, ledger_id: int) -> None:
    """Lock the ledger's coop's row beside the other ledger writers, until the transaction ends."""
    session.exec(select(Coop.id).join(Ledger, Ledger.coop_id == Coop.id).where(Ledger.id == ledger_id)
                 .with_for_update(read=True, key_share=True, of=Coop)).first()  # fmt: skip


def _take_coop(session: Session, coop_id: int) -> None:
    """Lock the coop's row against the other writers of its books, until the transaction ends."""
    session.exec(select(Coop.id).where(Coop.id == coop_id).with_for_update(key_share=True)).one()


def _require_coop(session: Session, who: Who, action: Action, coop_id: int) -> Coop:
    """The coop, if ``who`` may do ``action`` there; anything but reading locks its row (PostgreSQL)
    until the transaction ends: a statement's day, a year's closing are checked, then written."""
    coop = _coop(session, coop_id, action)
    require(who, action, coop_id=coop.id, department_code=coop.department_code)
    if action != Action.READ_LEDGER:
        _take_coop(session, coop.id)
    return coop


def _require_ledger(session: Session, who: Who, action: Action, ledger_id: int | None) -> tuple[Ledger, Coop]:
    """The ledger and its coop, if ``who`` may do ``action`` there. Writing locks the ledger row
    until the transaction ends (PostgreSQL), so that what is checked next (the caisse, the
    next pièce number) cannot change before the write: concurrent writers take turns. The coop's
    row is locked first, shared (see _share_coop)."""
    ledger = None
    if ledger_id is not None:
        query = select(Ledger).where(Ledger.id == ledger_id)
        if action == Action.WRITE_LEDGER:
            _share_coop(session, ledger_id)
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
    if not cleaned:
        raise LedgerError("label_empty")
    if len(cleaned) > LABEL_MAX:
        raise LedgerError("label_length")
    return cleaned


def typed_label(label: str) -> str:
    """A label a person typed (an entry's, a movement's): not empty (label_empty), LABEL_MAX characters at most
    (label_length), a letter or a digit among them (label_letters). A bank file's « — » for a line without one is
    the import's, not typed."""
    cleaned = _clean_label(label)
    require_words(cleaned, "label_letters")
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


def require_words(text: str | None, reason: str) -> None:
    """Text a person typed for others to read (a label, a giver): refused as ``reason`` without a letter or a
    digit. Not a rule of every label: the bank file's « — » for a line without one is the import's."""
    if text is not None and not says_something(text):
        raise LedgerError(reason)


def clean_giver(chart: Chart, direction: Direction, parts: Sequence[tuple[str, int]], giver: str | None, *,
                typed: bool = True) -> str | None:  # fmt: skip
    """A grant's giver (the CRF's tableau des subventions): required on a recette to a grant account, else None;
    one ``typed`` now says something (one kept from before is not checked again)."""
    if direction != Direction.RECETTE or not set(chart.grant_codes()) & {code for code, _ in parts}:
        return None
    return typed_giver(giver, typed=typed)


def typed_giver(giver: str | None, *, typed: bool = True) -> str:
    """A grant's giver as written: 1 to 120 characters, saying something when ``typed`` now."""
    cleaned = " ".join(plain(giver or "").split())
    if not cleaned:
        raise LedgerError("giver_required")
    if len(cleaned) > GIVER_MAX:
        raise LedgerError("giver_length")
    if typed:
        require_words(cleaned, "giver_letters")
    return cleaned


def treasury_of(means: Means) -> Treasury:
    """Where money paid by ``means`` is kept: espèces in the caisse, everything else at the banque."""
    return Treasury.CAISSE if Means(means) == Means.ESPECES else Treasury.BANQUE


def _check_means(treasury: Treasury, means: Means, direction: Direction | None) -> None:
    """Cash is the caisse's only means, and the caisse's only means is cash; a prélèvement only takes money out
    (``direction`` None: the means is kept as recorded, perhaps before that rule)."""
    if direction == Direction.RECETTE and means == Means.PRELEVEMENT:
        raise LedgerError("means_direction")
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


def _tick_of(session: Session, entry_id: int) -> Tick | None:
    return session.exec(select(Tick).where(Tick.entry_id == entry_id)).first()


def _deposited(session: Session, entry_ids: list[int]) -> bool:
    """Whether one of these entries is a cheque on a remise: the slip's total is what the bank credits."""
    return session.exec(select(DepositedCheque.id).where(DepositedCheque.entry_id.in_(entry_ids))).first() is not None


def _coop_ledgers(session: Session, coop_id: int) -> list[Ledger]:
    ledgers = session.exec(select(Ledger).where(Ledger.coop_id == coop_id)).all()
    return sorted(ledgers, key=lambda x: (x.kind != LedgerKind.ECOLE, x.name.casefold(), x.id))


def _undeposited() -> list[Any]:
    """Conditions of a live cheque received at the bank, on no slip and not ticked yet."""
    return [Entry.direction == Direction.RECETTE, Entry.means == Means.CHEQUE, Entry.treasury == Treasury.BANQUE,
            Entry.cancelled_at.is_(None), Entry.id.not_in(select(DepositedCheque.entry_id)),
            Entry.id.not_in(select(Tick.entry_id))]  # fmt: skip
