"""The catalogue as Open Referral HSDS 3.0 JSON, in one language per document.

HSDS describes a service delivered by one organization, while a catalogue service has a
regional regulation per region, each with its own provider, channels and term. So:

- catalogue service -> HSDS `program`; each regional regulation -> an HSDS `service` of that
  program, run by its provider (`organization`), in its region (`service_areas`);
- a service the acts only list by name -> an HSDS `service` with no organization (none is known);
- documents to bring -> `required_documents` (the channels a document is for, in words);
- office -> `location` (physical; `phones`; opening hours as a `schedules` description, since
  they are free text) linked by `service_at_locations` to each service whose channel it serves;
  the portal is one virtual location;
- channels and the stated term -> `application_process`; cost -> `fees_description`, and a
  zero `cost_options` entry where the regulation says the service is free;
- the act's legal status -> `status` (`active` only for an act in force: HSDS has no "unknown")
  and `alert` in words;
- an abolished service (its `current` record) -> `status` `defunct`, and the sentence that it
  is abolished, with the act that abolished it, first in `alert` and in `description`.

Ids are version-5 UUIDs of the catalogue ids (`ids.py`): the same in every export and language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from citizen.catalogue.vocabulary import Locale
from citizen.opendata.ids import stable_uuid
from citizen.opendata.texts import abolished_sentence, cite, pick, say, term_sentences

HSDS_VERSION = "3.0"
PORTAL_URL = "https://egov.kz"
Obj = dict[str, Any]


@dataclass
class HsdsView:
    """One language's HSDS objects, fully nested, as the HSDS API routes serve them."""

    locale: Locale
    catalogue_version: str | None
    services: list[Obj] = field(default_factory=list)
    organizations: list[Obj] = field(default_factory=list)
    service_at_locations: list[Obj] = field(default_factory=list)

    def document(self) -> Obj:
        """The whole export: every service (with its organization, locations and documents)
        and every organization (with its services)."""
        return {
            "hsds_version": HSDS_VERSION,
            "language": self.locale.value,
            "catalogue_version": self.catalogue_version,
            "services": self.services,
            "organizations": self.organizations,
        }


def one_to_one(obj: Obj) -> Obj:
    """The fields of a list item: an object without its one-to-many arrays."""
    return {k: v for k, v in obj.items() if not isinstance(v, list)}


def to_hsds(doc: dict[str, Any], locale: Locale) -> HsdsView:
    """The `format: 1` export document as HSDS 3.0 objects in `locale`."""
    return _Builder(doc, locale).build()


class _Builder:
    def __init__(self, doc: dict[str, Any], locale: Locale):
        self.doc, self.locale = doc, locale
        self.acts = {a["id"]: a for a in doc["legal_acts"]}
        self.regions = {r["id"]: r for r in doc["regions"]}
        self.organizations: dict[str, Obj] = {}
        self.provided: dict[str, list[str]] = {}  # organization id -> regulation titles

    def text(self, value: dict[str, str | None] | None) -> str | None:
        return pick(value, self.locale)

    def say(self, msg_id: str, **args: Any) -> str:
        return say(self.locale, msg_id, **args)

    def build(self) -> HsdsView:
        view = HsdsView(self.locale, self.doc.get("catalogue_version"))
        for s in self.doc["services"]:
            if s["regulations"]:
                view.services += [self._service(s, r) for r in s["regulations"]]
            else:
                view.services.append(self._listed_only(s))
        for org_id, org in self.organizations.items():
            org["description"] = self.say(
                "opendata-provider-description", regulations="; ".join(self.provided[org_id])
            )
            org["services"] = [
                {k: v for k, v in one_to_one(sv).items() if k != "organization"}
                for sv in view.services if sv.get("organization_id") == org_id
            ]
            view.organizations.append(org)
        for sv in view.services:
            if "organization_id" in sv:
                sv["organization"] = one_to_one(self.organizations[sv["organization_id"]])
        view.service_at_locations = [
            {**sal, "service": one_to_one(sv)}
            for sv in view.services for sal in sv.get("service_at_locations", [])
        ]
        return view

    def _service(self, s: dict[str, Any], r: dict[str, Any]) -> Obj:
        act = self.acts[r["act"]]
        service_id = stable_uuid("regulation", r["id"])
        organization = self._organization(r)
        status = self.say(f"act-status-{act['status']}")
        obj: Obj = {
            "id": service_id,
            "organization_id": organization["id"],
            "program_id": stable_uuid("service", s["id"]),
            "name": self.text(s["name"]) or s["id"],
            "description": self._description(s),
            **self._status(s, act["status"] == "in_force",
                           self.say("opendata-status-alert", status=status)),
            "application_process": self._process(r),
            "fees_description": self._fees(s),
            "organization": {},  # the organization's own fields, once all are known
            "program": {
                "id": stable_uuid("service", s["id"]),
                "name": self.text(s["name"]) or s["id"],
                "description": self.say("opendata-program-description"),
            },
            "service_areas": [{
                "id": stable_uuid("service-area", r["id"]),
                "service_id": service_id,
                "name": self.text(self.regions[r["region"]]["name"]) or r["region"],
            }],
            "required_documents": self._documents(s, r["id"], service_id),
            "service_at_locations": self._at_locations(s, r, service_id),
        }
        if len(s["regulations"]) == 1:  # the catalogue's cost is then this regulation's
            obj["cost_options"] = self._cost_options(s, service_id, r["id"])
        return obj

    def _listed_only(self, s: dict[str, Any]) -> Obj:
        service_id = stable_uuid("service", s["id"])
        acts = [self.acts[a] for a in s["listed_in"] if a in self.acts]
        status = self.say(f"act-status-{acts[0]['status']}") if acts else "-"
        return {
            "id": service_id,
            "name": self.text(s["name"]) or s["id"],
            "description": self._description(s),
            **self._status(s, bool(acts) and acts[0]["status"] == "in_force",
                           self.say("opendata-listed-only-alert", status=status)),
            "fees_description": self._fees(s),
            "required_documents": self._documents(s, s["id"], service_id),
        }

    def _status(self, s: dict[str, Any], in_force: bool, alert: str) -> Obj:
        """`status` and `alert`: an abolished service is `defunct` and says so first."""
        abolished = abolished_sentence(s, self.locale)
        if abolished is not None:
            return {"status": "defunct", "alert": f"{abolished} {alert}"}
        return {"status": "active" if in_force else "inactive", "alert": alert}

    def _description(self, s: dict[str, Any]) -> str:
        parts = [abolished] if (abolished := abolished_sentence(s, self.locale)) else []
        if self.text(s.get("result")):
            parts.append(self.say("opendata-service-result", result=self.text(s["result"])))
        parts += [t for dl in s["documents"] if (t := self.text(dl["statement"]))]
        return "\n\n".join(parts) or (self.text(s["name"]) or s["id"])

    def _process(self, r: dict[str, Any]) -> str:
        channels = r["channels"]
        accept = [self.say(f"channel-{c['channel']}")
                  for c in channels if c["accepts_applications"]]
        issue = [self.say(f"channel-{c['channel']}") for c in channels if c["issues_results"]]
        parts = []
        if accept:
            parts.append(self.say("opendata-where-to-apply", channels="; ".join(accept)))
        if issue:
            parts.append(self.say("opendata-where-results", channels="; ".join(issue)))
        terms = {t for c in channels for t in term_sentences(r["terms"], c["channel"], self.locale)}
        return " ".join(parts + sorted(terms))

    def _fees(self, s: dict[str, Any]) -> str:
        return self.text(s["cost"].get("text")) or self.say(f"cost-{s['cost']['kind']}")

    def _cost_options(self, s: dict[str, Any], service_id: str, key: str) -> list[Obj]:
        if s["cost"]["kind"] != "free":
            return []
        return [{
            "id": stable_uuid("cost-option", key),
            "service_id": service_id,
            "amount": 0,
            "currency": "KZT",
            "amount_description": self.say("cost-free"),
        }]

    def _organization(self, r: dict[str, Any]) -> Obj:
        ru = pick(r["provider"], Locale.RU) or r["id"]
        org_id = stable_uuid("provider", f"{r['region']}:{ru}")
        self.organizations.setdefault(org_id, {
            "id": org_id,
            "name": self.text(r["provider"]) or ru,
            "description": "",  # filled in once every regulation it provides is known
        })
        region = self.text(self.regions[r["region"]]["name"]) or r["region"]
        self.provided.setdefault(org_id, []).append(f"{self.text(r['title'])} ({region})")
        return self.organizations[org_id]

    def _documents(self, s: dict[str, Any], key: str, service_id: str) -> list[Obj]:
        found = []
        for i, dl in enumerate(s["documents"]):
            for j, item in enumerate(dl["items"]):
                words = [self.text(item["name"]) or "",
                         self.say(f"opendata-document-{item['kind']}")]
                if item["channels"]:
                    channels = ", ".join(self.say(f"channel-{c}") for c in item["channels"])
                    words.append(self.say("opendata-document-for-channels", channels=channels))
                if self.text(item.get("note")):
                    words.append(self.text(item["note"]) or "")
                found.append({
                    "id": stable_uuid("required-document", f"{key}/{i}/{j}"),
                    "service_id": service_id,
                    "document": f"{words[0]} ({'; '.join(words[1:])})",
                })
        return found

    def _at_locations(self, s: dict[str, Any], r: dict[str, Any], service_id: str) -> list[Obj]:
        found = []
        for c in r["channels"]:
            kind = c["channel"]
            locations = [self._portal()] if kind == "portal" else [
                self._office(o) for o in self.doc["offices"]
                if o["region"] == r["region"] and o["channel"] == kind
                and (not o["services"] or s["id"] in o["services"])
            ]
            parts = [self.say(f"channel-{kind}")]
            if c["accepts_applications"]:
                parts.append(self.say("opendata-channel-accepts"))
            if c["issues_results"]:
                parts.append(self.say("opendata-channel-issues"))
            for location in locations:
                found.append({
                    "id": stable_uuid("service-at-location", f"{r['id']}:{location['id']}"),
                    "service_id": service_id,
                    "location_id": location["id"],
                    "description": ". ".join(p.rstrip(".") for p in parts) + ".",
                    "location": location,
                })
        return found

    def _portal(self) -> Obj:
        return {
            "id": stable_uuid("location", "portal"),
            "location_type": "virtual",
            "url": PORTAL_URL,
            "name": self.say("channel-portal"),
            "description": self.say("opendata-portal-description"),
        }

    def _office(self, o: dict[str, Any]) -> Obj:
        location_id = stable_uuid("office", o["id"])
        description = [self.text(o["address"]) or ""]
        if o["example"]:
            description.append(self.say("office-example-mark"))
        if cite(o.get("source")):
            description.append(cite(o["source"]) or "")
        location: Obj = {
            "id": location_id,
            "location_type": "physical",
            "name": self.text(o["name"]) or o["id"],
            "description": " ".join(description),
            "external_identifier": o["id"],
            "external_identifier_type": "citizen-office-id",
            "schedules": [{
                "id": stable_uuid("schedule", o["id"]),
                "location_id": location_id,
                "description": self.text(o["opening_hours"]) or "",
            }],
        }
        if o.get("latitude") is not None:
            location["latitude"], location["longitude"] = o["latitude"], o["longitude"]
        if o.get("phone"):
            location["phones"] = [{
                "id": stable_uuid("phone", o["id"]),
                "location_id": location_id,
                "number": o["phone"],
            }]
        return location

