"""/caisse: the cash count (arrêté de caisse) of a ledger, compared with the caisse's book balance.

Ledger (when there is a choice) → "Compter billets et pièces" or "Saisir le total" →
the count → the result, kept by the store with its date (today, or another date chosen
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

from bot import texts
from bot.ui.books import ledgers_keyboard, money, refusal, signed_money
from bot.ui.common import as_user, button, day_text, end_conversation
from bot.texts import lang, t
from bot.ui.treasury import amount_problem, answered_day, ask_day_text, parse_cents, show, today_of, writable_ledgers
from store import cashcounts, lookups
from store.cashcounts import CashCountView, DENOMINATIONS
from store.errors import LedgerError
from store.lookups import LedgerRef
from store.money import AmountError
from store.years import today_in

LEDGER, METHOD, DAY, COINS, TOTAL = "csh.ledger", "csh.method", "csh.day", "csh.coins", "csh.total"
DRAFT = "caisse"
DAY_REASONS = ("future", "year_not_open", "closed_year")
# '3 x 20 €', '5×0,50', '2 * 50c': how many, then the note or coin.
_COIN = re.compile(r"(\d+)\s*[x×*]\s*(\d+(?:[.,]\d{1,2})?)\s*(€|euros?|eur|c|cts?|centimes?)?(?![\w])", re.IGNORECASE)
_BETWEEN = re.compile(r"(?:[\s,;+]|\bet\b)*", re.IGNORECASE)

texts.register({
    "cmd.caisse": {"fr": "Arrêté de caisse : compter les espèces et comparer au livre",
                   "en": "Cash count: count the cash and compare it with the books"},
    "csh.pick": {"fr": "Arrêté de caisse : quel cahier ?", "en": "Cash count: which ledger?"},
    "csh.method": {"fr": "<b>Arrêté de caisse du {day}</b> — cahier {ledger}\nComptez les billets et pièces de la "
                         "caisse, puis :",
                   "en": "<b>Cash count of {day}</b> — ledger {ledger}\nCount the notes and coins of the cash box, "
                         "then:"},
    "csh.by_coins": {"fr": "🪙 Compter billets et pièces", "en": "🪙 Count notes and coins"},
    "csh.by_total": {"fr": "🔢 Saisir le total", "en": "🔢 Type the total"},
    "csh.other_day": {"fr": "📅 Autre date", "en": "📅 Another date"},
    "csh.ask_coins": {"fr": "Tapez ce que vous avez compté, « nombre x valeur », par exemple :\n"
                            "2 x 20 €, 3 x 2 €, 5 x 0,50 €\n(les centimes : 0,50 ou 50c ; ou /annuler)",
                      "en": "Type what you counted, \"number x value\", for example:\n"
                            "2 x 20 €, 3 x 2 €, 5 x 0,50 €\n(cents: 0,50 or 50c; or /annuler)"},
    "csh.ask_total": {"fr": "Total compté dans la caisse ? Par exemple 23,50 (0 si elle est vide ; ou /annuler) :",
                      "en": "Total counted in the cash box? For example 23.50 (0 if it is empty; or /annuler):"},
    "csh.coins.format": {"fr": "Je n'ai pas compris « {part} » : tapez « nombre x valeur », séparés par des "
                               "virgules, par exemple 2 x 20 €, 3 x 2 €, 5 x 0,50 €.",
                         "en": "I did not understand \"{part}\": type \"number x value\", separated by commas, "
                               "for example 2 x 20 €, 3 x 2 €, 5 x 0,50 €."},
    "csh.coins.denomination": {"fr": "« {part} » n'est pas un billet ni une pièce en euros. Billets : 500, 200, 100, "
                                     "50, 20, 10, 5 € ; pièces : 2 €, 1 €, 0,50, 0,20, 0,10, 0,05, 0,02, 0,01. "
                                     "Retapez le tout :",
                               "en": "\"{part}\" is not a euro note or coin. Notes: 500, 200, 100, 50, 20, 10, 5 €; "
                                     "coins: 2 €, 1 €, 0.50, 0.20, 0.10, 0.05, 0.02, 0.01. Type it all again:"},
    "csh.detail": {"fr": "{detail} = {total}", "en": "{detail} = {total}"},
    "csh.result": {"fr": "Arrêté de caisse du {day} — cahier {ledger} : compté {counted}, livre {book}",
                   "en": "Cash count of {day} — ledger {ledger}: counted {counted}, books {book}"},
    "csh.matches": {"fr": " ✅", "en": " ✅"},
    "csh.differs": {"fr": " : écart de {difference}.\nRecomptez (/caisse), et cherchez une recette ou une dépense en "
                          "espèces oubliée, ou en trop.",
                    "en": ": difference of {difference}.\nCount again (/caisse), and look for a cash receipt or "
                          "expense forgotten, or recorded twice."},
})  # fmt: skip


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
                                              reply_markup=ledgers_keyboard(refs, "csh:l", language))  # fmt: skip
    return LEDGER


async def chose_ledger(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """A ledger button: only one this person writes in."""
    ref = await as_user(update, context, lookups.pick_ledger, int(update.callback_query.data.split(":")[2]))
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
    keyboard = InlineKeyboardMarkup([[button(t("csh.by_coins", language), "csh:coins")],
                                     [button(t("csh.by_total", language), "csh:total")],
                                     [button(t("csh.other_day", language), "csh:day")],
                                     [button(t("button.cancel", language), "csh:cancel")]])  # fmt: skip
    await show(update, f"{notice}\n\n{text}" if notice else text, keyboard)
    return METHOD


async def ask_coins(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """🪙: the count typed, one message."""
    await update.callback_query.answer()
    await update.callback_query.edit_message_text(t("csh.ask_coins", lang(update)))
    return COINS


async def ask_total(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """🔢: the total typed."""
    await update.callback_query.answer()
    await update.callback_query.edit_message_text(t("csh.ask_total", lang(update)))
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
    return await ask_method(update, context)


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
        total = parse_cents(update.effective_message.text, zero=True)
    except AmountError as error:
        await update.effective_message.reply_text(amount_problem(error, lang(update)))
        return TOTAL
    return await count(update, context, TOTAL, total=total)


async def count(update: Update, context: ContextTypes.DEFAULT_TYPE, step: str, **counted) -> str | int:
    """The store keeps the count with the book balance; the person reads both."""
    current, language = draft(context), lang(update)
    try:
        view = await as_user(update, context, cashcounts.count_cash, current["ledger_id"],
                             day=date.fromisoformat(current["day"]), today=today_of(current), **counted)  # fmt: skip
    except LedgerError as refused:
        if refused.reason in DAY_REASONS:
            return await ask_method(update, context, refusal(refused, language))
        await update.effective_message.reply_text(refusal(refused, language))
        return step
    context.user_data.pop(DRAFT, None)
    await update.effective_message.reply_text(result_text(view, language))
    return ConversationHandler.END


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
