"""The quitus: the manager asks the vérificateurs aux comptes, once every class ledger is closed, and
each gives theirs with their name, today's date and whether they are a parent. Two are needed to send
the report, one of a parent (store.report_sending.send); a vérificateur who is also mandataire or
signataire of the coop gives none, and the quitus of one who became so since no longer counts
(store.reports._view: only current vérificateurs' count until the report is sent).
"""

from __future__ import annotations

from sqlmodel import Session, select

from reminders.due import QUITUS
from store import audit, crf
from store.access import Action, Forbidden
from store.models import Quitus, Report, ReportStatus, RoleKind, utcnow
from store.people import Who
from store.reports import (
    CHANGEABLE, Outcome, ReportError, _action_step, _changeable, _eligible_verificateurs, _holders, _ledgers_open,
    _managers, _mark_modified, _missing, _notices, _report_for, _today, _view, _write_notices, hold_books,
)  # fmt: skip


QUITUS_NEEDED = 2  # to send the report, one of them a parent's
NAME_MIN, NAME_MAX = 3, 120


def _is_manager(session: Session, person_id: int, coop_id: int) -> bool:
    return any(p.id == person_id for p, _ in _holders(session, coop_id, RoleKind.MANDATAIRE, RoleKind.SIGNATAIRE))


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
    different quitus on a report with the AD (envoyé, à compléter) makes it "modifié", as a CRA answer does. A change
    of the books under way is committed first, and withdraws the quitus it finds (store.reports' listeners)."""
    hold_books(session, report_id)
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
