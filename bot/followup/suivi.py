"""/suivi: the department's coops for its AD staff, filtered and paged, each one opened, nudged or written to."""

from __future__ import annotations

from datetime import date
from html import escape
from typing import Callable

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import ContextTypes, ConversationHandler

from bot.membership.coop import card_text
from bot.reminders.sending import deliver, writer
from bot.texts import lang, plural, t
from bot.ui.buttons import ID, WORD, Button, Field, button, page_turns, one_of
from bot.ui.chat import as_user, notify
from bot.ui.formatting import day_text, years_text
from store import followup
from store.contact import MAX_CONTACT_TEXT
from store.followup import MEMBERSHIP_STATES, REPORT_STATES, FollowUpError, Overview
from store.models import OutboxState
from store.outbox import Claimed

LISTING, COOP, WRITING = "sui.listing", "sui.coop", "sui.writing"
VIEW = "suivi"  # user_data: the filters and page shown
PAGE_BUTTON = Button("sui:p", ID)
STATES_BUTTON, STATE_BUTTON = Button("sui:states"), Button("sui:s", one_of("all", *MEMBERSHIP_STATES))
REPORTS_BUTTON, REPORT_BUTTON = Button("sui:reports"), Button("sui:r", WORD)  # an unknown word: the store refuses it
COMMUNES_BUTTON, COMMUNE_BUTTON = Button("sui:communes"), Button("sui:c", Field(r"all|\d+"))
OPEN_BUTTON, NUDGE_BUTTON, WRITE_BUTTON = Button("sui:o", ID), Button("sui:n", ID), Button("sui:w", ID)
LIST_BUTTON, CLOSE_BUTTON = Button("sui:list"), Button("sui:close")


def _view(context: ContextTypes.DEFAULT_TYPE) -> dict:
    return context.user_data.setdefault(VIEW, {"state": None, "report": None, "commune": None, "page": 0})


def overview_text(found: Overview, language: str) -> str:
    """The heading, the counts, the filter, then two short lines per coop."""
    counts = " · ".join(t("sui.count", language, label=t(f"sui.state.{key}", language), count=found.counts[key])
                        for key in MEMBERSHIP_STATES)  # fmt: skip
    lines = [t("sui.title", language, years=years_text(found.year), department=found.department_code),
             t("sui.counts", language, counts=counts)]  # fmt: skip
    filters = [t(f"sui.state.{found.state}", language)] if found.state else []
    filters += [t("sui.filter.report", language, state=t(f"rep.state.{found.report}", language))] if found.report else []
    filters += [escape(found.commune)] if found.commune else []
    if filters:
        lines.append(t("sui.filter", language, filters=", ".join(filters),
                       coops=plural(found.matching, "sui.coops", language)))  # fmt: skip
    lines.append("")
    for line in found.lines:
        activity = (t("sui.activity", language, day=day_text(line.last_activity)) if line.last_activity
                    else t("sui.no_activity", language))  # fmt: skip
        lines.append(t("sui.line", language, affiliation=line.affiliation, school=escape(line.school_name),
                       commune=f" · {escape(line.commune)}" if line.commune else "",
                       membership=t(f"sui.state.{line.membership}", language),
                       report=t(f"rep.state.{line.report}", language), activity=activity))  # fmt: skip
    if not found.lines:
        lines.append(t("sui.none" if filters else "sui.no_coop", language))
    if found.pages > 1:
        lines += ["", t("sui.page", language, page=found.page + 1, pages=found.pages)]
    return "\n".join(lines)


def overview_keyboard(found: Overview, language: str) -> InlineKeyboardMarkup:
    rows = [[button(t("sui.button.open", language, affiliation=line.affiliation, school=line.school_name),
                    OPEN_BUTTON.data(line.coop_id))] for line in found.lines]  # fmt: skip
    rows += page_turns(found.page, found.page + 1 < found.pages, language, PAGE_BUTTON.data)
    rows.append([button(t("sui.button.by_state", language), STATES_BUTTON.data()),
                 button(t("sui.button.by_report", language), REPORTS_BUTTON.data()),
                 button(t("sui.button.by_commune", language), COMMUNES_BUTTON.data())])  # fmt: skip
    rows.append([button(t("button.close", language), CLOSE_BUTTON.data())])
    return InlineKeyboardMarkup(rows)


async def _overview(update: Update, context: ContextTypes.DEFAULT_TYPE) -> Overview:
    """The page the filters ask for; the first page when the list no longer has it (coops or communes
    changed), which the button's answer says."""
    view = _view(context)
    found, stale = await as_user(update, context, followup.overview_page, state=view.get("state"),
                                 report=view.get("report"), commune=view.get("commune"), page=view.get("page", 0))
    note = None
    if stale:
        view.update(state=None, report=None, commune=None, page=0)
        note = t("sui.stale", lang(update))
    if update.callback_query:
        await update.callback_query.answer(note)
    return found


async def _show_list(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    language, found = lang(update), await _overview(update, context)
    text, keyboard = overview_text(found, language), overview_keyboard(found, language)
    if update.callback_query:
        await update.callback_query.edit_message_text(text, reply_markup=keyboard)
    else:
        await update.effective_message.reply_text(text, reply_markup=keyboard)
    return LISTING


async def begin(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """/suivi: the department's coops, every state, first page."""
    context.user_data[VIEW] = {"state": None, "report": None, "commune": None, "page": 0}
    return await _show_list(update, context)


async def turn_page(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """◀️ ▶️: another page with the same filters."""
    _view(context)["page"] = PAGE_BUTTON.read(update)
    return await _show_list(update, context)


def _back_row(language: str) -> list:
    """↩️ Retour à la liste under a filter menu: the list as it was, its filters and page kept."""
    return [button(t("sui.button.list", language), LIST_BUTTON.data())]


async def _pick_state(update: Update, context: ContextTypes.DEFAULT_TYPE, question: str, pick: Button,
                      keys: tuple[str, ...], label: str, counts: Callable[[Overview], dict[str, int]]) -> str:  # fmt: skip
    """One ``pick`` button per state (named ``label.<state>``), with its count, and one for every state."""
    language, found = lang(update), await _overview(update, context)
    rows = [[button(t("sui.button.state", language, label=t(f"{label}.{key}", language), count=counts(found)[key]),
                    pick.data(key))] for key in keys]  # fmt: skip
    rows += [[button(t("sui.button.every_state", language), pick.data("all"))], _back_row(language)]
    await update.callback_query.edit_message_text(t(question, language), reply_markup=InlineKeyboardMarkup(rows))
    return LISTING


async def _filtered(update: Update, context: ContextTypes.DEFAULT_TYPE, pressed: Button, key: str,
                    kind: Callable[[str], object] = str) -> str:  # fmt: skip
    """A filter chosen (or all of them): the list again, from its first page."""
    chosen = pressed.read(update)
    _view(context).update({key: None if chosen == "all" else kind(chosen), "page": 0})
    return await _show_list(update, context)


async def pick_state(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """🔽 Par état: one button per membership state, with its count."""
    return await _pick_state(update, context, "sui.pick_state", STATE_BUTTON, MEMBERSHIP_STATES, "sui.state",
                             lambda found: found.counts)  # fmt: skip


async def chose_state(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """A state chosen (or all of them)."""
    return await _filtered(update, context, STATE_BUTTON, "state")


async def pick_report(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """📋 Par CRF: one button per state of last year's report, with its count."""
    return await _pick_state(update, context, "sui.pick_report", REPORT_BUTTON, REPORT_STATES, "rep.state",
                             lambda found: found.report_counts)  # fmt: skip


async def chose_report(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """A report state chosen (or all of them)."""
    return await _filtered(update, context, REPORT_BUTTON, "report")


async def pick_commune(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """🏘 Par commune: one button per commune of the department."""
    language, found = lang(update), await _overview(update, context)
    names = [button(name, COMMUNE_BUTTON.data(index)) for index, name in enumerate(found.communes)]
    rows = [names[i:i + 2] for i in range(0, len(names), 2)]
    rows += [[button(t("sui.button.every_commune", language), COMMUNE_BUTTON.data("all"))], _back_row(language)]
    await update.callback_query.edit_message_text(t("sui.pick_commune", language),
                                                  reply_markup=InlineKeyboardMarkup(rows))  # fmt: skip
    return LISTING


async def chose_commune(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """A commune chosen (or all of them)."""
    return await _filtered(update, context, COMMUNE_BUTTON, "commune", int)


async def open_coop(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """🔍 A coop: its card (as /coop shows it), then nudge, write, or back to the list."""
    language, coop_id = lang(update), OPEN_BUTTON.read(update)
    card = await as_user(update, context, followup.staff_card, coop_id)
    keyboard = InlineKeyboardMarkup([[button(t("sui.button.nudge", language), NUDGE_BUTTON.data(coop_id))],
                                     [button(t("sui.button.write", language), WRITE_BUTTON.data(coop_id))],
                                     [button(t("sui.button.list", language), LIST_BUTTON.data())]])  # fmt: skip
    await update.callback_query.answer()
    await update.callback_query.edit_message_text(card_text(card, language), reply_markup=keyboard)
    return COOP


async def back_to_list(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """↩️ Retour à la liste: the page the AD left, same filters."""
    return await _show_list(update, context)


@writer(followup.NUDGE)
def nudge_text(message: Claimed) -> tuple[str, None]:
    """The reminder a nudge sends: what the coop's membership and report still need."""
    language, params = message.language, message.params
    years = years_text(params["year"])
    deadline = day_text(date.fromisoformat(params["deadline"]))
    lines = [t("nudge.title", language, department=params["department"], affiliation=params["affiliation"]), "",
             t(f"nudge.{params['membership']}", language, years=years, deadline=deadline),
             t("nudge.report", language, years=years_text(params["year"] - 1),
               state=t(f"rep.state.{params['report']}", language))]  # fmt: skip
    return "\n".join(lines), None


async def nudge(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """🔔 Relancer: a reminder to the coop's mandataires now, through the outbox; once a day."""
    language, coop_id = lang(update), NUDGE_BUTTON.read(update)
    try:
        nudged = await as_user(update, context, followup.nudge, coop_id)
    except FollowUpError:  # no mandataire on Telegram
        await update.callback_query.answer(t("sui.no_mandataire", language), show_alert=True)
        return COOP
    if not nudged.written:
        await update.callback_query.answer(t("sui.nudged_today", language), show_alert=True)
        return COOP
    await update.callback_query.answer()
    outcomes = await deliver(context.application)
    names = escape(", ".join(nudged.names))
    key = "sui.nudge_blocked" if outcomes[OutboxState.BLOCKED] and not outcomes[OutboxState.SENT] else "sui.nudged"
    await update.effective_message.reply_text(t(key, language, names=names))
    return COOP


async def ask_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str | int:
    """✉️ Écrire au mandataire (a conversation of its own, the card staying live): the message is asked, unless
    nobody would read it."""
    language, coop_id = lang(update), WRITE_BUTTON.read(update)
    recipients = await as_user(update, context, followup.coop_mandataires, coop_id)
    if not recipients:
        await update.callback_query.answer(t("sui.no_mandataire", language), show_alert=True)
        return ConversationHandler.END
    names = ", ".join(r.name for r in recipients)
    _view(context).update(writing_to=coop_id, writing_names=names)
    await update.callback_query.answer()
    await update.effective_message.reply_text(t(
        "sui.ask_text", language, names=escape(names), affiliation=recipients[0].affiliation,
        limit=MAX_CONTACT_TEXT))  # fmt: skip
    return WRITING


async def wrote(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str | int:
    """The message typed: sent to the coop's mandataires with the department's name, or asked again; the card's
    buttons still act afterwards."""
    language, typed = lang(update), update.effective_message.text
    try:
        text = followup.check_text(typed, MAX_CONTACT_TEXT)
    except FollowUpError as refused:
        await update.effective_message.reply_text(t(f"fol.error.{refused.reason}", language, **refused.details))
        return WRITING
    _view(context).pop("writing_names", None)
    letter = await as_user(update, context, followup.letter, _view(context).pop("writing_to"))
    reached, missed = [], []
    for recipient in letter.recipients:
        sent = await notify(context, recipient.telegram_id, t(
            "sui.message", recipient.language, department=letter.department_code,
            name=escape(letter.sender), text=escape(text)))  # fmt: skip
        (reached if sent else missed).append(recipient.name)
    if reached:
        await update.effective_message.reply_text(t("sui.written", language, names=escape(", ".join(reached))))
    if missed:
        await update.effective_message.reply_text(t("sui.unreachable", language, names=escape(", ".join(missed))))
    return ConversationHandler.END


async def not_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """Anything but text while the message is awaited."""
    await update.effective_message.reply_text(t("fol.not_text", lang(update)))
    return WRITING


async def left(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """Another command or button while the message is awaited: nothing is sent (a command is told so), then the
    command runs or the button acts."""
    view = _view(context)
    view.pop("writing_to", None)
    names = view.pop("writing_names", "")
    if update.message:
        await update.message.reply_text(t("sui.left", lang(update), names=escape(names)))
    return ConversationHandler.END


async def close(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """Fermer: the list becomes a one-line note."""
    await update.callback_query.answer()
    await update.callback_query.edit_message_text(t("sui.closed", lang(update)))
    return ConversationHandler.END

