"""Application tracking through the API: tokens, typed refusals, the citizen's lookup, the
WebSocket subscription, and a status change reaching a subscribed chat through the fake Bot API.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from typing import Any

import aiohttp
import httpx
import pytest
from pydantic import SecretStr
from sqlalchemy.engine import Engine

from citizen.applications import subscribe_chat
from citizen.applications.tokens import create_token
from citizen.catalogue.vocabulary import Locale
from citizen.db import session_scope
from citizen.notifications.chats import set_chat_locale
from citizen.settings import Settings
from citizen.web.app import create_app
from tests.support.applications import valid_iin
from tests.support.fake_bot_api import FakeBotAPI
from tests.support.live_server import live_server

TOKEN = "123456789:TEST-citizen-bot-token"
CHAT = 424242
OFFICE = "example-almaty-oblast-provider-office"

REGISTER = (
    """mutation($iin: String!, $number: String) {
  registerApplication(service: "preschool-queue", region: "almaty-oblast",
      channel: PROVIDER_OFFICE, iin: $iin, number: $number,
      submittedAt: "2026-12-01T10:00:00+05:00", office: "OFFICE_ID") {
    __typename
    ... on Application { number status statusLabel expectedReadyOn }
    ... on ApplicationRejected { code message }
    ... on AccessDenied { code message }
  } }"""
).replace("OFFICE_ID", OFFICE)

CHANGE = """mutation($number: String!, $status: ApplicationStatus!, $step: Int,
                   $delivery: ResultDelivery, $office: ID, $reasonRu: String) {
  changeApplicationStatus(number: $number, status: $status, stepPosition: $step,
      resultDelivery: $delivery, office: $office, reasonRu: $reasonRu) {
    __typename
    ... on Application { status statusLabel step { position } history { status } }
    ... on ApplicationRejected { code message }
    ... on AccessDenied { code message }
  } }"""

LOOKUP = """query($number: String!, $iin: String!) {
  application(number: $number, iin: $iin) {
    __typename
    ... on Application { number statusLabel service { catalogueId } office { address example }
                         history { statusLabel } }
    ... on ApplicationLookupFailed { reason retryAfter message }
  } }"""


@pytest.fixture
def fake() -> Iterator[FakeBotAPI]:
    with FakeBotAPI() as server:
        yield server


@pytest.fixture
def api(loaded_engine: Engine, fake: FakeBotAPI) -> Iterator[str]:
    settings = Settings(
        telegram_token=SecretStr(TOKEN),
        telegram_api_url=fake.base_url,
        notifier_poll_interval=0.1,
    )
    with live_server(create_app(settings, loaded_engine)) as base:
        yield base


def token(engine: Engine, role: str, regions: list[str] | None = None) -> str:
    """A token; a provider's is scoped to the region the tests register in."""
    if regions is None and role == "provider":
        regions = ["almaty-oblast"]
    with session_scope(engine) as session:
        return create_token(session, f"test-{role}", role, regions=regions).secret


def call(
    base: str, query: str, *, bearer: str | None = None, lang: str = "ru", **variables: Any
) -> dict[str, Any]:
    headers = {"Accept-Language": lang}
    if bearer:
        headers["Authorization"] = f"Bearer {bearer}"
    r = httpx.post(
        f"{base}/graphql", json={"query": query, "variables": variables}, headers=headers
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert "errors" not in body, body
    data: dict[str, Any] = body["data"]
    return data


def test_mutations_need_a_token_with_the_right_role(api: str, loaded_engine: Engine) -> None:
    denied = call(api, REGISTER, iin=valid_iin(1))["registerApplication"]
    assert denied["__typename"] == "AccessDenied" and denied["code"] == "not_authorized"
    assert "Authorization" in denied["message"]
    bogus = call(api, REGISTER, bearer="citizen_nonsense", iin=valid_iin(1))
    assert bogus["registerApplication"]["code"] == "not_authorized"
    provider = token(loaded_engine, "provider")
    made = call(api, REGISTER, bearer=provider, iin=valid_iin(1))["registerApplication"]
    assert made["__typename"] == "Application"
    assert made["status"] == "ACCEPTED" and made["statusLabel"] == "Принято"


def test_refusals_are_typed_and_in_the_readers_language(api: str, loaded_engine: Engine) -> None:
    provider = token(loaded_engine, "provider")
    bad_iin = call(api, REGISTER, bearer=provider, lang="kk", iin="123456789012")
    rejected = bad_iin["registerApplication"]
    assert rejected == {
        "__typename": "ApplicationRejected",
        "code": "invalid_iin",
        "message": rejected["message"],
    }
    assert "ЖСН" in rejected["message"]
    number = call(api, REGISTER, bearer=provider, iin=valid_iin(2))["registerApplication"]["number"]
    handed = call(api, CHANGE, bearer=provider, number=number, status="HANDED_OUT")
    assert handed["changeApplicationStatus"]["__typename"] == "ApplicationRejected"
    refuse = call(api, CHANGE, bearer=provider, number=number, status="REFUSED")
    assert refuse["changeApplicationStatus"]["code"] == "reason_required"
    assert "причину" in refuse["changeApplicationStatus"]["message"]
    done = call(
        api,
        CHANGE,
        bearer=provider,
        number=number,
        status="REFUSED",
        reasonRu="Неполный пакет документов",
    )
    assert done["changeApplicationStatus"]["status"] == "REFUSED"
    again = call(api, CHANGE, bearer=provider, number=number, status="ACCEPTED")
    assert again["changeApplicationStatus"]["code"] == "final"


def test_citizen_lookup_same_answer_for_wrong_number_or_iin(
    api: str, loaded_engine: Engine
) -> None:
    provider = token(loaded_engine, "provider")
    number = call(api, REGISTER, bearer=provider, iin=valid_iin(3))["registerApplication"]["number"]
    found = call(api, LOOKUP, number=number, iin=valid_iin(3))["application"]
    assert found["__typename"] == "Application"
    assert found["service"]["catalogueId"] == "preschool-queue" and found["office"]["example"]
    wrong_iin = call(api, LOOKUP, number=number, iin=valid_iin(4))["application"]
    wrong_number = call(api, LOOKUP, number="000000-AAAAAAAA", iin=valid_iin(3))["application"]
    assert wrong_iin == wrong_number
    assert wrong_iin["reason"] == "NOT_FOUND"
    malformed = call(api, LOOKUP, lang="kk", number=number, iin="12345")["application"]
    assert malformed["reason"] == "INVALID_IIN"


def test_repeated_failures_are_throttled(api: str, loaded_engine: Engine) -> None:
    provider = token(loaded_engine, "provider")
    number = call(api, REGISTER, bearer=provider, iin=valid_iin(5))["registerApplication"]["number"]
    for n in range(10):
        call(api, LOOKUP, number=number, iin=valid_iin(100 + n))
    blocked = call(api, LOOKUP, number=number, iin=valid_iin(5))["application"]
    assert blocked["reason"] == "THROTTLED" and blocked["retryAfter"] > 0
    assert "попыток" in blocked["message"]


def test_status_change_through_the_api_reaches_the_chat_with_the_address(
    api: str, loaded_engine: Engine, fake: FakeBotAPI
) -> None:
    provider = token(loaded_engine, "provider")
    iin = valid_iin(6)
    number = call(api, REGISTER, bearer=provider, iin=iin)["registerApplication"]["number"]
    with session_scope(loaded_engine) as session:
        set_chat_locale(session, CHAT, Locale.RU)
        assert subscribe_chat(session, CHAT, number, iin).found
    ready = call(
        api,
        CHANGE,
        bearer=provider,
        number=number,
        status="RESULT_READY",
        delivery="OFFICE",
        office=OFFICE,
    )
    assert ready["changeApplicationStatus"]["status"] == "RESULT_READY"
    message = fake.wait_for_message(CHAT, timeout=15)
    assert message.text is not None
    assert "ул. Примерная, 1" in message.text  # the (example) office's address, in Russian
    assert "пример" in message.text.lower()  # and marked as an example
    fake.wait_for(
        lambda f: any(m.method == "sendVenue" for m in f.messages_to(CHAT)),
        what="the office's map point",
    )
    venue = next(m for m in fake.messages_to(CHAT) if m.method == "sendVenue")
    assert float(venue.params["latitude"]) == pytest.approx(45.0156)


def test_subscription_over_websocket(api: str, loaded_engine: Engine) -> None:
    provider = token(loaded_engine, "provider")
    iin = valid_iin(7)
    number = call(api, REGISTER, bearer=provider, iin=iin)["registerApplication"]["number"]
    query = """subscription($number: String!, $iin: String!) {
      applicationStatus(number: $number, iin: $iin) {
        __typename ... on Application { status statusLabel(locale: KK) }
        ... on ApplicationLookupFailed { reason } } }"""

    async def follow() -> list[dict[str, Any]]:
        seen: list[dict[str, Any]] = []
        ws_url = api.replace("http://", "ws://") + "/graphql"
        async with (
            aiohttp.ClientSession() as http,
            http.ws_connect(ws_url, protocols=["graphql-transport-ws"]) as ws,
        ):
            await ws.send_json({"type": "connection_init"})
            assert (await ws.receive_json(timeout=5))["type"] == "connection_ack"
            await ws.send_json(
                {
                    "id": "1",
                    "type": "subscribe",
                    "payload": {"query": query, "variables": {"number": number, "iin": iin}},
                }
            )
            first = await ws.receive_json(timeout=5)
            seen.append(first["payload"]["data"]["applicationStatus"])
            await asyncio.to_thread(
                call, api, CHANGE, bearer=provider, number=number, status="IN_PROGRESS", step=4
            )  # the first step on the provider-office path (seed 001, item 15)
            second = await ws.receive_json(timeout=10)
            seen.append(second["payload"]["data"]["applicationStatus"])
            await ws.send_json({"id": "1", "type": "complete"})
        return seen

    seen = asyncio.run(follow())
    assert [s["status"] for s in seen] == ["ACCEPTED", "IN_PROGRESS"]
    assert seen[0]["statusLabel"] != seen[1]["statusLabel"]

    async def wrong() -> dict[str, Any]:
        ws_url = api.replace("http://", "ws://") + "/graphql"
        async with (
            aiohttp.ClientSession() as http,
            http.ws_connect(ws_url, protocols=["graphql-transport-ws"]) as ws,
        ):
            await ws.send_json({"type": "connection_init"})
            await ws.receive_json(timeout=5)
            await ws.send_json(
                {
                    "id": "2",
                    "type": "subscribe",
                    "payload": {
                        "query": query,
                        "variables": {"number": number, "iin": valid_iin(8)},
                    },
                }
            )
            msg: dict[str, Any] = json.loads((await ws.receive(timeout=5)).data)
            return msg

    answer = asyncio.run(wrong())
    assert answer["payload"]["data"]["applicationStatus"] == {
        "__typename": "ApplicationLookupFailed",
        "reason": "NOT_FOUND",
    }
