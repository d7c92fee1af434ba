"""Validators of the published standards, run on the copies vendored in `tests/standards/`.

CPSV-AP: the JSON-LD is expanded with the official context (served from the copy, not the
network), turned into RDF, and checked with pyshacl against the official SHACL shapes.
HSDS: each object is checked with jsonschema against the official compiled schemas, formats
(uuid, uri, email, date-time) included.
"""

from __future__ import annotations

import copy
import json
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pyshacl
import rdflib
from pyld import jsonld

from citizen.opendata.cpsv_ap import CONTEXT_URL

STANDARDS = Path(__file__).resolve().parent.parent / "standards"
CPSV_AP = STANDARDS / "cpsv-ap-3.2.0"
HSDS = STANDARDS / "hsds-3.0" / "schema"


def _offline_loader(url: str, options: dict[str, Any] | None = None) -> dict[str, Any]:
    if url != CONTEXT_URL:
        raise AssertionError(f"the export refers to a context we do not have: {url}")
    document = json.loads((CPSV_AP / "cpsv-ap.jsonld").read_text(encoding="utf-8"))
    return {"contextUrl": None, "documentUrl": url, "document": document}


def cpsv_ap_graph(document: dict[str, Any]) -> rdflib.Graph:
    """The RDF graph of a CPSV-AP JSON-LD document, expanded with the official context."""
    options = {"documentLoader": _offline_loader}
    expanded = jsonld.expand(copy.deepcopy(document), options)
    nquads = jsonld.to_rdf(expanded, {**options, "format": "application/n-quads"})
    return rdflib.Graph().parse(data=nquads, format="nt")  # one default graph: N-Triples


@cache
def _shapes() -> rdflib.Graph:
    return rdflib.Graph().parse(CPSV_AP / "cpsv-ap-SHACL.ttl", format="turtle")


def shacl_report(graph: rdflib.Graph) -> tuple[bool, str]:
    conforms, _, text = pyshacl.validate(graph, shacl_graph=_shapes(), inference="none")
    return bool(conforms), str(text)


@cache
def hsds_validator(name: str) -> jsonschema.protocols.Validator:
    """A validator for the compiled HSDS schema `name` (service, organization, ...)."""
    schema = json.loads((HSDS / "compiled" / f"{name}.json").read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema, default=jsonschema.Draft202012Validator)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def hsds_errors(name: str, instance: Any) -> list[str]:
    return [
        f"{'/'.join(map(str, e.absolute_path)) or '<root>'}: {e.message}"
        for e in hsds_validator(name).iter_errors(instance)
    ]


def hsds_page_schema() -> dict[str, Any]:
    """The `Page` schema of HSDS's OpenAPI (total_items, total_pages, page_number, ...)."""
    api = json.loads((HSDS / "openapi.json").read_text(encoding="utf-8"))
    page: dict[str, Any] = api["components"]["schemas"]["Page"]
    return page
