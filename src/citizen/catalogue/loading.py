"""Load validated catalogue data into the database in one transaction.

Rows with stable ids (regions, acts, services, regulations, offices, calendar days) are upserted
and the ones no longer in the data are deleted, so that applications referring to a service
survive a reload. Child rows without an identity of their own (channels, steps, terms, notes,
documents) are replaced whole. Every table is written with a few bulk statements (`INSERT … ON
CONFLICT DO UPDATE` in batches), never a statement per row: a catalogue of 1,000 services is
some 30,000 rows.

Loading the same files twice is a no-op that costs a digest of their bytes and one SELECT: the
stored version is that digest, so unchanged files are neither parsed nor validated again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Table, column, delete, func, select
from sqlalchemy import table as sql_table
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection, Engine
from sqlmodel import Session, SQLModel

from citizen.catalogue import datafile as f
from citizen.catalogue import tables as t
from citizen.catalogue.queries import catalogue_version
from citizen.catalogue.reading import CatalogueData, data_version, read_catalogue


@dataclass(frozen=True)
class Orphaned:
    """A service or regulation the new data removes while applications still refer to it."""

    kind: str  # "service" | "regulation"
    id: str
    applications: int


@dataclass(frozen=True)
class LoadReport:
    version: str
    changed: bool
    services: int
    regulations: int
    # Loaded with force: what applications now refer to that the catalogue no longer has.
    orphaned: tuple[Orphaned, ...] = ()


class CatalogueInUse(Exception):
    """The new data would remove services or regulations that applications refer to."""

    def __init__(self, orphaned: list[Orphaned]):
        self.orphaned = orphaned
        super().__init__("the new data removes services or regulations that applications refer to")


# The applications module's table, named here without importing it: the catalogue is loaded
# before anything else exists, and applications depend on the catalogue, not the reverse.
_APPLICATION = sql_table("application", column("service_id"), column("regulation_id"))

Row = dict[str, Any]  # one row to write, by column name


def _table(model: type[SQLModel]) -> Table:
    table: Table = model.__table__  # type: ignore[attr-defined]
    return table


def load_catalogue(engine: Engine, data_dir: Path | None = None, force: bool = False) -> LoadReport:
    """Validate the files, then replace the stored catalogue with them atomically.

    Raises `CatalogueInvalid` before touching the database when any file has a problem, and
    `CatalogueInUse` (changing nothing) when the data would remove a service or regulation that
    applications refer to. `force` reloads unchanged data and loads over that refusal: the
    applications keep their history, and their service/regulation ids then dangle.
    """
    if not force:
        unchanged = _unchanged(engine, data_version(data_dir))
        if unchanged is not None:
            return unchanged
    data = read_catalogue(data_dir)
    regs = sum(len(s.regulations) for s in data.services)
    with engine.begin() as conn:
        if not force and _stored_version(conn) == data.version:
            return LoadReport(data.version, False, len(data.services), regs)
        orphaned = _orphaned(conn, data)
        if orphaned and not force:
            raise CatalogueInUse(orphaned)
        _write(conn, data)
    return LoadReport(data.version, True, len(data.services), regs, tuple(orphaned))


def _stored_version(conn: Connection) -> str:
    meta = _table(t.CatalogueMeta)
    return conn.execute(select(meta.c.version).where(meta.c.id == 1)).scalar() or ""


def _unchanged(engine: Engine, version: str | None) -> LoadReport | None:
    """The report of a reload that has nothing to do, when the stored version is the files'."""
    if version is None:
        return None
    with engine.connect() as conn:
        if _stored_version(conn) != version:
            return None
        services, regs = (
            conn.execute(select(func.count()).select_from(_table(model))).scalar_one()
            for model in (t.Service, t.Regulation)
        )
    return LoadReport(version, False, services, regs)


def _orphaned(conn: Connection, data: CatalogueData) -> list[Orphaned]:
    """Stored services and regulations the data drops, with the applications referring to them."""
    kept_services = {s.id for s in data.services}
    kept_regs = {f"{s.id}/{r.region}" for s in data.services for r in s.regulations}
    gone_services = set(conn.execute(select(_table(t.Service).c.id)).scalars()) - kept_services
    gone_regs = set(conn.execute(select(_table(t.Regulation).c.id)).scalars()) - kept_regs
    found: list[Orphaned] = []
    for kind, key, gone in (
        ("service", _APPLICATION.c.service_id, gone_services),
        ("regulation", _APPLICATION.c.regulation_id, gone_regs),
    ):
        for batch in _batches(sorted(gone)):
            rows = conn.execute(
                select(key, func.count()).where(key.in_(batch)).group_by(key).order_by(key)
            ).all()
            found += [Orphaned(kind, str(ident), int(count)) for ident, count in rows]
    return found


def ensure_loaded(engine: Engine, data_dir: Path | None = None) -> LoadReport | None:
    """Load the catalogue on first start (empty database); otherwise leave it alone."""
    with Session(engine) as session:
        if catalogue_version(session):
            return None
    return load_catalogue(engine, data_dir)


# --- writing -----------------------------------------------------------------------------------

# Rows with a stable id, parents before children (so foreign keys hold while upserting).
_IDENTITY_TABLES: tuple[type[SQLModel], ...] = (
    t.Region, t.Category, t.LegalAct, t.Service, t.Regulation, t.Office, t.CalendarOverride,
)
# Rows replaced whole on every load, children before parents (so foreign keys hold deleting).
_CHILD_TABLES: tuple[type[SQLModel], ...] = (
    t.DocumentItem, t.DocumentList, t.RegulationNote, t.Term, t.Step, t.RegulationChannel,
)


def _write(conn: Connection, data: CatalogueData) -> None:
    """Children out; identity rows upserted; the ones gone pruned; children in; version last."""
    for model in _CHILD_TABLES:
        conn.execute(delete(_table(model)))
    rows = _identity_rows(data)
    for model in _IDENTITY_TABLES:
        _upsert(conn, _table(model), rows.get(model, []))
    for model in reversed(_IDENTITY_TABLES):  # children first, so foreign keys hold
        _prune(conn, _table(model), rows.get(model, []))
    children = _regulation_children(data.services)
    for model in reversed(_CHILD_TABLES):  # parents first
        if model in children:
            _insert(conn, _table(model), children[model])
    _write_documents(conn, data.services)
    meta = {"id": 1, "version": data.version, "loaded_at": dt.datetime.now(dt.UTC)}
    _upsert(conn, _table(t.CatalogueMeta), [meta])


def _identity_rows(data: CatalogueData) -> dict[type[SQLModel], list[Row]]:
    acts = {a.id: a for a in data.acts}
    return {
        t.Region: [_region_row(pos, r) for pos, r in enumerate(data.reference.regions)],
        t.Category: [
            {"id": c.id, "position": pos, **_pair("name", c.name)}
            for pos, c in enumerate(data.reference.categories)
        ],
        t.LegalAct: [_act_row(a, acts) for a in data.acts],
        t.Service: [_service_row(pos, s) for pos, s in enumerate(data.services)],
        t.Regulation: [_regulation_row(s.id, r) for s in data.services for r in s.regulations],
        t.Office: [_office_row(o) for o in data.offices.offices],
        t.CalendarOverride: [_override_row(o) for o in data.calendar.overrides],
    }


def _upsert(conn: Connection, table: Table, rows: Sequence[Row]) -> None:
    """Insert the rows, updating those whose primary key is stored already (one executemany)."""
    if not rows:
        return
    _check_columns(table, rows[0])
    insert = sqlite_insert if conn.dialect.name == "sqlite" else postgresql_insert
    stmt = insert(table)
    keys = [c.name for c in table.primary_key.columns]
    updated = {name: stmt.excluded[name] for name in rows[0] if name not in keys}
    stmt = stmt.on_conflict_do_update(index_elements=keys, set_=updated)
    conn.execute(stmt, list(rows))


def _insert(conn: Connection, table: Table, rows: Sequence[Row]) -> None:
    if rows:
        _check_columns(table, rows[0])
        conn.execute(table.insert(), list(rows))


def _prune(conn: Connection, table: Table, kept: Sequence[Row]) -> None:
    """Delete the stored rows whose id the new data no longer has."""
    (key,) = table.primary_key.columns  # every identity table has a one-column key
    keep = {row[key.name] for row in kept}
    gone = [value for value in conn.execute(select(key)).scalars() if value not in keep]
    for batch in _batches(gone):
        conn.execute(delete(table).where(key.in_(batch)))


def _batches(values: Sequence[Any], size: int = 500) -> Iterator[Sequence[Any]]:
    """Slices short enough for any backend's limit on bound parameters."""
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _check_columns(table: Table, row: Row) -> None:
    """A row names exactly the table's columns (a generated id aside): no fact silently dropped."""
    names = {c.name for c in table.columns}
    generated = table.autoincrement_column
    missing = names - row.keys() - ({generated.name} if generated is not None else set())
    unknown = row.keys() - names
    if missing or unknown:
        raise RuntimeError(f"{table.name}: rows miss {sorted(missing)}, name {sorted(unknown)}")


def _write_documents(conn: Connection, services: Iterable[f.ServiceFile]) -> None:
    """Every document list, then their items, which refer to the ids the lists were given."""
    lists: list[Row] = []
    items: dict[tuple[str, int], list[Row]] = {}  # by (service id, list position)
    for s in services:
        named = [("documents", d) for d in s.documents]
        if s.refusal_grounds:
            named.append(("refusal_grounds", s.refusal_grounds))
        for pos, (purpose, dl) in enumerate(named):
            lists.append(_document_list_row(s.id, purpose, pos, dl))
            items[(s.id, pos)] = [_document_item_row(i, item) for i, item in enumerate(dl.items)]
    table = _table(t.DocumentList)
    _insert(conn, table, lists)
    # One read of the generated ids: RETURNING in an executemany is a statement per row on
    # SQLite, and the (service, position) of a list is unique.
    stored = conn.execute(select(table.c.id, table.c.service_id, table.c.position))
    rows = [{**item, "list_id": list_id} for list_id, service_id, pos in stored
            for item in items[(service_id, pos)]]
    _insert(conn, _table(t.DocumentItem), rows)


# --- rows ------------------------------------------------------------------------------------


def _src(source: f.Source | None) -> dict[str, Any] | None:
    return source.model_dump(exclude_none=True) if source else None


def _pair(prefix: str, text: f.Text | None) -> dict[str, Any]:
    return {f"{prefix}_kk": text.kk if text else None, f"{prefix}_ru": text.ru if text else None}


def _region_row(pos: int, r: f.RegionFile) -> Row:
    return {"id": r.id, "position": pos, **_pair("name", r.name), "source": _src(r.source)}


def _act_row(a: f.LegalActFile, acts: dict[str, f.LegalActFile]) -> Row:
    repeal = a.repeal
    by = acts[repeal.by] if repeal else None  # reading checked that it exists
    return {
        "id": a.id,
        "kind": a.kind.value,
        **_pair("title", a.title),
        "title_official": [x.value for x in a.title_official],
        **_pair("issuer", a.issuer),
        **_pair("citation", a.citation),
        **_pair("citation_by", a.citation_by),
        "number": a.number,
        "date": a.date,
        "registry_number": a.registry_number,
        "registered_on": a.registered_on,
        "status": a.status,
        **_pair("repealed_by", (by.citation or by.title) if by else None),
        "repealed_by_id": by.id if by else None,
        "repealed_by_date": by.date if by else None,
        # `repealed_on` keeps its meaning for older readers: the day the act lost force.
        "repealed_on": repeal.lost_force_on if repeal else None,
        "lost_force_on": repeal.lost_force_on if repeal else None,
        **_pair("lost_force_rule", repeal.lost_force_rule if repeal else None),
        "repeal_source": _src(repeal.source) if repeal else None,
        "amendments": [m.model_dump(mode="json", exclude_none=True) for m in a.amendments],
        "source": _src(a.source),
    }


def _service_row(pos: int, s: f.ServiceFile) -> Row:
    return {
        "id": s.id,
        "position": pos,
        "category_id": s.category,
        **_pair("name", s.name),
        "name_ru_official": s.name_ru_official,
        "name_source": _src(s.name_source),
        "standard_id": s.standard,
        "standard_ref": s.standard_ref,
        **_pair("result", s.result),
        "cost_kind": s.cost.kind.value,
        **_pair("cost_text", s.cost.text),
        "cost_source": _src(s.cost.source),
        "listed_only": s.listed_only,
        "listed_in": list(s.listed_in),
        "current": s.current.model_dump(mode="json", exclude_none=True) if s.current else None,
    }


def _document_list_row(service_id: str, purpose: str, pos: int, dl: f.DocumentList) -> Row:
    return {
        "service_id": service_id,
        "purpose": purpose,
        "position": pos,
        "knowledge": dl.knowledge.value,
        "regions": list(dl.regions),
        "standard_paragraph": dl.standard_paragraph,
        **_pair("statement", dl.statement),
        "source": _src(dl.source),
    }


def _document_item_row(pos: int, item: f.DocumentItem) -> Row:
    # `list_id` is added once the list is written and has its id.
    return {
        "position": pos,
        **_pair("name", item.name),
        "kind": item.kind.value,
        "channels": [c.value for c in item.channels],
        **_pair("note", item.note),
    }


def _regulation_row(service_id: str, r: f.RegulationFile) -> Row:
    return {
        "id": f"{service_id}/{r.region}",
        "service_id": service_id,
        "region_id": r.region,
        "act_id": r.act,
        "appendix": r.appendix,
        **_pair("title", r.title),
        **_pair("provider", r.provider),
        "forms": [x.value for x in r.forms],
        **_pair("result", r.result),
        "result_forms": [x.value for x in r.result_forms],
        "max_waiting_value": r.max_waiting.value if r.max_waiting else None,
        "max_waiting_unit": r.max_waiting.unit.value if r.max_waiting else None,
        "max_service_value": r.max_service.value if r.max_service else None,
        "max_service_unit": r.max_service.unit.value if r.max_service else None,
        "source": _src(r.source),
        "unstated_terms": [u.model_dump(mode="json", exclude_none=True) for u in r.unstated_terms],
        **_collection_limit(r.collection_limit),
    }


def _regulation_children(services: Iterable[f.ServiceFile]) -> dict[type[SQLModel], list[Row]]:
    """The channels, steps, terms and notes of every regulation, by table."""
    out: dict[type[SQLModel], list[Row]] = {
        t.RegulationChannel: [], t.Step: [], t.Term: [], t.RegulationNote: []
    }
    for s in services:
        for r in s.regulations:
            rid = f"{s.id}/{r.region}"
            out[t.RegulationChannel] += [_channel_row(rid, pos, c) for pos, c in
                                         enumerate(r.channels)]
            out[t.Step] += [_step_row(rid, pos, st) for pos, st in enumerate(r.steps)]
            out[t.Term] += [_term_row(rid, pos, term) for pos, term in enumerate(r.terms)]
            out[t.RegulationNote] += [
                {"regulation_id": rid, "position": pos, **_pair("text", note.text),
                 "source": _src(note.source)}
                for pos, note in enumerate(r.notes)
            ]
    return out


def _channel_row(rid: str, pos: int, ch: f.ChannelRole) -> Row:
    return {
        "regulation_id": rid,
        "channel": ch.channel.value,
        "position": pos,
        "accepts_applications": ch.accepts_applications,
        "issues_results": ch.issues_results,
    }


def _step_row(rid: str, pos: int, st: f.Step) -> Row:
    return {
        "regulation_id": rid,
        "position": pos,
        **_pair("actor", st.actor),
        **_pair("action", st.action),
        "duration_value": st.duration.value if st.duration else None,
        "duration_unit": st.duration.unit.value if st.duration else None,
        **_pair("duration_text", st.duration_text),
        **_pair("result", st.result),
        "channels": [c.value for c in st.channels],
        "source": _src(st.source),
        "conditional": st.conditional,
        "automated": st.automated,
    }


def _term_row(rid: str, pos: int, term: f.Term) -> Row:
    return {
        "regulation_id": rid,
        "position": pos,
        "value": term.duration.value,
        "unit": term.duration.unit.value,
        "channels": [c.value for c in term.channels],
        **_pair("counted_from", term.counted_from),
        "source": _src(term.source),
    }


def _collection_limit(limit: f.CollectionLimit | None) -> dict[str, Any]:
    return {
        "collection_limit_value": limit.duration.value if limit else None,
        "collection_limit_unit": limit.duration.unit.value if limit else None,
        "collection_limit_channels": [c.value for c in limit.channels] if limit else None,
        "collection_limit_source": _src(limit.source) if limit else None,
    }


def _office_row(o: f.OfficeFile) -> Row:
    return {
        "id": o.id,
        "region_id": o.region,
        "channel": o.channel.value,
        **_pair("name", o.name),
        **_pair("address", o.address),
        **_pair("opening_hours", o.opening_hours),
        "phone": o.phone,
        "latitude": o.latitude,
        "longitude": o.longitude,
        "services": list(o.services),
        "example": o.example,
        "source": _src(o.source),
    }


def _override_row(o: f.CalendarOverride) -> Row:
    return {
        "day": o.date, "working": o.working, **_pair("reason", o.reason), "source": _src(o.source)
    }
