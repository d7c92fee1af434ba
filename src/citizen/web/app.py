"""The Starlette application: GraphQL, health, the Telegram webhook, the operator console and
the notifier.

This is the composition root: the one place where the adapters (GraphQL, bot) and the
delivery worker are put together around one engine and one settings object.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from functools import partial

from sqlalchemy.engine import Engine
from sqlmodel import Session
from starlette.applications import Starlette
from starlette.routing import BaseRoute, Route, WebSocketRoute

from citizen.applications.notices import render_notice
from citizen.bot.webhook import start_bot, stop_bot, webhook_routes
from citizen.catalogue.live import LiveCatalogue
from citizen.db import Database
from citizen.graphql.schema import build_schema
from citizen.notifications.rendering import RenderedMessage
from citizen.notifications.tables import Notification
from citizen.notifications.worker import running_notifier
from citizen.settings import Settings
from citizen.web.console import console_routes
from citizen.web.graphiql import static_mount
from citizen.web.graphql_http import GraphQLEndpoint
from citizen.web.graphql_ws import GraphQLWebSocket
from citizen.web.health import health_routes

log = logging.getLogger(__name__)


def create_app(settings: Settings, engine: Engine) -> Starlette:
    # One catalogue snapshot and one database runner for the whole process: every door reads
    # catalogue facts from the snapshot and does its database work through the runner.
    catalogue = LiveCatalogue(engine, settings.catalogue_refresh_interval)
    db = Database(engine, settings.db_concurrency, settings.db_pool_timeout)
    schema = build_schema(settings)
    endpoint = GraphQLEndpoint(schema, catalogue, db, settings)
    routes: list[BaseRoute] = [
        Route("/graphql", endpoint.handle, methods=["GET", "POST"]),
        WebSocketRoute("/graphql", GraphQLWebSocket(schema, catalogue, db, settings)),
        *health_routes(engine),
        *webhook_routes(settings, engine),
        *console_routes(settings, catalogue, db),  # the operator console, /operator/
        static_mount(),  # GraphiQL's scripts, served by us
    ]

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await catalogue.refresh()  # built before the first request, never inside one
        refresher = asyncio.create_task(catalogue.keep_fresh())
        await start_bot(app.state)
        try:
            render = partial(_render_notice, catalogue)
            async with running_notifier(engine, render, settings) as worker:
                if worker is None:
                    log.warning(
                        "notifier is off (no Telegram token, or CITIZEN_NOTIFIER_ENABLED"
                        "=false): status messages wait in the outbox"
                    )
                yield
        finally:
            await stop_bot(app.state)
            refresher.cancel()
            db.close()

    app = Starlette(routes=routes, lifespan=lifespan)
    app.state.settings = settings
    app.state.engine = engine
    app.state.catalogue = catalogue
    app.state.db = db
    app.state.graphql = endpoint
    return app


def _render_notice(
    catalogue: LiveCatalogue, session: Session, notification: Notification
) -> RenderedMessage:
    return render_notice(session, catalogue.current, notification)
