"""The steps every feature shares: an amount typed, a date pressed or typed, a ledger picked; the ledgers
of the person and today where their coop is."""

from __future__ import annotations

import re
from datetime import date, timedelta

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import ContextTypes

from bot.texts import lang, t
from bot.ui.buttons import Button, button, one_of
from bot.ui.chat import as_user
from bot.ui.formatting import day_text, ledger_label, money
from store import lookups
from store.access import Action
from store.lookups import LedgerRef
from store.money import AmountError, parse_amount
from store.text import says_something
from store.years import parse_day, today_in

_NEGATIVE = re.compile(r"\s*[-−–]\s*\d")
DAYS = one_of("today", "yesterday", "other")  # the field of the day buttons


async def my_ledgers(update: Update, context: ContextTypes.DEFAULT_TYPE, *, write: bool = True) -> list[LedgerRef]:
    """The ledgers this person may write (or read) in."""
    return await as_user(update, context, lookups.ledgers_for, write=write)


def today_for(ref: LedgerRef) -> date:
    """Today where the ledger's coop is (La Réunion is hours ahead of Paris)."""
    return today_in(ref.timezone)


async def words_kept(update: Update, text: str, limit: int, *, length: str, letters: str) -> bool:
    """Whether a typed label, name or title may be kept: 1 to ``limit`` characters with a letter or a digit
    among them; else the person is told why (the ``length`` or the ``letters`` text) and stays at the step."""
    problem = length if not 1 <= len(text) <= limit else None if says_something(text) else letters
    if problem:
        await update.effective_message.reply_text(t(problem, lang(update), limit=limit))
    return problem is None


def refuse_negative(text: str) -> None:
    """'-3' is an amount with a sign, not an unreadable one: say so (AmountError 'negative')."""
    if _NEGATIVE.match(text):
        raise AmountError("negative")


def read_amount(text: str) -> int:
    """A typed amount in cents; AmountError('negative') for '-3', else parse_amount's reasons."""
    refuse_negative(text)
    return parse_amount(text)


def amount_or_problem(text: str, language: str) -> int | str:
    """A typed amount in cents ('-3' refused as negative), or the sentence saying what to type instead."""
    try:
        return read_amount(text)
    except AmountError as refused:
        return amount_problem(refused, language)


async def read_part(update: Update, left: int, language: str) -> int | None:
    """A split's part typed, in cents; None once what is expected was said (the step stays)."""
    cents = amount_or_problem(update.effective_message.text, language)
    if isinstance(cents, str):
        await update.effective_message.reply_text(cents)
        return None
    if cents > left:
        await update.effective_message.reply_text(t("ent.split.too_much", language, left=money(left, language)))
        return None
    return cents


def ledgers_keyboard(refs: list[LedgerRef], pick: Button, cancel: Button, language: str) -> InlineKeyboardMarkup:
    """One ``pick`` button per ledger (its id), and Annuler."""
    several = len({r.coop_id for r in refs}) > 1
    rows = [[button(ledger_label(r, language, several), pick.data(r.id))] for r in refs]
    rows.append([button(t("button.cancel", language), cancel.data())])
    return InlineKeyboardMarkup(rows)


async def only_coop(update: Update, refs: list[LedgerRef], question: str, pick: Button,
                    cancel: Button) -> LedgerRef | None:  # fmt: skip
    """The coop of ``refs`` (ledgers) when they are all one coop's (a ledger of it); else None, once ``question``
    is asked with a ``pick`` button per coop (its id) and Annuler: the step that follows reads it (picked_coop)."""
    coops = list({r.coop_id: r for r in refs}.values())
    if len(coops) == 1:
        return coops[0]
    language = lang(update)
    rows = [[button(t("trs.coop", language, affiliation=r.affiliation), pick.data(r.coop_id))] for r in coops]
    rows.append([button(t("button.cancel", language), cancel.data())])
    await update.effective_message.reply_text(t(question, language), reply_markup=InlineKeyboardMarkup(rows))
    return None


def flip(ticked: list, item: object) -> None:
    """☐ ⇄ ☑: ``item`` leaves the ``ticked`` ones, or joins them (the list is kept in the conversation's draft)."""
    ticked.remove(item) if item in ticked else ticked.append(item)


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


def parse_cash(text: str) -> int:
    """A sum of cash typed (counted, or a caisse's report à nouveau): 0 for an empty caisse; '-3' refused as
    AmountError('negative_cash'), a caisse being never below zero, else parse_amount's reasons."""
    if _NEGATIVE.match(text):
        raise AmountError("negative_cash")
    return parse_cents(text, zero=True)


def amount_problem(error: AmountError, language: str) -> str:
    """What to type instead of a refused amount."""
    return t(f"trs.amount.{error.reason}", language, example=t("trs.amount.example", language))


def day_keyboard(days: Button, cancel: Button, language: str, *, yesterday: bool = True) -> InlineKeyboardMarkup:
    """Aujourd'hui / Hier, Autre date (``days`` buttons: today, yesterday, other), Annuler."""
    row = [button(t("trs.day.today", language), days.data("today"))]
    if yesterday:
        row.append(button(t("trs.day.yesterday", language), days.data("yesterday")))
    return InlineKeyboardMarkup([row, [button(t("trs.day.other", language), days.data("other"))],
                                 [button(t("button.cancel", language), cancel.data())]])  # fmt: skip


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


async def answered_day(update: Update, today: date, days: Button | None = None) -> date | None:
    """The day of a pressed Aujourd'hui / Hier button (of ``days``), or of a date typed. None after
    "Autre date" (the date is then asked) or a date refused (the person is told why): the step stays."""
    query, language = update.callback_query, lang(update)
    if query:
        await query.answer()
        choice = days.read(update)
        if choice == "other":
            await query.edit_message_text(ask_day_text(today, language))
            return None
        return pressed_day(choice, today)
    day = read_day(update.effective_message.text, today, language)
    if isinstance(day, str):
        await update.effective_message.reply_text(day)
        return None
    return day


async def picked_ledger(update: Update, context: ContextTypes.DEFAULT_TYPE, pick: Button,
                        action: Action = Action.WRITE_LEDGER) -> LedgerRef:  # fmt: skip
    """The ledger of the pressed ``pick`` button, if this person may (the store refuses a forged or stale one)."""
    return await as_user(update, context, lookups.pick_ledger, pick.read(update), action)


async def picked_coop(update: Update, context: ContextTypes.DEFAULT_TYPE, pick: Button, action: Action) -> LedgerRef:
    """The coop of the pressed ``pick`` button of only_coop's question, if this person may (the store refuses a
    forged or stale one): a ledger of it."""
    ref = await as_user(update, context, lookups.pick_coop, pick.read(update), action)
    await update.callback_query.answer()
    return ref
