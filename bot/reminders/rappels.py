"""/rappels: what reminders the person will receive, a kind muted or heard again, the hour they prefer."""

from __future__ import annotations

from datetime import date

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import ContextTypes

from bot.followup.digest import listed
from bot.reminders.jobs import clock
from bot.texts import TEXTS, lang, plural, t
from bot.ui.buttons import ID, WORD, Button, button
from bot.ui.chat import as_user
from bot.ui.formatting import day_text, years_text
from reminders.due import ADHESION, DIGEST, LAST_DAY, LAST_DAY_KINDS, LATE, REPORT, REPORT_LATE_WEEKS, VALIDATION
from store import reminders
from store.reminders import MembershipPlan, ReminderError, RemindersView, ReportPlan

HOURS_PER_ROW = 4
SHOWN = 10  # memberships waiting for the AD listed: the message must fit in one Telegram message
MUTE_BUTTON, HOUR_BUTTON = Button("rap:mute", WORD), Button("rap:hour")
AT_BUTTON, CLOSE_BUTTON = Button("rap:h", ID), Button("rap:close")


def zone_name(timezone: str, language: str) -> str:
    """Where the sending hours are counted, in words (« de La Réunion »), not the time zone's id (Indian/Reunion)."""
    key = f"rap.zone.{timezone}"
    return t(key if key in TEXTS else "rap.zone.other", language)


def view_text(view: RemindersView, language: str) -> str:
    """Each kind the person gets and its days, what is muted, the hour."""
    lines = [t("rap.title", language)]
    for kind in view.kinds:
        lines += kind_lines(view, kind, language)
    if not view.kinds:
        lines.append(t("rap.nothing", language))
        return "\n".join(lines)
    if view.muted:
        key = "rap.muted" if view.muted & set(LAST_DAY_KINDS) else "rap.muted.all"
        lines.append(t(key, language, kinds=", ".join(t(f"rap.kind.{k}", language) for k in sorted(view.muted))))
    lines.append(t("rap.hour", language, hour=view.hour, until=view.hours[1], zone=zone_name(view.timezone, language)))
    return "\n\n".join(lines)


def kind_lines(view: RemindersView, kind: str, language: str) -> list[str]:
    """What comes of one kind: its days, coop by coop (or ledger by ledger), or when it would come."""
    coming = [c for c in view.coming if c.kind == kind]
    if kind == ADHESION:
        return [membership_line(plan, language) for plan in view.memberships]
    if kind == REPORT:
        return [report_line(plan, language, muted=REPORT in view.muted) for plan in view.reports]
    if kind == DIGEST:
        after = t("rap.digest.next", language, day=day_text(coming[0].steps[0][0])) if coming else ""
        return [t("rap.digest", language, next=after)]
    if kind == VALIDATION:  # one reminder per membership waiting: a department may have dozens
        lines = [t("rap.validation", language, days=plural(view.validation_wait_days, "rmd.word.day", language))]
        items = [t("rap.validation.item", language, affiliation=c.affiliation, day=day_text(c.steps[0][0]))
                 for c in coming]  # fmt: skip
        if items:
            lines.append(t("rap.coming.validation", language, items=listed(items[:SHOWN], len(items), language)))
        return lines
    lines = [t(f"rap.coming.{kind}", language, affiliation=c.affiliation, years=years_text(c.year), ledger=c.ledger,
               dates=dates_text(c.steps, language)) for c in coming]  # fmt: skip
    return lines or [t(f"rap.none.{kind}", language)]


def dates_text(steps: tuple[tuple[date, str], ...], language: str) -> str:
    """15/09/2026, 29/09/2026 (veille de la date limite), 01/10/2026 (en retard)."""
    return ", ".join(t(f"rap.step.{step}", language, day=day_text(day)) if step in (LAST_DAY, LATE) else day_text(day)
                     for day, step in steps)  # fmt: skip


def membership_line(plan: MembershipPlan, language: str) -> str:
    """The membership's days still to come; or why nothing comes."""
    if plan.validated:
        return t("rap.adhesion.done", language, affiliation=plan.affiliation)
    if not plan.steps:
        return t("rap.adhesion.over", language, affiliation=plan.affiliation)
    return t("rap.adhesion.dates", language, affiliation=plan.affiliation, dates=dates_text(plan.steps, language))


def report_line(plan: ReportPlan, language: str, *, muted: bool = False) -> str:
    """The report's countdown still to come, then its weekly "en retard" as one span; or why nothing comes."""
    values = {"years": years_text(plan.year), "affiliation": plan.affiliation}
    if plan.sent:
        return t("rap.report.sent", language, **values)
    if not plan.steps:  # muted, or late past its weekly reminders
        key = "rap.report.over.muted" if muted else "rap.report.over.late" if plan.late else "rap.report.over"
        return t(key, language, weeks=REPORT_LATE_WEEKS, **values)
    dates = [dates_text(((day, step),), language) for day, step in plan.steps if not step.startswith(LATE)]
    late = [day for day, step in plan.steps if step.startswith(LATE)]
    if len(late) > 1:
        key = "rap.report.weekly" if dates else "rap.report.weekly.only"
        dates.append(t(key, language, first=day_text(late[0]), last=day_text(late[-1])))
    elif late:
        dates.append(t("rap.step.retard", language, day=day_text(late[0])))
    return t("rap.report.dates", language, dates=", ".join(dates), **values)


def view_keyboard(view: RemindersView, language: str) -> InlineKeyboardMarkup:
    rows = [[button(t("rap.button.unmute" if kind in view.muted else "rap.button.mute", language,
                      kind=t(f"rap.kind.{kind}", language)), MUTE_BUTTON.data(kind))] for kind in view.kinds]  # fmt: skip
    if view.kinds:
        rows.append([button(t("rap.button.hour", language), HOUR_BUTTON.data())])
    rows.append([button(t("button.close", language), CLOSE_BUTTON.data())])
    return InlineKeyboardMarkup(rows)


async def show(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/rappels: the person's reminders and their choices."""
    language = lang(update)
    view = await as_user(update, context, reminders.reminders_view, clock(context.application)())
    await update.effective_message.reply_text(view_text(view, language), reply_markup=view_keyboard(view, language))


async def toggle(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """🔕 / 🔔: mute a kind, or hear it again."""
    await change(update, context, reminders.toggle_kind, MUTE_BUTTON.read(update))


async def change(update: Update, context: ContextTypes.DEFAULT_TYPE, fn, value) -> None:
    """Save a choice and show the reminders again; a choice no longer offered (an old button) is told so."""
    query, language = update.callback_query, lang(update)
    try:
        view = await as_user(update, context, fn, value, clock(context.application)())
    except ReminderError:
        await query.answer(t("unknown.button", language), show_alert=True)
        return
    await query.answer()
    await query.edit_message_text(view_text(view, language), reply_markup=view_keyboard(view, language))


async def ask_hour(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """🕗: the hours the department sends at, as buttons."""
    query, language = update.callback_query, lang(update)
    await query.answer()
    view = await as_user(update, context, reminders.reminders_view, clock(context.application)())
    hours = [button(t("rap.button.hour_value", language, hour=h), AT_BUTTON.data(h)) for h in range(*view.hours)]
    rows = [hours[i:i + HOURS_PER_ROW] for i in range(0, len(hours), HOURS_PER_ROW)]
    await query.edit_message_text(t("rap.ask_hour", language), reply_markup=InlineKeyboardMarkup(rows))


async def chose_hour(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """An hour pressed: saved, and the reminders shown again."""
    await change(update, context, reminders.choose_hour, AT_BUTTON.read(update))


async def close(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Fermer."""
    await update.callback_query.answer()
    await update.callback_query.edit_message_text(t("rap.closed", lang(update)))
