"""Idempotency keys: a retried registration or status change gives the first answer again.

A provider system that times out does not know whether its request was applied, so it sends
it again. With an idempotency key of its own choosing, the retry is safe: the first request
claims the key — (actor, key, a fingerprint of the input) — in the same transaction as the
change it makes, and later requests with that key and the same input get the same application
back without a second row or notification. The same key with other input is refused
(`IdempotencyKeyReused`): it is a bug in the caller, and guessing which input it meant would be
worse. Keys are scoped to the actor (the API token), and expire after a configured time.

Two twins racing: the claim is the first write of the transaction and the key is unique per
actor, so the second twin waits for the first to commit and then fails on the unique key
(`KeyClaimedConcurrently`); running it again (`run_once_per_key`) finds the claim and replays.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from citizen.applications.tables import IdempotencyKey
from citizen.notifications.tables import utcnow
from citizen.settings import get_settings

KEY_MAX_LENGTH = 200
T = TypeVar("T")


class Operation:
    REGISTER = "register_application"
    CHANGE_STATUS = "change_application_status"


class InvalidIdempotencyKey(ValueError):
    """The key is empty, too long, or has characters other than printable ASCII."""

    def __init__(self, key: str):
        super().__init__(f"an idempotency key is 1-{KEY_MAX_LENGTH} printable ASCII characters")
        self.key = key


class IdempotencyKeyReused(ValueError):
    """The key was already used by this actor with another input; nothing was written."""

    def __init__(self, key: str):
        super().__init__(f"idempotency key {key!r} was already used with another input")
        self.key = key


class KeyClaimedConcurrently(Exception):
    """A twin request claimed the same key first; this transaction must be rolled back."""


@dataclass(frozen=True)
class Claim:
    """The stored claim of a key, or the one this request has just made."""

    row: IdempotencyKey
    replay: bool  # True: the key was seen before with this input; answer from `row`


def fingerprint(operation: str, inputs: dict[str, Any]) -> str:
    """SHA-256 of the operation and its input, canonical JSON. Callers pass the IIN's keyed
    hash, never the IIN itself, so the fingerprint reveals nothing a lookup could not."""
    canonical = json.dumps(
        [operation, inputs], sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


def check_key(key: str) -> str:
    if not key or len(key) > KEY_MAX_LENGTH or not all(" " < ch <= "~" for ch in key):
        raise InvalidIdempotencyKey(key)
    return key


def claim(
    session: Session,
    *,
    actor: str,
    key: str,
    operation: str,
    inputs: dict[str, Any],
    now: dt.datetime | None = None,
) -> Claim:
    """Claim `key` for this input, or find the earlier claim to replay.

    Raises `IdempotencyKeyReused` for a known key with another input, and
    `KeyClaimedConcurrently` when a twin committed the same key while we waited.
    """
    check_key(key)
    now = now or utcnow()
    digest = fingerprint(operation, inputs)
    mine = (col(IdempotencyKey.actor) == actor, col(IdempotencyKey.key) == key)
    forgotten = expired_before(now, get_settings().idempotency_key_ttl_hours)
    # Only this key's expired claim goes: deleting every expired key here made concurrent
    # writes contend for the same rows; `citizen maintenance prune` clears the others.
    session.execute(
        delete(IdempotencyKey).where(*mine, col(IdempotencyKey.created_at) < forgotten)
    )
    prior = session.exec(select(IdempotencyKey).where(*mine)).first()
    if prior is not None:
        if prior.fingerprint != digest:
            raise IdempotencyKeyReused(key)
        return Claim(prior, replay=True)
    row = IdempotencyKey(
        actor=actor, key=key, operation=operation, fingerprint=digest, created_at=now
    )
    session.add(row)
    try:
        session.flush()
    except IntegrityError as exc:
        raise KeyClaimedConcurrently(key) from exc
    return Claim(row, replay=False)


def expired_before(now: dt.datetime, ttl_hours: float) -> dt.datetime:
    """Keys claimed before this moment are forgotten (`CITIZEN_IDEMPOTENCY_KEY_TTL_HOURS`)."""
    return now - dt.timedelta(hours=ttl_hours)


def record_result(
    session: Session, claimed: Claim, application_id: int, change_id: int | None = None
) -> None:
    """Remember what the claimed request produced, in its own transaction."""
    claimed.row.application_id = application_id
    claimed.row.change_id = change_id
    session.add(claimed.row)
    session.flush()


def run_once_per_key(run: Callable[[], T]) -> T:
    """Run a unit of work; when a twin with the same key won the race, run it once more (it
    then finds the twin's claim and gives the twin's answer)."""
    try:
        return run()
    except KeyClaimedConcurrently:
        return run()
