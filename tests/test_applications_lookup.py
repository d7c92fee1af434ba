"""A citizen's lookups by receipt number + IIN, throttling, and chat subscriptions."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from citizen.applications import (
    LookupOutcome,
    change_status,
    chat_subscriptions,
    find_application,
    subscribe_chat,
    unsubscribe_chat,
    watch_application,
)
from citizen.applications.messages import lookup_text
from citizen.catalogue.vocabulary import Locale
from citizen.db import session_scope
from citizen.notifications.chats import get_chat, mark_chat_blocked
from citizen.settings import get_settings
from tests.support.applications import catalogue_for, register, valid_iin


@pytest.fixture
def number(loaded_engine: Engine) -> str:
    with session_scope(loaded_engine) as session:
        return register(session, 1).number


def _find(engine: Engine, number: str, iin: str, client: str = "ip:192.0.2.1") -> LookupOutcome:
    with session_scope(engine) as session:
        return find_application(session, number, iin, client).outcome


def test_the_right_pair_finds_the_application(loaded_engine: Engine, number: str) -> None:
    with session_scope(loaded_engine) as session:
        found = find_application(session, f" {number} ", valid_iin(1), "ip:192.0.2.1")
    assert found.found and found.application is not None
    assert found.application.number == number


def test_a_wrong_number_and_a_wrong_iin_get_the_same_answer(
    loaded_engine: Engine, number: str
) -> None:
    wrong_iin = _find(loaded_engine, number, valid_iin(2))
    wrong_number = _find(loaded_engine, number + "X", valid_iin(1))
    assert wrong_iin == wrong_number == LookupOutcome.NOT_FOUND
    with session_scope(loaded_engine) as session:
        a = find_application(session, number, valid_iin(2), "ip:192.0.2.9")
        b = find_application(session, number + "X", valid_iin(1), "ip:192.0.2.9")
    assert (a.application, a.retry_after) == (b.application, b.retry_after) == (None, None)
    for locale in Locale:
        assert lookup_text(a, locale) == lookup_text(b, locale)


def test_a_malformed_iin_is_told_apart_and_not_counted(loaded_engine: Engine, number: str) -> None:
    limit = get_settings().lookup_max_failures_per_client
    for _ in range(limit + 2):
        assert _find(loaded_engine, number, "12345") == LookupOutcome.INVALID_IIN
    assert _find(loaded_engine, number, valid_iin(1)) == LookupOutcome.FOUND
    with session_scope(loaded_engine) as session:
        text = lookup_text(find_application(session, number, "1234", "x"), Locale.KK)
    assert "12 цифр" in text


def test_repeated_failures_throttle_the_client_even_for_the_right_pair(
    loaded_engine: Engine, number: str
) -> None:
    limit = get_settings().lookup_max_failures_per_client
    for n in range(limit):
        assert _find(loaded_engine, number, valid_iin(100 + n)) == LookupOutcome.NOT_FOUND
    with session_scope(loaded_engine) as session:
        blocked = find_application(session, number, valid_iin(1), "ip:192.0.2.1")
    assert blocked.outcome == LookupOutcome.THROTTLED and blocked.application is None
    assert blocked.retry_after and blocked.retry_after > 0
    assert "минут" in lookup_text(blocked, Locale.RU)
    # Another client is not blocked by this one's failures.
    assert _find(loaded_engine, number, valid_iin(1), "ip:198.51.100.7") == LookupOutcome.FOUND


def test_guessing_one_number_from_many_clients_then_costs_a_proof_of_work(
    loaded_engine: Engine, number: str
) -> None:
    limit = get_settings().lookup_max_failures_per_number
    for n in range(limit):
        outcome = _find(loaded_engine, number, valid_iin(200 + n), f"ip:203.0.113.{n}")
        assert outcome == LookupOutcome.NOT_FOUND
    # Not a lock-out: a fresh address is asked for a proof of work (tests/test_lookup_throttling).
    fresh_client = _find(loaded_engine, number, valid_iin(1), "ip:198.51.100.99")
    assert fresh_client == LookupOutcome.PROOF_REQUIRED


def test_subscribing_a_chat_and_listing_and_unsubscribing(
    loaded_engine: Engine, number: str
) -> None:
    with session_scope(loaded_engine) as session:
        other = register(session, 2).number
    with session_scope(loaded_engine) as session:
        first = subscribe_chat(session, 900, number, valid_iin(1))
        again = subscribe_chat(session, 900, number, valid_iin(1))
        second = subscribe_chat(session, 900, other, valid_iin(2))
        refused = subscribe_chat(session, 901, other, valid_iin(1))
    assert first.newly_subscribed and not again.newly_subscribed and second.newly_subscribed
    assert refused.outcome == LookupOutcome.NOT_FOUND
    with Session(loaded_engine) as session:
        listed = chat_subscriptions(session, 900)
        assert chat_subscriptions(session, 901) == []
    assert [a.number for a in listed] == [number, other]
    assert all(a.service_id and a.region_id and a.expected_ready_on for a in listed)
    assert listed[0].status == "accepted"
    with session_scope(loaded_engine) as session:
        assert unsubscribe_chat(session, 900, listed[0].id or 0)
        assert not unsubscribe_chat(session, 900, listed[0].id or 0)
    with Session(loaded_engine) as session:
        assert [a.number for a in chat_subscriptions(session, 900)] == [other]


def test_subscribing_again_unblocks_a_chat(loaded_engine: Engine, number: str) -> None:
    with session_scope(loaded_engine) as session:
        subscribe_chat(session, 950, number, valid_iin(1))
        mark_chat_blocked(session, 950)
    with session_scope(loaded_engine) as session:
        assert subscribe_chat(session, 950, number, valid_iin(1)).found
    with Session(loaded_engine) as session:
        chat = get_chat(session, 950)
    assert chat is not None and chat.blocked_at is None


async def test_watching_an_application_yields_each_change_once_in_order(
    loaded_engine: Engine, number: str
) -> None:
    with Session(loaded_engine) as session:
        found = find_application(session, number, valid_iin(1), "ip:192.0.2.1")
    assert found.application is not None and found.application.id is not None
    application_id = found.application.id
    seen: list[tuple[str, int | None]] = []

    async def watch() -> None:
        async for change in watch_application(
            loaded_engine, application_id, poll_interval=0.2
        ):
            seen.append((change.status, change.step_number))
            if change.status == "result_ready":
                return

    def changes() -> None:
        for status, step in (("in_progress", 1), ("in_progress", 4), ("result_ready", None)):
            with session_scope(loaded_engine) as session:
                change_status(session, catalogue_for(session), number, status, step=step)

    watcher = asyncio.create_task(watch())
    await asyncio.sleep(0.3)  # the watcher starts from the present: "accepted" is history
    await asyncio.to_thread(changes)
    await asyncio.wait_for(watcher, 10)
    assert seen == [("in_progress", 1), ("in_progress", 4), ("result_ready", None)]
