"""The sentences of bot/ui/, in French first and in English (gathered by bot.texts)."""

TEXTS: dict[str, dict[str, str]] = {
    # steps.py: the amount and date steps
    "trs.amount.example": {"fr": "12,50", "en": "12.50"},  # as each language writes its amounts
    "trs.amount.format": {"fr": "Tapez un montant en chiffres, par exemple {example} :",
                          "en": "Type an amount in figures, for example {example}:"},
    "trs.amount.decimals": {"fr": "Deux chiffres après la virgule au plus, par exemple {example} :",
                            "en": "Two decimals at most, for example {example}:"},
    "trs.amount.zero": {"fr": "Le montant doit être supérieur à zéro, par exemple {example} :",
                        "en": "The amount must be more than zero, for example {example}:"},
    "trs.amount.too_large": {"fr": "Le montant dépasse 100\u202f000\xa0€ : vérifiez-le et retapez-le :",
                             "en": "The amount is over €100,000: check it and type it again:"},
    "trs.amount.negative": {"fr": "Un montant négatif n'est pas accepté : tapez-le sans signe, par exemple {example} "
                                  "(une dépense s'enregistre avec /depense, une recette avec /recette).",
                            "en": "A negative amount is not accepted: type it without a sign, for example {example} "
                                  "(an expense is recorded with /depense, a receipt with /recette)."},
    # chat.py: a button of an earlier question or card, pressed while a draft goes on (the draft is kept)
    "draft.earlier_button": {"fr": "Ce bouton appartient à une question ou une fiche précédente : utilisez le "
                                   "dernier message. Votre saisie en cours est conservée.",
                             "en": "This button belongs to an earlier question or card: use the latest message. "
                                   "What you are entering is kept."},
    "trs.amount.negative_cash": {"fr": "Une caisse ne peut pas être négative : tapez son montant sans signe, "
                                       "par exemple {example} (0 si elle est vide).",
                                 "en": "A cash box cannot be negative: type its amount without a sign, "
                                       "for example {example} (0 if it is empty)."},
    "trs.coop": {"fr": "Coopérative {affiliation}", "en": "Cooperative {affiliation}"},  # the coop picker
    "trs.day.today": {"fr": "Aujourd'hui", "en": "Today"},
    "trs.day.yesterday": {"fr": "Hier", "en": "Yesterday"},
    "trs.day.other": {"fr": "📅 Autre date", "en": "📅 Another date"},
    "trs.day.ask": {"fr": "Tapez la date, jj/mm/aaaa (par exemple {example}) :",
                    "en": "Type the date, dd/mm/yyyy (for example {example}):"},
    "trs.day.invalid": {"fr": "Ce n'est pas une date : tapez jj/mm/aaaa, par exemple {example}.",
                        "en": "That is not a date: type dd/mm/yyyy, for example {example}."},
    "trs.day.future": {"fr": "La date ne peut pas être dans le futur : tapez une date jusqu'au {example}.",
                       "en": "The date cannot be in the future: type a date up to {example}."},
    # turns.py: /annuler closed one conversation while another is still open
    "cancel.still_open": {"fr": "Fermé : {closed}. Toujours en cours : {open} ; /annuler de nouveau pour l'abandonner.",
                          "en": "Closed: {closed}. Still in progress: {open}; /annuler again to leave it."},
    # turns.py: what each conversation of bot/app.py is, as /annuler names it (no command: one tapped would start it again)
    "turn.entries": {"fr": "la dépense ou recette", "en": "the expense or receipt"},
    "turn.report": {"fr": "le report à nouveau", "en": "the opening balance"},
    "turn.cahiers": {"fr": "le nom du cahier", "en": "the ledger's name"},
    "turn.adhesion": {"fr": "le tableau d'adhésion", "en": "the membership table"},
    "turn.paiement": {"fr": "le paiement de la cotisation", "en": "the membership payment"},
    "turn.mouvement": {"fr": "le mouvement interne", "en": "the internal movement"},
    "turn.pointage": {"fr": "le rapprochement bancaire", "en": "the bank reconciliation"},
    "turn.remise": {"fr": "la remise de chèques", "en": "the cheque deposit"},
    "turn.caisse": {"fr": "l'arrêté de caisse", "en": "the cash count"},
    "turn.cloture": {"fr": "la clôture du cahier", "en": "the ledger's closing"},
    "turn.inviter": {"fr": "l'invitation", "en": "the invitation"},
    "turn.mandataire": {"fr": "le changement de mandataire", "en": "the change of mandataire"},
    "turn.annonce": {"fr": "l'annonce", "en": "the announcement"},
    "turn.quitus": {"fr": "le quitus", "en": "the quitus"},
    "turn.compterendu": {"fr": "le compte rendu", "en": "the report"},
    "turn.export": {"fr": "l'export", "en": "the export"},
    "turn.suivi": {"fr": "le suivi", "en": "the follow-up"},
    "turn.journal": {"fr": "le journal", "en": "the journal"},
    "turn.ligne": {"fr": "le message (ou le numéro de coopérative) que vous tapiez",
                   "en": "the message (or cooperative number) you were typing"},
}  # fmt: skip
