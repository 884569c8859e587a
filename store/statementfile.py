"""What a bank statement file says, whatever its format (CSV, OFX, CFONB 120): its account, date,
balances and lines, or why it is refused. The readers of each format (store/bankcsv.py,
store/cfonb.py, OFX in store/bankfiles.py) make these; store/bankfiles.py checks and matches them."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from store.errors import StoreError

_CHEQUE = re.compile(r"\b(?:CHE?QUE|CHQ|CH)\.?\s*(?:N\s*°|NO|N°)?\s*:?\s*0*(\d{3,12})\b", re.IGNORECASE)


class BankFileError(StoreError):
    """Why a statement file is refused; ``reason`` is one of:

    empty, too_big, binary (not a text file: PDF, spreadsheet, picture…), encoding (UTF-16 or
    another encoding that is not UTF-8 nor ISO-8859), unknown_format (text, but neither a bank's
    CSV, OFX nor CFONB 120), no_lines (a table without any operation), bad_line (day: the date of a row without a readable amount),
    too_many_lines, no_balance (no closing balance, none to compute), several_accounts (accounts: an
    OFX or CFONB file holding the statements of several accounts, none recorded for the coop: which one?),
    none_of_accounts (expected, count: a file of several accounts, none the coop's), inconsistent (the file's own
    opening balance + its lines ≠ its closing balance: opening, total, closing),
    cfonb_length (line, length), cfonb_record (line, code), cfonb_order (line), cfonb_currency (line,
    currency), cfonb_date (line), cfonb_amount (line): a CFONB 120 record, by its line number, that is
    not 120 characters long, whose code is not 01, 04, 05 nor 07, out of place (a movement outside an
    01…07 statement, a statement left open, an account that changes inside one), not in euros, with an
    impossible date or an unreadable amount,
    other_account (expected, found: the coop's account number and the file's), balance_gap
    (previous_day, previous_balance, expected, closing: the previous statement's balance + the
    file's lines after it ≠ the file's closing balance), statement_differs (day, balance: a
    statement of that date is already recorded with another balance), no_date (last: a file that
    says no statement date, as Crédit Mutuel's CSV, and no date given with it; its last line's day),
    day_before_lines (day, last: the date given is before the file's last line), line (a line of the file
    not found: the file changed), done (a line already made into an entry).
    """


@dataclass(frozen=True)
class BankLine:
    day: date
    label: str
    amount: int  # signed cents: + credited, − debited
    cheque_number: str | None = None


@dataclass(frozen=True)
class BankFile:
    """What a statement file says: its account, date, balances and lines."""

    kind: str  # "csv", "ofx" or "cfonb"
    account: str | None  # letters and digits only; None when the file does not say it
    day: date  # the statement's date: that of its closing balance
    closing: int
    opening: int | None
    lines: tuple[BankLine, ...]
    dated: bool = True  # False: the file says no date (Crédit Mutuel's CSV), ``day`` is its last line's

    def on(self, day: date | None) -> BankFile:
        """The statement dated: its own date, else ``day`` (the one the person gave); a cheque
        written after the last line and before that day is then outstanding, as it should."""
        if self.dated:
            return self
        last = max(x.day for x in self.lines)
        if day is None:
            raise BankFileError("no_date", last=last)
        if day < last:
            raise BankFileError("day_before_lines", day=day, last=last)
        return replace(self, day=day, dated=True)

    def to_data(self) -> dict:
        """Plain JSON, kept with the conversation while the person goes through the proposals."""
        return {"kind": self.kind, "account": self.account, "day": self.day.isoformat(), "closing": self.closing,
                "opening": self.opening, "dated": self.dated,
                "lines": [[x.day.isoformat(), x.label, x.amount, x.cheque_number] for x in self.lines]}  # fmt: skip

    @classmethod
    def from_data(cls, data: dict) -> BankFile:
        lines = tuple(BankLine(date.fromisoformat(d), label, amount, cheque) for d, label, amount, cheque in data["lines"])
        return cls(data["kind"], data["account"], date.fromisoformat(data["day"]), data["closing"], data["opening"], lines,
                   data.get("dated", True))  # fmt: skip


def cheque_in(label: str) -> str | None:
    """The cheque's number a bank's label gives ('CHEQUE N° 0001235' → '1235')."""
    found = _CHEQUE.search(label)
    return found.group(1) if found else None


def same_account(ours: str, theirs: str) -> bool:
    """An IBAN holds the account number: one contains the other."""
    return ours in theirs or theirs in ours


def chosen(accounts: list[str | None], wanted: str | None) -> int:
    """Which of a file's statements to read (its index): the only one, else the one of ``wanted`` (the
    coop's account, or the one the person chose); BankFileError when the file cannot say which."""
    if len(accounts) == 1:
        return 0
    mine = [i for i, a in enumerate(accounts) if a and wanted and same_account(wanted, a)]
    if len(mine) == 1:
        return mine[0]
    if wanted:
        raise BankFileError("none_of_accounts", expected=wanted, count=len(accounts))
    raise BankFileError("several_accounts", accounts=[a or "" for a in accounts])
