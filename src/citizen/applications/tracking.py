"""Following one application as it changes: the core of the GraphQL subscription.

The history table is the source of truth: the watcher reads changes newer than the last one it
yielded, so none is missed or repeated. Announcements wake it at once: in-process ones, and on
PostgreSQL those of other processes (the CLI, another API worker) through LISTEN/NOTIFY; a slow
poll is the fallback when the listener is away.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Collection

from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from citizen.applications.events import (
    StatusBroadcaster,
    StatusChanged,
    broadcaster,
    cross_process_wakeups,
)
from citizen.applications.tables import ApplicationStatusChange


def changes_after(
    session: Session, application_id: int, after_id: int | None
) -> list[ApplicationStatusChange]:
    stmt = select(ApplicationStatusChange).where(
        ApplicationStatusChange.application_id == application_id
    )
    if after_id is not None:
        stmt = stmt.where(col(ApplicationStatusChange.id) > after_id)
    return list(session.exec(stmt.order_by(col(ApplicationStatusChange.id))).all())


def latest_change_id(session: Session, application_id: int) -> int | None:
    stmt = select(func.max(ApplicationStatusChange.id)).where(
        ApplicationStatusChange.application_id == application_id
    )
    value: int | None = session.exec(stmt).one()
    return value


def latest_changes(
    session: Session, application_ids: Collection[int]
) -> dict[int, ApplicationStatusChange]:
    """The latest status change of each application, in one query (a list of a chat's
    applications shows each one's current reason, not its whole history)."""
    if not application_ids:
        return {}
    latest = (
        select(func.max(ApplicationStatusChange.id))
        .where(col(ApplicationStatusChange.application_id).in_(application_ids))
        .group_by(col(ApplicationStatusChange.application_id))
    )
    rows = session.exec(
        select(ApplicationStatusChange).where(col(ApplicationStatusChange.id).in_(latest))
    ).all()
    return {row.application_id: row for row in rows}


async def watch_application(
    engine: Engine,
    application_id: int,
    *,
    after_change_id: int | None = None,
    poll_interval: float = 2.0,
    events: StatusBroadcaster | None = None,
) -> AsyncIterator[ApplicationStatusChange]:
    """Yield each status change of the application from now on (or after `after_change_id`).

    Runs until the consumer stops iterating (e.g. the subscriber disconnects).
    """
    events = events or broadcaster
    # Listen first: a change committed meanwhile is not lost.
    with events.listen() as queue, cross_process_wakeups(engine, events):
        last = after_change_id
        if last is None:
            last = await asyncio.to_thread(_read_latest, engine, application_id)
        while True:
            for change in await asyncio.to_thread(_read_after, engine, application_id, last):
                last = change.id
                yield change
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(_change_of(queue, application_id), poll_interval)


async def _change_of(queue: asyncio.Queue[StatusChanged], application_id: int) -> None:
    while (await queue.get()).application_id != application_id:
        pass


def _read_latest(engine: Engine, application_id: int) -> int | None:
    with Session(engine) as session:
        return latest_change_id(session, application_id)


def _read_after(
    engine: Engine, application_id: int, after_id: int | None
) -> list[ApplicationStatusChange]:
    with Session(engine, expire_on_commit=False) as session:
        rows = changes_after(session, application_id, after_id)
        session.expunge_all()
        return rows
