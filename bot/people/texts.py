"""The sentences of bot/people/, in French first and in English (gathered by bot.texts)."""

TEXTS: dict[str, dict[str, str]] = {
    # /inviter and /mandataire (invitations.py)
    "invitation.revoked": {"fr": "Ce lien d'invitation a été annulé. Demandez-en un nouveau si besoin.",
                           "en": "This invitation link has been withdrawn. Ask for a new one if needed."},
    "invitation.issuer_gone": {
        "fr": "Ce lien d'invitation n'est plus valable : la personne qui l'a créé n'a plus ce rôle. "
              "Demandez-en un nouveau au mandataire de la coopérative.",
        "en": "This invitation link is no longer valid: the person who made it no longer holds that role. "
              "Ask the cooperative's mandataire for a new one.",
    },
    "invite.links.coop": {"fr": "📋 Liens en cours ({affiliation})", "en": "📋 Open links ({affiliation})"},
    "invite.links.department": {"fr": "📋 Liens en cours (OCCE {department})",
                                "en": "📋 Open links (OCCE {department})"},
    "invite.links.title": {"fr": "<b>Liens d'invitation pas encore ouverts</b>",
                           "en": "<b>Invitation links not opened yet</b>"},
    "invite.links.none": {"fr": "Aucun lien d'invitation en attente.", "en": "No invitation link is waiting."},
    "invite.links.line": {"fr": "{n}. {what} — par {by}, expire le {expires}",
                          "en": "{n}. {what} — by {by}, expires on {expires}"},
    "invite.links.operator": {"fr": "l'OCCE (ligne de commande)", "en": "the OCCE (command line)"},
    "invite.links.revoke": {"fr": "❌ Annuler le lien {n}", "en": "❌ Withdraw link {n}"},
    "invite.links.revoked": {"fr": "Lien annulé : il ne fonctionne plus.", "en": "Link withdrawn: it no longer works."},
    "invite.links.close": {"fr": "Fermer", "en": "Close"},
    "mandate.confirm_keep": {"fr": "Confirmer et garder l'ancien·ne mandataire comme signataire",
                             "en": "Confirm and keep the former mandataire as co-signatory"},
    "mandate.kept": {"fr": "L'ancien·ne mandataire reste signataire de la coopérative.",
                     "en": "The former mandataire stays a co-signatory of the cooperative."},
    "mandate.superseded": {"fr": "Ce changement n'est plus valable : la coopérative {affiliation} a changé de "
                                 "mandataire depuis qu'il a été demandé. Rien n'a été modifié.",
                           "en": "This change is no longer valid: cooperative {affiliation} has changed mandataire "
                                 "since it was asked. Nothing was changed."},
    "mandate.former_kept": {"fr": "Votre mandat pour la coopérative {affiliation} a pris fin : {name} vous succède. "
                                  "Vous restez signataire de la coopérative.",
                            "en": "Your mandate for cooperative {affiliation} has ended: {name} succeeds you. "
                                  "You stay a co-signatory of the cooperative."},
}  # fmt: skip
