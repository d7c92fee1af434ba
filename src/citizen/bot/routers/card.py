"""The service card: choosing the region, the card's tabs and their parts, map points."""

from __future__ import annotations

import asyncio

from aiogram import Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from citizen.bot import keyboards
from citizen.bot.callbacks import (
    CardCb,
    OpenServiceCb,
    RegionListCb,
    VenueCb,
    office_by_key,
    region_by_key,
    service_by_key,
)
from citizen.bot.paging import page_of, split_text
from citizen.bot.replies import acknowledge, message_of, show
from citizen.bot.service_card import RENDERERS, TAB_LABELS, TABS
from citizen.bot.texts import Html, Texts, join
from citizen.bot.today_card import head, summary_lines
from citizen.catalogue.model import Regulation, Service
from citizen.catalogue.snapshot import CatalogueSnapshot

# The region a person picked last is offered again for the next service (FSM data key).
REGION_KEY = "region"


async def show_service(
    message: Message,
    state: FSMContext,
    t: Texts,
    service: Service,
    region_id: str | None = None,
    edit: bool = False,
) -> None:
    """Open a service: straight to the card when the region is known, else ask for it."""
    ids = [r.id for r in service.regions]
    if region_id not in ids:
        remembered = (await state.get_data()).get(REGION_KEY)
        if len(ids) == 1:
            region_id = ids[0]
        elif remembered in ids:
            region_id = remembered
        elif ids:
            await _ask_region(message, t, service, edit)
            return
        else:
            region_id = None
    await show_tab(message, t, service, service.regulation_in(region_id), "o", 0, edit)


async def _ask_region(message: Message, t: Texts, service: Service, edit: bool) -> None:
    # What applies today does not depend on the region: it comes before the question.
    today_part = summary_lines(t, service)
    lines = [head(t, service), "", *today_part, *([""] if today_part else [])]
    text = join([*lines, t("bot-region-prompt")])
    await show(message, text, keyboards.regions(t, service.id, service.regions), edit=edit)


def tabs_of(service: Service, reg: Regulation | None) -> list[str]:
    if reg is None:
        tabs = ["o", "i", "l"] if service.listed_only else ["o", "i", "d", "l"]
    else:
        # No "if I apply today" date for a service that no longer exists.
        tabs = [tab for tab in TABS if (tab != "n" or reg.notes)
                and (tab != "r" or not service.abolished)]
    return [tab for tab in tabs if tab != "i" or service.current is not None]


def render_tab(
    t: Texts, service: Service, reg: Regulation | None, tab: str, page: int
) -> tuple[str, InlineKeyboardMarkup]:
    """One tab of the card, cut to Telegram's size: part `page` of it, with its keyboard."""
    tabs = tabs_of(service, reg)
    tab = tab if tab in tabs else "o"
    parts = page_of(split_text(RENDERERS[tab](t, service, reg)), page, 1)
    text = parts.items[0]
    if parts.count > 1:
        part = t("bot-card-part", page=parts.number + 1, pages=parts.count)
        text = Html(f"{text}\n\n<i>{part}</i>")
    reg_id = reg.region.id if reg is not None else None
    if tab == "r" and reg_id is not None:
        assert reg is not None
        return text, keyboards.ready_channels(t, service.id, reg_id, reg.accepting_channels)
    markup = keyboards.card(
        t, service.id, reg_id, tab, tabs, TAB_LABELS, parts,
        several_regions=len(service.regulations) > 1,
    )
    if tab == "w" and reg is not None:
        # Map points right under the tab buttons, above share and tracking.
        after_tabs = -(-len(tabs) // 2)
        venue_rows = [[b] for b in keyboards.venues(t, reg.offices, reg.region.id)]
        markup.inline_keyboard[after_tabs:after_tabs] = venue_rows
    return text, markup


async def show_tab(
    message: Message,
    t: Texts,
    service: Service,
    reg: Regulation | None,
    tab: str,
    page: int,
    edit: bool,
) -> None:
    text, markup = render_tab(t, service, reg, tab, page)
    await show(message, text, markup, edit=edit)


async def open_service(
    callback: CallbackQuery,
    callback_data: OpenServiceCb,
    catalogue: CatalogueSnapshot,
    state: FSMContext,
    t: Texts,
) -> None:
    msg = message_of(callback)
    service = service_by_key(catalogue, callback_data.service)
    if msg is None or service is None:
        await callback.answer(t.plain("bot-stale-button"), show_alert=True)
        return
    await callback.answer()
    region = region_by_key(catalogue, callback_data.region)
    if region is not None:
        await state.update_data({REGION_KEY: region.id})
    region_id = region.id if region else None
    await show_service(msg, state, t, service, region_id, edit=not callback_data.new)


async def change_region(
    callback: CallbackQuery, callback_data: RegionListCb, catalogue: CatalogueSnapshot, t: Texts
) -> None:
    msg = message_of(callback)
    service = service_by_key(catalogue, callback_data.service)
    if msg is None or service is None:
        await callback.answer(t.plain("bot-stale-button"), show_alert=True)
        return
    await callback.answer()
    await _ask_region(msg, t, service, edit=True)


async def card_tab(
    callback: CallbackQuery, callback_data: CardCb, catalogue: CatalogueSnapshot, t: Texts
) -> None:
    msg = message_of(callback)
    service = service_by_key(catalogue, callback_data.service)
    region = region_by_key(catalogue, callback_data.region)
    reg = service.regulation_in(region.id) if service and region else None
    if msg is None or service is None or (callback_data.region and reg is None):
        await callback.answer(t.plain("bot-stale-button"), show_alert=True)
        return
    # Stopping the button's spinner and showing the part are independent: both at once.
    await asyncio.gather(
        acknowledge(callback),
        show_tab(msg, t, service, reg, callback_data.tab, callback_data.page, True),
    )


async def venue(
    callback: CallbackQuery, callback_data: VenueCb, catalogue: CatalogueSnapshot, t: Texts
) -> None:
    """The office as a map point, which Telegram shows with a "directions" button."""
    msg = message_of(callback)
    office = office_by_key(catalogue, callback_data.office)
    region = region_by_key(catalogue, callback_data.region)
    if (
        msg is None or office is None or region is None or office.region_id != region.id
        or office.latitude is None or office.longitude is None
    ):
        await callback.answer(t.plain("bot-stale-button"), show_alert=True)
        return
    await callback.answer()
    address = office.address(t.locale)
    if office.example:
        address = f"{address} ({t.plain('office-example-mark')})"
    await msg.answer_venue(
        latitude=office.latitude, longitude=office.longitude, title=office.name(t.locale),
        address=address,
    )


def build_router() -> Router:
    """A fresh router: a router belongs to one dispatcher, and tests build several."""
    router = Router(name="card")
    router.callback_query.register(open_service, OpenServiceCb.filter())
    router.callback_query.register(change_region, RegionListCb.filter())
    router.callback_query.register(card_tab, CardCb.filter())
    router.callback_query.register(venue, VenueCb.filter())
    return router
