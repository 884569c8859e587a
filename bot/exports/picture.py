"""📈 under /solde: the picture of a coop's year, as a PNG."""

from __future__ import annotations

from telegram import InputFile, Update
from telegram.ext import ContextTypes

from bot.exports.chart import year_png
from bot.texts import lang, t
from bot.ui.buttons import ID, YEAR, Button
from bot.ui.chat import as_user
from bot.ui.formatting import years_text
from store import exports

CHART_BUTTON = Button("sld:chart", ID, YEAR)  # a coop, a year


async def send_chart(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """📈 Graphique: receipts and expenses per month, the balance line, the charges by account."""
    query, language = update.callback_query, lang(update)
    coop_id, year = CHART_BUTTON.read(update)
    picture = await as_user(update, context, exports.year_picture, coop_id, year)
    await query.answer()
    png = year_png(picture, language)
    name = f"graphique-{picture.affiliation}-{years_text(picture.year)}.png"
    await update.effective_message.reply_photo(
        InputFile(png, filename=name),
        caption=t("solde.chart_caption", language, affiliation=picture.affiliation, years=years_text(picture.year)))
