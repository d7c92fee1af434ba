"""How long operational rows are kept: `citizen maintenance prune` deletes what is past it.

What goes, each past its `CITIZEN_RETENTION_*` age (unset or 0 keeps rows for ever):

- notifications in a final state (delivered, permanent or technical failure), by when they
  finished; a pending notification is never touched;
- one-time subscription links, by when they expired (used ones too), with the same age;
- lookup throttle rows whose window and block are over, by when the window started;
- status history entries, by when they happened, except each application's latest (its current
  status) and any entry a remaining notification still refers to;
- bot dialogue state untouched for that long;
- idempotency keys past `CITIZEN_IDEMPOTENCY_KEY_TTL_HOURS` (a request no longer replays
  them anyway: each claim forgets its own expired key).

Deletes run in batches of `CITIZEN_RETENTION_BATCH_SIZE`, each in its own short transaction,
so that a large backlog never holds locks for long and a run can be stopped at any point.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Table, and_, delete, func, or_, select
from sqlalchemy.engine import Connection, Engine

from citizen.applications.idempotency import expired_before
from citizen.applications.tables import (
    ApplicationStatusChange,
    IdempotencyKey,
    LookupThrottle,
    SubscriptionLink,
)
from citizen.notifications.tables import (
    FINAL_STATES,
    BotDialogueState,
    Notification,
    utcnow,
)
from citizen.settings import Settings

N = cast(Table, Notification.__table__)  # type: ignore[attr-defined]
H = cast(Table, ApplicationStatusChange.__table__)  # type: ignore[attr-defined]
L = cast(Table, SubscriptionLink.__table__)  # type: ignore[attr-defined]
T = cast(Table, LookupThrottle.__table__)  # type: ignore[attr-defined]
D = cast(Table, BotDialogueState.__table__)  # type: ignore[attr-defined]
K = cast(Table, IdempotencyKey.__table__)  # type: ignore[attr-defined]
FINAL = tuple(s.value for s in FINAL_STATES)


@dataclass
class PruneReport:
    notifications: int = 0
    subscription_links: int = 0
    lookup_throttles: int = 0
    status_changes: int = 0
    dialogues: int = 0
    idempotency_keys: int = 0

    def lines(self) -> list[str]:
        return [f"{name.replace('_', ' ')}: {count}" for name, count in vars(self).items()]


def _cutoff(now: dt.datetime, days: float | None) -> dt.datetime | None:
    # None (the default of some) or 0 (what an environment variable can say): kept for ever.
    return None if days is None or days <= 0 else now - dt.timedelta(days=days)


def prune(
    engine: Engine, settings: Settings, *, now: dt.datetime | None = None, dry_run: bool = False
) -> PruneReport:
    """Delete (or, with `dry_run`, count) every row past its retention age."""
    now = now or utcnow()
    batch = max(1, settings.retention_batch_size)
    report = PruneReport()
    outbox = _cutoff(now, settings.retention_outbox_days)
    if outbox is not None:
        report.notifications = _in_batches(
            engine, N, N.c.id, _old_notifications(outbox), batch, dry_run
        )
        report.subscription_links = _in_batches(
            engine, L, L.c.id, lambda: L.c.expires_at < outbox, batch, dry_run
        )
    throttle = _cutoff(now, settings.retention_throttle_days)
    if throttle is not None:
        window = dt.timedelta(seconds=settings.lookup_window_seconds)
        over = lambda: and_(  # noqa: E731
            T.c.window_started_at < throttle - window,
            or_(T.c.blocked_until.is_(None), T.c.blocked_until < now),
        )
        report.lookup_throttles = _in_batches(engine, T, T.c.key, over, batch, dry_run)
    history = _cutoff(now, settings.retention_status_history_days)
    if history is not None:
        report.status_changes = _in_batches(
            engine, H, H.c.id, _old_history(history), batch, dry_run
        )
    dialogues = _cutoff(now, settings.retention_dialogue_days)
    if dialogues is not None:
        report.dialogues = _in_batches(
            engine, D, D.c.key, lambda: D.c.updated_at < dialogues, batch, dry_run
        )
    keys = expired_before(now, settings.idempotency_key_ttl_hours)
    report.idempotency_keys = _in_batches(
        engine, K, K.c.id, lambda: K.c.created_at < keys, batch, dry_run
    )
    return report


def _old_notifications(cutoff: dt.datetime) -> Callable[[], Any]:
    return lambda: and_(N.c.state.in_(FINAL), N.c.finished_at < cutoff)


def _old_history(cutoff: dt.datetime) -> Callable[[], Any]:
    def condition() -> Any:
        later = H.alias("later")
        has_later = select(later.c.id).where(
            later.c.application_id == H.c.application_id, later.c.id > H.c.id
        ).exists()
        referenced = select(N.c.id).where(N.c.change_id == H.c.id).exists()
        return and_(H.c.changed_at < cutoff, has_later, ~referenced)

    return condition


def _in_batches(
    engine: Engine,
    table: Table,
    key: Any,
    condition: Callable[[], Any],
    batch: int,
    dry_run: bool,
) -> int:
    """Delete the rows matching `condition` a batch at a time; the number deleted."""
    if dry_run:
        with engine.connect() as conn:
            count = select(func.count()).select_from(table).where(condition())
            return int(conn.execute(count).scalar() or 0)
    total = 0
    while True:
        with engine.begin() as conn:
            done = _delete_batch(conn, table, key, condition, batch)
        total += done
        if done < batch:
            return total


def _delete_batch(
    conn: Connection, table: Table, key: Any, condition: Callable[[], Any], batch: int
) -> int:
    keys = [row[0] for row in conn.execute(select(key).where(condition()).limit(batch))]
    if not keys:
        return 0
    # Deleted by key, with the condition again: a row that changed meanwhile stays.
    result = conn.execute(delete(table).where(key.in_(keys), condition()))
    return int(result.rowcount)
