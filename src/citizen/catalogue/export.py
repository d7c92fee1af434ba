"""The open-data view of the catalogue: everything stored, as one JSON document."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session

from citizen.catalogue import queries
from citizen.catalogue import tables as t

# 2: what applies today (`services[].current`), the repeal of an act in two parts, citations,
# step flags; `repealed_on` now means the day an act lost force (empty when not known).
FORMAT_VERSION = 2


def _text(row: Any, field: str) -> dict[str, str] | None:
    kk, ru = getattr(row, f"{field}_kk"), getattr(row, f"{field}_ru")
    return None if kk is None and ru is None else {"kk": kk, "ru": ru}


def _duration(value: float | None, unit: str | None) -> dict[str, Any] | None:
    if value is None or unit is None:
        return None
    return {"value": int(value) if float(value).is_integer() else value, "unit": unit}


def export_catalogue(session: Session) -> dict[str, Any]:
    version = queries.catalogue_version(session)
    services = queries.all_services(session)
    sids = [s.id for s in services]
    regs = queries.regulations_by_service(session, sids)
    rids = [r.id for rs in regs.values() for r in rs]
    parts = {
        "channels": queries.channels_by_regulation(session, rids),
        "steps": queries.steps_by_regulation(session, rids),
        "terms": queries.terms_by_regulation(session, rids),
        "notes": queries.notes_by_regulation(session, rids),
    }
    docs = queries.document_lists_by_service(session, sids)
    refusals = queries.document_lists_by_service(session, sids, purpose="refusal_grounds")
    return {
        "format": FORMAT_VERSION,
        "catalogue_version": version or None,
        "regions": [
            {"id": r.id, "name": _text(r, "name"), "source": r.source}
            for r in queries.regions(session)
        ],
        "categories": [{"id": c.id, "name": _text(c, "name")} for c in queries.categories(session)],
        "legal_acts": [_act(a) for a in queries.all_acts(session)],
        "services": [_service(s, regs[s.id], parts, docs[s.id], refusals[s.id]) for s in services],
        "offices": [
            _office(o)
            for os in queries.offices_by_region(
                session, [r.id for r in queries.regions(session)]
            ).values()
            for o in os
        ],
    }


def _act(a: t.LegalAct) -> dict[str, Any]:
    return {
        "id": a.id,
        "kind": a.kind,
        "title": _text(a, "title"),
        "issuer": _text(a, "issuer"),
        "number": a.number,
        "date": a.date.isoformat() if a.date else None,
        "registry_number": a.registry_number,
        "registered_on": a.registered_on.isoformat() if a.registered_on else None,
        "status": a.status,
        "repealed_by": _text(a, "repealed_by"),
        "repealed_on": a.repealed_on.isoformat() if a.repealed_on else None,
        "amendments": a.amendments or [],
        "source": a.source,
        **_act_citation_and_repeal(a),
    }


# --- format 2: citations and the repeal in two parts -------------------------------------------


def _iso(day: Any) -> str | None:
    return day.isoformat() if day else None


def _act_citation_and_repeal(a: t.LegalAct) -> dict[str, Any]:
    repeal = None
    if a.repealed_by_id:
        repeal = {
            "by": a.repealed_by_id,
            "by_date": _iso(a.repealed_by_date),
            "lost_force_on": _iso(a.lost_force_on),
            "lost_force_rule": _text(a, "lost_force_rule"),
            "source": a.repeal_source,
        }
    return {
        "title_official": a.title_official or [],
        "citation": _text(a, "citation"),
        "citation_by": _text(a, "citation_by"),
        "repeal": repeal,
    }


def _regulation_limits(r: t.Regulation) -> dict[str, Any]:
    limit = None
    if r.collection_limit_value is not None:
        limit = {
            "duration": _duration(r.collection_limit_value, r.collection_limit_unit),
            "channels": r.collection_limit_channels or [],
            "source": r.collection_limit_source,
        }
    return {"unstated_terms": r.unstated_terms or [], "collection_limit": limit}


# --- end of format 2 additions -------------------------------------------------------------------


def _document_list(view: queries.DocumentListView) -> dict[str, Any]:
    dl = view.list
    return {
        "knowledge": dl.knowledge,
        "regions": dl.regions or [],
        "standard_paragraph": dl.standard_paragraph,
        "statement": _text(dl, "statement"),
        "items": [
            {
                "name": _text(i, "name"),
                "kind": i.kind,
                "channels": i.channels or [],
                "note": _text(i, "note"),
            }
            for i in view.items
        ],
        "source": dl.source,
    }


def _service(
    s: t.Service,
    regs: list[t.Regulation],
    parts: dict[str, Any],
    docs: list[queries.DocumentListView],
    refusals: list[queries.DocumentListView],
) -> dict[str, Any]:
    return {
        "id": s.id,
        "category": s.category_id,
        "name": _text(s, "name"),
        "name_ru_official": s.name_ru_official,
        "name_source": s.name_source,
        "standard": s.standard_id,
        "standard_ref": s.standard_ref,
        "result": _text(s, "result"),
        "cost": {"kind": s.cost_kind, "text": _text(s, "cost_text"), "source": s.cost_source},
        "listed_only": s.listed_only,
        "listed_in": s.listed_in or [],
        "documents": [_document_list(d) for d in docs],
        "refusal_grounds": [_document_list(d) for d in refusals],
        "regulations": [_regulation(r, parts) for r in regs],
        "current": s.current,  # format 2: what applies today (datafile.CurrentRecord as JSON)
    }


def _regulation(r: t.Regulation, parts: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": r.id,
        "region": r.region_id,
        "act": r.act_id,
        "appendix": r.appendix,
        "title": _text(r, "title"),
        "provider": _text(r, "provider"),
        "channels": [
            {
                "channel": c.channel,
                "accepts_applications": c.accepts_applications,
                "issues_results": c.issues_results,
            }
            for c in parts["channels"][r.id]
        ],
        "forms": r.forms or [],
        "result": _text(r, "result"),
        "result_forms": r.result_forms or [],
        "steps": [
            {
                "position": st.position + 1,
                "actor": _text(st, "actor"),
                "action": _text(st, "action"),
                "duration": _duration(st.duration_value, st.duration_unit),
                "duration_text": _text(st, "duration_text"),
                "result": _text(st, "result"),
                "channels": st.channels or [],
                "source": st.source,
                "conditional": st.conditional,  # format 2
                "automated": st.automated,  # format 2
            }
            for st in parts["steps"][r.id]
        ],
        "terms": [
            {
                "duration": _duration(tm.value, tm.unit),
                "channels": tm.channels or [],
                "counted_from": _text(tm, "counted_from"),
                "source": tm.source,
            }
            for tm in parts["terms"][r.id]
        ],
        "max_waiting": _duration(r.max_waiting_value, r.max_waiting_unit),
        "max_service": _duration(r.max_service_value, r.max_service_unit),
        "notes": [{"text": _text(n, "text"), "source": n.source} for n in parts["notes"][r.id]],
        "source": r.source,
        **_regulation_limits(r),
    }


def _office(o: t.Office) -> dict[str, Any]:
    return {
        "id": o.id,
        "region": o.region_id,
        "channel": o.channel,
        "name": _text(o, "name"),
        "address": _text(o, "address"),
        "opening_hours": _text(o, "opening_hours"),
        "phone": o.phone,
        "latitude": o.latitude,
        "longitude": o.longitude,
        "services": o.services or [],
        "example": o.example,
        "source": o.source,
    }
