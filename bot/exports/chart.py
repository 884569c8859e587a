"""A picture of the year (PNG): receipts and expenses per month with the balance line, and the
split of charges by account. Drawn by matplotlib without a display."""

from __future__ import annotations

from io import BytesIO
from textwrap import fill

from babel.dates import format_date

from bot.membership.attestation import drawable
from bot.ui.formatting import years_text
from store.exports import YearPicture

SIZE = (12, 6)  # inches, at DPI: 1200 × 600 pixels
DPI = 100
SHOWN_ACCOUNTS = 6  # the largest charges; the others together
COLOURS = {"receipts": "#4c9a5f", "expenses": "#c8553d", "balance": "#1f4e79"}


def euros_axis(value: float, _position: int) -> str:
    return f"{value:,.0f} €".replace(",", "\u202f")


def year_png(picture: YearPicture, language: str) -> bytes:
    """The chart, captions in French (or English); amounts in euros."""
    # matplotlib (and numpy) on the first chart: the bot starts without them. A bare Figure draws with
    # Agg and needs no display.
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter

    fr = language == "fr"
    locale = "fr_FR" if fr else "en_GB"
    figure = Figure(figsize=SIZE, dpi=DPI, layout="constrained")
    months, bars = figure.subplots(1, 2, width_ratios=(3, 2))
    labels = [format_date(m, "MMM", locale=locale).rstrip(".") for m in picture.months]
    positions = range(len(labels))
    months.bar([p - 0.2 for p in positions], [c / 100 for c in picture.receipts], width=0.4,
               color=COLOURS["receipts"], label="Recettes" if fr else "Receipts")  # fmt: skip
    months.bar([p + 0.2 for p in positions], [c / 100 for c in picture.expenses], width=0.4,
               color=COLOURS["expenses"], label="Dépenses" if fr else "Expenses")  # fmt: skip
    months.plot(range(len(picture.balances)), [c / 100 for c in picture.balances], color=COLOURS["balance"],
                marker="o", linewidth=2, label="Solde (banque + caisse)" if fr else "Balance (bank + cash)")  # fmt: skip
    months.set_xticks(list(positions), labels)
    months.yaxis.set_major_formatter(FuncFormatter(euros_axis))
    months.grid(axis="y", alpha=0.3)
    months.legend(loc="upper center", bbox_to_anchor=(0.5, -0.08), ncol=3, fontsize=9, frameon=False)
    title = "Coopérative {a} — exercice {y}" if fr else "Cooperative {a} — year {y}"
    months.set_title(title.format(a=picture.affiliation, y=years_text(picture.year)))
    shown = list(picture.charges[:SHOWN_ACCOUNTS])
    if len(picture.charges) > SHOWN_ACCOUNTS:
        shown.append(("Autres comptes" if fr else "Other accounts", sum(c for _, c in picture.charges[SHOWN_ACCOUNTS:])))
    names = [drawable(fill(label, 26, max_lines=3, placeholder="…")) for label, _ in reversed(shown)]
    bars.barh(names, [c / 100 for _, c in reversed(shown)], color=COLOURS["expenses"])
    bars.xaxis.set_major_formatter(FuncFormatter(euros_axis))
    bars.set_title("Dépenses par compte" if fr else "Expenses by account")
    bars.tick_params(axis="y", labelsize=8)
    if not shown:
        bars.text(0.5, 0.5, "Aucune dépense" if fr else "No expense", ha="center", transform=bars.transAxes)
        bars.set_yticks([])
    out = BytesIO()
    figure.savefig(out, format="png", dpi=DPI)
    return out.getvalue()

