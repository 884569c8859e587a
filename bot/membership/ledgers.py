"""/cahiers: the coop's ledgers, and a ledger for each class of the membership."""

from __future__ import annotations

from html import escape

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import ContextTypes, ConversationHandler

from bot.ui.buttons import ID, Button, button
from bot.ui.chat import as_user, invitation_ttl
from bot.ui.formatting import excerpt, refusal, years_text
from bot.people.invitations import link_text
from bot.texts import lang, t
from store import cahiers, invitations
from store.adhesion import AdhesionError
from store.models import LedgerKind, RoleKind

NAMING = "led.name"  # conversation state: a class ledger's name typed (the list is a plain message)
DRAFT = "cahiers"  # this conversation's own key in user_data: another conversation may be under way
ROW_BUTTON, ATTACH_BUTTON = Button("led:row", ID), Button("led:att", ID, ID)  # a membership row; and a former ledger
INVITE_BUTTON, CLOSE_BUTTON = Button("led:inv", ID), Button("led:close")


async def begin(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/cahiers (or the button under the membership table): the list, and a button per class without one."""
    language = lang(update)
    if update.callback_query:
        await update.callback_query.answer()
    view = await as_user(update, context, cahiers.cahiers_start)
    year, views, waiting = view.year, view.ledgers, view.waiting
    lines = [t("led.title", language, affiliation=view.affiliation)]
    for view in views:
        if view.kind == LedgerKind.ECOLE:
            lines.append(t("led.school", language, name=escape(view.name)))
        elif view.class_name:
            lines.append(t("led.class", language, name=escape(view.name), class_name=escape(view.class_name),
                           teachers=escape(", ".join(view.teachers))))  # fmt: skip
        else:
            lines.append(t("led.class_bare", language, name=escape(view.name)))
    if waiting:
        classes = ", ".join(f"{r.number}. {escape(r.class_name)}" for r in waiting)
        lines += ["", t("led.without", language, years=years_text(year), classes=classes)]
    elif len(views) == 1:
        lines += ["", t("led.no_adhesion", language)]
    else:
        lines += ["", t("led.none_without", language, years=years_text(year))]
    keyboard = [[button(t("led.button.create", language, class_name=r.class_name), ROW_BUTTON.data(r.row_id))]
                for r in waiting]  # fmt: skip
    keyboard.append([button(t("button.close", language), CLOSE_BUTTON.data())])
    await update.effective_message.reply_text("\n".join(lines), reply_markup=InlineKeyboardMarkup(keyboard))


async def ask_name(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str | int:
    """Ask the new ledger's name, listing the names taken."""
    query, language = update.callback_query, lang(update)
    await query.answer()
    row_id = ROW_BUTTON.read(update)
    try:
        class_name, existing, free = await as_user(update, context, cahiers.row_for_naming, row_id)
    except AdhesionError:
        await query.edit_message_text(t("led.has_ledger", language))
        return ConversationHandler.END
    context.user_data[DRAFT] = {"row_id": row_id}
    text = t("led.ask_name", language, class_name=escape(class_name), existing=escape(", ".join(existing)))
    keyboard = [[button(t("led.button.attach", language, name=name), ATTACH_BUTTON.data(row_id, ledger_id))]
                for ledger_id, name in free]  # fmt: skip
    if free:
        text += "\n\n" + t("led.or_attach", language, class_name=escape(class_name))
    await query.edit_message_text(text, reply_markup=InlineKeyboardMarkup(keyboard) if keyboard else None)
    return NAMING


async def typed_name(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str | int:
    """Create the ledger, or say why the name is refused and ask again."""
    language, typed = lang(update), update.effective_message.text
    row_id = context.user_data.get(DRAFT, {}).get("row_id", 0)
    try:
        created = await as_user(update, context, cahiers.create_class_ledger, row_id, typed)
    except cahiers.LedgerNameError as refused:
        await update.effective_message.reply_text(refusal(
            refused, language, typed=escape(excerpt(typed, 40)), clash=escape(refused.clash),
            length=len(typed.strip()), existing=escape(", ".join(refused.existing))))  # fmt: skip
        return NAMING
    except AdhesionError:
        await update.effective_message.reply_text(t("led.has_ledger", language))
        return ConversationHandler.END
    return await created_reply(update, context, created, "led.created")


async def attach(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str | int:
    """🔗 the class's ledger of a former year: the row holds it again, no second ledger."""
    query, language = update.callback_query, lang(update)
    await query.answer()
    row_id, ledger_id = ATTACH_BUTTON.read(update)
    try:
        created = await as_user(update, context, cahiers.attach_class_ledger, row_id, ledger_id)
    except AdhesionError:
        await query.edit_message_text(t("led.has_ledger", language))
        return ConversationHandler.END
    await query.edit_message_reply_markup(None)
    return await created_reply(update, context, created, "led.attached")


async def created_reply(update: Update, context: ContextTypes.DEFAULT_TYPE, created: cahiers.Created,
                        key: str) -> int:  # fmt: skip
    """The ledger is the class's: invite its teachers."""
    language = lang(update)
    context.user_data.pop(DRAFT, None)
    keyboard = [[button(t("led.button.invite", language, teacher=teacher), INVITE_BUTTON.data(created.ledger_id))]
                for teacher in created.teachers]  # fmt: skip
    await update.effective_message.reply_text(
        t(key, language, name=escape(created.name), class_name=escape(created.class_name)),
        reply_markup=InlineKeyboardMarkup(keyboard) if keyboard else None,
    )
    return ConversationHandler.END


async def close(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Fermer."""
    await update.callback_query.answer()
    await update.callback_query.edit_message_reply_markup(None)


async def invite_teacher(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """🔗 Inviter: a link for the teacher of the new ledger (one link per press)."""
    query = update.callback_query
    await query.answer()
    ledger_id = INVITE_BUTTON.read(update)
    new = await as_user(update, context, invitations.invite, RoleKind.ENSEIGNANT, ledger_id=ledger_id,
                         ttl=invitation_ttl(context))
    await query.message.reply_text(link_text(update, context, new))
