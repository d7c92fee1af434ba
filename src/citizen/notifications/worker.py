"""The delivery worker: claims outbox rows, renders them, sends them to Telegram at a safe pace.

Runs inside `citizen serve` and as `citizen notifier`; several may run against one PostgreSQL
database, sharing one send budget per bot token (`pacing.py`) and woken by the status changes
of every process (`applications.events`). Outcomes, after GOV.UK Notify:

  - 2xx: delivered;
  - 429: not a failure; wait `retry_after` (every worker, and for the chat), then send again;
  - 403 (bot blocked, user deactivated): permanent failure, and the chat is marked blocked;
  - other 4xx: permanent failure (the message can never be sent as it is);
  - 5xx, network errors, timeouts: temporary failure, retried with bounded, jittered
    exponential backoff; after `max_attempts` failures, technical failure.

Database work runs in threads (`asyncio.to_thread`) so that sends keep flowing meanwhile.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import random
import time
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy.engine import Engine

from citizen import metrics
from citizen.applications.events import (
    StatusBroadcaster,
    StatusChanged,
    broadcaster,
    cross_process_wakeups,
)
from citizen.db import session_scope
from citizen.notifications import outbox
from citizen.notifications.outbox import Claim
from citizen.notifications.pacing import make_budget
from citizen.notifications.rendering import (
    RenderedMessage,
    Renderer,
    TextPart,
    VenuePart,
)
from citizen.notifications.tables import Notification, utcnow
from citizen.notifications.telegram_client import (
    BadRequest,
    Forbidden,
    RetryAfter,
    TelegramClient,
    TelegramError,
)
from citizen.settings import Settings, get_settings

log = logging.getLogger(__name__)

# 429s are not failures, but an endless flood wait must end too: this many times max_attempts.
RATE_LIMITED_ATTEMPTS_FACTOR = 4
MIN_IDLE = 0.01  # seconds
WARM_UP_TIMEOUT = 5.0  # seconds the first getMe may delay the start (and a stop) at most
# Renders run in threads but are CPU work under the GIL: a batch of 50 rendered at once (the
# default executor's six threads) kept the event loop from its send slots. Measured with
# bench/send_budget.py (25/s, 300 messages): all at once, 2-9 slots missed per run, mostly in
# the first 0.5 s, and sends reaching the Bot API up to 40 ms after their slot, past the 30 ms
# the budget allows (JITTER_ALLOWANCE); one at a time, 0-1 missed and at most 15 ms. A render
# takes ~3 ms (median on PostgreSQL here): one at a time is still ~10 times a bot's 30/s.
RENDERS_AT_ONCE = 1


@dataclass(frozen=True)
class WorkerConfig:
    global_rate: float = 25.0  # messages per second for the bot, all workers (Telegram: ~30)
    chat_interval: float = 1.0  # seconds between two messages to one chat
    max_attempts: int = 6  # failures (5xx, network, lost lease) before technical failure
    lease_seconds: float = 30.0
    backoff_base: float = 2.0
    backoff_max: float = 300.0
    poll_interval: float = 0.5
    batch_size: int = 50  # claims held at once; a couple of seconds of sending at full rate
    request_timeout: float = 15.0
    budget: str = "auto"  # where the send budget lives: auto, shared (PostgreSQL) or local

    @classmethod
    def from_settings(cls, settings: Settings | None = None) -> WorkerConfig:
        s = settings or get_settings()
        return cls(
            global_rate=s.notifier_global_rate,
            chat_interval=s.notifier_chat_interval,
            max_attempts=s.notifier_max_attempts,
            lease_seconds=s.notifier_lease_seconds,
            backoff_base=s.notifier_backoff_base,
            backoff_max=s.notifier_backoff_max,
            poll_interval=s.notifier_poll_interval,
            batch_size=s.notifier_batch_size,
            request_timeout=s.notifier_request_timeout,
            budget=s.notifier_budget,
        )

    def backoff(self, failures: int) -> float:
        """Seconds before retry number `failures`: doubling, capped, jittered (50-100 %)."""
        ceiling = min(self.backoff_max, self.backoff_base * 2 ** max(0, failures - 1))
        return ceiling * random.uniform(0.5, 1.0)


class DeliveryWorker:
    def __init__(
        self,
        engine: Engine,
        client: TelegramClient,
        render: Renderer,
        config: WorkerConfig | None = None,
        *,
        events: StatusBroadcaster | None = None,
        worker_id: str | None = None,
    ):
        self.engine = engine
        self.client = client
        self.render = render
        self.config = config or WorkerConfig.from_settings()
        self.events = events or broadcaster
        self.worker_id = worker_id or uuid.uuid4().hex[:8]
        self.budget = make_budget(
            engine, client.bot_key, self.config.global_rate, self.config.budget
        )
        self._render_gate = asyncio.Semaphore(RENDERS_AT_ONCE)
        self._tasks: set[asyncio.Task[None]] = set()
        self.sent = 0  # Bot API calls that succeeded, for logs and benchmarks

    # ---- main loop -------------------------------------------------------------------------

    async def run(self, stop: asyncio.Event, grace: float = 10.0) -> None:
        """Deliver until `stop` is set; then finish in-flight sends and give back the rest."""
        log.info("notifier %s started (send budget: %s)", self.worker_id,
                 type(self.budget).__name__, extra={"worker_id": self.worker_id})
        await self._warm_up()
        # Claim in batches under load: a claim per finished message would be a query per send.
        min_claim = max(1, self.config.batch_size // 4)
        with self.events.listen() as wake, cross_process_wakeups(self.engine, self.events):
            while not stop.is_set():
                room = self.config.batch_size - len(self._tasks)
                claimed: list[Claim] = []
                if room >= min_claim or (room > 0 and not self._tasks):
                    claimed = await self._claim(room)
                    for claim in claimed:
                        task = asyncio.create_task(self._deliver(claim))
                        self._tasks.add(task)
                        task.add_done_callback(self._tasks.discard)
                    if len(claimed) == room:
                        continue  # there may be more due right now
                await self._idle(wake, stop, ask_db=room >= min_claim)
        await self._drain(grace)
        self.budget.close()
        log.info("notifier %s stopped", self.worker_id)

    async def _warm_up(self) -> None:
        """One call to the Bot API (getMe, not a message) before the first send slot.

        A process's first call runs cold: imports, a new connection (a TLS handshake with
        Telegram). Measured in bench/send_budget.py, it reached the API 130-290 ms after its slot
        while the sends after it were on time, so the second after it held one send too many: a
        429 that paused every worker for a second. Warm, the first send leaves as the rest do.
        """
        try:
            await asyncio.wait_for(self.client.get_me(), WARM_UP_TIMEOUT)
        except (TelegramError, TimeoutError) as exc:  # unreachable now: the sends will retry
            log.warning("notifier %s: getMe failed (%s)", self.worker_id, type(exc).__name__)

    async def _claim(self, room: int) -> list[Claim]:
        try:
            return await asyncio.to_thread(self._claim_sync, room)
        except Exception:
            log.exception("notifier %s: claiming failed; retrying later", self.worker_id)
            return []

    def _claim_sync(self, room: int) -> list[Claim]:
        with session_scope(self.engine) as session:
            return outbox.claim_batch(
                session,
                limit=room,
                lease=dt.timedelta(seconds=self.config.lease_seconds),
                max_failures=self.config.max_attempts,
            )

    async def _idle(
        self, wake: asyncio.Queue[StatusChanged], stop: asyncio.Event, ask_db: bool
    ) -> None:
        """Wait for new rows (announced in-process), the next due row, a finished send (it frees
        a slot), or the poll interval (rows of other processes), whichever comes first."""
        timeout = self.config.poll_interval
        if ask_db:
            due = await self._next_due()
            if due is not None:
                # A due row we could not claim is locked by another worker for a moment:
                # look again soon, without spinning.
                timeout = min(timeout, max(MIN_IDLE, (due - utcnow()).total_seconds()))
        waiters: list[asyncio.Future[Any]] = [
            asyncio.ensure_future(_wanted_change(wake)),
            asyncio.ensure_future(stop.wait()),
        ]
        if self._tasks:
            waiters.append(
                asyncio.ensure_future(
                    asyncio.wait(set(self._tasks), return_when=asyncio.FIRST_COMPLETED)
                )
            )
        try:
            await asyncio.wait(waiters, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for waiter in waiters:
                waiter.cancel()

    async def _next_due(self) -> dt.datetime | None:
        def query() -> dt.datetime | None:
            with session_scope(self.engine) as session:
                return outbox.next_due(session)

        try:
            return await asyncio.to_thread(query)
        except Exception:
            log.exception("notifier %s: reading the outbox failed", self.worker_id)
            return None

    async def _drain(self, grace: float) -> None:
        if not self._tasks:
            return
        _done, pending = await asyncio.wait(set(self._tasks), timeout=grace)
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)

    async def run_until_idle(self, timeout: float = 60.0) -> None:
        """For tests and scripts: deliver until nothing is left to send now or later."""
        stop = asyncio.Event()
        runner = asyncio.create_task(self.run(stop))
        deadline = time.monotonic() + timeout
        try:
            while time.monotonic() < deadline:
                await asyncio.sleep(0.05)
                if not self._tasks and await asyncio.to_thread(self._nothing_left):
                    break
        finally:
            stop.set()
            await runner

    def _nothing_left(self) -> bool:
        with session_scope(self.engine) as session:
            counts = outbox.state_counts(session)
        return not any(counts.get(s, 0) for s in outbox.ACTIVE)

    # ---- one message -----------------------------------------------------------------------

    async def _deliver(self, claim: Claim) -> None:
        progress = _Progress()
        try:
            async with self._render_gate:
                message = await asyncio.to_thread(self._render, claim.id)
            await self._send_parts(claim, message, progress)
        except asyncio.CancelledError:
            # Stopping: a claim that sent nothing is given back at once. One cancelled during a
            # send may have been delivered: it stays leased, and is retried after the lease.
            if progress.sent == 0 and not progress.in_flight:
                await asyncio.shield(asyncio.to_thread(self._write, outbox.release, claim))
            raise
        except Exception as exc:  # a bug or the database: retry later like a network error
            log.exception("notifier %s: notification %s failed", self.worker_id, claim.id)
            await self._retry(claim, f"{type(exc).__name__}: {exc}")

    def _render(self, notification_id: int) -> RenderedMessage:
        with session_scope(self.engine) as session:
            row = session.get(Notification, notification_id)
            if row is None:
                raise LookupError(f"notification {notification_id} vanished")
            return self.render(session, row)

    async def _send_parts(
        self, claim: Claim, message: RenderedMessage, progress: _Progress
    ) -> None:
        """Send the parts not yet sent and record the outcome."""
        parts = message.parts
        first_id: int | None = None
        last_at: float | None = None
        for index in range(claim.parts_done, len(parts)):
            if last_at is not None:  # two parts to one chat: keep the per-chat interval
                gap = last_at + self.config.chat_interval - time.monotonic()
                await asyncio.sleep(max(0.0, gap))
            await self.budget.acquire()
            if not await self._keep_lease(claim):
                return
            progress.in_flight = True
            try:
                result = await self._send(claim.chat_id, parts[index])
            except TelegramError as exc:
                progress.in_flight = False
                await self._failed(claim, exc, delivered_parts=index)
                return
            progress.in_flight = False
            progress.sent += 1
            last_at, self.sent = time.monotonic(), self.sent + 1
            message_id = result.get("message_id") if isinstance(result, dict) else None
            first_id = first_id or message_id
            if index + 1 < len(parts):
                await asyncio.to_thread(
                    self._write, outbox.record_part, claim, index + 1, message_id
                )
        next_slot = utcnow() + dt.timedelta(seconds=self.config.chat_interval)
        await asyncio.to_thread(
            self._write_kw,
            outbox.record_delivered,
            claim,
            parts_done=len(parts),
            message_id=first_id,
            next_send_at=next_slot,
        )
        metrics.delivery_outcome("delivered")
        log.info("delivered", extra=_ids(claim, telegram_message_id=first_id))

    async def _send(self, chat_id: int, part: TextPart | VenuePart) -> Any:
        if isinstance(part, TextPart):
            return await self.client.send_message(chat_id, part.text)
        return await self.client.send_venue(
            chat_id, part.latitude, part.longitude, part.title, part.address
        )

    async def _keep_lease(self, claim: Claim) -> bool:
        """Extend the lease when a long wait (a 429 pause) ate into it; False if it is lost."""
        margin = dt.timedelta(seconds=self.config.request_timeout + 5)
        if claim.lease_until - utcnow() > margin:
            return True
        until = utcnow() + dt.timedelta(seconds=self.config.lease_seconds) + margin
        kept = await asyncio.to_thread(self._write, outbox.extend_lease, claim, until)
        if not kept:
            log.warning("notifier %s: lost the lease on %s", self.worker_id, claim.id)
        return bool(kept)

    async def _failed(self, claim: Claim, exc: TelegramError, delivered_parts: int) -> None:
        error = str(exc)
        if isinstance(exc, RetryAfter):
            metrics.delivery_outcome("rate_limited")
            log.warning("rate limited: every worker waits", extra=_ids(
                claim, retry_after=exc.retry_after))
            await self.budget.pause(exc.retry_after)
            await self._rate_limited(claim, exc)
        elif isinstance(exc, Forbidden | BadRequest) and delivered_parts > 0:
            # The text went through; only the map point failed: the applicant has the message.
            await asyncio.to_thread(
                self._write_kw,
                outbox.record_delivered,
                claim,
                parts_done=delivered_parts,
                message_id=None,
                next_send_at=utcnow() + dt.timedelta(seconds=self.config.chat_interval),
                note=f"part {delivered_parts + 1} not sent: {error}",
            )
            metrics.delivery_outcome("delivered")
            log.info("delivered without the map point", extra=_ids(claim, error=error))
        elif isinstance(exc, Forbidden | BadRequest):
            blocked = isinstance(exc, Forbidden)
            await asyncio.to_thread(
                self._write_kw, outbox.record_permanent, claim, error=error, chat_blocked=blocked
            )
            metrics.delivery_outcome("permanent_failure")
            log.warning("permanent failure", extra=_ids(claim, error=error, chat_blocked=blocked))
        else:
            await self._retry(claim, error)

    async def _rate_limited(self, claim: Claim, exc: RetryAfter) -> None:
        at = utcnow() + dt.timedelta(seconds=exc.retry_after)
        limit = self.config.max_attempts * RATE_LIMITED_ATTEMPTS_FACTOR
        await asyncio.to_thread(
            self._write_kw,
            outbox.record_retry,
            claim,
            error=str(exc),
            next_attempt_at=at,
            count_failure=False,
            give_up=claim.attempts >= limit,
            chat_free_at=at,
        )

    async def _retry(self, claim: Claim, error: str) -> None:
        failures = claim.failures + 1
        delay = self.config.backoff(failures)
        give_up = failures >= self.config.max_attempts
        await asyncio.to_thread(
            self._write_kw,
            outbox.record_retry,
            claim,
            error=error,
            next_attempt_at=utcnow() + dt.timedelta(seconds=delay),
            count_failure=True,
            give_up=give_up,
        )
        metrics.delivery_outcome("technical_failure" if give_up else "retry")
        log.warning("technical failure" if give_up else "temporary failure",
                    extra=_ids(claim, error=error, failures=failures))

    # ---- database helpers (run in threads) -------------------------------------------------

    def _write(self, fn: Any, *args: Any) -> Any:
        with session_scope(self.engine) as session:
            done = fn(session, *args)
        if done is False:
            log.warning("notifier %s: claim on %s was lost before %s", self.worker_id,
                        args[0].id if args else "?", fn.__name__)
        return done

    def _write_kw(self, fn: Any, claim: Claim, **kwargs: Any) -> Any:
        with session_scope(self.engine) as session:
            done = fn(session, claim, **kwargs)
        if done is False:
            log.warning("notifier %s: claim on %s was lost before %s", self.worker_id,
                        claim.id, fn.__name__)
        return done


def _ids(claim: Claim, **fields: Any) -> dict[str, Any]:
    """Structured fields of a delivery log line (never the message text)."""
    return {"notification_id": claim.id, "chat_id": claim.chat_id, "attempt": claim.attempts,
            **fields}


@dataclass
class _Progress:
    sent: int = 0  # parts sent by this attempt
    in_flight: bool = False  # a Bot API call is under way


async def _wanted_change(queue: asyncio.Queue[StatusChanged]) -> None:
    """Return at the first announced change that queued notifications."""
    while True:
        change = await queue.get()
        if change.notifications > 0:
            return


def make_client(settings: Settings | None = None) -> TelegramClient:
    s = settings or get_settings()
    if s.telegram_token is None:
        raise RuntimeError("CITIZEN_TELEGRAM_TOKEN is not set: the notifier cannot send")
    return TelegramClient(
        s.telegram_token.get_secret_value(), s.telegram_api_url, timeout=s.notifier_request_timeout
    )


@asynccontextmanager
async def running_notifier(
    engine: Engine, render: Renderer, settings: Settings | None = None
) -> AsyncIterator[DeliveryWorker | None]:
    """The worker running in the background for the block's duration (a web app's lifespan).

    Yields None, and runs nothing, when the notifier is disabled or no bot token is set.
    """
    s = settings or get_settings()
    if not s.notifier_runs:
        yield None
        return
    client = make_client(s)
    worker = DeliveryWorker(engine, client, render, WorkerConfig.from_settings(s))
    stop = asyncio.Event()
    task = asyncio.create_task(worker.run(stop), name="citizen-notifier")
    try:
        yield worker
    finally:
        stop.set()
        await task
        await client.aclose()


async def run_notifier(
    engine: Engine, render: Renderer, stop: asyncio.Event, settings: Settings | None = None
) -> None:
    """The worker with a client built from settings, until `stop` is set (for serve and CLI)."""
    client = make_client(settings)
    try:
        config = WorkerConfig.from_settings(settings)
        await DeliveryWorker(engine, client, render, config).run(stop)
    finally:
        await client.aclose()
