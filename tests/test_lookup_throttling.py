"""Throttling protects the owner: nobody else's failures lock the right pair out.

A receipt number is printed on paper. Failures are counted per client and per number; past
the number's limit an API attempt needs a proof of work (the owner pays once, a guesser for
every IIN), chats and tokens are limited by their own counts, and a spoofed X-Forwarded-For
changes nothing unless it comes from a trusted proxy.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import httpx
import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from citizen.applications import LookupOutcome, find_application, subscribe_chat
from citizen.applications import proof as pow_
from citizen.applications.lookup import Lookup, prune_throttles
from citizen.applications.tables import LookupThrottle
from citizen.applications.tokens import create_token
from citizen.db import session_scope
from citizen.settings import Settings, get_settings
from citizen.web.app import create_app
from tests.support.applications import register, valid_iin
from tests.support.live_server import live_server

LOOKUP = """query($number: String!, $iin: String!, $proof: String) {
  application(number: $number, iin: $iin, proof: $proof) {
    __typename ... on Application { number }
    ... on ApplicationLookupFailed { reason retryAfter challenge difficulty message } } }"""


@pytest.fixture
def number(loaded_engine: Engine) -> str:
    with session_scope(loaded_engine) as session:
        return register(session, 1).number


def find(engine: Engine, number: str, iin: str, client: str, proof: str | None = None) -> Lookup:
    with session_scope(engine) as session:
        return find_application(session, number, iin, client, proof=proof)


def attack(engine: Engine, number: str, tries: int, start: int = 0) -> None:
    """Wrong IINs for a known number, each from a new address (rotating IPv6, a botnet)."""
    for n in range(start, start + tries):
        outcome = find(engine, number, valid_iin(500 + n), f"ip:2001:db8::{n:x}")
        assert outcome.outcome in (LookupOutcome.NOT_FOUND, LookupOutcome.PROOF_REQUIRED)


def test_a_known_number_cannot_lock_its_owner_out(loaded_engine: Engine, number: str) -> None:
    attack(loaded_engine, number, get_settings().lookup_max_failures_per_number + 5)
    asked = find(loaded_engine, number, valid_iin(1), "ip:198.51.100.20")
    assert asked.outcome == LookupOutcome.PROOF_REQUIRED and asked.challenge is not None
    assert asked.application is None  # nothing is told before the work is done
    proof = pow_.solve(asked.challenge, valid_iin(1))
    found = find(loaded_engine, number, valid_iin(1), "ip:198.51.100.20", proof)
    assert found.found and found.application is not None
    assert found.application.number == number
    # The owner's chat in the bot and an operator's token are not asked for a proof at all.
    with session_scope(loaded_engine) as session:
        assert subscribe_chat(session, 77, number, valid_iin(1)).found
    assert find(loaded_engine, number, valid_iin(1), "token:1").found


def test_a_proof_buys_one_guess_only(loaded_engine: Engine, number: str) -> None:
    attack(loaded_engine, number, get_settings().lookup_max_failures_per_number)
    asked = find(loaded_engine, number, valid_iin(600), "ip:198.51.100.21")
    assert asked.challenge is not None
    proof = pow_.solve(asked.challenge, valid_iin(600))
    wrong = find(loaded_engine, number, valid_iin(600), "ip:198.51.100.21", proof)
    assert wrong.outcome == LookupOutcome.NOT_FOUND
    # The same proof for another IIN (or another number) is no proof.
    other_iin = find(loaded_engine, number, valid_iin(601), "ip:198.51.100.22", proof)
    assert other_iin.outcome == LookupOutcome.PROOF_REQUIRED
    forged = asked.challenge.text.replace(asked.challenge.text[-4:], "0000") + ":1"
    assert find(loaded_engine, number, valid_iin(1), "ip:198.51.100.23", forged).outcome == (
        LookupOutcome.PROOF_REQUIRED
    )


def test_the_price_grows_with_the_failures_up_to_the_maximum() -> None:
    s = get_settings()
    limit, lo, hi = s.lookup_max_failures_per_number, 14, 22
    assert pow_.required_bits(limit - 1, limit, lo, hi) is None
    assert pow_.required_bits(limit, limit, lo, hi) == lo
    assert pow_.required_bits(limit * 3, limit, lo, hi) == lo + 2
    assert pow_.required_bits(limit * 1000, limit, lo, hi) == hi


def test_an_expired_challenge_is_refused(loaded_engine: Engine, number: str) -> None:
    challenge = pow_.issue(number, 4, ttl=-1)
    assert not pow_.verify(pow_.solve(challenge, valid_iin(1)), number, valid_iin(1), 4)
    fresh = pow_.issue(number, 4, ttl=60)
    assert pow_.verify(pow_.solve(fresh, valid_iin(1)), number, valid_iin(1), 4)
    assert not pow_.verify(pow_.solve(fresh, valid_iin(1)), number + "X", valid_iin(1), 4)


def test_a_client_is_refused_only_for_its_own_failures(loaded_engine: Engine, number: str) -> None:
    limit = get_settings().lookup_max_failures_per_client
    for n in range(limit):
        find(loaded_engine, number + "X", valid_iin(700 + n), "ip:192.0.2.50")
    assert find(loaded_engine, number, valid_iin(1), "ip:192.0.2.50").outcome == (
        LookupOutcome.THROTTLED
    )
    assert find(loaded_engine, number, valid_iin(1), "ip:192.0.2.51").found


def test_a_token_is_counted_per_token_with_its_own_limit(
    loaded_engine: Engine, number: str
) -> None:
    per_client = get_settings().lookup_max_failures_per_client
    for n in range(per_client + 2):  # a call centre's typos: more than one address may make
        find(loaded_engine, number + "X", valid_iin(800 + n), "token:9")
    assert find(loaded_engine, number, valid_iin(1), "token:9").found
    for n in range(get_settings().lookup_max_failures_per_token):
        find(loaded_engine, number + "X", valid_iin(900 + n), "token:9")
    assert find(loaded_engine, number, valid_iin(1), "token:9").outcome == LookupOutcome.THROTTLED
    assert find(loaded_engine, number, valid_iin(1), "token:10").found


def test_expired_throttle_rows_are_pruned(loaded_engine: Engine, number: str) -> None:
    find(loaded_engine, number + "X", valid_iin(2), "ip:192.0.2.60")
    with Session(loaded_engine) as session:
        assert len(session.exec(select(LookupThrottle)).all()) == 2  # client + number
    later = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=get_settings().lookup_window_seconds)
    with session_scope(loaded_engine) as session:
        assert prune_throttles(session, now=later - dt.timedelta(seconds=5)) == 0
        assert prune_throttles(session, now=later + dt.timedelta(seconds=5)) == 2
    with Session(loaded_engine) as session:
        assert session.exec(select(LookupThrottle)).all() == []


# ---- over HTTP: who the client is ----------------------------------------------------------


def _api(engine: Engine, **overrides: object) -> Iterator[str]:
    settings = Settings(**overrides)  # type: ignore[arg-type]
    with live_server(create_app(settings, engine), settings=settings) as base:
        yield f"{base}/graphql"


@pytest.fixture
def api(loaded_engine: Engine) -> Iterator[str]:
    yield from _api(loaded_engine)


@pytest.fixture
def proxied_api(loaded_engine: Engine) -> Iterator[str]:
    yield from _api(loaded_engine, forwarded_allow_ips="127.0.0.1")


def lookup(api: str, number: str, iin: str, headers: dict[str, str] | None = None,
           proof: str | None = None) -> dict[str, object]:
    r = httpx.post(api, json={"query": LOOKUP, "variables": {"number": number, "iin": iin,
                                                               "proof": proof}},
                   headers=headers or {})
    assert r.status_code == 200, r.text
    answer: dict[str, object] = r.json()["data"]["application"]
    return answer


def test_a_spoofed_forwarded_for_is_ignored(api: str, number: str) -> None:
    limit = get_settings().lookup_max_failures_per_client
    for n in range(limit):
        spoofed = {"X-Forwarded-For": f"203.0.113.{n}"}
        assert lookup(api, number + "X", valid_iin(100 + n), spoofed)["reason"] == "NOT_FOUND"
    # All of those were one client (the real peer): it is throttled now, whatever it claims.
    blocked = lookup(api, number, valid_iin(1), {"X-Forwarded-For": "203.0.113.200"})
    assert blocked["reason"] == "THROTTLED"


def test_behind_a_trusted_proxy_each_client_counts_alone(proxied_api: str, number: str) -> None:
    limit = get_settings().lookup_max_failures_per_client
    for n in range(limit):
        lookup(proxied_api, number + "X", valid_iin(100 + n), {"X-Forwarded-For": "203.0.113.9"})
    assert lookup(proxied_api, number, valid_iin(1), {"X-Forwarded-For": "203.0.113.9"})[
        "reason"
    ] == "THROTTLED"
    # Another citizen behind the same proxy (a call centre's NAT, a mobile carrier) is not.
    other = lookup(proxied_api, number, valid_iin(1), {"X-Forwarded-For": "198.51.100.4"})
    assert other["__typename"] == "Application"


def test_the_owner_gets_in_over_http_with_a_proof(
    api: str, loaded_engine: Engine, number: str
) -> None:
    attack(loaded_engine, number, get_settings().lookup_max_failures_per_number)
    asked = lookup(api, number, valid_iin(1))
    assert asked["reason"] == "PROOF_REQUIRED" and isinstance(asked["challenge"], str)
    assert "proof of work" in str(asked["message"])
    challenge = pow_.Challenge(asked["challenge"], int(str(asked["difficulty"])))
    found = lookup(api, number, valid_iin(1), proof=pow_.solve(challenge, valid_iin(1)))
    assert found == {"__typename": "Application", "number": number}


def test_a_token_caller_is_throttled_per_token_not_per_address(
    api: str, loaded_engine: Engine, number: str
) -> None:
    with session_scope(loaded_engine) as session:
        secret = create_token(session, "call-centre", "operator").secret
    bearer = {"Authorization": f"Bearer {secret}"}
    for n in range(get_settings().lookup_max_failures_per_client + 1):
        lookup(api, number + "X", valid_iin(300 + n), bearer)
    assert lookup(api, number, valid_iin(1), bearer)["__typename"] == "Application"
    # The address itself was not charged: an anonymous caller from it still gets in.
    assert lookup(api, number, valid_iin(1))["__typename"] == "Application"
