"""Invitation links, and the change of mandataire that goes through one.

A code carries 128 bits of randomness; only its SHA-256 is stored, so a copy
of the database gives nobody a way in. A code is used once, within 7 days
(the bot's COOPBOT_INVITATION_DAYS setting), and only while the person who
made it may still make it: a link is worth its issuer's rights when opened.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

from sqlalchemy import update
from sqlmodel import Session, col, select

from store.errors import StoreError
from store.access import ENDED_BY_MANAGING, MANAGERS, Action, Forbidden, may, require
from store.audit import record
from store.models import (
    Coop, Department, Invitation, Ledger, LedgerKind, MandateChange, Person, Role, RoleKind, utcnow,
)  # fmt: skip
from store.exports import MandateForm, mandate_form
from store.people import Who, coop_by_affiliation, example_affiliation, roles_of, staff_of, who_is
from store.text import plain

INVITATION_TTL = timedelta(days=7)


class InvitationError(StoreError):
    """Why an invitation cannot be made or used: unknown, used, expired, revoked, issuer_gone,
    has_mandataire, no_mandataire (affiliation), own_succession (affiliation), verificateur_manager (affiliation:
    a vérificateur link opened by a mandataire or signataire of the coop), not_a_class_ledger, unknown_coop,
    unknown_department, nothing_to_confirm, superseded (affiliation: the coop changed mandataire since the change
    was asked)."""


@dataclass(frozen=True)
class NewInvitation:
    code: str
    role: RoleKind
    expires_at: datetime
    department_code: str
    affiliation: str | None = None
    school_name: str | None = None
    ledger_name: str | None = None


@dataclass(frozen=True)
class Accepted:
    """What opening a link did."""

    role: RoleKind
    department_code: str
    affiliation: str | None
    school_name: str | None
    ledger_name: str | None
    person_id: int
    who: Who
    mandate_change_id: int | None = None  # waiting for the AD's confirmation
    staff: list[tuple[int, str]] = field(default_factory=list)  # AD staff: telegram id, language
    person_name: str = ""
    verificateur_ended: bool = False  # a manager's link opened by one of the coop's vérificateurs


@dataclass(frozen=True)
class MandateConfirmed:
    affiliation: str
    successor_telegram_id: int | None
    successor_name: str
    former_telegram_ids: list[int]
    kept_signataire: bool = False
    form: MandateForm | None = None  # the bank's form, for the successor
    told: tuple[Who, ...] = ()  # the successor, then the former mandataires on Telegram, with their roles now
    verificateur_ended: bool = False  # the successor was one of the coop's vérificateurs


@dataclass(frozen=True)
class OpenInvitation:
    """A link not yet used, revoked or expired, as its coop's managers or the AD see it."""

    id: int
    role: RoleKind
    department_code: str
    affiliation: str | None
    ledger_name: str | None
    issuer_name: str | None  # None: the operator's command line
    expires_at: datetime


def hash_code(code: str) -> str:
    return hashlib.sha256(code.encode()).hexdigest()


def invite(session: Session, who: Who | None, role: RoleKind, *, coop_id: int | None = None,
           ledger_id: int | None = None, department_code: str | None = None,
           now: datetime | None = None, ttl: timedelta = INVITATION_TTL) -> NewInvitation:  # fmt: skip
    """A new link for ``role``; ``who`` is None for the operator's command line."""
    ledger = session.get(Ledger, ledger_id) if ledger_id is not None else None
    if role == RoleKind.ENSEIGNANT:
        if ledger is None or ledger.kind != LedgerKind.CLASSE:
            raise _missing(who, "not_a_class_ledger")
        coop_id = ledger.coop_id
    coop = session.get(Coop, coop_id) if coop_id is not None else None
    if role != RoleKind.AD and coop is None:
        raise _missing(who, "unknown_coop")
    department_code = coop.department_code if coop else department_code
    if session.get(Department, department_code or "") is None:
        raise _missing(who, "unknown_department")
    placeholder = None
    if who is not None:
        require(who, _issuing_action(role), coop_id=coop_id, department_code=department_code)
    if role == RoleKind.MANDATAIRE:
        current = current_mandataires(session, coop.id)
        if any(person.telegram_id is not None for person in current):
            raise InvitationError("has_mandataire")
        placeholder = current[0].id if current else None
    return _new(session, who, role, department_code, coop, ledger, placeholder, now, ttl)


def designate_successor(session: Session, who: Who, coop_id: int, now: datetime | None = None,
                        ttl: timedelta = INVITATION_TTL) -> NewInvitation:  # fmt: skip
    """A link for the next mandataire; the role changes hands once the AD confirms."""
    coop = session.get(Coop, coop_id)
    if coop is None:
        raise Forbidden(Action.DESIGNATE_MANDATAIRE)
    require(who, Action.DESIGNATE_MANDATAIRE, coop_id=coop.id, department_code=coop.department_code)
    new = _new(session, who, RoleKind.MANDATAIRE, coop.department_code, coop, None, None, now, ttl)
    invitation = session.exec(select(Invitation).where(Invitation.code_hash == hash_code(new.code))).one()
    session.add(MandateChange(coop_id=coop.id, invitation_id=invitation.id, requested_by=who.person.id))
    return new


def _missing(who: Who | None, reason: str) -> Exception:
    """A target that does not exist: the operator is told why; a person gets the refusal
    that "not yours" gets, so that ids say nothing about what exists."""
    return InvitationError(reason) if who is None else Forbidden(reason)


def _issuing_action(role: RoleKind, successor: bool = False) -> Action:
    """What one must be allowed to do to make (or revoke) a link for ``role``."""
    if successor:
        return Action.DESIGNATE_MANDATAIRE
    return Action.STAFF if role in (RoleKind.AD, RoleKind.MANDATAIRE) else Action.MANAGE_COOP


def _may_issue(session: Session, who: Who, invitation: Invitation) -> bool:
    """Whether ``who`` may make this link today: for it to open, its issuer must."""
    successor = session.exec(select(MandateChange.id).where(MandateChange.invitation_id == invitation.id)).first()
    return may(who, _issuing_action(invitation.role, successor is not None), coop_id=invitation.coop_id,
               department_code=invitation.department_code)  # fmt: skip


def _person_as_who(session: Session, person_id: int) -> Who:
    """A link's maker or a change's requester, with the roles they hold today."""
    return Who(session.get(Person, person_id), roles_of(session, person_id))


def _may_revoke(session: Session, who: Who, invitation: Invitation) -> bool:
    """Whoever may make a link may withdraw it, and so may the AD staff of its department."""
    return may(who, Action.STAFF, department_code=invitation.department_code) or _may_issue(session, who, invitation)


def _new(session: Session, who: Who | None, role: RoleKind, department_code: str, coop: Coop | None,
         ledger: Ledger | None, person_id: int | None, now: datetime | None, ttl: timedelta) -> NewInvitation:  # fmt: skip
    code = secrets.token_urlsafe(16)  # 128 bits
    now = now or utcnow()
    invitation = Invitation(
        code_hash=hash_code(code), role=role, department_code=department_code,
        coop_id=coop.id if coop else None, ledger_id=ledger.id if ledger else None,
        person_id=person_id, invited_by=who.person.id if who else None,
        created_at=now, expires_at=now + ttl,
    )  # fmt: skip
    session.add(invitation)
    session.flush()
    record(session, who, "invitation", invitation.id, "create", coop_id=invitation.coop_id,
           after={"role": role.value, "ledger_id": invitation.ledger_id})  # fmt: skip
    return NewInvitation(code, role, now + ttl, department_code,
                         coop.affiliation if coop else None, coop.school_name if coop else None,
                         ledger.name if ledger else None)  # fmt: skip


def current_mandataires(session: Session, coop_id: int) -> list[Person]:
    return list(session.exec(
        select(Person).join(Role, Role.person_id == Person.id)
        .where(Role.coop_id == coop_id, Role.kind == RoleKind.MANDATAIRE, Role.ended_at.is_(None))
    ))  # fmt: skip


def accept(session: Session, code: str, telegram_id: int, name: str, language: str,
           now: datetime | None = None) -> Accepted:  # fmt: skip
    """Link this Telegram account to the role the code gives, once."""
    now = now or utcnow()
    invitation = _claim(session, code, now)
    person = _link(session, invitation, telegram_id, name, language)
    if invitation.role == RoleKind.VERIFICATEUR and session.exec(select(Role.id).where(
        Role.person_id == person.id, Role.coop_id == invitation.coop_id, col(Role.kind).in_(MANAGERS),
        Role.ended_at.is_(None),
    )).first():  # fmt: skip
        # a vérificateur checks the managers' books, never their own (rolled back: the link stays for another)
        raise InvitationError("verificateur_manager", affiliation=session.get(Coop, invitation.coop_id).affiliation)
    change = session.exec(select(MandateChange).where(MandateChange.invitation_id == invitation.id)).first()
    if change is not None:
        if any(p.id == person.id for p in current_mandataires(session, invitation.coop_id)):
            # the mandataire trying her own link: refused (rolled back), it stays for her successor
            raise InvitationError("own_succession", affiliation=session.get(Coop, invitation.coop_id).affiliation)
        change.successor_id = person.id
        session.add(change)
    elif invitation.role == RoleKind.MANDATAIRE and invitation.person_id is None:
        if any(p.telegram_id is not None and p.id != person.id
               for p in current_mandataires(session, invitation.coop_id)):  # fmt: skip
            raise InvitationError("has_mandataire")
        _grant(session, person.id, invitation)
    elif invitation.person_id is None or invitation.person_id != person.id:
        _grant(session, person.id, invitation)
    managing = change is None and invitation.role in MANAGERS
    ended = managing and _end_auditing(session, person.id, invitation.coop_id, now)
    invitation.used_by = person.id
    session.add(invitation)
    session.flush()
    record(session, Who(person), "invitation", invitation.id, "use", coop_id=invitation.coop_id,
           after={"role": invitation.role.value, "ledger_id": invitation.ledger_id})  # fmt: skip
    coop = session.get(Coop, invitation.coop_id) if invitation.coop_id else None
    ledger = session.get(Ledger, invitation.ledger_id) if invitation.ledger_id else None
    return Accepted(
        role=invitation.role, department_code=invitation.department_code,
        affiliation=coop.affiliation if coop else None, school_name=coop.school_name if coop else None,
        ledger_name=ledger.name if ledger else None, person_id=person.id,
        who=Who(person, roles_of(session, person.id)),
        mandate_change_id=change.id if change else None,
        staff=[(p.telegram_id, p.language) for p in staff_of(session, invitation.department_code)]
        if change else [],
        person_name=person.name,
        verificateur_ended=ended,
    )  # fmt: skip


def _claim(session: Session, code: str, now: datetime) -> Invitation:
    """The invitation behind ``code``, marked used; of several people opening it at once, one wins."""
    invitation = session.exec(select(Invitation).where(Invitation.code_hash == hash_code(code))).first()
    if invitation is None:
        raise InvitationError("unknown")
    if invitation.revoked_at is not None:
        raise InvitationError("revoked")
    if invitation.used_at is not None:
        raise InvitationError("used")
    if _aware(invitation.expires_at) <= now:
        raise InvitationError("expired")
    if invitation.invited_by is not None:
        if not _may_issue(session, _person_as_who(session, invitation.invited_by), invitation):
            raise InvitationError("issuer_gone")
    # The read above may be stale: only the update that still finds the link unused wins it.
    claimed = session.execute(
        update(Invitation)
        .where(col(Invitation.id) == invitation.id, col(Invitation.used_at).is_(None),
               col(Invitation.revoked_at).is_(None))
        .values(used_at=now)
        .execution_options(synchronize_session=False)
    )  # fmt: skip
    if claimed.rowcount != 1:
        raise InvitationError("used")
    session.refresh(invitation)
    return invitation


def _link(session: Session, invitation: Invitation, telegram_id: int, name: str, language: str) -> Person:
    """The person behind this Telegram account: an imported mandataire becomes them."""
    person = session.exec(select(Person).where(Person.telegram_id == telegram_id)).first()
    placeholder = session.get(Person, invitation.person_id) if invitation.person_id else None
    if placeholder is not None and placeholder.telegram_id is None:
        if person is None:
            placeholder.telegram_id, placeholder.language = telegram_id, language
            session.add(placeholder)
            return placeholder
        _grant(session, person.id, invitation)  # the imported name stays on the old record
        for role in session.exec(select(Role).where(Role.person_id == placeholder.id,
                                                    Role.coop_id == invitation.coop_id,
                                                    Role.ended_at.is_(None))):  # fmt: skip
            role.ended_at = utcnow()
            session.add(role)
    if person is None:
        person = Person(telegram_id=telegram_id, name=plain(name)[:120], language=language)
        session.add(person)
        session.flush()
    return person


def _grant(session: Session, person_id: int, invitation: Invitation) -> None:
    """Give the invitation's role, unless the person holds it already."""
    existing = session.exec(select(Role).where(
        Role.person_id == person_id, Role.kind == invitation.role, Role.ended_at.is_(None),
        Role.coop_id == invitation.coop_id, Role.ledger_id == invitation.ledger_id,
        Role.department_code == (invitation.department_code if invitation.role == RoleKind.AD else None),
    )).first()  # fmt: skip
    if existing is None:
        session.add(Role(
            person_id=person_id, kind=invitation.role, coop_id=invitation.coop_id,
            ledger_id=invitation.ledger_id,
            department_code=invitation.department_code if invitation.role == RoleKind.AD else None,
        ))  # fmt: skip
        session.flush()


def _end_auditing(session: Session, person_id: int, coop_id: int, now: datetime) -> bool:
    """End the person's roles in the coop that managing it ends (a vérificateur's); whether there was one."""
    roles = session.exec(select(Role).where(
        Role.person_id == person_id, Role.coop_id == coop_id, col(Role.kind).in_(ENDED_BY_MANAGING),
        Role.ended_at.is_(None),
    )).all()  # fmt: skip
    for role in roles:
        role.ended_at = now
        session.add(role)
    return bool(roles)


def confirm_mandate_change(session: Session, who: Who, change_id: int, *, keep_signataire: bool = False,
                           now: datetime | None = None) -> MandateConfirmed:  # fmt: skip
    """The AD confirms: every managing role of the former mandataire in the coop ends (kept as
    history) unless the AD keeps them as signataire; the successor's role begins."""
    now = now or utcnow()
    change = session.get(MandateChange, change_id)
    if change is None:
        raise Forbidden(Action.STAFF)
    coop = session.get(Coop, change.coop_id)
    require(who, Action.STAFF, coop_id=coop.id, department_code=coop.department_code)
    if change.successor_id is None or change.confirmed_at is not None:
        raise InvitationError("nothing_to_confirm")
    # Asked before another change was confirmed, or by someone no longer allowed to ask: a former
    # mandataire's second link must not unseat the successor the AD already confirmed.
    requester = _person_as_who(session, change.requested_by)
    overtaken = session.exec(select(MandateChange.id).where(
        MandateChange.coop_id == coop.id, MandateChange.id != change.id,
        col(MandateChange.confirmed_at) >= change.requested_at,
    )).first()  # fmt: skip
    if overtaken is not None or not may(requester, Action.DESIGNATE_MANDATAIRE, coop_id=coop.id,
                                        department_code=coop.department_code):  # fmt: skip
        raise InvitationError("superseded", affiliation=coop.affiliation)
    former = [p for p in current_mandataires(session, coop.id) if p.id != change.successor_id]
    kept = set()
    for role in session.exec(select(Role).where(
        Role.coop_id == coop.id, col(Role.kind).in_(MANAGERS), Role.ended_at.is_(None),
        col(Role.person_id).in_([p.id for p in former]),
    )):  # fmt: skip
        if keep_signataire and role.kind == RoleKind.SIGNATAIRE:
            kept.add(role.person_id)
        else:
            role.ended_at = now
            session.add(role)
    if keep_signataire:
        session.add_all(Role(person_id=p.id, kind=RoleKind.SIGNATAIRE, coop_id=coop.id)
                        for p in former if p.id not in kept)  # fmt: skip
    session.add(Role(person_id=change.successor_id, kind=RoleKind.MANDATAIRE, coop_id=coop.id))
    ended = _end_auditing(session, change.successor_id, coop.id, now)
    change.confirmed_by, change.confirmed_at = who.person.id, now
    session.add(change)
    record(session, who, "mandate", change.id, "confirm", coop_id=coop.id,
           after={"successor_id": change.successor_id})  # fmt: skip
    successor = session.get(Person, change.successor_id)
    formers = [p.telegram_id for p in former if p.telegram_id]
    return MandateConfirmed(coop.affiliation, successor.telegram_id, successor.name, formers, keep_signataire,
                            mandate_form(session, who, change.id),
                            tuple(who_is(session, telegram_id) for telegram_id in [successor.telegram_id, *formers]),
                            ended)


def open_invitations(session: Session, who: Who, *, coop_id: int | None = None,
                     department_code: str | None = None, now: datetime | None = None,
                     limit: int = 20) -> list[OpenInvitation]:  # fmt: skip
    """The links of a coop (its managers) or of a department (its AD staff) still waiting to be
    opened, newest first: only those ``who`` may revoke, and that would still open."""
    now = now or utcnow()
    if coop_id is not None:
        coop = session.get(Coop, coop_id)
        if coop is None:
            raise Forbidden(Action.MANAGE_COOP)
        require(who, Action.MANAGE_COOP, coop_id=coop.id, department_code=coop.department_code)
        scope = Invitation.coop_id == coop.id
    else:
        require(who, Action.STAFF, department_code=department_code)
        scope = Invitation.department_code == department_code
    rows = session.exec(
        select(Invitation).where(scope, col(Invitation.used_at).is_(None), col(Invitation.revoked_at).is_(None))
        .order_by(col(Invitation.id).desc())
    ).all()  # fmt: skip
    found = []
    for invitation in rows:
        if len(found) == limit:
            break
        if _aware(invitation.expires_at) > now and _may_revoke(session, who, invitation):
            issuer = session.get(Person, invitation.invited_by) if invitation.invited_by else None
            if issuer is not None and not _may_issue(session, _person_as_who(session, issuer.id), invitation):
                continue  # its maker lost the right to make it (a former mandataire's): it no longer opens
            coop = session.get(Coop, invitation.coop_id) if invitation.coop_id else None
            ledger = session.get(Ledger, invitation.ledger_id) if invitation.ledger_id else None
            found.append(OpenInvitation(invitation.id, invitation.role, invitation.department_code,
                                        coop.affiliation if coop else None, ledger.name if ledger else None,
                                        issuer.name if issuer else None, invitation.expires_at))  # fmt: skip
    return found


def revoke(session: Session, who: Who, invitation_id: int, now: datetime | None = None) -> None:
    """Withdraw a link not yet opened."""
    invitation = session.get(Invitation, invitation_id)
    if invitation is None or not _may_revoke(session, who, invitation):
        raise Forbidden("revoke_invitation")
    if invitation.used_at is not None:
        raise InvitationError("used")
    if invitation.revoked_at is None:
        invitation.revoked_at, invitation.revoked_by = now or utcnow(), who.person.id
        session.add(invitation)
        record(session, who, "invitation", invitation.id, "revoke", coop_id=invitation.coop_id,
               after={"role": invitation.role.value, "ledger_id": invitation.ledger_id})  # fmt: skip


def _aware(instant: datetime) -> datetime:
    """SQLite gives naive datetimes back; every instant stored is UTC."""
    return instant if instant.tzinfo else instant.replace(tzinfo=timezone.utc)


def ledgers_to_invite_for(session: Session, who: Who, coop_id: int) -> tuple[str, list[Ledger]]:
    """The coop's affiliation and its class ledgers, for a manager of that coop."""
    coop = session.get(Coop, coop_id)
    if coop is None:
        raise Forbidden(Action.MANAGE_COOP)
    require(who, Action.MANAGE_COOP, coop_id=coop.id)
    ledgers = session.exec(select(Ledger).where(Ledger.coop_id == coop.id, Ledger.kind == LedgerKind.CLASSE)
                           .order_by(Ledger.name)).all()  # fmt: skip
    return coop.affiliation, list(ledgers)


def coop_example(session: Session, who: Who, department_code: str) -> str | None:
    """The coop number AD staff are shown as an example of one to type; None while their department has none."""
    require(who, Action.STAFF, department_code=department_code)
    return example_affiliation(session, [department_code])


def coop_in_department(session: Session, who: Who, department_code: str, affiliation: str) -> Coop | None:
    """The coop with this affiliation, if it belongs to a department this AD staff member serves."""
    require(who, Action.STAFF, department_code=department_code)
    coop = coop_by_affiliation(session, affiliation)
    return coop if coop is not None and coop.department_code == department_code else None


def succession_coop(session: Session, who: Who, department_code: str, affiliation: str) -> Coop | None:
    """coop_in_department, for a change of mandataire: refused (no_mandataire) when the coop has no mandataire
    on Telegram to succeed, whom /inviter invites instead."""
    coop = coop_in_department(session, who, department_code, affiliation)
    if coop is not None and not any(p.telegram_id for p in current_mandataires(session, coop.id)):
        raise InvitationError("no_mandataire", affiliation=coop.affiliation)
    return coop
