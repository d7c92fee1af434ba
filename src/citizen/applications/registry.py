"""Registering applications and changing their status, with the outbox written alongside.

A status change, its history entry and one notification per subscribed chat are written through
the caller's session, so they commit or roll back together (the transactional outbox). After the
commit the change is announced in-process (`events.broadcaster`).
"""

from __future__ import annotations

import datetime as dt
import secrets
import string
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import update
from sqlmodel import Session, col, select

from citizen.applications.events import StatusChanged, publish_after_commit
from citizen.applications.iin import InvalidIIN, iin_hash
from citizen.applications.statuses import (
    ApplicationStatus,
    ResultDelivery,
    StatusPoint,
    check_transition,
)
from citizen.applications.tables import Application, ApplicationStatusChange, ChatSubscription
from citizen.catalogue import queries
from citizen.catalogue import tables as ct
from citizen.catalogue.ready_date import expected_ready
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


def new_receipt_number(now: dt.datetime | None = None) -> str:
    """A receipt number like `260314-K7Q2MX9A`: the day, then 8 unguessable characters."""
    day = (now or utcnow()).strftime("%y%m%d")
    return f"{day}-{''.join(secrets.choice(NUMBER_ALPHABET) for _ in range(8))}"


def register_application(
    session: Session,
    *,
    service_id: str,
    region_id: str,
    channel: Channel | str,
    iin: str,
    office_id: str | None = None,
    number: str | None = None,
    submitted_at: dt.datetime | None = None,
    actor: str = "cli",
) -> Application:
    """Record an accepted application (receipt issued) with its expected ready date.

    Raises `ApplicationError` when the regulation, channel, office, number or IIN is wrong.
    """
    try:
        digest = iin_hash(iin)
    except InvalidIIN as exc:
        raise ApplicationError(ApplicationErrorCode.INVALID_IIN, str(exc)) from None
    submitted_at = submitted_at or utcnow()
    if submitted_at.tzinfo is None:
        raise ApplicationError(ApplicationErrorCode.NAIVE_MOMENT, "submitted_at needs a time zone")
    regulation = _regulation(session, service_id, region_id)
    chan = _accepting_channel(session, regulation, channel)
    if office_id is not None:
        _check_office(session, office_id, regulation)
    number = _free_number(session, number, submitted_at)
    estimate = expected_ready(session, regulation.id, chan, submitted_at)
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
    return app


def _regulation(session: Session, service_id: str, region_id: str) -> ct.Regulation:
    regulation = session.get(ct.Regulation, f"{service_id}/{region_id}")
    if regulation is None:
        raise ApplicationError(
            ApplicationErrorCode.UNKNOWN_REGULATION,
            f"no regulation for service {service_id!r} in region {region_id!r}",
            service=service_id,
            region=region_id,
        )
    return regulation


def _accepting_channel(
    session: Session, regulation: ct.Regulation, channel: Channel | str
) -> Channel:
    try:
        chan = Channel(channel)
    except ValueError:
        raise ApplicationError(
            ApplicationErrorCode.UNKNOWN_CHANNEL,
            f"unknown channel {channel!r}; one of: {', '.join(c.value for c in Channel)}",
            channel=str(channel),
        ) from None
    rows = queries.channels_by_regulation(session, [regulation.id])[regulation.id]
    if not any(r.channel == chan.value and r.accepts_applications for r in rows):
        raise ApplicationError(
            ApplicationErrorCode.CHANNEL_NOT_ACCEPTING,
            f"regulation {regulation.id} accepts no applications through {chan.value}",
            channel=chan.value,
        )
    return chan


def _check_office(session: Session, office_id: str, regulation: ct.Regulation) -> ct.Office:
    office = queries.office(session, office_id)
    if office is None:
        raise ApplicationError(
            ApplicationErrorCode.UNKNOWN_OFFICE, f"no office {office_id!r}", office=office_id
        )
    if office.region_id != regulation.region_id or not queries.offices_for(
        [office], regulation.service_id
    ):
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


def channel_steps(session: Session, app: Application) -> list[ct.Step]:
    """The regulation's steps on this application's path (steps limited to other channels out)."""
    steps = queries.steps_by_regulation(session, [app.regulation_id])[app.regulation_id]
    return [s for s in steps if not s.channels or app.channel in s.channels]


def change_status(
    session: Session,
    number: str,
    status: ApplicationStatus | str,
    *,
    step_position: int | None = None,
    delivery: ResultDelivery | str | None = None,
    office_id: str | None = None,
    reason_kk: str | None = None,
    reason_ru: str | None = None,
    actor: str = "cli",
    at: dt.datetime | None = None,
) -> StatusChangeResult:
    """Move an application to a new status and queue a notification for each subscribed chat.

    Raises `IllegalTransition` (statuses.py) or `ApplicationError`; nothing is written then.
    """
    reason_kk = _clean(reason_kk, "reason_kk", REASON_MAX_LENGTH)
    reason_ru = _clean(reason_ru, "reason_ru", REASON_MAX_LENGTH)
    app = get_application(session, number, for_update=True)
    target = _target(session, app, _status(status), step_position, delivery, office_id)
    check_transition(
        _current(app),
        target,
        frozenset(s.position for s in channel_steps(session, app)),
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
        step_position=target.step_position,
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
    publish_after_commit(
        session,
        StatusChanged(app.id, app.number, change.id, app.status, app.step_position, now, queued),
    )
    return StatusChangeResult(app, change, queued)


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
            step_position=target.step_position,
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


def _current(app: Application) -> StatusPoint:
    delivery = ResultDelivery(app.result_delivery) if app.result_delivery else None
    return StatusPoint(ApplicationStatus(app.status), app.step_position, delivery)


def _target(
    session: Session,
    app: Application,
    status: ApplicationStatus,
    step_position: int | None,
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
            regulation = session.get(ct.Regulation, app.regulation_id)
            if regulation is None:
                raise ApplicationError(
                    ApplicationErrorCode.UNKNOWN_REGULATION,
                    f"regulation {app.regulation_id} is no longer in the catalogue",
                    service=app.service_id,
                    region=app.region_id,
                )
            _check_office(session, office_id, regulation)
    return StatusPoint(status, step_position, chosen)


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
