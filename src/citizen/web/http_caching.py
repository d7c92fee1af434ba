"""HTTP caching and language headers, shared by the GraphQL endpoint and the open-data routes.

A response that depends only on the catalogue (a catalogue query by GET or persisted query, an
open-data document) is public: `Cache-Control: public, max-age=N`, an `ETag` derived from the
catalogue version and the request, and `304 Not Modified` when the client already has it. It
varies by language, so `Vary: Accept-Language` (and `Origin` when CORS is on) keeps a CDN from
ever serving Kazakh to a Russian reader. Anything personal — an application lookup, a request
with a token, a mutation — is `Cache-Control: no-store, private`.

Every answer says its language (`Content-Language`). A reader who asks for a language Citizen
does not have (`en`) gets the default one, and is told so: `Content-Language: kk` and, in
GraphQL, `extensions.locale = {requested, served, supported}`.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from citizen.catalogue.vocabulary import Locale
from citizen.graphql.context import parse_accept_language

SUPPORTED = [locale.value for locale in Locale]
NO_STORE = "no-store, private"


@dataclass(frozen=True)
class Negotiated:
    """The language served for an Accept-Language header, and whether the reader got it."""

    served: Locale
    requested: tuple[str, ...]  # the language tags asked for, best first

    @cached_property  # asked of every answer; the object is shared through `negotiate`'s cache
    def fell_back(self) -> bool:
        """The reader asked for languages and none of them is Kazakh or Russian."""
        return bool(self.requested) and not any(
            tag.split("-")[0] in SUPPORTED for tag in self.requested
        )

    def extension(self) -> dict[str, Any]:
        return {"requested": self.requested, "served": self.served.value, "supported": SUPPORTED}


# Clients send a handful of distinct headers again and again: each is parsed once.
@lru_cache(maxsize=256)
def negotiate(header: str | None, default: Locale = Locale.KK) -> Negotiated:
    served = parse_accept_language(header, default)
    tags = []
    for part in (header or "").split(","):
        tag, _, params = part.strip().partition(";")
        if tag.strip() and tag.strip() != "*" and params.strip() not in ("q=0", "q=0.0"):
            tags.append(tag.strip().lower())
    return Negotiated(served, tuple(tags))


def etag(*parts: str) -> str:
    """A strong validator from the catalogue version and whatever identifies the request."""
    digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]
    return f'"{digest}"'


def matches(request: Request, tag: str) -> bool:
    """Whether `If-None-Match` names `tag` (weak comparison, as RFC 9110 says for GET)."""
    header = request.headers.get("if-none-match")
    if not header:
        return False
    if header.strip() == "*":
        return True
    given = {t.strip().removeprefix("W/") for t in header.split(",")}
    return tag in given


@dataclass(frozen=True)
class CachePolicy:
    max_age: int
    cors: bool  # CORS is configured: responses also vary by Origin

    def vary(self) -> str:
        return "Accept-Language, Origin" if self.cors else "Accept-Language"

    # The headers are given as dicts so that a response is built with all of them at once:
    # setting them one by one on a built response rescans its header list for each.
    def public_headers(self, tag: str, language: str) -> dict[str, str]:
        """A public, cacheable answer's headers."""
        return {
            "Cache-Control": f"public, max-age={self.max_age}",
            "ETag": tag,
            "Vary": self.vary(),
            "Content-Language": language,
        }

    def private_headers(self, language: str) -> dict[str, str]:
        """A personal answer's headers: no cache may keep it."""
        return {"Cache-Control": NO_STORE, "Vary": self.vary(), "Content-Language": language}

    def public(
        self, request: Request, response: Response, tag: str, language: str
    ) -> Response:
        """Make `response` a public, cacheable answer; 304 if the client already has it."""
        headers = self.public_headers(tag, language)
        if matches(request, tag):
            return Response(status_code=304, headers=headers)
        response.headers.update(headers)
        return response

    def private(self, response: Response, language: str) -> Response:
        response.headers.update(self.private_headers(language))
        return response


def with_locale_extension(body: bytes, negotiated: Negotiated) -> bytes:
    """Add `extensions.locale` to a GraphQL response body when the reader's language fell back."""
    if not negotiated.fell_back:
        return body
    document = json.loads(body)
    document.setdefault("extensions", {})["locale"] = negotiated.extension()
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()


class ContentLanguage:
    """ASGI middleware: every HTTP answer says its language (the negotiated one by default)."""

    def __init__(self, app: ASGIApp, default: Locale = Locale.KK):
        self.app, self.default = app, default

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        language = negotiate(_accept_language(scope), self.default).served.value.encode()

        # Runs for every message of every answer: plain loops, no generator or dict built.
        async def send_with_language(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = message.get("headers", [])
                for name, _ in headers:
                    if name.lower() == b"content-language":
                        break
                else:
                    message["headers"] = [*headers, (b"content-language", language)]
            await send(message)

        await self.app(scope, receive, send_with_language)


def _accept_language(scope: Scope) -> str:
    """The request's Accept-Language (the last one if sent twice), without building a dict."""
    found = b""
    for name, value in scope["headers"]:
        if name == b"accept-language":
            found = value
    return found.decode("latin-1")
