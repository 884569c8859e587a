"""/export: which file, for which ledger (or the whole coop), over which period; the file comes
as a document in the chat. The store says what each person may export."""

from __future__ import annotations

import re
from dataclasses import asdict
from datetime import date, timedelta
from html import escape

from telegram import InlineKeyboardMarkup, InputFile, Update
from telegram.ext import ContextTypes, ConversationHandler

from bot.exports import files, report
from bot.texts import lang, plural, t
from bot.ui.buttons import ID, YEAR, Button, button, one_of
from bot.ui.chat import as_user, show, this_draft_only
from bot.ui.formatting import day_text, excerpt, years_text
from store import exports
from store.exports import ExportBook, ExportError, Scope
from store.years import fiscal_year_bounds, fiscal_year_of, parse_day, period_parts

# Conversation states
KIND, SCOPE, PERIOD, RANGE = "exp.kind", "exp.scope", "exp.period", "exp.range"
KEY = "export"  # this conversation's corner of user_data
KINDS = ("csv", "xlsx", "pdf", "crf", "zip")
KIND_BUTTON = Button("exp:k", one_of(*KINDS))
LEDGER_BUTTON = Button("exp:l", ID)
COOP_BUTTON = Button("exp:c", ID)
YEAR_BUTTON = Button("exp:y", YEAR)
RANGE_BUTTON = Button("exp:range")
CANCEL_BUTTON = Button("exp:cancel")
# The buttons of this file's questions and of its period question shown last: not those of an earlier /export's.
this_export_only = this_draft_only(KEY)


def cancel_row(language: str) -> list:
    return [button(t("button.cancel", language), CANCEL_BUTTON.data())]


async def begin(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str | int:
    """/export: which file."""
    language = lang(update)
    choices = await as_user(update, context, exports.export_choices)
    if not (choices.ledgers or choices.coops or choices.staff):
        await update.effective_message.reply_text(t("exp.nothing", language))
        return ConversationHandler.END
    if not choices.example:  # AD staff whose department has no coop yet
        await update.effective_message.reply_text(t("coop.none_yet", language, department=choices.department))
        return ConversationHandler.END
    context.user_data[KEY] = {"begun": update.effective_message.message_id}
    kinds = [k for k in KINDS if k != "crf" or choices.coops or choices.staff]  # the report: whole coops only
    rows = [[button(t(f"exp.kind.{kind}", language), KIND_BUTTON.data(kind))] for kind in kinds]
    await update.effective_message.reply_text(t("exp.ask_kind", language),
                                              reply_markup=InlineKeyboardMarkup(rows + [cancel_row(language)]))
    return KIND


@this_export_only
async def chose_kind(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """A kind of file chosen: the period at once for a single ledger, else which ledger or coop."""
    query, language = update.callback_query, lang(update)
    await query.answer()
    choices = await as_user(update, context, exports.export_choices)
    context.user_data.setdefault(KEY, {}).update(kind=KIND_BUTTON.read(update), staff=choices.staff)
    ledgers = () if kind_of(context) == "crf" else choices.ledgers  # the report is a whole coop's
    scopes = choices.coops + ledgers
    if not scopes and not choices.staff:
        await query.edit_message_text(t("exp.crf_coops", language))
        context.user_data.pop(KEY, None)
        return ConversationHandler.END
    if len(scopes) == 1 and not choices.staff:
        return await ask_period(update, context, scopes[0])
    rows = [[button(t("exp.button.coop", language, affiliation=s.affiliation), COOP_BUTTON.data(s.coop_id))]
            for s in choices.coops]  # fmt: skip
    rows += [[button(t("exp.button.ledger", language, name=s.name, affiliation=s.affiliation), LEDGER_BUTTON.data(s.ledger_id))]
             for s in ledgers]  # fmt: skip
    if choices.staff:
        question = "exp.ask_scope_typed" if rows else "exp.ask_coop"
        text = t(question, language, example=choices.example)
    else:
        text = t("exp.ask_scope", language)
    await query.edit_message_text(text, reply_markup=InlineKeyboardMarkup(rows + [cancel_row(language)]))
    return SCOPE


def kind_of(context: ContextTypes.DEFAULT_TYPE) -> str:
    return context.user_data.get(KEY, {}).get("kind", "")


@this_export_only
async def chose_scope(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """A ledger or a whole coop chosen: which period."""
    query = update.callback_query
    if LEDGER_BUTTON.pressed(update):
        target = {"ledger_id": LEDGER_BUTTON.read(update)}
    else:
        target = {"coop_id": COOP_BUTTON.read(update)}
    scope = await as_user(update, context, exports.pick_scope, **target)
    await query.answer()
    return await ask_period(update, context, scope)


async def typed_coop(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """AD staff: a coop typed by its number, or the question again; others are pointed to the buttons."""
    if not context.user_data.get(KEY, {}).get("staff"):
        await update.effective_message.reply_text(t("exp.use_buttons", lang(update)))
        return SCOPE
    typed = update.effective_message.text.strip()[:80]  # an affiliation, or a school's name
    scope = await as_user(update, context, exports.typed_coop, typed)
    if isinstance(scope, str):  # no such coop in the department: the example to give
        key = "exp.bad_coop" if re.fullmatch(r"\d{2,3}-\S+", typed) else "exp.bad_name"  # a number, or a name
        await update.effective_message.reply_text(t(key, lang(update), typed=escape(excerpt(typed, 30)), example=scope))
        return SCOPE
    return await ask_period(update, context, scope)


async def ask_period(update: Update, context: ContextTypes.DEFAULT_TYPE, scope: Scope) -> str:
    language = lang(update)
    # user_data is persisted as JSON: the day as text
    context.user_data.setdefault(KEY, {})["scope"] = {**asdict(scope), "today": scope.today.isoformat(),
                                                      "years": list(scope.years)}
    rows = [[button(t("exp.button.year", language, years=years_text(y)), YEAR_BUTTON.data(y)) for y in scope.years]]
    if kind_of(context) != "crf":  # a compte rendu is a whole exercice's
        rows.append([button(t("exp.button.range", language), RANGE_BUTTON.data())])
    rows.append(cancel_row(language))
    text = t("exp.ask_period", language, name=escape(scope.name))
    # its buttons alone give this file's period (an earlier question's would send this file in its place)
    context.user_data[KEY]["card"] = await show(update, text, InlineKeyboardMarkup(rows))
    return PERIOD


def current_scope(context: ContextTypes.DEFAULT_TYPE) -> Scope:
    fields = context.user_data[KEY]["scope"]
    return Scope(**{**fields, "today": date.fromisoformat(fields["today"]), "years": tuple(fields["years"])})


@this_export_only
async def chose_year(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str | int:
    """A fiscal year chosen: its file."""
    query, language = update.callback_query, lang(update)
    year, scope = YEAR_BUTTON.read(update), current_scope(context)
    if year not in scope.years:
        await query.answer(t("exp.year_closed", language, years=years_text(year)), show_alert=True)
        return PERIOD
    await query.answer()
    await query.edit_message_text(t("exp.making", language))
    first, last = fiscal_year_bounds(year)
    return await send_file(update, context, first, last)


def range_example(scope: Scope) -> str:
    first, _ = fiscal_year_bounds(fiscal_year_of(scope.today))
    return f"{day_text(first)}-{day_text(max(first, scope.today - timedelta(days=1)))}"


@this_export_only
async def ask_range(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """📅 Autres dates: the period to type."""
    await update.callback_query.answer()
    await update.callback_query.edit_message_text(
        t("exp.ask_range", lang(update), example=range_example(current_scope(context))),
        reply_markup=InlineKeyboardMarkup([cancel_row(lang(update))]))  # fmt: skip
    return RANGE


async def typed_range(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str | int:
    """jj/mm/aaaa-jj/mm/aaaa typed: the file, or what is expected and the question again."""
    language, typed = lang(update), update.effective_message.text
    scope = current_scope(context)
    example = range_example(scope)
    quoted = escape(excerpt(typed, 40))
    parts = period_parts(typed)
    if parts is None:
        await update.effective_message.reply_text(t("exp.range.invalid", language, typed=quoted, example=example))
        return RANGE
    days = [parse_day(part, scope.today) for part in parts]
    for part, day in zip(parts, days):
        if day is None:  # shaped as a date, as other date steps say it: « 31/02/2026 » n'est pas une date
            await update.effective_message.reply_text(t("exp.range.not_a_day", language, day=escape(part),
                                                        example=example))  # fmt: skip
            return RANGE
    try:
        exports.check_period(*days)
    except ExportError as refused:
        await update.effective_message.reply_text(t(f"exp.range.{refused.reason}", language, typed=quoted,
                                                    example=example))  # fmt: skip
        return RANGE
    await update.effective_message.reply_text(t("exp.making", language))
    return await send_file(update, context, *days)


async def send_file(update: Update, context: ContextTypes.DEFAULT_TYPE, first: date, last: date) -> int:
    """The chosen file of the chosen ledger or coop, over ``first``–``last``, as a document."""
    language, chosen = lang(update), context.user_data.pop(KEY)
    kind, scope = chosen["kind"], chosen["scope"]
    target = {"ledger_id": scope["ledger_id"]} if scope["ledger_id"] else {"coop_id": scope["coop_id"]}
    made = await as_user(update, context, exports.export_file, kind, first=first, last=last, **target)
    book = made.book
    caption = t("exp.caption", language, what=t(f"exp.what.{kind}", language), name=escape(book.name),
                period=period_words(book, language))  # fmt: skip
    message = update.effective_message
    if kind == "zip":
        data, count = await files.receipts_zip(book, lambda file_id: download(context, file_id))
        if not count:
            await message.reply_text(t("exp.no_receipts", language))
            return ConversationHandler.END
        caption += "\n" + t("exp.receipts", language, count=plural(count, "word.receipt_file", language))
    elif made.report is not None:
        data = report.crf_pdf(*made.report)
    elif made.figures is not None:
        data = files.journal_xlsx(book, lambda workbook: report.crf_sheet(workbook, made.figures))
    else:
        data = {"csv": files.journal_csv, "xlsx": files.journal_xlsx, "pdf": files.cahier_pdf}[kind](book)
    stem = {"pdf": "cahier", "zip": "justificatifs", "crf": "compte-rendu"}.get(kind, "journal")
    suffix = "pdf" if kind == "crf" else kind
    await message.reply_document(InputFile(data, filename=f"{files.file_stem(stem, book)}.{suffix}"), caption=caption)
    return ConversationHandler.END


def period_words(book: ExportBook, language: str) -> str:
    if book.whole_year:
        return t("exp.period.year", language, years=years_text(fiscal_year_of(book.first)))
    return t("exp.period.range", language, first=day_text(book.first), last=day_text(book.last))


async def download(context: ContextTypes.DEFAULT_TYPE, file_id: str) -> bytes:
    """A receipt as Telegram keeps it."""
    telegram_file = await context.bot.get_file(file_id)
    return bytes(await telegram_file.download_as_bytearray())
