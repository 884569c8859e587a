"""/inviter and /mandataire: links that bring people in, and the change of mandataire."""

from __future__ import annotations

from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import ContextTypes, ConversationHandler

from bot import texts
from bot.ui.books import refusal
from bot.ui.common import as_user, button, format_day, in_store, invitation_link, invitation_ttl, notify
from bot.infra.gate import set_chat_menu
from bot.texts import lang, t
from store import invitations, people
from store.models import RoleKind

# Conversation states
CHOOSING_ROLE, CHOOSING_LEDGER, TYPING_COOP = "invite.role", "invite.ledger", "invite.coop"
LINKS = "invite.links"
CONFIRMING_SUCCESSION, TYPING_SUCCESSION_COOP = "mandate.confirm", "mandate.coop"
DRAFT = "invitation"  # the AD's department, for /inviter and /mandataire; not shared with other conversations

texts.register({
    "invitation.revoked": {"fr": "Ce lien d'invitation a été annulé. Demandez-en un nouveau si besoin.",
                           "en": "This invitation link has been withdrawn. Ask for a new one if needed."},
    "invitation.issuer_gone": {
        "fr": "Ce lien d'invitation n'est plus valable : la personne qui l'a créé n'a plus ce rôle. "
              "Demandez-en un nouveau au mandataire de la coopérative.",
        "en": "This invitation link is no longer valid: the person who made it no longer holds that role. "
              "Ask the cooperative's mandataire for a new one.",
    },
    "invite.links.coop": {"fr": "📋 Liens en cours ({affiliation})", "en": "📋 Open links ({affiliation})"},
    "invite.links.department": {"fr": "📋 Liens en cours (OCCE {department})",
                                "en": "📋 Open links (OCCE {department})"},
    "invite.links.title": {"fr": "<b>Liens d'invitation pas encore ouverts</b>",
                           "en": "<b>Invitation links not opened yet</b>"},
    "invite.links.none": {"fr": "Aucun lien d'invitation en attente.", "en": "No invitation link is waiting."},
    "invite.links.line": {"fr": "{n}. {what} — par {by}, expire le {expires}",
                          "en": "{n}. {what} — by {by}, expires on {expires}"},
    "invite.links.operator": {"fr": "l'OCCE (ligne de commande)", "en": "the OCCE (command line)"},
    "invite.links.revoke": {"fr": "❌ Annuler le lien {n}", "en": "❌ Withdraw link {n}"},
    "invite.links.revoked": {"fr": "Lien annulé : il ne fonctionne plus.", "en": "Link withdrawn: it no longer works."},
    "invite.links.close": {"fr": "Fermer", "en": "Close"},
    "mandate.confirm_keep": {"fr": "Confirmer et garder l'ancien·ne mandataire comme signataire",
                             "en": "Confirm and keep the former mandataire as co-signatory"},
    "mandate.kept": {"fr": "L'ancien·ne mandataire reste signataire de la coopérative.",
                     "en": "The former mandataire stays a co-signatory of the cooperative."},
    "mandate.former_kept": {"fr": "Votre mandat pour la coopérative {affiliation} a pris fin : {name} vous succède. "
                                  "Vous restez signataire de la coopérative.",
                            "en": "Your mandate for cooperative {affiliation} has ended: {name} succeeds you. "
                                  "You stay a co-signatory of the cooperative."},
})  # fmt: skip

ROLE_CODES = {"ens": RoleKind.ENSEIGNANT, "sig": RoleKind.SIGNATAIRE, "ver": RoleKind.VERIFICATEUR}


def cancel_row(language: str, prefix: str) -> list[InlineKeyboardButton]:
    return [InlineKeyboardButton(t("button.cancel", language), callback_data=f"{prefix}:cancel")]


async def begin_invite(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """Offer the kinds of people this person may invite, as buttons."""
    language = lang(update)
    who = await in_store(context, people.who_is, update.effective_user.id)
    rows = []
    for role in who.managed():
        for code, kind in ROLE_CODES.items():
            rows.append([InlineKeyboardButton(
                t(f"invite.role.{kind.value}", language, affiliation=role.affiliation),
                callback_data=f"inv:{code}:{role.coop_id}")])  # fmt: skip
    for department in who.departments():
        rows.append([InlineKeyboardButton(t("invite.role.mandataire", language, department=department),
                                          callback_data=f"inv:mand:{department}")])  # fmt: skip
    for role in who.managed():
        rows.append([button(t("invite.links.coop", language, affiliation=role.affiliation),
                            f"inv:links:{role.coop_id}")])  # fmt: skip
    for department in who.departments():
        rows.append([button(t("invite.links.department", language, department=department),
                            f"inv:dlinks:{department}")])  # fmt: skip
    rows.append(cancel_row(language, "inv"))
    await update.effective_message.reply_text(t("invite.choose", language),
                                              reply_markup=InlineKeyboardMarkup(rows))  # fmt: skip
    return CHOOSING_ROLE


async def chose_teacher(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str | int:
    """A teacher: which class ledger?"""
    query, language = update.callback_query, lang(update)
    await query.answer()
    coop_id = int(query.data.split(":")[2])
    affiliation, ledgers = await as_user(update, context, invitations.ledgers_to_invite_for, coop_id)
    if not ledgers:
        await query.edit_message_text(t("invite.no_ledger", language, affiliation=affiliation))
        return ConversationHandler.END
    rows = [[InlineKeyboardButton(ledger.name, callback_data=f"inv:led:{ledger.id}")] for ledger in ledgers]
    rows.append(cancel_row(language, "inv"))
    await query.edit_message_text(t("invite.choose_ledger", language), reply_markup=InlineKeyboardMarkup(rows))
    return CHOOSING_LEDGER


async def chose_ledger(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """The teacher's link for that ledger."""
    await update.callback_query.answer()
    ledger_id = int(update.callback_query.data.split(":")[2])
    new = await as_user(update, context, invitations.invite, RoleKind.ENSEIGNANT, ledger_id=ledger_id,
                         ttl=invitation_ttl(context))
    await update.callback_query.edit_message_text(link_text(update, context, new))
    return ConversationHandler.END


async def chose_coop_role(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """A signataire's or vérificateur's link."""
    await update.callback_query.answer()
    _, code, coop_id = update.callback_query.data.split(":")
    new = await as_user(update, context, invitations.invite, ROLE_CODES[code], coop_id=int(coop_id),
                         ttl=invitation_ttl(context))
    await update.callback_query.edit_message_text(link_text(update, context, new))
    return ConversationHandler.END


async def chose_mandataire(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """AD staff invite a mandataire: which coop?"""
    query = update.callback_query
    await query.answer()
    department = query.data.split(":")[2]
    context.user_data[DRAFT] = {"department": department}
    await query.edit_message_text(t("invite.ask_coop", lang(update), example=f"{department}-111"))
    return TYPING_COOP


async def typed_coop_of_department(update: Update, context: ContextTypes.DEFAULT_TYPE):
    """The coop whose affiliation was typed, if it is of the AD's department; else say so (None)."""
    department = context.user_data.get(DRAFT, {}).get("department", "")
    typed = update.effective_message.text.strip()[:20]
    coop = await as_user(update, context, invitations.coop_in_department, department, typed)
    if coop is None:
        await update.effective_message.reply_text(
            t("invite.bad_coop", lang(update), typed=escape(typed), example=f"{department}-111"))  # fmt: skip
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
    _, scope, target = update.callback_query.data.split(":")
    context.user_data["links"] = {"coop_id": int(target)} if scope == "links" else {"department_code": target}
    return await show_links(update, context)


async def revoke_link(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """Withdraw one link, then show the list again."""
    query, language = update.callback_query, lang(update)
    try:
        await as_user(update, context, invitations.revoke, int(query.data.split(":")[2]))
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
        rows.append([button(t("invite.links.revoke", language, n=n), f"inv:rev:{link.id}")])
    if not links:
        lines.append(t("invite.links.none", language))
    rows.append([button(t("invite.links.close", language), "inv:close")])
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


async def begin_succession(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """/mandataire: the mandataire confirms; AD staff type the coop."""
    language = lang(update)
    who = await in_store(context, people.who_is, update.effective_user.id)
    own = who.coops(RoleKind.MANDATAIRE)
    if not own:
        department = who.departments()[0]
        context.user_data[DRAFT] = {"department": department}
        await update.effective_message.reply_text(t("invite.ask_coop", language, example=f"{department}-111"))
        return TYPING_SUCCESSION_COOP
    await ask_succession(update, language, own[0].coop_id, own[0].affiliation, own[0].school_name,
                         own[0].department_code)  # fmt: skip
    return CONFIRMING_SUCCESSION


async def ask_succession(update: Update, language: str, coop_id: int, affiliation: str, school: str,
                         department: str) -> None:  # fmt: skip
    keyboard = InlineKeyboardMarkup([
        [InlineKeyboardButton(t("mandate.go", language), callback_data=f"mandate:go:{coop_id}")],
        cancel_row(language, "mandate"),
    ])  # fmt: skip
    await update.effective_message.reply_text(
        t("mandate.ask", language, affiliation=affiliation, school=escape(school or ""), department=department),
        reply_markup=keyboard,
    )


async def typed_succession_coop(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """AD staff: the coop whose mandataire changes, or the question again."""
    language = lang(update)
    coop = await typed_coop_of_department(update, context)
    if coop is None:
        return TYPING_SUCCESSION_COOP
    context.user_data.pop(DRAFT, None)
    await ask_succession(update, language, coop.id, coop.affiliation, coop.school_name, coop.department_code)
    return CONFIRMING_SUCCESSION


async def create_succession_link(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """The successor's link; the AD will confirm once it is opened."""
    await update.callback_query.answer()
    coop_id = int(update.callback_query.data.split(":")[2])
    new = await as_user(update, context, invitations.designate_successor, coop_id,
                         ttl=invitation_ttl(context))
    await update.callback_query.edit_message_text(link_text(update, context, new))
    return ConversationHandler.END


async def confirm_succession(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """AD staff confirm a change of mandataire (keeping the former one as signataire, or not);
    both people are told and their menus change."""
    query, language = update.callback_query, lang(update)
    _, choice, change_id = query.data.split(":")
    try:
        done = await as_user(update, context, invitations.confirm_mandate_change, int(change_id),
                             keep_signataire=choice == "keep")  # fmt: skip
    except invitations.InvitationError:
        await query.answer()
        await query.edit_message_text(t("mandate.nothing", language))
        return
    await query.answer()
    name = escape(done.successor_name)
    confirmed = t("mandate.confirmed", language, name=name, affiliation=done.affiliation)
    if done.kept_signataire:
        confirmed += "\n" + t("mandate.kept", language)
    await query.edit_message_text(confirmed)
    former_key = "mandate.former_kept" if done.kept_signataire else "mandate.former"
    for telegram_id, key in [(done.successor_telegram_id, "mandate.now_mandataire")] + [
        (former, former_key) for former in done.former_telegram_ids
    ]:
        who = await in_store(context, people.who_is, telegram_id)
        person_language = who.person.language
        await set_chat_menu(context.bot, telegram_id, who, person_language)
        await notify(context, telegram_id, t(key, person_language, name=name, affiliation=done.affiliation))
