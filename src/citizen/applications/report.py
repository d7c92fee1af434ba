"""An account of one application for operators (`citizen application show`), in either language.

Statuses, steps and the service come in the operator's language (the catalogue snapshot's texts
and the shared labels); the column headings are the command's own, in English. The IIN is not
shown: only its keyed hash is stored.
"""

from __future__ import annotations

from sqlmodel import Session, col, select

from citizen.applications.registry import path_steps, status_history
from citizen.applications.statuses import ApplicationStatus
from citizen.applications.tables import Application, ApplicationStatusChange, ChatSubscription
from citizen.catalogue.snapshot import CatalogueSnapshot
from citizen.catalogue.vocabulary import Channel, Locale
from citizen.i18n import format_date, in_reader_language, label
from citizen.notifications.tables import Notification


def describe_application(
    session: Session, catalogue: CatalogueSnapshot, app: Application, locale: Locale | str
) -> str:
    """Number, service, status, the steps on its channel, history and notification states."""
    assert app.id is not None
    service = catalogue.service(app.service_id)
    expected = format_date(app.expected_ready_on, locale) if app.expected_ready_on else "-"
    lines = [
        f"application {app.number}",
        f"  service      {service.name(locale) if service else app.service_id}",
        f"  regulation   {app.regulation_id}, {label(Channel(app.channel), locale)}"
        + (f", office {app.office_id}" if app.office_id else ""),
        f"  submitted    {app.submitted_at:%Y-%m-%d %H:%M %Z}",
        f"  expected     {expected} ({app.expected_basis or '-'})",
        f"  status       {_status(app.status, app.step_number, locale)}",
        "  steps on this channel (numbered as in the regulation):",
    ]
    for step in path_steps(catalogue, app):
        lines.append(f"    {step.number}. {step.actor(locale)} - {step.action(locale)}")
    lines.append("  history:")
    for change in status_history(session, app.id):
        lines.append(f"    {change.changed_at:%Y-%m-%d %H:%M:%S} {_change(change, locale)}")
    lines += _subscriptions(session, app.id)
    return "\n".join(lines)


def _status(status: str, step: int | None, locale: Locale | str) -> str:
    text = label(ApplicationStatus(status), locale)
    return f"{text}, step {step}" if step is not None else text


def _change(change: ApplicationStatusChange, locale: Locale | str) -> str:
    text = _status(change.status, change.step_number, locale)
    if change.result_delivery:
        text += f" ({change.result_delivery})"
    reason = in_reader_language(change.reason_kk, change.reason_ru, locale)
    if reason:
        text += f"; reason{' (other language)' if reason[1] else ''}: {reason[0]}"
    return f"{text} (by {change.actor})"


def _subscriptions(session: Session, application_id: int) -> list[str]:
    subs = session.exec(
        select(ChatSubscription).where(ChatSubscription.application_id == application_id)
    ).all()
    notes = session.exec(
        select(Notification)
        .where(Notification.application_id == application_id)
        .order_by(col(Notification.id))
    ).all()
    lines = [f"  subscribed chats: {len(subs)}", "  notifications (id change chat state attempts):"]
    for n in notes:
        error = f" - {n.last_error}" if n.last_error else ""
        lines.append(f"    {n.id} {n.change_id} {n.chat_id} {n.state} {n.attempts}{error}")
    return lines
