"""The sentences of bot/bookkeeping/, in French first and in English (gathered by bot.texts)."""

TEXTS: dict[str, dict[str, str]] = {
    # a grant's giver (store.books.clean_giver)
    "ledger.error.report_unconfirmed": {"fr": "⚠️ Le compte rendu {year}-{next_year} déjà envoyé sera modifié : "
                                              "confirmez d'abord.",
                                        "en": "⚠️ The {year}-{next_year} report already sent will be modified: "
                                              "confirm first."},
    "ledger.error.giver_required": {"fr": "Une subvention dit qui la verse (par exemple Mairie de Saint-Paul).",
                                    "en": "A grant says who gives it (for example Mairie de Saint-Paul)."},
    "ledger.error.giver_length": {"fr": "Le nom de qui verse la subvention doit faire de 1 à 120 caractères.",
                                  "en": "The name of who gives the grant must be 1 to 120 characters long."},
    "ledger.error.giver_letters": {"fr": "Le nom de qui verse la subvention doit contenir au moins une lettre ou un "
                                         "chiffre (par exemple Mairie de Saint-Paul) : retapez-le.",
                                   "en": "The name of who gives the grant must have at least one letter or digit "
                                         "(for example Mairie de Saint-Paul): type it again."},
    "ledger.error.label_letters": {"fr": "Le libellé doit contenir au moins une lettre ou un chiffre, pas seulement des "
                                         "emoji ou de la ponctuation : retapez-le.",
                                   "en": "The label must have at least one letter or digit, not only emoji or "
                                         "punctuation: type it again."},
    # /caisse (cashcount.py)
    "cmd.caisse": {"fr": "Arrêté de caisse : compter les espèces et comparer au livre",
                   "en": "Cash count: count the cash and compare it with the books"},
    "csh.pick": {"fr": "Arrêté de caisse : quel cahier ?", "en": "Cash count: which ledger?"},
    "csh.method": {"fr": "<b>Arrêté de caisse du {day}</b> — cahier {ledger}\nComptez les billets et pièces de la "
                         "caisse, puis :",
                   "en": "<b>Cash count of {day}</b> — ledger {ledger}\nCount the notes and coins of the cash box, "
                         "then:"},
    "csh.by_coins": {"fr": "🪙 Compter billets et pièces", "en": "🪙 Count notes and coins"},
    "csh.by_total": {"fr": "🔢 Saisir le total", "en": "🔢 Type the total"},
    "csh.other_day": {"fr": "📅 Autre date", "en": "📅 Another date"},
    "csh.ask_coins": {"fr": "Tapez ce que vous avez compté, « nombre x valeur », par exemple :\n"
                            "2 x 20 €, 3 x 2 €, 5 x 0,50 €\n(les centimes : 0,50 ou 50c ; ou /annuler)",
                      "en": "Type what you counted, \"number x value\", for example:\n"
                            "2 x 20 €, 3 x 2 €, 5 x 0,50 €\n(cents: 0,50 or 50c; or /annuler)"},
    "csh.ask_total": {"fr": "Total compté dans la caisse ? Par exemple 23,50 (0 si elle est vide ; ou /annuler) :",
                      "en": "Total counted in the cash box? For example 23.50 (0 if it is empty; or /annuler):"},
    "csh.coins.format": {"fr": "Je n'ai pas compris « {part} » : tapez « nombre x valeur », séparés par des "
                               "virgules, par exemple 2 x 20 €, 3 x 2 €, 5 x 0,50 €.",
                         "en": "I did not understand \"{part}\": type \"number x value\", separated by commas, "
                               "for example 2 x 20 €, 3 x 2 €, 5 x 0,50 €."},
    "csh.coins.denomination": {"fr": "« {part} » n'est pas un billet ni une pièce en euros. Billets : 500, 200, 100, "
                                     "50, 20, 10, 5 € ; pièces : 2 €, 1 €, 0,50, 0,20, 0,10, 0,05, 0,02, 0,01. "
                                     "Retapez le tout :",
                               "en": "\"{part}\" is not a euro note or coin. Notes: 500, 200, 100, 50, 20, 10, 5 €; "
                                     "coins: 2 €, 1 €, 0.50, 0.20, 0.10, 0.05, 0.02, 0.01. Type it all again:"},
    "csh.detail": {"fr": "{detail} = {total}", "en": "{detail} = {total}"},
    "csh.result": {"fr": "Arrêté de caisse du {day} — cahier {ledger} : compté {counted}, livre {book}",
                   "en": "Cash count of {day} — ledger {ledger}: counted {counted}, books {book}"},
    "csh.confirm": {"fr": "Arrêté de caisse du {day} — cahier {ledger} : compté {counted}. L'enregistrer ?",
                    "en": "Cash count of {day} — ledger {ledger}: counted {counted}. Save it?"},
    "csh.save": {"fr": "✅ Enregistrer l'arrêté", "en": "✅ Save the count"},
    "csh.matches": {"fr": " ✅", "en": " ✅"},
    "csh.differs": {"fr": " : écart de {difference}.\nRecomptez (/caisse), et cherchez une recette ou une dépense en "
                          "espèces oubliée, ou en trop.",
                    "en": ": difference of {difference}.\nCount again (/caisse), and look for a cash receipt or "
                          "expense forgotten, or recorded twice."},
    # /depense and /recette (entries.py)
    "cmd.depense": {"fr": "Enregistrer une dépense : /depense 12,50 Piles", "en": "Record an expense: /depense 12.50 Batteries"},
    "cmd.recette": {"fr": "Enregistrer une recette : /recette 45 Vente de gâteaux", "en": "Record a receipt: /recette 45 Cake sale"},
    "cmd.solde": {"fr": "Les soldes de vos cahiers (banque, caisse, chèques)", "en": "Your ledgers' balances (bank, cash, cheques)"},
    "ent.ask_amount": {"fr": "Montant et libellé de la {direction} ? Par exemple : 12,50 Piles pour la classe",
                       "en": "Amount and label of the {direction}? For example: 12.50 Batteries for the class"},
    "ent.ask_label": {"fr": "Et son libellé ? Par exemple : Piles pour la classe",
                      "en": "And its label? For example: Batteries for the class"},
    "ent.amount.format": {"fr": "Je ne lis pas de montant au début : tapez par exemple 12,50 Piles pour la classe.",
                          "en": "I cannot read an amount first: type for example 12.50 Batteries for the class."},
    "ent.label.length": {"fr": "Le libellé doit faire de 1 à 120 caractères : raccourcissez-le.",
                         "en": "The label must be 1 to 120 characters long: shorten it."},
    "ent.extra.twice": {"fr": "« {first} » et « {second} » donnent tous deux {what} : une seule fois par écriture. "
                              "Retapez la ligne, ou tapez le montant et le libellé seuls.",
                        "en": "\"{first}\" and \"{second}\" both give {what}: once per entry. "
                              "Type the line again, or the amount and label alone."},
    "ent.extra.what.ledger": {"fr": "le cahier", "en": "the ledger"},
    "ent.extra.what.account": {"fr": "le compte", "en": "the account"},
    "ent.extra.what.means": {"fr": "le moyen de paiement", "en": "the means of payment"},
    "ent.extra.what.day": {"fr": "la date", "en": "the date"},
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
    "ent.recorded.bank_negative": {"fr": "\n⚠️ La banque du cahier est maintenant à {banque}. C'est possible si l'école "
                                         "avance de l'argent à la classe (/mouvement) ; sinon vérifiez le montant "
                                         "(↩️ Annuler l'écriture).",
                                   "en": "\n⚠️ The ledger's bank is now at {banque}. That is fine if the school advances "
                                         "money to the class (/mouvement); otherwise check the amount (↩️ Cancel the entry)."},
    "ent.pick_day": {"fr": "Quelle date ?", "en": "What date?"},
    "ent.day.understood": {"fr": "📅 Date comprise : {day}.", "en": "📅 Date understood: {day}."},
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
    "ent.undo.kept": {"fr": "Rien n'est annulé : l'écriture {piece} reste enregistrée.",
                      "en": "Nothing is cancelled: entry {piece} stays recorded."},
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
    "solde.no_books": {"fr": "Aucun de ces cahiers n'a de comptes pour cet exercice : ils commencent plus tard.",
                       "en": "None of these ledgers has books for this year: they start later."},
    "solde.not_open": {"fr": "L'exercice {years} n'est plus ouvert.", "en": "The year {years} is no longer open."},
    "solde.cheques": {"fr": "   chèques non encaissés : {count} · {amount}", "en": "   uncashed cheques: {count} · {amount}"},
    "solde.to_deposit": {"fr": "   chèques à remettre : {count} · {amount}", "en": "   cheques to deposit: {count} · {amount}"},
    "solde.coop": {"fr": "<b>Coopérative {affiliation}</b> : {total}\n   banque {banque} · caisse {caisse}",
                   "en": "<b>Cooperative {affiliation}</b>: {total}\n   bank {banque} · cash {caisse}"},
    # /journal and /historique (journal.py)
    "cmd.journal": {"fr": "Le journal d'un cahier : voir, modifier ou annuler une écriture",
                    "en": "A ledger's journal: see, change or cancel an entry"},
    "cmd.historique": {"fr": "L'historique de la coopérative : qui a changé quoi, et quand",
                       "en": "The cooperative's history: who changed what, and when"},
    # /journal: the page
    "jnl.no_ledger": {"fr": "Vous n'avez pas encore de cahier à consulter.", "en": "You have no ledger to read yet."},
    "jnl.pick_ledger": {"fr": "Le journal de quel cahier ?", "en": "The journal of which ledger?"},
    "jnl.title": {"fr": "<b>Journal du cahier {ledger}</b>\nexercice {years}",
                  "en": "<b>Journal of ledger {ledger}</b>\nyear {years}"},
    "jnl.month": {"fr": "Mois : {month}", "en": "Month: {month}"},
    "jnl.empty": {"fr": "Aucune écriture pour l'instant.", "en": "No entry yet."},
    "jnl.empty_month": {"fr": "Aucune écriture en {month}.", "en": "No entry in {month}."},
    "jnl.page": {"fr": "Page {page}/{pages} · {total} écritures", "en": "Page {page}/{pages} · {total} entries"},
    "jnl.hint": {"fr": "Sous chaque écriture : montant, banque ou caisse → solde après elle. "
                       "Touchez une écriture pour l'ouvrir.",
                 "en": "Under each entry: amount, bank or cash box → balance after it. Tap an entry to open it."},
    "jnl.title_coop": {"fr": "<b>Journal de la coopérative {affiliation}</b>\nexercice {years}",
                       "en": "<b>Journal of cooperative {affiliation}</b>\nyear {years}"},
    "jnl.button.coop": {"fr": "🏫 Toute la coopérative {affiliation}", "en": "🏫 The whole cooperative {affiliation}"},
    "jnl.button.search": {"fr": "🔎 Chercher", "en": "🔎 Search"},
    "jnl.button.search_off": {"fr": "✖ Fin de la recherche", "en": "✖ End the search"},
    "jnl.ask_search": {"fr": "🔎 Tapez un mot du libellé (par exemple piles) ou un montant (par exemple 12,50) :",
                       "en": "🔎 Type a word of the label (for example batteries) or an amount (for example 12.50):"},
    "jnl.search_invalid": {"fr": "Tapez un mot ou un montant, {most} caractères au plus (par exemple piles ou 12,50) :",
                           "en": "Type a word or an amount, {most} characters at most (for example batteries or 12.50):"},
    "jnl.searched": {"fr": "Recherche : « {search} »", "en": "Search: \"{search}\""},
    "jnl.not_found": {"fr": "Aucune écriture ne correspond.", "en": "No entry matches."},
    "jnl.year_closed": {"fr": "L'exercice {years} n'est plus ouvert.", "en": "The year {years} is no longer open."},
    "jnl.button.months": {"fr": "📅 Mois…", "en": "📅 Month…"},
    "jnl.button.ledgers": {"fr": "📒 Autre cahier", "en": "📒 Other ledger"},
    "jnl.button.all_months": {"fr": "Tous les mois", "en": "All months"},
    "jnl.pick_month": {"fr": "Quel mois de l'exercice {years} ?", "en": "Which month of the year {years}?"},
    "jnl.closed": {"fr": "Journal fermé. /journal pour le rouvrir.", "en": "Journal closed. /journal to open it again."},
    # /journal: an entry
    "jnl.entry.title": {"fr": "<b>Écriture {piece}</b> — cahier {ledger}", "en": "<b>Entry {piece}</b> — ledger {ledger}"},
    "jnl.entry.day": {"fr": "Date : {day}", "en": "Date: {day}"},
    "jnl.entry.label": {"fr": "Libellé : {label}", "en": "Label: {label}"},
    "jnl.entry.kind": {"fr": "{direction} · {treasury} · {means}", "en": "{direction} · {treasury} · {means}"},
    "jnl.entry.cheque": {"fr": "chèque n° {number}", "en": "cheque no. {number}"},
    "jnl.entry.amount": {"fr": "Montant : <b>{amount}</b>", "en": "Amount: <b>{amount}</b>"},
    "jnl.entry.splits": {"fr": "Ventilation :", "en": "Accounts:"},
    "jnl.entry.split": {"fr": "• {code} {label} : {amount}", "en": "• {code} {label}: {amount}"},
    "jnl.entry.project": {"fr": "Projet : #{project}", "en": "Project: #{project}"},
    "jnl.entry.no_project": {"fr": "Projet : aucun", "en": "Project: none"},
    "jnl.entry.ticked": {"fr": "Pointée sur le relevé du {day}", "en": "Ticked on the statement of {day}"},
    "jnl.entry.unticked": {"fr": "Pas encore pointée", "en": "Not ticked yet"},
    "jnl.entry.movement": {"fr": "Mouvement interne ({kind}) avec le cahier {ledger}",
                           "en": "Internal movement ({kind}) with ledger {ledger}"},
    "jnl.entry.receipts": {"fr": "Justificatifs : {count}", "en": "Receipts: {count}"},
    "jnl.entry.no_receipt": {"fr": "Justificatif : aucun", "en": "Receipt: none"},
    "jnl.entry.cancelled": {"fr": "❌ Écriture annulée : elle reste au journal, avec son numéro.",
                            "en": "❌ Cancelled entry: it stays in the journal, with its number."},
    "jnl.movement.depot": {"fr": "remise d'espèces en banque", "en": "cash deposit"},
    "jnl.movement.retrait": {"fr": "retrait d'espèces", "en": "cash withdrawal"},
    "jnl.movement.avance": {"fr": "avance", "en": "advance"},
    "jnl.movement.remboursement": {"fr": "remboursement", "en": "reimbursement"},
    "jnl.button.receipt": {"fr": "📎 Justificatif", "en": "📎 Receipt"},
    "jnl.button.receipts": {"fr": "📎 Justificatifs ({count})", "en": "📎 Receipts ({count})"},
    "jnl.button.edit": {"fr": "✏️ Modifier", "en": "✏️ Change"},
    "jnl.button.cancel": {"fr": "🗑 Annuler l'écriture", "en": "🗑 Cancel the entry"},
    "jnl.button.history": {"fr": "🕓 Historique", "en": "🕓 History"},
    "jnl.receipt.caption": {"fr": "Justificatif de l'écriture {piece} ({ledger})",
                            "en": "Receipt of entry {piece} ({ledger})"},
    "jnl.no_receipt": {"fr": "Cette écriture n'a pas de justificatif.", "en": "This entry has no receipt."},
    # /journal: cancelling
    "jnl.confirm_cancel": {"fr": "Annuler l'écriture {piece} « {label} » ({amount}) ?\n"
                                 "Elle restera au journal, barrée, avec son numéro ; les soldes ne la compteront plus.",
                           "en": "Cancel entry {piece} \"{label}\" ({amount})?\n"
                                 "It stays in the journal, struck through, with its number; balances will leave it out."},
    "jnl.button.yes_cancel": {"fr": "🗑 Oui, annuler l'écriture", "en": "🗑 Yes, cancel the entry"},
    "jnl.cancelled": {"fr": "Écriture {piece} annulée : elle reste au journal, barrée, avec son numéro.",
                      "en": "Entry {piece} cancelled: it stays in the journal, struck through, with its number."},
    # /journal: editing
    "jnl.pick_field": {"fr": "Que modifier dans l'écriture {piece} ?", "en": "What to change in entry {piece}?"},
    "jnl.field.label": {"fr": "Libellé", "en": "Label"},
    "jnl.field.amount": {"fr": "Montant", "en": "Amount"},
    "jnl.field.day": {"fr": "Date", "en": "Date"},
    "jnl.field.means": {"fr": "Moyen de paiement", "en": "Means of payment"},
    "jnl.field.project": {"fr": "Projet", "en": "Project"},
    "jnl.field.cheque": {"fr": "N° de chèque", "en": "Cheque no."},
    "jnl.field.account": {"fr": "Compte", "en": "Account"},
    "jnl.ask.account": {"fr": "Nouveau compte de l'écriture {piece} (actuel : {current}) ?",
                        "en": "New account of entry {piece} (now {current})?"},
    "jnl.ask.cheque_number": {"fr": "Nouveau numéro du chèque de l'écriture {piece} (actuel : {current}) :",
                              "en": "New cheque number of entry {piece} (now {current}):"},
    "jnl.split.ask": {"fr": "Écriture {piece} : {amount} à répartir. Combien sur « {account} » ? "
                            "(avant : {old} ; reste {left})",
                      "en": "Entry {piece}: {amount} to split. How much on \"{account}\"? (before: {old}; {left} left)"},
    "jnl.split.keep": {"fr": "Garder {old}", "en": "Keep {old}"},
    "jnl.ask.label": {"fr": "Nouveau libellé de l'écriture {piece} (actuel : « {current} ») :",
                      "en": "New label of entry {piece} (now \"{current}\"):"},
    "jnl.ask.amount": {"fr": "Nouveau montant de l'écriture {piece} (actuel : {current}), par exemple 12,50 :",
                       "en": "New amount of entry {piece} (now {current}), for example 12.50:"},
    "jnl.ask.day": {"fr": "Nouvelle date de l'écriture {piece} (actuelle : {current}), jj/mm/aaaa :",
                    "en": "New date of entry {piece} (now {current}), dd/mm/yyyy:"},
    "jnl.ask.project": {"fr": "Projet de l'écriture {piece} (actuel : {current}) : un mot comme classeverte, "
                              "ou « aucun » pour l'enlever :",
                        "en": "Project of entry {piece} (now {current}): a word like classeverte, "
                              "or \"none\" to remove it:"},
    "jnl.ask.means": {"fr": "Nouveau moyen de paiement de l'écriture {piece} (actuel : {current}) ?\n"
                            "Les espèces vont en caisse, les autres moyens en banque.",
                      "en": "New means of payment of entry {piece} (now {current})?\n"
                            "Cash goes to the cash box, the other means to the bank."},
    "jnl.ask.cheque": {"fr": "Numéro du chèque (des chiffres, par exemple 1234567) :",
                       "en": "Cheque number (digits, for example 1234567):"},
    "jnl.none": {"fr": "aucun", "en": "none"},
    "jnl.edited": {"fr": "Écriture {piece} modifiée.", "en": "Entry {piece} changed."},
    "jnl.confirm_edit": {"fr": "La modification de l'écriture {piece} n'est pas encore enregistrée : l'enregistrer ?",
                         "en": "The change to entry {piece} is not saved yet: save it?"},
    "jnl.button.yes_edit": {"fr": "✏️ Oui, modifier l'écriture", "en": "✏️ Yes, change the entry"},
    # Trails: the entry's (🕓) and the coop's (/historique)
    "jnl.history.title": {"fr": "<b>Historique de l'écriture {piece}</b> — cahier {ledger}",
                          "en": "<b>History of entry {piece}</b> — ledger {ledger}"},
    "jnl.history.older": {"fr": "… et {older}.", "en": "… and {older}."},
    "hist.line": {"fr": "{at} — {person} — {what}", "en": "{at} — {person} — {what}"},
    "hist.event": {"fr": "<i>{at}</i> · {person}\n{what}", "en": "<i>{at}</i> · {person}\n{what}"},
    "hist.operator": {"fr": "l'administrateur du bot", "en": "the bot's administrator"},
    "hist.subject.entry": {"fr": "écriture {piece} ({ledger}) ", "en": "entry {piece} ({ledger}) "},
    "hist.entry.create": {"fr": "{subject}créée : {direction} de {amount}, « {label} »",
                          "en": "{subject}created: {direction} of {amount}, \"{label}\""},
    "hist.entry.edit": {"fr": "{subject}modifiée : {changes}", "en": "{subject}changed: {changes}"},
    "hist.entry.cancel": {"fr": "{subject}annulée", "en": "{subject}cancelled"},
    "hist.entry.attach": {"fr": "{subject}complétée d'un justificatif", "en": "{subject}given a receipt"},
    "hist.opening.opening": {"fr": "report à nouveau du cahier {ledger} : banque {banque}, caisse {caisse}",
                             "en": "opening balance of ledger {ledger}: bank {banque}, cash {caisse}"},
    "hist.statement.create": {"fr": "relevé bancaire du {day} enregistré, solde {balance}",
                              "en": "bank statement of {day} recorded, balance {balance}"},
    "hist.statement.tick": {"fr": "{ticked} sur le relevé du {day}",
                            "en": "{ticked} on the statement of {day}"},
    "hist.cashcount.create": {"fr": "arrêté de caisse du cahier {ledger} au {day} : {counted} en caisse",
                              "en": "cash count of ledger {ledger} on {day}: {counted} counted"},
    "hist.coop.close": {"fr": "exercice {years} clos", "en": "year {years} closed"},
    "hist.other": {"fr": "{entity} n° {id} : {action}", "en": "{entity} no. {id}: {action}"},
    "hist.change": {"fr": "{field} {before} → {after}", "en": "{field} {before} → {after}"},
    "hist.field.day": {"fr": "date", "en": "date"},
    "hist.field.label": {"fr": "libellé", "en": "label"},
    "hist.field.amount": {"fr": "montant", "en": "amount"},
    "hist.field.treasury": {"fr": "banque/caisse", "en": "bank/cash"},
    "hist.field.means": {"fr": "moyen", "en": "means"},
    "hist.field.cheque_number": {"fr": "n° de chèque", "en": "cheque no."},
    "hist.field.project": {"fr": "projet", "en": "project"},
    "hist.field.splits": {"fr": "ventilation", "en": "accounts"},
    "hist.title": {"fr": "<b>Historique de la coopérative {affiliation}</b> ({school})",
                   "en": "<b>History of cooperative {affiliation}</b> ({school})"},
    "hist.empty": {"fr": "Rien n'a encore été enregistré.", "en": "Nothing has been recorded yet."},
    "hist.page": {"fr": "Page {page}/{pages} · {total} événements", "en": "Page {page}/{pages} · {total} events"},
    "hist.pick_coop": {"fr": "L'historique de quelle coopérative ?", "en": "The history of which cooperative?"},
    # /mouvement (movements.py)
    "cmd.mouvement": {"fr": "Dépôt d'espèces en banque, retrait, avance à une classe, remboursement",
                      "en": "Cash deposit at the bank, withdrawal, advance to a class, repayment"},
    "mvt.ask_kind": {"fr": "Quel mouvement interne ?", "en": "Which internal movement?"},
    "mvt.kind.depot": {"fr": "🏦 Dépôt d'espèces en banque", "en": "🏦 Cash deposit at the bank"},
    "mvt.kind.retrait": {"fr": "💶 Retrait d'espèces", "en": "💶 Cash withdrawal"},
    "mvt.kind.avance": {"fr": "➡️ Avance de l'école à une classe", "en": "➡️ Advance from the school to a class"},
    "mvt.kind.remboursement": {"fr": "↩️ Remboursement d'une classe à l'école",
                               "en": "↩️ Repayment from a class to the school"},
    "mvt.word.depot": {"fr": "dépôt", "en": "deposit"},
    "mvt.word.retrait": {"fr": "retrait", "en": "withdrawal"},
    "mvt.word.avance": {"fr": "avance", "en": "advance"},
    "mvt.word.remboursement": {"fr": "remboursement", "en": "repayment"},
    "mvt.pick.depot": {"fr": "Dépôt d'espèces : dans quel cahier ?", "en": "Cash deposit: in which ledger?"},
    "mvt.pick.retrait": {"fr": "Retrait d'espèces : dans quel cahier ?", "en": "Cash withdrawal: in which ledger?"},
    "mvt.pick.avance": {"fr": "Avance du cahier de l'école : à quel cahier de classe ?",
                        "en": "Advance from the school's ledger: to which class ledger?"},
    "mvt.pick.remboursement": {"fr": "Quel cahier de classe rembourse l'école ?",
                               "en": "Which class ledger repays the school?"},
    "mvt.way.depot": {"fr": "cahier {source}, de la caisse vers la banque",
                      "en": "ledger {source}, from the cash box to the bank"},
    "mvt.way.retrait": {"fr": "cahier {source}, de la banque vers la caisse",
                        "en": "ledger {source}, from the bank to the cash box"},
    "mvt.way.avance": {"fr": "du cahier {source} au cahier {target}, par la banque",
                       "en": "from ledger {source} to ledger {target}, through the bank"},
    "mvt.way.remboursement": {"fr": "du cahier {source} au cahier {target}, par la banque",
                              "en": "from ledger {source} to ledger {target}, through the bank"},
    "mvt.way.avance.caisse": {"fr": "du cahier {source} au cahier {target}, de caisse à caisse",
                              "en": "from ledger {source} to ledger {target}, cash box to cash box"},
    "mvt.way.remboursement.caisse": {"fr": "du cahier {source} au cahier {target}, de caisse à caisse",
                                     "en": "from ledger {source} to ledger {target}, cash box to cash box"},
    "mvt.ask_via": {"fr": "<b>{kind}</b> — du cahier {source} au cahier {target} : par la banque, ou en espèces ?",
                    "en": "<b>{kind}</b> — from ledger {source} to ledger {target}: through the bank, or in cash?"},
    "mvt.via.banque": {"fr": "🏦 Par la banque", "en": "🏦 Through the bank"},
    "mvt.via.caisse": {"fr": "💶 En espèces (caisse → caisse)", "en": "💶 In cash (cash box → cash box)"},
    "mvt.ask_amount": {"fr": "<b>{kind}</b> — {way}\n{balances}\n\nMontant ? Tapez-le, par exemple 50 ou 12,50 "
                             "(ou /annuler) :",
                       "en": "<b>{kind}</b> — {way}\n{balances}\n\nAmount? Type it, for example 50 or 12.50 "
                             "(or /annuler):"},
    "mvt.ask_day": {"fr": "Date du mouvement ({amount}) ? Choisissez, ou tapez-la (jj/mm/aaaa) :",
                    "en": "Date of the movement ({amount})? Choose, or type it (dd/mm/yyyy):"},
    "mvt.label.depot": {"fr": "Remise d'espèces en banque", "en": "Cash paid into the bank"},
    "mvt.label.retrait": {"fr": "Retrait d'espèces", "en": "Cash withdrawal"},
    "mvt.label.avance": {"fr": "Avance au cahier {target}", "en": "Advance to ledger {target}"},
    "mvt.label.remboursement": {"fr": "Remboursement au cahier de l'école", "en": "Repayment to the school's ledger"},
    "mvt.ask_label": {"fr": "Libellé : « {label} ».\nGardez-le, ou tapez-en un autre :",
                      "en": "Label: \"{label}\".\nKeep it, or type another one:"},
    "mvt.keep_label": {"fr": "✅ Garder ce libellé", "en": "✅ Keep this label"},
    "mvt.card": {"fr": "<b>Mouvement à enregistrer</b>\n{kind} — {way}\nMontant : {amount}\nDate : {day}\n"
                       "Libellé : {label}",
                 "en": "<b>Movement to record</b>\n{kind} — {way}\nAmount: {amount}\nDate: {day}\nLabel: {label}"},
    "mvt.card.bank_negative": {"fr": "⚠️ Après ce mouvement, la banque du cahier {ledger} sera à {banque} : vérifiez "
                                     "le montant.",
                               "en": "⚠️ After this movement the bank of ledger {ledger} will be at {banque}: check "
                                     "the amount."},
    "mvt.save": {"fr": "✅ Enregistrer", "en": "✅ Record"},
    "mvt.recorded": {"fr": "Mouvement enregistré : {what} de {amount} — {balances}\nPièces : {pieces}",
                     "en": "Movement recorded: {what} of {amount} — {balances}\nPièces: {pieces}"},
    "mvt.after": {"fr": "cahier {ledger} : banque {banque} · caisse {caisse}",
                  "en": "ledger {ledger}: bank {banque} · cash {caisse}"},
    "mvt.piece": {"fr": "{piece} ({ledger}, {treasury})", "en": "{piece} ({ledger}, {treasury})"},
    "mvt.and": {"fr": " et ", "en": " and "},
    # /report (openings.py)
    "cmd.report": {"fr": "Le report à nouveau d'un cahier (banque et caisse au 1er septembre)",
                   "en": "A ledger's opening balance (bank and cash on 1 September)"},
    "opn.pick": {"fr": "Report à nouveau : de quel cahier ?", "en": "Opening balance: of which ledger?"},
    "opn.ask_banque": {"fr": "<b>Report à nouveau du cahier {ledger}</b>, exercice {years}.\n"
                             "Solde de la <b>banque</b> au 01/09/{year} ? (par exemple 1 520,00 ; 0 s'il n'y a rien ; "
                             "-12,50 si le compte était à découvert)",
                       "en": "<b>Opening balance of ledger {ledger}</b>, year {years}.\n"
                             "<b>Bank</b> balance on 01/09/{year}? (for example 1,520.00; 0 if nothing; -12.50 if overdrawn)"},
    "opn.computed": {"fr": "Le report à nouveau {years} du cahier {ledger} vient de l'exercice précédent : il est calculé.",
                     "en": "The {years} opening balance of ledger {ledger} comes from the previous year: it is computed."},
    "opn.replaces": {"fr": "Report à nouveau déjà saisi : banque {banque} · caisse {caisse}. Les montants que vous "
                           "tapez le remplacent (/annuler pour le garder).",
                     "en": "Opening balance already typed: bank {banque} · cash {caisse}. The amounts you type "
                           "replace it (/annuler to keep it)."},
    "opn.ask_caisse": {"fr": "Et la <b>caisse</b> au 01/09/{year} ? (par exemple 85,00 ; 0 si elle était vide)",
                       "en": "And the <b>cash box</b> on 01/09/{year}? (for example 85.00; 0 if it was empty)"},
    "opn.caisse_negative": {"fr": "La caisse ne peut pas être négative. Retapez-la :",
                            "en": "The cash box cannot be negative. Type it again:"},
    "opn.caisse_too_low": {"fr": "Avec cette caisse, les écritures déjà passées la mettraient sous zéro : "
                                 "il faut au moins {minimum}. Retapez-la :",
                           "en": "With this cash, the entries already recorded would take it below zero: "
                                 "it must be at least {minimum}. Type it again:"},
    "opn.done": {"fr": "Report à nouveau enregistré — {balance}", "en": "Opening balance recorded — {balance}"},
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
    "pnt.ask_balance": {"fr": "Solde du relevé du {day} ? Tapez-le comme il est imprimé, par exemple 1 234,56 "
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
    # /remise (remise.py)
    "cmd.remise": {"fr": "Remise de chèques : les chèques reçus, déposés ensemble à la banque",
                   "en": "Cheque deposit: the cheques received, paid in together at the bank"},
    "rem.pick_coop": {"fr": "Remise de chèques : quelle coopérative ?", "en": "Cheque deposit: which cooperative?"},
    "rem.none": {"fr": "Aucun chèque à remettre : les chèques reçus s'enregistrent par /recette (moyen : chèque).",
                 "en": "No cheque to deposit: cheques received are recorded with /recette (means: cheque)."},
    "rem.title": {"fr": "<b>Remise de chèques</b> — coop {affiliation}", "en": "<b>Cheque deposit</b> — coop {affiliation}"},
    "rem.instructions": {"fr": "Décochez les chèques qui ne partent pas avec ce bordereau :",
                         "en": "Untick the cheques that do not go with this slip:"},
    "rem.more": {"fr": "… et {others}, pour la prochaine remise.", "en": "… and {others}, for the next deposit."},
    "rem.total": {"fr": "<b>Bordereau : {cheques} · {total}</b>", "en": "<b>Slip: {cheques} · {total}</b>"},
    "rem.go": {"fr": "✅ Remettre ces chèques", "en": "✅ Deposit these cheques"},
    "rem.confirm": {"fr": "Remise datée du {day} : la remettre ?", "en": "Deposit dated {day}: make it?"},
    "rem.empty": {"fr": "Cochez au moins un chèque.", "en": "Tick at least one cheque."},
    "rem.ask_day": {"fr": "Date de la remise ({cheques} · {total}) ? Choisissez, ou tapez-la (jj/mm/aaaa) :",
                    "en": "Date of the deposit ({cheques} · {total})? Choose, or type it (dd/mm/yyyy):"},
    "rem.done": {"fr": "Remise n° {number} du {day} enregistrée : {cheques}, {total}. Notez le n° {number} "
                       "sur le bordereau ; /pointage la coche en une ligne.",
                 "en": "Deposit no. {number} of {day} recorded: {cheques}, {total}. Write no. {number} on "
                       "the slip; /pointage ticks it as one line."},
    "ledger.error.deposited": {"fr": "Ce chèque est sur une remise : sa date, son montant et son moyen ne changent plus, "
                                     "et il ne s'annule pas (le bordereau est à la banque).",
                                "en": "This cheque is on a deposit slip: its date, amount and means no longer change, "
                                      "and it cannot be cancelled (the slip is at the bank)."},
    "ledger.error.no_cheque": {"fr": "Aucun chèque coché.", "en": "No cheque ticked."},
    "ledger.error.not_to_deposit": {"fr": "Ce chèque n'est plus à remettre (déjà remis, pointé ou annulé).",
                                    "en": "This cheque is no longer to deposit (deposited, ticked or cancelled)."},
    "ledger.error.after_deposit": {"fr": "Un chèque coché a été reçu après cette date : choisissez une date plus tardive.",
                                   "en": "A ticked cheque was received after that date: choose a later date."},
    # /historique: the membership, ledger, invitation and mandate events (trail.py)
    "hist.adhesionrow.create": {"fr": "classe {class_name} ajoutée ({total} membres)",
                                "en": "class {class_name} added ({total} members)"},
    "hist.adhesionrow.edit": {"fr": "classe {class_name} : {changes}", "en": "class {class_name}: {changes}"},
    "hist.adhesionrow.delete": {"fr": "classe {class_name} retirée", "en": "class {class_name} removed"},
    "hist.adhesion.submit": {"fr": "adhésion {years} transmise", "en": "membership {years} sent"},
    "hist.adhesion.withdraw": {"fr": "adhésion {years} en brouillon", "en": "membership {years} a draft again"},
    "hist.adhesion.validate": {"fr": "adhésion {years} validée", "en": "membership {years} validated"},
    "hist.adhesion.reopen": {"fr": "adhésion {years} rouverte :\n« {reason} »", "en": "membership {years} reopened:\n\"{reason}\""},
    "hist.ledger.create": {"fr": "cahier {name} créé ({class_name})", "en": "ledger {name} created ({class_name})"},
    "hist.ledger.attach": {"fr": "cahier {name} repris ({class_name})", "en": "ledger {name} taken again ({class_name})"},
    "hist.invitation.create": {"fr": "lien d'invitation : {role}", "en": "invitation link: {role}"},
    "hist.invitation.use": {"fr": "invitation acceptée : {role}", "en": "invitation accepted: {role}"},
    "hist.invitation.revoke": {"fr": "lien d'invitation annulé : {role}", "en": "invitation link withdrawn: {role}"},
    "hist.mandate.confirm": {"fr": "mandat confié à {successor}", "en": "mandate handed to {successor}"},
    "hist.role.ad": {"fr": "OCCE", "en": "OCCE"},
    "hist.role.mandataire": {"fr": "mandataire", "en": "mandataire"},
    "hist.role.signataire": {"fr": "signataire", "en": "co-signatory"},
    "hist.role.enseignant": {"fr": "enseignant·e {ledger}", "en": "teacher {ledger}"},
    "hist.role.verificateur": {"fr": "vérificateur", "en": "auditor"},
    "hist.row.class_name": {"fr": "nom", "en": "name"},
    "hist.row.teachers": {"fr": "ens.", "en": "teachers"},
    "hist.row.pupils": {"fr": "élèves", "en": "pupils"},
    "hist.row.other_adults": {"fr": "adultes", "en": "adults"},
    # /projets and /inventaire (projects.py)
    "cmd.projets": {"fr": "Recettes, dépenses et solde de chaque projet (#classeverte…)",
                    "en": "Receipts, expenses and balance of each project (#classeverte…)"},
    "cmd.inventaire": {"fr": "L'inventaire des biens durables de la coopérative",
                       "en": "The cooperative's register of durable goods"},
    # /projets
    "prj.title.coop": {"fr": "<b>Projets {years}</b> — coopérative {affiliation}, tous les cahiers",
                       "en": "<b>Projects {years}</b> — cooperative {affiliation}, every ledger"},
    "prj.title.ledger": {"fr": "<b>Projets {years}</b> — cahier {name} ({affiliation})",
                         "en": "<b>Projects {years}</b> — ledger {name} ({affiliation})"},
    "prj.line.one": {"fr": "#{project} — recettes {receipts} · dépenses {expenses} · solde {balance} (1 écriture)",
                     "en": "#{project} — receipts {receipts} · expenses {expenses} · balance {balance} (1 entry)"},
    "prj.line.many": {"fr": "#{project} — recettes {receipts} · dépenses {expenses} · solde {balance} ({count} écritures)",
                      "en": "#{project} — receipts {receipts} · expenses {expenses} · balance {balance} ({count} entries)"},
    "prj.more": {"fr": "… et {others}.", "en": "… and {others}."},
    "prj.empty.current": {"fr": "Aucun projet cette année : ajoutez #nomduprojet à la fin d'une /depense ou /recette.",
                          "en": "No project this year: add #projectname at the end of a /depense or /recette."},
    "prj.empty.other": {"fr": "Aucun projet pour l'exercice {years}.", "en": "No project in the {years} year."},
    "prj.no_ledger": {"fr": "Aucun cahier à consulter pour l'instant.", "en": "No ledger to look at yet."},
    "prj.button.coop": {"fr": "🏫 Toute la coopérative {affiliation}", "en": "🏫 The whole cooperative {affiliation}"},
    "prj.button.ledger": {"fr": "📒 {name}", "en": "📒 {name}"},
    "prj.button.year": {"fr": "📅 Exercice {years}", "en": "📅 Year {years}"},
    # /inventaire
    "ivt.title.year": {"fr": "<b>Inventaire {years}</b> — coopérative {affiliation}",
                       "en": "<b>Inventory {years}</b> — cooperative {affiliation}"},
    "ivt.title.all": {"fr": "<b>Inventaire, toutes les années</b> — coopérative {affiliation}",
                      "en": "<b>Inventory, every year</b> — cooperative {affiliation}"},
    "ivt.line": {"fr": "{day} · {label} · {value} · cahier {ledger} (pièce {piece})",
                 "en": "{day} · {label} · {value} · ledger {ledger} (document {piece})"},
    "ivt.page": {"fr": "Page {page}/{pages}", "en": "Page {page}/{pages}"},
    "ivt.total.one": {"fr": "<b>Valeur totale</b> : {total} (1 bien)", "en": "<b>Total value</b>: {total} (1 item)"},
    "ivt.total.many": {"fr": "<b>Valeur totale</b> : {total} ({count} biens)",
                       "en": "<b>Total value</b>: {total} ({count} items)"},
    "ivt.empty.year": {"fr": "Aucun bien durable acheté pendant l'exercice {years}. Les dépenses ventilées sur le "
                             "compte des achats de biens durables (68…) s'inscrivent ici d'elles-mêmes.",
                       "en": "No durable goods bought in the {years} year. Expenses split on the durable goods "
                             "account (68…) are listed here by themselves."},
    "ivt.empty.all": {"fr": "L'inventaire est vide. Les dépenses ventilées sur le compte des achats de biens "
                            "durables (68…) s'inscrivent ici d'elles-mêmes.",
                      "en": "The inventory is empty. Expenses split on the durable goods account (68…) are "
                            "listed here by themselves."},
    "ivt.button.all": {"fr": "🗂 Toutes les années", "en": "🗂 Every year"},
    "ivt.button.year": {"fr": "📅 Exercice {years}", "en": "📅 Year {years}"},
    "ivt.button.coop": {"fr": "🏫 Coopérative {affiliation}", "en": "🏫 Cooperative {affiliation}"},
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
                               "1 234,56), ou envoyez le fichier de votre banque (CSV, OFX ou CFONB) comme document.",
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
