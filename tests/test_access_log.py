"""The access log: one line per request as the installed handler would write it, cheaply.

A real server (uvicorn with `citizen serve`'s settings) answers over HTTP and WebSocket; the
lines are read back from the stream of the handler `citizen serve` installs.
"""

from __future__ import annotations

import asyncio
import io
import json
import logging
import re
import time
from collections.abc import Iterator
from pathlib import Path

import aiohttp
import httpx
import pytest
from sqlalchemy.engine import Engine

from citizen import logs
from citizen.catalogue.loading import load_catalogue
from citizen.db import make_engine, migrate
from citizen.settings import Settings
from citizen.web.app import create_app
from tests.support.live_server import live_server

IIN = "900101300007"


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """The access log reads no database: one SQLite file serves every test here."""
    path = Path(tmp_path_factory.mktemp("access")) / "citizen.db"
    eng = make_engine(f"sqlite:///{path}")
    migrate(eng)
    load_catalogue(eng)
    yield eng
    eng.dispose()


@pytest.fixture
def installed() -> Iterator[dict[str, io.StringIO]]:
    """The handlers `citizen serve` installs on the root logger, one per format, at INFO."""
    streams = {"json": io.StringIO(), "text": io.StringIO()}
    root = logging.getLogger()
    handlers = [logs.make_handler(kind, stream) for kind, stream in streams.items()]
    old_level = root.level
    root.setLevel(logging.INFO)
    for handler in handlers:
        root.addHandler(handler)
    try:
        yield streams
    finally:
        for handler in handlers:
            root.removeHandler(handler)
        root.setLevel(old_level)


def lines_of(stream: io.StringIO, count: int) -> list[str]:
    """The access lines once `count` have arrived (they are written a loop turn late)."""
    deadline = time.monotonic() + 5
    while True:
        found = [line for line in stream.getvalue().splitlines() if "citizen.access" in line]
        if len(found) >= count or time.monotonic() > deadline:
            return found
        time.sleep(0.02)


def visit(base: str) -> dict[str, str]:
    """A few requests of every kind; the request id each answer carried, by what it was."""
    ids = {
        "live": httpx.get(f"{base}/health/live").headers["x-request-id"],
        "missing": httpx.get(f"{base}/nowhere?iin={IIN}").headers["x-request-id"],
        "query": httpx.post(f"{base}/graphql", json={"query": "{ __typename }"}).headers[
            "x-request-id"
        ],
    }
    asyncio.run(handshake(base))
    return ids


async def handshake(base: str) -> None:
    url = f"{base.replace('http', 'ws')}/graphql"
    async with (
        aiohttp.ClientSession() as http,
        http.ws_connect(url, protocols=["graphql-transport-ws"]) as ws,
    ):
        await ws.send_json({"type": "connection_init"})
        assert (await ws.receive_json(timeout=5))["type"] == "connection_ack"


def test_one_json_line_per_request_with_its_id_status_and_client(
    engine: Engine, installed: dict[str, io.StringIO]
) -> None:
    settings = Settings()
    with live_server(create_app(settings, engine), settings=settings) as base:
        ids = visit(base)
        found = [json.loads(line) for line in lines_of(installed["json"], 4)]
    by_id = {entry["request_id"]: entry for entry in found}
    assert set(ids.values()) <= set(by_id)
    live = by_id[ids["live"]]
    assert re.fullmatch(r'127\.0\.0\.1:\d+ - "GET /health/live HTTP/1\.1" 200', live["message"])
    assert (live["level"], live["logger"]) == ("INFO", "citizen.access")
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00", live["time"])
    missing = by_id[ids["missing"]]["message"]
    assert f"/nowhere?iin={logs.REDACTED}" in missing and missing.endswith('" 404')
    assert by_id[ids["query"]]["message"].endswith('"POST /graphql HTTP/1.1" 200')
    assert any(re.search(r'"WebSocket /graphql" 101$', e["message"]) for e in found)
    assert IIN not in installed["json"].getvalue()


def test_the_text_format_as_the_text_handler_writes_it(
    engine: Engine, installed: dict[str, io.StringIO]
) -> None:
    settings = Settings()
    with live_server(create_app(settings, engine), settings=settings) as base:
        rid = httpx.get(f"{base}/health/live").headers["x-request-id"]
        (line,) = [line for line in lines_of(installed["text"], 1) if rid in line]
    assert line.startswith("INFO citizen.access: 127.0.0.1:")
    assert line.endswith(f'"GET /health/live HTTP/1.1" 200 [request_id={rid}]')


def test_switched_off_it_writes_nothing(
    engine: Engine, installed: dict[str, io.StringIO]
) -> None:
    settings = Settings(access_log=False)
    with live_server(create_app(settings, engine), settings=settings) as base:
        assert httpx.get(f"{base}/health/live").status_code == 200
        time.sleep(0.2)
    assert "citizen.access" not in installed["json"].getvalue()


def test_without_our_handler_lines_go_through_logging(
    engine: Engine, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="citizen.access")
    settings = Settings()
    with live_server(create_app(settings, engine), settings=settings) as base:
        rid = httpx.get(f"{base}/nowhere?iin={IIN}").headers["x-request-id"]
    (record,) = [r for r in caplog.records if r.name == "citizen.access"]
    assert getattr(record, "request_id", None) == rid
    assert record.getMessage().endswith(f'"GET /nowhere?iin={logs.REDACTED} HTTP/1.1" 404')
