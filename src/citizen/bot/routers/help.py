"""/help, the help button and the commands menu (per language)."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.filters import Command
from aiogram.types import BotCommand, CallbackQuery, Message

from citizen.bot import keyboards
from citizen.bot.callbacks import MenuCb
from citizen.bot.replies import message_of
from citizen.bot.texts import Texts
from citizen.catalogue.vocabulary import Locale

COMMANDS = (
    ("start", "bot-cmd-start"),
    ("search", "bot-cmd-search"),
    ("services", "bot-cmd-services"),
    ("my", "bot-cmd-my"),
    ("language", "bot-cmd-language"),
    ("help", "bot-cmd-help"),
)


async def set_commands(bot: Bot, default_locale: str) -> None:
    """The "/" menu in each language; people with another interface language get the default."""
    for locale in Locale:
        t = Texts(locale)
        commands = [BotCommand(command=c, description=t.plain(m)) for c, m in COMMANDS]
        await bot.set_my_commands(commands, language_code=locale.value)
        if locale.value == default_locale:
            await bot.set_my_commands(commands)


async def _help_text(bot: Bot, t: Texts) -> str:
    me = await bot.me()
    return t("bot-help", bot=me.username or "")


async def help_command(message: Message, bot: Bot, t: Texts) -> None:
    await message.answer(await _help_text(bot, t), reply_markup=keyboards.main_menu(t))


async def help_button(callback: CallbackQuery, bot: Bot, t: Texts) -> None:
    await callback.answer()
    msg = message_of(callback)
    if msg is not None:
        await msg.answer(await _help_text(bot, t), reply_markup=keyboards.main_menu(t))


def build_router() -> Router:
    """A fresh router: a router belongs to one dispatcher, and tests build several."""
    router = Router(name="help")
    router.message.register(help_command, Command("help"))
    router.callback_query.register(help_button, MenuCb.filter(F.action == "help"))
    return router
