"""Telegram chats known to the bot: language, blocked state.

The bot calls these when a user picks a language or comes back after blocking the bot; the
worker calls `mark_chat_blocked` when Telegram answers 403. Callers own the transaction.
"""

from __future__ import annotations

from sqlalchemy import update
from sqlmodel import Session, col

from citizen.catalogue.vocabulary import Locale
from citizen.notifications.tables import DeliveryState, Notification, utcnow
from citizen.notifications.tables import TelegramChat as TelegramChat
from citizen.settings import get_settings

# Waiting rows; a row being sent finishes on its own (its 403 or its delivery).
_UNSENT = [DeliveryState.CREATED.value, DeliveryState.TEMPORARY_FAILURE.value]


def get_chat(session: Session, chat_id: int) -> TelegramChat | None:
    return session.get(TelegramChat, chat_id)


def ensure_chat(session: Session, chat_id: int, locale: Locale | None = None) -> TelegramChat:
    """The chat's row, created with `locale` (or the default language) when first seen."""
    chat = session.get(TelegramChat, chat_id)
    if chat is None:
        chosen = locale or Locale(get_settings().default_locale)
        chat = TelegramChat(chat_id=chat_id, locale=chosen.value)
        session.add(chat)
        session.flush()
    return chat


def set_chat_locale(session: Session, chat_id: int, locale: Locale) -> TelegramChat:
    """Remember the chat's language; later notifications are rendered in it."""
    chat = ensure_chat(session, chat_id, locale)
    chat.locale = Locale(locale).value
    session.add(chat)
    session.flush()
    return chat


def mark_chat_blocked(session: Session, chat_id: int, reason: str = "blocked") -> None:
    """The user blocked the bot (or was deactivated): stop sending to this chat.

    Pending notifications for the chat can never be delivered now; they end as permanent
    failures at once instead of each earning its own 403.
    """
    chat = ensure_chat(session, chat_id)
    if chat.blocked_at is None:
        chat.blocked_at = utcnow()
        session.add(chat)
    session.execute(
        update(Notification)
        .where(col(Notification.chat_id) == chat_id)
        .where(col(Notification.state).in_(_UNSENT))
        .values(
            state=DeliveryState.PERMANENT_FAILURE.value,
            finished_at=utcnow(),
            last_error=f"chat {reason}",
        )
    )
    session.flush()


def mark_chat_returned(session: Session, chat_id: int) -> None:
    """The user wrote to the bot again (e.g. /start): notifications resume for new changes."""
    chat = ensure_chat(session, chat_id)
    if chat.blocked_at is not None:
        chat.blocked_at = None
        session.add(chat)
        session.flush()

