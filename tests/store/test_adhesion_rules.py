"""The membership rules: what a row accepts, and the fee to the cent."""

from datetime import date

import pytest

from store.adhesion import (
    OTHER_ADULTS, PUPILS, AdhesionError, AdhesionView, RowView, Teacher, check_class_name, parse_count,
    parse_teachers,
)  # fmt: skip


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
