"""The root Query: thin resolvers that ask the catalogue snapshot and wrap its answers.

`services` is a Relay connection; its argument problems are a field of the connection
(`problem`), not a union around it, which Relay's @connection would refuse. The union shape
of earlier releases stays one release longer as the deprecated `servicesResult`.
"""

from __future__ import annotations

import base64
from typing import Annotated

import strawberry
from strawberry.types import Info

from citizen.graphql.context import Context, ctx
from citizen.graphql.global_ids import NodeKind, catalogue_key
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


def services_page(
    context: Context,
    search: str | None,
    region: str | None,
    category: str | None,
    first: int,
    after: str | None,
) -> ServiceConnection:
    """One page of the service list, or an empty page whose `problem` says what was wrong."""
    catalogue = context.catalogue
    if region and catalogue.region(region) is None:
        return ServiceConnection.refused(not_found("region", region))
    if category and catalogue.category(category) is None:
        return ServiceConnection.refused(not_found("category", category))
    if not 1 <= first <= context.max_page:
        return ServiceConnection.refused(
            invalid("first", "api-first-out-of-range", max=context.max_page)
        )
    start = 0
    if after is not None:
        decoded = decode_cursor(after)
        if decoded is None:
            return ServiceConnection.refused(invalid("after", "api-bad-cursor"))
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


SERVICES_DESCRIPTION = (
    "Services, by relevance when `search` is given: a Relay connection. An unknown region or "
    "category, `first` out of range or a bad `after` cursor give an empty page with `problem`."
)


@strawberry.type
class CatalogueQuery:
    @strawberry.field(description=SERVICES_DESCRIPTION)
    def services(
        self,
        info: Info,
        search: str | None = None,
        region: strawberry.ID | None = None,
        category: strawberry.ID | None = None,
        first: int = 20,
        after: str | None = None,
    ) -> ServiceConnection:
        return services_page(ctx(info), search, region, category, first, after)

    @strawberry.field(
        description="The services list in the shape of earlier releases: a union of the page, "
        "NotFound and InvalidInput.",
        deprecation_reason="Use `services`, a Relay connection that reports argument problems "
        "in its `problem` field. `servicesResult` is kept for one release so that a client "
        "can switch with an alias (`services: servicesResult(...)`) before moving on.",
    )
    def services_result(
        self,
        info: Info,
        search: str | None = None,
        region: strawberry.ID | None = None,
        category: strawberry.ID | None = None,
        first: int = 20,
        after: str | None = None,
    ) -> ServicesResult:
        page = services_page(ctx(info), search, region, category, first, after)
        return page.problem if page.problem is not None else page

    @strawberry.field(
        description="One service by its catalogue id (`catalogueId`) or global id (`id`), "
        "or NotFound."
    )
    def service(self, info: Info, id: strawberry.ID) -> ServiceResult:
        found = ctx(info).catalogue.service(catalogue_key(id, NodeKind.SERVICE))
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
