"""Driving the bot end to end: the real web app with the webhook, the fake Bot API, a person.

`running_bot(engine)` starts the fake Telegram Bot API and the bot's web app (uvicorn, real
HTTP) with the webhook URL configured, so the bot registers its webhook with the fake on start
and the fake POSTs every update there, secret included, as Telegram does. The bot gets its
catalogue snapshot and database runner as in `citizen serve`: a `LiveCatalogue` and a
`Database` over the test's engine. `Person` types and
presses buttons through the fake and reads what the bot sent back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from pydantic import SecretStr
from sqlalchemy.engine import Engine
from starlette.applications import Starlette

from citizen.bot.webhook import BotRuntime, standalone_app
from citizen.catalogue.calendar import KZ_TZ
from citizen.catalogue.live import LiveCatalogue
from citizen.db import Database
from citizen.settings import Settings
from tests.support.fake_bot_api import FakeBotAPI, SentMessage
from tests.support.live_server import free_port, live_server

TOKEN = "123456789:TEST-citizen-bot-token"
WEBHOOK_SECRET = "test-webhook-secret"
# A Tuesday, 10:00 in Kazakhstan: the "if I apply today" answers are computed from it.
FIXED_NOW = dt.datetime(2026, 12, 1, 10, 0, tzinfo=KZ_TZ)


def bot_settings(fake: FakeBotAPI, port: int, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "telegram_token": SecretStr(TOKEN),
        "telegram_api_url": fake.base_url,
        "telegram_webhook_url": f"http://127.0.0.1:{port}/telegram/webhook",
        "telegram_webhook_secret": SecretStr(WEBHOOK_SECRET),
        **overrides,
    }
    return Settings(**values)


@dataclass
class RunningBot:
    fake: FakeBotAPI
    url: str  # the web app's base URL
    settings: Settings
    app: Starlette

    @property
    def runtime(self) -> BotRuntime:
        runtime: BotRuntime | None = self.app.state.bot
        assert runtime is not None
        return runtime

    @property
    def webhook_url(self) -> str:
        assert self.settings.telegram_webhook_url
        return self.settings.telegram_webhook_url

    def person(self, chat_id: int, language_code: str) -> Person:
        return Person(self.fake, chat_id, language_code)


@contextmanager
def running_bot(
    engine: Engine,
    now: dt.datetime = FIXED_NOW,
    database: Database | None = None,
    **overrides: Any,
) -> Iterator[RunningBot]:
    """The bot on a fresh fake Bot API; `overrides` are settings (e.g. `bot_concurrency`).

    `database` replaces the bot's database runner (e.g. one on a server that is down); the
    catalogue snapshot is still read from `engine`.
    """
    db = database or Database(engine)
    try:
        with FakeBotAPI() as fake:
            port = free_port()
            settings = bot_settings(fake, port, **overrides)
            app = standalone_app(settings, LiveCatalogue(engine), db, clock=lambda: now)
            with live_server(app, port=port) as url:
                yield RunningBot(fake, url, settings, app)
    finally:
        db.close()


@dataclass
class Person:
    """A Telegram user in a private chat with the bot (user id = chat id)."""

    fake: FakeBotAPI
    chat_id: int
    language_code: str
    seen: int = 0  # messages from the bot already read
    sent_ids: list[int] = field(default_factory=list)  # update ids pushed

    def next_message(self, timeout: float = 10.0) -> SentMessage:
        """The bot's next message to this chat, waiting for it."""
        message = self.fake.wait_for_message(self.chat_id, self.seen + 1, timeout)
        self.seen += 1
        return message

    def say(self, text: str) -> SentMessage:
        """Write `text` to the bot; the bot's first answer to it."""
        self.sent_ids.append(self.fake.push_message(self.chat_id, text,
                                                    language_code=self.language_code))
        return self.next_message()

    def press(self, message: SentMessage, label: str, expect: str = "edit") -> Any:
        """Press the button whose text contains `label` on `message`.

        `expect`: "edit" waits for the message to change and returns it; "new" returns the
        next message the bot sends; "answer" returns the callback answer (an alert).
        """
        data = button_data(message, label)
        edits = len(message.edits)
        answers = len(self.fake.callback_answers)
        self.fake.push_callback_query(self.chat_id, data, message_id=message.message_id,
                                      language_code=self.language_code)
        if expect == "new":
            return self.next_message()
        if expect == "answer":
            self.fake.wait_for(lambda f: len(f.callback_answers) > answers, what="an answer")
            return self.fake.callback_answers[-1]
        self.fake.wait_for(lambda f: len(message.edits) > edits, what=f"an edit after {label!r}")
        return message


def buttons(message: SentMessage) -> list[dict[str, Any]]:
    markup = message.params.get("reply_markup") or {}
    return [b for row in markup.get("inline_keyboard", []) for b in row]


def button_texts(message: SentMessage) -> list[str]:
    return [str(b["text"]) for b in buttons(message)]


def button_data(message: SentMessage, label: str) -> str:
    for button in buttons(message):
        if label in str(button["text"]) and "callback_data" in button:
            return str(button["callback_data"])
    raise AssertionError(f"no button {label!r} among {button_texts(message)}")
