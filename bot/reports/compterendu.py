"""/compterendu: the yearly report of the coop, from the mandataire's phone.

The overview first (where the report stands, one line per CRF section with what is
missing, the CRA, the quitus, the attachments), with a button per section; then the CRA
questions, each answer saved by the store at once, so that /compterendu days later
takes up at the first question not answered; "Demander le quitus"; "Envoyer à l'OCCE".
Vérificateurs read the same overview and give their quitus from it (bot/reports/quitus.py).
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from telegram import InlineKeyboardMarkup, InputFile, Update
from telegram.ext import ContextTypes, ConversationHandler

from bot.exports.files import safe_name
from bot.exports.picture import CHART_BUTTON
from bot.exports.report import crf_pdf
from bot.infra.downloads import keep_sent_file
from bot.reminders.sending import deliver
from bot.reports.figures import SECTIONS, causes_text, missing_text, section_lines, section_text
from bot.texts import lang, plural, t
from bot.ui.buttons import ID, Button, Field, button, one_of
from bot.ui.chat import as_user, notify, settings, show
from bot.ui.formatting import day_text, money, signed_money, years_text
from bot.ui.steps import words_kept
from store import cra, quitus, report_sending, reports
from store.quitus import QUITUS_NEEDED
from store.reports import ReportError, ReportView

COOP, MENU, SECTION, COUNCILS, PROJECTS, TITLE, CLASSES, DESCRIPTION, ACTIONS, COMMENTS, ATTACH, GRANT = (
    "rep.coop", "rep.menu", "rep.section", "rep.councils", "rep.projects", "rep.title", "rep.classes",
    "rep.description", "rep.actions", "rep.comments", "rep.attach", "rep.grant",
)  # fmt: skip
DRAFT = "compterendu"
COOP_BUTTON, SECTION_BUTTON = Button("rep:c", ID), Button("rep:s", one_of(*SECTIONS))
PROJECT_BUTTON, ATTACH_BUTTON = Button("rep:p", Field(r"\d+|new|done")), Button("rep:att", one_of("statement", "grant"))
GIVE_BUTTON, REVIEW_BUTTON = Button("qts", ID), Button("rad:see", ID)  # the vérificateur's and the AD's
GRANT_BUTTON = Button("rep:g", ID)  # which grant a proof proves
NO_COMMENT = ("-", "—", "aucun", "aucune", "none")
NOT_REQUESTED = ("not_started", "in_progress", "ledgers_open")  # the states before the quitus is asked
WITH_THE_AD = ("sent", "validated")  # sent as it stands: no deadline to tell


def draft(context: ContextTypes.DEFAULT_TYPE) -> dict:
    return context.user_data.setdefault(DRAFT, {})


def problem(error: ReportError, language: str) -> str:
    """A refusal in words, with what the store said about it."""
    details = dict(error.details)
    if error.reason == "ledgers_open":
        details["open"] = plural(details.pop("count"), "rep.word.open_ledger", language)
    if error.reason == "missing":
        details["what"] = missing_text(details.pop("missing"), language)
    if error.reason == "grant_proof":
        details.update(grants=plural(details.pop("count"), "rep.word.grant", language), giver=escape(details["giver"]),
                       day=day_text(details["day"]), amount=money(details["amount"], language))  # fmt: skip
    if error.reason == "unbalanced":
        details["difference"] = signed_money(details["difference"], language)
        details["causes"] = causes_text(details["causes"], language)
    return t(f"rep.bad.{error.reason}", language, **details)


# ------------------------------------------------------------------ the overview


def overview_text(view: ReportView, language: str) -> str:
    """Where the report stands, on short lines."""
    lines = [t("rep.title", language, years=years_text(view.year), affiliation=view.affiliation,
               school=escape(view.school_name)),
             t("rep.state" if view.state not in WITH_THE_AD else "rep.state_with_the_ad", language,
               state=t(f"rep.state.{view.state}", language), deadline=day_text(view.deadline))]  # fmt: skip
    if view.late:
        lines.append(t("rep.late", language))
    if view.ad_comment and view.state in ("to_complete", "modified"):
        lines.append(t("rep.ad_comment", language, comment=escape(view.ad_comment)))
    lines += ["", t("rep.crf", language), *section_lines(view.figures, language), ""]
    lines.append(t("rep.cra.done" if view.cra_step is None else "rep.cra.todo", language))
    given = len(view.quitus)
    key = "rep.quitus.some" if given else "rep.quitus.none"
    if view.state in NOT_REQUESTED:  # never asked, or withdrawn by a class ledger reopened
        ledgers_open = any(code == reports.LEDGERS_OPEN for code, _ in view.figures.missing)
        key = "rep.quitus.to_ask.after_closing" if ledgers_open else "rep.quitus.to_ask"
    lines.append(t(key, language, given=given, needed=QUITUS_NEEDED))
    lines += [t("rep.quitus.line", language, name=escape(q.name), day=day_text(q.day),
                parent=t("rep.quitus.parent", language) if q.parent else "") for q in view.quitus]  # fmt: skip
    lines.append(t("rep.statement.yes" if view.statement_attached else "rep.statement.no", language))
    if view.figures.subventions:
        lines.append(grant_proofs_line(view, language))
    return "\n".join(lines)


def grant_name(grant, language: str) -> str:
    return grant.giver or t("crf.grant.no_giver", language)


def grant_proofs_line(view: ReportView, language: str) -> str:
    """"Justificatifs de subvention : 1 sur 2 (manque : Mairie 600,00 €)", or ✅ all of them."""
    count, missing = len(view.figures.subventions), view.grants_unproved
    if not missing:
        return t("rep.grant_proofs.all", language, count=count)
    names = ", ".join(t("rep.grant_proofs.item", language, giver=escape(grant_name(g, language)),
                        amount=money(g.amount, language)) for g in missing)  # fmt: skip
    return t("rep.grant_proofs.some", language, proved=count - len(missing), count=count, missing=names)


def overview_keyboard(view: ReportView, language: str) -> InlineKeyboardMarkup:
    """A button per section; the CRA, attachments, quitus and sending for managers; the quitus for vérificateurs;
    the year's picture (as /solde sends it) and the PDF for all."""
    names = [button(t(f"crf.section.{name}", language), SECTION_BUTTON.data(name)) for name in SECTIONS]
    rows = [names[i:i + 2] for i in range(0, len(names), 2)]
    if view.manager and not view.locked:
        rows += [[button(t("rep.button.cra", language), "rep:cra")],
                 [button(t("rep.button.statement", language), "rep:att:statement"),
                  button(t("rep.button.grant", language), "rep:att:grant")],
                 [button(t("rep.button.quitus", language), "rep:quitus")],
                 [button(t("rep.button.send", language), "rep:send")]]  # fmt: skip
    if view.verificateur and view.report_id and not view.locked and view.state not in NOT_REQUESTED:
        rows.append([button(t("rep.button.give", language), GIVE_BUTTON.data(view.report_id))])
    chart = t("solde.chart", language, affiliation=view.affiliation)
    rows.append([button(chart, CHART_BUTTON.data(view.coop_id, view.year))])
    rows.append([button(t("rep.button.pdf", language), "rep:pdf"), button(t("button.close", language), "rep:close")])
    return InlineKeyboardMarkup(rows)


async def show_overview(update: Update, context: ContextTypes.DEFAULT_TYPE, view: ReportView,
                        notice: str | None = None) -> str:  # fmt: skip
    """The overview, in place of the pressed message or as a new one; with a notice above it."""
    draft(context).update(report_id=view.report_id, coop_id=view.coop_id)
    language = lang(update)
    text = overview_text(view, language)
    await show(update, f"{notice}\n\n{text}" if notice else text, overview_keyboard(view, language))
    return MENU


async def begin(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str | int:
    """/compterendu: the report of the person's coop, or a choice of coop."""
    language = lang(update)
    context.user_data.pop(DRAFT, None)
    coops = await as_user(update, context, reports.my_coops)
    if not coops:
        await update.effective_message.reply_text(t("rep.none", language))
        return ConversationHandler.END
    if len(coops) == 1:
        return await opened(update, context, coops[0].coop_id)
    keyboard = [[button(f"{c.affiliation} {c.school_name}", COOP_BUTTON.data(c.coop_id))] for c in coops]
    await update.effective_message.reply_text(t("rep.pick", language), reply_markup=InlineKeyboardMarkup(keyboard))
    return COOP


async def chose_coop(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """A coop button: the store says whether this person may read it."""
    await update.callback_query.answer()
    return await opened(update, context, COOP_BUTTON.read(update))


async def opened(update: Update, context: ContextTypes.DEFAULT_TYPE, coop_id: int) -> str:
    """The coop's report opened (a manager opening it starts it)."""
    view = await as_user(update, context, reports.open_report, coop_id)
    return await show_overview(update, context, view)


async def current(update: Update, context: ContextTypes.DEFAULT_TYPE) -> ReportView:
    return await as_user(update, context, reports.open_report, draft(context)["coop_id"])


async def show_section(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """A CRF section, short enough for a phone, with what it lacks."""
    await update.callback_query.answer()
    view, language = await current(update, context), lang(update)
    name = SECTION_BUTTON.read(update)
    keyboard = InlineKeyboardMarkup([[button(t("button.back", language), "rep:back")]])
    await show(update, section_text(view.figures, name, language), keyboard)
    return SECTION


async def back(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """↩️ Retour: the overview again."""
    await update.callback_query.answer()
    return await show_overview(update, context, await current(update, context))


async def send_pdf(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """📄 PDF: the CRF and CRA as a file to print; the overview stays."""
    await update.callback_query.answer()
    language, coop_id = lang(update), draft(context)["coop_id"]
    shown = await current(update, context)
    view, today = await as_user(update, context, reports.year_view, coop_id, shown.year)
    name = safe_name(f"compte-rendu-{view.affiliation}-{years_text(view.year)}")
    await update.effective_message.reply_document(
        InputFile(crf_pdf(view, today), filename=f"{name}.pdf"),
        caption=t("rep.pdf_caption", language, affiliation=view.affiliation, years=years_text(view.year)))
    return MENU


async def close(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """Fermer: the answers are kept."""
    await update.callback_query.answer()
    context.user_data.pop(DRAFT, None)
    await update.callback_query.edit_message_text(t("rep.closed", lang(update)))
    return ConversationHandler.END


# ------------------------------------------------------------------ the CRA


async def start_cra(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """📝 Activités: from the first question not answered yet (or from the first, when all are)."""
    await update.callback_query.answer()
    view = await current(update, context)
    if view.locked:
        return await show_overview(update, context, view, t("rep.bad.locked", lang(update)))
    return await ask(update, context, view, view.cra_step or "councils")


async def ask(update: Update, context: ContextTypes.DEFAULT_TYPE, view: ReportView, step: str | None) -> str:
    """The CRA question of ``step``; the overview once every question is answered."""
    language = lang(update)
    if step is None:
        return await show_overview(update, context, view, t("rep.cra.saved", language))
    if step == "projects":
        return await show_projects(update, context, view)
    await show(update, t(f"rep.ask.{step}", language))
    return {"councils": COUNCILS, "actions": ACTIONS, "comments": COMMENTS}[step]


async def saved(update: Update, context: ContextTypes.DEFAULT_TYPE, state: str, following: str | None, fn,
                *args) -> str:  # fmt: skip
    """An answer given to the store: the next question (the first unanswered one, if any is), or the
    same step again with the reason."""
    language = lang(update)
    try:
        view = await as_user(update, context, fn, draft(context)["report_id"], *args)
    except ReportError as error:
        await update.effective_message.reply_text(problem(error, language))
        return state
    return await ask(update, context, view, view.cra_step or following)


async def typed_councils(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """The number of conseils de coopérative."""
    typed = update.effective_message.text.strip()
    if not typed.isdigit() or int(typed) > cra.COUNCILS_MAX:
        await update.effective_message.reply_text(t("rep.bad.councils", lang(update), high=cra.COUNCILS_MAX))
        return COUNCILS
    return await saved(update, context, COUNCILS, "projects", cra.save_councils, int(typed))


async def show_projects(update: Update, context: ContextTypes.DEFAULT_TYPE, view: ReportView) -> str:
    """The year's projects, each to complete; one to add; the list confirmed."""
    language = lang(update)
    lines = [t("rep.projects", language)]
    blank = t("rep.project.blank", language)
    lines += [t("rep.project.line", language, title=escape(p.title), classes=escape(p.classes or blank),
                description=escape(p.description or blank)) for p in view.projects] or [t("rep.projects.none", language)]  # fmt: skip
    rows = [[button(t("rep.button.describe", language, title=p.title), PROJECT_BUTTON.data(p.id))] for p in view.projects]
    rows += [[button(t("rep.button.add_project", language), "rep:p:new")],
             [button(t("rep.button.projects_done", language), "rep:p:done")]]  # fmt: skip
    await show(update, "\n".join(lines), InlineKeyboardMarkup(rows))
    return PROJECTS


async def chose_project(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """A project to complete (its classes, then its description), a new one (its title first), or done."""
    query, language = update.callback_query, lang(update)
    await query.answer()
    choice = PROJECT_BUTTON.read(update)
    if choice == "done":
        return await saved(update, context, PROJECTS, "actions", cra.projects_done)
    view = await current(update, context)
    if choice == "new":
        draft(context).update(project_id=None, title=None)
        await show(update, t("rep.ask.title", language))
        return TITLE
    chosen = [p for p in view.projects if p.id == int(choice)]
    if not chosen:
        await query.answer(t("rep.bad.project_gone", language), show_alert=True)
        return await show_projects(update, context, view)
    draft(context).update(project_id=chosen[0].id, title=chosen[0].title)
    await show(update, t("rep.ask.classes", language, title=escape(chosen[0].title)))
    return CLASSES


async def typed_title(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """A new project's title."""
    title = " ".join(update.effective_message.text.split())
    if not await words_kept(update, title, 80, length="rep.bad.title_length",
                            letters="rep.bad.title_letters"):  # (the store refuses it too, at the description)
        return TITLE
    draft(context)["title"] = title
    await update.effective_message.reply_text(t("rep.ask.classes", lang(update), title=escape(title)))
    return CLASSES


async def typed_classes(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """The classes involved."""
    classes = " ".join(update.effective_message.text.split())
    if not await words_kept(update, classes, 120, length="rep.bad.text_length", letters="rep.bad.text_letters"):
        return CLASSES
    draft(context)["classes"] = classes
    await update.effective_message.reply_text(t("rep.ask.description", lang(update), title=escape(draft(context)["title"])))
    return DESCRIPTION


async def typed_description(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """The short description: the project saved, the list again."""
    current_draft, language = draft(context), lang(update)
    description = update.effective_message.text
    try:
        if current_draft.get("project_id"):
            view = await as_user(update, context, cra.describe_project, current_draft["project_id"],
                                 classes=current_draft["classes"], description=description)  # fmt: skip
        else:
            view = await as_user(update, context, cra.add_project, current_draft["report_id"],
                                 title=current_draft["title"], classes=current_draft["classes"],
                                 description=description)  # fmt: skip
    except ReportError as error:
        await update.effective_message.reply_text(problem(error, language))
        return PROJECTS if error.reason in ("too_many_projects", "project_gone", "locked") else DESCRIPTION
    return await show_projects(update, context, view)


async def typed_actions(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """The participation in OCCE actions."""
    return await saved(update, context, ACTIONS, "comments", cra.save_actions, update.effective_message.text)


async def typed_comments(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """Free comments ("-" for none)."""
    typed = update.effective_message.text.strip()
    comments = "" if typed.lower() in NO_COMMENT else typed
    return await saved(update, context, COMMENTS, None, cra.save_comments, comments)


# ------------------------------------------------------------------ attachments


async def ask_attachment(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """📎: the August statement, as a photo or a PDF; for a grant's proof, first which grant (a button each)."""
    await update.callback_query.answer()
    kind, language = ATTACH_BUTTON.read(update), lang(update)
    draft(context).update(kind=kind, grant_id=None)
    if kind == "statement":
        await show(update, t("rep.attach.ask.statement", language))
        return ATTACH
    view = await current(update, context)
    if not view.figures.subventions:
        return await show_overview(update, context, view, t("rep.grants.none", language))
    rows = [[button(t("rep.button.grant_of", language, mark="✅" if g.entry_id in view.grants_proved else "📎",
                      giver=grant_name(g, language), amount=money(g.amount, language)), GRANT_BUTTON.data(g.entry_id))]
            for g in view.figures.subventions]  # fmt: skip
    rows.append([button(t("button.back", language), "rep:back")])
    await show(update, t("rep.grants.pick", language), InlineKeyboardMarkup(rows))
    return GRANT


async def chose_grant(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """A grant's button: its proof is asked (the store checks it is one of the year's grants)."""
    await update.callback_query.answer()
    language, grant_id = lang(update), GRANT_BUTTON.read(update)
    view = await current(update, context)
    grant = next((g for g in view.figures.subventions if g.entry_id == grant_id), None)
    if grant is None:
        return await show_overview(update, context, view, t("rep.bad.grant_unknown", language))
    draft(context)["grant_id"] = grant_id
    await show(update, t("rep.attach.ask.grant", language, giver=escape(grant_name(grant, language)),
                         day=day_text(grant.day), amount=money(grant.amount, language)))  # fmt: skip
    return ATTACH


async def received_file(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """The file downloaded as receipts are (size and kind checked), then kept with the report."""
    message, language, current_draft = update.effective_message, lang(update), draft(context)
    folder = Path(settings(context).receipts_dir) / "reports"
    kept = await keep_sent_file(message, folder, f"{current_draft['report_id']}-{current_draft['kind']}", language)
    if kept is None:
        return ATTACH
    _, path, kind, size = kept
    try:
        view = await as_user(update, context, report_sending.attach, current_draft["report_id"],
                             kind=current_draft["kind"], path=str(path), mime_type=kind.mime, size=size,
                             grant_id=current_draft.get("grant_id"))  # fmt: skip
    except ReportError as error:
        path.unlink(missing_ok=True)
        return await show_overview(update, context, await current(update, context), problem(error, language))
    return await show_overview(update, context, view, t("rep.attach.done", language))


async def not_a_file(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """Text where a file is awaited."""
    await update.effective_message.reply_text(t("rep.attach.not_file", lang(update)))
    return ATTACH


# ------------------------------------------------------------------ quitus and sending


async def request_quitus(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """🔏: refused while class ledgers are open; else the vérificateurs get a button."""
    await update.callback_query.answer()
    language = lang(update)
    try:
        outcome = await as_user(update, context, quitus.request_quitus, draft(context)["report_id"])
    except ReportError as error:
        return await show_overview(update, context, await current(update, context), problem(error, language))
    if outcome.outbox:
        notice = t("rep.quitus.asked", language, told=plural(len(outcome.outbox), "rep.word.told", language))
    else:  # every vérificateur gave theirs already, or the coop has none
        notice = t("rep.quitus.all_given" if outcome.view.quitus else "rep.quitus.nobody", language)
    state = await show_overview(update, context, outcome.view, notice)
    await deliver(context.application, keys=outcome.outbox)  # the reminders' run finds it sent: never twice
    return state


async def send(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str | int:
    """📤: the store checks everything is there and balanced; the AD is told."""
    await update.callback_query.answer()
    language = lang(update)
    try:
        outcome = await as_user(update, context, report_sending.send, draft(context)["report_id"])
    except ReportError as error:
        return await show_overview(update, context, await current(update, context), problem(error, language))
    view = outcome.view
    for person in outcome.notify:
        keyboard = InlineKeyboardMarkup([[button(t("rep.button.review", person.language, affiliation=view.affiliation),
                                                 REVIEW_BUTTON.data(view.report_id))]])  # fmt: skip
        await notify(context, person.telegram_id, t("rep.sent.ad", person.language, years=years_text(view.year),
                                                    affiliation=view.affiliation, school=escape(view.school_name)),
                     reply_markup=keyboard)  # fmt: skip
    return await show_overview(update, context, view, t("rep.sent", language, years=years_text(view.year)))


async def cancel(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """/annuler: the answers already given are kept; the step in progress is left."""
    context.user_data.pop(DRAFT, None)
    await update.effective_message.reply_text(t("rep.closed", lang(update)))
    return ConversationHandler.END
