"""Relay's Node interface over real HTTP: global ids, `node(id:)` / `nodes(ids:)` for the
catalogue, an application never by its id alone, and an application's pickup office."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from sqlalchemy.engine import Engine

from citizen.applications import change_status
from citizen.applications.tokens import create_token
from citizen.db import session_scope
from citizen.graphql.global_ids import NodeKind, catalogue_key, from_global_id, to_global_id
from citizen.graphql.schema import build_schema
from citizen.settings import Settings
from citizen.web.app import create_app
from tests.support.applications import (
    REGION,
    SERVICE,
    TEST_OFFICE,
    add_test_office,
    catalogue_for,
    register,
    valid_iin,
)
from tests.support.live_server import live_server

SUBMITTED_AT = "example-karaganda-oblast-provider-office"  # where test applications are made

CARD = """query($id: ID!, $region: ID!) { service(id: $id) { ... on Service {
  id catalogueId standard { id catalogueId }
  regulation(region: $region) { ... on Regulation {
    id catalogueId act { id catalogueId } offices { id catalogueId } } } } } }"""

NODE = """query($id: ID!) {
  node(id: $id) {
    __typename id
    ... on Service { catalogueId name }
    ... on Regulation { catalogueId }
    ... on Office { catalogueId }
    ... on LegalAct { catalogueId }
    ... on Application { number statusLabel }
  } }"""

NODES = """query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }"""

LOOKUP = """query($number: String!, $iin: String!) { application(number: $number, iin: $iin) {
  ... on Application { id number status resultDelivery expectedReadyOn
                       pickupOffice { id catalogueId name(locale: RU) } } } }"""


@pytest.fixture
def api(loaded_engine: Engine) -> Iterator[str]:
    add_test_office(loaded_engine)  # a second office for this regulation, before the snapshot
    with live_server(create_app(Settings(), loaded_engine)) as base:
        yield f"{base}/graphql"


def post(api: str, query: str, lang: str = "ru", **variables: Any) -> dict[str, Any]:
    r = httpx.post(api, json={"query": query, "variables": variables}, headers={
        "Accept-Language": lang
    })
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    return body


def data(api: str, query: str, **variables: Any) -> dict[str, Any]:
    body = post(api, query, **variables)
    assert "errors" not in body, body
    found: dict[str, Any] = body["data"]
    return found


def registered(engine: Engine, n: int, **overrides: Any) -> str:
    with session_scope(engine) as session:
        app = register(session, n, office_id=SUBMITTED_AT, **overrides)
        return app.number


def test_global_ids_are_opaque_and_round_trip() -> None:
    gid = to_global_id(NodeKind.REGULATION, "preschool-queue/astana")
    assert "preschool" not in gid and "=" not in gid and "/" not in gid
    assert from_global_id(gid) == (NodeKind.REGULATION, "preschool-queue/astana")
    assert catalogue_key(gid, NodeKind.REGULATION) == "preschool-queue/astana"
    assert catalogue_key(gid, NodeKind.SERVICE) == gid  # another kind's id is not translated
    assert catalogue_key("preschool-queue", NodeKind.SERVICE) == "preschool-queue"
    for garbage in ("", "???", "preschool-queue", "U2VydmljZQ", "Zm9vOmJhcg", "A" * 500):
        assert from_global_id(garbage) is None, garbage


def test_node_fields_are_called_directly_by_graphql_core() -> None:
    # Catalogue nodes stay plain synchronous resolvers (lean.py), as every catalogue field.
    fields = build_schema(Settings())._schema.query_type.fields  # type: ignore[union-attr]
    assert fields["node"].resolve is not None and fields["node"].resolve.__module__ == (
        "citizen.graphql.lean"
    )
    assert fields["nodes"].resolve is not None
    assert fields["nodes"].resolve.__module__ == "citizen.graphql.lean"


def test_every_catalogue_node_is_fetched_again_by_its_id(api: str) -> None:
    card = data(api, CARD, id=SERVICE, region=REGION)["service"]
    regulation = card["regulation"]
    objects = [
        ("Service", card),
        ("LegalAct", card["standard"]),
        ("Regulation", regulation),
        ("LegalAct", regulation["act"]),
        *(("Office", office) for office in regulation["offices"]),
    ]
    assert {kind for kind, _ in objects} == {"Service", "LegalAct", "Regulation", "Office"}
    ids = [obj["id"] for _, obj in objects]
    assert len(set(ids)) == len(ids), "one namespace for every kind"
    for kind, obj in objects:
        assert obj["id"] != obj["catalogueId"]
        node = data(api, NODE, id=obj["id"])["node"]
        assert node["__typename"] == kind
        assert node["id"] == obj["id"] and node["catalogueId"] == obj["catalogueId"]
    together = data(api, NODES, ids=ids)["nodes"]
    assert [(n["__typename"], n["id"]) for n in together] == [(k, o["id"]) for k, o in objects]


def test_a_global_id_works_where_a_catalogue_id_does(api: str, loaded_engine: Engine) -> None:
    card = data(api, CARD, id=SERVICE, region=REGION)["service"]
    again = data(api, CARD, id=card["id"], region=REGION)["service"]
    assert again == card
    with session_scope(loaded_engine) as session:
        secret = create_token(session, "test-provider", "provider", regions=["*"]).secret
    office = next(o for o in card["regulation"]["offices"] if o["catalogueId"] == TEST_OFFICE)
    made = httpx.post(api, headers={"Authorization": f"Bearer {secret}"}, json={
        "query": """mutation($service: ID!, $office: ID, $iin: String!) {
          registerApplication(service: $service, region: "karaganda-oblast",
              channel: PROVIDER_OFFICE, iin: $iin, office: $office) {
            __typename ... on Application { service { catalogueId } office { catalogueId } }
            ... on ApplicationRejected { code } } }""",
        "variables": {"service": card["id"], "office": office["id"], "iin": valid_iin(40)},
    }).json()["data"]["registerApplication"]
    assert made == {
        "__typename": "Application",
        "service": {"catalogueId": SERVICE},
        "office": {"catalogueId": TEST_OFFICE},
    }


def test_unknown_and_malformed_ids(api: str) -> None:
    nothing = to_global_id(NodeKind.SERVICE, "no-such-service")
    body = post(api, NODE, id=nothing)
    assert body == {"data": {"node": None}}  # Relay: nothing has this id, no error
    body = post(api, NODE, "kk", id="not a global id")
    assert body["data"] == {"node": None}
    [error] = body["errors"]
    assert error["extensions"] == {"code": "INVALID_ID"} and error["path"] == ["node"]
    assert "идентификатор" in error["message"]  # in Kazakh, as asked
    real = data(api, CARD, id=SERVICE, region=REGION)["service"]["id"]
    body = post(api, NODES, ids=[real, nothing, "???"])
    assert body["data"]["nodes"] == [{"__typename": "Service", "id": real}, None, None]
    [error] = body["errors"]
    assert error["path"] == ["nodes", 2] and error["extensions"]["code"] == "INVALID_ID"
    too_many = httpx.post(api, json={"query": NODES, "variables": {"ids": [real] * 101}})
    assert too_many.status_code == 400  # no data at all: the request itself was wrong
    assert too_many.json()["errors"][0]["extensions"] == {"code": "TOO_MANY_IDS", "max": 100}


def test_an_application_is_never_fetched_by_its_id_alone(
    api: str, loaded_engine: Engine
) -> None:
    number = registered(loaded_engine, 41)
    iin = valid_iin(41)
    found = data(api, LOOKUP, number=number, iin=iin)["application"]
    gid = found["id"]
    parsed = from_global_id(gid)
    assert parsed is not None and parsed[0] is NodeKind.APPLICATION
    assert number not in json.dumps(parsed), "the id does not give the receipt number away"
    assert data(api, LOOKUP, number=number, iin=iin)["application"]["id"] == gid  # stable

    for unproved in (gid, to_global_id(NodeKind.APPLICATION, "0" * 32)):  # real or not: alike
        body = post(api, NODE, id=unproved)
        assert body["data"] == {"node": None}
        [error] = body["errors"]
        assert error["extensions"] == {"code": "APPLICATION_PROOF_REQUIRED"}
        assert "application(number:, iin:)" in error["message"] and "ИИН" in error["message"]
    service = data(api, CARD, id=SERVICE, region=REGION)["service"]["id"]
    mixed = post(api, NODES, ids=[service, gid])
    assert mixed["data"]["nodes"] == [{"__typename": "Service", "id": service}, None]
    assert mixed["errors"][0]["path"] == ["nodes", 1]
    assert mixed["errors"][0]["extensions"]["code"] == "APPLICATION_PROOF_REQUIRED"


def test_node_errors_log_no_iin_of_the_same_document(
    api: str, loaded_engine: Engine, caplog: pytest.LogCaptureFixture
) -> None:
    number = registered(loaded_engine, 50)
    iin = valid_iin(50)
    gid = data(api, LOOKUP, number=number, iin=iin)["application"]["id"]
    caplog.set_level(logging.DEBUG)
    # One line: strawberry logged each error with the document lines around it.
    query = (
        f'{{ node(id: "{gid}") {{ id }} application(number: "{number}", iin: "{iin}") '
        "{ ... on Application { id } } }"
    )
    body = httpx.post(api, json={"query": query}).json()
    assert body["data"] == {"node": None, "application": {"id": gid}}
    assert body["errors"][0]["extensions"]["code"] == "APPLICATION_PROOF_REQUIRED"
    assert caplog.records, "the request was logged at all"
    assert iin not in caplog.text


def test_pickup_office_is_where_a_ready_result_waits(api: str, loaded_engine: Engine) -> None:
    ready_elsewhere, ready_here, in_cabinet, collected = (
        registered(loaded_engine, n) for n in (45, 46, 47, 48)
    )
    with session_scope(loaded_engine) as session:
        catalogue = catalogue_for(session)
        change_status(session, catalogue, ready_elsewhere, "result_ready", office_id=TEST_OFFICE)
        change_status(session, catalogue, ready_here, "result_ready")
        change_status(session, catalogue, in_cabinet, "result_ready", delivery="portal_cabinet")
        change_status(session, catalogue, collected, "result_ready")
        change_status(session, catalogue, collected, "handed_out")

    def pickup(number: str, n: int) -> dict[str, Any] | None:
        found = data(api, LOOKUP, number=number, iin=valid_iin(n))["application"]
        office: dict[str, Any] | None = found["pickupOffice"]
        return office

    elsewhere = pickup(ready_elsewhere, 45)
    assert elsewhere is not None and elsewhere["catalogueId"] == TEST_OFFICE
    assert elsewhere["name"] == "Тестовая канцелярия"
    here = pickup(ready_here, 46)
    assert here is not None and here["catalogueId"] == SUBMITTED_AT
    assert pickup(in_cabinet, 47) is None
    assert pickup(collected, 48) is None
    waiting = registered(loaded_engine, 49)
    found = data(api, LOOKUP, number=waiting, iin=valid_iin(49))["application"]
    assert found["pickupOffice"] is None and found["status"] == "ACCEPTED"
    assert found["expectedReadyOn"]  # the date is a top-level field, no history needed
