"""Webhook mode inside `citizen serve`: the Starlette route and the start/stop hooks.

The web app mounts `webhook_routes(settings, engine)` and calls `start_bot(app.state)` on
start-up and `stop_bot(app.state)` on shutdown. Telegram proves each request with the secret
it was given at `setWebhook` (header `X-Telegram-Bot-Api-Secret-Token`); a request without the
right secret is refused before its body is read. Accepted updates are answered 200 at once and
handled in the background, so Telegram never waits on a slow database and never resends.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from aiogram import Bot, Dispatcher
from aiogram.types import Update
from pydantic import ValidationError
from sqlalchemy.engine import Engine
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from citizen.bot.app import (
    ALLOWED_UPDATES,
    Clock,
    build_bot,
    build_dispatcher,
    kz_now,
    webhook_secret,
)
from citizen.bot.routers.help import set_commands
from citizen.settings import Settings

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
DEFAULT_PATH = "/telegram/webhook"
MAX_UPDATE_BYTES = 1024 * 1024  # an update is a few kilobytes; Telegram's largest far less
STOP_GRACE_SECONDS = 10.0


@dataclass
class BotRuntime:
    """The running bot: what the webhook route feeds updates into."""

    bot: Bot
    dispatcher: Dispatcher
    secret: str
    tasks: set[asyncio.Task[Any]] = field(default_factory=set)

    def feed(self, update: Update) -> None:
        task = asyncio.create_task(self.dispatcher.feed_update(self.bot, update))
        # Keep a reference until done: the event loop holds tasks only weakly.
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    async def drain(self, timeout: float = STOP_GRACE_SECONDS) -> None:
        if self.tasks:
            await asyncio.wait(set(self.tasks), timeout=timeout)


def create_runtime(settings: Settings, engine: Engine, clock: Clock = kz_now) -> BotRuntime:
    bot = build_bot(settings)
    return BotRuntime(bot, build_dispatcher(engine, settings, clock), webhook_secret(settings))


def webhook_path(settings: Settings) -> str:
    """The route's path: that of the public webhook URL, so a proxy can pass it through as is."""
    if settings.telegram_webhook_url:
        path = urlsplit(settings.telegram_webhook_url).path
        if path and path != "/":
            return path
    return DEFAULT_PATH


def webhook_routes(settings: Settings, engine: Engine) -> list[Route]:
    """The webhook route, or none when the bot is off (no token)."""
    if settings.telegram_token is None:
        return []
    return [Route(webhook_path(settings), receive_update, methods=["POST"], name="telegram")]


async def receive_update(request: Request) -> Response:
    runtime: BotRuntime | None = getattr(request.app.state, "bot", None)
    if runtime is None:
        return PlainTextResponse("the Telegram bot is not running", status_code=503)
    given = request.headers.get(SECRET_HEADER, "")
    if not hmac.compare_digest(given.encode(), runtime.secret.encode()):
        return PlainTextResponse("wrong or missing secret token", status_code=401)
    body = await request.body()
    if len(body) > MAX_UPDATE_BYTES:
        return PlainTextResponse("update too large", status_code=413)
    try:
        update = Update.model_validate(json.loads(body), context={"bot": runtime.bot})
    except (ValueError, ValidationError):
        return PlainTextResponse("the body is not a Telegram update", status_code=400)
    runtime.feed(update)
    return Response(status_code=200)


async def start_bot(
    app_state: Any,
    settings: Settings | None = None,
    engine: Engine | None = None,
    clock: Clock = kz_now,
) -> BotRuntime | None:
    """Start the bot for the web app; registers the webhook when a public URL is configured.

    `settings` and `engine` default to `app_state.settings` and `app_state.engine`. Sets
    `app_state.bot` (None when the bot is off). A Bot API that cannot be reached at start-up is
    logged and the API keeps running.
    """
    settings = settings or app_state.settings
    engine = engine or app_state.engine
    assert settings is not None and engine is not None
    app_state.bot = None
    if settings.telegram_token is None:
        log.warning("Telegram bot is off: CITIZEN_TELEGRAM_TOKEN is not set (the API runs)")
        return None
    runtime = create_runtime(settings, engine, clock)
    app_state.bot = runtime
    try:
        await set_commands(runtime.bot, settings.default_locale)
        if settings.telegram_webhook_url:
            await runtime.bot.set_webhook(
                settings.telegram_webhook_url,
                secret_token=runtime.secret,
                allowed_updates=ALLOWED_UPDATES,
            )
            log.info("Telegram webhook registered at %s", settings.telegram_webhook_url)
        else:
            log.warning(
                "Telegram bot on, but no webhook registered: CITIZEN_TELEGRAM_WEBHOOK_URL is not "
                "set (use `citizen bot` for long polling)"
            )
    except Exception:
        log.exception("Telegram Bot API at %s not reachable at start", settings.telegram_api_url)
    return runtime


async def stop_bot(app_state: Any) -> None:
    """Let updates being handled finish, then close the Bot API connection."""
    runtime: BotRuntime | None = getattr(app_state, "bot", None)
    if runtime is None:
        return
    await runtime.drain()
    await runtime.bot.session.close()
    await runtime.dispatcher.storage.close()
    app_state.bot = None


def standalone_app(settings: Settings, engine: Engine, clock: Clock = kz_now) -> Starlette:
    """A web app with only the webhook (tests, the benchmark, a bot-only deployment)."""

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await start_bot(app.state, settings, engine, clock)
        try:
            yield
        finally:
            await stop_bot(app.state)

    return Starlette(routes=webhook_routes(settings, engine), lifespan=lifespan)
