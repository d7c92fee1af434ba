"""Notification messages, rendered at delivery time from Fluent in the chat's language.

Rendering late means a chat that switched language, or a catalogue fixed in the meantime (an
office's hours), is reflected in what is sent. A message is one text and, for a result waiting
at an office whose coordinates are known, a venue (map point) after it.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from citizen.applications.registry import channel_steps
from citizen.applications.statuses import ApplicationStatus, ResultDelivery
from citizen.applications.tables import Application, ApplicationStatusChange
from citizen.catalogue import queries
from citizen.catalogue import tables as ct
from citizen.catalogue.tables import localized
from citizen.catalogue.vocabulary import Locale
from citizen.i18n import format_date, translator
from citizen.notifications.tables import Notification, TelegramChat


@dataclass(frozen=True)
class TextPart:
    text: str


@dataclass(frozen=True)
class VenuePart:
    latitude: float
    longitude: float
    title: str
    address: str


Part = TextPart | VenuePart


@dataclass(frozen=True)
class RenderedMessage:
    locale: Locale
    parts: tuple[Part, ...]

    @property
    def text(self) -> str:
        return next(p.text for p in self.parts if isinstance(p, TextPart))


def render_notification(session: Session, notification: Notification) -> RenderedMessage:
    """The message for an outbox row, in its chat's current language."""
    chat = session.get(TelegramChat, notification.chat_id)
    app = session.get(Application, notification.application_id)
    change = session.get(ApplicationStatusChange, notification.change_id)
    if app is None or change is None:
        raise LookupError(f"notification {notification.id} refers to missing rows")
    locale = Locale(chat.locale) if chat else Locale.KK
    return render_change(session, app, change, locale)


def render_change(
    session: Session, app: Application, change: ApplicationStatusChange, locale: Locale
) -> RenderedMessage:
    """The message about one status change (also usable to show the current status)."""
    t = translator()
    status = ApplicationStatus(change.status)
    key = _key(status, change)
    service = session.get(ct.Service, app.service_id)
    name = localized(service, "name", locale) if service else app.service_id
    blocks = [t(locale, "notification-header", number=app.number, service=name)]
    if status == ApplicationStatus.IN_PROGRESS:
        blocks.append(_step_text(session, app, change, locale))
    else:
        blocks.append(t(locale, f"notification-status-{key}"))
    reason = _reason(change, locale)
    if reason:
        blocks.append(reason)
    at_office = key == "result_ready-office"
    office = _office(session, change.office_id or app.office_id) if at_office else None
    if not at_office or office is not None:  # "collect it at the address below" needs one
        blocks.append(t(locale, f"notification-next-{key}"))
    waiting = status in (ApplicationStatus.ACCEPTED, ApplicationStatus.IN_PROGRESS)
    if waiting and app.expected_ready_on is not None:
        day = format_date(app.expected_ready_on, locale)
        blocks.append(t(locale, "notification-expected", date=day))
    if at_office:
        blocks.append(_office_text(office, locale))
    venue = _venue(office, locale) if at_office else None
    parts: list[Part] = [TextPart("\n\n".join(blocks))]
    if venue is not None:
        parts.append(venue)
    return RenderedMessage(locale, tuple(parts))


def _key(status: ApplicationStatus, change: ApplicationStatusChange) -> str:
    if status == ApplicationStatus.RESULT_READY:
        return f"{status.value}-{change.result_delivery or ResultDelivery.OFFICE.value}"
    return status.value


def _step_text(
    session: Session, app: Application, change: ApplicationStatusChange, locale: Locale
) -> str:
    t = translator()
    steps = channel_steps(session, app)
    index = next((i for i, s in enumerate(steps) if s.position == change.step_position), None)
    if index is None:  # the catalogue no longer has this step: say less, never guess
        return t(locale, "notification-status-in_progress-unknown-step")
    step = steps[index]
    return t(
        locale,
        "notification-status-in_progress",
        step=index + 1,
        steps=len(steps),
        actor=localized(step, "actor", locale) or "",
        action=(localized(step, "action", locale) or "").rstrip(". "),
    )


def _reason(change: ApplicationStatusChange, locale: Locale) -> str | None:
    """The provider's reason, in the reader's language when given in it, else the other one."""
    own = change.reason_kk if locale == Locale.KK else change.reason_ru
    other = change.reason_ru if locale == Locale.KK else change.reason_kk
    if own:
        return translator()(locale, "notification-reason", reason=own)
    if other:
        return translator()(locale, "notification-reason-other-language", reason=other)
    return None


def _office(session: Session, office_id: str | None) -> ct.Office | None:
    return queries.office(session, office_id) if office_id else None


def _office_text(office: ct.Office | None, locale: Locale) -> str:
    t = translator()
    if office is None:
        return t(locale, "notification-office-unknown")
    lines = [
        localized(office, "name", locale) or "",
        t(locale, "notification-office-address", address=localized(office, "address", locale)),
        t(locale, "notification-office-hours", hours=localized(office, "opening_hours", locale)),
    ]
    if office.phone:
        lines.append(t(locale, "notification-office-phone", phone=office.phone))
    if office.example:
        lines.append(t(locale, "office-example-mark"))
    return "\n".join(lines)


def _venue(office: ct.Office | None, locale: Locale) -> VenuePart | None:
    if office is None or office.latitude is None or office.longitude is None:
        return None
    address = localized(office, "address", locale) or ""
    if office.example:  # the map point stands alone in the chat: it carries the mark too
        address = translator()(locale, "notification-venue-example", address=address)
    title = localized(office, "name", locale) or ""
    return VenuePart(office.latitude, office.longitude, title, address)
