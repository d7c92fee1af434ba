"""Stored form of applications, their status history, chat subscriptions and API tokens.

Catalogue ids (service, region, regulation, office) are plain strings without foreign keys on
purpose: the catalogue is reference data reloaded from files and may drop a regulation, while
an application keeps its history. They are validated against the catalogue on registration.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, BigInteger, Column, ForeignKey, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from citizen.notifications.tables import utcnow


class Application(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    number: str = Field(max_length=64, unique=True)  # the receipt number (қолхат нөмірі)
    service_id: str = Field(max_length=64, index=True)
    region_id: str = Field(max_length=64)
    regulation_id: str = Field(max_length=140)  # the catalogue's `<service>/<region>`
    channel: str = Field(max_length=32)
    office_id: str | None = Field(default=None, max_length=64)
    iin_hash: str = Field(max_length=64, index=True)  # HMAC-SHA256 of the IIN; never the IIN
    submitted_at: dt.datetime
    expected_ready_on: dt.date | None = None
    expected_basis: str | None = Field(default=None, max_length=16)  # stated | steps
    status: str = Field(max_length=32)
    # While in progress: the step, stored 0-based as the catalogue stores step positions.
    # People, the API and the core count steps from 1: read `step_number`.
    step_position: int | None = None
    result_delivery: str | None = Field(default=None, max_length=16)  # office | portal_cabinet
    status_changed_at: dt.datetime
    version: int = 1  # bumped by every change; guards against concurrent changes
    created_at: dt.datetime = Field(default_factory=utcnow)

    @property
    def step_number(self) -> int | None:
        """The regulation's number of the current step (from 1), while in progress."""
        return None if self.step_position is None else self.step_position + 1


class ApplicationStatusChange(SQLModel, table=True):
    """One entry of the status history, the first being `accepted` on registration."""

    __tablename__ = "application_status_change"

    id: int | None = Field(default=None, primary_key=True)
    application_id: int = Field(foreign_key="application.id", index=True)
    status: str = Field(max_length=32)
    step_position: int | None = None  # stored 0-based, like Application.step_position
    result_delivery: str | None = Field(default=None, max_length=16)
    office_id: str | None = Field(default=None, max_length=64)  # where to collect a result
    # The provider's own words for a refusal, in the languages it gave them.
    reason_kk: str | None = None
    reason_ru: str | None = None
    changed_at: dt.datetime
    actor: str = Field(max_length=80)  # the API token's name, or "cli"

    @property
    def step_number(self) -> int | None:
        """The regulation's number of the step (from 1), for an in-progress entry."""
        return None if self.step_position is None else self.step_position + 1


class ChatSubscription(SQLModel, table=True):
    """A Telegram chat that asked to hear about an application (proved number + IIN)."""

    __tablename__ = "chat_subscription"
    __table_args__ = (Index("ix_chat_subscription_application", "application_id"),)

    chat_id: int = Field(
        sa_column=Column(
            BigInteger,
            ForeignKey("telegram_chat.chat_id"),
            primary_key=True,
            autoincrement=False,
        )
    )
    application_id: int = Field(foreign_key="application.id", primary_key=True)
    created_at: dt.datetime = Field(default_factory=utcnow)


class LookupThrottle(SQLModel, table=True):
    """Failed lookups per client and per receipt number, to slow down IIN guessing."""

    __tablename__ = "lookup_throttle"
    __table_args__ = (Index("ix_lookup_throttle_window_started_at", "window_started_at"),)

    key: str = Field(primary_key=True, max_length=64)  # keyed hash of "client:…" / "number:…"
    failures: int = 0
    window_started_at: dt.datetime
    blocked_until: dt.datetime | None = None


class ApiToken(SQLModel, table=True):
    """A bearer token for provider systems and operators; only its SHA-256 is stored."""

    __tablename__ = "api_token"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=80, unique=True)
    role: str = Field(max_length=16)
    token_hash: str = Field(max_length=64, unique=True)
    prefix: str = Field(max_length=12)  # the first characters, to recognise a token in a list
    created_at: dt.datetime = Field(default_factory=utcnow)
    revoked_at: dt.datetime | None = None
    last_used_at: dt.datetime | None = None
    # The scope of its write permissions: the regions (and, when set, the services) whose
    # applications it may register and change. Null regions: none (an operator's default).
    regions: list[str] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    services: list[str] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    # Permissions granted beyond the role's own (an operator allowed to change statuses).
    grants: list[str] | None = Field(default=None, sa_column=Column(JSON, nullable=True))


class IinKeyState(SQLModel, table=True):
    """Which chain of IIN keys the stored hashes are under (one row), to refuse a wrong one."""

    __tablename__ = "iin_key_state"

    id: int = Field(default=1, primary_key=True)
    generation: int = 0  # rotations applied: the chain has generation + 1 keys
    fingerprint: str = Field(max_length=16)  # of the newest key; see iin.key_fingerprint
    rotated_at: dt.datetime | None = None



class IdempotencyKey(SQLModel, table=True):
    """A request's idempotency key, claimed in the same transaction as the change it made."""

    __tablename__ = "idempotency_key"
    __table_args__ = (UniqueConstraint("actor", "key"),)

    id: int | None = Field(default=None, primary_key=True)
    actor: str = Field(max_length=80)  # "token:<name>" or "cli": keys are scoped to their actor
    key: str = Field(max_length=200)
    operation: str = Field(max_length=40)  # register_application | change_application_status
    fingerprint: str = Field(max_length=64)  # SHA-256 of the operation and its input
    application_id: int | None = Field(default=None, foreign_key="application.id")
    change_id: int | None = Field(default=None, foreign_key="application_status_change.id")
    created_at: dt.datetime = Field(default_factory=utcnow, index=True)  # expiry counts from it


class SubscriptionLink(SQLModel, table=True):
    """A one-time, expiring code that subscribes whichever chat opens it to one application.

    Handed out by a provider system or an operator (`t.me/<bot>?start=<code>`); only a SHA-256
    of the code is stored, and a code works once.
    """

    __tablename__ = "subscription_link"

    id: int | None = Field(default=None, primary_key=True)
    code_hash: str = Field(max_length=64, unique=True)
    application_id: int = Field(foreign_key="application.id", index=True)
    created_by: str = Field(max_length=80)  # the API token's name, or "cli"
    created_at: dt.datetime = Field(default_factory=utcnow)
    expires_at: dt.datetime
    used_at: dt.datetime | None = None
    used_by_chat: int | None = Field(default=None, sa_type=BigInteger)
