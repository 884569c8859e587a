"""The sentences of bot/exports/, in French first and in English (gathered by bot.texts)."""

TEXTS: dict[str, dict[str, str]] = {
    "cmd.export": {"fr": "Exporter les comptes : journal CSV ou Excel, cahier PDF, justificatifs",
                   "en": "Export the books: journal as CSV or Excel, ledger as PDF, receipts"},
    "exp.nothing": {"fr": "Vous n'avez pas encore de cahier à exporter.", "en": "You have no ledger to export yet."},
    "exp.ask_kind": {"fr": "Quel fichier voulez-vous ?", "en": "Which file do you want?"},
    "exp.kind.csv": {"fr": "📄 Journal (CSV)", "en": "📄 Journal (CSV)"},
    "exp.kind.xlsx": {"fr": "📊 Journal (Excel)", "en": "📊 Journal (Excel)"},
    "exp.kind.pdf": {"fr": "🖨 Cahier de comptabilité (PDF)", "en": "🖨 Ledger book (PDF)"},
    "exp.kind.zip": {"fr": "📎 Justificatifs (ZIP)", "en": "📎 Receipts (ZIP)"},
    "exp.kind.crf": {"fr": "📄 Compte rendu (PDF)", "en": "📄 Year report (PDF)"},
    "exp.what.crf": {"fr": "Compte rendu financier et d'activités", "en": "Financial and activity report"},
    "exp.crf_coops": {"fr": "Le compte rendu se fait pour toute la coopérative : vous n'en lisez aucune.",
                      "en": "The year report covers a whole cooperative: you read none."},
    "crf.state.not_started": {"fr": "pas commencé", "en": "not started"},
    "crf.state.in_progress": {"fr": "en cours", "en": "in progress"},
    "crf.state.ledgers_open": {"fr": "en cours, cahiers de classe non clos", "en": "in progress, class ledgers open"},
    "crf.state.quitus_requested": {"fr": "quitus demandé", "en": "quitus requested"},
    "crf.state.sent": {"fr": "envoyé à l'OCCE", "en": "sent to the OCCE"},
    "crf.state.to_complete": {"fr": "à compléter", "en": "to complete"},
    "crf.state.modified": {"fr": "modifié après envoi", "en": "modified after sending"},
    "crf.state.validated": {"fr": "validé par l'OCCE", "en": "validated by the OCCE"},
    "exp.ask_scope": {"fr": "Pour quel cahier ?", "en": "For which ledger?"},
    "exp.ask_scope_typed": {"fr": "Pour quel cahier ? Ou tapez le numéro d'une coopérative (par exemple {example}) "
                                  "ou le nom de son école :",
                            "en": "For which ledger? Or type a cooperative's number (for example {example}) or its "
                                  "school's name:"},
    "exp.ask_coop": {"fr": "Tapez le numéro de la coopérative (par exemple {example}) ou le nom de son école :",
                     "en": "Type the cooperative's number (for example {example}) or its school's name:"},
    "exp.bad_coop": {"fr": "« {typed} » n'est pas une coopérative de votre département. "
                           "Tapez son numéro, par exemple {example}, ou le nom de son école :",
                     "en": "\"{typed}\" is not a cooperative of your department. Type its number, for example "
                           "{example}, or its school's name:"},
    "exp.bad_name": {"fr": "« {typed} » : aucune école de votre département n'a ce nom, ou plusieurs. Tapez le nom "
                           "complet de l'école, ou le numéro de la coopérative (par exemple {example}) :",
                     "en": "\"{typed}\": no school of your department has that name, or several do. Type the "
                           "school's full name, or the cooperative's number (for example {example}):"},
    "exp.use_buttons": {"fr": "Choisissez le cahier avec un des boutons ci-dessus.",
                        "en": "Choose the ledger with one of the buttons above."},
    "exp.button.coop": {"fr": "🏫 Toute la coopérative {affiliation}", "en": "🏫 The whole cooperative {affiliation}"},
    "exp.button.ledger": {"fr": "📒 {name} ({affiliation})", "en": "📒 {name} ({affiliation})"},
    "exp.ask_period": {"fr": "Quelle période ({name}) ?", "en": "Which period ({name})?"},
    "exp.button.year": {"fr": "Exercice {years}", "en": "Year {years}"},
    "exp.button.range": {"fr": "📅 Autres dates…", "en": "📅 Other dates…"},
    "exp.ask_range": {"fr": "Tapez la période, du jj/mm/aaaa au jj/mm/aaaa (par exemple {example}) :",
                      "en": "Type the period, from dd/mm/yyyy to dd/mm/yyyy (for example {example}):"},
    "exp.range.invalid": {"fr": "« {typed} » : tapez deux dates jj/mm/aaaa, la première puis la dernière "
                                "(par exemple {example}) :",
                          "en": "\"{typed}\": type two dates dd/mm/yyyy, the first then the last (for example {example}):"},
    "exp.range.not_a_day": {"fr": "« {day} » n'est pas une date. Tapez la période, par exemple {example} :",
                            "en": "\"{day}\" is not a date. Type the period, for example {example}:"},
    "exp.range.backwards": {"fr": "La période finit avant de commencer ({typed}). Tapez d'abord la première date, "
                                  "par exemple {example} :",
                            "en": "The period ends before it starts ({typed}). Type the first date first, "
                                  "for example {example}:"},
    "exp.range.span": {"fr": "La période doit tenir dans un exercice, du 1er septembre au 31 août ({typed}). "
                             "Tapez-la de nouveau, par exemple {example} :",
                       "en": "The period must lie within one year, 1 September to 31 August ({typed}). "
                             "Type it again, for example {example}:"},
    "exp.year_closed": {"fr": "L'exercice {years} n'est plus proposé : choisissez une période ci-dessous.",
                        "en": "The year {years} is no longer offered: choose a period below."},
    "exp.making": {"fr": "Je prépare le fichier…", "en": "Preparing the file…"},
    "exp.caption": {"fr": "{what} — {name}, {period}", "en": "{what} — {name}, {period}"},
    "exp.what.csv": {"fr": "Journal (CSV)", "en": "Journal (CSV)"},
    "exp.what.xlsx": {"fr": "Journal (Excel)", "en": "Journal (Excel)"},
    "exp.what.pdf": {"fr": "Cahier de comptabilité", "en": "Ledger book"},
    "exp.what.zip": {"fr": "Justificatifs", "en": "Receipts"},
    "exp.period.year": {"fr": "exercice {years}", "en": "year {years}"},
    "exp.period.range": {"fr": "du {first} au {last}", "en": "from {first} to {last}"},
    "exp.receipts": {"fr": "{count} dans ce fichier, avec leur index (index.csv).",
                     "en": "{count} in this file, with their index (index.csv)."},
    "exp.no_receipts": {"fr": "Aucune écriture de cette période n'a de justificatif : pas de fichier à envoyer.",
                        "en": "No entry of this period has a receipt: no file to send."},
    "word.receipt_file": {"fr": "justificatif|justificatifs", "en": "receipt|receipts"},
    "solde.chart": {"fr": "📈 Graphique de l'année ({affiliation})", "en": "📈 Chart of the year ({affiliation})"},
    "solde.chart_caption": {"fr": "Coopérative {affiliation}, exercice {years} : recettes et dépenses par mois, "
                                  "solde en fin de mois, dépenses par compte.",
                            "en": "Cooperative {affiliation}, year {years}: receipts and expenses per month, "
                                  "balance at the end of each month, expenses by account."},
    "mandate.form": {"fr": "Le formulaire de changement de mandataire de la coopérative {affiliation}, prérempli : "
                           "complétez le compte bancaire, signez-le et remettez-le à la banque.",
                     "en": "The change of mandataire form of cooperative {affiliation}, prefilled: add the bank "
                           "account, sign it and hand it to the bank."},
}
