"""The operators' audit log: every look at a citizen's application, and every re-sent notice.

An operator reads an application on a citizen's behalf only with the citizen's proof (receipt
number and IIN) and a reason. Each attempt is written here, found or not: who (the operator's
token name and id), when, which application (or the number tried), why, and what came of it.
The IIN is never written: it is the proof, not part of the record.

The log also paces operators: `recent_lookups` counts one operator's lookups in a window, so a
stolen or misused operator token cannot page through citizens' applications.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from sqlalchemy import Index, func
from sqlmodel import Field, Session, SQLModel, col, select

from citizen.notifications.tables import utcnow

REASON_MIN, REASON_MAX = 5, 500
NUMBER_MAX = 64


class AuditAction(StrEnum):
    LOOKUP = "lookup"  # an application looked up by receipt number + IIN
    RESEND = "resend"  # the latest status message queued again for the subscribed chats


class AuditOutcome(StrEnum):
    FOUND = "found"
    NOT_FOUND = "not_found"  # no such number, or the IIN is not its applicant's
    INVALID_IIN = "invalid_iin"
    THROTTLED = "throttled"  # refused: too many lookups or failures
    QUEUED = "queued"  # resend: messages queued again (the count is in `notices`)
    NOTHING_TO_SEND = "nothing_to_send"  # resend: no chat to send to, or all already waiting


class OperatorAudit(SQLModel, table=True):
    __tablename__ = "operator_audit"
    __table_args__ = (Index("ix_operator_audit_token_at", "token_id", "at"),)

    id: int | None = Field(default=None, primary_key=True)
    at: dt.datetime = Field(default_factory=utcnow)
    token_id: int = Field(foreign_key="api_token.id")
    operator: str = Field(max_length=80)  # the token's name at the time
    action: str = Field(max_length=16)
    number: str = Field(max_length=NUMBER_MAX)  # the receipt number tried (as typed, trimmed)
    application_id: int | None = Field(default=None, foreign_key="application.id", index=True)
    reason: str = Field(max_length=REASON_MAX)
    outcome: str = Field(max_length=24)
    notices: int | None = None  # resend: how many messages were queued


def clean_reason(text: str | None) -> str | None:
    """The reason as stored (whitespace collapsed), or None when it is too short to mean much."""
    reason = " ".join((text or "").split())
    return reason[:REASON_MAX] if len(reason) >= REASON_MIN else None


def record(
    session: Session,
    *,
    token_id: int,
    operator: str,
    action: AuditAction,
    number: str,
    reason: str,
    outcome: AuditOutcome,
    application_id: int | None = None,
    notices: int | None = None,
) -> OperatorAudit:
    """Write one entry through the caller's session (committed with the work it records)."""
    row = OperatorAudit(
        token_id=token_id,
        operator=operator,
        action=action.value,
        number=number.strip()[:NUMBER_MAX],
        application_id=application_id,
        reason=reason[:REASON_MAX],
        outcome=outcome.value,
        notices=notices,
    )
    session.add(row)
    session.flush()
    return row


def recent_lookups(session: Session, token_id: int, window: dt.timedelta) -> int:
    """Lookups an operator made in the last `window` (refused ones do not count again)."""
    since = utcnow() - window
    stmt = select(func.count()).where(
        col(OperatorAudit.token_id) == token_id,
        col(OperatorAudit.action) == AuditAction.LOOKUP.value,
        col(OperatorAudit.outcome) != AuditOutcome.THROTTLED.value,
        col(OperatorAudit.at) > since,
    )
    return int(session.exec(stmt).one())
