"""The Starlette application: GraphQL, health, the Telegram webhook and the notifier.

This is the composition root: the one place where the adapters (GraphQL, bot) and the
delivery worker are put together around one engine and one settings object.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator

from sqlalchemy.engine import Engine
from starlette.applications import Starlette
from starlette.routing import BaseRoute, Route, WebSocketRoute

from citizen.bot.webhook import start_bot, stop_bot, webhook_routes
from citizen.graphql.schema import build_schema
from citizen.notifications.worker import running_notifier
from citizen.settings import Settings
from citizen.web.graphql_http import GraphQLEndpoint
from citizen.web.graphql_ws import GraphQLWebSocket
from citizen.web.health import health_routes
from citizen.web.metrics import metrics_routes

log = logging.getLogger(__name__)


def create_app(settings: Settings, engine: Engine) -> Starlette:
    schema = build_schema(settings)
    endpoint = GraphQLEndpoint(schema, engine, settings)
    routes: list[BaseRoute] = [
        Route("/graphql", endpoint.handle, methods=["GET", "POST"]),
        WebSocketRoute("/graphql", GraphQLWebSocket(schema, engine, settings)),
        *health_routes(engine),
        *(metrics_routes(engine) if settings.metrics_enabled else []),
        *webhook_routes(settings, engine),
    ]

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await start_bot(app.state)
        try:
            async with running_notifier(engine, settings) as worker:
                if worker is None:
                    log.warning(
                        "notifier is off (no Telegram token, or CITIZEN_NOTIFIER_ENABLED"
                        "=false): status messages wait in the outbox"
                    )
                yield
        finally:
            await stop_bot(app.state)

    app = Starlette(routes=routes, lifespan=lifespan)
    app.state.settings = settings
    app.state.engine = engine
    app.state.graphql = endpoint
    return app
