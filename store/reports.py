"""The yearly report's life: the CRA's answers, the quitus, sending it, the AD's answer.

The figures (CRF) are store.crf's ``year_report``; this module keeps what people add to
them and where the report stands. The year reported on is the one that ended on the
last 31 August (the department's today). States, as Retkoop shows them:

    pas commencé (no row) → en cours → [cahiers non clos] → quitus demandé → envoyé
    → à compléter (the AD's comment) → modifié → envoyé … → validé (verrouillé)

"cahiers non clos" is not stored: it is "en cours" while the CRF says class ledgers are
still open. Validating inserts the year's ``YearClosing``, so that the books (store/books.py) refuse
every change dated in it from then on (entries, edits, cancels, movements, counts,
openings, statements). A change to the books of a year whose report was sent (or sent
back) turns it to "modifié", whichever command made it: a flush listener watches the
rows that make the figures (see ``_follow_changes``), and ``changes_to_tell`` hands the
bot who must hear of it.

Refusals are ``ReportError`` with a reason code (see its docstring); access is asked of
store.access: reading is READ_COOP (managers, vérificateurs, the AD), the CRA and sending
MANAGE_COOP, the AD's answer STAFF; a quitus needs a vérificateur role in the coop.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import Any

from sqlalchemy import event, func
from sqlmodel import Session, select

from reminders.due import CHANGED, QUITUS, RETURNED, moment_step
from store import audit, crf, outbox
from store.crf import YearReport
from store.errors import StoreError
from store.access import Action, Forbidden, may, require
from store.models import (
    CashCount, ChequeDeposit, Coop, Department, Entry, Ledger, LedgerClosing, OpeningBalance, Person, Quitus, Report,
    ReportAttachment, ReportProject, ReportStatus, Role, RoleKind, Split, Statement, Tick, YearClosing, utcnow,
)  # fmt: skip
from store.people import RoleView, Who
from store.reminders import calendar_of
from store.text import says_something
from store.years import fiscal_year_of, today_in

COUNCILS_MAX = 99
TEXT_MAX = 1000
PROJECTS_MAX = 20
NAME_MIN, NAME_MAX = 3, 120
QUITUS_NEEDED = 2
COMMENT_MIN = 3
# The CRF's reason codes that block the quitus: the books must be final before anyone checks them.
LEDGERS_OPEN = "class_ledgers_open"
SENT_STATES = (ReportStatus.SENT, ReportStatus.MODIFIED)
CHANGEABLE = (ReportStatus.SENT, ReportStatus.TO_COMPLETE)  # a change makes them "modifié"
ATTACHMENT_KINDS = ("statement", "grant")


class ReportError(StoreError):
    """Why a report action is refused. ``reason`` is one of:

    locked (validated: nothing changes); councils (0 to COUNCILS_MAX); text_length (limit); text_letters (limit:
    emoji or punctuation only); comment_length (low, high: the AD's comment, in words);
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


@dataclass(frozen=True)
class FollowUpRow:
    year: int
    report_id: int | None
    coop_id: int
    affiliation: str
    school_name: str
    state: str
    late: bool


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


def _is_manager(session: Session, person_id: int, coop_id: int) -> bool:
    return any(p.id == person_id for p, _ in _holders(session, coop_id, RoleKind.MANDATAIRE, RoleKind.SIGNATAIRE))


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
    projects, quitus, attachments, proved = (), (), [], frozenset()
    if report is not None:
        projects = tuple(ProjectView(p.id, p.title, p.classes, p.description) for p in session.exec(
            select(ReportProject).where(ReportProject.report_id == report.id).order_by(ReportProject.id)))
        quitus = tuple(QuitusView(q.name, q.parent, q.day) for q in session.exec(
            select(Quitus).where(Quitus.report_id == report.id).order_by(Quitus.confirmed_at)))
        rows = session.exec(select(ReportAttachment.kind, ReportAttachment.entry_id)
                            .where(ReportAttachment.report_id == report.id)).all()  # fmt: skip
        attachments = [kind for kind, _ in rows]
        proved = frozenset(entry_id for kind, entry_id in rows if kind == "grant" and entry_id is not None)
    deadline = _deadline(session, coop, year)
    state = _state(report, figures)
    person_id = who.person.id if who.person else None
    verificateur = any(p.id == person_id for p in _eligible_verificateurs(session, coop.id))
    return ReportView(
        report.id if report else None, coop.id, coop.affiliation, coop.school_name, year, state, figures,
        report.councils if report else None, report.occe_actions if report else None,
        report.comments if report else None, bool(report and report.projects_done), projects, quitus,
        tuple(p.name for p in _eligible_verificateurs(session, coop.id)),
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


# ---------------------------------------------------------------- the CRA


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


def save_councils(session: Session, who: Who, report_id: int, councils: int) -> ReportView:
    """How many conseils de coopérative were held."""
    report, coop = _changeable(session, who, report_id)
    if not isinstance(councils, int) or not 0 <= councils <= COUNCILS_MAX:
        raise ReportError("councils", high=COUNCILS_MAX)
    report.councils = councils
    return _answered(session, who, report, coop, councils=councils)


def _clean(text: str, limit: int, reason: str = "text_length") -> str:
    cleaned = " ".join(str(text).split())
    if not cleaned or len(cleaned) > limit:
        raise ReportError(reason, limit=limit)
    if not says_something(cleaned):  # read by the AD, printed on the CRA (whose font prints no emoji)
        raise ReportError("text_letters", limit=limit)
    return cleaned


def add_project(session: Session, who: Who, report_id: int, *, title: str, classes: str,
                description: str) -> ReportView:  # fmt: skip
    """A project of the year: title, classes involved, a short description."""
    report, coop = _changeable(session, who, report_id)
    count = session.exec(select(func.count(ReportProject.id)).where(ReportProject.report_id == report.id)).one()
    if count >= PROJECTS_MAX:
        raise ReportError("too_many_projects", limit=PROJECTS_MAX)
    if not says_something(title):  # (the CRA's font prints no emoji)
        raise ReportError("title_letters")
    project = ReportProject(report_id=report.id, title=_clean(title, 80, "title_length"),
                            classes=_clean(classes, 120), description=_clean(description, 500))  # fmt: skip
    session.add(project)
    return _answered(session, who, report, coop, project=project.title)


def describe_project(session: Session, who: Who, project_id: int, *, classes: str, description: str) -> ReportView:
    """A prefilled project completed: its classes and description."""
    project = session.get(ReportProject, project_id)
    if project is None:
        raise ReportError("project_gone")
    report, coop = _changeable(session, who, project.report_id)
    project.classes, project.description = _clean(classes, 120), _clean(description, 500)
    session.add(project)
    return _answered(session, who, report, coop, project=project.title)


def drop_project(session: Session, who: Who, project_id: int) -> ReportView:
    """A project taken out of the CRA."""
    project = session.get(ReportProject, project_id)
    if project is None:
        raise ReportError("project_gone")
    report, coop = _changeable(session, who, project.report_id)
    session.delete(project)
    return _answered(session, who, report, coop, dropped=project.title)


def projects_done(session: Session, who: Who, report_id: int) -> ReportView:
    """The list of projects is complete."""
    report, coop = _changeable(session, who, report_id)
    report.projects_done = True
    return _answered(session, who, report, coop, projects_done=True)


def save_actions(session: Session, who: Who, report_id: int, text: str) -> ReportView:
    """The coop's participation in OCCE actions (the year's solidarity action…)."""
    report, coop = _changeable(session, who, report_id)
    report.occe_actions = _clean(text, TEXT_MAX)
    return _answered(session, who, report, coop, occe_actions=report.occe_actions)


def save_comments(session: Session, who: Who, report_id: int, text: str) -> ReportView:
    """Free comments; an empty answer is kept as none."""
    report, coop = _changeable(session, who, report_id)
    report.comments = " ".join(str(text).split())[:TEXT_MAX + 1]
    if len(report.comments) > TEXT_MAX:
        raise ReportError("text_length", limit=TEXT_MAX)
    if report.comments and not says_something(report.comments):
        raise ReportError("text_letters", limit=TEXT_MAX)
    return _answered(session, who, report, coop, comments=report.comments)


# ---------------------------------------------------------------- quitus


def request_quitus(session: Session, who: Who, report_id: int) -> Outcome:
    """Ask the vérificateurs for their quitus: only once every class ledger is closed."""
    report, coop = _changeable(session, who, report_id)
    view = _view(session, who, coop, report.fiscal_year, report)
    if _ledgers_open(view.figures):
        raise ReportError("ledgers_open", count=_ledgers_open(view.figures))
    if report.status == ReportStatus.IN_PROGRESS:
        report.status = ReportStatus.QUITUS_REQUESTED
    report.quitus_requested_at = at = utcnow()
    session.add(report)
    session.flush()
    audit.record(session, who, "report", report.id, "quitus_request", coop_id=coop.id, at=at)
    params = {"affiliation": coop.affiliation, "report_id": report.id, "missing": _missing(view.figures)}
    given = set(session.exec(select(Quitus.person_id).where(Quitus.report_id == report.id)))
    waiting = [p for p in _eligible_verificateurs(session, coop.id) if p.id not in given]  # asked again: not those done
    keys = _write_notices(session, QUITUS, _action_step(session, coop, at), coop, report, waiting, params, at)
    return Outcome(_view(session, who, coop, report.fiscal_year, report), outbox=keys)


def quitus_name(name: str) -> str:
    """The name as it will stand on the quitus: spaces folded, 3 to 120 characters, two letters at least (an
    emoji or a number is not a name, and the PDF's font prints no emoji)."""
    cleaned = " ".join(str(name).split())
    if not NAME_MIN <= len(cleaned) <= NAME_MAX:
        raise ReportError("name_length", low=NAME_MIN, high=NAME_MAX)
    if sum(c.isalpha() for c in cleaned) < 2:
        raise ReportError("name_letters")
    return cleaned


def give_quitus(session: Session, who: Who, report_id: int, *, name: str, parent: bool) -> Outcome:
    """A vérificateur's quitus, with their name and today's date; never from a mandataire or signataire. A new or
    different quitus on a report with the AD (envoyé, à compléter) makes it "modifié", as a CRA answer does."""
    report = session.get(Report, report_id) if report_id is not None else None
    if report is None or not any(r.kind == RoleKind.VERIFICATEUR and r.coop_id == report.coop_id for r in who.roles):
        raise Forbidden(Action.READ_COOP)
    report, coop = _report_for(session, who, Action.READ_COOP, report_id)
    session.exec(select(Report.id).where(Report.id == report.id).with_for_update()).one()
    if _is_manager(session, who.person.id, coop.id):
        raise ReportError("verificateur_manager")
    if report.status == ReportStatus.VALIDATED:
        raise ReportError("locked")
    if report.quitus_requested_at is None:
        raise ReportError("quitus_not_requested")
    figures = crf.year_report(session, who, coop.id, report.fiscal_year)
    if _ledgers_open(figures):
        raise ReportError("ledgers_open", count=_ledgers_open(figures))
    cleaned = quitus_name(name)
    row = session.exec(select(Quitus).where(Quitus.report_id == report.id, Quitus.person_id == who.person.id)).first()
    if report.status in CHANGEABLE and (row is None or (row.name, row.parent) != (cleaned, bool(parent))):
        _mark_modified(report, tell=False)  # the report with the AD no longer says this: sent again, checked again
        session.add(report)
    row = row or Quitus(report_id=report.id, person_id=who.person.id, name=cleaned, parent=parent, day=_today(session, coop))
    row.name, row.parent, row.day, row.confirmed_at = cleaned, bool(parent), _today(session, coop), utcnow()
    session.add(row)
    session.flush()
    audit.record(session, who, "report", report.id, "quitus", coop_id=coop.id,
                 after={"name": cleaned, "parent": bool(parent)})  # fmt: skip
    return Outcome(_view(session, who, coop, report.fiscal_year, report), _notices(_managers(session, coop.id)))


# ---------------------------------------------------------------- attachments


def attach(session: Session, who: Who, report_id: int, *, kind: str, path: str, mime_type: str,
           size: int, grant_id: int | None = None) -> ReportView:  # fmt: skip
    """The August bank statement, or the proof of a public grant (``grant_id``: the entry of the CRF's
    subventions it proves), already downloaded to ``path``."""
    report, coop = _changeable(session, who, report_id)
    if kind not in ATTACHMENT_KINDS:
        raise ReportError("attachment_kind")
    if kind == "grant":
        grants = {s.entry_id for s in crf.year_report(session, who, coop.id, report.fiscal_year).subventions}
        if grant_id not in grants:
            raise ReportError("grant_unknown")
    session.add(ReportAttachment(report_id=report.id, kind=kind, path=path[:500], mime_type=mime_type[:100],
                                 size=size, attached_by=who.person.id,
                                 entry_id=grant_id if kind == "grant" else None))  # fmt: skip
    return _answered(session, who, report, coop, attachment=kind)


# ---------------------------------------------------------------- sending, and the AD's answer


def send(session: Session, who: Who, report_id: int) -> Outcome:
    """Send the report to the AD: complete, balanced, with its quitus and the August statement. One already
    sent and unchanged since is not sent again (a second tap would tell the AD twice)."""
    report, coop = _changeable(session, who, report_id)
    if report.status == ReportStatus.SENT:
        raise ReportError("already_sent")
    view = _view(session, who, coop, report.fiscal_year, report)
    bilan = view.figures.bilan
    if not bilan.balanced:
        raise ReportError("unbalanced", difference=bilan.difference, causes=bilan.causes)
    if view.figures.missing:
        raise ReportError("missing", missing=view.figures.missing)
    if view.cra_step is not None:
        raise ReportError("cra_incomplete", step=view.cra_step)
    if len(view.quitus) < QUITUS_NEEDED:
        raise ReportError("quitus_count", have=len(view.quitus), needed=QUITUS_NEEDED)
    if not any(q.parent for q in view.quitus):
        raise ReportError("no_parent")
    if not view.statement_attached:
        raise ReportError("no_statement")
    if view.grants_unproved:
        grant = view.grants_unproved[0]
        raise ReportError("grant_proof", giver=grant.giver or "", day=grant.day, amount=grant.amount,
                          count=len(view.grants_unproved))  # fmt: skip
    report.status, report.sent_at, report.sent_by = ReportStatus.SENT, utcnow(), who.person.id
    report.change_told = True
    session.add(report)
    session.flush()
    audit.record(session, who, "report", report.id, "send", coop_id=coop.id)
    return Outcome(_view(session, who, coop, report.fiscal_year, report),
                   _notices(_staff(session, coop.department_code)))


def follow_ups(session: Session, who: Who) -> tuple[tuple[str, list[FollowUpRow]], ...]:
    """follow_up of each department whose AD staff this person is."""
    return tuple((department, follow_up(session, who, department)) for department in who.departments())


def follow_up(session: Session, who: Who, department_code: str) -> list[FollowUpRow]:
    """The AD: every coop of the department and where its report stands (figures left out: a glance)."""
    require(who, Action.STAFF, department_code=department_code)
    rows = []
    for coop in session.exec(select(Coop).where(Coop.department_code == department_code).order_by(Coop.affiliation)):
        year = report_year(session, coop)
        report = _row(session, coop.id, year)
        state = report.status.value if report else "not_started"
        late = _today(session, coop) > _deadline(session, coop, year) and state not in ("sent", "validated")
        rows.append(FollowUpRow(year, report.id if report else None, coop.id, coop.affiliation, coop.school_name,
                                state, late))  # fmt: skip
    return rows


def _answerable(session: Session, who: Who, report_id: int) -> tuple[Report, Coop]:
    report, coop = _report_for(session, who, Action.STAFF, report_id)
    if report.status not in SENT_STATES:
        raise ReportError("locked" if report.status == ReportStatus.VALIDATED else "not_sent")
    return report, coop


def send_back(session: Session, who: Who, report_id: int, comment: str, *, now: datetime | None = None) -> Outcome:
    """The AD returns the report to be completed, with a comment for the mandataire; the coop's managers' notice
    is written to the outbox (``Outcome.outbox``) under the reminders' key for the return."""
    report, coop = _answerable(session, who, report_id)
    cleaned = " ".join(str(comment).split())
    if not COMMENT_MIN <= len(cleaned) <= TEXT_MAX or not says_something(cleaned):
        raise ReportError("comment_length", low=COMMENT_MIN, high=TEXT_MAX)
    report.status, report.ad_comment, report.change_told = ReportStatus.TO_COMPLETE, cleaned, True
    session.add(report)
    session.flush()
    at = now or utcnow()
    audit.record(session, who, "report", report.id, "send_back", coop_id=coop.id, after={"comment": cleaned}, at=at)
    view = _view(session, who, coop, report.fiscal_year, report)
    params = {"affiliation": coop.affiliation, "report_id": report.id, "comment": cleaned,
              "missing": _missing(view.figures)}  # fmt: skip
    keys = _write_notices(session, RETURNED, _action_step(session, coop, at), coop, report,
                          _managers(session, coop.id), params, at)  # fmt: skip
    return Outcome(view, outbox=keys)


def validate(session: Session, who: Who, report_id: int, version: int | None = None) -> Outcome:
    """The AD validates the report and locks its year: nothing dated in it changes any more. With ``version``
    (the report as the AD examined it), only if it has not changed or been sent again since."""
    report, coop = _answerable(session, who, report_id)
    if version is not None and version != _version(report):
        raise ReportError("changed_since", affiliation=coop.affiliation)
    session.exec(select(Coop.id).where(Coop.id == coop.id).with_for_update()).one()
    report.status, report.validated_at, report.validated_by = ReportStatus.VALIDATED, utcnow(), who.person.id
    report.change_told = True
    session.add(report)
    closed = session.exec(select(YearClosing).where(YearClosing.coop_id == coop.id,
                                                    YearClosing.fiscal_year == report.fiscal_year)).first()  # fmt: skip
    if closed is None:
        session.add(YearClosing(coop_id=coop.id, fiscal_year=report.fiscal_year, closed_by=who.person.id))
    session.flush()
    audit.record(session, who, "report", report.id, "validate", coop_id=coop.id, after={"fiscal_year": report.fiscal_year})
    return Outcome(_view(session, who, coop, report.fiscal_year, report), _notices(_managers(session, coop.id)))


# ---------------------------------------------------------------- changes after sending


def _mark_modified(report: Report, *, tell: bool) -> None:
    """A report with the AD (or sent back) changes: "modifié"; a change to the books is told to the
    coop's managers and its AD (``changes_to_tell``), the CRA's answers are seen when it is sent again."""
    report.status, report.modified_at = ReportStatus.MODIFIED, utcnow()
    report.change_told = report.change_told and not tell


def changes_to_tell(session: Session) -> tuple[str, ...]:
    """Reports changed after sending and not told yet: a notice to the coop's managers and its AD, written to the
    outbox in this transaction (one per change from "envoyé" or "à compléter" to "modifié", however many entries
    changed); the keys written, for the bot to send."""
    keys: tuple[str, ...] = ()
    for report in session.exec(select(Report).where(Report.change_told.is_(False)).with_for_update()):
        coop = session.get(Coop, report.coop_id)
        report.change_told = True
        session.add(report)
        at = report.modified_at or utcnow()
        step = at.strftime("%Y%m%dT%H%M%S")  # the moment it turned "modifié": one notice per turn
        for to, people in (("managers", _managers(session, coop.id)), ("ad", _staff(session, coop.department_code))):
            params = {"affiliation": coop.affiliation, "report_id": report.id, "to": to}
            keys += _write_notices(session, CHANGED, step, coop, report, people, params, utcnow())
    return keys


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


@event.listens_for(Session, "before_flush")
def _follow_changes(session: Session, _context: Any, _instances: Any) -> None:
    """Any change to the books of a year whose report is with the AD (or sent back) makes it "modifié"."""
    rows = [*session.new, *session.deleted, *(r for r in session.dirty if session.is_modified(r))]
    with session.no_autoflush:
        touched = {key for key in (_touched(session, row) for row in rows) if key}
        for coop_id, year in touched:
            report = _row(session, coop_id, year)
            if report is not None and report.status in CHANGEABLE:
                _mark_modified(report, tell=True)
                session.add(report)

