"""/depense and /recette begun: the line typed with the command (or after a bare one) recorded at once when
complete, in one store call (entry_line.py reads its amount, label and #projet; the store the words after the
semicolons), else the draft it begins and the step that comes next (entries.py); the label asked when the line
had only an amount."""

from __future__ import annotations

from html import escape

from telegram import Update
from telegram.ext import ContextTypes, ConversationHandler

from bot.bookkeeping.entries import (
    AMOUNT, DRAFT, LABEL, LABEL_REASONS, confirm_cheque, draft, draft_context, next_step, ordered,
    refused_at_recording, say_recorded,
)
from bot.bookkeeping.entry_line import project_of, split_amount
from bot.texts import lang, t
from bot.ui.chat import as_user
from bot.ui.formatting import excerpt, refusal
from bot.ui.steps import amount_problem
from store import books as store_books
from store import entries
from store.errors import LedgerError
from store.models import Direction
from store.money import AmountError
from store.years import day_shaped


async def begin_expense(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str | int:
    """/depense [montant libellé; extras]"""
    return await begin(update, context, Direction.DEPENSE)


async def begin_receipt(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str | int:
    """/recette [montant libellé; extras]"""
    return await begin(update, context, Direction.RECETTE)


async def begin(update: Update, context: ContextTypes.DEFAULT_TYPE, direction: Direction) -> str | int:
    """Record a line complete at once; else start a draft from whatever it gives and ask what is missing."""
    language = lang(update)
    line = update.effective_message.text.partition(" ")[2].strip()
    head = read_head(line, language) if line else None
    if isinstance(head, tuple):
        return await record_line(update, context, direction, line, head)
    known = await as_user(update, context, entries.entry_context, direction)  # is there a ledger to write in?
    if not known.refs:
        await update.effective_message.reply_text(t("books.no_ledger", language))
        return ConversationHandler.END
    context.user_data[DRAFT] = {"direction": direction.value, "begun": update.effective_message.message_id}
    await update.effective_message.reply_text(
        head or t("ent.ask_amount", language, direction=t(f"direction.{direction.value}", language)))  # fmt: skip
    return AMOUNT


async def typed_amount(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str | int:
    """'12,50 Piles pour la classe' typed after a bare /depense."""
    line = update.effective_message.text
    head = read_head(line, lang(update))
    if isinstance(head, str):
        await update.effective_message.reply_text(head)
        return AMOUNT
    return await record_line(update, context, Direction(draft(context)["direction"]), line, head)


def read_head(line: str, language: str) -> tuple[int, str, str | None] | str:
    """The amount, label and #projet before the first semicolon (the store checks the label), or what to type
    instead of the amount."""
    try:
        amount, label = split_amount(line.split(";")[0])
    except AmountError as refused:  # no amount leading the line, or one the shared amount step refuses
        return t("ent.amount.format", language) if refused.reason == "format" else amount_problem(refused, language)
    label, project = project_of(label)
    return project_too_long(project, language) or (amount, label, project)


def project_too_long(project: str | None, language: str) -> str | None:
    """What to say of a #projet longer than a project may be (the step stays, to type it shorter)."""
    if project is None or len(project) <= store_books.PROJECT_MAX:
        return None
    return t("ent.project.too_long", language, project=escape(excerpt(project)), high=store_books.PROJECT_MAX)


async def record_line(update: Update, context: ContextTypes.DEFAULT_TYPE, direction: Direction, line: str,
                      head: tuple[int, str, str | None]) -> str | int:  # fmt: skip
    """One store call: the line recorded when complete, else its draft and the step that comes next."""
    amount, label, project = head
    outcome = await as_user(update, context, entries.record_or_draft, direction, amount=amount, label=label,
                            project=project, extras=line.split(";")[1:])  # fmt: skip
    if isinstance(outcome, entries.Recorded):
        return await say_recorded(update, context, outcome)
    known, language = ordered(context, outcome.known, direction), lang(update)
    if not known.refs:
        context.user_data.pop(DRAFT, None)
        await update.effective_message.reply_text(t("books.no_ledger", language))
        return ConversationHandler.END
    context.user_data[DRAFT] = {**outcome.fields, "begun": update.effective_message.message_id}
    if outcome.not_written is not None:
        await update.effective_message.reply_text(t("ent.extra.not_written", language, ledger=escape(outcome.not_written),
                                                    yours=", ".join(escape(r.name) for r in known.refs)))  # fmt: skip
        return AMOUNT
    if outcome.unknown is not None:
        unread = "ent.extra.not_a_day" if day_shaped(outcome.unknown) else "ent.extra.unknown"
        await update.effective_message.reply_text(t(unread, language, part=escape(excerpt(outcome.unknown))))
        return AMOUNT
    if outcome.repeated is not None:
        twice = outcome.repeated
        await update.effective_message.reply_text(t("ent.extra.twice", language, first=escape(excerpt(twice.first)),
                                                    second=escape(excerpt(twice.second)),
                                                    what=t(f"ent.extra.what.{twice.what}", language)))  # fmt: skip
        return AMOUNT
    if outcome.cheque_used is not None:
        draft(context)["asked"] = True
        return await confirm_cheque(update, context, outcome.cheque_used)
    if outcome.refused is not None and outcome.refused.reason in LABEL_REASONS:  # the line is typed again
        await update.effective_message.reply_text(refusal(outcome.refused, language))
        return AMOUNT
    if outcome.refused is not None:
        return await refused_at_recording(update, context, outcome.refused, known)
    return await next_step(update, context, known)


async def typed_label(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str | int:
    """The label, when the line had only an amount: the store's rule for a typed label."""
    label, project = project_of(" ".join(update.effective_message.text.split()))
    if too_long := project_too_long(project, lang(update)):
        await update.effective_message.reply_text(too_long)
        return LABEL
    try:
        store_books.typed_label(label)
    except LedgerError as refused:
        await update.effective_message.reply_text(refusal(refused, lang(update)))
        return LABEL
    draft(context).update(label=label, project=project or draft(context).get("project"))
    return await next_step(update, context, await draft_context(update, context))
