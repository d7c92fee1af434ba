"""Load validated catalogue data into the database in one transaction.

Rows with stable ids (regions, acts, services, regulations, offices) are upserted and the ones no
longer in the data are deleted, so that applications referring to a service survive a reload.
Child rows without an identity of their own (steps, terms, notes, documents) are replaced
whole. Loading the same data twice is a no-op: the stored version equals the data's digest.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import column, delete, func
from sqlalchemy import table as sql_table
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel, select

from citizen.catalogue import datafile as f
from citizen.catalogue import tables as t
from citizen.catalogue.queries import catalogue_version
from citizen.catalogue.reading import CatalogueData, read_catalogue
from citizen.db import session_scope


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


def _src(source: f.Source | None) -> dict[str, Any] | None:
    return source.model_dump(exclude_none=True) if source else None


def _pair(prefix: str, text: f.Text | None) -> dict[str, Any]:
    return {f"{prefix}_kk": text.kk if text else None, f"{prefix}_ru": text.ru if text else None}


def load_catalogue(engine: Engine, data_dir: Path | None = None, force: bool = False) -> LoadReport:
    """Validate the files, then replace the stored catalogue with them atomically.

    Raises `CatalogueInvalid` before touching the database when any file has a problem, and
    `CatalogueInUse` (changing nothing) when the data would remove a service or regulation that
    applications refer to. `force` reloads unchanged data and loads over that refusal: the
    applications keep their history, and their service/regulation ids then dangle.
    """
    data = read_catalogue(data_dir)
    regs = sum(len(s.regulations) for s in data.services)
    with session_scope(engine) as session:
        if not force and catalogue_version(session) == data.version:
            return LoadReport(data.version, False, len(data.services), regs)
        orphaned = _orphaned(session, data)
        if orphaned and not force:
            raise CatalogueInUse(orphaned)
        _write(session, data)
    return LoadReport(data.version, True, len(data.services), regs, tuple(orphaned))


def _orphaned(session: Session, data: CatalogueData) -> list[Orphaned]:
    """Stored services and regulations the data drops, with the applications referring to them."""
    kept_services = {s.id for s in data.services}
    kept_regs = {f"{s.id}/{r.region}" for s in data.services for r in s.regulations}
    gone_services = set(session.exec(select(t.Service.id)).all()) - kept_services
    gone_regs = set(session.exec(select(t.Regulation.id)).all()) - kept_regs
    found: list[Orphaned] = []
    for kind, key, gone in (
        ("service", _APPLICATION.c.service_id, gone_services),
        ("regulation", _APPLICATION.c.regulation_id, gone_regs),
    ):
        if not gone:
            continue
        rows = session.execute(
            select(key, func.count()).where(key.in_(sorted(gone))).group_by(key).order_by(key)
        ).all()
        found += [Orphaned(kind, str(ident), int(count)) for ident, count in rows]
    return found


def ensure_loaded(engine: Engine, data_dir: Path | None = None) -> LoadReport | None:
    """Load the catalogue on first start (empty database); otherwise leave it alone."""
    with Session(engine) as session:
        if catalogue_version(session):
            return None
    return load_catalogue(engine, data_dir)


def _write(session: Session, data: CatalogueData) -> None:
    for table in (t.DocumentItem, t.DocumentList, t.Step, t.Term, t.RegulationNote):
        session.execute(delete(table))
    rows: list[SQLModel] = []
    rows += _reference_rows(data.reference)
    acts = {a.id: a for a in data.acts}
    rows += [_act_row(a, acts) for a in data.acts]
    for pos, svc in enumerate(data.services):
        rows += _service_rows(pos, svc)
    rows += [_office_row(o) for o in data.offices.offices]
    rows += [_override_row(o) for o in data.calendar.overrides]
    rows.append(t.CatalogueMeta(id=1, version=data.version, loaded_at=dt.datetime.now(dt.UTC)))
    _upsert_and_prune(session, rows)
    for svc in data.services:
        _write_documents(session, svc)


def _upsert_and_prune(session: Session, rows: list[SQLModel]) -> None:
    """Merge every row by primary key; delete stored identity rows the data no longer has."""
    keep: dict[type[SQLModel], set[Any]] = {}
    for row in rows:
        pk = _pk(row)
        if pk is None:
            session.add(row)
        else:
            keep.setdefault(type(row), set()).add(pk)
            session.merge(row)
    session.flush()
    for table in t.CATALOGUE_TABLES:  # children first, so foreign keys hold
        if table in keep:
            for stored in session.exec(select(table)).all():
                if _pk(stored) not in keep[table]:
                    session.delete(stored)
            session.flush()


def _pk(row: SQLModel) -> Any:
    cols = [c.name for c in row.__table__.primary_key.columns]  # type: ignore[attr-defined]
    values = tuple(getattr(row, c) for c in cols)
    return None if values == (None,) else values


def _reference_rows(ref: f.ReferenceFile) -> Iterable[SQLModel]:
    for pos, r in enumerate(ref.regions):
        yield t.Region(id=r.id, position=pos, **_pair("name", r.name), source=_src(r.source))
    for pos, c in enumerate(ref.categories):
        yield t.Category(id=c.id, position=pos, **_pair("name", c.name))


def _act_row(a: f.LegalActFile, acts: dict[str, f.LegalActFile]) -> t.LegalAct:
    repeal = a.repeal
    by = acts[repeal.by] if repeal else None  # reading checked that it exists
    return t.LegalAct(
        id=a.id,
        kind=a.kind.value,
        **_pair("title", a.title),
        title_official=[x.value for x in a.title_official],
        **_pair("issuer", a.issuer),
        **_pair("citation", a.citation),
        **_pair("citation_by", a.citation_by),
        number=a.number,
        date=a.date,
        registry_number=a.registry_number,
        registered_on=a.registered_on,
        status=a.status,
        **_pair("repealed_by", (by.citation or by.title) if by else None),
        repealed_by_id=by.id if by else None,
        repealed_by_date=by.date if by else None,
        # `repealed_on` keeps its meaning for older readers: the day the act lost force.
        repealed_on=repeal.lost_force_on if repeal else None,
        lost_force_on=repeal.lost_force_on if repeal else None,
        **_pair("lost_force_rule", repeal.lost_force_rule if repeal else None),
        repeal_source=_src(repeal.source) if repeal else None,
        amendments=[m.model_dump(mode="json", exclude_none=True) for m in a.amendments],
        source=_src(a.source),
    )


def _service_rows(pos: int, s: f.ServiceFile) -> list[SQLModel]:
    rows: list[SQLModel] = [
        t.Service(
            id=s.id,
            position=pos,
            category_id=s.category,
            **_pair("name", s.name),
            name_ru_official=s.name_ru_official,
            name_source=_src(s.name_source),
            standard_id=s.standard,
            standard_ref=s.standard_ref,
            **_pair("result", s.result),
            cost_kind=s.cost.kind.value,
            **_pair("cost_text", s.cost.text),
            cost_source=_src(s.cost.source),
            listed_only=s.listed_only,
            listed_in=list(s.listed_in),
            current=s.current.model_dump(mode="json", exclude_none=True) if s.current else None,
        )
    ]
    for reg in s.regulations:
        rows += _regulation_rows(s.id, reg)
    return rows


def _write_documents(session: Session, s: f.ServiceFile) -> None:
    lists = [("documents", d) for d in s.documents]
    if s.refusal_grounds:
        lists.append(("refusal_grounds", s.refusal_grounds))
    for pos, (purpose, dl) in enumerate(lists):
        row = t.DocumentList(
            service_id=s.id,
            purpose=purpose,
            position=pos,
            knowledge=dl.knowledge.value,
            regions=list(dl.regions),
            standard_paragraph=dl.standard_paragraph,
            **_pair("statement", dl.statement),
            source=_src(dl.source),
        )
        session.add(row)
        session.flush()  # the items need the list's generated id
        assert row.id is not None
        for i, item in enumerate(dl.items):
            session.add(
                t.DocumentItem(
                    list_id=row.id,
                    position=i,
                    **_pair("name", item.name),
                    kind=item.kind.value,
                    channels=[c.value for c in item.channels],
                    **_pair("note", item.note),
                )
            )


def _regulation_rows(service_id: str, r: f.RegulationFile) -> list[SQLModel]:
    rid = f"{service_id}/{r.region}"
    rows: list[SQLModel] = [
        t.Regulation(
            id=rid,
            service_id=service_id,
            region_id=r.region,
            act_id=r.act,
            appendix=r.appendix,
            **_pair("title", r.title),
            **_pair("provider", r.provider),
            forms=[x.value for x in r.forms],
            **_pair("result", r.result),
            result_forms=[x.value for x in r.result_forms],
            max_waiting_value=r.max_waiting.value if r.max_waiting else None,
            max_waiting_unit=r.max_waiting.unit.value if r.max_waiting else None,
            max_service_value=r.max_service.value if r.max_service else None,
            max_service_unit=r.max_service.unit.value if r.max_service else None,
            source=_src(r.source),
            unstated_terms=[u.model_dump(mode="json", exclude_none=True) for u in r.unstated_terms],
            **_collection_limit(r.collection_limit),
        )
    ]
    for pos, ch in enumerate(r.channels):
        rows.append(
            t.RegulationChannel(
                regulation_id=rid,
                channel=ch.channel.value,
                position=pos,
                accepts_applications=ch.accepts_applications,
                issues_results=ch.issues_results,
            )
        )
    for pos, st in enumerate(r.steps):
        rows.append(
            t.Step(
                regulation_id=rid,
                position=pos,
                **_pair("actor", st.actor),
                **_pair("action", st.action),
                duration_value=st.duration.value if st.duration else None,
                duration_unit=st.duration.unit.value if st.duration else None,
                **_pair("duration_text", st.duration_text),
                **_pair("result", st.result),
                channels=[c.value for c in st.channels],
                source=_src(st.source),
                conditional=st.conditional,
                automated=st.automated,
            )
        )
    for pos, term in enumerate(r.terms):
        rows.append(
            t.Term(
                regulation_id=rid,
                position=pos,
                value=term.duration.value,
                unit=term.duration.unit.value,
                channels=[c.value for c in term.channels],
                **_pair("counted_from", term.counted_from),
                source=_src(term.source),
            )
        )
    for pos, note in enumerate(r.notes):
        rows.append(
            t.RegulationNote(
                regulation_id=rid,
                position=pos,
                **_pair("text", note.text),
                source=_src(note.source),
            )
        )
    return rows


def _collection_limit(limit: f.CollectionLimit | None) -> dict[str, Any]:
    return {
        "collection_limit_value": limit.duration.value if limit else None,
        "collection_limit_unit": limit.duration.unit.value if limit else None,
        "collection_limit_channels": [c.value for c in limit.channels] if limit else None,
        "collection_limit_source": _src(limit.source) if limit else None,
    }


def _office_row(o: f.OfficeFile) -> t.Office:
    return t.Office(
        id=o.id,
        region_id=o.region,
        channel=o.channel.value,
        **_pair("name", o.name),
        **_pair("address", o.address),
        **_pair("opening_hours", o.opening_hours),
        phone=o.phone,
        latitude=o.latitude,
        longitude=o.longitude,
        services=list(o.services),
        example=o.example,
        source=_src(o.source),
    )


def _override_row(o: f.CalendarOverride) -> t.CalendarOverride:
    return t.CalendarOverride(
        day=o.date, working=o.working, **_pair("reason", o.reason), source=_src(o.source)
    )
