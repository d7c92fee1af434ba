""""If I apply today, when is it ready?": the expected date for the channel the person picks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from aiogram import Router
from aiogram.types import CallbackQuery
from sqlmodel import Session

from citizen.bot import keyboards
from citizen.bot.callbacks import CHANNEL_CODES, ReadyCb, region_id, service_id
from citizen.bot.replies import message_of, show
from citizen.bot.service_card import estimate_for, load_card, render_ready
from citizen.bot.texts import Texts
from citizen.catalogue.vocabulary import Channel

Clock = Callable[[], dt.datetime]


async def ready_date(
    callback: CallbackQuery, callback_data: ReadyCb, session: Session, t: Texts, clock: Clock
) -> None:
    msg = message_of(callback)
    svc_id = service_id(session, callback_data.service)
    reg_id = region_id(session, callback_data.region)
    card = load_card(session, svc_id, reg_id) if svc_id and reg_id else None
    code = CHANNEL_CODES.get(callback_data.channel)
    if msg is None or card is None or card.region is None or code is None:
        await callback.answer(t.plain("bot-stale-button"), show_alert=True)
        return
    channel = Channel(code)
    if channel not in card.accepting_channels():
        await callback.answer(t.plain("bot-stale-button"), show_alert=True)
        return
    await callback.answer()
    estimate = estimate_for(session, card, channel, clock())
    assert estimate is not None  # the card has a regulation: it has a region
    text = render_ready(t, card, channel, estimate)
    await show(msg, text, keyboards.after_ready(t, card.service.id, card.region.id), edit=True)


def build_router() -> Router:
    """A fresh router: a router belongs to one dispatcher, and tests build several."""
    router = Router(name="calculator")
    router.callback_query.register(ready_date, ReadyCb.filter())
    return router
