"""Open data over real HTTP: HSDS's API routes validated against HSDS's own schemas, paging,
caching headers, and each document built once per catalogue version."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import jsonschema
import pytest
from sqlalchemy.engine import Engine

from citizen.catalogue.export import export_catalogue
from citizen.catalogue.live import snapshot_of
from citizen.catalogue.vocabulary import Locale
from citizen.opendata import hsds as hsds_module
from citizen.opendata.cpsv_ap import to_cpsv_ap
from citizen.settings import Settings
from citizen.web import open_data
from citizen.web.app import create_app
from tests.support.live_server import live_server
from tests.support.standards import cpsv_ap_graph, hsds_errors, hsds_page_schema, shacl_report

ROUTES = {  # HSDS route -> (list item schema, full object schema)
    "services": ("service_list", "service"),
    "organizations": ("organization_list", "organization"),
    "service_at_locations": ("service_at_location_list", "service_at_location"),
}


@pytest.fixture
def api(loaded_engine: Engine) -> Iterator[str]:
    with live_server(create_app(Settings(notifier_enabled=False), loaded_engine)) as base:
        yield base


def _all_pages(base: str, route: str, lang: str, per_page: int) -> list[dict[str, Any]]:
    page_schema = hsds_page_schema()
    items: list[dict[str, Any]] = []
    page = 1
    while True:
        r = httpx.get(f"{base}/open-data/hsds/{route}", params={"page": page, "per_page": per_page},
                      headers={"Accept-Language": lang})
        assert r.status_code == 200, r.text
        body = r.json()
        jsonschema.validate(body, page_schema)
        assert body["page_number"] == page and body["size"] == len(body["contents"])
        items += body["contents"]
        if body["last_page"]:
            assert body["total_items"] == len(items)
            assert body["total_pages"] == page
            return items
        page += 1


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_hsds_routes_answer_with_valid_hsds(api: str, lang: str) -> None:
    for route, (list_schema, full_schema) in ROUTES.items():
        items = _all_pages(api, route, lang, per_page=7)
        assert items, route
        assert [e for item in items for e in hsds_errors(list_schema, item)] == []
        for item in items[:5]:
            full = httpx.get(f"{api}/open-data/hsds/{route}/{item['id']}",
                             headers={"Accept-Language": lang})
            assert full.status_code == 200
            assert full.headers["content-language"] == lang
            assert hsds_errors(full_schema, full.json()) == []
    meta = httpx.get(f"{api}/open-data/hsds/").json()
    assert meta["version"] == "3.0"


def test_hsds_paging_covers_every_service_once(api: str, loaded_engine: Engine) -> None:
    doc = export_catalogue(snapshot_of(loaded_engine))
    expected = [s["id"] for s in hsds_module.to_hsds(doc, Locale.RU).services]
    assert [s["id"] for s in _all_pages(api, "services", "ru", per_page=4)] == expected
    beyond = httpx.get(f"{api}/open-data/hsds/services", params={"page": 99}).json()
    assert beyond["empty"] and beyond["contents"] == [] and beyond["total_items"] == len(expected)


def test_bad_requests_say_what_was_wrong(api: str) -> None:
    bad = httpx.get(f"{api}/open-data/hsds/services", params={"per_page": "many"},
                    headers={"Accept-Language": "ru"})
    assert bad.status_code == 400 and "per_page" in bad.json()["error"]
    assert bad.headers["cache-control"] == "no-store, private"
    missing = httpx.get(f"{api}/open-data/hsds/services/nope", headers={"Accept-Language": "kk"})
    assert missing.status_code == 404 and "«nope»" in missing.json()["error"]
    assert missing.headers["content-language"] == "kk"
    iin = httpx.get(f"{api}/open-data/hsds/services/900101300017")
    assert iin.status_code == 404 and "900101300017" not in iin.text


def test_open_data_is_cacheable_and_revalidates(api: str) -> None:
    for path in ("/open-data/catalogue.json", "/open-data/cpsv-ap.jsonld",
                 "/open-data/hsds/services?per_page=3"):
        first = httpx.get(f"{api}{path}", headers={"Accept-Language": "ru"})
        assert first.status_code == 200
        assert first.headers["cache-control"] == "public, max-age=60"
        assert "accept-language" in first.headers["vary"].lower()
        again = httpx.get(f"{api}{path}", headers={
            "Accept-Language": "ru", "If-None-Match": first.headers["etag"]})
        assert again.status_code == 304, path
    both = httpx.get(f"{api}/open-data/cpsv-ap.jsonld")
    assert both.headers["content-language"] == "kk, ru"
    assert both.headers["content-type"] == "application/ld+json"


def test_the_served_documents_are_the_validated_ones(api: str, loaded_engine: Engine) -> None:
    doc = export_catalogue(snapshot_of(loaded_engine))
    assert httpx.get(f"{api}/open-data/catalogue.json").json() == doc
    served = httpx.get(f"{api}/open-data/cpsv-ap.jsonld").json()
    assert served == to_cpsv_ap(doc)
    conforms, report = shacl_report(cpsv_ap_graph(served))
    assert conforms, report


def test_each_document_is_built_once_per_catalogue_version(
    api: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    built: list[str] = []
    real = hsds_module.to_hsds

    def counting(doc: dict[str, Any], locale: Locale) -> hsds_module.HsdsView:
        built.append(locale.value)
        return real(doc, locale)

    monkeypatch.setattr(open_data, "to_hsds", counting)
    for lang in ("ru", "kk", "ru", "ru", "kk"):
        for route in ("services", "organizations"):
            assert httpx.get(f"{api}/open-data/hsds/{route}",
                             headers={"Accept-Language": lang}).status_code == 200
    assert sorted(built) == ["kk", "ru"]
