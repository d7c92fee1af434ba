""""My applications": subscribe with the receipt number and IIN, list, unsubscribe.

The IIN is personal data: the message carrying it is deleted from the chat as soon as it is
read, it is never kept in the dialogue's state, and no answer repeats it.
"""

from __future__ import annotations

import contextlib
import math

from aiogram import Bot, F, Router
from aiogram.dispatcher.event.bases import SkipHandler
from aiogram.exceptions import TelegramAPIError
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message
from sqlmodel import Session

from citizen.applications import (
    Application,
    LookupOutcome,
    chat_subscriptions,
    subscribe_chat,
    unsubscribe_chat,
)
from citizen.bot import keyboards
from citizen.bot.callbacks import AppsCb, MenuCb
from citizen.bot.replies import message_of
from citizen.bot.texts import Html, Texts, join
from citizen.catalogue import queries
from citizen.catalogue.tables import localized
from citizen.catalogue.vocabulary import Locale
from citizen.notifications.chats import set_chat_locale

MAX_NUMBER_CHARS = 64  # the column's size; receipt numbers are far shorter


class Subscribing(StatesGroup):
    number = State()
    iin = State()


def _status_line(t: Texts, app: Application) -> str:
    return t.plain("bot-apps-item-status", status=t.plain(f"application-status-{app.status}"))


def applications_text(session: Session, t: Texts, apps: list[Application]) -> Html:
    if not apps:
        return join([t("bot-apps-title"), "", t("bot-apps-empty")])
    services = queries.services_by_id(session, {a.service_id for a in apps})
    lines: list[str] = [t("bot-apps-title")]
    for app in apps:
        service = services.get(app.service_id)
        name = (localized(service, "name", t.locale) if service else None) or app.service_id
        lines += ["", t("bot-apps-item", number=app.number, service=name), _status_line(t, app)]
        if app.expected_ready_on and app.status in ("accepted", "in_progress"):
            lines.append(t("bot-apps-item-expected", date=t.date(app.expected_ready_on)))
    return join(lines)


async def show_applications(message: Message, session: Session, t: Texts, chat_id: int) -> None:
    apps = chat_subscriptions(session, chat_id)
    markup = keyboards.applications(t, [(a.id or 0, a.number) for a in apps])
    await message.answer(applications_text(session, t, apps), reply_markup=markup)


async def cancel(message: Message, state: FSMContext, t: Texts) -> None:
    had_dialogue = await state.get_state() is not None
    await state.set_state(None)
    await message.answer(t("bot-apps-cancelled" if had_dialogue else "bot-apps-nothing-to-cancel"))


async def command_leaves_dialogue(message: Message, state: FSMContext) -> None:
    # Another command ends the dialogue; the command itself is then handled as usual.
    await state.set_state(None)
    raise SkipHandler


async def my_command(message: Message, session: Session, t: Texts) -> None:
    assert message.from_user is not None
    await show_applications(message, session, t, message.from_user.id)


async def my_button(callback: CallbackQuery, session: Session, t: Texts) -> None:
    await callback.answer()
    msg = message_of(callback)
    if msg is not None:
        await show_applications(msg, session, t, callback.from_user.id)


async def add(callback: CallbackQuery, state: FSMContext, t: Texts) -> None:
    await callback.answer()
    msg = message_of(callback)
    if msg is not None:
        await state.set_state(Subscribing.number)
        await msg.answer(t("bot-apps-ask-number"))


async def got_number(message: Message, state: FSMContext, t: Texts) -> None:
    number = (message.text or "").strip()
    if not number or len(number) > MAX_NUMBER_CHARS:
        await message.answer(t("bot-apps-number-invalid"))
        return
    await state.update_data({"number": number})
    await state.set_state(Subscribing.iin)
    await message.answer(t("bot-apps-ask-iin"))


async def got_iin(
    message: Message,
    bot: Bot,
    session: Session,
    state: FSMContext,
    t: Texts,
    locale: Locale,
    locale_chosen: bool,
) -> None:
    assert message.from_user is not None
    chat_id = message.from_user.id
    await _forget(bot, message)
    number = str((await state.get_data()).get("number", ""))
    if not locale_chosen:
        # Notifications go out in the chat's stored language: store the one it sees now.
        set_chat_locale(session, chat_id, locale)
    found = subscribe_chat(session, chat_id, number, message.text or "")
    # Saved (the subscription, or a failure counted against guessing) before answering.
    session.commit()
    if found.outcome == LookupOutcome.INVALID_IIN:
        await message.answer(t("bot-apps-iin-invalid"))
        return
    await state.set_state(None)
    if found.outcome == LookupOutcome.THROTTLED:
        minutes = max(1, math.ceil((found.retry_after or 60) / 60))
        await message.answer(t("bot-apps-throttled", minutes=minutes))
    elif found.outcome == LookupOutcome.NOT_FOUND:
        await message.answer(t("bot-apps-not-found", number=number),
                             reply_markup=keyboards.applications(t, []))
    elif found.newly_subscribed:
        await message.answer(t("bot-apps-subscribed", number=number))
        await show_applications(message, session, t, chat_id)
    else:
        await message.answer(t("bot-apps-already", number=number))


async def _forget(bot: Bot, message: Message) -> None:
    """Delete the message with the IIN; a chat where that is not possible keeps working."""
    with contextlib.suppress(TelegramAPIError):
        await bot.delete_message(message.chat.id, message.message_id)


async def remove(
    callback: CallbackQuery, callback_data: AppsCb, session: Session, t: Texts
) -> None:
    msg = message_of(callback)
    chat_id = callback.from_user.id
    apps = {str(a.id): a for a in chat_subscriptions(session, chat_id)}
    app = apps.get(callback_data.ref)
    if msg is None or app is None or app.id is None:
        await callback.answer(t.plain("bot-stale-button"), show_alert=True)
        return
    unsubscribe_chat(session, chat_id, app.id)
    session.commit()
    await callback.answer(t.plain("bot-apps-unsubscribed", number=app.number))
    remaining = chat_subscriptions(session, chat_id)
    markup = keyboards.applications(t, [(a.id or 0, a.number) for a in remaining])
    await msg.edit_text(applications_text(session, t, remaining), reply_markup=markup)


def build_router() -> Router:
    """A fresh router: a router belongs to one dispatcher, and tests build several."""
    router = Router(name="tracking")
    router.message.register(cancel, Command("cancel"))
    router.message.register(
        command_leaves_dialogue, StateFilter(Subscribing), F.text.startswith("/")
    )
    router.message.register(my_command, Command("my"))
    router.callback_query.register(my_button, MenuCb.filter(F.action == "apps"))
    router.callback_query.register(my_button, AppsCb.filter(F.action == "list"))
    router.callback_query.register(add, AppsCb.filter(F.action == "add"))
    router.message.register(got_number, Subscribing.number, F.text, ~F.text.startswith("/"))
    router.message.register(got_iin, Subscribing.iin, F.text, ~F.text.startswith("/"))
    router.callback_query.register(remove, AppsCb.filter(F.action == "remove"))
    return router
