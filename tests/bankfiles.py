"""Bank statement files as French banks export them, written from a coop's books for the tests.

Each layout copies the shape of a real export (header lines, columns, encoding, date and
amount writing); the figures come from the store, so a test can check that importing the
file matches what the books hold.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlmodel import select

from store import books, entries, movements, reconciliation
from store.demo import DEMO_ACCOUNT
from store.demofiles import Line, cfonb, ofx
from store.models import Coop, Means

ACCOUNT = DEMO_ACCOUNT  # the coop's account number (11 characters, as French banks write it)
IBAN = f"FR76 1234 5000 01{ACCOUNT[:2]} {ACCOUNT[2:6]} {ACCOUNT[6:10]} {ACCOUNT[10:]}42"


def bank_lines(db, affiliation: str, until: date, *, leave_out: tuple[str, ...] = ()) -> list[Line]:
    """What the bank shows of the coop's bank entries up to ``until``: a remise as one credit of its
    total, a cheque a few days after it was written, a card payment two days after; the entries whose
    label is in ``leave_out`` (an uncashed cheque) are not shown."""
    def read(session):
        coop = session.exec(select(Coop).where(Coop.affiliation == affiliation)).one()
        chart = books.chart_of(session, coop)
        return books._views(session, reconciliation._bank_entries(session, coop.id, until), chart)
    lines: dict[str, Line] = {}
    for e in db.run(read):
        if e.label in leave_out:
            continue
        if e.deposit_id:
            key, label = f"r{e.deposit_id}", f"REMISE CHEQUES N° {e.deposit_number}"
            before = lines.get(key)
            lines[key] = Line(e.day, label, (before.amount if before else 0) + e.signed)
            continue
        shift = {Means.CHEQUE: 3, Means.CARTE: 2}.get(e.means, 0)
        label = {Means.CHEQUE: f"CHEQUE N° {e.cheque_number}", Means.CARTE: f"CB {e.label.upper()}",
                 Means.VIREMENT: f"VIR SEPA {e.label.upper()}",
                 Means.PRELEVEMENT: f"PRLV SEPA {e.label.upper()}", Means.ESPECES: "VERSEMENT ESPECES"}[e.means]  # fmt: skip
        lines[f"e{e.id}"] = Line(min(until, e.day + timedelta(days=shift)), label, e.signed)
    return sorted(lines.values(), key=lambda x: x.day)


def french(cents: int, *, sign: bool = False, thousands: str = "") -> str:
    """'1234,56', '-12,50' or '+1 234,56' as banks write it."""
    units = f"{abs(cents) // 100:,}".replace(",", thousands)
    text = f"{units},{abs(cents) % 100:02d}"
    return ("-" if cents < 0 else "+" if sign else "") + text


def credit_agricole(day: date, closing: int, lines: list[Line], account: str = ACCOUNT) -> bytes:
    """Crédit Agricole: a preamble with the account and 'Solde au', then Date;Libellé;Débit euros;
    Crédit euros, latest first, labels on two lines in quotes; ISO-8859-1."""
    rows = [f"Téléchargement du {day:%d/%m/%Y};", ";", "COOPERATIVE SCOLAIRE OCCE;",
            f"Compte de Dépôt carte n° {account};", f"Solde au {day:%d/%m/%Y} {french(closing, thousands=' ')} EUR",
            ";", f"Liste des opérations du compte entre le {lines[0].day:%d/%m/%Y} et le {day:%d/%m/%Y};", ";",
            "Date;Libellé;Débit euros;Crédit euros;"]  # fmt: skip
    for x in reversed(lines):
        debit, credit = (french(-x.amount), "") if x.amount < 0 else ("", french(x.amount))
        rows.append(f'{x.day:%d/%m/%Y};"{x.label}\nREF {x.day:%y%m%d}   ";{debit};{credit};')
    return ("\r\n".join(rows) + "\r\n").encode("iso-8859-1")


def caisse_epargne(day: date, closing: int, lines: list[Line], account: str = ACCOUNT) -> bytes:
    """Caisse d'Épargne: bank and account lines, 'Solde en fin de période' first and 'Solde en début
    de période' last, dates jj/mm/aa, debits negative; ISO-8859-15 (the euro sign is byte 0xA4)."""
    opening = closing - sum(x.amount for x in lines)
    rows = [f"Code de la banque : 12345;Code de l'agence : 00001;Date de début de téléchargement : "
            f"{lines[0].day:%d/%m/%Y};Date de fin de téléchargement : {day:%d/%m/%Y};;",
            f"Numéro de compte : {account};Nom du compte : COOP SCOLAIRE;Devise : €;;;",
            f"Solde en fin de période;;;;{french(closing, sign=True)}",
            "Date;Numéro d'opération;Libellé;Débit;Crédit;Détail;"]  # fmt: skip
    for n, x in enumerate(reversed(lines)):
        debit, credit = (french(x.amount), "") if x.amount < 0 else ("", french(x.amount, sign=True))
        rows.append(f"{x.day:%d/%m/%y};{9000 + n};{x.label};{debit};{credit};{x.label.lower()};")
    rows.append(f"Solde en début de période;;;;{french(opening, sign=True)}")
    return ("\r\n".join(rows) + "\r\n").encode("iso-8859-15")


def banque_postale(day: date, closing: int, lines: list[Line], account: str = ACCOUNT) -> bytes:
    """La Banque Postale: 'Numéro Compte ;…', 'Solde (EUROS) ;…', then Date;Libellé;Montant(EUROS);
    Montant(FRANCS), one signed amount column; ISO-8859-1."""
    rows = [f"Numéro Compte   ;{account}", "Type            ;CCP", "Compte tenu en  ;euros",
            f"Date            ;{day:%d/%m/%Y}", f"Solde (EUROS)   ;{french(closing)}",
            f"Solde (FRANCS)  ;{french(round(closing * 6.55957))}", "", "Date;Libellé;Montant(EUROS);Montant(FRANCS)"]  # fmt: skip
    for x in reversed(lines):
        rows.append(f'{x.day:%d/%m/%Y};"{x.label}";{french(x.amount)};{french(round(x.amount * 6.55957))}')
    return ("\r\n".join(rows) + "\r\n").encode("iso-8859-1")


def credit_mutuel(day: date, closing: int, lines: list[Line]) -> bytes:
    """Crédit Mutuel: no preamble, no account number (it is in the file's name), Date d'opération;
    Date de valeur;Débit;Crédit;Libellé;Solde with the running balance; UTF-8 with a BOM."""
    balance = closing - sum(x.amount for x in lines)
    rows = ["Date d'opération;Date de valeur;Débit;Crédit;Libellé;Solde"]
    for x in lines:
        balance += x.amount
        debit, credit = (french(x.amount), "") if x.amount < 0 else ("", french(x.amount))
        rows.append(f"{x.day:%d/%m/%Y};{x.day + timedelta(days=1):%d/%m/%Y};{debit};{credit};{x.label};{french(balance)}")
    return ("\ufeff" + "\r\n".join(rows) + "\r\n").encode("utf-8")


LAYOUTS = {"credit_agricole": credit_agricole, "caisse_epargne": caisse_epargne,
           "banque_postale": banque_postale, "ofx": ofx, "cfonb": cfonb}  # fmt: skip


def record_term(session, affiliation: str = "974-111") -> None:
    """A term of a coop's bank life on top of the demo books, from 1 September to today: monthly bank
    fees, cheques paid, card payments, transfers received, a remise of three cheques, cash deposited
    at the bank, an advance to a class (never seen by the bank), two payments of the same amount."""
    from store.models import Direction, Ledger, MovementKind, Treasury
    from store.people import who_is
    from store.years import fiscal_year_of, today_in

    coop = session.exec(select(Coop).where(Coop.affiliation == affiliation)).one()
    ledgers = {x.name: x.id for x in session.exec(select(Ledger).where(Ledger.coop_id == coop.id))}
    marie = who_is(session, 1001)
    today = today_in("Indian/Reunion")
    start = date(fiscal_year_of(today), 9, 1)
    day = lambda n: min(today, start + timedelta(days=n))  # noqa: E731
    spend, receive = Direction.DEPENSE, Direction.RECETTE
    rows = [
        ("École", spend, 4, "Livres de bibliothèque", Means.CHEQUE, 128_40, "livres", "0002001"),
        ("École", receive, 6, "Subvention de la mairie", Means.VIREMENT, 800_00, "mairie", None),
        ("CE1A", spend, 9, "Papeterie", Means.CARTE, 37_15, "fournitures", None),
        ("École", spend, 12, "Spectacle de marionnettes", Means.VIREMENT, 250_00, "spectacles", None),
        ("CE2B", spend, 15, "Goûter de rentrée", Means.CARTE, 19_99, "gouter", None),
        ("École", spend, 18, "Photocopieur : entretien", Means.PRELEVEMENT, 45_00, "autres", None),
        ("École", spend, 48, "Photocopieur : entretien", Means.PRELEVEMENT, 45_00, "autres", None),
        ("École", receive, 20, "Don de l'association des parents", Means.VIREMENT, 300_00, "dons", None),
        ("CE1A", spend, 25, "Sortie au jardin botanique", Means.CHEQUE, 96_00, "sorties", "0002002"),
        ("École", spend, 33, "Abonnement revue", Means.CHEQUE, 42_00, "livres", "0002003"),
        ("CE2B", spend, 40, "Matériel de sport", Means.CARTE, 64_90, "petit materiel", None),
        ("École", receive, 55, "Vente de photos de classe", Means.VIREMENT, 612_00, "photos", None),
        ("École", spend, 58, "Photographe", Means.CHEQUE, 380_00, "photos", "0002004"),
    ]  # fmt: skip
    for name, direction, n, label, means, amount, account, cheque in rows:
        entries.record_entry(session, marie, ledgers[name], direction=direction, day=day(n), label=label,
                            means=means, amount=amount, splits=account, today=today, cheque_number=cheque,
                            giver="Commune de Saint-Paul" if account == "mairie" else None)
    cheques = [entries.record_entry(session, marie, ledgers["École"], direction=receive, day=day(21 + i),
                                   label=f"Participation sortie ({name})", means=Means.CHEQUE, amount=amount,
                                   splits="sorties", today=today, cheque_number=f"88{i}0{i}")
               for i, (name, amount) in enumerate([("Payet", 15_00), ("Hoarau", 15_00), ("Grondin", 30_00)])]  # fmt: skip
    reconciliation.record_deposit(session, marie, coop.id, [c.id for c in cheques], day=day(24), today=today)
    movements.record_movement(session, marie, MovementKind.DEPOT, ledger_id=ledgers["École"], day=day(30), amount=50_00,
                           label="Dépôt d'espèces", today=today, from_treasury=Treasury.CAISSE)
    movements.record_movement(session, marie, MovementKind.AVANCE, ledger_id=ledgers["École"], day=day(35),
                           amount=100_00, label="Avance à la classe", today=today, to_ledger_id=ledgers["CE1A"])
