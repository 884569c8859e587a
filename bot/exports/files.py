"""The files /export sends: the journal as CSV and XLSX, the cahier de comptabilité as PDF,
the receipts as a ZIP. Files are for French treasurers and their spreadsheets: their headings
are French whatever the language of the chat."""

from __future__ import annotations

import csv
import re
import textwrap
import zipfile
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from io import BytesIO, StringIO
from typing import TYPE_CHECKING

from bot.membership.attestation import FONT, drawable, font_files
from bot.ui.formatting import day_text, years_text
from store.exports import ExportBook, LedgerBook, Line, MandateForm
from store.models import Direction, Treasury
from store.money import format_amount
from store.years import fiscal_year_of

# fpdf and openpyxl are imported by the functions that draw a file: a bot that never sends one starts
# without them (they are a third of its start-up).
if TYPE_CHECKING:
    from fpdf import FPDF
    from openpyxl import Workbook

CSV_HEADER = ("Date", "Pièce", "Cahier", "Libellé", "Sens", "Trésorerie", "Moyen", "N° chèque", "Montant écriture",
              "Compte", "Intitulé du compte", "Montant", "Projet")  # fmt: skip
SENS = {Direction.RECETTE: "Recette", Direction.DEPENSE: "Dépense"}
TRESORERIE = {Treasury.BANQUE: "Banque", Treasury.CAISSE: "Caisse"}
MOYENS = {"especes": "Espèces", "cheque": "Chèque", "carte": "Carte", "virement": "Virement",
          "prelevement": "Prélèvement"}  # fmt: skip
MOVEMENT = "Mouvements internes"
MIME_SUFFIX = {"image/jpeg": ".jpg", "image/png": ".png", "image/webp": ".webp", "application/pdf": ".pdf"}
EURO_FORMAT = '#,##0.00 "€";[Red]-#,##0.00 "€";""'
PDF_ACCOUNTS = 6  # account columns a landscape page holds; more go to « Autres comptes »


def cents(value: int) -> str:
    """1234567 → '12345,67': what French spreadsheets read as a number."""
    return f"{value / 100:.2f}".replace(".", ",")


def euros(value: int) -> Decimal:
    return Decimal(value).scaleb(-2)


def period_text(book: ExportBook) -> str:
    if book.whole_year:
        return f"exercice {years_text(fiscal_year_of(book.first))}"
    return f"du {day_text(book.first)} au {day_text(book.last)}"


def file_stem(kind: str, book: ExportBook) -> str:
    """'journal-CE1A-2026-2027' or 'cahier-974-111-2026-09-01-2026-11-30'."""
    period = years_text(fiscal_year_of(book.first)) if book.whole_year else f"{book.first}-{book.last}"
    return safe_name(f"{kind}-{book.name}-{period}")


def safe_name(text: str) -> str:
    """Letters (any script), digits, - and _; nothing a file system could take for a folder."""
    return re.sub(r"[^\w-]+", "_", text).strip("_") or "cahier"


# ------------------------------------------------------------------ CSV


def journal_csv(book: ExportBook) -> bytes:
    """One line per split (an internal movement, without split, on one line); UTF-8 with BOM, « ; »."""
    out = StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for ledger_book in book.ledgers:
        for line in ledger_book.lines:
            head = [day_text(line.day), line.piece, line.ledger_name, line.label, SENS[line.direction],
                    TRESORERIE[line.treasury], MOYENS.get(line.means, line.means), line.cheque_number or "",
                    cents(line.amount)]  # fmt: skip
            for code, label, amount in line.splits or (("", MOVEMENT, line.amount),):
                writer.writerow(head + [code, label, cents(amount), line.project or ""])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


# ------------------------------------------------------------------ the cahier's table, shared by XLSX and PDF


@dataclass(frozen=True)
class Table:
    """A ledger laid out like Retkoop's cahier: one row per entry, one column per account used."""

    accounts: tuple[tuple[str, str], ...]  # (code, label), charges then produits, by code
    movements: bool  # a column for internal movements
    rows: tuple[tuple, ...]  # date, pièce, libellé, 4 treasury columns, accounts…, [movement], banque, caisse
    totals: tuple[int, ...]  # per money column, the soldes left out

    @property
    def headings(self) -> list[str]:
        return (["Date", "Pièce", "Libellé", "Banque recettes", "Banque dépenses", "Caisse recettes",
                 "Caisse dépenses"] + [f"{code}\n{label}" for code, label in self.accounts]
                + ([MOVEMENT] if self.movements else []) + ["Solde banque", "Solde caisse"])  # fmt: skip


def table_of(ledger: LedgerBook, accounts: tuple[tuple[str, str], ...] | None = None) -> Table:
    """The cahier's table; ``accounts`` to keep the same columns across the coop's ledgers."""
    used = {code: label for line in ledger.lines for code, label, _ in line.splits}
    accounts = accounts if accounts is not None else tuple(sorted(used.items()))
    movements = any(line.movement for line in ledger.lines)
    banque, caisse, rows = ledger.opening_banque, ledger.opening_caisse, []
    for line in ledger.lines:
        treasury = [0, 0, 0, 0]
        treasury[(0 if line.treasury == Treasury.BANQUE else 2) + (0 if line.direction == Direction.RECETTE else 1)] \
            = line.amount  # fmt: skip
        banque += line.signed if line.treasury == Treasury.BANQUE else 0
        caisse += line.signed if line.treasury == Treasury.CAISSE else 0
        parts = {code: 0 for code, _ in accounts}
        for code, _, amount in line.splits:
            parts[code] += amount
        moved = [line.signed if line.movement else 0] if movements else []
        rows.append((line.day, line.piece, line.label, *treasury, *parts.values(), *moved, banque, caisse))
    width = 4 + len(accounts) + int(movements)
    totals = tuple(sum(row[3 + i] for row in rows) for i in range(width))
    return Table(accounts, movements, tuple(rows), totals)


# ------------------------------------------------------------------ XLSX


def journal_xlsx(book: ExportBook, crf_sheet: Callable[[Workbook], None] | None = None) -> bytes:
    """One sheet per ledger, laid out like the cahier, with its report à nouveau and totals; then the
    CRF's sheet if ``crf_sheet`` is given (the whole coop's year)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    workbook.remove(workbook.active)
    thin = Side(style="thin", color="999999")
    for ledger in book.ledgers:
        table = table_of(ledger)
        sheet = workbook.create_sheet(safe_title(ledger.name, workbook.sheetnames))
        sheet["A1"] = f"Cahier de comptabilité {ledger.name} — coopérative {book.affiliation} ({book.school_name})"
        sheet["A1"].font = Font(bold=True, size=13)
        sheet["A2"] = f"{period_text(book).capitalize()} · fichier du {day_text(book.made_on)}"
        headings = table.headings
        sheet.append([])
        sheet.append(headings)
        header_row = 4
        for cell in sheet[header_row]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
            cell.fill = PatternFill("solid", fgColor="DDE6F0")
            cell.border = Border(top=thin, bottom=thin, left=thin, right=thin)
        # tall enough for the longest heading wrapped in its 14-character column (12 points a line)
        sheet.row_dimensions[header_row].height = 12 * max(sum(len(textwrap.wrap(part, 12)) or 1
                                                               for part in h.split("\n")) for h in headings) + 6
        sheet.append(["", "", "Report à nouveau"] + [None] * (len(headings) - 5)
                     + [euros(ledger.opening_banque), euros(ledger.opening_caisse)])  # fmt: skip
        sheet.cell(sheet.max_row, 3).font = Font(italic=True)
        for row in table.rows:
            sheet.append([row[0], row[1], row[2]] + [euros(v) if v else None for v in row[3:-2]]
                         + [euros(row[-2]), euros(row[-1])])  # fmt: skip
            sheet.cell(sheet.max_row, 1).number_format = "DD/MM/YYYY"
        sheet.append(["", "", "Totaux"] + [euros(v) for v in table.totals]
                     + [euros(ledger.banque), euros(ledger.caisse)])  # fmt: skip
        for cell in sheet[sheet.max_row]:
            cell.font = Font(bold=True)
            cell.border = Border(top=Side(style="medium"))
        for row in sheet.iter_rows(min_row=header_row + 1, max_col=len(headings)):
            for cell in row:
                cell.border = Border(top=cell.border.top if cell.border.top.style else thin, bottom=thin, left=thin,
                                     right=thin)  # fmt: skip
                if cell.column > 3:
                    cell.number_format = EURO_FORMAT
        widths = [11, 7, 36] + [14] * (len(headings) - 3)
        for i, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(i)].width = width
        sheet.freeze_panes = sheet.cell(header_row + 1, 4)
        sheet.page_setup.orientation = "landscape"
        sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
        sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        sheet.print_title_rows = f"{header_row}:{header_row}"
    if crf_sheet is not None:
        crf_sheet(workbook)
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()


def safe_title(name: str, taken: list[str]) -> str:
    """A sheet title Excel accepts (31 characters, none of []:*?/\\), different from the others."""
    title = re.sub(r"[\[\]:*?/\\]", "_", name)[:28] or "Cahier"
    candidate, n = title, 2
    while candidate in taken:
        candidate, n = f"{title}-{n}", n + 1
    return candidate


# ------------------------------------------------------------------ PDF


def pdf_document(title: str, footer: str, orientation: str = "landscape") -> FPDF:
    """An A4 page with our font, and ``footer`` with the page number at the foot of each page."""
    from fpdf import FPDF

    pdf = FPDF(orientation=orientation, format="A4")

    def foot() -> None:
        pdf.set_y(-10)
        pdf.set_font(FONT, "", 7)
        pdf.cell(0, 5, drawable(f"{footer} — page {pdf.page_no()}/{{nb}}"), align="R")

    pdf.footer = foot  # fpdf calls it at each page's end
    regular, bold, _ = font_files()
    pdf.add_font(FONT, "", regular)
    pdf.add_font(FONT, "B", bold)
    pdf.set_title(drawable(title))
    pdf.set_margins(10, 10, 10)
    pdf.set_auto_page_break(True, margin=14)
    return pdf


def money_cell(value: int) -> str:
    return format_amount(value).replace("\u202f", " ").replace("\xa0", " ") if value else ""


def cahier_pdf(book: ExportBook) -> bytes:
    """The cahier de comptabilité as Retkoop prints it: a page (or more) per ledger, report à nouveau,
    running balances, totals per column."""
    title = f"Cahier de comptabilité — coopérative {book.affiliation}"
    pdf = pdf_document(title, f"{book.affiliation} · {period_text(book)} · fichier du {day_text(book.made_on)}")
    for ledger in book.ledgers:
        pdf.add_page()
        pdf.set_font(FONT, "B", 13)
        pdf.cell(0, 7, drawable(f"Cahier de comptabilité {ledger.name}"), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(FONT, "", 9)
        pdf.cell(0, 5, drawable(f"Coopérative scolaire {book.affiliation} — {book.school_name}, {book.commune} · "
                                f"OCCE {book.department_code} · {period_text(book)}"), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
        _ledger_table(pdf, narrow_table(table_of(ledger)), ledger, min(book.last, book.made_on))
    return bytes(pdf.output())


def narrow_table(table: Table) -> Table:
    """At most PDF_ACCOUNTS account columns: the others are summed in « Autres comptes »."""
    if len(table.accounts) <= PDF_ACCOUNTS:
        return table
    kept = PDF_ACCOUNTS - 1
    width = len(table.accounts)

    def fold(values: tuple) -> tuple:
        return (*values[:kept], sum(values[kept:width]), *values[width:])

    rows = tuple((*row[:7], *fold(row[7:])) for row in table.rows)
    return Table(table.accounts[:kept] + (("", "Autres comptes"),), table.movements, rows,
                 (*table.totals[:4], *fold(table.totals[4:])))  # fmt: skip


def _ledger_table(pdf: FPDF, table: Table, ledger: LedgerBook, last: date) -> None:
    money_columns = len(table.headings) - 3
    fixed = 17 + 10
    label = min(62, max(40, pdf.epw - fixed - 19 * money_columns))
    money_width = (pdf.epw - fixed - label) / money_columns
    widths = (17, 10, label) + (money_width,) * money_columns
    from fpdf.fonts import FontFace

    grey = FontFace(emphasis="BOLD", fill_color=(221, 230, 240))
    pdf.set_font(FONT, "", 6.5)
    with pdf.table(col_widths=widths, text_align=("CENTER", "LEFT", "LEFT") + ("RIGHT",) * money_columns,
                   headings_style=grey, line_height=3.6, repeat_headings=1, padding=0.8) as out:  # fmt: skip
        head = out.row()
        for heading in table.headings:
            head.cell(drawable(heading), align="CENTER")
        opening = out.row()
        for value in ["", "", "Report à nouveau"] + [""] * (money_columns - 2):
            opening.cell(drawable(value))
        opening.cell(money_cell(ledger.opening_banque) or "0,00 €")
        opening.cell(money_cell(ledger.opening_caisse) or "0,00 €")
        for row in table.rows:
            cells = out.row()
            cells.cell(day_text(row[0]))
            cells.cell(drawable(row[1]))
            cells.cell(drawable(row[2]))
            for value in row[3:-2]:
                cells.cell(money_cell(value))
            cells.cell(money_cell(row[-2]) or "0,00 €")
            cells.cell(money_cell(row[-1]) or "0,00 €")
        bold = FontFace(emphasis="BOLD")
        totals = out.row(style=bold)
        for value in ["", "", "Totaux"]:
            totals.cell(value)
        for value in table.totals:
            totals.cell(money_cell(value) or "0,00 €")
        totals.cell(money_cell(ledger.banque) or "0,00 €")
        totals.cell(money_cell(ledger.caisse) or "0,00 €")
    pdf.ln(3)
    pdf.set_font(FONT, "", 9)
    pdf.cell(0, 5, drawable(f"Solde au {day_text(last)} : banque {money_cell(ledger.banque) or '0,00 €'}, "
                            f"caisse {money_cell(ledger.caisse) or '0,00 €'}, "
                            f"total {money_cell(ledger.banque + ledger.caisse) or '0,00 €'}"))


# ------------------------------------------------------------------ ZIP


def receipt_names(book: ExportBook) -> list[tuple[str, Line, int]]:
    """(file name in the ZIP, its entry, index among the entry's receipts): 'CE1A-R12-2025-10-12.jpg'."""
    names = []
    for ledger in book.ledgers:
        for line in ledger.lines:
            for i, receipt in enumerate(line.receipts):
                extra = f"-{i + 1}" if len(line.receipts) > 1 else ""
                stem = safe_name(f"{line.ledger_name}-{line.piece}-{line.day.isoformat()}{extra}")
                names.append((stem + MIME_SUFFIX.get(receipt.mime_type, ""), line, i))
    return names


async def receipts_zip(book: ExportBook, fetch: Callable[[str], Awaitable[bytes]]) -> tuple[bytes, int]:
    """Every receipt of the period fetched by ``fetch(file_id)``, and an index CSV; the ZIP and how many."""
    out, index = BytesIO(), StringIO()
    writer = csv.writer(index, delimiter=";", lineterminator="\r\n")
    writer.writerow(("Fichier", "Cahier", "Pièce", "Date", "Libellé", "Sens", "Montant"))
    names = receipt_names(book)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, line, i in names:
            archive.writestr(name, await fetch(line.receipts[i].file_id))
            writer.writerow((name, line.ledger_name, line.piece, day_text(line.day), line.label, SENS[line.direction],
                             cents(line.amount)))  # fmt: skip
        archive.writestr("index.csv", ("\ufeff" + index.getvalue()).encode("utf-8"))
    return out.getvalue(), len(names)


# ------------------------------------------------------------------ the change of mandataire, for the bank


def mandate_pdf(form: MandateForm) -> bytes:
    """The change of mandataire / signataires form, prefilled; the bank account is left to write."""
    pdf = pdf_document(f"Changement de mandataire — coopérative {form.affiliation}",
                       f"OCCE {form.department_code} · coopérative {form.affiliation} · fichier du "
                       f"{day_text(form.confirmed_on)}")  # fmt: skip
    pdf.add_page(orientation="portrait")
    pdf.set_font(FONT, "", 11)
    pdf.cell(0, 7, drawable(form.department_name), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "B", 15)
    pdf.cell(0, 9, drawable("Changement de mandataire et de signataires"), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font(FONT, "", 11)
    rows = [
        ("Coopérative scolaire", f"{form.affiliation} — {form.school_name}, {form.commune}"),
        ("Compte bancaire (IBAN)", "FR76 " + "_" * 40),
        ("Mandataire avant le changement", ", ".join(form.former) or "—"),
        (f"Mandataire à partir du {day_text(form.confirmed_on)}", form.successor),
        ("Signataires", ", ".join(form.signataires) or "—"),
        ("Changement validé par l'OCCE le", day_text(form.confirmed_on)),
    ]
    for label, value in rows:
        pdf.set_font(FONT, "B", 11)
        pdf.cell(82, 9, drawable(label), border="B")
        pdf.set_font(FONT, "", 11)
        pdf.multi_cell(0, 9, drawable(value), border="B", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    pdf.multi_cell(0, 6, drawable(
        f"L'OCCE {form.department_code} informe la banque qu'à compter du {day_text(form.confirmed_on)}, "
        f"{form.successor} est mandataire de la coopérative scolaire {form.affiliation} et dispose de la "
        "signature sur son compte ; les pouvoirs des personnes qui ne figurent plus ci-dessus prennent fin."),
        align="L", new_x="LMARGIN", new_y="NEXT")  # fmt: skip
    pdf.ln(10)
    top = pdf.get_y()
    for i, who in enumerate((form.successor, f"Pour l'OCCE {form.department_code}", ", ".join(form.former) or "—")):
        pdf.set_xy(pdf.l_margin + i * 64, top)
        pdf.set_font(FONT, "B", 10)
        pdf.cell(60, 6, drawable(who[:36]), new_x="LEFT", new_y="NEXT")
        pdf.set_font(FONT, "", 8)
        pdf.cell(60, 5, drawable("Date et signature"), new_x="LEFT", new_y="NEXT")
        pdf.rect(pdf.get_x(), pdf.get_y(), 60, 30)
    return bytes(pdf.output())
