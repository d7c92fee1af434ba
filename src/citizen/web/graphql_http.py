"""The GraphQL-over-HTTP endpoint: limits, persisted queries, response cache, then strawberry.

Strawberry executes; this module decides what reaches it. Request errors (oversized or
malformed body, invalid query, too deep, too many aliases or tokens) are answered with a 4xx
status and a GraphQL `errors` body, and never touch the database.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from graphql import OperationDefinitionNode, OperationType, parse
from graphql.error import GraphQLError
from sqlalchemy.engine import Engine
from sqlmodel import Session
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from strawberry import Schema
from strawberry.http.ides import get_graphql_ide_html
from strawberry.types.graphql import OperationType as StrawberryOperationType

from citizen import metrics
from citizen.catalogue import queries
from citizen.graphql.context import Context, bearer_token, parse_accept_language
from citizen.settings import Settings
from citizen.web.response_cache import LruBytes, PersistedQueries, VersionProbe, response_key

JSON = "application/json"


class RequestError(Exception):
    def __init__(self, status: int, message: str, code: str):
        super().__init__(message)
        self.status, self.message, self.code = status, message, code


def error_response(status: int, message: str, code: str) -> Response:
    body = {"errors": [{"message": message, "extensions": {"code": code}}]}
    return Response(json.dumps(body, ensure_ascii=False), status_code=status, media_type=JSON)


@dataclass
class GraphQLRequest:
    query: str
    variables: dict[str, Any] | None
    operation_name: str | None


def _catalogue_version(engine: Engine) -> str:
    with Session(engine) as session:
        return queries.catalogue_version(session)


class GraphQLEndpoint:
    def __init__(self, schema: Schema, engine: Engine, settings: Settings):
        self.schema = schema
        self.engine = engine
        self.settings = settings
        self.cache = LruBytes(maxsize=2048)
        self.persisted = PersistedQueries()
        self.version = VersionProbe(lambda: _catalogue_version(engine))

    async def handle(self, request: Request) -> Response:
        started = time.perf_counter()
        response = await self._handle(request)
        operation = getattr(request.state, "graphql_operation", None)
        metrics.graphql_answered(operation, time.perf_counter() - started)
        return response

    async def _handle(self, request: Request) -> Response:
        try:
            if request.method == "GET":
                if "query" not in request.query_params and not _has_apq(request):
                    return self._ide(request)
                payload = _payload_from_params(request)
            else:
                payload = await self._payload_from_body(request)
            gql = self._resolve_persisted(payload)
        except RequestError as exc:
            return error_response(exc.status, exc.message, exc.code)
        request.state.graphql_operation = gql.operation_name or operation_name(gql.query)
        return await self._execute(request, gql)

    def _ide(self, request: Request) -> Response:
        if not self.settings.graphiql:
            return error_response(400, "GET requests need a `query` parameter", "BAD_REQUEST")
        return HTMLResponse(get_graphql_ide_html(graphql_ide="graphiql"))

    async def _payload_from_body(self, request: Request) -> dict[str, Any]:
        limit = self.settings.max_body_bytes
        declared = request.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > limit:
            raise RequestError(413, f"request body over {limit} bytes", "PAYLOAD_TOO_LARGE")
        body = b""
        async for chunk in request.stream():
            body += chunk
            if len(body) > limit:
                raise RequestError(413, f"request body over {limit} bytes", "PAYLOAD_TOO_LARGE")
        try:
            payload = json.loads(body)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise RequestError(400, f"malformed JSON body: {exc}", "BAD_REQUEST") from exc
        if not isinstance(payload, dict):
            raise RequestError(400, "the JSON body must be an object", "BAD_REQUEST")
        return payload

    def _resolve_persisted(self, payload: dict[str, Any]) -> GraphQLRequest:
        query = payload.get("query")
        variables = payload.get("variables")
        operation = payload.get("operationName")
        if variables is not None and not isinstance(variables, dict):
            raise RequestError(400, "`variables` must be an object", "BAD_REQUEST")
        if operation is not None and not isinstance(operation, str):
            raise RequestError(400, "`operationName` must be a string", "BAD_REQUEST")
        apq = (payload.get("extensions") or {}).get("persistedQuery")
        if isinstance(apq, dict) and isinstance(apq.get("sha256Hash"), str):
            sha = apq["sha256Hash"]
            if query is None:
                query = self.persisted.get(sha)
                if query is None:
                    # Apollo clients resend with the full text on this exact message.
                    raise RequestError(200, "PersistedQueryNotFound", "PERSISTED_QUERY_NOT_FOUND")
            elif PersistedQueries.digest(query) != sha:
                raise RequestError(400, "provided sha does not match query", "BAD_REQUEST")
            else:
                self.persisted.put(sha, query)
        if not isinstance(query, str) or not query.strip():
            raise RequestError(400, "a `query` string is required", "BAD_REQUEST")
        return GraphQLRequest(query, variables, operation)

    async def _execute(self, request: Request, gql: GraphQLRequest) -> Response:
        locale = parse_accept_language(request.headers.get("accept-language"))
        version = self.version.current()
        key = response_key(gql.query, gql.variables, gql.operation_name, locale.value, version)
        cached = self.cache.get(key) if self.settings.response_cache else None
        if self.settings.response_cache:
            metrics.response_cache(hit=cached is not None)
        if cached is not None:
            return Response(cached, media_type=JSON, headers={"x-citizen-cache": "hit"})
        context = Context(
            engine=self.engine,
            locale=locale,
            max_page=self.settings.max_page_size,
            token=bearer_token(request.headers.get("authorization")),
            client=f"ip:{request.client.host}" if request.client else "unknown",
        )
        # GET may only read; subscriptions run over the WebSocket at the same path.
        allowed: tuple[StrawberryOperationType, ...] = (StrawberryOperationType.QUERY,)
        if request.method == "POST":
            allowed += (StrawberryOperationType.MUTATION,)
        try:
            result = await self.schema.execute(
                gql.query,
                variable_values=gql.variables,
                context_value=context,
                operation_name=gql.operation_name,
                allowed_operation_types=allowed,
            )
        except Exception as exc:  # strawberry raises for a wrong operation type or name
            return error_response(400, str(exc) or type(exc).__name__, "BAD_REQUEST")
        body: dict[str, Any] = {"data": result.data}
        if result.errors:
            body["errors"] = [_format_error(e) for e in result.errors]
        raw = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()
        # No data at all means the request itself was wrong (syntax, validation, limits).
        status = 400 if result.data is None and result.errors else 200
        cacheable = self.settings.response_cache and context.cacheable and not result.errors
        if cacheable and operation_type(gql.query, gql.operation_name) == OperationType.QUERY:
            self.cache.put(key, raw)
        return Response(raw, status_code=status, media_type=JSON)


@lru_cache(maxsize=1024)
def operation_type(query: str, operation_name: str | None) -> OperationType | None:
    """The type of the operation a request runs (parsed once per distinct query text)."""
    try:
        document = parse(query)
    except GraphQLError:
        return None
    ops = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    for op in ops:
        if operation_name is None or (op.name and op.name.value == operation_name):
            return op.operation
    return None


@lru_cache(maxsize=1024)
def operation_name(query: str) -> str | None:
    """The name of a document's only operation, for metrics when no operationName is sent."""
    try:
        document = parse(query)
    except GraphQLError:
        return None
    ops = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    return ops[0].name.value if len(ops) == 1 and ops[0].name else None


def _format_error(error: GraphQLError) -> dict[str, Any]:
    formatted: dict[str, Any] = dict(error.formatted)
    if "extensions" not in formatted:
        formatted["extensions"] = {"code": "GRAPHQL_VALIDATION_FAILED"}
    return formatted


def _has_apq(request: Request) -> bool:
    return "extensions" in request.query_params


def _payload_from_params(request: Request) -> dict[str, Any]:
    params = request.query_params
    payload: dict[str, Any] = {
        "query": params.get("query"),
        "operationName": params.get("operationName"),
    }
    for name in ("variables", "extensions"):
        if name in params:
            try:
                payload[name] = json.loads(params[name])
            except json.JSONDecodeError as exc:
                raise RequestError(
                    400, f"malformed JSON in `{name}`: {exc}", "BAD_REQUEST"
                ) from exc
    return payload
