"""The sentences of bot/reports/, in French first and in English (gathered by bot.texts)."""

TEXTS: dict[str, dict[str, str]] = {
    "cmd.cloture": {"fr": "Clore un cahier de classe en fin d'exercice : son solde reversé au cahier de l'école",
                    "en": "Close a class ledger at the year's end: its balance paid back to the school ledger"},
    "clo.list": {"fr": "<b>Clôture des cahiers de classe</b>", "en": "<b>Closing the class ledgers</b>"},
    "clo.list.open": {"fr": "{ledger} — {years} : à clore · banque {banque} · caisse {caisse}",
                      "en": "{ledger} — {years}: to close · bank {banque} · cash {caisse}"},
    "clo.list.closed": {"fr": "{ledger} — {years} : clos le {day}", "en": "{ledger} — {years}: closed on {day}"},
    "clo.list.too_early": {"fr": "{ledger} — {years} : en cours, à clore à partir du {day}",
                           "en": "{ledger} — {years}: in use, to close from {day}"},
    "clo.list.later": {"fr": "Aucun cahier à clore pour l'instant.", "en": "No ledger to close for now."},
    "clo.too_early": {"fr": "Le cahier {ledger} sert encore : l'exercice {years} se termine le {end}. Sa clôture "
                            "(le reversement de son solde au cahier de l'école) sera possible à partir du {day}.",
                      "en": "Ledger {ledger} is still in use: year {years} ends on {end}. It can be closed (its "
                            "balance paid back to the school ledger) from {day}."},
    "clo.list.pick": {"fr": "Quel cahier clore ?", "en": "Which ledger to close?"},
    "clo.list.none": {"fr": "Tous ces cahiers sont clos. ✅", "en": "All these ledgers are closed. ✅"},
    "clo.button": {"fr": "🔒 Clore {ledger}", "en": "🔒 Close {ledger}"},
    "clo.preview": {"fr": "<b>Clôture du cahier {ledger}</b> — exercice {years}\nBanque : {banque}\nCaisse : {caisse}",
                    "en": "<b>Closing ledger {ledger}</b> — year {years}\nBank: {banque}\nCash: {caisse}"},
    "clo.preview.what": {"fr": "Le {day}, la banque et la caisse seront reversées au cahier de l'école, puis le cahier "
                               "sera clos : plus aucune écriture de l'exercice {years} n'y sera possible.",
                         "en": "On {day}, the bank and the cash will be paid back to the school ledger, then the "
                               "ledger will be closed: no more entries of year {years} in it."},
    "clo.preview.deficit": {"fr": "La banque du cahier est en négatif : l'école couvrira ce déficit.",
                            "en": "The ledger's bank is below zero: the school will cover the deficit."},
    "clo.preview.count": {"fr": "Arrêté de caisse du {day} : {counted} ✅", "en": "Cash count of {day}: {counted} ✅"},
    "clo.confirm": {"fr": "🔒 Clore le cahier", "en": "🔒 Close the ledger"},
    "clo.need_count": {"fr": "⚠️ Il faut d'abord un arrêté de caisse : la caisse contient {caisse} au livre. Comptez-la "
                             "avec /caisse, à une date de l'exercice {years} (le {day} au plus tard : bouton « 📅 Autre "
                             "date »), puis revenez à /cloture.",
                       "en": "⚠️ A cash count comes first: the cash box holds {caisse} in the books. Count it with "
                             "/caisse, on a date of year {years} ({day} at the latest: button \"📅 Another date\"), "
                             "then come back to /cloture."},
    "clo.count_differs": {"fr": "⚠️ Le dernier arrêté de caisse ({day} : {counted}) ne correspond pas au livre ({caisse}). "
                                "Recomptez avec /caisse, ou corrigez les écritures en espèces (/journal), puis "
                                "revenez à /cloture.",
                          "en": "⚠️ The last cash count ({day}: {counted}) does not match the books ({caisse}). "
                                "Count again with /caisse, or correct the cash entries (/journal), then come back "
                                "to /cloture."},
    "clo.already": {"fr": "Le cahier {ledger} est déjà clos pour l'exercice {years} : reversé le {day} (banque {banque}, "
                          "caisse {caisse}).",
                    "en": "Ledger {ledger} is already closed for year {years}: paid back on {day} (bank {banque}, "
                          "cash {caisse})."},
    "clo.done": {"fr": "🔒 Cahier {ledger} clos pour l'exercice {years} : banque {banque} et caisse {caisse} reversées "
                       "au cahier de l'école le {day}.",
                 "en": "🔒 Ledger {ledger} closed for year {years}: bank {banque} and cash {caisse} paid back to the "
                       "school ledger on {day}."},
    "clo.reopen.button": {"fr": "🔓 Rouvrir {ledger}", "en": "🔓 Reopen {ledger}"},
    "clo.reopen.card": {"fr": "<b>Rouvrir le cahier {ledger}</b> — exercice {years}\nLe reversement du {day} (banque "
                              "{banque}, caisse {caisse}) sera annulé : ses mouvements restent au journal, barrés, avec "
                              "leur numéro. Le cahier reprendra des écritures de l'exercice {years} ; il faudra le "
                              "clore de nouveau avant le quitus.",
                        "en": "<b>Reopen ledger {ledger}</b> — year {years}\nThe payment back of {day} (bank {banque}, "
                              "cash {caisse}) will be cancelled: its movements stay in the journal, struck through, "
                              "with their numbers. The ledger will take entries of year {years} again; close it again "
                              "before the quitus."},
    "clo.reopen.quitus": {"fr": "⚠️ Les quitus déjà donnés sur ces comptes ({count}) seront retirés : les "
                                "vérificateurs en seront prévenus, et le quitus sera à redemander.",
                          "en": "⚠️ The quitus already given on these accounts ({count}) will be withdrawn: the "
                                "vérificateurs will be told, and the quitus must be asked again."},
    "clo.reopen.withdrawn": {"fr": "🔏 Quitus retirés ({count}) : redemandez le quitus avec /compterendu une fois le "
                                   "cahier reclôturé.",
                             "en": "🔏 Quitus withdrawn ({count}): ask for the quitus again with /compterendu once "
                                   "the ledger is closed again."},
    "rep.quitus.withdrawn": {"fr": "🔓 Le cahier {ledger} de la coopérative {affiliation} a été rouvert : les comptes "
                                   "{years} que vous avez vérifiés vont changer, et votre quitus est retiré. Le "
                                   "mandataire vous le redemandera une fois le cahier reclôturé.",
                             "en": "🔓 Ledger {ledger} of cooperative {affiliation} was reopened: the {years} accounts "
                                   "you checked will change, and your quitus is withdrawn. The mandataire will ask "
                                   "for it again once the ledger is closed again."},
    "rep.quitus.withdrawn_books": {"fr": "✏️ Les comptes {years} de la coopérative {affiliation} que vous avez vérifiés "
                                         "ont changé avant l'envoi du compte rendu : votre quitus est retiré. Le "
                                         "mandataire vous le redemandera.",
                                   "en": "✏️ The {years} accounts of cooperative {affiliation} you checked changed before "
                                         "the report was sent: your quitus is withdrawn. The mandataire will ask for it "
                                         "again."},
    "clo.reopen.confirm": {"fr": "🔓 Rouvrir le cahier", "en": "🔓 Reopen the ledger"},
    "clo.reopen.done": {"fr": "🔓 Cahier {ledger} rouvert pour l'exercice {years} : le reversement du {day} est annulé. "
                              "Reclôturez-le avec /cloture une fois corrigé.",
                        "en": "🔓 Ledger {ledger} reopened for year {years}: the payment back of {day} is cancelled. "
                              "Close it again with /cloture once corrected."},
    "clo.label": {"fr": "Clôture du cahier {ledger} : reversement à l'école",
                  "en": "Closing of ledger {ledger}: paid back to the school"},
    "ledger.error.ledger_closed": {"fr": "Le cahier {ledger} est clos pour l'exercice {year}-{next_year} : plus "
                                         "aucune écriture n'y change.",
                                   "en": "Ledger {ledger} is closed for year {year}-{next_year}: none of its entries "
                                         "change any more."},
    "ledger.error.no_class_ledgers": {"fr": "La coopérative n'a pas de cahier de classe : il n'y a rien à clore. Le "
                                            "cahier de l'école ne se clôt pas : son solde passe à l'exercice suivant.",
                                      "en": "The cooperative has no class ledger: there is nothing to close. The school "
                                            "ledger is not closed: its balance carries over to the next year."},
    "ledger.error.ledger_already_closed": {"fr": "Le cahier {ledger} est déjà clos pour l'exercice {year}-{next_year}.",
                                           "en": "Ledger {ledger} is already closed for year {year}-{next_year}."},
    "ledger.error.cash_count_required": {"fr": "Il faut d'abord un arrêté de caisse du cahier {ledger} (/caisse) : sa "
                                               "caisse contient {caisse}.",
                                         "en": "Ledger {ledger} needs a cash count first (/caisse): its cash box holds "
                                               "{caisse}."},
    "ledger.error.cash_count_differs": {"fr": "Le dernier arrêté de caisse du cahier {ledger} ({counted}) ne "
                                              "correspond pas au livre ({caisse}) : recomptez avec /caisse.",
                                        "en": "The last cash count of ledger {ledger} ({counted}) does not match the "
                                              "books ({caisse}): count again with /caisse."},
    "ledger.error.ledger_not_closed": {"fr": "Le cahier {ledger} n'est pas clos pour l'exercice {year}-{next_year} : "
                                             "rien à rouvrir.",
                                       "en": "Ledger {ledger} is not closed for year {year}-{next_year}: nothing to "
                                             "reopen."},
    "ledger.error.report_sent": {"fr": "Le compte rendu {year}-{next_year} est déjà envoyé à l'OCCE : la clôture du "
                                       "cahier {ledger} ne peut plus être annulée.",
                                 "en": "The {year}-{next_year} report was already sent to the OCCE: the closing of "
                                       "ledger {ledger} can no longer be undone."},
    "ledger.error.too_early": {"fr": "Le cahier {ledger} ne peut pas être clos avant le {day} : l'exercice "
                                     "{year}-{next_year} est en cours.",
                               "en": "Ledger {ledger} cannot be closed before {day}: year {year}-{next_year} is "
                                     "under way."},
    "ledger.error.not_class_ledger": {"fr": "Seul un cahier de classe se clôt ainsi.",
                                      "en": "Only a class ledger is closed this way."},
    # the report's life: /compterendu, the quitus, the AD's answer
    "cmd.compterendu": {"fr": "Le compte rendu de l'année : CRF, activités, quitus, envoi à l'OCCE",
                        "en": "The yearly report: accounts, activities, quitus, sending to the OCCE"},
    # states, as Retkoop names them
    "rep.button.pdf": {"fr": "📄 PDF", "en": "📄 PDF"},
    "rep.pdf_caption": {"fr": "Compte rendu financier et d'activités {years} de la coopérative {affiliation}, "
                              "à imprimer.",
                        "en": "Financial and activity report {years} of cooperative {affiliation}, to print."},
    "rep.state.not_started": {"fr": "pas commencé", "en": "not started"},
    "rep.state.in_progress": {"fr": "📝 en cours", "en": "📝 in progress"},
    "rep.state.ledgers_open": {"fr": "📒 cahiers non clos", "en": "📒 ledgers not closed"},
    "rep.state.quitus_requested": {"fr": "🔏 quitus demandé", "en": "🔏 quitus requested"},
    "rep.state.sent": {"fr": "📤 envoyé", "en": "📤 sent"},
    "rep.state.to_complete": {"fr": "↩️ à compléter", "en": "↩️ to complete"},
    "rep.state.modified": {"fr": "✏️ modifié", "en": "✏️ modified"},
    "rep.state.validated": {"fr": "✅ validé (verrouillé)", "en": "✅ validated (locked)"},
    # /compterendu: the overview
    "rep.pick": {"fr": "Le compte rendu de quelle coopérative ?", "en": "The report of which cooperative?"},
    "rep.none": {"fr": "Vous n'avez pas de coopérative dont lire le compte rendu.",
                 "en": "You have no cooperative whose report you may read."},
    "rep.title": {"fr": "<b>Compte rendu {years}</b> — {affiliation} {school}",
                  "en": "<b>Yearly report {years}</b> — {affiliation} {school}"},
    "rep.state": {"fr": "État : {state} · à envoyer au plus tard le {deadline}",
                  "en": "State: {state} · to send by {deadline}"},
    "rep.state_with_the_ad": {"fr": "État : {state}", "en": "State: {state}"},
    "rep.late": {"fr": "⚠️ En retard : la date limite est passée.", "en": "⚠️ Late: the deadline has passed."},
    "rep.ad_comment": {"fr": "Commentaire de l'OCCE : {comment}", "en": "The OCCE's comment: {comment}"},
    "rep.crf": {"fr": "<b>Compte rendu financier</b>", "en": "<b>Financial report</b>"},
    "rep.ok": {"fr": "✅", "en": "✅"},
    "rep.cra.done": {"fr": "<b>Activités (CRA)</b> : ✅ complet", "en": "<b>Activities</b>: ✅ complete"},
    "rep.cra.todo": {"fr": "<b>Activités (CRA)</b> : 📝 à compléter", "en": "<b>Activities</b>: 📝 to complete"},
    "rep.quitus.none": {"fr": "<b>Quitus</b> : aucun sur les {needed} nécessaires",
                        "en": "<b>Quitus</b>: none of the {needed} needed"},
    "rep.quitus.to_ask": {"fr": "<b>Quitus</b> : à demander ({needed} nécessaires)",
                          "en": "<b>Quitus</b>: to ask for ({needed} needed)"},
    "rep.quitus.to_ask.after_closing": {"fr": "<b>Quitus</b> : à demander ({needed} nécessaires), une fois les "
                                              "cahiers clos",
                                        "en": "<b>Quitus</b>: to ask for ({needed} needed), once the ledgers are "
                                              "closed"},
    "rep.quitus.some": {"fr": "<b>Quitus</b> : {given} sur les {needed} nécessaires",
                        "en": "<b>Quitus</b>: {given} of the {needed} needed"},
    "rep.quitus.line": {"fr": "• {name}{parent}, le {day}", "en": "• {name}{parent}, on {day}"},
    "rep.quitus.parent": {"fr": " (parent d'élève)", "en": " (parent)"},
    "rep.statement.yes": {"fr": "Relevé bancaire d'août : ✅ joint", "en": "August bank statement: ✅ attached"},
    "rep.statement.no": {"fr": "Relevé bancaire d'août : manquant", "en": "August bank statement: missing"},
    "rep.grant_proofs.all": {"fr": "Justificatifs de subvention : ✅ {count} sur {count}",
                             "en": "Grant proofs: ✅ {count} of {count}"},
    "rep.grant_proofs.some": {"fr": "Justificatifs de subvention : {proved} sur {count} (manque : {missing})",
                              "en": "Grant proofs: {proved} of {count} (missing: {missing})"},
    "rep.grant_proofs.item": {"fr": "{giver} {amount}", "en": "{giver} {amount}"},
    "rep.button.cra": {"fr": "📝 Activités (CRA)", "en": "📝 Activities"},
    "rep.button.statement": {"fr": "📎 Relevé d'août", "en": "📎 August statement"},
    "rep.button.grant": {"fr": "📎 Justificatif de subvention", "en": "📎 Grant proof"},
    "rep.button.quitus": {"fr": "🔏 Demander le quitus", "en": "🔏 Ask for the quitus"},
    "rep.button.send": {"fr": "📤 Envoyer à l'OCCE", "en": "📤 Send to the OCCE"},
    "rep.button.give": {"fr": "✅ Donner mon quitus", "en": "✅ Give my quitus"},
    "rep.closed": {"fr": "Compte rendu fermé. /compterendu pour le rouvrir : vos réponses sont gardées.",
                   "en": "Report closed. /compterendu to open it again: your answers are kept."},
    # the CRA, step by step
    "rep.ask.councils": {"fr": "Activités 1/4 — Combien de conseils de coopérative ont été tenus dans l'année ? "
                               "Tapez un nombre (par exemple 6) :",
                         "en": "Activities 1/4 — How many cooperative councils were held this year? "
                               "Type a number (for example 6):"},
    "rep.bad.councils": {"fr": "Tapez un nombre entier de 0 à {high}, par exemple 6 :",
                         "en": "Type a whole number from 0 to {high}, for example 6:"},
    "rep.projects": {"fr": "Activités 2/4 — Les projets de l'année (repris des #projets des écritures) :",
                     "en": "Activities 2/4 — The year's projects (taken from the entries' #projects):"},
    "rep.projects.none": {"fr": "Aucun projet pour l'instant.", "en": "No project yet."},
    "rep.project.line": {"fr": "• <b>{title}</b> — {classes} : {description}", "en": "• <b>{title}</b> — {classes}: {description}"},
    "rep.project.blank": {"fr": "à décrire", "en": "to describe"},
    "rep.button.add_project": {"fr": "➕ Ajouter un projet", "en": "➕ Add a project"},
    "rep.button.describe": {"fr": "✏️ {title}", "en": "✏️ {title}"},
    "rep.button.projects_done": {"fr": "✅ La liste est complète", "en": "✅ The list is complete"},
    "rep.ask.title": {"fr": "Le titre du projet (80 caractères au plus, par exemple Classe verte) :",
                      "en": "The project's title (80 characters at most, for example Green class):"},
    "rep.ask.classes": {"fr": "Projet « {title} » : les classes concernées (par exemple CE1A, CE2B) :",
                        "en": "Project \"{title}\": the classes involved (for example CE1A, CE2B):"},
    "rep.ask.description": {"fr": "Projet « {title} » : une courte description (500 caractères au plus) :",
                            "en": "Project \"{title}\": a short description (500 characters at most):"},
    "rep.ask.actions": {"fr": "Activités 3/4 — La participation aux actions de l'OCCE (par exemple l'action de "
                              "solidarité de l'année) ; « aucune » s'il n'y en a pas :",
                        "en": "Activities 3/4 — Taking part in the OCCE's actions (for example the year's "
                              "solidarity action); \"none\" if there was none:"},
    "rep.ask.comments": {"fr": "Activités 4/4 — Vos commentaires libres ; « - » pour n'en mettre aucun :",
                         "en": "Activities 4/4 — Your free comments; \"-\" for none:"},
    "rep.cra.saved": {"fr": "✅ Le compte rendu d'activités est complet.", "en": "✅ The activity report is complete."},
    "rep.bad.text_length": {"fr": "Tapez un texte de 1 à {limit} caractères :",
                            "en": "Type a text of 1 to {limit} characters:"},
    "rep.bad.text_letters": {"fr": "Tapez-le avec des mots (au moins une lettre ou un chiffre), pas seulement des emoji "
                                   "ou de la ponctuation ; {limit} caractères au plus :",
                             "en": "Type it in words (at least one letter or digit), not only emoji or punctuation; "
                                   "{limit} characters at most:"},
    "rep.bad.title_letters": {"fr": "Le titre du projet doit contenir au moins une lettre ou un chiffre, pas seulement "
                                    "des emoji ou de la ponctuation. Retapez-le :",
                              "en": "The project's title must have at least one letter or digit, not only emoji or "
                                    "punctuation. Type it again:"},
    "rep.bad.title_length": {"fr": "Le titre doit faire de 1 à {limit} caractères. Retapez-le :",
                             "en": "The title must be 1 to {limit} characters long. Type it again:"},
    "rep.bad.too_many_projects": {"fr": "Le compte rendu compte déjà {limit} projets : c'est le maximum.",
                                  "en": "The report already has {limit} projects: that is the most."},
    "rep.bad.project_gone": {"fr": "Ce projet n'est plus dans le compte rendu.",
                             "en": "This project is no longer in the report."},
    # refusals
    "rep.bad.locked": {"fr": "L'OCCE a validé ce compte rendu : l'exercice est verrouillé, plus rien n'y change.",
                       "en": "The OCCE validated this report: the year is locked, nothing in it changes any more."},
    "rep.bad.ledgers_open": {"fr": "Pas de quitus tant que les cahiers de classe ne sont pas clos : {open}. "
                                   "Clôturez-les avec /cloture, puis redemandez le quitus.",
                             "en": "No quitus while class ledgers are open: {open}. Close them with "
                                   "/cloture, then ask for the quitus again."},
    "rep.bad.quitus_not_requested": {"fr": "Le quitus n'a pas encore été demandé par le ou la mandataire.",
                                     "en": "The mandataire has not asked for the quitus yet."},
    "rep.bad.verificateur_manager": {"fr": "Vous êtes aussi mandataire ou signataire de cette coopérative : un "
                                           "vérificateur aux comptes ne peut pas l'être. Votre quitus n'est pas "
                                           "enregistré ; l'OCCE peut désigner un autre vérificateur.",
                                     "en": "You are also the mandataire or a signatory of this cooperative: an "
                                           "auditor cannot be. Your quitus is not recorded; the OCCE can appoint "
                                           "another auditor."},
    "rep.bad.name_letters": {"fr": "Tapez votre prénom et votre nom, en lettres (par exemple Claire Martin) :",
                             "en": "Type your first name and last name, in letters (e.g. Claire Martin):"},
    "rep.bad.name_length": {"fr": "Tapez votre prénom et votre nom ({low} à {high} caractères) :",
                            "en": "Type your first and last name ({low} to {high} characters):"},
    "rep.bad.unbalanced": {"fr": "Le bilan n'est pas équilibré : écart de {difference}{causes}. Le compte rendu "
                                 "ne peut pas être envoyé ; rien n'est perdu.",
                           "en": "The balance sheet does not balance: difference of {difference}{causes}. The "
                                 "report cannot be sent; nothing is lost."},
    "rep.bad.missing": {"fr": "Il manque encore : {what}. Le compte rendu n'est pas envoyé.",
                        "en": "Still missing: {what}. The report is not sent."},
    "rep.bad.cra_incomplete": {"fr": "Le compte rendu d'activités n'est pas complet : répondez à ses questions "
                                     "(📝 Activités).",
                               "en": "The activity report is not complete: answer its questions (📝 Activities)."},
    "rep.bad.quitus_count": {"fr": "Il faut le quitus d'au moins {needed} vérificateurs ; {have} reçu pour l'instant.",
                             "en": "The quitus of at least {needed} auditors is needed; {have} received so far."},
    "rep.bad.no_parent": {"fr": "L'un des vérificateurs qui donnent le quitus doit être un parent d'élève.",
                          "en": "One of the auditors giving the quitus must be a parent."},
    "rep.bad.grant_proof": {"fr": "Il manque le justificatif de {grants}, d'abord celle de {giver} du {day} ({amount}) : "
                                  "📎 Justificatif de subvention, puis choisissez-la.",
                            "en": "The proof of {grants} is missing, first the one of {giver} on {day} ({amount}): "
                                  "📎 Grant proof, then pick it."},
    "rep.word.grant": {"fr": "subvention|subventions", "en": "grant|grants"},
    "rep.bad.grant_unknown": {"fr": "Cette subvention n'est plus au compte rendu : choisissez-en une autre.",
                              "en": "That grant is no longer in the report: pick another one."},
    "rep.bad.no_statement": {"fr": "Joignez le relevé bancaire d'août (📎 Relevé d'août : une photo ou un PDF).",
                             "en": "Attach the August bank statement (📎 August statement: a photo or a PDF)."},
    "rep.bad.already_sent": {"fr": "Ce compte rendu est déjà envoyé à l'OCCE : il attend sa réponse. Rien n'a été "
                                   "renvoyé.",
                             "en": "This report was already sent to the OCCE: it awaits its answer. Nothing was sent "
                                   "again."},
    "rep.bad.not_sent": {"fr": "Ce compte rendu n'attend pas de réponse de l'OCCE (il n'est pas envoyé).",
                         "en": "This report is not waiting for the OCCE's answer (it is not sent)."},
    "rep.bad.changed_since": {"fr": "Le compte rendu de {affiliation} a changé depuis cette fiche (modifié, ou "
                                    "envoyé à nouveau) : rien n'est validé. Examinez-le à nouveau : /valider, "
                                    "📋 Comptes rendus.",
                              "en": "The report of {affiliation} changed since this card (modified, or sent "
                                    "again): nothing is validated. Examine it again: /valider, 📋 Comptes rendus."},
    "rep.bad.comment_length": {"fr": "Tapez un commentaire de {low} à {high} caractères, avec des mots :",
                               "en": "Type a comment of {low} to {high} characters, in words:"},
    # quitus
    "rep.quitus.asked": {"fr": "🔏 Quitus demandé : {told}.", "en": "🔏 Quitus requested: {told}."},
    "rep.word.told": {"fr": "vérificateur prévenu|vérificateurs prévenus", "en": "auditor told|auditors told"},
    "rep.word.open_ledger": {"fr": "cahier de classe encore ouvert|cahiers de classe encore ouverts",
                             "en": "class ledger still open|class ledgers still open"},
    "rep.quitus.all_given": {"fr": "🔏 Les vérificateurs ont tous déjà donné leur quitus : personne n'a été relancé.",
                             "en": "🔏 Every auditor has already given their quitus: nobody was reminded."},
    "rep.quitus.nobody": {"fr": "🔏 Quitus demandé, mais la coopérative n'a pas encore de vérificateur aux comptes : "
                                "invitez-en deux (/inviter), dont un parent d'élève.",
                          "en": "🔏 Quitus requested, but the cooperative has no auditor yet: invite two (/inviter), "
                                "one of them a parent."},
    "rep.quitus.ask_name": {"fr": "Votre quitus sur les comptes {years} de {affiliation}. Tapez votre prénom et votre "
                                  "nom, tels qu'ils figureront sur le quitus :",
                            "en": "Your quitus on the {years} accounts of {affiliation}. Type your first and last "
                                  "name, as they will appear on the quitus:"},
    "rep.quitus.ask_parent": {"fr": "Êtes-vous parent d'un élève de l'école ?", "en": "Are you a parent of a pupil?"},
    "rep.yes": {"fr": "Oui", "en": "Yes"},
    "rep.no": {"fr": "Non", "en": "No"},
    "rep.quitus.given": {"fr": "✅ Quitus enregistré : {name}, le {day}. Merci !",
                         "en": "✅ Quitus recorded: {name}, on {day}. Thank you!"},
    "rep.quitus.told": {"fr": "🔏 {name} a donné son quitus sur les comptes {years} ({given} sur {needed}).",
                        "en": "🔏 {name} gave their quitus on the {years} accounts ({given} of {needed})."},
    # attachments
    "rep.attach.ask.statement": {"fr": "Envoyez le relevé bancaire qui couvre le 31 août (une photo ou un PDF) :",
                                 "en": "Send the bank statement that covers 31 August (a photo or a PDF):"},
    "rep.attach.ask.grant": {"fr": "Envoyez le justificatif de la subvention de {giver} du {day} ({amount}) : "
                                   "notification, courrier, en photo ou en PDF :",
                             "en": "Send the proof of the grant of {giver} on {day} ({amount}): notification, letter, "
                                   "as a photo or a PDF:"},
    "rep.grants.pick": {"fr": "Quelle subvention ce justificatif prouve-t-il ? (✅ : déjà joint)",
                        "en": "Which grant does this proof prove? (✅: already attached)"},
    "rep.grants.none": {"fr": "Aucune subvention publique cette année : pas de justificatif à joindre.",
                        "en": "No public grant this year: no proof to attach."},
    "rep.button.grant_of": {"fr": "{mark} {giver} — {amount}", "en": "{mark} {giver} — {amount}"},
    "rep.attach.not_file": {"fr": "J'attends une photo ou un PDF (ou /annuler).", "en": "I am waiting for a photo or a PDF (or /annuler)."},
    "rep.attach.done": {"fr": "📎 Pièce jointe au compte rendu.", "en": "📎 Attached to the report."},
    # sending, the AD
    "rep.sent": {"fr": "📤 Compte rendu {years} envoyé à l'OCCE. Elle vous répondra ici.",
                 "en": "📤 Report {years} sent to the OCCE. It will answer you here."},
    "rep.sent.ad": {"fr": "📤 Le compte rendu {years} de {affiliation} {school} est arrivé : à examiner.",
                    "en": "📤 The {years} report of {affiliation} {school} has arrived: to check."},
    "rep.button.review": {"fr": "🔍 Examiner {affiliation}", "en": "🔍 Check {affiliation}"},
    "rep.button.reports": {"fr": "📋 Comptes rendus", "en": "📋 Yearly reports"},
    "rep.follow.title": {"fr": "<b>Comptes rendus {years} — OCCE {department}</b>",
                         "en": "<b>Yearly reports {years} — OCCE {department}</b>"},
    "rep.follow.check": {"fr": "🔍 À examiner", "en": "🔍 To check"},
    "rep.follow.late": {"fr": "⚠️ En retard", "en": "⚠️ Late"},
    "rep.follow.progress": {"fr": "📝 En cours", "en": "📝 In progress"},
    "rep.follow.not_started": {"fr": "Pas commencés", "en": "Not started"},
    "rep.follow.validated": {"fr": "✅ Validés", "en": "✅ Validated"},
    "rep.button.validate": {"fr": "✅ Valider et verrouiller l'exercice", "en": "✅ Validate and lock the year"},
    "rep.button.send_back": {"fr": "↩️ À compléter (avec un commentaire)", "en": "↩️ To complete (with a comment)"},
    "rep.send_back_left": {"fr": "Vous avez tapé une autre commande : le compte rendu n'est pas renvoyé, rien "
                                 "n'est envoyé au mandataire.",
                           "en": "You typed another command: the report is not sent back, nothing is sent to the "
                                 "mandataire."},
    "rep.ask.comment": {"fr": "Ce qui doit être complété dans le compte rendu de {affiliation} (ce texte est envoyé "
                              "au mandataire) :",
                        "en": "What must be completed in the report of {affiliation} (this text is sent to the "
                              "mandataire):"},
    "rep.sent_back": {"fr": "↩️ Compte rendu de {affiliation} renvoyé pour être complété.",
                      "en": "↩️ Report of {affiliation} sent back to be completed."},
    "rep.validated": {"fr": "✅ Compte rendu {years} de {affiliation} validé : l'exercice est verrouillé.",
                      "en": "✅ Report {years} of {affiliation} validated: the year is locked."},
    "rep.validated.told": {"fr": "✅ L'OCCE a validé votre compte rendu {years}. L'exercice est verrouillé : plus "
                                 "aucune écriture ne peut y être ajoutée ni modifiée.",
                           "en": "✅ The OCCE validated your {years} report. The year is locked: no entry can be "
                                 "added or changed in it any more."},
    "rep.changed.managers": {"fr": "⚠️ Une écriture ou une opération de l'exercice {years} a changé : le compte rendu "
                                   "déjà envoyé sera modifié (il passe à « modifié »). Renvoyez-le avec /compterendu.",
                             "en": "⚠️ An entry or operation of the {years} year changed: the report already sent "
                                   "will be modified (it is now \"modified\"). Send it again with /compterendu."},
    "rep.changed.ad": {"fr": "✏️ Le compte rendu {years} de {affiliation}, déjà envoyé, a été modifié : il vous "
                             "reviendra quand le mandataire le renverra.",
                       "en": "✏️ The {years} report of {affiliation}, already sent, was modified: it will come back "
                             "to you when the mandataire sends it again."},
    # the CRF's sections in the chat (figures.py)
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
}
