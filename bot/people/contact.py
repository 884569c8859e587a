"""/contact: a question to the departmental OCCE, and the staff's answer by reply."""

from __future__ import annotations

from html import escape

from telegram import Update
from telegram.ext import ContextTypes, ConversationHandler

from bot.ui.chat import as_user, in_store, notify
from bot.people.start import stray_text
from bot.texts import lang, t
from store import contact, people

WRITING = "contact.writing"


async def begin(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """Ask for the message."""
    who = await in_store(context, people.who_is, update.effective_user.id)
    department = next(r.department_code for r in who.roles if r.department_code)
    await update.effective_message.reply_text(t("contact.ask", lang(update), department=department))
    return WRITING


async def wrote(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str | int:
    """Send the message to every AD staff member of the department, with the coop's identity."""
    language, text = lang(update), update.effective_message.text
    try:
        sent = await as_user(update, context, contact.write_to_ad, text)
    except contact.ContactError as refused:
        if refused.reason == "too_long":
            await update.effective_message.reply_text(
                t("contact.too_long", language, length=len(text), max=contact.MAX_CONTACT_TEXT))  # fmt: skip
        elif refused.reason == "no_letter":
            await update.effective_message.reply_text(t("contact.no_letter", language))
        else:  # nothing readable was written
            await update.effective_message.reply_text(t("contact.not_text", language))
        return WRITING
    copies = []
    for staff_id, staff_language in sent.staff:
        copy = await notify(context, staff_id, t(
            "contact.copy", staff_language, name=escape(sent.sender_name),
            role=t(f"contact.role.{sent.sender_role}", staff_language), affiliation=sent.affiliation, school=escape(sent.school_name or ""),
            text=escape(text.strip())))  # fmt: skip
        if copy is not None:
            copies.append((staff_id, copy.message_id))
    if copies:  # a second call: the copies' message ids are Telegram's answers to the sending
        await in_store(context, contact.record_copies, sent.contact_id, copies)
    key = "contact.sent" if copies else "contact.nobody"
    await update.effective_message.reply_text(t(key, language, department=sent.department_code))
    return ConversationHandler.END


async def not_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """Anything but text while the message is awaited."""
    await update.effective_message.reply_text(t("contact.not_text", lang(update)))
    return WRITING


async def left(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """Another command or button while the message is awaited: nothing goes to the AD (a command is told so),
    then the command runs or the button acts (the next line is no longer the message)."""
    if update.message:
        await update.message.reply_text(t("contact.left", lang(update)))
    return ConversationHandler.END


async def relay_answer(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A reply to a contact copy goes back to its author; any other reply is stray text."""
    message = update.effective_message
    target = await as_user(update, context, contact.reply_target, message.chat_id,
                           message.reply_to_message.message_id)  # fmt: skip
    if target is None:
        await stray_text(update, context)
        return
    await notify(context, target.telegram_id, t(
        "contact.answer", target.language, department=target.department_code,
        name=escape(target.staff_name), text=escape(message.text)))  # fmt: skip
    await message.reply_text(t("contact.answered", lang(update)))
