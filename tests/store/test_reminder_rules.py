"""What is due when: the department's calendar and the reminders' rules, without a database."""

from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from reminders.calendar import Calendar, parse_holidays
from reminders.due import (
    ADHESION, CLOSING, QUITUS, REPORT, RETURNED, VALIDATION, CoopFacts, DepartmentFacts, OpenLedger, Recipient,
    ReportFacts, due_now, membership_steps,
)  # fmt: skip

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


def test_the_days_reminders_go_skip_sundays():
    days = membership_steps(CALENDAR, 2026)
    assert days[3] == (date(2026, 9, 28), "j-3")  # 27/09 is a Sunday
    assert days[-1] == (date(2026, 10, 1), "retard")


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
