"""Status changes announced in-process after their transaction commits.

The database is the source of truth; these announcements only wake up whoever waits (a GraphQL
subscription, the delivery worker) so that they need not poll often. Waiters still poll now and
then, slowly, to see changes committed by other processes (the CLI, another API worker).

Publishing is thread-safe: a status change may commit in a worker thread while the waiters live
in an asyncio event loop.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import threading
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import event
from sqlmodel import Session

_PENDING = "citizen.pending_status_changes"


@dataclass(frozen=True)
class StatusChanged:
    application_id: int
    number: str
    change_id: int
    status: str
    step: int | None  # the regulation's number of the step, while in progress
    changed_at: dt.datetime
    notifications: int  # outbox rows written for delivery with this change


class StatusBroadcaster:
    """Fan-out of committed status changes to asyncio queues, from any thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._queues: list[tuple[asyncio.AbstractEventLoop, asyncio.Queue[StatusChanged]]] = []

    def publish(self, change: StatusChanged) -> None:
        with self._lock:
            targets = list(self._queues)
        for loop, queue in targets:
            # A closed loop raises RuntimeError: its listener is going away anyway.
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(queue.put_nowait, change)

    @contextmanager
    def listen(self) -> Iterator[asyncio.Queue[StatusChanged]]:
        """A queue receiving every change published while the block runs (call in a loop)."""
        queue: asyncio.Queue[StatusChanged] = asyncio.Queue()
        entry = (asyncio.get_running_loop(), queue)
        with self._lock:
            self._queues.append(entry)
        try:
            yield queue
        finally:
            with self._lock:
                self._queues.remove(entry)

    async def changes(self) -> AsyncIterator[StatusChanged]:
        with self.listen() as queue:
            while True:
                yield await queue.get()


broadcaster = StatusBroadcaster()


def publish_after_commit(session: Session, change: StatusChanged) -> None:
    """Announce `change` once the session's transaction commits; drop it on rollback."""
    pending: list[StatusChanged] | None = session.info.get(_PENDING)
    if pending is None:
        pending = session.info[_PENDING] = []
        event.listen(session, "after_commit", _flush_pending)
        event.listen(session, "after_rollback", _drop_pending)
    pending.append(change)


def _flush_pending(session: Any) -> None:
    pending: list[StatusChanged] = session.info.get(_PENDING) or []
    session.info[_PENDING] = []
    for change in pending:
        broadcaster.publish(change)


def _drop_pending(session: Any) -> None:
    session.info[_PENDING] = []
