"""Helpers for application and notification tests: valid IINs, registrations, test offices."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session

from citizen.applications import Application, register_application
from citizen.applications.iin import check_digit
from citizen.applications.notices import render_notice
from citizen.catalogue import tables as ct
from citizen.catalogue.calendar import KZ_TZ
from citizen.catalogue.snapshot import CatalogueSnapshot, build_snapshot
from citizen.db import session_scope
from citizen.notifications.rendering import RenderedMessage
from citizen.notifications.tables import Notification
from citizen.notifications.worker import WorkerConfig

SERVICE = "adoption-candidate-registration"  # seed 000: five steps, office and portal channels
REGION = "karaganda-oblast"
# A Tuesday morning in Kazakhstan.
SUBMITTED = dt.datetime(2026, 12, 1, 10, 0, tzinfo=KZ_TZ)
TEST_OFFICE = "test-karaganda-office"

# Short waits so that retries happen within a test; the policy is the same as in production.
FAST = WorkerConfig(
    global_rate=200.0,
    chat_interval=0.05,
    max_attempts=4,
    lease_seconds=5.0,
    backoff_base=0.05,
    backoff_max=0.2,
    poll_interval=0.1,
    batch_size=20,
    request_timeout=2.0,
)


def valid_iin(n: int) -> str:
    """The n-th valid IIN of a test series (born in January 1990), distinct for each n."""
    born = 900101 + n // 1000  # another day of birth for each thousand
    for last in range(10):
        first = f"{born}3{n % 1000:03d}{last}"
        digit = check_digit(first)
        if digit is not None:
            return first + str(digit)
    raise AssertionError(f"no valid IIN for {n}")  # never: some serial digit always works


# The catalogue snapshot of each test database, built once: every test has a database of its
# own, and the shipped catalogue does not change during a test (add_test_office forgets it).
_snapshots: dict[str, CatalogueSnapshot] = {}


def catalogue_for(session: Session) -> CatalogueSnapshot:
    """The catalogue snapshot of the database `session` is bound to."""
    key = str(session.get_bind().url)
    if key not in _snapshots:
        with Session(session.get_bind()) as own:
            _snapshots[key] = build_snapshot(own)
    return _snapshots[key]


def forget_catalogue(engine: Engine) -> None:
    _snapshots.pop(str(engine.url), None)


def render(session: Session, notification: Notification) -> RenderedMessage:
    """The delivery worker's renderer, on the test database's catalogue snapshot."""
    return render_notice(session, catalogue_for(session), notification)


def register(session: Session, n: int = 1, **overrides: Any) -> Application:
    values: dict[str, Any] = {
        "service_id": SERVICE,
        "region_id": REGION,
        "channel": "provider_office",
        "iin": valid_iin(n),
        "submitted_at": SUBMITTED,
        **overrides,
    }
    return register_application(session, catalogue_for(session), **values)


def add_test_office(engine: Engine, *, coordinates: bool = True, example: bool = False) -> str:
    """A real-looking office row of the test's own (not the shipped demonstration data)."""
    with session_scope(engine) as session:
        session.add(
            ct.Office(
                id=TEST_OFFICE,
                region_id=REGION,
                channel="provider_office",
                name_kk="Сынақ кеңсесі",
                name_ru="Тестовая канцелярия",
                address_kk="Қарағанды қ., Сынақ көшесі, 5",
                address_ru="г. Караганда, ул. Тестовая, 5",
                opening_hours_kk="Дс–Жм 09:00–18:00",
                opening_hours_ru="Пн–Пт 09:00–18:00",
                phone="+7 700 111 22 33",
                latitude=49.81 if coordinates else None,
                longitude=73.10 if coordinates else None,
                services=[SERVICE],
                example=example,
                source={"note": "test fixture"},
            )
        )
    forget_catalogue(engine)
    return TEST_OFFICE
