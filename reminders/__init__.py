"""Scheduled reminders: the renewal and 30-September deadlines, sent once, at decent hours.

calendar.py: a department's dates, steps and sending hours; due.py: what is due now,
from the department's state (pure functions); schedule.py: one run, writing what is
due to the outbox (store/outbox.py). The bot's job runs it every few minutes.
"""
