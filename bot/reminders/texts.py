"""The sentences of bot/reminders/, in French first and in English (gathered by bot.texts)."""

TEXTS: dict[str, dict[str, str]] = {
    "cmd.rappels": {"fr": "Les rappels que vous recevrez, et leur heure",
                    "en": "The reminders you will receive, and their time"},
    "rmd.word.day": {"fr": "jour|jours", "en": "day|days"},
    "rmd.word.class": {"fr": "classe|classes", "en": "class|classes"},
    # Membership, to the mandataire
    "rmd.adhesion.ouverture": {
        "fr": "📣 <b>Adhésion {years}</b> — coopérative {affiliation}\n"
              "La campagne d'adhésion est ouverte jusqu'au {deadline}. {state}",
        "en": "📣 <b>Membership {years}</b> — cooperative {affiliation}\n"
              "The membership renewal is open until {deadline}. {state}"},
    "rmd.adhesion.countdown": {
        "fr": "⏰ <b>Adhésion {years}</b> — coopérative {affiliation}\n"
              "Il reste {days} pour valider l'adhésion : la date limite est le {deadline}. {state}",
        "en": "⏰ <b>Membership {years}</b> — cooperative {affiliation}\n"
              "{days} left to validate the membership: the deadline is {deadline}. {state}"},
    "rmd.adhesion.last_day": {
        "fr": "⏰ <b>Adhésion {years}</b> — coopérative {affiliation}\n"
              "Dernier jour demain : l'adhésion est à valider au plus tard le {deadline}. {state}",
        "en": "⏰ <b>Membership {years}</b> — cooperative {affiliation}\n"
              "Last day tomorrow: the membership must be validated by {deadline}. {state}"},
    "rmd.adhesion.retard": {
        "fr": "⚠️ <b>Adhésion {years} en retard</b> — coopérative {affiliation}\n"
              "La date limite était le {deadline}. {state} Validez-la dès que possible.",
        "en": "⚠️ <b>Membership {years} late</b> — cooperative {affiliation}\n"
              "The deadline was {deadline}. {state} Please validate it as soon as you can."},
    "rmd.adhesion.empty": {"fr": "Le tableau des classes n'est pas encore commencé.",
                           "en": "The table of classes is not started yet."},
    "rmd.adhesion.rows": {"fr": "Le tableau compte {classes} : il reste à le vérifier et à le valider.",
                          "en": "The table has {classes}: it remains to check and validate it."},
    "rmd.button.adhesion": {"fr": "📝 Ouvrir l'adhésion", "en": "📝 Open the membership"},
    # Membership waiting, to the AD
    "rmd.validation": {
        "fr": "⏳ L'adhésion de la coopérative {affiliation}, transmise le {submitted}, "
              "attend votre validation depuis plus de {days}.",
        "en": "⏳ The membership of cooperative {affiliation}, sent on {submitted}, "
              "has been waiting for your validation for more than {days}."},
    "rmd.button.review": {"fr": "🔍 Voir l'adhésion", "en": "🔍 See the membership"},
    # The yearly report (CRF and CRA), to the mandataire and the vérificateurs
    "rmd.prepare": {
        "fr": "🗂 <b>Compte rendu {years}</b> — coopérative {affiliation}\n"
              "L'exercice se termine le 31 août et le compte rendu est à envoyer avant le {deadline}. "
              "Préparez dès maintenant l'arrêté de caisse du 31 août, le relevé bancaire d'août et la réunion "
              "des vérificateurs aux comptes. {lacks}",
        "en": "🗂 <b>Report {years}</b> — cooperative {affiliation}\n"
              "The year ends on 31 August and the report is due by {deadline}. Get ready now: the cash count "
              "of 31 August, the August bank statement and the meeting of the auditors. {lacks}"},
    "rmd.report.countdown": {
        "fr": "⏰ <b>Compte rendu {years}</b> — coopérative {affiliation}\n"
              "Il reste {days} pour envoyer le compte rendu : la date limite est le {deadline}. {lacks}",
        "en": "⏰ <b>Report {years}</b> — cooperative {affiliation}\n"
              "{days} left to send the report: the deadline is {deadline}. {lacks}"},
    "rmd.report.last_day": {
        "fr": "⏰ <b>Compte rendu {years}</b> — coopérative {affiliation}\n"
              "Dernier jour demain : le compte rendu est à envoyer au plus tard le {deadline}. {lacks}",
        "en": "⏰ <b>Report {years}</b> — cooperative {affiliation}\n"
              "Last day tomorrow: the report must be sent by {deadline}. {lacks}"},
    "rmd.report.retard": {
        "fr": "⚠️ <b>Compte rendu {years} en retard</b> — coopérative {affiliation}\n"
              "La date limite était le {deadline}. {lacks} Envoyez-le dès que possible.",
        "en": "⚠️ <b>Report {years} late</b> — cooperative {affiliation}\n"
              "The deadline was {deadline}. {lacks} Please send it as soon as you can."},
    "rmd.report.lacks": {"fr": "Il manque encore : {what}.", "en": "Still missing: {what}."},
    "rmd.report.complete": {"fr": "Le compte rendu financier est complet.", "en": "The financial report is complete."},
    "rmd.returned": {
        "fr": "↩️ <b>Compte rendu {years} à compléter</b> — coopérative {affiliation}\n"
              "Le C.R. est suivi, mais il doit être complété : « {comment} » {lacks}",
        "en": "↩️ <b>Report {years} to complete</b> — cooperative {affiliation}\n"
              "The report is being followed, but it must be completed: “{comment}” {lacks}"},
    "rmd.quitus": {
        "fr": "✍️ <b>Quitus {years}</b> — coopérative {affiliation}\n"
              "Le mandataire vous demande de vérifier les comptes et de donner votre quitus. {lacks}",
        "en": "✍️ <b>Quitus {years}</b> — cooperative {affiliation}\n"
              "The mandataire asks you to check the accounts and give your quitus. {lacks}"},
    "rmd.button.report": {"fr": "🗂 Ouvrir le compte rendu", "en": "🗂 Open the report"},
    "rmd.button.quitus": {"fr": "✍️ Donner mon quitus", "en": "✍️ Give my quitus"},
    # A class ledger still open, to its teacher
    "rmd.closing.rentree": {
        "fr": "📕 <b>Cahier {ledger} {years}</b> — coopérative {affiliation}\n"
              "Le cahier de votre classe n'est pas encore clos : son solde est à reverser à la coopérative de "
              "l'école pour que le compte rendu puisse partir avant le {deadline}.",
        "en": "📕 <b>Ledger {ledger} {years}</b> — cooperative {affiliation}\n"
              "Your class ledger is not closed yet: its balance must be paid back to the school cooperative "
              "so that the report can be sent by {deadline}."},
    "rmd.closing.countdown": {
        "fr": "⏰ <b>Cahier {ledger} {years}</b> — coopérative {affiliation}\n"
              "Le cahier de votre classe n'est toujours pas clos, et le compte rendu est à envoyer dans {days}, "
              "au plus tard le {deadline}.",
        "en": "⏰ <b>Ledger {ledger} {years}</b> — cooperative {affiliation}\n"
              "Your class ledger is still not closed, and the report is due in {days}, by {deadline}."},
    "rmd.button.closing": {"fr": "📕 Clore le cahier", "en": "📕 Close the ledger"},
    # /rappels
    "rap.title": {"fr": "🔔 <b>Vos rappels</b>", "en": "🔔 <b>Your reminders</b>"},
    "rap.nothing": {"fr": "Vous ne recevez aucun rappel pour l'instant.",
                    "en": "You receive no reminder for now."},
    "rap.adhesion.dates": {"fr": "📝 Adhésion de la coopérative {affiliation} : {dates}.",
                           "en": "📝 Membership of cooperative {affiliation}: {dates}."},
    "rap.adhesion.done": {"fr": "📝 Adhésion de la coopérative {affiliation} : validée, plus aucun rappel.",
                          "en": "📝 Membership of cooperative {affiliation}: validated, no more reminders."},
    "rap.adhesion.over": {"fr": "📝 Adhésion de la coopérative {affiliation} : plus de rappel cette année.",
                          "en": "📝 Membership of cooperative {affiliation}: no more reminders this year."},
    "rap.report.dates": {"fr": "🗂 Compte rendu {years} de la coopérative {affiliation} : {dates}.",
                         "en": "🗂 Report {years} of cooperative {affiliation}: {dates}."},
    "rap.report.weekly": {"fr": "puis chaque semaine en retard, du {first} au {last}",
                          "en": "then weekly while late, from {first} to {last}"},
    "rap.report.weekly.only": {"fr": "chaque semaine en retard, du {first} au {last}",
                               "en": "weekly while late, from {first} to {last}"},
    "rap.report.sent": {"fr": "🗂 Compte rendu {years} de la coopérative {affiliation} : envoyé, plus aucun rappel.",
                        "en": "🗂 Report {years} of cooperative {affiliation}: sent, no more reminders."},
    "rap.report.over": {"fr": "🗂 Compte rendu {years} de la coopérative {affiliation} : plus de rappel.",
                        "en": "🗂 Report {years} of cooperative {affiliation}: no more reminders."},
    "rap.report.over.muted": {"fr": "🗂 Compte rendu {years} de la coopérative {affiliation} : plus de rappel, vous "
                                     "les avez coupés.",
                               "en": "🗂 Report {years} of cooperative {affiliation}: no more reminders, you muted them."},
    "rap.report.over.late": {"fr": "🗂 Compte rendu {years} de la coopérative {affiliation} : plus de rappel, ses "
                                    "{weeks} semaines de rappels « en retard » sont passées ; l'OCCE assure le suivi.",
                              "en": "🗂 Report {years} of cooperative {affiliation}: no more reminders, its {weeks} "
                                    "weeks of \"late\" reminders are over; the OCCE follows it up."},
    "rap.digest": {"fr": "📊 Synthèse de la semaine : chaque lundi matin, de septembre à novembre{next}.",
                   "en": "📊 Weekly digest: every Monday morning, from September to November{next}."},
    "rap.digest.next": {"fr": " ; la prochaine le {day}", "en": "; the next one on {day}"},
    "rap.coming.validation": {"fr": "⏳ Prochains rappels : {items}.", "en": "⏳ Next reminders: {items}."},
    "rap.validation.item": {"fr": "{affiliation} le {day}", "en": "{affiliation} on {day}"},
    "rap.coming.preparation": {"fr": "🗂 Préparation du compte rendu {years} de la coopérative {affiliation} : {dates}.",
                               "en": "🗂 Getting the report {years} of cooperative {affiliation} ready: {dates}."},
    "rap.coming.renvoi": {"fr": "↩️ Compte rendu {years} de la coopérative {affiliation} renvoyé par l'OCCE : {dates}.",
                          "en": "↩️ Report {years} of cooperative {affiliation} sent back by the OCCE: {dates}."},
    "rap.coming.quitus": {"fr": "✍️ Quitus {years} de la coopérative {affiliation} : {dates}.",
                          "en": "✍️ Quitus {years} of cooperative {affiliation}: {dates}."},
    "rap.coming.cloture": {"fr": "📕 Cahier {ledger} {years} de la coopérative {affiliation}, à clore : {dates}.",
                           "en": "📕 Ledger {ledger} {years} of cooperative {affiliation}, to close: {dates}."},
    "rap.none.preparation": {"fr": "🗂 Préparation du compte rendu : pas de rappel d'ici la fin de l'exercice.",
                             "en": "🗂 Getting the report ready: no reminder before the end of the year."},
    "rap.none.renvoi": {"fr": "↩️ Compte rendu renvoyé : un message dès que l'OCCE vous renvoie un compte rendu "
                              "à compléter.",
                        "en": "↩️ Report sent back: a message as soon as the OCCE sends a report back to complete."},
    "rap.none.quitus": {"fr": "✍️ Quitus : un message dès qu'un mandataire vous demande votre quitus.",
                        "en": "✍️ Quitus: a message as soon as a mandataire asks for your quitus."},
    "rap.none.cloture": {"fr": "📕 Clôture de votre cahier de classe : aucun rappel à venir.",
                         "en": "📕 Closing your class ledger: no reminder to come."},
    "rap.step.j-1": {"fr": "{day} (veille de la date limite)", "en": "{day} (the day before the deadline)"},
    "rap.step.retard": {"fr": "{day} (en retard)", "en": "{day} (late)"},
    "rap.validation": {"fr": "⏳ Adhésions à valider : un rappel pour chaque adhésion transmise qui attend "
                             "votre validation depuis plus de {days}.",
                       "en": "⏳ Memberships to validate: one reminder for each membership sent that has been "
                             "waiting for your validation for more than {days}."},
    "rap.muted": {"fr": "🔕 Coupés : {kinds} (le rappel de la veille de la date limite vous parvient quand même).",
                  "en": "🔕 Muted: {kinds} (the reminder the day before the deadline still reaches you)."},
    "rap.muted.all": {"fr": "🔕 Coupés : {kinds}.", "en": "🔕 Muted: {kinds}."},
    "rap.hour": {"fr": "🕗 Envoyés à partir de {hour} h et avant {until} h (heure {zone}), sauf le dimanche "
                       "et pendant les vacances scolaires.",
                 "en": "🕗 Sent from {hour}:00 and before {until}:00 ({zone} time), except on Sundays "
                       "and during the school holidays."},
    # « heure de La Réunion »: a department's time zone told in words (else « heure locale du département »), never its id
    "rap.zone.Europe/Paris": {"fr": "de Paris", "en": "Paris"},
    "rap.zone.Indian/Reunion": {"fr": "de La Réunion", "en": "Réunion"},
    "rap.zone.Indian/Mayotte": {"fr": "de Mayotte", "en": "Mayotte"},
    "rap.zone.America/Guadeloupe": {"fr": "de la Guadeloupe", "en": "Guadeloupe"},
    "rap.zone.America/Martinique": {"fr": "de la Martinique", "en": "Martinique"},
    "rap.zone.America/Cayenne": {"fr": "de la Guyane", "en": "French Guiana"},
    "rap.zone.America/Miquelon": {"fr": "de Saint-Pierre-et-Miquelon", "en": "Saint Pierre and Miquelon"},
    "rap.zone.Pacific/Noumea": {"fr": "de Nouméa", "en": "Nouméa"},
    "rap.zone.Pacific/Tahiti": {"fr": "de Tahiti", "en": "Tahiti"},
    "rap.zone.other": {"fr": "locale du département", "en": "the department's local"},
    "rap.kind.adhesion": {"fr": "adhésion", "en": "membership"},
    "rap.kind.validation": {"fr": "adhésions à valider", "en": "memberships to validate"},
    "rap.kind.preparation": {"fr": "préparation du compte rendu", "en": "getting the report ready"},
    "rap.kind.rapport": {"fr": "compte rendu", "en": "report"},
    "rap.kind.renvoi": {"fr": "compte rendu renvoyé", "en": "report sent back"},
    "rap.kind.quitus": {"fr": "quitus", "en": "quitus"},
    "rap.kind.cloture": {"fr": "clôture du cahier", "en": "closing the ledger"},
    "rap.kind.synthese": {"fr": "synthèse de la semaine", "en": "weekly digest"},
    "rap.button.mute": {"fr": "🔕 Couper : {kind}", "en": "🔕 Mute: {kind}"},
    "rap.button.unmute": {"fr": "🔔 Rétablir : {kind}", "en": "🔔 Hear again: {kind}"},
    "rap.button.hour": {"fr": "🕗 Changer l'heure", "en": "🕗 Change the hour"},
    "rap.button.hour_value": {"fr": "{hour} h", "en": "{hour}:00"},
    "rap.ask_hour": {"fr": "À partir de quelle heure voulez-vous recevoir vos rappels ?",
                     "en": "From what time do you want to receive your reminders?"},
    "rap.closed": {"fr": "Rappels fermés. /rappels pour les revoir.", "en": "Reminders closed. /rappels to see them again."},
    # coopbot department set: the reminder settings (the command line speaks French)
    "cli.department.reminders": {"fr": "  rappels : {days} jours avant chaque date limite, de {first} h à {until} h, "
                                       "préparation des comptes rendus le {prepare}\n"
                                       "  vacances scolaires : {holidays}\n"
                                       "  adhésion en attente de validation : rappel à l'OCCE après {wait} jours"},
    "cli.none.f": {"fr": "aucune"},
    "cli.directory.reminder_days": {"fr": "jours de rappel invalides (1 à 60, ex. 15,7,3,1) : {quoted}"},
    "cli.directory.reminder_hours": {"fr": "heures d'envoi invalides (de 0 à 24, la première avant la seconde, ex. 8-19)"},
    "cli.directory.school_holidays": {"fr": "vacances invalides (ex. 2026-10-17:2026-11-01,2026-12-19:2027-01-03) : "
                                            "{quoted}"},
    "cli.directory.validation_wait_days": {"fr": "délai invalide (1 à 60 jours) : {quoted}"},
}
