"""/valider for the AD staff: where every coop of the department stands, each membership sent reviewed
(🔍), validated or left for later, and a validated one reopened with a reason the mandataire reads."""

from __future__ import annotations

from html import escape

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import ContextTypes, ConversationHandler

from bot.membership.adhesion import PAY_BUTTON, REVIEW_BUTTON, pressed_membership, refuse, table_text
from bot.texts import lang, plural, t
from bot.ui.buttons import ID, Button, button
from bot.ui.chat import as_user, notify
from bot.ui.formatting import refusal, years_text
from store import adhesion_validation
from store.adhesion import AdhesionError
from store.money import format_amount

REOPEN_REASON = "adh.reopen.reason"  # conversation state: the reason typed
VALIDATE_BUTTON, LATER_BUTTON = Button("adh:ok", ID, ID), Button("adh:later", ID)  # ✅: the membership, its sending
REOPEN_BUTTON = Button("adh:reopen", ID)
FOLLOW_UP_SHOWN = 15  # names per group in /valider; the rest is counted


async def review(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """🔍 (notification or /valider): the AD sees the coop's rows, members and fee before validating."""
    language = lang(update)
    adhesion_id, table = await pressed_membership(update, context, REVIEW_BUTTON, adhesion_validation.view_of)
    if table.state == "submitted":
        keyboard = [[button(t("adh.button.validate", language, affiliation=table.affiliation),
                            VALIDATE_BUTTON.data(adhesion_id, table.sending))],
                    [button(t("adh.button.not_now", language), LATER_BUTTON.data(adhesion_id))]]  # fmt: skip
    elif table.state == "validated":
        keyboard = [[button(t("adh.button.reopen", language, affiliation=table.affiliation),
                            REOPEN_BUTTON.data(adhesion_id))]]  # fmt: skip
    else:
        keyboard = []
    heading = t("adh.review", language) + "\n\n" if table.state == "submitted" else ""  # not over a validated one
    await update.callback_query.message.reply_text(
        heading + table_text(table, 0, language),
        reply_markup=InlineKeyboardMarkup(keyboard) if keyboard else None)  # fmt: skip


async def not_now(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """✖️ Pas maintenant: the review stays, without buttons."""
    query = update.callback_query
    _, table = await pressed_membership(update, context, LATER_BUTTON, adhesion_validation.view_of)
    await query.edit_message_reply_markup(None)
    await query.message.reply_text(t("adh.not_now", lang(update), affiliation=table.affiliation))


async def validate(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """✅ under the review: the AD validates; the managers are told, and offered to record the payment."""
    language = lang(update)
    adhesion_id, notified = await pressed_membership(update, context, VALIDATE_BUTTON, adhesion_validation.validate,
                                                     drop_buttons=True)  # fmt: skip
    if notified is None:
        return
    year = notified.year
    await update.callback_query.edit_message_text(
        t("adh.validated", language, years=years_text(year), affiliation=notified.affiliation),
        reply_markup=InlineKeyboardMarkup([[button(
            t("adh.button.reopen", language, affiliation=notified.affiliation), REOPEN_BUTTON.data(adhesion_id))]]),
    )  # fmt: skip
    for manager_id, manager_language in notified.people:
        pay = button(t("adh.button.pay", manager_language, amount=format_amount(notified.fee_cents, manager_language)),
                     PAY_BUTTON.data(adhesion_id))  # fmt: skip
        await notify(context, manager_id, t("adh.told_validated", manager_language,
                                                     years=years_text(year), affiliation=notified.affiliation),
                     reply_markup=InlineKeyboardMarkup([[pay]]))  # fmt: skip


async def ask_reason(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str | int:
    """↩️ Rouvrir: the AD types why; the mandataire will read it."""
    language, message = lang(update), update.callback_query.message
    adhesion_id, table = await pressed_membership(update, context, REOPEN_BUTTON, adhesion_validation.view_of)
    if table.state != "validated":
        await message.reply_text(t("adh.error.not_validated", language))
        return ConversationHandler.END
    context.user_data["reopen"] = {"adhesion_id": adhesion_id}
    await message.reply_text(t("adh.ask_reason", language, years=years_text(table.year),
                                     affiliation=table.affiliation))  # fmt: skip
    return REOPEN_REASON


async def typed_reason(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str | int:
    """The reason: the membership is reopened and its managers are told why."""
    language = lang(update)
    adhesion_id = context.user_data.get("reopen", {}).get("adhesion_id", 0)
    try:
        notified = await as_user(update, context, adhesion_validation.reopen, adhesion_id,
                                 update.effective_message.text)
    except AdhesionError as error:
        if error.reason in ("reason", "reason_no_letter"):
            return await refuse(update, error, REOPEN_REASON)
        await update.effective_message.reply_text(refusal(error, language))
        return ConversationHandler.END
    context.user_data.pop("reopen", None)
    reason = escape(adhesion_validation.check_reason(update.effective_message.text))
    await update.effective_message.reply_text(t("adh.reopened", language, affiliation=notified.affiliation))
    for manager_id, manager_language in notified.people:
        await notify(context, manager_id, t("adh.told_reopened.reason", manager_language, reason=reason,
                                            years=years_text(notified.year), affiliation=notified.affiliation))  # fmt: skip
    return ConversationHandler.END


async def reason_left(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """Another command or button while the reason is awaited: the membership stays validated (a command is told
    so), then the command runs or the button acts."""
    context.user_data.pop("reopen", None)
    if update.message:
        await update.message.reply_text(t("adh.reopen_left", lang(update)))
    return ConversationHandler.END


async def follow_up(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/valider: where every coop of the department stands, with a button per membership to validate or validated."""
    language = lang(update)
    for department, year, coops in await as_user(update, context, adhesion_validation.follow_ups):
        lines = [t("follow.title", language, years=years_text(year), department=department)]
        groups = {
            "submitted": [c for c in coops if c.state == "submitted"],
            "late": [c for c in coops if c.late],
            "draft": [c for c in coops if c.state == "draft" and not c.late],
            "new": [c for c in coops if c.state == "new" and not c.late],
            "validated": [c for c in coops if c.state == "validated"],
        }
        for key, members in groups.items():
            if members:
                names = ", ".join(f"{c.affiliation} {escape(c.school_name)}" for c in members[:FOLLOW_UP_SHOWN])
                if len(members) > FOLLOW_UP_SHOWN:
                    others = plural(len(members) - FOLLOW_UP_SHOWN, "word.other", language)
                    names += " " + t("follow.more", language, others=others)
                lines.append(t("follow.group", language, group=t(f"follow.{key}", language), count=len(members), coops=names))
        if not coops:
            lines.append(t("follow.nothing", language))
        keyboard = [[button(t("adh.button.review", language, affiliation=c.affiliation), REVIEW_BUTTON.data(c.adhesion_id))]
                    for c in groups["submitted"][:FOLLOW_UP_SHOWN]]  # fmt: skip
        keyboard.append([button(t("rep.button.reports", language), "rad:list")])  # bot/reports/review.py
        # then a validated one's, to reopen it once its validation's message is far up the chat
        seen = [button(t("adh.button.view", language, affiliation=c.affiliation), REVIEW_BUTTON.data(c.adhesion_id))
                for c in groups["validated"][:FOLLOW_UP_SHOWN]]  # fmt: skip
        keyboard += [seen[i:i + 3] for i in range(0, len(seen), 3)]
        await update.effective_message.reply_text(
            "\n\n".join(lines), reply_markup=InlineKeyboardMarkup(keyboard))  # fmt: skip
