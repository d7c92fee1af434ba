"""The catalogue as CPSV-AP 3.2.0 JSON-LD (EU Core Public Service Vocabulary Application Profile).

Mapping of the `format: 1` export (README, "Open data in the standards"):

- service -> `cpsv:PublicService` (title, description, identifier), in a `dcat:Dataset`
  published by Citizen (`dcat:version` = catalogue version);
- regional regulation -> `cpsv:Rule` that the service `cpsv:follows`, implementing the act that
  approved it (`eli:LegalResource`, with `eli:in_force` and the status in words);
- regulation x channel -> `cv:Channel` with `cv:processingTime` (ISO 8601) when the regulation
  states a term ISO can express, and the term in words on every channel;
- document to bring -> `cv:Evidence`, linked from each channel it is for (`cpsv:hasInput`);
- result -> `cv:Output`; cost -> `cv:Cost`; provider -> `cv:PublicOrganisation` of its region
  (`dct:Location`); category -> `skos:Concept` (`cv:isClassifiedBy`);
- an abolished service (its `current` record) -> `adms:status` ADMS's `Withdrawn` (a
  `skos:Concept`, as the profile's shape asks), and the sentence that it is abolished, with the
  act that abolished it, first in its `dct:description`.

Identifiers are `urn:uuid:` IRIs from `ids.py` (the same UUIDs as in HSDS); `dct:identifier`
keeps the catalogue's own id. Texts are language-tagged literals, `@language` kk and ru.
Offices are demonstration data and are left out of this export (HSDS carries them, marked).
"""

from __future__ import annotations

from typing import Any

from citizen.catalogue.vocabulary import Locale
from citizen.opendata.durations import iso_duration
from citizen.opendata.ids import iri
from citizen.opendata.texts import (
    LOCALES,
    abolished_sentence,
    act_status_sentences,
    cite,
    localized,
    pick,
    say,
    term_sentences,
)

CONTEXT_URL = (
    "https://semiceu.github.io/uri.semic.eu-generated/CPSV-AP/releases/3.2.0/context/cpsv-ap.jsonld"
)
PREFIXES = {
    "adms": "http://www.w3.org/ns/adms#",
    "cpsv": "http://purl.org/vocab/cpsv#",
    "cv": "http://data.europa.eu/m8g/",
    "dct": "http://purl.org/dc/terms/",
    "dcat": "http://www.w3.org/ns/dcat#",
    "eli": "http://data.europa.eu/eli/ontology#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "locn": "http://www.w3.org/ns/locn#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
IN_FORCE = {"in_force": "eli:InForce-inForce", "repealed": "eli:InForce-notInForce"}
KZT = "http://publications.europa.eu/resource/authority/currency/KZT"
# ADMS's status vocabulary: a withdrawn public service is one no longer provided.
WITHDRAWN = "http://purl.org/adms/status/Withdrawn"
Node = dict[str, Any]


def lang(text: dict[str, str | None] | None) -> list[dict[str, str]]:
    """A catalogue text as language-tagged literals."""
    return [
        {"@value": value, "@language": locale.value}
        for locale in LOCALES
        if (value := pick(text, locale))
    ]


def own(texts: dict[Locale, str]) -> list[dict[str, str]]:
    """A text of Citizen's own (from Fluent) as language-tagged literals."""
    return [{"@value": text, "@language": locale.value} for locale, text in texts.items()]


def ref(node_iri: str) -> dict[str, str]:
    return {"@id": node_iri}


def to_cpsv_ap(doc: dict[str, Any]) -> dict[str, Any]:
    """The `format: 1` export document as one CPSV-AP JSON-LD document."""
    return {"@context": [CONTEXT_URL, PREFIXES], "@graph": _Graph(doc).build()}


class _Graph:
    """Builds the nodes once each; services refer to shared nodes by IRI."""

    def __init__(self, doc: dict[str, Any]):
        self.doc = doc
        self.acts = {a["id"]: a for a in doc["legal_acts"]}
        self.regions = {r["id"]: r for r in doc["regions"]}
        # The regions whose regulations an act approved, for acts that only list a service.
        self.act_regions: dict[str, list[str]] = {}
        for s in doc["services"]:
            for r in s["regulations"]:
                self.act_regions.setdefault(r["act"], []).append(r["region"])
        self.nodes: dict[str, Node] = {}

    def add(self, node: Node) -> str:
        self.nodes.setdefault(node["@id"], node)
        return str(node["@id"])

    def build(self) -> list[Node]:
        dataset = self._dataset()
        for service in self.doc["services"]:
            dataset["dct:hasPart"].append(ref(self._service(service)))
        for act in self.doc["legal_acts"]:  # amending and repealing acts too
            self._act(act["id"])
        return list(self.nodes.values())

    def _dataset(self) -> Node:
        version = self.doc.get("catalogue_version") or "-"
        publisher = self.add({
            "@id": iri("agent", "citizen"),
            "@type": "Agent",
            "dct:identifier": "citizen",
            "dct:title": own(localized(lambda loc: say(loc, "opendata-publisher"))),
        })
        node: Node = {
            "@id": iri("dataset", "catalogue"),
            "@type": "Dataset",
            "dct:title": own(localized(lambda loc: say(loc, "opendata-dataset-title"))),
            "dct:description": own(
                localized(lambda loc: say(loc, "opendata-dataset-description", version=version))
            ),
            "dct:publisher": ref(publisher),
            "dcat:version": version,
            "dct:hasPart": [],
        }
        self.add(node)
        return node

    def _service(self, s: dict[str, Any]) -> str:
        node: Node = {
            "@id": iri("service", s["id"]),
            "@type": "PublicService",
            "dct:identifier": s["id"],
            "dct:title": lang(s["name"]),
            "dct:description": own(
                localized(lambda loc: _service_description(s, loc))
            ),
            "dct:isPartOf": ref(iri("dataset", "catalogue")),
            "cv:isClassifiedBy": ref(self._category(s["category"])),
            "cv:hasCost": ref(self._cost(s)),
            "cv:hasCompetentAuthority": [],
            "cv:hasLegalResource": [],
            "cv:hasChannel": [],
            "cpsv:follows": [],
            "dct:spatial": [],
        }
        if (s.get("current") or {}).get("status") == "abolished":
            node["adms:status"] = ref(self._withdrawn())
        if cite(s.get("name_source")):
            node["dct:bibliographicCitation"] = cite(s["name_source"])
        if s.get("result"):
            node["cpsv:produces"] = ref(self._output(s))
        evidence = self._evidence(s)
        node["cpsv:hasInput"] = [ref(e["@id"]) for e, _ in evidence]
        acts = [a for a in [s.get("standard"), *s["listed_in"]] if a in self.acts]
        for r in s["regulations"]:
            acts.append(r["act"])
            node["cpsv:follows"].append(ref(self._rule(r)))
            node["cv:hasCompetentAuthority"].append(ref(self._provider(r)))
            node["dct:spatial"].append(ref(self._region(r["region"])))
            for c in r["channels"]:
                node["cv:hasChannel"].append(ref(self._channel(r, c, evidence)))
        if not s["regulations"]:
            # Listed only: no regulation text, so no provider is known; the body that approved
            # the (now repealed) regulation answers for the service in its region.
            for act_id in s["listed_in"][:1]:
                node["cv:hasCompetentAuthority"].append(ref(self._issuer(self.acts[act_id])))
        node["cv:hasLegalResource"] = [ref(self._act(a)) for a in dict.fromkeys(acts)]
        return self.add(node)

    def _withdrawn(self) -> str:
        return self.add({
            "@id": WITHDRAWN,
            "@type": "Concept",
            "skos:notation": "Withdrawn",
            "skos:prefLabel": own(localized(lambda loc: say(loc, "current-status-abolished"))),
        })

    def _category(self, category_id: str) -> str:
        category = next(c for c in self.doc["categories"] if c["id"] == category_id)
        return self.add({
            "@id": iri("category", category_id),
            "@type": "Concept",
            "skos:prefLabel": lang(category["name"]),
            "skos:notation": category_id,
        })

    def _region(self, region_id: str) -> str:
        region = self.regions[region_id]
        return self.add({
            "@id": iri("region", region_id),
            "@type": "Location",
            "locn:geographicName": lang(region["name"]),
            "dct:identifier": region_id,
        })

    def _provider(self, r: dict[str, Any]) -> str:
        ru = pick(r["provider"], Locale.RU) or r["id"]
        node = {
            "@id": iri("provider", f"{r['region']}:{ru}"),
            "@type": "PublicOrganization",
            "skos:prefLabel": lang(r["provider"]),
            "dct:spatial": ref(self._region(r["region"])),
        }
        return self.add(node)

    def _issuer(self, act: dict[str, Any]) -> str:
        node: Node = {
            "@id": iri("issuer", act["id"]),
            "@type": "PublicOrganization",
            "skos:prefLabel": lang(act["issuer"]),
            "dct:description": own(localized(lambda loc: say(loc, "opendata-authority-listing"))),
        }
        regions = dict.fromkeys(self.act_regions.get(act["id"], []))
        node["dct:spatial"] = [ref(self._region(region)) for region in regions]
        return self.add(node)

    def _act(self, act_id: str) -> str:
        act = self.acts[act_id]
        node: Node = {
            "@id": iri("act", act_id),
            "@type": "LegalResource",
            "dct:identifier": act_id,
            "eli:title": lang(act["title"]),
            "dct:description": own(localized(lambda loc: " ".join(act_status_sentences(act, loc)))),
        }
        if act["status"] in IN_FORCE:
            node["eli:in_force"] = ref(IN_FORCE[act["status"]])
        if act.get("number"):
            node["eli:id_local"] = act["number"]
        if act.get("date"):
            node["eli:date_document"] = {"@value": act["date"], "@type": "xsd:date"}
        if act.get("repealed_on"):
            node["eli:date_no_longer_in_force"] = {
                "@value": act["repealed_on"], "@type": "xsd:date"
            }
        if cite(act.get("source")):
            node["dct:bibliographicCitation"] = cite(act["source"])
        return self.add(node)

    def _rule(self, r: dict[str, Any]) -> str:
        act = self.acts[r["act"]]
        node: Node = {
            "@id": iri("regulation", r["id"]),
            "@type": "Rule",
            "dct:identifier": r["id"],
            "dct:title": lang(r["title"]),
            "dct:description": own(localized(lambda loc: _rule_description(r, act, loc))),
            "cpsv:implements": ref(self._act(r["act"])),
        }
        if cite(r.get("source")):
            node["dct:bibliographicCitation"] = cite(r["source"])
        return self.add(node)

    def _channel(
        self, r: dict[str, Any], c: dict[str, Any], evidence: list[tuple[Node, list[str]]]
    ) -> str:
        kind = c["channel"]
        node: Node = {
            "@id": iri("channel", f"{r['id']}/{kind}"),
            "@type": "Channel",
            "dct:identifier": f"{r['id']}#{kind}",
            "dct:type": ref(self._channel_type(kind)),
            "dct:description": own(localized(lambda loc: self._channel_text(r, c, loc))),
        }
        times = {iso_duration(t["duration"]) for t in r["terms"]
                 if not t["channels"] or kind in t["channels"]}
        if len(times) == 1 and None not in times:
            node["cv:processingTime"] = {"@value": times.pop(), "@type": "xsd:duration"}
        if c["accepts_applications"]:
            node["cpsv:hasInput"] = [ref(e["@id"]) for e, kinds in evidence
                                     if not kinds or kind in kinds]
        return self.add(node)

    def _channel_text(self, r: dict[str, Any], c: dict[str, Any], loc: Locale) -> str:
        region = pick(self.regions[r["region"]]["name"], loc) or r["region"]
        parts = [say(loc, "opendata-channel", channel=say(loc, f"channel-{c['channel']}"),
                     region=region)]
        if c["accepts_applications"]:
            parts.append(say(loc, "opendata-channel-accepts"))
        if c["issues_results"]:
            parts.append(say(loc, "opendata-channel-issues"))
        parts += term_sentences(r["terms"], c["channel"], loc)
        return " ".join(parts)

    def _channel_type(self, kind: str) -> str:
        return self.add({
            "@id": iri("channel-type", kind),
            "@type": "Concept",
            "skos:notation": kind,
            "skos:prefLabel": own(localized(lambda loc: say(loc, f"channel-{kind}"))),
        })

    def _evidence(self, s: dict[str, Any]) -> list[tuple[Node, list[str]]]:
        """Each document to bring, with the channels it is for (empty: every channel)."""
        found = []
        for i, dl in enumerate(s["documents"]):
            for j, item in enumerate(dl["items"]):
                node: Node = {
                    "@id": iri("evidence", f"{s['id']}/{i}/{j}"),
                    "@type": "Evidence",
                    "dct:identifier": f"{s['id']}#documents-{i + 1}-{j + 1}",
                    "dct:title": lang(item["name"]),
                    "dct:type": ref(self._document_kind(item["kind"])),
                }
                if item.get("note"):
                    node["dct:description"] = lang(item["note"])
                if cite(dl.get("source")):
                    node["dct:bibliographicCitation"] = cite(dl["source"])
                self.add(node)
                found.append((node, list(item["channels"])))
        return found

    def _document_kind(self, kind: str) -> str:
        return self.add({
            "@id": iri("document-kind", kind),
            "@type": "Concept",
            "skos:notation": kind,
            "skos:prefLabel": own(localized(lambda loc: say(loc, f"opendata-document-{kind}"))),
        })

    def _output(self, s: dict[str, Any]) -> str:
        return self.add({
            "@id": iri("output", s["id"]),
            "@type": "Output",
            "dct:identifier": f"{s['id']}#result",
            "dct:title": lang(s["result"]),
        })

    def _cost(self, s: dict[str, Any]) -> str:
        cost = s["cost"]
        node: Node = {
            "@id": iri("cost", s["id"]),
            "@type": "Cost",
            "dct:identifier": f"{s['id']}#cost",
            "dct:description": lang(cost.get("text"))
            or own(localized(lambda loc: say(loc, f"cost-{cost['kind']}"))),
        }
        if cost["kind"] == "free":
            node["cv:hasValue"] = {"@value": "0.0", "@type": "xsd:double"}
            node["cv:currency"] = ref(self.add({"@id": KZT, "@type": "Concept",
                                                "skos:notation": "KZT"}))
        if cite(cost.get("source")):
            node["dct:bibliographicCitation"] = cite(cost["source"])
        return self.add(node)


def _service_description(s: dict[str, Any], loc: Locale) -> str:
    parts = [abolished] if (abolished := abolished_sentence(s, loc)) else []
    if pick(s.get("result"), loc):
        parts.append(say(loc, "opendata-service-result", result=pick(s["result"], loc)))
    parts += [text for dl in s["documents"] if (text := pick(dl["statement"], loc))]
    return "\n\n".join(parts) or (pick(s["name"], loc) or s["id"])


def _rule_description(r: dict[str, Any], act: dict[str, Any], loc: Locale) -> str:
    title = pick(act["title"], loc) or act["id"]
    parts = [say(loc, "opendata-rule-approved-by", act=title), *act_status_sentences(act, loc)]
    parts += [text for note in r["notes"] if (text := pick(note["text"], loc))]
    return " ".join(parts)
