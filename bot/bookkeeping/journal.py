"""/journal: a ledger's entries page by page, each opened to see its receipts and history, or to cancel it
(editing it: entry_edit.py).

Everyone who may read a ledger reads its journal; the ✏️ and 🗑 buttons are only shown to
those who may write in it (not to vérificateurs), and the store refuses the others anyway.
The journal shows the current fiscal year of the ledger, latest entries first, optionally
one month of it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import asdict
from html import escape
from typing import Any

from babel.dates import get_month_names
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import ContextTypes, ConversationHandler

from bot.ui.formatting import (
    TEXT_BUDGET, WIDTH, balance_line, clip, day_text, fit, ledger_label, money, narrow, plus_money, refusal,
    report_warning, signed_money, years_text,
)
from bot.ui.steps import ledgers_keyboard, today_for
from bot.bookkeeping.history import trail_line
from bot.bookkeeping.receipts import remember_message
from bot.ui.buttons import ID, YEAR, Button, button, page_turns, Field
from bot.ui.chat import as_user, close_view, show
from bot.texts import lang, plural, t
from store import book_years
from store import entries as store_entries
from store import journal as store_journal
from store.balances import Balances
from store.books import EntryView
from store.lookups import LedgerRef
from store.models import Means, Treasury
from store.money import AmountError, parse_amount
from store.text import plain

# Conversation states
LEDGER, PAGE, MONTHS, ENTRY, CONFIRM, SEARCH = (
    "jnl.ledger", "jnl.page", "jnl.months", "jnl.entry", "jnl.confirm", "jnl.search",
)  # fmt: skip
SEARCH_MAX = 40  # characters of a word searched

KEY = "journal"  # this conversation's corner of user_data
LEDGER_BUTTON, COOP_BUTTON, CANCEL_BUTTON = Button("jnl:l", ID), Button("jnl:c", ID), Button("jnl:l:cancel")
PAGE_BUTTON, MONTHS_BUTTON, MONTH_BUTTON = Button("jnl:p", ID), Button("jnl:m"), Button("jnl:mo", Field(r"\d{1,2}", int))
SEARCH_BUTTON, CLEAR_SEARCH_BUTTON, LEDGERS_BUTTON = Button("jnl:s"), Button("jnl:sx"), Button("jnl:ledgers")
YEAR_BUTTON, BACK_BUTTON, CLOSE_BUTTON = Button("jnl:y", YEAR), Button("jnl:back"), Button("jnl:close")
OPEN_BUTTON, RECEIPTS_BUTTON, FIELDS_BUTTON = Button("jnl:e", ID), Button("jnl:r", ID), Button("jnl:ed", ID)
CANCEL_ENTRY_BUTTON, CONFIRM_CANCEL_BUTTON, HISTORY_BUTTON = Button("jnl:x", ID), Button("jnl:xok", ID), Button("jnl:h", ID)
PAGE_SIZE = 8  # entries per page of the journal
RECEIPTS_SENT = 10  # at most, per press of 📎
SCHOOL_MONTHS = (9, 10, 11, 12, 1, 2, 3, 4, 5, 6, 7, 8)


def month_name(month: int, year: int, language: str) -> str:
    """'novembre 2026' for month 11 of the fiscal year 2026 (January is 2027's)."""
    names = get_month_names("wide", locale="fr_FR" if language == "fr" else "en_GB")
    return f"{names[month]} {year if month >= 9 else year + 1}"


# ------------------------------------------------------------------ opening and choosing a ledger


async def begin(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str | int:
    """/journal: the only ledger's journal at once, or a ledger to choose."""
    language = lang(update)
    start = await as_user(update, context, store_journal.journal_start, limit=PAGE_SIZE)
    if not start.refs:
        await update.effective_message.reply_text(t("jnl.no_ledger", language))
        return ConversationHandler.END
    context.user_data[KEY] = {"writable": list(start.writable), "several": start.page is None}
    if start.page is not None:  # one ledger, no coop to read whole: its first page at once
        context.user_data[KEY].update(ledger=asdict(start.refs[0]), year=start.year, page=0, month=None, coop=False,
                                      search=None)  # fmt: skip
        return await show_fetched(update, context, start.page, start.open_years)
    await update.effective_message.reply_text(t("jnl.pick_ledger", language),
                                              reply_markup=whole_coop_keyboard(start.refs, start.coops, language))
    return LEDGER


def whole_coop_keyboard(refs: Sequence[LedgerRef], coops: Sequence[LedgerRef], language: str) -> InlineKeyboardMarkup:
    """A button per ledger, and one per coop read whole for its journal (all ledgers)."""
    keyboard = ledgers_keyboard(list(refs), LEDGER_BUTTON, CANCEL_BUTTON, language).inline_keyboard
    whole = [[button(t("jnl.button.coop", language, affiliation=r.affiliation), COOP_BUTTON.data(r.coop_id))]
             for r in coops]  # fmt: skip
    return InlineKeyboardMarkup([list(row) for row in keyboard[:-1]] + whole + [list(keyboard[-1])])


async def chose_coop(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """🏫 Toute la coopérative: every ledger's entries in one journal."""
    opened = await as_user(update, context, store_journal.journal_open, coop_id=COOP_BUTTON.read(update),
                           limit=PAGE_SIZE)  # fmt: skip
    await update.callback_query.answer()
    return await open_ledger(update, context, opened, coop_wide=True)


async def ask_ledger(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """📒 Autre cahier: the choice again."""
    choice = await as_user(update, context, store_journal.journal_ledgers)
    await update.callback_query.answer()
    await show(update, t("jnl.pick_ledger", lang(update)), whole_coop_keyboard(choice.refs, choice.coops, lang(update)))
    return LEDGER


async def chose_ledger(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """A ledger chosen: its latest entries."""
    opened = await as_user(update, context, store_journal.journal_open, ledger_id=LEDGER_BUTTON.read(update),
                           limit=PAGE_SIZE)  # fmt: skip
    await update.callback_query.answer()
    return await open_ledger(update, context, opened)


async def open_ledger(update: Update, context: ContextTypes.DEFAULT_TYPE, opened: store_journal.JournalOpened, *,
                      coop_wide: bool = False) -> str:  # fmt: skip
    """Its first page, as the store call choosing it read it."""
    context.user_data[KEY].update(ledger=asdict(opened.ledger), year=opened.year, page=0, month=None, coop=coop_wide,
                                  search=None)  # fmt: skip
    return await show_fetched(update, context, opened.page, opened.open_years)


def current_ledger(context: ContextTypes.DEFAULT_TYPE) -> LedgerRef:
    return LedgerRef(**context.user_data[KEY]["ledger"])


# ------------------------------------------------------------------ the page


def whole_movement(entry: EntryView, coop_wide: bool) -> bool:
    """Both legs of this movement are in view, so this (recette) leg stands for it."""
    return entry.is_movement and (coop_wide or entry.partner_ledger_name == entry.ledger_name)


def entry_lines(entry: EntryView, running: int, coop_wide: bool, language: str) -> list[str]:
    """Two lines of at most 40 characters: 'D7 · 03/11/2026 · Piles pour la…' and
    '−12,50 € · banque → 1 234,56 €' (the ledger's balance after it); a deposit is one movement,
    'caisse→banque'. Struck through when cancelled."""
    head = f"{entry.ledger_name} " if coop_wide else ""
    head += f"{entry.piece} · {day_text(entry.day)} · "
    first = escape(head + clip(entry.label, WIDTH - len(head)))
    treasury = t(f"treasury.{entry.treasury.value}", language)
    if whole_movement(entry, coop_wide):
        source = entry.partner_ledger_name if entry.partner_ledger_name != entry.ledger_name else None
        way = (f"{escape(source)}→{escape(entry.ledger_name)}" if source else
               f"{t(f'treasury.{entry.partner_treasury.value}', language)}→{treasury}")  # fmt: skip
        what = f"{money(entry.amount, language)} · {way}"
    else:
        what = f"{plus_money(entry.signed, language)} · {treasury}"
    clip_mark = " 📎" if entry.receipts else ""
    if entry.cancelled:
        return [f"<s>{first}</s>", f"<s>{what}</s> ({t('entry.cancelled', language)})"]
    return [first, f"{what} → {signed_money(running, language)}{clip_mark}"]


def page_text(ref: LedgerRef, journal: dict, page: store_journal.JournalPage, language: str) -> str:
    year, month, coop_wide = journal["year"], journal.get("month"), journal.get("coop", False)
    title = t("jnl.title_coop", language, affiliation=ref.affiliation, years=years_text(year)) if coop_wide \
        else t("jnl.title", language, ledger=escape(ledger_label(ref, language)), years=years_text(year))  # fmt: skip
    lines = [title]
    if month:
        lines.append(t("jnl.month", language, month=month_name(month, year, language)))
    if journal.get("search"):
        lines.append(t("jnl.searched", language, search=escape(journal["search"])))
    lines.append("")
    for entry, running in zip(page.entries, page.running):
        lines += entry_lines(entry, running, coop_wide, language)
    if journal.get("search") and not page.entries:
        lines.append(t("jnl.not_found", language))
    elif month and not page.entries:
        lines.append(t("jnl.empty_month", language, month=month_name(month, year, language)))
    elif not page.entries:
        lines.append(t("jnl.empty", language))
    pages = max(1, math.ceil(page.total / PAGE_SIZE))
    trailer = [t("jnl.page", language, page=page.offset // PAGE_SIZE + 1, pages=pages, total=page.total)] \
        if pages > 1 else []  # fmt: skip
    if page.entries:
        trailer.append(t("jnl.hint", language))
    return narrow("\n".join(fit(lines + ([""] + trailer if trailer else []))))


def entry_button(entry: EntryView, coop_wide: bool, language: str) -> InlineKeyboardButton:
    """'D7 · −12,50 €', 'R8 · +120,00 €', crossed out when cancelled."""
    amount = f"⇄ {money(entry.amount, language)}" if whole_movement(entry, coop_wide) \
        else plus_money(entry.signed, language)  # fmt: skip
    label = f"{entry.ledger_name} {entry.piece}" if coop_wide else entry.piece
    label = f"{label} · {amount}"
    return button(f"✖ {label}" if entry.cancelled else label, OPEN_BUTTON.data(entry.id))


def page_keyboard(page: store_journal.JournalPage, journal: dict, other_years: list[int],
                  language: str) -> InlineKeyboardMarkup:  # fmt: skip
    number, coop_wide = journal.get("page", 0), journal.get("coop", False)
    entries = [entry_button(e, coop_wide, language) for e in page.entries]
    rows = [entries[i:i + 2] for i in range(0, len(entries), 2)]
    rows += page_turns(number, page.has_more, language, PAGE_BUTTON.data)
    searching = journal.get("search")
    rows.append([button(t("jnl.button.months", language), MONTHS_BUTTON.data()),
                 button(t("jnl.button.search_off" if searching else "jnl.button.search", language),
                        (CLEAR_SEARCH_BUTTON if searching else SEARCH_BUTTON).data())])  # fmt: skip
    ledgers = [button(t("jnl.button.ledgers", language), LEDGERS_BUTTON.data())] if journal.get("several") else []
    rows.append(ledgers + [button(years_text(y), YEAR_BUTTON.data(y)) for y in other_years])
    rows.append([button(t("button.close", language), CLOSE_BUTTON.data())])
    return InlineKeyboardMarkup([row for row in rows if row])


def search_terms(search: str | None) -> dict[str, Any]:
    """'12,50' searches an amount, anything else a word of the label or project."""
    if not search:
        return {}
    try:
        return {"amount": parse_amount(search)}
    except AmountError:
        return {"word": search}


async def show_page(update: Update, context: ContextTypes.DEFAULT_TYPE, *, edit: bool = True) -> str:
    """The current page of the chosen ledger's journal (or the coop's), with the other open year."""
    journal, ref = context.user_data[KEY], current_ledger(context)
    number, month, coop_wide = journal.get("page", 0), journal.get("month"), journal.get("coop", False)
    page, years = await as_user(update, context, store_journal.journal_page, None if coop_wide else ref.id, journal["year"],
                                years_of=ref.id, month=month, offset=number * PAGE_SIZE, limit=PAGE_SIZE,
                                coop_id=ref.coop_id, **search_terms(journal.get("search")))  # fmt: skip
    return await show_fetched(update, context, page, years, edit=edit)


async def show_fetched(update: Update, context: ContextTypes.DEFAULT_TYPE, page: store_journal.JournalPage,
                       years: Sequence[int], *, edit: bool = True) -> str:  # fmt: skip
    """A page already read from the store, with a button per other open year."""
    journal = context.user_data[KEY]
    others = [y for y in years if y != journal["year"]]
    shown = await show(update, page_text(current_ledger(context), journal, page, lang(update)),
                       page_keyboard(page, journal, others, lang(update)), edit=edit)  # fmt: skip
    remember_message(context, shown, None)  # an entry's card turned back into a page
    return PAGE


async def chose_year(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """2025-2026: the other open fiscal year's journal (last year, until it is closed)."""
    year, ref = YEAR_BUTTON.read(update), current_ledger(context)
    if year not in await as_user(update, context, book_years.open_years, ref.id, today_for(ref)):
        await update.callback_query.answer(t("jnl.year_closed", lang(update), years=years_text(year)), show_alert=True)
        return PAGE
    await update.callback_query.answer()
    context.user_data[KEY].update(year=year, page=0, month=None)
    return await show_page(update, context)


async def ask_search(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """🔎 Chercher: a word or an amount to type."""
    await update.callback_query.answer()
    language = lang(update)
    await show(update, narrow(t("jnl.ask_search", language)),
               InlineKeyboardMarkup([[button(t("button.back", language), BACK_BUTTON.data())]]))  # fmt: skip
    return SEARCH


async def typed_search(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """The word or amount typed: the entries that match, latest first."""
    typed = " ".join(plain(update.effective_message.text).split())  # NUL and the like dropped
    if not 1 <= len(typed) <= SEARCH_MAX:
        await update.effective_message.reply_text(narrow(t("jnl.search_invalid", lang(update), most=SEARCH_MAX)))
        return SEARCH
    context.user_data[KEY].update(search=typed, page=0)
    return await show_page(update, context, edit=False)


async def clear_search(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """✖ Fin de la recherche: the whole journal again."""
    await update.callback_query.answer()
    context.user_data[KEY].update(search=None, page=0)
    return await show_page(update, context)


async def turn_page(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """◀️ ▶️"""
    await update.callback_query.answer()
    context.user_data[KEY]["page"] = PAGE_BUTTON.read(update)
    return await show_page(update, context)


async def back_to_page(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """↩️ Retour: the page the person came from."""
    await update.callback_query.answer()
    return await show_page(update, context)


async def pick_month(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """📅 Mois…: the twelve months of the school year, September first."""
    await update.callback_query.answer()
    language, year = lang(update), context.user_data[KEY]["year"]
    names = [button(month_name(m, year, language), MONTH_BUTTON.data(m)) for m in SCHOOL_MONTHS]
    rows = [names[i:i + 3] for i in range(0, 12, 3)]
    rows.append([button(t("jnl.button.all_months", language), MONTH_BUTTON.data(0))])
    rows.append([button(t("button.back", language), BACK_BUTTON.data())])
    await show(update, t("jnl.pick_month", language, years=years_text(year)), InlineKeyboardMarkup(rows))
    return MONTHS


async def chose_month(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """A month (or all of them): its first page."""
    await update.callback_query.answer()
    month = MONTH_BUTTON.read(update)
    context.user_data[KEY].update(month=month if 1 <= month <= 12 else None, page=0)
    return await show_page(update, context)


async def close(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """Fermer: the journal message stays, without buttons."""
    return await close_view(update, context, KEY, "jnl.closed")


# ------------------------------------------------------------------ an entry


def means_text(entry: EntryView, language: str) -> str:
    if entry.means == Means.CHEQUE and entry.cheque_number:
        return t("jnl.entry.cheque", language, number=escape(entry.cheque_number))
    return t(f"means.{entry.means.value}", language)


def entry_text(entry: EntryView, language: str, notice: str | None = None) -> str:
    """The entry in full: pièce, date, label, direction, treasury, means, amount, ventilation…"""
    lines = [notice, ""] if notice else []
    lines.append(t("jnl.entry.title", language, piece=entry.piece, ledger=escape(entry.ledger_name)))
    lines.append(t("jnl.entry.day", language, day=day_text(entry.day)))
    lines.append(t("jnl.entry.label", language, label=escape(entry.label)))
    lines.append(t("jnl.entry.kind", language, direction=t(f"direction.{entry.direction.value}", language).capitalize(),
                   treasury=t(f"treasury.{entry.treasury.value}", language), means=means_text(entry, language)))  # fmt: skip
    lines.append(t("jnl.entry.amount", language, amount=money(entry.amount, language)))
    lines.append(t("jnl.entry.splits", language))
    lines += [t("jnl.entry.split", language, code=s.account_code, label=escape(s.account_label),
                amount=money(s.amount, language)) for s in entry.splits]  # fmt: skip
    if entry.project:
        lines.append(t("jnl.entry.project", language, project=escape(entry.project)))
    else:
        lines.append(t("jnl.entry.no_project", language))
    if entry.treasury == Treasury.BANQUE:
        lines.append(t("jnl.entry.ticked", language, day=day_text(entry.ticked_on)) if entry.ticked_on
                     else t("jnl.entry.unticked", language))  # fmt: skip
    if entry.is_movement:
        lines.append(t("jnl.entry.movement", language, kind=t(f"jnl.movement.{entry.movement_kind.value}", language),
                       ledger=escape(entry.partner_ledger_name or "")))  # fmt: skip
    if entry.receipts:
        lines.append(t("jnl.entry.receipts", language, count=len(entry.receipts)))
    else:
        lines.append(t("jnl.entry.no_receipt", language))
    if entry.cancelled:
        lines.append(t("jnl.entry.cancelled", language))
    return "\n".join(fit(lines))


def entry_keyboard(entry: EntryView, writable: bool, language: str) -> InlineKeyboardMarkup:
    rows = []
    if len(entry.receipts) == 1:
        rows.append([button(t("jnl.button.receipt", language), RECEIPTS_BUTTON.data(entry.id))])
    elif entry.receipts:
        rows.append([button(t("jnl.button.receipts", language, count=len(entry.receipts)), RECEIPTS_BUTTON.data(entry.id))])
    if writable and not entry.cancelled:
        actions = [] if entry.is_movement else [button(t("jnl.button.edit", language), FIELDS_BUTTON.data(entry.id))]
        rows.append(actions + [button(t("jnl.button.cancel", language), CANCEL_ENTRY_BUTTON.data(entry.id))])
    rows.append([button(t("jnl.button.history", language), HISTORY_BUTTON.data(entry.id))])
    rows.append([button(t("button.back", language), BACK_BUTTON.data())])
    return InlineKeyboardMarkup(rows)


def warned(entry: EntryView, text: str, language: str) -> str:
    """The text, under "⚠️ Le compte rendu … déjà envoyé sera modifié" when the entry's year is with the AD."""
    return f"{report_warning(entry.fiscal_year, language)}\n\n{text}" if entry.report_sent else text


def may_write(context: ContextTypes.DEFAULT_TYPE, entry: EntryView) -> bool:
    return entry.ledger_id in context.user_data[KEY].get("writable", [])


async def load_entry(update: Update, context: ContextTypes.DEFAULT_TYPE, entry_id: int, *,
                     write: bool = False) -> EntryView:  # fmt: skip
    """The entry, if this person may read it (and write it, if asked): else the refusal."""
    return await as_user(update, context, store_entries.get_entry, entry_id, write=write)


async def show_entry(update: Update, context: ContextTypes.DEFAULT_TYPE, entry: EntryView,
                     notice: str | None = None, *, edit: bool = True) -> str:  # fmt: skip
    context.user_data[KEY]["entry_id"] = entry.id
    language = lang(update)
    shown = await show(update, entry_text(entry, language, notice),
                       entry_keyboard(entry, may_write(context, entry), language), edit=edit)  # fmt: skip
    remember_message(context, shown, entry.id)  # a receipt sent in reply to it is this entry's
    return ENTRY


async def open_entry(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """An entry's button (or ↩️ from its history, edit or cancellation): the entry in full."""
    entry = await load_entry(update, context, OPEN_BUTTON.read(update))
    await update.callback_query.answer()
    for left in ("field", "change"):  # a question, or a change to confirm, left for the entry
        context.user_data[KEY].pop(left, None)
    return await show_entry(update, context, entry)


async def send_receipts(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """📎 Justificatif: the receipt(s) sent back, a photo as a photo, anything else as a document."""
    entry = await load_entry(update, context, RECEIPTS_BUTTON.read(update))
    language, message = lang(update), update.effective_message
    if not entry.receipts:
        await update.callback_query.answer(t("jnl.no_receipt", language), show_alert=True)
        return ENTRY
    await update.callback_query.answer()
    caption = t("jnl.receipt.caption", language, piece=entry.piece, ledger=escape(entry.ledger_name))
    for receipt in entry.receipts[:RECEIPTS_SENT]:
        if receipt.mime_type.startswith("image/"):
            await message.reply_photo(receipt.file_id, caption=caption)
        else:
            await message.reply_document(receipt.file_id, caption=caption)
    return ENTRY


async def show_history(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """🕓 Historique: who created, changed, cancelled the entry, and when."""
    entry, events = await as_user(update, context, store_entries.entry_with_history, HISTORY_BUTTON.read(update))
    await update.callback_query.answer()
    language, zone = lang(update), current_ledger(context).timezone
    lines = [trail_line(event, zone, language) for event in reversed(events)]  # latest first while fitting
    title = t("jnl.history.title", language, piece=entry.piece, ledger=escape(entry.ledger_name))
    kept = fit(lines, TEXT_BUDGET - len(title) - 100)
    if len(kept) < len(lines):
        older = plural(len(lines) - len(kept), "word.older_change", language)
        kept.append(t("jnl.history.older", language, older=older))
    keyboard = InlineKeyboardMarkup([[button(t("button.back", language), OPEN_BUTTON.data(entry.id))]])
    await show(update, "\n\n".join([title, "\n".join(reversed(kept))]), keyboard)
    return ENTRY


# ------------------------------------------------------------------ cancelling an entry


async def confirm_cancel(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """🗑: ask before cancelling."""
    entry = await load_entry(update, context, CANCEL_ENTRY_BUTTON.read(update), write=True)
    await update.callback_query.answer()
    language = lang(update)
    context.user_data[KEY]["warned"] = entry.report_sent  # what « Oui » confirms
    keyboard = InlineKeyboardMarkup([[button(t("jnl.button.yes_cancel", language), CONFIRM_CANCEL_BUTTON.data(entry.id))],
                                     [button(t("button.back", language), OPEN_BUTTON.data(entry.id))]])  # fmt: skip
    question = t("jnl.confirm_cancel", language, piece=entry.piece, label=escape(entry.label),
                 amount=money(entry.amount, language))  # fmt: skip
    if entry.is_movement:  # the other ledger's (or treasury's) leg goes too: said before, not discovered after
        question += "\n" + t("jnl.confirm_cancel.movement", language, ledger=escape(entry.partner_ledger_name),
                             treasury=t(f"treasury.{entry.partner_treasury.value}", language))  # fmt: skip
    await show(update, warned(entry, question, language), keyboard)
    return CONFIRM


async def cancel_entry(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """🗑 Oui: the entry is cancelled, struck through in the journal with its number kept."""
    entry_id, language = CONFIRM_CANCEL_BUTTON.read(update), lang(update)
    cancelled = await as_user(update, context, store_entries.cancel_entry_with_balances, entry_id,
                              warned=context.user_data[KEY].pop("warned", False))  # fmt: skip
    await update.callback_query.answer()
    if cancelled.refused is not None:
        return await show_entry(update, context, cancelled.entry, refusal(cancelled.refused, language))
    notice = changed_text(cancelled.entry, cancelled.balances, "jnl.cancelled", language)
    return await show_entry(update, context, cancelled.entry, notice)


def changed_text(entry: EntryView, balances: Balances, key: str, language: str) -> str:
    """'Écriture 5 modifiée.' (or annulée) and the ledger's new balance."""
    return t(key, language, piece=entry.piece) + "\n" + balance_line(balances, language)
