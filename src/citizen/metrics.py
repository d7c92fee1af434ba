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
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    start_http_server,
)
from prometheus_client.core import REGISTRY, GaugeMetricFamily, Metric
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.registry import Collector
from sqlalchemy.engine import Engine

CONTENT_TYPE = CONTENT_TYPE_LATEST
MAX_OPERATIONS = 200
MAX_OPERATION_NAME = 64  # characters; a longer name is counted as "other"
_OPERATION_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0," + str(MAX_OPERATION_NAME - 1) + "}$")
SCRAPE_DB_TIMEOUT = 2.0  # seconds a scrape waits for the outbox query
# Outbox reads for scrapes: one thread, so a hung database ties up one thread, not a pool.
_scrape_pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="citizen-metrics")

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
SLOTS_MISSED = Counter(
    "citizen_send_slots_missed_total",
    "Send slots of the shared budget left unused because the worker woke too late for them "
    "(a busy host): each costs 1/rate of a second of sending",
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


def send_slot_missed() -> None:
    SLOTS_MISSED.inc()


# A labelled child is looked up once per label: `labels()` costs as much as a cached answer's
# own bookkeeping. Labels are bounded (MAX_OPERATIONS), so are these caches.
@lru_cache(maxsize=MAX_OPERATIONS + 1)
def _graphql_seconds(label: str) -> Histogram:
    return GRAPHQL_SECONDS.labels(label)


# And an operation name's label once per name: a name's label never changes once given (the
# first MAX_OPERATIONS names keep theirs, later ones stay "other"), so a name evicted from
# this cache gets the same label again. Names are client-chosen: the cache is bounded, in
# entries here and in size by `graphql_answered`.
@lru_cache(maxsize=4 * MAX_OPERATIONS)
def _graphql_seconds_of(operation: str | None) -> Histogram:
    return _graphql_seconds(operation_label(operation))


@lru_cache(maxsize=2)
def _response_cache(outcome: str) -> Counter:
    return RESPONSE_CACHE.labels(outcome)


def graphql_answered(operation: str | None, seconds: float) -> None:
    if operation is not None and len(operation) > MAX_OPERATION_NAME:
        # Never a label, and a client's huge name is not kept as a key of the cache above.
        _graphql_seconds("other").observe(seconds)
    else:
        _graphql_seconds_of(operation).observe(seconds)


def response_cache(hit: bool) -> None:
    _response_cache("hit" if hit else "miss").inc()


def search_answered(no_match: bool) -> None:
    SEARCHES.labels("no_match" if no_match else "matched").inc()


def lookup_answered(outcome: str) -> None:
    LOOKUPS.labels(outcome).inc()


def delivery_outcome(outcome: str) -> None:
    DELIVERIES.labels(outcome).inc()
    if outcome == "rate_limited":
        RATE_LIMITED.inc()


# ---- scraping ------------------------------------------------------------------------------


@dataclass
class OutboxSnapshot:
    """What the outbox looks like now."""

    depth: dict[str, int] = field(default_factory=dict)  # notifications not yet final, by state
    oldest_pending_age: float = 0.0  # seconds; 0 when nothing is pending


def outbox_reader(engine: Engine) -> Callable[[], OutboxSnapshot]:
    """A function that reads the outbox's snapshot from `engine` (blocking: call off the loop)."""

    def read() -> OutboxSnapshot:
        from citizen.db import session_scope
        from citizen.notifications import outbox
        from citizen.notifications.tables import utcnow

        with session_scope(engine) as session:
            counts, oldest = outbox.pending_summary(session)
        age = (utcnow() - oldest).total_seconds() if oldest is not None else 0.0
        return OutboxSnapshot(counts, max(0.0, age))

    return read


class OutboxCollector(Collector):
    """Reads the outbox when scraped, waiting at most `timeout` seconds for the database."""

    def __init__(self, read: Callable[[], OutboxSnapshot], timeout: float = SCRAPE_DB_TIMEOUT):
        self.read = read
        self.timeout = timeout

    def collect(self) -> Iterator[Metric]:
        snapshot: OutboxSnapshot | None
        try:
            snapshot = _scrape_pool.submit(self.read).result(timeout=self.timeout)
        except Exception:  # a slow or absent database must not fail the other metrics
            snapshot = None
        up = GaugeMetricFamily(
            "citizen_outbox_readable",
            "1 when the outbox could be read for this scrape, 0 when the database did not answer",
        )
        up.add_metric([], 0.0 if snapshot is None else 1.0)
        yield up
        if snapshot is None:
            return
        depth = GaugeMetricFamily(
            "citizen_outbox_depth",
            "Notifications waiting to be delivered, by state",
            labels=["state"],
        )
        for state, count in sorted(snapshot.depth.items()):
            depth.add_metric([state], float(count))
        yield depth
        age = GaugeMetricFamily(
            "citizen_outbox_oldest_pending_age_seconds",
            "Age of the oldest notification not yet in a final state",
        )
        age.add_metric([], snapshot.oldest_pending_age)
        yield age


def scrape_registry(read_outbox: Callable[[], OutboxSnapshot] | None) -> CollectorRegistry:
    """A registry for one scrape: every process's metrics (or this one's) and the outbox."""
    registry = CollectorRegistry()
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        MultiProcessCollector(registry)
    else:
        registry.register(_Forward(REGISTRY))
    if read_outbox is not None:
        registry.register(OutboxCollector(read_outbox))
    return registry


def render(read_outbox: Callable[[], OutboxSnapshot] | None) -> bytes:
    """The exposition text (blocking: call off the event loop)."""
    return generate_latest(scrape_registry(read_outbox))


def serve_in_thread(port: int, read_outbox: Callable[[], OutboxSnapshot] | None) -> None:
    """/metrics on `port` from a thread of its own (`citizen notifier`, which has no web app)."""
    start_http_server(port, registry=scrape_registry(read_outbox))


class _Forward(Collector):
    """The process's default registry, inside a registry of its own for one scrape."""

    def __init__(self, source: CollectorRegistry):
        self.source = source

    def collect(self) -> Iterator[Metric]:
        yield from self.source.collect()
