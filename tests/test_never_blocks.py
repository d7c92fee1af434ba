"""A database held by someone else never freezes the server: catalogue answers and health keep
coming (they need no database), database work answers 503 "try again", and all is well again
once the lock is gone. The lock is held by another process, as a deploy or a long migration
would hold it.
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
from sqlalchemy.engine import Engine

from citizen.applications.tokens import create_token
from citizen.db import Timeouts, make_engine, session_scope
from citizen.settings import Settings
from citizen.web.app import create_app
from tests.support.applications import register, valid_iin
from tests.support.live_server import live_server

CARD = """query($id: ID!) { service(id: $id) { ... on Service { name
  regulations { totalTerm(channel: PROVIDER_OFFICE) { text } steps { position actor } } } } }"""
LOOKUP = """query($number: String!, $iin: String!) { application(number: $number, iin: $iin) {
  __typename ... on ApplicationLookupFailed { reason } } }"""
CHANGE = """mutation($number: String!) { changeApplicationStatus(number: $number,
  status: IN_PROGRESS, stepPosition: 1) { __typename } }"""


@contextmanager
def lock_held_elsewhere(url: str) -> Iterator[None]:
    holder = subprocess.Popen(
        [sys.executable, "-m", "tests.support.hold_lock", url],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        yield
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(timeout=10)


async def _while_locked(base: str, number: str, token: str) -> list[httpx.Response]:
    async with httpx.AsyncClient(base_url=base, timeout=15) as client:

        def card(service: str) -> object:
            return client.post("/graphql", json={"query": CARD, "variables": {"id": service}})

        lookups = [
            client.post(
                "/graphql",
                json={"query": LOOKUP, "variables": {"number": number, "iin": valid_iin(9)}},
            )
            for _ in range(20)
        ]
        change = client.post(
            "/graphql",
            json={"query": CHANGE, "variables": {"number": number}},
            headers={"authorization": f"Bearer {token}"},
        )
        health = client.get("/health/live")
        others = [health, card("preschool-queue"), card("foster-care-placement")]
        return list(await asyncio.gather(*others, change, *lookups))  # type: ignore[arg-type]


def test_a_held_lock_makes_database_work_try_again_and_nothing_else_waits(
    loaded_engine: Engine,
) -> None:
    url = loaded_engine.url.render_as_string(hide_password=False)
    engine = make_engine(url, Timeouts(lock=0.5, statement=2.0, pool=1.0))
    with session_scope(engine) as session:
        number = register(session, 1).number
        token = create_token(session, "provider-desk", "provider", regions=["*"]).secret
    settings = Settings(db_concurrency=4, db_pool_timeout=1.0)
    with live_server(create_app(settings, engine)) as base:
        warm = httpx.post(
            f"{base}/graphql", json={"query": CARD, "variables": {"id": "preschool-queue"}}
        )
        assert warm.status_code == 200
        with lock_held_elsewhere(url):
            live, cached, uncached, change, *lookups = asyncio.run(
                _while_locked(base, number, token)
            )
            assert live.status_code == 200
            assert cached.status_code == 200 and cached.headers.get("x-citizen-cache") == "hit"
            assert uncached.status_code == 200 and "errors" not in uncached.json()
            assert uncached.json()["data"]["service"]["regulations"][0]["steps"]
            for answer in (change, *lookups):
                assert answer.status_code == 503, answer.text
                assert int(answer.headers["retry-after"]) > 0
                assert answer.json()["errors"][0]["extensions"]["code"] == "SERVICE_UNAVAILABLE"
        after = httpx.post(
            f"{base}/graphql",
            json={"query": LOOKUP, "variables": {"number": number, "iin": valid_iin(9)}},
        )
        assert after.status_code == 200
        assert after.json()["data"]["application"]["reason"] == "NOT_FOUND"
    engine.dispose()
