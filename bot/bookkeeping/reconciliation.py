"""/pointage: the bank reconciliation (rapprochement bancaire) of a coop, statement by statement.

The person gives a bank statement's date and balance; the bot records the statement at
once, then lists the coop's bank entries up to that date still to tick, each a ☐/☑
button, with the remaining difference (écart) under them, and "✅ Terminer" records the
ticks. When the difference is zero, the books and the bank agree: "Rapprochement
équilibré ✅".

Why the ticks wait for "Terminer": the store never unticks an entry, and a treasurer
ticking from a phone taps the wrong line now and then. Until "Terminer" a tap only
toggles the box (kept with the conversation, in the store's chat state), so a second tap
mends a slip, and the écart follows each tap. Nothing is lost in a restart either: the
statement is recorded before the first tick, the boxes survive with the conversation,
and /pointage offers to take up a statement again (typing its date does too).
"""

from __future__ import annotations

import zlib
from datetime import date
from html import escape

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import ContextTypes, ConversationHandler

from bot.ui.buttons import ID, Button, button, page_turns, one_of
from bot.ui.formatting import WIDTH, clip, day_text, narrow, plus_money, refusal, report_warning, signed_money
from bot.ui.chat import as_user, end_conversation, show, this_draft_only
from bot.texts import lang, plural, t
from bot.ui.steps import (amount_problem, answered_day, day_keyboard, flip, only_coop, parse_cents, picked_coop,
                           today_of)
from store import entries as store_entries
from store import lookups
from store import reconciliation as store_reconciliation
from store.access import Action
from store.books import EntryView
from store.errors import LedgerError
from store.lookups import LedgerRef
from store.reconciliation import Pointed, Reconciliation
from store.money import AmountError
from store.years import fiscal_year_of

COOP, DAY, BALANCE, POINTING = "pnt.coop", "pnt.day", "pnt.balance", "pnt.pointing"
DRAFT = "pointage"
COOP_BUTTON, RESUME_BUTTON, DAY_BUTTON = Button("pnt:c", ID), Button("pnt:s", ID), Button("pnt:d", one_of("today", "other"))
TICK_BUTTON, DEPOSIT_BUTTON, PAGE_BUTTON = Button("pnt:t", ID), Button("pnt:r", ID), Button("pnt:p", ID)
DONE_BUTTON, CANCEL_BUTTONS = Button("pnt:done"), (Button("pnt:cancel"), Button("pnt:d:cancel"))
PAGE_SIZE = 8  # entries per page: the message stays short on a phone
RESUMABLE = 3  # latest statements offered to take up again
DAY_REASONS = ("future", "year_not_open", "closed_year")


def draft(context: ContextTypes.DEFAULT_TYPE) -> dict:
    return context.user_data[DRAFT]


# The buttons of this /pointage's questions and of its statement shown last (boxes, or a file's proposals): not
# those of an earlier /pointage's, nor of a statement shown before it.
this_pointing_only = this_draft_only(DRAFT)


# ------------------------------------------------------------------ the statement


async def begin(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """/pointage: which coop, if several; then the statement's date."""
    context.user_data[DRAFT] = {"begun": update.effective_message.message_id}
    coops = await as_user(update, context, lookups.managed_coops)
    ref = await only_coop(update, coops, "pnt.pick_coop", COOP_BUTTON, CANCEL_BUTTONS[0])
    return COOP if ref is None else await set_coop(update, context, ref)


@this_pointing_only
async def chose_coop(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """A coop button: only one this person manages."""
    return await set_coop(update, context, await picked_coop(update, context, COOP_BUTTON, Action.MANAGE_COOP))


async def set_coop(update: Update, context: ContextTypes.DEFAULT_TYPE, ref: LedgerRef) -> str:
    draft(context).update(coop_id=ref.coop_id, affiliation=ref.affiliation, timezone=ref.timezone)
    return await ask_day(update, context)


async def ask_day(update: Update, context: ContextTypes.DEFAULT_TYPE, notice: str | None = None) -> str:
    """The statement's date, with the latest statements to take up again."""
    current, language = draft(context), lang(update)
    known = await as_user(update, context, store_reconciliation.statements, current["coop_id"], fiscal_year_of(today_of(current)))
    lines = [notice] if notice else []
    lines += [t("pnt.title", language, affiliation=current["affiliation"]), t("pnt.ask_day", language),
              t("imp.or_file", language)]  # statement_import reads the file
    if known:
        listed = ", ".join(t("pnt.known_one", language, day=day_text(s.day), balance=signed_money(s.balance, language))
                           for s in known[:RESUMABLE])  # fmt: skip
        lines.append(t("pnt.known", language, statements=listed))
    rows = [[button(t("pnt.resume", language, day=day_text(s.day)), RESUME_BUTTON.data(s.id))] for s in known[:RESUMABLE]]
    rows += [list(row) for row in day_keyboard(DAY_BUTTON, CANCEL_BUTTONS[1], language, yesterday=False).inline_keyboard]
    await show(update, narrow("\n".join(lines)), InlineKeyboardMarkup(rows))
    return DAY


@this_pointing_only
async def chose_day(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """Aujourd'hui, or a date typed jj/mm/aaaa (after Autre date), not in the future."""
    day = await answered_day(update, today_of(draft(context)), DAY_BUTTON)
    return DAY if day is None else await got_day(update, context, day)


async def got_day(update: Update, context: ContextTypes.DEFAULT_TYPE, day: date) -> str:
    """A statement already entered on that day is taken up again; otherwise its balance is asked (a date the books
    refuse: the date again)."""
    current, language = draft(context), lang(update)
    try:
        known = await as_user(update, context, store_reconciliation.statement_day, current["coop_id"], day,
                              today=today_of(current))  # fmt: skip
    except LedgerError as refused:
        typed = "" if update.callback_query else t("ent.day.understood", language, day=day_text(day)) + " "
        return await ask_day(update, context, typed + refusal(refused, language))
    if (same := known.statement) is not None:
        notice = t("pnt.exists", language, day=day_text(day), balance=signed_money(same.balance, language))
        return await open_statement(update, context, same.id, notice)
    current.update(day=day.isoformat(), warned=known.report_sent)
    return await ask_balance(update, context)


async def ask_balance(update: Update, context: ContextTypes.DEFAULT_TYPE, notice: str | None = None) -> str:
    """The statement's balance; in a year whose report is with the AD, under its warning (typing it confirms)."""
    current, language = draft(context), lang(update)
    day = date.fromisoformat(current["day"])
    lines = [notice] if notice else []
    if current.get("warned"):
        lines.append(report_warning(day, language))
    lines.append(t("pnt.ask_balance", language, day=day_text(day)))
    cancel = InlineKeyboardMarkup([[button(t("button.cancel", language), CANCEL_BUTTONS[0].data())]])
    await show(update, narrow("\n\n".join(lines)), cancel if current.get("warned") else None)
    return BALANCE


async def typed_balance(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """The balance typed: the statement is recorded, then its entries are listed to tick."""
    current, language = draft(context), lang(update)
    try:
        balance = parse_cents(update.effective_message.text, zero=True, signed=True)
    except AmountError as error:
        await update.effective_message.reply_text(narrow(amount_problem(error, language)))
        return BALANCE
    try:
        rec = await as_user(update, context, store_reconciliation.record_statement, current["coop_id"],
                            day=date.fromisoformat(current["day"]), balance=balance, today=today_of(current),
                            warned=current.get("warned", False))  # fmt: skip
    except LedgerError as refused:
        if refused.reason == "statement_exists":
            return await open_statement(update, context, refused.statement_id)
        if refused.reason == "report_unconfirmed":  # sent since the question: asked again, under the warning
            current["warned"] = True
            return await ask_balance(update, context)
        if refused.reason in DAY_REASONS:
            current.pop("day", None)
            return await ask_day(update, context, refusal(refused, language))
        await update.effective_message.reply_text(refusal(refused, language))
        return BALANCE
    current.update(statement_id=rec.statement_id, ticked=[], page=0)
    return await refresh(update, context, rec)


@this_pointing_only
async def resume(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """↩️ Reprendre le relevé du …"""
    state = await open_statement(update, context, RESUME_BUTTON.read(update))
    await update.callback_query.answer()
    return state


async def open_statement(update: Update, context: ContextTypes.DEFAULT_TYPE, statement_id: int,
                         notice: str | None = None) -> str:  # fmt: skip
    """Take up a statement of this coop (the store refuses another coop's)."""
    current = draft(context)
    rec = await as_user(update, context, store_reconciliation.reconciliation, statement_id, coop_id=current["coop_id"])
    current.update(statement_id=rec.statement_id, day=rec.day.isoformat(), ticked=[], page=0)
    return await refresh(update, context, rec, notice)


# ------------------------------------------------------------------ a file where none is read


async def file_at_coop(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """A photo or a document before the coop is chosen: not read (nor taken as a receipt)."""
    await update.effective_message.reply_text(t("pnt.file.coop", lang(update)))
    return COOP


async def photo_at_day(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """A photo where the statement's date is asked: a date, or the bank's file, is expected."""
    await update.effective_message.reply_text(narrow(t("pnt.file.day", lang(update))))
    return DAY


async def photo_at_balance(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """A photo where the balance is asked: the balance, or the bank's file, is expected; the date stays."""
    day = day_text(date.fromisoformat(draft(context)["day"]))
    await update.effective_message.reply_text(narrow(t("pnt.file.balance", lang(update), day=day)))
    return BALANCE


async def file_while_pointing(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """A file while a statement is ticked: not read (nor taken as a receipt); the boxes again, as they were."""
    current = draft(context)
    current.pop("shown", None)  # a new message under the file
    rec = await as_user(update, context, store_reconciliation.reconciliation, current["statement_id"])
    return await refresh(update, context, rec, t("pnt.file.pointing", lang(update)))


# ------------------------------------------------------------------ ticking


def difference_with(rec: Reconciliation, ticked: list[int]) -> int:
    """The écart once the boxes ticked so far are recorded: each bank entry ticked stops being outstanding."""
    return rec.difference - sum(e.signed for e in rec.outstanding if e.id in ticked)


def box(entry: EntryView, ticked: list[int]) -> str:
    return "☑" if entry.id in ticked else "☐"


def entry_lines(entry: EntryView, ticked: list[int], language: str) -> list[str]:
    """'☐ CE1A D7 · 03/11/2026 · −12,50 €' and, under it, the label and the cheque's number."""
    what = entry.label + (f" · {t('jnl.entry.cheque', language, number=entry.cheque_number)}"
                          if entry.cheque_number else "")  # fmt: skip
    head = f"{box(entry, ticked)} <b>{escape(entry.ledger_name)}</b> {entry.piece} · {day_text(entry.day)} · "
    return [head + plus_money(entry.signed, language), "   " + escape(clip(what, WIDTH - 3))]


def grouped(entries: tuple[EntryView, ...]) -> list[list[EntryView]]:
    """One line per entry, but one per remise de chèques: the bank credits a slip's total at once."""
    groups: dict[str, list[EntryView]] = {}
    for e in entries:
        groups.setdefault(f"r{e.deposit_id}" if e.deposit_id else f"e{e.id}", []).append(e)
    return list(groups.values())


def group_box(group: list[EntryView], ticked: list[int]) -> str:
    return "☑" if all(e.id in ticked for e in group) else "☐"


def group_lines(group: list[EntryView], ticked: list[int], language: str) -> list[str]:
    """An entry's two lines, or a slip's: '☐ Remise n° 3 · +35,00 €' and its cheques' count."""
    first = group[0]
    if not first.deposit_id:
        return entry_lines(first, ticked, language)
    total = sum(e.signed for e in group)
    return [f"{group_box(group, ticked)} <b>{t('pnt.deposit', language, number=first.deposit_number)}</b> · "
            f"{plus_money(total, language)}", "   " + t("pnt.deposit_count", language, cheques=plural(len(group), "word.cheque", language))]


def group_button(group: list[EntryView], ticked: list[int], language: str):
    first = group[0]
    if not first.deposit_id:
        return button(f"{box(first, ticked)} {first.ledger_name} {first.piece} · {first.day:%d/%m} · "
                      f"{signed_money(first.signed, language)}", TICK_BUTTON.data(first.id))  # fmt: skip
    return button(f"{group_box(group, ticked)} {t('pnt.deposit', language, number=first.deposit_number)} · "
                  f"{signed_money(sum(e.signed for e in group), language)}", DEPOSIT_BUTTON.data(first.deposit_id))  # fmt: skip


def render(rec: Reconciliation, current: dict, language: str) -> tuple[str, InlineKeyboardMarkup]:
    """The statement, one page of entries (and slips) to tick, the écart; the boxes as buttons."""
    ticked, groups = current["ticked"], grouped(rec.outstanding)
    pages = max(1, -(-len(groups) // PAGE_SIZE))
    page = min(current.get("page", 0), pages - 1)
    shown = groups[page * PAGE_SIZE:(page + 1) * PAGE_SIZE]
    lines = [t("pnt.header", language, day=day_text(rec.day), affiliation=current["affiliation"],
               balance=signed_money(rec.statement_balance, language))]  # fmt: skip
    if rec.report_sent:  # Terminer modifies it
        lines.append(report_warning(rec.day, language))
    if rec.ticked:
        lines.append(t("pnt.already", language, count=len(rec.ticked)))
    if groups:
        lines += ["", t("pnt.instructions", language)]
        for group in shown:
            lines += group_lines(group, ticked, language)
        if pages > 1:
            lines.append(t("pnt.page", language, page=page + 1, pages=pages))
    else:
        lines += ["", t("pnt.nothing", language, day=day_text(rec.day))]
    difference = difference_with(rec, ticked)
    lines += ["", t("pnt.zero" if difference == 0 else "pnt.difference", language,
                    difference=signed_money(difference, language))]  # fmt: skip
    rows = [[group_button(group, ticked, language)] for group in shown]
    rows += page_turns(page, page < pages - 1, language, PAGE_BUTTON.data)
    rows.append([button(t("pnt.finish", language), DONE_BUTTON.data())])
    if rec.report_sent:
        rows.append([button(t("button.cancel", language), CANCEL_BUTTONS[0].data())])
    return narrow("\n".join(lines)), InlineKeyboardMarkup(rows)


async def refresh(update: Update, context: ContextTypes.DEFAULT_TYPE, rec: Reconciliation,
                  notice: str | None = None) -> str:  # fmt: skip
    """Show the pointing screen: the pressed message is edited, and only when something changed
    (Telegram refuses an edit that changes nothing)."""
    current, language = draft(context), lang(update)
    current["ticked"] = [i for i in current["ticked"] if i in {e.id for e in rec.outstanding}]
    current["warned"] = rec.report_sent  # what « Terminer » confirms
    text, keyboard = render(rec, current, language)
    if notice:
        text = f"{notice}\n\n{text}"
    fingerprint = zlib.crc32(f"{text}{keyboard.to_json()}".encode())
    query = update.callback_query
    if query and current.get("shown") == [query.message.message_id, fingerprint]:
        return POINTING
    current["shown"] = [await show(update, text, keyboard), fingerprint]
    current["card"] = current["shown"][0]  # its buttons alone act
    return POINTING


@this_pointing_only
async def toggle(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """☐/☑: the box changes, and the écart with it; nothing is recorded yet."""
    query, current = update.callback_query, draft(context)
    entry_id = TICK_BUTTON.read(update)
    rec = await as_user(update, context, store_reconciliation.reconciliation, current["statement_id"])
    if entry_id not in {e.id for e in rec.outstanding}:
        await as_user(update, context, store_entries.get_entry, entry_id)  # another coop's entry: refused here
        await query.answer(t("pnt.not_here", lang(update)), show_alert=True)
        return POINTING
    await query.answer()
    flip(current["ticked"], entry_id)
    return await refresh(update, context, rec)


@this_pointing_only
async def toggle_deposit(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """☐/☑ Remise n° …: every cheque of the slip at once, as the bank credits them."""
    query, current = update.callback_query, draft(context)
    deposit_id = DEPOSIT_BUTTON.read(update)
    rec = await as_user(update, context, store_reconciliation.reconciliation, current["statement_id"])
    ids = [e.id for e in rec.outstanding if e.deposit_id == deposit_id]
    if not ids:
        await query.answer(t("pnt.not_here", lang(update)), show_alert=True)
        return POINTING
    await query.answer()
    ticked = current["ticked"]
    if all(i in ticked for i in ids):
        current["ticked"] = [i for i in ticked if i not in ids]
    else:
        ticked.extend(i for i in ids if i not in ticked)
    return await refresh(update, context, rec)


@this_pointing_only
async def turn_page(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """◀️ ▶️"""
    await update.callback_query.answer()
    current = draft(context)
    current["page"] = max(0, PAGE_BUTTON.read(update))
    return await refresh(update, context, await as_user(update, context, store_reconciliation.reconciliation,
                                                        current["statement_id"]))  # fmt: skip


@this_pointing_only
async def finish(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str | int:
    """✅ Terminer: the boxes ticked are recorded on the statement; balanced or not, the bot says so."""
    query, current, language = update.callback_query, draft(context), lang(update)
    await query.answer()
    try:
        pointed = await as_user(update, context, store_reconciliation.tick_boxes, current["statement_id"],
                                current["ticked"], today=today_of(current),
                                warned=current.get("warned", False))  # fmt: skip
    except LedgerError as refused:
        if "entry_id" in refused.details and refused.entry_id in current["ticked"]:
            current["ticked"].remove(refused.entry_id)
        current.pop("shown", None)
        rec = await as_user(update, context, store_reconciliation.reconciliation, current["statement_id"])
        return await refresh(update, context, rec, refusal(refused, language))
    return await finished(update, context, pointed)


async def finished(update: Update, context: ContextTypes.DEFAULT_TYPE, pointed: Pointed, *notes: str) -> int:
    """The statement recorded (by Terminer, or a file's Pointer): the entries ticked, ``notes``, then
    balanced or the écart left, in place of the boxes."""
    rec = pointed.reconciliation
    language, day = lang(update), day_text(rec.day)
    lines = [t("pnt.ticked", language, ticked=plural(pointed.ticked, "word.ticked", language), day=day), *notes]
    if rec.balanced:
        lines.append(t("pnt.balanced", language, statement=signed_money(rec.statement_balance, language),
                       debits=signed_money(rec.outstanding_debits, language),
                       credits=signed_money(rec.outstanding_credits, language),
                       book=signed_money(rec.book_banque, language)))  # fmt: skip
    else:
        lines.append(t("pnt.left", language, difference=signed_money(rec.difference, language), day=day))
    context.user_data.pop(DRAFT, None)
    await update.callback_query.edit_message_text(narrow("\n\n".join(lines)))
    return ConversationHandler.END


async def cancel(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """/annuler or Annuler: before the balance nothing was recorded; after it the statement stays."""
    current = context.user_data.pop(DRAFT, None) or {}
    if "statement_id" not in current:
        return await end_conversation(update, context)
    if update.callback_query:
        await update.callback_query.answer()
    await show(update, narrow(t("pnt.stopped", lang(update), day=day_text(date.fromisoformat(current["day"])))))
    return ConversationHandler.END
