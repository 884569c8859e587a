"""/report: a ledger's report à nouveau, its banque and caisse on 1 September, when its books start here.

Once a ledger has books of an earlier year here, its opening is their final
balance, computed: the store says so and nothing is asked.
"""

from __future__ import annotations

from datetime import date

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import ContextTypes, ConversationHandler

from bot.ui.buttons import ID, YEAR, Button, button
from bot.ui.formatting import balance_line, money, refusal, report_warning, signed_money
from bot.ui.steps import amount_problem, ledgers_keyboard, parse_cash, parse_cents, picked_ledger, today_for, writable_ledgers
from bot.ui.chat import as_user, end_conversation
from bot.texts import lang, t
from store import balances as store_balances
from store import book_years
from store.errors import LedgerError
from store.lookups import LedgerRef
from store.money import AmountError
from store.years import fiscal_year_of

LEDGER, BANQUE, CAISSE = "opn.ledger", "opn.banque", "opn.caisse"
LEDGER_BUTTON, YEAR_BUTTON, CANCEL_BUTTON = Button("opn:l", ID), Button("opn:y", YEAR), Button("opn:l:cancel")


async def begin(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str | int:
    """/report: which ledger (when there is a choice)."""
    refs = await writable_ledgers(update, context)
    if not refs:
        return ConversationHandler.END
    if len(refs) == 1:
        return await ask_banque(update, context, refs[0])
    await update.effective_message.reply_text(t("opn.pick", lang(update)),
                                              reply_markup=ledgers_keyboard(refs, LEDGER_BUTTON, CANCEL_BUTTON, lang(update)))  # fmt: skip
    return LEDGER


async def chose_ledger(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """A ledger button: only one this person writes in."""
    ref = await picked_ledger(update, context, LEDGER_BUTTON)
    await update.callback_query.answer()
    await update.callback_query.edit_message_reply_markup(None)
    return await ask_banque(update, context, ref)


async def ask_banque(update: Update, context: ContextTypes.DEFAULT_TYPE, ref: LedgerRef,
                     year: int | None = None) -> str:  # fmt: skip
    """The bank on 1 September of this year (or of the other open year, by its button)."""
    language, today = lang(update), today_for(ref)
    year = year or fiscal_year_of(today)
    choices = await as_user(update, context, store_balances.opening_choices, ref.id, year, today)
    computed = ""
    if year not in choices.years:  # computed from a year it has books in: that one is asked, if it may be
        computed = t("opn.computed", language, ledger=ref.name, years=f"{year}-{year + 1}")
        if not choices.years:
            await update.effective_message.reply_text(computed)
            return ConversationHandler.END
        year = choices.years[0]
        choices = await as_user(update, context, store_balances.opening_choices, ref.id, year, today)
        computed += "\n\n"
    context.user_data["opening"] = {"ledger_id": ref.id, "year": year}
    others = [y for y in choices.years if y != year]
    keyboard = InlineKeyboardMarkup([[button(f"{y}-{y + 1}", YEAR_BUTTON.data(y)) for y in others]]) if others else None
    text = computed + t("opn.ask_banque", language, ledger=ref.name, years=f"{year}-{year + 1}", year=year)
    if choices.typed is not None:  # said before it is replaced
        text += "\n\n" + t("opn.replaces", language, banque=signed_money(choices.typed[0], language),
                            caisse=money(choices.typed[1], language))  # fmt: skip
    await update.effective_message.reply_text(text, reply_markup=keyboard)
    return BANQUE


async def chose_year(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """2025-2026: the opening of last year, while it is open (its books start there)."""
    query = update.callback_query
    year = YEAR_BUTTON.read(update)
    ref = next(r for r in await writable_ledgers(update, context) if r.id == context.user_data["opening"]["ledger_id"])
    if year not in (await as_user(update, context, store_balances.opening_choices, ref.id, year, today_for(ref))).years:
        await query.answer(t("solde.not_open", lang(update), years=f"{year}-{year + 1}"), show_alert=True)
        return BANQUE
    await query.answer()
    await query.edit_message_reply_markup(None)
    return await ask_banque(update, context, ref, year)


async def typed_banque(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """The bank balance (zero or overdrawn allowed)."""
    try:
        banque = parse_cents(update.effective_message.text, zero=True, signed=True)
    except AmountError as refused:
        await update.effective_message.reply_text(amount_problem(refused, lang(update)))
        return BANQUE
    opening = context.user_data["opening"]
    opening["banque"] = banque
    opening["warned"] = await as_user(update, context, book_years.ledger_report_sent, opening["ledger_id"],
                                      date(opening["year"], 9, 1))  # fmt: skip
    return await ask_caisse(update, context)


async def ask_caisse(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """The cash on 1 September; in a year whose report is with the AD, under its warning (typing it confirms)."""
    language, opening = lang(update), context.user_data["opening"]
    text = t("opn.ask_caisse", language, year=opening["year"])
    if not opening.get("warned"):
        await update.effective_message.reply_text(text)
        return CAISSE
    keyboard = InlineKeyboardMarkup([[button(t("button.cancel", language), CANCEL_BUTTON.data())]])
    await update.effective_message.reply_text(f"{report_warning(opening['year'], language)}\n\n{text}",
                                              reply_markup=keyboard)  # fmt: skip
    return CAISSE


async def typed_caisse(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str | int:
    """The cash, then both are recorded in one transaction."""
    language, opening = lang(update), context.user_data["opening"]
    try:
        caisse = parse_cash(update.effective_message.text)
    except AmountError as refused:
        await update.effective_message.reply_text(amount_problem(refused, language))
        return CAISSE
    refs = await writable_ledgers(update, context)
    ref = next(r for r in refs if r.id == opening["ledger_id"])
    try:
        balances = await as_user(update, context, store_balances.set_opening_balance, ref.id, opening["year"],
                                 banque=opening["banque"], caisse=caisse, today=today_for(ref),
                                 warned=opening.get("warned", False))  # fmt: skip
    except LedgerError as refused:
        if refused.reason == "report_unconfirmed":  # sent since the question: asked again, under the warning
            opening["warned"] = True
            return await ask_caisse(update, context)
        if refused.reason == "caisse_negative":
            minimum = refused.details.get("minimum", 0)
            key = "opn.caisse_too_low" if minimum > 0 else "opn.caisse_negative"
            await update.effective_message.reply_text(t(key, language, minimum=money(minimum, language)))
            return CAISSE
        await update.effective_message.reply_text(refusal(refused, language))
        context.user_data.pop("opening", None)
        return ConversationHandler.END
    context.user_data.pop("opening", None)
    await update.effective_message.reply_text(t("opn.done", language, balance=balance_line(balances, language)))
    return ConversationHandler.END


async def cancel(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """/annuler or Annuler: nothing is recorded."""
    context.user_data.pop("opening", None)
    return await end_conversation(update, context)
