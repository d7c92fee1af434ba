""" "Send the notification again": the latest status message, queued once more for each chat.

A citizen on the phone says the message never arrived (deleted by mistake, a lost phone). The
operator queues the message about the application's latest status change again, through the
same outbox the status change wrote to, so the delivery worker sends it with its usual pacing,
retries and rendering (in the chat's current language).

The outbox keeps one row per change and chat (a unique constraint that keeps a status change
from ever being queued twice by accident). Queuing again therefore reuses that row: a finished
row (delivered or failed) goes back to `created` with fresh counters; a row still waiting or
being sent is left alone, since it is on its way already; a chat that subscribed after the
change gets a row of its own. Blocked chats are skipped: Telegram would refuse them.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, select

from citizen.applications.tables import ChatSubscription
from citizen.applications.tracking import latest_change_id
from citizen.notifications.tables import (
    ACTIVE_STATES,
    DeliveryState,
    Notification,
    TelegramChat,
    utcnow,
)


@dataclass(frozen=True)
class Requeued:
    change_id: int | None  # the latest status change; None when the application has none
    queued: int  # rows (re)queued for delivery now
    waiting: int  # rows already waiting or being sent, left as they were
    blocked: int  # subscribed chats that blocked the bot, skipped


def requeue_latest_notice(session: Session, application_id: int) -> Requeued:
    """Queue the message about the latest status change again for every subscribed chat.

    Writes through the caller's session; the caller commits (with its audit entry).
    """
    change_id = latest_change_id(session, application_id)
    if change_id is None:
        return Requeued(None, 0, 0, 0)
    chats = session.exec(
        select(TelegramChat)
        .join(ChatSubscription, col(ChatSubscription.chat_id) == col(TelegramChat.chat_id))
        .where(ChatSubscription.application_id == application_id)
        .order_by(col(TelegramChat.chat_id))
    ).all()
    queued = waiting = blocked = 0
    for chat in chats:
        if chat.blocked_at is not None:
            blocked += 1
        elif _queue(session, application_id, change_id, chat.chat_id):
            queued += 1
        else:
            waiting += 1
    session.flush()
    return Requeued(change_id, queued, waiting, blocked)


def _queue(session: Session, application_id: int, change_id: int, chat_id: int) -> bool:
    """Queue one chat's message; False when it is already waiting or being sent."""
    now = utcnow()
    row = session.exec(
        select(Notification).where(
            Notification.change_id == change_id, Notification.chat_id == chat_id
        )
    ).first()
    if row is None:
        session.add(
            Notification(
                chat_id=chat_id,
                application_id=application_id,
                change_id=change_id,
                next_attempt_at=now,
            )
        )
        return True
    if DeliveryState(row.state) in ACTIVE_STATES:
        return False
    row.state = DeliveryState.CREATED.value
    row.attempts = row.failures = row.parts_done = 0
    row.next_attempt_at = now
    row.finished_at = row.lease_until = row.claim_token = None
    row.telegram_message_id = None
    row.last_error = None
    session.add(row)
    return True
