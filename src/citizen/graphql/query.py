"""The root Query: thin resolvers that ask the catalogue snapshot and wrap its answers."""

from __future__ import annotations

import base64
from typing import Annotated

import strawberry
from strawberry.types import Info

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


@strawberry.type
class CatalogueQuery:
    @strawberry.field(description="Services, by relevance when `search` is given.")
    def services(
        self,
        info: Info,
        search: str | None = None,
        region: strawberry.ID | None = None,
        category: strawberry.ID | None = None,
        first: int = 20,
        after: str | None = None,
    ) -> ServicesResult:
        catalogue = ctx(info).catalogue
        if region and catalogue.region(region) is None:
            return not_found("region", region)
        if category and catalogue.category(category) is None:
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
        listing = catalogue.list_services(search, region, category)
        page = listing.services[start : start + first]
        scores = listing.scores[start : start + first] if listing.scores else [None] * len(page)
        edges = [
            ServiceEdge(node=Service(obj=service), cursor=encode_cursor(start + i), score=score)
            for i, (service, score) in enumerate(zip(page, scores, strict=True))
        ]
        return ServiceConnection(
            edges=edges,
            page_info=PageInfo(
                has_next_page=start + first < len(listing.services),
                has_previous_page=start > 0,
                start_cursor=edges[0].cursor if edges else None,
                end_cursor=edges[-1].cursor if edges else None,
            ),
            total_count=len(listing.services),
            no_match=listing.no_match,
        )

    @strawberry.field(description="One service by its stable id, or NotFound.")
    def service(self, info: Info, id: strawberry.ID) -> ServiceResult:
        found = ctx(info).catalogue.service(id)
        return Service(obj=found) if found is not None else not_found("service", id)

    @strawberry.field
    def regions(self, info: Info) -> list[Region]:
        return [Region(obj=r) for r in ctx(info).catalogue.regions]

    @strawberry.field
    def categories(self, info: Info) -> list[Category]:
        return [Category(obj=c) for c in ctx(info).catalogue.categories]

    @strawberry.field(description="digest of the loaded catalogue data; changes on every edit")
    def catalogue_version(self, info: Info) -> str:
        return ctx(info).catalogue.version
