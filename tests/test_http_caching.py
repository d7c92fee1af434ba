"""Web clients and caches, over real HTTP: CORS, Cache-Control, Vary, ETag/304, languages."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from sqlalchemy.engine import Engine

from citizen.applications.tokens import create_token
from citizen.db import session_scope
from citizen.settings import Settings
from citizen.web.app import create_app
from citizen.web.http_caching import negotiate
from tests.support.live_server import live_server

ORIGIN = "https://app.example"
CARD = '{ service(id: "preschool-queue") { ... on Service { name } } }'
LOOKUP = '{ application(number: "X-1", iin: "900101300017") { __typename } }'


@pytest.fixture
def api(loaded_engine: Engine) -> Iterator[str]:
    settings = Settings(notifier_enabled=False, cors_origins=f"{ORIGIN}, https://other.example")
    with live_server(create_app(settings, loaded_engine)) as base:
        yield base


@pytest.fixture
def api_without_cors(loaded_engine: Engine) -> Iterator[str]:
    with live_server(create_app(Settings(notifier_enabled=False), loaded_engine)) as base:
        yield base


class VaryingCache:
    """A shared cache as RFC 9111 has it: keyed by URL plus the request headers that the
    stored response's `Vary` names. It stores only what `Cache-Control: public` allows."""

    def __init__(self, client: httpx.Client):
        self.client = client
        self.vary: dict[str, list[str]] = {}
        self.stored: dict[tuple[str, ...], httpx.Response] = {}
        self.hits = 0

    def _key(self, url: str, headers: dict[str, str]) -> tuple[str, ...]:
        names = self.vary.get(url, [])
        return (url, *(f"{n}={headers.get(n, '')}" for n in names))

    def get(self, url: str, headers: dict[str, str]) -> httpx.Response:
        lowered = {k.lower(): v for k, v in headers.items()}
        key = self._key(url, lowered)
        if key in self.stored:
            self.hits += 1
            return self.stored[key]
        response = self.client.get(url, headers=headers)
        if "public" in response.headers.get("cache-control", ""):
            names = [n.strip().lower() for n in response.headers.get("vary", "").split(",")]
            self.vary[url] = [n for n in names if n]
            self.stored[self._key(url, lowered)] = response
        return response


def _language_of(body: dict[str, Any]) -> str:
    name = body["data"]["service"]["name"]
    return "kk" if set("әғқңөұүһі") & set(name.lower()) else "ru"


def test_a_cdn_keyed_on_url_and_vary_never_mixes_languages(api: str) -> None:
    url = str(httpx.URL(f"{api}/graphql", params={"query": CARD}))
    asked = ["ru", "kk", "ru-RU,ru;q=0.9", "en", "kk-KZ", "en-US,en;q=0.8,ru;q=0.5", "", "ru"]
    with httpx.Client() as client:
        cdn = VaryingCache(client)
        for _ in range(2):  # the second round is served from the cache
            for header in asked:
                headers = {"Accept-Language": header, "Origin": ORIGIN} if header else {}
                response = cdn.get(url, headers)
                expected = negotiate(header or None).served.value
                assert response.headers["content-language"] == expected, header
                assert _language_of(response.json()) == expected, header
                assert {"accept-language", "origin"} <= {
                    v.strip().lower() for v in response.headers["vary"].split(",")
                }
    assert cdn.hits >= len(asked)


def test_a_repeated_get_gets_304(api: str) -> None:
    params, headers = {"query": CARD}, {"Accept-Language": "ru"}
    first = httpx.get(f"{api}/graphql", params=params, headers=headers)
    assert first.status_code == 200
    assert first.headers["cache-control"] == "public, max-age=60"
    tag = first.headers["etag"]
    again = httpx.get(f"{api}/graphql", params=params, headers={**headers, "If-None-Match": tag})
    assert again.status_code == 304 and again.content == b""
    assert again.headers["etag"] == tag and again.headers["content-language"] == "ru"
    # Another language or another query is another validator.
    kk = httpx.get(f"{api}/graphql", params=params, headers={"Accept-Language": "kk"})
    other = httpx.get(f"{api}/graphql", params={"query": "{ regions { id } }"}, headers=headers)
    assert len({tag, kk.headers["etag"], other.headers["etag"]}) == 3
    stale = httpx.get(f"{api}/graphql", params=params,
                      headers={**headers, "If-None-Match": kk.headers["etag"]})
    assert stale.status_code == 200


def test_a_persisted_query_by_get_is_public_too(api: str) -> None:
    sha = hashlib.sha256(CARD.encode()).hexdigest()
    extensions = {"persistedQuery": {"version": 1, "sha256Hash": sha}}
    registered = httpx.post(f"{api}/graphql", json={"query": CARD, "extensions": extensions})
    assert registered.status_code == 200
    by_hash = httpx.get(
        f"{api}/graphql", params={"extensions": json.dumps(extensions)},
        headers={"Accept-Language": "ru"},
    )
    assert by_hash.status_code == 200 and by_hash.json()["data"]["service"]["name"]
    assert by_hash.headers["cache-control"].startswith("public")
    assert "etag" in by_hash.headers


@pytest.mark.parametrize("typed", ["900101300007", "900101 300007", "9001-0130-0007"])
def test_an_iin_in_any_typed_shape_is_refused_over_get(api: str, typed: str) -> None:
    search = '{ services(search: "TEXT") { __typename } }'
    by_variable = "query($q: String) { services(search: $q) { __typename } }"
    for params in (
        {"query": search.replace("TEXT", typed)},
        {"query": by_variable, "variables": json.dumps({"q": typed})},
    ):
        refused = httpx.get(f"{api}/graphql", params=params)
        assert refused.status_code == 400
        assert refused.json()["errors"][0]["extensions"]["code"] == "IIN_OVER_GET"
    ordinary = httpx.get(f"{api}/graphql", params={"query": search.replace("TEXT", "9001")})
    assert ordinary.status_code == 200


def test_personal_answers_are_never_stored(api: str, loaded_engine: Engine) -> None:
    lookup = httpx.get(f"{api}/graphql", params={"query": LOOKUP})
    # A lookup carries an IIN: refused over GET (issue 10), and never stored either way.
    assert lookup.status_code == 400
    assert lookup.json()["errors"][0]["extensions"]["code"] == "IIN_OVER_GET"
    assert lookup.headers["cache-control"].startswith("no-store")
    assert "etag" not in lookup.headers
    with session_scope(loaded_engine) as session:
        secret = create_token(session, "son", "provider", regions=["*"]).secret
    with_token = httpx.get(f"{api}/graphql", params={"query": CARD},
                           headers={"Authorization": f"Bearer {secret}"})
    assert with_token.headers["cache-control"] == "no-store, private"
    mutation = httpx.post(
        f"{api}/graphql",
        json={"query": 'mutation { changeApplicationStatus(number: "X", status: HANDED_OUT) '
                       "{ __typename } }"},
        headers={"Authorization": f"Bearer {secret}"},
    )
    assert mutation.headers["cache-control"] == "no-store, private"


def test_an_unsupported_language_gets_the_default_and_says_so(api: str) -> None:
    english = httpx.get(f"{api}/graphql", params={"query": CARD}, headers={"Accept-Language": "en"})
    assert english.headers["content-language"] == "kk"
    assert english.json()["extensions"]["locale"] == {
        "requested": ["en"], "served": "kk", "supported": ["kk", "ru"],
    }
    russian = httpx.get(f"{api}/graphql", params={"query": CARD},
                        headers={"Accept-Language": "en-GB,ru;q=0.7"})
    assert russian.headers["content-language"] == "ru"
    assert "extensions" not in russian.json()  # Russian was acceptable: nothing to say


def test_every_answer_says_its_language(api: str) -> None:
    ru = {"Accept-Language": "ru"}
    answers = [
        httpx.get(f"{api}/health/live", headers=ru),
        httpx.post(f"{api}/graphql", content=b"{not json", headers=ru),
        httpx.get(f"{api}/graphql", params={"query": "{ nope }"}, headers=ru),
        httpx.post(f"{api}/graphql", json={"query": CARD}),
    ]
    assert [a.headers.get("content-language") for a in answers] == ["ru", "ru", "ru", "kk"]


def test_a_browser_on_a_configured_origin_may_query(api: str) -> None:
    preflight = httpx.options(f"{api}/graphql", headers={
        "Origin": ORIGIN,
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type, authorization",
    })
    assert preflight.status_code == 204
    assert preflight.headers["access-control-allow-origin"] == ORIGIN
    assert "POST" in preflight.headers["access-control-allow-methods"]
    assert "authorization" in preflight.headers["access-control-allow-headers"].lower()
    assert "access-control-allow-credentials" not in preflight.headers
    answer = httpx.post(f"{api}/graphql", json={"query": CARD}, headers={"Origin": ORIGIN})
    assert answer.status_code == 200
    assert answer.headers["access-control-allow-origin"] == ORIGIN
    assert "etag" in answer.headers["access-control-expose-headers"].lower()
    assert "access-control-allow-credentials" not in answer.headers


def test_other_origins_get_no_cors(api: str, api_without_cors: str) -> None:
    headers = {"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"}
    refused = httpx.options(f"{api}/graphql", headers=headers)
    assert refused.status_code == 403
    assert "access-control-allow-origin" not in refused.headers
    answer = httpx.post(f"{api}/graphql", json={"query": CARD},
                        headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in answer.headers
    # None configured (the default): no CORS at all, as before.
    off = httpx.options(f"{api_without_cors}/graphql",
                        headers={**headers, "Origin": ORIGIN})
    assert off.status_code == 405 and "access-control-allow-origin" not in off.headers
    plain = httpx.get(f"{api_without_cors}/graphql", params={"query": CARD})
    assert plain.headers["vary"] == "Accept-Language"


def test_the_same_body_in_two_languages_gets_two_answers(api: str) -> None:
    """A body seen before skips parsing (`ParsedBodies`): never the language or the proof."""
    body = json.dumps({"query": CARD})
    names = {}
    for _ in range(2):
        for language in ("ru", "kk"):
            answer = httpx.post(f"{api}/graphql", content=body, headers={
                "content-type": "application/json", "accept-language": language})
            assert answer.headers["content-language"] == language
            names.setdefault(language, set()).add(answer.json()["data"]["service"]["name"])
    assert len(names["ru"]) == len(names["kk"]) == 1 and names["ru"] != names["kk"]
    lookup = json.dumps({"query": LOOKUP})
    for _ in range(2):  # a personal answer stays personal when its body is seen again
        personal = httpx.post(f"{api}/graphql", content=lookup,
                              headers={"content-type": "application/json"})
        assert personal.headers["cache-control"].startswith("no-store")
        assert "x-citizen-cache" not in personal.headers
