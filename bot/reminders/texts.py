"""The sentences of bot/reminders/, in French first and in English (gathered by bot.texts)."""

TEXTS: dict[str, dict[str, str]] = {
}
