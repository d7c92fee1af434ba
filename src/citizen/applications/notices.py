"""What a chat is told about a status change, rendered at delivery time in the chat's language.

Rendering late means a chat that switched language, or a catalogue fixed in the meantime (an
office's hours), is reflected in what is sent. A message is one text and, for a result waiting
at an office whose coordinates are known, a venue (map point) after it. Catalogue facts (the
service's name, the step, the office) come from the catalogue snapshot, the same every door
answers from; a step is named by the regulation's own number, as on the card and in the API.
"""

from __future__ import annotations

from sqlmodel import Session

from citizen.applications.statuses import ApplicationStatus, ResultDelivery
from citizen.applications.tables import Application, ApplicationStatusChange
from citizen.catalogue.model import Office
from citizen.catalogue.snapshot import CatalogueSnapshot
from citizen.catalogue.vocabulary import Locale
from citizen.i18n import format_date, in_reader_language, translator
from citizen.notifications.rendering import Part, RenderedMessage, TextPart, VenuePart
from citizen.notifications.tables import Notification, TelegramChat


def render_notice(
    session: Session, catalogue: CatalogueSnapshot, notification: Notification
) -> RenderedMessage:
    """The message for an outbox row, in its chat's current language."""
    chat = session.get(TelegramChat, notification.chat_id)
    app = session.get(Application, notification.application_id)
    change = session.get(ApplicationStatusChange, notification.change_id)
    if app is None or change is None:
        raise LookupError(f"notification {notification.id} refers to missing rows")
    locale = Locale(chat.locale) if chat else Locale.KK
    return render_change(catalogue, app, change, locale)


def render_change(
    catalogue: CatalogueSnapshot,
    app: Application,
    change: ApplicationStatusChange,
    locale: Locale,
) -> RenderedMessage:
    """The message about one status change (also usable to show the current status)."""
    t = translator()
    status = ApplicationStatus(change.status)
    key = _key(status, change)
    service = catalogue.service(app.service_id)
    name = service.name(locale) if service else app.service_id
    blocks = [t(locale, "notification-header", number=app.number, service=name)]
    if status == ApplicationStatus.IN_PROGRESS:
        blocks.append(_step_text(catalogue, app, change, locale))
    else:
        blocks.append(t(locale, f"notification-status-{key}"))
    reason = _reason(change, locale)
    if reason:
        blocks.append(reason)
    at_office = key == "result_ready-office"
    office_id = change.office_id or app.office_id
    office = catalogue.office(office_id) if at_office and office_id else None
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
    catalogue: CatalogueSnapshot,
    app: Application,
    change: ApplicationStatusChange,
    locale: Locale,
) -> str:
    t = translator()
    regulation = catalogue.regulation(app.service_id, app.region_id)
    number = change.step_number
    step = regulation.step(number) if regulation and number else None
    if regulation is None or step is None:  # no longer in the catalogue: say less, never guess
        return t(locale, "notification-status-in_progress-unknown-step")
    return t(
        locale,
        "notification-status-in_progress",
        step=step.number,
        steps=len(regulation.steps),
        actor=step.actor(locale),
        action=step.action(locale).rstrip(". "),
    )


def _reason(change: ApplicationStatusChange, locale: Locale) -> str | None:
    """The provider's reason, in the reader's language when given in it, else marked."""
    found = in_reader_language(change.reason_kk, change.reason_ru, locale)
    if found is None:
        return None
    text, other_language = found
    message = "notification-reason-other-language" if other_language else "notification-reason"
    return translator()(locale, message, reason=text)


def _office_text(office: Office | None, locale: Locale) -> str:
    t = translator()
    if office is None:
        return t(locale, "notification-office-unknown")
    lines = [
        office.name(locale),
        t(locale, "notification-office-address", address=office.address(locale)),
        t(locale, "notification-office-hours", hours=office.opening_hours(locale)),
    ]
    if office.phone:
        lines.append(t(locale, "notification-office-phone", phone=office.phone))
    if office.example:
        lines.append(t(locale, "office-example-mark"))
    return "\n".join(lines)


def _venue(office: Office | None, locale: Locale) -> VenuePart | None:
    if office is None or office.latitude is None or office.longitude is None:
        return None
    address = office.address(locale)
    if office.example:  # the map point stands alone in the chat: it carries the mark too
        address = translator()(locale, "notification-venue-example", address=address)
    return VenuePart(office.latitude, office.longitude, office.name(locale), address)
