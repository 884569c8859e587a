"""The tables. Money is always an integer number of cents; instants are UTC."""

from __future__ import annotations

from datetime import date, datetime, timezone
from enum import StrEnum

from sqlalchemy import BigInteger, CheckConstraint, Column, Index, Text, UniqueConstraint, text
from sqlalchemy import Enum as SAEnum
from sqlmodel import Field, SQLModel


def _enum(enum_class: type[StrEnum], length: int) -> SAEnum:
    """Stored as its lowercase value, checked by the database."""
    return SAEnum(
        enum_class, native_enum=False, length=length, values_callable=lambda e: [m.value for m in e]
    )


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class RoleKind(StrEnum):
    AD = "ad"
    MANDATAIRE = "mandataire"
    SIGNATAIRE = "signataire"
    ENSEIGNANT = "enseignant"
    VERIFICATEUR = "verificateur"


class LedgerKind(StrEnum):
    ECOLE = "ecole"
    CLASSE = "classe"


class Department(SQLModel, table=True):
    """An OCCE departmental association (AD), e.g. 974 = La Réunion."""

    code: str = Field(primary_key=True, max_length=3)
    name: str = Field(max_length=120)
    timezone: str = Field(default="Europe/Paris", max_length=64)
    # Month-day settings, "MM-DD", because they repeat every year.
    membership_opens: str = Field(default="09-01", max_length=5)
    membership_closes: str = Field(default="09-30", max_length=5)
    report_deadline: str = Field(default="09-30", max_length=5)
    cotisation_cents: int = Field(default=205)
    assurance_cents: int = Field(default=25)
    adult_rate_cents: int | None = Field(default=None)
    chart: str = Field(default="occe", max_length=32)
    # Pièce numbers: 'single' (1, 2, 3…) or 'dr' (D1, D2… for dépenses, R1, R2… for recettes).
    piece_numbering: str = Field(default="single", max_length=8,
                                 sa_column_kwargs={"server_default": "single"})
    # Reminders (issue 14): days before a deadline, the hours they may be sent, school holidays
    # ("AAAA-MM-JJ:AAAA-MM-JJ" ranges, comma-separated), how long a membership may wait for the AD.
    reminder_days: str = Field(default="15,7,3,1", max_length=40, sa_column_kwargs={"server_default": "15,7,3,1"})
    reminder_from_hour: int = Field(default=8, sa_column_kwargs={"server_default": "8"})
    reminder_until_hour: int = Field(default=19, sa_column_kwargs={"server_default": "19"})
    school_holidays: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))
    validation_wait_days: int = Field(default=3, sa_column_kwargs={"server_default": "3"})
    report_prepare: str = Field(default="07-01", max_length=5, sa_column_kwargs={"server_default": "07-01"})


class Coop(SQLModel, table=True):
    """A school cooperative affiliated to a department, e.g. 974-111."""

    id: int | None = Field(default=None, primary_key=True)
    affiliation: str = Field(unique=True, max_length=16)
    school_name: str = Field(max_length=120)
    commune: str = Field(default="", max_length=80)
    department_code: str = Field(foreign_key="department.code", index=True)
    # Recorded from the first bank statement imported; later files must name the same account.
    bank_account: str | None = Field(default=None, max_length=34)


class Person(SQLModel, table=True):
    """Someone who uses the bot, known by their Telegram account once linked."""

    id: int | None = Field(default=None, primary_key=True)
    # Telegram ids do not fit in 32 bits.
    telegram_id: int | None = Field(default=None, sa_column=Column(BigInteger, unique=True))
    name: str = Field(max_length=120)
    email: str | None = Field(default=None, max_length=254)
    language: str = Field(default="fr", max_length=8)


class Role(SQLModel, table=True):
    """What a person may do where. An ended role keeps its history."""

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id", index=True)
    kind: RoleKind = Field(
        sa_column=Column(_enum(RoleKind, 16), nullable=False)
    )
    department_code: str | None = Field(default=None, foreign_key="department.code")
    coop_id: int | None = Field(default=None, foreign_key="coop.id", index=True)
    ledger_id: int | None = Field(default=None, foreign_key="ledger.id")
    started_at: datetime = Field(default_factory=utcnow)
    ended_at: datetime | None = Field(default=None)


class Ledger(SQLModel, table=True):
    """A cahier: the school's, or one class's."""

    __table_args__ = (
        Index("uq_ledger_coop_name", "coop_id", text("lower(name)"), unique=True),
    )

    id: int | None = Field(default=None, primary_key=True)
    coop_id: int = Field(foreign_key="coop.id", index=True)
    name: str = Field(max_length=10)
    kind: LedgerKind = Field(
        sa_column=Column(_enum(LedgerKind, 8), nullable=False)
    )
    created_at: datetime = Field(default_factory=utcnow)


class ChatState(SQLModel, table=True):
    """The bot's conversation states and user/chat data, as JSON (see bot/infra/persistence.py)."""

    __table_args__ = (UniqueConstraint("kind", "name", "key", name="uq_chat_state"),)

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=16)  # conversation, user, chat
    name: str = Field(default="", max_length=64)  # the conversation's name
    key: str = Field(max_length=64)
    data: str = Field(sa_column=Column(Text, nullable=False))
    updated_at: datetime = Field(default_factory=utcnow)


class Invitation(SQLModel, table=True):
    """A single-use link that gives its opener a role. Only the code's hash is kept."""

    id: int | None = Field(default=None, primary_key=True)
    code_hash: str = Field(max_length=64, unique=True)
    role: RoleKind = Field(sa_column=Column(_enum(RoleKind, 16), nullable=False))
    department_code: str | None = Field(default=None, foreign_key="department.code")
    coop_id: int | None = Field(default=None, foreign_key="coop.id")
    ledger_id: int | None = Field(default=None, foreign_key="ledger.id")
    # The person the role is meant for, when already known (imported mandataire).
    person_id: int | None = Field(default=None, foreign_key="person.id")
    invited_by: int | None = Field(default=None, foreign_key="person.id")
    created_at: datetime = Field(default_factory=utcnow)
    expires_at: datetime
    used_at: datetime | None = Field(default=None)
    used_by: int | None = Field(default=None, foreign_key="person.id")
    revoked_at: datetime | None = Field(default=None)  # withdrawn by someone who may issue it
    revoked_by: int | None = Field(default=None, foreign_key="person.id")


class MandateChange(SQLModel, table=True):
    """A change of mandataire: designated by invitation, confirmed by the AD."""

    id: int | None = Field(default=None, primary_key=True)
    coop_id: int = Field(foreign_key="coop.id", index=True)
    invitation_id: int = Field(foreign_key="invitation.id", unique=True)
    requested_by: int = Field(foreign_key="person.id")
    requested_at: datetime = Field(default_factory=utcnow)
    successor_id: int | None = Field(default=None, foreign_key="person.id")
    confirmed_by: int | None = Field(default=None, foreign_key="person.id")
    confirmed_at: datetime | None = Field(default=None)


class ContactMessage(SQLModel, table=True):
    """A question to the AD (Retkoop's forum), and the copies of it sent to AD staff."""

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id")
    coop_id: int | None = Field(default=None, foreign_key="coop.id")
    department_code: str = Field(foreign_key="department.code")
    text: str = Field(sa_column=Column(Text, nullable=False))
    created_at: datetime = Field(default_factory=utcnow)


class ContactCopy(SQLModel, table=True):
    """Where a contact message was delivered, so that a reply to it finds its way back."""

    __table_args__ = (UniqueConstraint("chat_id", "message_id", name="uq_contact_copy"),)

    id: int | None = Field(default=None, primary_key=True)
    contact_id: int = Field(foreign_key="contactmessage.id")
    chat_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    message_id: int


class Adhesion(SQLModel, table=True):
    """A coop's membership for one school year, and who validated it."""

    __table_args__ = (UniqueConstraint("coop_id", "year", name="uq_adhesion_coop_year"),)

    id: int | None = Field(default=None, primary_key=True)
    coop_id: int = Field(foreign_key="coop.id")
    year: int  # the fiscal year it starts in: 2026 for 2026-2027
    submitted_at: datetime | None = Field(default=None)  # the mandataire's engagement
    submitted_by: int | None = Field(default=None, foreign_key="person.id")
    validated_at: datetime | None = Field(default=None)  # the AD's validation
    validated_by: int | None = Field(default=None, foreign_key="person.id")


class AdhesionRow(SQLModel, table=True):
    """One class of the membership table; its class ledger lives across years (one row a year holds it)."""

    __table_args__ = (UniqueConstraint("adhesion_id", "ledger_id", name="uq_adhesionrow_adhesion_ledger"),)

    id: int | None = Field(default=None, primary_key=True)
    adhesion_id: int = Field(foreign_key="adhesion.id", index=True)
    class_name: str = Field(max_length=30)
    pupils: int
    other_adults: int
    ledger_id: int | None = Field(default=None, foreign_key="ledger.id", index=True)
    created_at: datetime = Field(default_factory=utcnow)


class AdhesionTeacher(SQLModel, table=True):
    """A teacher of an adhesion row; the row's teacher count is how many there are."""

    id: int | None = Field(default=None, primary_key=True)
    row_id: int = Field(foreign_key="adhesionrow.id", index=True)
    name: str = Field(max_length=120)
    email: str = Field(max_length=254)


# ---------------------------------------------------------------- bookkeeping
# Every amount is a positive integer number of cents; its sign comes from the direction.


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
    kind: MovementKind = Field(sa_column=Column(_enum(MovementKind, 16), nullable=False))
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
    direction: Direction = Field(sa_column=Column(_enum(Direction, 8), nullable=False))
    treasury: Treasury = Field(sa_column=Column(_enum(Treasury, 8), nullable=False))
    means: Means = Field(sa_column=Column(_enum(Means, 12), nullable=False))
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


class AuditEvent(SQLModel, table=True):
    """Who changed what, when: the state before and after, as JSON (see store/audit.py)."""

    __table_args__ = (Index("ix_auditevent_entity", "entity", "entity_id"),)

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow)
    person_id: int | None = Field(default=None, foreign_key="person.id")
    coop_id: int | None = Field(default=None, foreign_key="coop.id", index=True)
    entity: str = Field(max_length=32)
    entity_id: int
    action: str = Field(max_length=16)
    before: str | None = Field(default=None, sa_column=Column(Text))
    after: str | None = Field(default=None, sa_column=Column(Text))


class SeenUpdate(SQLModel, table=True):
    """A Telegram update already handled: a webhook retry or a replay after a crash is not handled twice."""

    update_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    seen_at: datetime = Field(default_factory=utcnow, index=True)


class ForgottenAccount(SQLModel, table=True):
    """A Telegram account whose person was forgotten (RGPD): the running bot must not write
    its chat data back, unless the account is linked to someone again."""

    id: int | None = Field(default=None, primary_key=True)
    telegram_id: int = Field(sa_column=Column(BigInteger, nullable=False, unique=True))
    forgotten_at: datetime = Field(default_factory=utcnow)


# ---------------------------------------------------------------- outbox (issue 14; rules in store/outbox.py)


class OutboxState(StrEnum):
    PENDING = "pending"  # written, waiting for its time
    SENDING = "sending"  # claimed by a sender: from here on it is never handed out again
    SENT = "sent"
    UNKNOWN = "unknown"  # perhaps sent (the sender died, or the answer was lost): never resent
    BLOCKED = "blocked"  # the person blocked the bot (403)
    FAILED = "failed"  # Telegram refused it for good (chat not found, no Telegram account…)


class OutboxMessage(SQLModel, table=True):
    """A message to one person, written before it is sent; its key makes it unique for good."""

    __table_args__ = (Index("ix_outbox_due", "state", "due_at"),)

    id: int | None = Field(default=None, primary_key=True)
    # kind:step:coop:person:year, e.g. "adhesion:j-7:12:34:2026" (coop "-" when none).
    key: str = Field(max_length=160, unique=True)
    kind: str = Field(max_length=32)
    step: str = Field(max_length=32)
    coop_id: int | None = Field(default=None, foreign_key="coop.id", index=True)
    person_id: int = Field(foreign_key="person.id", index=True)
    department_code: str = Field(foreign_key="department.code", index=True)
    year: int
    params: str = Field(default="{}", sa_column=Column(Text, nullable=False))  # JSON, for the text
    batch: str | None = Field(default=None, max_length=64, index=True)  # e.g. an announcement's id
    state: OutboxState = Field(default=OutboxState.PENDING, sa_column=Column(_enum(OutboxState, 8), nullable=False))
    due_at: datetime  # not before (UTC)
    created_at: datetime = Field(default_factory=utcnow)
    created_by: int | None = Field(default=None, foreign_key="person.id")
    claimed_at: datetime | None = Field(default=None)
    done_at: datetime | None = Field(default=None)
    error: str | None = Field(default=None, max_length=200)
    # Runs that tried it without reaching Telegram (no connection): it waits for the next run, up to a bound.
    attempts: int = Field(default=0, sa_column_kwargs={"server_default": "0"})


class ReminderSettings(SQLModel, table=True):
    """A person's choices for reminders (/rappels), and whether they blocked the bot."""

    person_id: int = Field(foreign_key="person.id", primary_key=True)
    muted: str = Field(default="", max_length=200)  # kinds, comma-separated
    hour: int | None = Field(default=None)  # the hour they prefer, department time
    blocked_at: datetime | None = Field(default=None)


class Announcement(SQLModel, table=True):
    """A message of AD staff to the department's mandataires (/annonce); each copy goes through the outbox."""

    id: int | None = Field(default=None, primary_key=True)
    department_code: str = Field(foreign_key="department.code", index=True)
    person_id: int = Field(foreign_key="person.id")
    audience: str = Field(max_length=16)  # all, late, commune (store.followup.AUDIENCES)
    commune: str = Field(default="", max_length=80)
    text: str = Field(sa_column=Column(Text, nullable=False))
    created_at: datetime = Field(default_factory=utcnow)


# ---------------------------------------------------------------- yearly reports (store/reports.py)


class ReportStatus(StrEnum):
    """Where a coop's yearly report (CRF + CRA) stands; "cahiers non clos" is derived, not stored."""

    IN_PROGRESS = "in_progress"
    QUITUS_REQUESTED = "quitus_requested"
    SENT = "sent"
    TO_COMPLETE = "to_complete"  # sent back by the AD with a comment
    MODIFIED = "modified"  # changed after it was sent
    VALIDATED = "validated"  # the AD validated it: the year is locked (YearClosing)


class Report(SQLModel, table=True):
    """A coop's yearly report for one fiscal year: its state and the CRA's answers."""

    __table_args__ = (UniqueConstraint("coop_id", "fiscal_year", name="uq_report_coop_year"),)

    id: int | None = Field(default=None, primary_key=True)
    coop_id: int = Field(foreign_key="coop.id", index=True)
    fiscal_year: int
    status: ReportStatus = Field(sa_column=Column(_enum(ReportStatus, 16), nullable=False))
    councils: int | None = Field(default=None)  # conseils de coopérative held
    occe_actions: str | None = Field(default=None, sa_column=Column(Text))
    comments: str | None = Field(default=None, sa_column=Column(Text))
    projects_done: bool = Field(default=False)  # the CRA's projects step answered
    started_at: datetime = Field(default_factory=utcnow)
    started_by: int | None = Field(default=None, foreign_key="person.id")
    quitus_requested_at: datetime | None = Field(default=None)
    sent_at: datetime | None = Field(default=None)
    sent_by: int | None = Field(default=None, foreign_key="person.id")
    ad_comment: str | None = Field(default=None, sa_column=Column(Text))
    modified_at: datetime | None = Field(default=None)
    change_told: bool = Field(default=True)  # False: a change after sending, not yet told
    validated_at: datetime | None = Field(default=None)
    validated_by: int | None = Field(default=None, foreign_key="person.id")


class ReportProject(SQLModel, table=True):
    """One of the year's projects in the CRA."""

    id: int | None = Field(default=None, primary_key=True)
    report_id: int = Field(foreign_key="report.id", index=True)
    title: str = Field(max_length=80)
    classes: str = Field(default="", max_length=120)
    description: str = Field(default="", max_length=500)


class Quitus(SQLModel, table=True):
    """A vérificateur aux comptes' quitus: they checked the accounts (their name, the date, parent or not)."""

    __table_args__ = (UniqueConstraint("report_id", "person_id", name="uq_quitus_person"),)

    id: int | None = Field(default=None, primary_key=True)
    report_id: int = Field(foreign_key="report.id", index=True)
    person_id: int = Field(foreign_key="person.id")
    name: str = Field(max_length=120)
    parent: bool
    day: date
    confirmed_at: datetime = Field(default_factory=utcnow)


class ReportAttachment(SQLModel, table=True):
    """A document sent with the report: the August bank statement, or the proof of a public grant."""

    id: int | None = Field(default=None, primary_key=True)
    report_id: int = Field(foreign_key="report.id", index=True)
    kind: str = Field(max_length=16)  # statement, grant
    entry_id: int | None = Field(default=None, foreign_key="entry.id")  # a grant proof: the grant it proves
    path: str = Field(max_length=500)
    mime_type: str = Field(max_length=100)
    size: int = Field(sa_column=Column(BigInteger, nullable=False))
    attached_at: datetime = Field(default_factory=utcnow)
    attached_by: int | None = Field(default=None, foreign_key="person.id")
