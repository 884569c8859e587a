"""The yearly report: where it stands, what it shows, and the change to its books after sending.

The figures (CRF) are store.crf's ``year_report``; what people add to them is in the sibling
modules: the CRA's answers in store/cra.py, the quitus in store/quitus.py, the attachments, the
sending and the AD's answer in store/report_sending.py. This module holds what they share: the
report's view, its lookups, its notices. The year reported on is the one that ended on the
last 31 August (the department's today). States, as Retkoop shows them:

    pas commencé (no row) → en cours → [cahiers non clos] → quitus demandé → envoyé
    → à compléter (the AD's comment) → modifié → envoyé … → validé (verrouillé)

"cahiers non clos" is not stored: it is "en cours" while the CRF says class ledgers are
still open. Validating inserts the year's ``YearClosing``, so that the books (store/book_years.py) refuse
every change dated in it from then on (entries, edits, cancels, movements, counts,
openings, statements). A change to the books of a year whose report was sent (or sent
back) turns it to "modifié", whichever command made it: a flush listener watches the
rows that make the figures (see ``_follow_changes``: it is registered when this module is
imported), and store.report_sending.changes_to_tell hands the bot who must hear of it. Before
sending, the quitus certifies the books as the vérificateurs checked them: a change to them
withdraws the quitus given (``_withdraw_checked_quitus``, at commit), to ask again.

Refusals are ``ReportError`` with a reason code (see its docstring); access is asked of
store.access: reading is READ_COOP (managers, vérificateurs, the AD), the CRA and sending
MANAGE_COOP, the AD's answer STAFF; a quitus needs a vérificateur role in the coop.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import Any

from sqlalchemy import event
from sqlmodel import Session, select

from reminders.due import WITHDRAWN, moment_step
from store import audit, crf, outbox
from store.crf import YearReport
from store.errors import StoreError
from store.access import Action, Forbidden, may, require
from store.models import (
    CashCount, ChequeDeposit, Coop, Department, Entry, Ledger, LedgerClosing, OpeningBalance, Person, Quitus, Report,
    ReportAttachment, ReportProject, ReportStatus, Role, RoleKind, Split, Statement, Tick, utcnow,
)  # fmt: skip
from store.people import RoleView, Who
from store.reminders import calendar_of
from store.years import fiscal_year_of, today_in

TEXT_MAX = 1000
PROJECTS_MAX = 20
# The CRF's reason codes that block the quitus: the books must be final before anyone checks them.
LEDGERS_OPEN = "class_ledgers_open"
CHANGEABLE = (ReportStatus.SENT, ReportStatus.TO_COMPLETE)  # a change makes them "modifié"
AS_SENT = (ReportStatus.SENT, ReportStatus.VALIDATED)  # what the AD has, unchanged since


class ReportError(StoreError):
    """Why a report action is refused. ``reason`` is one of:

    locked (validated: nothing changes); councils (0 to COUNCILS_MAX); text_length (limit); text_letters (limit:
    emoji or punctuation only); comment_length (low, high: the AD's comment, in characters);
    title_length; title_letters (emoji or punctuation only); too_many_projects; project_gone;
    ledgers_open (count: class ledgers not closed — no quitus before);
    quitus_not_requested; verificateur_manager (a vérificateur who is also mandataire or signataire);
    name_length; cra_incomplete (step: the first unanswered);
    unbalanced (difference, and the CRF's ``causes``); missing (the CRF's (code, details) pairs); quitus_count (have, needed);
    no_parent; no_statement (the August statement is not attached); changed_since (affiliation: changed or sent
    again since the AD's card);
    grant_proof (giver, day, amount, count: the first public grant without its proof, and how many lack one);
    grant_unknown (a proof for an entry that is not one of the year's grants);
    not_sent (the AD answers only a sent report); comment_length; attachment_kind.
    """


@dataclass(frozen=True)
class ProjectView:
    id: int
    title: str
    classes: str
    description: str


@dataclass(frozen=True)
class QuitusView:
    name: str
    parent: bool
    day: date


@dataclass(frozen=True)
class ReportView:
    """What /compterendu shows: the figures, the CRA, the quitus, and what the person may do."""

    report_id: int | None  # None: not started
    coop_id: int
    affiliation: str
    school_name: str
    year: int
    state: str  # not_started, ledgers_open, or a ReportStatus value
    figures: YearReport
    councils: int | None
    occe_actions: str | None
    comments: str | None
    projects_done: bool
    projects: tuple[ProjectView, ...]
    quitus: tuple[QuitusView, ...]
    verificateurs: tuple[str, ...]  # who may give the quitus
    statement_attached: bool
    grant_proofs: int
    grants_proved: frozenset[int]  # the entries (grants of the CRF's subventions) with a proof attached
    ad_comment: str | None
    deadline: date
    late: bool
    manager: bool  # may fill the CRA and send
    verificateur: bool  # may give the quitus
    version: int = 0  # which state of a report with the AD it shows: the AD's ✅ validates that one (_version)

    @property
    def cra_step(self) -> str | None:
        """The first CRA question not answered yet; None when all are."""
        if self.councils is None:
            return "councils"
        if not self.projects_done:
            return "projects"
        if self.occe_actions is None:
            return "actions"
        if self.comments is None:
            return "comments"
        return None

    @property
    def grants_unproved(self) -> tuple[crf.Subvention, ...]:
        """The year's public grants that still lack their proof, in the CRF's order."""
        return tuple(s for s in self.figures.subventions if s.entry_id not in self.grants_proved)

    @property
    def locked(self) -> bool:
        return self.state == ReportStatus.VALIDATED


@dataclass(frozen=True)
class Notice:
    """Someone to tell, in their language."""

    telegram_id: int
    language: str


@dataclass(frozen=True)
class Outcome:
    """What an action did, whom the bot should tell, and the notices it wrote to the outbox (their keys)."""

    view: ReportView
    notify: tuple[Notice, ...] = ()
    outbox: tuple[str, ...] = ()


# ---------------------------------------------------------------- lookups


def report_year(session: Session, coop: Coop) -> int:
    """The year the report is about: the one that ended on the last 31 August, where the coop is."""
    return fiscal_year_of(_today(session, coop)) - 1


def _today(session: Session, coop: Coop) -> date:
    return today_in(session.get(Department, coop.department_code).timezone)


def _deadline(session: Session, coop: Coop, year: int) -> date:
    month, day = (int(part) for part in session.get(Department, coop.department_code).report_deadline.split("-"))
    return date(year + 1, month, day)


def _row(session: Session, coop_id: int, year: int) -> Report | None:
    return session.exec(select(Report).where(Report.coop_id == coop_id, Report.fiscal_year == year)).first()


def hold_books(session: Session, report_id: int | None) -> None:
    """Lock the report's coop row, alone, before the report's (PostgreSQL): the changes to its books under way
    are committed first, and those that come next wait, then see the report as this transaction leaves it
    (store/books.py's _share_coop). Sending, validating and giving a quitus take it."""
    session.exec(select(Coop.id).join(Report, Report.coop_id == Coop.id).where(Report.id == report_id)
                 .with_for_update(of=Coop)).first()  # fmt: skip


def _coop_for(session: Session, who: Who, action: Action, coop_id: int | None) -> Coop:
    coop = session.get(Coop, coop_id) if coop_id is not None else None
    if coop is None:
        raise Forbidden(action)
    require(who, action, coop_id=coop.id, department_code=coop.department_code)
    return coop


def _report_for(session: Session, who: Who, action: Action, report_id: int | None) -> tuple[Report, Coop]:
    """The report and its coop, if ``who`` may do ``action`` there; the row is locked for writes."""
    report = None
    if report_id is not None:
        query = select(Report).where(Report.id == report_id)
        report = session.exec(query if action == Action.READ_COOP else query.with_for_update()).first()
    if report is None:
        raise Forbidden(action)
    return report, _coop_for(session, who, action, report.coop_id)


def _holders(session: Session, coop_id: int, *kinds: RoleKind) -> list[tuple[Person, RoleKind]]:
    return list(session.exec(
        select(Person, Role.kind).join(Role, Role.person_id == Person.id)
        .where(Role.coop_id == coop_id, Role.ended_at.is_(None), Role.kind.in_(kinds)).order_by(Person.name)
    ).all())  # fmt: skip


def _eligible_verificateurs(session: Session, coop_id: int) -> list[Person]:
    """The coop's vérificateurs who are neither mandataire nor signataire there."""
    managers = {p.id for p, _ in _holders(session, coop_id, RoleKind.MANDATAIRE, RoleKind.SIGNATAIRE)}
    return [p for p, _ in _holders(session, coop_id, RoleKind.VERIFICATEUR) if p.id not in managers]


def _write_notices(session: Session, kind: str, step: str, coop: Coop, report: Report, people: list[Person],
                   params: dict[str, Any], at: datetime) -> tuple[str, ...]:  # fmt: skip
    """Write one notice of ``kind`` per person to the outbox, due at once, under the key the reminders would use
    for it (reminders/due.py): whoever writes first, the person receives it once. Their keys, for the bot to send."""
    keys = []
    for person in people:
        if person.telegram_id is None:
            continue
        outbox.enqueue(session, kind=kind, step=step, coop_id=coop.id, person_id=person.id,
                       department_code=coop.department_code, year=report.fiscal_year, params=params, due_at=at)  # fmt: skip
        keys.append(outbox.outbox_key(kind, step, coop.id, person.id, report.fiscal_year))
    return tuple(dict.fromkeys(keys))


def _action_step(session: Session, coop: Coop, at: datetime) -> str:
    return moment_step(calendar_of(session.get(Department, coop.department_code)), at)


def _missing(figures: YearReport) -> list:
    """What the CRF still lacks, as the reminders' messages say it (store.reminders.report_missing)."""
    return [[code, details] for code, details in figures.missing]


def _notices(people: list[Person]) -> tuple[Notice, ...]:
    return tuple(dict.fromkeys(Notice(p.telegram_id, p.language or "fr") for p in people if p.telegram_id))


def _managers(session: Session, coop_id: int) -> list[Person]:
    return [p for p, _ in _holders(session, coop_id, RoleKind.MANDATAIRE, RoleKind.SIGNATAIRE)]


def _staff(session: Session, department_code: str) -> list[Person]:
    return list(session.exec(
        select(Person).join(Role, Role.person_id == Person.id)
        .where(Role.kind == RoleKind.AD, Role.department_code == department_code, Role.ended_at.is_(None))
    ).all())  # fmt: skip


def _ledgers_open(figures: YearReport) -> int:
    """How many class ledgers the CRF says are still open (0 when none)."""
    return next((details["count"] for code, details in figures.missing if code == LEDGERS_OPEN), 0)


def _state(report: Report | None, figures: YearReport) -> str:
    if report is None:
        return "not_started"
    if report.status == ReportStatus.IN_PROGRESS and _ledgers_open(figures):
        return "ledgers_open"
    return report.status.value


def _view(session: Session, who: Who, coop: Coop, year: int, report: Report | None) -> ReportView:
    figures = crf.year_report(session, who, coop.id, year)
    eligible = _eligible_verificateurs(session, coop.id)
    projects, quitus, attachments, proved = (), (), [], frozenset()
    if report is not None:
        projects = tuple(ProjectView(p.id, p.title, p.classes, p.description) for p in session.exec(
            select(ReportProject).where(ReportProject.report_id == report.id).order_by(ReportProject.id)))
        quitus = tuple(QuitusView(q.name, q.parent, q.day) for q in counted_quitus(session, report, eligible))
        rows = session.exec(select(ReportAttachment.kind, ReportAttachment.entry_id)
                            .where(ReportAttachment.report_id == report.id)).all()  # fmt: skip
        attachments = [kind for kind, _ in rows]
        proved = frozenset(entry_id for kind, entry_id in rows if kind == "grant" and entry_id is not None)
    deadline = _deadline(session, coop, year)
    state = _state(report, figures)
    person_id = who.person.id if who.person else None
    verificateur = any(p.id == person_id for p in eligible)
    return ReportView(
        report.id if report else None, coop.id, coop.affiliation, coop.school_name, year, state, figures,
        report.councils if report else None, report.occe_actions if report else None,
        report.comments if report else None, bool(report and report.projects_done), projects, quitus,
        tuple(p.name for p in eligible),
        "statement" in attachments, attachments.count("grant"), proved, report.ad_comment if report else None,
        deadline, _today(session, coop) > deadline and state not in ("sent", "validated"),
        may(who, Action.MANAGE_COOP, coop_id=coop.id), verificateur, _version(report) if report else 0,
    )  # fmt: skip


def _version(report: Report) -> int:
    """The instant of the report's latest sending or change after it, in microseconds, folded to fit a button's
    id (0 before sending): what the AD examined, so that a card opened before a change does not validate it."""
    latest = max((at for at in (report.sent_at, report.modified_at) if at), key=_utc, default=None)
    return (_utc(latest) - datetime(1970, 1, 1)) // timedelta(microseconds=1) % 2**31 if latest else 0


def _utc(at: datetime) -> datetime:
    """Naive UTC, as SQLite gives it back (PostgreSQL gives it aware, and so is a value just set)."""
    return at.astimezone(timezone.utc).replace(tzinfo=None) if at.tzinfo else at


# ---------------------------------------------------------------- reading and starting


def open_report(session: Session, who: Who, coop_id: int) -> ReportView:
    """The coop's report of the year just ended; a manager opening it starts it (prefilled projects)."""
    coop = _coop_for(session, who, Action.READ_COOP, coop_id)
    year = report_year(session, coop)
    report = _row(session, coop.id, year)
    if report is None and may(who, Action.MANAGE_COOP, coop_id=coop.id):
        report = Report(coop_id=coop.id, fiscal_year=year, status=ReportStatus.IN_PROGRESS, started_by=who.person.id)
        session.add(report)
        session.flush()
        session.add_all(ReportProject(report_id=report.id, title=tag, classes=classes)
                        for tag, classes in _year_projects(session, coop.id, year))  # fmt: skip
        audit.record(session, who, "report", report.id, "start", coop_id=coop.id, after={"fiscal_year": year})
    return _view(session, who, coop, year, report)


def year_view(session: Session, who: Who, coop_id: int, year: int) -> tuple[ReportView, date]:
    """The coop's report of ``year`` as it stands, without starting it (the CRF's file), and today's date."""
    coop = _coop_for(session, who, Action.READ_COOP, coop_id)
    return _view(session, who, coop, year, _row(session, coop.id, year)), _today(session, coop)


def my_coops(session: Session, who: Who) -> list[RoleView]:
    """The coops whose report this person works on or checks: managers and vérificateurs."""
    return who.coops(RoleKind.MANDATAIRE, RoleKind.SIGNATAIRE, RoleKind.VERIFICATEUR)


def report_view(session: Session, who: Who, report_id: int) -> ReportView:
    """A report by its id, for whoever may read its coop (the AD included)."""
    report, coop = _report_for(session, who, Action.READ_COOP, report_id)
    return _view(session, who, coop, report.fiscal_year, report)


def _year_projects(session: Session, coop_id: int, year: int) -> list[tuple[str, str]]:
    """The year's #projets of the coop, each with the ledgers it appears in: the CRA's first draft."""
    rows = session.exec(
        select(Entry.project, Ledger.name).join(Ledger, Ledger.id == Entry.ledger_id)
        .where(Ledger.coop_id == coop_id, Entry.fiscal_year == year, Entry.project.is_not(None),
               Entry.cancelled_at.is_(None), Entry.movement_id.is_(None))
        .group_by(Entry.project, Ledger.name).order_by(Entry.project, Ledger.name)
    ).all()  # fmt: skip
    found: dict[str, list[str]] = {}
    for tag, name in rows:
        found.setdefault(tag, []).append(name)
    return [(tag, ", ".join(names)[:120]) for tag, names in list(found.items())[:PROJECTS_MAX]]


def coop_state(session: Session, coop_id: int) -> str:
    """The report's state for the coop's card, without its figures: "cahiers non clos" shows in /compterendu."""
    coop = session.get(Coop, coop_id)
    report = _row(session, coop.id, report_year(session, coop))
    return report.status.value if report else "not_started"


# ---------------------------------------------------------------- changing it (store/cra.py, quitus.py, report_sending.py)


def _changeable(session: Session, who: Who, report_id: int) -> tuple[Report, Coop]:
    report, coop = _report_for(session, who, Action.MANAGE_COOP, report_id)
    if report.status == ReportStatus.VALIDATED:
        raise ReportError("locked")
    return report, coop


def _answered(session: Session, who: Who, report: Report, coop: Coop, **after: Any) -> ReportView:
    """A CRA answer saved: a report already with the AD becomes "modifié"."""
    if report.status in CHANGEABLE:
        _mark_modified(report, tell=False)
    session.add(report)
    session.flush()
    audit.record(session, who, "report", report.id, "cra", coop_id=coop.id, after=after)
    return _view(session, who, coop, report.fiscal_year, report)


# ---------------------------------------------------------------- changes after sending


def _mark_modified(report: Report, *, tell: bool) -> None:
    """A report with the AD (or sent back) changes: "modifié"; a change to the books is told to the
    coop's managers and its AD (store.report_sending.changes_to_tell), the CRA's answers are seen when it is sent again."""
    report.status, report.modified_at = ReportStatus.MODIFIED, utcnow()
    report.change_told = report.change_told and not tell


def _touched(session: Session, row: Any) -> tuple[int, int] | None:
    """(coop, fiscal year) of a row that makes the figures; None for any other row."""
    if isinstance(row, Split):
        row = session.get(Entry, row.entry_id)
    if isinstance(row, Tick):
        row = session.get(Statement, row.statement_id)
    if isinstance(row, (Entry, OpeningBalance, LedgerClosing)):
        ledger = session.get(Ledger, row.ledger_id)
        return (ledger.coop_id, row.fiscal_year) if ledger else None
    if isinstance(row, CashCount):
        ledger = session.get(Ledger, row.ledger_id)
        return (ledger.coop_id, fiscal_year_of(row.day)) if ledger else None
    if isinstance(row, (Statement, ChequeDeposit)):
        return row.coop_id, fiscal_year_of(row.day)
    return None


BOOKS_CHECKED_CHANGED = "books_checked_changed"  # session.info: reports whose quitus stood on books changed since


@event.listens_for(Session, "before_flush")
def _follow_changes(session: Session, _context: Any, _instances: Any) -> None:
    """Any change to the books of a year whose report is with the AD (or sent back) makes it "modifié"; one
    whose quitus is asked, not yet sent, is noted for its quitus to be withdrawn at commit. The report read here
    is the one committed: the writer holds its coop's row, which sending and validating take first
    (store/books.py's _share_coop)."""
    rows = [*session.new, *session.deleted, *(r for r in session.dirty if session.is_modified(r))]
    with session.no_autoflush:
        touched = {key for key in (_touched(session, row) for row in rows) if key}
        for coop_id, year in touched:
            report = _row(session, coop_id, year)
            if report is not None and report.status in CHANGEABLE:
                _mark_modified(report, tell=True)
                session.add(report)
            elif report is not None and report.status == ReportStatus.QUITUS_REQUESTED:
                session.info.setdefault(BOOKS_CHECKED_CHANGED, set()).add(report.id)


@event.listens_for(Session, "before_commit")
def _withdraw_checked_quitus(session: Session) -> None:
    """The quitus certifies the books as the vérificateurs checked them: changed before the report is sent, the
    quitus given are withdrawn, to ask again. Not in the flush listener: the notices take a savepoint."""
    session.flush()  # the transaction's last changes, seen by _follow_changes
    for report_id in sorted(session.info.pop(BOOKS_CHECKED_CHANGED, ())):
        report = session.get(Report, report_id)
        if report.status == ReportStatus.QUITUS_REQUESTED and _given(session, report.id):
            _withdraw_quitus(session, None, session.get(Coop, report.coop_id), report)


def counted_quitus(session: Session, report: Report, eligible: list[Person] | None = None) -> list[Quitus]:
    """The report's quitus that count, first given first. Until it is sent, a quitus counts only while its giver
    is a vérificateur (not a manager since, ``eligible``): sending counts these. Once sent, the report shows the
    quitus it was sent with."""
    given = session.exec(select(Quitus).where(Quitus.report_id == report.id).order_by(Quitus.confirmed_at)).all()
    if report.status in AS_SENT:
        return list(given)
    counted = {p.id for p in (_eligible_verificateurs(session, report.coop_id) if eligible is None else eligible)}
    return [q for q in given if q.person_id in counted]


def _given(session: Session, report_id: int) -> list[Quitus]:
    return list(session.exec(select(Quitus).where(Quitus.report_id == report_id).order_by(Quitus.id)).all())


def _withdraw_quitus(session: Session, who: Who | None, coop: Coop, report: Report,
                     **why: str) -> tuple[int, tuple[str, ...]]:  # fmt: skip
    """The report's quitus withdrawn and to ask again (the report back to "en cours"): each vérificateur who had
    given one is told through the outbox, under the key the bot sends at once (``why``: the reopened ledger; none,
    the books changed). How many of those withdrawn counted (counted_quitus), and the keys written."""
    given, counted = _given(session, report.id), len(counted_quitus(session, report))
    names, people = [q.name for q in given], [session.get(Person, q.person_id) for q in given]
    for row in given:
        session.delete(row)
    report.status, report.quitus_requested_at = ReportStatus.IN_PROGRESS, None
    session.add(report)
    session.flush()
    at = utcnow()
    audit.record(session, who, "report", report.id, "quitus_withdrawn", coop_id=coop.id, at=at,
                 after={**why, "quitus": names})  # fmt: skip
    params = {"affiliation": coop.affiliation, "report_id": report.id, **why}
    return counted, _write_notices(session, WITHDRAWN, _action_step(session, coop, at), coop, report, people,
                                      params, at)  # fmt: skip

