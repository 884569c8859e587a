"""/annonce: AD staff write to every mandataire of the department, or to the late ones, or to a commune's.

Audience, text, preview with the count, confirmation; then every copy is written to the outbox
and sent by the one rate-limited path (bot/reminders/sending.py). Nothing is written before the
confirmation; the delivery report (sent, blocked, failed) stays one button away.
"""

from __future__ import annotations

from html import escape

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import ContextTypes, ConversationHandler

from bot.reminders.sending import deliver, writer
from bot.texts import lang, plural, t
from bot.ui.buttons import ID, Button, button, one_of
from bot.ui.chat import as_user, end_conversation, this_draft_only
from bot.ui.formatting import day_text
from store import followup
from store.followup import ANNOUNCEMENT_MAX, FollowUpError
from store.models import OutboxState
from store.outbox import Claimed

AUDIENCE, WRITING, CONFIRM = "ann.audience", "ann.writing", "ann.confirm"
DRAFT = "annonce"
AUDIENCE_BUTTON, COMMUNE_BUTTON = Button("ann:a", one_of("all", "late", "commune")), Button("ann:c", ID)
SEND_BUTTON, RETYPE_BUTTON, CANCEL_BUTTON = Button("ann:send"), Button("ann:retype"), Button("ann:cancel")
REPORT_BUTTON = Button("ann:r", ID)
# The report's headings and the outbox states under each; pending and unknown only when there are some.
REPORT_GROUPS = (("sent", ("sent",)), ("pending", ("pending", "sending")), ("blocked", ("blocked",)),
                 ("failed", ("failed",)), ("unknown", ("unknown",)))
# The buttons of this announcement's questions and of its preview shown last: not those of an earlier /annonce's.
this_announcement_only = this_draft_only(DRAFT)


@writer(followup.ANNOUNCEMENT)
def announcement_text(message: Claimed) -> tuple[str, None]:
    """A copy of the announcement as each mandataire reads it."""
    return t("ann.message", message.language, department=message.params["department"],
             text=escape(message.params["text"])), None  # fmt: skip


def _cancel_row(language: str) -> list:
    return [button(t("ann.button.cancel", language), CANCEL_BUTTON.data())]


async def begin(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """/annonce: to whom, each choice with the number of mandataires it reaches."""
    language = lang(update)
    department, counts = await as_user(update, context, followup.announcement_start)
    context.user_data[DRAFT] = {"department": department, "begun": update.effective_message.message_id}
    keyboard = InlineKeyboardMarkup([[button(t("ann.button.all", language, count=counts.every), AUDIENCE_BUTTON.data("all"))],
                                     [button(t("ann.button.late", language, count=counts.late), AUDIENCE_BUTTON.data("late"))],
                                     [button(t("ann.button.commune", language), AUDIENCE_BUTTON.data("commune"))],
                                     _cancel_row(language)])  # fmt: skip
    await update.effective_message.reply_text(t("ann.ask_audience", language, department=department),
                                              reply_markup=keyboard)  # fmt: skip
    return AUDIENCE


@this_announcement_only
async def chose_audience(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """All or late: the text is asked; a commune: which one."""
    kind = AUDIENCE_BUTTON.read(update)
    if kind == "commune":
        return await _pick_commune(update, context)
    return await _ask_text(update, context, kind, None)


async def _pick_commune(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """A button per commune where a mandataire would read it; those where none would are named, not offered."""
    language = lang(update)
    counts = await as_user(update, context, followup.audiences, context.user_data[DRAFT]["department"])
    names = [button(t("ann.button.town", language, commune=name, count=count), COMMUNE_BUTTON.data(index))
             for index, (name, count) in enumerate(counts.communes) if count]  # fmt: skip
    if not names:
        await update.callback_query.answer(t("ann.no_commune", language), show_alert=True)
        return AUDIENCE
    text = t("ann.pick_commune", language)
    if nobody := [name for name, count in counts.communes if not count]:
        text += "\n" + t("ann.communes_without", language, communes=escape(", ".join(nobody)))
    rows = [names[i:i + 2] for i in range(0, len(names), 2)] + [_cancel_row(language)]
    await update.callback_query.answer()
    await update.callback_query.edit_message_text(text, reply_markup=InlineKeyboardMarkup(rows))
    return AUDIENCE


@this_announcement_only
async def chose_commune(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """A commune chosen: the text is asked."""
    return await _ask_text(update, context, "commune", COMMUNE_BUTTON.read(update))


async def _ask_text(update: Update, context: ContextTypes.DEFAULT_TYPE, kind: str, commune: int | None) -> str:
    language, draft = lang(update), context.user_data[DRAFT]
    try:
        recipients = await as_user(update, context, followup.audience, draft["department"], kind, commune)
    except FollowUpError:  # a commune button of a list that changed since
        recipients = []
    if not recipients:
        await update.callback_query.answer(t("ann.nobody", language), show_alert=True)
        return AUDIENCE
    draft.update(audience=kind, commune=commune)
    await update.callback_query.answer()
    await update.callback_query.edit_message_text(t(
        "ann.ask_text", language, limit=ANNOUNCEMENT_MAX,
        mandataires=plural(len({r.person_id for r in recipients}), "ann.mandataires", language)))  # fmt: skip
    return WRITING


async def wrote(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """The text typed: checked, then shown as the mandataires will read it, with the count and the confirmation."""
    language, draft = lang(update), context.user_data[DRAFT]
    try:
        text = followup.check_text(update.effective_message.text)
    except FollowUpError as refused:
        await update.effective_message.reply_text(t(f"fol.error.{refused.reason}", language, **refused.details))
        return WRITING
    recipients = await as_user(update, context, followup.audience, draft["department"], draft["audience"],
                               draft["commune"])  # fmt: skip
    draft["text"] = text
    mandataires = plural(len({r.person_id for r in recipients}), "ann.mandataires", language)
    await update.effective_message.reply_text(t("ann.preview", language, mandataires=mandataires))
    keyboard = InlineKeyboardMarkup([[button(t("ann.button.send", language, mandataires=mandataires), SEND_BUTTON.data())],
                                     [button(t("ann.button.retype", language), RETYPE_BUTTON.data())],
                                     _cancel_row(language)])  # fmt: skip
    preview = await update.effective_message.reply_text(t("ann.message", language, department=draft["department"],
                                                          text=escape(text)), reply_markup=keyboard)  # fmt: skip
    draft["card"] = preview.message_id  # its buttons alone act on this draft
    return CONFIRM


async def not_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """Anything but text while the announcement is awaited."""
    await update.effective_message.reply_text(t("fol.not_text", lang(update)))
    return WRITING


@this_announcement_only
async def retype(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """✏️ Changer le texte: the text is asked again; the audience stays."""
    await update.callback_query.answer()
    await update.callback_query.edit_message_reply_markup(None)
    await update.effective_message.reply_text(t("ann.ask_again", lang(update)))
    return WRITING


@this_announcement_only
async def send(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str | int:
    """📤 Envoyer: the copies written to the outbox, sent at Telegram's pace, then what became of them; from the
    latest preview only (an earlier one's, left by /annuler, would send this draft in its place)."""
    language, draft = lang(update), context.user_data.pop(DRAFT)
    await update.callback_query.answer()
    await update.callback_query.edit_message_reply_markup(None)
    announced = await as_user(update, context, followup.announce, draft["department"], draft["audience"],
                              draft["commune"], draft["text"])  # fmt: skip
    await update.effective_message.reply_text(t(
        "ann.sending", language, mandataires=plural(announced.recipients, "ann.mandataires", language)))  # fmt: skip
    # Only its copies, and what became of them as Telegram answered: no report to read back.
    outcomes = await deliver(context.application, keys=announced.keys)
    outcomes[OutboxState.BLOCKED] += announced.blocked
    keyboard = InlineKeyboardMarkup([[button(t("ann.button.report", language),
                                             REPORT_BUTTON.data(announced.announcement_id))]])  # fmt: skip
    counts = {state.value: plural(outcomes[state], f"ann.n.{state.value}", language)
              for state in (OutboxState.SENT, OutboxState.BLOCKED, OutboxState.FAILED)}  # fmt: skip
    await update.effective_message.reply_text(t("ann.sent", language, **counts), reply_markup=keyboard)
    return ConversationHandler.END


async def cancel(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """✖️ Annuler or /annuler, at any step: nothing was written."""
    context.user_data.pop(DRAFT, None)
    return await end_conversation(update, context)


async def delivery_report(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """📋 Rapport d'envoi: how many copies went, and who was not reached (blocked the bot, failed)."""
    language = lang(update)
    found = await as_user(update, context, followup.announcement_report, REPORT_BUTTON.read(update))
    audience = t(f"ann.audience.{found.audience}", language, commune=escape(found.commune))
    lines = [t("ann.report.title", language, day=day_text(found.created_at), audience=audience)]
    for heading, states in REPORT_GROUPS:
        count = sum(found.counts[state] for state in states)
        if count or heading in ("sent", "blocked", "failed"):
            lines.append(t(f"ann.report.{heading}", language, count=count))
            lines += [t("ann.report.person", language, name=escape(name), affiliation=affiliation)
                      for state, name, affiliation in found.problems if state in states]  # fmt: skip
    await update.callback_query.answer()
    await update.effective_message.reply_text("\n".join(lines))
