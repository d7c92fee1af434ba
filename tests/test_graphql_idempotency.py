"""Idempotency keys over the GraphQL API: a provider's retry registers once, over real HTTP."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from citizen.applications import Application
from citizen.applications.tokens import create_token
from citizen.db import session_scope
from citizen.settings import Settings
from citizen.web.app import create_app
from tests.support.applications import valid_iin
from tests.support.live_server import live_server

REGISTER = """mutation($iin: String!, $key: String) {
  registerApplication(service: "adoption-candidate-registration", region: "karaganda-oblast",
      channel: PROVIDER_OFFICE, iin: $iin, submittedAt: "2026-12-01T10:00:00+05:00",
      idempotencyKey: $key) {
    __typename
    ... on Application { number }
    ... on ApplicationRejected { code message }
    ... on IdempotencyKeyReused { key message }
  } }"""

CHANGE = """mutation($number: String!, $key: String) {
  changeApplicationStatus(number: $number, status: IN_PROGRESS, stepPosition: 1,
      idempotencyKey: $key) {
    __typename
    ... on Application { status history { status } }
    ... on ApplicationRejected { code message }
    ... on IdempotencyKeyReused { key message }
  } }"""


@pytest.fixture
def api(loaded_engine: Engine) -> Iterator[str]:
    with live_server(create_app(Settings(notifier_enabled=False), loaded_engine)) as base:
        yield base


def _token(engine: Engine, name: str) -> str:
    with session_scope(engine) as session:
        return create_token(session, name, "provider", regions=["*"]).secret


def _call(base: str, query: str, bearer: str, lang: str = "ru", **variables: Any) -> Any:
    r = httpx.post(
        f"{base}/graphql",
        json={"query": query, "variables": variables},
        headers={"Authorization": f"Bearer {bearer}", "Accept-Language": lang},
    )
    assert r.status_code == 200, r.text
    assert "errors" not in r.json(), r.text
    return r.json()["data"]


def _applications(engine: Engine) -> int:
    with Session(engine) as session:
        return int(session.exec(select(func.count()).select_from(Application)).one())


def test_a_retry_with_the_same_key_gets_the_first_answer(api: str, loaded_engine: Engine) -> None:
    son = _token(loaded_engine, "son")
    first = _call(api, REGISTER, son, iin=valid_iin(1), key="c0ffee-1")["registerApplication"]
    retry = _call(api, REGISTER, son, iin=valid_iin(1), key="c0ffee-1")["registerApplication"]
    assert first["__typename"] == retry["__typename"] == "Application"
    assert retry["number"] == first["number"]
    assert _applications(loaded_engine) == 1
    # Another token's key space is its own.
    other = _token(loaded_engine, "son-2")
    theirs = _call(api, REGISTER, other, iin=valid_iin(1), key="c0ffee-1")["registerApplication"]
    assert theirs["number"] != first["number"]
    assert _applications(loaded_engine) == 2


def test_the_same_key_with_other_input_is_a_typed_error(api: str, loaded_engine: Engine) -> None:
    son = _token(loaded_engine, "son")
    _call(api, REGISTER, son, iin=valid_iin(1), key="k-1")
    ru = _call(api, REGISTER, son, iin=valid_iin(2), key="k-1")["registerApplication"]
    assert ru["__typename"] == "IdempotencyKeyReused" and ru["key"] == "k-1"
    assert ru["message"].startswith("Ключ идемпотентности «k-1» уже использован")
    kk = _call(api, REGISTER, son, lang="kk", iin=valid_iin(2), key="k-1")["registerApplication"]
    assert kk["message"].startswith("«k-1» идемпотенттілік кілті")
    bad = _call(api, REGISTER, son, iin=valid_iin(2), key="")["registerApplication"]
    assert bad["code"] == "invalid_idempotency_key" and "1–200" in bad["message"]
    assert _applications(loaded_engine) == 1


def test_a_retried_status_change_is_applied_once(api: str, loaded_engine: Engine) -> None:
    son = _token(loaded_engine, "son")
    number = _call(api, REGISTER, son, iin=valid_iin(1))["registerApplication"]["number"]
    first = _call(api, CHANGE, son, number=number, key="chg")["changeApplicationStatus"]
    retry = _call(api, CHANGE, son, number=number, key="chg")["changeApplicationStatus"]
    assert first == retry, first
    assert [h["status"] for h in retry["history"]] == ["ACCEPTED", "IN_PROGRESS"]
    # Without a key the retry is a new request, and the status machine refuses it.
    plain = _call(api, CHANGE, son, number=number)["changeApplicationStatus"]
    assert plain["code"] == "same_status"
