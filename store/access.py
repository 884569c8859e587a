"""Who may use which command: the one table every handler asks."""

from __future__ import annotations

from collections.abc import Iterable

from store.models import RoleKind

ANYONE = "anyone"  # also people with no role yet
EVERY_ROLE = frozenset(RoleKind)

# command → the roles that may use it (ANYONE: even without a role).
COMMANDS: dict[str, frozenset[str]] = {
    "start": frozenset({ANYONE}),
    "aide": frozenset({ANYONE}),
    "annuler": frozenset({ANYONE}),
}


def may_use(roles: Iterable[RoleKind], command: str) -> bool:
    """Whether someone holding ``roles`` may use ``command``."""
    allowed = COMMANDS.get(command, frozenset())
    return ANYONE in allowed or bool(allowed & set(roles))


def commands_for(roles: Iterable[RoleKind]) -> list[str]:
    """The commands these roles may use, in the table's order."""
    roles = set(roles)
    return [command for command in COMMANDS if may_use(roles, command)]
