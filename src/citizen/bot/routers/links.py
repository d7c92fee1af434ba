"""Opening a one-time subscription link (`t.me/<bot>?start=sub_…`): `/start` hands it here.

The link stands in for the receipt number and IIN: whoever was given it by the provider or an
operator gets the application's notifications in this chat, once; the code is then used up.
"""

from __future__ import annotations

import logging

from aiogram.types import Message
from sqlmodel import Session

from citizen.applications.links import LinkOutcome, redeem_link
from citizen.bot import keyboards
from citizen.bot.texts import Texts
from citizen.catalogue.vocabulary import Locale
from citizen.db import Database, DatabaseUnavailable
from citizen.notifications.chats import set_chat_locale

log = logging.getLogger(__name__)


async def open_link(
    message: Message, db: Database, t: Texts, locale: Locale, locale_chosen: bool, code: str
) -> None:
    assert message.from_user is not None
    chat_id = message.from_user.id

    def redeem(session: Session) -> tuple[LinkOutcome, str | None, int | None]:
        if not locale_chosen:
            # Notifications go out in the chat's stored language: store the one it sees now.
            set_chat_locale(session, chat_id, locale)
        redeemed = redeem_link(session, code, chat_id)
        app = redeemed.application
        return redeemed.outcome, app.number if app else None, app.id if app else None

    try:  # subscribed (and the code used up) in one unit of work, before it is confirmed
        outcome, number, application_id = await db.run(redeem)
    except DatabaseUnavailable:  # the code is not used up: the same link works in a moment
        await message.answer(t("bot-try-again"), reply_markup=keyboards.main_menu(t))
        return
    log.info("subscription link opened", extra={
        "chat_id": chat_id, "outcome": outcome.value, "application_id": application_id})
    if outcome == LinkOutcome.INVALID or number is None:
        await message.answer(t("bot-link-invalid"), reply_markup=keyboards.main_menu(t))
        return
    new = outcome == LinkOutcome.SUBSCRIBED
    text = t("bot-link-subscribed" if new else "bot-apps-already", number=number)
    await message.answer(text, reply_markup=keyboards.main_menu(t))
