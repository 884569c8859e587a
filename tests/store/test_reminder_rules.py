"""What is due when: the department's calendar and the reminders' rules, without a database."""

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from reminders.calendar import Calendar, parse_holidays
from reminders.due import (
    ADHESION, CLOSING, PREPARE, QUITUS, REPORT, RETURNED, VALIDATION, CoopFacts, DepartmentFacts, OpenLedger, Recipient,
    ReportFacts, due_now,
)  # fmt: skip
from reminders.coming import coming
from store.outbox import outbox_key

REUNION = ZoneInfo("Indian/Reunion")
CALENDAR = Calendar(code="974", timezone="Indian/Reunion", holidays=parse_holidays("2026-10-17:2026-11-01"))
MARIE = Recipient(1)


def at(month, day, hour=10, year=2026) -> datetime:
    return datetime(year, month, day, hour, tzinfo=REUNION).astimezone(timezone.utc)


def due(now, *coops, staff=()) -> list[tuple[str, str, int]]:
    return [(d.kind, d.step, d.person_id) for d in due_now(DepartmentFacts(CALENDAR, coops, staff), now)]


def test_sending_hours_are_the_departments_own():
    assert CALENDAR.may_send(at(9, 15, 8)) and CALENDAR.may_send(at(9, 15, 18))
    assert not CALENDAR.may_send(at(9, 15, 7)) and not CALENDAR.may_send(at(9, 15, 19))
    assert not CALENDAR.may_send(at(9, 13, 10))  # a Sunday
    assert not CALENDAR.may_send(at(10, 20, 10))  # school holidays
    assert not CALENDAR.may_send(at(9, 15, 10), hour=14) and CALENDAR.may_send(at(9, 15, 14), hour=14)
    # 08:00 in La Réunion is 06:00 in Paris: the department's zone decides.
    assert CALENDAR.may_send(datetime(2026, 9, 15, 4, 30, tzinfo=timezone.utc))


def test_each_step_of_the_membership_in_turn_and_a_missed_one_is_not_sent_late():
    coop = CoopFacts(1, "974-111", (MARIE,))
    assert due(at(8, 31), coop) == []
    assert due(at(9, 1), coop) == [(ADHESION, "ouverture", 1)]
    assert due(at(9, 14), coop) == [(ADHESION, "ouverture", 1)]  # still the opening's time: its key says if it went
    assert due(at(9, 15), coop) == [(ADHESION, "j-15", 1)]
    assert due(at(9, 28), coop) == [(ADHESION, "j-3", 1)]  # down since 22/09: j-7 is overtaken, only j-3 goes
    assert due(at(10, 1), coop) == [(ADHESION, "retard", 1)]
    assert due(at(10, 8), coop) == []  # "en retard" is said within the week after, or not at all


def test_none_once_the_mandataire_validated_and_the_ad_after_the_wait():
    sent = CoopFacts(1, "974-111", (MARIE,), adhesion_id=5, rows=2, submitted_at=at(9, 20))
    paul = Recipient(9)
    assert due(at(9, 23, 9), sent, staff=(paul,)) == []
    assert due(at(9, 23, 11), sent, staff=(paul,)) == [(VALIDATION, "202609201000", 9)]
    validated = CoopFacts(1, "974-111", (MARIE,), adhesion_id=5, rows=2, submitted_at=at(9, 20), validated_at=at(9, 21))
    assert due(at(9, 25), validated, staff=(paul,)) == []


def test_a_muted_kind_still_brings_the_last_day():
    coop = CoopFacts(1, "974-111", (Recipient(1, muted=frozenset({ADHESION})),))
    assert due(at(9, 15), coop) == []
    assert due(at(9, 29), coop) == [(ADHESION, "j-1", 1)]


def test_what_is_coming_is_what_the_rules_send_on_the_day_they_send_it():
    """/rappels' dates: a Sunday's step goes on Monday, a step the holidays overtake never goes, a muted kind
    keeps its last day, what the outbox holds is not coming any more."""
    coop = CoopFacts(1, "974-111", (MARIE,), report=ReportFacts())
    found = coming(DepartmentFacts(CALENDAR, (coop,), ()), 1, at(9, 1, 7), ())
    days = [(day.strftime("%d/%m"), due.kind, due.step) for day, due in found]
    assert [(day, step) for day, kind, step in days if kind == ADHESION] == [
        ("01/09", "ouverture"), ("15/09", "j-15"), ("23/09", "j-7"), ("28/09", "j-3"), ("29/09", "j-1"),
        ("01/10", "retard")]  # fmt: skip
    # the weekly "late" of 22/10 falls in the holidays (17/10–01/11) and that of 29/10 goes on Monday 02/11
    assert [(day, step) for day, kind, step in days if kind == REPORT and step.startswith("retard")] == [
        ("01/10", "retard-1"), ("08/10", "retard-2"), ("15/10", "retard-3"), ("02/11", "retard-5"), ("05/11", "retard-6"),
        ("12/11", "retard-7"), ("19/11", "retard-8")]  # fmt: skip
    muted = CoopFacts(1, "974-111", (Recipient(1, muted=frozenset({ADHESION, REPORT})),), report=ReportFacts())
    facts = DepartmentFacts(CALENDAR, (muted,), ())
    assert [(d.kind, d.step) for _, d in coming(facts, 1, at(9, 16), ())] == [(ADHESION, "j-1"), (REPORT, "j-1")]
    written = {outbox_key(REPORT, "j-1", 1, 1, 2025)}
    assert [(day.strftime("%d/%m"), d.kind, d.step) for day, d in coming(facts, 1, at(9, 16), written)] == [
        ("29/09", ADHESION, "j-1")]
    assert not coming(facts, 2, at(9, 16), ())  # someone else's


def test_the_report_to_prepare_on_1_july_to_this_years_members():
    member = CoopFacts(1, "974-111", (MARIE,), submitted_at=at(9, 2))  # a new member: no report of last year
    assert due(at(6, 30, year=2027), member) == []
    assert due(at(7, 1, year=2027), member) == [(PREPARE, "juillet", 1)]
    assert due(at(7, 1, year=2027), CoopFacts(1, "974-111", (MARIE,), report=ReportFacts())) == []  # did not renew


def test_report_reminders_once_its_state_is_known():
    unknown = CoopFacts(1, "974-111", (MARIE,), submitted_at=at(9, 2))
    assert due(at(9, 15), unknown) == []
    waiting = ReportFacts(quitus_requested_at=at(9, 10), quitus_waiting=(Recipient(7),))
    coop = CoopFacts(1, "974-111", (MARIE,), submitted_at=at(9, 2), report=waiting)
    assert due(at(9, 15), coop) == [(REPORT, "j-15", 1), (QUITUS, "202609101000", 7)]
    assert due(at(10, 8), coop)[0] == (REPORT, "retard-2", 1)  # weekly once late
    sent_back = CoopFacts(1, "974-111", (MARIE,), submitted_at=at(9, 2), report=ReportFacts(sent_back_at=at(10, 5)))
    assert (RETURNED, "202610051000", 1) in due(at(10, 6), sent_back)
    done = CoopFacts(1, "974-111", (MARIE,), submitted_at=at(9, 2), report=ReportFacts(sent=True))
    assert due(at(9, 29) + timedelta(hours=1), done) == []


def test_a_returned_report_says_so_once_and_its_weekly_late_resumes_at_the_next_step():
    returned = ReportFacts(sent_back_at=at(10, 10, 20), comment="Il manque le relevé.")
    coop = CoopFacts(1, "974-111", (MARIE,), submitted_at=at(9, 2), report=returned)
    # Monday 12/10: the return's message, not the "late" of Thursday 8/10 on top of it
    assert due(at(10, 12), coop) == [(RETURNED, "202610102000", 1)]
    assert due(at(10, 15), coop) == [(REPORT, "retard-3", 1), (RETURNED, "202610102000", 1)]
    found = due_now(DepartmentFacts(CALENDAR, (coop,), ()), at(10, 12))
    assert found[0].params["comment"] == "Il manque le relevé." and found[0].year == 2025


def test_an_open_class_ledger_from_1_september_to_its_teacher_by_ledger():
    claire = Recipient(9)
    coop = CoopFacts(1, "974-111", (MARIE,), submitted_at=at(8, 30),
                     open_ledgers=(OpenLedger(5, "CM2A", (claire,)), OpenLedger(6, "CP", (claire,))))  # fmt: skip
    assert due(at(8, 31), coop) == []
    assert due(at(9, 1), coop) == [(CLOSING, "5:rentree", 9), (CLOSING, "6:rentree", 9)]
    assert due(at(9, 29), coop) == [(CLOSING, "5:j-1", 9), (CLOSING, "6:j-1", 9)]
    assert due(at(10, 1), coop) == []  # after the deadline, the report's own "late" follows it up
    muted = CoopFacts(1, "974-111", (), open_ledgers=(OpenLedger(5, "CM2A", (Recipient(9, frozenset({CLOSING})),)),))
    assert due(at(9, 15), muted) == [] and due(at(9, 29), muted) == [(CLOSING, "5:j-1", 9)]  # the last day is never muted
