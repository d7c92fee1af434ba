"""Registering applications and changing their status, with the outbox written alongside.

A status change, its history entry and one notification per subscribed chat are written through
the caller's session, so they commit or roll back together (the transactional outbox). After the
commit the change is announced in-process (`events.broadcaster`).

Catalogue facts (does the regulation exist, does the channel accept applications, which steps
are on the application's path, when is it expected ready) come from the catalogue snapshot the
caller passes in, the same one every door answers from.
"""

from __future__ import annotations

import datetime as dt
import secrets
import string
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import update
from sqlmodel import Session, col, select

from citizen.applications import idempotency
from citizen.applications.events import StatusChanged, publish_after_commit
from citizen.applications.iin import InvalidIIN, iin_hash
from citizen.applications.statuses import (
    ApplicationStatus,
    ResultDelivery,
    StatusPoint,
    check_transition,
)
from citizen.applications.tables import Application, ApplicationStatusChange, ChatSubscription
from citizen.catalogue.model import Office, Regulation, Step
from citizen.catalogue.snapshot import CatalogueSnapshot
from citizen.catalogue.vocabulary import Channel
from citizen.notifications.tables import DeliveryState, Notification, TelegramChat, utcnow

NUMBER_ALPHABET = string.ascii_uppercase.replace("O", "").replace("I", "") + string.digits[2:]
NUMBER_MAX_LENGTH = 64
# A refusal reason goes into a Telegram message with the status, office and dates: well inside
# Telegram's 4,096 characters and Fluent's limit on one placeable (2,500).
REASON_MAX_LENGTH = 1000


class ApplicationErrorCode(StrEnum):
    """Why registration or a status change was refused; messages in Fluent, both languages."""

    INVALID_IIN = "invalid_iin"
    INVALID_NUMBER = "invalid_number"
    DUPLICATE_NUMBER = "duplicate_number"
    UNKNOWN_REGULATION = "unknown_regulation"
    UNKNOWN_CHANNEL = "unknown_channel"
    CHANNEL_NOT_ACCEPTING = "channel_not_accepting"
    UNKNOWN_OFFICE = "unknown_office"
    OFFICE_ELSEWHERE = "office_elsewhere"
    NAIVE_MOMENT = "naive_moment"
    NOT_FOUND = "not_found"
    CONCURRENT_CHANGE = "concurrent_change"  # someone else changed the status meanwhile
    UNKNOWN_STATUS = "unknown_status"
    UNKNOWN_DELIVERY = "unknown_delivery"
    INVALID_IDEMPOTENCY_KEY = "invalid_idempotency_key"
    TEXT_TOO_LONG = "text_too_long"


class ApplicationError(ValueError):
    """Bad input for registration or a status change; nothing was written."""

    def __init__(self, code: ApplicationErrorCode, detail: str, **args: str | int):
        super().__init__(detail)
        self.code = code
        self.args_for_message = args  # arguments of the Fluent message `application-error-<code>`


@dataclass(frozen=True)
class StatusChangeResult:
    application: Application
    change: ApplicationStatusChange
    notifications: int  # outbox rows created for delivery (blocked chats excluded)
    replayed: bool = False  # an earlier request with the same idempotency key made this change


def new_receipt_number(now: dt.datetime | None = None) -> str:
    """A receipt number like `260314-K7Q2MX9A`: the day, then 8 unguessable characters."""
    day = (now or utcnow()).strftime("%y%m%d")
    return f"{day}-{''.join(secrets.choice(NUMBER_ALPHABET) for _ in range(8))}"


def register_application(
    session: Session,
    catalogue: CatalogueSnapshot,
    *,
    service_id: str,
    region_id: str,
    channel: Channel | str,
    iin: str,
    office_id: str | None = None,
    number: str | None = None,
    submitted_at: dt.datetime | None = None,
    actor: str = "cli",
    idempotency_key: str | None = None,
) -> Application:
    """Record an accepted application (receipt issued) with its expected ready date.

    Raises `ApplicationError` when the regulation, channel, office, number or IIN is wrong.
    With an `idempotency_key` seen before from this actor with the same input, the application
    registered then is returned and nothing is written (see `idempotency.py`).
    """
    try:
        digest = iin_hash(iin)
    except InvalidIIN as exc:
        raise ApplicationError(ApplicationErrorCode.INVALID_IIN, str(exc)) from None
    claimed = None
    if idempotency_key is not None:
        inputs = {
            "service": service_id, "region": region_id, "channel": str(channel),
            "iin_hash": digest, "office": office_id, "number": number,
            "submitted_at": submitted_at.isoformat() if submitted_at else None,
        }
        claimed = _claim(session, actor, idempotency_key, idempotency.Operation.REGISTER, inputs)
        if claimed.replay:
            return _replayed_application(session, claimed)
    submitted_at = submitted_at or utcnow()
    if submitted_at.tzinfo is None:
        raise ApplicationError(ApplicationErrorCode.NAIVE_MOMENT, "submitted_at needs a time zone")
    regulation = _regulation(catalogue, service_id, region_id)
    chan = _accepting_channel(regulation, channel)
    if office_id is not None:
        _check_office(catalogue, office_id, regulation)
    number = _free_number(session, number, submitted_at)
    estimate = regulation.ready_estimate(chan, submitted_at)
    app = Application(
        number=number,
        service_id=service_id,
        region_id=region_id,
        regulation_id=regulation.id,
        channel=chan.value,
        office_id=office_id,
        iin_hash=digest,
        submitted_at=submitted_at,
        expected_ready_on=estimate.ready_on,
        expected_basis=estimate.basis.value,
        status=ApplicationStatus.ACCEPTED.value,
        status_changed_at=submitted_at,
    )
    session.add(app)
    session.flush()
    assert app.id is not None
    session.add(
        ApplicationStatusChange(
            application_id=app.id,
            status=ApplicationStatus.ACCEPTED.value,
            office_id=office_id,
            changed_at=submitted_at,
            actor=actor,
        )
    )
    session.flush()
    if claimed is not None:
        idempotency.record_result(session, claimed, app.id)
    return app


def _claim(
    session: Session, actor: str, key: str, operation: str, inputs: dict[str, Any]
) -> idempotency.Claim:
    try:
        return idempotency.claim(
            session, actor=actor, key=key, operation=operation, inputs=inputs
        )
    except idempotency.InvalidIdempotencyKey as exc:
        raise ApplicationError(ApplicationErrorCode.INVALID_IDEMPOTENCY_KEY, str(exc)) from None


def _replayed_application(session: Session, claimed: idempotency.Claim) -> Application:
    app = session.get(Application, claimed.row.application_id)
    assert app is not None, "a claimed key always refers to the application it produced"
    return app


def _regulation(catalogue: CatalogueSnapshot, service_id: str, region_id: str) -> Regulation:
    regulation = catalogue.regulation(service_id, region_id)
    if regulation is None:
        raise ApplicationError(
            ApplicationErrorCode.UNKNOWN_REGULATION,
            f"no regulation for service {service_id!r} in region {region_id!r}",
            service=service_id,
            region=region_id,
        )
    return regulation


def _accepting_channel(regulation: Regulation, channel: Channel | str) -> Channel:
    try:
        chan = Channel(channel)
    except ValueError:
        raise ApplicationError(
            ApplicationErrorCode.UNKNOWN_CHANNEL,
            f"unknown channel {channel!r}; one of: {', '.join(c.value for c in Channel)}",
            channel=str(channel),
        ) from None
    if not regulation.accepts(chan):
        raise ApplicationError(
            ApplicationErrorCode.CHANNEL_NOT_ACCEPTING,
            f"regulation {regulation.id} accepts no applications through {chan.value}",
            channel=chan.value,
        )
    return chan


def _check_office(catalogue: CatalogueSnapshot, office_id: str, regulation: Regulation) -> Office:
    if catalogue.office(office_id) is None:
        raise ApplicationError(
            ApplicationErrorCode.UNKNOWN_OFFICE, f"no office {office_id!r}", office=office_id
        )
    office = regulation.office(office_id)
    if office is None:  # another region's, another service's, or on a channel it lacks
        raise ApplicationError(
            ApplicationErrorCode.OFFICE_ELSEWHERE,
            f"office {office_id!r} does not handle {regulation.id}",
            office=office_id,
        )
    return office


def _free_number(session: Session, number: str | None, now: dt.datetime) -> str:
    if number is None:
        # 31^8 numbers a day: a collision is rare, and retried rather than risked.
        for _ in range(5):
            candidate = new_receipt_number(now)
            if _by_number(session, candidate) is None:
                return candidate
        raise RuntimeError("could not draw a free receipt number")
    number = number.strip()
    allowed = set(string.ascii_letters + string.digits + "-/_.")
    if not number or len(number) > NUMBER_MAX_LENGTH or not set(number) <= allowed:
        raise ApplicationError(
            ApplicationErrorCode.INVALID_NUMBER,
            "a receipt number is 1-64 latin letters, digits, '-', '/', '_' or '.'",
        )
    if _by_number(session, number) is not None:
        raise ApplicationError(
            ApplicationErrorCode.DUPLICATE_NUMBER,
            f"receipt number {number} is taken",
            number=number,
        )
    return number


def _by_number(session: Session, number: str) -> Application | None:
    return session.exec(select(Application).where(Application.number == number)).first()


def get_application(session: Session, number: str, *, for_update: bool = False) -> Application:
    """The application with this receipt number, for operators and provider systems."""
    stmt = select(Application).where(Application.number == number.strip())
    if for_update:  # lock it (PostgreSQL) and read it afresh, not from the session's cache
        stmt = stmt.with_for_update().execution_options(populate_existing=True)
    app = session.exec(stmt).first()
    if app is None:
        raise ApplicationError(
            ApplicationErrorCode.NOT_FOUND, f"no application {number}", number=number
        )
    return app


def status_history(session: Session, application_id: int) -> list[ApplicationStatusChange]:
    stmt = (
        select(ApplicationStatusChange)
        .where(ApplicationStatusChange.application_id == application_id)
        .order_by(col(ApplicationStatusChange.id))
    )
    return list(session.exec(stmt).all())


def waits_at_office(app: Application) -> bool:
    """The result is ready and waits at an office to be collected."""
    ready = app.status == ApplicationStatus.RESULT_READY.value
    return ready and app.result_delivery == ResultDelivery.OFFICE.value


def pickup_office_id(session: Session, app: Application) -> str | None:
    """Where a ready result waits: the office named when it became ready, else the office the
    application was submitted at; None unless the result waits at an office."""
    if not waits_at_office(app):
        return None
    named = session.exec(
        select(ApplicationStatusChange.office_id)
        .where(
            ApplicationStatusChange.application_id == app.id,
            ApplicationStatusChange.status == ApplicationStatus.RESULT_READY.value,
        )
        .order_by(col(ApplicationStatusChange.id).desc())
        .limit(1)
    ).first()
    return named or app.office_id


def path_steps(catalogue: CatalogueSnapshot, app: Application) -> tuple[Step, ...]:
    """The regulation's steps on this application's path, numbered as the regulation does;
    none when the catalogue no longer has its regulation."""
    regulation = catalogue.regulation(app.service_id, app.region_id)
    return regulation.steps_on(Channel(app.channel)) if regulation else ()


def change_status(
    session: Session,
    catalogue: CatalogueSnapshot,
    number: str,
    status: ApplicationStatus | str,
    *,
    step: int | None = None,
    delivery: ResultDelivery | str | None = None,
    office_id: str | None = None,
    reason_kk: str | None = None,
    reason_ru: str | None = None,
    actor: str = "cli",
    at: dt.datetime | None = None,
    idempotency_key: str | None = None,
) -> StatusChangeResult:
    """Move an application to a new status and queue a notification for each subscribed chat.

    `step` is the regulation's number of the step (from 1), for `in_progress`. Raises
    `IllegalTransition` (statuses.py) or `ApplicationError`; nothing is written then. With an
    `idempotency_key` seen before from this actor with the same input, the change made then is
    returned (`replayed`) and nothing is written or queued.
    """
    reason_kk = _clean(reason_kk, "reason_kk", REASON_MAX_LENGTH)
    reason_ru = _clean(reason_ru, "reason_ru", REASON_MAX_LENGTH)
    claimed = None
    if idempotency_key is not None:
        inputs = {
            "number": number.strip(), "status": str(status), "step": step,
            "delivery": None if delivery is None else str(delivery), "office": office_id,
            "reason_kk": reason_kk, "reason_ru": reason_ru,
        }
        claimed = _claim(session, actor, idempotency_key, idempotency.Operation.CHANGE_STATUS,
                         inputs)
        if claimed.replay:
            return _replayed_change(session, claimed)
    app = get_application(session, number, for_update=True)
    target = _target(catalogue, app, _status(status), step, delivery, office_id)
    check_transition(
        _current(app),
        target,
        frozenset(s.number for s in path_steps(catalogue, app)),
        has_reason=bool(reason_kk or reason_ru),
    )
    now = at or utcnow()
    ready = target.status == ApplicationStatus.RESULT_READY
    delivery_value = target.delivery.value if target.delivery else None
    _store_status(session, app, target, delivery_value if ready else app.result_delivery, now)
    assert app.id is not None
    change = ApplicationStatusChange(
        application_id=app.id,
        status=target.status.value,
        step_position=_stored(target.step),
        result_delivery=delivery_value,
        office_id=(office_id or app.office_id) if ready else None,
        reason_kk=reason_kk,
        reason_ru=reason_ru,
        changed_at=now,
        actor=actor,
    )
    session.add(change)
    session.flush()
    queued = _queue_notifications(session, app, change, now)
    assert app.id is not None and change.id is not None
    if claimed is not None:
        idempotency.record_result(session, claimed, app.id, change.id)
    publish_after_commit(
        session,
        StatusChanged(app.id, app.number, change.id, app.status, app.step_number, now, queued),
    )
    return StatusChangeResult(app, change, queued)


def _replayed_change(session: Session, claimed: idempotency.Claim) -> StatusChangeResult:
    app = session.get(Application, claimed.row.application_id)
    change = session.get(ApplicationStatusChange, claimed.row.change_id)
    assert app is not None and change is not None, "a claimed key refers to the change it made"
    return StatusChangeResult(app, change, notifications=0, replayed=True)


def _store_status(
    session: Session,
    app: Application,
    target: StatusPoint,
    delivery: str | None,
    now: dt.datetime,
) -> None:
    """Write the new status only if nobody changed it since we read it (any database, any
    isolation level: SQLite reads outside the write transaction)."""
    result = session.execute(
        update(Application)
        .where(col(Application.id) == app.id, col(Application.version) == app.version)
        .values(
            status=target.status.value,
            step_position=_stored(target.step),
            result_delivery=delivery,
            status_changed_at=now,
            version=app.version + 1,
        )
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        raise ApplicationError(
            ApplicationErrorCode.CONCURRENT_CHANGE,
            f"application {app.number} changed meanwhile; read it again and retry",
        )
    session.refresh(app)


def _status(value: ApplicationStatus | str) -> ApplicationStatus:
    try:
        return ApplicationStatus(value)
    except ValueError:
        raise ApplicationError(
            ApplicationErrorCode.UNKNOWN_STATUS,
            f"unknown status {value!r}; one of: {', '.join(ApplicationStatus)}",
            status=str(value),
        ) from None


def _clean(text: str | None, field: str, max_length: int) -> str | None:
    cleaned = text.strip() or None if text else None
    if cleaned is not None and len(cleaned) > max_length:
        raise ApplicationError(
            ApplicationErrorCode.TEXT_TOO_LONG,
            f"{field} is {len(cleaned)} characters; at most {max_length}",
            field=field,
            max=max_length,
        )
    return cleaned


def _stored(step: int | None) -> int | None:
    """A step number as stored: 0-based, like the catalogue's step positions."""
    return None if step is None else step - 1


def _current(app: Application) -> StatusPoint:
    delivery = ResultDelivery(app.result_delivery) if app.result_delivery else None
    return StatusPoint(ApplicationStatus(app.status), app.step_number, delivery)


def _target(
    catalogue: CatalogueSnapshot,
    app: Application,
    status: ApplicationStatus,
    step: int | None,
    delivery: ResultDelivery | str | None,
    office_id: str | None,
) -> StatusPoint:
    """The requested status point, with a ready result's delivery defaulted from the channel."""
    try:
        chosen = ResultDelivery(delivery) if delivery else None
    except ValueError:
        raise ApplicationError(
            ApplicationErrorCode.UNKNOWN_DELIVERY,
            f"unknown result delivery {delivery!r}; one of: {', '.join(ResultDelivery)}",
            delivery=str(delivery),
        ) from None
    if status == ApplicationStatus.RESULT_READY:
        if chosen is None:
            portal = app.channel == Channel.PORTAL.value
            chosen = ResultDelivery.PORTAL_CABINET if portal else ResultDelivery.OFFICE
        if office_id is not None:
            regulation = catalogue.regulation(app.service_id, app.region_id)
            if regulation is None:
                raise ApplicationError(
                    ApplicationErrorCode.UNKNOWN_REGULATION,
                    f"regulation {app.regulation_id} is no longer in the catalogue",
                    service=app.service_id,
                    region=app.region_id,
                )
            _check_office(catalogue, office_id, regulation)
    return StatusPoint(status, step, chosen)


def _queue_notifications(
    session: Session, app: Application, change: ApplicationStatusChange, now: dt.datetime
) -> int:
    """One outbox row per subscribed chat; a blocked chat's row is final at once (a record)."""
    chats = session.exec(
        select(TelegramChat)
        .join(ChatSubscription, col(ChatSubscription.chat_id) == col(TelegramChat.chat_id))
        .where(ChatSubscription.application_id == app.id)
    ).all()
    queued = 0
    assert app.id is not None and change.id is not None
    for chat in chats:
        row = Notification(
            chat_id=chat.chat_id, application_id=app.id, change_id=change.id, next_attempt_at=now
        )
        if chat.blocked_at is not None:
            row.state = DeliveryState.PERMANENT_FAILURE.value
            row.finished_at, row.last_error = now, "chat blocked"
        else:
            queued += 1
        session.add(row)
    session.flush()
    return queued
