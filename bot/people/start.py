"""/start (and invitation links), /aide, /moi, /annuler, and the answer to anything unexpected."""

from __future__ import annotations

import logging
from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import ContextTypes

from bot.people.invitations import CONFIRM_MANDATE_BUTTON
from bot.ui.chat import in_store, notify
from bot.ui.formatting import refusal
from bot.infra.gate import set_chat_menu
from bot.texts import lang, t
from store import access, invitations, people

log = logging.getLogger(__name__)


def describe_roles(who: people.Who, language: str) -> str:
    """One line per role: what, of which coop or class."""
    return "\n".join(
        t(f"role.{role.kind.value}", language, department=role.department_code,
          affiliation=role.affiliation, school=escape(role.school_name or ""),
          ledger=escape(role.ledger_name or ""))
        for role in who.roles
    )  # fmt: skip


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Open an invitation link if one came with /start; else greet the person by what they are."""
    if context.args:
        await open_invitation(update, context, context.args[0])
        return
    language = lang(update)
    who = await in_store(context, people.who_is, update.effective_user.id)
    name = escape(update.effective_user.first_name)
    if not who.roles:
        await update.effective_message.reply_text(t("start.stranger", language, name=name))
        return
    await set_chat_menu(context.bot, update.effective_chat.id, who, language)
    await update.effective_message.reply_text(
        t("start.known", language, name=name, roles=describe_roles(who, language))
    )


async def open_invitation(update: Update, context: ContextTypes.DEFAULT_TYPE, code: str) -> None:
    """Link this account to the invitation's role and say what to do first."""
    language, user = lang(update), update.effective_user
    try:
        accepted = await in_store(context, invitations.accept, code[:64], user.id,
                                  user.full_name, language)  # fmt: skip
    except invitations.InvitationError as refused:
        await update.effective_message.reply_text(refusal(refused, language))
        return
    log.info("person %s accepted an invitation as %s", accepted.person_id, accepted.role.value)
    values = dict(name=escape(user.first_name), department=accepted.department_code,
                  affiliation=accepted.affiliation, school=escape(accepted.school_name or ""),
                  ledger=escape(accepted.ledger_name or ""))  # fmt: skip
    if accepted.mandate_change_id is not None:
        await update.effective_message.reply_text(t("welcome.pending", language, **values))
        await ask_staff_to_confirm(context, accepted)
        return
    await set_chat_menu(context.bot, update.effective_chat.id, accepted.who, language)
    welcome = t(f"welcome.{accepted.role.value}", language, **values)
    if accepted.verificateur_ended:
        welcome += "\n\n" + t("role.verificateur_ended", language, **values)
    await update.effective_message.reply_text(welcome)


async def ask_staff_to_confirm(context: ContextTypes.DEFAULT_TYPE, accepted: invitations.Accepted) -> None:
    """Each AD staff member of the department gets the change of mandataire to confirm."""
    for staff_id, language in accepted.staff:
        await notify(context, 
            staff_id,
            t("mandate.to_confirm", language, name=escape(accepted.person_name),
              affiliation=accepted.affiliation, school=escape(accepted.school_name or "")),
            reply_markup=InlineKeyboardMarkup([
                [InlineKeyboardButton(t("mandate.confirm", language),
                                      callback_data=CONFIRM_MANDATE_BUTTON.data("ok", accepted.mandate_change_id))],
                [InlineKeyboardButton(t("mandate.confirm_keep", language),
                                      callback_data=CONFIRM_MANDATE_BUTTON.data("keep", accepted.mandate_change_id))],
            ]),
        )  # fmt: skip


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """List the commands this person's roles allow, one line each."""
    language = lang(update)
    who = await in_store(context, people.who_is, update.effective_user.id)
    lines = [t("help.header", language)]
    lines += [f"/{command} — {t(f'cmd.{command}', language)}"
              for command in access.commands_for(who.kinds)]  # fmt: skip
    if not who.roles:
        lines += ["", t("help.stranger", language)]
    await update.effective_message.reply_text("\n".join(lines))


async def me(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Who I am: name, roles, coops and classes."""
    language = lang(update)
    who = await in_store(context, people.who_is, update.effective_user.id)
    if not who.roles:
        await update.effective_message.reply_text(t("help.stranger", language))
        return
    await update.effective_message.reply_text(
        t("me.title", language, name=escape(who.person.name)) + "\n" + describe_roles(who, language)
    )


async def cancel(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/annuler outside any conversation: nothing to leave."""
    await update.effective_message.reply_text(t("cancel.nothing", lang(update)))


async def unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A command the bot does not know."""
    command = escape(update.effective_message.text.split()[0][:40])
    await update.effective_message.reply_text(t("unknown.command", lang(update), command=command))


async def stray_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Text that no step is waiting for: at a step of buttons, said so (the step stays); else, /aide."""
    waiting = context.application.persistence.in_conversation(update.effective_chat.id, update.effective_user.id)
    await update.effective_message.reply_text(t("unknown.text_at_buttons" if waiting else "unknown.text", lang(update)))


async def other_message(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A photo, sticker or file that nothing is waiting for."""
    await update.effective_message.reply_text(t("unknown.other", lang(update)))


async def stale_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A button that no conversation is waiting for (old message, restarted step)."""
    await update.callback_query.answer(t("unknown.button", lang(update)), show_alert=True)
