"""After an entry is recorded: ↩️ Annuler within 10 minutes, ✏️ Modifier (the journal's edit menu, in
entry_edit.py), and its receipt — a photo or PDF sent in reply to the entry's message, or just after it."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from html import escape
from pathlib import Path

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import ContextTypes

from bot.infra.downloads import keep_sent_file
from bot.texts import lang, t
from bot.ui.buttons import ID, Button, button
from bot.ui.chat import as_user, settings
from bot.ui.formatting import balance_line, money, refusal, report_warning
from bot.ui.steps import my_ledgers
from store import entries
from store.books import EntryView
from store.errors import LedgerError

EDIT_BUTTON, UNDO_BUTTON = Button("ent:edit", ID), Button("ent:undo", ID)  # under the message of an entry recorded
UNDO_OK_BUTTON, UNDO_KEEP_BUTTON = Button("ent:undo:y", ID), Button("ent:undo:n", ID)  # its year's report is sent
UNDO_MINUTES = 10
RECEIPT_MINUTES = 15  # a photo this soon after an entry is its receipt


def remember_entry(context: ContextTypes.DEFAULT_TYPE, message_id: int, entry_id: int) -> None:
    """Which entry a confirmation message is about, so that a receipt sent in reply finds it; and a receipt
    sent just after it."""
    remember_message(context, message_id, entry_id)
    context.chat_data["last_entry"] = {"id": entry_id, "at": datetime.now(timezone.utc).isoformat()}


def remember_message(context: ContextTypes.DEFAULT_TYPE, message_id: int, entry_id: int | None) -> None:
    """The entry a message shows (the journal's card of it, which the receipt's question asks to answer), or None
    once that message shows something else (a journal page again)."""
    messages = context.chat_data.setdefault("entry_messages", {})
    if entry_id is None:
        messages.pop(str(message_id), None)
        return
    messages[str(message_id)] = entry_id
    for old in sorted(messages, key=int)[:-100]:
        del messages[old]


async def undo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """↩️ Annuler, within 10 minutes of recording; a second tap changes nothing. In a year whose report
    is with the AD, a card under the report's warning asks first."""
    query, language = update.callback_query, lang(update)
    if datetime.now(timezone.utc) - query.message.date > timedelta(minutes=UNDO_MINUTES):
        await query.answer(t("ent.undo.late", language), show_alert=True)
        await query.edit_message_reply_markup(None)
        return
    await cancel(update, context, UNDO_BUTTON.read(update), warned=False)


async def undo_confirmed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """🗑 Oui, under the report's warning: the entry is cancelled."""
    await cancel(update, context, UNDO_OK_BUTTON.read(update), warned=True)


async def undo_kept(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Annuler at the report's warning: the entry stays, nothing changes."""
    entry = await as_user(update, context, entries.get_entry, UNDO_KEEP_BUTTON.read(update))
    await update.callback_query.answer()
    await update.callback_query.edit_message_text(t("ent.undo.kept", lang(update), piece=entry.piece))


async def cancel(update: Update, context: ContextTypes.DEFAULT_TYPE, entry_id: int, *, warned: bool) -> None:
    """In one store call, the entry cancelled: the pressed message struck through, with the ledger's new
    balance; its year's report being with the AD, the warning's card instead (unless ``warned``)."""
    query, language = update.callback_query, lang(update)
    undone = await as_user(update, context, entries.cancel_entry_with_balances, entry_id, warned=warned)
    await query.answer()
    if (refused := undone.refused) is not None:
        if refused.reason == "report_unconfirmed":
            await ask_past_the_warning(update, undone.entry)
        elif refused.reason != "cancelled":  # cancelled: a double tap, the first one did it and its message says so
            await query.message.reply_text(refusal(refused, language))
        return
    await query.edit_message_text(f"<s>{query.message.text_html}</s>\n"
                                  + t("ent.undone", language, piece=undone.entry.piece)
                                  + "\n" + balance_line(undone.balances, language))  # fmt: skip


async def ask_past_the_warning(update: Update, entry: EntryView) -> None:
    """The report's warning and 🗑 Oui / Annuler, under the entry's message."""
    language = lang(update)
    keyboard = InlineKeyboardMarkup([[button(t("jnl.button.yes_cancel", language), UNDO_OK_BUTTON.data(entry.id))],
                                     [button(t("button.cancel", language), UNDO_KEEP_BUTTON.data(entry.id))]])  # fmt: skip
    question = t("jnl.confirm_cancel", language, piece=entry.piece, label=escape(entry.label),
                 amount=money(entry.amount, language))  # fmt: skip
    await update.callback_query.message.reply_text(f"{report_warning(entry.fiscal_year, language)}\n\n{question}",
                                                   reply_markup=keyboard)  # fmt: skip


async def attach(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A photo or PDF in reply to an entry's message, or just after an entry: its justificatif."""
    message, language = update.effective_message, lang(update)
    entry_id = receipt_target(context, message)
    if entry_id is None:
        keeps_books = bool(await my_ledgers(update, context))
        await message.reply_text(t("receipt.which" if keeps_books else "unknown.other", language))
        return
    entry = await as_user(update, context, entries.get_entry, entry_id)
    folder = Path(settings(context).receipts_dir) / str(entry.fiscal_year)
    if (kept := await keep_sent_file(message, folder, str(entry.id), language)) is None:
        return
    incoming, path, kind, size = kept
    try:
        await as_user(update, context, entries.attach_receipt, entry.id, file_id=incoming.file_id,
                      file_unique_id=incoming.file_unique_id, path=str(path), mime_type=kind.mime,
                      size=size)  # fmt: skip
    except LedgerError as refused:
        path.unlink(missing_ok=True)
        await message.reply_text(refusal(refused, language))
        return
    await message.reply_text(t("receipt.attached", language, piece=entry.piece, ledger=escape(entry.ledger_name)))


def receipt_target(context: ContextTypes.DEFAULT_TYPE, message) -> int | None:
    """The entry whose message this replies to, or the entry recorded in the last 15 minutes."""
    messages = context.chat_data.get("entry_messages", {})
    if message.reply_to_message is not None:
        return messages.get(str(message.reply_to_message.message_id))
    last = context.chat_data.get("last_entry")
    if last and datetime.now(timezone.utc) - datetime.fromisoformat(last["at"]) <= timedelta(minutes=RECEIPT_MINUTES):
        return last["id"]
    return None
