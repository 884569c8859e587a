"""The membership certificate (attestation d'adhésion), as a one-page PDF."""

from __future__ import annotations

import importlib.util
from functools import cache
from io import BytesIO
from pathlib import Path

from bot.texts import t
from bot.ui.formatting import day_text, years_text
from store.adhesion import AdhesionView
from store.money import format_amount

FONT = "DejaVu"
MISSING = "\u25a1"  # □ stands for what the font cannot draw (emoji, Chinese…)
COLUMNS = ("class", "teachers", "pupils", "adults", "total")
WIDTHS = (60, 30, 30, 35, 25)  # millimetres, the page's width


@cache
def font_files() -> tuple[Path, Path, frozenset[int]]:
    """DejaVu Sans as matplotlib ships it (found without importing matplotlib and numpy):
    the regular and bold files, and the characters both can draw."""
    from fontTools.ttLib import TTFont  # here, like fpdf below: the bot starts without them

    package = Path(importlib.util.find_spec("matplotlib").submodule_search_locations[0])
    folder = package / "mpl-data" / "fonts" / "ttf"
    regular, bold = folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"
    drawable = frozenset(TTFont(regular).getBestCmap()) & frozenset(TTFont(bold).getBestCmap())
    return regular, bold, drawable


def drawable(text: str) -> str:
    """Every character the font lacks becomes □: a class named « CE1 🌟 » still gets its attestation."""
    known = font_files()[2]
    return "".join(c if ord(c) in known else " " if c.isspace() else MISSING for c in text)


def attestation_pdf(table: AdhesionView) -> BytesIO:
    """What the AD validated: the coop, the year, the classes and members, the fee."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    regular, bold, _ = font_files()
    pdf.add_font(FONT, "", regular)
    pdf.add_font(FONT, "B", bold)
    pdf.set_title(t("att.title", affiliation=table.affiliation, years=years_text(table.year)))
    pdf.add_page()
    pdf.set_font(FONT, "B", 16)
    pdf.cell(0, 10, drawable(t("att.heading", department=table.department_code)), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 12)
    pdf.ln(4)
    pdf.multi_cell(0, 7, drawable(t("att.body", affiliation=table.affiliation, school=table.school_name,
                                     department=table.department_code, years=years_text(table.year),
                                     day=day_text(table.validated_at))))  # fmt: skip
    pdf.ln(4)
    pdf.set_font(FONT, "B", 11)
    for column, width in zip(COLUMNS, WIDTHS, strict=True):
        pdf.cell(width, 8, drawable(t(f"att.column.{column}")), border=1)
    pdf.ln()
    pdf.set_font(FONT, "", 11)
    for row in table.rows:
        cells = (row.class_name, len(row.teachers), row.pupils, row.other_adults, row.total)
        for value, width in zip(cells, WIDTHS, strict=True):
            pdf.cell(width, 8, drawable(str(value))[:30], border=1)
        pdf.ln()
    pdf.set_font(FONT, "B", 11)
    for value, width in zip((t("att.column.total"), table.teachers, table.pupils, table.other_adults, table.members),
                            WIDTHS, strict=True):  # fmt: skip
        pdf.cell(width, 8, drawable(str(value)), border=1)
    pdf.ln(12)
    pdf.set_font(FONT, "", 12)
    pdf.cell(0, 8, drawable(t("att.fee", fee=format_amount(table.fee_cents))), new_x="LMARGIN", new_y="NEXT")
    return BytesIO(bytes(pdf.output()))
