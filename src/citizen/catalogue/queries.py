"""Read functions over the stored catalogue, shared by every door (API, bot, operator, export).

Functions that take a collection of ids answer for all of them in one SQL statement and return
a dict keyed by id, so that GraphQL DataLoaders can batch through them and the number of
statements per request does not grow with the number of services shown.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import ColumnElement
from sqlmodel import Session, SQLModel, col, select

from citizen.catalogue import tables as t

R = TypeVar("R", bound=SQLModel)


@dataclass(frozen=True)
class DocumentListView:
    """A document list (or the refusal grounds) with its items, in the data file's order."""

    list: t.DocumentList
    items: Sequence[t.DocumentItem]


def catalogue_version(session: Session) -> str:
    """The digest of the loaded catalogue data; "" while nothing is loaded.

    Caches of derived data (search index, calendar, bot cards) key on it: it changes whenever
    the catalogue is reloaded with different data, by any process.
    """
    meta = session.get(t.CatalogueMeta, 1)
    return meta.version if meta else ""


def regions(session: Session) -> Sequence[t.Region]:
    return session.exec(select(t.Region).order_by(col(t.Region.position))).all()


def categories(session: Session) -> Sequence[t.Category]:
    return session.exec(select(t.Category).order_by(col(t.Category.position))).all()


def all_services(session: Session) -> Sequence[t.Service]:
    return session.exec(select(t.Service).order_by(col(t.Service.position))).all()


def services_by_id(session: Session, ids: Collection[str]) -> dict[str, t.Service]:
    rows = session.exec(select(t.Service).where(col(t.Service.id).in_(list(ids)))).all()
    return {r.id: r for r in rows}


def service_ids_in_region(session: Session, region_id: str) -> set[str]:
    stmt = select(t.Regulation.service_id).where(t.Regulation.region_id == region_id)
    return set(session.exec(stmt).all())


def acts_by_id(session: Session, ids: Collection[str]) -> dict[str, t.LegalAct]:
    rows = session.exec(select(t.LegalAct).where(col(t.LegalAct.id).in_(list(ids)))).all()
    return {r.id: r for r in rows}


def all_acts(session: Session) -> Sequence[t.LegalAct]:
    return session.exec(select(t.LegalAct).order_by(col(t.LegalAct.id))).all()


def _grouped(
    session: Session, table: type[R], key: Any, ids: Collection[Any], order: Any
) -> dict[Any, list[R]]:
    out: dict[Any, list[R]] = defaultdict(list)
    if ids:
        cond: ColumnElement[bool] = col(key).in_(list(ids))
        for row in session.exec(select(table).where(cond).order_by(col(order))).all():
            out[getattr(row, key.key)].append(row)
    return {i: out.get(i, []) for i in ids}


def regulations_by_service(
    session: Session, service_ids: Collection[str]
) -> dict[str, list[t.Regulation]]:
    return _grouped(
        session, t.Regulation, t.Regulation.service_id, service_ids, t.Regulation.region_id
    )


def regulations_by_id(session: Session, ids: Collection[str]) -> dict[str, t.Regulation]:
    rows = session.exec(select(t.Regulation).where(col(t.Regulation.id).in_(list(ids)))).all()
    return {r.id: r for r in rows}


def channels_by_regulation(
    session: Session, regulation_ids: Collection[str]
) -> dict[str, list[t.RegulationChannel]]:
    return _grouped(
        session,
        t.RegulationChannel,
        t.RegulationChannel.regulation_id,
        regulation_ids,
        t.RegulationChannel.position,
    )


def steps_by_regulation(
    session: Session, regulation_ids: Collection[str]
) -> dict[str, list[t.Step]]:
    return _grouped(session, t.Step, t.Step.regulation_id, regulation_ids, t.Step.position)


def terms_by_regulation(
    session: Session, regulation_ids: Collection[str]
) -> dict[str, list[t.Term]]:
    return _grouped(session, t.Term, t.Term.regulation_id, regulation_ids, t.Term.position)


def notes_by_regulation(
    session: Session, regulation_ids: Collection[str]
) -> dict[str, list[t.RegulationNote]]:
    return _grouped(
        session,
        t.RegulationNote,
        t.RegulationNote.regulation_id,
        regulation_ids,
        t.RegulationNote.position,
    )


def document_lists_by_service(
    session: Session, service_ids: Collection[str], purpose: str = "documents"
) -> dict[str, list[DocumentListView]]:
    """Document lists with their items, in two statements whatever the number of services."""
    lists = session.exec(
        select(t.DocumentList)
        .where(col(t.DocumentList.service_id).in_(list(service_ids)))
        .where(t.DocumentList.purpose == purpose)
        .order_by(col(t.DocumentList.position))
    ).all()
    items = _grouped(
        session,
        t.DocumentItem,
        t.DocumentItem.list_id,
        [dl.id for dl in lists],
        t.DocumentItem.position,
    )
    out: dict[str, list[DocumentListView]] = {sid: [] for sid in service_ids}
    for dl in lists:
        out[dl.service_id].append(DocumentListView(dl, items.get(dl.id, [])))
    return out


def offices_by_region(session: Session, region_ids: Collection[str]) -> dict[str, list[t.Office]]:
    return _grouped(session, t.Office, t.Office.region_id, region_ids, t.Office.id)


def offices_for(offices: Sequence[t.Office], service_id: str) -> list[t.Office]:
    """The offices of a region that handle a service (an empty service list means all)."""
    return [o for o in offices if not o.services or service_id in o.services]


def office(session: Session, office_id: str) -> t.Office | None:
    return session.get(t.Office, office_id)


def calendar_overrides(session: Session) -> Sequence[t.CalendarOverride]:
    return session.exec(select(t.CalendarOverride)).all()
