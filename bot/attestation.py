"""The membership certificate (attestation d'adhésion), as a one-page PDF."""

from __future__ import annotations

from io import BytesIO

from fpdf import FPDF

from bot.common import day_text, years_text
from store.adhesion import AdhesionView
from store.money import format_amount


def _latin(text: str) -> str:
    """The PDF core fonts speak Windows-1252: narrow no-break spaces become plain ones."""
    return text.replace("\u202f", " ").replace("\xa0", " ")


def attestation_pdf(table: AdhesionView) -> BytesIO:
    """What the AD validated: the coop, the year, the classes and members, the fee."""
    pdf = FPDF(format="A4")
    pdf.core_fonts_encoding = "windows-1252"
    pdf.set_title(f"Attestation d'adhésion {table.affiliation} {years_text(table.year)}")
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.cell(0, 10, _latin(f"OCCE {table.department_code} — Attestation d'adhésion"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 12)
    pdf.ln(4)
    pdf.multi_cell(0, 7, _latin(
        f"La coopérative scolaire {table.affiliation} ({table.school_name}) est adhérente de l'OCCE "
        f"{table.department_code} pour l'année scolaire {years_text(table.year)}. Adhésion validée par "
        f"l'OCCE le {day_text(table.validated_at)}."
    ))  # fmt: skip
    pdf.ln(4)
    pdf.set_font("Helvetica", "B", 11)
    for label, width in (("Classe", 60), ("Enseignants", 30), ("Élèves", 30), ("Autres adultes", 35), ("Total", 25)):
        pdf.cell(width, 8, _latin(label), border=1)
    pdf.ln()
    pdf.set_font("Helvetica", "", 11)
    for row in table.rows:
        cells = (row.class_name, len(row.teachers), row.pupils, row.other_adults, row.total)
        for value, width in zip(cells, (60, 30, 30, 35, 25), strict=True):
            pdf.cell(width, 8, _latin(str(value))[:30], border=1)
        pdf.ln()
    pdf.set_font("Helvetica", "B", 11)
    for value, width in zip(("Total", table.teachers, table.pupils, table.other_adults, table.members),
                            (60, 30, 30, 35, 25), strict=True):  # fmt: skip
        pdf.cell(width, 8, _latin(str(value)), border=1)
    pdf.ln(12)
    pdf.set_font("Helvetica", "", 12)
    pdf.cell(0, 8, _latin(f"Cotisation et assurance : {format_amount(table.fee_cents)}"), new_x="LMARGIN", new_y="NEXT")
    return BytesIO(bytes(pdf.output()))
