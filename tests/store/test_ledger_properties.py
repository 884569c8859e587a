"""Properties of the books over random sequences of entries, edits, cancellations, internal
movements, opening balances and the closing of last year.

Each example gets a coop of its own in the test's database (quicker than a database per
example, and the same on SQLite and PostgreSQL). Operations that the rules refuse are
part of the game; a shadow model follows the ones that succeed, and the books must agree
with it and with the accounting identities at the end.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from hypothesis import event, given, settings
from hypothesis import strategies as st
from sqlalchemy import case, func
from sqlmodel import select

from store import balances, entries, errors, movements
from store.models import (
    Coop, Department, Direction, Entry, Ledger, LedgerKind, Means, MovementKind, OpeningBalance, Person,
    Receipt, Role, RoleKind, Split, Treasury,
)  # fmt: skip
from store.people import Who, roles_of
from store.years import fiscal_year_of

from ..conftest import examples
from ..world import lock_year

TODAY = date(2026, 10, 15)  # open years: 2025 (until closed) and 2026
LAST, CURRENT = 2025, 2026
DEPENSE, RECETTE = Direction.DEPENSE, Direction.RECETTE
BANQUE, CAISSE = Treasury.BANQUE, Treasury.CAISSE
ACCOUNTS = {DEPENSE: ("60640008", "62510008", "68000008", "61681008"),
            RECETTE: ("75620008", "70800008", "75800008", "74000008")}  # fmt: skip
_serial = itertools.count(1)

days = st.one_of(st.dates(date(2025, 9, 1), date(2026, 8, 31)), st.dates(date(2026, 9, 1), TODAY))
amounts = st.integers(1, 20_000)


@st.composite
def ventilations(draw, direction: Direction, amount: int) -> list[tuple[str, int]]:
    n = draw(st.integers(1, min(3, amount)))
    cuts = sorted(draw(st.sets(st.integers(1, amount - 1), min_size=n - 1, max_size=n - 1))) if n > 1 else []
    parts = [b - a for a, b in zip([0, *cuts], [*cuts, amount])]
    codes = draw(st.permutations(ACCOUNTS[direction]))[:n]
    return list(zip(codes, parts))


@st.composite
def entry_ops(draw):
    direction, treasury = draw(st.sampled_from(Direction)), draw(st.sampled_from(Treasury))
    means = Means.ESPECES if treasury == CAISSE else draw(st.sampled_from([Means.CARTE, Means.VIREMENT,
                                                                            Means.CHEQUE]))  # fmt: skip
    amount = draw(amounts)
    return ("entry", draw(st.integers(0, 2)), direction, treasury, means, draw(days), amount,
            draw(ventilations(direction, amount)), draw(st.sampled_from([None, "classeverte", "kermesse"])))  # fmt: skip


operations = st.lists(st.one_of(
    entry_ops(), entry_ops(), entry_ops(),
    st.tuples(st.just("edit"), st.integers(0, 999), st.none() | amounts, st.none() | st.integers(-40, 40)),
    st.tuples(st.just("cancel"), st.integers(0, 999)),
    st.tuples(st.just("movement"), st.sampled_from(MovementKind), st.integers(0, 2), st.sampled_from(Treasury),
              st.sampled_from(Treasury), days, amounts),
    st.tuples(st.just("movement"), st.just(MovementKind.DEPOT), st.integers(0, 2), st.just(CAISSE),
              st.just(BANQUE), days, amounts),
    st.tuples(st.just("opening"), st.integers(0, 2), st.sampled_from([LAST, CURRENT]),
              st.integers(-30_000, 30_000), st.integers(0, 30_000)),
), min_size=4, max_size=16)  # fmt: skip


@dataclass
class Book:
    """The shadow model: what the books must say."""

    entries: dict[int, dict] = field(default_factory=dict)
    openings: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)
    closed: bool = False
    closed_state: list = field(default_factory=list)  # last year's rows when it was closed

    def live(self, ledger_id: int, year: int):
        return [e for e in self.entries.values()
                if e["ledger"] == ledger_id and e["year"] == year and not e["cancelled"]]  # fmt: skip

    def opening(self, ledger_id: int, year: int) -> tuple[int, int]:
        if (ledger_id, year) in self.openings:
            return self.openings[(ledger_id, year)]
        return self.final(ledger_id, year - 1) if year > LAST else (0, 0)

    def final(self, ledger_id: int, year: int) -> tuple[int, int]:
        banque, caisse = self.opening(ledger_id, year)
        for e in self.live(ledger_id, year):
            signed = e["amount"] if e["direction"] == RECETTE else -e["amount"]
            banque, caisse = (banque + signed, caisse) if e["treasury"] == BANQUE else (banque, caisse + signed)
        return banque, caisse

    def lowest_caisse(self, ledger_id: int, year: int) -> int:
        balance = low = self.opening(ledger_id, year)[1]
        rows = [(e["day"], e["amount"] if e["direction"] == RECETTE else -e["amount"])
                for e in self.live(ledger_id, year) if e["treasury"] == CAISSE]  # fmt: skip
        for _, signed in sorted(rows, key=lambda r: (r[0], r[1] < 0)):
            balance += signed
            low = min(low, balance)
        return low


@dataclass
class World:
    db: object
    coop_id: int
    ledgers: list[int]  # the school's, then two classes
    who: Who

    def act(self, fn, *args, **kwargs):
        return self.db.run(lambda s: fn(s, self.who, *args, **kwargs))


def new_world(db, numbering: str) -> World:
    def build(session):
        department = session.get(Department, "974") or Department(code="974", name="OCCE 974",
                                                                   timezone="Indian/Reunion")  # fmt: skip
        department.piece_numbering = numbering
        session.add(department)
        session.flush()
        n = next(_serial)
        coop = Coop(affiliation=f"974-9{n:04d}", school_name=f"École {n}", department_code="974")
        session.add(coop)
        session.flush()
        ledgers = [Ledger(coop_id=coop.id, name=name, kind=kind) for name, kind in
                   (("École", LedgerKind.ECOLE), ("CA", LedgerKind.CLASSE), ("CB", LedgerKind.CLASSE))]  # fmt: skip
        person = Person(name=f"Trésorière {n}")
        session.add_all([*ledgers, person])
        session.flush()
        session.add(Role(person_id=person.id, kind=RoleKind.MANDATAIRE, coop_id=coop.id))
        session.flush()
        return World(db, coop.id, [x.id for x in ledgers], Who(person, roles_of(session, person.id)))
    return db.run(build)


def closed_year_state(session, world: World):
    """Everything dated in last year, as plain rows."""
    entries = session.exec(select(Entry).where(Entry.ledger_id.in_(world.ledgers), Entry.fiscal_year == LAST)
                           .order_by(Entry.id)).all()  # fmt: skip
    ids = [e.id for e in entries]
    splits = session.exec(select(Split).where(Split.entry_id.in_(ids)).order_by(Split.id)).all()
    receipts = session.exec(select(Receipt).where(Receipt.entry_id.in_(ids)).order_by(Receipt.id)).all()
    openings = session.exec(select(OpeningBalance).where(OpeningBalance.ledger_id.in_(world.ledgers),
                                                         OpeningBalance.fiscal_year == LAST)).all()  # fmt: skip
    return [row.model_dump() for row in (*entries, *splits, *receipts, *openings)]


def apply(world: World, book: Book, op: tuple) -> None:
    """Try one operation; follow it in the shadow model if the store accepted it."""
    kind, known = op[0], sorted(book.entries)
    target = book.entries[known[op[1] % len(known)]] if kind in ("edit", "cancel") and known else None
    if kind in ("edit", "cancel") and target is None:
        return
    in_closed_year = book.closed and (
        (kind in ("entry", "movement") and fiscal_year_of(op[5]) == LAST)
        or (kind in ("edit", "cancel") and target["year"] == LAST)
        or (kind == "opening" and op[2] == LAST))  # fmt: skip
    before = world.db.run(closed_year_state, world) if in_closed_year else None
    try:
        result = _call(world, op, target)
    except errors.LedgerError as refused:
        event(f"{kind}: refused {refused.reason}")
        if in_closed_year:
            assert refused.reason == "closed_year", (op, refused)
            assert world.db.run(closed_year_state, world) == before
        return
    assert not in_closed_year, op
    event(f"{kind}: done")
    _follow(world, book, op, target, result)


def _call(world: World, op: tuple, target: dict | None):
    kind = op[0]
    if kind == "entry":
        _, i, direction, treasury, means, day, amount, parts, project = op
        return world.act(entries.record_entry, world.ledgers[i], direction=direction, day=day, label="Écriture",
                         treasury=treasury, means=means, amount=amount, splits=parts, today=TODAY,
                         cheque_number="1001" if means == Means.CHEQUE else None, project=project,
                         giver="Mairie")  # fmt: skip
    if kind == "edit":
        _, _, amount, shift = op
        changes = {"amount": amount, "splits": [(target["parts"][0][0], amount)]} if amount else {}
        if shift:
            changes["day"] = _shifted(target, shift)
        return world.act(entries.edit_entry, target["id"], today=TODAY, label="Corrigée", **changes)
    if kind == "cancel":
        return world.act(entries.cancel_entry, target["id"], today=TODAY)
    if kind == "movement":
        _, movement, i, from_treasury, to_treasury, day, amount = op
        school, other = world.ledgers[0], world.ledgers[i]
        source, to = {MovementKind.AVANCE: (school, world.ledgers[1 + i % 2]),
                      MovementKind.REMBOURSEMENT: (world.ledgers[1 + i % 2], school)}.get(movement, (other, None))  # fmt: skip
        return world.act(movements.record_movement, movement, ledger_id=source, to_ledger_id=to, day=day, amount=amount,
                         label="Mouvement", today=TODAY, from_treasury=from_treasury, to_treasury=to_treasury)  # fmt: skip
    if kind == "opening":
        _, i, year, banque, caisse = op
        return world.act(balances.set_opening_balance, world.ledgers[i], year, banque=banque, caisse=caisse, today=TODAY)
    return world.act(lock_year, world.coop_id, LAST)


def _shifted(target: dict, shift: int) -> date:
    """The entry's date moved by ``shift`` days, kept inside its fiscal year and not after today."""
    first, last = date(target["year"], 9, 1), min(date(target["year"] + 1, 8, 31), TODAY)
    return min(max(target["day"] + timedelta(days=shift), first), last)


def _follow(world: World, book: Book, op: tuple, target: dict | None, result) -> None:
    kind = op[0]
    if kind == "entry":
        _, i, direction, treasury, _, day, amount, parts, _ = op
        book.entries[result.id] = {"id": result.id, "ledger": world.ledgers[i], "year": fiscal_year_of(day),
                                   "day": day, "direction": direction, "treasury": treasury, "amount": amount,
                                   "parts": parts, "cancelled": False, "legs": [result.id]}  # fmt: skip
    elif kind == "edit":
        _, _, amount, shift = op
        if amount:
            target["amount"], target["parts"] = amount, [(target["parts"][0][0], amount)]
        if shift:
            target["day"] = _shifted(target, shift)
        assert (result.amount, result.day) == (target["amount"], target["day"])
    elif kind == "cancel":
        for leg in target["legs"]:
            book.entries[leg]["cancelled"] = True
    elif kind == "movement":
        legs = [result.outgoing.id, result.incoming.id]
        for view in (result.outgoing, result.incoming):
            book.entries[view.id] = {"id": view.id, "ledger": view.ledger_id, "year": view.fiscal_year,
                                     "day": view.day, "direction": view.direction, "treasury": view.treasury,
                                     "amount": op[6], "parts": [(view.splits[0].account_code, op[6])],
                                     "cancelled": False, "legs": legs, "internal": True}  # fmt: skip
            assert (view.day, view.amount) == (op[5], op[6])
    elif kind == "opening":
        _, i, year, banque, caisse = op
        book.openings[(world.ledgers[i], year)] = (banque, caisse)
    else:
        book.closed = True
        book.closed_state = world.db.run(closed_year_state, world)


def check(session, world: World, book: Book) -> None:
    ids = world.ledgers
    # Every ventilation adds up to its entry's amount.
    sums = session.exec(select(Entry.id, Entry.amount, func.sum(Split.amount)).join(Split, Split.entry_id == Entry.id)
                        .where(Entry.ledger_id.in_(ids)).group_by(Entry.id, Entry.amount)).all()  # fmt: skip
    assert len(sums) == len(book.entries) and all(amount == total for _, amount, total in sums)
    # Pièce numbers: unique per ledger, year (and prefix), and 1…n without a gap.
    numbers = defaultdict(list)
    pieces = select(Entry.ledger_id, Entry.fiscal_year, Entry.piece_prefix, Entry.piece_number)
    for ledger_id, year, prefix, number in session.exec(pieces.where(Entry.ledger_id.in_(ids))):
        numbers[(ledger_id, year, prefix)].append(number)
    assert all(sorted(n) == list(range(1, len(n) + 1)) for n in numbers.values())
    # Internal movements net to zero across the coop.
    signed = case((Entry.direction == RECETTE, Split.amount), else_=-Split.amount)
    internal = session.exec(select(func.coalesce(func.sum(signed), 0)).join(Entry, Split.entry_id == Entry.id)
                            .where(Entry.ledger_id.in_(ids), Entry.cancelled_at.is_(None),
                                   Split.account_code.like("5%"))).one()  # fmt: skip
    assert internal == 0
    for year in (LAST, CURRENT):
        coop = balances.coop_balances(session, world.who, world.coop_id, year)
        for b in coop.ledgers:
            live = book.live(b.ledger_id, year)
            assert (b.opening_banque, b.opening_caisse) == book.opening(b.ledger_id, year)
            assert (b.banque, b.caisse) == book.final(b.ledger_id, year)
            assert b.charges == sum(e["amount"] for e in live if e["direction"] == DEPENSE and "internal" not in e)
            assert b.produits == sum(e["amount"] for e in live if e["direction"] == RECETTE and "internal" not in e)
            assert b.opening + b.resultat + b.internal == b.total
            assert book.lowest_caisse(b.ledger_id, year) >= 0
        assert coop.internal == 0
        assert coop.opening + coop.resultat == coop.total  # report à nouveau + résultat = banque + caisse
    if book.closed:
        assert closed_year_state(session, world) == book.closed_state


@settings(max_examples=examples(6))
@given(numbering=st.sampled_from(["single", "dr"]), ops=operations, close_at=st.none() | st.integers(0, 16))
def test_the_books_stay_consistent(database, numbering, ops, close_at):
    world = new_world(database, numbering)
    book = Book()
    if close_at is not None:  # last year is closed once, somewhere in the sequence
        ops = [*ops[:close_at], ("close",), *ops[close_at:]]
    for op in ops:
        apply(world, book, op)
    database.run(check, world, book)
