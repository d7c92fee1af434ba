"""Notifier benchmark: sustained send rate against the configured limit, and delivery delay.

    .venv/bin/python bench/notifier_throughput.py [--rate 25] [--database-url postgresql://...]

1. Throughput: NOTIFICATIONS status-change notifications to CHATS chats (one application per
   chat, several changes each) are queued, then one delivery worker sends them through the
   fake Telegram Bot API (real HTTP, LATENCY seconds per call, Telegram's limits enforced: a
   429 would show pacing errors). Printed: the sustained rate (messages per second between the
   first and the last delivery) as a fraction of the configured limit.
2. Light load: one status change at a time; printed: the delay from the committed change to
   the message reaching the fake API, for a worker in the same process (woken at once) and for
   one standing in for another process (woken by NOTIFY on PostgreSQL, by polling every
   `notifier_poll_interval` on SQLite); bench/send_budget.py measures a real other process.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import Engine

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # for tests.support (the fake Bot API and test helpers)

from tests.support.applications import catalogue_for, register, render, valid_iin  # noqa: E402
from tests.support.fake_bot_api import FakeBotAPI  # noqa: E402

from citizen.applications import change_status, subscribe_chat  # noqa: E402
from citizen.applications.events import StatusBroadcaster  # noqa: E402
from citizen.catalogue.loading import load_catalogue  # noqa: E402
from citizen.db import make_engine, migrate, session_scope  # noqa: E402
from citizen.notifications import outbox  # noqa: E402
from citizen.notifications.telegram_client import TelegramClient  # noqa: E402
from citizen.notifications.worker import DeliveryWorker, WorkerConfig  # noqa: E402
from citizen.settings import get_settings  # noqa: E402

TOKEN = "1:bench"


def _engine(url: str | None) -> tuple[Engine, str | None]:
    """A fresh database: a temporary SQLite file, or a new schema on the given PostgreSQL."""
    if url is None:
        path = Path(tempfile.mkdtemp(prefix="citizen-bench-")) / "bench.db"
        return make_engine(f"sqlite:///{path}"), None
    schema = f"bench_{uuid.uuid4().hex[:8]}"
    admin = make_engine(url)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    admin.dispose()
    return make_engine(url, connect_args={"options": f"-csearch_path={schema}"}), schema


def _drop(url: str | None, schema: str | None) -> None:
    if url and schema:
        admin = make_engine(url)
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def _applications(engine: Engine, first: int, count: int) -> list[str]:
    """`count` applications, application i followed by chat i (chat ids from `first`)."""
    with session_scope(engine) as session:
        numbers = [register(session, first + i).number for i in range(count)]
    with session_scope(engine) as session:
        for i, number in enumerate(numbers):
            assert subscribe_chat(session, first + i, number, valid_iin(first + i)).found
    return numbers


def _queue_changes(engine: Engine, numbers: list[str], per_application: int) -> None:
    with session_scope(engine) as session:
        for number in numbers:
            for step in range(per_application):
                change_status(session, catalogue_for(session), number, "in_progress", step=step + 1)


def _config(rate: float, interval: float) -> WorkerConfig:
    base = WorkerConfig.from_settings(get_settings())
    return dataclasses.replace(base, global_rate=rate, chat_interval=interval)


async def throughput(engine: Engine, args: argparse.Namespace) -> None:
    per_chat = args.notifications // args.chats
    numbers = _applications(engine, 0, args.chats)
    _queue_changes(engine, numbers, per_chat)
    total = per_chat * args.chats
    limits = {"enforce_limits": True, "global_rate": args.api_limit}
    with FakeBotAPI(latency=args.latency, **limits) as fake:
        client = TelegramClient(TOKEN, fake.base_url, timeout=15)
        worker = DeliveryWorker(engine, client, render, _config(args.rate, args.chat_interval))
        started = time.monotonic()
        await worker.run_until_idle(timeout=total / args.rate * 3 + 60)
        wall = time.monotonic() - started
        await client.aclose()
        stamps = sorted(m.at for m in fake.messages)
        rejected = sum(1 for c in fake.calls if c.status == 429)
    with session_scope(engine) as session:
        counts = outbox.state_counts(session)
    span = stamps[-1] - stamps[0]
    sustained = (len(stamps) - 1) / span if span > 0 else float("nan")
    print(f"throughput: {total} notifications to {args.chats} chats, "
          f"{args.latency * 1000:.0f} ms per Bot API call")
    print(f"  configured limit      {args.rate:.1f} msg/s (per chat: 1 per {args.chat_interval} s;"
          f" the fake API rejects above {args.api_limit:.0f} msg/s)")
    fraction = sustained / args.rate
    print(f"  sustained rate        {sustained:.2f} msg/s = {fraction:.3f} of the limit")
    print(f"  wall time             {wall:.1f} s (first to last delivery {span:.1f} s)")
    print(f"  outcome               {counts}; 429 from the fake's limits: {rejected}")


async def light_load(engine: Engine, args: argparse.Namespace, same_process: bool) -> None:
    numbers = _applications(engine, 10_000 if same_process else 20_000, args.samples)
    delays: list[float] = []
    with FakeBotAPI(latency=args.latency) as fake:
        client = TelegramClient(TOKEN, fake.base_url, timeout=15)
        # Another process's worker hears no in-process announcements (only NOTIFYs): give it a
        # private broadcaster, which hears this process's NOTIFYs as another process would.
        events = None if same_process else StatusBroadcaster()
        worker = DeliveryWorker(engine, client, render, _config(args.rate, 1.0), events=events)
        stop = asyncio.Event()
        runner = asyncio.create_task(worker.run(stop))
        await asyncio.sleep(0.5)
        for i, number in enumerate(numbers):
            committed = await asyncio.to_thread(_one_change, engine, number)
            message = await fake.wait_for_message_async(
                (10_000 if same_process else 20_000) + i, 1, timeout=30
            )
            delays.append(message.at - committed)
            await asyncio.sleep(0.2)
        stop.set()
        await runner
        await client.aclose()
    where = "same process (woken on commit)" if same_process else (
        "other process (NOTIFY)" if engine.dialect.name == "postgresql" else
        f"other process (polling every {get_settings().notifier_poll_interval} s)"
    )
    delays.sort()
    p95 = delays[max(0, int(len(delays) * 0.95) - 1)]
    print(f"light load, {where}: change committed -> message at the Bot API, "
          f"{len(delays)} samples")
    print(f"  median {statistics.median(delays) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, "
          f"max {delays[-1] * 1000:.0f} ms")


def _one_change(engine: Engine, number: str) -> float:
    with session_scope(engine) as session:
        change_status(session, catalogue_for(session), number, "in_progress", step=1)
    return time.monotonic()


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rate", type=float, default=get_settings().notifier_global_rate)
    parser.add_argument("--chat-interval", type=float, default=1.0)
    parser.add_argument("--notifications", type=int, default=3000)
    parser.add_argument("--chats", type=int, default=1000)
    parser.add_argument("--latency", type=float, default=0.05)
    parser.add_argument(
        "--api-limit", type=float, default=30.0, help="the fake API's global limit (Telegram: 30)"
    )
    parser.add_argument("--samples", type=int, default=30)
    parser.add_argument("--database-url", default=None, help="PostgreSQL (default: SQLite file)")
    args = parser.parse_args()
    engine, schema = _engine(args.database_url)
    try:
        migrate(engine)
        load_catalogue(engine)
        print(f"database: {engine.dialect.name}")
        await throughput(engine, args)
        await light_load(engine, args, same_process=True)
        await light_load(engine, args, same_process=False)
    finally:
        engine.dispose()
        _drop(args.database_url, schema)


if __name__ == "__main__":
    asyncio.run(main())
