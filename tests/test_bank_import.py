"""Bank statement files in /pointage: read in each bank's layout, checked, matched to the books,
and gone through in the chat as the mandataire would (the file sent as a document)."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlmodel import select

from store import bankfiles, books, reconciliation
from store.access import Forbidden
from store.bankfiles import BankFileError, BankLine
from store.models import Coop, Entry, Statement
from store.people import who_is
from store.years import fiscal_year_of, today_in
from tests.bankfiles import (
    ACCOUNT, LAYOUTS, Line, bank_lines, banque_postale, cfonb, credit_agricole, credit_mutuel, ofx, record_term,
)  # fmt: skip
from tests.test_treasury import euros, flat
from tests.world import EARLIER_BUTTON, PERSONAS, seed_world

TODAY = today_in("Indian/Reunion")
YEAR = fiscal_year_of(TODAY)
MARIE = 1001
MUSEUM = "Entrées au musée"  # the demo's CE2B cheque, not cashed yet
FEES = Line(TODAY - timedelta(days=1), "FRAIS TENUE DE COMPTE", -4_50)


def coop_of(session, affiliation: str = "974-111") -> Coop:
    return session.exec(select(Coop).where(Coop.affiliation == affiliation)).one()


def statement_of(db, *, extra: list[Line] = (), leave_out=(MUSEUM,), day=TODAY, shift: int = 0):
    """The bank's view of the demo coop up to ``day``: its lines and closing balance."""
    lines = sorted(bank_lines(db, "974-111", day, leave_out=leave_out) + list(extra), key=lambda x: x.day)

    def closing(session):
        coop = coop_of(session)
        book = reconciliation._book_banque(session, coop.id, day)
        left = sum(e.signed for e in books._views(session, reconciliation._bank_entries(session, coop.id, day),
                                                   books.chart_of(session, coop)) if e.label in leave_out)  # fmt: skip
        return book - left + sum(x.amount for x in extra) + shift
    return lines, db.run(closing)


def propose(db, data, **kwargs):
    return db.run(lambda s: bankfiles.propose(s, who_is(s, MARIE), coop_of(s).id, data, today=TODAY, **kwargs))


# ------------------------------------------------------------------ reading


LINES = [Line(TODAY.replace(day=1), "VIR SEPA SUBVENTION MAIRIE", 800_00),
         Line(TODAY.replace(day=2), "CHEQUE N° 0002001", -128_40),
         Line(TODAY.replace(day=2), "CB PAPETERIE DU PORT", -1_237_15),
         Line(TODAY.replace(day=3), "REMISE CHEQUES N° 1", 60_00)]  # fmt: skip


@pytest.mark.parametrize("layout", [*LAYOUTS, "credit_mutuel"])
def test_each_bank_layout_reads_the_same_statement(layout):
    data = credit_mutuel(TODAY, 2_345_67, LINES) if layout == "credit_mutuel" else LAYOUTS[layout](TODAY, 2_345_67, LINES)
    read = bankfiles.read(data)
    assert (read.closing, [(x.day, x.amount) for x in read.lines]) == (2_345_67, [(x.day, x.amount) for x in LINES])
    assert read.day == (LINES[-1].day if layout == "credit_mutuel" else TODAY)  # Crédit Mutuel says no date
    assert read.account == (None if layout == "credit_mutuel" else ACCOUNT)
    assert read.lines[1].cheque_number == "2001" and "SUBVENTION MAIRIE" in read.lines[0].label
    assert bankfiles.BankFile.from_data(read.to_data()) == read


def hostile_files() -> dict[str, tuple[bytes, str]]:
    """Files a person may send by mistake, and the refusal each gets."""
    good = credit_agricole(TODAY, 1_000_00, LINES).decode("iso-8859-1")
    return {
        "empty": (b"", "empty"),
        "blank": (b"\r\n  \r\n", "empty"),
        "png": (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "binary"),
        "pdf": (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\x00\x01\x02" + b"\x00" * 100, "binary"),
        "utf16": (good.encode("utf-16"), "encoding"),
        "utf16_no_bom": (good.encode("utf-16-le"), "encoding"),
        "c1_controls": (good.encode("iso-8859-1").replace(b"\xe9", b"\x81\x8d"), "encoding"),
        "big": (b"Date;Montant\r\n" + b"01/09/2026;1,00\r\n" * 400_000, "too_big"),
        "letter": ("Madame, Monsieur,\nveuillez trouver ci-joint…\n".encode(), "unknown_format"),
        "no_amount": (good.replace("128,40", "douze").encode("iso-8859-1"), "bad_line"),
        "header_only": ("Date;Libellé;Débit;Crédit\r\n".encode(), "no_lines"),
        "no_balance": ("Date;Libellé;Montant\r\n01/09/2026;VIR;12,00\r\n".encode(), "no_balance"),
        "broken_ofx": (b"OFXHEADER:100\r\nDATA:OFXSGML\r\n\r\n<OFX><BANKMSGSRSV1><STMTRS>", "unknown_format"),
    }


@pytest.mark.parametrize("name", list(hostile_files()))
def test_a_hostile_file_is_refused_with_its_reason(name):
    data, reason = hostile_files()[name]
    with pytest.raises(BankFileError) as refused:
        bankfiles.read(data)
    assert refused.value.reason == reason


def test_a_file_that_does_not_add_up_is_refused():
    data = LAYOUTS["caisse_epargne"](TODAY, 1_000_00, LINES).replace(b"Solde en fin de p\xe9riode;;;;+1000,00",
                                                                        b"Solde en fin de p\xe9riode;;;;+1100,00")
    with pytest.raises(BankFileError) as refused:
        bankfiles.read(data)
    assert refused.value.reason == "inconsistent" and refused.value.details["closing"] == 1_100_00


def cfonb_records(closing: int = 2_345_67, lines=LINES) -> list[str]:
    """The CFONB 120 records of a statement: 01, a 04 per line (05 for a long label), 07."""
    return cfonb(TODAY, closing, lines).decode("ascii").split("\r\n")[:-1]


def cfonb_file(records: list[str], end: str = "\r\n") -> bytes:
    return "".join(f"{r}{end}" for r in records).encode("ascii")


def hostile_cfonb() -> dict[str, tuple[bytes, str, dict]]:
    """CFONB 120 files spoilt as a transfer, an editor or a hand may spoil them, and the refusal each gets."""
    good = cfonb_records()  # 01, four 04, 07
    first = good[1]

    def spoilt(n: int, record: str) -> bytes:
        return cfonb_file(good[:n] + [record] + good[n + 1:])
    other = first[:21] + "99988877766" + first[32:]
    return {
        "cut": (spoilt(3, good[3][:100]), "cfonb_length", {"line": 4, "length": 100}),
        "trimmed": (spoilt(1, first.rstrip()), "cfonb_length", {"line": 2, "length": 104}),  # its blank reference
        "record": (spoilt(2, "03" + good[2][2:]), "cfonb_record", {"line": 3, "code": "03"}),
        "amount_char": (spoilt(1, first[:103] + "X" + first[104:]), "cfonb_amount", {"line": 2}),
        "amount_digits": (spoilt(4, good[4][:95] + " 12" + good[4][98:]), "cfonb_amount", {"line": 5}),
        "currency": (spoilt(1, first[:16] + "USD" + first[19:]), "cfonb_currency", {"line": 2, "currency": "USD"}),
        "date": (spoilt(1, first[:34] + "310226" + first[40:]), "cfonb_date", {"line": 2}),  # 31 February
        "no_closing": (cfonb_file(good[:-1]), "cfonb_order", {"line": 5}),
        "two_openings": (cfonb_file(good[:3] + good[:1] + good[3:]), "cfonb_order", {"line": 4}),
        "detail_first": (spoilt(1, "05" + first[2:45] + "LIB" + " " * 72), "cfonb_order", {"line": 2}),
        "account_changes": (spoilt(1, other), "cfonb_order", {"line": 2}),
        "closing": (cfonb_file(good[:-1] + cfonb_records(2_345_68)[-1:]), "inconsistent",
                    {"opening": 2_851_22, "total": -505_55, "closing": 2_345_68}),
        "movement_first": (cfonb_file(good[1:]), "unknown_format", {}),  # not how a CFONB file begins
    }  # fmt: skip


@pytest.mark.parametrize("name", list(hostile_cfonb()))
def test_a_hostile_cfonb_file_is_refused_with_its_reason(name):
    data, reason, details = hostile_cfonb()[name]
    with pytest.raises(BankFileError) as refused:
        bankfiles.read(data)
    assert (refused.value.reason, refused.value.details) == (reason, details)


def test_cfonb_amounts_dates_labels_and_statements_in_a_row():
    amounts = [1, -2, 3_03, -4_04, 55, -66, 7_77, -8_88, 9_99, -1_000_00, 10, -20]  # every last character
    lines = [Line(TODAY.replace(day=1), f"LIGNE {n}", cents) for n, cents in enumerate(amounts)]
    read = bankfiles.read(cfonb(TODAY, 500_00, lines))
    assert [x.amount for x in read.lines] == amounts and (read.opening, read.closing) == (500_00 - sum(amounts), 500_00)
    long = Line(TODAY.replace(day=2), "PRLV SEPA ASSOCIATION DES PARENTS D'ELEVES DE L'ECOLE DU CENTRE VILLE "
                                      "DE SAINT-PAUL COTISATION ANNUELLE 2026 2027", -15_00)
    records = cfonb_records(lines=[*LINES, long])
    assert [r[:2] for r in records] == ["01", "04", "04", "04", "04", "04", "05", "05", "07"]
    read = bankfiles.read(cfonb_file(records))
    assert read.lines[3].label == long.label and read.lines[1].cheque_number == "2001"
    assert bankfiles.read(cfonb_file(records, end="")) == read  # records without line ends, as some banks send them
    records.insert(-1, records[-2][:45] + "REF" + "SEPA-123".ljust(72))  # a reference: not part of the label
    assert bankfiles.read(cfonb_file(records)) == read
    # A file of one statement a day: read as one, from the first ancien solde to the last nouveau solde.
    monday, tuesday = cfonb_records(1_600_00, LINES[:2]), cfonb_records(422_85, LINES[2:])
    both = bankfiles.read(cfonb_file(monday + tuesday))
    assert (both.opening, both.closing, both.day, both.kind) == (928_40, 422_85, TODAY, "cfonb")
    assert [x.amount for x in both.lines] == [x.amount for x in LINES]
    gap = cfonb_records(432_85, LINES[2:])  # starts from 1 610,00 €: a day's statement is missing in between
    with pytest.raises(BankFileError) as refused:
        bankfiles.read(cfonb_file(monday + gap))
    assert refused.value.reason == "inconsistent" and refused.value.details == {
        "opening": 1_600_00, "total": -1_177_15, "closing": 432_85}


def test_matching_prefers_the_cheque_number_then_the_nearest_day():
    from store.books import EntryView
    from store.models import Direction, Means, Treasury

    def entry(id, day, amount, means=Means.VIREMENT, cheque=None):
        return EntryView(id, 1, "École", YEAR, str(id), day, "x", Direction.DEPENSE if amount < 0 else Direction.RECETTE,
                         Treasury.BANQUE, means, cheque, abs(amount), ())  # fmt: skip
    d = TODAY.replace(day=1)
    entries = [entry(1, d, -45_00, Means.PRELEVEMENT), entry(2, d + timedelta(days=20), -45_00, Means.PRELEVEMENT),
               entry(3, d, -30_00, Means.CHEQUE, "0000777"), entry(4, d, -30_00, Means.CHEQUE, "0000778"),
               entry(5, d, 12_00)]  # fmt: skip
    lines = (BankLine(d + timedelta(days=21), "PRLV", -45_00), BankLine(d + timedelta(days=1), "PRLV", -45_00),
             BankLine(d + timedelta(days=9), "CHEQUE 778", -30_00, "778"), BankLine(d, "FRAIS", -3_00))  # fmt: skip
    found, lines_left, entries_left = bankfiles.match(lines, entries)
    assert {(m.line, m.entry_ids, m.how) for m in found} == {(0, (2,), "day"), (1, (1,), "day"), (2, (4,), "cheque")}
    assert lines_left == [3] and [e.id for e in entries_left] == [3, 5]


# ------------------------------------------------------------------ against the books


@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_a_term_of_the_coop_matches_every_entry_but_the_uncashed_cheque(demo_books, layout):
    demo_books.run(record_term)
    lines, closing = statement_of(demo_books)
    proposal = propose(demo_books, LAYOUTS[layout](TODAY, closing, lines))
    assert not proposal.unmatched_lines and len(proposal.matches) == len(lines)
    assert [e.label for e in proposal.unmatched_entries] == [MUSEUM]
    deposit = next(m for m in proposal.matches if len(m.entries) == 3)  # the remise, one line of its total
    assert lines[deposit.line].label.startswith("REMISE") and proposal.record_account
    ids = [i for m in proposal.matches for i in m.entry_ids]
    rec = demo_books.run(lambda s: bankfiles.accept(s, who_is(s, MARIE), coop_of(s).id, proposal.statement.to_data(),
                                                    ids, today=TODAY))  # fmt: skip
    assert rec.balanced and [e.label for e in rec.outstanding] == [MUSEUM] and len(rec.ticked) == len(ids)
    assert demo_books.run(lambda s: coop_of(s).bank_account) == ACCOUNT


def test_another_account_a_gap_or_another_balance_change_nothing(demo_books):
    lines, closing = statement_of(demo_books, day=TODAY - timedelta(days=4))
    first = propose(demo_books, banque_postale(TODAY - timedelta(days=4), closing, lines))
    demo_books.run(lambda s: bankfiles.accept(s, who_is(s, MARIE), coop_of(s).id, first.statement.to_data(),
                                              [i for m in first.matches for i in m.entry_ids], today=TODAY))  # fmt: skip
    later, closing = statement_of(demo_books)
    lines = [Line(x.day, x.label, x.amount) for x in first.lines] + later  # the bank repeats the first lines
    with pytest.raises(BankFileError) as refused:
        propose(demo_books, banque_postale(TODAY, closing, lines, account="99988877766"))
    assert refused.value.reason == "other_account" and refused.value.details["found"] == "99988877766"
    with pytest.raises(BankFileError) as refused:
        propose(demo_books, ofx(TODAY, closing + 10_00, lines))
    assert refused.value.reason == "balance_gap" and refused.value.details["expected"] == closing
    with pytest.raises(BankFileError) as refused:
        propose(demo_books, banque_postale(TODAY - timedelta(days=4), closing + 1, lines[:1]))
    assert refused.value.reason == "statement_differs"
    # The file that follows: its lines up to the first statement are left aside.
    proposal = propose(demo_books, ofx(TODAY, closing, lines))
    assert proposal.skipped == len(first.lines) and proposal.previous_day == TODAY - timedelta(days=4)
    assert demo_books.run(lambda s: len(s.exec(select(Statement)).all())) == 1


def test_only_the_coops_managers_read_a_file_for_it(demo_books):
    demo_books.run(seed_world)
    lines, closing = statement_of(demo_books)
    data = ofx(TODAY, closing, lines)
    for persona in ("enseignant", "verificateur", "mandataire_autre_coop", "ad"):
        with pytest.raises(Forbidden):
            demo_books.run(lambda s: bankfiles.propose(s, who_is(s, PERSONAS[persona][0]), coop_of(s).id, data,
                                                       today=TODAY))  # fmt: skip
    assert propose(demo_books, data, day=TODAY).matches  # a file that says no date is the statement of the day given
    assert propose(demo_books, data, day=TODAY).statement.day == TODAY


# ------------------------------------------------------------------ in the chat

DAY = f"{TODAY:%d/%m/%Y}"


def next_pages(step) -> bool:
    return ["▶️"] in step.last.buttons or any("▶️" in row for row in step.last.buttons)


async def find_button(user, step, start: str):
    """Turn the pages until a button starting with ``start`` shows; the step and its label."""
    while True:
        label = next((b for row in step.last.buttons for b in row if b.startswith(start)), None)
        if label or not next_pages(step):
            return step, label
        step = await user.press("▶️")


async def test_the_mandataire_imports_the_banks_file_in_the_chat(bot, cast, demo_books):
    demo_books.run(record_term)
    lines, closing = statement_of(demo_books, extra=[FEES])
    marie = cast["mandataire"]
    step = await marie.send("/pointage")
    assert "Ou envoyez ici le fichier du relevé que donne votre banque (CSV, OFX ou CFONB)" in flat(step.text)
    step = await marie.send_document(credit_agricole(TODAY, closing, lines), "CA20261130_1234.csv")
    text = flat(step.text)
    assert text.startswith(f"Relevé du {DAY} — coop 974-111 Fichier CSV · solde {euros(closing)}")
    assert ("Compte •••• 5678 : c'est le premier relevé importé, ce numéro sera enregistré pour la coopérative et "
            "les relevés suivants devront être de ce compte.") in text
    assert f"{len(lines)} lignes : {len(lines) - 1} avec une écriture, 1 sans écriture." in text
    assert "Au livre mais pas sur le relevé : 1 · CE2B " in text and f"{euros(-85_00)} Entrées au musée" in text
    assert all(len(line) <= 40 for line in step.text.splitlines()), step.text
    assert step.last.buttons[-1] == ["Annuler"] and step.last.buttons[-2][0].startswith("✅ Pointer ")

    first = step.last.buttons[0][0]  # a proposal unticked, then ticked again
    assert first.startswith("☑ ")
    step = await marie.press(first)
    assert step.last.buttons[0][0] == "☐" + first[1:]
    step = await marie.press("☐" + first[1:])
    assert step.last.buttons[0][0] == first

    step, create = await find_button(marie, step, "➕ ")
    assert create == f"➕ {FEES.day:%d/%m} {euros(FEES.amount)} : créer l'écriture"
    step = await marie.press(create)
    assert flat(step.text) == (f"Écriture du cahier de l'école pour la ligne du {FEES.day:%d/%m/%Y}, "
                               f"{euros(FEES.amount)} : FRAIS TENUE DE COMPTE REF {FEES.day:%y%m%d} Sur quel compte de charges ?")
    assert step.last.buttons[0] == ["Services bancaires"] and step.last.buttons[-1] == ["↩️ Retour"]
    step = await marie.press("↩️ Retour")  # changed their mind: nothing made
    step, create = await find_button(marie, step, "➕ ")
    step = await marie.press(create)
    step = await marie.press("Services bancaires")
    assert flat(step.text).startswith("Écriture ")
    assert f"du cahier École enregistrée : {euros(FEES.amount)}, Services bancaires." in flat(step.text)
    assert "0 sans écriture" in flat(step.text)
    finish = step.last.buttons[-2][0]
    count = int(finish.split()[2])
    step = await marie.press(finish)
    text = flat(step.text)
    assert text.startswith(f"Pointage enregistré : {count} opérations pointées sur le relevé du {DAY}.")
    assert "Numéro de compte •••• 5678 enregistré pour la coopérative : les prochains relevés seront vérifiés." in text
    assert f"Rapprochement équilibré ✅ Solde du relevé {euros(closing)} − dépenses pas encore passées en banque " \
           f"{euros(85_00)}" in text

    def books(session):
        coop = coop_of(session)
        fee = session.exec(select(Entry).where(Entry.label.startswith(FEES.label))).one()
        [statement] = session.exec(select(Statement).where(Statement.coop_id == coop.id)).all()
        return coop.bank_account, (fee.day, fee.amount, fee.means), (statement.day, statement.balance)
    account, fee, statement = demo_books.run(books)
    assert (account, fee, statement) == (ACCOUNT, (FEES.day, 4_50, "prelevement"), (TODAY, closing))


async def test_hostile_files_in_the_chat_change_nothing(bot, sim, cast, demo_books):
    marie = cast["mandataire"]
    lines, closing = statement_of(demo_books, day=TODAY - timedelta(days=2))
    demo_books.run(lambda s: bankfiles.accept(s, who_is(s, MARIE), coop_of(s).id, bankfiles.read(
        ofx(TODAY - timedelta(days=2), closing, lines)).to_data(), [], today=TODAY))  # fmt: skip
    before = demo_books.run(lambda s: (len(s.exec(select(Entry)).all()), len(s.exec(select(Statement)).all())))
    later, closing = statement_of(demo_books, extra=[FEES])
    good = credit_agricole(TODAY, closing, later)
    await marie.send("/pointage")
    for data, name, said in [
        (b"", "releve.csv", "Ce fichier est vide."),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "releve.png", "Ce fichier n'est pas un relevé lisible"),
        (good.decode("iso-8859-1").encode("utf-16"), "releve.csv", "Ce fichier est dans un encodage que le bot "
                                                                   "ne lit pas"),
        (b"x" * (5 * 1024 * 1024), "releve.csv", "Ce fichier est trop gros pour un relevé (1 Mo au plus)."),
        ("Bonjour,\nvoici le relevé.\n".encode(), "releve.txt", "Le bot ne reconnaît pas ce fichier"),
        (credit_agricole(TODAY, closing, later, account="99988877766"), "releve.csv",
         "Ce relevé est celui d'un autre compte (•••• 7766) : le compte de la coopérative est le •••• 5678."),
        (credit_agricole(TODAY, closing + 1_00, later), "releve.csv",
         f"Ce relevé ne fait pas suite au précédent : le relevé du {TODAY - timedelta(days=2):%d/%m/%Y} finissait"),
    ]:  # fmt: skip
        step = await marie.send_document(data, name)
        assert flat(step.text).startswith(said), (name, step.text)
        assert flat(step.text).endswith("Rien n'a été modifié. Envoyez un autre fichier, ou choisissez la date du relevé.")
    step = await marie.send_document(b"y" * (5 * 1024 * 1024), "releve.csv", size_known=False)  # counted as it comes
    assert flat(step.text).startswith("Ce fichier est trop gros pour un relevé")
    after = demo_books.run(lambda s: (len(s.exec(select(Entry)).all()), len(s.exec(select(Statement)).all())))
    assert after == before
    step = await marie.send(DAY)  # still at the statement's date
    assert step.text.startswith(f"Solde du relevé du {DAY} ?")


async def test_an_ofx_file_dropped_keeps_the_entries_made_from_it(bot, cast, demo_books):
    lines, closing = statement_of(demo_books, extra=[FEES, Line(TODAY, "VIR SEPA APE DON", 150_00)])
    marie = cast["mandataire"]
    await marie.send("/pointage")
    step = await marie.send_document(ofx(TODAY, closing, lines), "releve.ofx")
    assert "Fichier OFX" in flat(step.text) and "2 sans écriture" in flat(step.text)
    step, create = await find_button(marie, step, f"➕ {TODAY:%d/%m}")
    step = await marie.press(create)
    assert "Sur quel compte de produits ?" in flat(step.text)
    assert "Subventions (État, collectivités)" not in str(marie.last.buttons)  # a grant names its giver: /recette
    step = await marie.press("Dons")
    assert "1 sans écriture" in flat(step.text)
    step = await marie.send("/annuler")
    assert flat(step.text) == ("Import du relevé abandonné : rien n'a été pointé, mais les écritures créées depuis "
                               "le fichier restent enregistrées (1 opération).")
    assert demo_books.run(lambda s: (len(s.exec(select(Statement)).all()),
                                     s.exec(select(Entry).where(Entry.amount == 150_00)).one().means)) == (0, "virement")


async def test_the_sandbox_gives_a_statement_of_the_demo_coop_to_try(database, tmp_path):
    from tests.test_sandbox import chat

    statement = tmp_path / "s-releve-974-111.csv"
    out = await chat(database, "/pointage", f":doc {statement}", files=tmp_path / "s")
    assert f"Un relevé de banque de la coop 974-111 à importer : /pointage, puis :doc {statement}" in out
    answer = " ".join(out.rsplit(f":doc {statement}\n", 1)[1].split())  # the terminal indents wrapped lines
    assert f"Relevé du {DAY} — coop 974-111 Fichier CSV" in answer and "1 sans écriture" in answer
    assert "Au livre mais pas sur le relevé : 1 · CE2B" in answer and "Entrées au musée" in answer
    assert "créer l'écriture" in answer and "✅ Pointer 5 opérations" in answer


async def test_the_sandbox_gives_the_same_statement_as_ofx_of_two_accounts_and_as_cfonb(database, tmp_path):
    from tests.test_sandbox import chat

    ofx_file, cfonb_file = tmp_path / "s-releve-974-111.ofx", tmp_path / "s-releve-974-111.cfonb.txt"
    out = await chat(database, "/pointage", f":doc {ofx_file}", ":2", files=tmp_path / "s")
    assert (f"Le même relevé en OFX, avec celui du livret (lequel est le compte de la coop ?) : {ofx_file}, et en "
            f"CFONB 120 : {cfonb_file}") in out  # fmt: skip
    answer = " ".join(out.rsplit(f":doc {ofx_file}\n", 1)[1].split())
    assert "Ce fichier contient les relevés de 2 comptes" in answer and "Compte •••• 6677" in answer
    assert f"Relevé du {DAY} — coop 974-111 Fichier OFX" in answer and "1 sans écriture" in answer  # :2 pressed
    # Each file read as the CSV one: the same statement, line for line.
    csv = bankfiles.read((tmp_path / "s-releve-974-111.csv").read_bytes())
    with pytest.raises(BankFileError) as refused:  # the livret's statement first: which account?
        bankfiles.read(ofx_file.read_bytes())
    assert refused.value.details == {"accounts": ["00055566677", ACCOUNT]}
    for path, kind in ((ofx_file, "ofx"), (cfonb_file, "cfonb")):
        read = bankfiles.read(path.read_bytes(), account=ACCOUNT)
        assert (read.kind, read.account, read.day, read.closing) == (kind, ACCOUNT, csv.day, csv.closing)
        assert sorted((x.day, x.amount) for x in read.lines) == sorted((x.day, x.amount) for x in csv.lines)


def test_a_line_becomes_an_entry_once_and_only_without_one(demo_books):
    lines, closing = statement_of(demo_books, extra=[FEES])
    data = bankfiles.read(banque_postale(TODAY, closing, lines)).to_data()
    fees = next(i for i, x in enumerate(bankfiles.BankFile.from_data(data).lines) if x.label == FEES.label)

    def make(index, created):
        return demo_books.run(lambda s: bankfiles.entry_from_line(s, who_is(s, MARIE), coop_of(s).id, data, index,
                                                                  "62700008", today=TODAY, created=created))  # fmt: skip
    for index in (0, fees + 1 if fees + 1 < len(lines) else 0):  # lines the books have
        with pytest.raises(BankFileError) as refused:
            make(index, {})
        assert refused.value.reason == "done"
    entry, proposal = make(fees, {})
    assert (entry.ledger_name, entry.signed, entry.splits[0].account_code) == ("École", FEES.amount, "62700008")
    assert not proposal.unmatched_lines and any(m.how == "created" for m in proposal.matches)
    with pytest.raises(BankFileError) as refused:
        make(fees, {fees: entry.id})
    assert refused.value.reason == "done"
    with pytest.raises(BankFileError):
        make(len(lines), {})


def test_the_same_file_sent_again_finds_its_lines_ticked(demo_books):
    lines, closing = statement_of(demo_books)
    data = ofx(TODAY, closing, lines)
    first = propose(demo_books, data)

    def accept(proposal):
        return demo_books.run(lambda s: bankfiles.accept(s, who_is(s, MARIE), coop_of(s).id,
                                                         proposal.statement.to_data(), list(proposal.kept(())),
                                                         today=TODAY))  # fmt: skip
    assert accept(first).balanced
    again = propose(demo_books, data)
    assert again.existing_statement_id and not again.unmatched_lines and not again.kept(())
    assert len(again.matches) == len(first.matches) and [e.label for e in again.unmatched_entries] == [MUSEUM]
    assert len(accept(again).ticked) == len(first.kept(()))


async def test_a_second_file_while_the_proposals_show_is_not_a_receipt(bot, cast, demo_books):
    from store.models import Receipt

    lines, closing = statement_of(demo_books, extra=[FEES])
    marie = cast["mandataire"]
    await marie.send("/pointage")
    step = await marie.send_document(ofx(TODAY, closing, lines), "releve.ofx")
    first = step.last.buttons[0][0]
    for send in (lambda: marie.send_document(credit_agricole(TODAY, closing, lines), "autre.csv"),
                 lambda: marie.send_photo(b"\xff\xd8\xff\xe0 ticket")):  # fmt: skip
        step = await send()
        assert flat(step.text).startswith("Un relevé est en cours : pointez-le (✅ Pointer) ou annulez-le (Annuler) "
                                          "avant d'envoyer un autre fichier. Ce fichier n'a pas été lu.")
        assert "Fichier OFX" in flat(step.text) and step.last.buttons[0][0] == first  # the proposals, again
    step, create = await find_button(marie, step, "➕ ")
    await marie.press(create)  # asked for an account: a file there is not read either
    step = await marie.send_document(b"%PDF-1.4 facture", "facture.pdf")
    assert flat(step.text).startswith("Un relevé est en cours") and "Fichier OFX" in flat(step.text)
    assert demo_books.run(lambda s: s.exec(select(Receipt)).all()) == []
    step = await marie.press(first)  # still going through the statement
    assert step.last.buttons[0][0] == "☐" + first[1:]


async def test_only_the_latest_files_proposals_act(bot, cast, demo_books):
    """The proposals of a file sent in an earlier /pointage acted on the file of the one begun since: their ☑ left
    out its line, their ✅ Pointer recorded it."""
    lines, closing = statement_of(demo_books, extra=[FEES])
    marie = cast["mandataire"]
    await marie.send("/pointage")
    older = (await marie.send_document(ofx(TODAY, closing, lines), "releve.ofx")).last
    first = older.buttons[0][0]
    await marie.send("/pointage")
    step = await marie.send_document(credit_agricole(TODAY, closing, lines), "releve.csv")
    assert "Fichier CSV" in flat(step.text) and step.last.buttons[0][0] == first
    latest = step.last
    step = await marie.send_document(b"%PDF-1.4 facture", "facture.pdf")  # not read: the proposals again, below
    assert flat(step.text).startswith("Un relevé est en cours")
    for message in (older, latest):
        for label in (first, older.buttons[-2][0]):
            step = await marie.press(label, message=message)
            assert step.answer == EARLIER_BUTTON
            assert not step.edited and not step.messages
    step = await marie.press(first)  # the proposals shown last still act
    assert step.last.buttons[0][0] == "☐" + first[1:]


async def test_a_statement_sent_again_shows_its_ticked_lines_as_already_ticked(bot, cast, demo_books):
    lines, closing = statement_of(demo_books)
    data = ofx(TODAY, closing, lines)
    first = propose(demo_books, data)
    demo_books.run(lambda s: bankfiles.accept(s, who_is(s, MARIE), coop_of(s).id, first.statement.to_data(),
                                              list(first.kept(())), today=TODAY))  # fmt: skip
    marie = cast["mandataire"]
    await marie.send("/pointage")
    step = await marie.send_document(data, "releve.ofx")
    text = step.text
    assert text.count("déjà pointée") == len([x for x in text.splitlines() if x.startswith("✔️ ")]) == len(first.matches)
    assert not re.search(r"^[☑☐] \d\d/\d\d · ", text, re.M)  # no line shown as proposed
    assert not any(b.startswith(("☑", "☐")) for row in step.last.buttons for b in row)
    assert step.last.buttons[-2] == ["✅ Pointer 0 opération"]


SAVINGS = ("99988877766", 5_000_00, [Line(TODAY.replace(day=1), "INTERETS", 12_00)])  # the coop's livret, same bank


@pytest.mark.parametrize("write", [ofx, cfonb], ids=["ofx", "cfonb"])
def test_a_file_of_several_accounts_is_read_for_the_coops(demo_books, write):
    lines, closing = statement_of(demo_books)
    data = write(TODAY, closing, lines, others=(SAVINGS,))
    with pytest.raises(BankFileError) as refused:  # no account recorded yet: which one?
        propose(demo_books, data)
    assert refused.value.reason == "several_accounts" and refused.value.details["accounts"] == [SAVINGS[0], ACCOUNT]
    with pytest.raises(BankFileError) as refused:
        bankfiles.read(data)
    assert refused.value.reason == "several_accounts"
    chosen = propose(demo_books, data, account=ACCOUNT)
    assert (chosen.statement.account, chosen.statement.closing, chosen.record_account) == (ACCOUNT, closing, True)
    assert not chosen.unmatched_lines and [e.label for e in chosen.unmatched_entries] == [MUSEUM]
    savings = propose(demo_books, data, account=SAVINGS[0])  # the person's choice, checked at acceptance
    assert (savings.statement.account, savings.statement.closing, len(savings.lines)) == (SAVINGS[0], 5_000_00, 1)
    demo_books.run(lambda s: bankfiles.accept(s, who_is(s, MARIE), coop_of(s).id, chosen.statement.to_data(),
                                              list(chosen.kept(())), today=TODAY))  # fmt: skip
    again = propose(demo_books, data, account=SAVINGS[0])  # recorded now: the coop's account is read, whatever asked
    assert again.statement.account == ACCOUNT and again.existing_statement_id
    with pytest.raises(BankFileError) as refused:
        propose(demo_books, write(TODAY, 1_00, SAVINGS[2], account="55544433322", others=(SAVINGS,)))
    assert refused.value.reason == "none_of_accounts" and refused.value.details == {"expected": ACCOUNT, "count": 2}


async def test_the_mandataire_picks_the_coops_account_in_a_file_of_several(bot, cast, demo_books):
    lines, closing = statement_of(demo_books)
    marie = cast["mandataire"]
    await marie.send("/pointage")
    step = await marie.send_document(ofx(TODAY, closing, lines, others=(SAVINGS,)), "comptes.ofx")
    assert flat(step.text) == ("Ce fichier contient les relevés de 2 comptes. Lequel est le compte de la coopérative ? "
                               "Son numéro sera enregistré, et les relevés suivants devront être de ce compte.")
    assert step.last.buttons == [["Compte •••• 7766"], ["Compte •••• 5678"], ["Annuler"]]
    step = await marie.press("Compte •••• 5678")
    text = flat(step.text)
    assert text.startswith(f"Relevé du {DAY} — coop 974-111 Fichier OFX · solde {euros(closing)}")
    assert "Compte •••• 5678 : c'est le premier relevé importé" in text and "0 sans écriture" in text
    step = await marie.press(step.last.buttons[-2][0])
    assert "Numéro de compte •••• 5678 enregistré pour la coopérative" in flat(step.text)
    assert demo_books.run(lambda s: coop_of(s).bank_account) == ACCOUNT
    await marie.send("/pointage")
    step = await marie.send_document(ofx(TODAY, 1_00, SAVINGS[2], account="55544433322", others=(SAVINGS,)), "x.ofx")
    assert flat(step.text) == ("Ce fichier contient les relevés de 2 comptes, mais aucun n'est celui de la "
                               "coopérative (•••• 5678).\n\nRien n'a été modifié. Envoyez un autre fichier, ou "
                               "choisissez la date du relevé.")  # fmt: skip


async def test_the_mandataire_sends_the_banks_cfonb_file_the_slow_way(bot, cast, demo_books):
    lines, closing = statement_of(demo_books, extra=[FEES])
    good = cfonb(TODAY, closing, lines, others=(SAVINGS,))
    marie = cast["mandataire"]
    step = await marie.send("/pointage")
    assert "(CSV, OFX ou CFONB)" in flat(step.text)
    cut = good.replace(good.split(b"\r\n")[4], good.split(b"\r\n")[4][:117])  # a record cut short on the way
    step = await marie.send_document(cut, "RELEVE.txt")
    assert flat(step.text) == ("La ligne 5 de ce fichier CFONB n'a pas 120 caractères (117) : le fichier a été coupé "
                               "ou modifié. Téléchargez-le à nouveau.\n\nRien n'a été modifié. Envoyez un autre "
                               "fichier, ou choisissez la date du relevé.")  # fmt: skip
    step = await marie.send_document(good.replace(b"EUR2", b"<b>2", 1), "RELEVE.txt")  # the file's characters, escaped
    assert flat(step.text).startswith("La ligne 1 de ce fichier CFONB n'est pas en euros (<b>).")
    step = await marie.send_document(good, "RELEVE.cfonb")
    assert flat(step.text).startswith("Ce fichier contient les relevés de 2 comptes. Lequel est le compte de la "
                                      "coopérative ?")  # fmt: skip
    assert step.last.buttons == [["Compte •••• 7766"], ["Compte •••• 5678"], ["Annuler"]]
    step = await marie.press("Compte •••• 5678")
    text = flat(step.text)
    assert text.startswith(f"Relevé du {DAY} — coop 974-111 Fichier CFONB · solde {euros(closing)}")
    assert f"{len(lines)} lignes : {len(lines) - 1} avec une écriture, 1 sans écriture." in text
    assert "Au livre mais pas sur le relevé : 1 · CE2B " in text and MUSEUM in text
    step, create = await find_button(marie, step, "➕ ")
    assert create == f"➕ {FEES.day:%d/%m} {euros(FEES.amount)} : créer l'écriture"
    step = await marie.press(create)
    step = await marie.press("Services bancaires")
    assert "0 sans écriture" in flat(step.text)
    assert step.last.buttons[-2] == [f"✅ Pointer {len(lines)} opérations"]  # every line, the fees' entry made
    step = await marie.press(f"✅ Pointer {len(lines)} opérations")
    text = flat(step.text)
    assert text.startswith(f"Pointage enregistré : {len(lines)} opérations pointées sur le relevé du {DAY}.")
    assert "Numéro de compte •••• 5678 enregistré pour la coopérative" in text
    assert "Rapprochement équilibré ✅" in text
    assert statements(demo_books) == [(TODAY, closing)] and demo_books.run(lambda s: coop_of(s).bank_account) == ACCOUNT


# ------------------------------------------------------------------ a file at the typed steps

CARD = "Acompte car classe verte"  # the demo's card payment of 3 days ago


def receipts(db) -> int:
    from store.models import Receipt

    return len(db.run(lambda s: s.exec(select(Receipt)).all()))


def statements(db) -> list[tuple]:
    return db.run(lambda s: [(x.day, x.balance) for x in s.exec(select(Statement)).all()])


async def test_a_file_or_a_photo_at_each_typed_step_is_never_a_receipt(bot, cast, demo_books):
    marie = cast["mandataire"]
    step = await marie.send("/pointage")
    step = await marie.send_photo(b"\xff\xd8\xff\xe0 releve photographie")  # the date's step
    assert flat(step.text) == ("Une photo n'est pas lue ici : tapez la date du relevé (jj/mm/aaaa), ou envoyez le "
                               "fichier de votre banque (CSV, OFX ou CFONB) comme document.")  # fmt: skip
    step = await marie.send(DAY)  # still at the date
    assert step.text.startswith(f"Solde du relevé du {DAY} ?")
    step = await marie.send_photo(b"\xff\xd8\xff\xe0 ticket")  # the balance's step
    assert flat(step.text) == (f"Une photo n'est pas lue ici : tapez le solde du relevé du {DAY} (par exemple "
                               "1\u202f234,56), ou envoyez le fichier de votre banque (CSV, OFX ou CFONB) comme document.")  # fmt: skip
    step = await marie.send_document(b"%PDF-1.4\n\x00\x01\x02 releve", "releve.pdf")
    assert flat(step.text).startswith("Ce fichier n'est pas un relevé lisible")
    assert flat(step.text).endswith(f"Rien n'a été modifié. Tapez le solde du relevé du {DAY}, ou envoyez un autre "
                                    "fichier.")  # fmt: skip
    assert statements(demo_books) == []
    step = await marie.send("1 234,56")  # the date typed before is kept
    assert flat(step.text).startswith(f"Relevé du {DAY} — coop 974-111")
    tick = step.last.buttons[0][0]
    assert tick.startswith("☐ ")
    step = await marie.press(tick)
    for send in (lambda: marie.send_photo(b"\xff\xd8\xff\xe0 ticket"),
                 lambda: marie.send_document(b"Date;Libelle;Montant\n", "releve.csv")):  # fmt: skip
        step = await send()
        text = flat(step.text)
        assert text.startswith("Un relevé est en cours : pointez-le (✅ Terminer) ou annulez-le (/annuler) avant "
                               "d'envoyer un fichier. Ce fichier n'a pas été lu.")  # fmt: skip
        assert f"Relevé du {DAY} — coop 974-111" in text and step.last.buttons[0][0] == "☑" + tick[1:]  # kept ticked
    step = await marie.press("☑" + tick[1:])  # still ticking
    assert step.last.buttons[0][0] == tick
    assert receipts(demo_books) == 0 and statements(demo_books) == [(TODAY, 1_234_56)]


def undated_statement(db):
    """Crédit Mutuel's file of the demo coop, read today: its last line weeks ago, the cheque and the
    card payment written since not on it yet."""
    lines, closing = statement_of(db, leave_out=(MUSEUM, CARD))
    assert lines[-1].day < TODAY - timedelta(days=5)  # the cheque was written after the file's last line
    return lines, closing, credit_mutuel(TODAY, closing, lines)


async def test_crédit_mutuels_file_at_the_balance_step_is_the_statement_of_the_date_typed(bot, cast, demo_books):
    lines, closing, data = undated_statement(demo_books)
    marie = cast["mandataire"]
    await marie.send("/pointage")
    await marie.send(DAY)
    step = await marie.send_document(data, "releve.csv")
    text = flat(step.text)
    assert text.startswith(f"Relevé du {DAY} — coop 974-111 Fichier CSV · solde {euros(closing)}")
    assert "0 sans écriture" in text and "Au livre mais pas sur le relevé : 2" in text and MUSEUM in text
    step = await marie.press(step.last.buttons[-2][0])
    assert f"sur le relevé du {DAY}" in flat(step.text) and "Rapprochement équilibré ✅" in flat(step.text)
    assert statements(demo_books) == [(TODAY, closing)]


async def test_crédit_mutuels_file_for_the_date_asks_the_statements_date(bot, cast, demo_books):
    lines, closing, data = undated_statement(demo_books)
    last = f"{lines[-1].day:%d/%m/%Y}"
    marie = cast["mandataire"]
    await marie.send("/pointage")
    step = await marie.send_document(data, "releve.csv")
    assert flat(step.text) == (f"Ce fichier ne dit pas la date du relevé (sa dernière opération est du {last}). "
                               "Quelle est la date du relevé, celle de son solde ?")  # fmt: skip
    assert step.last.buttons == [["Aujourd'hui"], ["📅 Autre date"], ["Annuler"]]
    step = await marie.send_photo(b"\xff\xd8\xff\xe0 ticket")
    assert flat(step.text).startswith("Une photo n'est pas lue ici : tapez la date du relevé")
    step = await marie.press("📅 Autre date")
    assert step.text.startswith("Tapez la date, jj/mm/aaaa")
    step = await marie.send("le trente")
    assert step.text.startswith("Ce n'est pas une date")
    before = f"{lines[-1].day - timedelta(days=1):%d/%m/%Y}"
    step = await marie.send(before)
    assert flat(step.text).startswith(f"Le relevé ne peut pas être du {before} : le fichier a des opérations "
                                      f"jusqu'au {last}.")  # fmt: skip
    assert step.last.buttons[0] == ["Aujourd'hui"]  # the date asked again
    step = await marie.send(DAY)
    text = flat(step.text)
    assert text.startswith(f"Relevé du {DAY} — coop 974-111 Fichier CSV · solde {euros(closing)}")
    assert "Au livre mais pas sur le relevé : 2" in text and MUSEUM in text and "−40,00\xa0€ Acompte car" in text
    step = await marie.press(step.last.buttons[-2][0])
    assert "Rapprochement équilibré ✅" in flat(step.text) and statements(demo_books) == [(TODAY, closing)]
    assert receipts(demo_books) == 0


async def test_a_dated_file_at_the_balance_step_keeps_its_own_date(bot, cast, demo_books):
    lines, closing = statement_of(demo_books, extra=[FEES])
    yesterday = f"{TODAY - timedelta(days=1):%d/%m/%Y}"
    marie = cast["mandataire"]
    await marie.send("/pointage")
    await marie.send(yesterday)
    step = await marie.send_document(credit_agricole(TODAY, closing, lines), "releve.csv")
    text = flat(step.text)
    assert text.startswith(f"Ce fichier est le relevé du {DAY} (et non du {yesterday}) : c'est sa date qui est "
                           f"retenue.\n\nRelevé du {DAY} — coop 974-111 Fichier CSV")  # fmt: skip
    step = await marie.press(step.last.buttons[-2][0])
    assert f"sur le relevé du {DAY}" in flat(step.text) and statements(demo_books) == [(TODAY, closing)]


async def test_the_sandbox_gives_an_undated_statement_whose_date_is_asked(database, tmp_path):
    from tests.test_sandbox import chat

    statement = tmp_path / "s-releve-974-111-sans-date.csv"
    out = await chat(database, "/pointage", f":doc {statement}", ":1", files=tmp_path / "s")
    assert f"Un relevé sans date, comme le Crédit Mutuel les donne : /pointage, puis :doc {statement}" in out
    answer = " ".join(out.rsplit(f":doc {statement}\n", 1)[1].split())
    assert "Ce fichier ne dit pas la date du relevé" in answer
    assert f"Relevé du {DAY} — coop 974-111 Fichier CSV" in answer  # Aujourd'hui pressed
    assert "Au livre mais pas sur le relevé" in answer and "Entrées au musée" in answer  # the cheque of 5 days ago


async def test_a_file_before_the_coop_is_chosen_is_not_read(bot, cast, demo_books):
    from store.models import Person, Role, RoleKind
    from tests.world import seed_world

    def second_coop(session):  # Marie is also signataire of 974-222: /pointage asks which coop
        seed_world(session)
        marie = session.exec(select(Person).where(Person.telegram_id == MARIE)).one()
        session.add(Role(person_id=marie.id, kind=RoleKind.SIGNATAIRE, coop_id=coop_of(session, "974-222").id))
    demo_books.run(second_coop)
    marie = cast["mandataire"]
    step = await marie.send("/pointage")
    assert step.text == "Rapprochement bancaire : quelle coopérative ?"
    for send in (lambda: marie.send_photo(b"\xff\xd8\xff\xe0 ticket"),
                 lambda: marie.send_document(credit_agricole(TODAY, 1_00, LINES), "releve.csv")):  # fmt: skip
        step = await send()
        assert step.text == "Choisissez d'abord la coopérative avec les boutons. Ce fichier n'a pas été lu."
    step = await marie.press("Coopérative 974-111")  # the buttons still work
    assert "coopérative 974-111" in flat(step.text) and receipts(demo_books) == 0
