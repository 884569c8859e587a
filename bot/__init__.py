"""CoopBot's Telegram side: conversations, texts and keyboards."""
