"""The bot's dialogue state in the database: it survives a restart and is shared by processes."""

from __future__ import annotations

import os
import uuid

import pytest
from pydantic import SecretStr
from sqlalchemy.engine import Engine
from sqlmodel import Session
from starlette.applications import Starlette

from citizen.bot.storage import DatabaseStorage, make_storage
from citizen.bot.webhook import standalone_app
from citizen.catalogue.live import LiveCatalogue
from citizen.catalogue.vocabulary import Locale
from citizen.db import Database
from citizen.i18n import translator
from citizen.notifications.chats import set_chat_locale
from citizen.settings import Settings
from tests.support.bot_harness import FIXED_NOW, Person, bot_settings
from tests.support.fake_bot_api import FakeBotAPI
from tests.support.live_server import free_port, live_server
from tests.test_bot_tracking import register, valid_iin

T = translator()


def _key(chat: int, destiny: str = "default") -> object:
    from aiogram.fsm.storage.base import StorageKey

    return StorageKey(bot_id=42, chat_id=chat, user_id=chat, destiny=destiny)


async def test_two_processes_see_one_dialogue(engine: Engine) -> None:
    # e.g. two webhook processes, each with its own database runner
    db_one, db_two = Database(engine), Database(engine)
    one, two = DatabaseStorage(db_one), DatabaseStorage(db_two)
    key = _key(7)
    try:
        assert await two.get_state(key) is None and await two.get_data(key) == {}
        await one.set_state(key, "Subscribing:number")
        await one.update_data(key, {"number": "KZ-1", "note": "қолхат"})
        assert await two.get_state(key) == "Subscribing:number"
        assert await two.get_data(key) == {"number": "KZ-1", "note": "қолхат"}
        await two.set_state(key, None)  # the dialogue ends; what it remembered stays
        assert await one.get_state(key) is None
        assert await one.get_value(key, "number") == "KZ-1"
        # Another destiny, another chat, another bot: separate places.
        assert await one.get_data(_key(7, "other")) == {}
        assert await one.get_data(_key(8)) == {}
    finally:
        await one.close()
        await two.close()
        db_one.close()
        db_two.close()


def test_the_setting_chooses_the_storage(engine: Engine) -> None:
    from aiogram.fsm.storage.memory import MemoryStorage

    db = Database(engine)
    assert isinstance(make_storage(Settings(), db), DatabaseStorage)
    assert isinstance(make_storage(Settings(bot_storage="memory"), db), MemoryStorage)
    try:
        make_storage(Settings(bot_storage="redis"), db)
    except ValueError as exc:
        assert "CITIZEN_REDIS_URL" in str(exc)
    else:
        raise AssertionError("redis without a URL must be refused")


async def test_redis_storage_when_a_deployment_has_redis(engine: Engine) -> None:
    """The optional Redis storage: aiogram's, keyed like the database one."""
    redis = pytest.importorskip("redis")
    url = os.environ.get("CITIZEN_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
    storage = make_storage(Settings(bot_storage="redis", redis_url=url), Database(engine))
    key = _key(int(uuid.uuid4().int % 10**9))
    try:
        await storage.set_state(key, "Subscribing:iin")
    except (OSError, redis.exceptions.ConnectionError):
        await storage.close()
        pytest.skip(f"no Redis at {url}")
    try:
        assert await storage.get_state(key) == "Subscribing:iin"
        await storage.set_state(key, None)
    finally:
        await storage.close()


def test_a_dialogue_continues_after_a_restart(loaded_engine: Engine) -> None:
    """A person gives the receipt number, the bot is redeployed, the person sends the IIN."""
    iin = valid_iin()
    register(loaded_engine, iin, "KZ-2026-0777")
    chat, locale = 3300, "ru"
    with Session(loaded_engine) as session:
        set_chat_locale(session, chat, Locale(locale))
        session.commit()
    with FakeBotAPI() as fake:
        port = free_port()
        settings = bot_settings(fake, port, telegram_token=SecretStr("123456789:restart-test"))
        person = Person(fake, chat, "ru")

        def app() -> Starlette:  # a fresh process's parts: its own snapshot and runner
            catalogue, db = LiveCatalogue(loaded_engine), Database(loaded_engine)
            return standalone_app(settings, catalogue, db, clock=lambda: FIXED_NOW)

        with live_server(app(), port=port):
            listing = person.say("/my")
            asked = person.press(listing, T(locale, "bot-apps-add"), expect="new")
            assert asked.text == T(locale, "bot-apps-ask-number")
            assert person.say("KZ-2026-0777").text == T(locale, "bot-apps-ask-iin")
        # A new process: nothing in memory carries over.
        with live_server(app(), port=port):
            done = person.say(iin)
    assert done.text == T(locale, "bot-apps-subscribed", number="KZ-2026-0777")
