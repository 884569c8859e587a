"""/start, /aide, /annuler, and the answer to anything the bot does not understand."""

from __future__ import annotations

from html import escape

from telegram import Update
from telegram.ext import ContextTypes

from bot.common import in_store
from bot.texts import lang, t
from store import access, people


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Greet the person by what they are, or explain how to be invited."""
    language = lang(update)
    who = await in_store(context, people.who_is, update.effective_user.id)
    name = escape(update.effective_user.first_name)
    if who.person is None:
        await update.effective_message.reply_text(t("start.stranger", language, name=name))
        return
    roles = "\n".join(
        t(f"role.{role.kind.value}", language, department=role.department_code,
          affiliation=role.affiliation, school=escape(role.school_name or ""),
          ledger=escape(role.ledger_name or ""))
        for role in who.roles
    )  # fmt: skip
    await update.effective_message.reply_text(
        t("start.known", language, name=name, roles=roles or "—")
    )


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


async def cancel(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/annuler outside any conversation: nothing to leave."""
    await update.effective_message.reply_text(t("cancel.nothing", lang(update)))


async def unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A command the bot does not know."""
    command = escape(update.effective_message.text.split()[0][:40])
    await update.effective_message.reply_text(t("unknown.command", lang(update), command=command))


async def stray_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Text that no conversation is waiting for."""
    await update.effective_message.reply_text(t("unknown.text", lang(update)))


async def other_message(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A photo, sticker or file that nothing is waiting for."""
    await update.effective_message.reply_text(t("unknown.other", lang(update)))


async def stale_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A button that no conversation is waiting for (old message, restarted step)."""
    await update.callback_query.answer(t("unknown.button", lang(update)), show_alert=True)
