"""Scheduled reminders: the renewal and 30-September deadlines, sent once, at decent hours.

Not built yet (no issue has asked for it): jobs will run on python-telegram-bot's
JobQueue, in the active instance only (see store/leadership.py), and decide from
the store what is due.
"""
