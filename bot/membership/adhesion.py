"""/adhesion: the membership table, row by row, the mandataire's engagement and the attestation (the
payment to the AD: payment.py; the AD's side, /valider and its review: validation.py)."""

from __future__ import annotations

import asyncio
from html import escape
from typing import Any

from telegram import InlineKeyboardMarkup, InputFile, Update
from telegram.ext import ContextTypes

from bot.membership.attestation import attestation_pdf
from bot.ui.formatting import day_text, refusal, years_text
from bot.ui.buttons import ID, Button, button, one_of, page_turns
from bot.ui.chat import as_user, close_view, leave_view, notify, show
from bot.texts import lang, plural, t
from store import adhesion, adhesion_rows, adhesion_validation
from store.adhesion import AdhesionError, AdhesionView, RowView
from store.money import format_amount

# Conversation states
TABLE = "adh.table"
ROW_CLASS, ROW_TEACHERS, ROW_PUPILS, ROW_ADULTS, ROW_CONFIRM = (
    "adh.row.class", "adh.row.teachers", "adh.row.pupils", "adh.row.adults", "adh.row.confirm",
)  # fmt: skip
PICK_EDIT, PICK_FIELD, EDIT_VALUE = "adh.edit.row", "adh.edit.field", "adh.edit.value"
PICK_DELETE, CONFIRM_DELETE = "adh.delete.row", "adh.delete.confirm"
ENGAGE = "adh.engage"
WITHDRAW = "adh.withdraw"  # a change asked of a membership already sent to the AD
DRAFT = "adhesion"  # this conversation's own key in user_data: another conversation may be under way

FIELDS = ("class_name", "teachers", "pupils", "other_adults")
PAGE_BUDGET = 2500  # characters of rows per page: the whole message stays far below 4096
BEGIN_BUTTON, PAGE_BUTTON, CLOSE_BUTTON = Button("adh:begin", one_of("last", "empty")), Button("adh:page", ID), Button("adh:close")
ADD_BUTTON, EDIT_BUTTON, DELETE_BUTTON = Button("adh:add"), Button("adh:edit"), Button("adh:delete")
SUBMIT_BUTTON, PDF_BUTTON, BACK_BUTTON = Button("adh:submit"), Button("adh:pdf"), Button("adh:back")
SAVE_BUTTON, DROP_BUTTON, ENGAGE_BUTTON = Button("adh:save"), Button("adh:drop"), Button("adh:engage")
ROW_BUTTON, FIELD_BUTTON = Button("adh:row", ID), Button("adh:field", one_of(*FIELDS))
DELETE_ROW_BUTTON, CONFIRM_DELETE_BUTTON = Button("adh:del", ID), Button("adh:delok")
WITHDRAW_BUTTON = Button("adh:withdraw", one_of("add", "edit", "delete"))
REVIEW_BUTTON = Button("adh:see", ID)  # 🔍 a membership sent to the AD (validation.py)
OPEN_BUTTON = Button("adh:open", ID)  # under a reminder: that coop's table
LEDGERS_BUTTON = Button("led:list")  # /cahiers, from the table
PAY_BUTTON = Button("adh:pay", ID)  # 💶 under the validated table and the AD's validation (payment.py)


# ------------------------------------------------------------------ the table


def row_text(row: RowView, language: str) -> str:
    """A row on three short lines: number and class, teachers, counts."""
    title = f"<b>{row.number}. {escape(row.class_name)}</b>"
    if row.ledger_name:
        title += f" — {t('adh.row.ledger', language, ledger=escape(row.ledger_name))}"
    teachers = "\n".join(f"   {escape(x.name)} ({escape(x.email)})" for x in row.teachers)
    counts = t("adh.row.counts", language, teachers=len(row.teachers),
               pupils=plural(row.pupils, "word.pupil", language),
               adults=plural(row.other_adults, "word.other_adult", language), total=row.total)  # fmt: skip
    return f"{title}\n{teachers}\n   {counts}"


def pages_of(table: AdhesionView, language: str) -> list[list[str]]:
    """Rows grouped in pages that fit a phone screen and a Telegram message."""
    pages: list[list[str]] = [[]]
    size = 0
    for row in table.rows:
        text = row_text(row, language)
        if pages[-1] and size + len(text) > PAGE_BUDGET:
            pages.append([])
            size = 0
        pages[-1].append(text)
        size += len(text)
    return pages


def state_line(table: AdhesionView, language: str) -> str:
    """Where the membership stands; reopened by the AD, why first (the mandataire has it to hand, escaped)."""
    reopened = table.reopened_reason and t("adh.state.reopened", language, reason=escape(table.reopened_reason))
    return "\n".join(filter(None, (reopened, _state(table, language))))


def _state(table: AdhesionView, language: str) -> str:
    deadline = day_text(table.deadline)
    if table.state == "submitted":
        return t("adh.state.submitted", language, day=day_text(table.submitted_at))
    if table.state == "validated":
        return t("adh.state.validated", language, day=day_text(table.validated_at))
    if table.late:  # the deadline once, as the past date it is
        late = t("adh.state.late", language, deadline=deadline)
        return f"{t('adh.state.not_started', language)}\n{late}" if table.state == "new" else late
    return t(f"adh.state.{table.state}", language, deadline=deadline)


def fee_line(table: AdhesionView, language: str) -> str:
    money = {key: format_amount(getattr(table, f"{key}_cents"), language)
             for key in ("cotisation", "assurance", "fee")}  # fmt: skip
    if table.adult_rate_cents is None:
        return t("adh.fee", language, members=table.members, **money)
    return t("adh.fee.adult", language, pupils=plural(table.pupils, "word.pupil", language),
             adults=plural(table.teachers + table.other_adults, "word.adult", language),
             adult_rate=format_amount(table.adult_rate_cents, language), **money)  # fmt: skip


def table_text(table: AdhesionView, page: int, language: str, notice: str | None = None) -> str:
    parts = [notice] if notice else []
    parts.append(t("adh.title", language, years=years_text(table.year), affiliation=table.affiliation,
                   school=escape(table.school_name)))  # fmt: skip
    parts.append(state_line(table, language))
    if table.state != "new":
        pages = pages_of(table, language)
        page = min(page, len(pages) - 1)
        parts.append("\n\n".join(pages[page]) if pages[page] else t("adh.empty", language))
        if len(pages) > 1:
            parts.append(t("adh.page", language, page=page + 1, pages=len(pages)))
        parts.append(t("adh.total", language, teachers=table.teachers,
                       pupils=plural(table.pupils, "word.pupil", language),
                       adults=plural(table.other_adults, "word.other_adult", language),
                       members=plural(table.members, "word.member", language)))  # fmt: skip
        parts.append(fee_line(table, language))
    return "\n\n".join(parts)


def table_keyboard(table: AdhesionView, page: int, language: str) -> InlineKeyboardMarkup:
    rows = []
    if table.state == "new":
        if table.has_last_year:
            rows.append([button(t("adh.button.last_year", language, years=years_text(table.year - 1)),
                                BEGIN_BUTTON.data("last"))])  # fmt: skip
        rows.append([button(t("adh.button.empty", language), BEGIN_BUTTON.data("empty"))])
    elif table.state == "validated":
        rows.append([button(t("adh.button.pdf", language), PDF_BUTTON.data())])
        if not table.paid:
            rows.append([button(t("adh.button.pay", language, amount=format_amount(table.fee_cents, language)),
                                PAY_BUTTON.data(table.adhesion_id))])  # fmt: skip
    else:
        rows.append([button(t("adh.button.add", language), ADD_BUTTON.data())])
        if table.rows:
            rows.append([button(t("adh.button.edit", language), EDIT_BUTTON.data()),
                         button(t("adh.button.delete", language), DELETE_BUTTON.data())])  # fmt: skip
            if table.state == "draft":
                rows.append([button(t("adh.button.submit", language), SUBMIT_BUTTON.data())])
    if table.rows:
        rows.append([button(t("adh.button.ledgers", language), LEDGERS_BUTTON.data())])
    pages = len(pages_of(table, language))
    rows += page_turns(min(page, pages - 1), page < pages - 1, language, PAGE_BUTTON.data)
    rows.append([button(t("button.close", language), CLOSE_BUTTON.data())])
    return InlineKeyboardMarkup(rows)


async def load_table(update: Update, context: ContextTypes.DEFAULT_TYPE) -> AdhesionView:
    draft = context.user_data[DRAFT]
    return await as_user(update, context, adhesion.view, draft["coop_id"], draft["year"])


async def show_table(update: Update, context: ContextTypes.DEFAULT_TYPE, notice: str | None = None,
                     *, edit: bool = False, table: AdhesionView | None = None) -> str:  # fmt: skip
    """The table (read from the store unless the step's store call returned it) as a new message (after
    typing) or in place of the pressed message."""
    language = lang(update)
    table = table or await load_table(update, context)
    draft = context.user_data[DRAFT]
    page = draft.get("page", 0)
    if table.state == "draft" and draft.get("withdrawn"):
        notice = "\n".join(filter(None, [notice, t("adh.validate_again", language)]))
    await show(update, table_text(table, page, language, notice), table_keyboard(table, page, language), edit=edit)
    return TABLE


# ------------------------------------------------------------------ opening


async def begin(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """/adhesion: this year's table of the person's coop."""
    return await open_table(update, context, await as_user(update, context, adhesion.table_start))


async def open_from_reminder(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """📝 under a reminder: this year's table of the coop it is about (the person may manage several)."""
    await update.callback_query.answer()
    return await open_table(update, context, await as_user(update, context, adhesion.table_start,
                                                           OPEN_BUTTON.read(update)))  # fmt: skip


async def open_table(update: Update, context: ContextTypes.DEFAULT_TYPE, table: AdhesionView) -> str:
    """The table opened: its coop and year kept for the next steps."""
    context.user_data[DRAFT] = {"coop_id": table.coop_id, "year": table.year, "page": 0}
    return await show_table(update, context, table=table)


async def start_table(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """From last year's rows, or empty."""
    await update.callback_query.answer()
    draft = context.user_data[DRAFT]
    from_last_year = BEGIN_BUTTON.read(update) == "last"
    table = await as_user(update, context, adhesion_rows.begin, draft["coop_id"], draft["year"], from_last_year)
    notice = t("adh.from_last_year", lang(update)) if from_last_year else None
    return await show_table(update, context, notice, edit=True, table=table)


async def turn_page(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """◀️ ▶️ (the same button pressed twice changes nothing)."""
    await update.callback_query.answer()
    draft = context.user_data[DRAFT]
    page = PAGE_BUTTON.read(update)
    if page == draft.get("page", 0):
        return TABLE
    draft["page"] = page
    return await show_table(update, context, edit=True)


async def close(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """Fermer: the table message stays, without buttons."""
    return await close_view(update, context, DRAFT, "adh.closed")


# ------------------------------------------------------------------ adding a row


async def ask_withdraw(update: Update, context: ContextTypes.DEFAULT_TYPE, table: AdhesionView, action: str) -> str:
    """A membership sent to the AD: say that changing it calls for a new validation, and ask."""
    language = lang(update)
    keyboard = InlineKeyboardMarkup([[button(t("adh.button.withdraw", language), WITHDRAW_BUTTON.data(action))],
                                     [button(t("button.back", language), BACK_BUTTON.data())]])  # fmt: skip
    await update.callback_query.edit_message_text(t("adh.confirm_withdraw", language, day=day_text(table.submitted_at)),
                                                  reply_markup=keyboard)  # fmt: skip
    return WITHDRAW


async def withdraw(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """✏️ Oui, la modifier: back to draft, then the change that was asked."""
    draft = context.user_data[DRAFT]
    try:
        withdrawn = await as_user(update, context, adhesion_validation.withdraw, draft["coop_id"], draft["year"])
    except AdhesionError as error:
        await update.callback_query.answer()
        return await show_table(update, context, refusal(error, lang(update)), edit=True)
    notified = withdrawn.notified
    for staff_id, staff_language in notified.people if notified else ():
        await notify(context, staff_id, t("adh.told_withdrawn", staff_language, affiliation=notified.affiliation,
                                          years=years_text(notified.year)))  # fmt: skip
    draft["withdrawn"] = True
    action = WITHDRAW_BUTTON.read(update)
    return await {"add": add_row, "edit": pick_edit, "delete": pick_delete}[action](update, context,
                                                                                   table=withdrawn.table)


async def add_row(update: Update, context: ContextTypes.DEFAULT_TYPE, *, table: AdhesionView | None = None) -> str:
    """➕: ask the class's name (``table``: as a store call of the same step returned it)."""
    await update.callback_query.answer()
    table = table or await load_table(update, context)
    if table.state == "submitted":
        return await ask_withdraw(update, context, table, "add")
    context.user_data[DRAFT]["row"] = {}
    await update.callback_query.message.reply_text(t("adh.ask.class", lang(update)))
    return ROW_CLASS


async def refuse(update: Update, error: AdhesionError, state: str) -> str:
    """Say what is expected and stay at the same step."""
    await update.effective_message.reply_text(refusal(error, lang(update)))
    return state


async def pressed_membership(update: Update, context: ContextTypes.DEFAULT_TYPE, pressed: Button, fn, /, *,
                             drop_buttons: bool = False) -> tuple[int, Any]:  # fmt: skip
    """A button about one membership (its id, first of its fields) answered and ``fn(adhesion_id, *other
    fields)`` asked of the store; a refusal is said under the message (its buttons dropped first if
    ``drop_buttons``) and the result is None."""
    query = update.callback_query
    await query.answer()
    fields = pressed.read(update)
    adhesion_id, *more = fields if isinstance(fields, tuple) else (fields,)
    try:
        return adhesion_id, await as_user(update, context, fn, adhesion_id, *more)
    except AdhesionError as error:
        if drop_buttons:
            await query.edit_message_reply_markup(None)
        await query.message.reply_text(refusal(error, lang(update)))
        return adhesion_id, None


async def typed_class(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """The class name; then its teachers."""
    draft = context.user_data[DRAFT]
    try:
        name = await as_user(update, context, adhesion_rows.available_class_name, draft["coop_id"], draft["year"],
                             update.effective_message.text)  # fmt: skip
    except AdhesionError as error:
        return await refuse(update, error, ROW_CLASS)
    draft["row"]["class_name"] = name
    await update.effective_message.reply_text(t("adh.ask.teachers", lang(update), class_name=escape(name)))
    return ROW_TEACHERS


async def typed_teachers(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """The teachers, 'Prénom Nom email' each; then the pupils."""
    try:
        teachers = adhesion_rows.parse_teachers(update.effective_message.text)
    except AdhesionError as error:
        return await refuse(update, error, ROW_TEACHERS)
    row = context.user_data[DRAFT]["row"]
    row["teachers"] = [[x.name, x.email] for x in teachers]
    await update.effective_message.reply_text(t("adh.ask.pupils", lang(update), class_name=escape(row["class_name"])))
    return ROW_PUPILS


async def typed_count(update: Update, context: ContextTypes.DEFAULT_TYPE, field: str, bounds: tuple[int, int],
                      state: str) -> str | None:  # fmt: skip
    """A count of the row being added kept as its ``field``; else what is expected is said and ``state`` stays."""
    try:
        context.user_data[DRAFT]["row"][field] = adhesion_rows.parse_count(update.effective_message.text, bounds)
    except AdhesionError as error:
        return await refuse(update, error, state)
    return None


async def typed_pupils(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """The number of pupils; then the other adults."""
    if refused := await typed_count(update, context, "pupils", adhesion_rows.PUPILS, ROW_PUPILS):
        return refused
    class_name = escape(context.user_data[DRAFT]["row"]["class_name"])
    await update.effective_message.reply_text(t("adh.ask.other_adults", lang(update), class_name=class_name))
    return ROW_ADULTS


async def typed_adults(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """The number of other adults; then the row to confirm."""
    if refused := await typed_count(update, context, "other_adults", adhesion_rows.OTHER_ADULTS, ROW_ADULTS):
        return refused
    row, language = context.user_data[DRAFT]["row"], lang(update)
    preview = RowView(0, len((await load_table(update, context)).rows) + 1, row["class_name"],
                      tuple(adhesion.Teacher(*x) for x in row["teachers"]), row["pupils"], row["other_adults"], None)  # fmt: skip
    keyboard = InlineKeyboardMarkup([[button(t("adh.button.save", language), SAVE_BUTTON.data())],
                                     [button(t("adh.button.drop_row", language), DROP_BUTTON.data())]])  # fmt: skip
    await update.effective_message.reply_text(t("adh.confirm_row", language, row=row_text(preview, language)),
                                              reply_markup=keyboard)  # fmt: skip
    return ROW_CONFIRM


async def save_row(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """✅ Enregistrer: the row joins the table."""
    await update.callback_query.answer()
    draft = context.user_data[DRAFT]
    row = draft.pop("row")
    try:
        table = await as_user(update, context, adhesion_rows.add_row, draft["coop_id"], draft["year"],
                              row["class_name"], [adhesion.Teacher(*x) for x in row["teachers"]], row["pupils"],
                              row["other_adults"])  # fmt: skip
    except AdhesionError as error:
        return await refuse(update, error, TABLE)
    await update.callback_query.edit_message_reply_markup(None)
    draft["page"] = len(pages_of(table, lang(update))) - 1
    notice = t("adh.saved", lang(update), number=len(table.rows), class_name=escape(row["class_name"]))
    return await show_table(update, context, notice, table=table)


async def drop_row(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """/annuler or ✖️ while typing a row: only that row is dropped."""
    context.user_data[DRAFT].pop("row", None)
    context.user_data[DRAFT].pop("row_id", None)
    if update.callback_query:
        await update.callback_query.answer()
        await update.callback_query.edit_message_reply_markup(None)
    return await show_table(update, context, t("adh.row_dropped", lang(update)))


# ------------------------------------------------------------------ changing a row


def rows_keyboard(table: AdhesionView, pick: Button, language: str) -> InlineKeyboardMarkup:
    rows = [[button(f"{r.number}. {r.class_name}", pick.data(r.id))] for r in table.rows]
    rows.append([button(t("button.back", language), BACK_BUTTON.data())])
    return InlineKeyboardMarkup(rows)


async def pick_row(update: Update, context: ContextTypes.DEFAULT_TYPE, action: str, pick: Button, state: str,
                   table: AdhesionView | None) -> str:  # fmt: skip
    """Which row, to ``action`` it (edit, delete)? A membership sent to the AD first asks to be withdrawn."""
    await update.callback_query.answer()
    table, language = table or await load_table(update, context), lang(update)
    if table.state == "submitted":
        return await ask_withdraw(update, context, table, action)
    await update.callback_query.edit_message_text(t(f"adh.pick_{action}", language),
                                                  reply_markup=rows_keyboard(table, pick, language))  # fmt: skip
    return state


async def pick_edit(update: Update, context: ContextTypes.DEFAULT_TYPE, *, table: AdhesionView | None = None) -> str:
    """✏️: which row?"""
    return await pick_row(update, context, "edit", ROW_BUTTON, PICK_EDIT, table)


async def find_row(update: Update, context: ContextTypes.DEFAULT_TYPE, row_id: int) -> RowView | None:
    table = await load_table(update, context)
    return next((r for r in table.rows if r.id == row_id), None)


async def pressed_row(update: Update, context: ContextTypes.DEFAULT_TYPE, row_id: int) -> RowView | None:
    """The row a button is about, the button answered; None once the table is shown again saying it is gone."""
    await update.callback_query.answer()
    row = await find_row(update, context, row_id)
    if row is None:
        await show_table(update, context, t("adh.error.not_found", lang(update)), edit=True)
    return row


async def pick_field(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """Which field of that row?"""
    language = lang(update)
    if (row := await pressed_row(update, context, ROW_BUTTON.read(update))) is None:
        return TABLE
    context.user_data[DRAFT]["row_id"] = row.id
    keyboard = [[button(t(f"adh.field.{f}", language), FIELD_BUTTON.data(f))] for f in FIELDS]
    keyboard.append([button(t("button.back", language), BACK_BUTTON.data())])
    await update.callback_query.edit_message_text(
        t("adh.pick_field", language, number=row.number, class_name=escape(row.class_name)),
        reply_markup=InlineKeyboardMarkup(keyboard))  # fmt: skip
    return PICK_FIELD


async def ask_value(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """Ask the new value of the chosen field."""
    draft, language = context.user_data[DRAFT], lang(update)
    if (row := await pressed_row(update, context, draft.get("row_id", 0))) is None:
        return TABLE
    draft["field"] = field = FIELD_BUTTON.read(update)
    if field == "class_name":
        question = t("adh.ask_edit.class_name", language, current=escape(row.class_name))
    else:
        question = t(f"adh.ask.{field}", language, class_name=escape(row.class_name))
    await update.callback_query.edit_message_text(question)
    return EDIT_VALUE


async def typed_value(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """The new value, checked like when the row was added."""
    draft, text = context.user_data[DRAFT], update.effective_message.text
    field = draft.get("field")
    try:
        if field == "class_name":  # checked by the store, as when the row was added
            value = text
        elif field == "teachers":
            value = adhesion_rows.parse_teachers(text)
        else:
            bounds = adhesion_rows.PUPILS if field == "pupils" else adhesion_rows.OTHER_ADULTS
            value = adhesion_rows.parse_count(text, bounds)
        table = await as_user(update, context, adhesion_rows.update_row, draft["row_id"], **{field: value})
    except AdhesionError as error:
        if error.reason in ("locked", "not_found"):
            return await refuse(update, error, TABLE)
        return await refuse(update, error, EDIT_VALUE)
    row_id = draft.pop("row_id")
    row = next(r for r in table.rows if r.id == row_id)
    draft.pop("field", None)
    return await show_table(update, context, t("adh.changed", lang(update), number=row.number), table=table)


# ------------------------------------------------------------------ deleting a row


async def pick_delete(update: Update, context: ContextTypes.DEFAULT_TYPE, *, table: AdhesionView | None = None) -> str:
    """🗑: which row?"""
    return await pick_row(update, context, "delete", DELETE_ROW_BUTTON, PICK_DELETE, table)


async def confirm_delete(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """Ask before deleting; a row with a ledger says why it cannot go."""
    language = lang(update)
    if (row := await pressed_row(update, context, DELETE_ROW_BUTTON.read(update))) is None:
        return TABLE
    values = dict(number=row.number, class_name=escape(row.class_name))
    if row.ledger_name:
        notice = t("adh.error.has_ledger", language, ledger=escape(row.ledger_name), **values)
        return await show_table(update, context, notice, edit=True)
    context.user_data[DRAFT]["row_id"] = row.id
    keyboard = InlineKeyboardMarkup([[button(t("adh.button.yes_delete", language), CONFIRM_DELETE_BUTTON.data())],
                                     [button(t("button.back", language), BACK_BUTTON.data())]])  # fmt: skip
    await update.callback_query.edit_message_text(t("adh.confirm_delete", language, **values), reply_markup=keyboard)
    return CONFIRM_DELETE


async def delete_row(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """🗑 Oui: the row goes."""
    language, draft = lang(update), context.user_data[DRAFT]
    await update.callback_query.answer()
    deleted = await as_user(update, context, adhesion_rows.delete_table_row, draft["coop_id"], draft["year"],
                            draft.pop("row_id", 0))  # fmt: skip
    if (row := deleted.row) is None:
        return await show_table(update, context, t("adh.error.not_found", language), edit=True, table=deleted.table)
    if deleted.refused is not None:
        notice = refusal(deleted.refused, language, number=row.number,
                         class_name=escape(row.class_name), ledger=escape(row.ledger_name or ""))  # fmt: skip
        return await show_table(update, context, notice, edit=True, table=deleted.table)
    draft["page"] = 0
    notice = t("adh.deleted", language, number=row.number, class_name=escape(row.class_name))
    return await show_table(update, context, notice, edit=True, table=deleted.table)


async def cancel(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str | int:
    """/annuler: while a row is typed, drop only that row; otherwise leave the table (its 💶 cheque number step has
    its own /annuler: the payment's draft may be another conversation's too, 💶 under the AD's validation)."""
    draft = context.user_data.get(DRAFT, {})
    if "row" in draft or "field" in draft:
        draft.pop("field", None)
        return await drop_row(update, context)
    context.user_data.pop(DRAFT, None)
    return await leave_view(update, context)  # rows are saved as they are typed: nothing to cancel


async def back(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """↩️ Retour: the table again."""
    await update.callback_query.answer()
    context.user_data[DRAFT].pop("row_id", None)
    return await show_table(update, context, edit=True)


# ------------------------------------------------------------------ validations


async def ask_engagement(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """✅ Valider: the summary and the mandataire's engagement."""
    await update.callback_query.answer()
    language = lang(update)
    table = await load_table(update, context)
    if not table.rows:
        return await show_table(update, context, t("adh.error.no_rows", language), edit=True)
    keyboard = InlineKeyboardMarkup([[button(t("adh.button.engage", language), ENGAGE_BUTTON.data())],
                                     [button(t("button.back", language), BACK_BUTTON.data())]])  # fmt: skip
    await update.callback_query.edit_message_text(t(
        "adh.engagement", language, years=years_text(table.year), affiliation=table.affiliation,
        rows=len(table.rows), members=table.members, fee=format_amount(table.fee_cents, language),
    ), reply_markup=keyboard)  # fmt: skip
    return ENGAGE


async def engage(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """The engagement is given: the AD staff are asked to validate."""
    await update.callback_query.answer()
    draft, language = context.user_data[DRAFT], lang(update)
    try:
        notified = await as_user(update, context, adhesion_validation.submit, draft["coop_id"], draft["year"])
    except AdhesionError as error:
        return await show_table(update, context, refusal(error, language), edit=True)
    draft.pop("withdrawn", None)
    table = notified.table
    for staff_id, staff_language in notified.people:
        await notify(context, staff_id, t(
            "adh.to_validate", staff_language, affiliation=table.affiliation, school=escape(table.school_name),
            years=years_text(table.year), members=table.members,
            fee=format_amount(table.fee_cents, staff_language),
        ), reply_markup=InlineKeyboardMarkup([[button(
            t("adh.button.review", staff_language, affiliation=table.affiliation),
            REVIEW_BUTTON.data(notified.adhesion_id))]]))  # fmt: skip
    return await show_table(update, context, t("adh.submitted", language, department=table.department_code),
                            edit=True, table=table)  # fmt: skip


async def send_attestation(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """📄: the membership certificate, once the AD has validated."""
    await update.callback_query.answer()
    table = await load_table(update, context)
    if table.state != "validated":
        return await show_table(update, context, edit=True)
    pdf = await asyncio.to_thread(attestation_pdf, table)  # embedding the font takes a second
    await update.callback_query.message.reply_document(
        InputFile(pdf, filename=f"attestation-adhesion-{table.affiliation}-{table.year}.pdf"))  # fmt: skip
    return TABLE
