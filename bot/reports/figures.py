"""The CRF in the chat: store.crf's figures, one short section at a time, each with what it lacks."""

from __future__ import annotations

from html import escape
from typing import Any

from bot import texts
from bot.texts import plural, t
from bot.ui.books import money, signed_money
from bot.ui.common import day_text, years_text
from store.crf import YearReport

SECTIONS = ("fonctionnement", "bilan", "rapprochement", "caisse", "subventions", "inventaire")
# The CRF's reason codes, by the section that shows them.
SECTION_OF = {"class_ledgers_open": "fonctionnement", "unbalanced": "bilan", "no_august_statement": "rapprochement",
              "unreconciled": "rapprochement", "no_cash_count": "caisse", "cash_count_differs": "caisse",
              "grant_without_giver": "subventions"}  # fmt: skip
SHOWN = 12  # items of a list shown in a section, so that it fits a phone

texts.register({
    "crf.section.fonctionnement": {"fr": "Fonctionnement", "en": "Operating accounts"},
    "crf.section.bilan": {"fr": "Bilan", "en": "Balance sheet"},
    "crf.section.rapprochement": {"fr": "Rapprochement", "en": "Bank reconciliation"},
    "crf.section.caisse": {"fr": "Caisse", "en": "Cash"},
    "crf.section.subventions": {"fr": "Subventions", "en": "Grants"},
    "crf.section.inventaire": {"fr": "Inventaire", "en": "Inventory"},
    "crf.line": {"fr": "• {section} : {state}", "en": "• {section}: {state}"},
    "crf.head": {"fr": "<b>{section} {years}</b>", "en": "<b>{section} {years}</b>"},
    "crf.item": {"fr": "• {label} : {amount}", "en": "• {label}: {amount}"},
    "crf.other_line": {"fr": "Autres comptes", "en": "Other accounts"},
    "crf.charges": {"fr": "<b>Charges</b>", "en": "<b>Charges</b>"},
    "crf.produits": {"fr": "<b>Produits</b>", "en": "<b>Income</b>"},
    "crf.total_charges": {"fr": "Total des charges : {amount}", "en": "Total charges: {amount}"},
    "crf.total_produits": {"fr": "Total des produits : {amount}", "en": "Total income: {amount}"},
    "crf.nothing": {"fr": "• rien cette année", "en": "• nothing this year"},
    "crf.resultat": {"fr": "<b>Résultat</b> (produits − charges) : {amount}",
                     "en": "<b>Result</b> (income − charges): {amount}"},
    "crf.actif": {"fr": "Actif : banque {banque} + caisse {caisse} = <b>{total}</b>",
                  "en": "Assets: bank {banque} + cash {caisse} = <b>{total}</b>"},
    "crf.passif": {"fr": "Passif : report à nouveau {opening} + résultat {resultat} = <b>{total}</b>",
                   "en": "Liabilities: brought forward {opening} + result {resultat} = <b>{total}</b>"},
    "crf.balanced": {"fr": "✅ Le bilan est équilibré.", "en": "✅ The balance sheet balances."},
    "crf.statement": {"fr": "Relevé du {day} : {balance}", "en": "Statement of {day}: {balance}"},
    "crf.uncashed": {"fr": "− Dépenses non encore débitées ({count}) : {amount}",
                     "en": "− Expenses not yet debited ({count}): {amount}"},
    "crf.uncredited": {"fr": "+ Recettes non encore créditées ({count}) : {amount}",
                       "en": "+ Receipts not yet credited ({count}): {amount}"},
    "crf.book_banque": {"fr": "Solde de la banque dans les cahiers au 31/08 : {amount}",
                        "en": "Bank balance in the books on 31/08: {amount}"},
    "crf.reconciled": {"fr": "✅ Le rapprochement tombe juste.", "en": "✅ The reconciliation is exact."},
    "crf.cash.counted": {"fr": "• {ledger} : livre {book}, compté {counted} le {day}{verdict}",
                         "en": "• {ledger}: books {book}, counted {counted} on {day}{verdict}"},
    "crf.cash.uncounted": {"fr": "• {ledger} : livre {book}, pas d'arrêté de caisse",
                           "en": "• {ledger}: books {book}, no cash count"},
    "crf.cash.bravo": {"fr": " — Bravo ✅", "en": " — Well done ✅"},
    "crf.cash.none": {"fr": "Aucune caisse cette année.", "en": "No cash this year."},
    "crf.grant": {"fr": "• {day} {giver} — {label} : {amount}", "en": "• {day} {giver} — {label}: {amount}"},
    "crf.grant.no_giver": {"fr": "financeur à préciser", "en": "giver to state"},
    "crf.grants.none": {"fr": "Aucune subvention publique cette année.", "en": "No public grant this year."},
    "crf.total": {"fr": "Total : {amount}", "en": "Total: {amount}"},
    "crf.good": {"fr": "• {day} {label} ({ledger}, pièce {piece}) : {amount}",
                 "en": "• {day} {label} ({ledger}, piece {piece}): {amount}"},
    "crf.goods.none": {"fr": "Aucun bien durable acheté cette année.", "en": "No durable goods bought this year."},
    "crf.more": {"fr": "… et {others} (/inventaire, /journal)", "en": "… and {others} (/inventaire, /journal)"},
    "crf.missing": {"fr": "⚠️ {what}", "en": "⚠️ {what}"},
    # what is missing, by the CRF's reason codes
    "crf.word.open_ledger": {"fr": "cahier de classe non clos|cahiers de classe non clos",
                             "en": "class ledger not closed|class ledgers not closed"},
    "crf.word.grant_no_giver": {"fr": "subvention sans financeur|subventions sans financeur",
                                "en": "grant without giver|grants without giver"},
    "crf.miss.class_ledgers_open": {"fr": "{open} ({names}) : /cloture", "en": "{open} ({names}): /cloture"},
    "crf.miss.no_cash_count": {"fr": "pas d'arrêté de caisse au 31/08 ({ledgers}) : /caisse",
                               "en": "no cash count on 31/08 ({ledgers}): /caisse"},
    "crf.miss.cash_count_differs": {"fr": "l'arrêté de caisse de {ledger} diffère du livre de {difference}",
                                    "en": "the cash count of {ledger} differs from the books by {difference}"},
    "crf.miss.no_august_statement": {"fr": "relevé d'août manquant : /pointage", "en": "August statement missing: /pointage"},
    "crf.miss.unreconciled": {"fr": "le relevé d'août et les cahiers diffèrent de {difference} : /pointage",
                              "en": "the August statement and the books differ by {difference}: /pointage"},
    "crf.miss.unbalanced": {"fr": "bilan non équilibré, écart de {difference}{causes}",
                            "en": "balance sheet off by {difference}{causes}"},
    "crf.miss.grant_without_giver": {"fr": "{grants} : précisez le financeur (/journal)",
                                     "en": "{grants}: state the giver (/journal)"},
    "crf.cause.internal": {"fr": "d'un mouvement interne dont une partie est hors des cahiers de la coopérative "
                                 "({difference})",
                           "en": "from an internal movement partly outside the cooperative's ledgers ({difference})"},
    "crf.cause.splits": {"fr": "de ventilations qui ne font pas le total de leur écriture ({difference})",
                         "en": "from splits not adding up to their entry ({difference})"},
    "crf.cause.unknown": {"fr": "ni d'un mouvement interne ni d'une ventilation : vérifiez les reports à nouveau "
                                "(/report)",
                          "en": "neither from an internal movement nor from a split: check the amounts brought "
                                "forward (/report)"},
    "crf.causes": {"fr": " ; il vient {causes}", "en": "; it comes {causes}"},
})  # fmt: skip


def _missing_one(code: str, details: dict[str, Any], language: str) -> str:
    values = dict(details)
    if code == "class_ledgers_open":
        values = {"open": plural(details["count"], "crf.word.open_ledger", language),
                  "names": escape(", ".join(details["names"]))}  # fmt: skip
    elif code == "no_cash_count":
        values = {"ledgers": escape(", ".join(details["ledgers"]))}
    elif code == "cash_count_differs":
        values = {"ledger": escape(details["ledger"]), "difference": signed_money(details["difference"], language)}
    elif code == "unreconciled":
        values = {"difference": signed_money(details["difference"], language)}
    elif code == "unbalanced":
        values = {"difference": signed_money(details["difference"], language),
                  "causes": causes_text(details.get("causes", ()), language)}  # fmt: skip
    elif code == "grant_without_giver":
        values = {"grants": plural(details["count"], "crf.word.grant_no_giver", language)}
    return t(f"crf.miss.{code}", language, **values)


def causes_text(causes, language: str) -> str:
    """Where a difference of the bilan comes from, in words."""
    parts = [t(f"crf.cause.{code}", language, difference=signed_money(d["difference"], language)) for code, d in causes]
    if not parts:
        return t("crf.causes", language, causes=t("crf.cause.unknown", language))
    return t("crf.causes", language, causes=", ".join(parts))


def missing_text(missing, language: str) -> str:
    """The CRF's reason codes (with their details), as one sentence's list."""
    return " ; ".join(_missing_one(code, details, language) for code, details in missing)


def _missing_of(figures: YearReport, section: str, language: str) -> list[str]:
    return [t("crf.missing", language, what=_missing_one(code, details, language))
            for code, details in figures.missing if SECTION_OF.get(code) == section]  # fmt: skip


def section_lines(figures: YearReport, language: str) -> list[str]:
    """One line per section: ✅, or what it lacks."""
    lines = []
    for name in SECTIONS:
        lacks = [_missing_one(code, d, language) for code, d in figures.missing if SECTION_OF.get(code) == name]
        lines.append(t("crf.line", language, section=t(f"crf.section.{name}", language),
                       state=" ; ".join(lacks) if lacks else t("rep.ok", language)))  # fmt: skip
    return lines


def _more(items: list[str], language: str) -> list[str]:
    if len(items) <= SHOWN:
        return items
    return items[:SHOWN] + [t("crf.more", language, others=plural(len(items) - SHOWN, "word.other", language))]


def section_text(figures: YearReport, name: str, language: str) -> str:
    """One section of the CRF, with what it lacks at the end."""
    lines = [t("crf.head", language, section=t(f"crf.section.{name}", language), years=years_text(figures.year))]
    lines += globals()[f"_{name}"](figures, language)
    return "\n".join(lines + _missing_of(figures, name, language))


def _fonctionnement(figures: YearReport, language: str) -> list[str]:
    part = figures.fonctionnement
    out = []
    for head, column, total_key, total in (("crf.charges", "charges", "crf.total_charges", part.charges),
                                           ("crf.produits", "produits", "crf.total_produits", part.produits)):  # fmt: skip
        items = [t("crf.item", language, label=escape(x.label or t("crf.other_line", language)),
                   amount=money(getattr(x, column), language)) for x in part.lines if getattr(x, column)]  # fmt: skip
        out += [t(head, language), *(items or [t("crf.nothing", language)]),
                t(total_key, language, amount=money(total, language))]  # fmt: skip
    out.append(t("crf.resultat", language, amount=signed_money(part.resultat, language)))
    return out


def _bilan(figures: YearReport, language: str) -> list[str]:
    bilan = figures.bilan
    out = [t("crf.actif", language, banque=signed_money(bilan.banque, language), caisse=money(bilan.caisse, language),
             total=signed_money(bilan.actif, language)),
           t("crf.passif", language, opening=signed_money(bilan.report_a_nouveau, language),
             resultat=signed_money(bilan.resultat, language), total=signed_money(bilan.passif, language))]  # fmt: skip
    if bilan.balanced:
        out.append(t("crf.balanced", language))
    return out


def _rapprochement(figures: YearReport, language: str) -> list[str]:
    part = figures.rapprochement
    out = []
    if part.statement_day is not None:
        out.append(t("crf.statement", language, day=day_text(part.statement_day),
                     balance=signed_money(part.statement_balance, language)))  # fmt: skip
    out += [t("crf.uncashed", language, count=len(part.uncashed), amount=money(part.uncashed_total, language)),
            t("crf.uncredited", language, count=len(part.uncredited), amount=money(part.uncredited_total, language)),
            t("crf.book_banque", language, amount=signed_money(part.book_banque, language))]  # fmt: skip
    if part.difference == 0:
        out.append(t("crf.reconciled", language))
    return out


def _caisse(figures: YearReport, language: str) -> list[str]:
    out = []
    for line in figures.caisse.lines:
        if line.counted is None:
            out.append(t("crf.cash.uncounted", language, ledger=escape(line.ledger_name), book=money(line.book, language)))
        else:
            out.append(t("crf.cash.counted", language, ledger=escape(line.ledger_name), book=money(line.book, language),
                         counted=money(line.counted, language), day=day_text(line.count_day),
                         verdict=t("crf.cash.bravo", language) if line.counted_ok else ""))  # fmt: skip
    return out or [t("crf.cash.none", language)]


def _subventions(figures: YearReport, language: str) -> list[str]:
    items = [t("crf.grant", language, day=day_text(s.day), giver=escape(s.giver or t("crf.grant.no_giver", language)),
               label=escape(s.label), amount=money(s.amount, language)) for s in figures.subventions]  # fmt: skip
    if not items:
        return [t("crf.grants.none", language)]
    return _more(items, language) + [t("crf.total", language, amount=money(figures.subventions_total, language))]


def _inventaire(figures: YearReport, language: str) -> list[str]:
    items = [t("crf.good", language, day=day_text(i.day), label=escape(i.label), ledger=escape(i.ledger_name),
               piece=i.piece, amount=money(i.value, language)) for i in figures.inventaire]  # fmt: skip
    if not items:
        return [t("crf.goods.none", language)]
    return _more(items, language) + [t("crf.total", language, amount=money(figures.inventaire_total, language))]
