"""Builds the Application: every handler is wired here, in one place."""

from __future__ import annotations

import contextlib
import functools
import importlib
import logging
import warnings

from telegram import BotCommand, BotCommandScopeDefault, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest, NetworkError, TelegramError
from telegram.warnings import PTBUserWarning
from telegram.ext import (
    Application,
    ApplicationHandlerStop,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    Defaults,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.bookkeeping import (
    balances, cashcount, entries, entry_edit, entry_start, history, inventory, journal, movements, openings, projects,
    receipts, reconciliation, remise, statement_import,
)
from bot.config import Settings
from bot.exports import conversation as export
from bot.exports import picture
from bot.infra import gate, traffic
from bot.infra.delivery import PatientRateLimiter, bot_api_requests
from bot.infra.persistence import FORGOTTEN_CHECK_SECONDS, PersistEachUpdate, StorePersistence, drop_forgotten
from bot.infra.scheduler import CalmJobQueue
from bot.followup import annonce, suivi
from bot.membership import adhesion, coop, ledgers, payment, validation
from bot.people import contact, invitations, start
from bot.reminders import rappels
from bot.reports import closing, compterendu, quitus, review
from bot.ui.chat import DATABASE, SETTINGS, end_conversation, leave_view
from bot.ui.formatting import REFUSAL_KEYS, refusal
from bot.ui.turns import Conversation, Turns, conversations
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
    calls, polls = bot_api_requests()
    application = (
        Application.builder()
        .token(settings.token)
        .request(calls)
        .get_updates_request(polls)
        .base_url(settings.bot_api_url)
        .base_file_url(settings.file_api_url)
        .defaults(Defaults(parse_mode=ParseMode.HTML))
        .rate_limiter(PatientRateLimiter())
        .persistence(StorePersistence(database))
        .job_queue(CalmJobQueue())
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
    application.add_handler(MessageHandler(filters.UpdateType.EDITED, traffic.edited), group=-5)
    # Then: each update once, private chats only, the access table for every command.
    application.add_handler(TypeHandler(Update, gate.once), group=-4)
    application.add_handler(TypeHandler(Update, gate.private_only), group=-3)

    back = adhesion.BACK_BUTTON.handler(adhesion.back)
    journal_open = journal.OPEN_BUTTON.handler(journal.open_entry)
    journal_back = journal.BACK_BUTTON.handler(journal.back_to_page)
    just_looking = CommandHandler("annuler", leave_view)  # in states where nothing is under way
    # A line typed (and /annuler) goes to the conversation that asked last among those open for the person
    # (bot/ui/turns.py); the order below only decides between conversations left open from before a restart.
    turns = Turns()
    entry_cancel = [CommandHandler("annuler", entries.cancel),
                    entries.CANCEL_BUTTON.handler(entries.cancel)]  # fmt: skip
    application.add_handlers([
        Conversation(
            turns, name="entries",
            entry_points=[CommandHandler("depense", entry_start.begin_expense),
                          CommandHandler("recette", entry_start.begin_receipt)],
            states={
                entries.AMOUNT: [MessageHandler(TEXT, entry_start.typed_amount)],
                entries.LABEL: [MessageHandler(TEXT, entry_start.typed_label)],
                entries.LEDGER: [entries.LEDGER_BUTTON.handler(entries.chose_ledger)],
                entries.ACCOUNT: [entries.ACCOUNT_BUTTON.handler(entries.chose_account)],
                entries.SPLIT_ACCOUNT: [entries.PART_BUTTON.handler(entries.chose_split_account)],
                entries.SPLIT_AMOUNT: [MessageHandler(TEXT, entries.typed_split_amount),
                                       entries.REST_BUTTON.handler(entries.typed_split_amount)],
                entries.MEANS: [entries.MEANS_BUTTON.handler(entries.chose_means)],
                entries.CHEQUE: [MessageHandler(TEXT, entries.typed_cheque),
                                 entries.CHEQUE_BUTTON.handler(entries.typed_cheque),
                                 entries.KEEP_CHEQUE_BUTTON.handler(entries.keep_cheque)],
                entries.DAY: [entries.DAY_BUTTON.handler(entries.chose_day)],
                entries.TYPED_DAY: [MessageHandler(TEXT, entries.chose_day)],
                entries.PROJECT: [entries.TAG_BUTTON.handler(entries.chose_project),
                                  MessageHandler(TEXT, entries.chose_project)],
                entries.GIVER: [MessageHandler(TEXT, entries.typed_giver)],
                entries.CONFIRM: [entries.SAVE_BUTTON.handler(entries.save),
                                  entries.PROJECT_BUTTON.handler(entries.ask_project)],
            },
            fallbacks=entry_cancel,
        ),
        Conversation(
            turns, name="report",
            entry_points=[CommandHandler("report", openings.begin)],
            states={
                openings.LEDGER: [openings.LEDGER_BUTTON.handler(openings.chose_ledger)],
                openings.BANQUE: [MessageHandler(TEXT, openings.typed_banque),
                                  openings.YEAR_BUTTON.handler(openings.chose_year)],
                openings.CAISSE: [MessageHandler(TEXT, openings.typed_caisse)],
            },
            fallbacks=[CommandHandler("annuler", openings.cancel),
                       openings.CANCEL_BUTTON.handler(openings.cancel)],
        ),
        # A class ledger named from the /cahiers list (a plain message: nothing is under way while it is read).
        Conversation(
            turns, name="cahiers",
            entry_points=[ledgers.ROW_BUTTON.handler(ledgers.ask_name)],
            states={ledgers.NAMING: [MessageHandler(TEXT, ledgers.typed_name),
                                     ledgers.ATTACH_BUTTON.handler(ledgers.attach)]},
            fallbacks=[CommandHandler("annuler", end_conversation)],
        ),
        Conversation(
            turns, name="adhesion",
            entry_points=[CommandHandler("adhesion", adhesion.begin),
                          adhesion.OPEN_BUTTON.handler(adhesion.open_from_reminder)],
            states={
                adhesion.TABLE: [
                    adhesion.BEGIN_BUTTON.handler(adhesion.start_table),
                    adhesion.ADD_BUTTON.handler(adhesion.add_row),
                    adhesion.EDIT_BUTTON.handler(adhesion.pick_edit),
                    adhesion.DELETE_BUTTON.handler(adhesion.pick_delete),
                    adhesion.SUBMIT_BUTTON.handler(adhesion.ask_engagement),
                    adhesion.PDF_BUTTON.handler(adhesion.send_attestation),
                    adhesion.PAGE_BUTTON.handler(adhesion.turn_page),
                    adhesion.PAY_BUTTON.handler(payment.ask_payment_cheque),
                ],
                payment.PAY_CHEQUE: [MessageHandler(TEXT, payment.typed_payment_cheque),
                                     CommandHandler("annuler", end_conversation)],
                adhesion.ROW_CLASS: [MessageHandler(TEXT, adhesion.typed_class)],
                adhesion.ROW_TEACHERS: [MessageHandler(TEXT, adhesion.typed_teachers)],
                adhesion.ROW_PUPILS: [MessageHandler(TEXT, adhesion.typed_pupils)],
                adhesion.ROW_ADULTS: [MessageHandler(TEXT, adhesion.typed_adults)],
                adhesion.ROW_CONFIRM: [adhesion.SAVE_BUTTON.handler(adhesion.save_row),
                                       adhesion.DROP_BUTTON.handler(adhesion.drop_row)],
                adhesion.PICK_EDIT: [adhesion.ROW_BUTTON.handler(adhesion.pick_field), back],
                adhesion.PICK_FIELD: [adhesion.FIELD_BUTTON.handler(adhesion.ask_value), back],
                adhesion.EDIT_VALUE: [MessageHandler(TEXT, adhesion.typed_value)],
                adhesion.PICK_DELETE: [adhesion.DELETE_ROW_BUTTON.handler(adhesion.confirm_delete), back],
                adhesion.CONFIRM_DELETE: [adhesion.CONFIRM_DELETE_BUTTON.handler(adhesion.delete_row), back],
                adhesion.ENGAGE: [adhesion.ENGAGE_BUTTON.handler(adhesion.engage), back],
                adhesion.WITHDRAW: [adhesion.WITHDRAW_BUTTON.handler(adhesion.withdraw),
                                    back],
            },
            fallbacks=[CommandHandler("annuler", adhesion.cancel),
                       adhesion.CLOSE_BUTTON.handler(adhesion.close)],
        ),
        Conversation(
            turns, name="paiement",
            entry_points=[adhesion.PAY_BUTTON.handler(payment.ask_payment_cheque)],
            states={payment.PAY_CHEQUE: [MessageHandler(TEXT, payment.typed_payment_cheque)]},
            fallbacks=[CommandHandler("annuler", end_conversation)],
        ),
        Conversation(
            turns, name="mouvement",
            entry_points=[CommandHandler("mouvement", movements.begin)],
            states={
                movements.KIND: [movements.KIND_BUTTON.handler(movements.chose_kind)],
                movements.LEDGER: [movements.LEDGER_BUTTON.handler(movements.chose_ledger)],
                movements.VIA: [movements.VIA_BUTTON.handler(movements.chose_via)],
                movements.AMOUNT: [MessageHandler(TEXT, movements.typed_amount)],
                movements.DAY: [movements.DAY_BUTTON.handler(movements.chose_day),
                                MessageHandler(TEXT, movements.chose_day)],
                movements.LABEL: [movements.KEEP_BUTTON.handler(movements.keep_label),
                                  MessageHandler(TEXT, movements.typed_label)],
                movements.CONFIRM: [movements.SAVE_BUTTON.handler(movements.save)],
            },
            fallbacks=[CommandHandler("annuler", movements.cancel),
                       *(b.handler(movements.cancel) for b in movements.CANCEL_BUTTONS)],
        ),
        Conversation(
            turns, name="pointage",
            entry_points=[CommandHandler("pointage", reconciliation.begin)],
            states={
                reconciliation.COOP: [reconciliation.COOP_BUTTON.handler(reconciliation.chose_coop),
                                      MessageHandler(FILE, reconciliation.file_at_coop)],
                reconciliation.DAY: [reconciliation.DAY_BUTTON.handler(reconciliation.chose_day),
                                     reconciliation.RESUME_BUTTON.handler(reconciliation.resume),
                                     MessageHandler(TEXT, reconciliation.chose_day),
                                     MessageHandler(filters.Document.ALL, statement_import.received),
                                     MessageHandler(filters.PHOTO, reconciliation.photo_at_day),
                                     statement_import.WHICH_BUTTON.handler(statement_import.chose_file_account)],
                reconciliation.BALANCE: [MessageHandler(TEXT, reconciliation.typed_balance),
                                         MessageHandler(filters.Document.ALL, statement_import.received),
                                         MessageHandler(filters.PHOTO, reconciliation.photo_at_balance),
                                         statement_import.WHICH_BUTTON.handler(statement_import.chose_file_account)],
                statement_import.FILE_DAY: [statement_import.FILE_DAY_BUTTON.handler(statement_import.chose_file_day),
                                            MessageHandler(TEXT, statement_import.chose_file_day),
                                            MessageHandler(filters.Document.ALL, statement_import.received),
                                            MessageHandler(filters.PHOTO, statement_import.photo_at_file_day)],
                reconciliation.POINTING: [reconciliation.TICK_BUTTON.handler(reconciliation.toggle),
                                          reconciliation.DEPOSIT_BUTTON.handler(reconciliation.toggle_deposit),
                                          reconciliation.PAGE_BUTTON.handler(reconciliation.turn_page),
                                          reconciliation.DONE_BUTTON.handler(reconciliation.finish),
                                          MessageHandler(FILE, reconciliation.file_while_pointing)],
                statement_import.IMPORT: [statement_import.TOGGLE_BUTTON.handler(statement_import.toggle),
                                          statement_import.PAGE_BUTTON.handler(statement_import.turn_page),
                                          statement_import.CREATE_BUTTON.handler(statement_import.ask_account),
                                          statement_import.DONE_BUTTON.handler(statement_import.finish),
                                          MessageHandler(FILE, statement_import.another_file)],
                statement_import.ACCOUNT: [statement_import.ACCOUNT_BUTTON.handler(statement_import.chose_account),
                                           statement_import.BACK_BUTTON.handler(statement_import.back),
                                           MessageHandler(FILE, statement_import.another_file)],
            },
            fallbacks=[CommandHandler("annuler", statement_import.cancel),
                       *(b.handler(statement_import.cancel) for b in reconciliation.CANCEL_BUTTONS)],
        ),
        Conversation(
            turns, name="remise",
            entry_points=[CommandHandler("remise", remise.begin)],
            states={
                remise.COOP: [remise.COOP_BUTTON.handler(remise.chose_coop)],
                remise.CHEQUES: [remise.TICK_BUTTON.handler(remise.toggle),
                                 remise.GO_BUTTON.handler(remise.ask_day)],
                remise.DAY: [remise.DAY_BUTTON.handler(remise.chose_day),
                             MessageHandler(TEXT, remise.chose_day)],
                remise.CONFIRM: [remise.CONFIRM_BUTTON.handler(remise.confirmed)],
            },
            fallbacks=[CommandHandler("annuler", remise.cancel),
                       *(b.handler(remise.cancel) for b in remise.CANCEL_BUTTONS)],
        ),
        Conversation(
            turns, name="caisse",
            entry_points=[CommandHandler("caisse", cashcount.begin)],
            states={
                cashcount.LEDGER: [cashcount.LEDGER_BUTTON.handler(cashcount.chose_ledger)],
                cashcount.METHOD: [cashcount.COINS_BUTTON.handler(cashcount.ask_coins),
                                   cashcount.TOTAL_BUTTON.handler(cashcount.ask_total),
                                   cashcount.DAY_BUTTON.handler(cashcount.ask_day),
                                   MessageHandler(TEXT, cashcount.typed_count)],
                cashcount.DAY: [MessageHandler(TEXT, cashcount.typed_day)],
                cashcount.COINS: [MessageHandler(TEXT, cashcount.typed_coins)],
                cashcount.TOTAL: [MessageHandler(TEXT, cashcount.typed_total)],
                cashcount.CONFIRM: [cashcount.SAVE_BUTTON.handler(cashcount.confirmed)],
            },
            fallbacks=[CommandHandler("annuler", cashcount.cancel),
                       *(b.handler(cashcount.cancel) for b in cashcount.CANCEL_BUTTONS)],
        ),
        Conversation(
            turns, name="cloture",
            entry_points=[CommandHandler("cloture", closing.begin),
                          closing.LEDGER_BUTTON.handler(closing.chose_ledger),  # under a reminder
                          closing.REOPEN_BUTTON.handler(closing.ask_reopen)],  # the store checks it still may be
            states={
                closing.PICK: [closing.LEDGER_BUTTON.handler(closing.chose_ledger),
                               closing.REOPEN_BUTTON.handler(closing.ask_reopen)],
                closing.CONFIRM: [closing.CLOSE_BUTTON.handler(closing.close)],
                closing.REOPEN: [closing.REOPEN_OK_BUTTON.handler(closing.reopen)],
            },
            fallbacks=[CommandHandler("annuler", closing.cancel), closing.CANCEL_BUTTON.handler(closing.cancel)],
        ),
        Conversation(
            turns, name="inviter",
            entry_points=[CommandHandler("inviter", invitations.begin_invite)],
            states={
                invitations.CHOOSING_ROLE: [
                    invitations.TEACHER_BUTTON.handler(invitations.chose_teacher),
                    invitations.COOP_ROLE_BUTTON.handler(invitations.chose_coop_role),
                    invitations.MANDATAIRE_BUTTON.handler(invitations.chose_mandataire),
                    invitations.COOP_LINKS_BUTTON.handler(invitations.chose_links),
                    invitations.DEPARTMENT_LINKS_BUTTON.handler(invitations.chose_links),
                ],
                invitations.LINKS: [invitations.REVOKE_BUTTON.handler(invitations.revoke_link),
                                    invitations.CLOSE_BUTTON.handler(invitations.close_links)],
                invitations.CHOOSING_LEDGER: [
                    invitations.LEDGER_BUTTON.handler(invitations.chose_ledger),
                ],
                invitations.TYPING_COOP: [MessageHandler(TEXT, invitations.typed_coop)],
            },
            fallbacks=[CommandHandler("annuler", end_conversation),
                       invitations.CANCEL_BUTTON.handler(end_conversation)],
        ),
        Conversation(
            turns, name="mandataire",
            entry_points=[CommandHandler("mandataire", invitations.begin_succession)],
            states={
                invitations.TYPING_SUCCESSION_COOP: [MessageHandler(TEXT, invitations.typed_succession_coop)],
                invitations.CONFIRMING_SUCCESSION: [
                    invitations.MANDATE_GO_BUTTON.handler(invitations.create_succession_link),
                ],
            },
            fallbacks=[CommandHandler("annuler", end_conversation),
                       invitations.MANDATE_CANCEL_BUTTON.handler(end_conversation)],
        ),
        Conversation(
            turns, name="annonce",
            entry_points=[CommandHandler("annonce", annonce.begin)],
            states={
                annonce.AUDIENCE: [annonce.AUDIENCE_BUTTON.handler(annonce.chose_audience),
                                   annonce.COMMUNE_BUTTON.handler(annonce.chose_commune)],
                annonce.WRITING: [MessageHandler(TEXT, annonce.wrote), MessageHandler(~filters.COMMAND, annonce.not_text)],
                annonce.CONFIRM: [annonce.SEND_BUTTON.handler(annonce.send), annonce.RETYPE_BUTTON.handler(annonce.retype)],
            },
            fallbacks=[CommandHandler("annuler", annonce.cancel), annonce.CANCEL_BUTTON.handler(annonce.cancel)],
        ),
        annonce.REPORT_BUTTON.handler(annonce.delivery_report),
        Conversation(
            turns, name="quitus",
            entry_points=[compterendu.GIVE_BUTTON.handler(quitus.begin)],
            states={quitus.NAME: [MessageHandler(TEXT, quitus.typed_name)],
                    quitus.PARENT: [quitus.PARENT_BUTTON.handler(quitus.chose_parent)]},
            fallbacks=[CommandHandler("annuler", quitus.cancel)],
        ),
        Conversation(
            turns, name="compterendu",
            entry_points=[CommandHandler("compterendu", compterendu.begin),
                          compterendu.COOP_BUTTON.handler(compterendu.chose_coop)],  # under a report reminder
            states={
                compterendu.COOP: [compterendu.COOP_BUTTON.handler(compterendu.chose_coop)],
                compterendu.MENU: [compterendu.SECTION_BUTTON.handler(compterendu.show_section),
                                   CallbackQueryHandler(compterendu.start_cra, pattern=r"^rep:cra$"),
                                   compterendu.ATTACH_BUTTON.handler(compterendu.ask_attachment),
                                   CallbackQueryHandler(compterendu.request_quitus, pattern=r"^rep:quitus$"),
                                   CallbackQueryHandler(compterendu.send, pattern=r"^rep:send$"),
                                   CallbackQueryHandler(compterendu.send_pdf, pattern=r"^rep:pdf$")],
                compterendu.SECTION: [CallbackQueryHandler(compterendu.back, pattern=r"^rep:back$")],
                compterendu.GRANT: [compterendu.GRANT_BUTTON.handler(compterendu.chose_grant),
                                    CallbackQueryHandler(compterendu.back, pattern=r"^rep:back$")],
                compterendu.COUNCILS: [MessageHandler(TEXT, compterendu.typed_councils)],
                compterendu.PROJECTS: [compterendu.PROJECT_BUTTON.handler(compterendu.chose_project)],
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
        review.LIST_BUTTON.handler(review.follow_up),
        compterendu.REVIEW_BUTTON.handler(review.review),
        review.OK_BUTTON.handler(review.validate),
        CommandHandler("projets", projects.projects),
        projects.PROJECTS_BUTTON.handler(projects.show_projects),
        CommandHandler("inventaire", inventory.inventory),
        inventory.INVENTORY_BUTTON.handler(inventory.show_inventory),
        projects.PROJECTS_CLOSE_BUTTON.handler(projects.close),
        inventory.INVENTORY_CLOSE_BUTTON.handler(projects.close),
        Conversation(
            turns, name="export",
            entry_points=[CommandHandler("export", export.begin)],
            states={
                export.KIND: [export.KIND_BUTTON.handler(export.chose_kind)],
                export.SCOPE: [export.LEDGER_BUTTON.handler(export.chose_scope),
                               export.COOP_BUTTON.handler(export.chose_scope),
                               MessageHandler(TEXT, export.typed_coop)],
                # a ledger's button pressed again on an earlier message: that ledger instead
                export.PERIOD: [export.YEAR_BUTTON.handler(export.chose_year),
                                export.LEDGER_BUTTON.handler(export.chose_scope),
                                export.COOP_BUTTON.handler(export.chose_scope),
                                export.RANGE_BUTTON.handler(export.ask_range)],
                export.RANGE: [MessageHandler(TEXT, export.typed_range)],
            },
            fallbacks=[CommandHandler("annuler", end_conversation),
                       export.CANCEL_BUTTON.handler(end_conversation)],
        ),
        # The conversations with a view (a list, a journal page) where /annuler only leaves it.
        Conversation(
            turns, name="suivi",
            entry_points=[CommandHandler("suivi", suivi.begin)],
            states={
                suivi.LISTING: [suivi.PAGE_BUTTON.handler(suivi.turn_page),
                                suivi.STATES_BUTTON.handler(suivi.pick_state),
                                suivi.STATE_BUTTON.handler(suivi.chose_state),
                                suivi.REPORTS_BUTTON.handler(suivi.pick_report),
                                suivi.REPORT_BUTTON.handler(suivi.chose_report),
                                suivi.COMMUNES_BUTTON.handler(suivi.pick_commune),
                                suivi.COMMUNE_BUTTON.handler(suivi.chose_commune),
                                suivi.OPEN_BUTTON.handler(suivi.open_coop),
                                suivi.LIST_BUTTON.handler(suivi.back_to_list), just_looking],
                # ✉️ Écrire is served ahead (below); the card stays live while and after writing
                suivi.COOP: [suivi.NUDGE_BUTTON.handler(suivi.nudge), suivi.LIST_BUTTON.handler(suivi.back_to_list),
                             just_looking],
            },
            fallbacks=[CommandHandler("annuler", end_conversation), suivi.CLOSE_BUTTON.handler(suivi.close)],
        ),
        Conversation(
            turns, name="journal",
            entry_points=[CommandHandler("journal", journal.begin),
                          receipts.EDIT_BUTTON.handler(entry_edit.edit_recorded)],
            states={
                journal.LEDGER: [journal.LEDGER_BUTTON.handler(journal.chose_ledger),
                                 journal.COOP_BUTTON.handler(journal.chose_coop), just_looking],
                journal.PAGE: [journal.PAGE_BUTTON.handler(journal.turn_page),
                               journal.MONTHS_BUTTON.handler(journal.pick_month),
                               journal.LEDGERS_BUTTON.handler(journal.ask_ledger), journal_open,
                               journal.YEAR_BUTTON.handler(journal.chose_year),
                               journal.SEARCH_BUTTON.handler(journal.ask_search),
                               journal.CLEAR_SEARCH_BUTTON.handler(journal.clear_search), just_looking],
                journal.SEARCH: [MessageHandler(TEXT, journal.typed_search), journal_back],
                journal.MONTHS: [journal.MONTH_BUTTON.handler(journal.chose_month), journal_back,
                                 just_looking],
                journal.ENTRY: [journal.RECEIPTS_BUTTON.handler(journal.send_receipts),
                                journal.FIELDS_BUTTON.handler(entry_edit.pick_field),
                                journal.CANCEL_ENTRY_BUTTON.handler(journal.confirm_cancel),
                                journal.HISTORY_BUTTON.handler(journal.show_history),
                                journal_open, journal_back, just_looking],
                journal.CONFIRM: [journal.CONFIRM_CANCEL_BUTTON.handler(journal.cancel_entry), journal_open],
                entry_edit.FIELD: [entry_edit.FIELD_BUTTON.handler(entry_edit.ask_value), journal_open],
                entry_edit.MEANS: [entry_edit.MEANS_BUTTON.handler(entry_edit.chose_means), journal_open],
                entry_edit.TYPING: [MessageHandler(TEXT, entry_edit.typed_value),
                                    entry_edit.KEEP_CHEQUE_BUTTON.handler(entry_edit.keep_cheque), journal_open],
                entry_edit.ACCOUNT: [entry_edit.ACCOUNT_BUTTON.handler(entry_edit.chose_account), journal_open],
                entry_edit.SPLIT: [MessageHandler(TEXT, entry_edit.typed_part),
                                   entry_edit.PART_BUTTON.handler(entry_edit.typed_part), journal_open],
                entry_edit.CHANGE: [entry_edit.CHANGE_BUTTON.handler(entry_edit.confirmed_change), journal_open],
            },
            fallbacks=[CommandHandler("annuler", end_conversation),
                       journal.CANCEL_BUTTON.handler(end_conversation),
                       journal.CLOSE_BUTTON.handler(journal.close)],
        ),
        CommandHandler("historique", history.history_command),
        history.HISTORY_PAGE_BUTTON.handler(history.history_page),
        history.HISTORY_CLOSE_BUTTON.handler(history.history_close),
        invitations.CONFIRM_MANDATE_BUTTON.handler(invitations.confirm_succession),
        receipts.UNDO_BUTTON.handler(receipts.undo),
        receipts.UNDO_OK_BUTTON.handler(receipts.undo_confirmed),
        receipts.UNDO_KEEP_BUTTON.handler(receipts.undo_kept),
        CommandHandler("solde", balances.balances_command),
        balances.YEAR_BUTTON.handler(balances.balances_of_year),
        picture.CHART_BUTTON.handler(picture.send_chart),
        MessageHandler(filters.PHOTO | filters.Document.ALL, receipts.attach),
        validation.VALIDATE_BUTTON.handler(validation.validate),
        adhesion.REVIEW_BUTTON.handler(validation.review),
        validation.LATER_BUTTON.handler(validation.not_now),
        CommandHandler("cahiers", ledgers.begin),
        adhesion.LEDGERS_BUTTON.handler(ledgers.begin),
        ledgers.CLOSE_BUTTON.handler(ledgers.close),
        ledgers.INVITE_BUTTON.handler(ledgers.invite_teacher),
        CommandHandler("valider", validation.follow_up),
        CommandHandler("rappels", rappels.show),
        rappels.MUTE_BUTTON.handler(rappels.toggle),
        rappels.HOUR_BUTTON.handler(rappels.ask_hour),
        rappels.AT_BUTTON.handler(rappels.chose_hour),
        rappels.CLOSE_BUTTON.handler(rappels.close),
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
    application.add_handler(CallbackQueryHandler(gate.check_button), group=-2)
    # Ahead of the other conversations, one that waits for a single typed line: a message to someone else
    # (/contact to the AD, and from the AD to a coop's mandataires ✉️ Écrire of /suivi, the reason of ↩️ Rouvrir
    # for a membership, the comment of ↩️ À compléter for a report), or the affiliation /coop asks AD staff. One
    # conversation, so one such line waits at a time, and its own steps answer alone: the line is the next one
    # even when another conversation waits for text, /annuler cancels it (not that other one), and any other
    # command or button leaves it (a message given up is said) before it runs or acts.
    application.add_handler(Conversation(
        turns, name="ligne",
        entry_points=[CommandHandler("contact", alone(contact.begin)),
                      suivi.WRITE_BUTTON.handler(alone(suivi.ask_text)),
                      validation.REOPEN_BUTTON.handler(alone(validation.ask_reason)),
                      review.BACK_BUTTON.handler(alone(review.ask_comment)),
                      CommandHandler("coop", alone(line_given_up(coop.begin)))],
        states={contact.WRITING: one_line(contact.wrote, contact.left, not_text=contact.not_text),
                suivi.WRITING: one_line(suivi.wrote, suivi.left, not_text=suivi.not_text),
                validation.REOPEN_REASON: one_line(validation.typed_reason, validation.reason_left),
                review.COMMENT: one_line(review.typed_comment, review.comment_left, cancel=review.cancel),
                coop.TYPING_COOP: one_line(coop.typed_coop, coop.left)},
        fallbacks=[],
    ), group=-1)  # fmt: skip
    application.bot_data[gate.BUTTON_SHAPES] = gate.button_shapes(application)
    application.add_error_handler(on_error)
    return application


def alone(step):
    """A step of a conversation served ahead of group 0: its answer is the update's only one."""

    @functools.wraps(step)
    async def answered(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        raise ApplicationHandlerStop(await step(update, context))

    return answered


def line_given_up(step):
    """An entry point of « ligne » that is a command (/coop): a line that another of its steps waits for is given
    up first, and said, as any other command gives it up."""

    @functools.wraps(step)
    async def after(update: Update, context: ContextTypes.DEFAULT_TYPE) -> object:
        ligne = next(c for c in conversations(context.application) if c.name == "ligne")
        await ligne.answer_at_step(update, context)
        return await step(update, context)

    return after


def one_line(wrote, left, *, cancel=end_conversation, not_text=None) -> list:
    """A step that waits for one typed line: ``wrote`` takes it, ``not_text`` answers anything else but a
    command, /annuler is ``cancel`` (all three ``alone``); any other command or button calls ``left``, which ends
    the conversation, then goes on to the handlers of group 0."""
    steps = [MessageHandler(TEXT, alone(wrote))]
    steps += [MessageHandler(~filters.COMMAND, alone(not_text))] if not_text else []
    return steps + [CommandHandler("annuler", alone(cancel)), MessageHandler(filters.COMMAND, left),
                    CallbackQueryHandler(left)]  # fmt: skip


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
    """Refusals get their reason; failures are logged with the update id and the person told briefly. The update
    goes no further: a step served ahead (group −1) that failed is not handled again by group 0."""
    if not isinstance(update, Update) or update.effective_chat is None:
        if isinstance(context.error, NetworkError):  # polling retries by itself
            log.warning("Bot API unreachable: %s", context.error)
        else:
            log.error("failure outside an update", exc_info=context.error)
        return
    await tell_failure(update, context)
    raise ApplicationHandlerStop


async def tell_failure(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """What the person reads of the failure of their update, once."""
    if isinstance(context.error, BadRequest) and "not modified" in context.error.message.lower():
        # A button that asked for what the message already shows (pressed twice, a list with nothing new):
        # Telegram refuses the edit, the person has what they asked for.
        if update.callback_query:
            with contextlib.suppress(BadRequest):  # the handler may have answered it already
                await update.callback_query.answer()
        return
    if isinstance(context.error, access.Forbidden):
        log.warning("update %s: refused %s", update.update_id, context.error.action)
        text = t("refused.target", lang(update))
    elif isinstance(context.error, tuple(REFUSAL_KEYS)):  # a refusal no step caught still gets its reason
        log.warning("update %s: refused (%s)", update.update_id, context.error.reason)
        text = refusal(context.error, lang(update))
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
