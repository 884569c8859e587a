"""The job queue of every instance: PTB's, stopped without cancelling a job that was just due."""

from __future__ import annotations

from telegram.ext import JobQueue


class CalmJobQueue(JobQueue):
    """PTB's JobQueue, whose scheduler stops starting jobs before the queue waits for the running ones.

    PTB waits for the running jobs, then shuts the scheduler down; a job that falls due in between is
    cancelled before it starts, and APScheduler logs that with a traceback (seen at a SIGTERM).
    """

    async def stop(self, wait: bool = True) -> None:
        """Pause the scheduler, then stop as PTB does."""
        if self.scheduler.running:
            self.scheduler.pause()
        await super().stop(wait)
