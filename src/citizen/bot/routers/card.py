"""The service card: choosing the region, the card's tabs and their parts, map points."""

from __future__ import annotations

import asyncio

from aiogram import Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from sqlmodel import Session

from citizen.bot import keyboards
from citizen.bot.callbacks import (
    CardCb,
    OpenServiceCb,
    RegionListCb,
    VenueCb,
    key_of,
    region_id,
    service_id,
)
from citizen.bot.paging import page_of, split_text
from citizen.bot.replies import acknowledge, message_of, show
from citizen.bot.service_card import (
    RENDERERS,
    TAB_LABELS,
    TABS,
    CardData,
    load_card,
    service_regions,
)
from citizen.bot.texts import Html, Texts
from citizen.catalogue import queries
from citizen.catalogue.tables import localized

# The region a person picked last is offered again for the next service (FSM data key).
REGION_KEY = "region"


async def show_service(
    message: Message,
    session: Session,
    state: FSMContext,
    t: Texts,
    svc_id: str,
    reg_id: str | None = None,
    edit: bool = False,
) -> None:
    """Open a service: straight to the card when the region is known, else ask for it."""
    general = load_card(session, svc_id, None)
    if general is None:
        await show(message, t("bot-card-gone"), edit=edit)
        return
    ids = [r.id for r in general.regions]
    if reg_id not in ids:
        remembered = (await state.get_data()).get(REGION_KEY)
        if len(ids) == 1:
            reg_id = ids[0]
        elif remembered in ids:
            reg_id = remembered
        elif ids:
            await _ask_region(message, session, t, svc_id, edit)
            return
        else:
            reg_id = None
    card = load_card(session, svc_id, reg_id) if reg_id else general
    if card is None:
        await show(message, t("bot-card-gone"), edit=edit)
        return
    await show_tab(message, t, card, "o", 0, edit)


async def _ask_region(
    message: Message, session: Session, t: Texts, svc_id: str, edit: bool
) -> None:
    service = queries.services_by_id(session, [svc_id])[svc_id]
    text = t("bot-region-prompt", service=localized(service, "name", t.locale) or "")
    markup = keyboards.regions(t, svc_id, service_regions(session, svc_id))
    await show(message, text, markup, edit=edit)


def tabs_of(card: CardData) -> list[str]:
    if card.regulation is None:
        return ["o", "l"] if card.service.listed_only else ["o", "d", "l"]
    return [tab for tab in TABS if tab != "n" or card.notes]


def render_tab(t: Texts, card: CardData, tab: str, page: int) -> tuple[str, InlineKeyboardMarkup]:
    """One tab of the card, cut to Telegram's size: part `page` of it, with its keyboard."""
    tabs = tabs_of(card)
    tab = tab if tab in tabs else "o"
    parts = page_of(split_text(RENDERERS[tab](t, card)), page, 1)
    text = parts.items[0]
    if parts.count > 1:
        part = t("bot-card-part", page=parts.number + 1, pages=parts.count)
        text = Html(f"{text}\n\n<i>{part}</i>")
    svc_id = card.service.id
    reg_id = card.region.id if card.region else None
    if tab == "r" and reg_id is not None:
        return text, keyboards.ready_channels(t, svc_id, reg_id, card.accepting_channels())
    markup = keyboards.card(
        t, svc_id, reg_id, tab, tabs, TAB_LABELS, parts, several_regions=len(card.regions) > 1
    )
    if tab == "w" and reg_id is not None:
        # Map points right under the tab buttons, above share and tracking.
        after_tabs = -(-len(tabs) // 2)
        venue_rows = [[b] for b in keyboards.venues(t, card.offices, reg_id)]
        markup.inline_keyboard[after_tabs:after_tabs] = venue_rows
    return text, markup


async def show_tab(
    message: Message, t: Texts, card: CardData, tab: str, page: int, edit: bool
) -> None:
    text, markup = render_tab(t, card, tab, page)
    await show(message, text, markup, edit=edit)


async def open_service(
    callback: CallbackQuery,
    callback_data: OpenServiceCb,
    session: Session,
    state: FSMContext,
    t: Texts,
) -> None:
    msg = message_of(callback)
    svc_id = service_id(session, callback_data.service)
    if msg is None or svc_id is None:
        await callback.answer(t.plain("bot-stale-button"), show_alert=True)
        return
    await callback.answer()
    reg_id = region_id(session, callback_data.region)
    if reg_id is not None:
        await state.update_data({REGION_KEY: reg_id})
    await show_service(msg, session, state, t, svc_id, reg_id, edit=not callback_data.new)


async def change_region(
    callback: CallbackQuery, callback_data: RegionListCb, session: Session, t: Texts
) -> None:
    msg = message_of(callback)
    svc_id = service_id(session, callback_data.service)
    if msg is None or svc_id is None:
        await callback.answer(t.plain("bot-stale-button"), show_alert=True)
        return
    await callback.answer()
    await _ask_region(msg, session, t, svc_id, edit=True)


async def card_tab(
    callback: CallbackQuery, callback_data: CardCb, session: Session, t: Texts
) -> None:
    msg = message_of(callback)
    svc_id = service_id(session, callback_data.service)
    reg_id = region_id(session, callback_data.region)
    card = load_card(session, svc_id, reg_id) if svc_id else None
    if msg is None or card is None or (callback_data.region and card.region is None):
        await callback.answer(t.plain("bot-stale-button"), show_alert=True)
        return
    # Stopping the button's spinner and showing the part are independent: both at once.
    await asyncio.gather(
        acknowledge(callback), show_tab(msg, t, card, callback_data.tab, callback_data.page, True)
    )


async def venue(
    callback: CallbackQuery, callback_data: VenueCb, session: Session, t: Texts
) -> None:
    """The office as a map point, which Telegram shows with a "directions" button."""
    msg = message_of(callback)
    reg_id = region_id(session, callback_data.region)
    offices = queries.offices_by_region(session, [reg_id])[reg_id] if reg_id else []
    office = next((o for o in offices if key_of(o.id) == callback_data.office), None)
    if msg is None or office is None or office.latitude is None or office.longitude is None:
        await callback.answer(t.plain("bot-stale-button"), show_alert=True)
        return
    await callback.answer()
    title = localized(office, "name", t.locale) or office.id
    address = localized(office, "address", t.locale) or ""
    if office.example:
        address = f"{address} ({t.plain('office-example-mark')})"
    await msg.answer_venue(
        latitude=office.latitude, longitude=office.longitude, title=title, address=address
    )


def build_router() -> Router:
    """A fresh router: a router belongs to one dispatcher, and tests build several."""
    router = Router(name="card")
    router.callback_query.register(open_service, OpenServiceCb.filter())
    router.callback_query.register(change_region, RegionListCb.filter())
    router.callback_query.register(card_tab, CardCb.filter())
    router.callback_query.register(venue, VenueCb.filter())
    return router
