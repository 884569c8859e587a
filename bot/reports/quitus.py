"""The vérificateur's quitus: the button they were sent (or on /compterendu), their name, parent or not.

The store refuses a vérificateur who is also mandataire or signataire of the coop, a quitus
not asked for yet, and one while class ledgers are open; the date is today's, where the coop is.
"""

from __future__ import annotations

from html import escape

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import ContextTypes, ConversationHandler

from bot.reports.compterendu import GIVE_BUTTON, NOT_REQUESTED, problem
from bot.texts import lang, t
from bot.ui.buttons import Button, button, one_of
from bot.ui.chat import as_user, end_conversation, notify, show
from bot.ui.formatting import day_text, years_text
from store import quitus, reports
from store.quitus import QUITUS_NEEDED
from store.reports import ReportError

NAME, PARENT = "qts.name", "qts.parent"
DRAFT = "quitus"
PARENT_BUTTON = Button("qts:p", one_of("yes", "no"))


async def begin(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str | int:
    """✅ Donner mon quitus: the report is read (the store checks access), then the name is asked; a button
    of a request withdrawn since (a class ledger reopened), or pressed by a mandataire or signataire, says so
    before asking anything."""
    query = update.callback_query
    await query.answer()
    view = await as_user(update, context, reports.report_view, GIVE_BUTTON.read(update))
    refused = "verificateur_manager" if view.manager else "quitus_not_requested" if view.state in NOT_REQUESTED else None
    if refused:  # the store would refuse it once typed: said before anything is asked
        await show(update, t(f"rep.bad.{refused}", lang(update)))
        return ConversationHandler.END
    context.user_data[DRAFT] = {"report_id": view.report_id}
    await show(update, t("rep.quitus.ask_name", lang(update), years=years_text(view.year), affiliation=view.affiliation))
    return NAME


async def typed_name(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """The name as it will stand on the quitus."""
    try:
        name = quitus.quitus_name(update.effective_message.text)
    except ReportError as error:  # the store's rule, at this step
        await update.effective_message.reply_text(problem(error, lang(update)))
        return NAME
    context.user_data[DRAFT]["name"] = name
    language = lang(update)
    keyboard = InlineKeyboardMarkup([[button(t("rep.yes", language), PARENT_BUTTON.data("yes")),
                                      button(t("rep.no", language), PARENT_BUTTON.data("no"))]])  # fmt: skip
    await update.effective_message.reply_text(t("rep.quitus.ask_parent", language), reply_markup=keyboard)
    return PARENT


async def chose_parent(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """Parent or not: the quitus recorded, the coop's managers told; or the reason it is refused."""
    query, language = update.callback_query, lang(update)
    await query.answer()
    current = context.user_data.get(DRAFT, {})
    try:
        outcome = await as_user(update, context, quitus.give_quitus, current.get("report_id"),
                                name=current.get("name", ""), parent=PARENT_BUTTON.read(update) == "yes")  # fmt: skip
    except ReportError as error:
        context.user_data.pop(DRAFT, None)
        await query.edit_message_text(problem(error, language))
        return ConversationHandler.END
    context.user_data.pop(DRAFT, None)
    view = outcome.view
    mine = [q for q in view.quitus if q.name == " ".join(current["name"].split())][-1]
    await query.edit_message_text(t("rep.quitus.given", language, name=escape(mine.name), day=day_text(mine.day)))
    for person in outcome.notify:
        await notify(context, person.telegram_id, t("rep.quitus.told", person.language, name=escape(mine.name),
                                                    years=years_text(view.year), given=len(view.quitus),
                                                    needed=QUITUS_NEEDED))  # fmt: skip
    return ConversationHandler.END


async def cancel(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """/annuler: no quitus given."""
    context.user_data.pop(DRAFT, None)
    return await end_conversation(update, context)
