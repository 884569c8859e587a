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
