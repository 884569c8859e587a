"""The weekly digest's text (what is due and when: reminders/digest.py)."""

from __future__ import annotations

from bot.reminders.sending import writer
from bot.texts import plural, t
from bot.ui.formatting import years_text
from reminders.digest import DIGEST
from store.outbox import Claimed


def listed(affiliations: list[str], count: int, language: str) -> str:
    """The affiliations shown, and how many more there are (/rappels lists its own items so)."""
    shown = ", ".join(affiliations)
    if count <= len(affiliations):
        return shown
    return t("dig.more", language, coops=shown, others=plural(count - len(affiliations), "dig.word.other", language))


@writer(DIGEST)
def digest_text(message: Claimed) -> tuple[str, None]:
    """The week in the department: renewals, reports, memberships to validate, late ones."""
    language, params = message.language, message.params
    lines = [t("dig.title", language, department=params["department"]), "",
             t("dig.renewed", language, years=years_text(message.year),
               renewed=plural(params["renewed"], "dig.word.renewed", language),
               coops=plural(params["coops"], "sui.coops", language))]  # fmt: skip
    if params["reports_known"]:
        lines.append(t("dig.reported", language, years=years_text(message.year - 1),
                       reported=plural(params["reported"], "dig.word.reported", language),
                       late=plural(params["late_reports"], "dig.word.late", language)))  # fmt: skip
    if params["waiting_count"]:
        lines.append(t("dig.waiting", language, count=params["waiting_count"],
                       coops=listed(params["waiting"], params["waiting_count"], language)))  # fmt: skip
    if params["late_count"]:
        lines.append(t("dig.late", language, count=params["late_count"],
                       coops=listed(params["late"], params["late_count"], language)))  # fmt: skip
    lines += ["", t("dig.details", language)]
    return "\n".join(lines), None
