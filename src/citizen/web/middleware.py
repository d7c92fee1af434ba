"""Every HTTP request gets an id, its client's real address, and a clear answer when we fail.

`RequestContext` is the outermost layer of the app:
- the request id is the one a trusted proxy sent in `X-Request-Id`, or a new one; it is set in
  the `citizen.logs.request_id` context variable (so every log line of the request carries it)
  and echoed in the response's `X-Request-Id`;
- behind trusted proxies (`CITIZEN_FORWARDED_ALLOW_IPS`) the client's address is taken from
  `X-Forwarded-For` by uvicorn's own `ProxyHeadersMiddleware`; from anyone else the header is
  ignored, so a spoofed one changes nothing;
- each request's access-log line is written when its answer starts (`web.access_log`), with
  the request id and the real client;
- an exception no route handled becomes a JSON 500 with the request id (logged with its
  traceback), or a 503 with `Retry-After` when the database is busy or unreachable.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from citizen import logs
from citizen.db import is_unavailable
from citizen.web.access_log import AccessLog

log = logging.getLogger(__name__)

Scope = dict[str, Any]
ASGIApp = Any

REQUEST_ID_HEADER = b"x-request-id"
# The messages that carry a request's answer status; a WebSocket closed before it was
# accepted was refused (uvicorn answers 403).
_ANSWERED = {"websocket.accept": 101, "websocket.close": 403}


def unavailable_body(retry_after: int) -> bytes:
    message = "The service is busy or its database is unreachable; try again shortly."
    body = {
        "errors": [
            {
                "message": message,
                "extensions": {
                    "code": "SERVICE_UNAVAILABLE",
                    "retryAfter": retry_after,
                    "requestId": logs.request_id.get(),
                },
            }
        ]
    }
    return json.dumps(body).encode()


def internal_error_body() -> bytes:
    rid = logs.request_id.get()
    body = {
        "errors": [
            {
                "message": f"Internal error (request {rid}).",
                "extensions": {"code": "INTERNAL_SERVER_ERROR", "requestId": rid},
            }
        ]
    }
    return json.dumps(body).encode()


class RequestContext:
    def __init__(
        self, app: ASGIApp, trusted_proxies: list[str], access_log: AccessLog | None = None
    ):
        proxied = ProxyHeadersMiddleware(app, trusted_proxies) if trusted_proxies else None
        self.trusted: ASGIApp = proxied or app
        self.trusted_hosts = proxied.trusted_hosts if proxied else None
        self.access_log = access_log

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.trusted(scope, receive, send)
            return
        rid = self._request_id(scope)
        token = logs.request_id.set(rid)
        started = False

        async def send_with_id(message: dict[str, Any]) -> None:
            nonlocal started
            kind = message["type"]
            if kind == "http.response.start" or kind == "websocket.http.response.start":
                started = True
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], (REQUEST_ID_HEADER, rid.encode())]
                self._answered(scope, message["status"], rid)
            elif not started and kind in _ANSWERED:
                started = True
                self._answered(scope, _ANSWERED[kind], rid)
            await send(message)

        try:
            await self.trusted(scope, receive, send_with_id)
        except Exception as exc:
            if scope["type"] != "http" or started:
                raise
            await self._fail(exc, send_with_id)
        finally:
            logs.request_id.reset(token)

    def _answered(self, scope: Scope, status: int, rid: str) -> None:
        if self.access_log is not None:
            self.access_log.write(scope, status, rid)

    def _request_id(self, scope: Scope) -> str:
        given = None
        client = scope.get("client")
        if self.trusted_hosts is not None and client and client[0] in self.trusted_hosts:
            for name, value in scope.get("headers", []):
                if name == REQUEST_ID_HEADER:
                    given = value.decode("latin-1")
        return logs.accepted_request_id(given)

    async def _fail(self, exc: Exception, send: Any) -> None:
        ids = {"request_id": logs.request_id.get()}
        if is_unavailable(exc):
            retry_after = int(getattr(exc, "retry_after", 2))
            log.warning("database unavailable: %s", type(exc).__name__, extra=ids)
            await _send_json(send, 503, unavailable_body(retry_after), retry_after)
            return
        log.error("unhandled error", exc_info=exc, extra=ids)
        await _send_json(send, 500, internal_error_body())


async def _send_json(send: Any, status: int, body: bytes, retry_after: int | None = None) -> None:
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    if retry_after is not None:
        headers.append((b"retry-after", str(retry_after).encode()))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
