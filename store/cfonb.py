"""Bank statement files in CFONB 120, the French banks' « relevé de compte sur support informatique »
(CFONB brochure of July 2004), read strictly: no maintained parser of it exists on PyPI.

Each record is one line of exactly 120 characters (some banks send them without line ends: then
the file is cut every 120 characters); its code (columns 1-2) says what it is:
- ``01`` ancien solde: the balance the statement starts from;
- ``04`` mouvement: date comptable (35-40, JJMMAA), libellé (49-79), montant (91-104);
- ``05`` complément of the movement before it: a qualifier (46-48) and 70 characters (49-118);
  the label-like ones (free text, the payer's or the beneficiary's name) lengthen its label;
- ``07`` nouveau solde: the statement's date (35-40) and closing balance.
Every record also gives the bank (3-7), the guichet (12-16), the currency (17-19, euros only
here), the amount's number of decimals (20) and the account number (22-32). An amount is 13 digits
and a last character that holds both the last digit and the sign: ``{``, ``A``…``I`` for +0…+9,
``}``, ``J``…``R`` for −0…−9.

A file may hold several statements (01…07): one per day of a period, or one per account of the
holder. The coop's account (or the one the person chose) is read, its statements in a row: each
must add up (ancien solde + movements = nouveau solde) and start where the one before ended.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from store.books import LABEL_MAX
from store.statementfile import BankFile, BankFileError, BankLine, cheque_in, chosen

RECORD = 120
OPENING, MOVEMENT, DETAIL, CLOSING = "01", "04", "05", "07"
# 05 qualifiers whose text says what the movement is: free label (blank, LIB), the unstructured and
# structured labels of a SEPA transfer (LCC, LC2, LCS), the payer's and the beneficiary's names.
LABEL_DETAILS = frozenset({"", "LIB", "LCC", "LC2", "LCS", "NPY", "NBE"})
_LAST = {"{": (1, 0), "}": (-1, 0), **{chr(ord("A") + n): (1, n + 1) for n in range(9)},
         **{chr(ord("J") + n): (-1, n + 1) for n in range(9)}}  # fmt: skip
_FIRST = re.compile(r"01\d{5}")  # an ancien solde and its bank's code: how a CFONB file begins


def looks_like(text: str) -> bool:
    """Whether the text is a CFONB 120 file (to be read strictly), rather than a CSV."""
    first = text.lstrip().split("\n", 1)[0]
    return bool(_FIRST.match(first)) and ";" not in first


@dataclass
class _Statement:
    """One 01…07 statement while it is read."""

    account: str
    opening: int
    lines: list[list] = field(default_factory=list)  # [day, label, cents], labels lengthened by their 05s
    closing: int = 0
    day: date | None = None

    @property
    def total(self) -> int:
        return sum(cents for _, _, cents in self.lines)


def read_cfonb(text: str, wanted: str | None = None) -> BankFile:
    """The statement of ``wanted``'s account (the only one, else BankFileError several_accounts), or why not."""
    statements: list[_Statement] = []
    current: _Statement | None = None
    number = 0
    for number, record in _records(text):
        code = record[0:2]
        if code not in (OPENING, MOVEMENT, DETAIL, CLOSING):
            raise BankFileError("cfonb_record", line=number, code=code)
        if record[16:19] != "EUR":
            raise BankFileError("cfonb_currency", line=number, currency=record[16:19].strip())
        account = re.sub(r"[^A-Z0-9]", "", record[21:32].upper())
        if code == OPENING:
            if current is not None:  # the statement before has no nouveau solde
                raise BankFileError("cfonb_order", line=number)
            current = _Statement(account, _amount(record, number))
            continue
        if current is None or account != current.account or (code == DETAIL and not current.lines):
            raise BankFileError("cfonb_order", line=number)
        if code == MOVEMENT:
            current.lines.append([_day(record[34:40], number), " ".join(record[48:79].split()), _amount(record, number)])
        elif code == DETAIL:
            if record[45:48].strip() in LABEL_DETAILS:
                current.lines[-1][1] = " ".join(f"{current.lines[-1][1]} {record[48:118]}".split())
        else:
            current.closing, current.day = _amount(record, number), _day(record[34:40], number)
            statements.append(current)
            current = None
    if current is not None or not statements:  # a statement left open at the end of the file
        raise BankFileError("cfonb_order", line=number)
    accounts = list(dict.fromkeys(s.account for s in statements))
    account = accounts[chosen([a or None for a in accounts], wanted)]
    mine = [s for s in statements if s.account == account]
    for before, statement in zip([None, *mine], mine):
        start = before.closing if before else statement.opening  # a day's statement follows the one before
        if start != statement.opening or start + statement.total != statement.closing:
            raise BankFileError("inconsistent", opening=start, total=statement.total, closing=statement.closing)
    lines = [BankLine(day, label[:LABEL_MAX] or "—", cents, cheque_in(label))
             for s in mine for day, label, cents in s.lines]  # fmt: skip
    if not lines:
        raise BankFileError("no_lines")
    return BankFile("cfonb", account or None, mine[-1].day, mine[-1].closing, mine[0].opening,
                    tuple(sorted(lines, key=lambda x: x.day)))  # fmt: skip


def _records(text: str) -> list[tuple[int, str]]:
    """The file's records with their line numbers (blank lines left out), each of 120 characters."""
    lines = [(n, line) for n, line in enumerate(re.split(r"\r\n|\r|\n", text), 1) if line]
    if len(lines) == 1 and len(lines[0][1]) > RECORD and len(lines[0][1]) % RECORD == 0:  # no line ends
        lines = [(n + 1, lines[0][1][n * RECORD:(n + 1) * RECORD]) for n in range(len(lines[0][1]) // RECORD)]
    for number, line in lines:
        if len(line) != RECORD:
            raise BankFileError("cfonb_length", line=number, length=len(line))
    return lines


def _day(text: str, number: int) -> date:
    """A date written JJMMAA (this century's)."""
    try:
        if not re.fullmatch(r"[0-9]{6}", text):
            raise ValueError(text)
        return date(2000 + int(text[4:6]), int(text[2:4]), int(text[0:2]))
    except ValueError:
        raise BankFileError("cfonb_date", line=number) from None


def _amount(record: str, number: int) -> int:
    """A record's amount in signed cents: 13 digits and the character of the last digit and the sign,
    with the number of decimals the record gives (column 20)."""
    digits, last, decimals = record[90:103], record[103], record[19]
    if not re.fullmatch(r"[0-9]{13}", digits) or last not in _LAST or decimals not in "0123456789":
        raise BankFileError("cfonb_amount", line=number)
    sign, unit = _LAST[last]
    value, scale = int(digits) * 10 + unit, int(decimals)
    if scale > 2:
        value, rest = divmod(value, 10 ** (scale - 2))
        if rest:  # a fraction of a cent: not an amount of a French account
            raise BankFileError("cfonb_amount", line=number)
    return sign * value * 10 ** max(0, 2 - scale)
