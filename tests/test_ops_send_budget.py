"""One send budget per bot token, shared by every worker (PostgreSQL), and the local one.

Workers are simulated by separate engines (separate connection pools, as separate processes
have); the real-process version runs in `test_ops_topology.py` and `bench/send_budget.py`.
"""

from __future__ import annotations

import asyncio
import dataclasses
import time
from collections.abc import Iterator

import pytest
from sqlalchemy.engine import Engine

from citizen.applications import StatusBroadcaster, change_status, subscribe_chat
from citizen.db import make_engine, session_scope
from citizen.notifications.pacing import RateLimiter, SharedBudget, make_budget
from citizen.notifications.telegram_client import TelegramClient
from citizen.notifications.worker import DeliveryWorker
from tests.support.applications import FAST, catalogue_for, register, render, valid_iin
from tests.support.fake_bot_api import FakeBotAPI, Fault

TOKEN = "555:shared-budget"


def max_in_window(moments: list[float], width: float = 1.0) -> int:
    """The most moments that fall in any half-open window [t, t + width)."""
    moments = sorted(moments)
    best, start = 0, 0
    for end, at in enumerate(moments):
        while at - moments[start] >= width:
            start += 1
        best = max(best, end - start + 1)
    return best


@pytest.fixture
def engines(engine: Engine, database_url: str) -> Iterator[list[Engine]]:
    """Three engines on the test's database: the test's own and two "worker processes"."""
    if engine.dialect.name != "postgresql":
        pytest.skip("the shared budget lives on PostgreSQL; SQLite runs one worker")
    others = [make_engine(database_url), make_engine(database_url)]
    yield [engine, *others]
    for other in others:
        other.dispose()


def test_the_budget_follows_the_database(engine: Engine) -> None:
    budget = make_budget(engine, "1", 10.0)
    expected = SharedBudget if engine.dialect.name == "postgresql" else RateLimiter
    assert isinstance(budget, expected)
    assert isinstance(make_budget(engine, "1", 10.0, "local"), RateLimiter)
    with pytest.raises(ValueError, match="unknown send budget"):
        make_budget(engine, "1", 10.0, "elsewhere")


async def test_workers_together_never_exceed_the_rate(engines: list[Engine]) -> None:
    rate = 20.0
    budgets = [SharedBudget(e, "bot-a", rate) for e in engines[1:]]
    # Two workers, three threads each, reserving 45 slots at once: a little over two seconds.
    calls = [asyncio.to_thread(budgets[i % 2].reserve) for i in range(45)]
    slots = [slot for slot, _now in await asyncio.gather(*calls)]
    assert len(set(slots)) == 45  # no slot handed out twice
    assert max_in_window(slots) <= rate
    # And the sends themselves wait for their slots: all of them take over two seconds.
    started = time.monotonic()
    await asyncio.gather(*(b.acquire() for b in budgets for _ in range(20)))
    assert time.monotonic() - started >= 39 / rate
    # Another bot's budget is its own: it does not queue behind this one.
    slot, now = await asyncio.to_thread(SharedBudget(engines[1], "bot-b", rate).reserve)
    assert abs(slot - now) < 1e-6  # free at once


async def test_a_429_pauses_every_worker(engines: list[Engine]) -> None:
    first, second = (SharedBudget(e, "bot-c", 50.0) for e in engines[1:])
    await first.acquire()
    paused_at = time.monotonic()
    await first.pause(1.0)  # worker one was told retry_after=1
    await second.acquire()  # worker two never heard the 429 itself
    assert time.monotonic() - paused_at >= 0.95  # the database clock and ours: 50 ms of slack


async def test_a_closed_budget_lets_its_threads_go_and_can_be_used_again(
    engines: list[Engine],
) -> None:
    import threading

    def budget_threads() -> int:
        return sum(t.name.startswith(("citizen-budget", "citizen-pause"))
                   for t in threading.enumerate())

    before = budget_threads()
    budget = SharedBudget(engines[1], "bot-d", 50.0)
    await asyncio.gather(*(budget.acquire() for _ in range(6)))
    await budget.pause(0.01)
    assert budget_threads() > before
    budget.close()
    deadline = time.monotonic() + 5
    while budget_threads() > before and time.monotonic() < deadline:
        await asyncio.sleep(0.02)
    assert budget_threads() == before  # a stopped worker leaves no thread behind
    await budget.acquire()  # a worker run again gets threads again
    budget.close()


async def test_two_workers_deliver_within_telegrams_limit(
    loaded_engine: Engine, engines: list[Engine]
) -> None:
    """Two workers with the whole rate each would send 40 a second where Telegram takes 30;
    sharing one budget they send 20 (the tight figures are bench/send_budget.py's: a test on a
    busy machine keeps a margin for the scheduler)."""
    chats = range(5000, 5060)
    for i, chat in enumerate(chats):
        with session_scope(loaded_engine) as session:
            number = register(session, i).number
            assert subscribe_chat(session, chat, number, valid_iin(i)).found
        with session_scope(loaded_engine) as session:
            change_status(session, catalogue_for(session), number, "in_progress", step=1)
    rate = 20.0
    config = dataclasses.replace(FAST, global_rate=rate, chat_interval=1.0, batch_size=30)
    with FakeBotAPI(latency=0.01, enforce_limits=True, global_rate=30) as fake:
        fake.inject(Fault.too_many_requests(1), chat_id=5003)  # one 429, seen by one worker
        clients = [TelegramClient(TOKEN, fake.base_url, timeout=5) for _ in range(2)]
        workers = [
            DeliveryWorker(e, c, render, config, events=StatusBroadcaster())
            for e, c in zip(engines[1:], clients, strict=True)
        ]
        try:
            await asyncio.gather(*(w.run_until_idle(timeout=60) for w in workers))
        finally:
            for client in clients:
                await client.aclose()
        assert all(w.sent > 0 for w in workers), [w.sent for w in workers]
        assert len(fake.messages) == len(chats)
        assert fake.limit_violations == 0
        refused = [c for c in fake.calls if c.status == 429]
        assert [c.chat_id for c in refused] == [5003]  # only the injected one
        after = [c.at - refused[0].at for c in fake.calls if c.at > refused[0].at]
        # Nobody sent during the pause the 429 asked for, but the sends already under way when
        # it came (their slot was checked before the answer reached the worker).
        assert [d for d in after if 0.2 <= d < 0.95] == []
        assert max(after) >= 0.95  # the rest were sent after the pause
