"""CoopBot's data and bookkeeping rules. Knows nothing of Telegram."""
