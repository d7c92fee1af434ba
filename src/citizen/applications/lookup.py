"""A citizen finds an application with its receipt number and IIN, and subscribes a chat.

A wrong number and a wrong IIN get the same answer (`NOT_FOUND`), so that nobody learns which
receipt numbers exist. Failures are counted per client (a chat, an IP address) and per receipt
number, in the database so that every process sees them; past the limit a key is blocked until
its window ends and even a correct pair is answered `THROTTLED`, or guessing would go on.
"""

from __future__ import annotations

import datetime as dt
import hmac
import math
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col, select

from citizen import metrics
from citizen.applications.iin import InvalidIIN, iin_hash, keyed_digest
from citizen.applications.tables import Application, ChatSubscription, LookupThrottle
from citizen.notifications.chats import ensure_chat, mark_chat_returned
from citizen.notifications.tables import utcnow
from citizen.settings import get_settings


class LookupOutcome(StrEnum):
    FOUND = "found"
    INVALID_IIN = "invalid_iin"  # not 12 digits, or the check digit does not match
    NOT_FOUND = "not_found"  # no such number, or the IIN is not the applicant's: same answer
    THROTTLED = "throttled"  # too many failures; `retry_after` says when to try again


@dataclass(frozen=True)
class Lookup:
    outcome: LookupOutcome
    application: Application | None = None
    retry_after: int | None = None  # whole seconds, when throttled
    newly_subscribed: bool = False  # subscribe_chat only: False when already subscribed

    @property
    def found(self) -> bool:
        return self.outcome == LookupOutcome.FOUND


def find_application(session: Session, number: str, iin: str, client: str) -> Lookup:
    """The application with this receipt number, if `iin` is its applicant's.

    `client` names who asks ("chat:<id>", "ip:<address>") for throttling; it is stored only as
    a keyed hash. Failures are written through `session`: the caller must commit it.
    """
    found = _find(session, number, iin, client)
    metrics.lookup_answered(found.outcome.value)  # throttled ones show guessing
    return found


def _find(session: Session, number: str, iin: str, client: str) -> Lookup:
    try:
        digest = iin_hash(iin)
    except InvalidIIN:
        return Lookup(LookupOutcome.INVALID_IIN)
    number = number.strip()
    now = utcnow()
    settings = get_settings()
    keys = {
        keyed_digest(f"client:{client}"): settings.lookup_max_failures_per_client,
        keyed_digest(f"number:{number.upper()}"): settings.lookup_max_failures_per_number,
    }
    wait = _blocked_for(session, keys, now)
    if wait is not None:
        return Lookup(LookupOutcome.THROTTLED, retry_after=wait)
    app = session.exec(select(Application).where(Application.number == number)).first()
    if app is None or not hmac.compare_digest(app.iin_hash, digest):
        _count_failure(session, keys, now)
        return Lookup(LookupOutcome.NOT_FOUND)
    return Lookup(LookupOutcome.FOUND, app)


def _blocked_for(session: Session, keys: dict[str, int], now: dt.datetime) -> int | None:
    rows = session.exec(select(LookupThrottle).where(col(LookupThrottle.key).in_(keys))).all()
    waits = [(r.blocked_until - now).total_seconds() for r in rows if r.blocked_until]
    longest = max((w for w in waits if w > 0), default=None)
    return None if longest is None else math.ceil(longest)


def _count_failure(session: Session, keys: dict[str, int], now: dt.datetime) -> None:
    window = dt.timedelta(seconds=get_settings().lookup_window_seconds)
    for key, limit in keys.items():
        _insert_if_missing(session, key, now)
        row = session.exec(
            select(LookupThrottle).where(LookupThrottle.key == key).with_for_update()
        ).one()
        if now - row.window_started_at >= window:
            row.failures, row.window_started_at, row.blocked_until = 0, now, None
        row.failures += 1
        if row.failures >= limit:
            row.blocked_until = row.window_started_at + window
        session.add(row)
    session.flush()


def _insert_if_missing(session: Session, key: str, now: dt.datetime) -> None:
    # Two processes may count the first failure of a key at once: neither may fail on it.
    values = {"key": key, "failures": 0, "window_started_at": now}
    insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    session.execute(insert(LookupThrottle).values(**values).on_conflict_do_nothing())


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
