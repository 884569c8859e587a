"""How each kind of reminder is written: what is due, when, what this coop lacks, and the button that does it."""

from __future__ import annotations

from datetime import date

from telegram import InlineKeyboardMarkup

from bot.membership.adhesion import OPEN_BUTTON, REVIEW_BUTTON
from bot.reminders.sending import writer
from bot.texts import plural, t
from bot.ui.buttons import button
from bot.ui.formatting import day_text, years_text
from reminders.due import ADHESION, LATE, LAST_DAY, VALIDATION
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
    keyboard = [[button(t("rmd.button.review", language), REVIEW_BUTTON.data(params["adhesion_id"]))]]
    return text, InlineKeyboardMarkup(keyboard)
