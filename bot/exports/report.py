"""The compte rendu financier and d'activités as files: a portrait A4 PDF laid out like OCCE's form,
and a « CRF » sheet for the coop's XLSX. French, like every file /export makes."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from bot.exports.files import euros, money_cell, pdf_document
from bot.membership.attestation import FONT, drawable
from bot.texts import t
from bot.ui.formatting import day_text, years_text
from store.accounts import AccountClass
from store.crf import YearReport
from store.reports import ReportView

if TYPE_CHECKING:  # imported where a file is drawn (see bot/exports/files.py)
    from fpdf import FPDF
    from openpyxl.workbook import Workbook

GREY = (221, 230, 240)


def amount(value: int) -> str:
    return money_cell(value) or "0,00 €"


def crf_pdf(view: ReportView, made_on: date) -> bytes:
    """The CRF and the CRA of ``view``'s year, section by section, with the quitus and the report's state."""
    r, years = view.figures, years_text(view.year)
    pdf = pdf_document(f"Compte rendu financier {years} — coopérative {view.affiliation}",
                       f"Coopérative {view.affiliation} · compte rendu {years} · fichier du {day_text(made_on)}",
                       "portrait")
    pdf.add_page()
    pdf.set_font(FONT, "B", 15)
    pdf.cell(0, 8, drawable(f"Compte rendu financier et d'activités — exercice {years}"), new_x="LMARGIN",
             new_y="NEXT")  # fmt: skip
    pdf.set_font(FONT, "", 10)
    pdf.cell(0, 6, drawable(f"Coopérative scolaire {view.affiliation} — {view.school_name}"), new_x="LMARGIN",
             new_y="NEXT")  # fmt: skip
    pdf.cell(0, 6, drawable(f"Du {day_text(date(view.year, 9, 1))} au {day_text(date(view.year + 1, 8, 31))} · "
                            f"état : {t(f'crf.state.{view.state}', 'fr')} · à rendre au plus tard le "
                            f"{day_text(view.deadline)}"), new_x="LMARGIN", new_y="NEXT")  # fmt: skip
    _fonctionnement(pdf, r)
    _bilan(pdf, r)
    _rapprochement(pdf, r)
    _caisse(pdf, r)
    _subventions(pdf, r)
    _inventaire(pdf, r)
    _cra(pdf, view)
    _quitus(pdf, view)
    return bytes(pdf.output())


def heading(pdf: FPDF, text: str) -> None:
    if pdf.get_y() > pdf.h - 50:
        pdf.add_page()
    pdf.ln(3)
    pdf.set_font(FONT, "B", 11)
    pdf.set_fill_color(*GREY)
    pdf.cell(0, 7, drawable(text), fill=True, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 9)


def rows(pdf: FPDF, items: list[tuple[str, str]], bold_last: bool = False, widths: tuple[int, int] = (140, 50)) -> None:
    """Label and amount lines, the amount right-aligned; the last one in bold (a total)."""
    for i, (label, value) in enumerate(items):
        bold = bold_last and i == len(items) - 1
        pdf.set_font(FONT, "B" if bold else "", 9)
        pdf.cell(widths[0], 5.5, drawable(label), border="B")
        pdf.cell(widths[1], 5.5, drawable(value), border="B", align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 9)


def _fonctionnement(pdf: FPDF, r: YearReport) -> None:
    """Charges and produits side by side, as on the form; long labels wrap."""
    f = r.fonctionnement
    heading(pdf, "1. Comptes de fonctionnement")

    def column(side: AccountClass) -> list[tuple[str, str]]:
        sign = 1 if side == AccountClass.CHARGE else -1
        return [(line.label, amount(sign * (line.charges - line.produits))) for line in f.lines if line.side == side]

    charges, produits = column(AccountClass.CHARGE), column(AccountClass.PRODUIT)
    blank = ("", "")
    from fpdf.fonts import FontFace

    pdf.set_font(FONT, "", 8.5)
    bold = FontFace(emphasis="BOLD")
    with pdf.table(col_widths=(70, 25, 70, 25), text_align=("LEFT", "RIGHT", "LEFT", "RIGHT"), line_height=4.6,
                   headings_style=FontFace(emphasis="BOLD", fill_color=(240, 243, 247)), padding=(0.6, 1)) as out:  # fmt: skip
        out.row(["Charges (dépenses)", "", "Produits (recettes)", ""])
        for i in range(max(len(charges), len(produits))):
            left = charges[i] if i < len(charges) else blank
            right = produits[i] if i < len(produits) else blank
            out.row([drawable(left[0]), left[1], drawable(right[0]), right[1]])
        out.row(["Total des charges", amount(f.charges), "Total des produits", amount(f.produits)], style=bold)
    word = "excédent" if f.resultat >= 0 else "déficit"
    rows(pdf, [(f"Résultat de l'exercice (produits − charges) : {word}", amount(f.resultat))], True)


def _bilan(pdf: FPDF, r: YearReport) -> None:
    b = r.bilan
    heading(pdf, f"2. Bilan au {day_text(date(r.year + 1, 8, 31))}")
    rows(pdf, [("Actif : compte courant (banque)", amount(b.banque)), ("Actif : caisse", amount(b.caisse)),
               ("Total de l'actif", amount(b.actif))], True)  # fmt: skip
    rows(pdf, [("Passif : report à nouveau au 1er septembre", amount(b.report_a_nouveau)),
               ("Passif : résultat de l'exercice", amount(b.resultat)), ("Total du passif", amount(b.passif))],
         True)  # fmt: skip
    pdf.set_font(FONT, "", 9)
    pdf.cell(0, 6, drawable("Actif et passif sont égaux." if b.balanced
                            else f"Écart entre actif et passif : {amount(b.difference)}"), new_x="LMARGIN",
             new_y="NEXT")  # fmt: skip


def _rapprochement(pdf: FPDF, r: YearReport) -> None:
    x = r.rapprochement
    heading(pdf, "3. Rapprochement bancaire")
    statement = (f"Solde du relevé bancaire au {day_text(x.statement_day)}" if x.statement_day
                 else "Solde du relevé bancaire au 31/08 (aucun relevé enregistré)")  # fmt: skip
    items = [(statement, amount(x.statement_balance) if x.statement_balance is not None else "—")]
    items += [(f"− {e.label[:60]} ({day_text(e.day)}" + (f", chèque n° {e.cheque_number})" if e.cheque_number else ")"),
               amount(e.amount)) for e in x.uncashed]  # fmt: skip
    items += [(f"+ {e.label[:60]} ({day_text(e.day)}, non encore crédité)", amount(e.amount)) for e in x.uncredited]
    items.append(("Solde du compte courant dans les cahiers", amount(x.book_banque)))
    rows(pdf, items, True)
    if x.difference:
        pdf.cell(0, 6, drawable(f"Écart à expliquer : {amount(x.difference)}"), new_x="LMARGIN", new_y="NEXT")


def _caisse(pdf: FPDF, r: YearReport) -> None:
    heading(pdf, "4. Arrêté de caisse")
    items = [(f"{line.ledger_name} : " + (f"compté le {day_text(line.count_day)}, {amount(line.counted)}"
                                          if line.count_day else "pas d'arrêté de caisse") + " · solde des cahiers",
              amount(line.book)) for line in r.caisse.lines]  # fmt: skip
    rows(pdf, items + [("Total de la caisse", amount(r.caisse.book))], True)


def _subventions(pdf: FPDF, r: YearReport) -> None:
    heading(pdf, "5. Tableau des subventions")
    items = [(f"{s.giver or 'Donateur non précisé'} — {s.label[:50]} ({day_text(s.day)}, {s.ledger_name})",
              amount(s.amount)) for s in r.subventions]  # fmt: skip
    rows(pdf, items + [("Total des subventions", amount(r.subventions_total))], True)


def _inventaire(pdf: FPDF, r: YearReport) -> None:
    heading(pdf, "6. Inventaire des biens durables acquis")
    items = [(f"{i.label[:60]} ({day_text(i.day)}, {i.ledger_name} pièce {i.piece})", amount(i.value))
             for i in r.inventaire]  # fmt: skip
    rows(pdf, items + [("Total de l'inventaire", amount(r.inventaire_total))], True)


def _cra(pdf: FPDF, view: ReportView) -> None:
    heading(pdf, "7. Compte rendu d'activités")
    councils = "non renseigné" if view.councils is None else str(view.councils)
    pdf.multi_cell(0, 5.5, drawable(f"Conseils de coopérative tenus : {councils}"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "B", 9)
    pdf.cell(0, 6, drawable("Projets et actions coopératives"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 9)
    for project in view.projects or ():
        pdf.multi_cell(0, 5, drawable(f"• {project.title}" + (f" ({project.classes})" if project.classes else "")
                                      + (f" : {project.description}" if project.description else "")),
                       new_x="LMARGIN", new_y="NEXT")  # fmt: skip
    if not view.projects:
        pdf.cell(0, 5, drawable("Aucun projet indiqué."), new_x="LMARGIN", new_y="NEXT")
    for title, text in (("Actions de l'OCCE utilisées", view.occe_actions), ("Commentaires", view.comments)):
        pdf.set_font(FONT, "B", 9)
        pdf.cell(0, 6, drawable(title), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(FONT, "", 9)
        pdf.multi_cell(0, 5, drawable(text or "—"), new_x="LMARGIN", new_y="NEXT")


def _quitus(pdf: FPDF, view: ReportView) -> None:
    heading(pdf, "8. Quitus des vérificateurs aux comptes")
    for q in view.quitus:
        pdf.multi_cell(0, 5.5, drawable(f"{q.name}{' (parent d’élève)' if q.parent else ''} a donné quitus le "
                                        f"{day_text(q.day)}."), new_x="LMARGIN", new_y="NEXT")  # fmt: skip
    if not view.quitus:
        names = ", ".join(view.verificateurs) or "aucun vérificateur désigné"
        pdf.multi_cell(0, 5.5, drawable(f"Quitus pas encore donné (vérificateurs : {names})."), new_x="LMARGIN",
                       new_y="NEXT")  # fmt: skip
    signatures(pdf, ["Le mandataire", *(q.name for q in view.quitus)])


def signatures(pdf: FPDF, names: list[str]) -> None:
    """A box to sign for the mandataire and each vérificateur: the paper copy kept at the school."""
    if pdf.get_y() > pdf.h - 55:
        pdf.add_page()
    pdf.ln(4)
    names = (names + ["Vérificateur aux comptes"] * 2)[:3]
    top, width = pdf.get_y(), (pdf.epw - 8) / 3
    for i, name in enumerate(names):
        pdf.set_xy(pdf.l_margin + i * (width + 4), top)
        pdf.set_font(FONT, "B", 9)
        pdf.cell(width, 5, drawable(name[:40]), new_x="LEFT", new_y="NEXT")
        pdf.set_font(FONT, "", 8)
        pdf.cell(width, 5, drawable("Date et signature"), new_x="LEFT", new_y="NEXT")
        pdf.rect(pdf.get_x(), pdf.get_y(), width, 25)


def crf_sheet(workbook: Workbook, r: YearReport) -> None:
    """A « CRF » sheet: the year's sections as a table, its amounts as numbers."""
    from openpyxl.styles import Font

    sheet = workbook.create_sheet("CRF")
    sheet["A1"] = f"Compte rendu financier {years_text(r.year)} — coopérative {r.affiliation}"
    sheet["A1"].font = Font(bold=True, size=13)
    f, b, x = r.fonctionnement, r.bilan, r.rapprochement
    lines: list[tuple[str, int | None, bool]] = [("Comptes de fonctionnement", None, True)]
    for side, word, total in ((AccountClass.CHARGE, "charges", f.charges), (AccountClass.PRODUIT, "produits", f.produits)):
        for line in f.lines:
            if line.side == side:
                value = line.charges - line.produits if side == AccountClass.CHARGE else line.produits - line.charges
                lines.append((line.label, value, False))
        lines.append((f"Total des {word}", total, True))
    lines += [("Résultat", f.resultat, True), ("Bilan", None, True), ("Banque", b.banque, False),
              ("Caisse", b.caisse, False), ("Total de l'actif", b.actif, True),
              ("Report à nouveau", b.report_a_nouveau, False), ("Résultat", b.resultat, False),
              ("Total du passif", b.passif, True), ("Rapprochement bancaire", None, True),
              ("Solde du relevé", x.statement_balance, False), ("Chèques et dépenses non débités", x.uncashed_total, False),
              ("Recettes non créditées", x.uncredited_total, False), ("Solde du compte courant", x.book_banque, True),
              ("Arrêté de caisse", None, True)]  # fmt: skip
    lines += [(f"Caisse {c.ledger_name}", c.book, False) for c in r.caisse.lines]
    lines += [("Total de la caisse", r.caisse.book, True), ("Subventions", None, True)]
    lines += [(f"{s.giver or 'Donateur non précisé'} — {s.label}", s.amount, False) for s in r.subventions]
    lines += [("Total des subventions", r.subventions_total, True), ("Inventaire", None, True)]
    lines += [(f"{i.label} ({day_text(i.day)})", i.value, False) for i in r.inventaire]
    lines += [("Total de l'inventaire", r.inventaire_total, True)]
    sheet.append([])
    for label, value, bold in lines:
        sheet.append([label, euros(value) if value is not None else None])
        sheet.cell(sheet.max_row, 1).font = Font(bold=bold)
        sheet.cell(sheet.max_row, 2).font = Font(bold=bold)
        sheet.cell(sheet.max_row, 2).number_format = '#,##0.00 "€";-#,##0.00 "€"'
    sheet.column_dimensions["A"].width = 60
    sheet.column_dimensions["B"].width = 16
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0  # one page wide: amounts beside labels
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
