"""The rules of invitation links, straight on the store: single use under concurrency, issuers' rights."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlmodel import select

from store import invitations
from store.access import Forbidden
from store.models import Coop, Invitation, RoleKind
from store.people import who_is

MARIE = 1001


def coop_id(session, affiliation: str = "974-111") -> int:
    return session.exec(select(Coop).where(Coop.affiliation == affiliation)).one().id


def marie_invites(session, role: RoleKind = RoleKind.SIGNATAIRE) -> str:
    return invitations.invite(session, who_is(session, MARIE), role, coop_id=coop_id(session)).code


def test_one_link_opened_by_twenty_people_at_once_is_accepted_once(demo):
    code = demo.run(marie_invites)

    def open_link(n: int) -> str:
        try:
            demo.run(invitations.accept, code, 7000 + n, f"Personne {n}", "fr")
            return "accepted"
        except invitations.InvitationError as refused:
            return refused.reason

    with ThreadPoolExecutor(max_workers=20) as pool:
        outcomes = list(pool.map(open_link, range(20)))
    assert outcomes.count("accepted") == 1, outcomes
    assert set(outcomes) == {"accepted", "used"}
    used_by = demo.run(lambda s: s.exec(select(Invitation.used_by)).all())
    assert len(used_by) == 1 and used_by[0] is not None


def test_a_link_dies_with_its_issuers_role(demo):
    """Sabine, signataire, makes a link; her role ends before it is opened: it is refused, nothing granted."""
    from store.models import Person, Role, utcnow

    def sabine_signataire_invites(session) -> str:
        sabine = Person(telegram_id=2001, name="Sabine Test")
        session.add(sabine)
        session.flush()
        session.add(Role(person_id=sabine.id, kind=RoleKind.SIGNATAIRE, coop_id=coop_id(session)))
        session.flush()
        return invitations.invite(session, who_is(session, 2001), RoleKind.VERIFICATEUR, coop_id=coop_id(session)).code

    def end_sabines_role(session):
        role = session.exec(select(Role).join(Person).where(Person.telegram_id == 2001)).one()
        role.ended_at = utcnow()
        session.add(role)

    code = demo.run(sabine_signataire_invites)
    demo.run(end_sabines_role)
    with pytest.raises(invitations.InvitationError) as refused:
        demo.run(invitations.accept, code, 7001, "Victor", "fr")
    assert refused.value.reason == "issuer_gone"
    assert demo.run(who_is, 7001).roles == ()


def test_who_may_see_and_withdraw_links(demo):
    successor = demo.run(lambda s: invitations.designate_successor(s, who_is(s, MARIE), coop_id(s)).code)
    teacher = demo.run(marie_invites)

    def as_(telegram_id, fn, *args, **kwargs):
        return demo.run(lambda s: fn(s, who_is(s, telegram_id), *args, **kwargs))

    listed = as_(MARIE, lambda s, who: invitations.open_invitations(s, who, coop_id=coop_id(s)))
    assert [link.role for link in listed] == [RoleKind.SIGNATAIRE, RoleKind.MANDATAIRE]
    assert [link.issuer_name for link in listed] == ["Marie Payet"] * 2
    for stranger in (1002, 5550001):  # a teacher of the coop, nobody
        with pytest.raises(Forbidden):
            as_(stranger, invitations.revoke, listed[0].id)
        with pytest.raises(Forbidden):
            as_(stranger, lambda s, who: invitations.open_invitations(s, who, coop_id=coop_id(s)))
    with pytest.raises(Forbidden):
        as_(MARIE, invitations.revoke, 999_999)
    as_(1004, invitations.revoke, listed[1].id)  # the AD withdraws the successor's link
    with pytest.raises(invitations.InvitationError) as refused:
        demo.run(invitations.accept, successor, 7002, "Nina", "fr")
    assert refused.value.reason == "revoked"
    demo.run(invitations.accept, teacher, 7003, "Sabine", "fr")
    with pytest.raises(invitations.InvitationError) as refused:
        as_(MARIE, invitations.revoke, listed[0].id)  # opened already: too late
    assert refused.value.reason == "used"
    assert as_(1004, lambda s, who: invitations.open_invitations(s, who, department_code="974")) == []
