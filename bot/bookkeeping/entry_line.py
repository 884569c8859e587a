"""The line typed with /depense or /recette: `12,50 Piles #projet; CE1A; fournitures; carte; hier` read into
an amount, a label, a project and the extras after semicolons (ledger, account, means, cheque number, date,
a grant's giver)."""

from __future__ import annotations

import re
from datetime import date

from bot.ui.steps import parse_day, refuse_negative
from store.accounts import Account, normalise
from store.lookups import LedgerRef
from store.models import Means
from store.money import AmountError, parse_amount

MEANS_WORDS = {
    "especes": Means.ESPECES, "espece": Means.ESPECES, "cash": Means.ESPECES, "liquide": Means.ESPECES,
    "cheque": Means.CHEQUE, "carte": Means.CARTE, "cb": Means.CARTE, "card": Means.CARTE,
    "virement": Means.VIREMENT, "transfer": Means.VIREMENT, "prelevement": Means.PRELEVEMENT,
}  # fmt: skip
PROJECT_TAG = re.compile(r"(?:^|\s)#([\w-]{1,32})")


def split_amount(text: str) -> tuple[int, str]:
    """'1 234,56 Piles' → (123456, 'Piles'); AmountError if no amount leads the text."""
    refuse_negative(text)
    words = text.split()
    for count in range(min(4, len(words)), 0, -1):  # the longest amount first: '1 234,56'
        try:
            return parse_amount(" ".join(words[:count])), " ".join(words[count:])
        except AmountError as refused:
            if refused.reason != "format":  # an amount, but a refused one: '100 000,01' is not '100'
                raise
    raise AmountError("format")


def project_of(label: str) -> tuple[str, str | None]:
    """'Car #classeverte' → ('Car', 'classeverte')."""
    match = PROJECT_TAG.search(label)
    if not match:
        return label, None
    return (label[: match.start()] + label[match.end():]).strip(), match[1]


def read_extras(parts: list[str], refs: list[LedgerRef], accounts: list[Account], today: date) -> dict | str:
    """What came after the label, between semicolons; the first part not understood if any
    (one part not understood is the giver when the account is a grant's)."""
    found: dict = {}
    unknown = []
    for part in parts:
        words = normalise(part).split()
        if not words:
            continue
        if (day := parse_day(part, today)) is not None:
            found["day"] = day.isoformat()
        elif words[0] in MEANS_WORDS:
            found["means"] = MEANS_WORDS[words[0]].value
            if len(words) > 1:
                found["cheque"] = "".join(words[1:])
        elif ref := next((r for r in refs if normalise(r.name) == normalise(part)), None):
            found["ledger_id"] = ref.id
        elif account := next((a for a in accounts if normalise(part) in (a.code, *map(normalise, a.aliases))), None):
            found["splits"] = [[account.code, None]]
        else:
            unknown.append(" ".join(part.split()))
    grant = "splits" in found and any(a.grant and a.code == found["splits"][0][0] for a in accounts)
    if len(unknown) == 1 and grant:
        found["giver"] = unknown[0]
    elif unknown:
        return unknown[0]
    return found
