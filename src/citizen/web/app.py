"""The Starlette application: GraphQL, health, the Telegram webhook, the operator console and
the notifier.

This is the composition root: the one place where the adapters (GraphQL, bot) and the
delivery worker are put together around one engine and one settings object.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from functools import partial
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.routing import BaseRoute, Route, WebSocketRoute

from citizen.applications.notices import render_notice
from citizen.catalogue.live import LiveCatalogue
from citizen.catalogue.vocabulary import Locale
from citizen.db import Database
from citizen.graphql.schema import build_schema
from citizen.notifications.rendering import RenderedMessage
from citizen.notifications.tables import Notification
from citizen.settings import Settings
from citizen.web.access_log import AccessLog
from citizen.web.console import console_routes
from citizen.web.cors import Cors, parse_origins
from citizen.web.graphiql import static_mount
from citizen.web.graphql_http import GraphQLEndpoint
from citizen.web.graphql_ws import GraphQLWebSocket
from citizen.web.health import health_routes
from citizen.web.http_caching import ContentLanguage
from citizen.web.metrics import metrics_routes
from citizen.web.middleware import RequestContext
from citizen.web.open_data import OpenDataRoutes

log = logging.getLogger(__name__)

Hook = Callable[[Any], Awaitable[Any]]


def create_app(settings: Settings, engine: Engine) -> Starlette:
    # One catalogue snapshot and one database runner for the whole process: every door reads
    # catalogue facts from the snapshot and does its database work through the runner.
    catalogue = LiveCatalogue(engine, settings.catalogue_refresh_interval)
    db = Database(engine, settings.db_concurrency, settings.db_pool_timeout)
    schema = build_schema(settings)
    endpoint = GraphQLEndpoint(schema, catalogue, db, settings)
    bot_routes, start_bot, stop_bot = _telegram(settings)
    routes: list[BaseRoute] = [
        Route("/graphql", endpoint.handle, methods=["GET", "POST"]),
        WebSocketRoute("/graphql", GraphQLWebSocket(schema, catalogue, db, settings)),
        *health_routes(db),
        *bot_routes,
        *OpenDataRoutes(catalogue, settings).routes(),
        *console_routes(settings, catalogue, db),  # the operator console, /operator/
        static_mount(),  # GraphiQL's scripts, served by us
        *(metrics_routes(engine) if settings.metrics_enabled else []),
    ]

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await catalogue.refresh()  # built before the first request, never inside one
        started()
        refresher = asyncio.create_task(catalogue.keep_fresh())
        await start_bot(app.state)
        try:
            render = partial(_render_notice, catalogue)
            async with _notifier(engine, render, settings):
                yield
        finally:
            await stop_bot(app.state)
            refresher.cancel()
            db.close()

    origins = parse_origins(settings.cors_origins)
    middleware = [
        # Outermost: the request id and the trusted proxies' view of the client, for all else.
        Middleware(
            RequestContext,
            trusted_proxies=settings.trusted_proxies,
            access_log=AccessLog() if settings.access_log else None,
        ),
        # Browser apps on the configured origins (none by default: then no layer at all, which
        # would only pass every message through); then every answer's language.
        *([Middleware(Cors, origins=origins)] if origins else []),
        Middleware(ContentLanguage, default=Locale(settings.default_locale)),
    ]
    app = Starlette(routes=routes, lifespan=lifespan, middleware=middleware)
    app.state.settings = settings
    app.state.engine = engine
    app.state.catalogue = catalogue
    app.state.db = db
    app.state.graphql = endpoint
    return app


def _telegram(settings: Settings) -> tuple[list[BaseRoute], Hook, Hook]:
    """The webhook route and the bot's start/stop hooks; nothing when no token is set.

    aiogram is imported only when the bot runs: it is most of a server's start-up time and
    memory, and an API-only deployment never needs it.
    """
    if settings.telegram_token is None:
        log.warning("Telegram bot is off: CITIZEN_TELEGRAM_TOKEN is not set (the API runs)")
        return [], _nothing, _nothing
    from citizen.bot.webhook import start_bot, stop_bot, webhook_routes

    return list(webhook_routes(settings)), start_bot, stop_bot


def _notifier(
    engine: Engine, render: Callable[..., Any], settings: Settings
) -> contextlib.AbstractAsyncContextManager[object]:
    """The notifier, running for the app's lifespan when it is on.

    Like aiogram, its HTTP client (httpx, ~5 MB) is imported only when it runs.
    """
    if not settings.notifier_runs:
        log.warning(
            "notifier is off (no Telegram token, or CITIZEN_NOTIFIER_ENABLED=false): status "
            "messages wait in the outbox"
        )
        return contextlib.nullcontext()
    from citizen.notifications.worker import running_notifier

    return running_notifier(engine, render, settings)


def started() -> None:
    """`citizen serve` starts with the cyclic garbage collector off (cli._serve): what exists
    now lives as long as the process, so it is frozen out of every later collection, which
    then only walks what requests create. Nothing happens when the collector was on."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


async def _nothing(_: Any) -> None:
    return None


def _render_notice(
    catalogue: LiveCatalogue, session: Session, notification: Notification
) -> RenderedMessage:
    return render_notice(session, catalogue.current, notification)
