"""The sentences of bot/infra/, in French first and in English (gathered by bot.texts)."""

TEXTS: dict[str, dict[str, str]] = {
    # floods and edited messages (traffic.py)
    "flood.notice": {"fr": "Vous envoyez beaucoup de messages à la fois : je ne lis pas les suivants pendant "
                           "quelques secondes. Attendez un instant, puis reprenez.",
                     "en": "You are sending many messages at once: I am not reading the next ones for a few "
                           "seconds. Wait a moment, then go on."},
    "edited.ignored": {"fr": "Modifier un message déjà envoyé ne change rien : pour corriger une écriture, "
                             "utilisez /journal.",
                       "en": "Editing a message already sent changes nothing: to correct an entry, use /journal."},
}  # fmt: skip
