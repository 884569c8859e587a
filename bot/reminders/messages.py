"""How each kind of reminder is written: what is due, when, what this coop lacks, and the button that does it."""

from __future__ import annotations

from datetime import date
from html import escape

from telegram import InlineKeyboardMarkup

from bot.membership.adhesion import OPEN_BUTTON
from bot.membership.adhesion import REVIEW_BUTTON as MEMBERSHIP_BUTTON
from bot.reports.closing import LEDGER_BUTTON
from bot.reports.compterendu import COOP_BUTTON, GIVE_BUTTON
from bot.reports.compterendu import REVIEW_BUTTON as REPORT_BUTTON
from bot.reports.figures import missing_text
from bot.reminders.sending import writer
from bot.texts import plural, t
from bot.ui.buttons import button
from bot.ui.formatting import day_text, years_text
from reminders.due import (
    ADHESION, CHANGED, CLOSING, LAST_DAY, LATE, PREPARE, QUITUS, REPORT, RETURNED, VALIDATION, WITHDRAWN,
)  # fmt: skip
from store.outbox import Claimed


@writer(ADHESION)
def membership(message: Claimed) -> tuple[str, InlineKeyboardMarkup]:
    """To the mandataire: the campaign opens, the days left, or late."""
    language, params = message.language, message.params
    deadline = date.fromisoformat(params["deadline"])
    rows = params["rows"]
    state = (t("rmd.adhesion.rows", language, classes=plural(rows, "rmd.word.class", language)) if rows
             else t("rmd.adhesion.empty", language))  # fmt: skip
    values = {"years": years_text(message.year), "affiliation": params["affiliation"],
              "deadline": day_text(deadline), "state": state}  # fmt: skip
    if message.step == LAST_DAY:
        text = t("rmd.adhesion.last_day", language, **values)
    elif message.step.startswith("j-"):
        days = plural(int(message.step[2:]), "rmd.word.day", language)
        text = t("rmd.adhesion.countdown", language, days=days, **values)
    elif message.step == LATE:
        text = t("rmd.adhesion.retard", language, **values)
    else:
        text = t("rmd.adhesion.ouverture", language, **values)
    keyboard = [[button(t("rmd.button.adhesion", language), OPEN_BUTTON.data(message.coop_id))]]
    return text, InlineKeyboardMarkup(keyboard)


@writer(VALIDATION)
def waiting_membership(message: Claimed) -> tuple[str, InlineKeyboardMarkup]:
    """To the AD: a membership waits for validation."""
    language, params = message.language, message.params
    text = t("rmd.validation", language, affiliation=params["affiliation"],
             submitted=day_text(date.fromisoformat(params["submitted"])),
             days=plural(params["days"], "rmd.word.day", language))  # fmt: skip
    keyboard = [[button(t("rmd.button.review", language), MEMBERSHIP_BUTTON.data(params["adhesion_id"]))]]
    return text, InlineKeyboardMarkup(keyboard)


def _lacks(message: Claimed) -> str:
    """What this coop's CRF still lacks, as read when the message was written."""
    missing = message.params.get("missing") or []
    if not missing:
        return t("rmd.report.complete", message.language)
    return t("rmd.report.lacks", message.language, what=missing_text(missing, message.language))


def _report_keyboard(message: Claimed) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[button(t("rmd.button.report", message.language), COOP_BUTTON.data(message.coop_id))]])


@writer(PREPARE)
def prepare_report(message: Claimed) -> tuple[str, InlineKeyboardMarkup]:
    """To the mandataire, 1 July: what to get ready before 31 August for the report."""
    language, params = message.language, message.params
    text = t("rmd.prepare", language, years=years_text(message.year), affiliation=params["affiliation"],
             deadline=day_text(date.fromisoformat(params["deadline"])), lacks=_lacks(message))  # fmt: skip
    return text, _report_keyboard(message)


@writer(REPORT)
def report_due(message: Claimed) -> tuple[str, InlineKeyboardMarkup]:
    """To the mandataire whose report is not sent: the days left, the last day, or late (weekly)."""
    language, params = message.language, message.params
    values = {"years": years_text(message.year), "affiliation": params["affiliation"],
              "deadline": day_text(date.fromisoformat(params["deadline"])), "lacks": _lacks(message)}  # fmt: skip
    if message.step == LAST_DAY:
        text = t("rmd.report.last_day", language, **values)
    elif message.step.startswith(LATE):
        text = t("rmd.report.retard", language, **values)
    else:
        text = t("rmd.report.countdown", language, days=plural(int(message.step[2:]), "rmd.word.day", language), **values)
    return text, _report_keyboard(message)


@writer(RETURNED)
def report_returned(message: Claimed) -> tuple[str, InlineKeyboardMarkup]:
    """To the mandataire: the AD sent the report back, with its comment."""
    language, params = message.language, message.params
    text = t("rmd.returned", language, years=years_text(message.year), affiliation=params["affiliation"],
             comment=escape(params.get("comment") or ""), lacks=_lacks(message))  # fmt: skip
    return text, _report_keyboard(message)


@writer(CHANGED)
def report_changed(message: Claimed) -> tuple[str, InlineKeyboardMarkup]:
    """Not a reminder: a report already sent changed; the coop's managers are warned, the AD told (once per change)."""
    language, params = message.language, message.params
    years, affiliation = years_text(message.year), params["affiliation"]
    if params["to"] == "ad":
        text = t("rep.changed.ad", language, years=years, affiliation=affiliation)
        label = t("rep.button.review", language, affiliation=affiliation)
        return text, InlineKeyboardMarkup([[button(label, REPORT_BUTTON.data(params["report_id"]))]])
    return t("rep.changed.managers", language, years=years, affiliation=affiliation), _report_keyboard(message)


@writer(QUITUS)
def quitus_waiting(message: Claimed) -> tuple[str, InlineKeyboardMarkup]:
    """To a vérificateur whose quitus the mandataire asked for."""
    language, params = message.language, message.params
    text = t("rmd.quitus", language, years=years_text(message.year), affiliation=params["affiliation"],
             lacks=_lacks(message))  # fmt: skip
    keyboard = [[button(t("rmd.button.quitus", language), GIVE_BUTTON.data(params["report_id"]))]]
    return text, InlineKeyboardMarkup(keyboard)


@writer(WITHDRAWN)
def quitus_withdrawn(message: Claimed) -> tuple[str, InlineKeyboardMarkup]:
    """Not a reminder: to a vérificateur whose quitus a reopened class ledger, or a change to the books checked
    before the report was sent, withdrew."""
    language, params = message.language, message.params
    values = {"affiliation": params["affiliation"], "years": years_text(message.year)}
    if "ledger" in params:
        text = t("rep.quitus.withdrawn", language, ledger=escape(params["ledger"]), **values)
    else:
        text = t("rep.quitus.withdrawn_books", language, **values)
    return text, _report_keyboard(message)


@writer(CLOSING)
def class_ledger_open(message: Claimed) -> tuple[str, InlineKeyboardMarkup]:
    """To a teacher: their class ledger of the year that ended is still to close (its step: ledger id, then the step)."""
    language, params = message.language, message.params
    step = message.step.split(":", 1)[1]
    values = {"years": years_text(message.year), "ledger": escape(params["ledger"]),
              "affiliation": params["affiliation"], "deadline": day_text(date.fromisoformat(params["deadline"]))}  # fmt: skip
    if step.startswith("j-"):
        text = t("rmd.closing.countdown", language, days=plural(int(step[2:]), "rmd.word.day", language), **values)
    else:
        text = t("rmd.closing.rentree", language, **values)
    keyboard = [[button(t("rmd.button.closing", language), LEDGER_BUTTON.data(params["ledger_id"]))]]
    return text, InlineKeyboardMarkup(keyboard)
