"""Inline mode: `@bot садик` in any chat offers service cards to share there."""

from __future__ import annotations

from aiogram import Bot, Router
from aiogram.types import (
    InlineQuery,
    InlineQueryResultArticle,
    InlineQueryResultsButton,
    InlineQueryResultUnion,
    InputTextMessageContent,
)
from sqlmodel import Session

from citizen.bot import keyboards
from citizen.bot.callbacks import key_of
from citizen.bot.routers.search import find
from citizen.bot.service_card import render_share, service_regions
from citizen.bot.texts import Texts
from citizen.catalogue import queries
from citizen.catalogue.tables import localized

MAX_INLINE_RESULTS = 10
DESCRIPTION_CHARS = 120


def deep_link(username: str, service_id: str) -> str:
    return f"https://t.me/{username}?start={service_id}"


async def inline_search(query: InlineQuery, bot: Bot, session: Session, t: Texts) -> None:
    text = " ".join(query.query.split())
    # The share button of a card puts the service id itself into the query.
    exact = queries.services_by_id(session, [text]) if text else {}
    ids = list(exact) or (find(session, text)[:MAX_INLINE_RESULTS] if text else [])
    if not ids:
        hint = t.plain("bot-inline-nothing" if text else "bot-inline-hint")
        await query.answer([], cache_time=10, is_personal=True,
                           button=InlineQueryResultsButton(text=hint, start_parameter="inline"))
        return
    me = await bot.me()
    services = queries.services_by_id(session, ids)
    results: list[InlineQueryResultUnion] = []
    for sid in ids:
        service = services[sid]
        link = deep_link(me.username or "", sid)
        card = render_share(t, service, service_regions(session, sid), link)
        result = localized(service, "result", t.locale) or ""
        results.append(
            InlineQueryResultArticle(
                id=key_of(sid),
                title=localized(service, "name", t.locale) or sid,
                description=result[:DESCRIPTION_CHARS],
                input_message_content=InputTextMessageContent(message_text=card),
                reply_markup=keyboards.open_in_bot(t, link),
            )
        )
    await query.answer(results, cache_time=30, is_personal=True)


def build_router() -> Router:
    """A fresh router: a router belongs to one dispatcher, and tests build several."""
    router = Router(name="inline")
    router.inline_query.register(inline_search)
    return router
