"""/depense and /recette: the conversation, from the draft begun to the entry recorded.

The line typed with the command begins it (entry_start.py: recorded at once when complete). Then
buttons ask only what is missing: the ledger (if several), the account (the ledger's most used
first, or Répartir over several), the means (a cheque's number, the next one suggested) and the
date; a card to confirm. What follows the recording (undo, receipts) is in receipts.py.
"""

from __future__ import annotations

import logging
import re
from dataclasses import replace
from datetime import date
from html import escape

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import ContextTypes, ConversationHandler

from bot.bookkeeping.receipts import EDIT_BUTTON, UNDO_BUTTON, remember_entry
from bot.texts import lang, t
from bot.ui.buttons import DIGITS, ID, TAG, WORD, Button, Field, button, enum
from bot.ui.chat import as_user, earlier_button, end_conversation, show, this_draft_only
from bot.ui.formatting import balance_line, day_text, direction_word, means_text, money, refusal, report_warning, signed_money
from bot.ui.steps import (
    DAYS, answered_day, ask_day_text, day_keyboard, ledgers_keyboard, read_part, today_of, words_kept,
)
from store import books as store_books
from store import entries
from store import projects
from store.accounts import Account
from store.books import EntryView
from store.errors import LedgerError
from store.models import Direction, Means

log = logging.getLogger(__name__)

# Conversation states
AMOUNT, LABEL, LEDGER, ACCOUNT, SPLIT_ACCOUNT, SPLIT_AMOUNT = (
    "ent.amount", "ent.label", "ent.ledger", "ent.account", "ent.split.account", "ent.split.amount",
)  # fmt: skip
MEANS, CHEQUE, DAY, TYPED_DAY, PROJECT, CONFIRM, GIVER = (
    "ent.means", "ent.cheque", "ent.day", "ent.day.typed", "ent.project", "ent.confirm", "ent.giver",
)  # fmt: skip
DRAFT = "entry"  # this conversation's own key in user_data: another conversation may be under way
LEDGER_BUTTON, ACCOUNT_BUTTON, PART_BUTTON = Button("ent:led", ID), Button("ent:acc", WORD), Button("ent:part", Field(r"\d+|more"))
REST_BUTTON, MEANS_BUTTON, CHEQUE_BUTTON = Button("ent:rest", WORD), Button("ent:means", enum(Means)), Button("ent:chq", DIGITS)
KEEP_CHEQUE_BUTTON, DAY_BUTTON = Button("ent:chqok", DIGITS), Button("ent:day", DAYS)
TAG_BUTTON, SAVE_BUTTON, PROJECT_BUTTON = Button("ent:tag", TAG), Button("ent:save"), Button("ent:proj")
CANCEL_BUTTON = Button("ent:cancel")

DAY_REASONS = ("future", "year_not_open", "closed_year", "before_opening", "ledger_closed")  # a refused day: asked again
LABEL_REASONS = ("label_empty", "label_length", "label_letters")  # a refused label: typed again
FIRST_ACCOUNTS = 6  # account buttons shown before "Autres comptes…"


def draft(context: ContextTypes.DEFAULT_TYPE) -> dict:
    return context.user_data[DRAFT]


# The buttons of the draft's questions and of its card shown last: not those of an earlier draft's or card's.
this_entry_only = this_draft_only(DRAFT)


async def draft_context(update: Update, context: ContextTypes.DEFAULT_TYPE, *, ledger_id: int | None = None,
                        day: date | None = None) -> entries.EntryContext:  # fmt: skip
    """In one store call: the ledgers, the draft's ledger (or ``ledger_id``) with its accounts and
    its bank warning; a ``day`` is checked first (LedgerError) and replaces the draft's."""
    current, check_day = draft(context), day is not None
    direction = Direction(current["direction"])
    if day is None and "day" in current:
        day = date.fromisoformat(current["day"])
    cheque = current.get("cheque")  # a dépense's: the number to suggest, or the one typed to check (next_step)
    by_cheque = direction == Direction.DEPENSE and current.get("means") == Means.CHEQUE
    known = await as_user(update, context, entries.entry_context, direction,
                          ledger_id=ledger_id or current.get("ledger_id"), day=day, amount=current.get("amount"),
                          means=Means(current["means"]) if "means" in current else None,
                          check_day=check_day, cheques=True, suggest_cheque=by_cheque and not cheque,
                          cheque=cheque if by_cheque and current.get("cheque_ok") != cheque else None)  # fmt: skip
    return ordered(context, known, direction)


def ordered(context: ContextTypes.DEFAULT_TYPE, known: entries.EntryContext,
            direction: Direction) -> entries.EntryContext:  # fmt: skip
    """The context's accounts in the order kept for the day: buttons do not move under a finger."""
    if known.ledger_id is None:
        return known
    return replace(known, accounts=kept_order(context, known.ledger_id, direction, known.accounts))


def kept_order(context: ContextTypes.DEFAULT_TYPE, ledger_id: int, direction: Direction,
               accounts: tuple[Account, ...]) -> tuple[Account, ...]:  # fmt: skip
    """The accounts in the order first shown today for this ledger and direction."""
    key, today = f"{ledger_id}:{direction.value}", date.today().isoformat()
    orders = {k: v for k, v in context.user_data.get("account_order", {}).items() if v["day"] == today}
    kept = orders.setdefault(key, {"day": today, "codes": [a.code for a in accounts]})
    context.user_data["account_order"] = orders
    rank = {code: index for index, code in enumerate(kept["codes"])}
    return tuple(sorted(accounts, key=lambda a: rank.get(a.code, len(rank))))


# ------------------------------------------------------------------ asking what is missing


async def next_step(update: Update, context: ContextTypes.DEFAULT_TYPE, known: entries.EntryContext) -> str | int:
    """Ask the first thing missing; with nothing missing, record (a full line) or confirm."""
    current, language = draft(context), lang(update)
    say = update.effective_message.reply_text
    missing = entries.first_missing(current, known.accounts)
    if missing == "label":
        await say(t("ent.ask_label", language))
        return LABEL
    if missing == "ledger":
        keyboard = ledgers_keyboard(list(known.refs), LEDGER_BUTTON, CANCEL_BUTTON, language)
        await say(t("ent.pick_ledger", language), reply_markup=keyboard)
        return LEDGER
    if missing is not None:
        current["asked"] = True
    if missing == "account":
        return await ask_account(update, context, known.accounts, edit=False)
    if missing == "giver":
        await say(t("ent.ask_giver", language))
        return GIVER
    if missing == "means":
        return await ask_means(update, context)
    if missing == "cheque":
        return await ask_cheque(update, context, known)
    if current["means"] == Means.CHEQUE and current["direction"] == Direction.DEPENSE \
            and current.get("cheque_ok") != current["cheque"]:
        used = known.cheque_used if known.cheques else await as_user(update, context, entries.cheque_used,
                                                                     current["ledger_id"], current["cheque"])
        if used is not None:
            current["asked"] = True
            return await confirm_cheque(update, context, used)
        current["cheque_ok"] = current["cheque"]
    if missing == "day":
        current["timezone"] = next(r for r in known.refs if r.id == current["ledger_id"]).timezone  # today, there
        return await ask_day(update, context)
    if not current.get("asked"):  # the label was all a line lacked: recorded at once, the bank's warning with it
        # (a year whose report is with the AD is refused as report_unconfirmed: its card comes first)
        return await record(update, context, unwarned=True)
    if not known.bank_checked:  # read before the day, amount and means were all known
        known = await draft_context(update, context)
    return await show_card(update, context, known, known.bank_after, sent=known.report_sent)


async def typed_giver(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str | int:
    """Who gives the grant, typed: the commune, the département…"""
    giver = " ".join(update.effective_message.text.split())
    if not await words_kept(update, giver, store_books.GIVER_MAX, length="ent.giver.length",
                            letters="ledger.error.giver_letters"):  # fmt: skip
        return GIVER
    draft(context)["giver"] = giver
    return await next_step(update, context, await draft_context(update, context))


@this_entry_only
async def chose_ledger(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str | int:
    """The ledger, by button."""
    ledger_id = LEDGER_BUTTON.read(update)
    known = await draft_context(update, context, ledger_id=ledger_id)  # the store refuses a ledger not theirs
    await update.callback_query.answer()
    draft(context)["ledger_id"] = known.ledger_id
    draft(context)["asked"] = True
    chosen = next(r for r in known.refs if r.id == known.ledger_id)
    await update.callback_query.edit_message_text(f"{t('ent.pick_ledger', lang(update))} {escape(chosen.name)}")
    return await next_step(update, context, known)


async def ask_account(update: Update, context: ContextTypes.DEFAULT_TYPE, accounts: tuple[Account, ...], *,
                      edit: bool, every: bool = False) -> str:  # fmt: skip
    """The ledger's most used accounts first, then "Autres comptes…" and "Répartir"."""
    language = lang(update)
    shown = accounts if every else accounts[:FIRST_ACCOUNTS]
    rows = [[button(a.label, ACCOUNT_BUTTON.data(a.code))] for a in shown]
    extra = [] if every or len(accounts) <= FIRST_ACCOUNTS else [button(t("ent.more_accounts", language), ACCOUNT_BUTTON.data("more"))]
    rows.append(extra + [button(t("ent.split", language), ACCOUNT_BUTTON.data("split"))])
    rows.append([button(t("button.cancel", language), CANCEL_BUTTON.data())])
    await show(update, t("ent.pick_account", language), InlineKeyboardMarkup(rows), edit=edit)
    return ACCOUNT


@this_entry_only
async def chose_account(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str | int:
    """One account for the whole amount (or: more accounts, or split)."""
    query = update.callback_query
    await query.answer()
    choice = ACCOUNT_BUTTON.read(update)
    known = await draft_context(update, context)
    if choice == "more":
        return await ask_account(update, context, known.accounts, edit=True, every=True)
    if choice == "split":
        draft(context)["parts"] = []
        return await ask_split_account(update, context, known.accounts, edit=True)
    account = next((a for a in known.accounts if a.code == choice), None)
    if account is None:
        return ACCOUNT
    draft(context)["splits"] = [[account.code, draft(context)["amount"]]]
    await query.edit_message_text(f"{t('ent.pick_account', lang(update))} {escape(account.label)}")
    return await next_step(update, context, known)


# ------------------------------------------------------------------ Répartir


def parts_left(current: dict) -> int:
    return current["amount"] - sum(cents for _, cents in current["parts"])


async def ask_split_account(update: Update, context: ContextTypes.DEFAULT_TYPE, accounts: tuple[Account, ...], *,
                            edit: bool, every: bool = False) -> str:  # fmt: skip
    """Which account takes the next part: the usual ones, then "Autres comptes…"; not one a part already has."""
    current, language = draft(context), lang(update)
    labels = {a.code: a.label for a in accounts}
    used = {code for code, _ in current["parts"]}
    accounts = tuple(a for a in accounts if a.code not in used)
    done = "\n".join(t("ent.split.done_part", language, account=escape(labels.get(code, code)),
                       amount=money(cents, language)) for code, cents in current["parts"])  # fmt: skip
    text = t("ent.split.pick", language, amount=money(current["amount"], language),
             left=money(parts_left(current), language))  # fmt: skip
    rows = [[button(a.label, PART_BUTTON.data(a.code))] for a in (accounts if every else accounts[:FIRST_ACCOUNTS])]
    if not every and len(accounts) > FIRST_ACCOUNTS:
        rows.append([button(t("ent.more_accounts", language), PART_BUTTON.data("more"))])
    rows.append([button(t("button.cancel", language), CANCEL_BUTTON.data())])
    text = f"{done}\n\n{text}" if done else text
    await show(update, text, InlineKeyboardMarkup(rows), edit=edit)
    return SPLIT_ACCOUNT


@this_entry_only
async def chose_split_account(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """The account of the next part; its amount is typed next."""
    query, language = update.callback_query, lang(update)
    await query.answer()
    code = PART_BUTTON.read(update)
    accounts = (await draft_context(update, context)).accounts
    if code == "more":
        return await ask_split_account(update, context, accounts, edit=True, every=True)
    account = next((a for a in accounts if a.code == code), None)
    if account is None or code in {used for used, _ in draft(context)["parts"]}:  # (a button of an older question)
        return SPLIT_ACCOUNT
    draft(context)["part_account"] = code
    left = money(parts_left(draft(context)), language)
    rest = InlineKeyboardMarkup([[button(t("ent.split.rest", language, left=left), REST_BUTTON.data(code))],
                                 [button(t("button.cancel", language), CANCEL_BUTTON.data())]])  # fmt: skip
    await query.edit_message_text(part_question(account, left, language), reply_markup=rest)
    draft(context)["card"] = query.message.message_id  # its Le reste alone is this part's (this_entry_only)
    return SPLIT_AMOUNT


def part_question(account: Account, left: str, language: str) -> str:
    return t("ent.split.ask", language, account=escape(account.label), left=left)


@this_entry_only
async def typed_split_amount(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str | int:
    """A part's amount typed, or "le reste" pressed; once nothing is left, the ventilation is done."""
    current, language = draft(context), lang(update)
    known = None
    if update.callback_query:  # on this part's question (an earlier part's is refused as an earlier card's)
        await update.callback_query.answer()
        cents, known = parts_left(current), await draft_context(update, context)
        account = next(a for a in known.accounts if a.code == current["part_account"])
        left = money(cents, language)  # the button pressed stays said under its question, as other answers
        await update.callback_query.edit_message_text(
            f"{part_question(account, left, language)} {t('ent.split.rest', language, left=left)}")
    elif (cents := await read_part(update, parts_left(current), language)) is None:
        return SPLIT_AMOUNT
    current["parts"].append([current.pop("part_account"), cents])
    known = known or await draft_context(update, context)
    if parts_left(current):
        return await ask_split_account(update, context, known.accounts, edit=False)
    current["splits"] = current.pop("parts")
    return await next_step(update, context, known)


# ------------------------------------------------------------------ means, cheque, date


async def ask_means(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    language = lang(update)
    direction = draft(context)["direction"]
    rows = [[button(t(f"ent.means.{m.value}", language), MEANS_BUTTON.data(m))] for m in means_for(direction)]
    rows.append([button(t("button.cancel", language), CANCEL_BUTTON.data())])
    await update.effective_message.reply_text(t(means_question(direction), language),
                                              reply_markup=InlineKeyboardMarkup(rows))  # fmt: skip
    return MEANS


def means_for(direction: str) -> list[Means]:
    """Money comes in by any means but a direct debit (a prélèvement only takes money out)."""
    return [m for m in Means if not (direction == Direction.RECETTE and m == Means.PRELEVEMENT)]


def means_question(direction: str) -> str:
    return "ent.pick_means.recette" if direction == Direction.RECETTE else "ent.pick_means"


@this_entry_only
async def chose_means(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str | int:
    """Espèces go to the caisse, everything else to the banque."""
    query = update.callback_query
    await query.answer()
    means, direction, language = MEANS_BUTTON.read(update), draft(context)["direction"], lang(update)
    if means not in means_for(direction):  # a stale or forged button
        return MEANS
    draft(context)["means"] = means.value
    await query.edit_message_text(f"{t(means_question(direction), language)} {t(f'ent.means.{means.value}', language)}")
    return await next_step(update, context, await draft_context(update, context))


async def ask_cheque(update: Update, context: ContextTypes.DEFAULT_TYPE, known: entries.EntryContext) -> str:
    """The cheque's number, the one after the coop's last cheque offered as a button (read with the draft's
    context, unless it came from a line)."""
    language = lang(update)
    suggestion = known.next_cheque
    if draft(context)["direction"] == Direction.DEPENSE and not known.cheques:
        suggestion = await as_user(update, context, entries.next_cheque_number, draft(context)["ledger_id"])
    rows = [[button(t("ent.cheque.suggest", language, number=suggestion), CHEQUE_BUTTON.data(suggestion))]] if suggestion else []
    rows.append([button(t("button.cancel", language), CANCEL_BUTTON.data())])
    await update.effective_message.reply_text(t("ent.ask_cheque", language), reply_markup=InlineKeyboardMarkup(rows))
    return CHEQUE


@this_entry_only
async def typed_cheque(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str | int:
    """The cheque number typed, or the suggested one pressed."""
    if update.callback_query:
        await update.callback_query.answer()
        number, language = CHEQUE_BUTTON.read(update), lang(update)  # the number pressed stays said, as other answers
        await update.callback_query.edit_message_text(
            f"{t('ent.ask_cheque', language)} {t('ent.cheque.suggest', language, number=number)}")
    else:
        number = "".join(update.effective_message.text.split())
    if not re.fullmatch(r"\d{1,12}", number):
        await update.effective_message.reply_text(t("ent.cheque.invalid", lang(update)))
        return CHEQUE
    draft(context)["cheque"] = number
    return await next_step(update, context, await draft_context(update, context))


async def confirm_cheque(update: Update, context: ContextTypes.DEFAULT_TYPE, used: EntryView) -> str:
    """A cheque number the coop already used: name that entry, keep the number only when asked to."""
    language, number = lang(update), draft(context)["cheque"]
    rows = [[button(t("ent.cheque.keep", language, number=number), KEEP_CHEQUE_BUTTON.data(number))],
            [button(t("button.cancel", language), CANCEL_BUTTON.data())]]  # fmt: skip
    await update.effective_message.reply_text(
        t("ent.cheque.used", language, number=number, piece=used.piece, ledger=escape(used.ledger_name),
          day=day_text(used.day)), reply_markup=InlineKeyboardMarkup(rows))  # fmt: skip
    return CHEQUE


@this_entry_only
async def keep_cheque(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str | int:
    """Garder ce numéro: the used number on purpose."""
    query = update.callback_query
    number = KEEP_CHEQUE_BUTTON.read(update)
    if number != draft(context).get("cheque"):  # of an earlier question of this draft, for a number typed before
        return await earlier_button(update)
    await query.answer()
    draft(context)["cheque_ok"] = number
    await query.edit_message_reply_markup(None)
    return await next_step(update, context, await draft_context(update, context))


async def ask_day(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """Aujourd'hui, Hier, or Autre date: the shared date step."""
    language = lang(update)
    keyboard = day_keyboard(DAY_BUTTON, CANCEL_BUTTON, language)
    await update.effective_message.reply_text(t("ent.pick_day", language), reply_markup=keyboard)
    return DAY


@this_entry_only
async def chose_day(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str | int:
    """Aujourd'hui or Hier pressed, or a date typed (not in the future); the store checks it is in an open year."""
    current, language = draft(context), lang(update)
    if "timezone" not in current:  # a draft kept from before the ledger's time zone was in it
        refs = (await draft_context(update, context)).refs
        current["timezone"] = next(r for r in refs if r.id == current["ledger_id"]).timezone
    today, query = today_of(current), update.callback_query
    day = await answered_day(update, today, DAY_BUTTON)
    if day is None:  # Autre date pressed, or a date refused: the date is typed (again)
        return TYPED_DAY
    try:
        known = await draft_context(update, context, day=day)
    except LedgerError as refused:  # before the ledger's opening, or in a closed year
        if query:
            await query.edit_message_reply_markup(None)
            await update.effective_message.reply_text(refusal(refused, language))
            return await ask_day(update, context)
        await update.effective_message.reply_text(
            f"{t('ent.day.understood', language, day=day_text(day))} {refusal(refused, language)}\n"
            + ask_day_text(today, language))  # fmt: skip
        return TYPED_DAY
    current["day"] = day.isoformat()
    if query:
        await query.edit_message_text(f"{t('ent.pick_day', language)} {day_text(day)}")
    else:
        await update.effective_message.reply_text(t("ent.day.understood", language, day=day_text(day)))
    return await next_step(update, context, known)


# ------------------------------------------------------------------ the card, the project, recording


async def show_card(update: Update, context: ContextTypes.DEFAULT_TYPE, known: entries.EntryContext,
                    banque: int | None, *, sent: bool = False, edit: bool = False) -> str:  # fmt: skip
    """What will be recorded, with Enregistrer, Projet and Annuler (and the bank's and the report's warnings)."""
    current, language = draft(context), lang(update)
    ref = next(r for r in known.refs if r.id == current["ledger_id"])
    accounts = {a.code: a.label for a in known.accounts}
    means = means_text(current["means"], current.get("cheque"), language)
    splits = "\n".join(t("ent.card.split", language, account=escape(accounts.get(code, code)), amount=money(cents, language))
                       for code, cents in current["splits"])  # fmt: skip
    text = t("ent.card", language, direction=t(f"direction.{current['direction']}", language).capitalize(),
             label=escape(current["label"]), amount=money(current["amount"], language), means=means,
             day=day_text(date.fromisoformat(current["day"])), ledger=escape(ref.name), splits=splits,
             project=t("ent.card.project", language, project=current["project"]) if current.get("project") else "")  # fmt: skip
    if entries.needs_giver(current["direction"], current["splits"], known.accounts) and current.get("giver"):
        text += t("ent.card.giver", language, giver=escape(current["giver"]))
    if banque is not None:
        text += t("ent.card.bank_negative", language, banque=signed_money(banque, language))
    if sent:
        text += "\n" + report_warning(date.fromisoformat(current["day"]), language)
    keyboard = InlineKeyboardMarkup([
        [button(t("ent.save", language), SAVE_BUTTON.data())],
        [button(t("ent.project_button", language), PROJECT_BUTTON.data()), button(t("button.cancel", language), CANCEL_BUTTON.data())],
    ])  # fmt: skip
    current["card"] = await show(update, text, keyboard, edit=edit)  # its ✅ alone records this draft
    return CONFIRM


@this_entry_only
async def ask_project(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """🏷: the ledger's projects as buttons, or a new one typed."""
    query, language = update.callback_query, lang(update)
    await query.answer()
    tags = await as_user(update, context, projects.project_tags, draft(context)["ledger_id"])
    rows = [[button(f"#{tag}", TAG_BUTTON.data(tag))] for tag in list(tags)[:8]]
    rows.append([button(t("ent.project.none", language), TAG_BUTTON.data(""))])
    await query.edit_message_text(t("ent.project.ask", language), reply_markup=InlineKeyboardMarkup(rows))
    return PROJECT


@this_entry_only
async def chose_project(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """A project pressed (or none), or typed: back to the card."""
    if update.callback_query:
        await update.callback_query.answer()
        draft(context)["project"] = TAG_BUTTON.read(update) or None
        return await card_again(update, context, edit=True)
    try:
        draft(context)["project"] = store_books.clean_project(update.effective_message.text.lstrip("#"))
    except LedgerError as refused:
        await update.effective_message.reply_text(refusal(refused, lang(update)))
        return PROJECT
    return await card_again(update, context)


async def card_again(update: Update, context: ContextTypes.DEFAULT_TYPE, known: entries.EntryContext | None = None,
                     *, edit: bool = False) -> str:  # fmt: skip
    """The card once more, read afresh from the store (unless it just gave ``known``)."""
    known = known or await draft_context(update, context)
    return await show_card(update, context, known, known.bank_after, sent=known.report_sent, edit=edit)


@this_entry_only
async def save(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str | int:
    """✅ Enregistrer, on the card shown last (an older card's would record another draft)."""
    await update.callback_query.answer()
    await update.callback_query.edit_message_reply_markup(None)
    return await record(update, context)


async def record(update: Update, context: ContextTypes.DEFAULT_TYPE, *, unwarned: bool = False) -> str | int:
    """One transaction: the entry, its number, its ventilation; then the new balance and Annuler.
    ``unwarned``: no card was shown, so a year whose report is with the AD shows one first."""
    try:
        recorded = await as_user(update, context, entries.record_draft, draft(context), unwarned=unwarned)
    except LedgerError as refused:
        return await refused_at_recording(update, context, refused)
    return await say_recorded(update, context, recorded)


async def say_recorded(update: Update, context: ContextTypes.DEFAULT_TYPE, recorded: entries.Recorded) -> int:
    """The pièce, the new balance, what was understood, the bank's warning; ✏️ Modifier and ↩️ Annuler."""
    context.user_data.pop(DRAFT, None)
    entry, language = recorded.entry, lang(update)
    warning = "" if recorded.bank_negative is None else \
        t("ent.recorded.bank_negative", language, banque=signed_money(recorded.bank_negative, language))  # fmt: skip
    message = await update.effective_message.reply_text(
        t("ent.recorded", language, piece=entry.piece, balance=balance_line(recorded.balances, language))
        + "\n" + recorded_details(entry, language) + warning + "\n" + t("ent.receipt_hint", language),
        reply_markup=InlineKeyboardMarkup([[button(t("ent.edit", language), EDIT_BUTTON.data(entry.id)),
                                            button(t("ent.undo", language), UNDO_BUTTON.data(entry.id))]]),
    )  # fmt: skip
    remember_entry(context, message.message_id, entry.id)
    return ConversationHandler.END


def recorded_details(entry: EntryView, language: str) -> str:
    """What was understood: direction, amount, label, date, account(s), means and cheque number."""
    if len(entry.splits) == 1:
        accounts = escape(entry.splits[0].account_label)
    else:
        accounts = " + ".join(f"{escape(s.account_label)} {money(s.amount, language)}" for s in entry.splits)
    means = means_text(entry.means.value, entry.cheque_number, language)
    return t("ent.recorded.details", language, direction=direction_word(entry.direction, language).capitalize(),
             amount=money(entry.amount, language), label=escape(entry.label), day=day_text(entry.day),
             accounts=accounts, means=means)  # fmt: skip


async def refused_at_recording(update: Update, context: ContextTypes.DEFAULT_TYPE, refused: LedgerError,
                               known: entries.EntryContext | None = None) -> str:  # fmt: skip
    """Say why, and go back to the step that can mend it, keeping everything else (``known``: the
    context the store gave with the refusal, else it is read afresh)."""
    current = draft(context)
    if refused.reason == "report_unconfirmed":  # not a refusal: the card, with its warning, to confirm
        current["asked"] = True
        return await card_again(update, context, known)
    said = refusal(refused, lang(update))
    if refused.reason in DAY_REASONS and current.get("day"):  # which day: « 15/12 » on a line may be last year's
        said = f"{t('ent.day.understood', lang(update), day=day_text(date.fromisoformat(current['day'])))} {said}"
    await update.effective_message.reply_text(said)
    current["asked"] = True
    if refused.reason in DAY_REASONS:
        current.pop("day", None)
    elif refused.reason in ("cheque_number_required", "cheque_number_invalid"):
        current.pop("cheque", None)
    elif refused.reason in ("caisse_negative", "means_treasury", "means_direction"):
        current.pop("means", None)
        current.pop("cheque", None)
    elif refused.reason in ("unknown_account", "wrong_class", "splits_mismatch", "no_split", "split_not_positive"):
        current.pop("splits", None)
    elif refused.reason == "project_invalid":
        current["project"] = None
    elif refused.reason in ("giver_required", "giver_length", "giver_letters"):
        current.pop("giver", None)
    elif refused.reason in LABEL_REASONS:
        current.pop("label", None)
    else:
        return await card_again(update, context, known)
    return await next_step(update, context, known or await draft_context(update, context))


async def cancel(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """/annuler or Annuler: nothing is recorded."""
    context.user_data.pop(DRAFT, None)
    return await end_conversation(update, context)
