"""Fuzzing the API: no input gets a 5xx (except a deliberate 503) or a traceback in the log.

Two fuzzers against the server over real HTTP, each `CITIZEN_FUZZ_CASES` cases (default 150):
- GraphQL documents generated from the schema by hypothesis-graphql, valid ones and invalid
  ones (wrong types, unknown fields), queries and mutations, with and without a token;
- the envelope: random JSON for `query`, `variables`, `operationName` and `extensions`, random
  bodies and content types, and random GET parameters.

`CITIZEN_FUZZ_CASES=2000 .venv/bin/python -m pytest -q tests/test_fuzz.py` is the long run
(see the README).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import logging
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from graphql import GraphQLNamedType
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_graphql import Mode, from_schema, nodes
from sqlalchemy.engine import Engine

from citizen import logs
from citizen.applications.tokens import create_token
from citizen.catalogue.loading import load_catalogue
from citizen.db import make_engine, migrate, session_scope
from citizen.graphql.schema import schema_sdl
from citizen.settings import Settings
from citizen.web.app import create_app
from tests.support.live_server import live_server

CASES = int(os.environ.get("CITIZEN_FUZZ_CASES", "150"))
FUZZ = settings(
    max_examples=CASES,
    deadline=None,
    database=None,  # no example database in the working tree
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                           HealthCheck.data_too_large, HealthCheck.filter_too_much],
)
SCALARS = {
    "Date": st.dates().map(lambda d: nodes.String(d.isoformat())),
    "DateTime": st.datetimes(timezones=st.just(dt.UTC)).map(
        lambda d: nodes.String(d.isoformat())
    ),
}


class Server:
    def __init__(self, api: str, token: str, log: io.StringIO):
        self.api, self.token, self.log = api, token, log
        self.client = httpx.Client(timeout=30)
        self.statuses: dict[int, int] = {}

    def check(self, send: Callable[[], httpx.Response]) -> None:
        seen = len(self.log.getvalue())
        response = send()
        self.statuses[response.status_code] = self.statuses.get(response.status_code, 0) + 1
        status = response.status_code
        assert status < 500 or status == 503, (status, response.text[:500])
        if status == 503:
            assert response.headers.get("retry-after")
        logged = self.log.getvalue()[seen:]
        assert "Traceback" not in logged, logged[-3000:]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    path: Path = tmp_path_factory.mktemp("fuzz") / "fuzz.db"
    engine: Engine = make_engine(f"sqlite:///{path}")
    migrate(engine)
    load_catalogue(engine)
    with session_scope(engine) as session:
        token = create_token(session, "fuzz", "provider", regions=["*"]).secret
    stream = io.StringIO()
    handler = logs.make_handler("json", stream)
    logging.getLogger().addHandler(handler)
    logs.adopt_library_loggers()
    try:
        app_settings = Settings()
        with live_server(create_app(app_settings, engine), settings=app_settings) as base:
            running = Server(f"{base}/graphql", token, stream)
            yield running
            running.client.close()
    finally:
        logging.getLogger().removeHandler(handler)
        engine.dispose()
        print(f"\nfuzz statuses over {CASES} cases per test: {sorted(running.statuses.items())}")


def _documents() -> st.SearchStrategy[str]:
    sdl = schema_sdl()
    return st.one_of(
        from_schema(sdl, custom_scalars=SCALARS, mode=Mode.POSITIVE),
        from_schema(sdl, custom_scalars=SCALARS, mode=Mode.NEGATIVE),
    ).map(str)


@FUZZ
@given(document=_documents(), with_token=st.booleans(), lang=st.sampled_from(["kk", "ru", "en"]))
def test_graphql_documents_from_the_schema(
    server: Server, document: str, with_token: bool, lang: str
) -> None:
    headers = {"Accept-Language": lang}
    if with_token:
        headers["Authorization"] = f"Bearer {server.token}"
    server.check(lambda: server.client.post(server.api, json={"query": document}, headers=headers))


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12,
)
QUERY_TEXT = st.one_of(
    st.text(max_size=200),
    st.sampled_from(["{ regions { id } }", "{ catalogueVersion }", "query Q { regions { id } }",
                     "mutation { x }", "subscription { applicationStatus }", "{ __schema { } }"]),
    st.text(alphabet="{}[]()$:@!\"\\ .,0123456789azAZ_\n", max_size=120),
)
PERSISTED = st.fixed_dictionaries(
    {"persistedQuery": st.fixed_dictionaries(
        {"version": st.integers(0, 2) | JSON_VALUES,
         "sha256Hash": st.text(alphabet="0123456789abcdef", min_size=64, max_size=64) | JSON_VALUES}
    )}
)


@FUZZ
@given(
    query=QUERY_TEXT | JSON_VALUES,
    variables=st.none() | JSON_VALUES,
    operation=st.none() | st.text(max_size=20) | JSON_VALUES,
    extensions=st.none() | PERSISTED | JSON_VALUES,
    drop=st.sets(st.sampled_from(["query", "variables", "operationName", "extensions"])),
)
def test_the_envelope_with_random_json(
    server: Server, query: object, variables: object, operation: object, extensions: object,
    drop: set[str],
) -> None:
    payload = {"query": query, "variables": variables, "operationName": operation,
               "extensions": extensions}
    body = {k: v for k, v in payload.items() if k not in drop}
    server.check(lambda: server.client.post(server.api, json=body))


@FUZZ
@given(
    body=st.binary(max_size=300) | JSON_VALUES.map(lambda v: json.dumps(v).encode()),
    content_type=st.sampled_from(["application/json", "text/plain", "application/graphql",
                                  "application/json; charset=latin-1", ""]),
)
def test_random_bodies_and_content_types(server: Server, body: bytes, content_type: str) -> None:
    headers = {"content-type": content_type} if content_type else {}
    server.check(lambda: server.client.post(server.api, content=body, headers=headers))


@FUZZ
@given(
    params=st.dictionaries(
        st.sampled_from(["query", "variables", "operationName", "extensions", "x"]),
        QUERY_TEXT | JSON_VALUES.map(json.dumps),
        max_size=4,
    )
)
def test_get_parameters(server: Server, params: dict[str, str]) -> None:
    server.check(lambda: server.client.get(server.api, params=params))


def test_named_types_are_fuzzed(server: Server) -> None:
    """The generator sees the real schema (a guard against fuzzing an empty one)."""
    from graphql import build_schema

    types = build_schema(schema_sdl()).type_map
    assert isinstance(types["Application"], GraphQLNamedType) and "Query" in types
