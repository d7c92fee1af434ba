"""Browsing: categories, then the services of one, a page at a time."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message
from sqlmodel import Session

from citizen.bot import keyboards
from citizen.bot.callbacks import CategoryCb, MenuCb, category_id
from citizen.bot.paging import page_of
from citizen.bot.replies import message_of, show
from citizen.bot.routers.search import numbered_list
from citizen.bot.texts import Texts, join
from citizen.catalogue import queries
from citizen.catalogue.tables import localized


async def _categories(message: Message, session: Session, t: Texts) -> None:
    rows = queries.categories(session)
    await message.answer(t("bot-browse-categories"), reply_markup=keyboards.categories(t, rows))


async def services_command(message: Message, session: Session, t: Texts) -> None:
    await _categories(message, session, t)


async def browse_button(callback: CallbackQuery, session: Session, t: Texts) -> None:
    await callback.answer()
    msg = message_of(callback)
    if msg is not None:
        await _categories(msg, session, t)


async def category(
    callback: CallbackQuery, callback_data: CategoryCb, session: Session, t: Texts
) -> None:
    msg = message_of(callback)
    cat_id = category_id(session, callback_data.category)
    if msg is None or cat_id is None:
        await callback.answer(t.plain("bot-stale-button"), show_alert=True)
        return
    await callback.answer()
    cat = next(c for c in queries.categories(session) if c.id == cat_id)
    services = [s for s in queries.all_services(session) if s.category_id == cat_id]
    name = localized(cat, "name", t.locale) or cat.id
    if not services:
        await show(msg, t("bot-browse-empty"))
        return
    page = page_of([s.id for s in services], callback_data.page, keyboards.LIST_PAGE_SIZE)
    head = t("bot-browse-services", category=name, count=len(services))
    text = join([head, "", numbered_list(session, t, page)], "\n")
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
