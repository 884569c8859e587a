"""The sentences of bot/bookkeeping/, in French first and in English (gathered by bot.texts)."""

TEXTS: dict[str, dict[str, str]] = {
    # /pointage: statement files
    "imp.or_file": {"fr": "Ou envoyez ici le fichier du relevé que donne votre banque (CSV ou OFX) : "
                          "le bot propose le pointage de chaque ligne.",
                    "en": "Or send here the statement file your bank gives (CSV or OFX): the bot proposes "
                          "how to tick each line."},
    "imp.again": {"fr": "Rien n'a été modifié. Envoyez un autre fichier, ou choisissez la date du relevé.",
                  "en": "Nothing was changed. Send another file, or choose the statement's date."},
    "imp.error.empty": {"fr": "Ce fichier est vide.", "en": "This file is empty."},
    "imp.error.too_big": {"fr": "Ce fichier est trop gros pour un relevé (1 Mo au plus).",
                          "en": "This file is too big for a statement (1 MB at most)."},
    "imp.error.binary": {"fr": "Ce fichier n'est pas un relevé lisible : il faut l'export CSV ou OFX de votre "
                               "banque, pas un PDF, un tableur ni une image.",
                         "en": "This file is not a statement the bot can read: it takes your bank's CSV or OFX "
                               "export, not a PDF, a spreadsheet or a picture."},
    "imp.error.encoding": {"fr": "Ce fichier est dans un encodage que le bot ne lit pas (UTF-16 ?). Exportez-le "
                                 "à nouveau en CSV, encodé en UTF-8 ou ISO-8859-1.",
                           "en": "This file is in an encoding the bot does not read (UTF-16?). Export it again "
                                 "as CSV, encoded in UTF-8 or ISO-8859-1."},
    "imp.error.unknown_format": {"fr": "Le bot ne reconnaît pas ce fichier : il attend l'export CSV (colonnes "
                                       "séparées par « ; », avec une date et un débit, un crédit ou un montant) "
                                       "ou OFX de votre banque.",
                                 "en": "The bot does not recognise this file: it expects your bank's CSV export "
                                       "(columns separated by \";\", with a date and a debit, a credit or an "
                                       "amount) or OFX."},
    "imp.error.no_lines": {"fr": "Ce relevé ne contient aucune opération.",
                           "en": "This statement holds no transaction."},
    "imp.error.bad_line": {"fr": "Une opération du {day} n'a pas de montant lisible dans ce fichier.",
                           "en": "A transaction of {day} has no amount the bot can read in this file."},
    "imp.error.too_many_lines": {"fr": "Ce relevé a trop de lignes : exportez une période plus courte.",
                                 "en": "This statement has too many lines: export a shorter period."},
    "imp.error.no_balance": {"fr": "Ce fichier ne donne pas le solde du compte : exportez-le avec le solde, "
                                   "ou tapez la date et le solde du relevé.",
                             "en": "This file does not give the account's balance: export it with the balance, "
                                   "or type the statement's date and balance."},
    "imp.error.inconsistent": {"fr": "Ce fichier ne tombe pas juste : solde de début {opening}, opérations "
                                     "{total}, mais solde de fin {closing}. Il manque sans doute des lignes.",
                               "en": "This file does not add up: opening balance {opening}, transactions "
                                     "{total}, but closing balance {closing}. Lines are probably missing."},
    "imp.error.other_account": {"fr": "Ce relevé est celui d'un autre compte ({found}) : le compte de la "
                                      "coopérative est le {expected}.",
                                "en": "This statement is of another account ({found}): the cooperative's "
                                      "account is {expected}."},
    "imp.error.balance_gap": {"fr": "Ce relevé ne fait pas suite au précédent : le relevé du {previous_day} "
                                    "finissait à {previous_balance}, avec les opérations du fichier cela donne "
                                    "{expected}, mais le fichier annonce {closing}. Envoyez le relevé qui manque "
                                    "entre les deux.",
                              "en": "This statement does not follow the previous one: the statement of "
                                    "{previous_day} ended at {previous_balance}, with the file's transactions "
                                    "that makes {expected}, but the file says {closing}. Send the statement "
                                    "missing in between."},
    "imp.error.statement_differs": {"fr": "Un relevé du {day} est déjà saisi avec un autre solde ({balance}).",
                                    "en": "A statement of {day} is already entered with another balance "
                                          "({balance})."},
    "imp.error.line": {"fr": "Cette ligne n'est plus dans le relevé.", "en": "This line is no longer in the statement."},
    "imp.error.done": {"fr": "Cette ligne a déjà son écriture.", "en": "This line already has its entry."},
    "imp.header": {"fr": "<b>Relevé du {day}</b> — coop {affiliation}\nFichier {kind} · solde {balance}",
                   "en": "<b>Statement of {day}</b> — coop {affiliation}\n{kind} file · balance {balance}"},
    "imp.no_account": {"fr": "Le fichier ne donne pas le numéro du compte : il n'a pas pu être vérifié.",
                       "en": "The file does not give the account number: it could not be checked."},
    "imp.account_new": {"fr": "Compte {account} : c'est le premier relevé importé, ce numéro sera enregistré "
                              "pour la coopérative et les relevés suivants devront être de ce compte.",
                        "en": "Account {account}: this is the first statement imported; the number will be "
                              "recorded for the cooperative and later statements must be of that account."},
    "imp.account_ok": {"fr": "Compte {account} : c'est bien celui de la coopérative.",
                       "en": "Account {account}: it is the cooperative's."},
    "imp.skipped": {"fr": "Lignes jusqu'au {day} laissées de côté (déjà sur le relevé de ce jour) : {count}.",
                    "en": "Lines up to {day} left aside (already on that day's statement): {count}."},
    "imp.summary": {"fr": "{lines} : {matched} avec une écriture, {missing} sans écriture.",
                    "en": "{lines}: {matched} with an entry, {missing} without."},
    "imp.instructions": {"fr": "☑ sera pointée (touchez pour décocher), ➕ ligne sans écriture (touchez pour la "
                               "créer) :",
                         "en": "☑ will be ticked (tap to untick), ➕ line without an entry (tap to create it):"},
    "imp.no_entry": {"fr": "→ sans écriture", "en": "→ no entry"},
    "imp.create": {"fr": "➕ {line} : créer l'écriture", "en": "➕ {line}: create the entry"},
    "imp.not_in_file": {"fr": "Au livre mais pas sur le relevé : {count}", "en": "In the books, not on the statement: {count}"},
    "imp.more": {"fr": "… et {count} de plus", "en": "… and {count} more"},
    "imp.finish": {"fr": "✅ Pointer {count}", "en": "✅ Tick {count}"},
    "imp.not_here": {"fr": "Cette ligne a déjà une écriture.", "en": "This line already has an entry."},
    "imp.ask_account": {"fr": "Écriture du cahier de l'école pour la ligne du {day}, {amount} :\n{label}\n"
                              "Sur quel compte de {kind} ?",
                        "en": "School ledger entry for the line of {day}, {amount}:\n{label}\n"
                              "On which {kind} account?"},
    "imp.charge": {"fr": "charges", "en": "expense"},
    "imp.produit": {"fr": "produits", "en": "income"},
    "imp.back": {"fr": "↩️ Retour", "en": "↩️ Back"},
    "imp.created": {"fr": "Écriture {piece} du cahier {ledger} enregistrée : {amount}, {account}.",
                    "en": "Entry {piece} of ledger {ledger} recorded: {amount}, {account}."},
    "imp.account_recorded": {"fr": "Numéro de compte {account} enregistré pour la coopérative : les prochains "
                                   "relevés seront vérifiés.",
                             "en": "Account number {account} recorded for the cooperative: the next statements "
                                   "will be checked."},
    "imp.stopped": {"fr": "Import du relevé abandonné : rien n'a été pointé.",
                    "en": "Statement import dropped: nothing was ticked."},
    "imp.stopped_made": {"fr": "Import du relevé abandonné : rien n'a été pointé, mais les écritures créées "
                               "depuis le fichier restent enregistrées ({entries}).",
                         "en": "Statement import dropped: nothing was ticked, but the entries made from the file "
                               "stay recorded ({entries})."},
    "imp.word.line": {"fr": "ligne|lignes", "en": "line|lines"},
    "imp.word.entry": {"fr": "opération|opérations", "en": "entry|entries"},
}
