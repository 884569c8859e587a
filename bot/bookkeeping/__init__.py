"""The books: entries, balances, journal and history, movements, reconciliation, deposits, cash counts, openings, projects and inventory."""
