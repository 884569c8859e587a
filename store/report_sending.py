"""The report's way to the AD and back: the documents sent with it, sending it (complete, balanced,
with its quitus), the AD's list of the department's reports, the AD's answer (à compléter with a
comment, or validé: the year locked), and the notice of a change made after sending.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, select

from reminders.due import CHANGED, RETURNED, WITHDRAWN
from store import audit, crf
from store.access import Action, require
from store.models import (
    Coop, OutboxMessage, OutboxState, Report, ReportAttachment, ReportStatus, YearClosing, utcnow,
)  # fmt: skip
from store.people import Who
from store.quitus import QUITUS_NEEDED
from store.reports import (
    TEXT_MAX, Outcome, ReportError, ReportView, _action_step, _answered, _changeable, _deadline, _managers, _missing,
    _notices, _report_for, _row, _staff, hold_books, _today, _version, _view, _write_notices, report_year,
)  # fmt: skip
from store.text import says_something


ATTACHMENT_KINDS = ("statement", "grant")
COMMENT_MIN = 3
SENT_STATES = (ReportStatus.SENT, ReportStatus.MODIFIED)


@dataclass(frozen=True)
class FollowUpRow:
    year: int
    report_id: int | None
    coop_id: int
    affiliation: str
    school_name: str
    state: str
    late: bool


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


def send(session: Session, who: Who, report_id: int) -> Outcome:
    """Send the report to the AD: complete, balanced, with its quitus and the August statement. One already
    sent and unchanged since is not sent again (a second tap would tell the AD twice)."""
    hold_books(session, report_id)
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
    hold_books(session, report_id)
    report, coop = _answerable(session, who, report_id)
    if version is not None and version != _version(report):
        raise ReportError("changed_since", affiliation=coop.affiliation)
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


def changes_to_tell(session: Session) -> tuple[str, ...]:
    """Reports changed after sending and not told yet: a notice to the coop's managers and its AD, written to the
    outbox in this transaction (one per change from "envoyé" or "à compléter" to "modifié", however many entries
    changed); the keys written, for the bot to send. With them, the notices of quitus withdrawn by a change to the
    books before sending (store.reports._withdraw_checked_quitus), which the change's own command cannot send."""
    keys = tuple(session.exec(select(OutboxMessage.key).where(OutboxMessage.kind == WITHDRAWN,
                                                             OutboxMessage.state == OutboxState.PENDING)))  # fmt: skip
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
