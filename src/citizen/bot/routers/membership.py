"""Telegram tells the bot when a person blocks it and when they unblock it.

A blocked chat gets no more messages (the delivery worker checks `blocked_at`); unblocking, or
writing to the bot again (see `LocaleMiddleware`), lifts that.
"""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import KICKED, MEMBER, ChatMemberUpdatedFilter
from aiogram.types import ChatMemberUpdated

from citizen.db import Database
from citizen.notifications.chats import mark_chat_blocked, mark_chat_returned


async def blocked(event: ChatMemberUpdated, db: Database) -> None:
    chat_id = event.chat.id
    await db.run(lambda s: mark_chat_blocked(s, chat_id))


async def unblocked(event: ChatMemberUpdated, db: Database) -> None:
    chat_id = event.chat.id
    await db.run(lambda s: mark_chat_returned(s, chat_id))


def build_router() -> Router:
    """A fresh router: a router belongs to one dispatcher, and tests build several."""
    router = Router(name="membership")
    router.my_chat_member.filter(F.chat.type == "private")
    router.my_chat_member.register(blocked, ChatMemberUpdatedFilter(member_status_changed=KICKED))
    router.my_chat_member.register(unblocked, ChatMemberUpdatedFilter(member_status_changed=MEMBER))
    return router
