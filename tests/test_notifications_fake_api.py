"""The fake Telegram Bot API behaves like Telegram for a real client (aiogram) over HTTP."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest
from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramConflictError,
    TelegramForbiddenError,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.types import BotCommand, InlineKeyboardButton, InlineKeyboardMarkup

from tests.support.fake_bot_api import BOT_USER, FakeBotAPI, Fault

TOKEN = "123456:fake-api-test"


@pytest.fixture
async def pair() -> AsyncIterator[tuple[FakeBotAPI, Bot]]:
    with FakeBotAPI() as fake:
        session = AiohttpSession(api=TelegramAPIServer.from_base(fake.base_url))
        bot = Bot(TOKEN, session=session)
        try:
            yield fake, bot
        finally:
            await bot.session.close()


async def test_messages_are_recorded_per_chat_and_waited_for(
    pair: tuple[FakeBotAPI, Bot],
) -> None:
    fake, bot = pair
    me = await bot.get_me()
    assert me.id == BOT_USER["id"] and me.is_bot
    keyboard = InlineKeyboardMarkup(
        inline_keyboard=[[InlineKeyboardButton(text="Иә", callback_data="yes")]]
    )
    first = await bot.send_message(5, "Сәлем", reply_markup=keyboard)
    await bot.send_venue(5, 49.8, 73.1, "Кеңсе", "Мекенжай")
    await bot.send_message(6, "Привет")
    second = await fake.wait_for_message_async(5, 2)
    assert second.method == "sendVenue" and second.params["title"] == "Кеңсе"
    recorded = fake.wait_for_message(5, 1)
    assert recorded.text == "Сәлем" and recorded.message_id == first.message_id
    assert recorded.params["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "yes"
    assert [m.text for m in fake.messages_to(6)] == ["Привет"]
    with pytest.raises(TimeoutError):
        fake.wait_for_message(6, 2, timeout=0.2)


async def test_edits_callbacks_inline_answers_and_commands(pair: tuple[FakeBotAPI, Bot]) -> None:
    fake, bot = pair
    sent = await bot.send_message(7, "Бірінші")
    edited = await bot.edit_message_text(text="Екінші", chat_id=7, message_id=sent.message_id)
    assert not isinstance(edited, bool) and edited.text == "Екінші"
    assert fake.messages_to(7)[0].text == "Екінші" and fake.messages_to(7)[0].edits
    with pytest.raises(TelegramBadRequest):
        await bot.edit_message_text(text="x", chat_id=7, message_id=999)
    assert await bot.answer_callback_query("cq-1", text="Дайын")
    assert fake.callback_answers[0]["text"] == "Дайын"
    assert await bot.answer_inline_query("iq-1", results=[], cache_time=1)
    assert fake.inline_answers[0]["inline_query_id"] == "iq-1"
    commands = [BotCommand(command="start", description="Бастау")]
    await bot.set_my_commands(commands, language_code="kk")
    assert fake.commands_for("kk") == [{"command": "start", "description": "Бастау"}]
    assert [c.command for c in await bot.get_my_commands(language_code="kk")] == ["start"]


async def test_long_polling_returns_queued_updates_and_confirms_with_the_offset(
    pair: tuple[FakeBotAPI, Bot],
) -> None:
    fake, bot = pair
    assert await bot.get_updates(timeout=0) == []
    waiting = asyncio.create_task(bot.get_updates(offset=0, timeout=5))
    await asyncio.sleep(0.2)
    first_id = fake.push_message(42, "/start", language_code="ru")
    [update] = await waiting
    assert update.update_id == first_id and update.message is not None
    assert update.message.text == "/start" and update.message.from_user is not None
    assert update.message.from_user.language_code == "ru"
    second_id = fake.push_callback_query(42, "lang:kk")
    updates = await bot.get_updates(offset=first_id + 1, timeout=1)
    assert [u.update_id for u in updates] == [second_id]
    assert updates[0].callback_query is not None and updates[0].callback_query.data == "lang:kk"
    assert await bot.get_updates(offset=second_id + 1, timeout=0) == []


async def test_a_webhook_excludes_long_polling_until_deleted(pair: tuple[FakeBotAPI, Bot]) -> None:
    fake, bot = pair
    assert await bot.set_webhook("https://example.org/hook", secret_token="s3cret")
    assert fake.webhook is not None and fake.webhook["secret_token"] == "s3cret"
    assert (await bot.get_webhook_info()).url == "https://example.org/hook"
    with pytest.raises(TelegramConflictError):
        await bot.get_updates(timeout=0)
    assert await bot.delete_webhook()
    assert fake.webhook is None and await bot.get_updates(timeout=0) == []


async def test_injected_faults_reach_the_client_as_telegram_errors(
    pair: tuple[FakeBotAPI, Bot],
) -> None:
    fake, bot = pair
    fake.inject(Fault.too_many_requests(retry_after=3), chat_id=9)
    with pytest.raises(TelegramRetryAfter) as retry:
        await bot.send_message(9, "x")
    assert retry.value.retry_after == 3
    fake.inject(Fault.server_error(502), method="sendMessage")
    with pytest.raises(TelegramServerError):
        await bot.send_message(9, "x")
    fake.block_chat(9)
    with pytest.raises(TelegramForbiddenError):
        await bot.send_message(9, "x")
    fake.unblock_chat(9)
    await bot.send_message(9, "finally")
    assert [m.text for m in fake.messages_to(9)] == ["finally"]
    assert [c.status for c in fake.calls if c.chat_id == 9] == [429, 502, 403, 200]


def test_limits_are_enforced_when_asked() -> None:
    import httpx

    with FakeBotAPI(enforce_limits=True, chat_interval=1.0) as fake:
        url = f"{fake.base_url}/bot{TOKEN}/sendMessage"
        first = httpx.post(url, json={"chat_id": 1, "text": "a"})
        second = httpx.post(url, json={"chat_id": 1, "text": "b"})  # at once: too fast
        other = httpx.post(url, json={"chat_id": 2, "text": "c"})
    assert (first.status_code, second.status_code, other.status_code) == (200, 429, 200)
    assert second.json()["parameters"]["retry_after"] == 1
    assert fake.limit_violations == 1
