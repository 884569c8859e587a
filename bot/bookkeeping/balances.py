"""/solde: banque, caisse and total of each ledger one may read, cheques not cashed or not deposited, the whole coop
for those who read it; a button for last year while it is open."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import ContextTypes

from bot.exports.picture import CHART_BUTTON
from bot.texts import lang, t
from bot.ui.buttons import YEAR, Button, button
from bot.ui.chat import as_user
from bot.ui.formatting import balance_lines, day_text, money, narrow, signed_money
from store import balances as store_balances
from store.years import fiscal_year_of

YEAR_BUTTON = Button("sld:y", YEAR)  # the other open year


async def balances_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/solde: every ledger this person may read; managers also get their whole coop."""
    overview = await as_user(update, context, store_balances.balances_overview)
    if overview is None:
        await update.effective_message.reply_text(t("books.no_ledger", lang(update)))
        return
    text, keyboard = balances_text(overview, lang(update))
    await update.effective_message.reply_text(text, reply_markup=keyboard)


async def balances_of_year(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """2025-2026 under /solde: that open year's balances (last year, until it is closed)."""
    query = update.callback_query
    year = YEAR_BUTTON.read(update)
    overview = await as_user(update, context, store_balances.balances_overview, year)
    if overview is None or year not in overview.open_years:
        await query.answer(t("solde.not_open", lang(update), years=f"{year}-{year + 1}"), show_alert=True)
        return
    await query.answer()
    text, keyboard = balances_text(overview, lang(update))
    await query.edit_message_text(text, reply_markup=keyboard)


def balances_text(overview: store_balances.BalancesOverview, language: str) -> tuple[str, InlineKeyboardMarkup | None]:
    """Two short lines per ledger (total; banque · caisse), cheques not cashed, each coop's total;
    a button for the other open year."""
    year, today = overview.year, overview.today
    title = "solde.title" if year == fiscal_year_of(today) else "solde.title_past"
    lines = [t(title, language, day=day_text(today), years=f"{year}-{year + 1}")]
    if not overview.ledgers:  # a year before their books start
        lines += ["", t("solde.no_books", language)]
    for _, balances in overview.ledgers:
        lines += ["", "📒 " + balance_lines(balances, language)]
        if balances.uncashed_count:
            lines.append(t("solde.cheques", language, count=balances.uncashed_count,
                           amount=money(balances.uncashed_cheques, language)))  # fmt: skip
        if balances.undeposited_count:
            lines.append(t("solde.to_deposit", language, count=balances.undeposited_count,
                           amount=money(balances.undeposited_cheques, language)))  # fmt: skip
    for ref, coop in overview.coops:
        lines.append("")
        lines.append(t("solde.coop", language, affiliation=ref.affiliation, total=signed_money(coop.total, language),
                       banque=signed_money(coop.banque, language), caisse=money(coop.caisse, language)))  # fmt: skip
    others = [y for y in overview.open_years if y != year]
    rows = [[button(f"{y}-{y + 1}", YEAR_BUTTON.data(y)) for y in others]] if others else []
    rows += [[button(t("solde.chart", language, affiliation=ref.affiliation), CHART_BUTTON.data(ref.coop_id, year))]
             for ref, _ in overview.coops]  # fmt: skip
    return narrow("\n".join(lines)), InlineKeyboardMarkup(rows) if rows else None
