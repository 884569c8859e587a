"""/historique, the coop's audit trail, and the trail of one entry (🕓 in /journal): what each event says."""

from __future__ import annotations

import math
from datetime import date, datetime
from html import escape
from typing import Any
from zoneinfo import ZoneInfo

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import ContextTypes

from bot import texts
from bot.texts import lang, plural, t
from bot.ui.buttons import ID, Button, button, page_turns
from bot.ui.chat import as_user, show
from bot.ui.formatting import day_text, excerpt, fit, money, years_text
from store import audit
from store.audit import AuditView, CoopEvent, CoopHistory

HISTORY_PAGE_BUTTON, HISTORY_CLOSE_BUTTON = Button("hist:p", ID, ID), Button("hist:close")  # coop, page
HISTORY_SIZE = 10  # events per page of /historique
LABEL_SHOWN = 40  # characters of a label quoted in a trail line
ROW_FIELDS = ("class_name", "teachers", "pupils", "other_adults")  # a membership row's, in its events
ENTITIES = ("adhesionrow", "adhesion", "ledger", "invitation", "mandate")  # said by membership_event_text
CHANGED_FIELDS = ("day", "label", "amount", "treasury", "means", "cheque_number", "project", "splits")


def instant_text(instant: datetime, zone: str) -> str:
    """jj/mm/aaaa hh:mm where the coop is."""
    return instant.astimezone(ZoneInfo(zone)).strftime("%d/%m/%Y %H:%M")


def short(label: Any) -> str:
    text = str(label or "")
    return escape(text if len(text) <= LABEL_SHOWN else text[:LABEL_SHOWN - 1] + "…")


def field_value(field: str, value: Any, language: str) -> str:
    """A snapshot's value as the person reads it."""
    if value is None or value == "":
        return "—"
    if field == "day":
        return day_text(date.fromisoformat(value))
    if field == "label":
        return f"« {short(value)} »" if language == "fr" else f"\"{short(value)}\""
    if field == "amount":
        return money(value, language)
    if field in ("treasury", "means"):
        return t(f"{field}.{value}", language)
    if field == "project":
        return f"#{escape(str(value))}"
    if field == "splits":
        return ", ".join(f"{escape(str(code))} {money(cents, language)}" for code, cents in value)
    return escape(str(value))


def changes_text(before: dict[str, Any], after: dict[str, Any], language: str) -> str:
    """'montant 12,50 € → 13,50 € ; libellé « A » → « B »' (a lone split following its amount left out)."""
    parts = []
    for field in CHANGED_FIELDS:
        old, new = before.get(field), after.get(field)
        if old == new:
            continue
        if field == "splits" and len(old or []) == len(new or []) == 1 and old[0][0] == new[0][0]:
            continue
        parts.append(t("hist.change", language, field=t(f"hist.field.{field}", language),
                       before=field_value(field, old, language), after=field_value(field, new, language)))  # fmt: skip
    return " ; ".join(parts) if language == "fr" else "; ".join(parts)


def event_text(event: AuditView, language: str, subject: str = "") -> str:
    """What the event changed; ``subject`` names the entry in a coop's trail."""
    before, after = event.before or {}, event.after or {}
    state, key = after or before, f"hist.{event.entity}.{event.action}"
    ledger_name = escape(getattr(event, "ledger_name", None) or "")
    if key == "hist.entry.create":
        return t(key, language, subject=subject, direction=t(f"direction.{state.get('direction', 'depense')}", language),
                 amount=money(state.get("amount", 0), language), label=short(state.get("label")))  # fmt: skip
    if key == "hist.entry.edit":
        return t(key, language, subject=subject, changes=changes_text(before, after, language))
    if key in ("hist.entry.cancel", "hist.entry.attach"):
        return t(key, language, subject=subject)
    if key == "hist.opening.opening":
        return t(key, language, ledger=ledger_name, banque=money(after.get("banque", 0), language),
                 caisse=money(after.get("caisse", 0), language))  # fmt: skip
    statement_day = getattr(event, "statement_day", None)
    if key == "hist.statement.create":
        return t(key, language, day=field_value("day", after.get("day"), language),
                 balance=money(after.get("balance", 0), language))  # fmt: skip
    if key == "hist.statement.tick":
        ticked = plural(len(after.get("entries", [])), "word.ticked", language)
        return t(key, language, ticked=ticked, day=day_text(statement_day) if statement_day else "—")
    if key == "hist.cashcount.create":
        return t(key, language, ledger=ledger_name, day=field_value("day", after.get("day"), language),
                 counted=money(after.get("counted", 0), language))  # fmt: skip
    if key == "hist.coop.close" and "fiscal_year" in after:
        return t(key, language, years=years_text(int(after["fiscal_year"])))
    return t("hist.other", language, entity=escape(event.entity), id=event.entity_id, action=escape(event.action))


def trail_line(event: AuditView, zone: str, language: str, subject: str = "") -> str:
    """'27/11/2026 14:05 — Marie Payet — …'"""
    person = escape(event.person_name) if event.person_name else t("hist.operator", language)
    return t("hist.line", language, at=instant_text(event.at, zone), person=person,
             what=event_text(event, language, subject))  # fmt: skip


def membership_event_text(event: CoopEvent, language: str) -> str | None:
    """The event in a few words, or None when it is not one of these."""
    before, after = event.before or {}, event.after or {}
    state, key = after or before, f"hist.{event.entity}.{event.action}"
    if event.entity not in ENTITIES or key not in texts.TEXTS:
        return None
    years = years_text(int(state["year"])) if "year" in state else ""
    if event.entity == "adhesionrow":
        changes = ", ".join(f"{t(f'hist.row.{f}', language)} {escape(str(before.get(f)))} → {escape(str(after.get(f)))}"
                            for f in ROW_FIELDS if before.get(f) != after.get(f))  # fmt: skip
        total = sum(int(state.get(f) or 0) for f in ROW_FIELDS[1:])
        return t(key, language, class_name=escape(str(state.get("class_name", ""))), total=total, changes=changes)
    if event.entity == "invitation":
        role = t(f"hist.role.{state.get('role')}", language, ledger=escape(event.ledger_name or ""))
        return t(key, language, role=role.strip())
    return t(key, language, years=years, members=state.get("members", ""),
             reason=escape(excerpt(state.get("reason", ""), 36)), name=escape(str(state.get("name", ""))),
             class_name=escape(str(state.get("class_name", ""))), successor=escape(event.subject_name or "—"))  # fmt: skip


def coop_line(event: audit.CoopEvent, zone: str, language: str) -> str:
    """Two short lines a phone shows whole: when and who, then what."""
    subject = ""
    if event.entity == "entry":
        subject = t("hist.subject.entry", language, piece=escape(event.piece or str(event.entity_id)),
                    ledger=escape(event.ledger_name or ""))  # fmt: skip
    person = escape(event.person_name) if event.person_name else t("hist.operator", language)
    what = membership_event_text(event, language) or event_text(event, language, subject)
    return t("hist.event", language, at=instant_text(event.at, zone), person=person, what=what)


def history_text(history: CoopHistory, language: str) -> str:
    lines = [t("hist.title", language, affiliation=history.affiliation, school=escape(history.school_name)), ""]
    lines += [coop_line(e, history.timezone, language) for e in history.events] or [t("hist.empty", language)]
    pages = max(1, math.ceil(history.total / HISTORY_SIZE))
    if pages > 1:
        lines += ["", t("hist.page", language, page=history.offset // HISTORY_SIZE + 1, pages=pages,
                        total=history.total)]  # fmt: skip
    return "\n".join(fit(lines))


def history_keyboard(history: CoopHistory, language: str) -> InlineKeyboardMarkup:
    turns = page_turns(history.offset // HISTORY_SIZE, history.has_more, language,
                       lambda number: HISTORY_PAGE_BUTTON.data(history.coop_id, number))  # fmt: skip
    return InlineKeyboardMarkup(turns + [[button(t("button.close", language), HISTORY_CLOSE_BUTTON.data())]])


async def history_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/historique: the latest events of the person's coop (a coop to choose first if several)."""
    language = lang(update)
    history = await as_user(update, context, audit.history_start, HISTORY_SIZE)
    if isinstance(history, tuple):  # the coops this person manages, to choose among
        rows = [[button(f"{c.affiliation} {c.school_name}", HISTORY_PAGE_BUTTON.data(c.coop_id, 0))] for c in history]
        rows.append([button(t("button.close", language), HISTORY_CLOSE_BUTTON.data())])
        await update.effective_message.reply_text(t("hist.pick_coop", language), reply_markup=InlineKeyboardMarkup(rows))
        return
    await update.effective_message.reply_text(history_text(history, language),
                                              reply_markup=history_keyboard(history, language))  # fmt: skip


async def history_page(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """◀️ ▶️ of /historique (or the coop chosen): the coop is in the button, the store checks it."""
    coop_id, number = HISTORY_PAGE_BUTTON.read(update)
    history = await as_user(update, context, audit.coop_history, coop_id, number * HISTORY_SIZE,
                            HISTORY_SIZE)  # fmt: skip
    await update.callback_query.answer()
    await show(update, history_text(history, lang(update)), history_keyboard(history, lang(update)))


async def history_close(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Fermer: the history stays, without buttons."""
    await update.callback_query.answer()
    await update.callback_query.edit_message_reply_markup(None)
