"""Pacing of sends within Telegram's limits: a global rate shared by every send of a worker.

The per-chat interval (about one message per second per chat) is kept in the database
(`telegram_chat.next_send_at`), so that it holds across workers; this module paces one worker's
sends in time. Scheduling is by reserved slots (GCRA): each `acquire` takes the next free slot,
so late wake-ups do not accumulate into a lower rate.
"""

from __future__ import annotations

import asyncio
import time


class RateLimiter:
    """At most `rate` acquisitions per second, evenly spaced; `pause` honours a 429."""

    def __init__(self, rate: float):
        if rate <= 0:
            raise ValueError("rate must be positive")
        self.interval = 1.0 / rate
        self._next_free = 0.0
        self._paused_until = 0.0

    def reserve(self) -> float:
        """Take the next slot; the number of seconds to wait for it."""
        now = time.monotonic()
        slot = max(now, self._next_free, self._paused_until)
        self._next_free = slot + self.interval
        return slot - now

    async def acquire(self) -> None:
        while True:
            wait = self.reserve()
            if wait > 0:
                await asyncio.sleep(wait)
            if time.monotonic() >= self._paused_until:
                return
            # A 429 arrived while this slot waited: take a new one after the pause.

    def pause(self, seconds: float) -> None:
        """Send nothing for `seconds` (Telegram's `retry_after`), including slots already taken."""
        self._paused_until = max(self._paused_until, time.monotonic() + seconds)
