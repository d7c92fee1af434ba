"""GraphQL subscriptions over WebSocket (graphql-transport-ws and graphql-ws), by strawberry.

Bounded: at most `ws_max_operations` operations run at once on one connection, and uvicorn
closes a connection whose message exceeds `ws_max_message_bytes` (code 1009, see web.server).
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.websockets import WebSocket
from strawberry import Schema
from strawberry.asgi import GraphQL

from citizen.catalogue.live import LiveCatalogue
from citizen.db import Database
from citizen.graphql.context import Context, bearer_token, parse_accept_language
from citizen.settings import Settings


class GraphQLWebSocket(GraphQL[Context, None]):
    """Strawberry's ASGI app, used for the WebSocket side of `/graphql` only."""

    def __init__(self, schema: Schema, catalogue: LiveCatalogue, db: Database, settings: Settings):
        super().__init__(schema, graphql_ide=None)
        self.catalogue = catalogue
        self.db = db
        self.settings = settings
        self.max_subscriptions_per_connection = settings.ws_max_operations

    async def get_context(self, request: Request | WebSocket, response: Any) -> Context:
        headers = request.headers
        return Context(
            catalogue=self.catalogue.current,
            db=self.db,
            locale=parse_accept_language(headers.get("accept-language")),
            max_page=self.settings.max_page_size,
            token=bearer_token(headers.get("authorization")),
            client=f"ip:{request.client.host}" if request.client else "unknown",
            cacheable=False,
        )
