"""/inventaire: the coop's inventory register, the expenses on the durable-goods account (68…).

Mandataire, signataire and vérificateur only. The store's register is per coop and refuses
anyone who may not read every ledger of it, teachers included (store.projects.inventory checks
READ_LEDGER on the coop): a teacher asks their mandataire. Current fiscal year by default, or
every year; 15 goods a page and the total value of the whole selection at the end. Like
/projets, its buttons carry everything they show, so it needs no conversation.
"""

from __future__ import annotations

from html import escape

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import ContextTypes

from bot.bookkeeping.projects import close_row, show_pressed
from bot.texts import lang, t
from bot.ui.buttons import ID, Button, Field, button, page_turns
from bot.ui.chat import as_user, settings
from bot.ui.formatting import day_text, money, years_text
from store.projects import InventoryView, inventory_start, inventory_view

PAGE_SIZE = 15  # goods per page of the inventory
ALL_YEARS = "all"
INVENTORY_BUTTON = Button("ivt", ID, Field(r"\d{4}|" + ALL_YEARS), Field(r"\d{1,4}", int))  # coop, year, page
INVENTORY_CLOSE_BUTTON = Button("ivt:close")


def pages_count(view: InventoryView) -> int:
    return max(1, -(-len(view.items) // PAGE_SIZE))


def inventory_text(view: InventoryView, page: int, language: str) -> str:
    affiliation = view.affiliations.get(view.coop_id, "")
    if view.year is None:
        title = t("ivt.title.all", language, affiliation=affiliation)
    else:
        title = t("ivt.title.year", language, years=years_text(view.year), affiliation=affiliation)
    if not view.items:
        empty = t("ivt.empty.all", language) if view.year is None else t(
            "ivt.empty.year", language, years=years_text(view.year))  # fmt: skip
        return f"{title}\n\n{empty}"
    shown = view.items[page * PAGE_SIZE:(page + 1) * PAGE_SIZE]
    lines = [t("ivt.line", language, day=day_text(i.day), label=escape(i.label), value=money(i.value, language),
               ledger=escape(i.ledger_name), piece=escape(i.piece)) for i in shown]  # fmt: skip
    parts = [title, "\n".join(lines)]
    if pages_count(view) > 1:
        parts.append(t("ivt.page", language, page=page + 1, pages=pages_count(view)))
    count = len(view.items)
    parts.append(t("ivt.total.one" if count == 1 else "ivt.total.many", language, count=count,
                   total=money(sum(i.value for i in view.items), language)))  # fmt: skip
    return "\n\n".join(parts)


def inventory_keyboard(view: InventoryView, page: int, language: str) -> InlineKeyboardMarkup:
    """◀️ ▶️, this year or every year, another coop, close."""
    year = ALL_YEARS if view.year is None else view.year
    rows = page_turns(page, page < pages_count(view) - 1, language,
                      lambda turned: INVENTORY_BUTTON.data(view.coop_id, year, turned))  # fmt: skip
    for other in view.open_years or (view.current_year,):
        if other != view.year:
            rows.append([button(t("ivt.button.year", language, years=years_text(other)),
                                INVENTORY_BUTTON.data(view.coop_id, other, 0))])  # fmt: skip
    if view.year is not None:
        rows.append([button(t("ivt.button.all", language), INVENTORY_BUTTON.data(view.coop_id, ALL_YEARS, 0))])
    for coop_id, affiliation in view.affiliations.items():
        if coop_id != view.coop_id:
            rows.append([button(t("ivt.button.coop", language, affiliation=affiliation), INVENTORY_BUTTON.data(coop_id, year, 0))])
    rows.append(close_row(language, INVENTORY_CLOSE_BUTTON))
    return InlineKeyboardMarkup(rows)


async def inventory(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/inventaire: the current year's durable goods of the person's (first) coop."""
    language = lang(update)
    view = await as_user(update, context, inventory_start, settings(context).timezone)
    await update.effective_message.reply_text(inventory_text(view, 0, language),
                                              reply_markup=inventory_keyboard(view, 0, language))  # fmt: skip


async def show_inventory(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """◀️ ▶️, Toutes les années, Exercice…, Coopérative…: the same message, for that selection."""
    language = lang(update)
    coop, year, page = INVENTORY_BUTTON.read(update)

    def render(view: InventoryView) -> tuple[str, InlineKeyboardMarkup]:
        shown = min(page, pages_count(view) - 1)  # a page past the end (goods cancelled since): the last one
        return inventory_text(view, shown, language), inventory_keyboard(view, shown, language)

    await show_pressed(update, context, render, inventory_view, coop, None if year == ALL_YEARS else int(year),
                       settings(context).timezone)  # fmt: skip
