"""The CRA (compte rendu d'activités): the four questions a manager answers, each kept at once.

How many conseils de coopérative were held, the year's projects (prefilled from the ``#projets`` when
the report starts: store.reports.open_report), the coop's part in the OCCE's actions, free comments.
An answer changed while the report is with the AD makes it "modifié" (store.reports._answered).
"""

from __future__ import annotations

from sqlalchemy import func
from sqlmodel import Session, select

from store.models import ReportProject
from store.people import Who
from store.reports import PROJECTS_MAX, TEXT_MAX, ReportError, ReportView, _answered, _changeable
from store.text import says_something


COUNCILS_MAX = 99


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
