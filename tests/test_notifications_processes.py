"""Real `citizen notifier` processes: one killed mid-batch and restarted, and two at once.

The worker processes talk to the fake Bot API over HTTP and to the test's database (a SQLite
file, or a PostgreSQL schema when CITIZEN_TEST_DATABASE_URL is set).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from citizen.applications import change_status, subscribe_chat
from citizen.db import session_scope
from citizen.notifications import outbox
from citizen.notifications.tables import Notification
from tests.support.applications import catalogue_for, register, valid_iin
from tests.support.fake_bot_api import FakeBotAPI

LEASE = 2.0


def _queue(engine: Engine, chats: range, changes: int) -> None:
    """One application per chat, `changes` status changes each."""
    for i, chat in enumerate(chats):
        with session_scope(engine) as session:
            number = register(session, i).number
            assert subscribe_chat(session, chat, number, valid_iin(i)).found
        with session_scope(engine) as session:
            for step in range(changes):
                change_status(session, catalogue_for(session), number, "in_progress", step=step + 1)


@contextmanager
def notifier(
    database_url: str, fake: FakeBotAPI, log: Path, token: str = "42:crash", rate: float = 20
) -> Iterator[subprocess.Popen[bytes]]:
    env = {
        **os.environ,
        "CITIZEN_DATABASE_URL": database_url,
        "CITIZEN_TELEGRAM_TOKEN": token,
        "CITIZEN_TELEGRAM_API_URL": fake.base_url,
        "CITIZEN_NOTIFIER_GLOBAL_RATE": str(rate),
        "CITIZEN_NOTIFIER_CHAT_INTERVAL": "0.05",
        "CITIZEN_NOTIFIER_LEASE_SECONDS": str(LEASE),
        "CITIZEN_NOTIFIER_POLL_INTERVAL": "0.1",
        "CITIZEN_NOTIFIER_BACKOFF_BASE": "0.1",
        "CITIZEN_NOTIFIER_BACKOFF_MAX": "0.5",
        "CITIZEN_NOTIFIER_BATCH_SIZE": "20",
        "CITIZEN_NOTIFIER_REQUEST_TIMEOUT": "5",
    }
    with log.open("ab") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "citizen.cli", "notifier"], env=env, stdout=out, stderr=out
        )
    try:
        yield proc
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def _states(engine: Engine) -> dict[int, str]:
    with Session(engine) as session:
        return {n.chat_id: n.state for n in session.exec(select(Notification)).all()}


def _wait_until_settled(engine: Engine, timeout: float, log: Path) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with Session(engine) as session:
            counts = outbox.state_counts(session)
        if not any(counts.get(s) for s in outbox.ACTIVE):
            return
        time.sleep(0.2)
    raise AssertionError(f"outbox not settled: {counts}\n{log.read_text(errors='replace')}")


def test_a_worker_killed_mid_batch_loses_nothing_after_restart(
    loaded_engine: Engine, database_url: str, tmp_path: Path
) -> None:
    chats = range(3000, 3060)
    _queue(loaded_engine, chats, changes=1)
    log = tmp_path / "notifier.log"
    with FakeBotAPI(latency=0.3) as fake:
        with notifier(database_url, fake, log) as first:
            fake.wait_for(lambda f: len(f.calls) >= 15, timeout=60, what="15 sends")
            first.send_signal(signal.SIGKILL)
            first.wait(10)
            in_flight = {c.chat_id for c in fake.calls}  # requests made before the kill
            at_kill = _states(loaded_engine)
        sending_at_kill = {chat for chat, state in at_kill.items() if state == "sending"}
        assert sending_at_kill, "the worker died holding claims"
        assert sum(s == "delivered" for s in at_kill.values()) < len(chats), "mid-batch"
        with notifier(database_url, fake, log):
            _wait_until_settled(loaded_engine, 90, log)
        final = _states(loaded_engine)
        per_chat = Counter(m.chat_id for m in fake.messages)
    assert set(final.values()) == {"delivered"} and len(final) == len(chats)
    assert set(per_chat) == set(chats), "every chat got its message"
    duplicated = {chat for chat, count in per_chat.items() if count > 1}
    # Only messages that were in flight when the worker died may have gone out twice.
    assert duplicated <= sending_at_kill & in_flight
    assert max(per_chat.values()) <= 2


def test_two_workers_share_the_outbox_and_never_send_a_message_twice(
    loaded_engine: Engine, database_url: str, tmp_path: Path
) -> None:
    chats = range(4000, 4100)
    _queue(loaded_engine, chats, changes=3)
    log = tmp_path / "notifiers.log"
    with (
        FakeBotAPI(latency=0.05) as fake,
        notifier(database_url, fake, log, token="1:worker-a", rate=40),
        notifier(database_url, fake, log, token="2:worker-b", rate=40),
    ):
        _wait_until_settled(loaded_engine, 120, log)
        messages = list(fake.messages)
        tokens = Counter(c.token for c in fake.calls if c.status == 200)
    assert len(messages) == 300
    for chat in chats:
        texts = [m.text or "" for m in messages if m.chat_id == chat]
        assert len(texts) == 3  # once each, in the order of the changes
        assert ["1-рәсім" in texts[0], "2-рәсім" in texts[1], "3-рәсім" in texts[2]] == [True] * 3
    assert tokens["1:worker-a"] > 0 and tokens["2:worker-b"] > 0, tokens
    assert set(_states(loaded_engine).values()) == {"delivered"}
