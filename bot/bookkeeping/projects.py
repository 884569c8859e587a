"""/projets: receipts, expenses and balance per project; /inventaire: the coop's inventory register.

Both are read-only views whose buttons carry everything they show (coop, ledger,
year, page) in their callback data, so they need no conversation: the store checks
access again at every press, and a forged button ends in the usual refusal.

- /projets: a mandataire, signataire or vérificateur sees the whole coop, with a
  button per ledger to narrow it; a teacher sees their ledger (a button per ledger
  if they have several). The current fiscal year, with a button for the other open
  year. The store leaves entries without a project out, so there is no line for them.
- /inventaire: mandataire, signataire and vérificateur only. The store's register is
  per coop and refuses anyone who may not read every ledger of it, teachers included
  (store.inventory.inventory checks READ_LEDGER on the coop): a teacher asks their
  mandataire. Current fiscal year by default, or every year; 15 goods a page and the
  total value of the whole selection at the end.

The AD's staff may read any coop of their department in the store, but these views
are the coop's own: a button for a coop or ledger outside the person's coop roles
(or teacher's ledgers) is refused like a forged one.
"""

from __future__ import annotations

from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest
from telegram.ext import ContextTypes

from bot.ui.books import ledger_label, money, refusal, signed_money
from bot.ui.common import as_user, button, day_text, settings, years_text
from bot.texts import lang, plural, register, t
from store.errors import LedgerError
from store.projects import InventoryView, ProjectsView, first_coop, first_scope, inventory_view, projects_view

PAGE_SIZE = 15  # goods per page of the inventory
TEXT_BUDGET = 3600  # characters of project lines: the message stays below Telegram's 4096
ALL_YEARS = "all"

register({
    "cmd.projets": {"fr": "Recettes, dépenses et solde de chaque projet (#classeverte…)",
                    "en": "Receipts, expenses and balance of each project (#classeverte…)"},
    "cmd.inventaire": {"fr": "L'inventaire des biens durables de la coopérative",
                       "en": "The cooperative's register of durable goods"},
    # /projets
    "prj.title.coop": {"fr": "<b>Projets {years}</b> — coopérative {affiliation}, tous les cahiers",
                       "en": "<b>Projects {years}</b> — cooperative {affiliation}, every ledger"},
    "prj.title.ledger": {"fr": "<b>Projets {years}</b> — cahier {name} ({affiliation})",
                         "en": "<b>Projects {years}</b> — ledger {name} ({affiliation})"},
    "prj.line.one": {"fr": "#{project} — recettes {receipts} · dépenses {expenses} · solde {balance} (1 écriture)",
                     "en": "#{project} — receipts {receipts} · expenses {expenses} · balance {balance} (1 entry)"},
    "prj.line.many": {"fr": "#{project} — recettes {receipts} · dépenses {expenses} · solde {balance} ({count} écritures)",
                      "en": "#{project} — receipts {receipts} · expenses {expenses} · balance {balance} ({count} entries)"},
    "prj.more": {"fr": "… et {others}.", "en": "… and {others}."},
    "prj.empty.current": {"fr": "Aucun projet cette année : ajoutez #nomduprojet à la fin d'une /depense ou /recette.",
                          "en": "No project this year: add #projectname at the end of a /depense or /recette."},
    "prj.empty.other": {"fr": "Aucun projet pour l'exercice {years}.", "en": "No project in the {years} year."},
    "prj.no_ledger": {"fr": "Aucun cahier à consulter pour l'instant.", "en": "No ledger to look at yet."},
    "prj.button.coop": {"fr": "🏫 Toute la coopérative {affiliation}", "en": "🏫 The whole cooperative {affiliation}"},
    "prj.button.ledger": {"fr": "📒 {name}", "en": "📒 {name}"},
    "prj.button.year": {"fr": "📅 Exercice {years}", "en": "📅 Year {years}"},
    # /inventaire
    "ivt.title.year": {"fr": "<b>Inventaire {years}</b> — coopérative {affiliation}",
                       "en": "<b>Inventory {years}</b> — cooperative {affiliation}"},
    "ivt.title.all": {"fr": "<b>Inventaire, toutes les années</b> — coopérative {affiliation}",
                      "en": "<b>Inventory, every year</b> — cooperative {affiliation}"},
    "ivt.line": {"fr": "{day} · {label} · {value} · cahier {ledger} (pièce {piece})",
                 "en": "{day} · {label} · {value} · ledger {ledger} (document {piece})"},
    "ivt.page": {"fr": "Page {page}/{pages}", "en": "Page {page}/{pages}"},
    "ivt.total.one": {"fr": "<b>Valeur totale</b> : {total} (1 bien)", "en": "<b>Total value</b>: {total} (1 item)"},
    "ivt.total.many": {"fr": "<b>Valeur totale</b> : {total} ({count} biens)",
                       "en": "<b>Total value</b>: {total} ({count} items)"},
    "ivt.empty.year": {"fr": "Aucun bien durable acheté pendant l'exercice {years}. Les dépenses ventilées sur le "
                             "compte des achats de biens durables (68…) s'inscrivent ici d'elles-mêmes.",
                       "en": "No durable goods bought in the {years} year. Expenses split on the durable goods "
                             "account (68…) are listed here by themselves."},
    "ivt.empty.all": {"fr": "L'inventaire est vide. Les dépenses ventilées sur le compte des achats de biens "
                            "durables (68…) s'inscrivent ici d'elles-mêmes.",
                      "en": "The inventory is empty. Expenses split on the durable goods account (68…) are "
                            "listed here by themselves."},
    "ivt.button.all": {"fr": "🗂 Toutes les années", "en": "🗂 Every year"},
    "ivt.button.year": {"fr": "📅 Exercice {years}", "en": "📅 Year {years}"},
    "ivt.button.coop": {"fr": "🏫 Coopérative {affiliation}", "en": "🏫 Cooperative {affiliation}"},
})  # fmt: skip



def close_row(language: str, prefix: str) -> list[InlineKeyboardButton]:
    return [button(t("button.close", language), f"{prefix}:close")]


async def show(update: Update, text: str, keyboard: InlineKeyboardMarkup) -> None:
    """In place of the pressed message; a button pressed twice shows the same and changes nothing."""
    await update.callback_query.answer()
    try:
        await update.callback_query.edit_message_text(text, reply_markup=keyboard)
    except BadRequest as refused:
        if "not modified" not in refused.message.lower():
            raise


async def answer_refusal(update: Update, error: LedgerError) -> None:
    """A button on a ledger or coop that no longer exists: say so in the toast."""
    await update.callback_query.answer(refusal(error, lang(update)), show_alert=True)


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
            rows.append([button(label, f"prj:{coop_id}:0:{view.year}")])
    several = len({r.coop_id for r in view.refs}) > 1
    ledgers = [r for r in view.refs if r.id != view.ledger_id
               and (r.coop_id == view.coop_id or r.coop_id not in view.coop_wide)]  # fmt: skip
    buttons = [button(t("prj.button.ledger", language, name=ledger_label(r, language, several)),
                      f"prj:{r.coop_id}:{r.id}:{view.year}") for r in ledgers]  # fmt: skip
    rows += [buttons[i:i + 2] for i in range(0, len(buttons), 2)]
    for year in view.open_years:
        if year != view.year:
            label = t("prj.button.year", language, years=years_text(year))
            rows.append([button(label, f"prj:{view.coop_id}:{view.ledger_id}:{year}")])
    rows.append(close_row(language, "prj"))
    return InlineKeyboardMarkup(rows)


async def projects(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/projets: this year's projects of the person's coop, or of their ledger for a teacher."""
    language = lang(update)
    scope = await as_user(update, context, first_scope)
    if scope is None:
        await update.effective_message.reply_text(t("prj.no_ledger", language))
        return
    view = await as_user(update, context, projects_view, *scope, None, settings(context).timezone)
    await update.effective_message.reply_text(projects_text(view, language),
                                              reply_markup=projects_keyboard(view, language))  # fmt: skip


async def show_projects(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A ledger, coop or year button under /projets: the same message, for that scope."""
    query, language = update.callback_query, lang(update)
    coop_id, ledger_id, year = (int(x) for x in query.data.split(":")[1:])
    try:
        view = await as_user(update, context, projects_view, coop_id, ledger_id, year, settings(context).timezone)
    except LedgerError as error:
        await answer_refusal(update, error)
        return
    await show(update, projects_text(view, language), projects_keyboard(view, language))


# ------------------------------------------------------------------ /inventaire


def pages_count(view: InventoryView) -> int:
    return max(1, -(-len(view.items) // PAGE_SIZE))


def inventory_text(view: InventoryView, page: int, language: str) -> str:
    affiliation = view.affiliations.get(view.coop_id, "")
    if view.year is None:
        title = t("ivt.title.all", language, affiliation=affiliation)
    else:
        title = t("ivt.title.year", language, years=years_text(view.year), affiliation=affiliation)
    if not view.items:
        empty = t("ivt.empty.all", language) if view.year is None else t(
            "ivt.empty.year", language, years=years_text(view.year))  # fmt: skip
        return f"{title}\n\n{empty}"
    shown = view.items[page * PAGE_SIZE:(page + 1) * PAGE_SIZE]
    lines = [t("ivt.line", language, day=day_text(i.day), label=escape(i.label), value=money(i.value, language),
               ledger=escape(i.ledger_name), piece=escape(i.piece)) for i in shown]  # fmt: skip
    parts = [title, "\n".join(lines)]
    if pages_count(view) > 1:
        parts.append(t("ivt.page", language, page=page + 1, pages=pages_count(view)))
    count = len(view.items)
    parts.append(t("ivt.total.one" if count == 1 else "ivt.total.many", language, count=count,
                   total=money(sum(i.value for i in view.items), language)))  # fmt: skip
    return "\n\n".join(parts)


def inventory_keyboard(view: InventoryView, page: int, language: str) -> InlineKeyboardMarkup:
    """◀️ ▶️, this year or every year, another coop, close."""
    year = ALL_YEARS if view.year is None else view.year
    rows = []
    pages = pages_count(view)
    if pages > 1:
        rows.append([button(t("button.previous", language), f"ivt:{view.coop_id}:{year}:{max(page - 1, 0)}"),
                     button(t("button.next", language), f"ivt:{view.coop_id}:{year}:{min(page + 1, pages - 1)}")])
    for other in view.open_years or (view.current_year,):
        if other != view.year:
            rows.append([button(t("ivt.button.year", language, years=years_text(other)),
                                f"ivt:{view.coop_id}:{other}:0")])  # fmt: skip
    if view.year is not None:
        rows.append([button(t("ivt.button.all", language), f"ivt:{view.coop_id}:{ALL_YEARS}:0")])
    for coop_id, affiliation in view.affiliations.items():
        if coop_id != view.coop_id:
            rows.append([button(t("ivt.button.coop", language, affiliation=affiliation), f"ivt:{coop_id}:{year}:0")])
    rows.append(close_row(language, "ivt"))
    return InlineKeyboardMarkup(rows)


async def inventory(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/inventaire: the current year's durable goods of the person's (first) coop."""
    language = lang(update)
    coop_id = await as_user(update, context, first_coop)
    view = await as_user(update, context, inventory_view, coop_id, None, settings(context).timezone, current=True)
    await update.effective_message.reply_text(inventory_text(view, 0, language),
                                              reply_markup=inventory_keyboard(view, 0, language))  # fmt: skip


async def show_inventory(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """◀️ ▶️, Toutes les années, Exercice…, Coopérative…: the same message, for that selection."""
    query, language = update.callback_query, lang(update)
    _, coop, year, page = query.data.split(":")
    try:
        view = await as_user(update, context, inventory_view, int(coop), None if year == ALL_YEARS else int(year),
                             settings(context).timezone)  # fmt: skip
    except LedgerError as error:
        await answer_refusal(update, error)
        return
    page = min(int(page), pages_count(view) - 1)
    await show(update, inventory_text(view, page, language), inventory_keyboard(view, page, language))


async def close(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Fermer: the message stays, without its buttons."""
    await update.callback_query.answer()
    await update.callback_query.edit_message_reply_markup(None)
