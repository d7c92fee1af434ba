"""Hostile and malformed requests get a clear 4xx GraphQL error; the server keeps serving."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator

import httpx
import pytest
from sqlalchemy.engine import Engine

from citizen.settings import Settings
from citizen.web.app import create_app
from tests.support.live_server import live_server

OK_QUERY = '{ service(id: "preschool-queue") { ... on Service { catalogueId } } }'


@pytest.fixture
def api(loaded_engine: Engine) -> Iterator[str]:
    settings = Settings(max_query_depth=5, max_aliases=10, max_tokens=500, max_body_bytes=16384)
    with live_server(create_app(settings, loaded_engine)) as base:
        yield f"{base}/graphql"


def still_serving(api: str) -> None:
    r = httpx.post(api, json={"query": OK_QUERY})
    assert r.status_code == 200
    assert r.json()["data"]["service"]["catalogueId"] == "preschool-queue"


def first_error(r: httpx.Response) -> str:
    body = r.json()
    assert body.get("data") is None
    message: str = body["errors"][0]["message"]
    return message


def test_too_deep(api: str) -> None:
    deep = "{ services { ... on ServiceConnection { edges { node { regulations { act { "
    deep += "source { seed } } channels { channel } steps { source { seed } } } } } } } }"
    r = httpx.post(api, json={"query": deep})
    assert r.status_code == 400
    assert "exceeds maximum operation depth" in first_error(r)
    still_serving(api)


def test_too_many_aliases(api: str) -> None:
    aliases = " ".join(f"a{i}: catalogueVersion" for i in range(11))
    r = httpx.post(api, json={"query": "{ " + aliases + " }"})
    assert r.status_code == 400
    assert "aliases found" in first_error(r)
    still_serving(api)


def test_too_many_tokens(api: str) -> None:
    fields = " ".join("catalogueVersion" for _ in range(600))
    r = httpx.post(api, json={"query": "{ " + fields + " }"})
    assert r.status_code == 400
    assert "token" in first_error(r).lower()
    still_serving(api)


def test_oversized_body(api: str) -> None:
    r = httpx.post(api, json={"query": OK_QUERY, "variables": {"x": "я" * 10_000}})
    assert r.status_code == 413
    assert r.json()["errors"][0]["extensions"]["code"] == "PAYLOAD_TOO_LARGE"
    still_serving(api)


def test_oversized_body_without_content_length(api: str) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"query": "'
        for _ in range(20):
            yield b"x" * 1024
        yield b'"}'

    r = httpx.post(api, content=chunks(), headers={"content-type": "application/json"})
    assert r.status_code == 413
    still_serving(api)


@pytest.mark.parametrize(
    "body", [b"{not json", b"[1, 2]", b'{"query": 5}', "\udc80".encode("utf-8", "surrogatepass")]
)
def test_malformed_json(api: str, body: bytes) -> None:
    r = httpx.post(api, content=body, headers={"content-type": "application/json"})
    assert r.status_code == 400
    assert r.json()["errors"][0]["extensions"]["code"] == "BAD_REQUEST"
    still_serving(api)


def test_syntax_error_and_unknown_field(api: str) -> None:
    r = httpx.post(api, json={"query": "{ services { "})
    assert r.status_code == 400 and "Syntax Error" in first_error(r)
    r = httpx.post(api, json={"query": "{ passwords }"})
    assert r.status_code == 400 and "passwords" in first_error(r)
    still_serving(api)


def test_get_cannot_mutate_and_needs_a_query(api: str) -> None:
    r = httpx.get(api, params={"query": "mutation { x }"})
    assert r.status_code == 400
    still_serving(api)


def test_persisted_query_round_trip(api: str) -> None:
    sha = hashlib.sha256(OK_QUERY.encode()).hexdigest()
    ext = {"persistedQuery": {"version": 1, "sha256Hash": sha}}
    r = httpx.post(api, json={"extensions": ext})
    assert r.json()["errors"][0]["message"] == "PersistedQueryNotFound"
    r = httpx.post(api, json={"query": OK_QUERY, "extensions": ext})
    assert r.json()["data"]["service"]["catalogueId"] == "preschool-queue"
    r = httpx.get(
        api, params={"extensions": f'{{"persistedQuery":{{"version":1,"sha256Hash":"{sha}"}}}}'}
    )
    assert r.json()["data"]["service"]["catalogueId"] == "preschool-queue"
    wrong = {"persistedQuery": {"version": 1, "sha256Hash": "0" * 64}}
    r = httpx.post(api, json={"query": OK_QUERY, "extensions": wrong})
    assert r.status_code == 400


def test_repeated_catalogue_queries_are_served_from_the_cache(api: str) -> None:
    first = httpx.post(api, json={"query": OK_QUERY}, headers={"Accept-Language": "ru"})
    second = httpx.post(api, json={"query": OK_QUERY}, headers={"Accept-Language": "ru"})
    assert first.json() == second.json()
    assert second.headers.get("x-citizen-cache") == "hit"
    other_language = httpx.post(api, json={"query": OK_QUERY}, headers={"Accept-Language": "kk"})
    assert other_language.headers.get("x-citizen-cache") is None


def test_now_dependent_answers_are_not_cached(api: str) -> None:
    q = """{ service(id: "preschool-queue") { ... on Service { regulation(region: "almaty-oblast")
      { ... on Regulation { readyEstimate(channel: PORTAL) { __typename } } } } } }"""
    httpx.post(api, json={"query": q})
    again = httpx.post(api, json={"query": q})
    assert again.headers.get("x-citizen-cache") is None


def test_internal_errors_are_masked(loaded_engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    from citizen.catalogue import model

    def broken(*_: object) -> None:
        raise RuntimeError("password=secret in a stack trace")

    with live_server(create_app(Settings(), loaded_engine)) as base:
        monkeypatch.setattr(model.Text, "__call__", broken)  # after the snapshot is built
        r = httpx.post(f"{base}/graphql", json={"query": "{ regions { name } }"})
        assert r.status_code == 500  # monitoring that watches 5xx sees it
        error = r.json()["errors"][0]
        assert error["message"].startswith("Internal error")
        assert error["extensions"]["code"] == "INTERNAL_SERVER_ERROR"
        assert error["extensions"]["requestId"] == r.headers["x-request-id"]
        assert "secret" not in r.text
        still_serving(f"{base}/graphql")


def test_introspection_and_graphiql_can_be_switched_off(loaded_engine: Engine) -> None:
    settings = Settings(introspection=False, graphiql=False)
    with live_server(create_app(settings, loaded_engine)) as base:
        r = httpx.post(f"{base}/graphql", json={"query": "{ __schema { types { name } } }"})
        assert r.status_code == 400
        r = httpx.get(f"{base}/graphql", headers={"accept": "text/html"})
        assert r.status_code == 400
    with live_server(create_app(Settings(), loaded_engine)) as base:
        r = httpx.get(f"{base}/graphql", headers={"accept": "text/html"})
        assert r.status_code == 200 and "graphiql" in r.text.lower()
