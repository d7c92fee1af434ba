"""Each Telegram update is handled once, and every log line about it carries its id.

Telegram resends an update it got no 200 for, and anyone who learnt the webhook secret could
replay one. The webhook records each `update_id` it takes in, in the database so that every
server process sees it, and answers a repeat with 200 without handling it again. Records
expire after `telegram_update_ttl_seconds` (Telegram stops resending long before).
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram.types import TelegramObject, Update
from sqlalchemy import BigInteger, Column, delete
from sqlmodel import Field, Session, SQLModel, col

from citizen import logs
from citizen.db import insert_for
from citizen.notifications.tables import utcnow

PRUNE_EVERY_SECONDS = 300.0
_last_prune = 0.0


class TelegramUpdateSeen(SQLModel, table=True):
    """An update the webhook took in; a replay of it is not handled again."""

    __tablename__ = "telegram_update_seen"

    update_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    expires_at: dt.datetime = Field(index=True)


def first_sight(session: Session, update_id: int, ttl_seconds: float) -> bool:
    """Record `update_id`; False when it was recorded already (a resend or a replay)."""
    now = utcnow()
    values = {"update_id": update_id, "expires_at": now + dt.timedelta(seconds=ttl_seconds)}
    # RETURNING, not rowcount: on PostgreSQL the driver counts a skipped row as one.
    inserted = session.execute(
        insert_for(session)(TelegramUpdateSeen)
        .values(**values)
        .on_conflict_do_nothing()
        .returning(col(TelegramUpdateSeen.update_id))
    ).first()
    _prune_now_and_then(session, now)
    return inserted is not None


def prune_seen_updates(session: Session, now: dt.datetime | None = None) -> int:
    result = session.execute(
        delete(TelegramUpdateSeen).where(col(TelegramUpdateSeen.expires_at) < (now or utcnow()))
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def _prune_now_and_then(session: Session, now: dt.datetime) -> None:
    global _last_prune
    if time.monotonic() - _last_prune >= PRUNE_EVERY_SECONDS:
        _last_prune = time.monotonic()
        prune_seen_updates(session, now)


async def update_id_in_logs(
    handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
    event: TelegramObject,
    data: dict[str, Any],
) -> Any:
    """Outer middleware: the update's id goes on every log line written while handling it."""
    token = logs.update_id.set(event.update_id if isinstance(event, Update) else None)
    try:
        return await handler(event, data)
    finally:
        logs.update_id.reset(token)
