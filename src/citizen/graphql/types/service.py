"""A state service, with its regional regulations; and the Relay connection that lists them."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from citizen.catalogue import tables as t
from citizen.catalogue.vocabulary import Channel, CostKind, Locale
from citizen.graphql.context import ctx, locale_of
from citizen.graphql.types.common import Source, label, text_field
from citizen.graphql.types.document import DocumentList
from citizen.graphql.types.errors import NotFound, not_found
from citizen.graphql.types.legal_act import LegalAct
from citizen.graphql.types.region import Category, Region
from citizen.graphql.types.regulation import Regulation

RegulationResult = Annotated[Regulation | NotFound, strawberry.union("RegulationResult")]


@strawberry.type
class Cost:
    row: strawberry.Private[t.Service]

    @strawberry.field
    def kind(self) -> CostKind:
        return CostKind(self.row.cost_kind)

    @strawberry.field(description="'Тегін' / 'Бесплатно', or that the cost is not known")
    def label(self, info: Info, locale: Locale | None = None) -> str:
        return label(locale_of(info, locale), "cost", self.row.cost_kind)

    @strawberry.field
    def text(self, info: Info, locale: Locale | None = None) -> str | None:
        return getattr(self.row, f"cost_text_{locale_of(info, locale).value}")

    @strawberry.field
    def source(self) -> Source | None:
        return Source.of(self.row.cost_source)


@strawberry.type(description="A state service (мемлекеттік көрсетілетін қызмет).")
class Service:
    row: strawberry.Private[t.Service]

    @strawberry.field(description="stable id, e.g. preschool-queue; also the bot's deep link")
    def id(self) -> strawberry.ID:
        return strawberry.ID(self.row.id)

    name = text_field("name", "official name (Russian: official where a source gives it)")
    result = text_field("result", "what the applicant receives", nullable=True)

    @strawberry.field(description="true when the Russian name is quoted from a source")
    def name_ru_official(self) -> bool:
        return self.row.name_ru_official

    @strawberry.field
    def name_source(self) -> Source | None:
        return Source.of(self.row.name_source)

    @strawberry.field
    async def category(self, info: Info) -> Category:
        return Category(row=await ctx(info).loaders.category.load(self.row.category_id))

    @strawberry.field
    def cost(self) -> Cost:
        return Cost(row=self.row)

    @strawberry.field(description="the national standard of the service, with its status")
    async def standard(self, info: Info) -> LegalAct | None:
        if self.row.standard_id is None:
            return None
        return LegalAct(row=await ctx(info).loaders.act.load(self.row.standard_id))

    @strawberry.field(description="appendix of the standard-approving order, if known")
    def standard_ref(self) -> str | None:
        return self.row.standard_ref

    @strawberry.field(description="true: the seeds only name this service; nothing else known")
    def listed_only(self) -> bool:
        return self.row.listed_only

    @strawberry.field(description="acts that name this service")
    async def listed_in(self, info: Info) -> list[LegalAct]:
        rows = await ctx(info).loaders.act.load_many(self.row.listed_in or [])
        return [LegalAct(row=r) for r in rows if r is not None]

    @strawberry.field(description="documents to bring, optionally for one channel")
    async def documents(self, info: Info, channel: Channel | None = None) -> list[DocumentList]:
        views = await ctx(info).loaders.documents.load(self.row.id)
        return [DocumentList.of(v, channel) for v in views]

    @strawberry.field
    async def refusal_grounds(self, info: Info) -> list[DocumentList]:
        views = await ctx(info).loaders.refusal_grounds.load(self.row.id)
        return [DocumentList.of(v) for v in views]

    @strawberry.field(description="regions with a regulation for this service")
    async def regions(self, info: Info) -> list[Region]:
        regs = await ctx(info).loaders.regulations.load(self.row.id)
        rows = await ctx(info).loaders.region.load_many([r.region_id for r in regs])
        return [Region(row=r) for r in rows]

    @strawberry.field(description="the regional regulations (one per region)")
    async def regulations(self, info: Info) -> list[Regulation]:
        return [Regulation(row=r) for r in await ctx(info).loaders.regulations.load(self.row.id)]

    @strawberry.field(description="the regulation for one region, or NotFound")
    async def regulation(self, info: Info, region: strawberry.ID) -> RegulationResult:
        for r in await ctx(info).loaders.regulations.load(self.row.id):
            if r.region_id == region:
                return Regulation(row=r)
        return not_found("regulation", f"{self.row.id}/{region}")


@strawberry.type
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None


@strawberry.type
class ServiceEdge:
    node: Service
    cursor: str
    score: float | None = strawberry.field(description="search relevance; null without search")


@strawberry.type(description="A page of services (Relay connection).")
class ServiceConnection:
    edges: list[ServiceEdge]
    page_info: PageInfo
    total_count: int
    no_match: bool = strawberry.field(
        description="true when a search found nothing that fits (the list is then empty)"
    )
