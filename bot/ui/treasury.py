"""What /mouvement, /pointage and /caisse share: amounts and dates typed, the day buttons, a screen shown."""

from __future__ import annotations

from datetime import date, timedelta

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import ContextTypes

from bot import texts
from bot.ui.books import my_ledgers, parse_day
from bot.ui.common import button, day_text
from bot.texts import lang, t
from store.lookups import LedgerRef
from store.money import AmountError, parse_amount
from store.years import today_in

texts.register({
    "trs.amount.format": {"fr": "Tapez un montant en chiffres, par exemple {example} :",
                          "en": "Type an amount in figures, for example {example}:"},
    "trs.amount.decimals": {"fr": "Deux chiffres après la virgule au plus, par exemple {example} :",
                            "en": "Two decimals at most, for example {example}:"},
    "trs.amount.zero": {"fr": "Le montant doit être supérieur à zéro, par exemple {example} :",
                        "en": "The amount must be more than zero, for example {example}:"},
    "trs.amount.too_large": {"fr": "Le montant dépasse 100 000 € : vérifiez-le et retapez-le :",
                             "en": "The amount is over €100,000: check it and type it again:"},
    "trs.day.today": {"fr": "Aujourd'hui", "en": "Today"},
    "trs.day.yesterday": {"fr": "Hier", "en": "Yesterday"},
    "trs.day.other": {"fr": "📅 Autre date", "en": "📅 Another date"},
    "trs.day.ask": {"fr": "Tapez la date, jj/mm/aaaa (par exemple {example}) :",
                    "en": "Type the date, dd/mm/yyyy (for example {example}):"},
    "trs.day.invalid": {"fr": "Ce n'est pas une date : tapez jj/mm/aaaa, par exemple {example}.",
                        "en": "That is not a date: type dd/mm/yyyy, for example {example}."},
    "trs.day.future": {"fr": "La date ne peut pas être dans le futur : tapez une date jusqu'au {example}.",
                       "en": "The date cannot be in the future: type a date up to {example}."},
})  # fmt: skip

AMOUNT_EXAMPLE = "12,50"


def today_of(current: dict) -> date:
    """Today where the conversation's ledger or coop is (its timezone is kept in the draft)."""
    return today_in(current["timezone"])


async def writable_ledgers(update: Update, context: ContextTypes.DEFAULT_TYPE) -> list[LedgerRef]:
    """The ledgers this person writes in; with none, they are told so and the list is empty."""
    refs = await my_ledgers(update, context)
    if not refs:
        await update.effective_message.reply_text(t("books.no_ledger", lang(update)))
    return refs


def parse_cents(text: str, *, zero: bool = False, signed: bool = False) -> int:
    """'12,50' → 1250. With ``zero`` '0' is 0 (an empty caisse); with ``signed`` '−12,50' is −1250
    (a bank statement in the red). Raises AmountError like store.money.parse_amount."""
    cleaned, sign = text.strip(), 1
    if signed and cleaned[:1] in ("-", "−"):
        cleaned, sign = cleaned[1:].strip(), -1
    try:
        return sign * parse_amount(cleaned)
    except AmountError as error:
        if zero and error.reason == "zero":
            return 0
        raise


def amount_problem(error: AmountError, language: str) -> str:
    """What to type instead of a refused amount."""
    return t(f"trs.amount.{error.reason}", language, example=AMOUNT_EXAMPLE)


def day_keyboard(prefix: str, language: str, *, yesterday: bool = True) -> InlineKeyboardMarkup:
    """Aujourd'hui / Hier, Autre date, Annuler: callbacks '<prefix>:today|yesterday|other', '<prefix>:cancel'."""
    days = [button(t("trs.day.today", language), f"{prefix}:today")]
    if yesterday:
        days.append(button(t("trs.day.yesterday", language), f"{prefix}:yesterday"))
    return InlineKeyboardMarkup([days, [button(t("trs.day.other", language), f"{prefix}:other")],
                                 [button(t("button.cancel", language), f"{prefix}:cancel")]])  # fmt: skip


def pressed_day(choice: str, today: date) -> date:
    """The day of a pressed Aujourd'hui / Hier button."""
    return today - timedelta(days=1) if choice == "yesterday" else today


def read_day(text: str, today: date, language: str) -> date | str:
    """A typed date, or the sentence saying what to type instead (the future is refused here)."""
    day = parse_day(text, today)
    if day is None:
        return t("trs.day.invalid", language, example=day_text(today))
    if day > today:
        return t("trs.day.future", language, example=day_text(today))
    return day


def ask_day_text(today: date, language: str) -> str:
    return t("trs.day.ask", language, example=day_text(today))


async def answered_day(update: Update, today: date) -> date | None:
    """The day of a pressed Aujourd'hui / Hier button, or of a date typed. None after "Autre date"
    (the date is then asked) or a date refused (the person is told why): the step stays."""
    query, language = update.callback_query, lang(update)
    if query:
        await query.answer()
        choice = query.data.rsplit(":", 1)[1]
        if choice == "other":
            await query.edit_message_text(ask_day_text(today, language))
            return None
        return pressed_day(choice, today)
    day = read_day(update.effective_message.text, today, language)
    if isinstance(day, str):
        await update.effective_message.reply_text(day)
        return None
    return day


async def show(update: Update, text: str, keyboard: InlineKeyboardMarkup | None = None) -> int:
    """Replace the message whose button was pressed, or answer the message typed; the id of the message shown."""
    if update.callback_query:
        await update.callback_query.edit_message_text(text, reply_markup=keyboard)
        return update.callback_query.message.message_id
    return (await update.effective_message.reply_text(text, reply_markup=keyboard)).message_id
