"""/cloture: a class ledger closed at the year's end, its balance paid back to the school ledger.

A teacher sees their class ledger at once; a manager sees every class ledger of the coop,
closed or still to close, and picks one (a teacher who left). The preview shows the year,
the banque and caisse to pay back and the date; a caisse that is not zero needs a
matching arrêté de caisse first, and the preview says so instead of offering to close.
"🔒 Clore le cahier" records the reversement and locks the ledger for that year (store/closing.py).
"""

from __future__ import annotations

from datetime import date
from html import escape

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import ContextTypes, ConversationHandler

from bot.reminders.sending import deliver
from bot.texts import lang, t
from bot.ui.buttons import ID, Button, button
from bot.ui.chat import as_user, end_conversation, show
from bot.ui.formatting import day_text, money, refusal, signed_money, years_text
from store import closing
from store.closing import ClosingPreview
from store.errors import LedgerError

PICK, CONFIRM, REOPEN = "clo.pick", "clo.confirm", "clo.reopen"
LEDGER_BUTTON, CLOSE_BUTTON, CANCEL_BUTTON = Button("clo:l", ID), Button("clo:ok", ID), Button("clo:cancel")
REOPEN_BUTTON, REOPEN_OK_BUTTON = Button("clo:r", ID), Button("clo:rok", ID)  # a manager undoes a closing


async def begin(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str | int:
    """/cloture: the class ledger at once, or the list of them with where each stands."""
    choices = await as_user(update, context, closing.closing_choices)
    if len(choices) == 1:
        return await preview(update, context, choices[0])
    language = lang(update)
    several = len({c.coop_id for c in choices}) > 1
    lines = [t("clo.list", language)]
    rows, reopen = [], []
    for choice in choices:
        name = f"{choice.ledger_name} ({choice.affiliation})" if several else choice.ledger_name
        if choice.closed:
            lines.append(t("clo.list.closed", language, ledger=escape(name), years=years_text(choice.year),
                           day=day_text(choice.day)))  # fmt: skip
            if choice.may_reopen:
                reopen.append([button(t("clo.reopen.button", language, ledger=name), REOPEN_BUTTON.data(choice.ledger_id))])
        elif choice.problem == "too_early":
            lines.append(t("clo.list.too_early", language, ledger=escape(name), years=years_text(choice.year),
                           day=day_text(choice.closable_from)))  # fmt: skip
        else:
            lines.append(t("clo.list.open", language, ledger=escape(name), years=years_text(choice.year),
                           banque=signed_money(choice.banque, language), caisse=money(choice.caisse, language)))  # fmt: skip
            rows.append([button(t("clo.button", language, ledger=name), LEDGER_BUTTON.data(choice.ledger_id))])
    waiting = any(c.problem == "too_early" for c in choices)
    nothing = t("clo.list.later" if waiting else "clo.list.none", language)
    if not rows and not reopen:
        await update.effective_message.reply_text("\n".join(lines + ["", nothing]))
        return ConversationHandler.END
    if not rows:
        lines.append("\n" + nothing)
    rows += reopen + [[button(t("button.cancel", language), CANCEL_BUTTON.data())]]
    await update.effective_message.reply_text("\n".join(lines + ["", t("clo.list.pick", language)]),
                                              reply_markup=InlineKeyboardMarkup(rows))  # fmt: skip
    return PICK


async def chose_ledger(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str | int:
    """A class ledger button: the store refuses one this person may not close."""
    choice = await as_user(update, context, closing.closing_preview, LEDGER_BUTTON.read(update))
    await update.callback_query.answer()
    return await preview(update, context, choice)


async def preview(update: Update, context: ContextTypes.DEFAULT_TYPE, choice: ClosingPreview) -> str | int:
    """What closing will do, with 🔒 Clore; or why it cannot be done yet, and what to do first."""
    language, years = lang(update), years_text(choice.year)
    amounts = dict(banque=signed_money(choice.banque, language), caisse=money(choice.caisse, language))
    if choice.problem == "ledger_already_closed":
        text = t("clo.already", language, ledger=escape(choice.ledger_name), years=years, day=day_text(choice.day),
                 **amounts)  # fmt: skip
        if not choice.may_reopen:
            await show(update, text)
            return ConversationHandler.END
        keyboard = InlineKeyboardMarkup([
            [button(t("clo.reopen.button", language, ledger=choice.ledger_name), REOPEN_BUTTON.data(choice.ledger_id))],
            [button(t("button.cancel", language), CANCEL_BUTTON.data())]])  # fmt: skip
        await show(update, text, keyboard)
        return PICK
    if choice.problem == "too_early":
        await show(update, t("clo.too_early", language, ledger=escape(choice.ledger_name), years=years,
                             end=day_text(date(choice.year + 1, 8, 31)), day=day_text(choice.closable_from)))
        return ConversationHandler.END
    lines = [t("clo.preview", language, ledger=escape(choice.ledger_name), years=years, **amounts)]
    if choice.caisse and choice.problem is None:
        lines.append(t("clo.preview.count", language, day=day_text(choice.count_day),
                       counted=money(choice.counted, language)))  # fmt: skip
    if choice.problem in ("cash_count_required", "cash_count_differs"):
        if choice.problem == "cash_count_required":
            lines += ["", t("clo.need_count", language, caisse=amounts["caisse"], years=years, day=day_text(choice.day))]
        else:
            lines += ["", t("clo.count_differs", language, day=day_text(choice.count_day),
                            counted=money(choice.counted, language), caisse=amounts["caisse"])]  # fmt: skip
        if update.callback_query:  # picked from the list, which stays for the other class ledgers
            await update.effective_message.reply_text("\n".join(lines))
            return PICK
        await show(update, "\n".join(lines))
        return ConversationHandler.END
    if choice.banque < 0:
        lines.append(t("clo.preview.deficit", language))
    lines += ["", t("clo.preview.what", language, day=day_text(choice.day), years=years)]
    keyboard = InlineKeyboardMarkup([[button(t("clo.confirm", language), CLOSE_BUTTON.data(choice.ledger_id))],
                                     [button(t("button.cancel", language), CANCEL_BUTTON.data())]])  # fmt: skip
    await show(update, "\n".join(lines), keyboard)
    return CONFIRM


async def close(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """🔒 Clore: the reversement recorded and the ledger locked, or the store's reason."""
    query, language = update.callback_query, lang(update)
    await query.answer()
    # The movements' label is part of the books, which the AD reads in French; the store names the ledger.
    label = t("clo.label", "fr", ledger="{ledger}")
    try:
        done = await as_user(update, context, closing.close_class_ledger, CLOSE_BUTTON.read(update), label=label)
    except LedgerError as refused:
        dated = {"day": day_text(refused.details["day"])} if refused.reason == "too_early" else {}
        await query.edit_message_text(refusal(refused, language, **dated))
        return ConversationHandler.END
    await query.edit_message_text(t("clo.done", language, ledger=escape(done.ledger_name), years=years_text(done.year),
                                    banque=signed_money(done.banque, language), caisse=money(done.caisse, language),
                                    day=day_text(done.day)))  # fmt: skip
    return ConversationHandler.END


async def ask_reopen(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str | int:
    """🔓 Rouvrir (managers): what undoing the closing does, to confirm; or why it cannot be undone."""
    query, language = update.callback_query, lang(update)
    try:
        choice = await as_user(update, context, closing.reopen_preview, REOPEN_BUTTON.read(update))
    except LedgerError as refused:
        await query.answer()
        await show(update, refusal(refused, language))
        return ConversationHandler.END
    await query.answer()
    years = years_text(choice.year)
    keyboard = InlineKeyboardMarkup([[button(t("clo.reopen.confirm", language), REOPEN_OK_BUTTON.data(choice.ledger_id))],
                                     [button(t("button.cancel", language), CANCEL_BUTTON.data())]])  # fmt: skip
    text = t("clo.reopen.card", language, ledger=escape(choice.ledger_name), years=years, day=day_text(choice.day),
             banque=signed_money(choice.banque, language), caisse=money(choice.caisse, language))  # fmt: skip
    if choice.quitus:  # the figures they checked change
        text += "\n" + t("clo.reopen.quitus", language, count=choice.quitus)
    await show(update, text, keyboard)
    return REOPEN


async def reopen(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """🔓 Rouvrir le cahier: the reversement cancelled and the ledger unlocked, or the store's reason."""
    query, language = update.callback_query, lang(update)
    await query.answer()
    try:
        done = await as_user(update, context, closing.reopen_class_ledger, REOPEN_OK_BUTTON.read(update))
    except LedgerError as refused:
        await query.edit_message_text(refusal(refused, language))
        return ConversationHandler.END
    text = t("clo.reopen.done", language, ledger=escape(done.ledger_name), years=years_text(done.year),
             day=day_text(done.day))  # fmt: skip
    if done.quitus:
        text += "\n" + t("clo.reopen.withdrawn", language, count=done.quitus)
    await query.edit_message_text(text)
    await deliver(context.application, keys=done.outbox)  # the vérificateurs told at once; the reminders never twice
    return ConversationHandler.END


async def cancel(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """/annuler or Annuler: nothing is closed."""
    return await end_conversation(update, context)
