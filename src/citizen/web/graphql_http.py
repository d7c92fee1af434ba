"""The GraphQL-over-HTTP endpoint: what may reach strawberry, and the status each answer gets.

In order, before anything touches the database:
1. the request is well-formed: POST bodies are `application/json` only (a form or `text/plain`
   POST is what a browser sends cross-site without asking: CSRF), within the size limit, read
   within the time limit, valid JSON of reasonable nesting and encodable text; `query`,
   `variables`, `operationName`, `extensions` have the right types;
2. a GET carries no IIN (URLs end up in access logs, proxies and browser history): an
   operation with an `iin` argument, or any 12-digit value, is refused with a 400;
3. persisted queries (APQ) are resolved; a new one is stored only once it has run without a
   request error (it parsed and validated);
4. the response cache is consulted: keyed on the query, its *declared* variables, the
   operation, the language and the catalogue version, bounded in bytes.

Then strawberry executes, on the process's catalogue snapshot (taken once per request; a
catalogue answer needs no database at all) and the database runner (application work, off the
event loop). Statuses: 200 with `data`; 400 for a request error (syntax, validation, limits;
`code` says which); 503 with `Retry-After` when the database is busy or unreachable; 500 when
our code failed — masked, with the request id that is in the log. Caching headers for web
clients and CDNs (issue 12) are set in `_answer`, by the rules of `web/http_caching.py`.
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from graphql import (
    ArgumentNode,
    GraphQLError,
    OperationDefinitionNode,
    OperationType,
    Visitor,
    parse,
    visit,
)
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from strawberry import Schema
from strawberry.types.graphql import OperationType as StrawberryOperationType

from citizen import logs, metrics
from citizen.catalogue.live import LiveCatalogue
from citizen.db import Database
from citizen.graphql.context import Context, bearer_token
from citizen.graphql.safety import INTERNAL, UNAVAILABLE, is_ours, masked
from citizen.settings import Settings
from citizen.web.cors import parse_origins
from citizen.web.graphiql import graphiql_html
from citizen.web.http_caching import (
    CachePolicy,
    Negotiated,
    etag,
    matches,
    negotiate,
    with_locale_extension,
)
from citizen.web.json_body import RequestError, parse_json_object
from citizen.web.read_deadline import ReadDeadlines
from citizen.web.response_cache import (
    LruBytes,
    ParsedBodies,
    PersistedQueries,
    request_digest,
    response_key,
)

JSON = "application/json"
MAX_DIGIT_RUN = 100  # an integer literal longer than this is no request we serve
_LONG_DIGITS = re.compile(r"\d{" + str(MAX_DIGIT_RUN + 1) + ",}")


def error_response(
    status: int, message: str, code: str, headers: dict[str, str] | None = None
) -> Response:
    extensions: dict[str, Any] = {"code": code}
    if status >= 500:
        extensions["requestId"] = logs.request_id.get()
    body = {"errors": [{"message": message, "extensions": extensions}]}
    # A refusal is about this one request: no cache, shared or private, may keep it.
    headers = {"Cache-Control": "no-store", **(headers or {})}
    return Response(
        json.dumps(body, ensure_ascii=False), status_code=status, media_type=JSON, headers=headers
    )


@dataclass(frozen=True)
class GraphQLRequest:
    query: str
    variables: dict[str, Any] | None
    operation_name: str | None
    persist_as: str | None = None  # an APQ hash to store the query under once it ran cleanly
    persisted: bool = False  # sent as an automatic persisted query (cacheable like a GET)


class GraphQLEndpoint:
    def __init__(self, schema: Schema, catalogue: LiveCatalogue, db: Database, settings: Settings):
        self.schema = schema
        self.catalogue = catalogue
        self.db = db
        self.settings = settings
        self.cache = LruBytes(settings.response_cache_bytes, settings.response_cache_entry_bytes)
        self.persisted = PersistedQueries()
        self.bodies: ParsedBodies[tuple[GraphQLRequest, str]] = ParsedBodies()
        self.deadlines = ReadDeadlines(settings.request_read_timeout)
        cors = bool(parse_origins(settings.cors_origins))
        self.http = CachePolicy(settings.http_cache_max_age, cors)

    async def handle(self, request: Request) -> Response:
        started = time.perf_counter()
        response, operation = await self._handle(request)
        metrics.graphql_answered(operation, time.perf_counter() - started)
        return response

    async def _handle(self, request: Request) -> tuple[Response, str | None]:
        """The answer, and the operation's name for the metrics (None when refused early)."""
        try:
            if request.method == "GET":
                if "query" not in request.query_params and not _has_apq(request):
                    return self._ide(request), None
                gql = self._checked(_payload_from_params(request), get=True)
                digest = self._request_digest(gql)
            else:
                gql, digest = await self._from_body(request)
        except RequestError as exc:
            return error_response(exc.status, exc.message, exc.code), None
        operation = gql.operation_name or operation_name(gql.query)
        return await self._execute(request, gql, digest), operation

    async def _from_body(self, request: Request) -> tuple[GraphQLRequest, str]:
        """The POSTed request and its digest; a body seen before is not parsed again."""
        body = await self._read_body(request)
        seen = ParsedBodies.digest(body)
        known = self.bodies.get(seen)
        if known is None:
            gql = self._checked(parse_json_object(body), get=False)
            known = (gql, self._request_digest(gql))
            if not _carries_iin(gql):  # an IIN is not kept in memory past its request
                self.bodies.put(body, seen, known)
        return known

    def _checked(self, payload: dict[str, Any], get: bool) -> GraphQLRequest:
        gql = self._resolve_persisted(payload)
        _check_text(gql.query)
        if get:
            _refuse_iin_over_get(gql)
        return gql

    def _ide(self, request: Request) -> Response:
        if not self.settings.graphiql_on:
            return error_response(400, "GET requests need a `query` parameter", "BAD_REQUEST")
        return HTMLResponse(graphiql_html())  # from local files: works offline

    async def _read_body(self, request: Request) -> bytes:
        media_type = request.headers.get("content-type", "").partition(";")[0].strip().lower()
        if media_type != JSON:
            raise RequestError(
                415,
                "POST a JSON body with `Content-Type: application/json` (forms and text/plain "
                "are refused: a browser sends those cross-site without asking)",
                "UNSUPPORTED_MEDIA_TYPE",
            )
        limit = self.settings.max_body_bytes
        declared = request.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > limit:
            raise RequestError(413, f"request body over {limit} bytes", "PAYLOAD_TOO_LARGE")
        try:
            return await self.deadlines.read(_read_limited(request, limit))
        except TimeoutError:
            raise RequestError(
                408, "the request body did not arrive in time", "REQUEST_TIMEOUT"
            ) from None

    def _resolve_persisted(self, payload: dict[str, Any]) -> GraphQLRequest:
        query = payload.get("query")
        variables = payload.get("variables")
        operation = payload.get("operationName")
        extensions = payload.get("extensions")
        if variables is not None and not isinstance(variables, dict):
            raise RequestError(400, "`variables` must be an object", "BAD_REQUEST")
        if operation is not None and not isinstance(operation, str):
            raise RequestError(400, "`operationName` must be a string", "BAD_REQUEST")
        if extensions is not None and not isinstance(extensions, dict):
            raise RequestError(400, "`extensions` must be an object", "BAD_REQUEST")
        if query is not None and not isinstance(query, str):
            raise RequestError(400, "`query` must be a string", "BAD_REQUEST")
        persist_as = None
        apq = (extensions or {}).get("persistedQuery")
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
                persist_as = sha
        if not isinstance(query, str) or not query.strip():
            raise RequestError(400, "a `query` string is required", "BAD_REQUEST")
        return GraphQLRequest(query, variables, operation, persist_as, isinstance(apq, dict))

    async def _execute(self, request: Request, gql: GraphQLRequest, digest: str) -> Response:
        negotiated = negotiate(request.headers.get("accept-language"))
        locale = negotiated.served
        catalogue = self.catalogue.current  # one snapshot for the whole request
        key = response_key(digest, locale.value, catalogue.version)
        cached = self.cache.get(key) if self.settings.response_cache else None
        if self.settings.response_cache:
            metrics.response_cache(hit=cached is not None)
        if cached is not None:
            return self._answer(
                request, gql, cached, 200, key, negotiated, True, {"x-citizen-cache": "hit"}
            )
        context = Context(
            catalogue=catalogue,
            db=self.db,
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
        errors = [_format_error(e) for e in result.errors or []]
        if errors:
            body["errors"] = errors
        raw = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()
        status, headers = _status(result.data, errors)
        if status == 200 and gql.persist_as:
            self.persisted.put(gql.persist_as, gql.query)
        is_query = operation_type(gql.query, gql.operation_name) == OperationType.QUERY
        if self.settings.response_cache and context.cacheable and not errors and is_query:
            self.cache.put(key, raw)
        shareable = context.cacheable and is_query and not errors
        return self._answer(request, gql, raw, status, key, negotiated, shareable, headers)

    @staticmethod
    def _request_digest(gql: GraphQLRequest) -> str:
        """What the answer depends on besides language and catalogue version, hashed: with
        those two (`response_key`), the response cache's key and the ETag's base."""
        declared = declared_variables(gql.query, gql.operation_name)
        variables = {k: v for k, v in (gql.variables or {}).items() if k in declared}
        return request_digest(gql.query, variables, gql.operation_name)


    # --- HTTP caching and language headers (issue 12; rules in web/http_caching.py) ---
    def _answer(
        self,
        request: Request,
        gql: GraphQLRequest,
        body: bytes,
        status: int,
        key: str,
        negotiated: Negotiated,
        shareable: bool,
        extra: dict[str, str],
    ) -> Response:
        """The response with its caching headers (and `extra`): public for a catalogue query by
        GET or persisted query (304 when the client has it), no-store for anything personal.

        Built in one go with all its headers: a cached answer costs little else."""
        language = negotiated.served.value
        personal = "authorization" in request.headers or not shareable
        if personal:
            headers = self.http.private_headers(language)
        elif status == 200 and (request.method == "GET" or gql.persisted):
            asked = ",".join(negotiated.requested) if negotiated.fell_back else ""
            tag = etag(key, asked)
            headers = self.http.public_headers(tag, language)
            if matches(request, tag):
                return Response(status_code=304, headers=headers | extra)
        else:
            headers = {"Content-Language": language, "Vary": self.http.vary()}
        body = with_locale_extension(body, negotiated)
        return Response(body, status_code=status, headers=headers | extra, media_type=JSON)


def _status(data: Any, errors: list[dict[str, Any]]) -> tuple[int, dict[str, str]]:
    codes = {e.get("extensions", {}).get("code") for e in errors}
    if UNAVAILABLE in codes:
        retry = max(int(e["extensions"].get("retryAfter", 2)) for e in errors
                    if e.get("extensions", {}).get("code") == UNAVAILABLE)
        return 503, {"retry-after": str(retry)}
    if data is None and INTERNAL in codes:
        return 500, {}
    # No data at all means the request itself was wrong (syntax, validation, limits).
    return (400 if data is None and errors else 200), {}


async def _read_limited(request: Request, limit: int) -> bytes:
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise RequestError(413, f"request body over {limit} bytes", "PAYLOAD_TOO_LARGE")
    return body


def _check_text(query: str) -> None:
    """Refuse what would make the GraphQL parser or validator fail rather than answer."""
    if _LONG_DIGITS.search(query):
        raise RequestError(
            400, f"the query has a number of more than {MAX_DIGIT_RUN} digits", "BAD_REQUEST"
        )


def _carries_iin(gql: GraphQLRequest) -> bool:
    """Whether the request has an IIN-shaped number (spaced or dashed as people type one too)
    or an operation that takes an IIN."""
    return bool(
        logs.has_iin_shape(gql.query)
        or (gql.variables and logs.has_iin_shape(json.dumps(gql.variables)))
        or has_iin_argument(gql.query)
    )


def _refuse_iin_over_get(gql: GraphQLRequest) -> None:
    if _carries_iin(gql):
        raise RequestError(
            400,
            "an operation that carries an IIN must be sent with POST: a GET URL is kept in "
            "access logs, proxies and browser history",
            "IIN_OVER_GET",
        )


@lru_cache(maxsize=1024)
def has_iin_argument(query: str) -> bool:
    """Whether any field of the document takes an `iin` argument (lookups, registrations)."""
    try:
        document = parse(query)
    except (GraphQLError, RecursionError):
        return False
    found = False

    class Finder(Visitor):
        def enter_argument(self, node: ArgumentNode, *_: Any) -> None:
            nonlocal found
            found = found or node.name.value.lower() == "iin"

    visit(document, Finder())
    return found


@lru_cache(maxsize=1024)
def operation_type(query: str, operation_name: str | None) -> OperationType | None:
    """The type of the operation a request runs (parsed once per distinct query text)."""
    operation = _operation(query, operation_name)
    return operation.operation if operation else None


@lru_cache(maxsize=1024)
def declared_variables(query: str, operation_name: str | None) -> frozenset[str]:
    """The variables the operation declares: the only ones that can change its answer."""
    operation = _operation(query, operation_name)
    if operation is None:
        return frozenset()
    return frozenset(d.variable.name.value for d in operation.variable_definitions or ())


def _operation(query: str, operation_name: str | None) -> OperationDefinitionNode | None:
    try:
        document = parse(query)
    except (GraphQLError, RecursionError):
        return None
    for op in document.definitions:
        if isinstance(op, OperationDefinitionNode) and (
            operation_name is None or (op.name and op.name.value == operation_name)
        ):
            return op
    return None


def _format_error(error: GraphQLError) -> dict[str, Any]:
    if is_ours(error):  # raised past strawberry's extensions (e.g. inside a validation rule)
        error = masked(error)
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
            wrapped = parse_json_object(
                b'{"v":' + params[name].encode("utf-8", "surrogatepass") + b"}", f"`{name}`"
            )
            payload[name] = wrapped["v"]
    return payload


@lru_cache(maxsize=1024)
def operation_name(query: str) -> str | None:
    """The name of a document's only operation, for metrics when no operationName is sent."""
    operation = _operation(query, None)
    return operation.name.value if operation is not None and operation.name else None
