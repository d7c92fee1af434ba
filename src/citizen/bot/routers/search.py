"""Finding a service by typing what one needs: the catalogue's search, as the API answers it.

Any text that is not a command and not an answer in a dialogue is a search. The results are a
numbered list with number buttons; the query is kept in the chat's state under a short key so
that the page arrows of an older result list still turn that list's pages.
"""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from citizen.bot import keyboards
from citizen.bot.callbacks import MenuCb, SearchPageCb, short_key
from citizen.bot.paging import Page, page_of
from citizen.bot.replies import message_of, show
from citizen.bot.texts import Html, Texts, escape, join
from citizen.catalogue.model import Service
from citizen.catalogue.snapshot import CatalogueSnapshot, Listing

MAX_RESULTS = 40
MAX_QUERY_CHARS = 200  # longer texts are not descriptions of a need; the rest is ignored
QUERIES_KEY = "queries"
KEPT_QUERIES = 20


def search_services(catalogue: CatalogueSnapshot, query: str) -> Listing:
    return catalogue.list_services(search=query[:MAX_QUERY_CHARS])


def find(catalogue: CatalogueSnapshot, query: str) -> list[Service]:
    """Services matching `query`, best first (at most `MAX_RESULTS`); empty when none does."""
    return list(search_services(catalogue, query).services[:MAX_RESULTS])


def numbered_list(t: Texts, page: Page[Service]) -> Html:
    """Numbered names; an abolished service is still listed (so one learns why it is gone),
    marked as such."""
    lines = [
        Html(f"<b>{n}.</b> {escape(service.name(t.locale))}{_mark(t, service)}")
        for n, service in enumerate(page.items, start=page.first_index + 1)
    ]
    return join(lines, "\n\n")


def _mark(t: Texts, service: Service) -> str:
    return f" — <i>{t('bot-list-abolished')}</i>" if service.abolished else ""


def _shown_query(query: str) -> str:
    return query if len(query) <= 60 else query[:59] + "…"


async def _remember(state: FSMContext, query: str) -> str:
    key = short_key(query)
    kept: dict[str, str] = dict((await state.get_data()).get(QUERIES_KEY, {}))
    kept.pop(key, None)
    kept[key] = query
    while len(kept) > KEPT_QUERIES:
        kept.pop(next(iter(kept)))
    await state.update_data({QUERIES_KEY: kept})
    return key


def results_page(
    catalogue: CatalogueSnapshot, t: Texts, query: str, key: str, number: int
) -> tuple[str, keyboards.InlineKeyboardMarkup] | None:
    """A page of the results for `query`; None when nothing matches (any more)."""
    listing = search_services(catalogue, query)
    found = list(listing.services[:MAX_RESULTS])
    if not found:
        return None
    page = page_of(found, number, keyboards.LIST_PAGE_SIZE)
    head = t("bot-search-results", query=_shown_query(query), count=len(found))
    lines: list[str] = [head]
    suggestion = listing.search.suggestion if listing.search else None
    if suggestion and suggestion != query:
        # Typos were corrected: say how the words were read.
        lines.append(t("bot-search-corrected", query=_shown_query(suggestion)))
    text = join([*lines, "", numbered_list(t, page), "", t("bot-search-pick")])
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


async def search(
    message: Message, catalogue: CatalogueSnapshot, state: FSMContext, t: Texts
) -> None:
    query = " ".join((message.text or "").split())
    if not query:
        await message.answer(t("bot-search-empty"))
        return
    key = await _remember(state, query)
    page = results_page(catalogue, t, query, key, 0)
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
    catalogue: CatalogueSnapshot,
    state: FSMContext,
    t: Texts,
) -> None:
    msg = message_of(callback)
    query = (await state.get_data()).get(QUERIES_KEY, {}).get(callback_data.query)
    page = None
    if query:
        page = results_page(catalogue, t, query, callback_data.query, callback_data.page)
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
