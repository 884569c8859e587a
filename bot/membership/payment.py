"""Paying the AD: under the validation's notice, the membership fee as a ready-made expense of the school
ledger, recorded once its cheque number is typed."""

from __future__ import annotations

import re
from html import escape

from telegram import Update
from telegram.ext import ContextTypes, ConversationHandler

from bot.membership.adhesion import PAY_BUTTON, pressed_membership
from bot.texts import lang, t
from bot.ui.chat import as_user
from bot.ui.formatting import balance_line, entry_line, refusal, years_text
from bot.ui.turns import end_waiting
from store import adhesion_payment
from store.adhesion import AdhesionError
from store.errors import LedgerError
from store.money import format_amount

PAY_CHEQUE = "adh.pay.cheque"  # conversation state (of /adhesion's too): the cheque number typed


async def ask_payment_cheque(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str | int:
    """💶 under the AD's validation or the validated table: the ready-made expense, and its cheque number to type."""
    language = lang(update)
    adhesion_id, due = await pressed_membership(update, context, PAY_BUTTON, adhesion_payment.payment)
    if due is None:
        return ConversationHandler.END
    context.user_data["payment"] = {"adhesion_id": adhesion_id}
    await update.callback_query.message.reply_text(t(
        "adh.pay.ask", language, years=years_text(due.year), amount=format_amount(due.amount, language),
        ledger=escape(due.ledger_name), payee=escape(due.payee),
        cotisation=format_amount(due.cotisation_cents, language), assurance=format_amount(due.assurance_cents, language),
    ))  # fmt: skip
    return PAY_CHEQUE


async def typed_payment_cheque(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str | int:
    """The cheque number: the expense is recorded, with the school ledger's new balance."""
    language = lang(update)
    number = "".join(update.effective_message.text.split())
    if not re.fullmatch(r"\d{1,12}", number):
        await update.effective_message.reply_text(t("ent.cheque.invalid", language))
        return PAY_CHEQUE
    adhesion_id = context.user_data.get("payment", {}).get("adhesion_id", 0)
    try:
        paid = await as_user(update, context, adhesion_payment.pay, adhesion_id, number)
    except AdhesionError as error:
        await update.effective_message.reply_text(refusal(error, language))
        return ConversationHandler.END
    except LedgerError as refused:
        await update.effective_message.reply_text(refusal(refused, language))
        return PAY_CHEQUE if refused.reason.startswith("cheque_number") else ConversationHandler.END
    context.user_data.pop("payment", None)
    # 💶 pressed under the AD's validation and under the table asks twice, for one draft: both are answered
    end_waiting(update, context.application, PAY_CHEQUE)
    await update.effective_message.reply_text(t("adh.paid", language, entry=entry_line(paid.entry, language),
                                                balance=balance_line(paid.balances, language)))  # fmt: skip
    return ConversationHandler.END
