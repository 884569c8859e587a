"""/remise: a remise de chèques, the cheques received deposited together on one slip.

Families' cheques are recorded as receipts (/recette, means chèque) and wait, "à remettre".
/remise lists those of the ledgers the person writes in (a teacher: their class's), all
ticked ☑; a tap unticks one that stays in the drawer; then the slip's date. The store
numbers the slip (1, 2, 3… per coop) and the bank credits its total: /pointage shows the
slip as one line to tick.
"""

from __future__ import annotations

from datetime import date
from html import escape

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import ContextTypes, ConversationHandler

from bot.ui.buttons import ID, Button, button
from bot.ui.formatting import WIDTH, clip, day_text, money, narrow, refusal, report_warning
from bot.ui.chat import as_user, end_conversation, show, this_draft_only
from bot.texts import lang, plural, t
from bot.ui.steps import DAYS, answered_day, day_keyboard, flip, only_coop, picked_coop, today_of, writable_ledgers
from store import entries
from store import reconciliation
from store.access import Action
from store.books import EntryView
from store.errors import LedgerError
from store.lookups import LedgerRef

COOP, CHEQUES, DAY, CONFIRM = "rem.coop", "rem.cheques", "rem.day", "rem.confirm"
DRAFT = "remise"
COOP_BUTTON, TICK_BUTTON, GO_BUTTON = Button("rem:c", ID), Button("rem:t", ID), Button("rem:ok")
DAY_BUTTON, CANCEL_BUTTONS = Button("rem:d", DAYS), (Button("rem:cancel"), Button("rem:d:cancel"))
CONFIRM_BUTTON = Button("rem:y")  # the slip dated in a year whose report is with the AD, under its warning
SHOWN_MAX = 20  # cheques listed in one message; the others wait for the next slip
DAY_REASONS = ("future", "year_not_open", "closed_year", "after_deposit")


def draft(context: ContextTypes.DEFAULT_TYPE) -> dict:
    return context.user_data[DRAFT]


# The buttons of the slip's questions and of its list shown last: not those of an earlier slip's or list's.
this_slip_only = this_draft_only(DRAFT)


def cheque_lines(entry: EntryView, ticked: list[int], language: str) -> list[str]:
    """'☑ CE1A 4 · 30/11/2026 · 15,00 €' and, under it, the label and the cheque's number."""
    box = "☑" if entry.id in ticked else "☐"
    what = f"{entry.label} · {t('means.cheque_no', language, number=entry.cheque_number)}"
    return [f"{box} <b>{escape(entry.ledger_name)}</b> {entry.piece} · {day_text(entry.day)} · "
            f"{money(entry.amount, language)}", "   " + escape(clip(what, WIDTH - 3))]


async def begin(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str | int:
    """/remise: which coop, if several; then its cheques to deposit."""
    refs = await writable_ledgers(update, context)
    if not refs:
        return ConversationHandler.END
    context.user_data[DRAFT] = {"begun": update.effective_message.message_id}
    ref = await only_coop(update, refs, "rem.pick_coop", COOP_BUTTON, CANCEL_BUTTONS[0])
    return COOP if ref is None else await set_coop(update, context, ref)


@this_slip_only
async def chose_coop(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str | int:
    """A coop button: only one where this person writes."""
    return await set_coop(update, context, await picked_coop(update, context, COOP_BUTTON, Action.WRITE_LEDGER))


async def set_coop(update: Update, context: ContextTypes.DEFAULT_TYPE, ref: LedgerRef) -> str | int:
    """Every cheque waiting is ticked to begin with."""
    cheques = await as_user(update, context, reconciliation.cheques_to_deposit, ref.coop_id)
    if not cheques:
        context.user_data.pop(DRAFT, None)
        await show(update, narrow(t("rem.none", lang(update))))
        return ConversationHandler.END
    context.user_data.setdefault(DRAFT, {}).update(coop_id=ref.coop_id, affiliation=ref.affiliation, timezone=ref.timezone,
                                                   ticked=[c.id for c in cheques[:SHOWN_MAX]])  # fmt: skip
    return await show_cheques(update, context, cheques)


async def show_cheques(update: Update, context: ContextTypes.DEFAULT_TYPE, cheques: tuple[EntryView, ...],
                       notice: str | None = None) -> str:  # fmt: skip
    """The cheques waiting, ☑/☐, and the slip's count and total so far."""
    current, language = draft(context), lang(update)
    shown = cheques[:SHOWN_MAX]
    current["ticked"] = [i for i in current["ticked"] if i in {c.id for c in shown}]
    ticked = current["ticked"]
    lines = ([notice, ""] if notice else []) + [t("rem.title", language, affiliation=current["affiliation"]),
                                                t("rem.instructions", language), ""]  # fmt: skip
    for cheque in shown:
        lines += cheque_lines(cheque, ticked, language)
    if len(cheques) > SHOWN_MAX:
        lines.append(t("rem.more", language, others=plural(len(cheques) - SHOWN_MAX, "word.other", language)))
    chosen = [c for c in shown if c.id in ticked]
    lines += ["", t("rem.total", language, cheques=plural(len(chosen), "word.cheque", language), total=money(sum(c.amount for c in chosen), language))]
    rows = [[button(f"{'☑' if c.id in ticked else '☐'} {c.ledger_name} {c.piece} · {money(c.amount, language)}",
                    TICK_BUTTON.data(c.id))] for c in shown]  # fmt: skip
    rows += [[button(t("rem.go", language), GO_BUTTON.data())], [button(t("button.cancel", language), CANCEL_BUTTONS[0].data())]]
    current["card"] = await show(update, narrow("\n".join(lines)), InlineKeyboardMarkup(rows))  # its buttons alone act
    return CHEQUES


@this_slip_only
async def toggle(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """☑/☐: the cheque goes with this slip, or stays for the next one."""
    query, current = update.callback_query, draft(context)
    entry_id = TICK_BUTTON.read(update)
    cheques = await as_user(update, context, reconciliation.cheques_to_deposit, current["coop_id"])
    if entry_id not in {c.id for c in cheques[:SHOWN_MAX]}:
        await as_user(update, context, entries.get_entry, entry_id)  # another coop's entry: refused here
        await query.answer(t("ledger.error.not_to_deposit", lang(update)), show_alert=True)
        return await show_cheques(update, context, cheques)
    await query.answer()
    flip(current["ticked"], entry_id)
    return await show_cheques(update, context, cheques)


@this_slip_only
async def ask_day(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """✅ Remettre ces chèques: the slip's date (at least one cheque ticked)."""
    query, current, language = update.callback_query, draft(context), lang(update)
    cheques = await as_user(update, context, reconciliation.cheques_to_deposit, current["coop_id"])
    chosen = [c for c in cheques if c.id in current["ticked"]]
    if not chosen:
        await query.answer(t("rem.empty", language), show_alert=True)
        return CHEQUES
    await query.answer()
    await show(update, narrow(day_question(chosen, language)), day_keyboard(DAY_BUTTON, CANCEL_BUTTONS[1], language))
    return DAY


def day_question(chosen: list[EntryView], language: str) -> str:
    return t("rem.ask_day", language, cheques=plural(len(chosen), "word.cheque", language), total=money(sum(c.amount for c in chosen), language))


@this_slip_only
async def chose_day(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str | int:
    """Aujourd'hui, Hier, or a date typed: the slip is recorded, or the step says why not. The question is the
    list's message: an earlier list's (left by /annuler) would record this slip in its place."""
    day = await answered_day(update, today_of(draft(context)), DAY_BUTTON)
    return DAY if day is None else await deposit(update, context, day, warned=False)


@this_slip_only
async def confirmed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str | int:
    """✅ Remettre ces chèques, under the report's warning: the slip is recorded."""
    await update.callback_query.answer()
    return await deposit(update, context, date.fromisoformat(draft(context)["day"]), warned=True)


async def deposit(update: Update, context: ContextTypes.DEFAULT_TYPE, day: date, *, warned: bool) -> str | int:
    """The slip recorded; dated in a year whose report is with the AD, a card with its warning asks first."""
    current, language = draft(context), lang(update)
    try:
        slip = await as_user(update, context, reconciliation.record_deposit, current["coop_id"], current["ticked"], day=day,
                             today=today_of(current), warned=warned)  # fmt: skip
    except LedgerError as refused:
        if refused.reason == "report_unconfirmed":
            current["day"] = day.isoformat()
            keyboard = InlineKeyboardMarkup([[button(t("rem.go", language), CONFIRM_BUTTON.data())],
                                             [button(t("button.cancel", language), CANCEL_BUTTONS[0].data())]])  # fmt: skip
            current["card"] = await show(
                update, narrow(f"{report_warning(day, language)}\n\n{t('rem.confirm', language, day=day_text(day))}"),
                keyboard)  # fmt: skip
            return CONFIRM
        cheques = await as_user(update, context, reconciliation.cheques_to_deposit, current["coop_id"])
        if refused.reason in DAY_REASONS:
            chosen = [c for c in cheques if c.id in current["ticked"]]
            text = f"{refusal(refused, language)}\n\n{day_question(chosen, language)}"
            # the question again (a new message after a date typed): its buttons act now
            current["card"] = await show(update, narrow(text), day_keyboard(DAY_BUTTON, CANCEL_BUTTONS[1], language))
            return DAY
        return await show_cheques(update, context, cheques, refusal(refused, language))
    context.user_data.pop(DRAFT, None)
    await show(update, narrow(t("rem.done", language, number=slip.number, day=day_text(slip.day),
                                cheques=plural(len(slip.cheques), "word.cheque", language), total=money(slip.total, language))))  # fmt: skip
    return ConversationHandler.END


@this_slip_only
async def cancel(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """/annuler or Annuler (of this slip: an earlier one's is told stale): nothing was recorded."""
    context.user_data.pop(DRAFT, None)
    return await end_conversation(update, context)
