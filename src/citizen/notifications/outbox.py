"""The outbox seen from the delivery worker: claiming rows with a lease, recording outcomes.

Claiming. A chat's messages go out one at a time and in order: only the oldest unfinished
notification of a chat (its head) is claimable, and only when the chat's pacing slot
(`telegram_chat.next_send_at`) has come. A claim moves the chat's slot to the end of the lease,
which keeps every other worker off that chat until the outcome is recorded. On PostgreSQL the
candidate chats are locked with `FOR UPDATE SKIP LOCKED`, so concurrent workers split the work
instead of queueing on each other.

Guards. Every write is conditional on the state it expects (`UPDATE ... WHERE state = ...`):
a claim only takes a row that is still due, an outcome is only recorded by the holder of the
claim token while the row is `sending`. So a final state is never overwritten, and a worker
whose lease ran out (it was presumed dead) cannot overwrite its successor's result. This holds
on SQLite as well, where reads happen outside the write transaction.

Crash safety. A worker killed mid-batch leaves its rows `sending` with a lease in the past;
they become claimable again, counted as a failure (so that a message that kills its worker
cannot loop forever). Only the messages whose send was in flight can be sent twice.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Table, and_, case, func, or_, select, update
from sqlalchemy.engine import CursorResult
from sqlmodel import Session

from citizen.notifications.chats import mark_chat_blocked
from citizen.notifications.tables import (
    ACTIVE_STATES,
    DeliveryState,
    Notification,
    TelegramChat,
    utcnow,
)

N = cast(Table, Notification.__table__)  # type: ignore[attr-defined]
C = cast(Table, TelegramChat.__table__)  # type: ignore[attr-defined]
RETRYABLE = (DeliveryState.CREATED.value, DeliveryState.TEMPORARY_FAILURE.value)
ACTIVE = tuple(s.value for s in ACTIVE_STATES)
SENDING = DeliveryState.SENDING.value


@dataclass
class Claim:
    """A notification this worker holds until `lease_until`, identified by `token`."""

    id: int
    chat_id: int
    token: str
    lease_until: dt.datetime
    attempts: int  # including this one
    failures: int
    parts_done: int
    previous_state: str


def _rowcount(result: Any) -> int:
    return int(cast(CursorResult[Any], result).rowcount)


def _heads() -> Any:
    """Each chat's oldest unfinished notification (its head), joined with the chat."""
    earlier = N.alias("earlier")
    has_earlier = (
        select(earlier.c.id)
        .where(
            earlier.c.chat_id == N.c.chat_id,
            earlier.c.state.in_(ACTIVE),
            earlier.c.id < N.c.id,
        )
        .exists()
    )
    return (
        select(
            N.c.id,
            N.c.chat_id,
            N.c.state,
            N.c.attempts,
            N.c.failures,
            N.c.parts_done,
            C.c.next_send_at,
        )
        .select_from(N.join(C, C.c.chat_id == N.c.chat_id))
        .where(N.c.state.in_(ACTIVE), ~has_earlier)
    )


def _due_guard(now: dt.datetime) -> Any:
    return or_(
        and_(N.c.state.in_(RETRYABLE), N.c.next_attempt_at <= now),
        and_(N.c.state == SENDING, N.c.lease_until < now),
    )


def claim_batch(
    session: Session, *, limit: int, lease: dt.timedelta, max_failures: int
) -> list[Claim]:
    """Claim up to `limit` due notifications, at most one per chat. The caller commits."""
    now = utcnow()
    chat_free = or_(C.c.next_send_at.is_(None), C.c.next_send_at <= now)
    stmt = _heads().where(_due_guard(now), chat_free).order_by(N.c.id).limit(limit)
    if session.get_bind().dialect.name == "postgresql":
        stmt = stmt.with_for_update(of=C, skip_locked=True)
    claims: list[Claim] = []
    for row in session.execute(stmt).all():
        reclaimed = row.state == SENDING  # its previous holder's lease ran out
        failures = row.failures + (1 if reclaimed else 0)
        if reclaimed and failures >= max_failures:
            _give_up_expired(session, row.id, now, failures)
            continue
        claim = _claim_one(session, row, now, lease, failures)
        if claim is not None:
            claims.append(claim)
    session.flush()
    return claims


def _claim_one(
    session: Session, row: Any, now: dt.datetime, lease: dt.timedelta, failures: int
) -> Claim | None:
    until = now + lease
    reserved = session.execute(
        update(C)
        .where(C.c.chat_id == row.chat_id)
        .where(or_(C.c.next_send_at.is_(None), C.c.next_send_at <= now))
        .values(next_send_at=until)
    )
    if _rowcount(reserved) != 1:
        return None  # another worker took the chat since we read it
    token = str(uuid.uuid4())
    taken = session.execute(
        update(N)
        .where(N.c.id == row.id, _due_guard(now))
        .values(
            state=SENDING,
            lease_until=until,
            claim_token=token,
            attempts=N.c.attempts + 1,
            failures=failures,
        )
    )
    if _rowcount(taken) != 1:  # the row moved on meanwhile: give the chat's slot back
        session.execute(
            update(C).where(C.c.chat_id == row.chat_id).values(next_send_at=row.next_send_at)
        )
        return None
    return Claim(
        row.id, row.chat_id, token, until, row.attempts + 1, failures, row.parts_done, row.state
    )


def _give_up_expired(
    session: Session, notification_id: int, now: dt.datetime, failures: int
) -> None:
    session.execute(
        update(N)
        .where(N.c.id == notification_id, N.c.state == SENDING, N.c.lease_until < now)
        .values(
            state=DeliveryState.TECHNICAL_FAILURE.value,
            failures=failures,
            finished_at=now,
            last_error="lease expired too many times (worker lost mid-send)",
            claim_token=None,
            lease_until=None,
        )
    )


def _held(claim: Claim) -> Any:
    return and_(N.c.id == claim.id, N.c.claim_token == claim.token, N.c.state == SENDING)


def _set_chat_slot(session: Session, chat_id: int, at: dt.datetime) -> None:
    session.execute(update(C).where(C.c.chat_id == chat_id).values(next_send_at=at))


def extend_lease(session: Session, claim: Claim, until: dt.datetime) -> bool:
    """Keep holding the claim (a long wait for the rate limiter); False if it was lost."""
    result = session.execute(update(N).where(_held(claim)).values(lease_until=until))
    if _rowcount(result) != 1:
        return False
    _set_chat_slot(session, claim.chat_id, until)
    claim.lease_until = until
    return True


def record_part(session: Session, claim: Claim, parts_done: int, message_id: int | None) -> bool:
    """One part of a multi-part message was sent: a retry resumes after it."""
    values: dict[str, Any] = {"parts_done": parts_done}
    if message_id is not None and parts_done == 1:
        values["telegram_message_id"] = message_id
    return _rowcount(session.execute(update(N).where(_held(claim)).values(**values))) == 1


def record_delivered(
    session: Session,
    claim: Claim,
    *,
    parts_done: int,
    message_id: int | None,
    next_send_at: dt.datetime,
    note: str | None = None,
) -> bool:
    values: dict[str, Any] = {
        "state": DeliveryState.DELIVERED.value,
        "parts_done": parts_done,
        "finished_at": utcnow(),
        "claim_token": None,
        "lease_until": None,
        "last_error": note,
    }
    if message_id is not None:
        values["telegram_message_id"] = func.coalesce(N.c.telegram_message_id, message_id)
    done = _rowcount(session.execute(update(N).where(_held(claim)).values(**values))) == 1
    if done:
        _set_chat_slot(session, claim.chat_id, next_send_at)
    return done


def record_retry(
    session: Session,
    claim: Claim,
    *,
    error: str,
    next_attempt_at: dt.datetime,
    count_failure: bool,
    give_up: bool,
    chat_free_at: dt.datetime | None = None,
) -> bool:
    """A temporary failure: retry at `next_attempt_at`, or end in technical failure."""
    now = utcnow()
    values: dict[str, Any] = {
        "last_error": error[:500],
        "claim_token": None,
        "lease_until": None,
        "failures": N.c.failures + (1 if count_failure else 0),
    }
    if give_up:
        values.update(state=DeliveryState.TECHNICAL_FAILURE.value, finished_at=now)
    else:
        values.update(state=DeliveryState.TEMPORARY_FAILURE.value, next_attempt_at=next_attempt_at)
    done = _rowcount(session.execute(update(N).where(_held(claim)).values(**values))) == 1
    if done:
        _set_chat_slot(session, claim.chat_id, chat_free_at or now)
    return done


def record_permanent(session: Session, claim: Claim, *, error: str, chat_blocked: bool) -> bool:
    """The chat cannot receive this message; with `chat_blocked`, nor any other (403)."""
    now = utcnow()
    result = session.execute(
        update(N)
        .where(_held(claim))
        .values(
            state=DeliveryState.PERMANENT_FAILURE.value,
            finished_at=now,
            last_error=error[:500],
            claim_token=None,
            lease_until=None,
        )
    )
    done = _rowcount(result) == 1
    if done:
        _set_chat_slot(session, claim.chat_id, now)
        if chat_blocked:
            mark_chat_blocked(session, claim.chat_id)
    return done


def release(session: Session, claim: Claim) -> bool:
    """Give back a claim that was never sent (graceful stop): as if it had not been claimed."""
    result = session.execute(
        update(N)
        .where(_held(claim))
        .values(
            state=claim.previous_state
            if claim.previous_state != SENDING
            else DeliveryState.TEMPORARY_FAILURE.value,
            claim_token=None,
            lease_until=None,
            attempts=N.c.attempts - 1,
        )
    )
    done = _rowcount(result) == 1
    if done:
        _set_chat_slot(session, claim.chat_id, utcnow())
    return done


def next_due(session: Session) -> dt.datetime | None:
    """The earliest moment some chat's head notification becomes claimable (idle worker)."""
    row_time = case((N.c.state == SENDING, N.c.lease_until), else_=N.c.next_attempt_at)
    slot = func.coalesce(C.c.next_send_at, row_time)
    ready_at = case((slot > row_time, slot), else_=row_time)
    heads = _heads().add_columns(ready_at.label("ready_at")).subquery()
    value: dt.datetime | None = session.execute(select(func.min(heads.c.ready_at))).scalar()
    return value


def state_counts(session: Session) -> dict[str, int]:
    rows = session.execute(select(N.c.state, func.count()).group_by(N.c.state)).all()
    return {state: count for state, count in rows}


def pending_summary(session: Session) -> tuple[dict[str, int], dt.datetime | None]:
    """Notifications not yet final, per state, and when the oldest of them was created."""
    counts = {state: 0 for state in ACTIVE}
    rows = session.execute(
        select(N.c.state, func.count(), func.min(N.c.created_at))
        .where(N.c.state.in_(ACTIVE))
        .group_by(N.c.state)
    ).all()
    oldest: dt.datetime | None = None
    for state, count, created in rows:
        counts[state] = count
        if created is not None:
            created = created if created.tzinfo else created.replace(tzinfo=dt.UTC)
            oldest = created if oldest is None else min(oldest, created)
    return counts, oldest
