"""First contact and language: /start (with a deep link's service), /language, the main menu."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command, CommandObject, CommandStart
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from citizen.applications.links import is_link_code
from citizen.bot import keyboards
from citizen.bot.callbacks import LanguageCb, MenuCb, service_by_key, short_key
from citizen.bot.replies import message_of, show
from citizen.bot.routers.card import show_service
from citizen.bot.routers.links import open_link
from citizen.bot.texts import Texts, join
from citizen.catalogue.snapshot import CatalogueSnapshot
from citizen.catalogue.vocabulary import Locale
from citizen.db import Database
from citizen.i18n import translator
from citizen.notifications.chats import set_chat_locale


def greeting(suggested: Locale) -> str:
    """The first message, in both languages (the suggested one first): we don't know theirs."""
    order = [suggested, *[loc for loc in Locale if loc != suggested]]
    return join([translator()(loc, "bot-language-greeting") for loc in order], "\n\n")


async def start(
    message: Message,
    command: CommandObject,
    catalogue: CatalogueSnapshot,
    db: Database,
    state: FSMContext,
    t: Texts,
    locale: Locale,
    locale_chosen: bool,
    suggested_locale: Locale,
) -> None:
    await state.set_state(None)
    payload = (command.args or "").strip()
    if is_link_code(payload):  # a one-time subscription link from the provider or an operator
        await open_link(message, db, t, locale, locale_chosen, payload)
        return
    wanted = catalogue.service(payload) if payload else None
    if not locale_chosen:
        then = short_key(wanted.id) if wanted else ""
        await message.answer(greeting(suggested_locale), reply_markup=keyboards.language(
            suggested_locale, then))
        return
    if wanted is not None:
        await show_service(message, state, t, wanted)
        return
    await message.answer(t("bot-welcome"), reply_markup=keyboards.main_menu(t))


async def language_command(message: Message, t: Texts) -> None:
    await message.answer(t("bot-language-prompt"), reply_markup=keyboards.language(t.locale))


async def language_chosen(
    callback: CallbackQuery,
    callback_data: LanguageCb,
    catalogue: CatalogueSnapshot,
    db: Database,
    state: FSMContext,
) -> None:
    locale = Locale(callback_data.locale)
    chat_id = callback.from_user.id
    # Stored before it is confirmed: the next update must see it.
    await db.run(lambda s: set_chat_locale(s, chat_id, locale))
    t = Texts(locale)
    await callback.answer()
    msg = message_of(callback)
    if msg is None:
        return
    await show(msg, t("bot-language-saved"), edit=True)
    wanted = service_by_key(catalogue, callback_data.then)
    if wanted is not None:
        await show_service(msg, state, t, wanted)
        return
    await msg.answer(t("bot-welcome"), reply_markup=keyboards.main_menu(t))


async def home(callback: CallbackQuery, t: Texts, state: FSMContext) -> None:
    await state.set_state(None)
    await callback.answer()
    msg = message_of(callback)
    if msg is not None:
        await msg.answer(t("bot-welcome"), reply_markup=keyboards.main_menu(t))


async def language_menu(callback: CallbackQuery, t: Texts) -> None:
    await callback.answer()
    msg = message_of(callback)
    if msg is not None:
        await msg.answer(t("bot-language-prompt"), reply_markup=keyboards.language(t.locale))


async def noop(callback: CallbackQuery) -> None:
    # The page counter between the arrows: pressing it does nothing, but must stop the spinner.
    await callback.answer()


def build_router() -> Router:
    """A fresh router: a router belongs to one dispatcher, and tests build several."""
    router = Router(name="start")
    router.message.register(start, CommandStart())
    router.message.register(language_command, Command("language"))
    router.callback_query.register(language_chosen, LanguageCb.filter())
    router.callback_query.register(home, MenuCb.filter(F.action == "home"))
    router.callback_query.register(language_menu, MenuCb.filter(F.action == "language"))
    router.callback_query.register(noop, MenuCb.filter(F.action == "noop"))
    return router
