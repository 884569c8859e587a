"""The journal of a ledger or of a whole coop, month by month or page by page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func
from sqlalchemy.orm import aliased
from sqlmodel import Session, select

from store.access import Action, Forbidden, may
from store.book_years import _open_years, _opening_amounts
from store.books import chart_of, _coop_ledgers, EntryView, JOURNAL_LIMIT_MAX, _require_coop, _require_ledger, _views
from store.entries import get_entry
from store.errors import LedgerError
from store.lookups import LedgerRef, ledgers_for, pick_coop, pick_ledger
from store.models import Department, Direction, Entry, LedgerKind
from store.people import Who
from store.text import plain
from store.years import fiscal_year_of, today_in


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


@dataclass(frozen=True)
class JournalStart:
    """/journal: the ledgers to choose from, or (only one) its first page."""

    refs: tuple[LedgerRef, ...]  # readable
    writable: tuple[int, ...]
    coops: tuple[LedgerRef, ...]  # the school ledger of each coop read whole
    year: int | None = None  # with the first page: its fiscal year, the page, the open years
    page: JournalPage | None = None
    open_years: tuple[int, ...] = ()


def journal_ledgers(session: Session, who: Who) -> JournalStart:
    """The ledgers this person reads and writes, and the coops they read whole: the journal's choice."""
    refs = tuple(ledgers_for(session, who, write=False))
    writable = tuple(r.id for r in ledgers_for(session, who, write=True))
    coops = tuple(r for r in refs if r.kind == LedgerKind.ECOLE and may(who, Action.READ_COOP, coop_id=r.coop_id))
    return JournalStart(refs, writable, coops)


def journal_start(session: Session, who: Who, *, limit: int) -> JournalStart:
    """The ledgers this person reads and writes, the coops they read whole (journal_ledgers); with a single
    ledger and no coop, that ledger's first page of ``limit`` entries of the current year."""
    start = journal_ledgers(session, who)
    refs, writable, coops = start.refs, start.writable, start.coops
    if len(refs) != 1 or coops:
        return start
    today = today_in(refs[0].timezone)
    year = fiscal_year_of(today)
    page = journal(session, who, refs[0].id, year, limit=limit)
    return JournalStart(refs, writable, coops, year, page, _open_years(session, refs[0].coop_id, today))


@dataclass(frozen=True)
class EditStart:
    """✏️ Modifier under an entry just recorded: the entry, its ledger, and the journal's ledgers around it."""

    entry: EntryView
    ledger: LedgerRef
    writable: tuple[int, ...]
    several: bool  # more than one ledger read: the journal offers to choose another


def edit_start(session: Session, who: Who, entry_id: int) -> EditStart:
    """The entry (get_entry, Forbidden unless this person may change it), its ledger, the ledgers they write in,
    and whether they read several."""
    entry = get_entry(session, who, entry_id)
    refs = ledgers_for(session, who, write=False)
    ledger = next((r for r in refs if r.id == entry.ledger_id), None)
    if ledger is None:
        raise Forbidden(Action.READ_LEDGER)
    writable = tuple(r.id for r in ledgers_for(session, who, write=True))
    if entry.ledger_id not in writable:
        raise Forbidden(Action.WRITE_LEDGER)
    return EditStart(entry, ledger, writable, len(refs) > 1)


@dataclass(frozen=True)
class JournalOpened:
    """A ledger (or a coop read whole) chosen for its journal: it, and its first page of the current year."""

    ledger: LedgerRef  # the coop's school ledger, for a coop read whole
    year: int
    page: JournalPage
    open_years: tuple[int, ...]


def journal_open(session: Session, who: Who, *, ledger_id: int | None = None, coop_id: int | None = None,
                 limit: int) -> JournalOpened:  # fmt: skip
    """The ledger ``ledger_id`` this person reads (pick_ledger), or the coop ``coop_id`` they read whole
    (pick_coop), with the first page of ``limit`` entries of the current year where it is (journal_page)."""
    if coop_id is not None:
        ref = pick_coop(session, who, coop_id, Action.READ_COOP)
    else:
        ref = pick_ledger(session, who, ledger_id, Action.READ_LEDGER)
    year = fiscal_year_of(today_in(ref.timezone))
    page, years = journal_page(session, who, None if coop_id is not None else ref.id, year, years_of=ref.id,
                               limit=limit, coop_id=ref.coop_id)  # fmt: skip
    return JournalOpened(ref, year, page, years)
