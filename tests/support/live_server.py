"""Run an ASGI app with uvicorn on a free loopback port in a background thread, for tests."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import uvicorn

from citizen.settings import Settings
from citizen.web.server import uvicorn_config


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def live_server(
    app: Any, port: int | None = None, settings: Settings | None = None
) -> Iterator[str]:
    """Serve `app` over real HTTP; yields the base URL and stops the server afterwards.

    `port` (from `free_port()`) lets the app know its own URL before it starts (a webhook).
    With `settings`, uvicorn runs as `citizen serve` runs it (timeouts, WebSocket limits).
    """
    port = port or free_port()
    if settings is not None:
        config = uvicorn_config(app, settings, "127.0.0.1", port, lifespan="on")
    else:
        config = uvicorn.Config(
            app, host="127.0.0.1", port=port, log_level="warning", lifespan="on"
        )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("test server did not start")
        time.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
