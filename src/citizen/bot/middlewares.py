"""Per-update context for handlers: a database session, and the chat's language.

Handlers receive `session` (committed when the handler succeeds, rolled back when it raises),
`t` (the chat's `Texts`), `locale`, and `locale_chosen` (False until the person has picked a
language; the greeting asks then, everything else answers in the suggested language).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import CallbackQuery, Message, TelegramObject, Update, User
from sqlalchemy.engine import Engine
from sqlmodel import Session

from citizen.bot.texts import Texts
from citizen.catalogue.vocabulary import Locale
from citizen.notifications.chats import get_chat, mark_chat_returned

Handler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]


class DbSessionMiddleware(BaseMiddleware):
    def __init__(self, engine: Engine):
        self.engine = engine

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        with Session(self.engine, expire_on_commit=False) as session:
            data["session"] = session
            try:
                result = await handler(event, data)
                session.commit()
            except BaseException:
                session.rollback()
                raise
            return result


def suggested_locale(user: User | None, default: str) -> Locale:
    """The language to offer first: the one Telegram's interface uses, when it is one of ours."""
    code = (user.language_code or "").lower() if user else ""
    for locale in Locale:
        if code == locale.value or code.startswith(locale.value + "-"):
            return locale
    return Locale(default)


class LocaleMiddleware(BaseMiddleware):
    """The chat's stored language; a person who blocked the bot and writes again has returned."""

    def __init__(self, default_locale: str):
        self.default_locale = default_locale

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        session: Session = data["session"]
        user: User | None = data.get("event_from_user")
        chat_id = _private_chat_id(data)
        chat = get_chat(session, chat_id) if chat_id is not None else None
        suggested = suggested_locale(user, self.default_locale)
        locale = Locale(chat.locale) if chat is not None else suggested
        if chat is not None and chat.blocked_at is not None and _is_personal(event):
            # Writing to the bot or pressing its buttons again means the block was lifted.
            mark_chat_returned(session, chat.chat_id)
        data["locale"] = locale
        data["suggested_locale"] = suggested
        data["locale_chosen"] = chat is not None
        data["t"] = Texts(locale)
        return await handler(event, data)


def _private_chat_id(data: dict[str, Any]) -> int | None:
    # Settings belong to the person: their private chat has their user id.
    user: User | None = data.get("event_from_user")
    return user.id if user is not None else None


def _is_personal(event: TelegramObject) -> bool:
    if isinstance(event, Update):
        return event.message is not None or event.callback_query is not None
    return isinstance(event, Message | CallbackQuery)
