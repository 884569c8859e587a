"""The CRF in the chat: store.crf's figures, one short section at a time, each with what it lacks."""

from __future__ import annotations

from html import escape
from typing import Any

from bot.texts import plural, t
from bot.ui.formatting import day_text, money, signed_money, years_text
from store.crf import YearReport

SECTIONS = ("fonctionnement", "bilan", "rapprochement", "caisse", "subventions", "inventaire")
# The CRF's reason codes, by the section that shows them.
SECTION_OF = {"class_ledgers_open": "fonctionnement", "unbalanced": "bilan", "no_august_statement": "rapprochement",
              "unreconciled": "rapprochement", "no_cash_count": "caisse", "cash_count_differs": "caisse",
              "grant_without_giver": "subventions"}  # fmt: skip
SHOWN = 12  # items of a list shown in a section, so that it fits a phone


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
