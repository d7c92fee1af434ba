"""A plain-text account of one application for operators (`citizen application show`)."""

from __future__ import annotations

from sqlmodel import Session, col, select

from citizen.applications.registry import channel_steps, status_history
from citizen.applications.tables import Application, ChatSubscription
from citizen.notifications.tables import Notification


def describe_application(session: Session, app: Application) -> str:
    """Number, regulation, status, the steps on its channel, history and notification states.

    The IIN is not shown: only its keyed hash is stored.
    """
    assert app.id is not None
    lines = [
        f"application {app.number}",
        f"  regulation   {app.regulation_id} via {app.channel}"
        + (f", office {app.office_id}" if app.office_id else ""),
        f"  submitted    {app.submitted_at:%Y-%m-%d %H:%M %Z}",
        f"  expected     {app.expected_ready_on or 'unknown'} ({app.expected_basis or '-'})",
        f"  status       {app.status}"
        + (f" at step {app.step_position + 1}" if app.step_position is not None else "")
        + (f", result: {app.result_delivery}" if app.result_delivery else ""),
        "  steps on this channel (1-based position, as in the API: actor - action):",
    ]
    for step in channel_steps(session, app):
        lines.append(f"    {step.position + 1}: {step.actor_ru} - {step.action_ru}")
    lines.append("  history:")
    for change in status_history(session, app.id):
        at_step = change.step_position
        extra = f" step {at_step + 1}" if at_step is not None else ""
        extra += f" {change.result_delivery}" if change.result_delivery else ""
        reason = change.reason_ru or change.reason_kk
        extra += f" reason: {reason}" if reason else ""
        lines.append(f"    {change.changed_at:%Y-%m-%d %H:%M:%S} {change.status}{extra} "
                     f"(by {change.actor})")
    subs = session.exec(
        select(ChatSubscription).where(ChatSubscription.application_id == app.id)
    ).all()
    lines.append(f"  subscribed chats: {len(subs)}")
    notes = session.exec(
        select(Notification)
        .where(Notification.application_id == app.id)
        .order_by(col(Notification.id))
    ).all()
    lines.append("  notifications (id change chat state attempts):")
    for n in notes:
        error = f" - {n.last_error}" if n.last_error else ""
        lines.append(
            f"    {n.id} {n.change_id} {n.chat_id} {n.state} {n.attempts}{error}"
        )
    return "\n".join(lines)
