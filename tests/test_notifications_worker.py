"""The delivery worker against a fake Telegram Bot API over real HTTP, with injected faults.

Every test ends with each notification in a final state, and the fake's record shows what a
Telegram user would have seen: nothing lost, nothing sent twice, order kept per chat.
"""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import threading
import time
from collections.abc import AsyncIterator, Iterator

import pytest
from pydantic import SecretStr
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from citizen.applications import change_status, subscribe_chat
from citizen.db import session_scope
from citizen.notifications import outbox
from citizen.notifications.chats import get_chat
from citizen.notifications.rendering import RenderedMessage
from citizen.notifications.tables import DeliveryState, Notification
from citizen.notifications.telegram_client import TelegramClient
from citizen.notifications.worker import DeliveryWorker, WorkerConfig, running_notifier
from citizen.settings import Settings
from tests.support.applications import (
    FAST,
    add_test_office,
    catalogue_for,
    register,
    render,
    valid_iin,
)
from tests.support.fake_bot_api import FakeBotAPI, Fault

TOKEN = "123:worker-test"


@pytest.fixture
def fake() -> Iterator[FakeBotAPI]:
    with FakeBotAPI(latency=0.005) as server:
        yield server


@pytest.fixture
async def client(fake: FakeBotAPI) -> AsyncIterator[TelegramClient]:
    http = TelegramClient(TOKEN, fake.base_url, timeout=FAST.request_timeout)
    yield http
    await http.aclose()


def _worker(engine: Engine, client: TelegramClient, **config: object) -> DeliveryWorker:
    return DeliveryWorker(engine, client, render, dataclasses.replace(FAST, **config))  # type: ignore[arg-type]


def _track(engine: Engine, chats: list[int], n: int = 1, **register_args: object) -> str:
    """An application followed by `chats`."""
    with session_scope(engine) as session:
        number = register(session, n, **register_args).number
    with session_scope(engine) as session:
        for chat in chats:
            assert subscribe_chat(session, chat, number, valid_iin(n)).found
    return number


def _change(engine: Engine, number: str, status: str, **kwargs: object) -> None:
    with session_scope(engine) as session:
        change_status(session, catalogue_for(session), number, status, **kwargs)  # type: ignore[arg-type]


def _rows(engine: Engine) -> list[Notification]:
    with Session(engine) as session:
        return list(session.exec(select(Notification).order_by(col(Notification.id))).all())


async def test_each_notification_is_delivered_once_and_in_order(
    loaded_engine: Engine, fake: FakeBotAPI, client: TelegramClient
) -> None:
    number = _track(loaded_engine, [11, 12])
    _change(loaded_engine, number, "in_progress", step=1)
    _change(loaded_engine, number, "in_progress", step=3)
    _change(loaded_engine, number, "result_ready")
    await _worker(loaded_engine, client).run_until_idle()
    rows = _rows(loaded_engine)
    assert [r.state for r in rows] == ["delivered"] * 6
    assert all(r.telegram_message_id and r.attempts == 1 and r.failures == 0 for r in rows)
    for chat in (11, 12):
        texts = [m.text or "" for m in fake.messages_to(chat)]
        assert len(texts) == 3
        assert "1-рәсім" in texts[0] and "3-рәсім" in texts[1] and "Нәтиже дайын" in texts[2]


async def test_the_worker_warms_up_and_renders_one_message_at_a_time(
    loaded_engine: Engine, fake: FakeBotAPI, client: TelegramClient
) -> None:
    """A cold first send reached the Bot API late, and renders in parallel starved the event loop
    that keeps the send slots (bench/send_budget.py): neither may come back."""
    number = _track(loaded_engine, [61, 62, 63])
    _change(loaded_engine, number, "in_progress", step=1)
    lock, rendering, most = threading.Lock(), 0, 0

    def counting_render(session: Session, notification: Notification) -> RenderedMessage:
        nonlocal rendering, most
        with lock:
            rendering += 1
            most = max(most, rendering)
        try:
            time.sleep(0.02)  # long enough for renders in parallel to overlap
            return render(session, notification)
        finally:
            with lock:
                rendering -= 1

    config = dataclasses.replace(FAST)
    await DeliveryWorker(loaded_engine, client, counting_render, config).run_until_idle()
    assert [c.method for c in fake.calls] == ["getMe"] + ["sendMessage"] * 3
    assert sorted(m.chat_id for m in fake.messages) == [61, 62, 63]
    assert most == 1


async def test_429_waits_retry_after_and_is_not_a_failure(
    loaded_engine: Engine, fake: FakeBotAPI, client: TelegramClient
) -> None:
    number = _track(loaded_engine, [21])
    fake.inject(Fault.too_many_requests(retry_after=1), chat_id=21, times=2)
    _change(loaded_engine, number, "in_progress", step=2)
    await _worker(loaded_engine, client).run_until_idle()
    [row] = _rows(loaded_engine)
    assert (row.state, row.attempts, row.failures) == ("delivered", 3, 0)
    calls = [c for c in fake.calls if c.chat_id == 21]
    assert [c.status for c in calls] == [429, 429, 200]
    # Honouring retry_after: no send to the chat before the second it asked for had passed.
    assert calls[1].at - calls[0].at >= 1.0 and calls[2].at - calls[1].at >= 1.0
    assert len(fake.messages_to(21)) == 1


async def test_server_errors_and_timeouts_are_retried_with_backoff(
    loaded_engine: Engine, fake: FakeBotAPI
) -> None:
    number = _track(loaded_engine, [31])
    fake.inject(Fault.server_error(502), chat_id=31, times=2)
    fake.inject(Fault.timeout(delay=1.5), chat_id=31, times=1)
    _change(loaded_engine, number, "in_progress", step=2)
    http = TelegramClient(TOKEN, fake.base_url, timeout=0.5)  # shorter than the fake's silence
    try:
        await _worker(loaded_engine, http, request_timeout=0.5).run_until_idle()
    finally:
        await http.aclose()
    [row] = _rows(loaded_engine)
    assert (row.state, row.attempts, row.failures) == ("delivered", 4, 3)
    assert [c.status for c in fake.calls if c.chat_id == 31][:2] == [502, 502]
    assert len(fake.messages_to(31)) == 1


async def test_retries_are_bounded_and_a_technical_failure_stays_final(
    loaded_engine: Engine, fake: FakeBotAPI, client: TelegramClient
) -> None:
    number = _track(loaded_engine, [41])
    fake.inject(Fault.server_error(500, "Internal Server Error"), chat_id=41, times=None)
    _change(loaded_engine, number, "in_progress", step=2)
    await _worker(loaded_engine, client).run_until_idle()
    [row] = _rows(loaded_engine)
    assert (row.state, row.failures) == ("technical_failure", FAST.max_attempts)
    assert "500" in (row.last_error or "")
    assert len([c for c in fake.calls if c.chat_id == 41]) == FAST.max_attempts
    fake.clear_faults()  # Telegram recovers; a final state is still never revisited
    await _worker(loaded_engine, client).run_until_idle(timeout=2)
    assert _rows(loaded_engine)[0].state == "technical_failure"
    assert fake.messages_to(41) == []


async def test_a_blocked_bot_is_a_permanent_failure_and_marks_the_chat(
    loaded_engine: Engine, fake: FakeBotAPI, client: TelegramClient
) -> None:
    number = _track(loaded_engine, [51, 52])
    fake.block_chat(51)
    _change(loaded_engine, number, "in_progress", step=1)
    _change(loaded_engine, number, "in_progress", step=2)
    await _worker(loaded_engine, client).run_until_idle()
    states = [(r.chat_id, r.state) for r in _rows(loaded_engine)]
    assert sorted(states) == [
        (51, "permanent_failure"),
        (51, "permanent_failure"),
        (52, "delivered"),
        (52, "delivered"),
    ]
    # One 403 is enough: the chat's other message is not tried at all.
    assert [c.status for c in fake.calls if c.chat_id == 51] == [403]
    with Session(loaded_engine) as session:
        chat = get_chat(session, 51)
        assert chat is not None and chat.blocked_at is not None
    _change(loaded_engine, number, "result_ready")  # a blocked chat is not queued any more
    assert [r.state for r in _rows(loaded_engine) if r.chat_id == 51][-1] == "permanent_failure"


async def test_a_message_telegram_rejects_is_a_permanent_failure(
    loaded_engine: Engine, fake: FakeBotAPI, client: TelegramClient
) -> None:
    number = _track(loaded_engine, [61])
    fake.inject(Fault.bad_request("Bad Request: chat not found"), chat_id=61)
    _change(loaded_engine, number, "in_progress", step=1)
    await _worker(loaded_engine, client).run_until_idle()
    [row] = _rows(loaded_engine)
    assert row.state == "permanent_failure" and "chat not found" in (row.last_error or "")
    with Session(loaded_engine) as session:
        chat = get_chat(session, 61)
        assert chat is not None and chat.blocked_at is None


async def test_a_ready_message_sends_text_then_venue_and_resumes_after_the_sent_part(
    loaded_engine: Engine, fake: FakeBotAPI, client: TelegramClient
) -> None:
    office = add_test_office(loaded_engine)
    number = _track(loaded_engine, [71], office_id=office)
    fake.inject(Fault.server_error(503, "Service Unavailable"), method="sendVenue", chat_id=71)
    _change(loaded_engine, number, "result_ready")
    await _worker(loaded_engine, client).run_until_idle()
    [row] = _rows(loaded_engine)
    assert (row.state, row.parts_done, row.failures) == ("delivered", 2, 1)
    sent = fake.messages_to(71)
    assert [m.method for m in sent] == ["sendMessage", "sendVenue"]  # the text went once
    assert row.telegram_message_id == sent[0].message_id
    assert sent[1].params["latitude"] == 49.81 and "Тестовая" not in sent[1].params["title"]


async def test_faults_at_random_lose_nothing_and_duplicate_nothing(
    loaded_engine: Engine, fake: FakeBotAPI
) -> None:
    chats = list(range(1000, 1020))
    numbers = [_track(loaded_engine, [chat], n=i) for i, chat in enumerate(chats)]
    for number in numbers:
        _change(loaded_engine, number, "in_progress", step=1)
        _change(loaded_engine, number, "in_progress", step=4)
        _change(loaded_engine, number, "result_ready")
    fake.random_faults(
        0.3,
        [Fault.server_error(502), Fault.server_error(500), Fault.too_many_requests(1)],
        seed=7,
    )
    # The faults are definite answers (5xx, 429). A timeout is not one: a message the fake
    # sent after the client gave up is rightly sent again (at least once), so the client
    # waits long enough here for a busy CI machine never to give up.
    http = TelegramClient(TOKEN, fake.base_url, timeout=30)
    try:
        worker = _worker(loaded_engine, http, max_attempts=30, request_timeout=30.0)
        await worker.run_until_idle(timeout=120)
    finally:
        await http.aclose()
    rows = _rows(loaded_engine)
    assert len(rows) == 60 and {r.state for r in rows} == {"delivered"}
    assert any(r.attempts > 1 for r in rows), "the faults did hit"
    for chat in chats:
        texts = [m.text or "" for m in fake.messages_to(chat)]
        assert len(texts) == 3  # exactly once each, in the order of the changes
        assert "1-рәсім" in texts[0] and "4-рәсім" in texts[1] and "Нәтиже" in texts[2]


async def test_pacing_stays_within_telegrams_limits(
    loaded_engine: Engine, client: TelegramClient
) -> None:
    with FakeBotAPI(latency=0.01, enforce_limits=True, global_rate=30, chat_interval=1.0) as fake:
        http = TelegramClient(TOKEN, fake.base_url, timeout=5)
        numbers = [_track(loaded_engine, [2000 + i], n=i) for i in range(8)]
        for number in numbers:
            _change(loaded_engine, number, "in_progress", step=1)
            _change(loaded_engine, number, "in_progress", step=2)
            _change(loaded_engine, number, "in_progress", step=3)
        try:
            worker = _worker(loaded_engine, http, global_rate=20.0, chat_interval=1.0)
            await worker.run_until_idle(timeout=60)
        finally:
            await http.aclose()
        assert fake.limit_violations == 0
        assert {r.state for r in _rows(loaded_engine)} == {"delivered"}
        assert len(fake.messages) == 24


def test_an_outcome_is_recorded_only_by_the_claims_holder(loaded_engine: Engine) -> None:
    """A worker whose lease ran out cannot overwrite its successor's result, and a final
    state is never overwritten."""
    number = _track(loaded_engine, [81])
    _change(loaded_engine, number, "in_progress", step=1)
    short = dt.timedelta(milliseconds=1)
    with session_scope(loaded_engine) as session:
        [stale] = outbox.claim_batch(session, limit=5, lease=short, max_failures=5)
    # The chat's slot is held for the lease; both expire, so a second worker may take over.
    with session_scope(loaded_engine) as session:
        [fresh] = outbox.claim_batch(
            session, limit=5, lease=dt.timedelta(seconds=30), max_failures=5
        )
    assert fresh.id == stale.id and fresh.token != stale.token and fresh.failures == 1
    later = outbox.utcnow()
    with session_scope(loaded_engine) as session:
        assert not outbox.record_delivered(
            session, stale, parts_done=1, message_id=1, next_send_at=later
        )
        assert outbox.record_delivered(
            session, fresh, parts_done=1, message_id=2, next_send_at=later
        )
    with session_scope(loaded_engine) as session:
        assert not outbox.record_retry(
            session, fresh, error="late", next_attempt_at=later, count_failure=True, give_up=False
        )
        assert not outbox.record_permanent(session, fresh, error="late", chat_blocked=True)
        assert not outbox.release(session, fresh)
    [row] = _rows(loaded_engine)
    assert (row.state, row.telegram_message_id, row.last_error) == ("delivered", 2, None)
    assert row.state in {s.value for s in (DeliveryState.DELIVERED,)}


def test_worker_config_backoff_is_bounded() -> None:
    config = WorkerConfig(backoff_base=2.0, backoff_max=60.0)
    delays = [config.backoff(n) for n in range(1, 30)]
    assert all(0 < d <= 60.0 for d in delays)
    assert 1.0 <= delays[0] <= 2.0 and delays[-1] >= 30.0


async def test_the_notifier_runs_in_the_background_of_a_web_app(
    loaded_engine: Engine, fake: FakeBotAPI
) -> None:
    settings = Settings(
        telegram_token=SecretStr(TOKEN),
        telegram_api_url=fake.base_url,
        notifier_chat_interval=0.05,
        notifier_poll_interval=0.1,
    )
    number = _track(loaded_engine, [91])
    async with running_notifier(loaded_engine, render, settings) as worker:
        assert worker is not None
        await asyncio.to_thread(_change, loaded_engine, number, "in_progress", step=1)
        message = await fake.wait_for_message_async(91, 1)
    assert "1-рәсім" in (message.text or "")
    assert _rows(loaded_engine)[0].state == "delivered"
    disabled = Settings(telegram_token=SecretStr(TOKEN), notifier_enabled=False)
    async with running_notifier(loaded_engine, render, disabled) as nothing:
        assert nothing is None
