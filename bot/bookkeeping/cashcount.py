"""/caisse: the cash count (arrêté de caisse) of a ledger, compared with the caisse's book balance.

Ledger (when there is a choice) → "Compter billets et pièces" or "Saisir le total" (or the
count typed at once) → the count → the result, kept by the store with its date (today, or another date chosen
on the first screen). The book balance is shown only after the count, so that it does
not steer it.

Notes and coins are typed in one message, "2 x 20 €, 3 x 2 €, 5 x 0,50 €": on a phone
that is one message whatever the cash box holds, where a keyboard of fifteen
denominations with + and − would take a tap per note. A typo keeps the step and says
which part was not understood.
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date
from decimal import Decimal, InvalidOperation
from html import escape

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import ContextTypes, ConversationHandler

from bot.ui.buttons import ID, Button, button
from bot.ui.formatting import day_text, money, refusal, report_warning, signed_money
from bot.ui.steps import (
    amount_problem, answered_day, ask_day_text, ledgers_keyboard, parse_cash, picked_ledger, today_of, writable_ledgers,
)
from bot.ui.chat import as_user, end_conversation, show
from bot.texts import lang, t
from store import book_years
from store import cashcounts
from store.cashcounts import CashCountView, DENOMINATIONS
from store.errors import LedgerError
from store.lookups import LedgerRef
from store.money import AmountError
from store.years import today_in

LEDGER, METHOD, DAY, COINS, TOTAL, CONFIRM = "csh.ledger", "csh.method", "csh.day", "csh.coins", "csh.total", "csh.confirm"
DRAFT = "caisse"
LEDGER_BUTTON, COINS_BUTTON, TOTAL_BUTTON = Button("csh:l", ID), Button("csh:coins"), Button("csh:total")
DAY_BUTTON, CANCEL_BUTTONS = Button("csh:day"), (Button("csh:cancel"), Button("csh:l:cancel"))
SAVE_BUTTON = Button("csh:ok")  # a count whose year's report was sent since its question, under the warning
DAY_REASONS = ("future", "year_not_open", "closed_year")
# '3 x 20 €', '5×0,50', '2 * 50c': how many, then the note or coin.
_COIN = re.compile(r"(\d+)\s*[x×*]\s*(\d+(?:[.,]\d{1,2})?)\s*(€|euros?|eur|c|cts?|centimes?)?(?![\w])", re.IGNORECASE)
_BETWEEN = re.compile(r"(?:[\s,;+]|\bet\b)*", re.IGNORECASE)


class CoinsError(ValueError):
    """A typed count refused: reason 'format' or 'denomination', and the part at fault."""

    def __init__(self, reason: str, part: str):
        super().__init__(reason)
        self.reason, self.part = reason, part[:40]


def parse_coins(text: str) -> dict[int, int]:
    """'2 x 20 €, 3 x 2 €, 5 x 0,50 €' → {2000: 2, 200: 3, 50: 5} (cents → how many)."""
    coins: dict[int, int] = defaultdict(int)
    position = 0
    for match in _COIN.finditer(text):
        gap = text[position:match.start()]
        if not _BETWEEN.fullmatch(gap):
            raise CoinsError("format", gap.strip(" ,;+"))
        position = match.end()
        coins[coin_cents(match[2], match[3] or "", match[0])] += int(match[1])
    rest = text[position:]
    if not coins or not _BETWEEN.fullmatch(rest):
        raise CoinsError("format", rest.strip(" ,;+") or text.strip())
    return dict(coins)


def coin_cents(value: str, unit: str, typed: str) -> int:
    """'0,50' € or '50' c → 50, if such a note or coin exists."""
    try:
        amount = Decimal(value.replace(",", "."))
    except InvalidOperation:  # pragma: no cover - the pattern only lets numbers through
        raise CoinsError("format", typed) from None
    cents = amount if unit.lower().startswith("c") else amount * 100
    if cents != cents.to_integral_value() or int(cents) not in DENOMINATIONS:
        raise CoinsError("denomination", f"{value} {unit}".strip())
    return int(cents)


def coin_text(cents: int, language: str) -> str:
    """2000 → '20 €', 50 → '0,50 €'."""
    return money(cents, language).replace(",00", "").replace(".00", "")


def draft(context: ContextTypes.DEFAULT_TYPE) -> dict:
    return context.user_data[DRAFT]


# ------------------------------------------------------------------ the steps


async def begin(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str | int:
    """/caisse: which ledger, if there is a choice."""
    language = lang(update)
    refs = await writable_ledgers(update, context)
    if not refs:
        return ConversationHandler.END
    if len(refs) == 1:
        return await set_ledger(update, context, refs[0])
    await update.effective_message.reply_text(t("csh.pick", language),
                                              reply_markup=ledgers_keyboard(refs, LEDGER_BUTTON, CANCEL_BUTTONS[1], language))  # fmt: skip
    return LEDGER


async def chose_ledger(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """A ledger button: only one this person writes in."""
    ref = await picked_ledger(update, context, LEDGER_BUTTON)
    await update.callback_query.answer()
    return await set_ledger(update, context, ref)


async def set_ledger(update: Update, context: ContextTypes.DEFAULT_TYPE, ref: LedgerRef) -> str:
    context.user_data[DRAFT] = {"ledger_id": ref.id, "name": ref.name, "timezone": ref.timezone,
                                "day": today_in(ref.timezone).isoformat()}  # fmt: skip
    return await ask_method(update, context)


async def ask_method(update: Update, context: ContextTypes.DEFAULT_TYPE, notice: str | None = None) -> str:
    """By notes and coins, or a total; or another date."""
    current, language = draft(context), lang(update)
    text = t("csh.method", language, day=day_text(date.fromisoformat(current["day"])), ledger=escape(current["name"]))
    text = warned(context, text, language)
    keyboard = InlineKeyboardMarkup([[button(t("csh.by_coins", language), COINS_BUTTON.data())],
                                     [button(t("csh.by_total", language), TOTAL_BUTTON.data())],
                                     [button(t("csh.other_day", language), DAY_BUTTON.data())],
                                     [button(t("button.cancel", language), CANCEL_BUTTONS[0].data())]])  # fmt: skip
    await show(update, f"{notice}\n\n{text}" if notice else text, keyboard)
    return METHOD


def warned(context: ContextTypes.DEFAULT_TYPE, text: str, language: str) -> str:
    """The question, under the warning that the year's report already sent will be modified, if it is."""
    current = draft(context)
    return f"{report_warning(date.fromisoformat(current['day']), language)}\n\n{text}" if current.get("sent") else text


async def ask_coins(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """🪙: the count typed, one message."""
    await update.callback_query.answer()
    await update.callback_query.edit_message_text(warned(context, t("csh.ask_coins", lang(update)), lang(update)))
    return COINS


async def ask_total(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """🔢: the total typed."""
    await update.callback_query.answer()
    await update.callback_query.edit_message_text(warned(context, t("csh.ask_total", lang(update)), lang(update)))
    return TOTAL


async def ask_day(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """📅: the date of the count, typed."""
    await update.callback_query.answer()
    await update.callback_query.edit_message_text(ask_day_text(today_of(draft(context)), lang(update)))
    return DAY


async def typed_day(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """A date typed jj/mm/aaaa, not in the future: back to the choice of method."""
    current = draft(context)
    day = await answered_day(update, today_of(current))
    if day is None:
        return DAY
    current["day"] = day.isoformat()
    current["sent"] = await as_user(update, context, book_years.ledger_report_sent, current["ledger_id"], day)
    return await ask_method(update, context)


async def typed_count(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str | int:
    """A count typed without pressing 🪙 or 🔢 (the question says « comptez…, puis »): notes and coins when it
    has « nombre x valeur », else a total; a mistake is told as at that step, which it stays at."""
    if _COIN.search(update.effective_message.text):
        return await typed_coins(update, context)
    return await typed_total(update, context)


async def typed_coins(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str | int:
    """Notes and coins typed: counted, or the step again with what was not understood."""
    language = lang(update)
    try:
        coins = parse_coins(update.effective_message.text)
    except CoinsError as error:
        await update.effective_message.reply_text(t(f"csh.coins.{error.reason}", language, part=escape(error.part)))
        return COINS
    return await count(update, context, COINS, coins=coins)


async def typed_total(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str | int:
    """A total typed (0 for an empty caisse)."""
    try:
        total = parse_cash(update.effective_message.text)
    except AmountError as error:
        await update.effective_message.reply_text(amount_problem(error, lang(update)))
        return TOTAL
    return await count(update, context, TOTAL, total=total)


async def count(update: Update, context: ContextTypes.DEFAULT_TYPE, step: str, **counted) -> str | int:
    """The store keeps the count with the book balance; the person reads both. In a year whose report
    is with the AD, the warning was on the question answered (``sent``), else the store refuses."""
    current, language = draft(context), lang(update)
    try:
        view = await as_user(update, context, cashcounts.count_cash, current["ledger_id"],
                             day=date.fromisoformat(current["day"]), today=today_of(current),
                             warned=current.get("sent", False), **counted)  # fmt: skip
    except LedgerError as refused:
        if refused.reason == "report_unconfirmed":  # sent since the question: the count kept, under the warning
            return await ask_confirm(update, context, **counted)
        if refused.reason in DAY_REASONS or step == CONFIRM:
            return await ask_method(update, context, refusal(refused, language))
        await update.effective_message.reply_text(refusal(refused, language))
        return step
    context.user_data.pop(DRAFT, None)
    await update.effective_message.reply_text(result_text(view, language))
    return ConversationHandler.END


async def ask_confirm(update: Update, context: ContextTypes.DEFAULT_TYPE, **counted) -> str:
    """The count typed, under the warning that the year's report already sent will be modified: to save, or not."""
    current, language = draft(context), lang(update)
    coins = counted.get("coins")
    current.update(sent=True, counted={"total": counted["total"]} if coins is None else {"coins": sorted(coins.items())})
    total = counted["total"] if coins is None else sum(d * n for d, n in coins.items())
    question = t("csh.confirm", language, day=day_text(date.fromisoformat(current["day"])),
                 ledger=escape(current["name"]), counted=money(total, language))  # fmt: skip
    keyboard = InlineKeyboardMarkup([[button(t("csh.save", language), SAVE_BUTTON.data())],
                                     [button(t("button.cancel", language), CANCEL_BUTTONS[0].data())]])  # fmt: skip
    await show(update, warned(context, question, language), keyboard)
    return CONFIRM


async def confirmed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str | int:
    """✅ Enregistrer l'arrêté, under the warning: the count kept is saved."""
    await update.callback_query.answer()
    await update.callback_query.edit_message_reply_markup(None)
    counted = draft(context).pop("counted")
    return await count(update, context, CONFIRM, **({"coins": dict(counted["coins"])} if "coins" in counted else counted))


def result_text(view: CashCountView, language: str) -> str:
    """'Arrêté de caisse du 27/11/2026 — cahier CE1A : compté 23,50 €, livre 23,50 € ✅' (or the écart)."""
    lines = []
    if view.denominations:
        detail = " + ".join(f"{n} × {coin_text(d, language)}" for d, n in view.denominations)
        lines.append(t("csh.detail", language, detail=detail, total=money(view.counted, language)))
    result = t("csh.result", language, day=day_text(view.day), ledger=escape(view.ledger_name),
               counted=money(view.counted, language), book=signed_money(view.book, language))  # fmt: skip
    if view.matches:
        result += t("csh.matches", language)
    else:
        result += t("csh.differs", language, difference=signed_money(view.difference, language))
    return "\n".join(lines + [result])


async def cancel(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """/annuler or Annuler: nothing was counted."""
    context.user_data.pop(DRAFT, None)
    return await end_conversation(update, context)
