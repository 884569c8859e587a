"""Bank statement files of the demo coops, written from their books as French banks send them, for the
sandbox to write beside its database (to try /pointage with `:doc`) and for the tests: CSV as
Crédit Agricole and Crédit Mutuel export it, OFX (SGML, of several accounts) and CFONB 120."""

from __future__ import annotations

import textwrap
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta

from sqlmodel import Session, select

from store import books, reconciliation
from store.campaign import department_year
from store.demo import DEMO_ACCOUNT, DEMO_AFFILIATION, YEAR_END_ACCOUNT, YEAR_END_AFFILIATION
from store.models import ChequeDeposit, Coop
from store.years import fiscal_year_of, today_in

# The demo coop's livret, a second account of the same holder: its statement comes in the OFX first.
LIVRET = ("00055566677", 3_250_00)


@dataclass(frozen=True)
class Line:
    day: date
    label: str
    amount: int  # signed cents


def ofx(day: date, closing: int, lines: list[Line], account: str = DEMO_ACCOUNT,
        others: tuple[tuple[str, int, list[Line]], ...] = ()) -> bytes:  # fmt: skip
    """OFX 1.0.2 (SGML, unclosed elements) as French banks send it, in windows-1252; ``others``:
    the statements of the holder's other accounts (account, closing, lines) put before this one,
    as a bank's « all my accounts » download does."""
    statements = "".join(_ofx_statement(n + 1, day, *other) for n, other in enumerate(others))
    text = (
        "OFXHEADER:100\r\nDATA:OFXSGML\r\nVERSION:102\r\nSECURITY:NONE\r\nENCODING:USASCII\r\nCHARSET:1252\r\n"
        "COMPRESSION:NONE\r\nOLDFILEUID:NONE\r\nNEWFILEUID:NONE\r\n\r\n"
        "<OFX><SIGNONMSGSRSV1><SONRS><STATUS><CODE>0<SEVERITY>INFO</STATUS>"
        f"<DTSERVER>{day:%Y%m%d}120000<LANGUAGE>FRA</SONRS></SIGNONMSGSRSV1>\r\n"
        f"<BANKMSGSRSV1>{statements}{_ofx_statement(len(others) + 1, day, account, closing, lines)}</BANKMSGSRSV1></OFX>\r\n"
    )
    return text.encode("cp1252")


def _ofx_statement(number: int, day: date, account: str, closing: int, lines: list[Line]) -> str:
    transactions = "".join(
        f"<STMTTRN><TRNTYPE>{'CREDIT' if x.amount > 0 else 'DEBIT'}<DTPOSTED>{x.day:%Y%m%d}"
        f"<TRNAMT>{x.amount / 100:.2f}<FITID>{number}{n:07d}"
        + (f"<CHECKNUM>{x.label.split()[-1]}" if x.label.startswith("CHEQUE") else "")
        + f"<NAME>{x.label[:32]}<MEMO>{x.label}</STMTTRN>\r\n"
        for n, x in enumerate(lines)
    )  # fmt: skip
    return (
        f"<STMTTRNRS><TRNUID>{number}<STATUS><CODE>0<SEVERITY>INFO</STATUS>\r\n"
        "<STMTRS><CURDEF>EUR<BANKACCTFROM><BANKID>12345<BRANCHID>00001"
        f"<ACCTID>{account}<ACCTTYPE>CHECKING</BANKACCTFROM>\r\n"
        f"<BANKTRANLIST><DTSTART>{lines[0].day:%Y%m%d}<DTEND>{day:%Y%m%d}\r\n{transactions}</BANKTRANLIST>\r\n"
        f"<LEDGERBAL><BALAMT>{closing / 100:.2f}<DTASOF>{day:%Y%m%d}</LEDGERBAL>\r\n"
        "</STMTRS></STMTTRNRS>\r\n"
    )


def cfonb(day: date, closing: int, lines: list[Line], account: str = DEMO_ACCOUNT,
          others: tuple[tuple[str, int, list[Line]], ...] = ()) -> bytes:  # fmt: skip
    """CFONB 120 as French banks send it: for each account (``others`` first, as in ``ofx``) an ancien
    solde (01), a mouvement (04) per line with its label's rest in compléments (05, qualifier LIB),
    a nouveau solde (07); records of 120 characters, upper-case ASCII, CRLF."""
    records = [r for other in others for r in _cfonb_statement(day, *other)] + _cfonb_statement(day, account, closing, lines)
    return ("\r\n".join(records) + "\r\n").encode("ascii")


def _cfonb_statement(day: date, account: str, closing: int, lines: list[Line]) -> list[str]:
    def record(code: str, rest: str, amount: int | None = None) -> str:
        # bank, internal code, guichet, currency, decimals, account; the record's own zones; the amount at 91
        text = f"{code}12345    00001EUR2 {account:>11}{rest}"
        if amount is not None:
            last = ("{ABCDEFGHI" if amount >= 0 else "}JKLMNOPQR")[abs(amount) % 10]
            text = f"{text:<90}{abs(amount) // 10:013d}{last}"
        return f"{text:<120}"

    opening = closing - sum(x.amount for x in lines)
    records = [record("01", f"  {lines[0].day:%d%m%y}", opening)]
    for n, x in enumerate(lines, 1):
        label = unicodedata.normalize("NFKD", x.label.replace("N° ", "")).encode("ascii", "ignore").decode().upper()
        code = "01" if label.startswith("CHEQUE") else "  "
        first, *rest = textwrap.wrap(label, 31)  # the label's first words, the rest in compléments
        records.append(record("04", f"{code}{x.day:%d%m%y}  {x.day:%d%m%y}{first:<31}  {n:07d}  ", x.amount))
        records += [record("05", f"{code}{x.day:%d%m%y}     LIB{more}") for more in textwrap.wrap(" ".join(rest), 70)]
    records.append(record("07", f"  {day:%d%m%y}", closing))
    return records


def demo_statement(session: Session, kind: str = "csv") -> bytes:
    """Coop 974-111's bank statement file today, to try /pointage with a file: every bank entry but the
    CE2B cheque not yet cashed, grouped by remise, and the bank's fees of yesterday that the books lack.
    As Crédit Agricole exports it (``csv``: ISO-8859-1), as OFX with the livret's statement first
    (``ofx``: /pointage asks which account is the coop's), or as CFONB 120 (``cfonb``)."""
    coop = session.exec(select(Coop).where(Coop.affiliation == DEMO_AFFILIATION)).one()
    today = today_in("Indian/Reunion")
    fees = (max(date(department_year(session, "974"), 9, 1), today - timedelta(days=1)), "FRAIS TENUE DE COMPTE", -4_50)
    uncashed = lambda e: e.uncashed_cheque and e.ledger_name == "CE2B"  # noqa: E731
    if kind == "csv":
        return _statement_csv(session, coop, today, DEMO_ACCOUNT, uncashed, fees)
    rows, closing = _bank_rows(session, coop, today, uncashed, fees)
    lines = [Line(*row) for row in reversed(rows)]  # oldest first
    if kind == "ofx":
        interest = Line(lines[0].day, "INTERETS CREDITEURS", 8_12)
        return ofx(today, closing, lines, DEMO_ACCOUNT, others=((*LIVRET, [interest]),))
    return cfonb(today, closing, lines, DEMO_ACCOUNT)


def year_end_statement(session: Session) -> bytes:
    """Coop 974-300's statement of 31 August, the end of its recorded year (CSV as Crédit Agricole
    exports it): every bank entry of the year but cheque n° 0000103, cashed in September."""
    coop = session.exec(select(Coop).where(Coop.affiliation == YEAR_END_AFFILIATION)).one()
    last_day = date(fiscal_year_of(today_in("Indian/Reunion")), 8, 31)
    return _statement_csv(session, coop, last_day, YEAR_END_ACCOUNT, lambda e: e.cheque_number == "0000103")


def undated_statement(session: Session) -> bytes:
    """Coop 974-111's operations up to a week ago as Crédit Mutuel exports them (a running balance, no
    statement date nor account): /pointage asks the statement's date (or takes the one typed first),
    and lists the CE2B cheque written since as not yet cashed."""
    coop = session.exec(select(Coop).where(Coop.affiliation == DEMO_AFFILIATION)).one()
    day = max(date(department_year(session, "974"), 9, 1), today_in("Indian/Reunion") - timedelta(days=7))
    rows, closing = _bank_rows(session, coop, day, lambda e: False)
    rows.reverse()  # oldest first, each with the balance after it
    balance = closing - sum(cents for _, _, cents in rows)
    text = ["Date d'opération;Date de valeur;Débit;Crédit;Libellé;Solde"]
    for when, label, cents in rows:
        balance += cents
        text.append(f'{when:%d/%m/%Y};{when:%d/%m/%Y};{_euros(cents) if cents < 0 else ""};'
                    f'{_euros(cents) if cents > 0 else ""};{label};{"-" if balance < 0 else ""}{_euros(balance)}')  # fmt: skip
    return ("\ufeff" + "\r\n".join(text) + "\r\n").encode("utf-8")


def _euros(cents: int) -> str:
    return f"{abs(cents) // 100},{abs(cents) % 100:02d}"


def _bank_rows(session: Session, coop: Coop, day: date, uncashed, fees: tuple | None = None) -> tuple[list, int]:
    """The bank's lines (day, label, signed cents) of the coop's bank entries up to ``day``, latest
    first, grouped by remise (on the remise's day), but those ``uncashed`` says the bank has not seen, with
    ``fees`` the books lack; and the balance the bank shows."""
    bank = books._views(session, reconciliation._bank_entries(session, coop.id, day), books.chart_of(session, coop))
    left = [e for e in bank if uncashed(e)]
    remises = {d.id: d.day for d in session.exec(select(ChequeDeposit).where(ChequeDeposit.coop_id == coop.id))}
    lines: dict[str, list] = {}
    for e in bank:
        if e not in left:
            key = f"r{e.deposit_id}" if e.deposit_id else f"e{e.id}"
            label = f"REMISE CHEQUES N° {e.deposit_number}" if e.deposit_id else e.label.upper()
            when = remises[e.deposit_id] if e.deposit_id else e.day  # the bank credits a remise on its day
            lines.setdefault(key, [when, label, 0])[2] += e.signed
    extra = [list(fees)] if fees else []
    rows = sorted([*lines.values(), *extra], key=lambda x: x[0], reverse=True)
    closing = reconciliation._book_banque(session, coop.id, day) - sum(e.signed for e in left) + sum(x[2] for x in extra)
    return rows, closing


def _statement_csv(session: Session, coop: Coop, day: date, account: str, uncashed, fees: tuple | None = None) -> bytes:
    """The bank's file (as Crédit Agricole exports it) of the coop's bank entries up to ``day``."""
    rows, closing = _bank_rows(session, coop, day, uncashed, fees)
    text = [f"Téléchargement du {day:%d/%m/%Y};", f"Compte de Dépôt carte n° {account};",
            f"Solde au {day:%d/%m/%Y} {'-' if closing < 0 else ''}{_euros(closing)} EUR", ";",
            "Date;Libellé;Débit euros;Crédit euros;"]  # fmt: skip
    text += [f'{day:%d/%m/%Y};"{label}";{_euros(cents) if cents < 0 else ""};{_euros(cents) if cents > 0 else ""};'
             for day, label, cents in rows]  # fmt: skip
    return ("\r\n".join(text) + "\r\n").encode("iso-8859-1", "replace")
