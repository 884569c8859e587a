"""The words after the semicolons of a /depense or /recette line (`…; CE1A; fournitures; chèque 1234; hier`):
a ledger's name, an account's code or alias, a means (and a cheque's number), a date, a grant's giver.
The words are data: French and English ones are both understood, whatever the person's language."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from store.accounts import Account, normalise
from store.lookups import LedgerRef
from store.models import Means
from store.years import day_shaped, parse_day

MEANS_WORDS = {
    "especes": Means.ESPECES, "espece": Means.ESPECES, "cash": Means.ESPECES, "liquide": Means.ESPECES,
    "cheque": Means.CHEQUE, "carte": Means.CARTE, "cb": Means.CARTE, "card": Means.CARTE,
    "virement": Means.VIREMENT, "transfer": Means.VIREMENT, "prelevement": Means.PRELEVEMENT,
}  # fmt: skip


@dataclass(frozen=True)
class Repeated:
    """Two parts of a line that say the same thing (``what``: ledger, account, means or day)."""

    what: str
    first: str
    second: str


@dataclass(frozen=True)
class NotWritten:
    """A part naming a ledger of the coop that this person does not write in."""

    ledger: str


def read_extras(parts: Sequence[str], refs: Sequence[LedgerRef], accounts: Sequence[Account],
                today: date, others: Sequence[str] = ()) -> dict | str | Repeated | NotWritten:  # fmt: skip
    """What came after the label, as the conversation's draft keeps it (an account named: ``splits``
    [[code, None]], all of the amount); or the first part not understood (one part not understood is
    the giver when the account is a grant's); or two parts naming the same kind of thing (two ledgers:
    which one is meant cannot be guessed); or a part naming one of ``others``, the coop's ledgers this
    person does not write in (neither a giver nor a word not understood)."""
    found: dict = {}
    said: dict[str, str] = {}  # what → the part that said it
    unknown = []
    for part in parts:
        words = normalise(part).split()
        if not words:
            continue
        if (day := parse_day(part, today)) is not None:
            what, values = "day", {"day": day.isoformat()}
        elif words[0] in MEANS_WORDS:
            what, values = "means", {"means": MEANS_WORDS[words[0]].value}
            if len(words) > 1:
                values["cheque"] = "".join(words[1:])
        elif ref := next((r for r in refs if normalise(r.name) == normalise(part)), None):
            what, values = "ledger", {"ledger_id": ref.id}
        elif account := next((a for a in accounts if normalise(part) in (a.code, *map(normalise, a.aliases))), None):
            what, values = "account", {"splits": [[account.code, None]]}
        elif other := next((name for name in others if normalise(name) == normalise(part)), None):
            return NotWritten(other)
        else:
            unknown.append(" ".join(part.split()))
            continue
        if what in said:
            return Repeated(what, said[what], " ".join(part.split()))
        said[what] = " ".join(part.split())
        found.update(values)
    grant = "splits" in found and any(a.grant and a.code == found["splits"][0][0] for a in accounts)
    if len(unknown) == 1 and grant and not day_shaped(unknown[0]):  # a mistyped date is no giver
        found["giver"] = unknown[0]
    elif unknown:
        return unknown[0]
    return found
