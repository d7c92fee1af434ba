"""A state service, with its regional regulations; and the Relay connection that lists them."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from citizen.catalogue import model as m
from citizen.catalogue.vocabulary import Channel, CostKind, Locale
from citizen.graphql.context import locale_of
from citizen.graphql.global_ids import NodeKind, to_global_id
from citizen.graphql.types.common import Source, text_field
from citizen.graphql.types.current import CurrentRecord, current_record
from citizen.graphql.types.document import DocumentList
from citizen.graphql.types.errors import InvalidInput, NotFound, not_found
from citizen.graphql.types.legal_act import LegalAct
from citizen.graphql.types.node import GLOBAL_ID, Node
from citizen.graphql.types.region import Category, Region
from citizen.graphql.types.regulation import Regulation
from citizen.i18n import label

RegulationResult = Annotated[Regulation | NotFound, strawberry.union("RegulationResult")]
ServicesProblem = Annotated[
    NotFound | InvalidInput,
    strawberry.union(
        "ServicesProblem",
        description="Why `services` listed nothing: an unknown region or category (NotFound), "
        "or `first` / `after` not acceptable (InvalidInput).",
    ),
]


@strawberry.type
class Cost:
    obj: strawberry.Private[m.Cost]

    @strawberry.field
    def kind(self) -> CostKind:
        return self.obj.kind

    @strawberry.field(description="'Тегін' / 'Бесплатно', or that the cost is not known")
    def label(self, info: Info, locale: Locale | None = None) -> str:
        return label(self.obj.kind, locale_of(info, locale))

    text = text_field("text", "the cost as the source words it", nullable=True)

    @strawberry.field
    def source(self) -> Source | None:
        return Source.of(self.obj.source)


@strawberry.type(description="A state service (мемлекеттік көрсетілетін қызмет).")
class Service(Node):
    obj: strawberry.Private[m.Service]

    @strawberry.field(description=GLOBAL_ID)
    def id(self) -> strawberry.ID:
        return strawberry.ID(to_global_id(NodeKind.SERVICE, self.obj.id))

    @strawberry.field(
        description="stable catalogue id, e.g. preschool-queue: what `service(id:)` and "
        "`registerApplication(service:)` take; also the bot's deep link (what `id` was "
        "before global ids)"
    )
    def catalogue_id(self) -> strawberry.ID:
        return strawberry.ID(self.obj.id)

    name = text_field("name", "official name (Russian: official where a source gives it)")

    @strawberry.field(
        description="true: the service no longer exists (its act was repealed and nothing "
        "replaced it). A client says so first, before anything historical: "
        "`current.headline` is that sentence, with the act that abolished it."
    )
    def abolished(self) -> bool:
        return self.obj.abolished

    @strawberry.field(
        description="what applies today: the act in force now and the facts read from it, "
        "or that the service is abolished. Show it before the regional regulations, which are "
        "historical. Null only for a service whose record was never checked; every service of "
        "the shipped catalogue has one."
    )
    def current(self) -> CurrentRecord | None:
        return current_record(self.obj)

    result = text_field("result", "what the applicant receives", nullable=True)

    @strawberry.field(description="true when the Russian name is quoted from a source")
    def name_ru_official(self) -> bool:
        return self.obj.name_ru_official

    @strawberry.field
    def name_source(self) -> Source | None:
        return Source.of(self.obj.name_source)

    @strawberry.field
    def category(self) -> Category:
        return Category(obj=self.obj.category)

    @strawberry.field
    def cost(self) -> Cost:
        return Cost(obj=self.obj.cost)

    @strawberry.field(description="the national standard of the service, with its status")
    def standard(self) -> LegalAct | None:
        return LegalAct(obj=self.obj.standard) if self.obj.standard else None

    @strawberry.field(description="appendix of the standard-approving order, if known")
    def standard_ref(self) -> str | None:
        return self.obj.standard_ref

    @strawberry.field(description="true: the seeds only name this service; nothing else known")
    def listed_only(self) -> bool:
        return self.obj.listed_only

    @strawberry.field(description="acts that name this service")
    def listed_in(self) -> list[LegalAct]:
        return [LegalAct(obj=a) for a in self.obj.listed_in]

    @strawberry.field(description="documents to bring, optionally for one channel")
    def documents(self, channel: Channel | None = None) -> list[DocumentList]:
        return [DocumentList(obj=d) for d in self.obj.documents_for(channel)]

    @strawberry.field
    def refusal_grounds(self) -> list[DocumentList]:
        return [DocumentList(obj=d) for d in self.obj.refusal_grounds]

    @strawberry.field(description="regions with a regulation for this service")
    def regions(self) -> list[Region]:
        return [Region(obj=r) for r in self.obj.regions]

    @strawberry.field(
        description="the regional regulations (one per region): how the service worked under "
        "them, historical; what applies today is `current`"
    )
    def regulations(self) -> list[Regulation]:
        return [Regulation(obj=r) for r in self.obj.regulations]

    @strawberry.field(
        description="the regulation for one region (historical, see `regulations`), or NotFound"
    )
    def regulation(self, region: strawberry.ID) -> RegulationResult:
        found = self.obj.regulation_in(region)
        if found is None:
            return not_found("regulation", f"{self.obj.id}/{region}")
        return Regulation(obj=found)


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


@strawberry.type(
    description="A page of services (Relay connection). Arguments that are not acceptable "
    "are reported in `problem`, with an empty page, never as a GraphQL error: Relay's "
    "@connection and Apollo's relayStylePagination keep working, and the client branches on "
    "`problem { __typename }` as on every other typed result."
)
class ServiceConnection:
    edges: list[ServiceEdge]
    page_info: PageInfo
    total_count: int = strawberry.field(
        description="how many services fit, on every page together (0 with a problem)"
    )
    no_match: bool = strawberry.field(
        description="true when a search found nothing that fits (the list is then empty)"
    )
    problem: ServicesProblem | None = strawberry.field(
        default=None,
        description="null when the arguments were acceptable; else what was wrong (the "
        "message says it in the asked language) and `edges` is empty",
    )

    @staticmethod
    def refused(problem: NotFound | InvalidInput) -> ServiceConnection:
        """The empty page that answers arguments which are not acceptable."""
        nothing = PageInfo(
            has_next_page=False, has_previous_page=False, start_cursor=None, end_cursor=None
        )
        return ServiceConnection(
            edges=[], page_info=nothing, total_count=0, no_match=False, problem=problem
        )
