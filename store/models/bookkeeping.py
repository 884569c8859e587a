"""The books: entries and their splits, receipts, internal movements, opening balances, bank
statements and their ticks, remises de chèques, cash counts, the closings of a year or a class ledger.
Every amount is a positive integer number of cents; its sign comes from the direction."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import BigInteger, CheckConstraint, Column, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from store.models.columns import enum_column, utcnow


class PieceNumbering(StrEnum):
    SINGLE = "single"  # 1, 2, 3…
    DR = "dr"  # D1, D2… for dépenses and R1, R2… for recettes


class Direction(StrEnum):
    RECETTE = "recette"
    DEPENSE = "depense"


class Treasury(StrEnum):
    BANQUE = "banque"
    CAISSE = "caisse"


class Means(StrEnum):
    ESPECES = "especes"
    CHEQUE = "cheque"
    CARTE = "carte"
    VIREMENT = "virement"
    PRELEVEMENT = "prelevement"


class MovementKind(StrEnum):
    DEPOT = "depot"  # cash deposited at the bank: caisse → banque, one ledger
    RETRAIT = "retrait"  # cash withdrawn: banque → caisse, one ledger
    AVANCE = "avance"  # school ledger → class ledger
    REMBOURSEMENT = "remboursement"  # class ledger → school ledger


class Movement(SQLModel, table=True):
    """An internal movement, neither charge nor produit: its two entries (an outgoing
    dépense and an incoming recette, on internal accounts) point to it."""

    id: int | None = Field(default=None, primary_key=True)
    coop_id: int = Field(foreign_key="coop.id", index=True)
    kind: MovementKind = Field(sa_column=Column(enum_column(MovementKind, 16), nullable=False))
    created_at: datetime = Field(default_factory=utcnow)
    created_by: int | None = Field(default=None, foreign_key="person.id")


class Entry(SQLModel, table=True):
    """An écriture of a ledger. Cancelled entries stay, with their pièce number."""

    __table_args__ = (
        UniqueConstraint("ledger_id", "fiscal_year", "piece_prefix", "piece_number", name="uq_entry_piece"),
        CheckConstraint("amount > 0 AND amount <= 10000000", name="ck_entry_amount"),
        CheckConstraint("piece_number > 0", name="ck_entry_piece_number"),
        CheckConstraint("means <> 'cheque' OR cheque_number IS NOT NULL", name="ck_entry_cheque_number"),
        CheckConstraint("treasury <> 'caisse' OR means = 'especes'", name="ck_entry_caisse_especes"),
    )

    id: int | None = Field(default=None, primary_key=True)
    ledger_id: int = Field(foreign_key="ledger.id", index=True)
    fiscal_year: int  # the year the exercice starts in, from ``day``
    piece_prefix: str = Field(default="", max_length=1)  # '', 'D' or 'R'
    piece_number: int
    day: date
    label: str = Field(max_length=120)
    direction: Direction = Field(sa_column=Column(enum_column(Direction, 8), nullable=False))
    treasury: Treasury = Field(sa_column=Column(enum_column(Treasury, 8), nullable=False))
    means: Means = Field(sa_column=Column(enum_column(Means, 12), nullable=False))
    cheque_number: str | None = Field(default=None, max_length=12)
    amount: int
    project: str | None = Field(default=None, max_length=32, index=True)
    giver: str | None = Field(default=None, max_length=120)  # who gave a grant (subvention), for the CRF's table
    movement_id: int | None = Field(default=None, foreign_key="movement.id", index=True)
    created_at: datetime = Field(default_factory=utcnow)
    created_by: int | None = Field(default=None, foreign_key="person.id")
    cancelled_at: datetime | None = Field(default=None)
    cancelled_by: int | None = Field(default=None, foreign_key="person.id")


class Split(SQLModel, table=True):
    """One part of an entry's ventilation over the chart (the code of store/accounts/*.csv).

    The inventory register is not a table: it is the splits on durable-goods accounts
    (``inventory`` in the chart), so an edit or a cancellation of the entry shows there.
    """

    __table_args__ = (
        UniqueConstraint("entry_id", "account_code", name="uq_split_account"),
        CheckConstraint("amount > 0", name="ck_split_amount"),
    )

    id: int | None = Field(default=None, primary_key=True)
    entry_id: int = Field(foreign_key="entry.id", index=True)
    account_code: str = Field(max_length=8)
    amount: int


class Receipt(SQLModel, table=True):
    """A justificatif (invoice, till receipt) of an entry: the Telegram file and its local copy."""

    __table_args__ = (CheckConstraint("size >= 0", name="ck_receipt_size"),)

    id: int | None = Field(default=None, primary_key=True)
    entry_id: int = Field(foreign_key="entry.id", index=True)
    file_id: str = Field(max_length=255)
    file_unique_id: str = Field(max_length=64)
    path: str = Field(max_length=500)
    mime_type: str = Field(max_length=100)
    size: int = Field(sa_column=Column(BigInteger, nullable=False))
    attached_at: datetime = Field(default_factory=utcnow)
    attached_by: int | None = Field(default=None, foreign_key="person.id")


class OpeningBalance(SQLModel, table=True):
    """A ledger's first report à nouveau: banque and caisse on 1 September of the year it
    starts being kept here. Later years carry the previous year's final balances over
    (computed, see store/balances.py), so there is one row per ledger at most in practice."""

    __table_args__ = (
        UniqueConstraint("ledger_id", "fiscal_year", name="uq_opening_ledger_year"),
        CheckConstraint("caisse >= 0", name="ck_opening_caisse"),
    )

    id: int | None = Field(default=None, primary_key=True)
    ledger_id: int = Field(foreign_key="ledger.id")
    fiscal_year: int
    banque: int
    caisse: int
    set_at: datetime = Field(default_factory=utcnow)
    set_by: int | None = Field(default=None, foreign_key="person.id")


class Statement(SQLModel, table=True):
    """A bank statement of the coop's account (relevé): its date and balance (may be negative)."""

    __table_args__ = (UniqueConstraint("coop_id", "day", name="uq_statement_coop_day"),)

    id: int | None = Field(default=None, primary_key=True)
    coop_id: int = Field(foreign_key="coop.id", index=True)
    day: date
    balance: int
    created_at: datetime = Field(default_factory=utcnow)
    created_by: int | None = Field(default=None, foreign_key="person.id")


class Tick(SQLModel, table=True):
    """A bank entry ticked (pointée) on a statement; an entry is ticked once, for good."""

    id: int | None = Field(default=None, primary_key=True)
    statement_id: int = Field(foreign_key="statement.id", index=True)
    entry_id: int = Field(foreign_key="entry.id", unique=True)
    ticked_at: datetime = Field(default_factory=utcnow)
    ticked_by: int | None = Field(default=None, foreign_key="person.id")


class ChequeDeposit(SQLModel, table=True):
    """A remise de chèques: cheques received, deposited together on one slip; the bank credits its total."""

    __table_args__ = (UniqueConstraint("coop_id", "number", name="uq_chequedeposit_number"),)

    id: int | None = Field(default=None, primary_key=True)
    coop_id: int = Field(foreign_key="coop.id", index=True)
    number: int  # 1, 2, 3… per coop
    day: date
    created_at: datetime = Field(default_factory=utcnow)
    created_by: int | None = Field(default=None, foreign_key="person.id")


class DepositedCheque(SQLModel, table=True):
    """A cheque receipt (entry) on a deposit slip; an entry is on one slip at most."""

    id: int | None = Field(default=None, primary_key=True)
    deposit_id: int = Field(foreign_key="chequedeposit.id", index=True)
    entry_id: int = Field(foreign_key="entry.id", unique=True)


class CashCount(SQLModel, table=True):
    """An arrêté de caisse: the cash counted in a ledger's box, and the book balance then."""

    __table_args__ = (CheckConstraint("counted >= 0", name="ck_cash_count_counted"),)

    id: int | None = Field(default=None, primary_key=True)
    ledger_id: int = Field(foreign_key="ledger.id", index=True)
    day: date
    counted: int
    book: int
    denominations: str | None = Field(default=None, sa_column=Column(Text))  # JSON {cents: count}
    created_at: datetime = Field(default_factory=utcnow)
    created_by: int | None = Field(default=None, foreign_key="person.id")


class YearClosing(SQLModel, table=True):
    """A coop's fiscal year, closed: nothing dated in it changes any more."""

    __table_args__ = (UniqueConstraint("coop_id", "fiscal_year", name="uq_year_closing"),)

    id: int | None = Field(default=None, primary_key=True)
    coop_id: int = Field(foreign_key="coop.id")
    fiscal_year: int
    closed_at: datetime = Field(default_factory=utcnow)
    closed_by: int | None = Field(default=None, foreign_key="person.id")


class LedgerClosing(SQLModel, table=True):
    """A class ledger closed for a fiscal year (/cloture): its balance paid back to the school
    ledger by the two movements named here, and nothing dated in that year changes in it any more."""

    __table_args__ = (UniqueConstraint("ledger_id", "fiscal_year", name="uq_ledger_closing"),)

    id: int | None = Field(default=None, primary_key=True)
    ledger_id: int = Field(foreign_key="ledger.id", index=True)
    fiscal_year: int
    day: date  # the reversement's date
    banque: int  # what was paid back (may be negative: the school covered a deficit)
    caisse: int
    closed_at: datetime = Field(default_factory=utcnow)
    closed_by: int | None = Field(default=None, foreign_key="person.id")
