"""Status changes announced after their transaction commits, in this process and others.

The database is the source of truth; these announcements only wake up whoever waits (a GraphQL
subscription, the delivery worker) so that they need not poll often.

- In the process that made the change, `broadcaster` hears it right after the commit.
- On PostgreSQL the same transaction also sends a `NOTIFY` (delivered by PostgreSQL at commit,
  dropped on rollback); `cross_process_wakeups(engine)` runs a listener thread that hands the
  changes made by other processes (another API process, the CLI) to `broadcaster` too.
- Waiters still poll now and then, slowly: a listener that lost its connection, or SQLite,
  costs latency, never a change.

Publishing is thread-safe: a status change may commit in a worker thread while the waiters live
in an asyncio event loop.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import json
import logging
import threading
import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.engine import Engine
from sqlmodel import Session

log = logging.getLogger(__name__)

_PENDING = "citizen.pending_status_changes"
# One channel per schema: processes on other schemas of the same database (tests) stay apart.
CHANNEL_PREFIX = "citizen_status:"
# Marks this process's own NOTIFYs: `broadcaster` heard those already, right after the commit.
ORIGIN = uuid.uuid4().hex


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
    if session.get_bind().dialect.name == "postgresql":
        # Sent by PostgreSQL when this transaction commits, never if it rolls back.
        session.execute(
            text("SELECT pg_notify(:prefix || current_schema(), :payload)"),
            {"prefix": CHANNEL_PREFIX, "payload": _to_payload(change)},
        )


def _to_payload(change: StatusChanged) -> str:
    values = asdict(change)
    values["changed_at"] = change.changed_at.isoformat()
    return json.dumps({"origin": ORIGIN, **values}, separators=(",", ":"))


def _from_payload(payload: str) -> tuple[str, StatusChanged]:
    values = json.loads(payload)
    origin = str(values.pop("origin", ""))
    values["changed_at"] = dt.datetime.fromisoformat(values["changed_at"])
    return origin, StatusChanged(**values)


def _flush_pending(session: Any) -> None:
    pending: list[StatusChanged] = session.info.get(_PENDING) or []
    session.info[_PENDING] = []
    for change in pending:
        broadcaster.publish(change)


def _drop_pending(session: Any) -> None:
    session.info[_PENDING] = []


class _Relay:
    """A thread that LISTENs on PostgreSQL and publishes other processes' changes to `target`."""

    RECONNECT_MAX = 30.0  # seconds between attempts while the database is away

    def __init__(self, engine: Engine, target: StatusBroadcaster):
        self.engine = engine
        self.target = target
        self.users = 0
        self.listening = threading.Event()  # set while a LISTEN is in place (tests wait on it)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="citizen-listen", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        # Not joined: the caller may be an event loop; the thread ends within its 0.5 s wait.
        self._stop.set()

    def _run(self) -> None:
        delay = 0.5
        while not self._stop.is_set():
            try:
                self._listen()
                delay = 0.5
            except Exception as exc:  # the database went away: poll meanwhile, then reconnect
                self.listening.clear()
                log.warning(
                    "status change listener lost its connection (%s); reconnecting in %.1f s",
                    type(exc).__name__, delay, extra={"retry_in": delay},
                )
                self._stop.wait(delay)
                delay = min(self.RECONNECT_MAX, delay * 2)

    def _listen(self) -> None:
        from psycopg import sql

        # A connection of its own, outside the pool: it stays idle in LISTEN for hours.
        raw = self.engine.raw_connection()
        raw.detach()
        conn: Any = raw.dbapi_connection
        try:
            conn.rollback()
            conn.autocommit = True
            schema = conn.execute("SELECT current_schema()").fetchone()[0]
            conn.execute(sql.SQL("LISTEN {}").format(sql.Identifier(CHANNEL_PREFIX + schema)))
            self.listening.set()
            while not self._stop.is_set():
                for note in conn.notifies(timeout=0.5):
                    self._forward(note.payload)
        finally:
            self.listening.clear()
            with contextlib.suppress(Exception):
                conn.close()

    def _forward(self, payload: str) -> None:
        try:
            origin, change = _from_payload(payload)
        except (ValueError, TypeError, KeyError):
            log.warning("ignored a malformed status change notification")
            return
        if origin == ORIGIN and self.target is broadcaster:
            return  # announced in-process at commit already
        self.target.publish(change)


_relays: dict[tuple[int, int], _Relay] = {}
_relays_lock = threading.Lock()


@contextmanager
def cross_process_wakeups(
    engine: Engine, events: StatusBroadcaster | None = None
) -> Iterator[threading.Event | None]:
    """While the block runs, status changes committed by other processes reach `events` too.

    One listener thread per engine and broadcaster, shared by every user in the process.
    Yields an event set while the listener is connected (None on SQLite, where there is none).
    """
    target = events or broadcaster
    if engine.dialect.name != "postgresql":
        yield None
        return
    key = (id(engine), id(target))
    with _relays_lock:
        relay = _relays.get(key)
        if relay is None:
            relay = _relays[key] = _Relay(engine, target)
            relay.start()
        relay.users += 1
    try:
        yield relay.listening
    finally:
        with _relays_lock:
            relay.users -= 1
            last = relay.users == 0
            if last:
                del _relays[key]
        if last:
            relay.stop()
