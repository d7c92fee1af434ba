"""How `citizen serve` (and the tests' live server) runs uvicorn: timeouts, limits, no proxies.

Slow clients are cut off: uvicorn closes idle keep-alive connections itself, but it waits
forever for a request's headers; `TimedH11Protocol` closes a connection whose request line and
headers have not arrived within `request_read_timeout` (the body's own deadline is kept by the
endpoints that read one). X-Forwarded-For is handled inside the app (`web.middleware`) with
uvicorn's own middleware and `CITIZEN_FORWARDED_ALLOW_IPS`, so uvicorn's default of trusting
127.0.0.1 is switched off here.
"""

from __future__ import annotations

import asyncio
from typing import Any

import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

from citizen.settings import Settings


class TimedH11Protocol(H11Protocol):
    """H11 that gives each request `header_timeout` seconds to send its line and headers.

    One timer per connection, not one per request: an answered request only moves the
    deadline forward, and the timer, when it fires early, waits again for what is left (a
    timer set and cancelled for every request cost a cached answer 4% of its time).
    """

    header_timeout = 10.0

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._header_timer: asyncio.TimerHandle | None = None
        self._arm()

    def _arm(self) -> None:
        self._deadline = self.loop.time() + self.header_timeout
        if self._header_timer is None:
            self._header_timer = self.loop.call_at(self._deadline, self._headers_late)

    def _headers_late(self) -> None:
        self._header_timer = None
        waiting_for_a_request = self.cycle is None or self.cycle.response_complete
        if not waiting_for_a_request or self.transport.is_closing():
            return  # the answer's completion arms the timer again
        if self.loop.time() < self._deadline:  # answered since the timer was set
            self._header_timer = self.loop.call_at(self._deadline, self._headers_late)
            return
        self.transport.close()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._arm()  # the next request on this connection gets its own deadline

    def connection_lost(self, exc: Exception | None) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
        super().connection_lost(exc)


def uvicorn_config(
    app: Any, settings: Settings, host: str, port: int, **extra: Any
) -> uvicorn.Config:
    timeout = {"header_timeout": settings.request_read_timeout}
    protocol = type("CitizenH11Protocol", (TimedH11Protocol,), timeout)
    options: dict[str, Any] = {
        "host": host,
        "port": port,
        "http": protocol,
        "proxy_headers": False,  # the app itself applies CITIZEN_FORWARDED_ALLOW_IPS
        "timeout_keep_alive": settings.keep_alive_timeout,
        "limit_concurrency": settings.max_connections,
        "ws_max_size": settings.ws_max_message_bytes,
        "log_config": None,  # citizen.logs configured the handlers (JSON or text, redacted)
        "access_log": False,  # the app writes its own, with the request id (web.access_log)
        "server_header": False,
        **extra,
    }
    return uvicorn.Config(app, **options)
