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
}
