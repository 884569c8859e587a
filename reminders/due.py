"""What is due now: pure functions from a department's state (read by store/reminders.py) to messages.

Nothing here remembers anything: the outbox's keys say what was sent. Every run
asks again "which step is each coop at today?"; a step already written to the
outbox is not written again, so running every few minutes, after a restart or on
two instances changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from reminders.calendar import Calendar, current_step, month_day
from store.years import fiscal_year_of

# Kinds of message; a person may mute a kind in /rappels, except its last-day step.
ADHESION = "adhesion"  # the mandataire's membership renewal
VALIDATION = "validation"  # a membership waiting for the AD
REPORT = "rapport"  # the mandataire's yearly report (CRF and CRA)
PREPARE = "preparation"  # 1 July: what to get ready for the report
QUITUS = "quitus"  # a vérificateur's quitus is waiting
RETURNED = "renvoi"  # the AD sent the report back
CLOSING = "cloture"  # a teacher's class ledger of the year that ended is not closed
DIGEST = "synthese"  # the AD staff's weekly digest (reminders/digest.py)
CHANGED = "modifie"  # not a reminder: a report already sent changed (store.report_sending.changes_to_tell)
WITHDRAWN = "quitus_retire"  # not a reminder: the quitus given withdrawn (a class ledger reopened, the books changed: store.reports)
LAST_DAY = "j-1"  # never muted
LATE = "retard"
LATE_WINDOW = timedelta(days=7)  # the "en retard" message of the membership, if the day after was not a school day
PREPARE_WINDOW = timedelta(days=14)
REPORT_LATE_WEEKS = 8  # weekly "en retard" for the report, then the AD follows up


@dataclass(frozen=True)
class Recipient:
    """A person to remind and what they chose in /rappels."""

    person_id: int
    muted: frozenset[str] = frozenset()
    hour: int | None = None

    def wants(self, kind: str, step: str) -> bool:
        return kind not in self.muted or step.rsplit(":", 1)[-1] == LAST_DAY  # "5:j-1": a class ledger's last day


@dataclass(frozen=True)
class ReportFacts:
    """Where a coop's report for the year that ended stands (see store/reminders.py)."""

    sent: bool = False  # sent to the AD (or validated), not sent back
    sent_back_at: datetime | None = None  # the AD sent it back (status "to complete")
    quitus_requested_at: datetime | None = None
    quitus_waiting: tuple[Recipient, ...] = ()  # vérificateurs who have not given their quitus yet
    report_id: int | None = None
    comment: str | None = None  # the AD's, when sent back


@dataclass(frozen=True)
class OpenLedger:
    """A class ledger with books in the year that ended, not closed for it yet, and its teachers."""

    ledger_id: int
    name: str
    teachers: tuple[Recipient, ...]


@dataclass(frozen=True)
class CoopFacts:
    """One coop of the department, this school year."""

    coop_id: int
    affiliation: str
    mandataires: tuple[Recipient, ...]
    adhesion_id: int | None = None  # this year's membership, once begun
    rows: int = 0  # its classes
    submitted_at: datetime | None = None  # the mandataire's engagement (they validated the membership)
    validated_at: datetime | None = None  # the AD's validation
    report: ReportFacts | None = None  # None: the report's state is not known (see store/reminders.py)
    open_ledgers: tuple[OpenLedger, ...] = ()


@dataclass(frozen=True)
class DepartmentFacts:
    calendar: Calendar
    coops: tuple[CoopFacts, ...]
    staff: tuple[Recipient, ...]  # the AD's people


@dataclass(frozen=True)
class Due:
    """A message whose time has come: its outbox key's parts and what its text needs."""

    kind: str
    step: str
    coop_id: int | None
    person_id: int
    year: int
    params: dict


# What each role may receive, and may mute in /rappels.
KINDS_BY_ROLE = {"mandataire": (ADHESION, REPORT, RETURNED, PREPARE), "verificateur": (QUITUS,),
                 "enseignant": (CLOSING,), "ad": (VALIDATION, DIGEST)}  # fmt: skip


LAST_DAY_KINDS = (ADHESION, REPORT, CLOSING)  # the kinds with a last-day step, sent even when muted


def moment_step(calendar: Calendar, at: datetime) -> str:
    """The step of a message that follows someone's action at ``at`` (a return, a quitus asked, a membership
    sent): its minute in the department's time. The store writes the immediate notice under it, so the
    reminders' run finds it already written."""
    return calendar.local(at).strftime("%Y%m%d%H%M")


def membership_thresholds(calendar: Calendar, year: int) -> list[tuple[date, str]]:
    """The first day of each step of ``year``'s membership: the campaign opens, j-15… j-1, late."""
    closes = month_day(year, calendar.membership_closes)
    return [(month_day(year, calendar.membership_opens), "ouverture"), *calendar.countdown(closes),
            (closes + timedelta(days=1), LATE)]  # fmt: skip


def report_thresholds(calendar: Calendar, year: int) -> list[tuple[date, str]]:
    """The first day of each step of the report of ``year - 1`` (due in ``year``): j-15… j-1, then weekly late."""
    deadline = month_day(year, calendar.report_deadline)
    weeks = [(deadline + timedelta(days=1 + 7 * week), f"{LATE}-{week + 1}") for week in range(REPORT_LATE_WEEKS)]
    return calendar.countdown(deadline) + weeks


def due_now(facts: DepartmentFacts, now: datetime) -> list[Due]:
    """Every message of the department whose time has come at ``now``, for the people who may be written to now."""
    calendar = facts.calendar
    today = calendar.local(now).date()
    year = fiscal_year_of(today)
    found: list[tuple[Recipient, Due]] = []
    for coop in facts.coops:
        found += _membership(calendar, coop, today, year)
        found += _validation(calendar, coop, facts.staff, now, year)
        found += _report(calendar, coop, today, year)
        found += _prepare(calendar, coop, today, year)
        found += _closing(calendar, coop, today, year)
    return [due for person, due in found
            if person.wants(due.kind, due.step) and calendar.may_send(now, person.hour)]  # fmt: skip


def _membership(calendar: Calendar, coop: CoopFacts, today: date, year: int) -> list[tuple[Recipient, Due]]:
    if coop.submitted_at is not None:
        return []
    step = current_step(today, membership_thresholds(calendar, year), LATE_WINDOW)
    if step is None:
        return []
    closes = month_day(year, calendar.membership_closes)
    params = {"affiliation": coop.affiliation, "deadline": closes.isoformat(), "rows": coop.rows}
    return [(person, Due(ADHESION, step, coop.coop_id, person.person_id, year, params)) for person in coop.mandataires]


def _validation(calendar: Calendar, coop: CoopFacts, staff: tuple[Recipient, ...], now: datetime,
                year: int) -> list[tuple[Recipient, Due]]:  # fmt: skip
    """A membership sent more than the department's wait ago, not validated: once per sending, to each of the AD."""
    sent = coop.submitted_at
    if sent is None or coop.validated_at is not None or now - sent < timedelta(days=calendar.validation_wait_days):
        return []
    step = moment_step(calendar, sent)
    params = {"affiliation": coop.affiliation, "submitted": calendar.local(sent).date().isoformat(),
              "adhesion_id": coop.adhesion_id, "days": calendar.validation_wait_days}
    return [(person, Due(VALIDATION, step, coop.coop_id, person.person_id, year, params)) for person in staff]


def _report(calendar: Calendar, coop: CoopFacts, today: date, year: int) -> list[tuple[Recipient, Due]]:
    """The report of the year that ended on 31 August (``year - 1``)."""
    report, found = coop.report, []
    if report is None:
        return found
    # what the coop lacks is read once a message is due (reminders/schedule.py): a whole CRF per coop is too dear every run
    base = {"affiliation": coop.affiliation, "report_id": report.report_id}
    if report.sent:
        return found
    deadline = month_day(year, calendar.report_deadline)
    params = base | {"deadline": deadline.isoformat()}
    thresholds = report_thresholds(calendar, year)
    step = current_step(today, thresholds, timedelta(days=7))
    returned = calendar.local(report.sent_back_at).date() if report.sent_back_at is not None else None
    if step is not None and returned is not None and dict((s, d) for d, s in thresholds)[step] <= returned:
        step = None  # the message of the return says it: the countdown or the weekly "late" resumes at its next step
    if step is not None:
        found += [(person, Due(REPORT, step, coop.coop_id, person.person_id, year - 1, params))
                  for person in coop.mandataires]  # fmt: skip
    if report.sent_back_at is not None:
        step = moment_step(calendar, report.sent_back_at)
        found += [(person, Due(RETURNED, step, coop.coop_id, person.person_id, year - 1, base | {"comment": report.comment}))
                  for person in coop.mandataires]  # fmt: skip
    if report.quitus_requested_at is not None:
        step = moment_step(calendar, report.quitus_requested_at)
        found += [(person, Due(QUITUS, step, coop.coop_id, person.person_id, year - 1, base))
                  for person in report.quitus_waiting]  # fmt: skip
    return found


def _prepare(calendar: Calendar, coop: CoopFacts, today: date, year: int) -> list[tuple[Recipient, Due]]:
    """From 1 July, what to get ready for this year's report: to the coops that are members this year."""
    prepare = month_day(year + 1, calendar.report_prepare)
    if coop.submitted_at is None or not prepare <= today < prepare + PREPARE_WINDOW:
        return []
    params = {"affiliation": coop.affiliation, "deadline": month_day(year + 1, calendar.report_deadline).isoformat()}
    return [(person, Due(PREPARE, "juillet", coop.coop_id, person.person_id, year, params)) for person in coop.mandataires]


def _closing(calendar: Calendar, coop: CoopFacts, today: date, year: int) -> list[tuple[Recipient, Due]]:
    """Class ledgers of the year that ended still open: to their teachers on 1 September, then as the report's countdown."""
    deadline = month_day(year, calendar.report_deadline)
    thresholds = [(month_day(year, calendar.membership_opens), "rentree"), *calendar.countdown(deadline)]
    step = current_step(today, thresholds, timedelta(days=1))
    if step is None:
        return []
    return [(person, Due(CLOSING, f"{ledger.ledger_id}:{step}", coop.coop_id, person.person_id, year - 1,
                         {"affiliation": coop.affiliation, "ledger": ledger.name, "ledger_id": ledger.ledger_id,
                          "deadline": deadline.isoformat()}))
            for ledger in coop.open_ledgers for person in ledger.teachers]  # fmt: skip
