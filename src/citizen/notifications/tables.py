"""Stored form of Telegram chats and the notification outbox.

A notification row is written in the same transaction as the status change that causes it
(the transactional outbox); the delivery worker claims rows with a lease and moves them to a
final state. States follow GOV.UK Notify: created, sending, delivered, temporary_failure,
permanent_failure, technical_failure.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from sqlalchemy import BigInteger, Column, ForeignKey, Index, UniqueConstraint
from sqlmodel import Field, SQLModel


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class DeliveryState(StrEnum):
    CREATED = "created"  # written by the status change, never tried
    SENDING = "sending"  # claimed by a worker until `lease_until`
    DELIVERED = "delivered"  # Telegram accepted every part
    TEMPORARY_FAILURE = "temporary_failure"  # will be retried at `next_attempt_at`
    PERMANENT_FAILURE = "permanent_failure"  # the chat cannot receive it (blocked, deleted)
    TECHNICAL_FAILURE = "technical_failure"  # retries exhausted (5xx, network, timeouts)


FINAL_STATES = frozenset(
    {
        DeliveryState.DELIVERED,
        DeliveryState.PERMANENT_FAILURE,
        DeliveryState.TECHNICAL_FAILURE,
    }
)
ACTIVE_STATES = frozenset(
    {DeliveryState.CREATED, DeliveryState.SENDING, DeliveryState.TEMPORARY_FAILURE}
)


class TelegramChat(SQLModel, table=True):
    """A private chat with the bot: its language, whether it blocked us, and its pacing slot."""

    __tablename__ = "telegram_chat"

    # Telegram ids exceed 32 bits; they are given by Telegram, never generated here.
    chat_id: int = Field(
        sa_column=Column(BigInteger, primary_key=True, autoincrement=False)
    )
    locale: str = Field(max_length=8)
    blocked_at: dt.datetime | None = None
    created_at: dt.datetime = Field(default_factory=utcnow)
    # The earliest moment the next message may go to this chat. A worker that claims the chat's
    # head message moves it to the end of its lease, which keeps other workers off the chat.
    next_send_at: dt.datetime | None = None


class Notification(SQLModel, table=True):
    """One message about one status change to one subscribed chat."""

    __tablename__ = "notification"
    __table_args__ = (
        UniqueConstraint("change_id", "chat_id"),
        Index("ix_notification_chat_state", "chat_id", "state", "id"),
        Index("ix_notification_state_due", "state", "next_attempt_at"),
        Index("ix_notification_finished_at", "finished_at"),  # retention deletes by age
    )

    id: int | None = Field(default=None, primary_key=True)
    chat_id: int = Field(
        sa_column=Column(BigInteger, ForeignKey("telegram_chat.chat_id"), nullable=False)
    )
    application_id: int = Field(foreign_key="application.id", index=True)
    change_id: int = Field(foreign_key="application_status_change.id")
    state: str = Field(default=DeliveryState.CREATED.value, max_length=24)
    attempts: int = 0  # sends tried, whatever their outcome
    failures: int = 0  # 5xx, network errors, timeouts and lost leases; bounded by settings
    parts_done: int = 0  # a "ready" message is text + venue; a retry resumes after the sent part
    next_attempt_at: dt.datetime = Field(default_factory=utcnow)
    lease_until: dt.datetime | None = None
    claim_token: str | None = Field(default=None, max_length=36)
    created_at: dt.datetime = Field(default_factory=utcnow)
    finished_at: dt.datetime | None = None
    last_error: str | None = Field(default=None, max_length=500)
    telegram_message_id: int | None = Field(default=None, sa_type=BigInteger)


class SendBudget(SQLModel, table=True):
    """One bot token's send budget, shared by every worker (PostgreSQL; see `pacing.py`).

    Times are seconds since the epoch on the database's clock, so that workers on different
    hosts agree on them whatever their own clocks say.
    """

    __tablename__ = "send_budget"

    bot_key: str = Field(primary_key=True, max_length=64)  # the bot's id (the token's prefix)
    next_free_at: float = 0.0  # the next free send slot
    paused_until: float = 0.0  # a 429's retry_after: no worker sends before this


class BotDialogueState(SQLModel, table=True):
    """Where a person is in a dialogue with the bot (aiogram FSM state and data).

    Kept in the database so that a dialogue goes on after a restart and whichever webhook
    process gets the next update. Never holds an IIN (the tracking dialogue drops it at once).
    """

    __tablename__ = "bot_dialogue_state"

    key: str = Field(primary_key=True, max_length=200)  # bot:chat:user[:thread][:business]:destiny
    state: str | None = Field(default=None, max_length=200)
    data: str = "{}"  # JSON object
    updated_at: dt.datetime = Field(default_factory=utcnow, index=True)
