"""One immutable snapshot of the loaded catalogue per catalogue version.

`build_snapshot(session)` reads every catalogue table once (a dozen plain SELECTs) and builds
the typed objects of `model.py`, the production calendar, the search index and the short keys
of the bot's buttons. A snapshot never changes; a reload of the catalogue makes a new version,
and `live.LiveCatalogue` builds the next snapshot in the background and swaps it in at once.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Any

import numpy as np
import numpy.typing as npt
from sqlalchemy import RowMapping, Table, select
from sqlmodel import Session, SQLModel

from citizen.catalogue import model as m
from citizen.catalogue import tables as t
from citizen.catalogue.calendar import ProductionCalendar
from citizen.catalogue.current import current_record
from citizen.catalogue.queries import catalogue_version
from citizen.catalogue.search import SearchIndex, SearchResult, load_synonyms
from citizen.catalogue.search.documents import search_documents
from citizen.catalogue.terms import Span
from citizen.catalogue.vocabulary import (
    ActKind,
    ActStatus,
    Channel,
    CostKind,
    DocumentKind,
    DurationUnit,
    Form,
    Knowledge,
    Locale,
)

Row = RowMapping  # one stored row, by column name


def short_key(identifier: str) -> str:
    """An 8-character, URL-safe key of an id (48 bits of its SHA-256: no collision in practice).

    Stable across reloads, unlike positions: Telegram buttons carry these instead of ids,
    which may be longer than a button's 64-byte payload allows.
    """
    digest = hashlib.sha256(identifier.encode()).digest()[:6]
    return base64.urlsafe_b64encode(digest).decode()


@dataclass(frozen=True)
class Listing:
    """Services in display order: by relevance when searching, else in catalogue order."""

    services: Sequence[m.Service]
    scores: Sequence[float] | None  # relevance of each service, when searching
    no_match: bool  # a search found nothing that fits
    search: SearchResult | None = None


@dataclass(frozen=True, eq=False)
class CatalogueSnapshot:
    version: str
    regions: tuple[m.Region, ...]
    categories: tuple[m.Category, ...]
    services: tuple[m.Service, ...]
    acts: Mapping[str, m.LegalAct]
    offices: tuple[m.Office, ...]
    calendar: ProductionCalendar = field(repr=False)
    index: SearchIndex = field(repr=False)
    _services: Mapping[str, m.Service] = field(repr=False)
    _regions: Mapping[str, m.Region] = field(repr=False)
    _categories: Mapping[str, m.Category] = field(repr=False)
    _offices: Mapping[str, m.Office] = field(repr=False)  # every notice and map button asks
    _by_region: Mapping[str, tuple[m.Service, ...]] = field(repr=False)
    _by_category: Mapping[str, tuple[m.Service, ...]] = field(repr=False)
    _keys: Mapping[str, str] = field(repr=False)  # short key -> id, for every kind
    # Where each region's and category's services stand in `services` (filters on a ranking).
    _region_indexes: Mapping[str, npt.NDArray[np.intp]] = field(repr=False)
    _category_indexes: Mapping[str, npt.NDArray[np.intp]] = field(repr=False)

    # --- look-ups --------------------------------------------------------------------------

    def service(self, service_id: str) -> m.Service | None:
        return self._services.get(service_id)

    def region(self, region_id: str) -> m.Region | None:
        return self._regions.get(region_id)

    def category(self, category_id: str) -> m.Category | None:
        return self._categories.get(category_id)

    def act(self, act_id: str) -> m.LegalAct | None:
        return self.acts.get(act_id)

    def office(self, office_id: str) -> m.Office | None:
        return self._offices.get(office_id)

    def regulation(self, service_id: str, region_id: str) -> m.Regulation | None:
        service = self.service(service_id)
        return service.regulation_in(region_id) if service else None

    def by_key(self, key: str) -> str | None:
        """The id of a service, region, category or office from its `short_key`."""
        return self._keys.get(key)

    # --- finding services ------------------------------------------------------------------

    def list_services(
        self, search: str | None = None, region: str | None = None, category: str | None = None
    ) -> Listing:
        """Services that fit the search words and have a regulation in `region`, in `category`."""
        pool = self._filtered(region, category)
        if not (search and search.strip()):
            return Listing(pool, None, False)
        # The index ranks the services in catalogue order: a position is an index of `services`.
        ranking = self.index.rank(search)
        positions, scores = ranking.positions, ranking.scores
        if pool is not self.services:
            allowed = np.isin(positions, self._indexes(region, category), assume_unique=True)
            positions, scores = positions[allowed], scores[allowed]
        services = [self.services[p] for p in positions.tolist()]
        result = SearchResult(search, [], ranking.no_match, ranking.terms, ranking.suggestion)
        return Listing(services, scores.tolist(), not services, result)

    def _indexes(self, region: str | None, category: str | None) -> npt.NDArray[np.intp]:
        """Where the services of a region and/or category stand in `services`."""
        chosen = [self._region_indexes.get(region or "")] if region else []
        chosen += [self._category_indexes.get(category or "")] if category else []
        arrays = [a if a is not None else np.zeros(0, dtype=np.intp) for a in chosen]
        if len(arrays) == 1:
            return arrays[0]
        both: npt.NDArray[np.intp] = np.intersect1d(arrays[0], arrays[1], assume_unique=True)
        return both

    def _filtered(self, region: str | None, category: str | None) -> tuple[m.Service, ...]:
        if region is None and category is None:
            return self.services
        if region is None:
            return self._by_category.get(category or "", ())
        in_region = self._by_region.get(region, ())
        if category is None:
            return in_region
        return tuple(s for s in in_region if s.category.id == category)


# --- building ----------------------------------------------------------------------------------


def _rows(session: Session, table: type[SQLModel], *order: str) -> Sequence[Row]:
    """Every row of a table as plain mappings: no ORM objects, the cheapest read there is."""
    core: Table = table.__table__  # type: ignore[attr-defined]
    stmt = select(core).order_by(*(core.c[name] for name in order))
    return session.execute(stmt).mappings().all()


def _text(row: Row, name: str) -> m.Text:
    return m.Text(row[f"{name}_kk"], row[f"{name}_ru"])


def _maybe_text(row: Row, name: str) -> m.Text | None:
    kk, ru = row[f"{name}_kk"], row[f"{name}_ru"]
    return None if kk is None and ru is None else m.Text(kk or ru, ru or kk)


def _source(raw: Mapping[str, Any] | None) -> m.Source | None:
    return m.Source(**raw) if raw else None


def _span(value: float | None, unit: str | None) -> Span | None:
    return Span(value, DurationUnit(unit)) if value is not None and unit else None


def _channels(values: Sequence[str] | None) -> frozenset[Channel]:
    return frozenset(Channel(v) for v in values or ())


def _grouped(rows: Sequence[Row], key: str) -> dict[Any, list[Row]]:
    out: dict[Any, list[Row]] = defaultdict(list)
    for row in rows:
        out[row[key]].append(row)
    return out


def _act(row: Row) -> m.LegalAct:
    """An act without its repeal (filled in by `_with_repeals`, once every act exists)."""
    amendments = tuple(
        m.Amendment(
            m.Text(**a["act"]),
            dt.date.fromisoformat(a["date"]) if a.get("date") else None,
            m.Text(**a["what"]),
            _source(a.get("source")),
        )
        for a in row["amendments"] or ()
    )
    return m.LegalAct(
        id=row["id"],
        kind=ActKind(row["kind"]),
        title=_text(row, "title"),
        issuer=_text(row, "issuer"),
        number=row["number"],
        date=row["date"],
        registry_number=row["registry_number"],
        registered_on=row["registered_on"],
        status=ActStatus(row["status"]),
        repealed_by=_maybe_text(row, "repealed_by"),
        repealed_on=row["repealed_on"],
        amendments=amendments,
        source=_source(row["source"]),
        citation=_maybe_text(row, "citation"),
        citation_by=_maybe_text(row, "citation_by"),
        title_official=frozenset(Locale(x) for x in row["title_official"] or ()),
    )


def _with_repeals(rows: Sequence[Row], acts: dict[str, m.LegalAct]) -> dict[str, m.LegalAct]:
    """The acts with their repeal, which names the repealing act (another act of the map)."""
    out = dict(acts)
    for row in rows:
        if row["repealed_by_id"] or row["status"] == ActStatus.REPEALED.value:
            repeal = m.Repeal(
                by=acts.get(row["repealed_by_id"] or ""),
                lost_force_on=row["lost_force_on"],
                lost_force_rule=_maybe_text(row, "lost_force_rule"),
                source=_source(row["repeal_source"]),
            )
            out[row["id"]] = replace(acts[row["id"]], repeal=repeal)
    return out


def _office(row: Row) -> m.Office:
    return m.Office(
        id=row["id"],
        region_id=row["region_id"],
        channel=Channel(row["channel"]),
        name=_text(row, "name"),
        address=_text(row, "address"),
        opening_hours=_text(row, "opening_hours"),
        phone=row["phone"],
        latitude=row["latitude"],
        longitude=row["longitude"],
        services=frozenset(row["services"] or ()),
        example=row["example"],
        source=_source(row["source"]),
    )


def _document_lists(session: Session) -> dict[tuple[str, str], list[m.DocumentList]]:
    """Document lists per (service id, purpose), with their items."""
    items = _grouped(_rows(session, t.DocumentItem, "list_id", "position"), "list_id")
    out: dict[tuple[str, str], list[m.DocumentList]] = defaultdict(list)
    for row in _rows(session, t.DocumentList, "service_id", "position"):
        listed = tuple(
            m.DocumentItem(
                _text(i, "name"), DocumentKind(i["kind"]), _channels(i["channels"]),
                _maybe_text(i, "note"),
            )
            for i in items.get(row["id"], ())
        )
        out[(row["service_id"], row["purpose"])].append(
            m.DocumentList(
                Knowledge(row["knowledge"]), row["standard_paragraph"],
                _text(row, "statement"), listed, _source(row["source"]),
                frozenset(row["regions"] or ()),
            )
        )
    return out


class _RegulationParts:
    """The child rows of every regulation, grouped by regulation id (read once)."""

    def __init__(self, session: Session):
        self.channels = _grouped(
            _rows(session, t.RegulationChannel, "regulation_id", "position"), "regulation_id"
        )
        self.steps = _grouped(_rows(session, t.Step, "regulation_id", "position"), "regulation_id")
        self.terms = _grouped(_rows(session, t.Term, "regulation_id", "position"), "regulation_id")
        self.notes = _grouped(
            _rows(session, t.RegulationNote, "regulation_id", "position"), "regulation_id"
        )


def _regulation(
    row: Row,
    parts: _RegulationParts,
    regions: Mapping[str, m.Region],
    acts: Mapping[str, m.LegalAct],
    offices: Sequence[m.Office],
    calendar: ProductionCalendar,
    documents: Sequence[m.DocumentList],
) -> m.Regulation:
    rid = row["id"]
    channels = tuple(
        m.ChannelRole(Channel(c["channel"]), c["accepts_applications"], c["issues_results"])
        for c in parts.channels.get(rid, ())
    )
    own = {c.channel for c in channels}
    return m.Regulation(
        id=rid,
        service_id=row["service_id"],
        region=regions[row["region_id"]],
        act=acts[row["act_id"]],
        appendix=row["appendix"],
        title=_text(row, "title"),
        provider=_text(row, "provider"),
        channels=channels,
        forms=tuple(Form(f) for f in row["forms"] or ()),
        result=_text(row, "result"),
        result_forms=tuple(Form(f) for f in row["result_forms"] or ()),
        steps=tuple(_step(n, s) for n, s in enumerate(parts.steps.get(rid, ()), start=1)),
        terms=tuple(
            m.Term(
                Span(x["value"], DurationUnit(x["unit"])), _channels(x["channels"]),
                _maybe_text(x, "counted_from"), _source(x["source"]),
            )
            for x in parts.terms.get(rid, ())
        ),
        max_waiting=_span(row["max_waiting_value"], row["max_waiting_unit"]),
        max_service=_span(row["max_service_value"], row["max_service_unit"]),
        notes=tuple(
            m.Note(_text(n, "text"), _source(n["source"])) for n in parts.notes.get(rid, ())
        ),
        # An office is shown on a regulation only if it is on one of the regulation's
        # channels: no State Corporation office on a card that cannot be applied for there.
        offices=tuple(
            o for o in offices
            if o.region_id == row["region_id"] and o.handles(row["service_id"])
            and o.channel in own
        ),
        source=_source(row["source"]),
        calendar=calendar,
        unstated_terms=tuple(
            m.UnstatedTerm(_channels(u["channels"]), m.Text(**u["refers_to"]),
                           _source(u.get("source")))
            for u in row["unstated_terms"] or ()
        ),
        collection_limit=_collection_limit(row),
        documents=tuple(d for d in documents if d.for_region(row["region_id"])),
    )


def _collection_limit(row: Row) -> m.CollectionLimit | None:
    span = _span(row["collection_limit_value"], row["collection_limit_unit"])
    if span is None:
        return None
    return m.CollectionLimit(
        span, _channels(row["collection_limit_channels"]), _source(row["collection_limit_source"])
    )


def _step(number: int, row: Row) -> m.Step:
    return m.Step(
        number=number,
        actor=_text(row, "actor"),
        action=_text(row, "action"),
        duration=_span(row["duration_value"], row["duration_unit"]),
        duration_text=_maybe_text(row, "duration_text"),
        result=_maybe_text(row, "result"),
        channels=_channels(row["channels"]),
        source=_source(row["source"]),
        conditional=bool(row["conditional"]),
        automated=bool(row["automated"]),
    )


def build_snapshot(session: Session) -> CatalogueSnapshot:
    """The snapshot of what the database holds now (empty when nothing is loaded)."""
    version = catalogue_version(session)
    regions = tuple(
        m.Region(r["id"], _text(r, "name"), _source(r["source"]))
        for r in _rows(session, t.Region, "position")
    )
    categories = tuple(
        m.Category(c["id"], _text(c, "name")) for c in _rows(session, t.Category, "position")
    )
    act_rows = _rows(session, t.LegalAct, "id")
    acts = _with_repeals(act_rows, {a["id"]: _act(a) for a in act_rows})
    offices = tuple(_office(o) for o in _rows(session, t.Office, "id"))
    overrides = {o["day"]: o["working"] for o in _rows(session, t.CalendarOverride, "day")}
    calendar = ProductionCalendar(overrides)
    by_id = {r.id: r for r in regions}
    parts = _RegulationParts(session)
    regulations = _grouped(_rows(session, t.Regulation, "service_id"), "service_id")
    lists = _document_lists(session)
    categories_by_id = {c.id: c for c in categories}
    region_order = {r.id: n for n, r in enumerate(regions)}
    services = []
    for row in _rows(session, t.Service, "position"):
        regs = sorted(regulations.get(row["id"], ()), key=lambda r: region_order[r["region_id"]])
        documents = tuple(lists.get((row["id"], "documents"), ()))
        services.append(
            m.Service(
                id=row["id"],
                position=row["position"],
                category=categories_by_id[row["category_id"]],
                name=_text(row, "name"),
                name_ru_official=row["name_ru_official"],
                name_source=_source(row["name_source"]),
                standard=acts.get(row["standard_id"] or ""),
                standard_ref=row["standard_ref"],
                result=_maybe_text(row, "result"),
                cost=m.Cost(
                    CostKind(row["cost_kind"]), _maybe_text(row, "cost_text"),
                    _source(row["cost_source"]),
                ),
                listed_only=row["listed_only"],
                listed_in=tuple(acts[a] for a in row["listed_in"] or () if a in acts),
                documents=documents,
                refusal_grounds=tuple(lists.get((row["id"], "refusal_grounds"), ())),
                regulations=tuple(
                    _regulation(r, parts, by_id, acts, offices, calendar, documents)
                    for r in regs
                ),
                current=current_record(row["current"], acts),
            )
        )
    return _assemble(version, regions, categories, tuple(services), acts, offices, calendar)


def _assemble(
    version: str,
    regions: tuple[m.Region, ...],
    categories: tuple[m.Category, ...],
    services: tuple[m.Service, ...],
    acts: dict[str, m.LegalAct],
    offices: tuple[m.Office, ...],
    calendar: ProductionCalendar,
) -> CatalogueSnapshot:
    by_region: dict[str, list[m.Service]] = defaultdict(list)
    by_category: dict[str, list[m.Service]] = defaultdict(list)
    region_indexes: dict[str, list[int]] = defaultdict(list)
    category_indexes: dict[str, list[int]] = defaultdict(list)
    for n, service in enumerate(services):
        by_category[service.category.id].append(service)
        category_indexes[service.category.id].append(n)
        for region in service.regions:
            by_region[region.id].append(service)
            region_indexes[region.id].append(n)
    ids = [x.id for group in (regions, categories, services, offices) for x in group]
    return CatalogueSnapshot(
        version=version,
        regions=regions,
        categories=categories,
        services=services,
        acts=MappingProxyType(acts),
        offices=offices,
        calendar=calendar,
        index=SearchIndex.build(search_documents(services), load_synonyms()),
        _services=MappingProxyType({s.id: s for s in services}),
        _regions=MappingProxyType({r.id: r for r in regions}),
        _categories=MappingProxyType({c.id: c for c in categories}),
        _offices=MappingProxyType({o.id: o for o in offices}),
        _by_region=MappingProxyType({k: tuple(v) for k, v in by_region.items()}),
        _by_category=MappingProxyType({k: tuple(v) for k, v in by_category.items()}),
        _keys=MappingProxyType({short_key(i): i for i in ids}),
        _region_indexes=MappingProxyType(
            {k: np.array(v, dtype=np.intp) for k, v in region_indexes.items()}
        ),
        _category_indexes=MappingProxyType(
            {k: np.array(v, dtype=np.intp) for k, v in category_indexes.items()}
        ),
    )
