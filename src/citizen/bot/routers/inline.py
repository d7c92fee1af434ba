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

from citizen.bot import keyboards
from citizen.bot.callbacks import short_key
from citizen.bot.routers.search import find
from citizen.bot.service_card import render_share
from citizen.bot.texts import Texts
from citizen.catalogue.model import Service
from citizen.catalogue.snapshot import CatalogueSnapshot
from citizen.catalogue.today import abolished_headline

MAX_INLINE_RESULTS = 10
DESCRIPTION_CHARS = 120


def _description(t: Texts, service: Service) -> str:
    """Under the title in the list of results: why an abolished service is gone (whole: a cut
    would lose the act's number), else the start of what one gets."""
    abolished = abolished_headline(service, t.locale)
    if abolished is not None:
        return abolished
    return service.result(t.locale)[:DESCRIPTION_CHARS] if service.result else ""


def deep_link(username: str, service_id: str) -> str:
    return f"https://t.me/{username}?start={service_id}"


async def inline_search(
    query: InlineQuery, bot: Bot, catalogue: CatalogueSnapshot, t: Texts
) -> None:
    text = " ".join(query.query.split())
    # The share button of a card puts the service id itself into the query.
    exact = catalogue.service(text) if text else None
    services = [exact] if exact else (find(catalogue, text)[:MAX_INLINE_RESULTS] if text else [])
    if not services:
        hint = t.plain("bot-inline-nothing" if text else "bot-inline-hint")
        await query.answer([], cache_time=10, is_personal=True,
                           button=InlineQueryResultsButton(text=hint, start_parameter="inline"))
        return
    me = await bot.me()
    results: list[InlineQueryResultUnion] = []
    for service in services:
        link = deep_link(me.username or "", service.id)
        results.append(
            InlineQueryResultArticle(
                id=short_key(service.id),
                title=service.name(t.locale),
                description=_description(t, service),
                input_message_content=InputTextMessageContent(
                    message_text=render_share(t, service, link)
                ),
                reply_markup=keyboards.open_in_bot(t, link),
            )
        )
    await query.answer(results, cache_time=30, is_personal=True)


def build_router() -> Router:
    """A fresh router: a router belongs to one dispatcher, and tests build several."""
    router = Router(name="inline")
    router.inline_query.register(inline_search)
    return router
