"""How things are written for a phone: jj/mm/aaaa, 1 234,56 €, short lines, balances, ledgers, refusals."""

from __future__ import annotations

import re
from datetime import date, datetime
from html import escape
from zoneinfo import ZoneInfo

from babel.dates import format_date
from telegram.ext import ContextTypes

from bot.texts import t
from bot.ui.chat import settings
from store.balances import Balances
from store.books import EntryView
from store.adhesion import AdhesionError
from store.errors import LedgerError, StoreError
from store.invitations import InvitationError
from store.cahiers import LedgerNameError
from store.lookups import LedgerRef
from store.models import Direction, LedgerKind
from store.money import AmountError, format_amount
from store.years import fiscal_year_of

_TAG = re.compile(r"<[^>]*>")
_ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);")  # &#x27; (an escaped apostrophe) shows as one character
WIDTH = 40  # characters a phone shows on one line without wrapping
TEXT_BUDGET = 3800  # characters: every message stays below Telegram's 4096


def excerpt(typed: str, limit: int = 60) -> str:
    """What someone typed, quoted back short (a 4096-character message must not come back whole)."""
    text = " ".join(str(typed).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def format_day(instant: datetime, context: ContextTypes.DEFAULT_TYPE) -> str:
    """jj/mm/aaaa, in the bot's time zone."""
    return day_text(instant.astimezone(ZoneInfo(settings(context).timezone)))


def day_text(day: date | datetime) -> str:
    """jj/mm/aaaa."""
    return format_date(day, "dd/MM/yyyy", locale="fr_FR")


def years_text(year: int) -> str:
    """2026 → 2026-2027, the school year that starts in 2026."""
    return f"{year}-{year + 1}"


def money(cents: int, language: str) -> str:
    return format_amount(cents, language)


def signed_money(cents: int, language: str) -> str:
    return ("−" if cents < 0 else "") + format_amount(abs(cents), language)


def plus_money(cents: int, language: str) -> str:
    """'+12,50 €' or '−12,50 €': a receipt and an expense read apart at a glance."""
    return ("+" if cents > 0 else "") + signed_money(cents, language)


def means_text(means: str, cheque_number: str | None, language: str) -> str:
    """'carte', or 'chèque n° 1234567' ('cheque no. 1234567')."""
    text = t(f"means.{means}", language)
    return text + " " + t("means.cheque_no", language, number=cheque_number) if cheque_number else text


def clip(text: str, width: int) -> str:
    """At most ``width`` characters, '…' ending a text cut."""
    return text if len(text) <= width else text[:max(0, width - 1)].rstrip() + "…"


def shown_length(html_text: str) -> int:
    """The characters a person sees of an HTML message's text: tags apart, an entity one character."""
    return len(_ENTITY.sub("&", _TAG.sub("", html_text)))


def narrow(text: str, width: int = WIDTH) -> str:
    """Each line wrapped at spaces to ``width`` characters as they show (HTML tags not counted, entities as one);
    no-break spaces inside amounts keep them whole."""
    lines = []
    for line in text.split("\n"):
        indent = line[:len(line) - len(line.lstrip(" "))]
        current = ""
        for word in _keep_punctuation(line.split(" ")):
            candidate = f"{current} {word}" if current.strip() else indent + word
            if current.strip() and shown_length(candidate) > width:
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
    means = means_text(entry.means.value, entry.cheque_number, language)
    line = (f"{entry.piece} · {day_text(entry.day)} · {escape(entry.label)} · "
            f"{signed_money(entry.signed, language)} · {means}")  # fmt: skip
    if entry.project:
        line += f" · #{entry.project}"
    if entry.receipts:
        line += " · 📎"
    return f"<s>{line}</s> ({t('entry.cancelled', language)})" if entry.cancelled else line


def ledger_of(balances: Balances, language: str) -> str:
    """'CE1A'; a past exercice's balances (a change dated last year, while it is open) say which, not to be read as
    today's: 'CE1A, exercice 2025-2026'. (The server's date: a few hours off at the turn of the year, when saying
    the exercice is still true.)"""
    if balances.fiscal_year >= fiscal_year_of(date.today()):
        return escape(balances.ledger_name)
    return t("balance.of_year", language, ledger=escape(balances.ledger_name), years=years_text(balances.fiscal_year))


def balance_line(balances: Balances, language: str) -> str:
    """'cahier CE1A : 123,45 € (banque 100,00 € · caisse 23,45 €)', or 'cahier CE1A, exercice 2025-2026 : …'."""
    return t("balance.line", language, ledger=ledger_of(balances, language),
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


# The catalogue's prefix for each kind of refusal; the reason completes the key.
REFUSAL_KEYS: dict[type[StoreError], str] = {
    LedgerError: "ledger.error", AdhesionError: "adh.error", LedgerNameError: "led.error",
    InvitationError: "invitation", AmountError: "ent.amount",
}


def refusal(error: StoreError, language: str, **values: object) -> str:
    """The sentence for any refusal of the store: its kind and reason name it, its details (and ``values``) fill it."""
    details = {key: escape(excerpt(value)) for key, value in error.details.items()}
    for key in ("caisse", "minimum", "difference", "counted"):
        if key in details:
            details[key] = escape(signed_money(error.details[key], language))
    if "year" in details:
        details["next_year"] = error.details["year"] + 1
    details.setdefault("account", "")
    prefix = next(prefix for kind, prefix in REFUSAL_KEYS.items() if isinstance(error, kind))
    return t(f"{prefix}.{error.reason}", language, **details | values)


def report_warning(day_or_year: date | int, language: str) -> str:
    """"⚠️ Le compte rendu 2025-2026 déjà envoyé sera modifié", for a day (or fiscal year) whose report is with the AD."""
    year = day_or_year if isinstance(day_or_year, int) else fiscal_year_of(day_or_year)
    return t("books.report_sent", language, years=years_text(year))


def direction_word(direction: Direction, language: str) -> str:
    return t(f"direction.{direction.value}", language)


def fit(lines: list[str], budget: int = TEXT_BUDGET) -> list[str]:
    """The first lines whose total length stays within the budget."""
    kept, size = [], 0
    for line in lines:
        size += len(line) + 1
        if size > budget:
            break
        kept.append(line)
    return kept
