"""Idempotency keys: a retried registration or status change is applied once.

Runs on a real SQLite file, and on PostgreSQL when CITIZEN_TEST_DATABASE_URL is set; the race
test holds the first request's transaction open so that the second one really waits on it.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from typing import Any

import pytest
from sqlalchemy import func, text, update
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from citizen.applications import (
    Application,
    ApplicationError,
    ApplicationErrorCode,
    ApplicationStatusChange,
    change_status,
    idempotency,
    subscribe_chat,
)
from citizen.applications.idempotency import IdempotencyKeyReused, run_once_per_key
from citizen.applications.tables import IdempotencyKey
from citizen.db import session_scope
from citizen.notifications.tables import Notification, utcnow
from citizen.retention import prune
from citizen.settings import Settings
from tests.support.applications import catalogue_for, register, valid_iin


def _count(engine: Engine, table: type[Any]) -> int:
    with Session(engine) as session:
        return int(session.exec(select(func.count()).select_from(table)).one())


def test_a_retried_registration_registers_once(loaded_engine: Engine) -> None:
    with session_scope(loaded_engine) as session:
        first = register(session, 1, actor="token:son", idempotency_key="req-1").number
    with session_scope(loaded_engine) as session:
        again = register(session, 1, actor="token:son", idempotency_key="req-1").number
    assert again == first
    assert _count(loaded_engine, Application) == 1
    assert _count(loaded_engine, ApplicationStatusChange) == 1


def test_the_same_key_with_another_input_is_refused(loaded_engine: Engine) -> None:
    with session_scope(loaded_engine) as session:
        register(session, 1, actor="token:son", idempotency_key="req-1")
    with pytest.raises(IdempotencyKeyReused) as refused, session_scope(loaded_engine) as session:
        register(session, 2, actor="token:son", idempotency_key="req-1")  # another IIN
    assert refused.value.key == "req-1"
    # An explicit submission moment is part of the input too.
    with pytest.raises(IdempotencyKeyReused), session_scope(loaded_engine) as session:
        register(
            session, 1, actor="token:son", idempotency_key="req-1",
            submitted_at=dt.datetime(2026, 12, 2, 10, 0, tzinfo=dt.UTC),
        )
    assert _count(loaded_engine, Application) == 1


def test_keys_belong_to_their_actor(loaded_engine: Engine) -> None:
    with session_scope(loaded_engine) as session:
        a = register(session, 1, actor="token:son-a", idempotency_key="req-1").number
    with session_scope(loaded_engine) as session:
        b = register(session, 1, actor="token:son-b", idempotency_key="req-1").number
    assert a != b
    assert _count(loaded_engine, Application) == 2


def test_a_key_is_forgotten_after_its_time(loaded_engine: Engine) -> None:
    with session_scope(loaded_engine) as session:
        first = register(session, 1, actor="cli", idempotency_key="old").number
        row = session.exec(select(IdempotencyKey)).one()
        row.created_at = row.created_at - dt.timedelta(hours=25)  # default time: 24 hours
        session.add(row)
    with session_scope(loaded_engine) as session:
        # The old key is gone, so this is a new request; its input differs without an error.
        second = register(session, 2, actor="cli", idempotency_key="old").number
    assert second != first
    assert _count(loaded_engine, IdempotencyKey) == 1


def test_a_claim_forgets_only_its_own_expired_key_and_prune_the_rest(
    loaded_engine: Engine,
) -> None:
    with session_scope(loaded_engine) as session:
        register(session, 1, actor="token:a", idempotency_key="old")
        session.execute(
            update(IdempotencyKey).values(created_at=utcnow() - dt.timedelta(hours=25))
        )
    with session_scope(loaded_engine) as session:
        register(session, 2, actor="token:b", idempotency_key="new")
    # Another actor's claim left the expired key alone (no write touches rows of others) ...
    assert _count(loaded_engine, IdempotencyKey) == 2
    settings = Settings(idempotency_key_ttl_hours=24)
    assert prune(loaded_engine, settings, dry_run=True).idempotency_keys == 1
    # ... and `citizen maintenance prune` deletes it, keeping the live one.
    assert prune(loaded_engine, settings).idempotency_keys == 1
    with Session(loaded_engine) as session:
        assert [k.key for k in session.exec(select(IdempotencyKey))] == ["new"]


@pytest.mark.parametrize("key", ["", " padded ", "x" * 201, "ключ"])
def test_a_malformed_key_is_a_clear_error(loaded_engine: Engine, key: str) -> None:
    with pytest.raises(ApplicationError) as refused, session_scope(loaded_engine) as session:
        register(session, 1, idempotency_key=key)
    assert refused.value.code == ApplicationErrorCode.INVALID_IDEMPOTENCY_KEY
    assert _count(loaded_engine, Application) == 0


def test_a_retried_status_change_queues_one_notification(loaded_engine: Engine) -> None:
    with session_scope(loaded_engine) as session:
        number = register(session, 1).number
    with session_scope(loaded_engine) as session:
        assert subscribe_chat(session, 5001, number, valid_iin(1)).found

    def change(key: str, step: int = 1) -> Any:
        with session_scope(loaded_engine) as session:
            return change_status(
                session, catalogue_for(session), number, "in_progress", step=step,
                actor="token:son", idempotency_key=key,
            )

    first, retry = change("chg-1"), change("chg-1")
    assert (first.replayed, first.notifications) == (False, 1)
    assert (retry.replayed, retry.notifications) == (True, 0)
    assert retry.change.id == first.change.id
    assert _count(loaded_engine, Notification) == 1
    assert _count(loaded_engine, ApplicationStatusChange) == 2  # accepted + in_progress
    with pytest.raises(IdempotencyKeyReused):
        change("chg-1", step=2)
    # Another key is another request: the next step is applied and notified.
    assert change("chg-2", step=2).notifications == 1
    assert _count(loaded_engine, Notification) == 2


def _waiting_on_a_lock(engine: Engine) -> bool:
    with engine.connect() as conn:
        waiting = conn.execute(
            text("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'")
        ).scalar()
    return bool(waiting)


def test_twins_racing_with_one_key_register_once(loaded_engine: Engine) -> None:
    """The first request claims the key and waits before committing; its twin starts meanwhile
    and must end with the first one's application, not a second one."""
    claimed, release = threading.Event(), threading.Event()
    answers: dict[str, str] = {}
    attempts: list[int] = []

    def first() -> None:
        with session_scope(loaded_engine) as session:
            answers["first"] = register(session, 1, actor="token:son", idempotency_key="k").number
            claimed.set()
            assert release.wait(10)

    def twin() -> None:
        def attempt() -> str:
            attempts.append(1)
            with session_scope(loaded_engine) as session:
                return register(session, 1, actor="token:son", idempotency_key="k").number

        answers["twin"] = run_once_per_key(attempt)

    threads = [threading.Thread(target=first), threading.Thread(target=twin)]
    threads[0].start()
    assert claimed.wait(10)
    threads[1].start()
    if loaded_engine.dialect.name == "postgresql":
        # Deterministic: let the first commit only once the twin waits on the claimed key.
        deadline = time.monotonic() + 10
        while not _waiting_on_a_lock(loaded_engine) and time.monotonic() < deadline:
            time.sleep(0.01)
    release.set()
    for t in threads:
        t.join(15)
    assert answers["twin"] == answers["first"]
    assert _count(loaded_engine, Application) == 1
    assert _count(loaded_engine, IdempotencyKey) == 1
    if loaded_engine.dialect.name == "postgresql":
        assert len(attempts) == 2  # the twin lost the race on the unique key, then replayed


def test_the_fingerprint_never_holds_the_iin(loaded_engine: Engine) -> None:
    iin = valid_iin(7)
    with session_scope(loaded_engine) as session:
        register(session, 7, idempotency_key="k")
    with loaded_engine.connect() as conn:
        row = conn.execute(text("SELECT * FROM idempotency_key")).mappings().one()
    assert all(iin not in str(value) for value in row.values())
    assert idempotency.fingerprint("x", {"iin": iin}) != idempotency.fingerprint("x", {})
