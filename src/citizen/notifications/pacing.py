"""Pacing of sends within Telegram's limits: one send budget per bot token.

Telegram allows a bot about 30 messages per second in all, and about one per second to one
chat. The per-chat interval is kept in the database (`telegram_chat.next_send_at`), so that it
holds across workers; this module paces the bot's sends in time. Scheduling is by reserved
slots (GCRA): each `acquire` takes the next free slot, so late wake-ups do not accumulate into
a lower rate, and a 429's `retry_after` pauses the budget.

Two budgets with the same behaviour:

- `RateLimiter` keeps the budget in the process: right for one worker (SQLite).
- `SharedBudget` keeps it in one row of the database (`send_budget`), updated atomically on
  the database's clock, so that any number of workers on any number of hosts together stay
  within the rate, and a 429 received by one pauses all of them. Chosen on PostgreSQL, which
  the deployment has anyway: Redis would do the same with one more service to run and back up.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Protocol, TypeVar

from sqlalchemy import text
from sqlalchemy.engine import Engine

from citizen import metrics

T = TypeVar("T")

# Slots are spaced so that `rate` of them span a second plus this much: a send reaches the
# Bot API some milliseconds after its slot, by a varying amount (scheduling, the network), and
# without the allowance some windows would count `rate + 1`. It costs 3 % of the rate.
JITTER_ALLOWANCE = 0.03  # seconds
DB_TIMEOUT = 5.0  # seconds a budget query may take before the send is tried later
CLOCK_SAMPLES = 5  # round trips measured before the first slot
PAUSE_CHECK_AHEAD = 0.03  # seconds before its slot a send looks whether a 429 paused the bot
LATE_TOLERANCE = 0.01  # a send later than this after its slot takes another (< the allowance)


class SendBudget(Protocol):
    async def acquire(self) -> None:
        """Wait for this bot's next free send slot."""

    async def pause(self, seconds: float) -> None:
        """Send nothing for `seconds` (Telegram's `retry_after`), including slots already taken."""

    def close(self) -> None:
        """Let go of the threads it holds, if any (it may be used again: they come back)."""


class RateLimiter:
    """At most `rate` acquisitions per second in this process, evenly spaced."""

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

    async def pause(self, seconds: float) -> None:
        self._paused_until = max(self._paused_until, time.monotonic() + seconds)

    def close(self) -> None:
        return None


# The database's clock, in seconds since the epoch: the one clock every worker shares.
_NOW = "extract(epoch from clock_timestamp())::float8"

_CREATE = text(
    "INSERT INTO send_budget (bot_key, next_free_at, paused_until) VALUES (:key, 0, 0) "
    "ON CONFLICT (bot_key) DO NOTHING"
)
# One statement takes the slot: the row lock makes concurrent reservations queue for
# microseconds, and each gets its own slot.
_RESERVE = text(
    f"WITH clock AS (SELECT {_NOW} AS now) "
    "UPDATE send_budget "
    "SET next_free_at = GREATEST(next_free_at, clock.now, paused_until) + :interval "
    "FROM clock WHERE bot_key = :key "
    "RETURNING next_free_at - :interval, clock.now"
)
_PAUSE = text(
    f"UPDATE send_budget SET paused_until = GREATEST(paused_until, {_NOW} + :seconds) "
    "WHERE bot_key = :key"
)
_CLOCK = text(f"SELECT {_NOW}")
_PAUSE_LEFT = text(f"SELECT paused_until - {_NOW} FROM send_budget WHERE bot_key = :key")


class SharedBudget:
    """One bot's send budget in a PostgreSQL row, shared by every worker that sends for it.

    A slot is taken on the database's clock and waited for on this process's clock: the offset
    between the two is estimated from the fastest recent round trips (as NTP does), so that a
    query that waited for a thread or a connection does not make its send late. The pause is
    looked up just before the slot, and the last stretch is slept on the event loop alone.
    """

    def __init__(self, engine: Engine, bot_key: str, rate: float, threads: int = 4):
        if rate <= 0:
            raise ValueError("rate must be positive")
        if engine.dialect.name != "postgresql":
            raise ValueError("a shared send budget needs PostgreSQL")
        self.engine = engine
        self.key = bot_key
        self.interval = (1.0 + JITTER_ALLOWANCE) / rate
        self._created = False
        self._clock = _ClockOffset()
        self._threads = threads
        self._pools: dict[str, ThreadPoolExecutor] = {}  # made when first needed

    async def acquire(self) -> None:
        while True:
            slot, ahead = await self._db(self._reserve_sampled)
            # Another worker may have been told to wait (429) while this slot came near; a slot
            # due at once was taken after any pause already (the reservation honours it).
            if ahead > PAUSE_CHECK_AHEAD:
                await self._sleep_until(slot - PAUSE_CHECK_AHEAD)
                if await self._db(self._pause_left, pool="pause") > 0:
                    continue
            await self._sleep_until(slot)
            # A slot is used on time or not at all: a late send next to an on-time one would
            # put more than the rate into some second. Missing one only costs a little rate.
            if time.monotonic() - self._clock.to_local(slot) <= LATE_TOLERANCE:
                return
            metrics.send_slot_missed()

    async def _sleep_until(self, db_time: float) -> None:
        # Converted when sleeping, not when reserving: the offset estimate gets better as round
        # trips accumulate, and every slot must be converted with the same one.
        while (wait := self._clock.to_local(db_time) - time.monotonic()) > 0:
            await asyncio.sleep(wait)

    async def pause(self, seconds: float) -> None:
        await self._db(self._pause, seconds)

    def close(self) -> None:
        for pool in self._pools.values():
            pool.shutdown(wait=False, cancel_futures=True)
        self._pools.clear()

    async def _db(self, fn: Callable[..., T], *args: float, pool: str = "budget") -> T:
        loop = asyncio.get_running_loop()
        future = loop.run_in_executor(self._pool(pool), fn, *args)
        return await asyncio.wait_for(future, DB_TIMEOUT)

    def _pool(self, name: str) -> ThreadPoolExecutor:
        """Threads of its own: budget queries never queue behind the worker's other database
        work, and the last look at the pause ("pause", just before a slot) never waits behind
        reservations."""
        if name not in self._pools:
            size = self._threads if name == "budget" else 2
            self._pools[name] = ThreadPoolExecutor(size, thread_name_prefix=f"citizen-{name}")
        return self._pools[name]

    def _reserve_sampled(self) -> tuple[float, float]:
        """A slot, and how far ahead of the reservation it lies."""
        self._ensure_row()
        before = time.monotonic()
        slot, now = self.reserve()
        self._clock.sample(before, time.monotonic(), now)
        return slot, slot - now

    def _ensure_row(self) -> None:
        if not self._created:
            with self.engine.begin() as conn:
                conn.execute(_CREATE, {"key": self.key})
                for _ in range(CLOCK_SAMPLES):  # a first estimate of the clocks' offset
                    before = time.monotonic()
                    now = conn.execute(_CLOCK).scalar()
                    self._clock.sample(before, time.monotonic(), float(now or 0.0))
            self._created = True

    def reserve(self) -> tuple[float, float]:
        """Take the next slot (blocking): its time and the time now, on the database's clock."""
        self._ensure_row()
        with self.engine.begin() as conn:
            row = conn.execute(_RESERVE, {"key": self.key, "interval": self.interval}).one()
        return float(row[0]), float(row[1])

    def _pause(self, seconds: float) -> float:
        self._ensure_row()
        with self.engine.begin() as conn:
            conn.execute(_PAUSE, {"key": self.key, "seconds": seconds})
        return seconds

    def _pause_left(self) -> float:
        with self.engine.connect() as conn:
            left = conn.execute(_PAUSE_LEFT, {"key": self.key}).scalar()
        return float(left or 0.0)


class _ClockOffset:
    """The database clock minus this process's monotonic clock, from recent round trips."""

    def __init__(self, keep: int = 64):
        self._samples: deque[tuple[float, float]] = deque(maxlen=keep)  # (round trip, offset)

    def sample(self, before: float, after: float, db_now: float) -> None:
        self._samples.append((after - before, db_now - (before + after) / 2))

    def to_local(self, db_time: float) -> float:
        _rtt, offset = min(self._samples)
        return db_time - offset


def make_budget(engine: Engine, bot_key: str, rate: float, where: str = "auto") -> SendBudget:
    """The budget for `where`: "shared" (PostgreSQL), "local", or "auto" (shared on PostgreSQL)."""
    if where == "shared" or (where == "auto" and engine.dialect.name == "postgresql"):
        return SharedBudget(engine, bot_key, rate)
    if where not in ("auto", "local"):
        raise ValueError(f"unknown send budget {where!r}: auto, shared or local")
    return RateLimiter(rate)
