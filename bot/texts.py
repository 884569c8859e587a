"""Every sentence the bot says, in French first and in English."""

from __future__ import annotations

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
    "cmd.contact": {"fr": "Écrire à votre OCCE départementale",
                    "en": "Write to your departmental OCCE"},
    # Access
    "refused.stranger": {
        "fr": "Vous n'avez pas encore accès. Ouvrez le lien d'invitation reçu de votre mandataire "
              "ou de votre OCCE départementale ; sans lien, demandez-en un.",
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
    "welcome.ad": {"fr": "Bienvenue {name} ! Vous faites partie de l'équipe de l'OCCE {department}.\n\n"
                         "Pour commencer : /inviter le mandataire d'une coopérative de votre département.",
                   "en": "Welcome {name}! You are on the staff of OCCE {department}.\n\n"
                         "To begin: /inviter the mandataire of a cooperative of your department."},
    "welcome.mandataire": {"fr": "Bienvenue {name} ! Vous êtes mandataire de la coopérative {affiliation} ({school}).\n\n"
                                 "Pour commencer : /inviter les enseignant·es de vos classes.",
                           "en": "Welcome {name}! You are the mandataire of cooperative {affiliation} ({school}).\n\n"
                                 "To begin: /inviter the teachers of your classes."},
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
    "contact.not_text": {"fr": "J'attends un message écrit (ou /annuler).",
                         "en": "I am waiting for a written message (or /annuler)."},
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
              "départementale si vous êtes mandataire), puis ouvrez-le.",
        "en": "Hello {name}! I am <b>CoopBot</b>, the assistant of OCCE school cooperative "
              "treasurers.\n\nTo begin you need an invitation: ask your cooperative's "
              "mandataire (or your departmental OCCE if you are the mandataire) for the link, "
              "then open it.",
    },
    "start.known": {
        "fr": "Bonjour {name} ! Vous êtes :\n{roles}\n\nTapez /aide pour voir ce que vous pouvez faire.",
        "en": "Hello {name}! You are:\n{roles}\n\nType /aide to see what you can do.",
    },
    "role.ad": {"fr": "• équipe de l'OCCE départementale {department}",
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
              "mandataire ou de votre OCCE départementale.",
        "en": "You have no role yet: open the invitation link you received from your "
              "mandataire or your departmental OCCE.",
    },
    # /annuler
    "cancel.nothing": {"fr": "Il n'y a rien en cours : rien à annuler.",
                       "en": "Nothing is in progress: nothing to cancel."},
    "cancel.done": {"fr": "C'est annulé : rien de cette opération n'a été enregistré.",
                    "en": "Cancelled: nothing of this operation was saved."},
    # Anything else
    "unknown.command": {
        "fr": "Je ne connais pas la commande {command}. Tapez /aide pour voir les commandes disponibles.",
        "en": "I don't know the command {command}. Type /aide to see the available commands.",
    },
    "unknown.text": {"fr": "Je n'ai pas compris. Tapez /aide pour voir ce que je sais faire.",
                     "en": "I did not understand. Type /aide to see what I can do."},
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
