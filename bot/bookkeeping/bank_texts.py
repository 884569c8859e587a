"""The sentences of /pointage: bank reconciliation (reconciliation.py) and statement files (statement_import.py),
in French first and in English (gathered by bot.texts with bot/bookkeeping/texts.py)."""

TEXTS: dict[str, dict[str, str]] = {
    # /pointage (reconciliation.py)
    "cmd.pointage": {"fr": "Rapprochement bancaire : pointer les opérations d'un relevé",
                     "en": "Bank reconciliation: tick the entries of a statement"},
    "pnt.pick_coop": {"fr": "Rapprochement bancaire : quelle coopérative ?",
                      "en": "Bank reconciliation: which cooperative?"},
    "pnt.title": {"fr": "<b>Rapprochement bancaire</b>\ncoopérative {affiliation}",
                  "en": "<b>Bank reconciliation</b>\ncooperative {affiliation}"},
    "pnt.ask_day": {"fr": "Date du relevé de compte ? Choisissez, ou tapez-la (jj/mm/aaaa) :",
                    "en": "Date of the bank statement? Choose, or type it (dd/mm/yyyy):"},
    "pnt.known": {"fr": "Relevés déjà saisis : {statements}.", "en": "Statements already entered: {statements}."},
    "pnt.known_one": {"fr": "{day} ({balance})", "en": "{day} ({balance})"},
    "pnt.resume": {"fr": "↩️ Reprendre le relevé du {day}", "en": "↩️ Take up the statement of {day}"},
    "pnt.exists": {"fr": "Le relevé du {day} est déjà saisi (solde {balance}) : reprenons son pointage.",
                   "en": "The statement of {day} is already entered (balance {balance}): let us go on ticking it."},
    "pnt.ask_balance": {"fr": "Solde du relevé du {day} ? Tapez-le comme il est imprimé, par exemple 1\u202f234,56 "
                              "(avec un − devant s'il est négatif) :",
                        "en": "Balance of the statement of {day}? Type it as printed, for example 1,234.56 "
                              "(with a − before it if it is negative):"},
    "pnt.header": {"fr": "<b>Relevé du {day}</b> — coop {affiliation}\nSolde du relevé : {balance}",
                   "en": "<b>Statement of {day}</b> — coop {affiliation}\nStatement balance: {balance}"},
    "pnt.instructions": {"fr": "Cochez les opérations qui figurent sur le relevé, puis « Terminer » :",
                         "en": "Tick the entries the statement shows, then \"Finish\":"},
    "pnt.nothing": {"fr": "Aucune opération en banque à pointer jusqu'au {day}.",
                    "en": "No bank entry to tick up to {day}."},
    "pnt.already": {"fr": "Déjà pointées sur ce relevé : {count}.", "en": "Already ticked on this statement: {count}."},
    "pnt.page": {"fr": "Page {page}/{pages}", "en": "Page {page}/{pages}"},
    "pnt.difference": {"fr": "<b>Écart : {difference}</b>", "en": "<b>Difference: {difference}</b>"},
    "pnt.zero": {"fr": "<b>Écart : {difference}</b> — équilibré ✅\nAppuyez sur « Terminer ».",
                 "en": "<b>Difference: {difference}</b> — balanced ✅\nPress \"Finish\"."},
    "pnt.finish": {"fr": "✅ Terminer", "en": "✅ Finish"},
    "pnt.deposit": {"fr": "Remise n° {number}", "en": "Deposit no. {number}"},
    "pnt.deposit_count": {"fr": "{cheques} remis ensemble", "en": "{cheques} paid in together"},
    "pnt.not_here": {"fr": "Cette opération n'est pas à pointer sur ce relevé.",
                     "en": "This entry is not one to tick on this statement."},
    "pnt.ticked": {"fr": "Pointage enregistré : {ticked} sur le relevé du {day}.",
                   "en": "Ticks recorded: {ticked} on the statement of {day}."},
    "pnt.balanced": {"fr": "Rapprochement équilibré ✅\nSolde du relevé {statement} − dépenses pas encore passées "
                           "en banque {debits} + recettes pas encore créditées {credits} = banque au livre {book}.",
                     "en": "Reconciliation balanced ✅\nStatement balance {statement} − expenses not yet through the "
                           "bank {debits} + receipts not yet credited {credits} = bank in the books {book}."},
    "pnt.left": {"fr": "Écart restant : {difference}. Une opération n'est pas encore pointée, ou une écriture est à "
                       "corriger ; pour reprendre : /pointage, puis « Reprendre le relevé du {day} ».",
                 "en": "Difference left: {difference}. An entry is still to tick, or one is to correct; to go on: "
                       "/pointage, then \"Take up the statement of {day}\"."},
    "pnt.stopped": {"fr": "Pointage interrompu : le relevé du {day} reste enregistré, sans les cases cochées "
                          "depuis. Pour le reprendre : /pointage.",
                    "en": "Ticking stopped: the statement of {day} stays recorded, without the boxes ticked since. "
                          "To take it up again: /pointage."},
    # /pointage: statement files
    "imp.or_file": {"fr": "Ou envoyez ici le fichier du relevé que donne votre banque (CSV, OFX ou CFONB) : "
                          "le bot propose le pointage de chaque ligne.",
                    "en": "Or send here the statement file your bank gives (CSV, OFX or CFONB): the bot proposes "
                          "how to tick each line."},
    "imp.again": {"fr": "Rien n'a été modifié. Envoyez un autre fichier, ou choisissez la date du relevé.",
                  "en": "Nothing was changed. Send another file, or choose the statement's date."},
    "imp.again_balance": {"fr": "Rien n'a été modifié. Tapez le solde du relevé du {day}, ou envoyez un autre fichier.",
                          "en": "Nothing was changed. Type the balance of the statement of {day}, or send another file."},
    "imp.ask_file_day": {"fr": "Ce fichier ne dit pas la date du relevé (sa dernière opération est du {last}). "
                               "Quelle est la date du relevé, celle de son solde ?",
                         "en": "This file does not say the statement's date (its last transaction is of {last}). "
                               "What is the statement's date, that of its balance?"},
    "imp.file_day": {"fr": "Ce fichier est le relevé du {day} (et non du {typed}) : c'est sa date qui est retenue.",
                     "en": "This file is the statement of {day} (not of {typed}): its date is used."},
    "imp.error.no_date": {"fr": "Ce fichier ne dit pas la date du relevé.",
                          "en": "This file does not say the statement's date."},
    "imp.error.day_before_lines": {"fr": "Le relevé ne peut pas être du {day} : le fichier a des opérations "
                                         "jusqu'au {last}.",
                                   "en": "The statement cannot be of {day}: the file has transactions until {last}."},
    "pnt.file.coop": {"fr": "Choisissez d'abord la coopérative avec les boutons. Ce fichier n'a pas été lu.",
                      "en": "Choose the cooperative with the buttons first. That file was not read."},
    "pnt.file.day": {"fr": "Une photo n'est pas lue ici : tapez la date du relevé (jj/mm/aaaa), ou envoyez le "
                           "fichier de votre banque (CSV, OFX ou CFONB) comme document.",
                     "en": "A photo is not read here: type the statement's date (dd/mm/yyyy), or send your bank's "
                           "file (CSV, OFX or CFONB) as a document."},
    "pnt.file.balance": {"fr": "Une photo n'est pas lue ici : tapez le solde du relevé du {day} (par exemple "
                               "1\u202f234,56), ou envoyez le fichier de votre banque (CSV, OFX ou CFONB) comme document.",
                         "en": "A photo is not read here: type the balance of the statement of {day} (for example "
                               "1,234.56), or send your bank's file (CSV, OFX or CFONB) as a document."},
    "pnt.file.pointing": {"fr": "Un relevé est en cours : pointez-le (✅ Terminer) ou annulez-le (/annuler) avant "
                                "d'envoyer un fichier. Ce fichier n'a pas été lu.",
                          "en": "A statement is in progress: tick it (✅ Finish) or cancel it (/annuler) before "
                                "sending a file. That file was not read."},
    "imp.error.empty": {"fr": "Ce fichier est vide.", "en": "This file is empty."},
    "imp.error.too_big": {"fr": "Ce fichier est trop gros pour un relevé (1 Mo au plus).",
                          "en": "This file is too big for a statement (1 MB at most)."},
    "imp.error.binary": {"fr": "Ce fichier n'est pas un relevé lisible : il faut l'export CSV, OFX ou CFONB de "
                               "votre banque, pas un PDF, un tableur ni une image.",
                         "en": "This file is not a statement the bot can read: it takes your bank's CSV, OFX or "
                               "CFONB export, not a PDF, a spreadsheet or a picture."},
    "imp.error.encoding": {"fr": "Ce fichier est dans un encodage que le bot ne lit pas (UTF-16 ?). Exportez-le "
                                 "à nouveau en CSV, encodé en UTF-8 ou ISO-8859-1.",
                           "en": "This file is in an encoding the bot does not read (UTF-16?). Export it again "
                                 "as CSV, encoded in UTF-8 or ISO-8859-1."},
    "imp.error.unknown_format": {"fr": "Le bot ne reconnaît pas ce fichier : il attend l'export CSV (colonnes "
                                       "séparées par « ; », avec une date et un débit, un crédit ou un montant), "
                                       "OFX ou CFONB 120 de votre banque.",
                                 "en": "The bot does not recognise this file: it expects your bank's CSV export "
                                       "(columns separated by \";\", with a date and a debit, a credit or an "
                                       "amount), OFX or CFONB 120."},
    "imp.error.cfonb_length": {"fr": "La ligne {line} de ce fichier CFONB n'a pas 120 caractères ({length}) : "
                                     "le fichier a été coupé ou modifié. Téléchargez-le à nouveau.",
                               "en": "Line {line} of this CFONB file is not 120 characters long ({length}): the "
                                     "file was cut or changed. Download it again."},
    "imp.error.cfonb_record": {"fr": "La ligne {line} de ce fichier CFONB commence par « {code} » : 01 (ancien "
                                     "solde), 04 (opération), 05 (complément) ou 07 (nouveau solde) attendu.",
                               "en": "Line {line} of this CFONB file starts with \"{code}\": 01 (previous "
                                     "balance), 04 (transaction), 05 (detail) or 07 (new balance) expected."},
    "imp.error.cfonb_order": {"fr": "La ligne {line} de ce fichier CFONB n'est pas à sa place : un relevé va "
                                    "d'un ancien solde (01) à un nouveau solde (07), d'un seul compte.",
                              "en": "Line {line} of this CFONB file is out of place: a statement goes from a "
                                    "previous balance (01) to a new balance (07), of one account."},
    "imp.error.cfonb_currency": {"fr": "La ligne {line} de ce fichier CFONB n'est pas en euros ({currency}).",
                                 "en": "Line {line} of this CFONB file is not in euros ({currency})."},
    "imp.error.cfonb_date": {"fr": "La ligne {line} de ce fichier CFONB a une date illisible (JJMMAA attendu).",
                             "en": "Line {line} of this CFONB file has an unreadable date (DDMMYY expected)."},
    "imp.error.cfonb_amount": {"fr": "La ligne {line} de ce fichier CFONB a un montant illisible.",
                               "en": "Line {line} of this CFONB file has an unreadable amount."},
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
    "imp.error.none_of_accounts": {"fr": "Ce fichier contient les relevés de {count} comptes, mais aucun n'est celui "
                                         "de la coopérative ({expected}).",
                                   "en": "This file holds the statements of {count} accounts, but none is the "
                                         "cooperative's ({expected})."},
    "imp.which_account": {"fr": "Ce fichier contient les relevés de {count} comptes. Lequel est le compte de la "
                                "coopérative ? Son numéro sera enregistré, et les relevés suivants devront être de "
                                "ce compte.",
                          "en": "This file holds the statements of {count} accounts. Which one is the cooperative's? "
                                "Its number will be recorded, and the next statements must be of that account."},
    "imp.account_button": {"fr": "Compte {account}", "en": "Account {account}"},
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
    "imp.already": {"fr": "déjà pointée", "en": "already ticked"},
    "imp.finish_first": {"fr": "Un relevé est en cours : pointez-le (✅ Pointer) ou annulez-le (Annuler) avant "
                               "d'envoyer un autre fichier. Ce fichier n'a pas été lu.",
                         "en": "A statement is in progress: tick it (✅ Tick) or cancel it (Cancel) before sending "
                               "another file. That file was not read."},
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
}  # fmt: skip
