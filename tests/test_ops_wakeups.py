"""Wake-ups across processes: a status change committed elsewhere reaches the waiters at once.

On PostgreSQL the status change's transaction NOTIFYs; a listener hands the change to the
process's broadcaster. The waiters here poll far too rarely (a minute) to find the change in
time by polling: each test passes only through the wake-up.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from citizen.applications import StatusBroadcaster, change_status, subscribe_chat
from citizen.applications.events import cross_process_wakeups
from citizen.applications.tracking import watch_application
from citizen.db import session_scope
from tests.support.applications import catalogue_for, register, valid_iin
from tests.support.fake_bot_api import FakeBotAPI

SLOW_POLL = 60.0


@pytest.fixture
def pg(loaded_engine: Engine) -> Engine:
    if loaded_engine.dialect.name != "postgresql":
        pytest.skip("LISTEN/NOTIFY is PostgreSQL's; SQLite runs in one process")
    return loaded_engine


def _application(engine: Engine, n: int, chat: int | None = None) -> tuple[str, int]:
    with session_scope(engine) as session:
        app = register(session, n)
        number, app_id = app.number, app.id
        if chat is not None:
            assert subscribe_chat(session, chat, number, valid_iin(n)).found
    assert app_id is not None
    return number, app_id


def _change(engine: Engine, number: str, step: int) -> None:
    with session_scope(engine) as session:
        change_status(session, catalogue_for(session), number, "in_progress", step=step + 1)


async def _listening(flag: threading.Event | None) -> None:
    assert flag is not None
    assert await asyncio.to_thread(flag.wait, 10), "the listener did not connect"


async def test_a_committed_change_is_announced_and_a_rolled_back_one_is_not(pg: Engine) -> None:
    number, app_id = _application(pg, 1)
    events = StatusBroadcaster()  # hears nothing in-process: only what comes through NOTIFY
    with events.listen() as queue, cross_process_wakeups(pg, events) as flag:
        await _listening(flag)
        with pytest.raises(RuntimeError), session_scope(pg) as session:
            change_status(session, catalogue_for(session), number, "in_progress", step=1)
            raise RuntimeError("rolled back")
        await asyncio.to_thread(_change, pg, number, 1)
        change = await asyncio.wait_for(queue.get(), 10)
    assert (change.application_id, change.number, change.step) == (app_id, number, 2)
    assert queue.empty()  # the rolled-back change was never announced


async def test_a_subscription_hears_a_change_made_by_another_process(
    pg: Engine, database_url: str, tmp_path: Path
) -> None:
    number, app_id = _application(pg, 2)
    events = StatusBroadcaster()
    seen: list[int | None] = []

    async def follow() -> None:
        watcher = watch_application(pg, app_id, poll_interval=SLOW_POLL, events=events)
        async for change in watcher:
            seen.append(change.step_number)
            return

    with cross_process_wakeups(pg, events) as flag:  # the watcher's listener, connected first
        await _listening(flag)
        task = asyncio.create_task(follow())
        await asyncio.sleep(0.3)  # the watcher has read where the history stands
        env = {**os.environ, "CITIZEN_DATABASE_URL": database_url}
        cli = [sys.executable, "-m", "citizen.cli", "application", "status", number,
               "in_progress", "--step", "3"]
        done = await asyncio.to_thread(subprocess.run, cli, env=env, capture_output=True)
        assert done.returncode == 0, done.stderr
        await asyncio.wait_for(task, 20)
    assert seen == [3]  # the step typed, as the regulation numbers it


@pytest.fixture
def notifier_process(pg: Engine, database_url: str, tmp_path: Path) -> Iterator[FakeBotAPI]:
    with FakeBotAPI() as fake:
        env = {
            **os.environ,
            "CITIZEN_DATABASE_URL": database_url,
            "CITIZEN_TELEGRAM_TOKEN": "77:wakeups",
            "CITIZEN_TELEGRAM_API_URL": fake.base_url,
            "CITIZEN_NOTIFIER_POLL_INTERVAL": str(SLOW_POLL),
            "CITIZEN_NOTIFIER_CHAT_INTERVAL": "0.05",
            "CITIZEN_MIGRATE_ON_START": "false",
        }
        log = (tmp_path / "notifier.log").open("wb")
        proc = subprocess.Popen([sys.executable, "-m", "citizen.cli", "notifier"], env=env,
                                stdout=log, stderr=log)
        try:
            yield fake
        finally:
            proc.send_signal(signal.SIGTERM)
            proc.wait(20)
            log.close()


def test_a_notifier_process_is_woken_by_a_change_made_here(
    pg: Engine, notifier_process: FakeBotAPI, tmp_path: Path
) -> None:
    number, _ = _application(pg, 3, chat=9100)
    fake = notifier_process
    # The first change may come before the worker listens; it is found by its first claim.
    _change(pg, number, 0)
    fake.wait_for_message(9100, 1, timeout=30)
    for step in (1, 2):
        # Nothing is due now: the worker sleeps for a minute unless a change wakes it.
        time.sleep(0.3)
        _change(pg, number, step)
        message = fake.wait_for_message(9100, step + 1, timeout=20)
        assert f"{step + 1}-рәсім" in (message.text or "")
