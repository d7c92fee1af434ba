"""Scoped tokens: a provider changes only its regions' (and services') applications; an
operator reads with the citizen's proof and changes nothing unless granted."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from sqlalchemy.engine import Engine

from citizen.applications.tokens import (
    ALL_REGIONS,
    Forbidden,
    OutOfScope,
    Permission,
    TokenError,
    authorize,
    create_token,
    in_scope,
    require_scope,
)
from citizen.db import session_scope
from citizen.settings import Settings
from citizen.web.app import create_app
from tests.support.applications import valid_iin
from tests.support.live_server import live_server

REGISTER = """mutation($iin: String!, $service: ID!, $region: ID!) {
  registerApplication(service: $service, region: $region, channel: PORTAL, iin: $iin,
                      submittedAt: "2026-12-01T10:00:00+05:00") {
    __typename ... on Application { number }
    ... on AccessDenied { code message } ... on ApplicationRejected { code } } }"""
CHANGE = """mutation($number: String!) {
  changeApplicationStatus(number: $number, status: REFUSED, reasonRu: "Нет справки") {
    __typename ... on Application { status } ... on AccessDenied { code message }
    ... on ApplicationRejected { code } } }"""
LOOKUP = """query($n: String!, $i: String!) {
  application(number: $n, iin: $i) { __typename } }"""
ALMATY = ("preschool-queue", "almaty-oblast")
ASTANA = ("foster-care-placement", "astana")


def make(engine: Engine, name: str, role: str, **scope: Any) -> str:
    with session_scope(engine) as session:
        return create_token(session, name, role, **scope).secret


@pytest.fixture
def api(loaded_engine: Engine) -> Iterator[str]:
    with live_server(create_app(Settings(), loaded_engine)) as base:
        yield f"{base}/graphql"


def gql(api: str, query: str, bearer: str, lang: str = "ru", **variables: Any) -> Any:
    r = httpx.post(api, json={"query": query, "variables": variables},
                   headers={"Authorization": f"Bearer {bearer}", "Accept-Language": lang})
    assert r.status_code == 200, r.text
    return next(iter(r.json()["data"].values()))


def test_a_provider_token_works_in_its_regions_only(api: str, loaded_engine: Engine) -> None:
    astana = make(loaded_engine, "son-astana", "provider", regions=["astana"])
    almaty = make(loaded_engine, "son-almaty", "provider", regions=["almaty-oblast"])
    service, region = ALMATY
    refused = gql(api, REGISTER, astana, iin=valid_iin(1), service=service, region=region)
    assert refused["__typename"] == "AccessDenied" and refused["code"] == "out_of_scope"
    assert "региона" in refused["message"]
    assert "өңірдің" in gql(api, REGISTER, astana, "kk", iin=valid_iin(1), service=service,
                            region=region)["message"]
    made = gql(api, REGISTER, almaty, iin=valid_iin(1), service=service, region=region)
    assert made["__typename"] == "Application"
    # The Astana token may not change the Almaty application (its citizen would be told).
    denied = gql(api, CHANGE, astana, number=made["number"])
    assert denied == {"__typename": "AccessDenied", "code": "out_of_scope",
                      "message": denied["message"]}
    assert gql(api, CHANGE, almaty, number=made["number"])["status"] == "REFUSED"


def test_a_service_scope_narrows_the_regions(api: str, loaded_engine: Engine) -> None:
    only = make(loaded_engine, "camps", "provider", regions=[ALL_REGIONS],
                services=["foster-care-placement"])
    service, region = ASTANA
    assert gql(api, REGISTER, only, iin=valid_iin(2), service=service,
               region=region)["__typename"] == "Application"
    other = gql(api, REGISTER, only, iin=valid_iin(3), service=ALMATY[0], region=ALMATY[1])
    assert other["code"] == "out_of_scope"


def test_an_operator_reads_but_changes_only_when_granted(api: str, loaded_engine: Engine) -> None:
    provider = make(loaded_engine, "son", "provider", regions=["almaty-oblast"])
    number = gql(api, REGISTER, provider, iin=valid_iin(4), service=ALMATY[0],
                 region=ALMATY[1])["number"]
    operator = make(loaded_engine, "call-centre", "operator")
    assert gql(api, LOOKUP, operator, n=number, i=valid_iin(4))["__typename"] == "Application"
    assert gql(api, CHANGE, operator, number=number)["code"] == "forbidden"
    assert gql(api, REGISTER, operator, iin=valid_iin(5), service=ALMATY[0],
               region=ALMATY[1])["code"] == "forbidden"
    granted = make(loaded_engine, "senior", "operator", regions=["almaty-oblast"],
                   grants=[Permission.CHANGE_STATUS])
    assert gql(api, CHANGE, granted, number=number)["status"] == "REFUSED"


def test_the_scope_rule_lives_in_the_core(loaded_engine: Engine) -> None:
    with session_scope(loaded_engine) as session:
        with pytest.raises(TokenError, match="regions"):
            create_token(session, "nowhere", "provider")
        with pytest.raises(TokenError, match="regions"):
            create_token(session, "op", "operator", grants=["change_status"])
        with pytest.raises(TokenError, match="unknown permission"):
            create_token(session, "op2", "operator", grants=["root"])
        with pytest.raises(TokenError, match="unknown service"):
            create_token(session, "p", "provider", regions=["astana"], services=["nope"])
        secret = create_token(session, "p3", "provider", regions=["astana"]).secret
        row = authorize(session, secret, Permission.CHANGE_STATUS)
        assert in_scope(row, "astana", "anything") and not in_scope(row, "almaty-oblast", "x")
        with pytest.raises(OutOfScope):
            require_scope(row, "almaty-oblast", "preschool-queue")
        with pytest.raises(Forbidden):
            authorize(session, secret, Permission.READ_ANY_APPLICATION)
