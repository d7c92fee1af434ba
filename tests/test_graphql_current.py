"""What applies today through the GraphQL API, over real HTTP, in both languages: every service
answers `current` (shown before the historical regulations); the abolished adoption payment
says so with its act; the act in force is named with its appendix; a repeal has its two parts;
a "how long" answer and a ready estimate name the act they come from."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy.engine import Engine

from citizen.catalogue.live import snapshot_of
from citizen.catalogue.snapshot import CatalogueSnapshot
from citizen.catalogue.today import history_heading, repeal_sentences, term_source, today
from citizen.catalogue.vocabulary import Locale
from citizen.i18n import translator
from citizen.settings import Settings
from citizen.web.app import create_app
from tests.support.live_server import live_server
from tests.test_graphql_api import post

LANGS = ("kk", "ru")

FACT = "text note source { url edition }"
CURRENT = f"""
  status statusLabel headline abolished
  act {{ catalogueId citation status }} appendix actSentence
  edition editionDate previousAct {{ catalogueId }}
  abolishedBy {{ catalogueId number date citation }}
  name {{ {FACT} }} provider {{ {FACT} }} channels {{ {FACT} }} channelList
  term {{ {FACT} }} termDuration {{ value unit text }}
  cost {{ {FACT} }} costKind result {{ {FACT} }}
  documents {{ items complete channels note source {{ url }} }}
  notes {{ {FACT} }}
  confidence confidenceLabel read notRead whereToCheck checkedOn source {{ url edition }}
"""

EVERY_SERVICE = f"""
query {{
  services(first: 100) {{
    totalCount
    edges {{ node {{ catalogueId abolished current {{ {CURRENT} }} }} }}
  }}
}}
"""

ONE_SERVICE = f"""
query One($id: ID!) {{
  service(id: $id) {{
    __typename
    ... on Service {{
      catalogueId abolished
      current {{ {CURRENT} }}
      regulations {{
        catalogueId historical historyHeading historyNote
        act {{
          catalogueId status citation repealSentences
          repeal {{
            by {{ catalogueId citation date }} lostForceOn lostForceRule source {{ seed }}
          }}
        }}
      }}
    }}
  }}
}}
"""


@pytest.fixture
def api(loaded_engine: Engine) -> Iterator[str]:
    with live_server(create_app(Settings(), loaded_engine)) as base:
        yield f"{base}/graphql"


@pytest.fixture
def snapshot(loaded_engine: Engine) -> CatalogueSnapshot:
    return snapshot_of(loaded_engine)


def data(url: str, query: str, lang: str, **variables: Any) -> dict[str, Any]:
    answer = post(url, query, lang, **variables)
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert "errors" not in body, body
    result: dict[str, Any] = body["data"]
    return result


def one(url: str, service_id: str, lang: str) -> dict[str, Any]:
    service: dict[str, Any] = data(url, ONE_SERVICE, lang, id=service_id)["service"]
    assert service["__typename"] == "Service", service
    return service


@pytest.mark.parametrize("lang", LANGS)
def test_every_service_answers_what_applies_today(
    api: str, snapshot: CatalogueSnapshot, lang: str
) -> None:
    page = data(api, EVERY_SERVICE, lang)["services"]
    assert page["totalCount"] == len(snapshot.services) == 28
    for edge in page["edges"]:
        node = edge["node"]
        service = snapshot.service(node["catalogueId"])
        assert service is not None and service.current is not None
        current = node["current"]
        assert current is not None, node["catalogueId"]
        assert current["status"] == service.current.status.name
        assert current["headline"] and current["statusLabel"] and current["actSentence"]
        assert current["confidence"] == service.current.confidence.name
        assert current["confidenceLabel"] and current["read"] and current["notRead"]
        assert current["checkedOn"] == service.current.checked_on.isoformat()
        assert current["abolished"] is node["abolished"] is service.abolished
        if current["status"] == "UNKNOWN":
            assert current["whereToCheck"], node["catalogueId"]
        if current["act"] is not None:
            assert current["act"]["citation"] in current["actSentence"]
        for fact in ("name", "provider", "channels", "term", "cost", "result"):
            assert current[fact] is None or current[fact]["text"], (node["catalogueId"], fact)


@pytest.mark.parametrize("lang", LANGS)
def test_the_adoption_payment_is_abolished_by_decree_621(
    api: str, snapshot: CatalogueSnapshot, lang: str
) -> None:
    node = one(api, "adoption-payment", lang)
    current = node["current"]
    assert node["abolished"] is True and current["abolished"] is True
    assert current["status"] == "ABOLISHED"
    by = current["abolishedBy"]
    assert (by["number"], by["date"]) == ("621", "2023-07-28")
    # The headline is the abolished sentence, naming that act as legal texts cite it.
    act = snapshot.act(by["catalogueId"])
    assert act is not None
    said = translator()(lang, "current-abolished-by", act_by=act.cited_by(lang))
    assert current["headline"] == said
    assert "№ 621" in current["headline"] and "2023" in current["headline"]
    assert current["headline"] != current["statusLabel"]


def test_the_abolished_sentence_differs_by_language(api: str) -> None:
    kk, ru = (one(api, "adoption-payment", lang)["current"]["headline"] for lang in LANGS)
    assert ru.startswith("Эта услуга упразднена")
    assert kk.startswith("Бұл қызмет жойылды")


def test_guardianship_names_order_158_appendix_3(api: str) -> None:
    for lang in LANGS:
        current = one(api, "guardianship-establishment", lang)["current"]
        assert current["status"] == "IN_FORCE" and current["abolished"] is False
        assert current["appendix"] == "3"
        assert "№ 158" in current["act"]["citation"] and "№ 158" in current["actSentence"]
        appendix = translator()(lang, "current-act-appendix", appendix="3")
        assert current["actSentence"].endswith(f"{current['act']['citation']}, {appendix}")


def test_a_repealed_regional_act_has_both_parts_of_its_repeal(
    api: str, snapshot: CatalogueSnapshot
) -> None:
    regulations = 0
    for service in snapshot.services:
        if not service.regulations:
            continue
        for lang in LANGS:
            for regulation in one(api, service.id, lang)["regulations"]:
                regulations += 1
                core = snapshot.regulation(service.id, regulation["catalogueId"].split("/")[1])
                assert core is not None
                assert regulation["historyHeading"] == history_heading(core, lang)
                act = regulation["act"]
                assert regulation["historical"] is (act["status"] == "REPEALED")
                assert act["repealSentences"] == list(repeal_sentences(core.act, lang))
                if act["status"] != "REPEALED":
                    assert regulation["historyNote"] is None
                    continue
                assert regulation["historyNote"]
                repeal = act["repeal"]
                assert repeal["by"] is not None and repeal["by"]["citation"]
                assert repeal["lostForceOn"] or repeal["lostForceRule"]
                assert len(act["repealSentences"]) == 2
    assert regulations == 2 * sum(len(s.regulations) for s in snapshot.services) > 0


HOW_LONG = """
query HowLong($id: ID!, $region: ID!, $at: DateTime!) {
  service(id: $id) {
    ... on Service {
      regulation(region: $region) {
        ... on Regulation {
          channels { channel acceptsApplications }
          totalTerm { text act { catalogueId } termSource }
          estimate: readyEstimate(channel: PROVIDER_OFFICE, submittedAt: $at) {
            __typename
            ... on ReadyEstimate { act { catalogueId citation } termSource }
          }
        }
      }
    }
  }
}
"""


def test_how_long_and_when_ready_name_their_act(api: str, snapshot: CatalogueSnapshot) -> None:
    service = snapshot.service("preschool-queue")
    assert service is not None and service.regulations
    regulation = service.regulations[0]
    for lang in LANGS:
        found = data(api, HOW_LONG, lang, id=service.id, region=regulation.region.id,
                     at="2026-12-01T10:00:00+05:00")
        answer = found["service"]["regulation"]
        term = answer["totalTerm"]
        assert term["act"]["catalogueId"] == regulation.act.id
        assert term["termSource"] == term_source(regulation.how_long(None), Locale(lang))
        assert regulation.act.cited(lang) in term["termSource"]
        estimate = answer["estimate"]
        assert estimate["__typename"] == "ReadyEstimate", estimate
        assert estimate["act"]["catalogueId"] == regulation.act.id
        assert estimate["act"]["citation"] in estimate["termSource"]


SEARCH = """
query Find($q: String!) {
  services(search: $q, first: 5) {
    edges { node { catalogueId abolished current { abolished headline } } }
  }
}
"""


@pytest.mark.parametrize(
    ("lang", "words"),
    [("ru", "единовременная выплата усыновление"), ("kk", "бала асырап алу біржолғы төлем")],
)
def test_search_finds_the_adoption_payment_and_says_it_is_abolished(
    api: str, lang: str, words: str
) -> None:
    edges = data(api, SEARCH, lang, q=words)["services"]["edges"]
    found = [e["node"] for e in edges if e["node"]["catalogueId"] == "adoption-payment"]
    assert found, [e["node"]["catalogueId"] for e in edges]
    assert found[0]["abolished"] is True and found[0]["current"]["abolished"] is True
    assert "621" in found[0]["current"]["headline"]


def test_the_old_repeal_fields_are_deprecated_in_favour_of_repeal(api: str) -> None:
    query = """{ __type(name: "LegalAct") { fields(includeDeprecated: true) {
        name isDeprecated deprecationReason } } }"""
    fields = {f["name"]: f for f in data(api, query, "ru")["__type"]["fields"]}
    for name in ("repealedBy", "repealedOn"):
        assert fields[name]["isDeprecated"], name
        assert "repeal" in fields[name]["deprecationReason"]
    assert not fields["repeal"]["isDeprecated"]


@pytest.mark.parametrize("locale", list(Locale))
def test_one_answer_the_api_says_what_today_says(
    api: str, snapshot: CatalogueSnapshot, locale: Locale
) -> None:
    """One answer for every door: the API's sentences of what applies today are those of
    `today(service, locale)`, which the bot card and the console print, for every service."""
    query = """{ services(first: 100) { edges { node { catalogueId
        current { headline actSentence confidenceLabel } } } } }"""
    # The field's own `locale` argument wins over Accept-Language: ask in the other one.
    query = query.replace("headline actSentence confidenceLabel", " ".join(
        f"{f}(locale: {locale.name})" for f in ("headline", "actSentence", "confidenceLabel")
    ))
    edges = data(api, query, "ru" if locale == Locale.KK else "kk")["services"]["edges"]
    assert len(edges) == len(snapshot.services)
    for edge in edges:
        service = snapshot.service(edge["node"]["catalogueId"])
        assert service is not None
        told = today(service, locale)
        assert told is not None
        current = edge["node"]["current"]
        assert current["headline"] == told.headline, service.id
        assert current["actSentence"] == told.act, service.id
        assert current["confidenceLabel"] == told.confidence, service.id
