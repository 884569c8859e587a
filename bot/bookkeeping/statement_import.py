"""/pointage with the bank's file: a statement sent as a document (CSV, OFX or CFONB 120) instead of typed.

Where /pointage asks for the statement's date, the person may send the file their bank gives.
The store reads it and checks it against the coop (account number, date, a balance that
follows the previous statement); a refused file changes nothing and the person stays at that
step. Otherwise each line of the file comes with the entry the store proposes for it, ticked
(☑) until the person unticks it; a line the books lack has ➕, and two taps (the line, then an
account) make it an entry of the school ledger. The entries of the books the file does not
show (an uncashed cheque) are listed under. « Pointer » records the statement with the ticks
the person kept: nothing of the file is recorded before.

The file is read again from the conversation's draft (its lines, as plain data) at each tap:
the proposals follow the books if someone records or cancels an entry meanwhile.
"""

from __future__ import annotations

from datetime import date
from html import escape

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import ContextTypes, ConversationHandler

from bot.bookkeeping import reconciliation
from bot.bookkeeping.reconciliation import BALANCE, CANCEL_BUTTONS, DAY, draft, this_pointing_only
from bot.infra.downloads import fetch_small
from bot.texts import lang, plural, t
from bot.ui.buttons import DIGITS, ID, Button, button, page_turns
from bot.ui.chat import as_user, show
from bot.ui.formatting import WIDTH, clip, day_text, narrow, plus_money, refusal, report_warning, signed_money
from bot.ui.steps import DAYS, answered_day, day_keyboard, flip, today_of
from store import bankfiles
from store.bankfiles import BankFileError, Proposal
from store.errors import LedgerError
from store.years import fiscal_year_of

IMPORT, ACCOUNT, FILE_DAY = "pnt.import", "pnt.file_account", "pnt.file_day"
TOGGLE_BUTTON, PAGE_BUTTON, CREATE_BUTTON = Button("bki:t", ID), Button("bki:p", ID), Button("bki:n", ID)
DONE_BUTTON, BACK_BUTTON, ACCOUNT_BUTTON = Button("bki:done"), Button("bki:back"), Button("bki:a", DIGITS)
WHICH_BUTTON = Button("bki:w", ID)  # which account of a file holding several
FILE_DAY_BUTTON = Button("bki:d", DAYS)  # the statement's date of a file that says none
PAGE_SIZE = 6  # lines of the file per page: each takes two lines and a button
UNMATCHED_SHOWN = 5  # entries of the books the file lacks, listed by name


def money_values(error: BankFileError, language: str) -> dict:
    """A refusal's values as the sentence shows them: amounts in euros, dates jj/mm/aaaa, accounts masked,
    the file's own characters escaped."""
    values = dict(error.details)
    if error.reason == "other_account":
        return {key: bankfiles.masked(value) for key, value in values.items()}
    if error.reason == "none_of_accounts":
        return {**values, "expected": bankfiles.masked(values["expected"])}
    for key in ("opening", "total", "closing", "previous_balance", "expected", "balance"):
        if key in values:
            values[key] = signed_money(values[key], language)
    for key in ("previous_day", "day", "last"):
        if key in values:
            values[key] = day_text(values[key])
    for key in ("code", "currency"):  # read from a CFONB file: any characters
        if key in values:
            values[key] = escape(values[key])
    return values


def problem(error: BankFileError | LedgerError, language: str) -> str:
    """Why the file, or what the books refuse of it, is refused."""
    if isinstance(error, LedgerError):
        return refusal(error, language)
    return t(f"imp.error.{error.reason}", language, **money_values(error, language))


def typed_day(current: dict) -> date | None:
    """The statement's date typed before the file came (the balance step), if any."""
    return date.fromisoformat(current["day"]) if "day" in current and "statement_id" not in current else None


def again(current: dict, language: str) -> str:
    """What the person may do after a refused file, at the step they stay at."""
    day = typed_day(current)
    return t("imp.again_balance", language, day=day_text(day)) if day else t("imp.again", language)


async def received(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """A document where the statement's date or balance is asked: the bank's file, read and checked."""
    document = update.effective_message.document
    data = None
    if (document.file_size or 0) <= bankfiles.MAX_BYTES:
        data = await fetch_small(await document.get_file(), bankfiles.MAX_BYTES)
    draft(context)["file_id"] = document.file_id  # read again if it holds several accounts
    return await read_file(update, context, data)


@this_pointing_only
async def chose_file_account(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """Which account of a file holding several: the file read again, that account's statement."""
    query, current = update.callback_query, draft(context)
    await query.answer()
    index, accounts = WHICH_BUTTON.read(update), current.get("accounts") or []
    if "file_id" not in current or not 0 <= index < len(accounts):
        await show(update, again(current, lang(update)))
        return BALANCE if typed_day(current) else DAY
    data = await fetch_small(await context.bot.get_file(current["file_id"]), bankfiles.MAX_BYTES)
    return await read_file(update, context, data, accounts[index])


@this_pointing_only
async def chose_file_day(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """The statement's date of a file that says none: the file read again, as the statement of that day."""
    current = draft(context)
    day = await answered_day(update, today_of(current), FILE_DAY_BUTTON)
    if day is None:
        return FILE_DAY
    if "file_id" not in current:
        await show(update, again(current, lang(update)))
        return BALANCE if typed_day(current) else DAY
    data = await fetch_small(await context.bot.get_file(current["file_id"]), bankfiles.MAX_BYTES)
    return await read_file(update, context, data, day=day)


async def photo_at_file_day(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """A photo where a file's date is asked: a date, or another file, is expected; the file waits."""
    await reconciliation.photo_at_day(update, context)
    return FILE_DAY


async def read_file(update: Update, context: ContextTypes.DEFAULT_TYPE, data: bytes | None,
                    account: str | None = None, day: date | None = None) -> str:  # fmt: skip
    """The file's proposals; or why it is refused, which of its accounts, or its date, at the same step.
    A file that says no date is the statement of ``day``, else of the date typed before it, else it is asked."""
    message, current, language = update.effective_message, draft(context), lang(update)
    typed = typed_day(current)
    stay = BALANCE if typed else DAY
    try:
        if data is None:
            raise BankFileError("too_big")
        proposal = await as_user(update, context, bankfiles.propose, current["coop_id"], data,
                                 today=today_of(current), account=account, day=day or typed)  # fmt: skip
    except BankFileError as refused:
        if refused.reason == "several_accounts":
            return await ask_file_account(update, context, refused.details["accounts"])
        if refused.reason == "no_date":
            return await ask_file_day(update, context, refused.details["last"])
        if refused.reason == "day_before_lines":
            return await ask_file_day(update, context, refused.details["last"], problem(refused, language))
        await message.reply_text(narrow(problem(refused, language) + "\n\n" + again(current, language)))
        return stay
    except LedgerError as refused:
        await message.reply_text(narrow(refusal(refused, language) + "\n\n" + again(current, language)))
        return stay
    for key in ("file_id", "accounts"):
        current.pop(key, None)
    current.update(file=proposal.statement.to_data(), created={}, left=[], page=0)
    notice = None
    if typed and proposal.statement.day != typed:  # the file says its own date: that one is the statement's
        notice = t("imp.file_day", language, day=day_text(proposal.statement.day), typed=day_text(typed))
    return await refresh(update, context, proposal, notice)  # the question of the account, if any, becomes the proposals


async def ask_file_day(update: Update, context: ContextTypes.DEFAULT_TYPE, last: date, notice: str | None = None) -> str:
    """A file that says no statement date (Crédit Mutuel's CSV): its date, by the shared date step;
    not its last line's, or a cheque written after that line would not show as outstanding."""
    language = lang(update)
    text = t("imp.ask_file_day", language, last=day_text(last))
    await show(update, narrow(f"{notice}\n\n{text}" if notice else text),
               day_keyboard(FILE_DAY_BUTTON, CANCEL_BUTTONS[1], language, yesterday=False))  # fmt: skip
    return FILE_DAY


async def ask_file_account(update: Update, context: ContextTypes.DEFAULT_TYPE, accounts: list[str]) -> str:
    """A file of several accounts, none recorded for the coop: a button per account."""
    language = lang(update)
    draft(context)["accounts"] = accounts
    rows = [[button(t("imp.account_button", language, account=bankfiles.masked(a) if a else "?"),
                    WHICH_BUTTON.data(i))] for i, a in enumerate(accounts) if a]  # fmt: skip
    rows.append([button(t("button.cancel", language), CANCEL_BUTTONS[0].data())])
    await update.effective_message.reply_text(narrow(t("imp.which_account", language, count=len(accounts))),
                                              reply_markup=InlineKeyboardMarkup(rows))  # fmt: skip
    return BALANCE if typed_day(draft(context)) else DAY


async def reread(update: Update, context: ContextTypes.DEFAULT_TYPE) -> Proposal:
    current = draft(context)
    return await as_user(update, context, bankfiles.propose, current["coop_id"], current["file"],
                         today=today_of(current), created=created(current))  # fmt: skip


def created(current: dict) -> dict[int, int]:
    """Line index → the entry made from it (JSON keeps the keys as text)."""
    return {int(k): v for k, v in current["created"].items()}


def items(proposal: Proposal) -> list[tuple[int, object]]:
    """The file's lines in date order: (line, its match) or (line, None) for a line without entry."""
    found = [(m.line, m) for m in proposal.matches] + [(i, None) for i in proposal.unmatched_lines]
    return sorted(found, key=lambda item: (proposal.lines[item[0]].day, item[0]))


def item_lines(proposal: Proposal, line: int, found, current: dict, language: str) -> list[str]:
    """'☑ 03/09 · +450,00 €' and, under it, the bank's label → the entry, or 'sans écriture'."""
    x = proposal.lines[line]
    head = f"{x.day:%d/%m} · {plus_money(x.amount, language)}"
    label = escape(clip(x.label, WIDTH - 3))
    if found is None:
        return [f"➕ {head}", f"   {label}", "   " + t("imp.no_entry", language)]
    first = found.entries[0]
    what = (t("pnt.deposit", language, number=first.deposit_number) if first.deposit_id
            else f"{escape(first.ledger_name)} {first.piece} · {first.day:%d/%m}")  # fmt: skip
    if ticked_before(proposal, found):
        return [f"✔️ {head}", f"   {label}", f"   → {what} · {t('imp.already', language)}"]
    box = "☐" if line in current["left"] else "☑"
    return [f"{box} {head}", f"   {label}", f"   → {what}"]


def ticked_before(proposal: Proposal, found) -> bool:
    """A line of a statement sent again whose entries were ticked on it already: nothing to accept."""
    return found is not None and all(i in proposal.already for i in found.entry_ids)


def item_button(proposal: Proposal, line: int, found, current: dict, language: str):
    x = proposal.lines[line]
    head = f"{x.day:%d/%m} {signed_money(x.amount, language)}"
    if found is None:
        return button(t("imp.create", language, line=head), CREATE_BUTTON.data(line))
    return button(f"{'☐' if line in current['left'] else '☑'} {head}", TOGGLE_BUTTON.data(line))


def render(proposal: Proposal, current: dict, language: str) -> tuple[str, InlineKeyboardMarkup]:
    """The statement, one page of its lines with their proposals, the entries it lacks; the buttons."""
    statement, listed = proposal.statement, items(proposal)
    pages = max(1, -(-len(listed) // PAGE_SIZE))
    page = min(current.get("page", 0), pages - 1)
    lines = [t("imp.header", language, day=day_text(statement.day), affiliation=current["affiliation"],
               kind=statement.kind.upper(), balance=signed_money(statement.closing, language))]  # fmt: skip
    if current["warned"]:  # « Pointer » modifies it
        lines.append(report_warning(statement.day, language))
    if statement.account is None:
        lines.append(t("imp.no_account", language))
    elif proposal.record_account:
        lines.append(t("imp.account_new", language, account=bankfiles.masked(statement.account)))
    else:
        lines.append(t("imp.account_ok", language, account=bankfiles.masked(statement.account)))
    if proposal.skipped:
        lines.append(t("imp.skipped", language, count=proposal.skipped, day=day_text(proposal.previous_day)))
    lines.append(t("imp.summary", language, lines=plural(len(listed), "imp.word.line", language),
                   matched=len(proposal.matches), missing=len(proposal.unmatched_lines)))  # fmt: skip
    if listed:
        lines += ["", t("imp.instructions", language)]
        for line, found in listed[page * PAGE_SIZE:(page + 1) * PAGE_SIZE]:
            lines += item_lines(proposal, line, found, current, language)
        if pages > 1:
            lines.append(t("pnt.page", language, page=page + 1, pages=pages))
    if proposal.unmatched_entries:
        lines += ["", t("imp.not_in_file", language, count=len(proposal.unmatched_entries))]
        for e in proposal.unmatched_entries[:UNMATCHED_SHOWN]:
            lines.append(f"· {escape(e.ledger_name)} {e.piece} · {e.day:%d/%m} · {plus_money(e.signed, language)} "
                         f"{escape(clip(e.label, 20))}")  # fmt: skip
        if len(proposal.unmatched_entries) > UNMATCHED_SHOWN:
            lines.append(t("imp.more", language, count=len(proposal.unmatched_entries) - UNMATCHED_SHOWN))
    rows = [[item_button(proposal, line, found, current, language)]
            for line, found in listed[page * PAGE_SIZE:(page + 1) * PAGE_SIZE]
            if not ticked_before(proposal, found)]  # fmt: skip
    rows += page_turns(page, page < pages - 1, language, PAGE_BUTTON.data)
    count = len(proposal.kept(current["left"]))
    rows.append([button(t("imp.finish", language, count=plural(count, "imp.word.entry", language)), DONE_BUTTON.data())])
    rows.append([button(t("button.cancel", language), CANCEL_BUTTONS[0].data())])
    return narrow("\n".join(lines)), InlineKeyboardMarkup(rows)


async def refresh(update: Update, context: ContextTypes.DEFAULT_TYPE, proposal: Proposal,
                  notice: str | None = None) -> str:  # fmt: skip
    current = draft(context)
    current["warned"] = fiscal_year_of(proposal.statement.day) in proposal.sent_years  # what « Pointer » confirms
    text, keyboard = render(proposal, current, lang(update))
    current["card"] = await show(update, f"{notice}\n\n{text}" if notice else text, keyboard)  # its buttons alone act
    return IMPORT


@this_pointing_only
async def toggle(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """☑/☐ a proposed match: kept, or left out of the ticks."""
    query, current = update.callback_query, draft(context)
    line = TOGGLE_BUTTON.read(update)
    await query.answer()
    flip(current["left"], line)
    return await refresh(update, context, await reread(update, context))


@this_pointing_only
async def turn_page(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """◀️ ▶️"""
    await update.callback_query.answer()
    draft(context)["page"] = max(0, PAGE_BUTTON.read(update))
    return await refresh(update, context, await reread(update, context))


@this_pointing_only
async def ask_account(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """➕ a line without entry: which account its entry goes on (charges for a debit, produits for a credit)."""
    query, current, language = update.callback_query, draft(context), lang(update)
    line = CREATE_BUTTON.read(update)
    proposal = await reread(update, context)
    if line not in proposal.unmatched_lines:
        await query.answer(t("imp.not_here", language), show_alert=True)
        return await refresh(update, context, proposal)
    await query.answer()
    x = proposal.lines[line]
    accounts = await as_user(update, context, bankfiles.line_accounts, current["coop_id"], x.amount)
    current.update(line=line, line_warned=fiscal_year_of(x.day) in proposal.sent_years)
    rows = [[button(clip(a.label, WIDTH), ACCOUNT_BUTTON.data(a.code))] for a in accounts]
    rows.append([button(t("imp.back", language), BACK_BUTTON.data())])
    text = t("imp.ask_account", language, day=day_text(x.day), amount=plus_money(x.amount, language),
             label=escape(x.label), kind=t("imp.charge" if x.amount < 0 else "imp.produit", language))  # fmt: skip
    if current["line_warned"]:  # choosing the account records the entry
        text = f"{report_warning(x.day, language)}\n\n{text}"
    await show(update, narrow(text), InlineKeyboardMarkup(rows))
    return ACCOUNT


@this_pointing_only
async def chose_account(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """The account: the line becomes an entry of the school ledger, matched to the line."""
    query, current, language = update.callback_query, draft(context), lang(update)
    await query.answer()
    line = current.pop("line")
    try:
        entry, proposal = await as_user(update, context, bankfiles.entry_from_line, current["coop_id"], current["file"],
                                        line, ACCOUNT_BUTTON.read(update), today=today_of(current),
                                        created=created(current), warned=current.pop("line_warned", False))  # fmt: skip
    except (LedgerError, BankFileError) as refused:
        return await refresh(update, context, await reread(update, context), problem(refused, language))
    current["created"][str(line)] = entry.id
    notice = t("imp.created", language, ledger=escape(entry.ledger_name), piece=entry.piece,
               amount=plus_money(entry.signed, language), account=entry.splits[0].account_label)  # fmt: skip
    return await refresh(update, context, proposal, notice)


@this_pointing_only
async def back(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """↩️ Retour: the proposals again, nothing made."""
    await update.callback_query.answer()
    for key in ("line", "line_warned"):
        draft(context).pop(key, None)
    return await refresh(update, context, await reread(update, context))


@this_pointing_only
async def finish(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str | int:
    """✅ Pointer: the statement recorded, the matches kept ticked on it; balanced or not, the bot says so."""
    query, current, language = update.callback_query, draft(context), lang(update)
    await query.answer()
    try:
        pointed = await as_user(update, context, bankfiles.point, current["coop_id"], current["file"],
                                left=current["left"], created=created(current), today=today_of(current),
                                warned=current.get("warned", False))  # fmt: skip
    except (LedgerError, BankFileError) as refused:
        return await refresh(update, context, await reread(update, context), problem(refused, language))
    notes = [t("imp.account_recorded", language, account=bankfiles.masked(pointed.account_recorded))
             ] if pointed.account_recorded else []  # fmt: skip
    return await reconciliation.finished(update, context, pointed, *notes)


async def another_file(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """A file sent while a statement is gone through: not read (nor taken as a receipt); this one first."""
    draft(context).pop("line", None)
    return await refresh(update, context, await reread(update, context), t("imp.finish_first", lang(update)))


@this_pointing_only
async def cancel(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """/annuler or Annuler (of this /pointage: an earlier one's is told stale) while a file is gone through: nothing
    ticked; the entries made from it stay."""
    current = context.user_data.get(reconciliation.DRAFT) or {}
    if "file" not in current:
        return await reconciliation.cancel(update, context)
    context.user_data.pop(reconciliation.DRAFT, None)
    if update.callback_query:
        await update.callback_query.answer()
    made = len(current["created"])
    key = "imp.stopped_made" if made else "imp.stopped"
    await show(update, narrow(t(key, lang(update), entries=plural(made, "imp.word.entry", lang(update)))))
    return ConversationHandler.END
