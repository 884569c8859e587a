"""/mouvement: the internal movements of a coop's money, by buttons.

Cash deposited at the bank (dépôt: caisse → banque, one ledger), cash withdrawn
(retrait: banque → caisse), an advance from the school ledger to a class ledger (avance)
and its reimbursement to the school (remboursement). The steps: kind → ledger (when
there is a choice) → amount (typed) → date → label (a default to keep, or one typed) →
the card → recorded, with both treasuries' new balances.

Avance and remboursement go bank to bank (the coop has one bank account) or cash box to
cash box (a class's cash handed to the school and back), and need writing in both ledgers: the buttons are offered to whoever may (the
mandataire, a signataire); the store checks again. When the store refuses at recording,
the person goes back to the step that can mend it (the amount, for a deposit larger than
the caisse), with the rest kept.
"""

from __future__ import annotations

from datetime import date
from html import escape

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import ContextTypes, ConversationHandler

from bot.ui.buttons import ID, Button, button, enum
from bot.ui.formatting import balance_line, day_text, ledger_of, money, refusal, report_warning, signed_money
from bot.ui.steps import (
    DAYS, amount_problem, answered_day, day_keyboard, ledgers_keyboard, read_amount, today_of, writable_ledgers,
)
from bot.ui.chat import as_user, end_conversation, show, this_draft_only
from bot.texts import lang, t
from store import books as store_books
from store import movements as store_movements
from store.balances import Balances
from store.books import BETWEEN
from store.errors import LedgerError
from store.lookups import class_pairs
from store.models import MovementKind, Treasury
from store.money import AmountError
from store.movements import MovementWay

KIND, LEDGER, AMOUNT, DAY, LABEL, CONFIRM = (
    "mvt.kind", "mvt.ledger", "mvt.amount", "mvt.day", "mvt.label", "mvt.confirm",
)  # fmt: skip
VIA = "mvt.via"
DRAFT = "mouvement"
KIND_BUTTON, LEDGER_BUTTON, VIA_BUTTON = Button("mvt:k", enum(MovementKind)), Button("mvt:l", ID), Button("mvt:v", enum(Treasury))
DAY_BUTTON, KEEP_BUTTON, SAVE_BUTTON = Button("mvt:d", DAYS), Button("mvt:keep"), Button("mvt:ok")
CANCEL_BUTTONS = (Button("mvt:cancel"), Button("mvt:l:cancel"), Button("mvt:d:cancel"))
# Refusals of the store at recording → the field to ask again.
REDO = {"caisse_negative": "amount", "amount_not_positive": "amount", "amount_too_large": "amount",
        "future": "day", "year_not_open": "day", "closed_year": "day", "before_opening": "day",
        "label_empty": "label", "label_length": "label", "label_letters": "label"}  # fmt: skip


def draft(context: ContextTypes.DEFAULT_TYPE) -> dict:
    return context.user_data[DRAFT]


# The buttons of the movement's questions and of its card shown last: not those of an earlier movement's or card's.
this_movement_only = this_draft_only(DRAFT)


def day_of(current: dict) -> date:
    return date.fromisoformat(current["day"])


def way_text(current: dict, language: str) -> str:
    key = f"mvt.way.{current['kind']}" + (".caisse" if current.get("via") == Treasury.CAISSE else "")
    return t(key, language, source=escape(current["source"]), target=escape(current.get("target") or ""))


# ------------------------------------------------------------------ the steps


async def begin(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str | int:
    """/mouvement: which movement? (avance and remboursement only for whoever writes both ledgers)"""
    language = lang(update)
    refs = await writable_ledgers(update, context)
    if not refs:
        return ConversationHandler.END
    context.user_data[DRAFT] = {"begun": update.effective_message.message_id}
    kinds = [MovementKind.DEPOT, MovementKind.RETRAIT] + (list(BETWEEN) if class_pairs(refs) else [])
    keyboard = [[button(t(f"mvt.kind.{k.value}", language), KIND_BUTTON.data(k))] for k in kinds]
    keyboard.append([button(t("button.cancel", language), CANCEL_BUTTONS[0].data())])
    await update.effective_message.reply_text(t("mvt.ask_kind", language), reply_markup=InlineKeyboardMarkup(keyboard))
    return KIND


@this_movement_only
async def chose_kind(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """The kind is chosen: which ledger, if there is a choice."""
    query, language = update.callback_query, lang(update)
    kind = KIND_BUTTON.read(update)
    way = await as_user(update, context, store_movements.movement_way, kind)
    await query.answer()
    context.user_data[DRAFT] = {"kind": kind.value, "begun": draft(context).get("begun", 0)}
    if way.source is not None:  # the only ledger
        return await set_ledger(update, context, way)
    await query.edit_message_text(t(f"mvt.pick.{kind.value}", language),
                                  reply_markup=ledgers_keyboard(list(way.choices), LEDGER_BUTTON, CANCEL_BUTTONS[1],
                                                                language))  # fmt: skip
    return LEDGER


@this_movement_only
async def chose_ledger(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """A ledger button: only one this person may move money in."""
    query = update.callback_query
    ledger_id = LEDGER_BUTTON.read(update)
    way = await as_user(update, context, store_movements.movement_way, MovementKind(draft(context)["kind"]), ledger_id)
    await query.answer()
    return await set_ledger(update, context, way)


async def set_ledger(update: Update, context: ContextTypes.DEFAULT_TYPE, way: MovementWay) -> str:
    """Source and target of the movement, from the ledger chosen."""
    source, target = way.source, way.target
    draft(context).update(ledger_id=source.id, source=source.name, to_ledger_id=target.id if target else None,
                          target=target.name if target else None, timezone=source.timezone)  # fmt: skip
    return await next_step(update, context, balances=way.balances)


async def next_step(update: Update, context: ContextTypes.DEFAULT_TYPE, notice: str | None = None, *,
                    balances: tuple[Balances, ...] = (), sent: bool = False) -> str:  # fmt: skip
    """Ask what is still missing (amount, date, label), else show the card; ``balances``: the amount's question's,
    and ``sent``: the day's year has its report with the AD, when the step's store call said so."""
    current, language = draft(context), lang(update)
    if current["kind"] in BETWEEN and "via" not in current:
        text, state = t("mvt.ask_via", language, kind=t(f"mvt.kind.{current['kind']}", language),
                        source=escape(current["source"]), target=escape(current["target"])), VIA  # fmt: skip
        keyboard = InlineKeyboardMarkup([[button(t(f"mvt.via.{v}", language), VIA_BUTTON.data(v))] for v in Treasury]
                                        + [[button(t("button.cancel", language), CANCEL_BUTTONS[0].data())]])  # fmt: skip
    elif "amount" not in current:
        text, keyboard, state = await amount_question(update, context, balances), None, AMOUNT
    elif "day" not in current:
        text = t("mvt.ask_day", language, amount=money(current["amount"], language))
        keyboard, state = day_keyboard(DAY_BUTTON, CANCEL_BUTTONS[2], language), DAY
    elif "label" not in current:
        text, state = t("mvt.ask_label", language, label=escape(default_label(current, language))), LABEL
        keyboard = InlineKeyboardMarkup([[button(t("mvt.keep_label", language), KEEP_BUTTON.data())],
                                         [button(t("button.cancel", language), CANCEL_BUTTONS[0].data())]])  # fmt: skip
    else:
        text, state = card_text(current, language), CONFIRM
        if not sent:  # (sent: the card again as it was, its report sent since: the recording's call said so)
            card = await as_user(update, context, store_movements.movement_card, MovementKind(current["kind"]),
                                 ledger_id=current["ledger_id"], day=day_of(current), amount=current["amount"],
                                 from_treasury=treasuries(current).get("from_treasury", Treasury.BANQUE))  # fmt: skip
            current["bank_after"], current["warned"] = card.bank_after, card.report_sent
        else:
            current["warned"] = True
        if current.get("bank_after") is not None:
            text += "\n" + t("mvt.card.bank_negative", language, ledger=escape(current["source"]),
                             banque=signed_money(current["bank_after"], language))  # fmt: skip
        if current["warned"]:  # shown on the card: what ✅ Enregistrer confirms
            text += "\n\n" + report_warning(day_of(current), language)
        keyboard = InlineKeyboardMarkup([[button(t("mvt.save", language), SAVE_BUTTON.data())],
                                         [button(t("button.cancel", language), CANCEL_BUTTONS[0].data())]])  # fmt: skip
    shown = await show(update, f"{notice}\n\n{text}" if notice else text, keyboard)
    if state == CONFIRM:
        current["card"] = shown  # its ✅ alone records this draft
    return state


@this_movement_only
async def chose_via(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """Par la banque, or en espèces: both sides of an advance or a repayment use that treasury."""
    await update.callback_query.answer()
    draft(context)["via"] = VIA_BUTTON.read(update).value
    return await next_step(update, context)


async def amount_question(update: Update, context: ContextTypes.DEFAULT_TYPE, balances: tuple[Balances, ...]) -> str:
    """The amount asked, with the balances of the ledgers involved today (asked of the store unless given)."""
    current, language = draft(context), lang(update)
    balances = balances or await as_user(update, context, store_movements.movement_balances, current["ledger_id"],
                                         current.get("to_ledger_id"))  # fmt: skip
    lines = [balance_line(b, language) for b in balances]
    return t("mvt.ask_amount", language, kind=t(f"mvt.kind.{current['kind']}", language),
             way=way_text(current, language), balances="\n".join(lines))  # fmt: skip


async def typed_amount(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """The amount typed: a positive amount, or the step again ('-3' told it must be typed without a sign)."""
    language = lang(update)
    try:
        draft(context)["amount"] = read_amount(update.effective_message.text)
    except AmountError as error:
        await update.effective_message.reply_text(amount_problem(error, language))
        return AMOUNT
    return await next_step(update, context)


@this_movement_only
async def chose_day(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """Aujourd'hui, Hier, or a date typed jj/mm/aaaa (after Autre date): not in the future; the store checks the
    open years and the ledgers' books there, and a date refused is asked again at once."""
    current, language = draft(context), lang(update)
    day = await answered_day(update, today_of(current), DAY_BUTTON)
    if day is None:
        return DAY
    try:
        await as_user(update, context, store_movements.check_movement_day, current["ledger_id"], day,
                      today=today_of(current), to_ledger_id=current.get("to_ledger_id"))  # fmt: skip
    except LedgerError as refused:
        typed = "" if update.callback_query else t("ent.day.understood", language, day=day_text(day)) + " "
        return await next_step(update, context, typed + refusal(refused, language))
    current["day"] = day.isoformat()
    return await next_step(update, context)


def default_label(current: dict, language: str) -> str:
    return t(f"mvt.label.{current['kind']}", language, target=current.get("target") or "")


@this_movement_only
async def keep_label(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """✅ Garder ce libellé."""
    await update.callback_query.answer()
    draft(context)["label"] = default_label(draft(context), lang(update))
    return await next_step(update, context)


async def typed_label(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """Another label, typed: the store's rule for a typed label (1 to 120 characters, a letter or a digit)."""
    label = " ".join("".join(c for c in update.effective_message.text if c.isprintable() or c.isspace()).split())
    try:
        store_books.typed_label(label)
    except LedgerError as refused:
        await update.effective_message.reply_text(refusal(refused, lang(update)))
        return LABEL
    draft(context)["label"] = label
    return await next_step(update, context)


def treasuries(current: dict) -> dict[str, Treasury]:
    """Both sides of an advance or a repayment: banque, or caisse when it is paid in cash."""
    if current["kind"] not in BETWEEN:
        return {}
    via = Treasury(current.get("via", Treasury.BANQUE))
    return {"from_treasury": via, "to_treasury": via}


def card_text(current: dict, language: str) -> str:
    return t("mvt.card", language, kind=t(f"mvt.kind.{current['kind']}", language), way=way_text(current, language),
             amount=money(current["amount"], language), day=day_text(day_of(current)),
             label=escape(current["label"]))  # fmt: skip


@this_movement_only
async def save(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str | int:
    """✅ Enregistrer: the store records both legs, or says which step to take again."""
    query, language, current = update.callback_query, lang(update), draft(context)
    await query.answer()
    recorded = await as_user(update, context, store_movements.record_movement_with_balances,
                             MovementKind(current["kind"]), ledger_id=current["ledger_id"],
                             to_ledger_id=current["to_ledger_id"], day=day_of(current), amount=current["amount"],
                             label=current["label"], today=today_of(current), warned=current.get("warned", False),
                             **treasuries(current))  # fmt: skip
    if (refused := recorded.refused) is not None:
        if refused.reason == "report_unconfirmed":  # sent since the card: the card again, under the warning
            return await next_step(update, context, sent=True)
        field = REDO.get(refused.reason)
        if field is None:
            context.user_data.pop(DRAFT, None)
            await query.edit_message_text(refusal(refused, language))
            return ConversationHandler.END
        current.pop(field)
        return await next_step(update, context, refusal(refused, language), balances=recorded.balances)
    context.user_data.pop(DRAFT, None)
    moved = recorded.movement
    lines = [t("mvt.after", language, ledger=ledger_of(after, language), banque=signed_money(after.banque, language),
               caisse=money(after.caisse, language)) for after in recorded.balances]  # fmt: skip
    pieces = t("mvt.and", language).join(
        t("mvt.piece", language, piece=leg.piece, ledger=escape(leg.ledger_name),
          treasury=t(f"treasury.{leg.treasury.value}", language))
        for leg in (moved.outgoing, moved.incoming))  # fmt: skip
    await query.edit_message_text(t("mvt.recorded", language, what=t(f"mvt.word.{moved.kind.value}", language),
                                    amount=money(current["amount"], language), balances=" ; ".join(lines),
                                    pieces=pieces))  # fmt: skip
    return ConversationHandler.END


async def cancel(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """/annuler or Annuler: nothing was recorded."""
    context.user_data.pop(DRAFT, None)
    return await end_conversation(update, context)
