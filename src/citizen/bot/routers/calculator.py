""""If I apply today, when is it ready?": the expected date for the channel the person picks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from aiogram import Router
from aiogram.types import CallbackQuery

from citizen.bot import keyboards
from citizen.bot.callbacks import CHANNEL_CODES, ReadyCb, region_by_key, service_by_key
from citizen.bot.replies import message_of, show
from citizen.bot.service_card import render_ready
from citizen.bot.texts import Texts
from citizen.catalogue.snapshot import CatalogueSnapshot

Clock = Callable[[], dt.datetime]


async def ready_date(
    callback: CallbackQuery,
    callback_data: ReadyCb,
    catalogue: CatalogueSnapshot,
    t: Texts,
    clock: Clock,
) -> None:
    msg = message_of(callback)
    service = service_by_key(catalogue, callback_data.service)
    region = region_by_key(catalogue, callback_data.region)
    reg = service.regulation_in(region.id) if service and region else None
    channel = CHANNEL_CODES.get(callback_data.channel)
    if msg is None or service is None or reg is None or channel is None:
        await callback.answer(t.plain("bot-stale-button"), show_alert=True)
        return
    if not reg.accepts(channel):
        await callback.answer(t.plain("bot-stale-button"), show_alert=True)
        return
    await callback.answer()
    text = render_ready(t, service, reg, channel, reg.ready_estimate(channel, clock()))
    await show(msg, text, keyboards.after_ready(t, service.id, reg.region.id), edit=True)


def build_router() -> Router:
    """A fresh router: a router belongs to one dispatcher, and tests build several."""
    router = Router(name="calculator")
    router.callback_query.register(ready_date, ReadyCb.filter())
    return router
