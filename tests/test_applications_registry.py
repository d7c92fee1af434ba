"""Registering applications and changing their status, with the outbox in the same transaction."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from sqlalchemy import func, inspect, text
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from citizen.applications import (
    Application,
    ApplicationError,
    ApplicationErrorCode,
    ApplicationStatus,
    ApplicationStatusChange,
    IllegalTransition,
    TransitionError,
    broadcaster,
    change_status,
    get_application,
    status_history,
    subscribe_chat,
)
from citizen.applications import registry as registry_module
from citizen.applications.messages import error_text
from citizen.catalogue.snapshot import CatalogueSnapshot
from citizen.catalogue.vocabulary import Channel, Locale
from citizen.db import session_scope
from citizen.notifications.chats import mark_chat_blocked
from citizen.notifications.tables import DeliveryState, Notification
from tests.support.applications import (
    REGION,
    SERVICE,
    SUBMITTED,
    add_test_office,
    catalogue_for,
    register,
    valid_iin,
)


def _count(engine: Engine, table: type[Any]) -> int:
    with Session(engine) as session:
        return int(session.exec(select(func.count()).select_from(table)).one())


def test_registration_stores_the_expected_date_and_never_the_iin(loaded_engine: Engine) -> None:
    iin = valid_iin(1)
    with session_scope(loaded_engine) as session:
        app = register(session, 1)
        number = app.number
        regulation = catalogue_for(session).regulation(SERVICE, REGION)
        assert regulation is not None
        estimate = regulation.ready_estimate(Channel.PROVIDER_OFFICE, SUBMITTED)
    assert app.expected_ready_on == estimate.ready_on is not None
    assert app.regulation_id == f"{SERVICE}/{REGION}"
    assert app.status == ApplicationStatus.ACCEPTED
    # No column of any application table holds the IIN.
    with loaded_engine.connect() as conn:
        for table in ("application", "application_status_change"):
            for row in conn.execute(text(f"SELECT * FROM {table}")).all():
                assert all(iin not in str(value) for value in row)
    with Session(loaded_engine) as session:
        found = get_application(session, number)
        history = status_history(session, found.id or 0)
    assert [c.status for c in history] == ["accepted"]


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"service_id": "no-such-service"}, ApplicationErrorCode.UNKNOWN_REGULATION),
        ({"region_id": "astana-oblast-typo"}, ApplicationErrorCode.UNKNOWN_REGULATION),
        ({"channel": "fax"}, ApplicationErrorCode.UNKNOWN_CHANNEL),
        ({"channel": "state_corporation"}, ApplicationErrorCode.CHANNEL_NOT_ACCEPTING),
        ({"office_id": "no-such-office"}, ApplicationErrorCode.UNKNOWN_OFFICE),
        (
            {"office_id": "example-almaty-oblast-provider-office"},
            ApplicationErrorCode.OFFICE_ELSEWHERE,
        ),
        ({"iin": "900101300008"}, ApplicationErrorCode.INVALID_IIN),
        ({"number": "№ 12 34"}, ApplicationErrorCode.INVALID_NUMBER),
        ({"submitted_at": SUBMITTED.replace(tzinfo=None)}, ApplicationErrorCode.NAIVE_MOMENT),
    ],
)
def test_bad_registrations_are_refused_and_store_nothing(
    loaded_engine: Engine, overrides: dict[str, Any], code: ApplicationErrorCode
) -> None:
    with pytest.raises(ApplicationError) as exc, session_scope(loaded_engine) as session:
        register(session, 1, **overrides)
    assert exc.value.code == code
    for locale in Locale:  # a person reads it in their language, with the offending value
        assert error_text(exc.value, locale)
    assert _count(loaded_engine, Application) == 0


def test_a_receipt_number_is_registered_once(loaded_engine: Engine) -> None:
    with session_scope(loaded_engine) as session:
        register(session, 1, number="KAR-2026-000001")
    with pytest.raises(ApplicationError) as exc, session_scope(loaded_engine) as session:
        register(session, 2, number="KAR-2026-000001")
    assert exc.value.code == ApplicationErrorCode.DUPLICATE_NUMBER
    assert "KAR-2026-000001" in error_text(exc.value, Locale.RU)
    assert _count(loaded_engine, Application) == 1


def test_an_office_of_the_region_and_service_is_accepted(loaded_engine: Engine) -> None:
    office = add_test_office(loaded_engine)
    with session_scope(loaded_engine) as session:
        app = register(session, 1, office_id=office)
    assert app.office_id == office


def _subscribed(engine: Engine, chats: list[int], n: int = 1) -> str:
    with session_scope(engine) as session:
        number = register(session, n).number
    with session_scope(engine) as session:
        for chat in chats:
            assert subscribe_chat(session, chat, number, valid_iin(n)).found
    return number


def test_a_change_writes_history_and_one_notification_per_subscribed_chat(
    loaded_engine: Engine,
) -> None:
    number = _subscribed(loaded_engine, [101, 102])
    _subscribed(loaded_engine, [103], n=2)  # another application's chat hears nothing
    with session_scope(loaded_engine) as session:
        catalogue = catalogue_for(session)
        result = change_status(session, catalogue, number, "in_progress", step=1, actor="test")
    assert result.notifications == 2
    with Session(loaded_engine) as session:
        rows = session.exec(select(Notification)).all()
        history = status_history(session, result.application.id or 0)
    assert sorted(r.chat_id for r in rows) == [101, 102]
    assert {r.state for r in rows} == {DeliveryState.CREATED}
    assert {r.change_id for r in rows} == {history[-1].id}
    assert [(c.status, c.step_number, c.actor) for c in history] == [
        ("accepted", None, "cli"),
        ("in_progress", 1, "test"),
    ]


def test_change_and_notifications_commit_or_roll_back_together(loaded_engine: Engine) -> None:
    number = _subscribed(loaded_engine, [201])
    with pytest.raises(RuntimeError), session_scope(loaded_engine) as session:
        change_status(session, catalogue_for(session), number, "in_progress", step=1)
        raise RuntimeError("the caller fails after the change, before the commit")
    assert _count(loaded_engine, Notification) == 0
    assert _count(loaded_engine, ApplicationStatusChange) == 1  # only "accepted"
    with Session(loaded_engine) as session:
        assert get_application(session, number).status == "accepted"


def test_a_blocked_chat_gets_a_permanent_failure_on_record(loaded_engine: Engine) -> None:
    number = _subscribed(loaded_engine, [301, 302])
    with session_scope(loaded_engine) as session:
        mark_chat_blocked(session, 302)
    with session_scope(loaded_engine) as session:
        result = change_status(session, catalogue_for(session), number, "in_progress", step=2)
    assert result.notifications == 1
    with Session(loaded_engine) as session:
        states = {n.chat_id: n.state for n in session.exec(select(Notification)).all()}
    assert states == {301: "created", 302: "permanent_failure"}


def test_illegal_changes_are_refused_and_change_nothing(loaded_engine: Engine) -> None:
    number = _subscribed(loaded_engine, [401])
    with session_scope(loaded_engine) as session:
        catalogue = catalogue_for(session)
        change_status(session, catalogue, number, "refused", reason_ru="Неполный пакет документов")
    attempts: list[tuple[str, dict[str, Any]]] = [
        ("in_progress", {"step": 3}),
        ("result_ready", {}),
        ("refused", {"reason_kk": "Басқа себеп"}),
    ]
    for status, kwargs in attempts:
        with pytest.raises(IllegalTransition) as exc, session_scope(loaded_engine) as session:
            change_status(session, catalogue_for(session), number, status, **kwargs)
        assert exc.value.code == TransitionError.FINAL
        assert "окончательный" in error_text(exc.value, Locale.RU)
    with Session(loaded_engine) as session:
        app = get_application(session, number)
        assert app.status == "refused" and app.version == 2
        assert len(status_history(session, app.id or 0)) == 2
    assert _count(loaded_engine, Notification) == 1


def test_unknown_status_or_delivery_names_are_errors(loaded_engine: Engine) -> None:
    number = _subscribed(loaded_engine, [])
    with pytest.raises(ApplicationError) as exc, session_scope(loaded_engine) as session:
        change_status(session, catalogue_for(session), number, "lost_in_the_mail")
    assert exc.value.code == ApplicationErrorCode.UNKNOWN_STATUS
    with pytest.raises(ApplicationError) as exc, session_scope(loaded_engine) as session:
        change_status(session, catalogue_for(session), number, "result_ready", delivery="pigeon")
    assert exc.value.code == ApplicationErrorCode.UNKNOWN_DELIVERY
    with pytest.raises(ApplicationError) as exc, session_scope(loaded_engine) as session:
        change_status(session, catalogue_for(session), "NO-SUCH-NUMBER", "result_ready")
    assert exc.value.code == ApplicationErrorCode.NOT_FOUND


def test_a_ready_result_defaults_to_the_channel(loaded_engine: Engine) -> None:
    with session_scope(loaded_engine) as session:
        office_app = register(session, 1).number
        portal_app = register(session, 2, channel="portal").number
    with session_scope(loaded_engine) as session:
        catalogue = catalogue_for(session)
        at_office = change_status(session, catalogue, office_app, "result_ready").application
        in_cabinet = change_status(session, catalogue, portal_app, "result_ready").application
    assert at_office.result_delivery == "office"
    assert in_cabinet.result_delivery == "portal_cabinet"


def test_a_change_made_meanwhile_is_detected_not_overwritten(
    loaded_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Between reading the application and writing its new status, another process commits a
    change. On PostgreSQL the row lock makes the other writer wait; SQLite reads outside the
    write transaction, so the version guard must catch it."""
    if loaded_engine.dialect.name != "sqlite":
        pytest.skip("on PostgreSQL the row lock serialises the writers instead")
    number = _subscribed(loaded_engine, [])
    real_steps = registry_module.path_steps
    interfered = False

    def steps_with_interference(catalogue: CatalogueSnapshot, app: Application) -> Any:
        nonlocal interfered
        if not interfered:
            interfered = True
            with session_scope(loaded_engine) as other:
                change_status(other, catalogue_for(other), number, "in_progress", step=4)
        return real_steps(catalogue, app)

    monkeypatch.setattr(registry_module, "path_steps", steps_with_interference)
    with pytest.raises(ApplicationError) as exc, session_scope(loaded_engine) as session:
        change_status(session, catalogue_for(session), number, "in_progress", step=2)
    assert exc.value.code == ApplicationErrorCode.CONCURRENT_CHANGE
    with Session(loaded_engine) as session:
        app = get_application(session, number)
    assert (app.status, app.step_number) == ("in_progress", 4)


async def test_changes_are_announced_after_commit_only(loaded_engine: Engine) -> None:
    number = _subscribed(loaded_engine, [501])
    with broadcaster.listen() as queue:

        def failing_change() -> None:
            with session_scope(loaded_engine) as session:
                change_status(session, catalogue_for(session), number, "in_progress", step=1)
                raise RuntimeError("rolled back")

        def change() -> None:
            with session_scope(loaded_engine) as session:
                change_status(session, catalogue_for(session), number, "in_progress", step=3)

        with pytest.raises(RuntimeError):
            await asyncio.to_thread(failing_change)
        await asyncio.to_thread(change)
        announced = await asyncio.wait_for(queue.get(), 5)
        assert queue.empty()
    assert (announced.number, announced.step, announced.notifications) == (number, 3, 1)


def test_the_schema_has_no_iin_column(loaded_engine: Engine) -> None:
    columns = {c["name"] for c in inspect(loaded_engine).get_columns("application")}
    assert "iin_hash" in columns and not any(c == "iin" for c in columns)
