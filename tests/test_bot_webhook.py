"""Running the bot: the webhook's secret check, registration on start, the commands menu,
the bot being off without a token, and long polling (`citizen bot`)."""

from __future__ import annotations

import asyncio
import json
import logging

import httpx
import pytest
from sqlalchemy.engine import Engine
from starlette.applications import Starlette

from citizen.bot import start_bot, stop_bot, webhook_routes
from citizen.bot.app import ALLOWED_UPDATES
from citizen.bot.polling import run_polling
from citizen.bot.webhook import SECRET_HEADER
from citizen.catalogue.live import LiveCatalogue
from citizen.db import Database
from citizen.i18n import translator
from citizen.settings import Settings
from tests.support.bot_harness import TOKEN, WEBHOOK_SECRET, bot_settings, running_bot
from tests.support.fake_bot_api import FakeBotAPI

T = translator()


def start_update(chat_id: int, update_id: int = 1) -> dict[str, object]:
    return {
        "update_id": update_id,
        "message": {
            "message_id": 1,
            "date": 0,
            "chat": {"id": chat_id, "type": "private"},
            "from": {"id": chat_id, "is_bot": False, "first_name": "T", "language_code": "ru"},
            "text": "/start",
            "entities": [{"type": "bot_command", "offset": 0, "length": 6}],
        },
    }


def test_webhook_is_registered_on_start_with_its_secret(loaded_engine: Engine) -> None:
    with running_bot(loaded_engine) as running:
        hook = running.fake.webhook
        assert hook is not None
        assert hook["url"] == running.webhook_url
        assert hook["secret_token"] == WEBHOOK_SECRET
        assert hook["allowed_updates"] == ALLOWED_UPDATES
        # The "/" menu exists in both languages, and by default in the default language.
        for locale in ("kk", "ru"):
            commands = running.fake.commands_for(locale)
            assert commands is not None
            assert {"command": "language", "description": T(locale, "bot-cmd-language")} in commands
        assert running.fake.commands_for("") == running.fake.commands_for("kk")


def test_webhook_rejects_a_wrong_or_missing_secret(loaded_engine: Engine) -> None:
    with running_bot(loaded_engine) as running:
        body = json.dumps(start_update(5001))
        for headers in ({SECRET_HEADER: "wrong"}, {}):
            response = httpx.post(running.webhook_url, content=body, headers=headers)
            assert response.status_code == 401
        bad = httpx.post(running.webhook_url, content="not json",
                         headers={SECRET_HEADER: WEBHOOK_SECRET})
        assert bad.status_code == 400
        # Nothing was handled: the rejected updates got no answer.
        assert running.fake.messages_to(5001) == []
        ok = httpx.post(running.webhook_url, content=body, headers={SECRET_HEADER: WEBHOOK_SECRET})
        assert ok.status_code == 200
        greeting = running.fake.wait_for_message(5001, 1)
        assert (greeting.text or "").startswith(T("ru", "bot-language-greeting"))
        assert len(running.fake.messages_to(5001)) == 1


def test_without_a_token_the_bot_is_off_and_says_so(
    loaded_engine: Engine, caplog: pytest.LogCaptureFixture
) -> None:
    settings = Settings(telegram_token=None)
    assert webhook_routes(settings) == []
    app = Starlette()
    app.state.catalogue = LiveCatalogue(loaded_engine)
    app.state.db = Database(loaded_engine)
    with caplog.at_level(logging.WARNING):
        assert asyncio.run(start_bot(app.state, settings)) is None
    app.state.db.close()
    assert app.state.bot is None
    assert "Telegram bot is off" in caplog.text
    asyncio.run(stop_bot(app.state))


def test_long_polling_answers_in_the_chosen_language(loaded_engine: Engine) -> None:
    async def scenario(fake: FakeBotAPI) -> None:
        settings = bot_settings(fake, 1, telegram_webhook_url=None,
                                database_url=str(loaded_engine.url.render_as_string(False)))
        # A webhook left from `citizen serve` (loopback, nothing listens): polling removes it.
        fake.webhook = {"url": "http://127.0.0.1:9/telegram/webhook"}
        task = asyncio.create_task(run_polling(settings, handle_signals=False, polling_timeout=1))
        try:
            for _ in range(3000):  # deleteWebhook comes after migrating the database
                if fake.webhook is None:
                    break
                await asyncio.sleep(0.01)
            fake.push_message(6001, "/start", language_code="kk")
            greeting = await fake.wait_for_message_async(6001, 1)
            assert (greeting.text or "").startswith(T("kk", "bot-language-greeting"))
        finally:
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)

    with FakeBotAPI(token=TOKEN) as fake:
        asyncio.run(scenario(fake))
