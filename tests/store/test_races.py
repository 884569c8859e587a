"""Concurrent writers (two instances, the CLI beside the bot): every check-then-write stays atomic.

Each test runs store functions from 20 threads at once, on SQLite and on PostgreSQL
(COOPBOT_TEST_DATABASE_URL): no exception reaches the caller, the caisse never goes
below zero, pièce numbers stay unique and gapless.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import event
from sqlmodel import select

from store import balances, errors, movements, reconciliation
from store.models import Entry, Means, MovementKind
from tests.store.test_ledger import CAISSE, DAY, MARIE, TODAY, world  # noqa: F401 (the fixture)

THREADS = 20


def at_once(fn, count: int = THREADS) -> list:
    """Call ``fn(i)`` from ``count`` threads released together; each result, or the exception raised."""
    start = threading.Barrier(count)

    def one(i):
        start.wait()
        try:
            return fn(i)
        except Exception as exc:  # noqa: BLE001 - the test looks at what came back
            return exc

    with ThreadPoolExecutor(count) as pool:
        return list(pool.map(one, range(count)))


def pieces(world, ledger_id: int) -> list[int]:
    return sorted(world.db.run(lambda s: list(s.exec(
        select(Entry.piece_number).where(Entry.ledger_id == ledger_id, Entry.fiscal_year == 2026)))))  # fmt: skip


def test_twenty_cash_expenses_never_take_the_caisse_below_zero(world):
    world.income(world.ce1a, 2000, treasury=CAISSE, means=Means.ESPECES)
    results = at_once(lambda i: world.expense(world.ce1a, 1500, treasury=CAISSE, means=Means.ESPECES,
                                              label=f"Achat {i}"))  # fmt: skip
    refusals = [r for r in results if isinstance(r, errors.LedgerError)]
    assert [r for r in results if isinstance(r, Exception) and not isinstance(r, errors.LedgerError)] == []
    assert len(refusals) == THREADS - 1 and {r.reason for r in refusals} == {"caisse_negative"}
    assert world.act(MARIE, balances.balances, world.ce1a, 2026).caisse == 500
    assert pieces(world, world.ce1a) == [1, 2]


def test_twenty_cash_deposits_never_take_the_caisse_below_zero(world):
    world.income(world.ecole, 2000, treasury=CAISSE, means=Means.ESPECES)
    results = at_once(lambda i: world.act(MARIE, movements.record_movement, MovementKind.DEPOT, ledger_id=world.ecole,
                                          day=DAY, amount=1500, label="Dépôt", today=TODAY))  # fmt: skip
    assert sum(isinstance(r, movements.MovementView) for r in results) == 1
    assert {r.reason for r in results if isinstance(r, Exception)} == {"caisse_negative"}
    assert world.act(MARIE, balances.balances, world.ecole, 2026).caisse == 500


def test_twenty_card_expenses_get_unique_gapless_pieces(world):
    results = at_once(lambda i: world.expense(world.ce2b, 100 + i, label=f"Carte {i}"))
    assert [r for r in results if isinstance(r, Exception)] == []
    assert pieces(world, world.ce2b) == list(range(1, THREADS + 1))


def test_a_busy_database_is_tried_again(world):
    """Two busy answers in a row, then the write goes through: the caller never sees them."""
    failures = []

    def busy(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith("INSERT INTO ENTRY") and len(failures) < 2:
            failures.append(statement)
            raise busy_error(conn.dialect)

    event.listen(world.db.engine, "before_cursor_execute", busy)
    try:
        view = world.expense(world.ce1a, 250, label="Colle")
    finally:
        event.remove(world.db.engine, "before_cursor_execute", busy)
    assert len(failures) == 2 and view.piece == "1"
    assert pieces(world, world.ce1a) == [1]


def busy_error(dialect) -> Exception:
    """What the driver raises when the database is busy: SQLite's lock, PostgreSQL's serialization failure."""
    if dialect.name == "sqlite":
        return dialect.dbapi.OperationalError("database is locked")
    import psycopg.errors

    return psycopg.errors.SerializationFailure("could not serialize access due to concurrent update")


def test_twenty_statements_of_one_day_make_one(world):
    results = at_once(lambda i: world.act(MARIE, reconciliation.record_statement, world.coop, day=DAY, balance=1000 + i,
                                          today=TODAY))  # fmt: skip
    assert sum(isinstance(r, reconciliation.Reconciliation) for r in results) == 1
    assert {r.reason for r in results if isinstance(r, Exception)} == {"statement_exists"}
