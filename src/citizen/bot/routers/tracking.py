""""My applications": subscribe with the receipt number and IIN, list, unsubscribe.

The IIN is personal data: the message carrying it is deleted from the chat as soon as it is
read, it is never kept in the dialogue's state, and no answer repeats it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import math
from dataclasses import dataclass

from aiogram import Bot, F, Router
from aiogram.dispatcher.event.bases import SkipHandler
from aiogram.exceptions import TelegramAPIError
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message
from sqlmodel import Session

from citizen.applications import (
    ApplicationStatus,
    LookupOutcome,
    chat_subscriptions,
    subscribe_chat,
    unsubscribe_chat,
)
from citizen.applications.tracking import latest_changes
from citizen.bot import keyboards
from citizen.bot.callbacks import AppsCb, MenuCb
from citizen.bot.replies import message_of
from citizen.bot.texts import Html, Texts, join
from citizen.catalogue.snapshot import CatalogueSnapshot
from citizen.catalogue.vocabulary import Locale
from citizen.db import Database, DatabaseUnavailable
from citizen.i18n import in_reader_language
from citizen.notifications.chats import set_chat_locale

log = logging.getLogger(__name__)

MAX_NUMBER_CHARS = 64  # the column's size; receipt numbers are far shorter
# While these last, the expected ready date still means something.
_PENDING = (ApplicationStatus.ACCEPTED, ApplicationStatus.IN_PROGRESS)


class Subscribing(StatesGroup):
    number = State()
    iin = State()


# --- database work: short units, run off the event loop, returning plain values ---------------


@dataclass(frozen=True)
class Tracked:
    """An application a chat follows, as its list shows it."""

    id: int
    number: str
    service_id: str
    region_id: str
    status: ApplicationStatus
    step_number: int | None  # the step in progress, numbered as the regulation numbers it
    expected_ready_on: dt.date | None
    reason_kk: str | None  # the provider's reason for the latest status, as given
    reason_ru: str | None


def tracked_applications(session: Session, chat_id: int) -> list[Tracked]:
    apps = chat_subscriptions(session, chat_id)
    latest = latest_changes(session, [app.id for app in apps if app.id is not None])
    out = []
    for app in apps:
        assert app.id is not None
        last = latest.get(app.id)
        out.append(
            Tracked(
                id=app.id,
                number=app.number,
                service_id=app.service_id,
                region_id=app.region_id,
                status=ApplicationStatus(app.status),
                step_number=app.step_number,
                expected_ready_on=app.expected_ready_on,
                reason_kk=last.reason_kk if last else None,
                reason_ru=last.reason_ru if last else None,
            )
        )
    return out


@dataclass(frozen=True)
class Subscribed:
    outcome: LookupOutcome
    retry_after: int | None
    newly: bool
    listing: list[Tracked]  # the chat's list after a new subscription


def subscribe(
    session: Session, chat_id: int, number: str, iin: str, locale: Locale | None
) -> Subscribed:
    """Check number + IIN and subscribe; a failure counts against guessing all the same."""
    if locale is not None:
        # Notifications go out in the chat's stored language: store the one it sees now.
        set_chat_locale(session, chat_id, locale)
    found = subscribe_chat(session, chat_id, number, iin)
    listing = tracked_applications(session, chat_id) if found.newly_subscribed else []
    return Subscribed(found.outcome, found.retry_after, found.newly_subscribed, listing)


def unsubscribe(session: Session, chat_id: int, ref: str) -> tuple[str | None, list[Tracked]]:
    """Stop following the application `ref` (its id); its number (None: not followed) and the
    chat's list afterwards."""
    app = next((a for a in chat_subscriptions(session, chat_id) if str(a.id) == ref), None)
    if app is None or app.id is None:
        return None, []
    unsubscribe_chat(session, chat_id, app.id)
    return app.number, tracked_applications(session, chat_id)


# --- what the person sees ----------------------------------------------------------------------


def applications_text(catalogue: CatalogueSnapshot, t: Texts, apps: list[Tracked]) -> Html:
    if not apps:
        return join([t("bot-apps-title"), "", t("bot-apps-empty")])
    lines: list[str] = [t("bot-apps-title")]
    for app in apps:
        service = catalogue.service(app.service_id)
        name = service.name(t.locale) if service else app.service_id
        lines += ["", t("bot-apps-item", number=app.number, service=name),
                  t("bot-apps-item-status", status=t.label(app.status))]
        lines += _details(catalogue, t, app)
    return join(lines)


def _details(catalogue: CatalogueSnapshot, t: Texts, app: Tracked) -> list[str]:
    lines: list[str] = []
    reg = catalogue.regulation(app.service_id, app.region_id)
    step = reg.step(app.step_number) if reg and app.step_number else None
    if app.status == ApplicationStatus.IN_PROGRESS and step is not None:
        lines.append(t("bot-apps-item-step", step=step.number, actor=step.actor(t.locale)))
    if app.expected_ready_on and app.status in _PENDING:
        lines.append(t("bot-apps-item-expected", date=t.date(app.expected_ready_on)))
    reason = in_reader_language(app.reason_kk, app.reason_ru, t.locale)
    if reason is not None:
        text, other_language = reason
        msg = "bot-apps-item-reason-other-language" if other_language else "bot-apps-item-reason"
        lines.append(t(msg, reason=text))
    return lines


async def show_applications(
    message: Message, catalogue: CatalogueSnapshot, t: Texts, apps: list[Tracked]
) -> None:
    markup = keyboards.applications(t, [(a.id, a.number) for a in apps])
    await message.answer(applications_text(catalogue, t, apps), reply_markup=markup)


async def cancel(message: Message, state: FSMContext, t: Texts) -> None:
    had_dialogue = await state.get_state() is not None
    await state.set_state(None)
    await message.answer(t("bot-apps-cancelled" if had_dialogue else "bot-apps-nothing-to-cancel"))


async def command_leaves_dialogue(message: Message, state: FSMContext) -> None:
    # Another command ends the dialogue; the command itself is then handled as usual.
    await state.set_state(None)
    raise SkipHandler


async def my_command(
    message: Message, catalogue: CatalogueSnapshot, db: Database, t: Texts
) -> None:
    assert message.from_user is not None
    chat_id = message.from_user.id
    apps = await db.run(lambda s: tracked_applications(s, chat_id))
    await show_applications(message, catalogue, t, apps)


async def my_button(
    callback: CallbackQuery, catalogue: CatalogueSnapshot, db: Database, t: Texts
) -> None:
    chat_id = callback.from_user.id
    apps = await db.run(lambda s: tracked_applications(s, chat_id))
    await callback.answer()
    msg = message_of(callback)
    if msg is not None:
        await show_applications(msg, catalogue, t, apps)


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
    catalogue: CatalogueSnapshot,
    db: Database,
    state: FSMContext,
    t: Texts,
    locale: Locale,
    locale_chosen: bool,
) -> None:
    assert message.from_user is not None
    chat_id = message.from_user.id
    await _forget(bot, message)
    number = str((await state.get_data()).get("number", ""))
    iin = message.text or ""
    chosen = None if locale_chosen else locale
    try:
        # Saved (the subscription, or a failure counted against guessing) before answering.
        done = await db.run(lambda s: subscribe(s, chat_id, number, iin, chosen))
    except DatabaseUnavailable as exc:
        # Nothing was stored; the dialogue still waits for the IIN, so sending it again works.
        log.warning("subscription not checked: %s", exc.reason)
        await message.answer(t("bot-apps-try-again-iin"))
        return
    if done.outcome == LookupOutcome.INVALID_IIN:
        await message.answer(t("bot-apps-iin-invalid"))
        return
    await state.set_state(None)
    if done.outcome == LookupOutcome.THROTTLED:
        minutes = max(1, math.ceil((done.retry_after or 60) / 60))
        await message.answer(t("bot-apps-throttled", minutes=minutes))
    elif done.outcome == LookupOutcome.NOT_FOUND:
        await message.answer(t("bot-apps-not-found", number=number),
                             reply_markup=keyboards.applications(t, []))
    elif done.newly:
        await message.answer(t("bot-apps-subscribed", number=number))
        await show_applications(message, catalogue, t, done.listing)
    else:
        await message.answer(t("bot-apps-already", number=number))


async def _forget(bot: Bot, message: Message) -> None:
    """Delete the message with the IIN; a chat where that is not possible keeps working."""
    with contextlib.suppress(TelegramAPIError):
        await bot.delete_message(message.chat.id, message.message_id)


async def remove(
    callback: CallbackQuery,
    callback_data: AppsCb,
    catalogue: CatalogueSnapshot,
    db: Database,
    t: Texts,
) -> None:
    msg = message_of(callback)
    chat_id, ref = callback.from_user.id, callback_data.ref
    if msg is None:
        await callback.answer(t.plain("bot-stale-button"), show_alert=True)
        return
    number, remaining = await db.run(lambda s: unsubscribe(s, chat_id, ref))
    if number is None:
        await callback.answer(t.plain("bot-stale-button"), show_alert=True)
        return
    await callback.answer(t.plain("bot-apps-unsubscribed", number=number))
    markup = keyboards.applications(t, [(a.id, a.number) for a in remaining])
    await msg.edit_text(applications_text(catalogue, t, remaining), reply_markup=markup)


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
