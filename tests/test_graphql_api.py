"""The GraphQL API through real HTTP: which documents, where, how long; both languages."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from sqlalchemy.engine import Engine

from citizen.catalogue.reading import read_catalogue
from citizen.settings import Settings
from citizen.web.app import create_app
from tests.support.live_server import live_server

CARD = """
query Card($id: ID!, $region: ID!, $at: DateTime!) {
  service(id: $id) {
    __typename
    ... on Service {
      id name nameRu: name(locale: RU)
      cost { kind label }
      standard { number status statusLabel }
      regulation(region: $region) {
        __typename
        ... on Regulation {
          provider
          act { number status statusLabel repealedBy }
          channels { channel label acceptsApplications issuesResults }
          documents { knowledge statement items { name } }
          steps { position duration { value unit text } }
          totalTerm { basis text }
          offices { address example exampleNote }
          readyEstimate(channel: PROVIDER_OFFICE, submittedAt: $at) {
            __typename
            ... on ReadyEstimate { readyOn readyOnText basis }
            ... on InvalidInput { field message }
          }
        }
        ... on NotFound { message }
      }
    }
    ... on NotFound { message }
  }
}
"""


@pytest.fixture
def api(loaded_engine: Engine) -> Iterator[str]:
    with live_server(create_app(Settings(), loaded_engine)) as base:
        yield f"{base}/graphql"


def post(url: str, query: str, lang: str = "kk", **variables: Any) -> httpx.Response:
    return httpx.post(
        url, json={"query": query, "variables": variables}, headers={"Accept-Language": lang}
    )


def test_every_service_and_region_answers_what_where_how_long(api: str) -> None:
    data = read_catalogue()
    for svc in data.services:
        for reg in svc.regulations:
            for lang in ("kk", "ru"):
                at = "2026-12-01T10:00:00+05:00"
                r = post(api, CARD, lang, id=svc.id, region=reg.region, at=at)
                assert r.status_code == 200, r.text
                body = r.json()
                assert "errors" not in body, body
                card = body["data"]["service"]
                regulation = card["regulation"]
                assert regulation["__typename"] == "Regulation"
                assert regulation["documents"], "documents or a statement that they are unknown"
                assert all(d["statement"] for d in regulation["documents"])
                assert regulation["channels"], "where to apply"
                assert regulation["act"]["statusLabel"]
                accepts = {c["channel"] for c in regulation["channels"] if c["acceptsApplications"]}
                estimate = regulation["readyEstimate"]
                if "PROVIDER_OFFICE" in accepts:
                    assert estimate["__typename"] == "ReadyEstimate"
                else:
                    assert estimate == {
                        "__typename": "InvalidInput",
                        "field": "channel",
                        "message": estimate["message"],
                    }


def test_languages_follow_the_header_and_the_locale_argument(api: str) -> None:
    q = CARD
    at = "2026-12-01T10:00:00+05:00"
    kk = post(api, q, "kk", id="preschool-queue", region="almaty-oblast", at=at).json()["data"]
    ru = post(api, q, "ru-RU,ru;q=0.9", id="preschool-queue", region="almaty-oblast", at=at)
    ru_data = ru.json()["data"]
    assert kk["service"]["name"].startswith("Мектепке дейінгі")
    assert ru_data["service"]["name"].startswith("Постановка на очередь")
    assert kk["service"]["nameRu"] == ru_data["service"]["name"]
    reg_kk, reg_ru = kk["service"]["regulation"], ru_data["service"]["regulation"]
    assert reg_kk["act"]["statusLabel"] == "Күшін жойған"
    assert reg_ru["act"]["statusLabel"] == "Утратил силу"
    assert kk["service"]["cost"]["label"] == "Тегін"
    assert ru_data["service"]["cost"]["label"] == "Бесплатно"
    minutes = [s["duration"]["text"] for s in reg_ru["steps"] if s["duration"]]
    assert "3 минуты" in minutes and "5 минут" in minutes


def test_adoption_registration_in_astana_is_15_calendar_days(api: str) -> None:
    # Seed 004: "құжаттарды тапсырған сәттен бастап – күнтізбелік он бес күн".
    r = post(
        api,
        CARD,
        "ru",
        id="adoption-candidate-registration",
        region="astana",
        at="2026-12-01T10:00:00+05:00",
    )
    reg = r.json()["data"]["service"]["regulation"]
    assert reg["totalTerm"] == {"basis": "STATED", "text": "15 календарных дней"}
    # 1 Dec + 15 calendar days = 16 Dec, Independence Day: collected on 17 Dec.
    assert reg["readyEstimate"]["readyOn"] == "2026-12-17"
    assert reg["readyEstimate"]["readyOnText"] == "17 декабря 2026\xa0г."


def test_unknown_ids_are_typed_results_not_errors(api: str) -> None:
    r = post(api, CARD, "ru", id="no-such-service", region="astana", at="2026-12-01T10:00:00Z")
    body = r.json()
    assert r.status_code == 200 and "errors" not in body
    assert body["data"]["service"]["__typename"] == "NotFound"
    assert "no-such-service" in body["data"]["service"]["message"]
    r = post(api, CARD, "kk", id="preschool-queue", region="mars", at="2026-12-01T10:00:00Z")
    reg = r.json()["data"]["service"]["regulation"]
    assert reg["__typename"] == "NotFound"


def test_a_moment_without_time_zone_is_invalid_input(api: str) -> None:
    r = post(
        api, CARD, "ru", id="preschool-queue", region="almaty-oblast", at="2026-12-01T10:00:00"
    )
    estimate = r.json()["data"]["service"]["regulation"]["readyEstimate"]
    assert estimate["__typename"] == "InvalidInput"
    assert estimate["field"] == "submittedAt"
    assert "часов" in estimate["message"] or "пояс" in estimate["message"]


def test_bad_date_literal_is_a_400(api: str) -> None:
    r = post(api, CARD, "ru", id="preschool-queue", region="almaty-oblast", at="1 декабря")
    assert r.status_code == 400
    assert r.json()["errors"][0]["message"]


SERVICES = """query($first: Int!, $after: String, $region: ID) {
  services(first: $first, after: $after, region: $region) {
    totalCount edges { cursor node { catalogueId } } pageInfo { hasNextPage endCursor }
    problem { __typename ... on NotFound { kind message } ... on InvalidInput { field message } }
  } }"""


def test_services_connection_pages_and_filters(api: str) -> None:
    first = post(api, SERVICES, first=5).json()["data"]["services"]
    total = first["totalCount"]
    assert total == len(read_catalogue().services)
    assert first["pageInfo"]["hasNextPage"] and first["problem"] is None
    seen = [e["node"]["catalogueId"] for e in first["edges"]]
    after = first["pageInfo"]["endCursor"]
    while after:
        page = post(api, SERVICES, first=5, after=after).json()["data"]["services"]
        seen += [e["node"]["catalogueId"] for e in page["edges"]]
        after = page["pageInfo"]["endCursor"] if page["pageInfo"]["hasNextPage"] else None
    assert seen == [s.id for s in read_catalogue().services]
    astana = post(api, SERVICES, first=50, region="astana").json()["data"]["services"]
    assert {e["node"]["catalogueId"] for e in astana["edges"]} == {
        "adoption-candidate-registration",
        "foster-care-placement",
        "unemployed-certificate",
        "disabled-children-home-education-reimbursement",
    }


def test_bad_services_arguments_are_a_problem_on_an_empty_page(api: str) -> None:
    empty = {"hasNextPage": False, "endCursor": None}
    mars = post(api, SERVICES, "ru", first=5, region="mars")
    assert mars.status_code == 200 and "errors" not in mars.json()
    page = mars.json()["data"]["services"]
    assert page["edges"] == [] and page["totalCount"] == 0 and page["pageInfo"] == empty
    assert page["problem"] == {
        "__typename": "NotFound", "kind": "region", "message": "Регион «mars» не найден."
    }
    bad = post(api, SERVICES, "ru", first=500).json()["data"]["services"]
    assert bad["edges"] == [] and bad["problem"]["__typename"] == "InvalidInput"
    assert bad["problem"]["field"] == "first" and "100" in bad["problem"]["message"]
    bad = post(api, SERVICES, first=5, after="???").json()["data"]["services"]
    assert bad["edges"] == [] and bad["problem"]["field"] == "after"


def test_the_deprecated_union_shape_still_answers(api: str) -> None:
    # servicesResult keeps the shape of earlier releases for one more release.
    q = """query($first: Int!, $region: ID) { services: servicesResult(first: $first,
      region: $region) { __typename
        ... on ServiceConnection { totalCount edges { node { catalogueId } } }
        ... on NotFound { kind message }
        ... on InvalidInput { field message } } }"""
    listed = post(api, q, first=3).json()["data"]["services"]
    assert listed["__typename"] == "ServiceConnection"
    assert listed["totalCount"] == len(read_catalogue().services) and len(listed["edges"]) == 3
    assert post(api, q, first=5, region="mars").json()["data"]["services"]["kind"] == "region"
    bad = post(api, q, first=500).json()["data"]["services"]
    assert bad["__typename"] == "InvalidInput" and bad["field"] == "first"


def test_listed_only_services_say_what_is_known(api: str) -> None:
    q = """{ service(id: "school-free-meals") { ... on Service {
      listedOnly regulations { catalogueId } listedIn { number statusLabel }
      documents { knowledge statement } } } }"""
    svc = post(api, q, "ru").json()["data"]["service"]
    assert svc["listedOnly"] and svc["regulations"] == []
    assert {a["number"] for a in svc["listedIn"]} >= {"321"}
    assert svc["documents"][0]["knowledge"] == "UNKNOWN"


def test_health(api: str) -> None:
    base = api.removesuffix("/graphql")
    assert httpx.get(f"{base}/health/live").json() == {"status": "ok"}
    ready = httpx.get(f"{base}/health/ready").json()
    assert ready["status"] == "ok" and ready["catalogueVersion"] == read_catalogue().version


SEARCH = """query($q: String!, $region: ID) {
  services(search: $q, region: $region, first: 3) {
    noMatch totalCount edges { score node { catalogueId } } } }"""


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("садик очередь", "preschool-queue"),
        ("balabaqsha kezek", "preschool-queue"),
        ("детсат", "preschool-queue"),
        ("путёвка в лагерь", "summer-camp-voucher"),
        ("жұмыссыз анықтама", "unemployed-certificate"),
    ],
)
def test_search_finds_the_service(api: str, query: str, expected: str) -> None:
    found = post(api, SEARCH, "ru", q=query).json()["data"]["services"]
    assert not found["noMatch"]
    assert expected in [e["node"]["catalogueId"] for e in found["edges"]]
    scores = [e["score"] for e in found["edges"]]
    assert scores == sorted(scores, reverse=True)


def test_search_says_when_nothing_fits(api: str) -> None:
    found = post(api, SEARCH, "ru", q="водительские права").json()["data"]["services"]
    assert found == {"noMatch": True, "totalCount": 0, "edges": []}


def test_search_within_a_region(api: str) -> None:
    found = post(api, SEARCH, "ru", q="усыновление", region="astana").json()["data"]["services"]
    ids = [e["node"]["catalogueId"] for e in found["edges"]]
    assert ids[:1] == ["adoption-candidate-registration"]


def test_total_term_sums_the_steps_of_one_path(api: str) -> None:
    # Seed 001, preschool queue: no total stated; provider steps 3+5+10+5+2 minutes, and the
    # State Corporation's own steps 3 and 2 minutes (paragraph 9).
    q = """{ service(id: "preschool-queue") { ... on Service { regulation(region: "almaty-oblast")
      { ... on Regulation { common: totalTerm { basis text }
        son: totalTerm(channel: STATE_CORPORATION) { text } } } } } }"""
    reg = post(api, q, "ru").json()["data"]["service"]["regulation"]
    assert reg["common"] == {"basis": "STEPS", "text": "25 минут"}
    assert reg["son"] == {"text": "30 минут"}
