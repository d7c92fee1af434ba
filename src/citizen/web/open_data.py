"""Open data over HTTP, read-only: format 1, CPSV-AP JSON-LD, and HSDS 3.0's API routes.

    /open-data/catalogue.json            Citizen's format 1 (both languages)
    /open-data/cpsv-ap.jsonld            CPSV-AP 3.2.0 JSON-LD (both languages)
    /open-data/hsds/                     HSDS API meta (version, profile, OpenAPI)
    /open-data/hsds/services[/{id}]      HSDS services, paginated (page, per_page)
    /open-data/hsds/organizations[/{id}]
    /open-data/hsds/service_at_locations[/{id}]

HSDS answers are in the language of `Accept-Language` (kk or ru). Each document is built from
the catalogue snapshot once per catalogue version, in a worker thread, and kept until the
version changes (no database access at all); answers are public and cacheable (`ETag` from the
version and the request, 304 on `If-None-Match`).
"""

from __future__ import annotations

import asyncio
import json
import math
from collections.abc import Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from citizen.catalogue.export import export_catalogue
from citizen.catalogue.live import LiveCatalogue
from citizen.catalogue.vocabulary import Locale
from citizen.i18n import translator
from citizen.logs import redact
from citizen.opendata.cpsv_ap import to_cpsv_ap
from citizen.opendata.hsds import HSDS_VERSION, HsdsView, one_to_one, to_hsds
from citizen.settings import Settings
from citizen.web.cors import parse_origins
from citizen.web.http_caching import CachePolicy, Negotiated, etag, negotiate

JSON = "application/json"
JSON_LD = "application/ld+json"
BOTH = "kk, ru"  # documents that carry both languages
HSDS_PROFILE = "https://docs.openreferral.org/en/latest/hsds/"
HSDS_OPENAPI = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/openapi.json"
DEFAULT_PER_PAGE = 50


def _dumps(document: Any) -> bytes:
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()


class OpenDataDocuments:
    """The open-data documents of the current catalogue version, each built once."""

    def __init__(self, catalogue: LiveCatalogue):
        self.catalogue = catalogue
        self._version: str | None = None
        self._built: dict[tuple[str, str], Any] = {}
        self._lock = asyncio.Lock()

    async def get(self, kind: str, language: str, build: Callable[[dict[str, Any]], Any]) -> Any:
        """`build(format-1 document)` for the current version, from the cache when it has it."""
        snapshot = self.catalogue.current
        async with self._lock:  # one build at a time; waiting readers then find it built
            if snapshot.version != self._version:
                exported = await asyncio.to_thread(export_catalogue, snapshot)
                self._built = {("format-1", BOTH): exported}
                self._version = snapshot.version
            key = (kind, language)
            if key not in self._built:
                self._built[key] = await asyncio.to_thread(build, self._built[("format-1", BOTH)])
            return self._built[key]

    @property
    def version(self) -> str:
        return self._version or ""


class BadPage(ValueError):
    pass


def _page_number(request: Request, name: str, default: int, maximum: int | None) -> int:
    raw = request.query_params.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise BadPage(name) from None
    if value < 1 or (maximum is not None and value > maximum):
        raise BadPage(name)
    return value


class OpenDataRoutes:
    def __init__(self, catalogue: LiveCatalogue, settings: Settings):
        self.documents = OpenDataDocuments(catalogue)
        self.max_per_page = settings.max_page_size
        cors = bool(parse_origins(settings.cors_origins))
        self.http = CachePolicy(settings.http_cache_max_age, cors)

    def routes(self) -> list[BaseRoute]:
        hsds = [
            ("services", "services"),
            ("organizations", "organizations"),
            ("service_at_locations", "service_at_locations"),
        ]
        routes: list[BaseRoute] = [
            Route("/open-data/catalogue.json", self.catalogue, methods=["GET"]),
            Route("/open-data/cpsv-ap.jsonld", self.cpsv_ap, methods=["GET"]),
            Route("/open-data/hsds/", self.hsds_meta, methods=["GET"]),
        ]
        for path, attribute in hsds:
            routes.append(Route(f"/open-data/hsds/{path}", self._list(attribute), methods=["GET"]))
            routes.append(
                Route(f"/open-data/hsds/{path}/{{id}}", self._one(attribute), methods=["GET"])
            )
        return routes

    def _public(self, request: Request, body: bytes, media: str, language: str) -> Response:
        tag = etag(self.documents.version, request.url.path, request.url.query, language)
        return self.http.public(request, Response(body, media_type=media), tag, language)

    async def catalogue(self, request: Request) -> Response:
        body = await self.documents.get("format-1-bytes", BOTH, _dumps)
        return self._public(request, body, JSON, BOTH)

    async def cpsv_ap(self, request: Request) -> Response:
        body = await self.documents.get("cpsv-ap", BOTH, lambda doc: _dumps(to_cpsv_ap(doc)))
        return self._public(request, body, JSON_LD, BOTH)

    async def hsds_meta(self, request: Request) -> Response:
        body = {"version": HSDS_VERSION, "profile": HSDS_PROFILE, "openapi_url": HSDS_OPENAPI}
        await self.documents.get("format-1-bytes", BOTH, _dumps)  # the version the ETag names
        language = negotiate(request.headers.get("accept-language")).served.value
        return self._public(request, _dumps(body), JSON, language)

    async def _view(self, request: Request) -> tuple[HsdsView, Negotiated]:
        negotiated = negotiate(request.headers.get("accept-language"))
        locale = negotiated.served
        view = await self.documents.get("hsds", locale.value, lambda doc: to_hsds(doc, locale))
        return view, negotiated

    def _list(self, attribute: str) -> Callable[[Request], Any]:
        async def handler(request: Request) -> Response:
            view, negotiated = await self._view(request)
            try:
                page = _page_number(request, "page", 1, None)
                per_page = _page_number(request, "per_page", DEFAULT_PER_PAGE, self.max_per_page)
            except BadPage as exc:
                return self._error(400, negotiated.served, "opendata-bad-page", str(exc))
            items: list[dict[str, Any]] = getattr(view, attribute)
            contents = [one_to_one(x) for x in items[(page - 1) * per_page: page * per_page]]
            total_pages = max(1, math.ceil(len(items) / per_page))
            body = {
                "total_items": len(items),
                "total_pages": total_pages,
                "page_number": page,
                "size": len(contents),
                "first_page": page == 1,
                "last_page": page >= total_pages,
                "empty": not contents,
                "contents": contents,
            }
            return self._public(request, _dumps(body), JSON, negotiated.served.value)

        return handler

    def _one(self, attribute: str) -> Callable[[Request], Any]:
        async def handler(request: Request) -> Response:
            view, negotiated = await self._view(request)
            wanted = request.path_params["id"]
            found = next((x for x in getattr(view, attribute) if x["id"] == wanted), None)
            if found is None:
                # The id is echoed, but never an IIN someone put in the URL.
                return self._error(404, negotiated.served, "opendata-not-found", redact(wanted))
            return self._public(request, _dumps(found), JSON, negotiated.served.value)

        return handler

    def _error(self, status: int, locale: Locale, msg_id: str, what: str) -> Response:
        message = translator()(locale, msg_id, what=what, max=self.max_per_page)
        response = Response(_dumps({"error": message}), status_code=status, media_type=JSON)
        return self.http.private(response, locale.value)
