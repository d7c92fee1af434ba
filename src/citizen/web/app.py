"""The Starlette application: GraphQL, health, and (when configured) the Telegram webhook."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator

from sqlalchemy.engine import Engine
from starlette.applications import Starlette
from starlette.routing import BaseRoute, Route

from citizen.graphql.schema import build_schema
from citizen.settings import Settings
from citizen.web.graphql_http import GraphQLEndpoint
from citizen.web.health import health_routes

log = logging.getLogger(__name__)


def create_app(settings: Settings, engine: Engine) -> Starlette:
    schema = build_schema(settings)
    endpoint = GraphQLEndpoint(schema, engine, settings)
    routes: list[BaseRoute] = [
        Route("/graphql", endpoint.handle, methods=["GET", "POST"]),
        *health_routes(engine),
    ]

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield

    app = Starlette(routes=routes, lifespan=lifespan)
    app.state.settings = settings
    app.state.engine = engine
    app.state.graphql = endpoint
    return app
