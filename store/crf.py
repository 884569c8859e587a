"""The figures of a coop's compte rendu financier (CRF) for one fiscal year.

``year_report`` gathers, over the school ledger and every class ledger folded in, the
sections of OCCE's report: comptes de fonctionnement, bilan, rapprochement bancaire,
arrêté de caisse, tableau des subventions, inventaire, and what is still missing
before the report can be sent (reason codes with their details; bot/ words them).

Design choices:

- The CRF's lines are data, ``store/accounts/crf/<chart>.csv`` (the department's chart
  name; the default file otherwise): each line groups account codes by prefix, and a
  split goes to the line with the longest matching prefix of its side, so a line with
  the bare class digit ("6", "7") catches any account a chart adds later.
- Internal movements (class 5 accounts) are left out: between the coop's own ledgers
  they cancel out, nothing is counted twice.
- "Not cashed" at year end means not ticked on a statement dated on or before 31/08: a
  September statement ticking last year's cheque does not move last year's figures.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, select

from store import balances, book_years, books, projects, reconciliation
from store.access import Action, require
from store.accounts import CHARTS, DEFAULT_CHART, AccountClass, Chart, ChartError
from store.models import (
    CashCount, Coop, Department, Direction, Entry, Ledger, LedgerClosing, LedgerKind, Means, Split, Statement,
)  # fmt: skip
from store.people import Who
from store.years import fiscal_year_bounds

CRF_LINES = CHARTS / "crf"


# ---------------------------------------------------------------- the CRF's lines, as data


@dataclass(frozen=True)
class LineDef:
    key: str
    side: AccountClass  # CHARGE or PRODUIT
    label: str
    prefixes: tuple[str, ...]


@lru_cache(maxsize=32)
def load_lines(name: str = DEFAULT_CHART, directory: Path = CRF_LINES) -> tuple[LineDef, ...]:
    """The CRF lines of a chart, in the file's order (the default chart's if it ships none)."""
    path = directory / f"{name}.csv"
    if not path.is_file():
        path = directory / f"{DEFAULT_CHART}.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    lines = []
    for number, row in enumerate(rows, start=2):
        try:
            side = AccountClass(int(row["side"]))
            prefixes = tuple(p.strip() for p in row["accounts"].split("|") if p.strip())
            key, label = row["key"].strip(), " ".join(row["label"].split())
        except (KeyError, ValueError, AttributeError):
            raise ChartError("bad_line", str(path), number) from None
        if side == AccountClass.INTERNAL or not key or not label or not prefixes or any(
                not p.isdigit() or p[0] != str(side.value) for p in prefixes):  # fmt: skip
            raise ChartError("bad_line", str(path), number)
        lines.append(LineDef(key, side, label, prefixes))
    return tuple(lines)


def line_of(lines: tuple[LineDef, ...], code: str) -> LineDef | None:
    """The line an account code goes to: the longest prefix that matches it."""
    best, length = None, 0
    for line in lines:
        for prefix in line.prefixes:
            if code.startswith(prefix) and len(prefix) > length:
                best, length = line, len(prefix)
    return best


# ---------------------------------------------------------------- the report's sections


@dataclass(frozen=True)
class CrfLine:
    key: str
    label: str
    side: AccountClass
    charges: int  # dépenses on its accounts, cents
    produits: int  # recettes on its accounts, cents
    accounts: tuple[str, ...]  # the codes that had splits this year, sorted


@dataclass(frozen=True)
class Fonctionnement:
    lines: tuple[CrfLine, ...]  # every line of the file, in its order (zero ones too)
    charges: int
    produits: int

    @property
    def resultat(self) -> int:
        return self.produits - self.charges


@dataclass(frozen=True)
class Bilan:
    """actif = banque + caisse at 31/08; passif = report à nouveau + résultat."""

    banque: int
    caisse: int
    report_a_nouveau: int
    resultat: int
    causes: tuple[tuple[str, dict[str, Any]], ...] = ()  # where a difference comes from

    @property
    def actif(self) -> int:
        return self.banque + self.caisse

    @property
    def passif(self) -> int:
        return self.report_a_nouveau + self.resultat

    @property
    def difference(self) -> int:
        return self.actif - self.passif

    @property
    def balanced(self) -> bool:
        return self.difference == 0


@dataclass(frozen=True)
class Rapprochement:
    """The August statement against the books at 31/08: statement balance − uncashed + uncredited
    = book banque when everything is accounted for (difference 0)."""

    statement_day: date | None  # the last statement dated in August, None if there is none
    statement_balance: int | None
    uncashed: tuple[books.EntryView, ...]  # bank dépenses up to 31/08 not ticked on a statement by 31/08 (cheques…)
    uncredited: tuple[books.EntryView, ...]  # bank recettes likewise (remises not yet credited…)
    book_banque: int

    @property
    def uncashed_total(self) -> int:
        return sum(e.amount for e in self.uncashed)

    @property
    def uncredited_total(self) -> int:
        return sum(e.amount for e in self.uncredited)

    @property
    def uncashed_cheques(self) -> tuple[books.EntryView, ...]:
        return tuple(e for e in self.uncashed if e.means == Means.CHEQUE)

    @property
    def difference(self) -> int | None:
        """Statement − what the books say the bank should show; None without a statement."""
        if self.statement_balance is None:
            return None
        return self.statement_balance - (self.book_banque + self.uncashed_total - self.uncredited_total)


@dataclass(frozen=True)
class CashLine:
    """One ledger's caisse at 31/08 and its last count of the year."""

    ledger_id: int
    ledger_name: str
    book: int  # at 31/08
    count_day: date | None
    counted: int | None

    @property
    def counted_ok(self) -> bool:
        return self.counted is not None and self.counted == self.book

    @property
    def differs(self) -> bool:
        return self.counted is not None and self.counted != self.book


@dataclass(frozen=True)
class Caisse:
    lines: tuple[CashLine, ...]  # the ledgers with cash at 31/08 or a count this year

    @property
    def book(self) -> int:
        return sum(x.book for x in self.lines)

    @property
    def missing_counts(self) -> tuple[CashLine, ...]:
        return tuple(x for x in self.lines if x.book and x.counted is None)

    @property
    def differing(self) -> tuple[CashLine, ...]:
        return tuple(x for x in self.lines if x.differs)


@dataclass(frozen=True)
class Subvention:
    entry_id: int
    ledger_name: str
    giver: str | None  # None only for a grant recorded before givers were asked
    day: date
    label: str
    account_code: str
    amount: int  # the part of the entry on the grant account


@dataclass(frozen=True)
class ClassLedger:
    id: int
    name: str
    closed: bool
    banque: int  # at 31/08 (0 and 0 once closed)
    caisse: int


@dataclass(frozen=True)
class YearReport:
    coop_id: int
    affiliation: str
    year: int  # the exercice from 1/09/year to 31/08/year+1
    fonctionnement: Fonctionnement
    bilan: Bilan
    rapprochement: Rapprochement
    caisse: Caisse
    subventions: tuple[Subvention, ...]
    inventaire: tuple[projects.InventoryItem, ...]
    classes: tuple[ClassLedger, ...]  # the class ledgers kept this year
    missing: tuple[tuple[str, dict[str, Any]], ...]
    # reason codes: class_ledgers_open (count, names), no_cash_count (ledgers), cash_count_differs
    # (ledger, difference), no_august_statement, unreconciled (difference), unbalanced (difference),
    # grant_without_giver (count)

    @property
    def subventions_total(self) -> int:
        return sum(s.amount for s in self.subventions)

    @property
    def inventaire_total(self) -> int:
        return sum(i.value for i in self.inventaire)

    @property
    def complete(self) -> bool:
        return not self.missing


# ---------------------------------------------------------------- computing it


def year_report(session: Session, who: Who, coop_id: int, year: int) -> YearReport:
    """The CRF of the exercice starting 1/09/``year``: mandataire, signataires, vérificateurs, the AD."""
    coop = books._coop(session, coop_id, Action.READ_COOP)
    require(who, Action.READ_COOP, coop_id=coop.id, department_code=coop.department_code)
    chart = books.chart_of(session, coop)
    department = session.get(Department, coop.department_code)
    lines = load_lines(department.chart or DEFAULT_CHART)
    ledgers = books._coop_ledgers(session, coop.id)
    sums = balances._balances_of(session, ledgers, year)
    last = fiscal_year_bounds(year)[1]

    fonctionnement = _fonctionnement(session, lines, [x.id for x in ledgers], year)
    bilan = _bilan(sums, fonctionnement)
    rapprochement = _rapprochement(session, coop, chart, last)
    caisse = _caisse(session, ledgers, sums, year)
    subventions = _subventions(session, ledgers, chart.grant_codes(), year)
    inventaire = projects.inventory(session, who, coop.id, year=year)
    classes = _classes(session, ledgers, sums, year)

    missing: list[tuple[str, dict[str, Any]]] = []
    still_open = [c.name for c in classes if not c.closed]
    if still_open:
        missing.append(("class_ledgers_open", {"count": len(still_open), "names": tuple(still_open)}))
    if caisse.missing_counts:
        missing.append(("no_cash_count", {"ledgers": tuple(x.ledger_name for x in caisse.missing_counts)}))
    for line in caisse.differing:
        missing.append(("cash_count_differs", {"ledger": line.ledger_name, "difference": line.counted - line.book}))
    if rapprochement.statement_day is None:
        missing.append(("no_august_statement", {}))
    elif rapprochement.difference:
        missing.append(("unreconciled", {"difference": rapprochement.difference}))
    if not bilan.balanced:
        missing.append(("unbalanced", {"difference": bilan.difference, "causes": bilan.causes}))
    without = [s for s in subventions if not s.giver]
    if without:
        missing.append(("grant_without_giver", {"count": len(without)}))
    return YearReport(coop.id, coop.affiliation, year, fonctionnement, bilan, rapprochement, caisse,
                      tuple(subventions), tuple(inventaire), tuple(classes), tuple(missing))  # fmt: skip


def _fonctionnement(session: Session, lines: tuple[LineDef, ...], ledger_ids: list[int], year: int) -> Fonctionnement:
    rows = session.exec(
        select(Split.account_code, Entry.direction, func.sum(Split.amount))
        .join(Entry, Entry.id == Split.entry_id)
        .where(Entry.ledger_id.in_(ledger_ids), Entry.fiscal_year == year, Entry.cancelled_at.is_(None),
               Entry.movement_id.is_(None))
        .group_by(Split.account_code, Entry.direction)
    ).all()  # fmt: skip
    sums: dict[str, list[int]] = {line.key: [0, 0] for line in lines}
    codes: dict[str, set[str]] = defaultdict(set)
    stray = {AccountClass.CHARGE: [0, 0], AccountClass.PRODUIT: [0, 0]}
    for code, direction, total in rows:
        column = 0 if Direction(direction) == Direction.DEPENSE else 1
        line = line_of(lines, code)
        if line is None:  # a code no line of this file covers: kept in the totals all the same
            side = AccountClass.CHARGE if column == 0 else AccountClass.PRODUIT
            stray[side][column] += int(total)
            continue
        sums[line.key][column] += int(total)
        codes[line.key].add(code)
    result = [CrfLine(line.key, line.label, line.side, *sums[line.key], tuple(sorted(codes[line.key])))
              for line in lines]  # fmt: skip
    for side, (charges, produits) in stray.items():
        if charges or produits:
            result.append(CrfLine(f"other_{side.value}", "", side, charges, produits, ()))
    return Fonctionnement(tuple(result), sum(x.charges for x in result), sum(x.produits for x in result))


def _bilan(sums: dict[int, balances.Balances], fonctionnement: Fonctionnement) -> Bilan:
    banque = sum(b.banque for b in sums.values())
    caisse = sum(b.caisse for b in sums.values())
    opening = sum(b.opening for b in sums.values())
    causes: list[tuple[str, dict[str, Any]]] = []
    internal = sum(b.internal for b in sums.values())
    if internal:  # a movement with one leg outside the coop's books
        causes.append(("internal", {"difference": internal}))
    entries_resultat = sum(b.resultat for b in sums.values())
    if entries_resultat != fonctionnement.resultat:  # ventilations not adding up to their entries
        causes.append(("splits", {"difference": entries_resultat - fonctionnement.resultat}))
    return Bilan(banque, caisse, opening, fonctionnement.resultat, tuple(causes))


def _rapprochement(session: Session, coop: Coop, chart: Chart, last: date) -> Rapprochement:
    statement = session.exec(
        select(Statement).where(Statement.coop_id == coop.id, Statement.day <= last,
                                Statement.day >= last.replace(day=1))
        .order_by(Statement.day.desc())
    ).first()  # fmt: skip
    outstanding = books._views(session, reconciliation._bank_entries(session, coop.id, last), chart)
    return Rapprochement(
        statement.day if statement else None, statement.balance if statement else None,
        tuple(e for e in outstanding if e.direction == Direction.DEPENSE),
        tuple(e for e in outstanding if e.direction == Direction.RECETTE),
        reconciliation._book_banque(session, coop.id, last),
    )  # fmt: skip


def _caisse(session: Session, ledgers: list[Ledger], sums: dict[int, balances.Balances], year: int) -> Caisse:
    """A line per ledger with cash at 31/08, or counted in the year; not a closed class ledger,
    whose cash, counted before closing, went to the school's caisse."""
    first, last = fiscal_year_bounds(year)
    closed = closed_ledger_ids(session, [x.id for x in ledgers], year)
    lines = []
    for ledger in ledgers:
        if ledger.id in closed and not sums[ledger.id].caisse:
            continue
        count = session.exec(
            select(CashCount).where(CashCount.ledger_id == ledger.id, CashCount.day >= first, CashCount.day <= last)
            .order_by(CashCount.day.desc(), CashCount.id.desc())
        ).first()  # fmt: skip
        book = sums[ledger.id].caisse
        if book or count is not None:
            lines.append(CashLine(ledger.id, ledger.name, book, count.day if count else None,
                                  count.counted if count else None))  # fmt: skip
    return Caisse(tuple(lines))


def _subventions(session: Session, ledgers: list[Ledger], codes: tuple[str, ...], year: int) -> list[Subvention]:
    if not codes:
        return []
    names = {x.id: x.name for x in ledgers}
    rows = session.exec(
        select(Split, Entry).join(Entry, Entry.id == Split.entry_id)
        .where(Entry.ledger_id.in_(list(names)), Entry.fiscal_year == year, Entry.cancelled_at.is_(None),
               Entry.direction == Direction.RECETTE, Split.account_code.in_(codes))
        .order_by(Entry.day, Entry.id, Split.id)
    ).all()  # fmt: skip
    return [Subvention(e.id, names[e.ledger_id], e.giver, e.day, e.label, s.account_code, s.amount) for s, e in rows]


def class_ledgers_kept(session: Session, ledgers: list[Ledger], year: int) -> list[Ledger]:
    """The class ledgers with books in ``year``: a live entry, or money carried into it."""
    classes = [x for x in ledgers if x.kind == LedgerKind.CLASSE]
    if not classes:
        return []
    with_entries = set(session.exec(select(Entry.ledger_id).where(
        Entry.ledger_id.in_([x.id for x in classes]), Entry.fiscal_year == year,
        Entry.cancelled_at.is_(None))).all())  # fmt: skip
    return [x for x in classes if x.id in with_entries or any(book_years._opening_amounts(session, x.id, year))]


def closed_ledger_ids(session: Session, ledger_ids: list[int], year: int) -> set[int]:
    return set(session.exec(select(LedgerClosing.ledger_id).where(
        LedgerClosing.ledger_id.in_(ledger_ids), LedgerClosing.fiscal_year == year)).all())  # fmt: skip


def _classes(session: Session, ledgers: list[Ledger], sums: dict[int, balances.Balances], year: int) -> list[ClassLedger]:
    kept = class_ledgers_kept(session, ledgers, year)
    closed = closed_ledger_ids(session, [x.id for x in kept], year)
    return [ClassLedger(x.id, x.name, x.id in closed, sums[x.id].banque, sums[x.id].caisse) for x in kept]

