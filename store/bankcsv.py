"""Bank statement files in CSV, as French banks export them: ``;`` separated, decimal comma, header
lines before the table (the account, the balance, the dates), debit and credit in one signed
column or two, latest or oldest first, the balance sometimes after the table or as a running
column (Crédit Agricole, Caisse d'Épargne, La Banque Postale, Crédit Mutuel…)."""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from store.books import LABEL_MAX
from store.statementfile import BankFile, BankFileError, BankLine, cheque_in

ACCOUNT_MIN = 8  # an account number has at least this many characters


def _norm(cell: str) -> str:
    """'Débit euros ' → 'debit euros': lower case, no accents, single spaces."""
    plain = unicodedata.normalize("NFKD", cell).encode("ascii", "ignore").decode().lower()
    return " ".join(re.sub(r"[^a-z0-9°()]+", " ", plain).split())


_DAY = re.compile(r"\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})\b|\b(\d{4})-(\d{2})-(\d{2})\b")
_AMOUNT = re.compile(r"[-+−]?\s?\d{1,3}(?:[ \u00a0\u202f.]\d{3})+,\d{2}(?!\d)|[-+−]?\s?\d+[,.]\d{2}(?!\d)")
_IBAN = re.compile(r"\bFR\d{2}(?:\s?[A-Z0-9]{4}){5}\s?[A-Z0-9]{3}\b")
_ACCOUNT = re.compile(r"\b(?=[A-Z0-9]*\d{6})[A-Z0-9]{%d,}\b" % ACCOUNT_MIN)


def _day(text: str) -> date | None:
    """A date written jj/mm/aaaa, jj/mm/aa, jj.mm.aaaa or aaaa-mm-jj; None if there is none."""
    found = _DAY.search(text)
    if not found:
        return None
    try:
        if found.group(4):
            return date(int(found.group(4)), int(found.group(5)), int(found.group(6)))
        year = int(found.group(3))
        return date(year + 2000 if year < 100 else year, int(found.group(2)), int(found.group(1)))
    except ValueError:
        return None


def _cents(text: str) -> int | None:
    """'1 234,56 €', '-12,50', '+1234,56', '85.00' → cents; None if the cell holds no amount."""
    cleaned = re.sub(r"[\s\u00a0\u202f€]|EUR", "", text.strip(), flags=re.IGNORECASE).replace("−", "-")
    if not cleaned:
        return None
    if "," in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    if not re.fullmatch(r"[-+]?\d+(\.\d{1,2})?", cleaned):
        return None
    try:
        return int(Decimal(cleaned) * 100)
    except InvalidOperation:
        return None


def _last_amount(cells: list[str]) -> int | None:
    """The last amount written in a row (after its label and date): a balance line's value."""
    for cell in reversed(cells):
        value = _cents(cell)
        if value is not None:
            return value
        found = _AMOUNT.findall(cell)
        if found:
            return _cents(found[-1])
    return None


def _account(row_text: str) -> str | None:
    """The account number or IBAN a header line gives, letters and digits only."""
    upper = row_text.upper()
    iban = _IBAN.search(upper)
    if iban:
        return re.sub(r"\s", "", iban.group(0))
    found = _ACCOUNT.findall(upper)
    return found[-1] if found else None


@dataclass
class _Columns:
    day: int
    label: int | None
    debit: int | None = None
    credit: int | None = None
    amount: int | None = None
    balance: int | None = None


def _columns(row: list[str]) -> _Columns | None:
    """The table's header row, if this is it: a date column and debit/credit or amount columns."""
    names = [_norm(cell) for cell in row]
    days = [i for i, n in enumerate(names) if n.startswith("date") and "valeur" not in n]
    if not days:
        return None
    found = _Columns(day=days[0], label=next((i for i, n in enumerate(names) if "libelle" in n), None))
    for i, n in enumerate(names):
        if "franc" in n:
            continue
        if "debit" in n and found.debit is None:
            found.debit = i
        elif "credit" in n and found.credit is None:
            found.credit = i
        elif n.startswith("montant") and found.amount is None:
            found.amount = i
        elif n.startswith("solde") and found.balance is None:
            found.balance = i
    if found.amount is None and (found.debit is None or found.credit is None):
        return None
    if found.label is None:  # some exports call it 'Opération' or 'Nature de l'opération'
        found.label = next((i for i, n in enumerate(names) if "operation" in n and not n.startswith("date")), None)
    return found


def read_csv(text: str) -> BankFile:
    """The statement a bank's CSV export holds (its text, decoded), or BankFileError."""
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    columns, header_at = None, None
    for number, row in enumerate(rows):
        columns = _columns(row)
        if columns:
            header_at = number
            break
    if columns is None:
        raise BankFileError("unknown_format")
    meta = rows[:header_at]
    lines: list[BankLine] = []
    balances: list[int | None] = []
    for row in rows[header_at + 1:]:
        if not any(cell.strip() for cell in row):
            continue
        day = _day(row[columns.day]) if columns.day < len(row) else None
        if day is None:
            meta.append(row)  # a balance line after the table (Caisse d'Épargne), or a total
            continue
        line = _csv_line(row, columns, day)
        if line is None:
            raise BankFileError("bad_line", day=day)
        lines.append(line)
        balances.append(_cents(row[columns.balance]) if columns.balance is not None and columns.balance < len(row)
                        else None)  # fmt: skip
    if not lines:
        raise BankFileError("no_lines")
    account, closing, closing_day, opening, end_day = None, None, None, None, None
    for row in meta:
        row_text = " ".join(cell for cell in row if cell)
        name = _norm(row_text)
        ends = [cell for cell in row if "fin" in _norm(cell) and _day(cell)]  # 'Date de fin de téléchargement : …'
        end_day = _day(ends[0]) if ends else end_day
        if "solde" in name and "franc" not in name:
            value = _last_amount(row[1:] if len(row) > 1 else row) if len(row) > 1 else _last_amount([row_text])
            if value is None:
                continue
            if any(word in name for word in ("debut", "precedent", "initial", "ancien", "depart")):
                opening = value
            else:
                closing, closing_day = value, _day(row_text)
        elif "compte" in name and account is None:
            account = _account(row_text)
        elif name.startswith("date") and len(row) == 2:  # La Banque Postale: 'Date ;31/08/2026'
            end_day = _day(row_text) or end_day
    if closing is None and columns.balance is not None:
        # The running balance: the latest line's, the file listing latest first or last.
        ascending = lines[0].day <= lines[-1].day
        closing = balances[-1] if ascending else balances[0]
    if closing is None and opening is not None:
        closing = opening + sum(x.amount for x in lines)
    if closing is None:
        raise BankFileError("no_balance")
    day = closing_day or end_day or max(x.day for x in lines)
    if lines[0].day > lines[-1].day:  # latest first: a day's lines in the bank's order once reversed
        lines.reverse()
    return BankFile("csv", account, day, closing, opening, tuple(sorted(lines, key=lambda x: x.day)),
                    dated=bool(closing_day or end_day))  # fmt: skip


def _csv_line(row: list[str], columns: _Columns, day: date) -> BankLine | None:
    cell = lambda i: row[i].strip() if i is not None and i < len(row) else ""  # noqa: E731
    if columns.amount is not None:
        amount = _cents(cell(columns.amount))
    else:
        debit, credit = _cents(cell(columns.debit)), _cents(cell(columns.credit))
        if debit is None and credit is None:
            return None
        amount = (abs(credit) if credit else 0) - (abs(debit) if debit else 0)
    if amount is None or amount == 0:
        return None
    label = " ".join(cell(columns.label).split())[:LABEL_MAX] or "—"
    return BankLine(day, label, amount, cheque_in(label))
