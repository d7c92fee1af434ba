"""/metrics shows the outbox and the delivery outcomes; `maintenance prune` keeps what matters."""

from __future__ import annotations

import asyncio
import datetime as dt
import re

import httpx
from sqlalchemy import update
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from citizen.applications import change_status, subscribe_chat
from citizen.applications.tables import Application, ApplicationStatusChange, LookupThrottle
from citizen.db import session_scope
from citizen.notifications.tables import Notification, utcnow
from citizen.notifications.telegram_client import TelegramClient
from citizen.notifications.worker import DeliveryWorker
from citizen.retention import prune
from citizen.settings import Settings
from citizen.web.app import create_app
from tests.support.applications import FAST, catalogue_for, register, render, valid_iin
from tests.support.fake_bot_api import FakeBotAPI
from tests.support.live_server import live_server


def _value(text: str, name: str, labels: str = "") -> float:
    pattern = re.escape(name + (f"{{{labels}}}" if labels else "")) + r" ([0-9.e+-]+)"
    found = re.search(pattern, text)
    assert found, f"{name}{{{labels}}} not in /metrics"
    return float(found.group(1))


def _queue(engine: Engine, chats: list[int]) -> str:
    with session_scope(engine) as session:
        number = register(session, 1).number
        for chat in chats:
            assert subscribe_chat(session, chat, number, valid_iin(1)).found
    with session_scope(engine) as session:
        change_status(session, catalogue_for(session), number, "in_progress", step=1)
    return number


def test_metrics_show_the_outbox_and_the_outcomes(loaded_engine: Engine) -> None:
    _queue(loaded_engine, [801, 802, 803])
    settings = Settings(notifier_enabled=False)
    with live_server(create_app(settings, loaded_engine)) as base, FakeBotAPI() as fake:
        before = httpx.get(f"{base}/metrics")
        assert before.status_code == 200 and before.headers["content-type"].startswith("text/")
        assert _value(before.text, "citizen_outbox_readable") == 1
        assert _value(before.text, "citizen_outbox_depth", 'state="created"') == 3
        assert _value(before.text, "citizen_outbox_oldest_pending_age_seconds") >= 0
        delivered_before = _delivered(before.text)
        fake.block_chat(803)

        async def deliver() -> None:
            client = TelegramClient("9:metrics", fake.base_url, timeout=5)
            try:
                await DeliveryWorker(loaded_engine, client, render, FAST).run_until_idle(timeout=30)
            finally:
                await client.aclose()

        asyncio.run(deliver())
        search = ('query CatalogueSearch { services(search: "qwzx") '
                  "{ ... on ServiceConnection { noMatch } } }")
        answer = httpx.post(f"{base}/graphql", json={"query": search})
        assert answer.json()["data"]["services"]["noMatch"] is True
        after = httpx.get(f"{base}/metrics").text
    assert _value(after, "citizen_outbox_depth", 'state="created"') == 0
    assert _delivered(after) - delivered_before == 2
    assert _value(after, "citizen_notification_outcomes_total", 'outcome="permanent_failure"') >= 1
    operation = 'operation="CatalogueSearch"'  # named in the document, not in operationName
    assert _value(after, "citizen_graphql_request_seconds_count", operation) >= 1
    assert _value(after, "citizen_search_total", 'result="no_match"') >= 1


def _delivered(text: str) -> float:
    found = re.search(r'citizen_notification_outcomes_total\{outcome="delivered"\} ([0-9.e+]+)',
                      text)
    return float(found.group(1)) if found else 0.0


def test_prune_deletes_old_rows_but_never_pending_ones_or_the_latest_status(
    loaded_engine: Engine,
) -> None:
    number = _queue(loaded_engine, [901, 902])
    with session_scope(loaded_engine) as session:
        # pending for both chats
        change_status(session, catalogue_for(session), number, "in_progress", step=2)
        app = session.exec(select(Application).where(Application.number == number)).one()
        session.add(LookupThrottle(key="old", failures=3, window_started_at=utcnow()))
    long_ago = utcnow() - dt.timedelta(days=400)
    with session_scope(loaded_engine) as session:
        # The first change's two messages were delivered long ago; the second's are pending.
        first = session.exec(select(Notification).order_by(col(Notification.id)).limit(2)).all()
        for row in first:
            row.state, row.finished_at = "delivered", long_ago
            session.add(row)
        session.execute(update(ApplicationStatusChange).values(changed_at=long_ago))
        session.execute(update(LookupThrottle).values(window_started_at=long_ago))
    settings = Settings(retention_outbox_days=90, retention_throttle_days=1,
                        retention_status_history_days=365, retention_batch_size=1)
    dry = prune(loaded_engine, settings, dry_run=True)
    report = prune(loaded_engine, settings)
    assert (report.notifications, report.lookup_throttles) == (2, 1)
    # accepted and step 1 go; step 2 is the latest (and still has pending messages).
    assert report.status_changes == 2
    assert dry.notifications == 2 and dry.lookup_throttles == 1
    with Session(loaded_engine) as session:
        left = session.exec(select(Notification)).all()
        history = session.exec(select(ApplicationStatusChange).where(
            ApplicationStatusChange.application_id == app.id)).all()
    assert sorted(n.state for n in left) == ["created", "created"]
    assert [(h.status, h.step_number) for h in history] == [("in_progress", 2)]
    assert prune(loaded_engine, settings).notifications == 0  # nothing more to do


def test_an_operation_name_too_long_for_a_label_is_counted_as_other() -> None:
    from prometheus_client import REGISTRY

    from citizen import metrics

    def count(operation: str) -> float:
        labels = {"operation": operation}
        return REGISTRY.get_sample_value("citizen_graphql_request_seconds_count", labels) or 0.0

    other, named = count("other"), count("ShortName")
    metrics.graphql_answered("X" * (metrics.MAX_OPERATION_NAME + 1), 0.01)
    metrics.graphql_answered("ShortName", 0.01)
    assert (count("other"), count("ShortName")) == (other + 1, named + 1)
