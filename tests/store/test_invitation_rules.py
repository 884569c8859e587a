"""The rules of invitation links, straight on the store: single use under concurrency, issuers' rights."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from sqlmodel import select

from store import invitations
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
