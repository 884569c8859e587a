"""Every sentence the bot says, in French first and in English.

The sentences shared by every feature are below; each feature folder keeps its own in
``bot/<folder>/texts.py`` (a plain ``TEXTS`` dict that imports nothing), split by concept into
``<concept>_texts.py`` beside it when it grows large, all gathered here at import, so that a
sentence exists whichever module asks first.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from telegram import Update, User

TEXTS: dict[str, dict[str, str]] = {
    # Command descriptions: /aide and the command menus.
    "cmd.start": {"fr": "Accueil, et ouverture d'une invitation",
                  "en": "Welcome, and opening an invitation"},
    "cmd.aide": {"fr": "Les commandes que vous pouvez utiliser",
                 "en": "The commands you can use"},
    "cmd.annuler": {"fr": "Abandonner l'opération en cours",
                    "en": "Leave what you are doing"},

    "cmd.moi": {"fr": "Qui je suis : mes rôles, coopératives et classes",
                "en": "Who I am: my roles, cooperatives and classes"},
    "cmd.inviter": {"fr": "Inviter un·e collègue (lien à transmettre)",
                    "en": "Invite a colleague (a link to forward)"},
    "cmd.mandataire": {"fr": "Changer de mandataire (désigner un successeur)",
                       "en": "Change of mandataire (designate a successor)"},
    "cmd.contact": {"fr": "Écrire à votre OCCE départemental",
                    "en": "Write to your departmental OCCE"},

    "cmd.adhesion": {"fr": "Renouveler l'adhésion : le tableau des classes",
                     "en": "Membership renewal: the table of classes"},
    "cmd.cahiers": {"fr": "Les cahiers de la coopérative, et en créer un par classe",
                    "en": "The cooperative's ledgers, and creating one per class"},
    "cmd.valider": {"fr": "Suivre et valider les adhésions du département",
                    "en": "Follow and validate the department's memberships"},
    # /adhesion: the table
    "adh.title": {"fr": "<b>Adhésion {years}</b> — coopérative {affiliation} ({school})",
                  "en": "<b>Membership {years}</b> — cooperative {affiliation} ({school})"},
    "adh.state.new": {"fr": "Pas encore commencée. Date limite : {deadline}.",
                      "en": "Not started yet. Deadline: {deadline}."},
    "adh.state.not_started": {"fr": "Pas encore commencée.", "en": "Not started yet."},
    "adh.state.draft": {"fr": "📝 Brouillon, à valider avant le {deadline}.",
                        "en": "📝 Draft, to validate before {deadline}."},
    "adh.state.late": {"fr": "⚠️ En retard : la date limite était le {deadline}. Validez dès que possible.",
                       "en": "⚠️ Late: the deadline was {deadline}. Validate as soon as you can."},
    "adh.state.reopened": {"fr": "↩️ Rouverte par l'OCCE : « {reason} »", "en": "↩️ Reopened by the OCCE: \"{reason}\""},
    "adh.state.submitted": {"fr": "⏳ Transmise à l'OCCE le {day}, en attente de sa validation.",
                            "en": "⏳ Sent to the OCCE on {day}, waiting for its validation."},
    "adh.state.validated": {"fr": "✅ Validée par l'OCCE le {day}. Elle n'est plus modifiable.",
                            "en": "✅ Validated by the OCCE on {day}. It can no longer be changed."},
    "adh.empty": {"fr": "Aucune classe pour l'instant.", "en": "No class yet."},
    "adh.row.counts": {"fr": "{teachers} ens. · {pupils} · {adults} = {total}",
                       "en": "{teachers} teach. · {pupils} · {adults} = {total}"},
    "adh.row.ledger": {"fr": "cahier {ledger}", "en": "ledger {ledger}"},
    "adh.total": {"fr": "<b>Total</b> : {teachers} ens. · {pupils} · {adults} = {members}",
                  "en": "<b>Total</b>: {teachers} teach. · {pupils} · {adults} = {members}"},
    "adh.fee": {"fr": "<b>Cotisation</b> : {members} × ({cotisation} + {assurance}) = <b>{fee}</b>",
                "en": "<b>Fee</b>: {members} × ({cotisation} + {assurance}) = <b>{fee}</b>"},
    "adh.fee.adult": {"fr": "<b>Cotisation</b> : {pupils} × ({cotisation} + {assurance}) + {adults} × {adult_rate} = <b>{fee}</b>",
                      "en": "<b>Fee</b>: {pupils} × ({cotisation} + {assurance}) + {adults} × {adult_rate} = <b>{fee}</b>"},
    "adh.page": {"fr": "Page {page}/{pages}", "en": "Page {page}/{pages}"},
    "adh.from_last_year": {"fr": "Les classes de l'an dernier sont reprises : vérifiez les effectifs de chacune.",
                           "en": "Last year's classes are copied: check each one's numbers."},
    "adh.button.last_year": {"fr": "Reprendre les classes de {years}", "en": "Copy the classes of {years}"},
    "adh.button.empty": {"fr": "Partir d'un tableau vide", "en": "Start from an empty table"},
    "adh.button.add": {"fr": "➕ Ajouter une classe", "en": "➕ Add a class"},
    "adh.button.edit": {"fr": "✏️ Modifier", "en": "✏️ Change"},
    "adh.button.delete": {"fr": "🗑 Supprimer", "en": "🗑 Delete"},
    "adh.button.submit": {"fr": "✅ Valider l'adhésion", "en": "✅ Validate the membership"},
    "adh.button.ledgers": {"fr": "📒 Cahiers de classe", "en": "📒 Class ledgers"},
    "adh.button.pdf": {"fr": "📄 Attestation (PDF)", "en": "📄 Certificate (PDF)"},
    "button.close": {"fr": "Fermer", "en": "Close"},
    "button.back": {"fr": "↩️ Retour", "en": "↩️ Back"},
    "button.previous": {"fr": "◀️", "en": "◀️"},
    "button.next": {"fr": "▶️", "en": "▶️"},
    "adh.closed": {"fr": "Tableau fermé. /adhesion pour le rouvrir.", "en": "Table closed. /adhesion to open it again."},
    # /adhesion: a row
    "adh.ask.class": {"fr": "Nouvelle classe — son nom et/ou son niveau (par exemple CE1 CE2, ou CE1A) :",
                      "en": "New class — its name and/or level (for example CE1 CE2, or CE1A):"},
    "adh.ask.teachers": {"fr": "Enseignant·es de {class_name} : « Prénom Nom e-mail », un par ligne.\n"
                               "Par exemple : Anne Payet anne.payet@ac-reunion.fr",
                         "en": "Teacher(s) of {class_name}: \"First Last e-mail\", one per line.\n"
                               "For example: Anne Payet anne.payet@ac-reunion.fr"},
    "adh.ask.pupils": {"fr": "Nombre d'élèves de {class_name} (0 à 500) :",
                       "en": "Number of pupils in {class_name} (0 to 500):"},
    "adh.ask.other_adults": {"fr": "Nombre d'autres adultes de {class_name} : ATSEM, AVS… (0 à 50) :",
                             "en": "Number of other adults in {class_name}: ATSEM, AVS… (0 to 50):"},
    "adh.confirm_row": {"fr": "Ligne à enregistrer :\n\n{row}", "en": "Row to save:\n\n{row}"},
    "adh.button.save": {"fr": "✅ Enregistrer", "en": "✅ Save"},
    "adh.button.drop_row": {"fr": "✖️ Abandonner cette ligne", "en": "✖️ Drop this row"},
    "adh.saved": {"fr": "Ligne {number} ({class_name}) enregistrée.", "en": "Row {number} ({class_name}) saved."},
    "adh.row_dropped": {"fr": "Ligne abandonnée ; les lignes déjà enregistrées sont gardées.",
                        "en": "Row dropped; the rows already saved are kept."},
    "adh.error.class_name": {"fr": "Le nom de la classe doit faire de 1 à 30 caractères (par exemple CE1 CE2). Retapez-le :",
                             "en": "The class name must be 1 to 30 characters long (for example CE1 CE2). Type it again:"},
    "adh.error.class_no_letter": {"fr": "Un nom de classe contient au moins une lettre ou un chiffre (par exemple CE1 CE2). "
                                        "Retapez-le :",
                                  "en": "A class name holds at least one letter or digit (for example CE1 CE2). "
                                        "Type it again:"},
    "adh.error.teacher_format": {"fr": "Je n'ai pas compris « {chunk} » : il faut le prénom, le nom et l'e-mail "
                                       "(par exemple Anne Payet anne.payet@ac-reunion.fr). Retapez la liste :",
                                 "en": "I did not understand \"{chunk}\": first name, last name and e-mail are needed "
                                       "(for example Anne Payet anne.payet@ac-reunion.fr). Type the list again:"},
    "adh.error.teacher_email": {"fr": "« {email} » n'est pas une adresse e-mail valable. Retapez la liste :",
                                "en": "\"{email}\" is not a valid e-mail address. Type the list again:"},
    "adh.error.teacher_twice": {"fr": "« {email} » est deux fois dans la liste : chaque enseignant·e une seule fois. "
                                      "Retapez la liste :",
                                "en": "\"{email}\" is twice in the list: each teacher once. Type the list again:"},
    "adh.error.teacher_count": {"fr": "Il faut de 1 à 20 enseignant·es par classe, un par ligne. Retapez la liste :",
                                "en": "A class needs 1 to 20 teachers, one per line. Type the list again:"},
    "adh.error.count_format": {"fr": "Tapez un nombre entier, de {low} à {high} (par exemple 24) :",
                               "en": "Type a whole number, from {low} to {high} (for example 24):"},
    "adh.error.count_range": {"fr": "Ce nombre doit être entre {low} et {high}. Retapez-le :",
                              "en": "This number must be between {low} and {high}. Type it again:"},
    "adh.error.locked": {"fr": "L'OCCE a validé cette adhésion : elle n'est plus modifiable. Écrivez-lui (/contact) pour la rouvrir.",
                         "en": "The OCCE validated this membership: it can no longer be changed. Write to it (/contact) to reopen it."},
    "adh.error.no_rows": {"fr": "Ajoutez au moins une classe avant de valider.",
                          "en": "Add at least one class before validating."},
    "adh.error.not_found": {"fr": "Cette ligne n'existe plus.", "en": "This row no longer exists."},
    "adh.error.has_ledger": {"fr": "La ligne {number} ({class_name}) a un cahier ({ledger}) : elle ne peut plus être supprimée.",
                             "en": "Row {number} ({class_name}) has a ledger ({ledger}): it can no longer be deleted."},
    "adh.error.not_submitted": {"fr": "Cette adhésion n'attend pas de validation (déjà validée, ou rouverte).",
                                "en": "This membership is not waiting for validation (already validated, or reopened)."},
    # /adhesion: changing and deleting
    "adh.pick_edit": {"fr": "Quelle ligne modifier ?", "en": "Which row to change?"},
    "adh.pick_delete": {"fr": "Quelle ligne supprimer ?", "en": "Which row to delete?"},
    "adh.pick_field": {"fr": "Que modifier pour la ligne {number} ({class_name}) ?",
                       "en": "What to change in row {number} ({class_name})?"},
    "adh.field.class_name": {"fr": "Classe", "en": "Class"},
    "adh.field.teachers": {"fr": "Enseignant·es", "en": "Teachers"},
    "adh.field.pupils": {"fr": "Élèves", "en": "Pupils"},
    "adh.field.other_adults": {"fr": "Autres adultes", "en": "Other adults"},
    "adh.ask_edit.class_name": {"fr": "Nouveau nom de la classe (actuellement {current}) :",
                                "en": "New class name (now {current}):"},
    "adh.changed": {"fr": "Ligne {number} modifiée.", "en": "Row {number} changed."},
    "adh.confirm_delete": {"fr": "Supprimer la ligne {number} ({class_name}) ?", "en": "Delete row {number} ({class_name})?"},
    "adh.button.yes_delete": {"fr": "🗑 Oui, supprimer", "en": "🗑 Yes, delete"},
    "adh.deleted": {"fr": "Ligne {number} ({class_name}) supprimée.", "en": "Row {number} ({class_name}) deleted."},
    # /adhesion: the engagement
    "adh.engagement": {"fr": "<b>Engagement du mandataire</b>\n\nAdhésion {years} de la coopérative {affiliation} : "
                             "{rows} classes, {members} membres, cotisation de {fee}.\n\nEn validant, je certifie "
                             "l'exactitude de ces effectifs et je m'engage, au nom de la coopérative, à respecter "
                             "les statuts de l'OCCE et à régler la cotisation.",
                       "en": "<b>The mandataire's engagement</b>\n\nMembership {years} of cooperative {affiliation}: "
                             "{rows} classes, {members} members, fee {fee}.\n\nBy validating, I certify these numbers "
                             "and commit, on behalf of the cooperative, to the OCCE's statutes and to paying the fee."},
    "adh.button.engage": {"fr": "✅ Je m'engage et je valide", "en": "✅ I commit and validate"},
    "adh.submitted": {"fr": "Adhésion transmise à l'OCCE {department} : elle vous préviendra de sa validation.",
                      "en": "Membership sent to OCCE {department}: it will tell you when it is validated."},
    "adh.to_validate": {"fr": "📥 La coopérative {affiliation} ({school}) a validé son adhésion {years} : "
                              "{members} membres, cotisation de {fee}.",
                        "en": "📥 Cooperative {affiliation} ({school}) validated its membership {years}: "
                              "{members} members, fee {fee}."},
    "adh.button.validate": {"fr": "✅ Valider l'adhésion de {affiliation}", "en": "✅ Validate {affiliation}'s membership"},
    "adh.validated": {"fr": "Adhésion {years} de la coopérative {affiliation} validée.",
                      "en": "Membership {years} of cooperative {affiliation} validated."},
    "adh.button.reopen": {"fr": "↩️ Rouvrir l'adhésion de {affiliation}", "en": "↩️ Reopen {affiliation}'s membership"},
    "adh.reopened": {"fr": "Adhésion de la coopérative {affiliation} rouverte : le mandataire peut la modifier.",
                     "en": "Membership of cooperative {affiliation} reopened: the mandataire can change it."},
    "adh.told_validated": {"fr": "🎉 L'OCCE a validé l'adhésion {years} de la coopérative {affiliation}. "
                                 "L'attestation est disponible dans /adhesion.",
                           "en": "🎉 The OCCE validated the membership {years} of cooperative {affiliation}. "
                                 "The certificate is available in /adhesion."},
    # /valider
    "follow.title": {"fr": "<b>Adhésions {years} — OCCE {department}</b>", "en": "<b>Memberships {years} — OCCE {department}</b>"},
    "follow.submitted": {"fr": "⏳ À valider", "en": "⏳ To validate"},
    "follow.late": {"fr": "⚠️ En retard", "en": "⚠️ Late"},
    "follow.draft": {"fr": "📝 En cours", "en": "📝 In progress"},
    "follow.new": {"fr": "Pas commencées", "en": "Not started"},
    "follow.validated": {"fr": "✅ Validées", "en": "✅ Validated"},
    "follow.group": {"fr": "{group} ({count}) : {coops}", "en": "{group} ({count}): {coops}"},
    "follow.more": {"fr": "… et {others}", "en": "… and {others}"},
    "follow.nothing": {"fr": "Aucune coopérative dans ce département.", "en": "No cooperative in this department."},
    # /cahiers
    "led.title": {"fr": "<b>Cahiers de la coopérative {affiliation}</b>", "en": "<b>Ledgers of cooperative {affiliation}</b>"},
    "led.school": {"fr": "• {name} — cahier de l'école", "en": "• {name} — the school's ledger"},
    "led.class": {"fr": "• {name} — classe {class_name} ({teachers})", "en": "• {name} — class {class_name} ({teachers})"},
    "led.class_bare": {"fr": "• {name} — cahier de classe", "en": "• {name} — class ledger"},
    "led.without": {"fr": "Classes de l'adhésion {years} sans cahier : {classes}.",
                    "en": "Classes of membership {years} without a ledger: {classes}."},
    "led.none_without": {"fr": "Chaque classe de l'adhésion {years} a son cahier.",
                         "en": "Every class of membership {years} has its ledger."},
    "led.no_adhesion": {"fr": "Ajoutez d'abord les classes dans /adhesion : un cahier de classe se crée à partir de sa ligne.",
                        "en": "First add the classes in /adhesion: a class ledger is created from its row."},
    "led.button.create": {"fr": "➕ Cahier pour {class_name}", "en": "➕ Ledger for {class_name}"},
    "led.ask_name": {"fr": "Nom du cahier de la classe {class_name} : 10 caractères au plus, différent des cahiers "
                           "existants ({existing}).",
                     "en": "Name of the ledger of class {class_name}: 10 characters at most, different from the "
                           "existing ledgers ({existing})."},
    "led.error.empty": {"fr": "Le nom ne peut pas être vide. Tapez un nom de 1 à 10 caractères :",
                        "en": "The name cannot be empty. Type a name of 1 to 10 characters:"},
    "led.error.too_long": {"fr": "« {typed} » fait {length} caractères : 10 au plus. Tapez un nom plus court :",
                           "en": "\"{typed}\" is {length} characters long: 10 at most. Type a shorter name:"},
    "led.error.duplicate": {"fr": "« {typed} » se confond avec le cahier « {clash} » (cahiers existants : {existing}). Tapez un autre nom :",
                            "en": "\"{typed}\" is too close to ledger \"{clash}\" (existing ledgers: {existing}). Type another name:"},
    "led.created": {"fr": "Cahier « {name} » créé pour la classe {class_name}. Invitez son ou ses enseignant·es :",
                    "en": "Ledger \"{name}\" created for class {class_name}. Invite its teacher(s):"},
    "led.button.invite": {"fr": "🔗 Inviter {teacher}", "en": "🔗 Invite {teacher}"},
    "led.has_ledger": {"fr": "Cette classe a déjà son cahier.", "en": "This class already has its ledger."},

    # Bookkeeping: shared words
    "means.especes": {"fr": "espèces", "en": "cash"},
    "means.cheque": {"fr": "chèque", "en": "cheque"},
    "means.cheque_no": {"fr": "n° {number}", "en": "no. {number}"},
    "means.carte": {"fr": "carte", "en": "card"},
    "means.virement": {"fr": "virement", "en": "transfer"},
    "means.prelevement": {"fr": "prélèvement", "en": "direct debit"},
    "direction.depense": {"fr": "dépense", "en": "expense"},
    "direction.recette": {"fr": "recette", "en": "receipt"},
    "treasury.banque": {"fr": "banque", "en": "bank"},
    "treasury.caisse": {"fr": "caisse", "en": "cash box"},
    "entry.cancelled": {"fr": "annulée", "en": "cancelled"},
    "ledger.school": {"fr": "{name} (école)", "en": "{name} (school)"},
    "balance.line": {"fr": "cahier {ledger} : {total} (banque {banque} · caisse {caisse})",
                     "en": "ledger {ledger}: {total} (bank {banque} · cash {caisse})"},
    "balance.of_year": {"fr": "{ledger}, exercice {years}", "en": "{ledger}, year {years}"},
    "balance.lines": {"fr": "cahier {ledger} : {total}\n   banque {banque} · caisse {caisse}",
                      "en": "ledger {ledger}: {total}\n   bank {banque} · cash {caisse}"},
    "books.report_sent": {"fr": "⚠️ Le compte rendu {years} déjà envoyé sera modifié : l'AD en sera prévenue.",
                          "en": "⚠️ The {years} report already sent will be modified: the AD will be told."},
    "books.no_ledger": {"fr": "Vous n'avez pas encore de cahier où écrire.",
                        "en": "You have no ledger to write in yet."},
    # Refusals of the bookkeeping rules (store.errors.LedgerError)
    "ledger.error.amount_not_positive": {"fr": "Le montant doit être positif, par exemple 12,50.",
                                         "en": "The amount must be positive, for example 12.50."},
    "ledger.error.amount_too_large": {"fr": "Le montant dépasse 100\u202f000\xa0€ : vérifiez-le (par exemple 1\u202f234,56).",
                                      "en": "The amount is over €100,000: check it (for example 1,234.56)."},
    "ledger.error.label_empty": {"fr": "Le libellé est vide : tapez quelques mots (par exemple Piles pour la classe).",
                                 "en": "The label is empty: type a few words (for example Batteries for the class)."},
    "ledger.error.label_length": {"fr": "Le libellé doit faire de 1 à 120 caractères : raccourcissez-le.",
                                  "en": "The label must be 1 to 120 characters long: shorten it."},
    "ledger.error.project_invalid": {"fr": "Un projet s'écrit en lettres, chiffres ou tirets, 32 au plus (par exemple #classeverte).",
                                     "en": "A project is letters, digits or dashes, 32 at most (for example #classeverte)."},
    "ledger.error.future": {"fr": "La date ne peut pas être dans le futur.", "en": "The date cannot be in the future."},
    "ledger.error.year_not_open": {"fr": "L'exercice {year}-{next_year} n'est plus ouvert : choisissez une date de l'exercice en cours.",
                                   "en": "The {year}-{next_year} year is no longer open: choose a date in the current year."},
    "ledger.error.closed_year": {"fr": "L'exercice {year}-{next_year} est clos : plus rien n'y change.",
                                 "en": "The {year}-{next_year} year is closed: nothing in it changes any more."},
    "ledger.error.other_year": {"fr": "Une écriture ne peut pas changer d'exercice : annulez-la et refaites-la.",
                                "en": "An entry cannot change year: cancel it and record it again."},
    "ledger.error.means_direction": {"fr": "Un prélèvement ne fait que sortir de l'argent : une recette se reçoit en "
                                           "espèces, par chèque, carte ou virement.",
                                     "en": "A direct debit only takes money out: a receipt comes in cash, by cheque, "
                                           "card or transfer."},
    "ledger.error.means_treasury": {"fr": "La caisse ne reçoit que des espèces, et les espèces vont en caisse.",
                                    "en": "The cash box only takes cash, and cash goes to the cash box."},
    "ledger.error.cheque_number_required": {"fr": "Il faut le numéro du chèque (des chiffres, par exemple 1234567).",
                                            "en": "The cheque number is needed (digits, for example 1234567)."},
    "ledger.error.cheque_number_invalid": {"fr": "Le numéro du chèque s'écrit en chiffres, 12 au plus (par exemple 1234567).",
                                           "en": "A cheque number is digits, 12 at most (for example 1234567)."},
    "ledger.error.no_split": {"fr": "Choisissez au moins un compte.", "en": "Choose at least one account."},
    "ledger.error.split_not_positive": {"fr": "Chaque part doit être positive.", "en": "Each part must be positive."},
    "ledger.error.unknown_account": {"fr": "Je ne connais pas le compte « {account} ».",
                                     "en": "I don't know the account \"{account}\"."},
    "ledger.error.wrong_class": {"fr": "Le compte {account} ne convient pas à ce sens (dépense : classe 6, recette : classe 7).",
                                 "en": "Account {account} does not suit this direction (expense: class 6, receipt: class 7)."},
    "ledger.error.splits_mismatch": {"fr": "Les parts ne font pas le total : il reste {difference} à répartir.",
                                     "en": "The parts do not add up: {difference} is left to split."},
    "ledger.error.caisse_negative": {"fr": "La caisse ne peut pas passer sous zéro : elle contient {caisse} à cette date.",
                                     "en": "The cash box cannot go below zero: it holds {caisse} on that day."},
    "ledger.error.caisse_short": {"fr": "La caisse ne peut pas passer sous zéro : elle descendrait à {caisse}, car des "
                                        "dépenses en espèces enregistrées après comptent sur cette somme.",
                                  "en": "The cash box cannot go below zero: it would fall to {caisse}, as cash expenses "
                                        "recorded after it count on this sum."},
    "ledger.error.cancelled": {"fr": "Cette écriture est déjà annulée.", "en": "This entry is already cancelled."},
    "ledger.error.ticked": {"fr": "Cette écriture est pointée sur un relevé : sa date, son montant et son moyen ne changent plus.",
                            "en": "This entry is ticked on a statement: its date, amount and means no longer change."},
    "ledger.error.movement": {"fr": "Un mouvement interne ne se modifie pas : annulez-le et refaites-le.",
                              "en": "An internal movement is not edited: cancel it and record it again."},
    "ledger.error.wrong_ledgers": {"fr": "Ce mouvement ne va pas entre ces cahiers.",
                                   "en": "This movement does not go between these ledgers."},
    "ledger.error.carried_forward": {"fr": "Le report à nouveau de ce cahier vient de l'exercice précédent.",
                                     "en": "This ledger's opening balance comes from the previous year."},
    "ledger.error.before_opening": {"fr": "Ce cahier commence plus tard : rien ne peut être daté avant son report à nouveau.",
                                    "en": "This ledger starts later: nothing can be dated before its opening balance."},
    "ledger.error.statement_exists": {"fr": "Un relevé existe déjà à cette date.", "en": "A statement already exists on that day."},
    "ledger.error.not_bank_entry": {"fr": "Seules les écritures en banque se pointent.", "en": "Only bank entries are ticked."},
    "ledger.error.already_ticked": {"fr": "Cette écriture est déjà pointée.", "en": "This entry is already ticked."},
    "ledger.error.after_statement": {"fr": "Cette écriture est postérieure au relevé.", "en": "This entry is after the statement."},
    "ledger.error.count_missing": {"fr": "Donnez le nombre de billets et pièces, ou un total.",
                                   "en": "Give the number of notes and coins, or a total."},
    "ledger.error.count_negative": {"fr": "Un nombre de billets ou pièces ne peut pas être négatif.",
                                    "en": "A number of notes or coins cannot be negative."},
    "ledger.error.denomination": {"fr": "Ce billet ou cette pièce n'existe pas.", "en": "This note or coin does not exist."},
    "ledger.error.receipt_invalid": {"fr": "Ce fichier ne peut pas servir de justificatif.",
                                     "en": "This file cannot be used as a receipt."},
    "ledger.error.month": {"fr": "Choisissez un mois de 1 à 12.", "en": "Choose a month from 1 to 12."},
    "ledger.error.page": {"fr": "Cette page n'existe pas.", "en": "This page does not exist."},
    # Access
    "refused.stranger": {
        "fr": "Vous n'avez pas encore accès. Ouvrez le lien d'invitation reçu de votre mandataire "
              "ou de votre OCCE départemental ; sans lien, demandez-en un.",
        "en": "You have no access yet. Open the invitation link you received from your "
              "mandataire or your departmental OCCE; without one, ask for it.",
    },
    "refused.role": {"fr": "La commande /{command} n'est pas ouverte à votre rôle. Tapez /aide pour voir les vôtres.",
                     "en": "The /{command} command is not open to your role. Type /aide to see yours."},
    "refused.group": {
        "fr": "Je ne tiens les comptes qu'en conversation privée : écrivez-moi directement, @{username}.",
        "en": "I only keep the books in a private chat: write to me directly, @{username}.",
    },
    "refused.target": {"fr": "Vous n'avez pas accès à cette coopérative ou à ce cahier.",
                       "en": "You have no access to this cooperative or ledger."},
    # Invitations, opened
    "invitation.unknown": {
        "fr": "Ce lien d'invitation est inconnu. Vérifiez qu'il est complet, ou demandez-en un nouveau.",
        "en": "This invitation link is unknown. Check that it is complete, or ask for a new one.",
    },
    "invitation.used": {"fr": "Ce lien d'invitation a déjà servi. Demandez-en un nouveau à la personne qui vous l'a envoyé.",
                        "en": "This invitation link has already been used. Ask its sender for a new one."},
    "invitation.expired": {"fr": "Ce lien d'invitation a expiré (il vaut 7 jours). Demandez-en un nouveau.",
                           "en": "This invitation link has expired (links last 7 days). Ask for a new one."},
    "invitation.has_mandataire": {
        "fr": "Cette coopérative a déjà un mandataire. Pour le remplacer, utilisez /mandataire.",
        "en": "This cooperative already has a mandataire. To replace them, use /mandataire.",
    },
    "invitation.no_mandataire": {
        "fr": "La coopérative {affiliation} n'a pas encore de mandataire sur CoopBot : invitez-le avec /inviter "
              "(« Mandataire d'une coopérative »).",
        "en": "Cooperative {affiliation} has no mandataire on CoopBot yet: invite them with /inviter "
              "(\"Mandataire of a cooperative\").",
    },
    "invitation.own_succession": {
        "fr": "Ce lien est pour la personne qui vous succède : vous êtes déjà mandataire de la coopérative "
              "{affiliation}. Transmettez-le-lui.",
        "en": "This link is for the person who takes over from you: you already are the mandataire of "
              "cooperative {affiliation}. Pass it on to them.",
    },
    "invitation.verificateur_manager": {
        "fr": "Vous êtes mandataire ou signataire de la coopérative {affiliation} : vous ne pouvez pas en être "
              "vérificateur·rice aux comptes, qui contrôle vos comptes. Transmettez ce lien à une autre personne "
              "(un parent d'élève, par exemple).",
        "en": "You are the mandataire or a co-signatory of cooperative {affiliation}: you cannot be one of its "
              "auditors, who check your books. Pass this link on to someone else (a pupil's parent, for example).",
    },
    "welcome.ad": {"fr": "Bienvenue {name} ! Vous faites partie de l'équipe de l'OCCE {department}.\n\n"
                         "Pour commencer : /inviter le mandataire d'une coopérative de votre département.",
                   "en": "Welcome {name}! You are on the staff of OCCE {department}.\n\n"
                         "To begin: /inviter the mandataire of a cooperative of your department."},
    "welcome.mandataire": {"fr": "Bienvenue {name} ! Vous êtes mandataire de la coopérative {affiliation} ({school}).\n\n"
                                 "Pour commencer : /adhesion pour renouveler l'adhésion de l'année, classe par classe ; "
                                 "puis /cahiers pour les cahiers de classe et /inviter pour vos collègues.",
                           "en": "Welcome {name}! You are the mandataire of cooperative {affiliation} ({school}).\n\n"
                                 "To begin: /adhesion to renew this year's membership, class by class; "
                                 "then /cahiers for the class ledgers and /inviter for your colleagues."},
    "welcome.signataire": {"fr": "Bienvenue {name} ! Vous êtes signataire de la coopérative {affiliation} ({school}), "
                                 "avec les mêmes droits que le mandataire.\n\nTapez /aide pour voir vos commandes.",
                           "en": "Welcome {name}! You are a co-signatory of cooperative {affiliation} ({school}), "
                                 "with the mandataire's rights.\n\nType /aide to see your commands."},
    "welcome.enseignant": {"fr": "Bienvenue {name} ! Vous tenez le cahier {ledger} de la coopérative {affiliation} ({school}).\n\n"
                                 "Tapez /aide pour voir vos commandes.",
                           "en": "Welcome {name}! You keep ledger {ledger} of cooperative {affiliation} ({school}).\n\n"
                                 "Type /aide to see your commands."},
    "welcome.verificateur": {"fr": "Bienvenue {name} ! Vous êtes vérificateur·rice aux comptes de la coopérative "
                                   "{affiliation} ({school}) : vous pouvez tout lire, sans rien modifier.",
                             "en": "Welcome {name}! You are an auditor of cooperative {affiliation} ({school}): "
                                   "you can read everything and change nothing."},
    "role.verificateur_ended": {"fr": "Vous n'êtes plus vérificateur·rice aux comptes de la coopérative {affiliation} : "
                                      "on ne vérifie pas les comptes que l'on tient. Invitez une autre personne "
                                      "pour les vérifier (/inviter).",
                                "en": "You are no longer an auditor of cooperative {affiliation}: one does not audit "
                                      "the books one keeps. Invite someone else to audit them (/inviter)."},
    "welcome.pending": {"fr": "Bienvenue {name} ! Vous êtes désigné·e mandataire de la coopérative {affiliation} ({school}). "
                              "L'OCCE {department} doit confirmer : je vous préviens dès que c'est fait.",
                        "en": "Welcome {name}! You have been designated mandataire of cooperative {affiliation} ({school}). "
                              "OCCE {department} must confirm: I will tell you as soon as it is done."},
    # /inviter
    "invite.choose": {"fr": "Qui voulez-vous inviter ?", "en": "Whom do you want to invite?"},
    "invite.role.enseignant": {"fr": "Enseignant·e d'une classe ({affiliation})", "en": "Class teacher ({affiliation})"},
    "invite.role.signataire": {"fr": "Signataire ({affiliation})", "en": "Co-signatory ({affiliation})"},
    "invite.role.verificateur": {"fr": "Vérificateur·rice aux comptes ({affiliation})", "en": "Auditor ({affiliation})"},
    "invite.role.mandataire": {"fr": "Mandataire d'une coopérative ({department})",
                               "en": "Mandataire of a cooperative ({department})"},
    "invite.choose_ledger": {"fr": "Pour quel cahier de classe ?", "en": "For which class ledger?"},
    "invite.no_ledger": {"fr": "La coopérative {affiliation} n'a pas encore de cahier de classe. "
                               "Créez d'abord les cahiers, puis invitez leurs enseignant·es.",
                         "en": "Cooperative {affiliation} has no class ledger yet. Create the ledgers first, "
                               "then invite their teachers."},
    "invite.ask_coop": {"fr": "Tapez le numéro d'affiliation de la coopérative (par exemple {example}).",
                        "en": "Type the cooperative's affiliation number (for example {example})."},
    "invite.bad_coop": {"fr": "Je ne trouve pas la coopérative « {typed} » dans votre département. "
                              "Tapez un numéro comme {example}, ou /annuler.",
                        "en": "I cannot find cooperative \"{typed}\" in your department. "
                              "Type a number like {example}, or /annuler."},
    "invite.link": {"fr": "Voici le lien d'invitation ({what}). Transmettez-le à la personne : il sert une seule "
                          "fois et expire le {expires}.\n\n{link}",
                    "en": "Here is the invitation link ({what}). Forward it to the person: it works once "
                          "and expires on {expires}.\n\n{link}"},
    "what.ad": {"fr": "équipe de l'OCCE {department}", "en": "staff of OCCE {department}"},
    "what.mandataire": {"fr": "mandataire de {affiliation}", "en": "mandataire of {affiliation}"},
    "what.signataire": {"fr": "signataire de {affiliation}", "en": "co-signatory of {affiliation}"},
    "what.enseignant": {"fr": "enseignant·e du cahier {ledger}, {affiliation}", "en": "teacher of ledger {ledger}, {affiliation}"},
    "what.verificateur": {"fr": "vérificateur·rice de {affiliation}", "en": "auditor of {affiliation}"},
    "button.cancel": {"fr": "Annuler", "en": "Cancel"},
    # /mandataire
    "mandate.ask": {"fr": "Changement de mandataire pour la coopérative {affiliation} ({school}).\n\n"
                          "Je crée un lien pour votre successeur ; quand il l'aura ouvert, l'OCCE {department} "
                          "confirmera et vos droits d'écriture prendront fin (l'historique est gardé). On continue ?",
                    "en": "Change of mandataire for cooperative {affiliation} ({school}).\n\nI create a link for your "
                          "successor; once they open it, OCCE {department} confirms and your write access ends "
                          "(history is kept). Go on?"},
    "mandate.ask_ad": {"fr": "Changement de mandataire pour la coopérative {affiliation} ({school}).\n\n"
                             "Je crée un lien pour le ou la nouvelle mandataire ; quand il ou elle l'aura ouvert, vous "
                             "confirmerez le changement et les droits d'écriture de l'actuel·le mandataire prendront "
                             "fin (l'historique est gardé). On continue ?",
                       "en": "Change of mandataire for cooperative {affiliation} ({school}).\n\nI create a link for "
                             "the new mandataire; once they open it, you confirm the change and the current "
                             "mandataire's write access ends (history is kept). Go on?"},
    "mandate.go": {"fr": "Créer le lien", "en": "Create the link"},
    "mandate.to_confirm": {"fr": "{name} a accepté de devenir mandataire de la coopérative {affiliation} ({school}). "
                                 "Confirmez-vous ce changement ?",
                           "en": "{name} accepted to become the mandataire of cooperative {affiliation} ({school}). "
                                 "Do you confirm this change?"},
    "mandate.confirm": {"fr": "Confirmer", "en": "Confirm"},
    "mandate.confirmed": {"fr": "Changement confirmé : {name} est mandataire de la coopérative {affiliation}.",
                          "en": "Change confirmed: {name} is the mandataire of cooperative {affiliation}."},
    "mandate.now_mandataire": {"fr": "L'OCCE a confirmé : vous êtes mandataire de la coopérative {affiliation}. "
                                     "Tapez /aide pour voir vos commandes.",
                               "en": "The OCCE confirmed: you are the mandataire of cooperative {affiliation}. "
                                     "Type /aide to see your commands."},
    "mandate.former": {"fr": "Votre mandat pour la coopérative {affiliation} a pris fin : {name} vous succède. Merci !",
                       "en": "Your mandate for cooperative {affiliation} has ended: {name} succeeds you. Thank you!"},
    "mandate.nothing": {"fr": "Ce changement est déjà confirmé ou n'existe plus.",
                        "en": "This change is already confirmed or no longer exists."},
    # /contact
    "contact.ask": {"fr": "Écrivez votre message pour l'OCCE {department}, en un seul message "
                          "(ou /annuler).",
                    "en": "Write your message for OCCE {department}, in one message (or /annuler)."},
    "contact.too_long": {"fr": "Ce message est trop long ({length} caractères) : {max} au plus. Raccourcissez-le et renvoyez-le.",
                         "en": "This message is too long ({length} characters): {max} at most. Shorten it and send it again."},
    "contact.no_letter": {"fr": "Votre message doit contenir au moins une lettre ou un chiffre : écrivez-le (ou /annuler).",
                          "en": "Your message must have at least one letter or digit: write it (or /annuler)."},
    "contact.not_text": {"fr": "J'attends un message écrit (ou /annuler).",
                         "en": "I am waiting for a written message (or /annuler)."},
    "contact.left": {"fr": "Vous avez tapé une autre commande : /contact est abandonné, rien n'est envoyé à l'OCCE. "
                           "Tapez /contact pour lui écrire.",
                     "en": "You typed another command: /contact is given up, nothing is sent to the OCCE. "
                           "Type /contact to write to them."},
    # who wrote, in the copy the AD receives
    "contact.role.mandataire": {"fr": "mandataire", "en": "mandataire"},
    "contact.role.signataire": {"fr": "signataire", "en": "co-signatory"},
    "contact.role.enseignant": {"fr": "enseignant·e", "en": "teacher"},
    "contact.role.verificateur": {"fr": "vérificateur·rice aux comptes", "en": "auditor"},
    "contact.copy": {"fr": "✉️ Message de {name} ({role}, coopérative {affiliation} – {school}) :\n\n{text}\n\n"
                           "<i>Répondez à ce message pour lui répondre.</i>",
                     "en": "✉️ Message from {name} ({role}, cooperative {affiliation} – {school}):\n\n{text}\n\n"
                           "<i>Reply to this message to answer.</i>"},
    "contact.sent": {"fr": "Votre message a été transmis à l'OCCE {department}. La réponse arrivera ici.",
                     "en": "Your message was forwarded to OCCE {department}. The answer will arrive here."},
    "contact.nobody": {"fr": "Votre message est enregistré, mais personne de l'OCCE {department} n'utilise encore CoopBot : "
                             "contactez-la aussi par courriel ou téléphone.",
                       "en": "Your message is saved, but nobody at OCCE {department} uses CoopBot yet: "
                             "also contact them by e-mail or phone."},
    "contact.answer": {"fr": "💬 Réponse de l'OCCE {department} ({name}) :\n\n{text}",
                       "en": "💬 Answer from OCCE {department} ({name}):\n\n{text}"},
    "contact.answered": {"fr": "Réponse envoyée.", "en": "Answer sent."},
    # /moi
    "me.title": {"fr": "<b>{name}</b>", "en": "<b>{name}</b>"},
    # /start
    "start.stranger": {
        "fr": "Bonjour {name} ! Je suis <b>CoopBot</b>, l'assistant des trésoriers de "
              "coopératives scolaires OCCE.\n\nPour commencer, il vous faut une invitation : "
              "demandez le lien au mandataire de votre coopérative (ou à votre OCCE "
              "départemental si vous êtes mandataire), puis ouvrez-le.",
        "en": "Hello {name}! I am <b>CoopBot</b>, the assistant of OCCE school cooperative "
              "treasurers.\n\nTo begin you need an invitation: ask your cooperative's "
              "mandataire (or your departmental OCCE if you are the mandataire) for the link, "
              "then open it.",
    },
    "start.known": {
        "fr": "Bonjour {name} ! Vous êtes :\n{roles}\n\nTapez /aide pour voir ce que vous pouvez faire.",
        "en": "Hello {name}! You are:\n{roles}\n\nType /aide to see what you can do.",
    },
    "role.ad": {"fr": "• équipe de l'OCCE départemental {department}",
                "en": "• staff of the departmental OCCE {department}"},
    "role.mandataire": {"fr": "• mandataire de la coopérative {affiliation} ({school})",
                        "en": "• mandataire of cooperative {affiliation} ({school})"},
    "role.signataire": {"fr": "• signataire de la coopérative {affiliation} ({school})",
                        "en": "• co-signatory of cooperative {affiliation} ({school})"},
    "role.enseignant": {"fr": "• enseignant·e, cahier {ledger} de la coopérative {affiliation}",
                        "en": "• teacher, ledger {ledger} of cooperative {affiliation}"},
    "role.verificateur": {"fr": "• vérificateur·rice aux comptes de la coopérative {affiliation}",
                          "en": "• auditor of cooperative {affiliation}"},
    # /aide
    "help.header": {"fr": "Voici ce que vous pouvez faire :",
                    "en": "Here is what you can do:"},
    "help.stranger": {
        "fr": "Vous n'avez pas encore de rôle : ouvrez le lien d'invitation reçu de votre "
              "mandataire ou de votre OCCE départemental.",
        "en": "You have no role yet: open the invitation link you received from your "
              "mandataire or your departmental OCCE.",
    },
    # Counted words, "singular|plural", for plural(): "1 autre adulte", "2 autres adultes".
    "word.pupil": {"fr": "élève|élèves", "en": "pupil|pupils"},
    "word.other_adult": {"fr": "autre adulte|autres adultes", "en": "other adult|other adults"},
    "word.adult": {"fr": "adulte|adultes", "en": "adult|adults"},
    "word.member": {"fr": "membre|membres", "en": "member|members"},
    "word.other": {"fr": "autre|autres", "en": "more|more"},
    "word.ticked": {"fr": "opération pointée|opérations pointées", "en": "entry ticked|entries ticked"},
    "word.older_change": {"fr": "changement plus ancien|changements plus anciens", "en": "older change|older changes"},
    "word.other_project": {"fr": "autre projet|autres projets", "en": "more project|more projects"},
    "word.cheque": {"fr": "chèque|chèques", "en": "cheque|cheques"},
    # /annuler
    "cancel.nothing": {"fr": "Il n'y a rien en cours : rien à annuler.",
                       "en": "Nothing is in progress: nothing to cancel."},
    "cancel.closed": {"fr": "Il n'y avait rien en cours à annuler : ce qui est enregistré le reste.",
                      "en": "Nothing was in progress to cancel: what is saved stays saved."},
    "cancel.done": {"fr": "C'est annulé : rien de cette opération n'a été enregistré.",
                    "en": "Cancelled: nothing of this operation was saved."},
    # Anything else
    "unknown.command": {
        "fr": "Je ne connais pas la commande {command}. Tapez /aide pour voir les commandes disponibles.",
        "en": "I don't know the command {command}. Type /aide to see the available commands.",
    },
    "unknown.text": {"fr": "Je n'ai pas compris. Tapez /aide pour voir ce que je sais faire.",
                     "en": "I did not understand. Type /aide to see what I can do."},
    "unknown.text_at_buttons": {"fr": "Répondez avec les boutons ci-dessus, ou tapez /annuler pour abandonner.",
                                "en": "Please answer with the buttons above, or type /annuler to give up."},
    "unknown.button": {"fr": "Ce bouton n'est plus valable. Tapez /aide pour recommencer.",
                       "en": "This button is no longer valid. Type /aide to start again."},
    "unknown.other": {"fr": "Je ne sais pas quoi faire de ce message. Tapez /aide.",
                      "en": "I don't know what to do with this message. Type /aide."},
    "error.apology": {
        "fr": "Désolé, un problème est survenu : votre dernière action n'a pas été enregistrée. "
              "Réessayez dans un instant ; si cela continue, écrivez à votre OCCE.",
        "en": "Sorry, something went wrong: your last action was not saved. Try again in a "
              "moment; if it goes on, write to your OCCE.",
    },
}  # fmt: skip

LANGUAGES = ("fr", "en")
FOLDERS = ("infra", "ui", "membership", "bookkeeping", "people", "reports", "reminders", "exports", "followup")  # each has a texts.py


def register(texts: dict[str, dict[str, str]]) -> None:
    """Add a feature module's sentences to the catalogue (kept beside the module that says them)."""
    clash = TEXTS.keys() & texts.keys()
    if clash:
        raise KeyError(f"sentences defined twice: {sorted(clash)}")
    TEXTS.update(texts)


def catalogues(folder: str) -> list[str]:
    """The names of a feature folder's catalogues: texts, and its <concept>_texts beside it."""
    return sorted(p.stem for p in (Path(__file__).parent / folder).glob("*.py")
                  if p.stem == "texts" or p.stem.endswith("_texts"))  # fmt: skip


for _folder in FOLDERS:
    for _name in catalogues(_folder):
        register(importlib.import_module(f"bot.{_folder}.{_name}").TEXTS)


def language_of(user: User | None) -> str:
    """French unless the person's Telegram speaks English."""
    code = (user.language_code or "") if user else ""
    return "en" if code.lower().startswith("en") else "fr"


def lang(update: object) -> str:
    return language_of(update.effective_user if isinstance(update, Update) else None)


def t(key: str, language: str = "fr", /, **values: object) -> str:
    """The sentence ``key`` in ``language``, filled with ``values``."""
    entry = TEXTS[key]
    return entry.get(language, entry["fr"]).format(**values)


def plural(count: int, key: str, language: str = "fr") -> str:
    """``count`` and the word of ``key`` ("élève|élèves") agreeing with it: French says "0 élève", English "0 pupils"."""
    one, many = t(key, language).split("|")
    singular = abs(count) < 2 if language == "fr" else abs(count) == 1
    return f"{count} {one if singular else many}"
