"""What the bookkeeping commands share: ledgers to choose from, today, dates, amounts, entries, refusals."""

from __future__ import annotations

import re
from datetime import date, timedelta
from html import escape

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import ContextTypes

from bot.ui.common import as_user, button, day_text
from bot.texts import t
from store import lookups
from store.balances import Balances
from store.books import EntryView
from store.errors import LedgerError
from store.lookups import LedgerRef
from store.models import Direction, LedgerKind
from store.money import AmountError, format_amount, parse_amount
from store.years import today_in

_DAY = re.compile(r"(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{2}|\d{4}))?")
_ISO_DAY = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_NEGATIVE = re.compile(r"\s*[-−–]\s*\d")
_TAG = re.compile(r"<[^>]*>")
WIDTH = 40  # characters a phone shows on one line without wrapping


async def my_ledgers(update: Update, context: ContextTypes.DEFAULT_TYPE, *, write: bool = True) -> list[LedgerRef]:
    """The ledgers this person may write (or read) in."""
    return await as_user(update, context, lookups.ledgers_for, write=write)


def today_for(ref: LedgerRef) -> date:
    """Today where the ledger's coop is (La Réunion is hours ahead of Paris)."""
    return today_in(ref.timezone)


def parse_day(text: str, today: date) -> date | None:
    """'aujourd'hui', 'hier', '3/11', '03/11/2026', '2026-11-03' → a date (None if it is not one).

    jj/mm without a year is the latest such day that is not after today.
    """
    cleaned = text.strip().lower().replace("’", "'")
    if cleaned in ("aujourd'hui", "auj", "today"):
        return today
    if cleaned in ("hier", "yesterday"):
        return today - timedelta(days=1)
    if iso := _ISO_DAY.fullmatch(cleaned):  # 2026-11-01, as some phones and spreadsheets write it
        try:
            return date(int(iso[1]), int(iso[2]), int(iso[3]))
        except ValueError:
            return None
    match = _DAY.fullmatch(cleaned)
    if not match:
        return None
    day, month, year = int(match[1]), int(match[2]), match[3]
    years = [int(year) + (2000 if len(year) == 2 else 0)] if year else [today.year, today.year - 1]
    for candidate in years:
        try:
            found = date(candidate, month, day)
        except ValueError:
            return None
        if year or found <= today:
            return found
    return None


def refuse_negative(text: str) -> None:
    """'-3' is an amount with a sign, not an unreadable one: say so (AmountError 'negative')."""
    if _NEGATIVE.match(text):
        raise AmountError("negative")


def read_amount(text: str) -> int:
    """A typed amount in cents; AmountError('negative') for '-3', else parse_amount's reasons."""
    refuse_negative(text)
    return parse_amount(text)


async def read_part(update: Update, left: int, language: str) -> int | None:
    """A split's part typed, in cents; None once what is expected was said (the step stays)."""
    try:
        cents = read_amount(update.effective_message.text)
    except AmountError as refused:
        await update.effective_message.reply_text(t(f"ent.amount.{refused.reason}", language))
        return None
    if cents > left:
        await update.effective_message.reply_text(t("ent.split.too_much", language, left=money(left, language)))
        return None
    return cents


def money(cents: int, language: str) -> str:
    return format_amount(cents, language)


def signed_money(cents: int, language: str) -> str:
    return ("−" if cents < 0 else "") + format_amount(abs(cents), language)


def plus_money(cents: int, language: str) -> str:
    """'+12,50 €' or '−12,50 €': a receipt and an expense read apart at a glance."""
    return ("+" if cents > 0 else "") + signed_money(cents, language)


def clip(text: str, width: int) -> str:
    """At most ``width`` characters, '…' ending a text cut."""
    return text if len(text) <= width else text[:max(0, width - 1)].rstrip() + "…"


def narrow(text: str, width: int = WIDTH) -> str:
    """Each line wrapped at spaces to ``width`` characters as they show (HTML tags not counted);
    no-break spaces inside amounts keep them whole."""
    lines = []
    for line in text.split("\n"):
        indent = line[:len(line) - len(line.lstrip(" "))]
        current = ""
        for word in _keep_punctuation(line.split(" ")):
            candidate = f"{current} {word}" if current.strip() else indent + word
            if current.strip() and len(_TAG.sub("", candidate)) > width:
                lines.append(current)
                current = indent + word
            else:
                current = candidate
        lines.append(current)
    return "\n".join(lines)


def _keep_punctuation(words: list[str]) -> list[str]:
    """French punctuation stays with its word: no line starts with ':' or '»', none ends with '«'."""
    kept: list[str] = []
    for word in words:
        if kept and (word in (":", ";", "?", "!", "»") or kept[-1] == "«"):
            kept[-1] += " " + word
        else:
            kept.append(word)
    return kept


def entry_line(entry: EntryView, language: str) -> str:
    """'D7 · 03/11/2026 · Piles · −12,50 € · carte' (struck through when cancelled)."""
    means = t(f"means.{entry.means.value}", language)
    if entry.cheque_number:
        means += f" n° {entry.cheque_number}"
    line = (f"{entry.piece} · {day_text(entry.day)} · {escape(entry.label)} · "
            f"{signed_money(entry.signed, language)} · {means}")  # fmt: skip
    if entry.project:
        line += f" · #{entry.project}"
    if entry.receipts:
        line += " · 📎"
    return f"<s>{line}</s> ({t('entry.cancelled', language)})" if entry.cancelled else line


def balance_line(balances: Balances, language: str) -> str:
    """'cahier CE1A : 123,45 € (banque 100,00 € · caisse 23,45 €)'."""
    return t("balance.line", language, ledger=escape(balances.ledger_name),
             total=signed_money(balances.total, language), banque=signed_money(balances.banque, language),
             caisse=money(balances.caisse, language))  # fmt: skip


def balance_lines(balances: Balances, language: str) -> str:
    """'cahier CE1A : 123,45 €' and, under it, '   banque 100,00 € · caisse 23,45 €'."""
    return t("balance.lines", language, ledger=escape(balances.ledger_name),
             total=signed_money(balances.total, language), banque=signed_money(balances.banque, language),
             caisse=money(balances.caisse, language))  # fmt: skip


def ledger_label(ref: LedgerRef, language: str, several_coops: bool = False) -> str:
    label = t("ledger.school", language, name=ref.name) if ref.kind == LedgerKind.ECOLE else ref.name
    return f"{label} ({ref.affiliation})" if several_coops else label


def ledgers_keyboard(refs: list[LedgerRef], prefix: str, language: str) -> InlineKeyboardMarkup:
    """One button per ledger, callback '<prefix>:<ledger id>', and Annuler."""
    several = len({r.coop_id for r in refs}) > 1
    rows = [[button(ledger_label(r, language, several), f"{prefix}:{r.id}")] for r in refs]
    rows.append([button(t("button.cancel", language), f"{prefix}:cancel")])
    return InlineKeyboardMarkup(rows)


def refusal(error: LedgerError, language: str) -> str:
    """The French sentence for a refusal of the store's bookkeeping rules."""
    values = dict(error.details)
    for key in ("caisse", "minimum", "difference", "counted"):
        if key in values:
            values[key] = signed_money(values[key], language)
    if "year" in values:
        values["next_year"] = values["year"] + 1
    values.setdefault("account", "")
    return t(f"ledger.error.{error.reason}", language, **{k: escape(str(v)) for k, v in values.items()})


def direction_word(direction: Direction, language: str) -> str:
    return t(f"direction.{direction.value}", language)
