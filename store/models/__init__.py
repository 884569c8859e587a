"""The tables. Money is always an integer number of cents; instants are UTC.

One module per feature: coops (departments, coops, people, roles, ledgers, invitations), adhesion,
bookkeeping, reports, messages (contact, outbox, reminders, announcements) and records (the bot's own:
conversations, updates seen, forgotten accounts, the audit trail). Every table is imported here, so that
``import store.models`` puts them all on SQLModel.metadata (Alembic, tests/store/test_schema.py) and the
code imports them from ``store.models`` whichever module defines them."""

from __future__ import annotations

from store.models.adhesion import Adhesion, AdhesionRow, AdhesionTeacher
from store.models.bookkeeping import (
    CashCount, ChequeDeposit, DepositedCheque, Direction, Entry, LedgerClosing, Means, Movement, MovementKind,
    OpeningBalance, PieceNumbering, Receipt, Split, Statement, Tick, Treasury, YearClosing,
)  # fmt: skip
from store.models.columns import utcnow
from store.models.coops import Coop, Department, Invitation, Ledger, LedgerKind, MandateChange, Person, Role, RoleKind
from store.models.messages import (
    Announcement, ContactCopy, ContactMessage, OutboxMessage, OutboxState, ReminderSettings,
)  # fmt: skip
from store.models.records import AuditEvent, ChatState, ForgottenAccount, SeenUpdate
from store.models.reports import Quitus, Report, ReportAttachment, ReportProject, ReportStatus

__all__ = [
    "Adhesion", "AdhesionRow", "AdhesionTeacher",
    "CashCount", "ChequeDeposit", "DepositedCheque", "Direction", "Entry", "LedgerClosing", "Means", "Movement",
    "MovementKind", "OpeningBalance", "PieceNumbering", "Receipt", "Split", "Statement", "Tick", "Treasury",
    "YearClosing",
    "utcnow",
    "Coop", "Department", "Invitation", "Ledger", "LedgerKind", "MandateChange", "Person", "Role", "RoleKind",
    "Announcement", "ContactCopy", "ContactMessage", "OutboxMessage", "OutboxState", "ReminderSettings",
    "AuditEvent", "ChatState", "ForgottenAccount", "SeenUpdate",
    "Quitus", "Report", "ReportAttachment", "ReportProject", "ReportStatus",
]  # fmt: skip
