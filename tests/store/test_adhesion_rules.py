"""The membership rules: what a row accepts, and the fee to the cent."""

from datetime import date

import pytest

from store.adhesion import AdhesionError, AdhesionView, RowView, Teacher
from store.adhesion_rows import OTHER_ADULTS, PUPILS, check_class_name, parse_count, parse_teachers


def table(rows, adult_rate=None):
    return AdhesionView(1, 1, "974-111", "École", "974", 2026, tuple(rows), 205, 25, adult_rate,
                        date(2026, 9, 30), False, None, None, False)  # fmt: skip


def row(teachers, pupils, adults):
    return RowView(1, 1, "CE1", tuple(Teacher(f"T {i}", f"t{i}@x.fr") for i in range(teachers)), pupils, adults, None)


def test_fee_is_members_times_cotisation_plus_assurance():
    assert table([row(1, 24, 1), row(2, 22, 1)]).fee_cents == 51 * 230


def test_fee_with_a_separate_adult_rate():
    assert table([row(1, 24, 1), row(2, 22, 1)], adult_rate=300).fee_cents == 46 * 230 + 5 * 300


def test_teachers_one_per_line_or_semicolon():
    assert parse_teachers("Anne Payet anne.payet@ac-reunion.fr\nLuc Rivière <Luc.Riviere@ac-reunion.fr>") == [
        Teacher("Anne Payet", "anne.payet@ac-reunion.fr"), Teacher("Luc Rivière", "luc.riviere@ac-reunion.fr")]
    assert len(parse_teachers("A B a@b.fr; C D c@d.fr")) == 2


@pytest.mark.parametrize(("typed", "reason"), [
    ("", "teacher_count"), ("Anne Payet", "teacher_format"), ("anne@x.fr", "teacher_format"),
    ("Anne Payet anne@x", "teacher_email"), ("Anne a@x.fr b@x.fr", "teacher_format"),
    ("\n".join(f"T{i} t{i}@x.fr" for i in range(21)), "teacher_count"),
])  # fmt: skip
def test_teachers_refused(typed, reason):
    with pytest.raises(AdhesionError) as refused:
        parse_teachers(typed)
    assert refused.value.reason == reason


def test_counts_and_class_names():
    assert parse_count(" 24 ", PUPILS) == 24
    for typed, reason in (("24.5", "count_format"), ("-1", "count_format"), ("51", "count_range")):
        with pytest.raises(AdhesionError) as refused:
            parse_count(typed, OTHER_ADULTS)
        assert refused.value.reason == reason
    assert check_class_name("  CE1   CE2 ") == "CE1 CE2"
    with pytest.raises(AdhesionError):
        check_class_name("x" * 31)


def test_names_compare_without_case_spaces_or_accents():
    from store.text import folded

    assert folded(" CÉ 1a ") == folded("ce1A") == "ce1a"
    assert folded("École") == folded("ECOLE")
    assert folded("CE1A") != folded("CE1B")


def test_reopening_needs_a_validated_membership_and_a_reason(demo):
    from sqlmodel import select

    from store import adhesion_validation
    from store.models import Adhesion, Coop
    from store.people import who_is

    def attempt(session, reason):
        paul = who_is(session, 1004)
        coop = session.exec(select(Coop).where(Coop.affiliation == "974-145")).one()
        pending = session.exec(select(Adhesion).where(Adhesion.coop_id == coop.id)).one()
        adhesion_validation.reopen(session, paul, pending.id, reason)

    with pytest.raises(AdhesionError) as refused:
        demo.run(attempt, "Un effectif à corriger")
    assert refused.value.reason == "not_validated"
    for typed in ("", "  ok ", "x" * 501):
        with pytest.raises(AdhesionError) as refused:
            adhesion_validation.check_reason(typed)
        assert refused.value.reason == "reason"
    assert adhesion_validation.check_reason("  Effectifs\n faux ") == "Effectifs faux"


def test_a_sent_membership_changes_only_once_taken_back(demo):
    from sqlmodel import select

    from store import adhesion, adhesion_rows, adhesion_validation, campaign
    from store.models import Coop, Role, RoleKind
    from store.people import who_is

    def change(session, take_back):
        coop = session.exec(select(Coop).where(Coop.affiliation == "974-145")).one()
        marie = who_is(session, 1001)
        session.add(Role(person_id=marie.person.id, kind=RoleKind.MANDATAIRE, coop_id=coop.id))
        session.flush()
        marie = who_is(session, 1001)
        year = campaign.current_year(session, coop.id)
        if take_back:
            adhesion_validation.withdraw(session, marie, coop.id, year)
        adhesion_rows.add_row(session, marie, coop.id, year, "CM2", [Teacher("A B", "a@b.fr")], 20, 0)
        return adhesion.view(session, marie, coop.id, year).state

    with pytest.raises(AdhesionError) as refused:
        demo.run(change, False)
    assert refused.value.reason == "submitted"
    assert demo.run(change, True) == "draft"


def test_the_payment_waits_for_the_ads_validation(demo):
    from sqlmodel import select

    from store import adhesion_payment
    from store.models import Adhesion, Coop, Role, RoleKind
    from store.people import who_is

    def pay(session):
        coop = session.exec(select(Coop).where(Coop.affiliation == "974-145")).one()
        marie = who_is(session, 1001)
        session.add(Role(person_id=marie.person.id, kind=RoleKind.MANDATAIRE, coop_id=coop.id))
        session.flush()
        pending = session.exec(select(Adhesion).where(Adhesion.coop_id == coop.id)).one()
        adhesion_payment.pay(session, who_is(session, 1001), pending.id, "1234567")

    with pytest.raises(AdhesionError) as refused:
        demo.run(pay)
    assert refused.value.reason == "pay_not_validated"
