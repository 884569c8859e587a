"""The sentences of bot/bookkeeping/, in French first and in English (gathered by bot.texts)."""

TEXTS: dict[str, dict[str, str]] = {
    "ledger.error.giver_required": {"fr": "Une subvention dit qui la verse (par exemple Mairie de Saint-Paul).",
                                    "en": "A grant says who gives it (for example Mairie de Saint-Paul)."},
    "ledger.error.giver_length": {"fr": "Le nom de qui verse la subvention doit faire de 1 à 120 caractères.",
                                  "en": "The name of who gives the grant must be 1 to 120 characters long."},
}
