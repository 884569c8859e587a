"""Editing an entry from /journal (or ✏️ Modifier under an entry just recorded): which field, then its
new value typed or pressed (label, amount — each account's part again when it is split —, date, means,
cheque number, account — each part's in turn, its amount kept, when it is split —, project); the store checks it
and the history keeps the change."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from html import escape
from typing import Any

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import ContextTypes

from bot.bookkeeping.entries import means_for
from bot.bookkeeping.receipts import EDIT_BUTTON
from bot.bookkeeping.journal import (
    FIELDS_BUTTON, KEY, OPEN_BUTTON, changed_text, current_ledger, load_entry, means_text, show_entry, warned,
)
from bot.texts import lang, t
from bot.ui.buttons import ID, Button, Field, button, enum, one_of
from bot.ui.chat import as_user, show
from bot.ui.formatting import day_text, money, refusal
from bot.ui.steps import amount_or_problem, read_day, read_part, today_for
from store import books as store_books
from store import entries as store_entries
from store import journal as store_journal
from store.accounts import Account
from store.books import EntryView
from store.errors import LedgerError
from store.models import Means

# Conversation states (of /journal's conversation)
FIELD, MEANS, TYPING, ACCOUNT, SPLIT, CHANGE = "jnl.field", "jnl.means", "jnl.typing", "jnl.account", "jnl.split", "jnl.change"
FIELD_BUTTON, MEANS_BUTTON, ACCOUNT_BUTTON = Button("jnl:f", Field(r"\w+")), Button("jnl:mn", enum(Means)), Button("jnl:ac", Field(r"\d+|more"))
PART_BUTTON, KEEP_CHEQUE_BUTTON = Button("jnl:sp", one_of("keep", "rest")), Button("jnl:chqok", Field(r"\d{1,12}"))
CHANGE_BUTTON = Button("jnl:edok", ID)  # a change whose year's report was sent since its question, under the warning
FIELDS = ("label", "amount", "day", "means", "cheque", "account", "project")
FIRST_ACCOUNTS = 6  # account buttons shown before "Autres comptes…", as in /depense
MEANS_ORDER = (Means.ESPECES, Means.CHEQUE, Means.CARTE, Means.VIREMENT, Means.PRELEVEMENT)
NO_PROJECT = {"aucun", "aucune", "non", "-", "none", "no"}
# Refusals that typing another value cannot cure: back to the entry.
FINAL_REFUSALS = {"cancelled", "ticked", "movement", "splits_mismatch", "deposited"}


async def pick_field(update: Update, context: ContextTypes.DEFAULT_TYPE, *, entry: EntryView | None = None,
                     edit: bool = True) -> str:  # fmt: skip
    """✏️ Modifier: which field?"""
    entry = entry or await load_entry(update, context, FIELDS_BUTTON.read(update), write=True)
    await update.callback_query.answer()
    language = lang(update)
    if entry.cancelled or entry.is_movement:
        return await show_entry(update, context, entry, refusal(LedgerError(
            "cancelled" if entry.cancelled else "movement"), language), edit=edit)  # fmt: skip
    context.user_data[KEY]["entry_id"] = entry.id
    rows = [[button(t(field_label(entry, f), language), FIELD_BUTTON.data(f))] for f in fields_of(entry)]
    rows.append([button(t("button.back", language), OPEN_BUTTON.data(entry.id))])
    await show(update, warned(entry, t("jnl.pick_field", language, piece=entry.piece), language),
               InlineKeyboardMarkup(rows), edit=edit)  # fmt: skip
    return FIELD


async def edit_recorded(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str | int:
    """✏️ Modifier under a just recorded entry: the journal's edit menu for it, in a new message."""
    start = await as_user(update, context, store_journal.edit_start, EDIT_BUTTON.read(update))
    context.user_data[KEY] = {"writable": list(start.writable), "several": start.several}
    context.user_data[KEY].update(ledger=asdict(start.ledger), year=start.entry.fiscal_year, page=0, month=None)
    return await pick_field(update, context, entry=start.entry, edit=False)


def fields_of(entry: EntryView) -> tuple[str, ...]:
    """What may be changed: the cheque number of a cheque; nothing of a cancelled entry or a movement (a field's
    button left on screen from before shows the entry)."""
    if entry.cancelled or entry.is_movement:
        return ()
    return tuple(f for f in FIELDS if not (f == "cheque" and entry.means != Means.CHEQUE))


def field_label(entry: EntryView, field: str) -> str:
    """A field's button: « Comptes » for a split entry's accounts."""
    return "jnl.field.accounts" if field == "account" and len(entry.splits) > 1 else f"jnl.field.{field}"


def current_value(entry: EntryView, field: str, language: str) -> str:
    if field == "label":
        return escape(entry.label)
    if field == "amount":
        return money(entry.amount, language)
    if field == "day":
        return day_text(entry.day)
    if field == "means":
        return means_text(entry, language)
    if field == "cheque":
        return escape(entry.cheque_number or t("jnl.none", language))
    if field == "account":
        return escape(entry.splits[0].account_label)
    return f"#{escape(entry.project)}" if entry.project else t("jnl.none", language)


async def ask_value(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """Ask the new value of the chosen field (the means by buttons)."""
    journal, language = context.user_data[KEY], lang(update)
    field = FIELD_BUTTON.read(update)
    if field == "account":  # its question lists the accounts
        entry, accounts = await as_user(update, context, store_entries.entry_accounts, journal.get("entry_id", 0))
    else:
        entry = await load_entry(update, context, journal.get("entry_id", 0), write=True)
    await update.callback_query.answer()
    if field not in fields_of(entry):
        return await show_entry(update, context, entry)
    back = [button(t("button.back", language), OPEN_BUTTON.data(entry.id))]
    journal["warned"] = entry.report_sent  # under the warning: what the answer (and its next questions) confirms
    journal.pop("parts", None)
    if field == "account" and len(entry.splits) > 1:  # each part's account in turn, its amount kept
        journal["parts"] = {"old": [[s.account_code, s.account_label, s.amount] for s in entry.splits], "new": []}
        return await ask_part_account(update, context, entry, accounts)
    key = "jnl.ask.cheque_number" if field == "cheque" else f"jnl.ask.{field}"
    question = warned(entry, t(key, language, piece=entry.piece, current=current_value(entry, field, language)), language)
    if field == "account":
        return await ask_account(update, context, entry, question, accounts)
    if field == "means":
        choices = [button(t(f"means.{m.value}", language), MEANS_BUTTON.data(m))
                   for m in MEANS_ORDER if m in means_for(entry.direction)]  # fmt: skip
        await show(update, question, InlineKeyboardMarkup([choices[:2], choices[2:], back]))
        return MEANS
    journal["field"] = field
    await show(update, question, InlineKeyboardMarkup([back]))
    return TYPING


async def chose_means(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """A means: espèces go to the caisse, the others to the banque; a cheque asks its number."""
    journal, language = context.user_data[KEY], lang(update)
    means = MEANS_BUTTON.read(update)
    if means == Means.CHEQUE:
        entry = await load_entry(update, context, journal.get("entry_id", 0), write=True)
        await update.callback_query.answer()
        journal["field"] = "cheque"
        back = [button(t("button.back", language), OPEN_BUTTON.data(entry.id))]
        await show(update, warned(entry, t("jnl.ask.cheque", language), language), InlineKeyboardMarkup([back]))
        return TYPING
    done = await edit(update, context, means=means)
    await update.callback_query.answer()
    if done.refused is not None:
        if done.refused.reason == "report_unconfirmed":
            return await confirm_change(update, context, {"means": means}, done.entry)
        await update.effective_message.reply_text(refusal(done.refused, language))
        return MEANS
    return await show_entry(update, context, done.entry, edited_text(done, language))


async def ask_account(update: Update, context: ContextTypes.DEFAULT_TYPE, entry: EntryView, question: str,
                      accounts: tuple[Account, ...], *, every: bool = False,
                      keep: list | None = None) -> str:  # fmt: skip
    """The accounts of the entry's direction, the ledger's usual ones first, then "Autres comptes…" (``keep``: a
    first row)."""
    language = lang(update)
    rows = [keep] if keep else []
    rows += [[button(a.label, ACCOUNT_BUTTON.data(a.code))] for a in (accounts if every else accounts[:FIRST_ACCOUNTS])]
    if not every and len(accounts) > FIRST_ACCOUNTS:
        rows.append([button(t("ent.more_accounts", language), ACCOUNT_BUTTON.data("more"))])
    rows.append([button(t("button.back", language), OPEN_BUTTON.data(entry.id))])
    await show(update, question, InlineKeyboardMarkup(rows))
    return ACCOUNT


async def ask_part_account(update: Update, context: ContextTypes.DEFAULT_TYPE, entry: EntryView,
                           accounts: tuple[Account, ...], *, every: bool = False) -> str:  # fmt: skip
    """A split entry's accounts: the next part's, its amount kept, « Garder » its account as it stands."""
    parts, language = context.user_data[KEY]["parts"], lang(update)
    code, label, cents = parts["old"][len(parts["new"])]
    question = t("jnl.ask.part_account", language, piece=entry.piece, part=len(parts["new"]) + 1,
                 count=len(parts["old"]), amount=money(cents, language), current=escape(label))  # fmt: skip
    keep = [button(t("jnl.split.keep_account", language, account=label), ACCOUNT_BUTTON.data(code))]
    return await ask_account(update, context, entry, warned(entry, question, language),
                             tuple(a for a in accounts if a.code != code), every=every, keep=keep)  # fmt: skip


async def chose_account(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """The entry's new account (all of its amount), or a split entry's part's, then the next part's; the change
    goes to its history."""
    journal, language = context.user_data[KEY], lang(update)
    code, parts = ACCOUNT_BUTTON.read(update), journal.get("parts")
    if code == "more":
        entry, accounts = await as_user(update, context, store_entries.entry_accounts, journal.get("entry_id", 0))
        await update.callback_query.answer()
        if parts:
            return await ask_part_account(update, context, entry, accounts, every=True)
        question = t("jnl.ask.account", language, piece=entry.piece, current=current_value(entry, "account", language))
        return await ask_account(update, context, entry, warned(entry, question, language), accounts, every=True)
    if parts and len(parts["new"]) + 1 < len(parts["old"]):  # a part's account: the next part's is asked
        parts["new"].append(code)
        entry, accounts = await as_user(update, context, store_entries.entry_accounts, journal.get("entry_id", 0))
        await update.callback_query.answer()
        return await ask_part_account(update, context, entry, accounts)
    splits = code
    if parts:  # the last part's account: each part's amount as it was, on its new account
        splits = [[new, cents] for new, (_, _, cents) in zip([*journal.pop("parts")["new"], code], parts["old"])]
    done = await edit(update, context, splits=splits)
    await update.callback_query.answer()
    entry, error = done.entry, done.refused
    if error is not None:
        if error.reason == "report_unconfirmed":
            return await confirm_change(update, context, {"splits": splits}, entry)
        if error.reason == "giver_required":  # a grant account: who gives it, as /recette asks
            journal.update(field="giver", account=splits)
            back = [button(t("button.back", language), OPEN_BUTTON.data(entry.id))]
            await show(update, warned(entry, t("ent.ask_giver", language), language), InlineKeyboardMarkup([back]))
            return TYPING
        return await show_entry(update, context, entry, refusal(error, language))
    return await show_entry(update, context, entry, edited_text(done, language))


def start_split(context: ContextTypes.DEFAULT_TYPE, entry: EntryView, amount: int) -> None:
    """A split entry's new amount: its parts are asked from its accounts as they stand (code, label, old part)."""
    context.user_data[KEY]["split"] = {"amount": amount, "parts": [], "piece": entry.piece,
                                       "old": [[s.account_code, s.account_label, s.amount] for s in entry.splits]}


async def ask_part(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """A split entry's new amount: each account's part again, its old part proposed; the last takes the rest
    (then the change is made)."""
    journal, language = context.user_data[KEY], lang(update)
    split = journal["split"]
    left = split["amount"] - sum(cents for _, cents in split["parts"])
    index, old = len(split["parts"]), split["old"]
    if left == 0 or index >= len(old) - 1:
        parts = split["parts"] + ([[old[-1][0], left]] if left else [])
        journal.pop("split", None)
        return await apply_change(update, context, {"amount": split["amount"], "splits": [tuple(p) for p in parts]},
                                  typed=False)  # fmt: skip
    _, label, cents = old[index]
    rows = [[button(t("jnl.split.keep", language, old=money(cents, language)), PART_BUTTON.data("keep"))]] \
        if cents <= left else []
    rows.append([button(t("ent.split.rest", language, left=money(left, language)), PART_BUTTON.data("rest"))])
    rows.append([button(t("button.back", language), OPEN_BUTTON.data(journal.get("entry_id", 0)))])
    await update.effective_message.reply_text(
        t("jnl.split.ask", language, piece=split["piece"], amount=money(split["amount"], language),
          account=escape(label), old=money(cents, language), left=money(left, language)),
        reply_markup=InlineKeyboardMarkup(rows))  # fmt: skip
    return SPLIT


async def typed_part(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """An account's new part: typed, its old part kept, or the rest."""
    journal, language = context.user_data[KEY], lang(update)
    split = journal.get("split")
    if split is None:  # a button of a split already done
        return await show_entry(update, context, await load_entry(update, context, journal.get("entry_id", 0),
                                                                   write=True), edit=False)  # fmt: skip
    left = split["amount"] - sum(cents for _, cents in split["parts"])
    code, _, old = split["old"][min(len(split["parts"]), len(split["old"]) - 1)]
    if update.callback_query:
        await update.callback_query.answer()
        await update.callback_query.edit_message_reply_markup(None)
        cents = min(old, left) if PART_BUTTON.read(update) == "keep" else left
    elif (cents := await read_part(update, left, language)) is None:
        return SPLIT
    split["parts"].append([code, cents])
    return await ask_part(update, context)


async def edit(update: Update, context: ContextTypes.DEFAULT_TYPE, *, check: bool = False,
               **changes: Any) -> store_entries.EntryChange:  # fmt: skip
    """The store's change_entry on the entry being changed (made, or why not); ``warned`` when the question
    answered said that its year's report already sent will be modified."""
    journal = context.user_data[KEY]
    return await as_user(update, context, store_entries.change_entry, journal.get("entry_id", 0), check=check,
                         warned=journal.get("warned", False), **changes)  # fmt: skip


def edited_text(done: store_entries.EntryChange, language: str) -> str:
    """'Écriture 5 modifiée.' and the ledger's new balance."""
    return changed_text(done.entry, done.balances, "jnl.edited", language)


def typed_change(field: str, text: str, today: date, language: str,
                 account: str | list | None = None) -> dict[str, Any] | str:  # fmt: skip
    """What the typed text changes, or the sentence saying what is expected (the shared amount and date steps)."""
    if field == "giver":  # the entry moved onto the grant ``account`` (or a split's parts), with who gives it
        giver = " ".join(text.split())
        return ({"splits": account, "giver": giver} if 1 <= len(giver) <= store_books.GIVER_MAX
                else t("ent.giver.length", language))  # fmt: skip
    if field == "amount":
        amount = amount_or_problem(text, language)
        return amount if isinstance(amount, str) else {"amount": amount}
    if field == "day":
        day = read_day(text, today, language)
        return day if isinstance(day, str) else {"day": day}
    if field == "project":
        cleaned = text.strip().lstrip("#")
        return {"project": None if cleaned.lower() in NO_PROJECT else cleaned}
    if field == "cheque":
        return {"means": Means.CHEQUE, "cheque_number": text}
    return {"label": text}


async def typed_value(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """The new value: changed, and the entry shown again; or what is expected, at the same step."""
    journal, language = context.user_data[KEY], lang(update)
    today = today_for(current_ledger(context))
    change = typed_change(journal.get("field", "label"), update.effective_message.text, today, language,
                          journal.get("account"))  # fmt: skip
    if isinstance(change, str):
        await update.effective_message.reply_text(change)
        return TYPING
    done = await edit(update, context, check=True, **change)
    entry, used, number = done.entry, done.cheque_used, change.get("cheque_number")
    if done.parts:
        journal.pop("field", None)
        start_split(context, entry, change["amount"])
        return await ask_part(update, context)
    if used is not None:  # said, and kept only by its button
        keep = [[button(t("ent.cheque.keep", language, number=escape(number)), KEEP_CHEQUE_BUTTON.data(number))],
                [button(t("button.back", language), OPEN_BUTTON.data(entry.id))]]  # fmt: skip
        await update.effective_message.reply_text(
            t("ent.cheque.used", language, number=escape(number), piece=used.piece,
              ledger=escape(used.ledger_name), day=day_text(used.day)), reply_markup=InlineKeyboardMarkup(keep))  # fmt: skip
        return TYPING
    return await changed(update, context, change, done)


async def keep_cheque(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """Garder le n°: a cheque number the coop already used, on purpose."""
    await update.callback_query.answer()
    await update.callback_query.edit_message_reply_markup(None)
    number = KEEP_CHEQUE_BUTTON.read(update)
    return await apply_change(update, context, typed_change("cheque", number, date.today(), lang(update)))


async def apply_change(update: Update, context: ContextTypes.DEFAULT_TYPE, change: dict[str, Any], *,
                       typed: bool = True) -> str:  # fmt: skip
    """The change asked of the store, and what it did said (changed)."""
    return await changed(update, context, change, await edit(update, context, **change), typed=typed)


async def changed(update: Update, context: ContextTypes.DEFAULT_TYPE, change: dict[str, Any],
                  done: store_entries.EntryChange, *, typed: bool = True) -> str:  # fmt: skip
    """The change made: the entry shown again with the new balance; or why not, at the same step (the
    entry, when the change was not ``typed`` at that step)."""
    journal, language, error = context.user_data[KEY], lang(update), done.refused
    if error is not None:
        if error.reason == "report_unconfirmed":
            return await confirm_change(update, context, change, done.entry)
        if typed and error.reason not in FINAL_REFUSALS:  # a label refused: typed again
            await update.effective_message.reply_text(refusal(error, language))
            return TYPING
        journal.pop("field", None)
        return await show_entry(update, context, done.entry, refusal(error, language), edit=False)
    journal.pop("field", None)
    return await show_entry(update, context, done.entry, edited_text(done, language), edit=False)


async def confirm_change(update: Update, context: ContextTypes.DEFAULT_TYPE, change: dict[str, Any],
                         entry: EntryView) -> str:  # fmt: skip
    """The year's report was sent since the question: the change kept (nothing to type again), under the
    warning, to make or not."""
    journal, language = context.user_data[KEY], lang(update)
    journal.pop("field", None)
    journal["change"] = {k: v.isoformat() if isinstance(v, date) else v for k, v in change.items()}
    rows = [[button(t("jnl.button.yes_edit", language), CHANGE_BUTTON.data(entry.id))],
            [button(t("button.back", language), OPEN_BUTTON.data(entry.id))]]  # fmt: skip
    await show(update, warned(entry, t("jnl.confirm_edit", language, piece=entry.piece), language),
               InlineKeyboardMarkup(rows), edit=False)  # fmt: skip
    return CHANGE


async def confirmed_change(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """✏️ Oui, modifier l'écriture, under the warning: the change kept is made."""
    journal = context.user_data[KEY]
    entry_id, change = CHANGE_BUTTON.read(update), journal.pop("change", None)
    await update.callback_query.answer()
    await update.callback_query.edit_message_reply_markup(None)
    if change is None or entry_id != journal.get("entry_id"):  # (another entry opened since)
        return await show_entry(update, context, await load_entry(update, context, entry_id), edit=False)
    journal["warned"] = True
    if "day" in change:
        change["day"] = date.fromisoformat(change["day"])
    if isinstance(change.get("splits"), list):
        change["splits"] = [tuple(part) for part in change["splits"]]
    return await apply_change(update, context, change, typed=False)
