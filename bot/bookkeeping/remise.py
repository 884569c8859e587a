"""/remise: a remise de chèques, the cheques received deposited together on one slip.

Families' cheques are recorded as receipts (/recette, means chèque) and wait, "à remettre".
/remise lists those of the ledgers the person writes in (a teacher: their class's), all
ticked ☑; a tap unticks one that stays in the drawer; then the slip's date. The store
numbers the slip (1, 2, 3… per coop) and the bank credits its total: /pointage shows the
slip as one line to tick.
"""

from __future__ import annotations

from html import escape

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import ContextTypes, ConversationHandler

from bot import texts
from bot.ui.books import WIDTH, clip, money, narrow, refusal
from bot.ui.common import as_user, button, day_text, end_conversation
from bot.texts import lang, plural, t
from bot.ui.treasury import answered_day, day_keyboard, show, today_of, writable_ledgers
from store import entries, lookups, reconciliation
from store.access import Action
from store.books import EntryView
from store.errors import LedgerError
from store.lookups import LedgerRef

COOP, CHEQUES, DAY = "rem.coop", "rem.cheques", "rem.day"
DRAFT = "remise"
SHOWN_MAX = 20  # cheques listed in one message; the others wait for the next slip
DAY_REASONS = ("future", "year_not_open", "closed_year", "after_deposit")

texts.register({
    "cmd.remise": {"fr": "Remise de chèques : les chèques reçus, déposés ensemble à la banque",
                   "en": "Cheque deposit: the cheques received, paid in together at the bank"},
    "rem.pick_coop": {"fr": "Remise de chèques : quelle coopérative ?", "en": "Cheque deposit: which cooperative?"},
    "rem.coop": {"fr": "Coopérative {affiliation}", "en": "Cooperative {affiliation}"},
    "rem.none": {"fr": "Aucun chèque à remettre : les chèques reçus s'enregistrent par /recette (moyen : chèque).",
                 "en": "No cheque to deposit: cheques received are recorded with /recette (means: cheque)."},
    "rem.title": {"fr": "<b>Remise de chèques</b> — coop {affiliation}", "en": "<b>Cheque deposit</b> — coop {affiliation}"},
    "rem.instructions": {"fr": "Décochez les chèques qui ne partent pas avec ce bordereau :",
                         "en": "Untick the cheques that do not go with this slip:"},
    "rem.more": {"fr": "… et {others}, pour la prochaine remise.", "en": "… and {others}, for the next deposit."},
    "rem.total": {"fr": "<b>Bordereau : {cheques} · {total}</b>", "en": "<b>Slip: {cheques} · {total}</b>"},
    "rem.go": {"fr": "✅ Remettre ces chèques", "en": "✅ Deposit these cheques"},
    "rem.empty": {"fr": "Cochez au moins un chèque.", "en": "Tick at least one cheque."},
    "rem.ask_day": {"fr": "Date de la remise ({cheques} · {total}) ? Choisissez, ou tapez-la (jj/mm/aaaa) :",
                    "en": "Date of the deposit ({cheques} · {total})? Choose, or type it (dd/mm/yyyy):"},
    "rem.done": {"fr": "Remise n° {number} du {day} enregistrée : {cheques}, {total}. Notez le n° {number} "
                       "sur le bordereau ; /pointage la coche en une ligne.",
                 "en": "Deposit no. {number} of {day} recorded: {cheques}, {total}. Write no. {number} on "
                       "the slip; /pointage ticks it as one line."},
    "ledger.error.deposited": {"fr": "Ce chèque est sur une remise : sa date, son montant et son moyen ne changent plus, "
                                     "et il ne s'annule pas (le bordereau est à la banque).",
                                "en": "This cheque is on a deposit slip: its date, amount and means no longer change, "
                                      "and it cannot be cancelled (the slip is at the bank)."},
    "ledger.error.no_cheque": {"fr": "Aucun chèque coché.", "en": "No cheque ticked."},
    "ledger.error.not_to_deposit": {"fr": "Ce chèque n'est plus à remettre (déjà remis, pointé ou annulé).",
                                    "en": "This cheque is no longer to deposit (deposited, ticked or cancelled)."},
    "ledger.error.after_deposit": {"fr": "Un chèque coché a été reçu après cette date : choisissez une date plus tardive.",
                                   "en": "A ticked cheque was received after that date: choose a later date."},
})  # fmt: skip


def draft(context: ContextTypes.DEFAULT_TYPE) -> dict:
    return context.user_data[DRAFT]


def cheque_lines(entry: EntryView, ticked: list[int], language: str) -> list[str]:
    """'☑ CE1A 4 · 30/11/2026 · 15,00 €' and, under it, the label and the cheque's number."""
    box = "☑" if entry.id in ticked else "☐"
    what = f"{entry.label} · n° {entry.cheque_number}"
    return [f"{box} <b>{escape(entry.ledger_name)}</b> {entry.piece} · {day_text(entry.day)} · "
            f"{money(entry.amount, language)}", "   " + escape(clip(what, WIDTH - 3))]


async def begin(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str | int:
    """/remise: which coop, if several; then its cheques to deposit."""
    refs = await writable_ledgers(update, context)
    if not refs:
        return ConversationHandler.END
    coops = list({r.coop_id: r for r in refs}.values())
    if len(coops) == 1:
        return await set_coop(update, context, coops[0])
    language = lang(update)
    keyboard = [[button(t("rem.coop", language, affiliation=r.affiliation), f"rem:c:{r.coop_id}")] for r in coops]
    keyboard.append([button(t("button.cancel", language), "rem:cancel")])
    await update.effective_message.reply_text(t("rem.pick_coop", language), reply_markup=InlineKeyboardMarkup(keyboard))
    return COOP


async def chose_coop(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str | int:
    """A coop button: only one where this person writes."""
    coop_id = int(update.callback_query.data.split(":")[2])
    ref = await as_user(update, context, lookups.pick_coop, coop_id, Action.WRITE_LEDGER)
    await update.callback_query.answer()
    return await set_coop(update, context, ref)


async def set_coop(update: Update, context: ContextTypes.DEFAULT_TYPE, ref: LedgerRef) -> str | int:
    """Every cheque waiting is ticked to begin with."""
    cheques = await as_user(update, context, reconciliation.cheques_to_deposit, ref.coop_id)
    if not cheques:
        context.user_data.pop(DRAFT, None)
        await show(update, narrow(t("rem.none", lang(update))))
        return ConversationHandler.END
    context.user_data[DRAFT] = {"coop_id": ref.coop_id, "affiliation": ref.affiliation, "timezone": ref.timezone,
                                "ticked": [c.id for c in cheques[:SHOWN_MAX]]}  # fmt: skip
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
                    f"rem:t:{c.id}")] for c in shown]  # fmt: skip
    rows += [[button(t("rem.go", language), "rem:ok")], [button(t("button.cancel", language), "rem:cancel")]]
    await show(update, narrow("\n".join(lines)), InlineKeyboardMarkup(rows))
    return CHEQUES


async def toggle(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """☑/☐: the cheque goes with this slip, or stays for the next one."""
    query, current = update.callback_query, draft(context)
    entry_id = int(query.data.split(":")[2])
    cheques = await as_user(update, context, reconciliation.cheques_to_deposit, current["coop_id"])
    if entry_id not in {c.id for c in cheques[:SHOWN_MAX]}:
        await as_user(update, context, entries.get_entry, entry_id)  # another coop's entry: refused here
        await query.answer(t("ledger.error.not_to_deposit", lang(update)), show_alert=True)
        return await show_cheques(update, context, cheques)
    await query.answer()
    ticked = current["ticked"]
    ticked.remove(entry_id) if entry_id in ticked else ticked.append(entry_id)
    return await show_cheques(update, context, cheques)


async def ask_day(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """✅ Remettre ces chèques: the slip's date (at least one cheque ticked)."""
    query, current, language = update.callback_query, draft(context), lang(update)
    cheques = await as_user(update, context, reconciliation.cheques_to_deposit, current["coop_id"])
    chosen = [c for c in cheques if c.id in current["ticked"]]
    if not chosen:
        await query.answer(t("rem.empty", language), show_alert=True)
        return CHEQUES
    await query.answer()
    await show(update, narrow(day_question(chosen, language)), day_keyboard("rem:d", language))
    return DAY


def day_question(chosen: list[EntryView], language: str) -> str:
    return t("rem.ask_day", language, cheques=plural(len(chosen), "word.cheque", language), total=money(sum(c.amount for c in chosen), language))


async def chose_day(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str | int:
    """Aujourd'hui, Hier, or a date typed: the slip is recorded, or the step says why not."""
    current, language = draft(context), lang(update)
    day = await answered_day(update, today_of(current))
    if day is None:
        return DAY
    try:
        slip = await as_user(update, context, reconciliation.record_deposit, current["coop_id"], current["ticked"], day=day,
                             today=today_of(current))  # fmt: skip
    except LedgerError as refused:
        cheques = await as_user(update, context, reconciliation.cheques_to_deposit, current["coop_id"])
        if refused.reason in DAY_REASONS:
            chosen = [c for c in cheques if c.id in current["ticked"]]
            text = f"{refusal(refused, language)}\n\n{day_question(chosen, language)}"
            await show(update, narrow(text), day_keyboard("rem:d", language))
            return DAY
        return await show_cheques(update, context, cheques, refusal(refused, language))
    context.user_data.pop(DRAFT, None)
    await show(update, narrow(t("rem.done", language, number=slip.number, day=day_text(slip.day),
                                cheques=plural(len(slip.cheques), "word.cheque", language), total=money(slip.total, language))))  # fmt: skip
    return ConversationHandler.END


async def cancel(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """/annuler or Annuler: nothing was recorded."""
    context.user_data.pop(DRAFT, None)
    return await end_conversation(update, context)
