"""The citizen on the phone, as units of database work: an audited lookup, the application's
page data, an audited "send the notification again".

Each runs in one transaction off the event loop (`Database.run`) and first checks that the
operator's token is still live. The lookup goes through the applications core
(`find_application`, the citizen's own check, its failures counted per operator token, not per
IP address); every lookup, found or not, and every re-send is written to the audit log with its
outcome, and an operator over the window's limit is refused before anything is read.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from sqlmodel import Session, col, select

from citizen.applications import audit
from citizen.applications.audit import AuditAction, AuditOutcome
from citizen.applications.lookup import LookupOutcome, find_application
from citizen.applications.registry import status_history
from citizen.applications.resend import Requeued, requeue_latest_notice
from citizen.applications.tables import Application, ApplicationStatusChange, ChatSubscription
from citizen.applications.tracking import latest_change_id
from citizen.notifications.tables import Notification
from citizen.web.console.operators import live_operator
from citizen.web.console.session import Operator

_OUTCOMES = {
    LookupOutcome.FOUND: AuditOutcome.FOUND,
    LookupOutcome.NOT_FOUND: AuditOutcome.NOT_FOUND,
    LookupOutcome.INVALID_IIN: AuditOutcome.INVALID_IIN,
    LookupOutcome.THROTTLED: AuditOutcome.THROTTLED,
}


@dataclass(frozen=True, repr=False)
class LookupForm:
    """What the operator typed. `repr=False`: the IIN must not reach a log through a repr."""

    number: str
    iin: str
    reason: str


class TokenNoLongerLive(Exception):
    """The operator's token was revoked (or lost its role) since signing in."""


@dataclass(frozen=True)
class LookupResult:
    outcome: AuditOutcome
    application_id: int | None
    audit_id: int
    retry_after: int | None
    over_operator_limit: bool = False  # refused: this operator's lookups in the window


@dataclass(frozen=True)
class ApplicationView:
    """What the application page shows, read in one unit of work."""

    application: Application
    history: list[ApplicationStatusChange]
    chats: int  # subscribed Telegram chats
    latest_states: dict[str, int]  # delivery states of the latest change's messages
    reason: str  # the reason given for the lookup that proved it


def _live(session: Session, operator: Operator) -> None:
    if live_operator(session, operator.token_id) is None:
        raise TokenNoLongerLive


def run_lookup(
    session: Session,
    operator: Operator,
    form: LookupForm,
    window: dt.timedelta,
    max_lookups: int,
) -> LookupResult:
    """One audited lookup (or one audited refusal), in the caller's transaction."""
    _live(session, operator)

    def log(outcome: AuditOutcome, app_id: int | None = None) -> int:
        row = audit.record(
            session,
            token_id=operator.token_id,
            operator=operator.name,
            action=AuditAction.LOOKUP,
            number=form.number,
            reason=form.reason,
            outcome=outcome,
            application_id=app_id,
        )
        assert row.id is not None
        return row.id

    if audit.recent_lookups(session, operator.token_id, window) >= max_lookups:
        audit_id = log(AuditOutcome.THROTTLED)
        return LookupResult(AuditOutcome.THROTTLED, None, audit_id, int(window.total_seconds()),
                            over_operator_limit=True)
    found = find_application(session, form.number, form.iin, f"operator:{operator.token_id}")
    app_id = found.application.id if found.application else None
    outcome = _OUTCOMES[found.outcome]
    return LookupResult(outcome, app_id, log(outcome, app_id), found.retry_after)


def read_view(session: Session, operator: Operator, app_id: int, audit_id: int
              ) -> ApplicationView | None:
    _live(session, operator)
    app = session.get(Application, app_id)
    if app is None:
        return None
    chats = session.exec(
        select(ChatSubscription).where(ChatSubscription.application_id == app_id)
    ).all()
    latest = latest_change_id(session, app_id)
    states = session.exec(
        select(Notification.state).where(col(Notification.change_id) == latest)
    ).all()
    entry = session.get(audit.OperatorAudit, audit_id)
    return ApplicationView(
        application=app,
        history=status_history(session, app_id),
        chats=len(chats),
        latest_states=dict(Counter(states)),
        reason=entry.reason if entry else "",
    )


def run_resend(session: Session, operator: Operator, app_id: int, reason: str) -> Requeued:
    _live(session, operator)
    app = session.get(Application, app_id)
    if app is None:
        return Requeued(None, 0, 0, 0)
    done = requeue_latest_notice(session, app_id)
    audit.record(
        session,
        token_id=operator.token_id,
        operator=operator.name,
        action=AuditAction.RESEND,
        number=app.number,
        application_id=app_id,
        reason=reason,
        outcome=AuditOutcome.QUEUED if done.queued else AuditOutcome.NOTHING_TO_SEND,
        notices=done.queued,
    )
    return done
