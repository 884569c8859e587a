"""Who may do what, on which coop: the one place every rule of access lives.

Two questions are asked here: may this person use this command at all
(``may_use``, from the table below), and may they act on this coop, ledger
or department (``require``, asked by every store function that acts).
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from store.models import RoleKind
from store.people import Who

ANYONE = "anyone"  # also people with no role yet
AD, MANDATAIRE, SIGNATAIRE, ENSEIGNANT, VERIFICATEUR = (
    RoleKind.AD, RoleKind.MANDATAIRE, RoleKind.SIGNATAIRE, RoleKind.ENSEIGNANT, RoleKind.VERIFICATEUR,
)  # fmt: skip
MANAGERS = frozenset({MANDATAIRE, SIGNATAIRE})
# A vérificateur checks the managers' books, never their own: a manager's link opened by a coop's vérificateur
# is refused (invitations' verificateur_manager), and a vérificateur who becomes its mandataire or signataire
# stops being its vérificateur (the coop needs its managers; another vérificateur can be invited).
ENDED_BY_MANAGING = frozenset({VERIFICATEUR})
EVERY_ROLE = frozenset(RoleKind)

# command → the roles that may use it (ANYONE: even without a role). Order = menu order.
COMMANDS: dict[str, frozenset[str]] = {
    "start": frozenset({ANYONE}),
    "aide": frozenset({ANYONE}),
    "moi": frozenset({ANYONE}),
    "coop": EVERY_ROLE,
    "depense": MANAGERS | {ENSEIGNANT},
    "recette": MANAGERS | {ENSEIGNANT},
    "solde": MANAGERS | {ENSEIGNANT, VERIFICATEUR},
    "report": MANAGERS | {ENSEIGNANT},
    "adhesion": MANAGERS,
    "cahiers": MANAGERS,
    "mouvement": MANAGERS | {ENSEIGNANT},
    "pointage": MANAGERS,  # statements are per coop
    "remise": MANAGERS | {ENSEIGNANT},  # a teacher deposits their class's cheques
    "caisse": MANAGERS | {ENSEIGNANT},
    "cloture": MANAGERS | {ENSEIGNANT},  # a teacher closes their class ledger; managers any (a teacher who left)
    "journal": MANAGERS | {ENSEIGNANT, VERIFICATEUR},
    "historique": MANAGERS,
    "export": MANAGERS | {ENSEIGNANT, VERIFICATEUR, AD},  # the store says which ledgers and coops
    "valider": frozenset({AD}),
    "suivi": frozenset({AD}),
    "annonce": frozenset({AD}),
    "inviter": MANAGERS | {AD},
    "mandataire": frozenset({MANDATAIRE, AD}),
    "projets": MANAGERS | {ENSEIGNANT, VERIFICATEUR},
    "inventaire": MANAGERS | {VERIFICATEUR},
    "compterendu": MANAGERS | {VERIFICATEUR},  # vérificateurs read it and give their quitus
    "contact": EVERY_ROLE - {AD},
    "rappels": EVERY_ROLE,
    "annuler": frozenset({ANYONE}),
}


class Action(StrEnum):
    """What a person does to a target (coop, ledger or department)."""

    READ_COOP = "read_coop"
    MANAGE_COOP = "manage_coop"  # invitations, adhesion, ledgers: mandataire and signataire
    DESIGNATE_MANDATAIRE = "designate_mandataire"  # the mandataire themself, or the AD
    STAFF = "staff"  # the department's own work: invite mandataires, confirm, validate
    WRITE_LEDGER = "write_ledger"
    READ_LEDGER = "read_ledger"
    SEE_COOP = "see_coop"  # the coop's identity card: any of its people, and its AD


class Forbidden(Exception):
    """The person may not do this there."""

    def __init__(self, action: str):
        super().__init__(action)
        self.action = action


def may_use(roles: Iterable[RoleKind], command: str) -> bool:
    """Whether someone holding ``roles`` may use ``command``."""
    allowed = COMMANDS.get(command, frozenset())
    return ANYONE in allowed or bool(allowed & set(roles))


def commands_for(roles: Iterable[RoleKind]) -> list[str]:
    """The commands these roles may use, in the table's order."""
    roles = set(roles)
    return [command for command in COMMANDS if may_use(roles, command)]


def may(who: Who, action: Action, *, coop_id: int | None = None, department_code: str | None = None,
        ledger_id: int | None = None) -> bool:  # fmt: skip
    """Whether ``who`` may do ``action`` on that coop (of that department) or ledger."""
    for role in who.roles:
        staff = role.kind == AD and department_code is not None and role.department_code == department_code
        here = coop_id is not None and role.coop_id == coop_id
        if action == Action.STAFF and staff:
            return True
        if action == Action.READ_COOP and (staff or (here and role.kind != ENSEIGNANT)):
            return True
        if action == Action.SEE_COOP and (staff or here):
            return True
        if action == Action.MANAGE_COOP and here and role.kind in MANAGERS:
            return True
        if action == Action.DESIGNATE_MANDATAIRE and (staff or (here and role.kind == MANDATAIRE)):
            return True
        if action in (Action.WRITE_LEDGER, Action.READ_LEDGER):
            if here and role.kind in MANAGERS:
                return True
            if role.kind == ENSEIGNANT and ledger_id is not None and role.ledger_id == ledger_id:
                return True
            if action == Action.READ_LEDGER and (staff or (here and role.kind == VERIFICATEUR)):
                return True
    return False


def require(who: Who, action: Action, **target) -> None:
    """Raise Forbidden unless ``may(who, action, **target)``."""
    if not may(who, action, **target):
        raise Forbidden(action)
