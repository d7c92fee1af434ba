"""Browsing: categories, then the services of one, a page at a time."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message

from citizen.bot import keyboards
from citizen.bot.callbacks import CategoryCb, MenuCb, category_by_key
from citizen.bot.paging import page_of
from citizen.bot.replies import message_of, show
from citizen.bot.routers.search import numbered_list
from citizen.bot.texts import Texts, join
from citizen.catalogue.snapshot import CatalogueSnapshot


async def _categories(message: Message, catalogue: CatalogueSnapshot, t: Texts) -> None:
    markup = keyboards.categories(t, catalogue.categories)
    await message.answer(t("bot-browse-categories"), reply_markup=markup)


async def services_command(message: Message, catalogue: CatalogueSnapshot, t: Texts) -> None:
    await _categories(message, catalogue, t)


async def browse_button(callback: CallbackQuery, catalogue: CatalogueSnapshot, t: Texts) -> None:
    await callback.answer()
    msg = message_of(callback)
    if msg is not None:
        await _categories(msg, catalogue, t)


async def category(
    callback: CallbackQuery, callback_data: CategoryCb, catalogue: CatalogueSnapshot, t: Texts
) -> None:
    msg = message_of(callback)
    cat = category_by_key(catalogue, callback_data.category)
    if msg is None or cat is None:
        await callback.answer(t.plain("bot-stale-button"), show_alert=True)
        return
    await callback.answer()
    services = catalogue.list_services(category=cat.id).services
    if not services:
        await show(msg, t("bot-browse-empty"))
        return
    page = page_of(services, callback_data.page, keyboards.LIST_PAGE_SIZE)
    head = t("bot-browse-services", category=cat.name(t.locale), count=len(services))
    text = join([head, "", numbered_list(t, page)], "\n")
    nav = (
        CategoryCb(category=callback_data.category, page=page.number - 1, turn=True),
        CategoryCb(category=callback_data.category, page=page.number + 1, turn=True),
    )
    # The list arrives as a new message under the categories; the arrows turn pages in place.
    await show(msg, text, keyboards.numbered_services(t, page, nav), edit=callback_data.turn)


def build_router() -> Router:
    """A fresh router: a router belongs to one dispatcher, and tests build several."""
    router = Router(name="browse")
    router.message.register(services_command, Command("services"))
    router.callback_query.register(browse_button, MenuCb.filter(F.action == "browse"))
    router.callback_query.register(category, CategoryCb.filter())
    return router
