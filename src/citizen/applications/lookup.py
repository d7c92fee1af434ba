"""A citizen finds an application with its receipt number and IIN, and subscribes a chat.

A wrong number and a wrong IIN get the same answer (`NOT_FOUND`), so that nobody learns which
receipt numbers exist. Failures are counted in the database (every process sees them) for two
keys, with different consequences, so that nobody is locked out by someone else's failures:

- per client — a chat, an API token, or an IP address (the real one behind trusted proxies):
  past its limit the *client* is refused (`THROTTLED`) until its window ends, even for a right
  pair. These are the client's own failures.
- per receipt number, from everyone: past its limit the number is not blocked — its owner
  must still get in — but each attempt at it through the API needs a proof of work (see
  `proof.py`) whose price grows with the failures (`PROOF_REQUIRED` carries the challenge).
  Chats pay with a Telegram account each and API tokens are accountable: both skip the proof
  and stay limited by their own counts.

Rows whose window is over are pruned (`prune_throttles`), now and then as failures are counted.
"""

from __future__ import annotations

import datetime as dt
import hmac
import logging
import math
import time
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import delete, or_
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session, col, select

from citizen import metrics
from citizen.applications import proof as pow_
from citizen.applications.iin import InvalidIIN, iin_hash, keyed_digest, normalize_iin
from citizen.applications.tables import Application, ChatSubscription, LookupThrottle
from citizen.db import insert_for
from citizen.notifications.chats import ensure_chat, mark_chat_returned
from citizen.notifications.tables import utcnow
from citizen.settings import Settings, get_settings

log = logging.getLogger(__name__)
PRUNE_EVERY_SECONDS = 60.0
_last_prune = 0.0  # per process: pruning is housekeeping, not a guarantee


class LookupOutcome(StrEnum):
    FOUND = "found"
    INVALID_IIN = "invalid_iin"  # not 12 digits, or the check digit does not match
    NOT_FOUND = "not_found"  # no such number, or the IIN is not the applicant's: same answer
    THROTTLED = "throttled"  # this client failed too often; `retry_after` says when to try again
    PROOF_REQUIRED = "proof_required"  # the number is being guessed at: solve `challenge` first


@dataclass(frozen=True)
class Lookup:
    outcome: LookupOutcome
    application: Application | None = None
    retry_after: int | None = None  # whole seconds, when throttled
    newly_subscribed: bool = False  # subscribe_chat only: False when already subscribed
    challenge: pow_.Challenge | None = None  # when a proof of work is required

    @property
    def found(self) -> bool:
        return self.outcome == LookupOutcome.FOUND


class ClientKind(StrEnum):
    CHAT = "chat"
    TOKEN = "token"
    IP = "ip"


def client_kind(client: str) -> ClientKind:
    prefix = client.partition(":")[0]
    return ClientKind(prefix) if prefix in ClientKind.__members__.values() else ClientKind.IP


def find_application(
    session: Session, number: str, iin: str, client: str, *, proof: str | None = None
) -> Lookup:
    """The application with this receipt number, if `iin` is its applicant's.

    `client` names who asks ("chat:<id>", "token:<id>", "ip:<address>") for throttling; it is
    stored only as a keyed hash. `proof` answers a `PROOF_REQUIRED` challenge. Failures are
    written through `session`: the caller must commit it.
    """
    found = _find(session, number, iin, client, proof)
    metrics.lookup_answered(found.outcome.value)  # throttled ones show guessing
    return found


def _find(session: Session, number: str, iin: str, client: str, proof: str | None) -> Lookup:
    try:
        clean_iin = normalize_iin(iin)
    except InvalidIIN:
        return Lookup(LookupOutcome.INVALID_IIN)
    number = number.strip()
    now = utcnow()
    settings = get_settings()
    kind = client_kind(client)
    client_key = keyed_digest(f"client:{client}")
    number_key = keyed_digest(f"number:{number.upper()}")
    rows = _current(session, [client_key, number_key], now, settings)
    client_row, number_row = rows.get(client_key), rows.get(number_key)
    if client_row and client_row.blocked_until and client_row.blocked_until > now:
        wait = math.ceil((client_row.blocked_until - now).total_seconds())
        return Lookup(LookupOutcome.THROTTLED, retry_after=max(wait, 1))
    if kind == ClientKind.IP:
        bits = pow_.required_bits(
            number_row.failures if number_row else 0,
            settings.lookup_max_failures_per_number,
            settings.lookup_proof_min_bits,
            settings.lookup_proof_max_bits,
        )
        if bits is not None and not (
            proof and pow_.verify(proof, number, clean_iin, settings.lookup_proof_min_bits)
        ):
            challenge = pow_.issue(number, bits, settings.lookup_proof_ttl_seconds)
            return Lookup(LookupOutcome.PROOF_REQUIRED, challenge=challenge)
    app = session.exec(select(Application).where(Application.number == number)).first()
    if app is None or not hmac.compare_digest(app.iin_hash, iin_hash(clean_iin)):
        limits = {client_key: _client_limit(kind, settings), number_key: None}
        _count_failure(session, limits, now, settings)
        return Lookup(LookupOutcome.NOT_FOUND)
    return Lookup(LookupOutcome.FOUND, app)


def _client_limit(kind: ClientKind, settings: Settings) -> int:
    if kind == ClientKind.TOKEN:
        return settings.lookup_max_failures_per_token
    return settings.lookup_max_failures_per_client


def _current(
    session: Session, keys: list[str], now: dt.datetime, settings: Settings
) -> dict[str, LookupThrottle]:
    """The keys' rows whose window is still open (an expired row counts as none)."""
    window = dt.timedelta(seconds=settings.lookup_window_seconds)
    rows = session.exec(select(LookupThrottle).where(col(LookupThrottle.key).in_(keys))).all()
    return {r.key: r for r in rows if now - r.window_started_at < window or _blocked(r, now)}


def _blocked(row: LookupThrottle, now: dt.datetime) -> bool:
    return row.blocked_until is not None and row.blocked_until > now


def _count_failure(
    session: Session, limits: dict[str, int | None], now: dt.datetime, settings: Settings
) -> None:
    """One more failure for each key; a key with a limit is blocked when it reaches it."""
    window = dt.timedelta(seconds=settings.lookup_window_seconds)
    for key, limit in limits.items():
        _insert_if_missing(session, key, now)
        row = session.exec(
            select(LookupThrottle).where(LookupThrottle.key == key).with_for_update()
        ).one()
        if now - row.window_started_at >= window:
            row.failures, row.window_started_at, row.blocked_until = 0, now, None
        row.failures += 1
        if limit is not None and row.failures >= limit:
            row.blocked_until = row.window_started_at + window
        session.add(row)
    session.flush()
    _prune_now_and_then(session, now, settings)


def _insert_if_missing(session: Session, key: str, now: dt.datetime) -> None:
    # Two processes may count the first failure of a key at once: neither may fail on it.
    values = {"key": key, "failures": 0, "window_started_at": now}
    session.execute(insert_for(session)(LookupThrottle).values(**values).on_conflict_do_nothing())


def prune_throttles(session: Session, now: dt.datetime | None = None) -> int:
    """Delete the counts whose window and block are both over; returns how many went."""
    now = now or utcnow()
    expired_before = now - dt.timedelta(seconds=get_settings().lookup_window_seconds)
    result = session.execute(
        delete(LookupThrottle).where(
            col(LookupThrottle.window_started_at) < expired_before,
            or_(
                col(LookupThrottle.blocked_until).is_(None),
                col(LookupThrottle.blocked_until) < now,
            ),
        )
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def _prune_now_and_then(session: Session, now: dt.datetime, settings: Settings) -> None:
    global _last_prune
    if time.monotonic() - _last_prune < PRUNE_EVERY_SECONDS:
        return
    _last_prune = time.monotonic()
    try:
        with session.begin_nested():  # a failed prune must not fail the lookup it rides on
            prune_throttles(session, now)
    except SQLAlchemyError as exc:
        log.warning("pruning lookup throttles failed: %s", type(exc).__name__)


def subscribe_chat(session: Session, chat_id: int, number: str, iin: str) -> Lookup:
    """Subscribe a Telegram chat to an application it proved it knows (number + IIN)."""
    found = find_application(session, number, iin, client=f"chat:{chat_id}")
    if not found.found or found.application is None:
        return found
    app = found.application
    assert app.id is not None
    ensure_chat(session, chat_id)
    # Proving the number and IIN means the user is talking to the bot again.
    mark_chat_returned(session, chat_id)
    if session.get(ChatSubscription, (chat_id, app.id)) is not None:
        return Lookup(LookupOutcome.FOUND, app, newly_subscribed=False)
    session.add(ChatSubscription(chat_id=chat_id, application_id=app.id))
    session.flush()
    return Lookup(LookupOutcome.FOUND, app, newly_subscribed=True)


def unsubscribe_chat(session: Session, chat_id: int, application_id: int) -> bool:
    """Stop notifications about one application to one chat; False when it was not subscribed."""
    sub = session.get(ChatSubscription, (chat_id, application_id))
    if sub is None:
        return False
    session.delete(sub)
    session.flush()
    return True


def chat_subscriptions(session: Session, chat_id: int) -> list[Application]:
    """The applications a chat follows, oldest subscription first.

    Each row carries the service id, region, receipt number, status (with step position and
    result delivery) and the expected ready date.
    """
    stmt = (
        select(Application)
        .join(ChatSubscription, col(ChatSubscription.application_id) == col(Application.id))
        .where(ChatSubscription.chat_id == chat_id)
        .order_by(col(ChatSubscription.created_at), col(Application.id))
    )
    return list(session.exec(stmt).all())
