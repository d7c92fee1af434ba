"""The open-data view of the catalogue: the snapshot, as one JSON document (`"format": 1`).

Facts are exported as stored, every text as `{"kk": ..., "ru": ...}`; the answers every door
gives ("how long" per channel, with its basis; step numbers as the regulation counts them) are
exported as computed by the snapshot, so the open data says what the API and the bot say.
Format 1 only grows: new fields are added, none is removed or renamed (what applies today in
`services[].current`, with the sentence said first in `headline`; an act's repeal in two parts
in `legal_acts[].repeal`, with `repealed_on` the day it lost force, and in words in
`repeal_text`; citations; conditional steps; unstated terms and collection limits).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from citizen.catalogue import model as m
from citizen.catalogue.snapshot import CatalogueSnapshot
from citizen.catalogue.terms import Span
from citizen.catalogue.today import headline, repeal_sentences
from citizen.catalogue.vocabulary import Locale

FORMAT_VERSION = 1


def _text(text: m.Text | None) -> dict[str, str] | None:
    return None if text is None else {"kk": text.kk, "ru": text.ru}


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def _duration(span: Span | None) -> dict[str, Any] | None:
    return None if span is None else {"value": _number(span.value), "unit": span.unit.value}


def _date(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _source(source: m.Source | None) -> dict[str, str] | None:
    if source is None:
        return None
    fields = ("seed", "ref", "url", "edition", "note", "research")
    return {f: getattr(source, f) for f in fields if getattr(source, f) is not None}


def _channels(channels: frozenset[Any]) -> list[str]:
    return sorted(c.value for c in channels)


def export_catalogue(catalogue: CatalogueSnapshot) -> dict[str, Any]:
    return {
        "format": FORMAT_VERSION,
        "catalogue_version": catalogue.version or None,
        "regions": [
            {"id": r.id, "name": _text(r.name), "source": _source(r.source)}
            for r in catalogue.regions
        ],
        "categories": [{"id": c.id, "name": _text(c.name)} for c in catalogue.categories],
        "legal_acts": [_act(catalogue.acts[a]) for a in sorted(catalogue.acts)],
        "services": [_service(s) for s in catalogue.services],
        "offices": [_office(o) for o in _offices_by_region(catalogue)],
    }


def _offices_by_region(catalogue: CatalogueSnapshot) -> list[m.Office]:
    order = {r.id: n for n, r in enumerate(catalogue.regions)}
    return sorted(catalogue.offices, key=lambda o: (order.get(o.region_id, len(order)), o.id))


def _act(a: m.LegalAct) -> dict[str, Any]:
    return {
        "id": a.id,
        "kind": a.kind.value,
        "title": _text(a.title),
        "issuer": _text(a.issuer),
        "number": a.number,
        "date": _date(a.date),
        "registry_number": a.registry_number,
        "registered_on": _date(a.registered_on),
        "status": a.status.value,
        "repealed_by": _text(a.repealed_by),
        "repealed_on": _date(a.repealed_on),
        "amendments": [
            {
                "act": _text(x.act),
                "date": _date(x.date),
                "what": _text(x.what),
                "source": _source(x.source),
            }
            for x in a.amendments
        ],
        "source": _source(a.source),
        "title_official": sorted(lang.value for lang in a.title_official),
        "citation": _text(a.citation),
        "citation_by": _text(a.citation_by),
        "repeal": _repeal(a.repeal),
        # how it stopped applying, worded by today.py as every door words it; null if in force
        "repeal_text": {loc.value: " ".join(repeal_sentences(a, loc)) for loc in Locale}
        if a.repealed else None,
    }


def _repeal(repeal: m.Repeal | None) -> dict[str, Any] | None:
    if repeal is None:
        return None
    return {
        "by": repeal.by.id if repeal.by else None,
        "by_date": _date(repeal.by.date) if repeal.by else None,
        "lost_force_on": _date(repeal.lost_force_on),
        "lost_force_rule": _text(repeal.lost_force_rule),
        "source": _source(repeal.source),
    }


def _document_list(dl: m.DocumentList) -> dict[str, Any]:
    return {
        "knowledge": dl.knowledge.value,
        "regions": sorted(dl.regions),
        "standard_paragraph": dl.standard_paragraph,
        "statement": _text(dl.statement),
        "items": [
            {
                "name": _text(i.name),
                "kind": i.kind.value,
                "channels": _channels(i.channels),
                "note": _text(i.note),
            }
            for i in dl.items
        ],
        "source": _source(dl.source),
    }


def _service(s: m.Service) -> dict[str, Any]:
    return {
        "id": s.id,
        "category": s.category.id,
        "name": _text(s.name),
        "name_ru_official": s.name_ru_official,
        "name_source": _source(s.name_source),
        "standard": s.standard.id if s.standard else None,
        "standard_ref": s.standard_ref,
        "result": _text(s.result),
        "cost": {
            "kind": s.cost.kind.value,
            "text": _text(s.cost.text),
            "source": _source(s.cost.source),
        },
        "listed_only": s.listed_only,
        "listed_in": [a.id for a in s.listed_in],
        "documents": [_document_list(d) for d in s.documents],
        "refusal_grounds": [_document_list(d) for d in s.refusal_grounds],
        "regulations": [_regulation(r) for r in s.regulations],
        "current": _current(s.current),
    }


def _fact(fact: m.CurrentFact | None, **extra: Any) -> dict[str, Any] | None:
    if fact is None:
        return None
    return {"text": _text(fact.text), "note": _text(fact.note), "source": _source(fact.source),
            **extra}


def _current(record: m.CurrentRecord | None) -> dict[str, Any] | None:
    if record is None:
        return None

    def act_id(act: m.LegalAct | None) -> str | None:
        return act.id if act else None

    return {
        "status": record.status.value,
        # worded by today.py, so the open-data converters say first what every door says
        "headline": {locale.value: headline(record, locale) for locale in Locale},
        "act": act_id(record.act),
        "appendix": record.appendix,
        "edition": _text(record.edition),
        "edition_date": _date(record.edition_date),
        "previous_act": act_id(record.previous_act),
        "abolished_by": act_id(record.abolished_by),
        "name": _fact(record.name),
        "provider": _fact(record.provider),
        "channels": _fact(record.channels, channels=[c.value for c in record.channel_list]),
        "term": _fact(record.term, duration=_duration(record.term_duration)),
        "cost": _fact(record.cost, kind=record.cost_kind.value if record.cost_kind else None),
        "result": _fact(record.result),
        "documents": [
            {
                "items": [_text(i) for i in d.items],
                "complete": d.complete,
                "channels": _channels(d.channels),
                "note": _text(d.note),
                "source": _source(d.source),
            }
            for d in record.documents
        ],
        "notes": [_fact(n) for n in record.notes],
        "confidence": {
            "level": record.confidence.value,
            "read": _text(record.read),
            "not_read": _text(record.not_read),
        },
        "where_to_check": _text(record.where_to_check),
        "checked_on": _date(record.checked_on),
        "source": _source(record.source),
    }


def _how_long(answer: m.HowLong) -> dict[str, Any]:
    return {
        "channel": answer.channel.value if answer.channel else None,
        "basis": answer.basis.value,
        "totals": [_duration(span) for span in answer.totals],
        "steps_without_duration": answer.steps_without_duration,
        "conditional_steps": answer.conditional_steps,
        "refers_to": _text(answer.refers_to),
    }


def _regulation(r: m.Regulation) -> dict[str, Any]:
    return {
        "id": r.id,
        "region": r.region.id,
        "act": r.act.id,
        "appendix": r.appendix,
        "title": _text(r.title),
        "provider": _text(r.provider),
        "channels": [
            {
                "channel": c.channel.value,
                "accepts_applications": c.accepts_applications,
                "issues_results": c.issues_results,
            }
            for c in r.channels
        ],
        "forms": [f.value for f in r.forms],
        "result": _text(r.result),
        "result_forms": [f.value for f in r.result_forms],
        "steps": [
            {
                "position": st.number,
                "actor": _text(st.actor),
                "action": _text(st.action),
                "duration": _duration(st.duration),
                "duration_text": _text(st.duration_text),
                "result": _text(st.result),
                "channels": _channels(st.channels),
                "source": _source(st.source),
                "conditional": st.conditional,
                "automated": st.automated,
            }
            for st in r.steps
        ],
        "terms": [
            {
                "duration": _duration(tm.span),
                "channels": _channels(tm.channels),
                "counted_from": _text(tm.counted_from),
                "source": _source(tm.source),
            }
            for tm in r.terms
        ],
        "how_long": [_how_long(r.how_long(c)) for c in r.accepting_channels],
        "max_waiting": _duration(r.max_waiting),
        "max_service": _duration(r.max_service),
        "notes": [{"text": _text(n.text), "source": _source(n.source)} for n in r.notes],
        "offices": [o.id for o in r.offices],
        "source": _source(r.source),
        "unstated_terms": [
            {
                "channels": _channels(u.channels),
                "refers_to": _text(u.refers_to),
                "source": _source(u.source),
            }
            for u in r.unstated_terms
        ],
        "collection_limit": None if r.collection_limit is None else {
            "duration": _duration(r.collection_limit.duration),
            "channels": _channels(r.collection_limit.channels),
            "source": _source(r.collection_limit.source),
        },
    }


def _office(o: m.Office) -> dict[str, Any]:
    return {
        "id": o.id,
        "region": o.region_id,
        "channel": o.channel.value,
        "name": _text(o.name),
        "address": _text(o.address),
        "opening_hours": _text(o.opening_hours),
        "phone": o.phone,
        "latitude": o.latitude,
        "longitude": o.longitude,
        "services": sorted(o.services),
        "example": o.example,
        "source": _source(o.source),
    }
