"""Safe defaults: production mode, one-line refusals at start, and rotating the IIN key."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import aiohttp
import httpx
import pytest
from pydantic import SecretStr
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from citizen.applications import Application, LookupOutcome, find_application
from citizen.applications.iin import iin_hash
from citizen.applications.rotation import IinKeysMismatch, check_iin_keys
from citizen.cli import main
from citizen.db import session_scope
from citizen.settings import DEV_IIN_KEY, Settings, get_settings
from citizen.web.app import create_app
from tests.support.applications import register, valid_iin
from tests.support.live_server import live_server

SECRET_KEY = "a-long-random-production-secret-0123456789"


def citizen(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """Run the `citizen` command as an operator would, with only CITIZEN_ settings we give."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("CITIZEN_")}
    return subprocess.run(
        [sys.executable, "-m", "citizen.cli", *args],
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_is_the_default_off_loopback() -> None:
    assert not Settings(host="127.0.0.1").production
    assert not Settings(host="::1").production
    assert Settings(host="0.0.0.0").production
    assert not Settings(host="0.0.0.0", environment="development").production
    assert Settings(host="127.0.0.1", environment="production").production
    prod = Settings(environment="production")
    assert not (prod.graphiql_on or prod.introspection_on or prod.field_suggestions_on)
    assert prod.log_format_chosen == "json"
    dev = Settings()
    assert dev.graphiql_on and dev.introspection_on and dev.field_suggestions_on
    assert Settings(environment="production", introspection=True).introspection_on


def test_serve_refuses_the_development_key_in_production(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'x.db'}"
    done = citizen("serve", CITIZEN_HOST="0.0.0.0", CITIZEN_DATABASE_URL=db)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert "development IIN key" in lines[0] and "CITIZEN_IIN_HASH_KEY" in lines[0]
    assert not (tmp_path / "x.db").exists()  # refused before anything was touched


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("not-a-url", "is not a database URL"),
        ("postgresql://nobody@127.0.0.1:1/none", "cannot open the database"),
        ("sqlite:////nonexistent-dir/sub/citizen.db", "cannot open the database"),
    ],
)
def test_a_bad_database_url_is_one_line(url: str, says: str) -> None:
    done = citizen("serve", CITIZEN_DATABASE_URL=url, CITIZEN_IIN_HASH_KEY=SECRET_KEY)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and says in lines[0] and "CITIZEN_DATABASE_URL" in lines[0], lines


def test_production_hides_graphiql_introspection_and_suggestions(loaded_engine: Engine) -> None:
    settings = Settings(environment="production", console_secret=SecretStr("a-secret-of-ours"))
    with live_server(create_app(settings, loaded_engine)) as base:
        api = f"{base}/graphql"
        assert httpx.get(api, headers={"accept": "text/html"}).status_code == 400
        r = httpx.post(api, json={"query": "{ __schema { types { name } } }"})
        assert r.status_code == 400
        r = httpx.post(api, json={"query": "{ region { id } }"})
        message = r.json()["errors"][0]["message"]
        assert r.status_code == 400 and "regions" not in message and "Did you mean" not in message
        enum = httpx.post(api, json={"query": '{ service(id: "preschool-queue") { ... on Service '
                                     '{ regulation(region: "almaty-oblast") { ... on Regulation '
                                     "{ documents(channel: PORTL) { statement } } } } } }"})
        assert "PORTAL" not in enum.text
    on = Settings(environment="production", graphiql=True, introspection=True,
                  field_suggestions=True, console_secret=SecretStr("a-secret-of-ours"))
    with live_server(create_app(on, loaded_engine)) as base:
        api = f"{base}/graphql"
        assert httpx.get(api, headers={"accept": "text/html"}).status_code == 200
        assert httpx.post(api, json={"query": "{ __schema { types { name } } }"}).status_code == 200
        r = httpx.post(api, json={"query": "{ region { id } }"})
        assert "Did you mean 'regions'?" in r.json()["errors"][0]["message"]


# ---- rotating the IIN key ------------------------------------------------------------------


@pytest.fixture
def configured(monkeypatch: pytest.MonkeyPatch, database_url: str) -> Iterator[Any]:
    """Set CITIZEN_ settings for the process (the core reads `get_settings()`)."""

    def configure(**values: str) -> Settings:
        for key, value in values.items():
            monkeypatch.setenv(f"CITIZEN_{key.upper()}", value)
        get_settings.cache_clear()
        return get_settings()

    configure(database_url=database_url, iin_hash_key=SECRET_KEY)
    yield configure
    get_settings.cache_clear()


def test_rotating_the_key_keeps_lookups_and_retires_the_old_key(
    loaded_engine: Engine, configured: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    with session_scope(loaded_engine) as session:
        check_iin_keys(session, get_settings().iin_keys)  # as `citizen serve` does at start
        number = register(session, 41).number
        stored_before = session.exec(select(Application.iin_hash)).one()
    assert stored_before == iin_hash(valid_iin(41), keys=[SECRET_KEY.encode()])

    assert main(["iin-key", "rotate"]) == 0
    line = capsys.readouterr().out.strip()
    assert line.startswith("CITIZEN_IIN_HASH_ROTATIONS=")
    new_key = line.split("=", 1)[1]

    with Session(loaded_engine) as session:
        stored = session.exec(select(Application.iin_hash)).one()
        # The old key alone no longer matches, nor does the configuration without the new key.
        assert stored != iin_hash(valid_iin(41), keys=[SECRET_KEY.encode()])
        with pytest.raises(IinKeysMismatch):
            check_iin_keys(session, [SECRET_KEY.encode()])
    assert find_outcome(loaded_engine, number) == LookupOutcome.NOT_FOUND  # old-only chain

    settings = configured(iin_hash_rotations=new_key)
    assert stored == iin_hash(valid_iin(41))
    with Session(loaded_engine) as session:
        check_iin_keys(session, settings.iin_keys)
    assert find_outcome(loaded_engine, number) == LookupOutcome.FOUND
    with live_server(create_app(settings, loaded_engine)) as base:
        assert asyncio.run(subscribe(f"{base}/graphql", number, valid_iin(41))) == "ACCEPTED"
    # Registrations after the rotation hash through the whole chain and are found too.
    with session_scope(loaded_engine) as session:
        later = register(session, 42).number
    assert find_outcome(loaded_engine, later, valid_iin(42)) == LookupOutcome.FOUND

    # A second rotation appends to the chain; starting with a partial chain is refused.
    assert main(["iin-key", "rotate"]) == 0
    chain = capsys.readouterr().out.strip().split("=", 1)[1]
    assert chain.startswith(new_key + ",")
    done = citizen("serve", CITIZEN_DATABASE_URL=configured_url(),
                   CITIZEN_IIN_HASH_KEY=SECRET_KEY, CITIZEN_IIN_HASH_ROTATIONS=new_key)
    assert done.returncode == 2 and len(done.stderr.strip().splitlines()) == 1
    assert "CITIZEN_IIN_HASH_ROTATIONS" in done.stderr
    configured(iin_hash_rotations=chain)
    assert find_outcome(loaded_engine, number) == LookupOutcome.FOUND


def configured_url() -> str:
    return get_settings().database_url


def find_outcome(engine: Engine, number: str, iin: str | None = None) -> LookupOutcome:
    with session_scope(engine) as session:
        return find_application(session, number, iin or valid_iin(41), "chat:1").outcome


async def subscribe(api: str, number: str, iin: str) -> str:
    query = """subscription($n: String!, $i: String!) {
      applicationStatus(number: $n, iin: $i) { ... on Application { status } } }"""
    async with (
        aiohttp.ClientSession() as http,
        http.ws_connect(api.replace("http", "ws"), protocols=["graphql-transport-ws"]) as ws,
    ):
        await ws.send_json({"type": "connection_init"})
        await ws.receive_json(timeout=5)
        payload = {"query": query, "variables": {"n": number, "i": iin}}
        await ws.send_json({"id": "1", "type": "subscribe", "payload": payload})
        first = await ws.receive_json(timeout=5)
        status: str = first["payload"]["data"]["applicationStatus"]["status"]
        return status


def test_the_development_key_is_still_the_default_for_trials() -> None:
    assert Settings().iin_keys == [DEV_IIN_KEY.encode()]
