"""/inviter and /mandataire: links that bring people in, and the change of mandataire."""

from __future__ import annotations

from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import ContextTypes, ConversationHandler

from bot.ui.buttons import ID, WORD, Button, button, one_of
from bot.ui.chat import as_user, in_store, invitation_link, invitation_ttl, notify
from bot.ui.formatting import format_day, refusal
from bot.exports.mandate import send_mandate_form
from bot.infra.gate import set_chat_menu
from bot.texts import lang, t
from store import invitations, people
from store.models import RoleKind

# Conversation states
CHOOSING_ROLE, CHOOSING_LEDGER, TYPING_COOP = "invite.role", "invite.ledger", "invite.coop"
LINKS = "invite.links"
CONFIRMING_SUCCESSION, TYPING_SUCCESSION_COOP = "mandate.confirm", "mandate.coop"
# The AD's department while a coop is asked: each conversation its own, as both can be open at once.
DRAFT, SUCCESSION = "invitation", "succession"
TEACHER_BUTTON, COOP_ROLE_BUTTON = Button("inv:ens", ID), Button("inv", one_of("sig", "ver"), ID)
MANDATAIRE_BUTTON, LEDGER_BUTTON = Button("inv:mand", WORD), Button("inv:led", ID)
COOP_LINKS_BUTTON, DEPARTMENT_LINKS_BUTTON = Button("inv:links", ID), Button("inv:dlinks", WORD)
REVOKE_BUTTON, CLOSE_BUTTON, CANCEL_BUTTON = Button("inv:rev", ID), Button("inv:close"), Button("inv:cancel")
MANDATE_GO_BUTTON, MANDATE_CANCEL_BUTTON = Button("mandate:go", ID), Button("mandate:cancel")
CONFIRM_MANDATE_BUTTON = Button("mandate", one_of("ok", "keep"), ID)  # the AD's, sent by /start when the link is opened

ROLE_CODES = {"ens": RoleKind.ENSEIGNANT, "sig": RoleKind.SIGNATAIRE, "ver": RoleKind.VERIFICATEUR}


def cancel_row(language: str, cancel: Button) -> list[InlineKeyboardButton]:
    return [InlineKeyboardButton(t("button.cancel", language), callback_data=cancel.data())]


async def begin_invite(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """Offer the kinds of people this person may invite, as buttons."""
    language = lang(update)
    who = await in_store(context, people.who_is, update.effective_user.id)
    rows = []
    for role in who.managed():
        for code, kind in ROLE_CODES.items():
            rows.append([InlineKeyboardButton(
                t(f"invite.role.{kind.value}", language, affiliation=role.affiliation),
                callback_data=TEACHER_BUTTON.data(role.coop_id) if code == "ens"
                else COOP_ROLE_BUTTON.data(code, role.coop_id))])  # fmt: skip
    for department in who.departments():
        rows.append([InlineKeyboardButton(t("invite.role.mandataire", language, department=department),
                                          callback_data=MANDATAIRE_BUTTON.data(department))])  # fmt: skip
    for role in who.managed():
        rows.append([button(t("invite.links.coop", language, affiliation=role.affiliation),
                            COOP_LINKS_BUTTON.data(role.coop_id))])  # fmt: skip
    for department in who.departments():
        rows.append([button(t("invite.links.department", language, department=department),
                            DEPARTMENT_LINKS_BUTTON.data(department))])  # fmt: skip
    rows.append(cancel_row(language, CANCEL_BUTTON))
    await update.effective_message.reply_text(t("invite.choose", language),
                                              reply_markup=InlineKeyboardMarkup(rows))  # fmt: skip
    return CHOOSING_ROLE


async def chose_teacher(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str | int:
    """A teacher: which class ledger?"""
    query, language = update.callback_query, lang(update)
    await query.answer()
    coop_id = TEACHER_BUTTON.read(update)
    affiliation, ledgers = await as_user(update, context, invitations.ledgers_to_invite_for, coop_id)
    if not ledgers:
        await query.edit_message_text(t("invite.no_ledger", language, affiliation=affiliation))
        return ConversationHandler.END
    rows = [[InlineKeyboardButton(ledger.name, callback_data=LEDGER_BUTTON.data(ledger.id))] for ledger in ledgers]
    rows.append(cancel_row(language, CANCEL_BUTTON))
    await query.edit_message_text(t("invite.choose_ledger", language), reply_markup=InlineKeyboardMarkup(rows))
    return CHOOSING_LEDGER


async def chose_ledger(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """The teacher's link for that ledger."""
    await update.callback_query.answer()
    ledger_id = LEDGER_BUTTON.read(update)
    new = await as_user(update, context, invitations.invite, RoleKind.ENSEIGNANT, ledger_id=ledger_id,
                         ttl=invitation_ttl(context))
    await update.callback_query.edit_message_text(link_text(update, context, new))
    return ConversationHandler.END


async def chose_coop_role(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """A signataire's or vérificateur's link."""
    await update.callback_query.answer()
    code, coop_id = COOP_ROLE_BUTTON.read(update)
    new = await as_user(update, context, invitations.invite, ROLE_CODES[code], coop_id=coop_id,
                         ttl=invitation_ttl(context))
    await update.callback_query.edit_message_text(link_text(update, context, new))
    return ConversationHandler.END


async def chose_mandataire(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str | int:
    """AD staff invite a mandataire: which coop?"""
    query = update.callback_query
    await query.answer()
    department = MANDATAIRE_BUTTON.read(update)
    example = await as_user(update, context, invitations.coop_example, department)
    if example is None:
        await query.edit_message_text(t("coop.none_yet", lang(update), department=department))
        return ConversationHandler.END
    context.user_data[DRAFT] = {"department": department}
    await query.edit_message_text(t("invite.ask_coop", lang(update), example=example))
    return TYPING_COOP


async def typed_coop_of_department(update: Update, context: ContextTypes.DEFAULT_TYPE,
                                   find=invitations.coop_in_department, draft: str = DRAFT):  # fmt: skip
    """The coop whose affiliation was typed, if it is of the department in ``user_data[draft]``; else say so
    (None)."""
    department = context.user_data.get(draft, {}).get("department", "")
    typed = update.effective_message.text.strip()[:20]
    coop = await as_user(update, context, find, department, typed)
    if coop is None:
        example = await as_user(update, context, invitations.coop_example, department)
        await update.effective_message.reply_text(
            t("invite.bad_coop", lang(update), typed=escape(typed), example=example))  # fmt: skip
    return coop


async def typed_coop(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str | int:
    """The mandataire's link for the coop typed, or the question again."""
    language = lang(update)
    coop = await typed_coop_of_department(update, context)
    if coop is None:
        return TYPING_COOP
    try:
        new = await as_user(update, context, invitations.invite, RoleKind.MANDATAIRE, coop_id=coop.id,
                             ttl=invitation_ttl(context))
    except invitations.InvitationError as refused:
        await update.effective_message.reply_text(refusal(refused, language))
        return ConversationHandler.END
    context.user_data.pop(DRAFT, None)
    await update.effective_message.reply_text(link_text(update, context, new))
    return ConversationHandler.END


async def chose_links(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """The links of a coop (or, for AD staff, of the department) that nobody has opened yet."""
    await update.callback_query.answer()
    if COOP_LINKS_BUTTON.pressed(update):
        context.user_data["links"] = {"coop_id": COOP_LINKS_BUTTON.read(update)}
    else:
        context.user_data["links"] = {"department_code": DEPARTMENT_LINKS_BUTTON.read(update)}
    return await show_links(update, context)


async def revoke_link(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """Withdraw one link, then show the list again."""
    query, language = update.callback_query, lang(update)
    try:
        await as_user(update, context, invitations.revoke, REVOKE_BUTTON.read(update))
    except invitations.InvitationError as refused:
        await query.answer(refusal(refused, language), show_alert=True)
    else:
        await query.answer(t("invite.links.revoked", language))
    return await show_links(update, context)


async def show_links(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """The open links, one line and one revoke button each."""
    language = lang(update)
    links = await as_user(update, context, invitations.open_invitations, **context.user_data.get("links", {}))
    lines = [t("invite.links.title", language)]
    rows = []
    for n, link in enumerate(links, 1):
        what = t(f"what.{link.role.value}", language, department=link.department_code,
                 affiliation=link.affiliation, ledger=escape(link.ledger_name or ""))  # fmt: skip
        by = escape(link.issuer_name) if link.issuer_name else t("invite.links.operator", language)
        lines.append(t("invite.links.line", language, n=n, what=what, by=by,
                       expires=format_day(link.expires_at, context)))  # fmt: skip
        rows.append([button(t("invite.links.revoke", language, n=n), REVOKE_BUTTON.data(link.id))])
    if not links:
        lines.append(t("invite.links.none", language))
    rows.append([button(t("invite.links.close", language), CLOSE_BUTTON.data())])
    await update.callback_query.edit_message_text("\n".join(lines), reply_markup=InlineKeyboardMarkup(rows))
    return LINKS


async def close_links(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """Fermer: the list stays, without its buttons."""
    await update.callback_query.answer()
    await update.callback_query.edit_message_reply_markup(None)
    context.user_data.pop("links", None)
    return ConversationHandler.END


def link_text(update: Update, context: ContextTypes.DEFAULT_TYPE, new: invitations.NewInvitation) -> str:
    language = lang(update)
    what = t(f"what.{new.role.value}", language, department=new.department_code,
             affiliation=new.affiliation, ledger=escape(new.ledger_name or ""))  # fmt: skip
    return t("invite.link", language, what=what, expires=format_day(new.expires_at, context),
             link=invitation_link(context, new.code))  # fmt: skip


async def begin_succession(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str | int:
    """/mandataire: the mandataire confirms; AD staff type the coop."""
    language = lang(update)
    who = await in_store(context, people.who_is, update.effective_user.id)
    own = who.coops(RoleKind.MANDATAIRE)
    if not own:
        department = who.departments()[0]
        example = await as_user(update, context, invitations.coop_example, department)
        if example is None:
            await update.effective_message.reply_text(t("coop.none_yet", language, department=department))
            return ConversationHandler.END
        context.user_data[SUCCESSION] = {"department": department}
        await update.effective_message.reply_text(t("invite.ask_coop", language, example=example))
        return TYPING_SUCCESSION_COOP
    await ask_succession(update, language, own[0].coop_id, own[0].affiliation, own[0].school_name,
                         own[0].department_code)  # fmt: skip
    return CONFIRMING_SUCCESSION


async def ask_succession(update: Update, language: str, coop_id: int, affiliation: str, school: str,
                         department: str, *, ad: bool = False) -> None:  # fmt: skip
    """Create the link? Said to the mandataire (her rights end) or to the AD (who will confirm)."""
    keyboard = InlineKeyboardMarkup([
        [InlineKeyboardButton(t("mandate.go", language), callback_data=MANDATE_GO_BUTTON.data(coop_id))],
        cancel_row(language, MANDATE_CANCEL_BUTTON),
    ])  # fmt: skip
    await update.effective_message.reply_text(
        t("mandate.ask_ad" if ad else "mandate.ask", language, affiliation=affiliation, school=escape(school or ""),
          department=department),
        reply_markup=keyboard,
    )


async def typed_succession_coop(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """AD staff: the coop whose mandataire changes, or the question again."""
    language = lang(update)
    try:
        coop = await typed_coop_of_department(update, context, invitations.succession_coop, SUCCESSION)
    except invitations.InvitationError as refused:  # nobody to succeed: /inviter
        context.user_data.pop(SUCCESSION, None)
        await update.effective_message.reply_text(refusal(refused, language))
        return ConversationHandler.END
    if coop is None:
        return TYPING_SUCCESSION_COOP
    context.user_data.pop(SUCCESSION, None)
    await ask_succession(update, language, coop.id, coop.affiliation, coop.school_name, coop.department_code, ad=True)
    return CONFIRMING_SUCCESSION


async def create_succession_link(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """The successor's link; the AD will confirm once it is opened."""
    await update.callback_query.answer()
    coop_id = MANDATE_GO_BUTTON.read(update)
    new = await as_user(update, context, invitations.designate_successor, coop_id,
                         ttl=invitation_ttl(context))
    await update.callback_query.edit_message_text(link_text(update, context, new))
    return ConversationHandler.END


async def confirm_succession(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """AD staff confirm a change of mandataire (keeping the former one as signataire, or not);
    both people are told and their menus change."""
    query, language = update.callback_query, lang(update)
    choice, change_id = CONFIRM_MANDATE_BUTTON.read(update)
    try:
        done = await as_user(update, context, invitations.confirm_mandate_change, change_id,
                             keep_signataire=choice == "keep")  # fmt: skip
    except invitations.InvitationError as error:
        await query.answer()
        if error.reason == "superseded":
            await query.edit_message_text(t("mandate.superseded", language, affiliation=error.affiliation))
        else:
            await query.edit_message_text(t("mandate.nothing", language))
        return
    await query.answer()
    name = escape(done.successor_name)
    confirmed = t("mandate.confirmed", language, name=name, affiliation=done.affiliation)
    if done.kept_signataire:
        confirmed += "\n" + t("mandate.kept", language)
    await query.edit_message_text(confirmed)
    former_key = "mandate.former_kept" if done.kept_signataire else "mandate.former"
    keys = ["mandate.now_mandataire"] + [former_key] * len(done.former_telegram_ids)
    for who, key in zip(done.told, keys):
        telegram_id, person_language = who.person.telegram_id, who.person.language
        await set_chat_menu(context.bot, telegram_id, who, person_language)
        told = t(key, person_language, name=name, affiliation=done.affiliation)
        if telegram_id == done.successor_telegram_id and done.verificateur_ended:
            told += "\n\n" + t("role.verificateur_ended", person_language, affiliation=done.affiliation)
        await notify(context, telegram_id, told)
        if telegram_id == done.successor_telegram_id:  # the form the bank asks for, filled in
            await send_mandate_form(context, telegram_id, done.form, person_language)
