"""One-time subscription links: subscribe a chat to an application without the IIN dialogue.

A provider system or an operator, who knows the application, asks for a link; the citizen opens
`t.me/<bot>?start=<code>` and the bot subscribes that chat. The code is the only proof, so it is
long and random (192 bits), works once, expires, and only its SHA-256 is stored: a database dump
does not hand out subscriptions.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import update
from sqlmodel import Session, col, select

from citizen.applications.registry import get_application
from citizen.applications.tables import Application, ChatSubscription, SubscriptionLink
from citizen.notifications.chats import ensure_chat, mark_chat_returned
from citizen.notifications.tables import utcnow

# A bot deep link's start parameter is 1-64 of [A-Za-z0-9_-]. Service deep links use service
# ids (lowercase words and hyphens); a link code always starts with this prefix.
CODE_PREFIX = "sub_"


class LinkOutcome(StrEnum):
    SUBSCRIBED = "subscribed"
    ALREADY = "already"  # the chat followed the application already; the code is used up anyway
    INVALID = "invalid"  # unknown, used or expired: one answer, so nothing is learned from it


@dataclass(frozen=True)
class IssuedLink:
    code: str  # shown once; never stored
    application: Application
    expires_at: dt.datetime


@dataclass(frozen=True)
class Redeemed:
    outcome: LinkOutcome
    application: Application | None = None


def _digest(code: str) -> str:
    return hashlib.sha256(code.encode()).hexdigest()


def is_link_code(payload: str) -> bool:
    return payload.startswith(CODE_PREFIX)


def deep_link(bot_username: str, code: str) -> str:
    return f"https://t.me/{bot_username.lstrip('@')}?start={code}"


def create_link(
    session: Session, number: str, *, actor: str, ttl: dt.timedelta
) -> IssuedLink:
    """A new one-time code for the application `number` (raises `ApplicationError` if none)."""
    app = get_application(session, number)
    assert app.id is not None
    code = CODE_PREFIX + secrets.token_urlsafe(24)
    expires = utcnow() + ttl
    session.add(
        SubscriptionLink(
            code_hash=_digest(code), application_id=app.id, created_by=actor, expires_at=expires
        )
    )
    session.flush()
    return IssuedLink(code, app, expires)


def redeem_link(session: Session, code: str, chat_id: int) -> Redeemed:
    """Use the code for `chat_id`: subscribe the chat, once. The caller commits."""
    now = utcnow()
    digest = _digest(code.strip())
    # One conditional update: of two chats opening the same link at once, one wins.
    used = session.execute(
        update(SubscriptionLink)
        .where(
            col(SubscriptionLink.code_hash) == digest,
            col(SubscriptionLink.used_at).is_(None),
            col(SubscriptionLink.expires_at) > now,
        )
        .values(used_at=now, used_by_chat=chat_id)
    )
    if used.rowcount != 1:  # type: ignore[attr-defined]
        return Redeemed(LinkOutcome.INVALID)
    link = session.exec(
        select(SubscriptionLink).where(SubscriptionLink.code_hash == digest)
    ).one()
    app = session.get(Application, link.application_id)
    if app is None or app.id is None:
        return Redeemed(LinkOutcome.INVALID)
    ensure_chat(session, chat_id)
    mark_chat_returned(session, chat_id)
    if session.get(ChatSubscription, (chat_id, app.id)) is not None:
        return Redeemed(LinkOutcome.ALREADY, app)
    session.add(ChatSubscription(chat_id=chat_id, application_id=app.id))
    session.flush()
    return Redeemed(LinkOutcome.SUBSCRIBED, app)
