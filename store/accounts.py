"""The chart of accounts (plan comptable), read from a data file per department.

``store/accounts/<chart>.csv`` — a department's ``Department.chart`` names its file,
``occe`` by default. Columns:

- ``code``: 8 digits, OCCE style (the root padded with zeros and ending in 8);
- ``class``: 6 (charges), 7 (produits) or 5 (internal movements: neither charge nor
  produit); the code starts with its class digit;
- ``label``: the French label shown to people (data, not code);
- ``aliases``: short words for quick entry, separated by ``|`` ("fournitures",
  "sorties", "photos"…). An alias is unique within a class; the same word may name a
  charge and a produit ("photos": bought from the photographer, sold to families), so
  a lookup says which class it wants;
- ``inventory``: 1 when an expense on that account also goes to the inventory register
  (biens durables);
- ``grant``: 1 for a public grant (subvention) account: a receipt there names its giver
  (commune, département, État…), for the CRF's tableau des subventions.

A chart must have a class-5 account for each internal movement, found by its alias:
``depot``, ``retrait`` (cash deposited at / withdrawn from the bank), ``avance``,
``remboursement`` (the school ledger advancing money to a class ledger and back).

The default ``occe.csv`` holds the codes given by the OCCE (62810008 cotisation,
61681008 assurance, 68000008 biens durables, 75620008 participation volontaire des
familles) and the usual lines of the compte rendu financier with plausible codes:
they are defaults, to be checked by each AD, which can ship its own file.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass, field
from enum import IntEnum
from functools import lru_cache
from pathlib import Path

CHARTS = Path(__file__).parent / "accounts"
DEFAULT_CHART = "occe"
_CHART_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,31}")
_CODE = re.compile(r"\d{8}")
MOVEMENT_ALIASES = ("depot", "retrait", "avance", "remboursement")


class AccountClass(IntEnum):
    INTERNAL = 5
    CHARGE = 6
    PRODUIT = 7


class ChartError(ValueError):
    """A chart cannot be used: 'unknown_chart', 'bad_line' (with ``line``), 'duplicate'
    (a code, or an alias within a class), 'no_movement_account' (with ``alias``)."""

    def __init__(self, reason: str, chart: str, line: int | None = None, value: str | None = None):
        super().__init__(f"{reason}: {chart} {line or ''} {value or ''}".strip())
        self.reason = reason
        self.chart = chart
        self.line = line
        self.value = value


@dataclass(frozen=True)
class Account:
    code: str
    account_class: AccountClass
    label: str
    aliases: tuple[str, ...] = ()
    inventory: bool = False
    grant: bool = False


def normalise(text: str) -> str:
    """Case, accents and extra spaces do not matter: ' Sortiés ' → 'sorties'."""
    decomposed = unicodedata.normalize("NFKD", str(text))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.casefold().split())


@dataclass(frozen=True)
class Chart:
    name: str
    accounts: tuple[Account, ...]
    _by_code: dict[str, Account] = field(default_factory=dict, repr=False, compare=False)
    _by_word: dict[tuple[AccountClass, str], Account] = field(default_factory=dict, repr=False,
                                                              compare=False)  # fmt: skip

    def get(self, code: str) -> Account | None:
        return self._by_code.get(code)

    def of_class(self, account_class: AccountClass) -> tuple[Account, ...]:
        return tuple(a for a in self.accounts if a.account_class == account_class)

    def lookup(self, text: str, account_class: AccountClass | None = None) -> Account | None:
        """By code ('62510008', or a unique prefix such as '6251'), alias or label,
        ignoring case and accents; ``account_class`` settles words both classes use."""
        word = normalise(text)
        classes = [account_class] if account_class else list(AccountClass)
        digits = word.replace(" ", "")
        if digits.isdigit():
            found = [a for a in self.accounts if a.code.startswith(digits) and a.account_class in classes]
            return found[0] if len(found) == 1 else None
        matches = {self._by_word[(c, word)] for c in classes if (c, word) in self._by_word}
        return matches.pop() if len(matches) == 1 else None

    def movement_account(self, alias: str) -> Account:
        """The internal (class 5) account that carries a movement of this kind."""
        account = self._by_word.get((AccountClass.INTERNAL, alias))
        if account is None:
            raise ChartError("no_movement_account", self.name, value=alias)
        return account

    def inventory_codes(self) -> tuple[str, ...]:
        return tuple(a.code for a in self.accounts if a.inventory)

    def grant_codes(self) -> tuple[str, ...]:
        return tuple(a.code for a in self.accounts if a.grant)


def chart_path(name: str, directory: Path = CHARTS) -> Path:
    if not _CHART_NAME.fullmatch(name or ""):
        raise ChartError("unknown_chart", str(name))
    for candidate in (directory / f"{name}.csv", directory / f"{name.lower()}.csv"):
        if candidate.is_file():
            return candidate
    raise ChartError("unknown_chart", name)


@lru_cache(maxsize=32)
def load_chart(name: str = DEFAULT_CHART, directory: Path = CHARTS) -> Chart:
    """The chart in ``directory/<name>.csv``, checked (read once, then cached)."""
    path = chart_path(name, directory)
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    accounts = tuple(_account(name, number, row) for number, row in enumerate(rows, start=2))
    return _indexed(name, accounts)


def _account(name: str, line: int, row: dict) -> Account:
    try:
        code, label = row["code"].strip(), " ".join(row["label"].split())
        account_class = AccountClass(int(row["class"]))
        inventory, grant = (str(row.get(column) or "0").strip() in ("1", "oui", "yes", "true")
                            for column in ("inventory", "grant"))
    except (KeyError, ValueError, AttributeError):
        raise ChartError("bad_line", name, line) from None
    if not _CODE.fullmatch(code) or code[0] != str(account_class.value) or not label or None in row:
        raise ChartError("bad_line", name, line, code)
    aliases = tuple(normalise(a) for a in (row.get("aliases") or "").split("|") if normalise(a))
    return Account(code, account_class, label, aliases, inventory, grant)


def _indexed(name: str, accounts: tuple[Account, ...]) -> Chart:
    chart = Chart(name, accounts)
    for account in accounts:
        if account.code in chart._by_code:
            raise ChartError("duplicate", name, value=account.code)
        chart._by_code[account.code] = account
    for account in accounts:
        for word in {*account.aliases, normalise(account.label)}:
            key = (account.account_class, word)
            if key in chart._by_word and chart._by_word[key] is not account:
                raise ChartError("duplicate", name, value=word)
            chart._by_word[key] = account
    for alias in MOVEMENT_ALIASES:
        chart.movement_account(alias)
    return chart
