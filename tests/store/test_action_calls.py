"""The store functions shaped for one chat action each: what they return is what the
single-purpose functions would, read in one transaction."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from store import balances, entries, errors, journal, lookups
from store.access import Forbidden
from store.models import Coop, Direction, Entry, Ledger, Means, Treasury
from store.people import who_is
from store.years import today_in

MARIE, JULIEN = 1001, 1002  # the mandataire of 974-111 (its three ledgers), the teacher of CE1A


def act(db, telegram_id, fn, *args, **kwargs):
    return db.run(lambda s: fn(s, who_is(s, telegram_id), *args, **kwargs))


def ledger_ids(db) -> dict[str, int]:
    def read(session):
        coop = session.exec(select(Coop).where(Coop.affiliation == "974-111")).one()
        return {x.name: x.id for x in session.exec(select(Ledger).where(Ledger.coop_id == coop.id))}
    return db.run(read)


def cheques(db, ids):
    """A cheque written in CE1A (uncashed) and one received in the school's ledger (not deposited)."""
    fields = {"day": today_in("Indian/Reunion"), "today": today_in("Indian/Reunion"), "label": "Chèque",
              "treasury": Treasury.BANQUE, "means": Means.CHEQUE, "amount": 1500}  # fmt: skip
    act(db, MARIE, entries.record_entry, ids["CE1A"], direction=Direction.DEPENSE, splits="fournitures",
        cheque_number="1234567", **fields)  # fmt: skip
    act(db, MARIE, entries.record_entry, ids["École"], direction=Direction.RECETTE, splits="familles",
        cheque_number="7654321", **fields)  # fmt: skip


def test_the_overview_sums_each_ledger_as_balances_does(demo_books):
    ids = ledger_ids(demo_books)
    cheques(demo_books, ids)
    overview = act(demo_books, MARIE, balances.balances_overview)
    assert [ref.id for ref, _ in overview.ledgers] == [ids[n] for n in sorted(ids, key=lambda n: (n != "École", n.casefold()))]
    for ref, sums in overview.ledgers:
        assert sums == act(demo_books, MARIE, balances.balances, ref.id, overview.year)
    assert [sums.uncashed_count for _, sums in overview.ledgers if sums.ledger_name == "CE1A"] == [1]
    [(_, coop)] = overview.coops
    assert coop == act(demo_books, MARIE, balances.coop_balances, coop.coop_id, overview.year)
    assert coop.undeposited_count >= 1
    assert overview.open_years[0] == overview.year


def test_a_teacher_overview_has_their_ledger_and_no_coop(demo_books):
    ids = ledger_ids(demo_books)
    overview = act(demo_books, JULIEN, balances.balances_overview)
    assert [ref.id for ref, _ in overview.ledgers] == [ids["CE1A"]]
    assert overview.coops == ()
    assert act(demo_books, 5550001, balances.balances_overview) is None  # nobody the store knows


def test_the_entry_context_gives_the_accounts_of_the_ledger_named(demo_books):
    ids = ledger_ids(demo_books)
    named = act(demo_books, MARIE, entries.entry_context, Direction.DEPENSE, names=[" ce1a "])
    assert named.ledger_id == ids["CE1A"]
    assert named.accounts == act(demo_books, MARIE, lookups.accounts_by_use, ids["CE1A"], Direction.DEPENSE)
    unnamed = act(demo_books, MARIE, entries.entry_context, Direction.DEPENSE, names=["fournitures"])
    assert (unnamed.ledger_id, unnamed.accounts, len(unnamed.refs)) == (None, (), len(ids))
    only = act(demo_books, JULIEN, entries.entry_context, Direction.RECETTE)
    assert only.ledger_id == ids["CE1A"] and only.accounts
    with pytest.raises(Forbidden):  # a ledger chosen by a (forged) button that is not theirs
        act(demo_books, JULIEN, entries.entry_context, Direction.RECETTE, ledger_id=ids["École"])


def test_recording_returns_the_new_balances(demo_books):
    ids = ledger_ids(demo_books)
    before = act(demo_books, JULIEN, balances.balances_overview).ledgers[0][1]
    recorded = act(demo_books, JULIEN, entries.record_entry_with_balances, ids["CE1A"], direction=Direction.RECETTE,
                   day=today_in("Indian/Reunion"), label="Don", treasury=Treasury.BANQUE,
                   means=Means.VIREMENT, amount=700, splits="dons")  # fmt: skip
    entry, after = recorded.entry, recorded.balances
    assert entry.ledger_id == ids["CE1A"] and recorded.bank_negative is None
    assert after == act(demo_books, JULIEN, balances.balances, ids["CE1A"], entry.fiscal_year)
    assert after.banque == before.banque + 700


def test_recording_warns_of_a_class_bank_below_zero(demo_books):
    ids = ledger_ids(demo_books)
    day = today_in("Indian/Reunion")
    banque = act(demo_books, JULIEN, balances.balances_overview).ledgers[0][1].banque
    expense = dict(direction=Direction.DEPENSE, day=day, label="Car", splits="sorties")
    fits = act(demo_books, JULIEN, entries.record_entry_with_balances, ids["CE1A"], **expense,
               means=Means.CARTE, amount=banque)  # fmt: skip
    assert fits.balances.banque == 0 and fits.bank_negative is None  # zero is not below zero
    over = act(demo_books, JULIEN, entries.record_entry_with_balances, ids["CE1A"], **expense,
               means=Means.CARTE, amount=500)  # fmt: skip
    assert over.bank_negative == over.balances.banque == -500
    cash = act(demo_books, JULIEN, entries.record_entry_with_balances, ids["CE1A"], **expense,
               means=Means.ESPECES, amount=100)  # fmt: skip
    assert cash.bank_negative is None  # espèces leave the bank alone
    school = act(demo_books, MARIE, entries.record_entry_with_balances, ids["École"], **expense,
                 means=Means.CARTE, amount=9_000_000)  # fmt: skip
    assert school.balances.banque < 0 and school.bank_negative is None  # the school ledger: no warning


def test_the_journal_opens_on_the_only_ledger_or_offers_a_choice(demo_books):
    ids = ledger_ids(demo_books)
    teacher = act(demo_books, JULIEN, journal.journal_start, limit=5)
    assert teacher.page == act(demo_books, JULIEN, journal.journal, ids["CE1A"], teacher.year, limit=5)
    assert teacher.writable == (ids["CE1A"],) and teacher.open_years[0] == teacher.year
    manager = act(demo_books, MARIE, journal.journal_start, limit=5)
    assert manager.page is None and [r.id for r in manager.coops] == [ids["École"]]


def test_the_entry_context_checks_a_day_and_warns_of_a_class_bank_below_zero(demo_books):
    ids = ledger_ids(demo_books)
    today = today_in("Indian/Reunion")
    step = dict(direction=Direction.DEPENSE, ledger_id=ids["CE1A"], day=today)
    tomorrow = today + timedelta(days=1)
    with pytest.raises(errors.LedgerError) as refused:
        act(demo_books, JULIEN, entries.entry_context, **{**step, "day": tomorrow}, check_day=True)
    assert refused.value.reason == "future"
    huge = 10_000_000
    known = act(demo_books, JULIEN, entries.entry_context, **step, amount=huge, means=Means.CARTE, check_day=True)
    expected = act(demo_books, JULIEN, entries.bank_after_expense, ids["CE1A"], day=today, amount=huge)
    assert known.bank_checked and known.bank_after == expected < 0
    cash = act(demo_books, JULIEN, entries.entry_context, **step, amount=huge, means=Means.ESPECES)
    assert cash.bank_checked and cash.bank_after is None  # espèces leave the bank alone
    assert not act(demo_books, JULIEN, entries.entry_context, **step).bank_checked  # no amount yet


def read_line(db, telegram_id, direction, amount, label, *extras, project=None):
    """record_or_draft of a line whose amount and label were read: ``extras`` are its parts after semicolons."""
    return act(db, telegram_id, entries.record_or_draft, direction, amount=amount, label=label, project=project,
               extras=list(extras))  # fmt: skip


def live_entries(db) -> int:
    return db.run(lambda s: len(s.exec(select(Entry.id).where(Entry.cancelled_at.is_(None))).all()))


def test_a_complete_line_is_recorded_in_the_ledger_it_names(demo_books):
    ids, yesterday = ledger_ids(demo_books), today_in("Indian/Reunion") - timedelta(days=1)
    before = act(demo_books, MARIE, balances.balances_overview)
    recorded = read_line(demo_books, MARIE, Direction.DEPENSE, 250, "Craies", " ce1a ", "Fournitures", "espèces", "hier",
                         project="arts")  # fmt: skip
    entry = recorded.entry
    assert (entry.ledger_id, entry.amount, entry.label, entry.project) == (ids["CE1A"], 250, "Craies", "arts")
    assert entry.day == yesterday
    assert entry.means == Means.ESPECES and entry.treasury == Treasury.CAISSE
    accounts = act(demo_books, MARIE, lookups.accounts_by_use, ids["CE1A"], Direction.DEPENSE)
    assert [(s.account_code, s.amount) for s in entry.splits] == [(a.code, 250) for a in accounts if "fournitures" in a.aliases]
    ce1a = dict((ref.id, sums) for ref, sums in before.ledgers)[ids["CE1A"]]
    assert recorded.balances.caisse == ce1a.caisse - 250


def test_a_line_that_lacks_something_is_its_draft_and_nothing_is_written(demo_books):
    ids, count = ledger_ids(demo_books), live_entries(demo_books)
    several = read_line(demo_books, MARIE, Direction.DEPENSE, 250, "Craies", "espèces")  # which ledger?
    assert several.fields == {"direction": "depense", "amount": 250, "label": "Craies", "project": None, "means": "especes"}
    assert entries.first_missing(several.fields, several.known.accounts) == "ledger"
    only = read_line(demo_books, JULIEN, Direction.DEPENSE, 250, "Craies", "fournitures", "carte")
    assert only.fields["ledger_id"] == ids["CE1A"] and only.fields["splits"][0][1] == 250  # the whole amount
    assert entries.first_missing(only.fields, only.known.accounts) == "day"
    no_label = read_line(demo_books, JULIEN, Direction.DEPENSE, 250, "", "fournitures", "carte", "hier")
    assert entries.first_missing(no_label.fields, no_label.known.accounts) == "label"
    grant = read_line(demo_books, MARIE, Direction.RECETTE, 600, "Subvention", "École", "subventions", "virement", "hier")
    assert entries.first_missing(grant.fields, grant.known.accounts) == "giver"
    unknown = read_line(demo_books, JULIEN, Direction.DEPENSE, 250, "Craies", "fournitures", "zorglub", "hier")
    assert unknown.unknown == "zorglub" and "splits" not in unknown.fields
    nobody = read_line(demo_books, 5550001, Direction.DEPENSE, 250, "Craies", "fournitures")
    assert nobody.known.refs == ()
    assert live_entries(demo_books) == count


def test_a_line_to_confirm_or_refused_is_a_draft_with_the_reason(demo_books):
    ids, count = ledger_ids(demo_books), live_entries(demo_books)
    used = read_line(demo_books, JULIEN, Direction.DEPENSE, 300, "Colle", "fournitures", "chèque 1235", "aujourd'hui")
    assert used.cheque_used.ledger_name == "CE2B" and used.cheque_used.cheque_number == "0001235"
    refused = read_line(demo_books, JULIEN, Direction.DEPENSE, 900_000, "Car", "sorties", "espèces", "aujourd'hui")
    assert refused.refused.reason == "caisse_negative" and refused.fields["ledger_id"] == ids["CE1A"]
    assert refused.known.bank_checked  # what the card would show
    assert live_entries(demo_books) == count
    fresh = read_line(demo_books, JULIEN, Direction.DEPENSE, 300, "Colle", "fournitures", "chèque 1299", "aujourd'hui")
    assert fresh.entry.cheque_number == "1299" and live_entries(demo_books) == count + 1


def test_validating_returns_the_fee_and_paying_the_new_balances(demo_books):
    from store import adhesion_payment, adhesion_validation
    from store.models import Adhesion, Role, RoleKind

    def pending(session):  # 974-145's membership waits for the AD; Marie becomes its mandataire too
        coop = session.exec(select(Coop).where(Coop.affiliation == "974-145")).one()
        session.add(Role(person_id=who_is(session, MARIE).person.id, kind=RoleKind.MANDATAIRE, coop_id=coop.id))
        return session.exec(select(Adhesion.id).where(Adhesion.coop_id == coop.id)).one()

    adhesion_id = demo_books.run(pending)
    validated = act(demo_books, 1004, adhesion_validation.validate, adhesion_id)
    assert validated.fee_cents == act(demo_books, 1004, adhesion_validation.view_of, adhesion_id).fee_cents > 0
    paid = act(demo_books, MARIE, adhesion_payment.pay, adhesion_id, "1234567")
    assert paid.entry.amount == validated.fee_cents and paid.entry.cheque_number == "1234567"
    assert paid.balances == act(demo_books, MARIE, balances.balances, paid.entry.ledger_id, paid.entry.fiscal_year)


def test_inventory_and_projects_open_on_the_first_coop_or_ledger(demo_books):
    from store import projects

    ids = ledger_ids(demo_books)
    opened = act(demo_books, MARIE, projects.inventory_start, "Indian/Reunion")
    coop_id = opened.coop_id
    assert opened == act(demo_books, MARIE, projects.inventory_view, coop_id, None, "Indian/Reunion", current=True)
    with pytest.raises(Forbidden):  # a teacher: the register is the coop's
        act(demo_books, JULIEN, projects.inventory_start, "Indian/Reunion")
    assert act(demo_books, MARIE, projects.projects_start, "Indian/Reunion") == act(
        demo_books, MARIE, projects.projects_view, coop_id, 0, None, "Indian/Reunion")  # fmt: skip
    assert act(demo_books, JULIEN, projects.projects_start, "Indian/Reunion") == act(
        demo_books, JULIEN, projects.projects_view, coop_id, ids["CE1A"], None, "Indian/Reunion")  # fmt: skip
    assert act(demo_books, 5550001, projects.projects_start, "Indian/Reunion") is None  # nobody the store knows


def test_terminer_ticks_the_boxes_still_to_tick(demo_books):
    from store import reconciliation

    today = today_in("Indian/Reunion")
    coop_id = act(demo_books, MARIE, balances.balances_overview).coops[0][1].coop_id
    rec = act(demo_books, MARIE, reconciliation.record_statement, coop_id, day=today, balance=0, today=today)
    first, second = [e.id for e in rec.outstanding[:2]]
    untouched = act(demo_books, MARIE, reconciliation.tick_boxes, rec.statement_id, [], today=today)
    assert (untouched.reconciliation, untouched.ticked) == (rec, 0)
    gone = max(e.id for e in rec.outstanding) + 1_000  # a box whose entry the statement does not list
    pointed = act(demo_books, MARIE, reconciliation.tick_boxes, rec.statement_id, [second, gone, first], today=today)
    assert pointed.ticked == 2 and {e.id for e in pointed.reconciliation.ticked} == {first, second}
    assert pointed.reconciliation == act(demo_books, MARIE, reconciliation.reconciliation, rec.statement_id)


def test_pointer_records_the_matches_kept(demo_books):
    from store import bankfiles
    from tests.bankfiles import ofx
    from tests.test_bank_import import TODAY, statement_of

    lines, closing = statement_of(demo_books)
    coop_id = act(demo_books, MARIE, balances.balances_overview).coops[0][1].coop_id
    proposal = act(demo_books, MARIE, bankfiles.propose, coop_id, ofx(TODAY, closing, lines), today=TODAY)
    data, left = proposal.statement.to_data(), [proposal.matches[0].line]
    pointed = act(demo_books, MARIE, bankfiles.point, coop_id, data, left=left, created={}, today=TODAY)
    kept = proposal.kept(left)
    assert pointed.ticked == len(kept) == len(proposal.kept(())) - len(proposal.matches[0].entry_ids)
    assert {e.id for e in pointed.reconciliation.ticked} == set(kept)
    assert pointed.account_recorded == proposal.statement.account  # the coop's first file


def test_a_movement_comes_with_the_balances_of_its_ledgers(demo_books):
    from store import movements
    from store.models import MovementKind

    ids, today = ledger_ids(demo_books), today_in("Indian/Reunion")
    fields = dict(day=today, amount=1_00, label="Avance", today=today)
    advance = act(demo_books, MARIE, movements.record_movement_with_balances, MovementKind.AVANCE,
                  ledger_id=ids["École"], to_ledger_id=ids["CE1A"], **fields)  # fmt: skip
    assert [b.ledger_name for b in advance.balances] == ["École", "CE1A"]
    for after in advance.balances:
        ledger_id = ids[after.ledger_name]
        assert after == act(demo_books, MARIE, balances.balances, ledger_id, advance.movement.outgoing.fiscal_year)
    withdrawal = act(demo_books, JULIEN, movements.record_movement_with_balances, MovementKind.RETRAIT,
                  ledger_id=ids["CE1A"], **fields)  # fmt: skip
    assert [b.ledger_name for b in withdrawal.balances] == ["CE1A"]  # one ledger, told once


def test_cancelling_returns_the_new_balances(demo_books):
    ids = ledger_ids(demo_books)
    recorded = act(demo_books, JULIEN, entries.record_entry_with_balances, ids["CE1A"], direction=Direction.DEPENSE,
                   day=today_in("Indian/Reunion"), label="Erreur", means=Means.CARTE, amount=5_00,
                   splits="fournitures")  # fmt: skip
    cancelled = act(demo_books, JULIEN, entries.cancel_entry_with_balances, recorded.entry.id)
    assert cancelled.entry.cancelled and cancelled.entry.id == recorded.entry.id
    assert cancelled.balances.banque == recorded.balances.banque + 5_00
    assert cancelled.balances == act(demo_books, JULIEN, balances.balances, ids["CE1A"], recorded.entry.fiscal_year)
    twice = act(demo_books, JULIEN, entries.cancel_entry_with_balances, recorded.entry.id)
    assert twice.refused.reason == "cancelled" and twice.entry.cancelled and twice.balances is None


def test_history_and_the_follow_ups_open_as_their_parts_would(demo_books):
    from store import adhesion_validation, audit, campaign, report_sending

    coop_id = act(demo_books, MARIE, balances.balances_overview).coops[0][1].coop_id
    assert act(demo_books, MARIE, audit.history_start, 10) == act(demo_books, MARIE, audit.coop_history, coop_id, 0, 10)
    [(department, year, coops)] = act(demo_books, 1004, adhesion_validation.follow_ups)  # Paul, the AD of 974
    assert (department, year) == ("974", demo_books.run(lambda s: campaign.department_year(s, "974")))
    assert coops == act(demo_books, 1004, adhesion_validation.department_follow_up, "974", year)
    department = act(demo_books, 1004, report_sending.follow_up, "974")
    assert act(demo_books, 1004, report_sending.follow_ups) == (("974", department),)
    assert act(demo_books, MARIE, adhesion_validation.follow_ups) == ()  # no department of hers


def test_the_ledgers_list_opens_on_the_coop_managed(demo_books):
    from store import cahiers, campaign

    coop_id = act(demo_books, MARIE, balances.balances_overview).coops[0][1].coop_id
    view = act(demo_books, MARIE, cahiers.cahiers_start)
    assert view.year == demo_books.run(lambda s: campaign.current_year(s, coop_id))
    assert (view.affiliation, view.ledgers) == act(demo_books, MARIE, cahiers.coop_ledgers, coop_id)
    assert view.waiting == act(demo_books, MARIE, cahiers.rows_without_ledger, coop_id, view.year)
    with pytest.raises(Forbidden):  # a teacher manages no coop
        act(demo_books, JULIEN, cahiers.cahiers_start)


def test_a_change_asked_of_an_entry_comes_with_the_new_balances_or_what_comes_instead(demo_books):
    ids = ledger_ids(demo_books)
    cheques(demo_books, ids)
    day = today_in("Indian/Reunion")
    recorded = act(demo_books, JULIEN, entries.record_entry_with_balances, ids["CE1A"], direction=Direction.DEPENSE,
                   day=day, label="Colle", means=Means.CARTE, amount=5_00, splits="fournitures")  # fmt: skip
    entry_id = recorded.entry.id
    changed = act(demo_books, JULIEN, entries.change_entry, entry_id, amount=7_00)
    assert changed.entry.amount == 7_00 and changed.refused is None
    assert changed.balances == act(demo_books, JULIEN, balances.balances, ids["CE1A"], changed.entry.fiscal_year)
    used = act(demo_books, JULIEN, entries.change_entry, entry_id, check=True, means=Means.CHEQUE,
               cheque_number="1234567")  # fmt: skip
    assert used.cheque_used is not None and used.cheque_used.label == "Chèque" and used.entry.means == Means.CARTE
    kept = act(demo_books, JULIEN, entries.change_entry, entry_id, means=Means.CHEQUE, cheque_number="1234567")
    assert kept.entry.cheque_number == "1234567" and kept.balances is not None  # unchecked: made
    refused = act(demo_books, JULIEN, entries.change_entry, entry_id, day=day + timedelta(days=1))
    assert refused.refused.reason == "future" and refused.entry.day == day and refused.balances is None
    split = act(demo_books, JULIEN, entries.record_entry, ids["CE1A"], direction=Direction.DEPENSE, day=day, today=day,
                label="Sortie", means=Means.CARTE, amount=15_00, splits=[("fournitures", 10_00), ("sorties", 5_00)])
    parts = act(demo_books, JULIEN, entries.change_entry, split.id, check=True, amount=20_00)
    assert parts.parts and parts.entry.amount == 15_00
    with pytest.raises(Forbidden):
        act(demo_books, JULIEN, entries.change_entry, act(demo_books, MARIE, entries.record_entry, ids["École"],
            direction=Direction.DEPENSE, day=day, today=day, label="École", means=Means.CARTE, amount=1_00,
            splits="fournitures").id, label="Pas la sienne")  # fmt: skip


def test_the_membership_tables_changes_return_the_table_as_it_then_stands(demo_books):
    from store import adhesion, adhesion_rows, adhesion_validation
    from store.adhesion import Teacher

    coop_id = act(demo_books, MARIE, adhesion.table_start).coop_id
    year = act(demo_books, MARIE, adhesion.table_start).year
    began = act(demo_books, MARIE, adhesion_rows.begin, coop_id, year, True)
    assert began == act(demo_books, MARIE, adhesion.view, coop_id, year) and began.rows
    added = act(demo_books, MARIE, adhesion_rows.add_row, coop_id, year, "CM2", [Teacher("A B", "a@b.fr")], 20, 0)
    assert added.rows[-1].class_name == "CM2" and len(added.rows) == len(began.rows) + 1
    renamed = act(demo_books, MARIE, adhesion_rows.update_row, added.rows[-1].id, class_name="CM2 B")
    assert renamed.rows[-1].class_name == "CM2 B"
    with_ledger = next(r for r in renamed.rows if r.ledger_id is not None)  # a class taken over keeps its ledger
    refused = act(demo_books, MARIE, adhesion_rows.delete_table_row, coop_id, year, with_ledger.id)
    assert refused.refused.reason == "has_ledger" and refused.row == with_ledger and refused.table == renamed
    deleted = act(demo_books, MARIE, adhesion_rows.delete_table_row, coop_id, year, renamed.rows[-1].id)
    assert deleted.refused is None and deleted.row.class_name == "CM2 B" and deleted.table.rows == began.rows
    gone = act(demo_books, MARIE, adhesion_rows.delete_table_row, coop_id, year, renamed.rows[-1].id)
    assert gone.row is None and gone.table == deleted.table
    sent = act(demo_books, MARIE, adhesion_validation.submit, coop_id, year)
    assert sent.table.state == "submitted" and sent.table.rows == began.rows
    withdrawn = act(demo_books, MARIE, adhesion_validation.withdraw, coop_id, year)
    assert withdrawn.notified.adhesion_id == sent.adhesion_id and withdrawn.table.state == "draft"
    assert act(demo_books, MARIE, adhesion_validation.withdraw, coop_id, year).notified is None  # a draft already
    with pytest.raises(Forbidden):
        act(demo_books, JULIEN, adhesion.table_start, coop_id)  # a teacher does not manage the coop
