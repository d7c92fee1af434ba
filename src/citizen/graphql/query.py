"""The root Query: thin resolvers that call the catalogue core and wrap its rows."""

from __future__ import annotations

import base64
from typing import Annotated

import strawberry
from strawberry.types import Info

from citizen.catalogue import queries
from citizen.catalogue import tables as t
from citizen.catalogue.index_cache import search_indexes
from citizen.graphql.context import ctx
from citizen.graphql.types.errors import InvalidInput, NotFound, invalid, not_found
from citizen.graphql.types.region import Category, Region
from citizen.graphql.types.service import PageInfo, Service, ServiceConnection, ServiceEdge

ServiceResult = Annotated[Service | NotFound, strawberry.union("ServiceResult")]
ServicesResult = Annotated[
    ServiceConnection | NotFound | InvalidInput, strawberry.union("ServicesResult")
]


def encode_cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(f"offset:{offset}".encode()).decode()


def decode_cursor(cursor: str) -> int | None:
    try:
        kind, _, value = base64.urlsafe_b64decode(cursor.encode()).decode().partition(":")
        return int(value) if kind == "offset" and int(value) >= 0 else None
    except (ValueError, UnicodeDecodeError):
        return None


def _ranked(
    info: Info, search: str | None, region: str | None, category: str | None
) -> tuple[list[tuple[str, float | None]], bool]:
    """Service ids in display order, with scores when searching; and whether nothing fits."""
    context = ctx(info)
    allowed: set[str] | None = None
    if region:
        allowed = context.read(lambda s: queries.service_ids_in_region(s, region))
    services = context.read(queries.all_services)
    if category:
        in_category = {s.id for s in services if s.category_id == category}
        allowed = in_category if allowed is None else allowed & in_category
    if search and search.strip():
        index = context.read(search_indexes.get)
        result = index.search(search, limit=len(services))
        hits = [(h.service_id, h.score) for h in result.hits]
        ranked: list[tuple[str, float | None]] = [
            (sid, score) for sid, score in hits if allowed is None or sid in allowed
        ]
        return ranked, not ranked
    return [(s.id, None) for s in services if allowed is None or s.id in allowed], False


@strawberry.type
class CatalogueQuery:
    @strawberry.field(description="Services, by relevance when `search` is given.")
    async def services(
        self,
        info: Info,
        search: str | None = None,
        region: strawberry.ID | None = None,
        category: strawberry.ID | None = None,
        first: int = 20,
        after: str | None = None,
    ) -> ServicesResult:
        read = ctx(info).read
        if region and read(lambda s: s.get(t.Region, region)) is None:
            return not_found("region", region)
        if category and read(lambda s: s.get(t.Category, category)) is None:
            return not_found("category", category)
        max_page = ctx(info).max_page
        if not 1 <= first <= max_page:
            return invalid("first", "api-first-out-of-range", max=max_page)
        start = 0
        if after is not None:
            decoded = decode_cursor(after)
            if decoded is None:
                return invalid("after", "api-bad-cursor")
            start = decoded + 1
        ranked, no_match = _ranked(info, search, region, category)
        page = ranked[start : start + first]
        rows = await ctx(info).loaders.service.load_many([sid for sid, _ in page])
        edges = [
            ServiceEdge(node=Service(row=row), cursor=encode_cursor(start + i), score=score)
            for i, (row, (_, score)) in enumerate(zip(rows, page, strict=True))
        ]
        return ServiceConnection(
            edges=edges,
            page_info=PageInfo(
                has_next_page=start + first < len(ranked),
                has_previous_page=start > 0,
                start_cursor=edges[0].cursor if edges else None,
                end_cursor=edges[-1].cursor if edges else None,
            ),
            total_count=len(ranked),
            no_match=no_match,
        )

    @strawberry.field(description="One service by its stable id, or NotFound.")
    async def service(self, info: Info, id: strawberry.ID) -> ServiceResult:
        row = await ctx(info).loaders.service.load(id)
        return Service(row=row) if row is not None else not_found("service", id)

    @strawberry.field
    def regions(self, info: Info) -> list[Region]:
        return [Region(row=r) for r in ctx(info).read(queries.regions)]

    @strawberry.field
    def categories(self, info: Info) -> list[Category]:
        return [Category(row=c) for c in ctx(info).read(queries.categories)]

    @strawberry.field(description="digest of the loaded catalogue data; changes on every edit")
    def catalogue_version(self, info: Info) -> str:
        return ctx(info).read(queries.catalogue_version)
