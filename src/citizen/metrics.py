"""Prometheus metrics: every definition in one place, and the hooks the code calls.

Counters and histograms are kept per process; with `PROMETHEUS_MULTIPROC_DIR` set (before the
process starts) they are written to files there, and `/metrics` of any process sharing the
directory adds up every process's values (several uvicorn workers, the notifier in the same
container). Outbox depth and the age of the oldest pending message are not counted but read
from the database when scraped (`outbox_snapshot`), by whoever serves `/metrics`.

Label values are bounded: an operation name chosen by a client is kept only when it looks like
one and only for the first `MAX_OPERATIONS` names seen; the rest count as "other".
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
)
from prometheus_client.core import REGISTRY, GaugeMetricFamily, Metric
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.registry import Collector

CONTENT_TYPE = CONTENT_TYPE_LATEST
MAX_OPERATIONS = 200
_OPERATION_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,63}$")

GRAPHQL_SECONDS = Histogram(
    "citizen_graphql_request_seconds",
    "GraphQL HTTP requests: time to answer, by operation name",
    ["operation"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)
RESPONSE_CACHE = Counter(
    "citizen_graphql_response_cache_total",
    "Catalogue query responses served from the response cache (hit) or executed (miss)",
    ["result"],
)
SEARCHES = Counter(
    "citizen_search_total",
    "Catalogue searches, by whether anything fitted (matched) or not (no_match)",
    ["result"],
)
LOOKUPS = Counter(
    "citizen_application_lookups_total",
    "Citizen lookups by receipt number and IIN, by outcome (throttled: refused for guessing)",
    ["outcome"],
)
DELIVERIES = Counter(
    "citizen_notification_outcomes_total",
    "Notification send attempts, by outcome: delivered, retry (temporary failure), "
    "rate_limited (429), permanent_failure, technical_failure",
    ["outcome"],
)
RATE_LIMITED = Counter(
    "citizen_telegram_rate_limited_total", "429 answers from the Telegram Bot API"
)
BOT_UPDATES = Counter(
    "citizen_bot_updates_total", "Telegram updates received by the webhook, by outcome",
    ["outcome"],
)

_operations: set[str] = set()
_operations_lock = threading.Lock()


def operation_label(name: str | None) -> str:
    """A bounded label for a client-chosen operation name."""
    if not name:
        return "anonymous"
    if not _OPERATION_NAME.match(name):
        return "other"
    with _operations_lock:
        if name in _operations:
            return name
        if len(_operations) < MAX_OPERATIONS:
            _operations.add(name)
            return name
    return "other"


# ---- hooks ---------------------------------------------------------------------------------


def graphql_answered(operation: str | None, seconds: float) -> None:
    GRAPHQL_SECONDS.labels(operation_label(operation)).observe(seconds)


def response_cache(hit: bool) -> None:
    RESPONSE_CACHE.labels("hit" if hit else "miss").inc()


def search_answered(no_match: bool) -> None:
    SEARCHES.labels("no_match" if no_match else "matched").inc()


def lookup_answered(outcome: str) -> None:
    LOOKUPS.labels(outcome).inc()


def delivery_outcome(outcome: str) -> None:
    DELIVERIES.labels(outcome).inc()
    if outcome == "rate_limited":
        RATE_LIMITED.inc()


def bot_update(outcome: str) -> None:
    BOT_UPDATES.labels(outcome).inc()


# ---- scraping ------------------------------------------------------------------------------


@dataclass
class OutboxSnapshot:
    """What the outbox looks like now; None when the database could not be read in time."""

    depth: dict[str, int] = field(default_factory=dict)  # pending states only
    oldest_pending_age: float = 0.0  # seconds; 0 when nothing is pending
    available: bool = True


class _SnapshotCollector(Collector):
    def __init__(self, snapshot: OutboxSnapshot):
        self.snapshot = snapshot

    def collect(self) -> Iterator[Metric]:
        up = GaugeMetricFamily(
            "citizen_outbox_readable",
            "1 when the outbox could be read for this scrape, 0 when the database did not answer",
        )
        up.add_metric([], 1.0 if self.snapshot.available else 0.0)
        yield up
        if not self.snapshot.available:
            return
        depth = GaugeMetricFamily(
            "citizen_outbox_depth",
            "Notifications waiting to be delivered, by state",
            labels=["state"],
        )
        for state, count in sorted(self.snapshot.depth.items()):
            depth.add_metric([state], float(count))
        yield depth
        age = GaugeMetricFamily(
            "citizen_outbox_oldest_pending_age_seconds",
            "Age of the oldest notification not yet in a final state",
        )
        age.add_metric([], self.snapshot.oldest_pending_age)
        yield age


def render(snapshot: OutboxSnapshot | None) -> bytes:
    """The exposition text: this process's (or every process's) metrics and the snapshot."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        MultiProcessCollector(registry)
    else:
        registry = CollectorRegistry()
        registry.register(_Forward(REGISTRY))
    if snapshot is not None:
        registry.register(_SnapshotCollector(snapshot))
    return generate_latest(registry)


class _Forward(Collector):
    """The process's default registry, inside a registry of its own for one scrape."""

    def __init__(self, source: CollectorRegistry):
        self.source = source

    def collect(self) -> Iterator[Metric]:
        yield from self.source.collect()
