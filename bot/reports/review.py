"""The AD's side of the reports, under /valider: where every coop's report stands, one opened,
validated (the year locked) or sent back with a comment; and the changes made after sending."""

from __future__ import annotations

from html import escape

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import ContextTypes, ConversationHandler

from bot.reminders.sending import deliver
from bot.reports.compterendu import REVIEW_BUTTON, overview_text, problem
from bot.texts import lang, plural, t
from bot.ui.buttons import ID, Button, button
from bot.ui.chat import as_user, end_conversation, in_store, notify, show
from bot.ui.formatting import years_text
from store import report_sending, reports
from store.reports import ReportError

COMMENT = "rad.comment"
DRAFT = "report_review"
LIST_BUTTON, BACK_BUTTON = Button("rad:list"), Button("rad:back", ID)
OK_BUTTON = Button("rad:ok", ID, ID)  # ✅: the report, and its version the card shows
SHOWN = 10
GROUPS = (("check", ("sent", "modified")), ("late", ()), ("progress", ("in_progress", "quitus_requested", "to_complete")),
          ("not_started", ("not_started",)), ("validated", ("validated",)))  # fmt: skip


def group_of(row: report_sending.FollowUpRow) -> str:
    """The part of the list a coop's report belongs to; late ones apart, whatever their state."""
    if row.late:
        return "late"
    return next(name for name, states in GROUPS if row.state in states)


async def follow_up(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """📋 Comptes rendus: each group with its coops, a button per report to check."""
    query, language = update.callback_query, lang(update)
    await query.answer()
    for department, rows in await as_user(update, context, report_sending.follow_ups):
        year = rows[0].year if rows else None
        lines = [t("rep.follow.title", language, years=years_text(year) if year else "", department=department)]
        shown = []  # each group's coops named above, in its order: every report among them has its 🔍
        for name, _ in GROUPS:
            members = [r for r in rows if group_of(r) == name]
            if members:
                names = ", ".join(f"{r.affiliation} {escape(r.school_name)}" for r in members[:SHOWN])
                if len(members) > SHOWN:
                    names += " " + t("follow.more", language, others=plural(len(members) - SHOWN, "word.other", language))
                lines.append(t("follow.group", language, group=t(f"rep.follow.{name}", language), count=len(members), coops=names))
                shown += members[:SHOWN]
        keyboard = [[button(t("rep.button.review", language, affiliation=r.affiliation), REVIEW_BUTTON.data(r.report_id))]
                    for r in shown if r.report_id]  # fmt: skip
        await update.effective_message.reply_text("\n\n".join(lines), reply_markup=InlineKeyboardMarkup(keyboard))


async def review(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """🔍 a report: its overview, and the AD's two answers when it waits for one."""
    query, language = update.callback_query, lang(update)
    await query.answer()
    view = await as_user(update, context, reports.report_view, REVIEW_BUTTON.read(update))
    rows = []
    if view.state in ("sent", "modified"):
        rows = [[button(t("rep.button.validate", language), OK_BUTTON.data(view.report_id, view.version))],
                [button(t("rep.button.send_back", language), BACK_BUTTON.data(view.report_id))]]  # fmt: skip
    await update.effective_message.reply_text(overview_text(view, language), reply_markup=InlineKeyboardMarkup(rows))


async def validate(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """✅ Valider: the year locked, the coop's managers told."""
    query, language = update.callback_query, lang(update)
    await query.answer()
    try:
        outcome = await as_user(update, context, report_sending.validate, *OK_BUTTON.read(update))
    except ReportError as error:
        await show(update, problem(error, language))
        return
    view = outcome.view
    await show(update, t("rep.validated", language, years=years_text(view.year), affiliation=view.affiliation))
    for person in outcome.notify:
        await notify(context, person.telegram_id, t("rep.validated.told", person.language, years=years_text(view.year)))


async def ask_comment(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str | int:
    """↩️ À compléter: what must be completed, typed."""
    query, language = update.callback_query, lang(update)
    await query.answer()
    view = await as_user(update, context, reports.report_view, BACK_BUTTON.read(update))
    if view.state not in ("sent", "modified"):
        await show(update, t("rep.bad.locked" if view.locked else "rep.bad.not_sent", language))
        return ConversationHandler.END
    context.user_data[DRAFT] = {"report_id": view.report_id}
    await show(update, t("rep.ask.comment", language, affiliation=view.affiliation))
    return COMMENT


async def typed_comment(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str | int:
    """The comment: the report sent back, the mandataire told in the words of Retkoop."""
    language = lang(update)
    try:
        outcome = await as_user(update, context, report_sending.send_back, context.user_data[DRAFT]["report_id"],
                                update.effective_message.text)  # fmt: skip
    except ReportError as error:
        await update.effective_message.reply_text(problem(error, language))
        return COMMENT if error.reason == "comment_length" else ConversationHandler.END
    context.user_data.pop(DRAFT, None)
    await update.effective_message.reply_text(t("rep.sent_back", language, affiliation=outcome.view.affiliation))
    await deliver(context.application, keys=outcome.outbox)  # the reminders' run finds it sent: never twice
    return ConversationHandler.END


async def cancel(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """/annuler: the report is not sent back."""
    context.user_data.pop(DRAFT, None)
    return await end_conversation(update, context)


async def comment_left(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """Another command or button while the comment is awaited: the report is not sent back (a command is told
    so), then the command runs or the button acts."""
    context.user_data.pop(DRAFT, None)
    if update.message:
        await update.message.reply_text(t("rep.send_back_left", lang(update)))
    return ConversationHandler.END


async def tell_changes(context: ContextTypes.DEFAULT_TYPE) -> None:
    """Every few seconds: reports changed after sending, told to the coop's managers and its AD once, through the outbox."""
    await deliver(context.application, keys=await in_store(context, report_sending.changes_to_tell))
