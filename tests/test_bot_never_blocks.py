"""The bot under a burst and under a held database lock: everybody is answered, at most
`bot_concurrency` updates are handled at once, and a database that cannot be written right now
ends in "try again in a moment" in the person's language, never in silence.

End to end through the fake Bot API over real HTTP, in webhook mode and in polling mode.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from aiogram import BaseMiddleware, Dispatcher
from aiogram.types import TelegramObject
from sqlalchemy import text
from sqlalchemy.engine import Engine

import citizen.bot.polling as polling
from citizen.bot.polling import run_polling
from citizen.catalogue.live import snapshot_of
from citizen.catalogue.model import Service
from citizen.db import Database, make_engine
from citizen.i18n import translator
from tests.support.bot_harness import TOKEN, Person, bot_settings, button_texts, running_bot
from tests.support.fake_bot_api import FakeBotAPI
from tests.test_bot_card import known_person
from tests.test_bot_tracking import register, valid_iin

T = translator()
PEOPLE = 50
CONCURRENCY = 4
# What each person types, in the language Telegram suggests for them (typos included).
QUERIES = {"kk": "балабакша кезеги", "ru": "очередь в детскй сад"}


class InFlight(BaseMiddleware):
    """Counts the updates being handled at the same moment (the peak is what matters)."""

    def __init__(self) -> None:
        self.now = 0
        self.peak = 0
        self.handled = 0

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        self.now += 1
        self.peak = max(self.peak, self.now)
        try:
            return await handler(event, data)
        finally:
            self.now -= 1
            self.handled += 1


def language_of(n: int) -> str:
    return "ru" if n % 2 else "kk"


def check_greeting(language: str, greeting: str | None) -> None:
    assert (greeting or "").startswith(T(language, "bot-language-greeting"))


def check_results(language: str, results: str | None, service: Service) -> None:
    # Nobody has chosen a language yet: the answer comes in the one Telegram suggests.
    assert T(language, "bot-search-pick") in (results or "")
    assert f"<b>1.</b> {service.name(language)}" in (results or "")


def test_fifty_people_at_once_through_the_webhook_are_all_answered(loaded_engine: Engine) -> None:
    service = snapshot_of(loaded_engine).service("preschool-queue")
    assert service is not None
    with running_bot(loaded_engine, bot_concurrency=CONCURRENCY) as running:
        counter = InFlight()
        running.runtime.dispatcher.update.outer_middleware(counter)
        running.fake.latency = 0.02  # every Bot API call takes a moment, as Telegram's do
        people = [running.person(9000 + n, language_of(n)) for n in range(PEOPLE)]
        for person in people:  # all at once: the fake POSTs them to the webhook concurrently
            running.fake.push_message(person.chat_id, "/start", language_code=person.language_code)
        for person in people:
            check_greeting(person.language_code, person.next_message(timeout=60).text)
        for person in people:
            running.fake.push_message(person.chat_id, QUERIES[person.language_code],
                                      language_code=person.language_code)
        for person in people:
            check_results(person.language_code, person.next_message(timeout=60).text, service)
    assert counter.handled == 2 * PEOPLE
    assert 1 < counter.peak <= CONCURRENCY


def test_fifty_people_at_once_through_long_polling_are_all_answered(
    loaded_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    service = snapshot_of(loaded_engine).service("preschool-queue")
    assert service is not None
    counter = InFlight()
    build = polling.build_dispatcher

    def counted(*args: Any, **kwargs: Any) -> Dispatcher:
        dp = build(*args, **kwargs)
        dp.update.outer_middleware(counter)
        return dp

    monkeypatch.setattr(polling, "build_dispatcher", counted)

    async def scenario(fake: FakeBotAPI) -> None:
        settings = bot_settings(fake, 1, telegram_webhook_url=None, bot_concurrency=CONCURRENCY,
                                database_url=str(loaded_engine.url.render_as_string(False)))
        fake.latency = 0.02
        task = asyncio.create_task(run_polling(settings, handle_signals=False, polling_timeout=1))
        try:
            chats = [(9100 + n, language_of(n)) for n in range(PEOPLE)]
            for chat_id, language in chats:
                fake.push_message(chat_id, "/start", language_code=language)
            for chat_id, language in chats:
                check_greeting(language, (await fake.wait_for_message_async(chat_id, 1, 60)).text)
            for chat_id, language in chats:
                fake.push_message(chat_id, QUERIES[language], language_code=language)
            for chat_id, language in chats:
                results = await fake.wait_for_message_async(chat_id, 2, 60)
                check_results(language, results.text, service)
        finally:
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)

    with FakeBotAPI(token=TOKEN) as fake:
        asyncio.run(scenario(fake))
    assert counter.handled == 2 * PEOPLE
    assert 1 < counter.peak <= CONCURRENCY


@contextmanager
def write_lock(engine: Engine) -> Iterator[None]:
    """Another connection holds a write lock, as another process's long write would.

    SQLite: `BEGIN IMMEDIATE` (readers go on, writers wait). PostgreSQL: the tables a
    subscription writes, locked in EXCLUSIVE mode (reads go on, writes wait).
    """
    if engine.dialect.name == "sqlite":
        assert engine.url.database
        other = sqlite3.connect(engine.url.database, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        try:
            yield
        finally:
            other.rollback()
            other.close()
        return
    with engine.connect() as other:
        held = other.begin()
        other.execute(text("LOCK TABLE telegram_chat, chat_subscription, lookup_throttle, "
                           "application IN EXCLUSIVE MODE"))
        try:
            yield
        finally:
            held.rollback()


@pytest.mark.parametrize("locale", ["kk", "ru"])
def test_while_the_database_is_locked_the_catalogue_answers_and_writes_say_try_again(
    loaded_engine: Engine, locale: str
) -> None:
    iin, number = valid_iin("88010150012"), "KZ-LOCK-1"
    register(loaded_engine, iin, number)
    with running_bot(loaded_engine) as running:
        person = known_person(running, loaded_engine, 9300, locale)
        with write_lock(loaded_engine):
            # Catalogue questions need no database: answered as usual.
            results = person.say(QUERIES[locale])
            assert T(locale, "bot-search-pick") in (results.text or "")
            card = person.press(results, "1", expect="new")
            person.press(card, T(locale, "bot-tab-time"))
            assert T(locale, "bot-time-title") in (card.text or "")
            person.press(card, T(locale, "bot-tab-documents"))
            assert T(locale, "bot-docs-title") in (card.text or "")
            # Reading one's applications still works; subscribing (a write) cannot now.
            asked = ask_for_iin(person, locale, number)
            assert asked.text == T(locale, "bot-apps-ask-iin")
            assert person.say(iin).text == T(locale, "bot-apps-try-again-iin")
        # The lock is gone: sending the IIN again (the dialogue still waits for it) works.
        assert person.say(iin).text == T(locale, "bot-apps-subscribed", number=number)
        listing = person.next_message()
        assert number in (listing.text or "")

        with write_lock(loaded_engine):
            alert = person.press(listing, number, expect="answer")
            assert alert["text"] == T(locale, "bot-try-again")
            assert alert["show_alert"] in (True, "true", "True")
        person.press(listing, number)  # unsubscribing again, now that it can be written
        assert T(locale, "bot-apps-empty") in (listing.text or "")


def ask_for_iin(person: Person, locale: str, number: str) -> Any:
    listing = person.say("/my")
    assert T(locale, "bot-apps-empty") in (listing.text or "")
    assert T(locale, "bot-apps-add") in button_texts(listing)
    asked = person.press(listing, T(locale, "bot-apps-add"), expect="new")
    assert asked.text == T(locale, "bot-apps-ask-number")
    return person.say(number)


def test_with_the_database_unreachable_the_catalogue_still_answers(loaded_engine: Engine) -> None:
    # Nothing listens on port 1: every connection is refused at once, as from a server that is
    # down. The catalogue snapshot was built before, as at any start.
    down = make_engine("postgresql://citizen@127.0.0.1:1/citizen")
    try:
        with running_bot(loaded_engine, database=Database(down)) as running:
            person = running.person(9400, "ru")
            # The chat's language cannot be read: answered in the suggested one, not asked.
            assert person.say("/start").text == T("ru", "bot-welcome")
            results = person.say(QUERIES["ru"])
            assert T("ru", "bot-search-pick") in (results.text or "")
            card = person.press(results, "1", expect="new")
            person.press(card, T("ru", "bot-tab-where"))
            assert T("ru", "bot-where-title") in (card.text or "")
            # Anything that needs the database says so, and what to do.
            assert person.say("/my").text == T("ru", "bot-try-again")
    finally:
        down.dispose()
