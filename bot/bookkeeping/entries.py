"""/depense and /recette (with receipts and a 10-minute undo), and /solde.

`/depense 12,50 Piles pour la classe` asks, by buttons, only what is missing:
the ledger (if several), the account (the ledger's most used first, or
Répartir over several), the means (a cheque's number, the next one
suggested) and the date. Everything can also come on the line itself, after
semicolons: `/depense 12,50 Piles; CE1A; fournitures; carte; hier` is
recorded at once. A `#projet` anywhere in the label tags the entry.
"""

from __future__ import annotations

import logging
import re
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from html import escape
from pathlib import Path

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import ContextTypes, ConversationHandler

from bot import texts
from bot.ui.books import (
    balance_line, balance_lines, direction_word, ledger_label, money, my_ledgers, narrow, parse_day, read_part, refusal,
    refuse_negative, signed_money, today_for,
)  # fmt: skip
from bot.ui.common import as_user, button, day_text, end_conversation, excerpt, settings
from bot.infra.downloads import ReceiptRefused, fetch_receipt
from bot.texts import lang, t
from store import books, entries, inventory
from store.accounts import Account, normalise
from store.books import EntryView
from store.errors import LedgerError
from store.lookups import LedgerRef
from store.models import Direction, Means
from store.money import AmountError, parse_amount
from store.years import fiscal_year_of
from store.balances import BalancesOverview, balances_overview
from store.balances import balances as ledger_balances

log = logging.getLogger(__name__)

# Conversation states
AMOUNT, LABEL, LEDGER, ACCOUNT, SPLIT_ACCOUNT, SPLIT_AMOUNT = (
    "ent.amount", "ent.label", "ent.ledger", "ent.account", "ent.split.account", "ent.split.amount",
)  # fmt: skip
MEANS, CHEQUE, DAY, TYPED_DAY, PROJECT, CONFIRM, GIVER = (
    "ent.means", "ent.cheque", "ent.day", "ent.day.typed", "ent.project", "ent.confirm", "ent.giver",
)  # fmt: skip
DRAFT = "entry"  # this conversation's own key in user_data: another conversation may be under way

UNDO_MINUTES = 10
RECEIPT_MINUTES = 15  # a photo this soon after an entry is its receipt
FIRST_ACCOUNTS = 6  # account buttons shown before "Autres comptes…"
MEANS_WORDS = {
    "especes": Means.ESPECES, "espece": Means.ESPECES, "cash": Means.ESPECES, "liquide": Means.ESPECES,
    "cheque": Means.CHEQUE, "carte": Means.CARTE, "cb": Means.CARTE, "card": Means.CARTE,
    "virement": Means.VIREMENT, "transfer": Means.VIREMENT, "prelevement": Means.PRELEVEMENT,
}  # fmt: skip
PROJECT_TAG = re.compile(r"(?:^|\s)#([\w-]{1,32})")

texts.register({
    "cmd.depense": {"fr": "Enregistrer une dépense : /depense 12,50 Piles", "en": "Record an expense: /depense 12.50 Batteries"},
    "cmd.recette": {"fr": "Enregistrer une recette : /recette 45 Vente de gâteaux", "en": "Record a receipt: /recette 45 Cake sale"},
    "cmd.solde": {"fr": "Les soldes de vos cahiers (banque, caisse, chèques)", "en": "Your ledgers' balances (bank, cash, cheques)"},
    "ent.ask_amount": {"fr": "Montant et libellé de la {direction} ? Par exemple : 12,50 Piles pour la classe",
                       "en": "Amount and label of the {direction}? For example: 12.50 Batteries for the class"},
    "ent.ask_label": {"fr": "Et son libellé ? Par exemple : Piles pour la classe",
                      "en": "And its label? For example: Batteries for the class"},
    "ent.amount.format": {"fr": "Je ne lis pas de montant au début : tapez par exemple 12,50 Piles pour la classe.",
                          "en": "I cannot read an amount first: type for example 12.50 Batteries for the class."},
    "ent.amount.decimals": {"fr": "Deux décimales au plus : par exemple 12,50.", "en": "Two decimals at most: for example 12.50."},
    "ent.amount.negative": {"fr": "Un montant négatif n'est pas accepté : tapez-le sans signe, par exemple 12,50 "
                                  "(une dépense s'enregistre avec /depense, une recette avec /recette).",
                            "en": "A negative amount is not accepted: type it without a sign, for example 12.50 "
                                  "(an expense is recorded with /depense, a receipt with /recette)."},
    "ent.amount.zero": {"fr": "Le montant doit être positif : par exemple 12,50.", "en": "The amount must be positive: for example 12.50."},
    "ent.amount.too_large": {"fr": "Le montant dépasse 100 000 € : vérifiez-le (par exemple 1 234,56).",
                             "en": "The amount is over €100,000: check it (for example 1,234.56)."},
    "ent.label.length": {"fr": "Le libellé doit faire de 1 à 120 caractères : raccourcissez-le.",
                         "en": "The label must be 1 to 120 characters long: shorten it."},
    "ent.extra.unknown": {"fr": "Je n'ai pas compris « {part} » : après le libellé, séparés par des points-virgules, "
                                "je comprends un cahier, un compte, un moyen (espèces, chèque 1234, carte, virement, "
                                "prélèvement), une date (hier, 03/11) et, pour une subvention, qui la verse "
                                "(Mairie de Saint-Paul).",
                          "en": "I did not understand \"{part}\": after the label, separated by semicolons, I understand "
                                "a ledger, an account, a means (espèces, chèque 1234, carte, virement, prélèvement), a "
                                "date (hier, 03/11) and, for a grant, who gives it (Mairie de Saint-Paul)."},
    "ent.ask_giver": {"fr": "Qui verse cette subvention ? Par exemple : Mairie de Saint-Paul, Conseil départemental, "
                            "État (ou /annuler)",
                      "en": "Who gives this grant? For example: Mairie de Saint-Paul, Conseil départemental, État "
                            "(or /annuler)"},
    "ent.giver.length": {"fr": "Le nom de qui verse la subvention doit faire de 1 à 120 caractères : retapez-le.",
                         "en": "The name of who gives the grant must be 1 to 120 characters long: type it again."},
    "ent.card.giver": {"fr": "\nversée par {giver}", "en": "\ngiven by {giver}"},
    "ent.pick_ledger": {"fr": "Dans quel cahier ?", "en": "In which ledger?"},
    "ent.pick_account": {"fr": "Sur quel compte ?", "en": "On which account?"},
    "ent.more_accounts": {"fr": "Autres comptes…", "en": "Other accounts…"},
    "ent.split": {"fr": "✂️ Répartir", "en": "✂️ Split"},
    "ent.split.pick": {"fr": "Répartition de {amount} — reste {left} à répartir. Quel compte ?",
                       "en": "Splitting {amount} — {left} left to split. Which account?"},
    "ent.split.ask": {"fr": "Quel montant sur « {account} » ? (reste {left})",
                      "en": "What amount on \"{account}\"? ({left} left)"},
    "ent.split.rest": {"fr": "Le reste ({left})", "en": "The rest ({left})"},
    "ent.split.too_much": {"fr": "C'est plus que les {left} qui restent : tapez un montant plus petit.",
                           "en": "That is more than the {left} left: type a smaller amount."},
    "ent.split.done_part": {"fr": "{account} : {amount}", "en": "{account}: {amount}"},
    "ent.pick_means": {"fr": "Payé comment ?", "en": "Paid how?"},
    "ent.pick_means.recette": {"fr": "Reçu comment ?", "en": "Received how?"},
    "ent.means.especes": {"fr": "💶 Espèces (caisse)", "en": "💶 Cash (cash box)"},
    "ent.means.cheque": {"fr": "🧾 Chèque", "en": "🧾 Cheque"},
    "ent.means.carte": {"fr": "💳 Carte", "en": "💳 Card"},
    "ent.means.virement": {"fr": "🏦 Virement", "en": "🏦 Transfer"},
    "ent.means.prelevement": {"fr": "🔁 Prélèvement", "en": "🔁 Direct debit"},
    "ent.ask_cheque": {"fr": "Numéro du chèque ?", "en": "Cheque number?"},
    "ent.cheque.suggest": {"fr": "N° {number}", "en": "No. {number}"},
    "ent.cheque.invalid": {"fr": "Le numéro du chèque s'écrit en chiffres, 12 au plus (par exemple 1234567). Retapez-le :",
                           "en": "A cheque number is digits, 12 at most (for example 1234567). Type it again:"},
    "ent.cheque.used": {"fr": "⚠️ Le chèque n° {number} a déjà servi : écriture {piece} du cahier {ledger}, le {day}. "
                              "Gardez ce numéro s'il est juste, sinon tapez le bon :",
                        "en": "⚠️ Cheque no. {number} was already used: entry {piece} of ledger {ledger}, on {day}. "
                              "Keep this number if it is right, or type the right one:"},
    "ent.cheque.keep": {"fr": "Garder le n° {number}", "en": "Keep no. {number}"},
    "ent.card.bank_negative": {"fr": "\n⚠️ Après cette dépense, la banque du cahier sera à {banque}. C'est possible si "
                                     "l'école avance de l'argent à la classe (/mouvement) ; sinon vérifiez le montant.",
                               "en": "\n⚠️ After this expense the ledger's bank will be at {banque}. That is fine if "
                                     "the school advances money to the class (/mouvement); otherwise check the amount."},
    "ent.pick_day": {"fr": "Quelle date ?", "en": "What date?"},
    "ent.day.today": {"fr": "Aujourd'hui", "en": "Today"},
    "ent.day.yesterday": {"fr": "Hier", "en": "Yesterday"},
    "ent.day.other": {"fr": "Autre date…", "en": "Another date…"},
    "ent.ask_day": {"fr": "Tapez la date, jj/mm/aaaa (par exemple {example}) :",
                    "en": "Type the date, dd/mm/yyyy (for example {example}):"},
    "ent.day.understood": {"fr": "📅 Date comprise : {day}.", "en": "📅 Date understood: {day}."},
    "ent.day.invalid": {"fr": "Ce n'est pas une date : tapez jj/mm/aaaa, par exemple {example}.",
                        "en": "That is not a date: type dd/mm/yyyy, for example {example}."},
    "ent.card": {"fr": "<b>{direction} à enregistrer</b>\n{label}\n{amount} · {means} · {day}\ncahier {ledger}\n{splits}{project}",
                 "en": "<b>{direction} to record</b>\n{label}\n{amount} · {means} · {day}\nledger {ledger}\n{splits}{project}"},
    "ent.card.project": {"fr": "\nprojet #{project}", "en": "\nproject #{project}"},
    "ent.save": {"fr": "✅ Enregistrer", "en": "✅ Record"},
    "ent.project_button": {"fr": "🏷 Projet", "en": "🏷 Project"},
    "ent.project.ask": {"fr": "Quel projet ? Choisissez, ou tapez un nom (par exemple classeverte).",
                        "en": "Which project? Choose, or type a name (for example classeverte)."},
    "ent.project.none": {"fr": "Sans projet", "en": "No project"},
    "ent.recorded": {"fr": "Écriture {piece} enregistrée — {balance}",
                     "en": "Entry {piece} recorded — {balance}"},
    "ent.recorded.details": {"fr": "{direction} de {amount} le {day} : {label}\n{accounts} · {means}",
                             "en": "{direction} of {amount} on {day}: {label}\n{accounts} · {means}"},
    "ent.edit": {"fr": "✏️ Modifier", "en": "✏️ Change"},
    "ent.receipt_hint": {"fr": "📎 Envoyez maintenant la photo ou le PDF du justificatif (ou plus tard, en réponse à ce message).",
                         "en": "📎 Now send the photo or PDF of the receipt (or later, as a reply to this message)."},
    "ent.undo": {"fr": "↩️ Annuler l'écriture", "en": "↩️ Cancel the entry"},
    "ent.undone": {"fr": "Écriture {piece} annulée (elle reste au journal, barrée, avec son numéro).",
                   "en": "Entry {piece} cancelled (it stays in the journal, struck through, with its number)."},
    "ent.undo.late": {"fr": "Les 10 minutes sont passées : annulez cette écriture depuis /journal.",
                      "en": "The 10 minutes are over: cancel this entry from /journal."},
    "receipt.attached": {"fr": "📎 Justificatif joint à l'écriture {piece} (cahier {ledger}).",
                         "en": "📎 Receipt attached to entry {piece} (ledger {ledger})."},
    "receipt.which": {"fr": "À quelle écriture joindre ce justificatif ? Envoyez-le en réponse au message de l'écriture, "
                            "ou enregistrez d'abord l'écriture (/depense, /recette).",
                      "en": "Which entry is this receipt for? Send it as a reply to the entry's message, or record "
                            "the entry first (/depense, /recette)."},
    "receipt.kind": {"fr": "Un justificatif est une photo, une image ou un PDF.", "en": "A receipt is a photo, an image or a PDF."},
    "receipt.too_big": {"fr": "Ce fichier dépasse 20 Mo : envoyez une photo ou un PDF plus léger.",
                        "en": "This file is over 20 MB: send a lighter photo or PDF."},
    "solde.title": {"fr": "<b>Soldes au {day}</b>\nexercice {years}", "en": "<b>Balances on {day}</b>\nyear {years}"},
    "solde.title_past": {"fr": "<b>Soldes de l'exercice {years}</b>\n(pas encore clos)",
                         "en": "<b>Balances of the year {years}</b>\n(not closed yet)"},
    "solde.not_open": {"fr": "L'exercice {years} n'est plus ouvert.", "en": "The year {years} is no longer open."},
    "solde.cheques": {"fr": "   chèques non encaissés : {count} · {amount}", "en": "   uncashed cheques: {count} · {amount}"},
    "solde.to_deposit": {"fr": "   chèques à remettre : {count} · {amount}", "en": "   cheques to deposit: {count} · {amount}"},
    "solde.coop": {"fr": "<b>Coopérative {affiliation}</b> : {total}\n   banque {banque} · caisse {caisse}",
                   "en": "<b>Cooperative {affiliation}</b>: {total}\n   bank {banque} · cash {caisse}"},
})  # fmt: skip



def draft(context: ContextTypes.DEFAULT_TYPE) -> dict:
    return context.user_data[DRAFT]


# ------------------------------------------------------------------ the line typed with the command


def split_amount(text: str) -> tuple[int, str]:
    """'1 234,56 Piles' → (123456, 'Piles'); AmountError if no amount leads the text."""
    refuse_negative(text)
    words = text.split()
    for count in range(min(4, len(words)), 0, -1):  # the longest amount first: '1 234,56'
        try:
            return parse_amount(" ".join(words[:count])), " ".join(words[count:])
        except AmountError as refused:
            if refused.reason != "format":  # an amount, but a refused one: '100 000,01' is not '100'
                raise
    raise AmountError("format")


def project_of(label: str) -> tuple[str, str | None]:
    """'Car #classeverte' → ('Car', 'classeverte')."""
    match = PROJECT_TAG.search(label)
    if not match:
        return label, None
    return (label[: match.start()] + label[match.end():]).strip(), match[1]


def read_extras(parts: list[str], refs: list[LedgerRef], accounts: list[Account], today: date) -> dict | str:
    """What came after the label, between semicolons; the first part not understood if any
    (one part not understood is the giver when the account is a grant's)."""
    found: dict = {}
    unknown = []
    for part in parts:
        words = normalise(part).split()
        if not words:
            continue
        if (day := parse_day(part, today)) is not None:
            found["day"] = day.isoformat()
        elif words[0] in MEANS_WORDS:
            found["means"] = MEANS_WORDS[words[0]].value
            if len(words) > 1:
                found["cheque"] = "".join(words[1:])
        elif ref := next((r for r in refs if normalise(r.name) == normalise(part)), None):
            found["ledger_id"] = ref.id
        elif account := next((a for a in accounts if normalise(part) in (a.code, *map(normalise, a.aliases))), None):
            found["splits"] = [[account.code, None]]
        else:
            unknown.append(" ".join(part.split()))
    grant = "splits" in found and any(a.grant and a.code == found["splits"][0][0] for a in accounts)
    if len(unknown) == 1 and grant:
        found["giver"] = unknown[0]
    elif unknown:
        return unknown[0]
    return found


# ------------------------------------------------------------------ opening


async def begin_expense(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str | int:
    """/depense [montant libellé; extras]"""
    return await begin(update, context, Direction.DEPENSE)


async def begin_receipt(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str | int:
    """/recette [montant libellé; extras]"""
    return await begin(update, context, Direction.RECETTE)


async def begin(update: Update, context: ContextTypes.DEFAULT_TYPE, direction: Direction) -> str | int:
    """Start a draft from whatever the line gives, then ask what is missing."""
    language = lang(update)
    line = update.effective_message.text.partition(" ")[2].strip()
    known = await line_context(update, context, direction, line)
    if not known.refs:
        await update.effective_message.reply_text(t("books.no_ledger", language))
        return ConversationHandler.END
    context.user_data[DRAFT] = {"direction": direction.value}
    if not line:
        await update.effective_message.reply_text(
            t("ent.ask_amount", language, direction=t(f"direction.{direction.value}", language)))  # fmt: skip
        return AMOUNT
    return await read_line(update, context, line, known)


async def typed_amount(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str | int:
    """'12,50 Piles pour la classe' typed after a bare /depense."""
    line = update.effective_message.text
    known = await line_context(update, context, Direction(draft(context)["direction"]), line)
    return await read_line(update, context, line, known)


async def line_context(update: Update, context: ContextTypes.DEFAULT_TYPE, direction: Direction,
                       line: str) -> entries.EntryContext:  # fmt: skip
    """In one store call: the ledgers, and the accounts of the ledger the line names (or the only one)."""
    known = await as_user(update, context, entries.entry_context, direction, names=line.split(";")[1:])
    return ordered(context, known, direction)


async def draft_context(update: Update, context: ContextTypes.DEFAULT_TYPE, *, ledger_id: int | None = None,
                        day: date | None = None, days_ago: int | None = None) -> entries.EntryContext:  # fmt: skip
    """In one store call: the ledgers, the draft's ledger (or ``ledger_id``) with its accounts and
    its bank warning; a ``day`` (or ``days_ago``) is checked first (LedgerError) and replaces the draft's."""
    current, check_day = draft(context), day is not None
    direction = Direction(current["direction"])
    if day is None and "day" in current:
        day = date.fromisoformat(current["day"])
    known = await as_user(update, context, entries.entry_context, direction,
                          ledger_id=ledger_id or current.get("ledger_id"), day=day, amount=current.get("amount"),
                          means=Means(current["means"]) if "means" in current else None, check_day=check_day,
                          days_ago=days_ago)  # fmt: skip
    return ordered(context, known, direction)


def ordered(context: ContextTypes.DEFAULT_TYPE, known: entries.EntryContext,
            direction: Direction) -> entries.EntryContext:  # fmt: skip
    """The context's accounts in the order kept for the day: buttons do not move under a finger."""
    if known.ledger_id is None:
        return known
    return replace(known, accounts=kept_order(context, known.ledger_id, direction, known.accounts))


async def read_line(update: Update, context: ContextTypes.DEFAULT_TYPE, line: str,
                    known: entries.EntryContext) -> str | int:  # fmt: skip
    """Amount, label, #projet and the extras after semicolons; a refusal keeps the step."""
    language, refs = lang(update), list(known.refs)
    head, *extras = line.split(";")
    try:
        amount, label = split_amount(head)
    except AmountError as refused:
        await update.effective_message.reply_text(t(f"ent.amount.{refused.reason}", language))
        return AMOUNT
    label, project = project_of(label)
    if len(label) > books.LABEL_MAX:
        await update.effective_message.reply_text(t("ent.label.length", language))
        return AMOUNT
    current = draft(context)
    current.update(amount=amount, label=label, project=project)
    if extras:  # the accounts depend on the ledger: those of the one named, or of the only one
        found = read_extras(extras, refs, list(known.accounts), today_for(refs[0]))
        if isinstance(found, str):
            await update.effective_message.reply_text(t("ent.extra.unknown", language, part=escape(excerpt(found))))
            return AMOUNT
        current.update(found)
    return await next_step(update, context, known)


async def typed_label(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str | int:
    """The label, when the line had only an amount."""
    label, project = project_of(" ".join(update.effective_message.text.split()))
    if not 1 <= len(label) <= books.LABEL_MAX:
        await update.effective_message.reply_text(t("ent.label.length", lang(update)))
        return LABEL
    draft(context).update(label=label, project=project or draft(context).get("project"))
    return await next_step(update, context, await draft_context(update, context))


def kept_order(context: ContextTypes.DEFAULT_TYPE, ledger_id: int, direction: Direction,
               accounts: tuple[Account, ...]) -> tuple[Account, ...]:  # fmt: skip
    """The accounts in the order first shown today for this ledger and direction."""
    key, today = f"{ledger_id}:{direction.value}", date.today().isoformat()
    orders = {k: v for k, v in context.user_data.get("account_order", {}).items() if v["day"] == today}
    kept = orders.setdefault(key, {"day": today, "codes": [a.code for a in accounts]})
    context.user_data["account_order"] = orders
    rank = {code: index for index, code in enumerate(kept["codes"])}
    return tuple(sorted(accounts, key=lambda a: rank.get(a.code, len(rank))))


# ------------------------------------------------------------------ asking what is missing


async def next_step(update: Update, context: ContextTypes.DEFAULT_TYPE, known: entries.EntryContext) -> str | int:
    """Ask the first thing missing; with nothing missing, record (a full line) or confirm."""
    current, language, refs = draft(context), lang(update), list(known.refs)
    say = update.effective_message.reply_text
    if not current.get("label"):
        await say(t("ent.ask_label", language))
        return LABEL
    if "ledger_id" not in current:
        if len(refs) > 1:
            await say(t("ent.pick_ledger", language), reply_markup=ledger_buttons(refs, language))
            return LEDGER
        current["ledger_id"] = refs[0].id
    if "splits" not in current:
        current["asked"] = True
        return await ask_account(update, context, known.accounts, edit=False)
    if current["splits"][0][1] is None:  # one account named on the line: all of the amount
        current["splits"] = [[current["splits"][0][0], current["amount"]]]
    if needs_giver(current, known.accounts) and not current.get("giver"):
        current["asked"] = True
        await say(t("ent.ask_giver", language))
        return GIVER
    if "means" not in current:
        current["asked"] = True
        return await ask_means(update, context)
    if current["means"] == Means.CHEQUE and not current.get("cheque"):
        current["asked"] = True
        return await ask_cheque(update, context)
    if current["means"] == Means.CHEQUE and current["direction"] == Direction.DEPENSE \
            and current.get("cheque_ok") != current["cheque"]:
        used = await as_user(update, context, entries.cheque_used, current["ledger_id"], current["cheque"])
        if used is not None:
            current["asked"] = True
            return await confirm_cheque(update, context, used)
        current["cheque_ok"] = current["cheque"]
    if "day" not in current:
        current["asked"] = True
        return await ask_day(update, context)
    # A full line was read before its day and means were known: its bank warning is asked now.
    banque = known.bank_after if known.bank_checked else await bank_warning(update, context)
    if not current.get("asked") and banque is None:
        return await record(update, context)  # everything came on the line: nothing more to ask
    return await show_card(update, context, known, banque)


def needs_giver(current: dict, accounts: tuple[Account, ...]) -> bool:
    """A recette on a grant account names who gives it (the CRF's tableau des subventions)."""
    grants = {a.code for a in accounts if a.grant}
    return current["direction"] == Direction.RECETTE and any(code in grants for code, _ in current["splits"])


async def typed_giver(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str | int:
    """Who gives the grant, typed: the commune, the département…"""
    giver = " ".join(update.effective_message.text.split())
    if not 1 <= len(giver) <= books.GIVER_MAX:
        await update.effective_message.reply_text(t("ent.giver.length", lang(update)))
        return GIVER
    draft(context)["giver"] = giver
    return await next_step(update, context, await draft_context(update, context))


def ledger_buttons(refs: list[LedgerRef], language: str) -> InlineKeyboardMarkup:
    several = len({r.coop_id for r in refs}) > 1
    rows = [[button(ledger_label(r, language, several), f"ent:led:{r.id}")] for r in refs]
    rows.append([button(t("button.cancel", language), "ent:cancel")])
    return InlineKeyboardMarkup(rows)


async def chose_ledger(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str | int:
    """The ledger, by button."""
    ledger_id = int(update.callback_query.data.split(":")[2])
    known = await draft_context(update, context, ledger_id=ledger_id)  # the store refuses a ledger not theirs
    await update.callback_query.answer()
    draft(context)["ledger_id"] = known.ledger_id
    draft(context)["asked"] = True
    chosen = next(r for r in known.refs if r.id == known.ledger_id)
    await update.callback_query.edit_message_text(f"{t('ent.pick_ledger', lang(update))} {escape(chosen.name)}")
    return await next_step(update, context, known)


async def ask_account(update: Update, context: ContextTypes.DEFAULT_TYPE, accounts: tuple[Account, ...], *,
                      edit: bool, every: bool = False) -> str:  # fmt: skip
    """The ledger's most used accounts first, then "Autres comptes…" and "Répartir"."""
    language = lang(update)
    shown = accounts if every else accounts[:FIRST_ACCOUNTS]
    rows = [[button(a.label, f"ent:acc:{a.code}")] for a in shown]
    extra = [] if every or len(accounts) <= FIRST_ACCOUNTS else [button(t("ent.more_accounts", language), "ent:acc:more")]
    rows.append(extra + [button(t("ent.split", language), "ent:acc:split")])
    rows.append([button(t("button.cancel", language), "ent:cancel")])
    if edit:
        await update.callback_query.edit_message_text(t("ent.pick_account", language), reply_markup=InlineKeyboardMarkup(rows))
    else:
        await update.effective_message.reply_text(t("ent.pick_account", language), reply_markup=InlineKeyboardMarkup(rows))
    return ACCOUNT


async def chose_account(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str | int:
    """One account for the whole amount (or: more accounts, or split)."""
    query = update.callback_query
    await query.answer()
    choice = query.data.split(":")[2]
    known = await draft_context(update, context)
    if choice == "more":
        return await ask_account(update, context, known.accounts, edit=True, every=True)
    if choice == "split":
        draft(context)["parts"] = []
        return await ask_split_account(update, context, known.accounts, edit=True)
    account = next((a for a in known.accounts if a.code == choice), None)
    if account is None:
        return ACCOUNT
    draft(context)["splits"] = [[account.code, draft(context)["amount"]]]
    await query.edit_message_text(f"{t('ent.pick_account', lang(update))} {escape(account.label)}")
    return await next_step(update, context, known)


# ------------------------------------------------------------------ Répartir


def parts_left(current: dict) -> int:
    return current["amount"] - sum(cents for _, cents in current["parts"])


async def ask_split_account(update: Update, context: ContextTypes.DEFAULT_TYPE, accounts: tuple[Account, ...], *,
                            edit: bool, every: bool = False) -> str:  # fmt: skip
    """Which account takes the next part: the usual ones, then "Autres comptes…"."""
    current, language = draft(context), lang(update)
    labels = {a.code: a.label for a in accounts}
    done = "\n".join(t("ent.split.done_part", language, account=escape(labels.get(code, code)),
                       amount=money(cents, language)) for code, cents in current["parts"])  # fmt: skip
    text = t("ent.split.pick", language, amount=money(current["amount"], language),
             left=money(parts_left(current), language))  # fmt: skip
    rows = [[button(a.label, f"ent:part:{a.code}")] for a in (accounts if every else accounts[:FIRST_ACCOUNTS])]
    if not every and len(accounts) > FIRST_ACCOUNTS:
        rows.append([button(t("ent.more_accounts", language), "ent:part:more")])
    rows.append([button(t("button.cancel", language), "ent:cancel")])
    text = f"{done}\n\n{text}" if done else text
    if edit and update.callback_query:
        await update.callback_query.edit_message_text(text, reply_markup=InlineKeyboardMarkup(rows))
    else:
        await update.effective_message.reply_text(text, reply_markup=InlineKeyboardMarkup(rows))
    return SPLIT_ACCOUNT


async def chose_split_account(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """The account of the next part; its amount is typed next."""
    query, language = update.callback_query, lang(update)
    await query.answer()
    code = query.data.split(":")[2]
    accounts = (await draft_context(update, context)).accounts
    if code == "more":
        return await ask_split_account(update, context, accounts, edit=True, every=True)
    account = next((a for a in accounts if a.code == code), None)
    if account is None:
        return SPLIT_ACCOUNT
    draft(context)["part_account"] = code
    left = money(parts_left(draft(context)), language)
    rest = InlineKeyboardMarkup([[button(t("ent.split.rest", language, left=left), "ent:rest")],
                                 [button(t("button.cancel", language), "ent:cancel")]])  # fmt: skip
    await query.edit_message_text(t("ent.split.ask", language, account=escape(account.label), left=left),
                                  reply_markup=rest)  # fmt: skip
    return SPLIT_AMOUNT


async def typed_split_amount(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str | int:
    """A part's amount typed, or "le reste" pressed; once nothing is left, the ventilation is done."""
    current, language = draft(context), lang(update)
    if update.callback_query:
        await update.callback_query.answer()
        await update.callback_query.edit_message_reply_markup(None)
        cents = parts_left(current)
    elif (cents := await read_part(update, parts_left(current), language)) is None:
        return SPLIT_AMOUNT
    current["parts"].append([current.pop("part_account"), cents])
    if parts_left(current):
        return await ask_split_account(update, context, (await draft_context(update, context)).accounts, edit=False)
    current["splits"] = current.pop("parts")
    return await next_step(update, context, await draft_context(update, context))


# ------------------------------------------------------------------ means, cheque, date


async def ask_means(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    language = lang(update)
    direction = draft(context)["direction"]
    rows = [[button(t(f"ent.means.{m.value}", language), f"ent:means:{m.value}")] for m in means_for(direction)]
    rows.append([button(t("button.cancel", language), "ent:cancel")])
    await update.effective_message.reply_text(t(means_question(direction), language),
                                              reply_markup=InlineKeyboardMarkup(rows))  # fmt: skip
    return MEANS


def means_for(direction: str) -> list[Means]:
    """Money comes in by any means but a direct debit (a prélèvement only takes money out)."""
    return [m for m in Means if not (direction == Direction.RECETTE and m == Means.PRELEVEMENT)]


def means_question(direction: str) -> str:
    return "ent.pick_means.recette" if direction == Direction.RECETTE else "ent.pick_means"


async def chose_means(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str | int:
    """Espèces go to the caisse, everything else to the banque."""
    query = update.callback_query
    await query.answer()
    means, direction, language = Means(query.data.split(":")[2]), draft(context)["direction"], lang(update)
    if means not in means_for(direction):  # a stale or forged button
        return MEANS
    draft(context)["means"] = means.value
    await query.edit_message_text(f"{t(means_question(direction), language)} {t(f'ent.means.{means.value}', language)}")
    return await next_step(update, context, await draft_context(update, context))


async def ask_cheque(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """The cheque's number, the one after the coop's last cheque offered as a button."""
    language = lang(update)
    suggestion = None
    if draft(context)["direction"] == Direction.DEPENSE:
        suggestion = await as_user(update, context, entries.next_cheque_number, draft(context)["ledger_id"])
    rows = [[button(t("ent.cheque.suggest", language, number=suggestion), f"ent:chq:{suggestion}")]] if suggestion else []
    rows.append([button(t("button.cancel", language), "ent:cancel")])
    await update.effective_message.reply_text(t("ent.ask_cheque", language), reply_markup=InlineKeyboardMarkup(rows))
    return CHEQUE


async def typed_cheque(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str | int:
    """The cheque number typed, or the suggested one pressed."""
    if update.callback_query:
        await update.callback_query.answer()
        number = update.callback_query.data.split(":")[2]
        await update.callback_query.edit_message_reply_markup(None)
    else:
        number = "".join(update.effective_message.text.split())
    if not re.fullmatch(r"\d{1,12}", number):
        await update.effective_message.reply_text(t("ent.cheque.invalid", lang(update)))
        return CHEQUE
    draft(context)["cheque"] = number
    return await next_step(update, context, await draft_context(update, context))


async def confirm_cheque(update: Update, context: ContextTypes.DEFAULT_TYPE, used: EntryView) -> str:
    """A cheque number the coop already used: name that entry, keep the number only when asked to."""
    language, number = lang(update), draft(context)["cheque"]
    rows = [[button(t("ent.cheque.keep", language, number=number), f"ent:chqok:{number}")],
            [button(t("button.cancel", language), "ent:cancel")]]  # fmt: skip
    await update.effective_message.reply_text(
        t("ent.cheque.used", language, number=number, piece=used.piece, ledger=escape(used.ledger_name),
          day=day_text(used.day)), reply_markup=InlineKeyboardMarkup(rows))  # fmt: skip
    return CHEQUE


async def keep_cheque(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str | int:
    """Garder ce numéro: the used number on purpose."""
    query = update.callback_query
    await query.answer()
    number = query.data.split(":")[2]
    if number != draft(context).get("cheque"):  # a button of an earlier question
        return CHEQUE
    draft(context)["cheque_ok"] = number
    await query.edit_message_reply_markup(None)
    return await next_step(update, context, await draft_context(update, context))


async def ask_day(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """Aujourd'hui, Hier, or Autre date."""
    language = lang(update)
    keyboard = InlineKeyboardMarkup([
        [button(t("ent.day.today", language), "ent:day:0"), button(t("ent.day.yesterday", language), "ent:day:1")],
        [button(t("ent.day.other", language), "ent:day:other")],
        [button(t("button.cancel", language), "ent:cancel")],
    ])  # fmt: skip
    await update.effective_message.reply_text(t("ent.pick_day", language), reply_markup=keyboard)
    return DAY


async def chose_day(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str | int:
    """Aujourd'hui, Hier, or Autre date (typed)."""
    query, language = update.callback_query, lang(update)
    await query.answer()
    choice = query.data.split(":")[2]
    if choice == "other":
        ref = await ledger_ref(update, context)
        await query.edit_message_text(t("ent.ask_day", language, example=day_text(today_for(ref))))
        return TYPED_DAY
    try:  # today is where the ledger's coop is: the store counts the days back
        known = await draft_context(update, context, days_ago=int(choice))
    except LedgerError as refused:  # yesterday may be before the ledger's opening, or in a closed year
        await query.edit_message_reply_markup(None)
        await update.effective_message.reply_text(refusal(refused, language))
        return await ask_day(update, context)
    draft(context)["day"] = known.day.isoformat()
    await query.edit_message_text(f"{t('ent.pick_day', language)} {day_text(known.day)}")
    return await next_step(update, context, known)


async def typed_day(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str | int:
    """A date typed jj/mm/aaaa (or aaaa-mm-jj), checked here: not in the future, in an open year."""
    ref, language = await ledger_ref(update, context), lang(update)
    day = parse_day(update.effective_message.text, today_for(ref))
    if day is None:
        await update.effective_message.reply_text(t("ent.day.invalid", language, example=day_text(today_for(ref))))
        return TYPED_DAY
    try:
        known = await draft_context(update, context, day=day)
    except LedgerError as refused:
        await update.effective_message.reply_text(
            f"{t('ent.day.understood', language, day=day_text(day))} {refusal(refused, language)}\n"
            + t("ent.ask_day", language, example=day_text(today_for(ref))))  # fmt: skip
        return TYPED_DAY
    draft(context)["day"] = day.isoformat()
    await update.effective_message.reply_text(t("ent.day.understood", language, day=day_text(day)))
    return await next_step(update, context, known)


async def ledger_ref(update: Update, context: ContextTypes.DEFAULT_TYPE) -> LedgerRef:
    refs = await my_ledgers(update, context)
    return next(r for r in refs if r.id == draft(context)["ledger_id"])


# ------------------------------------------------------------------ the card, the project, recording


async def show_card(update: Update, context: ContextTypes.DEFAULT_TYPE, known: entries.EntryContext,
                    banque: int | None, *, edit: bool = False) -> str:  # fmt: skip
    """What will be recorded, with Enregistrer, Projet and Annuler (and the bank's warning)."""
    current, language = draft(context), lang(update)
    ref = next(r for r in known.refs if r.id == current["ledger_id"])
    accounts = {a.code: a.label for a in known.accounts}
    means = t(f"means.{current['means']}", language) + (f" n° {current['cheque']}" if current.get("cheque") else "")
    splits = "\n".join(f"• {escape(accounts.get(code, code))} : {money(cents, language)}" for code, cents in current["splits"])
    text = t("ent.card", language, direction=t(f"direction.{current['direction']}", language).capitalize(),
             label=escape(current["label"]), amount=money(current["amount"], language), means=means,
             day=day_text(date.fromisoformat(current["day"])), ledger=escape(ref.name), splits=splits,
             project=t("ent.card.project", language, project=current["project"]) if current.get("project") else "")  # fmt: skip
    if needs_giver(current, known.accounts) and current.get("giver"):
        text += t("ent.card.giver", language, giver=escape(current["giver"]))
    if banque is not None:
        text += t("ent.card.bank_negative", language, banque=signed_money(banque, language))
    keyboard = InlineKeyboardMarkup([
        [button(t("ent.save", language), "ent:save")],
        [button(t("ent.project_button", language), "ent:proj"), button(t("button.cancel", language), "ent:cancel")],
    ])  # fmt: skip
    if edit and update.callback_query:
        await update.callback_query.edit_message_text(text, reply_markup=keyboard)
    else:
        await update.effective_message.reply_text(text, reply_markup=keyboard)
    return CONFIRM


async def bank_warning(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int | None:
    """A class ledger's banque after this dépense, if it goes below zero."""
    current = draft(context)
    if current["direction"] != Direction.DEPENSE or current["means"] == Means.ESPECES:
        return None
    return await as_user(update, context, entries.bank_after_expense, current["ledger_id"],
                         day=date.fromisoformat(current["day"]), amount=current["amount"])  # fmt: skip


async def ask_project(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """🏷: the ledger's projects as buttons, or a new one typed."""
    query, language = update.callback_query, lang(update)
    await query.answer()
    tags = await as_user(update, context, inventory.project_tags, draft(context)["ledger_id"])
    rows = [[button(f"#{tag}", f"ent:tag:{tag}")] for tag in list(tags)[:8]]
    rows.append([button(t("ent.project.none", language), "ent:tag:")])
    await query.edit_message_text(t("ent.project.ask", language), reply_markup=InlineKeyboardMarkup(rows))
    return PROJECT


async def chose_project(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """A project pressed (or none), or typed: back to the card."""
    if update.callback_query:
        await update.callback_query.answer()
        draft(context)["project"] = update.callback_query.data.split(":", 2)[2] or None
        return await card_again(update, context, edit=True)
    try:
        draft(context)["project"] = books.clean_project(update.effective_message.text.lstrip("#"))
    except LedgerError as refused:
        await update.effective_message.reply_text(refusal(refused, lang(update)))
        return PROJECT
    return await card_again(update, context)


async def card_again(update: Update, context: ContextTypes.DEFAULT_TYPE, *, edit: bool = False) -> str:
    """The card once more, read afresh from the store."""
    known = await draft_context(update, context)
    return await show_card(update, context, known, known.bank_after, edit=edit)


async def save(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str | int:
    """✅ Enregistrer."""
    await update.callback_query.answer()
    await update.callback_query.edit_message_reply_markup(None)
    return await record(update, context)


async def record(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str | int:
    """One transaction: the entry, its number, its ventilation; then the new balance and Annuler."""
    current, language = draft(context), lang(update)
    try:
        entry, balances = await as_user(
            update, context, entries.record_entry_with_balances, current["ledger_id"],
            direction=Direction(current["direction"]), day=date.fromisoformat(current["day"]), label=current["label"],
            means=Means(current["means"]), amount=current["amount"], splits=[tuple(part) for part in current["splits"]],
            cheque_number=current.get("cheque"), project=current.get("project"), giver=current.get("giver"),
        )  # fmt: skip
    except LedgerError as refused:
        return await refused_at_recording(update, context, refused)
    context.user_data.pop(DRAFT, None)
    message = await update.effective_message.reply_text(
        t("ent.recorded", language, piece=entry.piece, balance=balance_line(balances, language))
        + "\n" + recorded_details(entry, language) + "\n" + t("ent.receipt_hint", language),
        reply_markup=InlineKeyboardMarkup([[button(t("ent.edit", language), f"ent:edit:{entry.id}"),
                                            button(t("ent.undo", language), f"ent:undo:{entry.id}")]]),
    )  # fmt: skip
    remember_entry(context, message.message_id, entry.id)
    return ConversationHandler.END


def recorded_details(entry: EntryView, language: str) -> str:
    """What was understood: direction, amount, label, date, account(s), means and cheque number."""
    if len(entry.splits) == 1:
        accounts = escape(entry.splits[0].account_label)
    else:
        accounts = " + ".join(f"{escape(s.account_label)} {money(s.amount, language)}" for s in entry.splits)
    means = t(f"means.{entry.means.value}", language) + (f" n° {entry.cheque_number}" if entry.cheque_number else "")
    return t("ent.recorded.details", language, direction=direction_word(entry.direction, language).capitalize(),
             amount=money(entry.amount, language), label=escape(entry.label), day=day_text(entry.day),
             accounts=accounts, means=means)  # fmt: skip


async def refused_at_recording(update: Update, context: ContextTypes.DEFAULT_TYPE, refused: LedgerError) -> str:
    """Say why, and go back to the step that can mend it, keeping everything else."""
    current = draft(context)
    await update.effective_message.reply_text(refusal(refused, lang(update)))
    current["asked"] = True
    if refused.reason in ("future", "year_not_open", "closed_year", "before_opening"):
        current.pop("day", None)
    elif refused.reason in ("cheque_number_required", "cheque_number_invalid"):
        current.pop("cheque", None)
    elif refused.reason in ("caisse_negative", "means_treasury"):
        current.pop("means", None)
        current.pop("cheque", None)
    elif refused.reason in ("unknown_account", "wrong_class", "splits_mismatch", "no_split", "split_not_positive"):
        current.pop("splits", None)
    elif refused.reason == "project_invalid":
        current["project"] = None
    elif refused.reason in ("giver_required", "giver_length"):
        current.pop("giver", None)
    else:
        return await card_again(update, context)
    return await next_step(update, context, await draft_context(update, context))


async def cancel(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """/annuler or Annuler: nothing is recorded."""
    context.user_data.pop(DRAFT, None)
    return await end_conversation(update, context)


# ------------------------------------------------------------------ after: undo and receipts


def remember_entry(context: ContextTypes.DEFAULT_TYPE, message_id: int, entry_id: int) -> None:
    """Which entry a confirmation message is about, so that a receipt sent in reply finds it."""
    messages = context.chat_data.setdefault("entry_messages", {})
    messages[str(message_id)] = entry_id
    for old in sorted(messages, key=int)[:-100]:
        del messages[old]
    context.chat_data["last_entry"] = {"id": entry_id, "at": datetime.now(timezone.utc).isoformat()}


async def undo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """↩️ Annuler, within 10 minutes of recording; a second tap changes nothing."""
    query, language = update.callback_query, lang(update)
    entry = await as_user(update, context, entries.get_entry, int(query.data.split(":")[2]))
    if entry.cancelled:  # a double tap: the first one did it, and the message says so
        await query.answer()
        return
    if datetime.now(timezone.utc) - query.message.date > timedelta(minutes=UNDO_MINUTES):
        await query.answer(t("ent.undo.late", language), show_alert=True)
        await query.edit_message_reply_markup(None)
        return
    ref = next((r for r in await my_ledgers(update, context) if r.id == entry.ledger_id), None)
    try:
        await as_user(update, context, entries.cancel_entry, entry.id, today=today_for(ref) if ref else date.today())
    except LedgerError as refused:
        if refused.reason == "cancelled":  # two taps handled at once: the other one answers
            await query.answer()
            return
        await query.answer()
        await query.message.reply_text(refusal(refused, language))
        return
    await query.answer()
    balances = await as_user(update, context, ledger_balances, entry.ledger_id, entry.fiscal_year)
    await query.edit_message_text(f"<s>{query.message.text_html}</s>\n" + t("ent.undone", language, piece=entry.piece)
                                  + "\n" + balance_line(balances, language))  # fmt: skip


async def attach(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A photo or PDF in reply to an entry's message, or just after an entry: its justificatif."""
    message, language = update.effective_message, lang(update)
    entry_id = receipt_target(context, message)
    if entry_id is None:
        keeps_books = bool(await my_ledgers(update, context))
        await message.reply_text(t("receipt.which" if keeps_books else "unknown.other", language))
        return
    incoming = message.photo[-1] if message.photo else message.document
    entry = await as_user(update, context, entries.get_entry, entry_id)
    folder = Path(settings(context).receipts_dir) / str(entry.fiscal_year)
    folder.mkdir(parents=True, exist_ok=True)
    stem = folder / f"{entry.id}-{incoming.file_unique_id}"
    try:
        path, kind, size = await fetch_receipt(await incoming.get_file(), stem)
    except ReceiptRefused as refused:
        await message.reply_text(t(f"receipt.{refused.reason}", language))
        return
    refs = {r.id: r for r in await my_ledgers(update, context)}
    today = today_for(refs[entry.ledger_id]) if entry.ledger_id in refs else date.today()
    try:
        await as_user(update, context, entries.attach_receipt, entry.id, file_id=incoming.file_id,
                      file_unique_id=incoming.file_unique_id, path=str(path), mime_type=kind.mime,
                      size=size, today=today)  # fmt: skip
    except LedgerError as refused:
        path.unlink(missing_ok=True)
        await message.reply_text(refusal(refused, language))
        return
    await message.reply_text(t("receipt.attached", language, piece=entry.piece, ledger=escape(entry.ledger_name)))


def receipt_target(context: ContextTypes.DEFAULT_TYPE, message) -> int | None:
    """The entry whose message this replies to, or the entry recorded in the last 15 minutes."""
    messages = context.chat_data.get("entry_messages", {})
    if message.reply_to_message is not None:
        return messages.get(str(message.reply_to_message.message_id))
    last = context.chat_data.get("last_entry")
    if last and datetime.now(timezone.utc) - datetime.fromisoformat(last["at"]) <= timedelta(minutes=RECEIPT_MINUTES):
        return last["id"]
    return None


# ------------------------------------------------------------------ /solde


async def balances_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/solde: every ledger this person may read; managers also get their whole coop."""
    overview = await as_user(update, context, balances_overview)
    if overview is None:
        await update.effective_message.reply_text(t("books.no_ledger", lang(update)))
        return
    text, keyboard = balances_text(overview, lang(update))
    await update.effective_message.reply_text(text, reply_markup=keyboard)


async def balances_of_year(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """2025-2026 under /solde: that open year's balances (last year, until it is closed)."""
    query = update.callback_query
    year = int(query.data.rsplit(":", 1)[1])
    overview = await as_user(update, context, balances_overview, year)
    if overview is None or year not in overview.open_years:
        await query.answer(t("solde.not_open", lang(update), years=f"{year}-{year + 1}"), show_alert=True)
        return
    await query.answer()
    text, keyboard = balances_text(overview, lang(update))
    await query.edit_message_text(text, reply_markup=keyboard)


def balances_text(overview: BalancesOverview, language: str) -> tuple[str, InlineKeyboardMarkup | None]:
    """Two short lines per ledger (total; banque · caisse), cheques not cashed, each coop's total;
    a button for the other open year."""
    year, today = overview.year, overview.today
    title = "solde.title" if year == fiscal_year_of(today) else "solde.title_past"
    lines = [t(title, language, day=day_text(today), years=f"{year}-{year + 1}")]
    for _, balances in overview.ledgers:
        lines += ["", "📒 " + balance_lines(balances, language)]
        if balances.uncashed_count:
            lines.append(t("solde.cheques", language, count=balances.uncashed_count,
                           amount=money(balances.uncashed_cheques, language)))  # fmt: skip
        if balances.undeposited_count:
            lines.append(t("solde.to_deposit", language, count=balances.undeposited_count,
                           amount=money(balances.undeposited_cheques, language)))  # fmt: skip
    for ref, coop in overview.coops:
        lines.append("")
        lines.append(t("solde.coop", language, affiliation=ref.affiliation, total=signed_money(coop.total, language),
                       banque=signed_money(coop.banque, language), caisse=money(coop.caisse, language)))  # fmt: skip
    others = [y for y in overview.open_years if y != year]
    keyboard = InlineKeyboardMarkup([[button(f"{y}-{y + 1}", f"sld:y:{y}") for y in others]]) if others else None
    return narrow("\n".join(lines)), keyboard
