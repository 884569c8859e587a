"""/projets: receipts, expenses and balance per project (the Fermer of /inventaire too).

A read-only view whose buttons carry everything it shows (coop, ledger, year) in their
callback data, so it needs no conversation: the store checks access again at every
press, and a forged button ends in the usual refusal.

A mandataire, signataire or vérificateur sees the whole coop, with a button per ledger
to narrow it; a teacher sees their ledger (a button per ledger if they have several).
The current fiscal year, with a button for the other open year. The store leaves
entries without a project out, so there is no line for them.

The AD's staff may read any coop of their department in the store, but these views
are the coop's own: a button for a coop or ledger outside the person's coop roles
(or teacher's ledgers) is refused like a forged one.
"""

from __future__ import annotations

from html import escape
from typing import Any, Callable

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import ContextTypes

from bot.ui.formatting import ledger_label, money, refusal, signed_money, years_text
from bot.ui.buttons import ID, YEAR, Button, button
from bot.ui.chat import as_user, settings, show
from bot.texts import lang, plural, t
from store.errors import LedgerError
from store.projects import ProjectsView, projects_start, projects_view

TEXT_BUDGET = 3600  # characters of project lines: the message stays below Telegram's 4096
PROJECTS_BUTTON, PROJECTS_CLOSE_BUTTON = Button("prj", ID, ID, YEAR), Button("prj:close")  # coop, ledger (0: all), year


def close_row(language: str, close: Button) -> list[InlineKeyboardButton]:
    return [button(t("button.close", language), close.data())]


async def show_pressed(update: Update, context: ContextTypes.DEFAULT_TYPE,
                       render: Callable[[Any], tuple[str, InlineKeyboardMarkup]], fn, /, *args: Any) -> None:  # fmt: skip
    """A button under /projets or /inventaire: the view ``fn(*args)`` in place of the message, by ``render``;
    a ledger or coop that no longer exists is said in the toast."""
    try:
        view = await as_user(update, context, fn, *args)
    except LedgerError as error:
        await update.callback_query.answer(refusal(error, lang(update)), show_alert=True)
        return
    await update.callback_query.answer()
    await show(update, *render(view))


# ------------------------------------------------------------------ /projets


def projects_text(view: ProjectsView, language: str) -> str:
    years = years_text(view.year)
    if view.ledger_id:
        ref = next(r for r in view.refs if r.id == view.ledger_id)
        title = t("prj.title.ledger", language, years=years, name=escape(ref.name), affiliation=ref.affiliation)
    else:
        title = t("prj.title.coop", language, years=years, affiliation=view.coop_wide[view.coop_id])
    if not view.summary:
        key = "prj.empty.current" if view.year == view.current_year else "prj.empty.other"
        return f"{title}\n\n{t(key, language, years=years)}"
    lines, size = [], 0
    for number, project in enumerate(view.summary):
        line = t("prj.line.one" if project.entries == 1 else "prj.line.many", language,
                 project=escape(project.project), receipts=money(project.receipts, language),
                 expenses=money(project.expenses, language), balance=signed_money(project.balance, language),
                 count=project.entries)  # fmt: skip
        if size + len(line) > TEXT_BUDGET:
            others = plural(len(view.summary) - number, "word.other_project", language)
            lines.append(t("prj.more", language, others=others))
            break
        lines.append(line)
        size += len(line) + 1
    return title + "\n\n" + "\n".join(lines)


def projects_keyboard(view: ProjectsView, language: str) -> InlineKeyboardMarkup:
    """Narrow to a ledger or widen to the coop, switch coop or year, close."""
    rows = []
    for coop_id, affiliation in view.coop_wide.items():
        if coop_id != view.coop_id or view.ledger_id:
            label = t("prj.button.coop", language, affiliation=affiliation)
            rows.append([button(label, PROJECTS_BUTTON.data(coop_id, 0, view.year))])
    several = len({r.coop_id for r in view.refs}) > 1
    ledgers = [r for r in view.refs if r.id != view.ledger_id
               and (r.coop_id == view.coop_id or r.coop_id not in view.coop_wide)]  # fmt: skip
    buttons = [button(t("prj.button.ledger", language, name=ledger_label(r, language, several)),
                      PROJECTS_BUTTON.data(r.coop_id, r.id, view.year)) for r in ledgers]  # fmt: skip
    rows += [buttons[i:i + 2] for i in range(0, len(buttons), 2)]
    for year in view.open_years:
        if year != view.year:
            label = t("prj.button.year", language, years=years_text(year))
            rows.append([button(label, PROJECTS_BUTTON.data(view.coop_id, view.ledger_id, year))])
    rows.append(close_row(language, PROJECTS_CLOSE_BUTTON))
    return InlineKeyboardMarkup(rows)


async def projects(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/projets: this year's projects of the person's coop, or of their ledger for a teacher."""
    language = lang(update)
    view = await as_user(update, context, projects_start, settings(context).timezone)
    if view is None:
        await update.effective_message.reply_text(t("prj.no_ledger", language))
        return
    await update.effective_message.reply_text(projects_text(view, language),
                                              reply_markup=projects_keyboard(view, language))  # fmt: skip


async def show_projects(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A ledger, coop or year button under /projets: the same message, for that scope."""
    language = lang(update)
    coop_id, ledger_id, year = PROJECTS_BUTTON.read(update)
    await show_pressed(update, context, lambda view: (projects_text(view, language), projects_keyboard(view, language)),
                       projects_view, coop_id, ledger_id, year, settings(context).timezone)  # fmt: skip


async def close(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Fermer: the message stays, without its buttons."""
    await update.callback_query.answer()
    await update.callback_query.edit_message_reply_markup(None)
