"""/coop: the coop's identity card (AD staff type which coop)."""

from __future__ import annotations

from html import escape

from telegram import Update
from telegram.ext import ContextTypes, ConversationHandler

from bot.ui.chat import as_user
from bot.ui.formatting import years_text
from bot.texts import lang, t
from store import coop
from store.coop import CoopCard
from store.models import LedgerKind

TYPING_COOP = "coop.typing"


def card_text(card: CoopCard, language: str) -> str:
    """The card on short lines: identity, people, ledgers and their teachers, where the year stands."""
    nobody = t("coop.nobody", language)

    def names(found: tuple[str, ...]) -> str:
        return escape(", ".join(found)) if found else nobody

    lines = [t("coop.title", language, school=escape(card.school_name), affiliation=card.affiliation,
               commune=f"{escape(card.commune)} · " if card.commune else "", department=card.department_code),
             "",
             t("coop.mandataire", language, names=names(card.mandataires)),
             t("coop.signataires", language, names=names(card.signataires)),
             t("coop.verificateurs", language, names=names(card.verificateurs)),
             "", t("coop.ledgers", language)]  # fmt: skip
    for ledger in card.ledgers:
        if ledger.kind == LedgerKind.ECOLE:
            lines.append(t("coop.ledger.school", language, name=escape(ledger.name)))
        else:
            lines.append(t("coop.ledger.class", language, name=escape(ledger.name), teachers=names(ledger.teachers)))
    lines += ["", t("coop.adhesion", language, years=years_text(card.year),
                    state=t(f"coop.adhesion.{card.membership}", language)),
              t("coop.report", language, years=years_text(card.year - 1),
                state=t(f"rep.state.{card.report}", language))]  # fmt: skip
    return "\n".join(lines)


async def begin(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str | int:
    """/coop: the card of each coop the person belongs to; AD staff are asked which coop."""
    language = lang(update)
    found = await as_user(update, context, coop.cards)
    if not found.cards and found.example is None:
        await update.effective_message.reply_text(t("coop.none_yet", language, department=found.department))
        return ConversationHandler.END
    if not found.cards:
        await update.effective_message.reply_text(t("coop.ask", language, example=found.example))
        return TYPING_COOP
    for card in found.cards:
        await update.effective_message.reply_text(card_text(card, language))
    return ConversationHandler.END


async def typed_coop(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str | int:
    """The affiliation typed by AD staff: its card, or the question again."""
    language, typed = lang(update), update.effective_message.text.strip()[:20]
    found = await as_user(update, context, coop.card_by_affiliation, typed)
    if not found.cards:
        await update.effective_message.reply_text(t("coop.unknown", language, typed=escape(typed),
                                                    example=found.example))  # fmt: skip
        return TYPING_COOP
    await update.effective_message.reply_text(card_text(found.cards[0], language))
    return ConversationHandler.END


async def left(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """Another command or button while the affiliation is awaited: the question is dropped, it runs or acts."""
    return ConversationHandler.END
