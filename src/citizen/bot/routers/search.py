"""Finding a service by typing what one needs: the same search index the API uses.

Any text that is not a command and not an answer in a dialogue is a search. The results are a
numbered list with number buttons; the query is kept in the chat's state under a short key so
that the page arrows of an older result list still turn that list's pages.
"""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from sqlmodel import Session

from citizen.bot import keyboards
from citizen.bot.callbacks import MenuCb, SearchPageCb, key_of
from citizen.bot.paging import Page, page_of
from citizen.bot.replies import message_of, show
from citizen.bot.texts import Html, Texts, escape, join
from citizen.catalogue import queries
from citizen.catalogue.index_cache import search_indexes
from citizen.catalogue.search import SearchResult
from citizen.catalogue.tables import localized

MAX_RESULTS = 40
MAX_QUERY_CHARS = 200  # longer texts are not descriptions of a need; the rest is ignored
QUERIES_KEY = "queries"
KEPT_QUERIES = 20


def search_services(session: Session, query: str) -> SearchResult:
    return search_indexes.get(session).search(query[:MAX_QUERY_CHARS], MAX_RESULTS)


def find(session: Session, query: str) -> list[str]:
    """Service ids matching `query`, best first; empty when nothing matches."""
    result = search_services(session, query)
    return [] if result.no_match else [hit.service_id for hit in result.hits]


def numbered_list(session: Session, t: Texts, page: Page[str]) -> Html:
    services = queries.services_by_id(session, page.items)
    lines = []
    for n, sid in enumerate(page.items, start=page.first_index + 1):
        service = services.get(sid)
        name = (localized(service, "name", t.locale) if service else None) or sid
        lines.append(Html(f"<b>{n}.</b> {escape(name)}"))
    return join(lines, "\n\n")


def _shown_query(query: str) -> str:
    return query if len(query) <= 60 else query[:59] + "…"


async def _remember(state: FSMContext, query: str) -> str:
    key = key_of(query)
    kept: dict[str, str] = dict((await state.get_data()).get(QUERIES_KEY, {}))
    kept.pop(key, None)
    kept[key] = query
    while len(kept) > KEPT_QUERIES:
        kept.pop(next(iter(kept)))
    await state.update_data({QUERIES_KEY: kept})
    return key


def results_page(
    session: Session, t: Texts, query: str, key: str, number: int
) -> tuple[str, keyboards.InlineKeyboardMarkup] | None:
    """A page of the results for `query`; None when nothing matches (any more)."""
    result = search_services(session, query)
    found = [] if result.no_match else [hit.service_id for hit in result.hits]
    if not found:
        return None
    page = page_of(found, number, keyboards.LIST_PAGE_SIZE)
    head = t("bot-search-results", query=_shown_query(query), count=len(found))
    lines: list[str] = [head]
    if result.suggestion and result.suggestion != query:
        # Typos were corrected: say how the words were read.
        lines.append(t("bot-search-corrected", query=_shown_query(result.suggestion)))
    text = join([*lines, "", numbered_list(session, t, page), "", t("bot-search-pick")])
    nav = (
        SearchPageCb(query=key, page=page.number - 1),
        SearchPageCb(query=key, page=page.number + 1),
    )
    return text, keyboards.numbered_services(t, page, nav)


async def search_command(message: Message, t: Texts) -> None:
    await message.answer(t("bot-search-prompt"))


async def search_button(callback: CallbackQuery, t: Texts) -> None:
    await callback.answer()
    msg = message_of(callback)
    if msg is not None:
        await msg.answer(t("bot-search-prompt"))


async def unknown_command(message: Message, t: Texts) -> None:
    await message.answer(t("bot-unknown-command"))


async def search(message: Message, session: Session, state: FSMContext, t: Texts) -> None:
    query = " ".join((message.text or "").split())
    if not query:
        await message.answer(t("bot-search-empty"))
        return
    key = await _remember(state, query)
    page = results_page(session, t, query, key, 0)
    if page is None:
        await message.answer(
            t("bot-search-none", query=_shown_query(query)), reply_markup=keyboards.main_menu(t)
        )
        return
    text, markup = page
    await message.answer(text, reply_markup=markup)


async def turn_page(
    callback: CallbackQuery,
    callback_data: SearchPageCb,
    session: Session,
    state: FSMContext,
    t: Texts,
) -> None:
    msg = message_of(callback)
    query = (await state.get_data()).get(QUERIES_KEY, {}).get(callback_data.query)
    page = None
    if query:
        page = results_page(session, t, query, callback_data.query, callback_data.page)
    if msg is None or page is None:
        await callback.answer(t.plain("bot-stale-button"), show_alert=True)
        return
    await callback.answer()
    await show(msg, page[0], page[1], edit=True)


async def not_text(message: Message, t: Texts) -> None:
    await message.answer(t("bot-text-only"))


def build_router() -> Router:
    """A fresh router: a router belongs to one dispatcher, and tests build several."""
    router = Router(name="search")
    router.message.register(search_command, Command("search"))
    router.callback_query.register(search_button, MenuCb.filter(F.action == "search"))
    router.message.register(unknown_command, F.text.startswith("/"))
    router.message.register(search, F.text)
    router.callback_query.register(turn_page, SearchPageCb.filter())
    router.message.register(not_text)
    return router
