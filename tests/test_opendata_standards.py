"""Open data in the standards, validated against the standards' own published files.

- format 1 (Citizen's own JSON) against its published JSON Schema (docs/open-data/);
- CPSV-AP 3.2.0 JSON-LD, expanded with the official context, against the official SHACL shapes;
- HSDS 3.0 JSON, in Kazakh and in Russian, against the official compiled JSON Schemas.

The official files are vendored in tests/standards/ (see its README), so CI needs no network.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import rdflib
from rdflib.namespace import RDF
from sqlalchemy.engine import Engine

from citizen.catalogue.export import export_catalogue
from citizen.catalogue.live import snapshot_of
from citizen.catalogue.today import today
from citizen.catalogue.vocabulary import Locale
from citizen.cli import main
from citizen.opendata.cpsv_ap import to_cpsv_ap
from citizen.opendata.hsds import one_to_one, to_hsds
from citizen.opendata.ids import stable_uuid
from citizen.settings import get_settings
from tests.support.standards import (
    STANDARDS,
    cpsv_ap_graph,
    hsds_errors,
    hsds_page_schema,
    shacl_report,
)

REPO = Path(__file__).resolve().parent.parent
FORMAT_1_SCHEMA = REPO / "docs" / "open-data" / "catalogue.format-1.schema.json"
CV = rdflib.Namespace("http://data.europa.eu/m8g/")
CPSV = rdflib.Namespace("http://purl.org/vocab/cpsv#")
DCT = rdflib.Namespace("http://purl.org/dc/terms/")
ELI = rdflib.Namespace("http://data.europa.eu/eli/ontology#")


@pytest.fixture
def doc(loaded_engine: Engine) -> dict[str, Any]:
    return export_catalogue(snapshot_of(loaded_engine))


def test_format_1_validates_against_its_published_schema(doc: dict[str, Any]) -> None:
    schema = json.loads(FORMAT_1_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    assert [e.message for e in validator.iter_errors(doc)] == []
    broken = copy.deepcopy(doc)
    broken["services"][0]["regulations"].append({"id": "x"})
    assert list(validator.iter_errors(broken))  # the schema is strict, not decorative


def test_cpsv_ap_passes_the_official_shacl_shapes(doc: dict[str, Any]) -> None:
    graph = cpsv_ap_graph(to_cpsv_ap(doc))
    conforms, report = shacl_report(graph)
    assert conforms, report
    services = set(graph.subjects(RDF.type, CPSV.PublicService))
    assert len(services) == len(doc["services"])
    channels = sum(len(r["channels"]) for s in doc["services"] for r in s["regulations"])
    assert len(set(graph.subjects(RDF.type, CV.Channel))) == channels
    # Both languages, as language-tagged literals, on every service's title and description.
    for service in services:
        for prop in (DCT.title, DCT.description):
            assert {lit.language for lit in graph.objects(service, prop)} == {"kk", "ru"}


def _channel(graph: rdflib.Graph, regulation: str, kind: str) -> rdflib.term.Node:
    found = graph.value(predicate=DCT.identifier, object=rdflib.Literal(f"{regulation}#{kind}"))
    assert found is not None, f"{regulation}#{kind}"
    return found


def test_cpsv_ap_processing_time_is_iso_where_iso_can_say_it(doc: dict[str, Any]) -> None:
    graph = cpsv_ap_graph(to_cpsv_ap(doc))
    calendar = _channel(graph, "adoption-candidate-registration/astana", "portal")
    assert graph.value(calendar, CV.processingTime).toPython().days == 15  # 15 calendar days
    minutes = _channel(graph, "supplementary-education-admission/almaty-oblast", "provider_office")
    assert graph.value(minutes, CV.processingTime).toPython().total_seconds() == 30 * 60
    # 15 working days: no ISO duration (it would say 15 calendar days), the term in words.
    working = _channel(graph, "summer-camp-voucher/karaganda-oblast", "provider_office")
    assert graph.value(working, CV.processingTime) is None
    words = {lit.language: str(lit) for lit in graph.objects(working, DCT.description)}
    assert "15 рабочих дней" in words["ru"] and "ISO 8601" in words["ru"]
    assert "15 жұмыс күні" in words["kk"]
    # No stated term: said plainly.
    none = _channel(graph, "preschool-queue/almaty-oblast", "portal")
    texts = [str(x) for x in graph.objects(none, DCT.description)]
    assert any("Общий срок оказания услуги в регламенте не указан" in t for t in texts)


def test_cpsv_ap_evidence_is_linked_from_the_channels_it_is_for(doc: dict[str, Any]) -> None:
    graph = cpsv_ap_graph(to_cpsv_ap(doc))
    service = next(s for s in doc["services"] if s["id"] == "preschool-queue")
    items = [i for dl in service["documents"] for i in dl["items"]]
    for kind in ("provider_office", "state_corporation", "portal"):
        channel = _channel(graph, "preschool-queue/almaty-oblast", kind)
        titles = set()
        for evidence in graph.objects(channel, CPSV.hasInput):
            titles |= {str(t) for t in graph.objects(evidence, DCT.title) if t.language == "ru"}
        expected = {i["name"]["ru"] for i in items if not i["channels"] or kind in i["channels"]}
        assert titles == expected, kind


def test_cpsv_ap_legal_resources_say_their_status(doc: dict[str, Any]) -> None:
    graph = cpsv_ap_graph(to_cpsv_ap(doc))
    for act in doc["legal_acts"]:
        node = graph.value(predicate=DCT.identifier, object=rdflib.Literal(act["id"]))
        assert node is not None and (node, RDF.type, ELI.LegalResource) in graph
        in_force = graph.value(node, ELI.in_force)
        words = " ".join(str(x) for x in graph.objects(node, DCT.description))
        if act["status"] == "repealed":
            assert in_force == ELI["InForce-notInForce"]
            assert "Утратил силу" in words and "Күшін жойған" in words
        elif act["status"] == "unknown":
            assert in_force is None and "Нет сведений о действии" in words
    # Every service follows its regional regulations, which implement their acts.
    preschool = graph.value(predicate=DCT.identifier, object=rdflib.Literal("preschool-queue"))
    rule = graph.value(preschool, CPSV.follows)
    assert graph.value(rule, DCT.identifier) == rdflib.Literal("preschool-queue/almaty-oblast")
    assert graph.value(graph.value(rule, CPSV.implements), DCT.identifier) == rdflib.Literal(
        "almaty-oblast-akimat-321-2015"
    )


ADMS_STATUS = rdflib.URIRef("http://www.w3.org/ns/adms#status")
SKOS = rdflib.Namespace("http://www.w3.org/2004/02/skos/core#")


def _abolished(doc: dict[str, Any], loaded_engine: Engine) -> dict[str, list[str]]:
    """Each abolished service's id, with what `today()` says first of it in kk and ru."""
    catalogue = snapshot_of(loaded_engine)
    found = {}
    for s in doc["services"]:
        service = catalogue.service(s["id"])
        assert service is not None
        if service.abolished:
            told = [today(service, locale) for locale in Locale]
            found[s["id"]] = [t.headline for t in told if t is not None]
    assert "adoption-payment" in found, "the shipped catalogue has an abolished service"
    return found


def test_cpsv_ap_marks_an_abolished_service_withdrawn_and_says_so_first(
    doc: dict[str, Any], loaded_engine: Engine
) -> None:
    graph = cpsv_ap_graph(to_cpsv_ap(doc))
    abolished = _abolished(doc, loaded_engine)
    for service in graph.subjects(RDF.type, CPSV.PublicService):
        service_id = str(graph.value(service, DCT.identifier))
        status = graph.value(service, ADMS_STATUS)
        if service_id not in abolished:
            assert status is None, service_id
            continue
        assert str(status) == "http://purl.org/adms/status/Withdrawn"
        assert (status, RDF.type, SKOS.Concept) in graph
        assert {lit.language for lit in graph.objects(status, SKOS.prefLabel)} == {"kk", "ru"}
        descriptions = [str(lit) for lit in graph.objects(service, DCT.description)]
        for headline in abolished[service_id]:
            assert any(d.startswith(headline) for d in descriptions), headline


@pytest.mark.parametrize("locale", list(Locale))
def test_hsds_marks_an_abolished_service_defunct_and_says_so_first(
    doc: dict[str, Any], loaded_engine: Engine, locale: Locale
) -> None:
    abolished = _abolished(doc, loaded_engine)
    programs = {stable_uuid("service", service_id): said for service_id, said in abolished.items()}
    headline_of = {program: said[list(Locale).index(locale)] for program, said in programs.items()}
    view = to_hsds(doc, locale)
    for service in view.services:
        program = service.get("program_id", service["id"])
        if program not in headline_of:
            assert service["status"] != "defunct", service["name"]
            continue
        assert service["status"] == "defunct"
        assert service["alert"].startswith(headline_of[program])
        assert service["description"].startswith(headline_of[program])
    assert any(s["status"] == "defunct" for s in view.services)


def test_shacl_validation_catches_a_broken_export(doc: dict[str, Any]) -> None:
    broken = to_cpsv_ap(doc)
    service = next(n for n in broken["@graph"] if n.get("@type") == "PublicService")
    del service["dct:description"]
    channel = next(n for n in broken["@graph"] if "cv:processingTime" in n)
    channel["cv:processingTime"] = "15 days"
    conforms, report = shacl_report(cpsv_ap_graph(broken))
    assert not conforms
    assert "description" in report and "xsd:duration" in report


@pytest.mark.parametrize("locale", list(Locale))
def test_hsds_passes_the_official_schemas(doc: dict[str, Any], locale: Locale) -> None:
    view = to_hsds(doc, locale)
    regulations = sum(len(s["regulations"]) or 1 for s in doc["services"])
    assert len(view.services) == regulations
    errors = [e for s in view.services for e in hsds_errors("service", s)]
    errors += [e for o in view.organizations for e in hsds_errors("organization", o)]
    errors += [e for x in view.service_at_locations for e in hsds_errors("service_at_location", x)]
    errors += [e for s in view.services for e in hsds_errors("service_list", one_to_one(s))]
    errors += [e for o in view.organizations
               for e in hsds_errors("organization_list", one_to_one(o))]
    errors += [e for x in view.service_at_locations
               for e in hsds_errors("service_at_location_list", one_to_one(x))]
    assert errors == []
    # Texts are in the document's language: a Russian name is Cyrillic without Kazakh letters.
    names = " ".join(s["name"] for s in view.services)
    kazakh_letters = set("әғқңөұүһі")
    assert bool(kazakh_letters & set(names.lower())) == (locale == Locale.KK)


def test_hsds_ids_are_stable_and_shared_across_languages(doc: dict[str, Any]) -> None:
    kk, ru = to_hsds(doc, Locale.KK), to_hsds(doc, Locale.RU)
    assert [s["id"] for s in kk.services] == [s["id"] for s in ru.services]
    assert [s["id"] for s in to_hsds(doc, Locale.KK).services] == [s["id"] for s in kk.services]
    service = next(s for s in ru.services if s["id"] == stable_uuid(
        "regulation", "adoption-candidate-registration/astana"))
    assert service["program_id"] == stable_uuid("service", "adoption-candidate-registration")
    assert service["status"] == "inactive" and "Утратил силу" in service["alert"]
    assert "15 календарных дней" in service["application_process"]
    ids = [x["id"] for s in ru.services for key in ("required_documents", "service_areas")
           for x in s.get(key, [])]
    assert len(ids) == len(set(ids))


def test_hsds_validation_catches_a_broken_service(doc: dict[str, Any]) -> None:
    service = copy.deepcopy(to_hsds(doc, Locale.RU).services[0])
    service["id"] = "preschool-queue"  # not a UUID
    service["status"] = "unknown"
    errors = hsds_errors("service", service)
    assert any("uuid" in e for e in errors) and any("status" in e for e in errors)
    page = hsds_page_schema()
    assert {"total_items", "total_pages", "page_number", "size"} <= set(page["properties"])


def test_the_export_command_writes_each_format(
    doc: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, database_url: str
) -> None:
    monkeypatch.setenv("CITIZEN_DATABASE_URL", database_url)
    get_settings.cache_clear()
    try:
        for fmt in ("json", "cpsv-ap", "hsds"):
            out = tmp_path / f"{fmt}.json"
            args = ["catalogue", "export", "--format", fmt, "--lang", "kk", "-o", str(out)]
            assert main(args) == 0
            written = json.loads(out.read_text(encoding="utf-8"))
            if fmt == "json":
                assert written == doc
            elif fmt == "cpsv-ap":
                assert written == to_cpsv_ap(doc)
            else:
                assert written == to_hsds(doc, Locale.KK).document()
                assert written["language"] == "kk"
    finally:
        get_settings.cache_clear()


def test_the_vendored_standards_are_the_official_copies() -> None:
    shared = REPO.parent / "shared" / "standards"
    if not shared.exists():
        pytest.skip("no ../shared/standards beside this checkout to compare with")
    for vendored in STANDARDS.rglob("*"):
        if vendored.is_file() and vendored.name != "README.md":
            original = shared / vendored.relative_to(STANDARDS)
            assert vendored.read_bytes() == original.read_bytes(), vendored
