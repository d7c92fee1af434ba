"""CORS for browser apps on the origins configured in CITIZEN_CORS_ORIGINS (none by default).

Preflights from a configured origin are answered (204) with the methods and headers the API
uses; other origins get no CORS headers, so browsers keep blocking them. Credentials (cookies)
are never allowed: the API authenticates with bearer tokens, not cookies. Every response says
`Vary: Origin` while CORS is on, so a shared cache never hands one origin's answer to another.
"""

from __future__ import annotations

from starlette.datastructures import Headers, MutableHeaders
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

ALLOWED_METHODS = "GET, POST, OPTIONS"
ALLOWED_HEADERS = "Authorization, Content-Type, Accept-Language, If-None-Match"
EXPOSED_HEADERS = "ETag, Content-Language, Retry-After"
PREFLIGHT_MAX_AGE = "600"


def parse_origins(setting: str) -> frozenset[str]:
    """`https://a.example, https://b.example` -> the set of origins (no trailing slash)."""
    return frozenset(o.strip().rstrip("/") for o in setting.split(",") if o.strip())


class Cors:
    def __init__(self, app: ASGIApp, origins: frozenset[str]):
        self.app, self.origins = app, origins

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not self.origins:
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        origin = headers.get("origin")
        allowed = origin is not None and origin in self.origins
        if scope["method"] == "OPTIONS" and "access-control-request-method" in headers:
            await self._preflight(origin if allowed else None)(scope, receive, send)
            return

        async def send_with_cors(message: Message) -> None:
            if message["type"] == "http.response.start":
                out = MutableHeaders(scope=message)
                if "origin" not in out.get("vary", "").lower():
                    out.add_vary_header("Origin")
                if allowed and origin is not None:
                    out["Access-Control-Allow-Origin"] = origin
                    out["Access-Control-Expose-Headers"] = EXPOSED_HEADERS
            await send(message)

        await self.app(scope, receive, send_with_cors)

    @staticmethod
    def _preflight(origin: str | None) -> Response:
        if origin is None:  # not a configured origin: answer, but allow nothing
            return Response(status_code=403, headers={"Vary": "Origin"})
        return Response(
            status_code=204,
            headers={
                "Access-Control-Allow-Origin": origin,
                "Access-Control-Allow-Methods": ALLOWED_METHODS,
                "Access-Control-Allow-Headers": ALLOWED_HEADERS,
                "Access-Control-Max-Age": PREFLIGHT_MAX_AGE,
                "Vary": "Origin",
            },
        )
