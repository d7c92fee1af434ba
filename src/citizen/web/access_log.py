"""One access-log line per HTTP request or WebSocket handshake, at a few microseconds each.

uvicorn's own access log (switched off in `web.server`) sent each line through the logging
machinery: a record, the caller's frame, two filters, the JSON formatter and a flush, about
15 us, a tenth of what a cached answer costs the server. `AccessLog` writes the same line
itself, as each installed handler would format it (`logs.make_handler`: JSON or text, with
the request id), masks IIN-shaped numbers with the same `logs.redact`, and writes all the
lines of one turn of the event loop with one write. Lines reach the log one loop turn late at
most: a flush is scheduled as soon as a line waits, and uvicorn turns the loop through its
shutdown.

When no handler of ours is installed (an app built in a test, or logging configured some other
way), every line goes through the `citizen.access` logger instead: slower, but wherever
logging was told to send it.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import logging
import threading
import time
from typing import Any
from urllib.parse import quote

from citizen import logs

LOGGER = logging.getLogger("citizen.access")


class AccessLog:
    def __init__(self, handlers: list[logging.StreamHandler[Any]] | None = None):
        found = logs.installed_handlers() if handlers is None else handlers
        # Each handler of ours, and whether it writes JSON (else text).
        self.targets = [
            (handler, isinstance(handler.formatter, logs.JsonFormatter))
            for handler in found
            if handler.level <= logging.INFO
        ]
        self.waiting: list[tuple[float, str, str]] = []  # (time, line, request id)
        self.flush_scheduled = False
        self.second = -1
        self.second_text = ""

    def write(self, scope: dict[str, Any], status: int, request_id: str) -> None:
        if not LOGGER.isEnabledFor(logging.INFO):
            return
        message = logs.redact(_request_line(scope, status))
        if not self.targets:
            LOGGER.info(message, extra={"request_id": request_id})
            return
        self.waiting.append((time.time(), message, request_id))
        if not self.flush_scheduled:
            self.flush_scheduled = True
            asyncio.get_running_loop().call_soon(self.flush)

    def flush(self) -> None:
        self.flush_scheduled = False
        waiting, self.waiting = self.waiting, []
        if not waiting:
            return
        for handler, as_json in self.targets:
            text = "".join(self._line(as_json, *entry) for entry in waiting)
            with _handler_lock(handler):  # not interleaved with other threads' records
                try:
                    handler.stream.write(text)
                    handler.stream.flush()
                except (OSError, ValueError):  # a closed or full stream loses lines, not answers
                    continue

    def _line(self, as_json: bool, when: float, message: str, request_id: str) -> str:
        if not as_json:
            return f"INFO citizen.access: {message} [request_id={request_id}]\n"
        # As logs.JsonFormatter writes it; the request id is a safe token (logs._SAFE_ID).
        text = json.dumps(message, ensure_ascii=False)
        return (
            f'{{"time": "{self._time(when)}", "level": "INFO", "logger": "citizen.access", '
            f'"message": {text}, "request_id": "{request_id}"}}\n'
        )

    def _time(self, when: float) -> str:
        """The time as JsonFormatter writes it; the date part is built once a second."""
        second = int(when)
        if second != self.second:
            self.second = second
            self.second_text = dt.datetime.fromtimestamp(second, dt.UTC).strftime(
                "%Y-%m-%dT%H:%M:%S"
            )
        return f"{self.second_text}.{int((when - second) * 1000):03d}+00:00"


def _request_line(scope: dict[str, Any], status: int) -> str:
    """uvicorn's own line: `host:port - "METHOD /path?query HTTP/1.1" 200`."""
    client = scope.get("client")
    who = f"{client[0]}:{client[1]}" if client else "-"
    path = quote(scope["path"])
    query = scope.get("query_string", b"")
    if query:
        path = f"{path}?{query.decode('latin-1')}"
    if scope["type"] == "websocket":
        return f'{who} - "WebSocket {path}" {status}'
    return f'{who} - "{scope["method"]} {path} HTTP/{scope["http_version"]}" {status}'


def _handler_lock(handler: logging.Handler) -> Any:
    return handler.lock if handler.lock is not None else threading.Lock()
