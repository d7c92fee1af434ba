"""Webhook mode inside `citizen serve`: the Starlette route and the start/stop hooks.

The web app mounts `webhook_routes(settings)` and calls `start_bot(app.state)` on start-up
(with the process's `LiveCatalogue` and `Database` in `app.state.catalogue` / `app.state.db`)
and `stop_bot(app.state)` on shutdown. Telegram proves each request with the secret it was
given at `setWebhook` (header `X-Telegram-Bot-Api-Secret-Token`); a request without the right
secret is refused before its body is read. Accepted updates are answered 200 at once and handled
in the background, at most `bot_concurrency` at a time: the others wait their turn holding
nothing but the parsed update (no connection, no thread), so a burst of people is answered in
turn instead of piling up database work that could not start in time. An update id seen before
(a resend, a replay) is answered 200 and not handled again (`updates.first_sight`); a
malformed body, however deep its nesting, is a 400.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import logging
from collections import OrderedDict
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from aiogram import Bot, Dispatcher
from aiogram.types import Update
from pydantic import ValidationError
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
from citizen.bot.updates import first_sight
from citizen.catalogue.live import LiveCatalogue
from citizen.db import Database, DatabaseUnavailable
from citizen.settings import Settings
from citizen.web.json_body import RequestError, parse_json_object

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
DEFAULT_PATH = "/telegram/webhook"
MAX_UPDATE_BYTES = 1024 * 1024  # an update is a few kilobytes; Telegram's largest far less
STOP_GRACE_SECONDS = 10.0
SEEN_IN_MEMORY = 10_000  # update ids a process remembers itself (Telegram resends within hours)


@dataclass
class BotRuntime:
    """The running bot: what the webhook route feeds updates into."""

    bot: Bot
    dispatcher: Dispatcher
    secret: str
    db: Database  # the process's database runner (update ids seen)
    concurrency: int = 16  # updates handled at once; the others wait their turn
    tasks: set[asyncio.Task[Any]] = field(default_factory=set)
    seen: OrderedDict[int, None] = field(default_factory=OrderedDict)  # recent update ids
    turns: asyncio.Semaphore = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.turns = asyncio.Semaphore(self.concurrency)

    def feed(self, update: Update) -> None:
        task = asyncio.create_task(self._handle(update))
        # Keep a reference until done: the event loop holds tasks only weakly.
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    async def _handle(self, update: Update) -> None:
        async with self.turns:
            await self.dispatcher.feed_update(self.bot, update)

    async def drain(self, timeout: float = STOP_GRACE_SECONDS) -> None:
        if self.tasks:
            await asyncio.wait(set(self.tasks), timeout=timeout)


def create_runtime(
    settings: Settings, catalogue: LiveCatalogue, db: Database, clock: Clock = kz_now
) -> BotRuntime:
    bot = build_bot(settings)
    dispatcher = build_dispatcher(settings, catalogue, db, clock)
    return BotRuntime(bot, dispatcher, webhook_secret(settings), db, settings.bot_concurrency)


def webhook_path(settings: Settings) -> str:
    """The route's path: that of the public webhook URL, so a proxy can pass it through as is."""
    if settings.telegram_webhook_url:
        path = urlsplit(settings.telegram_webhook_url).path
        if path and path != "/":
            return path
    return DEFAULT_PATH


def webhook_routes(settings: Settings) -> list[Route]:
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
    settings: Settings = request.app.state.settings
    try:
        async with asyncio.timeout(settings.request_read_timeout):
            body = await _read_limited(request, MAX_UPDATE_BYTES)
    except TimeoutError:
        return PlainTextResponse("the update did not arrive in time", status_code=408)
    if body is None:
        return PlainTextResponse("update too large", status_code=413)
    try:
        payload = parse_json_object(body, "update")
        update = Update.model_validate(payload, context={"bot": runtime.bot})
    except RequestError as exc:
        return PlainTextResponse(exc.message, status_code=400)
    except (ValueError, ValidationError):
        return PlainTextResponse("the body is not a Telegram update", status_code=400)
    if not await _first_sight(runtime, update.update_id, settings.telegram_update_ttl_seconds):
        log.info("update taken in before; not handled again", extra={"update_id": update.update_id})
        return Response(status_code=200)
    runtime.feed(update)
    return Response(status_code=200)


async def _first_sight(runtime: BotRuntime, update_id: int, ttl: float) -> bool:
    """Whether this process and (when it answers) the database have not seen the update.

    The process's own memory catches a resend at once; the database catches one that reached
    another process. A busy database must not stop the bot answering people (the catalogue
    needs no database): the update is then handled on the process's word alone.
    """
    if update_id in runtime.seen:
        return False
    runtime.seen[update_id] = None
    while len(runtime.seen) > SEEN_IN_MEMORY:
        runtime.seen.popitem(last=False)
    try:
        return await runtime.db.run(lambda s: first_sight(s, update_id, ttl))
    except DatabaseUnavailable:
        log.warning("update ids not checked across processes: the database is busy",
                    extra={"update_id": update_id})
        return True


async def _read_limited(request: Request, limit: int) -> bytes | None:
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            return None
    return body


async def start_bot(
    app_state: Any,
    settings: Settings | None = None,
    catalogue: LiveCatalogue | None = None,
    db: Database | None = None,
    clock: Clock = kz_now,
) -> BotRuntime | None:
    """Start the bot for the web app; registers the webhook when a public URL is configured.

    `settings`, `catalogue` and `db` default to `app_state.settings`, `app_state.catalogue`
    and `app_state.db` (the web app's, shared with the API). Sets `app_state.bot` (None when the
    bot is off). A Bot API that cannot be reached at start-up is logged and the API keeps
    running.
    """
    settings = settings or app_state.settings
    app_state.bot = None
    if settings.telegram_token is None:
        log.warning("Telegram bot is off: CITIZEN_TELEGRAM_TOKEN is not set (the API runs)")
        return None
    catalogue = catalogue or app_state.catalogue
    db = db or app_state.db
    runtime = create_runtime(settings, catalogue, db, clock)
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
    except Exception as exc:
        # One line that says what to fix; updates wait at Telegram until it is reachable.
        log.error(
            "Telegram Bot API at %s not reachable at start (%s: %s): check "
            "CITIZEN_TELEGRAM_API_URL, CITIZEN_TELEGRAM_TOKEN and the network; the API runs",
            settings.telegram_api_url,
            type(exc).__name__,
            str(exc).splitlines()[0][:200] if str(exc) else "",
        )
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


def standalone_app(
    settings: Settings, catalogue: LiveCatalogue, db: Database, clock: Clock = kz_now
) -> Starlette:
    """A web app with only the webhook (tests, the benchmark, a bot-only deployment).

    Like `citizen serve`, it builds the catalogue snapshot before the first update and keeps it
    fresh in the background; `db` stays the caller's to close.
    """

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await catalogue.refresh()
        refresher = asyncio.create_task(catalogue.keep_fresh())
        await start_bot(app.state, settings, catalogue, db, clock)
        try:
            yield
        finally:
            await stop_bot(app.state)
            refresher.cancel()
            await asyncio.gather(refresher, return_exceptions=True)

    app = Starlette(routes=webhook_routes(settings), lifespan=lifespan)
    app.state.settings = settings
    return app
