"""The outbox's rules: a key is written once, a claimed message is never handed out again."""

from datetime import datetime, timedelta, timezone

import pytest
from sqlmodel import select

from store import outbox
from store.access import Forbidden
from store.models import OutboxMessage, OutboxState, Person, ReminderSettings
from store.people import who_is

NOW = datetime(2026, 9, 15, 6, 0, tzinfo=timezone.utc)


def person_id(session, telegram_id):
    return session.exec(select(Person.id).where(Person.telegram_id == telegram_id)).one()


def write(session, telegram_id=1001, step="j-15", due_at=NOW, **extra):
    return outbox.enqueue(session, kind="adhesion", step=step, person_id=person_id(session, telegram_id),
                          department_code="974", year=2026, due_at=due_at, **extra)


def test_a_key_is_written_once(demo):
    assert demo.run(write) is True
    assert demo.run(write) is False
    assert demo.run(write, step="j-7") is True
    assert demo.run(lambda s: len(s.exec(select(OutboxMessage)).all())) == 2


def test_a_claimed_message_is_not_claimed_again_and_waits_for_its_time(demo):
    demo.run(write)
    demo.run(write, step="j-7", due_at=NOW + timedelta(hours=1))
    first = demo.run(outbox.claim, NOW)
    assert [(m.step, m.telegram_id, m.language) for m in first] == [("j-15", 1001, "fr")]
    assert demo.run(outbox.claim, NOW) == []
    assert [m.step for m in demo.run(outbox.claim, NOW + timedelta(hours=1))] == ["j-7"]


def test_a_message_claimed_by_a_dead_sender_becomes_unknown_and_is_never_resent(demo):
    demo.run(write)
    [message] = demo.run(outbox.claim, NOW)
    assert demo.run(outbox.settle_interrupted, NOW) == 1
    assert demo.run(outbox.claim, NOW + timedelta(days=1)) == []
    demo.run(outbox.finish, message.id, OutboxState.SENT)  # a late answer does not overwrite what is known
    assert demo.run(lambda s: s.get(OutboxMessage, message.id).state) == OutboxState.UNKNOWN


def test_a_person_who_blocked_the_bot_is_marked_and_skipped(demo):
    demo.run(write)
    [message] = demo.run(outbox.claim, NOW)
    demo.run(outbox.finish, message.id, OutboxState.BLOCKED, "Forbidden: bot was blocked by the user")
    assert demo.run(lambda s: s.get(ReminderSettings, message.person_id).blocked_at) is not None
    demo.run(write, step="j-7")
    assert demo.run(outbox.claim, NOW) == []
    report = demo.run(lambda s: outbox.delivery_report(s, who_is(s, 1004), "974"))
    assert report.counts[OutboxState.BLOCKED] == 2
    assert [(line.person, line.step) for line in report.problems] == [("Marie Payet", "j-7"), ("Marie Payet", "j-15")]


def test_only_the_department_staff_see_the_delivery_report(demo):
    with pytest.raises(Forbidden):
        demo.run(lambda s: outbox.delivery_report(s, who_is(s, 1001), "974"))


def test_two_senders_at_once_never_claim_the_same_message(demo, database_url):
    from concurrent.futures import ThreadPoolExecutor

    from store.db import Database

    for step in range(40):
        demo.run(write, step=f"s{step}")
    others = [Database(database_url) for _ in range(2)]
    with ThreadPoolExecutor(2) as pool:
        claimed = list(pool.map(lambda db: [m.id for _ in range(4) for m in db.run(outbox.claim, NOW, 5)], others))
    for db in others:
        db.dispose()
    assert len(claimed[0]) + len(claimed[1]) == 40
    assert not set(claimed[0]) & set(claimed[1])


def test_a_message_that_never_reached_telegram_waits_for_the_next_run_then_fails(demo):
    demo.run(write)
    refused = "httpx.ConnectError: All connection attempts failed (ConnectError)"
    at = NOW
    for run in range(1, outbox.RETRY_RUNS):
        [message] = demo.run(outbox.claim, at)
        assert demo.run(outbox.retry_later, message.id, refused, at) == OutboxState.PENDING
        assert demo.run(outbox.claim, at) == []  # not again in the same run
        at += outbox.RETRY_PAUSE
        assert demo.run(lambda s: s.get(OutboxMessage, message.id).attempts) == run
    [message] = demo.run(outbox.claim, at)
    assert demo.run(outbox.retry_later, message.id, refused, at) == OutboxState.FAILED
    assert demo.run(outbox.claim, at + timedelta(days=1)) == []
    report = demo.run(lambda s: outbox.delivery_report(s, who_is(s, 1004), "974"))
    assert [(line.state, line.error) for line in report.problems] == [(OutboxState.FAILED, refused)]


def test_a_message_settled_as_unknown_meanwhile_is_not_made_pending_again(demo):
    demo.run(write)
    [message] = demo.run(outbox.claim, NOW)
    demo.run(outbox.settle_interrupted, NOW)
    assert demo.run(outbox.retry_later, message.id, "ConnectError", NOW) == OutboxState.UNKNOWN
    assert demo.run(lambda s: s.get(OutboxMessage, message.id).state) == OutboxState.UNKNOWN
    assert demo.run(outbox.claim, NOW + timedelta(days=1)) == []


@pytest.mark.parametrize("hour, due", [(None, datetime(2026, 9, 21, 4, 0, tzinfo=timezone.utc)),
                                       (10, datetime(2026, 9, 21, 6, 0, tzinfo=timezone.utc))])  # fmt: skip
def test_a_retry_waits_for_the_sending_hours_and_the_persons_hour(demo, hour, due):
    """Saturday 19/09 at 18:58 in La Réunion: not at 19:03, not on Sunday; Monday at 08:00 (or the hour chosen)."""
    saturday_evening = datetime(2026, 9, 19, 14, 58, tzinfo=timezone.utc)
    if hour is not None:
        demo.run(lambda s: s.add(ReminderSettings(person_id=person_id(s, 1001), hour=hour)))
    demo.run(write, due_at=saturday_evening)
    [message] = demo.run(outbox.claim, saturday_evening)
    assert demo.run(outbox.retry_later, message.id, "ConnectError", saturday_evening) == OutboxState.PENDING
    assert demo.run(outbox.claim, due - timedelta(minutes=1)) == []
    assert [m.id for m in demo.run(outbox.claim, due)] == [message.id]
