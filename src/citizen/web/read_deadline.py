"""A deadline for reading a request's body, kept by one timer for every request at once.

A body that never arrives must end in a 408, not hold its connection and task for ever. The
deadline is what `asyncio.timeout` would give (a cancellation from elsewhere stays one), but
a timer set and cancelled for each request cost a cached answer more than all its other
bookkeeping together, and nearly every body has arrived with its headers. So each reading
request only notes its deadline; one timer per endpoint wakes at the earliest deadline,
cancels the requests past theirs, and sets itself for the next.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable


class ReadDeadlines:
    def __init__(self, seconds: float):
        self.seconds = seconds
        self.reading: dict[asyncio.Task[object], float] = {}  # each task's deadline
        self.expired: set[asyncio.Task[object]] = set()
        self.timer: asyncio.TimerHandle | None = None
        self.loop: asyncio.AbstractEventLoop | None = None

    async def read(self, body: Awaitable[bytes]) -> bytes:
        """`body`, or TimeoutError once it has taken `seconds`."""
        task = asyncio.current_task()
        assert task is not None  # always inside the request's task
        cancelling = task.cancelling()
        loop = asyncio.get_running_loop()
        self.reading[task] = deadline = loop.time() + self.seconds
        if self.timer is None or self.loop is not loop:  # an app served again on a new loop
            self._wake_at(loop, deadline)
        try:
            return await body
        except asyncio.CancelledError:
            if task in self.expired and task.uncancel() <= cancelling:
                raise TimeoutError from None
            raise
        finally:
            del self.reading[task]
            self.expired.discard(task)

    def _wake_at(self, loop: asyncio.AbstractEventLoop, when: float) -> None:
        self.loop = loop
        self.timer = loop.call_at(when, self._expire)

    def _expire(self) -> None:
        assert self.loop is not None
        self.timer = None
        now = self.loop.time()
        later = []
        for task, deadline in self.reading.items():
            if task in self.expired:
                continue
            if deadline <= now:
                self.expired.add(task)
                task.cancel()
            else:
                later.append(deadline)
        if later:
            self._wake_at(self.loop, min(later))
