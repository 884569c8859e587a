"""Builds the Application: every handler is wired here, in one place."""

from __future__ import annotations

import importlib
import logging
import warnings

from telegram import BotCommand, BotCommandScopeDefault, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest, NetworkError, TelegramError
from telegram.warnings import PTBUserWarning
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    ConversationHandler,
    Defaults,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.bookkeeping import cashcount, entries, journal, movements, openings, projects, reconciliation, remise
from bot.config import Settings
from bot.infra import gate, traffic
from bot.infra.delivery import PatientRateLimiter
from bot.infra.persistence import FORGOTTEN_CHECK_SECONDS, PersistEachUpdate, StorePersistence, drop_forgotten
from bot.followup import annonce, suivi
from bot.membership import adhesion, coop, ledgers
from bot.people import contact, invitations, start
from bot.reports import closing, compterendu, quitus, review
from bot.reminders import rappels
from bot.ui.common import DATABASE, SETTINGS, end_conversation, leave_view
from bot.texts import LANGUAGES, lang, t
from store import access
from store.db import Database
from store.traffic import FloodGate

importlib.import_module("bot.followup.digest")  # registers how the weekly digest is written
log = logging.getLogger(__name__)
# Conversations are per user and chat on purpose (not per message): say nothing about it at every start.
warnings.filterwarnings("ignore", message="If 'per_message=False'", category=PTBUserWarning)
TEXT = filters.TEXT & ~filters.COMMAND
FILE = filters.PHOTO | filters.Document.ALL
CHANGES_CHECK_SECONDS = 2  # how soon a change to a report already sent is told


def build_application(settings: Settings, database: Database) -> Application:
    """The bot, talking to the Bot API at ``settings.api_base_url`` and storing in ``database``."""
    updates = PersistEachUpdate(FloodGate(settings.flood_updates))
    application = (
        Application.builder()
        .token(settings.token)
        .base_url(settings.bot_api_url)
        .base_file_url(settings.file_api_url)
        .defaults(Defaults(parse_mode=ParseMode.HTML))
        .rate_limiter(PatientRateLimiter())
        .persistence(StorePersistence(database))
        .concurrent_updates(updates)
        .post_init(set_command_menus)
        .build()
    )
    updates.application = application
    application.bot_data[DATABASE] = database
    application.bot_data[SETTINGS] = settings
    application.job_queue.run_repeating(drop_forgotten, FORGOTTEN_CHECK_SECONDS, data={"last": 0}, name="forgotten")
    application.job_queue.run_repeating(review.tell_changes, CHANGES_CHECK_SECONDS, name="report_changes")

    # Before anything else: edited messages change nothing (they would record again).
    application.add_handler(MessageHandler(filters.UpdateType.EDITED, traffic.edited), group=-4)
    # Then: each update once, private chats only, the access table for every command.
    application.add_handler(TypeHandler(Update, gate.once), group=-3)
    application.add_handler(TypeHandler(Update, gate.private_only), group=-2)

    back = CallbackQueryHandler(adhesion.back, pattern=r"^adh:back$")
    journal_open = CallbackQueryHandler(journal.open_entry, pattern=r"^jnl:e:\d+$")
    journal_back = CallbackQueryHandler(journal.back_to_page, pattern=r"^jnl:back$")
    just_looking = CommandHandler("annuler", leave_view)  # in states where nothing is under way
    entry_cancel = [CommandHandler("annuler", entries.cancel),
                    CallbackQueryHandler(entries.cancel, pattern=r"^ent:cancel$")]  # fmt: skip
    application.add_handlers([
        ConversationHandler(
            name="entries", persistent=True, allow_reentry=True,
            entry_points=[CommandHandler("depense", entries.begin_expense),
                          CommandHandler("recette", entries.begin_receipt)],
            states={
                entries.AMOUNT: [MessageHandler(TEXT, entries.typed_amount)],
                entries.LABEL: [MessageHandler(TEXT, entries.typed_label)],
                entries.LEDGER: [CallbackQueryHandler(entries.chose_ledger, pattern=r"^ent:led:\d+$")],
                entries.ACCOUNT: [CallbackQueryHandler(entries.chose_account, pattern=r"^ent:acc:\w+$")],
                entries.SPLIT_ACCOUNT: [CallbackQueryHandler(entries.chose_split_account, pattern=r"^ent:part:(\d+|more)$")],
                entries.SPLIT_AMOUNT: [MessageHandler(TEXT, entries.typed_split_amount),
                                       CallbackQueryHandler(entries.typed_split_amount, pattern=r"^ent:rest$")],
                entries.MEANS: [CallbackQueryHandler(entries.chose_means, pattern=r"^ent:means:\w+$")],
                entries.CHEQUE: [MessageHandler(TEXT, entries.typed_cheque),
                                 CallbackQueryHandler(entries.typed_cheque, pattern=r"^ent:chq:\d+$"),
                                 CallbackQueryHandler(entries.keep_cheque, pattern=r"^ent:chqok:\d+$")],
                entries.DAY: [CallbackQueryHandler(entries.chose_day, pattern=r"^ent:day:(0|1|other)$")],
                entries.TYPED_DAY: [MessageHandler(TEXT, entries.typed_day)],
                entries.PROJECT: [CallbackQueryHandler(entries.chose_project, pattern=r"^ent:tag:[\w-]*$"),
                                  MessageHandler(TEXT, entries.chose_project)],
                entries.GIVER: [MessageHandler(TEXT, entries.typed_giver)],
                entries.CONFIRM: [CallbackQueryHandler(entries.save, pattern=r"^ent:save$"),
                                  CallbackQueryHandler(entries.ask_project, pattern=r"^ent:proj$")],
            },
            fallbacks=entry_cancel,
        ),
        ConversationHandler(
            name="report", persistent=True, allow_reentry=True,
            entry_points=[CommandHandler("report", openings.begin)],
            states={
                openings.LEDGER: [CallbackQueryHandler(openings.chose_ledger, pattern=r"^opn:l:\d+$")],
                openings.BANQUE: [MessageHandler(TEXT, openings.typed_banque),
                                  CallbackQueryHandler(openings.chose_year, pattern=r"^opn:y:\d{4}$")],
                openings.CAISSE: [MessageHandler(TEXT, openings.typed_caisse)],
            },
            fallbacks=[CommandHandler("annuler", openings.cancel),
                       CallbackQueryHandler(openings.cancel, pattern=r"^opn:l:cancel$")],
        ),
        ConversationHandler(
            name="adhesion", persistent=True, allow_reentry=True,
            entry_points=[CommandHandler("adhesion", adhesion.begin),
                          CallbackQueryHandler(adhesion.open_from_reminder, pattern=r"^adh:open:\d+$")],
            states={
                adhesion.TABLE: [
                    CallbackQueryHandler(adhesion.start_table, pattern=r"^adh:begin:(last|empty)$"),
                    CallbackQueryHandler(adhesion.add_row, pattern=r"^adh:add$"),
                    CallbackQueryHandler(adhesion.pick_edit, pattern=r"^adh:edit$"),
                    CallbackQueryHandler(adhesion.pick_delete, pattern=r"^adh:delete$"),
                    CallbackQueryHandler(adhesion.ask_engagement, pattern=r"^adh:submit$"),
                    CallbackQueryHandler(adhesion.send_attestation, pattern=r"^adh:pdf$"),
                    CallbackQueryHandler(adhesion.turn_page, pattern=r"^adh:page:\d+$"),
                ],
                adhesion.ROW_CLASS: [MessageHandler(TEXT, adhesion.typed_class)],
                adhesion.ROW_TEACHERS: [MessageHandler(TEXT, adhesion.typed_teachers)],
                adhesion.ROW_PUPILS: [MessageHandler(TEXT, adhesion.typed_pupils)],
                adhesion.ROW_ADULTS: [MessageHandler(TEXT, adhesion.typed_adults)],
                adhesion.ROW_CONFIRM: [CallbackQueryHandler(adhesion.save_row, pattern=r"^adh:save$"),
                                       CallbackQueryHandler(adhesion.drop_row, pattern=r"^adh:drop$")],
                adhesion.PICK_EDIT: [CallbackQueryHandler(adhesion.pick_field, pattern=r"^adh:row:\d+$"), back],
                adhesion.PICK_FIELD: [CallbackQueryHandler(adhesion.ask_value, pattern=r"^adh:field:\w+$"), back],
                adhesion.EDIT_VALUE: [MessageHandler(TEXT, adhesion.typed_value)],
                adhesion.PICK_DELETE: [CallbackQueryHandler(adhesion.confirm_delete, pattern=r"^adh:del:\d+$"), back],
                adhesion.CONFIRM_DELETE: [CallbackQueryHandler(adhesion.delete_row, pattern=r"^adh:delok$"), back],
                adhesion.ENGAGE: [CallbackQueryHandler(adhesion.engage, pattern=r"^adh:engage$"), back],
                adhesion.WITHDRAW: [CallbackQueryHandler(adhesion.withdraw, pattern=r"^adh:withdraw:(add|edit|delete)$"),
                                    back],
            },
            fallbacks=[CommandHandler("annuler", adhesion.cancel),
                       CallbackQueryHandler(adhesion.close, pattern=r"^adh:close$")],
        ),
        ConversationHandler(
            name="paiement", persistent=True, allow_reentry=True,
            entry_points=[CallbackQueryHandler(adhesion.ask_payment_cheque, pattern=r"^adh:pay:\d+$")],
            states={adhesion.PAY_CHEQUE: [MessageHandler(TEXT, adhesion.typed_payment_cheque)]},
            fallbacks=[CommandHandler("annuler", end_conversation)],
        ),
        ConversationHandler(
            name="reouvrir", persistent=True, allow_reentry=True,
            entry_points=[CallbackQueryHandler(adhesion.ask_reason, pattern=r"^adh:reopen:\d+$")],
            states={adhesion.REOPEN_REASON: [MessageHandler(TEXT, adhesion.typed_reason)]},
            fallbacks=[CommandHandler("annuler", end_conversation)],
        ),
        ConversationHandler(
            name="mouvement", persistent=True, allow_reentry=True,
            entry_points=[CommandHandler("mouvement", movements.begin)],
            states={
                movements.KIND: [CallbackQueryHandler(movements.chose_kind,
                                                      pattern=r"^mvt:k:(depot|retrait|avance|remboursement)$")],
                movements.LEDGER: [CallbackQueryHandler(movements.chose_ledger, pattern=r"^mvt:l:\d+$")],
                movements.VIA: [CallbackQueryHandler(movements.chose_via, pattern=r"^mvt:v:(banque|caisse)$")],
                movements.AMOUNT: [MessageHandler(TEXT, movements.typed_amount)],
                movements.DAY: [CallbackQueryHandler(movements.chose_day, pattern=r"^mvt:d:(today|yesterday|other)$"),
                                MessageHandler(TEXT, movements.chose_day)],
                movements.LABEL: [CallbackQueryHandler(movements.keep_label, pattern=r"^mvt:keep$"),
                                  MessageHandler(TEXT, movements.typed_label)],
                movements.CONFIRM: [CallbackQueryHandler(movements.save, pattern=r"^mvt:ok$")],
            },
            fallbacks=[CommandHandler("annuler", movements.cancel),
                       CallbackQueryHandler(movements.cancel, pattern=r"^mvt:(l:|d:)?cancel$")],
        ),
        ConversationHandler(
            name="pointage", persistent=True, allow_reentry=True,
            entry_points=[CommandHandler("pointage", reconciliation.begin)],
            states={
                reconciliation.COOP: [CallbackQueryHandler(reconciliation.chose_coop, pattern=r"^pnt:c:\d+$")],
                reconciliation.DAY: [CallbackQueryHandler(reconciliation.chose_day, pattern=r"^pnt:d:(today|other)$"),
                                     CallbackQueryHandler(reconciliation.resume, pattern=r"^pnt:s:\d+$"),
                                     MessageHandler(TEXT, reconciliation.chose_day)],
                reconciliation.BALANCE: [MessageHandler(TEXT, reconciliation.typed_balance)],
                reconciliation.POINTING: [CallbackQueryHandler(reconciliation.toggle, pattern=r"^pnt:t:\d+$"),
                                          CallbackQueryHandler(reconciliation.toggle_deposit, pattern=r"^pnt:r:\d+$"),
                                          CallbackQueryHandler(reconciliation.turn_page, pattern=r"^pnt:p:\d+$"),
                                          CallbackQueryHandler(reconciliation.finish, pattern=r"^pnt:done$")],
            },
            fallbacks=[CommandHandler("annuler", reconciliation.cancel),
                       CallbackQueryHandler(reconciliation.cancel, pattern=r"^pnt:(d:)?cancel$")],
        ),
        ConversationHandler(
            name="remise", persistent=True, allow_reentry=True,
            entry_points=[CommandHandler("remise", remise.begin)],
            states={
                remise.COOP: [CallbackQueryHandler(remise.chose_coop, pattern=r"^rem:c:\d+$")],
                remise.CHEQUES: [CallbackQueryHandler(remise.toggle, pattern=r"^rem:t:\d+$"),
                                 CallbackQueryHandler(remise.ask_day, pattern=r"^rem:ok$")],
                remise.DAY: [CallbackQueryHandler(remise.chose_day, pattern=r"^rem:d:(today|yesterday|other)$"),
                             MessageHandler(TEXT, remise.chose_day)],
            },
            fallbacks=[CommandHandler("annuler", remise.cancel),
                       CallbackQueryHandler(remise.cancel, pattern=r"^rem:(d:)?cancel$")],
        ),
        ConversationHandler(
            name="caisse", persistent=True, allow_reentry=True,
            entry_points=[CommandHandler("caisse", cashcount.begin)],
            states={
                cashcount.LEDGER: [CallbackQueryHandler(cashcount.chose_ledger, pattern=r"^csh:l:\d+$")],
                cashcount.METHOD: [CallbackQueryHandler(cashcount.ask_coins, pattern=r"^csh:coins$"),
                                   CallbackQueryHandler(cashcount.ask_total, pattern=r"^csh:total$"),
                                   CallbackQueryHandler(cashcount.ask_day, pattern=r"^csh:day$")],
                cashcount.DAY: [MessageHandler(TEXT, cashcount.typed_day)],
                cashcount.COINS: [MessageHandler(TEXT, cashcount.typed_coins)],
                cashcount.TOTAL: [MessageHandler(TEXT, cashcount.typed_total)],
            },
            fallbacks=[CommandHandler("annuler", cashcount.cancel),
                       CallbackQueryHandler(cashcount.cancel, pattern=r"^csh:(l:)?cancel$")],
        ),
        ConversationHandler(
            name="cloture", persistent=True, allow_reentry=True,
            entry_points=[CommandHandler("cloture", closing.begin)],
            states={
                closing.PICK: [CallbackQueryHandler(closing.chose_ledger, pattern=r"^clo:l:\d+$")],
                closing.CONFIRM: [CallbackQueryHandler(closing.close, pattern=r"^clo:ok:\d+$")],
            },
            fallbacks=[CommandHandler("annuler", closing.cancel),
                       CallbackQueryHandler(closing.cancel, pattern=r"^clo:cancel$")],
        ),
        ConversationHandler(
            name="cahiers", persistent=True, allow_reentry=True,
            entry_points=[CommandHandler("cahiers", ledgers.begin),
                          CallbackQueryHandler(ledgers.begin, pattern=r"^led:list$")],
            states={
                ledgers.LISTING: [CallbackQueryHandler(ledgers.ask_name, pattern=r"^led:row:\d+$"), just_looking],
                ledgers.NAMING: [MessageHandler(TEXT, ledgers.typed_name),
                                 CallbackQueryHandler(ledgers.attach, pattern=r"^led:att:\d+:\d+$")],
            },
            fallbacks=[CommandHandler("annuler", end_conversation),
                       CallbackQueryHandler(ledgers.close, pattern=r"^led:close$")],
        ),
        ConversationHandler(
            name="inviter", persistent=True, allow_reentry=True,
            entry_points=[CommandHandler("inviter", invitations.begin_invite)],
            states={
                invitations.CHOOSING_ROLE: [
                    CallbackQueryHandler(invitations.chose_teacher, pattern=r"^inv:ens:\d+$"),
                    CallbackQueryHandler(invitations.chose_coop_role, pattern=r"^inv:(sig|ver):\d+$"),
                    CallbackQueryHandler(invitations.chose_mandataire, pattern=r"^inv:mand:\w+$"),
                    CallbackQueryHandler(invitations.chose_links, pattern=r"^inv:(links:\d+|dlinks:\w+)$"),
                ],
                invitations.LINKS: [CallbackQueryHandler(invitations.revoke_link, pattern=r"^inv:rev:\d+$"),
                                    CallbackQueryHandler(invitations.close_links, pattern=r"^inv:close$")],
                invitations.CHOOSING_LEDGER: [
                    CallbackQueryHandler(invitations.chose_ledger, pattern=r"^inv:led:\d+$"),
                ],
                invitations.TYPING_COOP: [MessageHandler(TEXT, invitations.typed_coop)],
            },
            fallbacks=[CommandHandler("annuler", end_conversation),
                       CallbackQueryHandler(end_conversation, pattern=r"^inv:cancel$")],
        ),
        ConversationHandler(
            name="mandataire", persistent=True, allow_reentry=True,
            entry_points=[CommandHandler("mandataire", invitations.begin_succession)],
            states={
                invitations.TYPING_SUCCESSION_COOP: [MessageHandler(TEXT, invitations.typed_succession_coop)],
                invitations.CONFIRMING_SUCCESSION: [
                    CallbackQueryHandler(invitations.create_succession_link, pattern=r"^mandate:go:\d+$"),
                ],
            },
            fallbacks=[CommandHandler("annuler", end_conversation),
                       CallbackQueryHandler(end_conversation, pattern=r"^mandate:cancel$")],
        ),
        ConversationHandler(
            name="coop", persistent=True, allow_reentry=True,
            entry_points=[CommandHandler("coop", coop.begin)],
            states={coop.TYPING_COOP: [MessageHandler(TEXT, coop.typed_coop)]},
            fallbacks=[CommandHandler("annuler", end_conversation)],
        ),
        ConversationHandler(
            name="contact", persistent=True, allow_reentry=True,
            entry_points=[CommandHandler("contact", contact.begin)],
            states={contact.WRITING: [MessageHandler(TEXT, contact.wrote),
                                      MessageHandler(~filters.COMMAND, contact.not_text)]},
            fallbacks=[CommandHandler("annuler", end_conversation)],
        ),
        ConversationHandler(
            name="suivi", persistent=True, allow_reentry=True,
            entry_points=[CommandHandler("suivi", suivi.begin)],
            states={
                suivi.LISTING: [CallbackQueryHandler(suivi.turn_page, pattern=r"^sui:p:\d+$"),
                                CallbackQueryHandler(suivi.pick_state, pattern=r"^sui:states$"),
                                CallbackQueryHandler(suivi.chose_state,
                                                     pattern=r"^sui:s:(all|late|new|draft|submitted|validated)$"),
                                CallbackQueryHandler(suivi.pick_report, pattern=r"^sui:reports$"),
                                CallbackQueryHandler(suivi.chose_report, pattern=r"^sui:r:[a-z_]+$"),
                                CallbackQueryHandler(suivi.pick_commune, pattern=r"^sui:communes$"),
                                CallbackQueryHandler(suivi.chose_commune, pattern=r"^sui:c:(all|\d+)$"),
                                CallbackQueryHandler(suivi.open_coop, pattern=r"^sui:o:\d+$"), just_looking],
                suivi.COOP: [CallbackQueryHandler(suivi.nudge, pattern=r"^sui:n:\d+$"),
                             CallbackQueryHandler(suivi.ask_text, pattern=r"^sui:w:\d+$"),
                             CallbackQueryHandler(suivi.back_to_list, pattern=r"^sui:list$"), just_looking],
                suivi.WRITING: [MessageHandler(TEXT, suivi.wrote), MessageHandler(~filters.COMMAND, suivi.not_text)],
            },
            fallbacks=[CommandHandler("annuler", end_conversation),
                       CallbackQueryHandler(suivi.close, pattern=r"^sui:close$")],
        ),
        ConversationHandler(
            name="annonce", persistent=True, allow_reentry=True,
            entry_points=[CommandHandler("annonce", annonce.begin)],
            states={
                annonce.AUDIENCE: [CallbackQueryHandler(annonce.chose_audience, pattern=r"^ann:a:(all|late|commune)$"),
                                   CallbackQueryHandler(annonce.chose_commune, pattern=r"^ann:c:\d+$")],
                annonce.WRITING: [MessageHandler(TEXT, annonce.wrote), MessageHandler(~filters.COMMAND, annonce.not_text)],
                annonce.CONFIRM: [CallbackQueryHandler(annonce.send, pattern=r"^ann:send$"),
                                  CallbackQueryHandler(annonce.retype, pattern=r"^ann:retype$")],
            },
            fallbacks=[CommandHandler("annuler", annonce.cancel),
                       CallbackQueryHandler(annonce.cancel, pattern=r"^ann:cancel$")],
        ),
        CallbackQueryHandler(annonce.delivery_report, pattern=r"^ann:r:\d+$"),
        ConversationHandler(
            name="compterendu", persistent=True, allow_reentry=True,
            entry_points=[CommandHandler("compterendu", compterendu.begin)],
            states={
                compterendu.COOP: [CallbackQueryHandler(compterendu.chose_coop, pattern=r"^rep:c:\d+$")],
                compterendu.MENU: [CallbackQueryHandler(compterendu.show_section, pattern=r"^rep:s:[a-z]+$"),
                                   CallbackQueryHandler(compterendu.start_cra, pattern=r"^rep:cra$"),
                                   CallbackQueryHandler(compterendu.ask_attachment, pattern=r"^rep:att:(statement|grant)$"),
                                   CallbackQueryHandler(compterendu.request_quitus, pattern=r"^rep:quitus$"),
                                   CallbackQueryHandler(compterendu.send, pattern=r"^rep:send$")],
                compterendu.SECTION: [CallbackQueryHandler(compterendu.back, pattern=r"^rep:back$")],
                compterendu.COUNCILS: [MessageHandler(TEXT, compterendu.typed_councils)],
                compterendu.PROJECTS: [CallbackQueryHandler(compterendu.chose_project, pattern=r"^rep:p:(\d+|new|done)$")],
                compterendu.TITLE: [MessageHandler(TEXT, compterendu.typed_title)],
                compterendu.CLASSES: [MessageHandler(TEXT, compterendu.typed_classes)],
                compterendu.DESCRIPTION: [MessageHandler(TEXT, compterendu.typed_description)],
                compterendu.ACTIONS: [MessageHandler(TEXT, compterendu.typed_actions)],
                compterendu.COMMENTS: [MessageHandler(TEXT, compterendu.typed_comments)],
                compterendu.ATTACH: [MessageHandler(FILE, compterendu.received_file),
                                     MessageHandler(TEXT, compterendu.not_a_file)],
            },
            fallbacks=[CommandHandler("annuler", compterendu.cancel),
                       CallbackQueryHandler(compterendu.close, pattern=r"^rep:close$")],
        ),
        ConversationHandler(
            name="quitus", persistent=True, allow_reentry=True,
            entry_points=[CallbackQueryHandler(quitus.begin, pattern=r"^qts:\d+$")],
            states={quitus.NAME: [MessageHandler(TEXT, quitus.typed_name)],
                    quitus.PARENT: [CallbackQueryHandler(quitus.chose_parent, pattern=r"^qts:p:(yes|no)$")]},
            fallbacks=[CommandHandler("annuler", quitus.cancel)],
        ),
        ConversationHandler(
            name="renvoi", persistent=True, allow_reentry=True,
            entry_points=[CallbackQueryHandler(review.ask_comment, pattern=r"^rad:back:\d+$")],
            states={review.COMMENT: [MessageHandler(TEXT, review.typed_comment)]},
            fallbacks=[CommandHandler("annuler", review.cancel)],
        ),
        CallbackQueryHandler(review.follow_up, pattern=r"^rad:list$"),
        CallbackQueryHandler(review.review, pattern=r"^rad:see:\d+$"),
        CallbackQueryHandler(review.validate, pattern=r"^rad:ok:\d+$"),
        CommandHandler("projets", projects.projects),
        CallbackQueryHandler(projects.show_projects, pattern=r"^prj:\d+:\d+:\d{4}$"),
        CommandHandler("inventaire", projects.inventory),
        CallbackQueryHandler(projects.show_inventory, pattern=r"^ivt:\d+:(\d{4}|all):\d{1,4}$"),
        CallbackQueryHandler(projects.close, pattern=r"^(prj|ivt):close$"),
        ConversationHandler(
            name="journal", persistent=True, allow_reentry=True,
            entry_points=[CommandHandler("journal", journal.begin),
                          CallbackQueryHandler(journal.edit_recorded, pattern=r"^ent:edit:\d+$")],
            states={
                journal.LEDGER: [CallbackQueryHandler(journal.chose_ledger, pattern=r"^jnl:l:\d+$"),
                                 CallbackQueryHandler(journal.chose_coop, pattern=r"^jnl:c:\d+$"), just_looking],
                journal.PAGE: [CallbackQueryHandler(journal.turn_page, pattern=r"^jnl:p:\d+$"),
                               CallbackQueryHandler(journal.pick_month, pattern=r"^jnl:m$"),
                               CallbackQueryHandler(journal.ask_ledger, pattern=r"^jnl:ledgers$"), journal_open,
                               CallbackQueryHandler(journal.chose_year, pattern=r"^jnl:y:\d{4}$"),
                               CallbackQueryHandler(journal.ask_search, pattern=r"^jnl:s$"),
                               CallbackQueryHandler(journal.clear_search, pattern=r"^jnl:sx$"), just_looking],
                journal.SEARCH: [MessageHandler(TEXT, journal.typed_search), journal_back],
                journal.MONTHS: [CallbackQueryHandler(journal.chose_month, pattern=r"^jnl:mo:\d{1,2}$"), journal_back,
                                 just_looking],
                journal.ENTRY: [CallbackQueryHandler(journal.send_receipts, pattern=r"^jnl:r:\d+$"),
                                CallbackQueryHandler(journal.pick_field, pattern=r"^jnl:ed:\d+$"),
                                CallbackQueryHandler(journal.confirm_cancel, pattern=r"^jnl:x:\d+$"),
                                CallbackQueryHandler(journal.show_history, pattern=r"^jnl:h:\d+$"),
                                journal_open, journal_back, just_looking],
                journal.CONFIRM: [CallbackQueryHandler(journal.cancel_entry, pattern=r"^jnl:xok:\d+$"), journal_open],
                journal.FIELD: [CallbackQueryHandler(journal.ask_value, pattern=r"^jnl:f:\w+$"), journal_open],
                journal.MEANS: [CallbackQueryHandler(journal.chose_means, pattern=r"^jnl:mn:(especes|cheque|carte|virement|prelevement)$"),
                                journal_open],
                journal.TYPING: [MessageHandler(TEXT, journal.typed_value),
                                 CallbackQueryHandler(journal.keep_cheque, pattern=r"^jnl:chqok:\d{1,12}$"), journal_open],
                journal.ACCOUNT: [CallbackQueryHandler(journal.chose_account, pattern=r"^jnl:ac:(\d+|more)$"), journal_open],
                journal.SPLIT: [MessageHandler(TEXT, journal.typed_part),
                                CallbackQueryHandler(journal.typed_part, pattern=r"^jnl:sp:(keep|rest)$"), journal_open],
            },
            fallbacks=[CommandHandler("annuler", end_conversation),
                       CallbackQueryHandler(end_conversation, pattern=r"^jnl:l:cancel$"),
                       CallbackQueryHandler(journal.close, pattern=r"^jnl:close$")],
        ),
        CommandHandler("historique", journal.history_command),
        CallbackQueryHandler(journal.history_page, pattern=r"^hist:p:\d+:\d+$"),
        CallbackQueryHandler(journal.history_close, pattern=r"^hist:close$"),
        CallbackQueryHandler(invitations.confirm_succession, pattern=r"^mandate:(ok|keep):\d+$"),
        CallbackQueryHandler(entries.undo, pattern=r"^ent:undo:\d+$"),
        CommandHandler("solde", entries.balances_command),
        CallbackQueryHandler(entries.balances_of_year, pattern=r"^sld:y:\d{4}$"),
        MessageHandler(FILE, entries.attach),
        CallbackQueryHandler(adhesion.validate, pattern=r"^adh:ok:\d+$"),
        CallbackQueryHandler(adhesion.review, pattern=r"^adh:see:\d+$"),
        CallbackQueryHandler(adhesion.not_now, pattern=r"^adh:later:\d+$"),
        CallbackQueryHandler(ledgers.invite_teacher, pattern=r"^led:inv:\d+$"),
        CommandHandler("valider", adhesion.follow_up),
        CommandHandler("rappels", rappels.show),
        CallbackQueryHandler(rappels.toggle, pattern=r"^rap:mute:[a-z]+$"),
        CallbackQueryHandler(rappels.ask_hour, pattern=r"^rap:hour$"),
        CallbackQueryHandler(rappels.chose_hour, pattern=r"^rap:h:\d{1,2}$"),
        CallbackQueryHandler(rappels.close, pattern=r"^rap:close$"),
        CommandHandler("start", start.start),
        CommandHandler(["aide", "help"], start.help_command),
        CommandHandler("moi", start.me),
        CommandHandler("annuler", start.cancel),
        # Last: whatever nothing above wanted.
        MessageHandler(filters.COMMAND, start.unknown_command),
        MessageHandler(TEXT & filters.REPLY, contact.relay_answer),
        MessageHandler(filters.TEXT, start.stray_text),
        MessageHandler(filters.UpdateType.MESSAGE, start.other_message),
        CallbackQueryHandler(start.stale_button),
    ])  # fmt: skip
    application.add_handler(CallbackQueryHandler(gate.check_button), group=-1)
    application.bot_data[gate.BUTTON_SHAPES] = gate.button_shapes(application)
    application.add_error_handler(on_error)
    return application


async def set_command_menus(application: Application) -> None:
    """The menu of people with no role yet, in French by default and in English for English Telegram."""
    commands = access.commands_for(())
    for language in LANGUAGES:
        await application.bot.set_my_commands(
            [BotCommand(command, t(f"cmd.{command}", language)) for command in commands],
            scope=BotCommandScopeDefault(),
            language_code=None if language == "fr" else language,
        )


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Refusals get their reason; failures are logged with the update id and the person told briefly."""
    if not isinstance(update, Update) or update.effective_chat is None:
        if isinstance(context.error, NetworkError):  # polling retries by itself
            log.warning("Bot API unreachable: %s", context.error)
        else:
            log.error("failure outside an update", exc_info=context.error)
        return
    if isinstance(context.error, access.Forbidden):
        log.warning("update %s: refused %s", update.update_id, context.error.action)
        text = t("refused.target", lang(update))
    else:
        log.error("update %s failed", update.update_id, exc_info=context.error)
        text = t("error.apology", lang(update))
    try:
        if update.callback_query:
            try:
                await update.callback_query.answer(text, show_alert=True)
                return
            except BadRequest:  # the handler had answered the button already: say it in the chat
                pass
        await context.bot.send_message(update.effective_chat.id, text)
    except TelegramError:
        log.warning("update %s: the person could not be told either", update.update_id)
