"""Balances of a ledger and of a coop, opening balances and the overview (a year is locked by the AD's
validation of its report: store/report_sending.py)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func
from sqlmodel import Session, select

from store import audit
from store.access import Action, may
from store.book_years import _caisse_lows, _open_years, _opening_amounts, _require_open_year, _require_started, require_warned, _worse
from store.books import _check_cents, _coop_ledgers, _require_coop, _require_ledger, _undeposited
from store.errors import LedgerError
from store.lookups import LedgerRef, ledgers_for
from store.models import (
    Direction, Entry, Ledger, LedgerKind, Means, OpeningBalance, Statement, Tick, Treasury, utcnow,
)  # fmt: skip
from store.money import MAX_CENTS
from store.people import Who
from store.years import fiscal_year_bounds, fiscal_year_of, today_in


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


def coop_balances(session: Session, who: Who, coop_id: int, year: int) -> CoopBalances:
    """Every ledger of the coop, and their consolidation (the mandataire's, vérificateurs', AD's view)."""
    coop = _require_coop(session, who, Action.READ_LEDGER, coop_id)
    ledgers = _coop_ledgers(session, coop.id)
    return CoopBalances(coop.id, year, tuple(_balances_of(session, ledgers, year).values()))


@dataclass(frozen=True)
class OpeningChoices:
    """What /report's question says: the years it may be typed for, and what it would replace."""

    years: tuple[int, ...]  # the open years whose report à nouveau this ledger may take (not before its books start)
    typed: tuple[int, int] | None  # (banque, caisse) already typed for the year asked, which typing replaces


def _books_start(session: Session, ledger_ids: Sequence[int]) -> dict[int, int]:
    """The fiscal year each ledger's books start in: its first report à nouveau or live entry. A ledger with
    neither is left out: its books may start in any open year."""
    openings = select(OpeningBalance.ledger_id, func.min(OpeningBalance.fiscal_year)) \
        .where(OpeningBalance.ledger_id.in_(ledger_ids)).group_by(OpeningBalance.ledger_id)
    entries = select(Entry.ledger_id, func.min(Entry.fiscal_year)) \
        .where(Entry.ledger_id.in_(ledger_ids), Entry.cancelled_at.is_(None)).group_by(Entry.ledger_id)
    starts: dict[int, int] = {}
    for ledger_id, year in [*session.exec(openings), *session.exec(entries)]:
        starts[ledger_id] = min(year, starts.get(ledger_id, year))
    return starts


def opening_choices(session: Session, who: Who, ledger_id: int, year: int, today: date) -> OpeningChoices:
    """The open years a ledger's report à nouveau may be typed for, as set_opening_balance allows it: not before
    the year its books start in (before_opening), nor after a year it has books in (carried_forward: computed);
    and the one already typed for ``year``."""
    ledger, coop = _require_ledger(session, who, Action.WRITE_LEDGER, ledger_id)
    rows = {row.fiscal_year: row
            for row in session.exec(select(OpeningBalance).where(OpeningBalance.ledger_id == ledger.id))}
    starts = _books_start(session, [ledger.id]).get(ledger.id)
    years = tuple(y for y in _open_years(session, coop.id, today)
                  if starts is None or y == starts or (y < starts and not rows))  # fmt: skip
    row = rows.get(year)
    return OpeningChoices(years, (row.banque, row.caisse) if row else None)


def set_opening_balance(session: Session, who: Who, ledger_id: int, year: int, *, banque: int, caisse: int,
                        today: date, warned: bool = False) -> Balances:  # fmt: skip
    """A ledger's first report à nouveau (banque and caisse on 1 September of an open year).
    Once a ledger has books of an earlier year, its opening is their final balance. A year whose
    report is with the AD: refused (report_unconfirmed) unless the person was ``warned``."""
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
    require_warned(session, coop.id, year, warned)
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
    current fiscal year), leaving out the ledgers whose books start later (and a coop with none left); None
    without any ledger. One grouped query per sum, not one per ledger."""
    refs = ledgers_for(session, who, write=False)
    if not refs:
        return None
    today = today_in(refs[0].timezone)
    year = fiscal_year_of(today) if year is None else year
    first_of_coop = {r.coop_id: r for r in reversed(refs)}
    whole = sorted(c for c in first_of_coop if may(who, Action.READ_COOP, coop_id=c))
    ledgers = {x.id: x for x in session.exec(select(Ledger).where(
        Ledger.id.in_([r.id for r in refs]) | Ledger.coop_id.in_(whole)))}  # fmt: skip
    if year != fiscal_year_of(today):  # (every ledger's books start this year at the latest)
        starts = _books_start(session, list(ledgers))
        ledgers = {i: x for i, x in ledgers.items() if starts.get(i, year) <= year}  # not before their books start
    sums = _balances_of(session, list(ledgers.values()), year)
    coops = tuple((first_of_coop[c], CoopBalances(c, year, tuple(sums[x.id] for x in _coop_ledgers(session, c)
                                                                  if x.id in sums)))
                  for c in whole if any(x.coop_id == c for x in ledgers.values()))  # fmt: skip
    years = {y for c, r in first_of_coop.items() for y in _open_years(session, c, today_in(r.timezone))}
    return BalancesOverview(today, year, tuple((r, sums[r.id]) for r in refs if r.id in sums), coops,
                            tuple(sorted(years, reverse=True)))  # fmt: skip
