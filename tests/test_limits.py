"""Limits: free-text lengths, CSRF-safe content types, a cache bounded in bytes and keyed on
declared variables, WebSocket size and operations, slow clients, and webhook replays."""

from __future__ import annotations

import asyncio
import json
import socket
from collections.abc import Iterator
from typing import Any

import aiohttp
import httpx
import pytest
from pydantic import SecretStr
from sqlalchemy.engine import Engine

from citizen.applications import subscribe_chat
from citizen.applications.registry import REASON_MAX_LENGTH
from citizen.applications.tokens import create_token
from citizen.cli import main
from citizen.db import session_scope
from citizen.notifications.telegram_client import TelegramClient
from citizen.notifications.worker import DeliveryWorker
from citizen.settings import Settings, get_settings
from citizen.web.app import create_app
from citizen.web.response_cache import LruBytes, ParsedBodies, PersistedQueries
from tests.support.applications import register, render, valid_iin
from tests.support.bot_harness import WEBHOOK_SECRET, running_bot
from tests.support.fake_bot_api import FakeBotAPI
from tests.support.live_server import free_port, live_server
from tests.test_bot_webhook import start_update

REFUSE = """mutation($number: String!, $kk: String, $ru: String) {
  changeApplicationStatus(number: $number, status: REFUSED, reasonKk: $kk, reasonRu: $ru) {
    __typename ... on Application { status } ... on ApplicationRejected { code message } } }"""
CATALOGUE = 'query($id: ID!) { service(id: $id) { ... on Service { id } } }'
TOKEN = "123456789:TEST-citizen-bot-token"


@pytest.fixture
def api(loaded_engine: Engine) -> Iterator[str]:
    settings = Settings(request_read_timeout=1.0, ws_max_operations=2, ws_max_message_bytes=4096)
    with live_server(create_app(settings, loaded_engine), settings=settings) as base:
        yield f"{base}/graphql"


def provider(engine: Engine) -> dict[str, str]:
    with session_scope(engine) as session:
        secret = create_token(session, "son", "provider", regions=["*"]).secret
    return {"Authorization": f"Bearer {secret}", "Accept-Language": "ru"}


# ---- free texts ----------------------------------------------------------------------------


def test_a_reason_over_the_limit_is_refused_at_the_api(api: str, loaded_engine: Engine) -> None:
    with session_scope(loaded_engine) as session:
        number = register(session, 1).number
    long = "ы" * (REASON_MAX_LENGTH + 1)
    r = httpx.post(api, json={"query": REFUSE, "variables": {"number": number, "ru": long}},
                   headers=provider(loaded_engine))
    answer = r.json()["data"]["changeApplicationStatus"]
    assert answer["code"] == "text_too_long" and "1\xa0000" in answer["message"]


def test_a_reason_over_the_limit_is_refused_at_the_cli(
    loaded_engine: Engine, database_url: str, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("CITIZEN_DATABASE_URL", database_url)
    get_settings.cache_clear()
    with session_scope(loaded_engine) as session:
        number = register(session, 1).number
    try:
        args = ["application", "status", number, "refused", "--lang", "ru"]
        assert main([*args, "--reason-ru", "x" * (REASON_MAX_LENGTH + 1)]) == 2
        assert "1000" in capsys.readouterr().err.replace("\xa0", "")
        assert main([*args, "--reason-ru", "x" * REASON_MAX_LENGTH]) == 0
    finally:
        get_settings.cache_clear()


def test_a_reason_at_the_limit_is_delivered(api: str, loaded_engine: Engine) -> None:
    with session_scope(loaded_engine) as session:
        number = register(session, 2).number
        assert subscribe_chat(session, 5150, number, valid_iin(2)).found
    # Characters that grow when escaped for Telegram's HTML, in both languages at the limit.
    kk = ("<&> " * (REASON_MAX_LENGTH // 4))[:REASON_MAX_LENGTH]
    ru = ("Нет справки & <подписи>. " * 50)[:REASON_MAX_LENGTH]
    r = httpx.post(api, json={"query": REFUSE, "variables": {"number": number, "kk": kk, "ru": ru}},
                   headers=provider(loaded_engine))
    assert r.json()["data"]["changeApplicationStatus"]["status"] == "REFUSED"
    with FakeBotAPI(token=TOKEN) as fake:

        async def deliver() -> None:
            client = TelegramClient(TOKEN, fake.base_url)
            try:
                await DeliveryWorker(loaded_engine, client, render).run_until_idle(timeout=30)
            finally:
                await client.aclose()

        asyncio.run(deliver())
        message = fake.wait_for_message(5150, 1)
    assert "&lt;&amp;&gt;" in (message.params.get("text") or "") or "<&>" in (message.text or "")


# ---- CSRF ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "content_type",
    ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", ""],
)
def test_posts_a_browser_sends_cross_site_are_refused(api: str, content_type: str) -> None:
    body = json.dumps({"query": "{ regions { id } }"})
    headers = {"content-type": content_type} if content_type else {}
    r = httpx.post(api, content=body, headers=headers)
    assert r.status_code == 415
    assert "application/json" in r.json()["errors"][0]["message"]
    ok = httpx.post(api, content=body, headers={"content-type": "application/json; charset=utf-8"})
    assert ok.status_code == 200


def test_get_still_cannot_mutate(api: str) -> None:
    r = httpx.get(api, params={"query": 'mutation { changeApplicationStatus(number: "x", '
                               "status: REFUSED) { __typename } }"})
    assert r.status_code == 400


# ---- response cache ------------------------------------------------------------------------


def test_the_cache_keys_on_declared_variables_only(api: str) -> None:
    first = httpx.post(api, json={"query": CATALOGUE, "variables": {"id": "preschool-queue"}})
    for junk in range(3):  # undeclared variables cannot make new entries
        again = httpx.post(api, json={"query": CATALOGUE,
                                      "variables": {"id": "preschool-queue", "junk": junk}})
        assert again.headers.get("x-citizen-cache") == "hit"
        assert again.content == first.content
    other = httpx.post(api, json={"query": CATALOGUE, "variables": {"id": "adoption-payment"}})
    assert other.headers.get("x-citizen-cache") is None


def test_the_cache_is_bounded_in_bytes() -> None:
    cache = LruBytes(max_bytes=1000, max_entry_bytes=300)
    for n in range(50):
        cache.put(f"k{n}", b"x" * 200)
        assert cache.size_bytes <= 1000
    assert cache.get("k49") is not None and cache.get("k0") is None
    cache.put("big", b"x" * 400)  # over the entry limit: not kept
    assert cache.get("big") is None


def test_the_cache_size_is_a_setting(loaded_engine: Engine) -> None:
    settings = Settings(response_cache_bytes=2000)
    app = create_app(settings, loaded_engine)
    with live_server(app) as base:
        for service in ("preschool-queue", "adoption-payment", "summer-camp-voucher",
                        "preschool-admission", "foster-care-placement"):
            httpx.post(f"{base}/graphql", json={"query": CATALOGUE, "variables": {"id": service}})
    assert 0 < app.state.graphql.cache.size_bytes <= 2000


def test_persisted_queries_keep_the_most_used() -> None:
    persisted = PersistedQueries(maxsize=2)
    persisted.put("a", "{ a }")
    persisted.put("b", "{ b }")
    assert persisted.get("a") == "{ a }"  # used: now the newest
    persisted.put("c", "{ c }")
    assert persisted.get("b") is None and persisted.get("a") == "{ a }"


def test_a_body_with_an_iin_is_not_kept_after_its_request(loaded_engine: Engine) -> None:
    app = create_app(Settings(), loaded_engine)
    lookup = json.dumps({"query": '{ application(number: "X-1", iin: "900101300017") '
                                  "{ __typename } }"}).encode()
    catalogue = json.dumps({"query": CATALOGUE, "variables": {"id": "preschool-queue"}}).encode()
    with live_server(app) as base:
        for body in (lookup, catalogue):
            answer = httpx.post(f"{base}/graphql", content=body,
                                headers={"content-type": "application/json"})
            assert answer.status_code == 200, answer.text
    bodies = app.state.graphql.bodies
    assert bodies.get(ParsedBodies.digest(lookup)) is None
    assert bodies.get(ParsedBodies.digest(catalogue)) is not None


# ---- WebSocket -----------------------------------------------------------------------------


async def _ws(api: str, messages: list[dict[str, Any]], expect: int) -> list[Any]:
    answers: list[Any] = []
    async with (
        aiohttp.ClientSession() as http,
        http.ws_connect(api.replace("http", "ws"), protocols=["graphql-transport-ws"]) as ws,
    ):
        await ws.send_json({"type": "connection_init"})
        await ws.receive_json(timeout=5)
        for message in messages:
            await ws.send_json(message)
        for _ in range(expect):
            received = await ws.receive(timeout=5)
            answers.append(received)
            if received.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED):
                break
    return answers


def test_an_oversized_websocket_message_closes_the_connection(api: str) -> None:
    big = {"id": "1", "type": "subscribe",
           "payload": {"query": "subscription { x }", "variables": {"pad": "x" * 10_000}}}
    [answer] = asyncio.run(_ws(api, [big], 1))
    assert answer.type == aiohttp.WSMsgType.CLOSE and answer.data == 1009  # message too big


def test_operations_per_connection_are_bounded(api: str, loaded_engine: Engine) -> None:
    with session_scope(loaded_engine) as session:
        number = register(session, 3).number
    query = """subscription($n: String!, $i: String!) {
      applicationStatus(number: $n, iin: $i) { __typename } }"""
    subscribe = [{"id": str(n), "type": "subscribe",
                  "payload": {"query": query, "variables": {"n": number, "i": valid_iin(3)}}}
                 for n in range(3)]
    answers = asyncio.run(_ws(api, subscribe, 3))
    bodies = [json.loads(a.data) for a in answers]
    refused = [b for b in bodies if b["type"] == "error"]
    assert len(refused) == 1 and "limit" in refused[0]["payload"][0]["message"]


# ---- slow clients --------------------------------------------------------------------------


def _raw(api: str, data: bytes) -> bytes:
    """Send `data` and read until the server answers or closes (it must do one or the other)."""
    host, port = api.removeprefix("http://").split("/")[0].split(":")
    with socket.create_connection((host, int(port)), timeout=20) as sock:
        sock.sendall(data)
        received = b""
        while chunk := sock.recv(4096):
            received += chunk
        return received


def test_a_client_that_never_finishes_its_headers_is_cut_off(api: str) -> None:
    assert _raw(api, b"POST /graphql HTTP/1.1\r\nHost: x\r\nX-Slow: ") == b""


def test_a_body_that_never_arrives_is_a_408(api: str) -> None:
    head = (b"POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Content-Length: 100\r\n\r\n{\"query\": ")
    answer = _raw(api, head)
    assert answer.startswith(b"HTTP/1.1 408") and b"REQUEST_TIMEOUT" in answer


# ---- webhook replays -----------------------------------------------------------------------


def test_a_replayed_update_is_answered_but_not_handled_again(loaded_engine: Engine) -> None:
    with running_bot(loaded_engine) as running:
        update = json.dumps(start_update(7001, update_id=990001))
        headers = {"X-Telegram-Bot-Api-Secret-Token": WEBHOOK_SECRET}
        for _ in range(3):
            r = httpx.post(running.webhook_url, content=update, headers=headers)
            assert r.status_code == 200
        running.fake.wait_for_message(7001, 1)
        # A second server process on the same database has seen it too.
        with FakeBotAPI(token=TOKEN) as other_fake:
            port = free_port()
            settings = Settings(
                telegram_token=SecretStr(TOKEN),
                telegram_api_url=other_fake.base_url,
                telegram_webhook_url=f"http://127.0.0.1:{port}/telegram/webhook",
                telegram_webhook_secret=SecretStr(WEBHOOK_SECRET),
            )
            with live_server(create_app(settings, loaded_engine), port) as base:
                r = httpx.post(f"{base}/telegram/webhook", content=update, headers=headers)
                assert r.status_code == 200
                fresh = json.dumps(start_update(7002, update_id=990002))
                httpx.post(f"{base}/telegram/webhook", content=fresh, headers=headers)
                other_fake.wait_for_message(7002, 1)
            assert other_fake.messages_to(7001) == []
    assert len(running.fake.messages_to(7001)) == 1
