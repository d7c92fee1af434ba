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
from collections.abc import Callable
from typing import Protocol

from sqlalchemy import text
from sqlalchemy.engine import Engine

# Slots are spaced so that `rate` of them span a second plus this much: a send reaches the
# Bot API a few milliseconds after its slot, by a varying amount, and without the allowance one
# window in a thousand would count `rate + 1`. It costs 2 % of the rate.
JITTER_ALLOWANCE = 0.02  # seconds
DB_TIMEOUT = 5.0  # seconds a budget query may take before the send is tried later


class SendBudget(Protocol):
    async def acquire(self) -> None:
        """Wait for this bot's next free send slot."""

    async def pause(self, seconds: float) -> None:
        """Send nothing for `seconds` (Telegram's `retry_after`), including slots already taken."""


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
_PAUSE_LEFT = text(f"SELECT paused_until - {_NOW} FROM send_budget WHERE bot_key = :key")


class SharedBudget:
    """One bot's send budget in a PostgreSQL row, shared by every worker that sends for it."""

    def __init__(self, engine: Engine, bot_key: str, rate: float):
        if rate <= 0:
            raise ValueError("rate must be positive")
        if engine.dialect.name != "postgresql":
            raise ValueError("a shared send budget needs PostgreSQL")
        self.engine = engine
        self.key = bot_key
        self.interval = (1.0 + JITTER_ALLOWANCE) / rate
        self._created = False

    async def acquire(self) -> None:
        while True:
            wait = await self._db(self._wait_for_slot)
            if wait > 0:
                await asyncio.sleep(wait)
            # Another worker may have been told to wait (429) while this slot came near.
            left = await self._db(self._pause_left)
            if left <= 0:
                return

    async def pause(self, seconds: float) -> None:
        await self._db(self._pause, seconds)

    async def _db(self, fn: Callable[..., float], *args: float) -> float:
        return await asyncio.wait_for(asyncio.to_thread(fn, *args), DB_TIMEOUT)

    def _ensure_row(self) -> None:
        if not self._created:
            with self.engine.begin() as conn:
                conn.execute(_CREATE, {"key": self.key})
            self._created = True

    def reserve(self) -> tuple[float, float]:
        """Take the next slot (blocking): its time and the time now, on the database's clock."""
        self._ensure_row()
        with self.engine.begin() as conn:
            row = conn.execute(_RESERVE, {"key": self.key, "interval": self.interval}).one()
        return float(row[0]), float(row[1])

    def _wait_for_slot(self) -> float:
        slot, now = self.reserve()
        return slot - now

    def _pause(self, seconds: float) -> float:
        self._ensure_row()
        with self.engine.begin() as conn:
            conn.execute(_PAUSE, {"key": self.key, "seconds": seconds})
        return seconds

    def _pause_left(self) -> float:
        with self.engine.connect() as conn:
            left = conn.execute(_PAUSE_LEFT, {"key": self.key}).scalar()
        return float(left or 0.0)


def make_budget(engine: Engine, bot_key: str, rate: float, where: str = "auto") -> SendBudget:
    """The budget for `where`: "shared" (PostgreSQL), "local", or "auto" (shared on PostgreSQL)."""
    if where == "shared" or (where == "auto" and engine.dialect.name == "postgresql"):
        return SharedBudget(engine, bot_key, rate)
    if where not in ("auto", "local"):
        raise ValueError(f"unknown send budget {where!r}: auto, shared or local")
    return RateLimiter(rate)
