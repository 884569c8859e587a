"""Reminders and mass messages: the outbox's sending path, the scheduler's jobs, /rappels."""
