"""A regional regulation: one service in one region, with channels, steps and terms."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import strawberry
from strawberry.types import Info

from citizen.catalogue import tables as t
from citizen.catalogue.calendar import KZ_TZ
from citizen.catalogue.queries import offices_for
from citizen.catalogue.ready_date import calendar_for, stated_terms, step_spans
from citizen.catalogue.terms import estimate_ready, term_spans
from citizen.catalogue.vocabulary import Channel, Form, Locale
from citizen.graphql.context import ctx, locale_of
from citizen.graphql.types.common import Duration, Source, label, text_field
from citizen.graphql.types.document import DocumentList
from citizen.graphql.types.errors import InvalidInput, invalid
from citizen.graphql.types.estimate import ReadyEstimate, TotalTerm, total_term
from citizen.graphql.types.legal_act import LegalAct
from citizen.graphql.types.office import Office
from citizen.graphql.types.region import Region

ReadyEstimateResult = Annotated[
    ReadyEstimate | InvalidInput, strawberry.union("ReadyEstimateResult")
]


@strawberry.type(description="A channel of a regulation: where to apply, where to collect.")
class ChannelRole:
    row: strawberry.Private[t.RegulationChannel]

    @strawberry.field
    def channel(self) -> Channel:
        return Channel(self.row.channel)

    @strawberry.field
    def label(self, info: Info, locale: Locale | None = None) -> str:
        return label(locale_of(info, locale), "channel", self.row.channel)

    @strawberry.field
    def accepts_applications(self) -> bool:
        return self.row.accepts_applications

    @strawberry.field
    def issues_results(self) -> bool:
        return self.row.issues_results


@strawberry.type(description="One procedure of the provider's staff, in the regulation's order.")
class Step:
    row: strawberry.Private[t.Step]

    @strawberry.field(description="1-based position in the regulation")
    def position(self) -> int:
        return self.row.position + 1

    actor = text_field("actor", "who acts")
    action = text_field("action", "what is done")
    duration_text = text_field(
        "duration_text", "duration as written, if not a number", nullable=True
    )
    result = text_field("result", "the step's result", nullable=True)

    @strawberry.field
    def duration(self) -> Duration | None:
        return Duration.of(self.row.duration_value, self.row.duration_unit)

    @strawberry.field(description="channels whose path includes this step; empty: all")
    def channels(self) -> list[Channel]:
        return [Channel(c) for c in self.row.channels or []]

    @strawberry.field
    def source(self) -> Source | None:
        return Source.of(self.row.source)


@strawberry.type
class Note:
    row: strawberry.Private[t.RegulationNote]

    text = text_field("text", "the note")

    @strawberry.field
    def source(self) -> Source | None:
        return Source.of(self.row.source)


def _on_path(step: t.Step, channel: Channel | None) -> bool:
    return channel is None or not step.channels or channel.value in step.channels


@strawberry.type(description="One service in one region: the regional regulation (регламент).")
class Regulation:
    row: strawberry.Private[t.Regulation]

    @strawberry.field(description="'<service-id>/<region-id>'")
    def id(self) -> strawberry.ID:
        return strawberry.ID(self.row.id)

    title = text_field("title", "title of the regulation")
    provider = text_field("provider", "who provides the service")
    result = text_field("result", "what the applicant receives")

    @strawberry.field
    async def region(self, info: Info) -> Region:
        return Region(row=await ctx(info).loaders.region.load(self.row.region_id))

    @strawberry.field(description="the decree that approved it, with its legal status")
    async def act(self, info: Info) -> LegalAct:
        return LegalAct(row=await ctx(info).loaders.act.load(self.row.act_id))

    @strawberry.field
    def appendix(self) -> str | None:
        return self.row.appendix

    @strawberry.field
    async def channels(self, info: Info) -> list[ChannelRole]:
        return [ChannelRole(row=c) for c in await ctx(info).loaders.channels.load(self.row.id)]

    @strawberry.field
    def forms(self) -> list[Form]:
        return [Form(f) for f in self.row.forms or []]

    @strawberry.field
    def result_forms(self) -> list[Form]:
        return [Form(f) for f in self.row.result_forms or []]

    @strawberry.field(description="the steps, optionally only those on one channel's path")
    async def steps(self, info: Info, channel: Channel | None = None) -> list[Step]:
        rows = await ctx(info).loaders.steps.load(self.row.id)
        return [Step(row=s) for s in rows if _on_path(s, channel)]

    @strawberry.field(
        description="the total term for a channel: stated, or summed from the steps on its "
        "path; without a channel, from the steps common to every channel"
    )
    async def total_term(
        self,
        info: Info,
        channel: Channel | None = None,
    ) -> TotalTerm | None:
        terms = stated_terms(await ctx(info).loaders.terms.load(self.row.id))
        steps = step_spans(await ctx(info).loaders.steps.load(self.row.id))
        return total_term(*term_spans(terms, steps, channel))

    @strawberry.field
    def max_waiting(self) -> Duration | None:
        return Duration.of(self.row.max_waiting_value, self.row.max_waiting_unit)

    @strawberry.field
    def max_service(self) -> Duration | None:
        return Duration.of(self.row.max_service_value, self.row.max_service_unit)

    @strawberry.field
    async def notes(self, info: Info) -> list[Note]:
        return [Note(row=n) for n in await ctx(info).loaders.notes.load(self.row.id)]

    @strawberry.field(description="offices of the region that handle this service")
    async def offices(self, info: Info) -> list[Office]:
        rows = await ctx(info).loaders.offices.load(self.row.region_id)
        return [Office(row=o) for o in offices_for(rows, self.row.service_id)]

    @strawberry.field(description="documents to bring, optionally for one channel")
    async def documents(self, info: Info, channel: Channel | None = None) -> list[DocumentList]:
        views = await ctx(info).loaders.documents.load(self.row.service_id)
        return [DocumentList.of(v, channel) for v in views]

    @strawberry.field(description="the expected ready date; submittedAt defaults to now")
    async def ready_estimate(
        self,
        info: Info,
        channel: Channel,
        submitted_at: dt.datetime | None = None,
    ) -> ReadyEstimateResult:
        context = ctx(info)
        roles = await context.loaders.channels.load(self.row.id)
        if not any(r.channel == channel.value and r.accepts_applications for r in roles):
            return invalid("channel", "api-channel-not-accepting", channel=channel.value)
        if submitted_at is None:
            context.cacheable = False  # "now" changes: never serve this from the cache
            submitted_at = dt.datetime.now(KZ_TZ)
        elif submitted_at.tzinfo is None:
            return invalid("submittedAt", "api-moment-needs-timezone")
        terms = await context.loaders.terms.load(self.row.id)
        steps = await context.loaders.steps.load(self.row.id)
        core = estimate_ready(
            stated_terms(terms),
            step_spans(steps),
            channel,
            submitted_at,
            context.read(calendar_for),
        )
        return ReadyEstimate(core=core)

    @strawberry.field
    def source(self) -> Source | None:
        return Source.of(self.row.source)
