"""Report à nouveau + résultat = banque + caisse, over random years of a coop with class closings.

Each example gets a coop of its own (tests/store/test_ledger_properties.py's ``new_world``):
opening balances, entries on the CRF's lines, internal movements, cancellations and the
closing of class ledgers (a cash count first, when there is cash), in any order; refused
operations are part of the game. A shadow model sums each CRF line from the entries the
store accepted; the report must agree with it, and its bilan must balance.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from hypothesis import event, given, settings
from hypothesis import strategies as st

from store import balances, cashcounts, closing, crf, entries, errors, movements
from store.models import Direction, Means, MovementKind, Treasury

from ..conftest import examples
from .test_ledger_properties import new_world

TODAY = date(2026, 10, 15)
YEAR = 2025
CODES = {Direction.DEPENSE: ("60640008", "60700008", "62510008", "68000008", "62700008"),
         Direction.RECETTE: ("70700008", "70880008", "74000008", "75620008", "75800008")}  # fmt: skip
days = st.dates(date(2025, 9, 1), date(2026, 8, 31))
amounts = st.integers(1, 50_000)


@st.composite
def entry_ops(draw):
    direction = draw(st.sampled_from(Direction))
    treasury = draw(st.sampled_from(Treasury))
    return ("entry", draw(st.integers(0, 2)), direction, treasury, draw(days), draw(amounts),
            draw(st.sampled_from(CODES[direction])))  # fmt: skip


operations = st.lists(st.one_of(
    entry_ops(), entry_ops(), entry_ops(),
    st.tuples(st.just("movement"), st.sampled_from(MovementKind), st.integers(1, 2), st.sampled_from(Treasury),
              st.sampled_from(Treasury), days, amounts),
    st.tuples(st.just("cancel"), st.integers(0, 999)),
    st.tuples(st.just("close"), st.integers(1, 2)),
), min_size=3, max_size=14)  # fmt: skip
openings = st.lists(st.tuples(st.integers(-20_000, 50_000), st.integers(0, 20_000)), min_size=3, max_size=3)


@settings(max_examples=examples(1))
@given(opening=openings, ops=operations)
def test_the_bilan_balances_and_each_line_adds_up(database, opening, ops):
    world = new_world(database, "single")
    for ledger_id, (banque, caisse) in zip(world.ledgers, opening):
        world.act(balances.set_opening_balance, ledger_id, YEAR, banque=banque, caisse=caisse, today=TODAY)
    lines = crf.load_lines()
    expected: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    recorded: list[tuple[int, str, Direction, int]] = []  # (entry id, line key, direction, amount)
    closed: set[int] = set()
    for op in ops:
        try:
            done = _apply(world, op, recorded)
        except errors.LedgerError as refused:
            event(f"{op[0]}: refused {refused.reason}")
            continue
        event(f"{op[0]}: done")
        if op[0] == "entry":
            recorded.append((done.id, crf.line_of(lines, op[6]).key, op[2], op[5]))
        elif op[0] == "cancel":
            recorded[:] = [r for r in recorded if r[0] not in done]
        elif op[0] == "close":
            closed.add(world.ledgers[op[1]])
    for _, key, direction, amount in recorded:
        expected[key][0 if direction == Direction.DEPENSE else 1] += amount

    report = world.act(crf.year_report, world.coop_id, YEAR)
    assert {x.key: [x.charges, x.produits] for x in report.fonctionnement.lines if x.charges or x.produits} == dict(expected)
    assert report.bilan.balanced, report.bilan
    assert report.bilan.report_a_nouveau == sum(b + c for b, c in opening)
    assert report.bilan.report_a_nouveau + report.fonctionnement.resultat == report.bilan.banque + report.bilan.caisse
    for ledger_id in closed:
        b = world.act(balances.balances, ledger_id, YEAR)
        assert (b.banque, b.caisse) == (0, 0)
    assert {c.id for c in report.classes if c.closed} == closed
    following = world.act(balances.coop_balances, world.coop_id, YEAR + 1)
    assert following.opening == report.bilan.actif


def _apply(world, op, recorded):
    kind = op[0]
    if kind == "entry":
        _, i, direction, treasury, day, amount, code = op
        means = Means.ESPECES if treasury == Treasury.CAISSE else Means.VIREMENT
        return world.act(entries.record_entry, world.ledgers[i], direction=direction, day=day, label="Écriture",
                         means=means, amount=amount, splits=code, today=TODAY, giver="Commune")  # fmt: skip
    if kind == "movement":
        _, movement, i, from_treasury, to_treasury, day, amount = op
        school, klass = world.ledgers[0], world.ledgers[i]
        source, to = {MovementKind.AVANCE: (school, klass), MovementKind.REMBOURSEMENT: (klass, school)}.get(
            movement, (klass, None))  # fmt: skip
        return world.act(movements.record_movement, movement, ledger_id=source, to_ledger_id=to, day=day, amount=amount,
                         label="Mouvement", today=TODAY, from_treasury=from_treasury, to_treasury=to_treasury)  # fmt: skip
    if kind == "cancel":
        if not recorded:
            raise errors.LedgerError("nothing_to_cancel")
        entry_id = recorded[op[1] % len(recorded)][0]
        world.act(entries.cancel_entry, entry_id, today=TODAY)
        return {entry_id}
    ledger_id = world.ledgers[op[1]]
    cash = world.act(balances.balances, ledger_id, YEAR).caisse
    if cash:
        world.act(cashcounts.count_cash, ledger_id, day=date(2026, 8, 31), today=TODAY, total=cash)
    return world.act(closing.close_class_ledger, ledger_id, label="Clôture", today=TODAY)
