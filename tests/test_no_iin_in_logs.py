"""No log line carries an IIN, whatever shape the request that brought it had.

The server runs as `citizen serve` runs it (uvicorn's access and error logs, strawberry, the
bot, our code, SQL statements) with the project's log handler, and every request shape that
can carry an IIN is sent: GET (refused, but its URL reaches the access log), POST with an
inline argument, as a variable, as a number instead of a string, inside a document with a
syntax or a validation error, an internal error whose traceback holds it, the WebSocket
subscription, and the bot's dialogue through the webhook. Then all captured output is searched.
"""

from __future__ import annotations

import asyncio
import io
import json
import logging
from collections.abc import Iterator
from typing import Any

import aiohttp
import httpx
import pytest
from pydantic import SecretStr
from sqlalchemy.engine import Engine

from citizen import logs
from citizen.applications import register_application
from citizen.db import session_scope
from citizen.settings import Settings
from citizen.web.app import create_app
from tests.support.applications import catalogue_for, valid_iin
from tests.support.bot_harness import TOKEN, WEBHOOK_SECRET, Person
from tests.support.fake_bot_api import FakeBotAPI
from tests.support.live_server import free_port, live_server

NUMBER = "KZ-PRIVACY-1"
LOOKUP = 'query { application(number: "NUM", iin: "IIN") { __typename } }'


@pytest.fixture
def captured() -> Iterator[io.StringIO]:
    """Everything every logger writes, through the handler `citizen serve` installs."""
    stream = io.StringIO()
    handler = logs.make_handler("json", stream)
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    logs.adopt_library_loggers()  # as `citizen serve` does (another test's uvicorn may not)
    noisy = [logging.getLogger(n) for n in ("aiosqlite", "asyncio", "websockets", "hpack")]
    for lib in noisy:
        lib.setLevel(logging.INFO)
    logging.getLogger("sqlalchemy.engine").setLevel(logging.INFO)  # statements, parameters
    try:
        yield stream
    finally:
        logging.getLogger("sqlalchemy.engine").setLevel(logging.WARNING)
        root.removeHandler(handler)
        root.setLevel(old_level)


def test_no_request_shape_puts_an_iin_in_any_log(
    loaded_engine: Engine, captured: io.StringIO, monkeypatch: pytest.MonkeyPatch
) -> None:
    iin, wrong, other = valid_iin(31), valid_iin(32), valid_iin(33)
    with session_scope(loaded_engine) as session:
        register_application(session, catalogue_for(session), service_id="preschool-queue",
                             region_id="almaty-oblast", channel="portal", iin=iin, number=NUMBER)
    loaded_engine.dispose()  # new connections pick up the SQL logging

    with FakeBotAPI(token=TOKEN) as fake:
        port = free_port()
        settings = Settings(
            telegram_token=SecretStr(TOKEN),
            telegram_api_url=fake.base_url,
            telegram_webhook_url=f"http://127.0.0.1:{port}/telegram/webhook",
            telegram_webhook_secret=SecretStr(WEBHOOK_SECRET),
        )
        with live_server(create_app(settings, loaded_engine), port, settings) as base:
            api = f"{base}/graphql"
            http_shapes(api, iin, wrong)
            internal_error(api, wrong, monkeypatch)
            asyncio.run(websocket(api, iin))
            bot_dialogue(fake, iin, other)

    text = captured.getvalue()
    # The shapes were really logged: access lines, the bot's updates, SQL, an internal error.
    assert "GET /graphql" in text and "POST /graphql" in text
    assert "/telegram/webhook" in text and "INSERT INTO" in text
    assert "RuntimeError" in text and logs.REDACTED in text
    for secret in (iin, wrong, other):
        assert secret not in text
        assert f"{secret[:6]} {secret[6:]}" not in text  # as people type it
    for line in text.splitlines():
        json.loads(line)  # one JSON object per line


def http_shapes(api: str, iin: str, wrong: str) -> None:
    inline = LOOKUP.replace("NUM", NUMBER).replace("IIN", iin)
    spaced = f"{iin[:6]} {iin[6:]}"
    variables = {"n": NUMBER, "i": iin}
    by_variable = (
        "query($n: String!, $i: String!) { application(number: $n, iin: $i) { __typename } }"
    )
    # GET: refused, with a clear 4xx, but its URL is in the access log.
    for params in (
        {"query": inline},
        {"query": inline.replace(iin, spaced)},
        {"query": by_variable, "variables": json.dumps(variables)},
        {"query": "{ catalogueVersion }", "variables": json.dumps({"x": int(iin)})},
    ):
        r = httpx.get(api, params=params)
        assert r.status_code == 400
        assert r.json()["errors"][0]["extensions"]["code"] == "IIN_OVER_GET"
    # POST: inline, as a variable, as a number, with a syntax error, with a validation error.
    assert httpx.post(api, json={"query": inline}).json()["data"]["application"]
    r = httpx.post(api, json={"query": by_variable, "variables": variables})
    assert r.json()["data"]["application"]["__typename"] == "Application"
    as_number = LOOKUP.replace("NUM", NUMBER).replace('"IIN"', iin)
    assert httpx.post(api, json={"query": as_number}).status_code == 400
    assert httpx.post(api, json={"query": inline + " }}"}).status_code == 400
    unknown_field = inline.replace("__typename", "nosuchfield")
    assert httpx.post(api, json={"query": unknown_field}).status_code == 400
    r = httpx.post(api, json={"query": by_variable, "variables": {"n": NUMBER, "i": int(wrong)}})
    assert r.status_code == 400
    assert httpx.post(api, json={"query": inline.replace(iin, wrong)}).status_code == 200


def internal_error(api: str, wrong: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A bug whose message and traceback carry the IIN: logged with the request id, redacted."""
    import citizen.graphql.applications as adapter

    def broken(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError(f"lookup failed for {args[2]}")

    monkeypatch.setattr(adapter, "find_application", broken)
    r = httpx.post(api, json={"query": LOOKUP.replace("NUM", NUMBER).replace("IIN", wrong)})
    assert r.status_code == 500 and wrong not in r.text
    monkeypatch.undo()


async def websocket(api: str, iin: str) -> None:
    query = """subscription($n: String!, $i: String!) {
      applicationStatus(number: $n, iin: $i) { __typename } }"""
    async with (
        aiohttp.ClientSession() as http,
        http.ws_connect(api.replace("http", "ws"), protocols=["graphql-transport-ws"]) as ws,
    ):
        await ws.send_json({"type": "connection_init"})
        assert (await ws.receive_json(timeout=5))["type"] == "connection_ack"
        for n, variables in enumerate(({"n": NUMBER, "i": iin}, {"n": NUMBER, "i": int(iin)})):
            payload = {"query": query, "variables": variables}
            await ws.send_json({"id": str(n), "type": "subscribe", "payload": payload})
            await ws.receive_json(timeout=5)
            await ws.send_json({"id": str(n), "type": "complete"})


def bot_dialogue(fake: FakeBotAPI, iin: str, other: str) -> None:
    person = Person(fake, 4242, "ru")
    person.say("/start")
    person.say(other)  # an IIN typed as a search
    listing = person.say("/my")
    from tests.support.bot_harness import button_data

    fake.push_callback_query(4242, button_data(listing, "Добавить"), message_id=listing.message_id,
                             language_code="ru")
    person.next_message()
    person.say(NUMBER)
    assert "KZ-PRIVACY-1" in (person.say(iin).text or "")
    # A malformed update that carries an IIN is refused, and a replayed update is not handled.
    headers = {"X-Telegram-Bot-Api-Secret-Token": WEBHOOK_SECRET}
    assert fake.webhook is not None
    malformed = f'{{"update_id": {other}, "x": ['
    bad = httpx.post(fake.webhook["url"], content=malformed, headers=headers)
    assert bad.status_code == 400
