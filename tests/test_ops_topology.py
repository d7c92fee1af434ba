"""The deployment of compose.yaml, as processes on this machine's PostgreSQL.

A migration job runs first; two `citizen serve` (the bot in webhook mode, on two ports) and two
`citizen notifier` then start with CITIZEN_MIGRATE_ON_START=false, against the fake Bot API. A
citizen subscribes through a one-time link made on one API process and opened in the bot; a
status change made through the other API process reaches the chat once.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from citizen.i18n import translator
from tests.support.applications import valid_iin
from tests.support.fake_bot_api import FakeBotAPI
from tests.support.topology import CHANGE, LINK, REGISTER, Topology

T = translator()


@pytest.fixture
def topology(database_url: str, tmp_path: Path) -> Iterator[tuple[Topology, FakeBotAPI]]:
    if not database_url.startswith("postgresql"):
        pytest.skip("several processes share PostgreSQL; SQLite runs as one process")
    with FakeBotAPI(latency=0.01) as fake:
        parts = Topology(database_url, fake.base_url, tmp_path)
        try:
            yield parts, fake
        finally:
            parts.stop_all()


def test_the_deployed_topology_delivers_a_status_change_once(
    topology: tuple[Topology, FakeBotAPI],
) -> None:
    parts, fake = topology
    assert "revision" in parts.run("migrate")  # the job compose runs before everything else
    parts.start_api("api-1")
    parts.start_api("api-2")
    parts.start_notifier("notifier-1")
    parts.start_notifier("notifier-2")
    provider = parts.provider_token()

    created = parts.graphql("api-2", REGISTER, provider, iin=valid_iin(7), number="TOPO-1")
    assert created["registerApplication"]["__typename"] == "Application"
    link = parts.graphql("api-2", LINK, provider, number="TOPO-1")["createSubscriptionLink"]
    assert link["url"].endswith(f"?start={link['code']}")
    fake.push_message(6100, f"/start {link['code']}", language_code="ru")  # webhook -> api-1
    confirmed = fake.wait_for_message(6100, 1, timeout=30)
    assert confirmed.text == T("ru", "bot-link-subscribed", number="TOPO-1")

    changed = parts.graphql("api-2", CHANGE, provider, number="TOPO-1", step=2)
    assert changed["changeApplicationStatus"]["__typename"] == "Application"
    message = fake.wait_for_message(6100, 2, timeout=30)
    assert "процедура 2 регламента" in (message.text or "")  # in the language the chat chose
    time.sleep(1.0)  # a second worker that took it too would have sent by now
    assert len(fake.messages_to(6100)) == 2, [m.text for m in fake.messages_to(6100)]
    scraped = httpx.get(f"{parts.url('api-1')}/metrics", timeout=10).text
    assert 'citizen_outbox_depth{state="created"} 0.0' in scraped
    assert 'citizen_outbox_depth{state="sending"} 0.0' in scraped
