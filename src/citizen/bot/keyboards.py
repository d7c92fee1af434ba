"""Inline keyboards. Long lists page: a numbered list in the text, number buttons, arrows.

Service names run to 200 characters and a phone shows some 30 on a button, so lists of
services are numbered in the message text (where names wrap) and the buttons carry numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from citizen.bot.callbacks import (
    CODE_OF_CHANNEL,
    AppsCb,
    CardCb,
    CategoryCb,
    LanguageCb,
    MenuCb,
    OpenServiceCb,
    ReadyCb,
    RegionListCb,
    VenueCb,
    short_key,
)
from citizen.bot.paging import Page
from citizen.bot.texts import Texts
from citizen.catalogue.model import Category, Office, Region, Service
from citizen.catalogue.vocabulary import Channel, Locale
from citizen.i18n import translator

LIST_PAGE_SIZE = 8
NUMBERS_PER_ROW = 4


def language(suggested: Locale, then: str = "") -> InlineKeyboardMarkup:
    """Each language's button in its own language, the suggested one first."""
    order = [suggested, *[loc for loc in Locale if loc != suggested]]
    kb = InlineKeyboardBuilder()
    for loc in order:
        label = translator()(loc, "bot-language-self")
        kb.button(text=label, callback_data=LanguageCb(locale=loc.value, then=then))
    kb.adjust(2)
    return kb.as_markup()


def main_menu(t_: Texts) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    for action, msg in (
        ("search", "bot-menu-search"),
        ("browse", "bot-menu-browse"),
        ("apps", "bot-menu-applications"),
        ("language", "bot-menu-language"),
        ("help", "bot-menu-help"),
    ):
        kb.button(text=t_.plain(msg), callback_data=MenuCb(action=action))
    kb.adjust(1, 1, 1, 2)
    return kb.as_markup()


def numbered_services(
    t_: Texts, page: Page[Service], nav: Sequence[CallbackData | None]
) -> InlineKeyboardMarkup:
    """Number buttons for a page of services, then ◀ ▶ (`nav` = previous, next payloads)."""
    kb = InlineKeyboardBuilder()
    for i, service in enumerate(page.items, start=page.first_index + 1):
        kb.button(text=str(i), callback_data=OpenServiceCb(service=short_key(service.id)))
    kb.adjust(NUMBERS_PER_ROW)
    markup = kb.as_markup()
    nav_row = _nav_row(page, nav)
    if nav_row:
        markup.inline_keyboard.append(nav_row)
    return markup


def _nav_row(page: Page[Any], nav: Sequence[CallbackData | None]) -> list[InlineKeyboardButton]:
    if page.count <= 1:
        return []
    previous, following = nav
    row = []
    if page.has_previous and previous is not None:
        row.append(InlineKeyboardButton(text="◀️", callback_data=previous.pack()))
    row.append(
        InlineKeyboardButton(
            text=f"{page.number + 1}/{page.count}", callback_data=MenuCb(action="noop").pack()
        )
    )
    if page.has_next and following is not None:
        row.append(InlineKeyboardButton(text="▶️", callback_data=following.pack()))
    return row


def categories(t_: Texts, rows: Sequence[Category]) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    for cat in rows:
        kb.button(text=cat.name(t_.locale), callback_data=CategoryCb(category=short_key(cat.id)))
    kb.adjust(1)
    return kb.as_markup()


def regions(t_: Texts, service_id: str, rows: Sequence[Region]) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    for region in rows:
        kb.button(
            text=region.name(t_.locale),
            callback_data=OpenServiceCb(
                service=short_key(service_id), region=short_key(region.id), new=False
            ),
        )
    kb.adjust(1)
    return kb.as_markup()


def card(
    t_: Texts,
    service_id: str,
    region_id: str | None,
    tab: str,
    tabs: Sequence[str],
    labels: dict[str, str],
    part: Page[str] | None = None,
    several_regions: bool = False,
) -> InlineKeyboardMarkup:
    """The card's tab buttons (the open one marked), part arrows, region, share and tracking."""
    svc, reg = short_key(service_id), short_key(region_id) if region_id else ""
    kb = InlineKeyboardBuilder()
    for name in tabs:
        label = t_.plain(labels[name])
        kb.button(
            text=f"• {label} •" if name == tab else label,
            callback_data=CardCb(service=svc, region=reg, tab=name),
        )
    kb.adjust(2)
    markup = kb.as_markup()
    if part is not None and part.count > 1:
        prev_cb = CardCb(service=svc, region=reg, tab=tab, page=part.number - 1)
        next_cb = CardCb(service=svc, region=reg, tab=tab, page=part.number + 1)
        markup.inline_keyboard.append(_nav_row(part, (prev_cb, next_cb)))
    extra: list[InlineKeyboardButton] = []
    if several_regions:
        extra.append(
            InlineKeyboardButton(
                text=t_.plain("bot-region-change"),
                callback_data=RegionListCb(service=svc).pack(),
            )
        )
    extra.append(
        InlineKeyboardButton(text=t_.plain("bot-card-share"), switch_inline_query=service_id)
    )
    markup.inline_keyboard.append(extra)
    if region_id:
        markup.inline_keyboard.append(
            [
                InlineKeyboardButton(
                    text=t_.plain("bot-card-track"), callback_data=AppsCb(action="add").pack()
                )
            ]
        )
    return markup


def ready_channels(
    t_: Texts, service_id: str, region_id: str, channels: Sequence[Channel], back: bool = True
) -> InlineKeyboardMarkup:
    svc, reg = short_key(service_id), short_key(region_id)
    kb = InlineKeyboardBuilder()
    for channel in channels:
        kb.button(
            text=t_.channel(channel),
            callback_data=ReadyCb(service=svc, region=reg, channel=CODE_OF_CHANNEL[channel]),
        )
    if back:
        kb.button(
            text=t_.plain("bot-menu-back"), callback_data=CardCb(service=svc, region=reg, tab="o")
        )
    kb.adjust(1)
    return kb.as_markup()


def after_ready(t_: Texts, service_id: str, region_id: str) -> InlineKeyboardMarkup:
    svc, reg = short_key(service_id), short_key(region_id)
    kb = InlineKeyboardBuilder()
    kb.button(
        text=t_.plain("bot-ready-other-channel"),
        callback_data=CardCb(service=svc, region=reg, tab="r"),
    )
    back = CardCb(service=svc, region=reg, tab="o")
    kb.button(text=t_.plain("bot-menu-back"), callback_data=back)
    kb.adjust(1)
    return kb.as_markup()


def venues(t_: Texts, offices: Sequence[Office], region_id: str) -> list[InlineKeyboardButton]:
    return [
        InlineKeyboardButton(
            text=t_.plain("bot-where-map", office=o.name(t_.locale)),
            callback_data=VenueCb(office=short_key(o.id), region=short_key(region_id)).pack(),
        )
        for o in offices
        if o.located
    ]


def applications(t_: Texts, numbers: Sequence[tuple[int, str]]) -> InlineKeyboardMarkup:
    """Unsubscribe buttons for (application id, receipt number), then "add"."""
    kb = InlineKeyboardBuilder()
    for app_id, number in numbers:
        kb.button(
            text=t_.plain("bot-apps-remove", number=number),
            callback_data=AppsCb(action="remove", ref=str(app_id)),
        )
    kb.button(text=t_.plain("bot-apps-add"), callback_data=AppsCb(action="add"))
    kb.adjust(1)
    return kb.as_markup()


def open_in_bot(t_: Texts, link: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[[InlineKeyboardButton(text=t_.plain("bot-inline-open"), url=link)]]
    )
