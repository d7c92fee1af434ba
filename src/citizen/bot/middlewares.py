"""Per-update context for handlers: the catalogue snapshot, and the chat's language.

Handlers receive `catalogue` (the snapshot of the catalogue taken once for the update: one
consistent view, no database), `db` (the `Database` runner: every database read or write is a
short unit of work in its thread pool, never on the event loop and never across a network
await), `t` (the chat's `Texts`), `locale`, and `locale_chosen` (False until the person has
picked a language; the greeting asks then, everything else answers in the suggested language).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import CallbackQuery, Message, TelegramObject, Update, User
from sqlmodel import Session

from citizen.bot.texts import Texts
from citizen.catalogue.live import LiveCatalogue
from citizen.catalogue.vocabulary import Locale
from citizen.db import Database, DatabaseUnavailable
from citizen.notifications.chats import get_chat, mark_chat_returned

log = logging.getLogger(__name__)

Handler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]


class SnapshotMiddleware(BaseMiddleware):
    """The catalogue snapshot an update is answered from, taken once when it arrives."""

    def __init__(self, catalogue: LiveCatalogue):
        self.catalogue = catalogue

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        data["catalogue"] = self.catalogue.current
        return await handler(event, data)


def suggested_locale(user: User | None, default: str) -> Locale:
    """The language to offer first: the one Telegram's interface uses, when it is one of ours."""
    code = (user.language_code or "").lower() if user else ""
    for locale in Locale:
        if code == locale.value or code.startswith(locale.value + "-"):
            return locale
    return Locale(default)


@dataclass(frozen=True)
class ChatSettings:
    """What the bot keeps about a chat, read in one short unit of work."""

    locale: Locale
    blocked: bool


def read_chat(session: Session, chat_id: int) -> ChatSettings | None:
    chat = get_chat(session, chat_id)
    return None if chat is None else ChatSettings(Locale(chat.locale), chat.blocked_at is not None)


class LocaleMiddleware(BaseMiddleware):
    """The chat's stored language; a person who blocked the bot and writes again has returned.

    When the database cannot be read right now, the update is still answered — in the language
    Telegram suggests, without asking for one (the choice could not be stored anyway): the
    catalogue needs no database, and a database-bound action says "try again" on its own.
    """

    def __init__(self, default_locale: str, db: Database):
        self.default_locale = default_locale
        self.db = db

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        user: User | None = data.get("event_from_user")
        chat_id = _private_chat_id(data)
        suggested = suggested_locale(user, self.default_locale)
        chat: ChatSettings | None = None
        known = True
        if chat_id is not None:
            try:
                chat = await self.db.run(lambda s: read_chat(s, chat_id))
            except DatabaseUnavailable as exc:
                log.warning("chat language not read (%s): answering in the suggested one",
                            exc.reason)
            else:
                known = chat is not None
            if chat is not None and chat.blocked and _is_personal(event):
                # Writing to the bot or pressing its buttons again means the block was lifted.
                await self._mark_returned(chat_id)
        locale = chat.locale if chat is not None else suggested
        data["locale"] = locale
        data["suggested_locale"] = suggested
        data["locale_chosen"] = known
        data["t"] = Texts(locale)
        return await handler(event, data)

    async def _mark_returned(self, chat_id: int) -> None:
        try:
            await self.db.run(lambda s: mark_chat_returned(s, chat_id))
        except DatabaseUnavailable as exc:  # the next message will try again
            log.warning("chat %s not marked as returned: %s", chat_id, exc.reason)


def _private_chat_id(data: dict[str, Any]) -> int | None:
    # Settings belong to the person: their private chat has their user id.
    user: User | None = data.get("event_from_user")
    return user.id if user is not None else None


def _is_personal(event: TelegramObject) -> bool:
    if isinstance(event, Update):
        return event.message is not None or event.callback_query is not None
    return isinstance(event, Message | CallbackQuery)
