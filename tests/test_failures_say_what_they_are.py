"""Failures say what they are: 4xx for what the client sent, 503 for an outage, 500 for us.

The five inputs that used to end in a 500 with a traceback, dates past the calendar's ends,
a stopped database (cached answers still served), a read-only one (not ready), and a Bot API
that cannot be reached at start.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import os
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from pydantic import SecretStr
from sqlalchemy.engine import Engine, make_url
from starlette.applications import Starlette

from citizen.bot.webhook import start_bot, stop_bot
from citizen.catalogue.live import LiveCatalogue
from citizen.catalogue.loading import load_catalogue
from citizen.db import Database, Timeouts, make_engine, migrate, session_scope
from citizen.settings import Settings
from citizen.web.app import create_app
from tests.support.applications import register, valid_iin
from tests.support.bot_harness import running_bot
from tests.support.live_server import live_server
from tests.support.tcp_proxy import TcpProxy

CATALOGUE = '{ service(id: "preschool-queue") { ... on Service { id } } }'
REGIONS = "{ regions { id } }"
LOOKUP = 'query($n: String!, $i: String!) { application(number: $n, iin: $i) { __typename } }'
ESTIMATE = """query($at: DateTime) { service(id: "preschool-queue") { ... on Service {
  regulation(region: "almaty-oblast") { ... on Regulation {
    readyEstimate(channel: PORTAL, submittedAt: $at) { __typename } } } } } }"""


@pytest.fixture
def api(loaded_engine: Engine) -> Iterator[str]:
    with live_server(create_app(Settings(), loaded_engine)) as base:
        yield f"{base}/graphql"


def post_raw(api: str, body: bytes) -> httpx.Response:
    return httpx.post(api, content=body, headers={"content-type": "application/json"})


def assert_bad_request(r: httpx.Response, says: str) -> None:
    assert r.status_code == 400, r.text
    error = r.json()["errors"][0]
    assert error["extensions"]["code"] == "BAD_REQUEST"
    assert says in error["message"]


def test_the_five_inputs_that_were_500s_are_400s(api: str) -> None:
    surrogate = b'{"query": "{ regions { id } }", "variables": {"x": "\\udc80"}}'
    assert_bad_request(post_raw(api, surrogate), "lone surrogate")
    assert_bad_request(post_raw(api, b'{"query": "{ r\\ud800 }"}'), "lone surrogate")
    assert_bad_request(httpx.post(api, json={"query": REGIONS, "extensions": [1]}),
                       "`extensions` must be an object")
    apq = {"persistedQuery": {"version": 1, "sha256Hash": "0" * 64}}
    assert_bad_request(httpx.post(api, json={"query": 5, "extensions": apq}),
                       "`query` must be a string")
    nested = b'{"query": "{ regions { id } }", "variables": {"x": ' + b"[" * 20000 + b"]" * 20000
    assert_bad_request(post_raw(api, nested + b"}}"), "nested too deeply")
    deep_query = "{ regions(x: " + "[" * 20000 + "]" * 20000 + ") { id } }"
    r = httpx.post(api, json={"query": deep_query})
    assert r.status_code == 400  # the token limit stops it before any recursion
    huge = "9" * 5000
    big_literal = f"{{ services(first: {huge}) {{ __typename }} }}"
    assert_bad_request(httpx.post(api, json={"query": big_literal}), "more than 100 digits")
    assert_bad_request(post_raw(api, b'{"query": "{ regions { id } }", "variables": {"x": '
                                + huge.encode() + b"}}"), "malformed JSON body")
    assert httpx.post(api, json={"query": REGIONS}).status_code == 200


def test_the_webhook_refuses_deep_nesting_with_a_400(loaded_engine: Engine) -> None:
    with running_bot(loaded_engine) as running:
        headers = {"X-Telegram-Bot-Api-Secret-Token": "test-webhook-secret"}
        body = b'{"update_id": 1, "message": ' + b"[" * 20000 + b"]" * 20000 + b"}"
        r = httpx.post(running.webhook_url, content=body, headers=headers)
        assert r.status_code == 400 and "nested too deeply" in r.text


@pytest.mark.parametrize("moment", ["0001-01-01T00:00:00+05:00", "9999-12-31T23:00:00+05:00"])
def test_a_moment_past_the_calendar_is_a_400_that_says_so(api: str, moment: str) -> None:
    r = httpx.post(api, json={"query": ESTIMATE, "variables": {"at": moment}})
    assert r.status_code == 400
    assert "between 1900 and 2200" in r.json()["errors"][0]["message"]
    inline = ESTIMATE.replace("query($at: DateTime)", "query").replace("$at", f'"{moment}"')
    r = httpx.post(api, json={"query": inline})
    assert r.status_code == 400 and "between 1900 and 2200" in r.text
    assert "INTERNAL" not in r.text


def test_an_internal_error_is_a_500_with_the_request_id_that_is_logged(
    loaded_engine: Engine, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from citizen.catalogue import model

    def broken(*_: object) -> None:
        raise ZeroDivisionError("a bug")

    with live_server(create_app(Settings(), loaded_engine)) as base:
        monkeypatch.setattr(model.Text, "__call__", broken)  # after the snapshot is built
        r = httpx.post(f"{base}/graphql", json={"query": "{ regions { name } }"})
    assert r.status_code == 500
    rid = r.headers["x-request-id"]
    assert r.json()["errors"][0]["extensions"] == {"code": "INTERNAL_SERVER_ERROR",
                                                   "requestId": rid}
    logged = [rec for rec in caplog.records if getattr(rec, "request_id", None) == rid]
    assert logged and logged[0].exc_info and "ZeroDivisionError" in caplog.text


def test_a_trusted_proxys_request_id_is_kept_and_a_strangers_replaced(
    loaded_engine: Engine,
) -> None:
    for trusted, kept in (("127.0.0.1", True), ("", False)):
        settings = Settings(forwarded_allow_ips=trusted)
        with live_server(create_app(settings, loaded_engine)) as base:
            r = httpx.post(f"{base}/graphql", json={"query": REGIONS},
                           headers={"X-Request-Id": "edge-42"})
        assert (r.headers["x-request-id"] == "edge-42") is kept


def test_a_held_lock_is_a_503_with_retry_after(database_url: str, tmp_path: Path) -> None:
    if not database_url.startswith("sqlite"):
        pytest.skip("SQLite's file lock; PostgreSQL's outage is the stopped-server test")
    engine = make_engine(database_url, Timeouts(lock=0.3))
    migrate(engine)
    load_catalogue(engine)
    with session_scope(engine) as session:
        number = register(session, 1).number
    holder = sqlite3.connect(database_url.removeprefix("sqlite:///"))
    holder.execute("BEGIN IMMEDIATE")  # another process writing for a long time
    try:
        with live_server(create_app(Settings(), engine)) as base:
            # A wrong IIN is a failure to count: a write, which waits for the lock and gives up.
            r = httpx.post(f"{base}/graphql", json={"query": LOOKUP,
                                                    "variables": {"n": number, "i": valid_iin(2)}})
            assert r.status_code == 503, r.text
            assert int(r.headers["retry-after"]) >= 1
            assert r.json()["errors"][0]["extensions"]["code"] == "SERVICE_UNAVAILABLE"
            holder.rollback()
            r = httpx.post(f"{base}/graphql", json={"query": LOOKUP,
                                                    "variables": {"n": number, "i": valid_iin(1)}})
            assert r.json()["data"]["application"]["__typename"] == "Application"
    finally:
        holder.close()
        engine.dispose()


def check_outage(api: str, base: str, warm: httpx.Response, number: str) -> None:
    """While the database is down: cached answers served, and uncached catalogue answers too
    (the catalogue snapshot needs no database); what needs the database a 503 with Retry-After."""
    again = httpx.post(api, json={"query": CATALOGUE})
    assert again.status_code == 200 and again.headers.get("x-citizen-cache") == "hit"
    assert again.content == warm.content
    uncached = httpx.post(api, json={"query": REGIONS}, timeout=30)
    assert uncached.status_code == 200 and uncached.json()["data"]["regions"]
    lookup = {"query": LOOKUP, "variables": {"n": number, "i": valid_iin(1)}}
    r = httpx.post(api, json=lookup, timeout=30)
    assert r.status_code == 503, r.text
    assert r.headers["retry-after"].isdigit()
    ready = httpx.get(f"{base}/health/ready", timeout=30)
    assert ready.status_code == 503 and ready.json()["status"] == "unavailable"


def test_a_stopped_sqlite_database(database_url: str) -> None:
    if not database_url.startswith("sqlite"):
        pytest.skip("see test_a_stopped_postgresql_server")
    path = Path(database_url.removeprefix("sqlite:///"))
    engine = make_engine(database_url, Timeouts(lock=0.5, pool=1))
    migrate(engine)
    load_catalogue(engine)
    with session_scope(engine) as session:
        number = register(session, 1).number
    with live_server(create_app(Settings(), engine)) as base:
        api = f"{base}/graphql"
        warm = httpx.post(api, json={"query": CATALOGUE})
        assert warm.status_code == 200
        # The file goes away (a lost volume) and a directory stands where it was.
        away = path.with_suffix(".away")
        os.rename(path, away)
        path.mkdir()
        engine.dispose()
        try:
            check_outage(api, base, warm, number)
        finally:
            path.rmdir()
            os.rename(away, path)
        engine.dispose()
        assert httpx.post(api, json={"query": REGIONS}).status_code == 200
    engine.dispose()
    shutil.rmtree(path.parent / "unused", ignore_errors=True)


def test_a_stopped_postgresql_server(database_url: str) -> None:
    if not database_url.startswith("postgresql"):
        pytest.skip("PostgreSQL only")
    url = make_url(database_url)
    proxy = TcpProxy(url.host or "127.0.0.1", url.port or 5432).start()
    through = url.set(port=proxy.port).render_as_string(hide_password=False)
    engine = make_engine(through, Timeouts(lock=1, statement=2, pool=1, connect=1))
    migrate(engine)
    load_catalogue(engine)
    with session_scope(engine) as session:
        number = register(session, 1).number
    try:
        with live_server(create_app(Settings(), engine)) as base:
            api = f"{base}/graphql"
            warm = httpx.post(api, json={"query": CATALOGUE})
            proxy.stop()
            check_outage(api, base, warm, number)
            proxy.start()  # the server is back: so is the service, without a restart
            assert httpx.post(api, json={"query": REGIONS}).status_code == 200
    finally:
        proxy.stop()
        engine.dispose()


def test_a_read_only_database_is_not_ready(database_url: str, loaded_engine: Engine) -> None:
    if database_url.startswith("sqlite"):
        path = database_url.removeprefix("sqlite:///")
        read_only = make_engine(f"sqlite:///file:{path}?mode=ro&uri=true")
    else:
        options = str(make_url(database_url).query["options"])
        read_only = make_engine(database_url, connect_args={
            "options": options + " -cdefault_transaction_read_only=on"
        })
    for engine, ready in ((loaded_engine, 200), (read_only, 503)):
        with live_server(create_app(Settings(), engine)) as base:
            r = httpx.get(f"{base}/health/ready")
            assert r.status_code == ready, r.text
            # Reading still works: only the readiness check tells the balancer.
            assert httpx.post(f"{base}/graphql", json={"query": REGIONS}).status_code == 200
    read_only.dispose()


def test_an_unreachable_bot_api_at_start_is_one_line(
    loaded_engine: Engine, caplog: pytest.LogCaptureFixture
) -> None:
    settings = Settings(telegram_token=SecretStr("1:x"), telegram_api_url="http://127.0.0.1:9",
                        telegram_webhook_url="https://example.org/telegram/webhook")
    app = Starlette()
    catalogue, db = LiveCatalogue(loaded_engine), Database(loaded_engine)
    with caplog.at_level(logging.INFO):
        asyncio.run(start_bot(app.state, settings, catalogue, db))
        asyncio.run(stop_bot(app.state))
    db.close()
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(errors) == 1 and errors[0].exc_info is None
    line = errors[0].getMessage()
    assert "\n" not in line and "CITIZEN_TELEGRAM_API_URL" in line


def test_an_apq_hash_needs_a_valid_query_to_be_stored(api: str) -> None:
    broken = "{ regions { id "
    sha = hashlib.sha256(broken.encode()).hexdigest()
    ext = {"persistedQuery": {"version": 1, "sha256Hash": sha}}
    assert httpx.post(api, json={"query": broken, "extensions": ext}).status_code == 400
    r = httpx.post(api, json={"extensions": ext})
    assert r.json()["errors"][0]["message"] == "PersistedQueryNotFound"
    ok_sha = hashlib.sha256(REGIONS.encode()).hexdigest()
    ok = {"persistedQuery": {"version": 1, "sha256Hash": ok_sha}}
    assert httpx.post(api, json={"query": REGIONS, "extensions": ok}).status_code == 200
    assert "regions" in httpx.post(api, json={"extensions": ok}).json()["data"]
    assert json.dumps(ok)  # the stored query answers by hash alone


def test_an_unknown_fragment_is_a_400_without_a_traceback(
    api: str, caplog: pytest.LogCaptureFixture
) -> None:
    """Found by the fuzz test: strawberry's depth limiter used to crash on it (KeyError)."""
    for query in ("query { ...F }", "{ regions { ...F } }"):
        r = httpx.post(api, json={"query": query})
        assert r.status_code == 400 and "Unknown fragment 'F'" in r.text
    assert "Traceback" not in caplog.text and "KeyError" not in caplog.text
