"""The sentences of bot/membership/, in French first and in English (gathered by bot.texts)."""

TEXTS: dict[str, dict[str, str]] = {
    # /adhesion and /valider (adhesion.py)
    "adh.error.class_duplicate": {"fr": "La ligne {number} est déjà la classe « {existing} » : une ligne par classe. "
                                        "Tapez un autre nom (ou modifiez la ligne {number}) :",
                                  "en": "Row {number} is already class \"{existing}\": one row per class. "
                                        "Type another name (or change row {number}):"},
    "adh.error.submitted": {"fr": "Cette adhésion a été transmise à l'OCCE : ouvrez /adhesion pour la modifier.",
                            "en": "This membership was sent to the OCCE: open /adhesion to change it."},
    "adh.error.reason": {"fr": "Tapez la raison en une phrase (3 à {high} caractères) :",
                         "en": "Type the reason in one sentence (3 to {high} characters):"},
    "adh.error.reason_no_letter": {"fr": "La raison est transmise au mandataire : tapez-la avec des mots, en une phrase "
                                         "(3 à {high} caractères) :",
                                   "en": "The reason is sent to the mandataire: type it in words, in one sentence "
                                         "(3 to {high} characters):"},
    "adh.error.begun": {"fr": "Ce tableau est déjà commencé : il reste tel quel. Tapez /adhesion pour le voir.",
                        "en": "This table is begun already: it stays as it is. Type /adhesion to see it."},
    "adh.error.sent_again": {"fr": "La coopérative {affiliation} a modifié son adhésion et l'a transmise à nouveau "
                                   "depuis cette fiche : rien n'est validé. Revoyez-la avec /valider.",
                             "en": "Cooperative {affiliation} changed its membership and sent it again since this "
                                   "card: nothing is validated. Review it again with /valider."},
    "adh.error.not_validated": {"fr": "Cette adhésion n'est pas validée : il n'y a rien à rouvrir.",
                                "en": "This membership is not validated: there is nothing to reopen."},
    "adh.confirm_withdraw": {"fr": "Cette adhésion a été transmise à l'OCCE le {day}. La modifier la remet en "
                                   "brouillon : il faudra la valider à nouveau pour la transmettre. Modifier quand même ?",
                             "en": "This membership was sent to the OCCE on {day}. Changing it makes it a draft "
                                   "again: you will have to validate it again to send it. Change it anyway?"},
    "adh.button.withdraw": {"fr": "✏️ Oui, la modifier", "en": "✏️ Yes, change it"},
    "adh.validate_again": {"fr": "⚠️ Adhésion repassée en brouillon : validez-la à nouveau (✅ Valider l'adhésion) "
                                 "pour la transmettre à l'OCCE.",
                           "en": "⚠️ The membership is a draft again: validate it again (✅ Validate the membership) "
                                 "to send it to the OCCE."},
    "adh.told_withdrawn": {"fr": "✏️ La coopérative {affiliation} a repris son adhésion {years} pour la modifier : "
                                 "elle vous la transmettra à nouveau.",
                           "en": "✏️ Cooperative {affiliation} took its membership {years} back to change it: "
                                 "it will send it to you again."},
    "adh.review": {"fr": "<b>À valider par l'OCCE</b>", "en": "<b>For the OCCE to validate</b>"},
    "adh.button.view": {"fr": "🔍 Voir {affiliation}", "en": "🔍 See {affiliation}"},
    "adh.button.review": {"fr": "🔍 Voir et valider {affiliation}", "en": "🔍 See and validate {affiliation}"},
    "adh.not_now": {"fr": "Adhésion de {affiliation} pas encore validée : /valider pour y revenir.",
                    "en": "Membership of {affiliation} not validated yet: /valider to come back to it."},
    "adh.button.not_now": {"fr": "✖️ Pas maintenant", "en": "✖️ Not now"},
    "adh.reopen_left": {"fr": "Vous avez tapé une autre commande : l'adhésion n'est pas rouverte, rien n'est envoyé "
                              "au mandataire.",
                        "en": "You typed another command: the membership is not reopened, nothing is sent to the "
                              "mandataire."},
    "adh.ask_reason": {"fr": "Rouvrir l'adhésion {years} de la coopérative {affiliation} : pourquoi ? Tapez la raison, "
                             "elle sera transmise au mandataire (/annuler pour la laisser validée) :",
                       "en": "Reopen membership {years} of cooperative {affiliation}: why? Type the reason, it will "
                             "be sent to the mandataire (/annuler to leave it validated):"},
    "adh.button.pay": {"fr": "💶 Enregistrer le paiement ({amount})", "en": "💶 Record the payment ({amount})"},
    "adh.pay.ask": {"fr": "<b>Paiement de l'adhésion {years}</b> : dépense de {amount} du cahier {ledger}, "
                          "par chèque à l'ordre de {payee}.\n• Cotisation OCCE (62810008) : {cotisation}\n"
                          "• Assurance OCCE (61681008) : {assurance}\n\nNuméro du chèque (/annuler pour plus tard) :",
                    "en": "<b>Payment of membership {years}</b>: expense of {amount} from ledger {ledger}, "
                          "by cheque to {payee}.\n• OCCE cotisation (62810008): {cotisation}\n"
                          "• OCCE insurance (61681008): {assurance}\n\nCheque number (/annuler for later):"},
    "adh.paid": {"fr": "✅ Paiement enregistré :\n{entry}\n\nNouveau solde — {balance}",
                 "en": "✅ Payment recorded:\n{entry}\n\nNew balance — {balance}"},
    "adh.error.paid": {"fr": "Le paiement de cette adhésion est déjà enregistré (voir /journal du cahier de l'école).",
                       "en": "This membership's payment is already recorded (see /journal of the school ledger)."},
    "adh.error.pay_not_validated": {"fr": "Cette adhésion n'est plus validée par l'OCCE : enregistrez le paiement "
                                          "quand elle l'aura validée à nouveau.",
                                    "en": "This membership is no longer validated by the OCCE: record the payment "
                                          "once it is validated again."},
    "adh.told_reopened.reason": {"fr": "L'OCCE a rouvert l'adhésion {years} de la coopérative {affiliation} : "
                                       "« {reason} ». Modifiez-la dans /adhesion puis validez-la à nouveau.",
                                 "en": "The OCCE reopened membership {years} of cooperative {affiliation}: "
                                       "\"{reason}\". Change it in /adhesion, then validate it again."},
    # /coop (coop.py)
    "cmd.coop": {"fr": "La fiche de la coopérative : qui fait quoi, où en est l'adhésion",
                 "en": "The cooperative's card: who does what, where the membership stands"},
    "coop.title": {"fr": "<b>{school}</b>\n{commune}Coopérative {affiliation} · OCCE {department}",
                   "en": "<b>{school}</b>\n{commune}Cooperative {affiliation} · OCCE {department}"},
    "coop.mandataire": {"fr": "Mandataire : {names}", "en": "Mandataire: {names}"},
    "coop.signataires": {"fr": "Signataires : {names}", "en": "Co-signatories: {names}"},
    "coop.verificateurs": {"fr": "Vérificateurs aux comptes : {names}", "en": "Auditors: {names}"},
    "coop.nobody": {"fr": "personne", "en": "nobody"},
    "coop.ledgers": {"fr": "<b>Cahiers</b>", "en": "<b>Ledgers</b>"},
    "coop.ledger.school": {"fr": "• {name} (école)", "en": "• {name} (school)"},
    "coop.ledger.class": {"fr": "• {name} : {teachers}", "en": "• {name}: {teachers}"},
    "coop.adhesion": {"fr": "Adhésion {years} : {state}", "en": "Membership {years}: {state}"},
    "coop.adhesion.new": {"fr": "pas commencée", "en": "not started"},
    "coop.adhesion.late": {"fr": "⚠️ en retard", "en": "⚠️ late"},
    "coop.adhesion.draft": {"fr": "📝 en cours", "en": "📝 in progress"},
    "coop.adhesion.submitted": {"fr": "⏳ transmise, à valider par l'OCCE", "en": "⏳ sent, for the OCCE to validate"},
    "coop.adhesion.validated": {"fr": "✅ validée", "en": "✅ validated"},
    "coop.report": {"fr": "Compte rendu {years} : {state}", "en": "Yearly report {years}: {state}"},
    "coop.none_yet": {"fr": "Vous ne suivez encore aucune coopérative : aucune coopérative de l'OCCE {department} "
                            "n'est enregistrée dans CoopBot pour l'instant.",
                      "en": "You follow no cooperative yet: no cooperative of OCCE {department} is registered in "
                            "CoopBot for now."},
    "coop.ask": {"fr": "La fiche de quelle coopérative ? Tapez son affiliation (par exemple {example}) :",
                 "en": "The card of which cooperative? Type its affiliation (e.g. {example}):"},
    "coop.unknown": {"fr": "Pas de coopérative « {typed} » dans votre département. Tapez une affiliation "
                           "comme {example} (/annuler pour arrêter) :",
                     "en": "No cooperative \"{typed}\" in your department. Type an affiliation like {example} "
                           "(/annuler to stop):"},
    # /cahiers (ledgers.py)
    "led.error.no_letter": {"fr": "Un nom de cahier contient au moins une lettre ou un chiffre (par exemple CE1A). "
                                  "Tapez un autre nom :",
                            "en": "A ledger's name holds at least one letter or digit (e.g. CE1A). Type another name:"},
    "led.button.attach": {"fr": "🔗 Reprendre le cahier {name}", "en": "🔗 Take ledger {name} again"},
    "led.or_attach": {"fr": "Si la classe {class_name} avait déjà un cahier, reprenez-le plutôt (ses comptes continuent) :",
                      "en": "If class {class_name} already had a ledger, take it again instead (its books go on):"},
    "led.attached": {"fr": "La classe {class_name} reprend son cahier « {name} ». Invitez son ou ses enseignant·es si besoin :",
                     "en": "Class {class_name} takes its ledger \"{name}\" again. Invite its teacher(s) if needed:"},
    # the attestation's PDF (attestation.py): an official French document, in French for everyone
    "att.title": {"fr": "Attestation d'adhésion {affiliation} {years}"},
    "att.heading": {"fr": "OCCE {department} — Attestation d'adhésion"},
    "att.body": {"fr": "La coopérative scolaire {affiliation} ({school}) est adhérente de l'OCCE {department} pour "
                       "l'année scolaire {years}. Adhésion validée par l'OCCE le {day}."},
    "att.column.class": {"fr": "Classe"},
    "att.column.teachers": {"fr": "Enseignants"},
    "att.column.pupils": {"fr": "Élèves"},
    "att.column.adults": {"fr": "Autres adultes"},
    "att.column.total": {"fr": "Total"},
    "att.fee": {"fr": "Cotisation et assurance : {fee}"},
}  # fmt: skip
