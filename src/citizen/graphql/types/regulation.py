"""A regional regulation: one service in one region, with channels, steps and terms."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import strawberry
from strawberry.types import Info

from citizen.catalogue import model as m
from citizen.catalogue.calendar import KZ_TZ
from citizen.catalogue.today import history_heading, history_note
from citizen.catalogue.vocabulary import Channel, Form, Locale
from citizen.graphql.context import ctx, locale_of
from citizen.graphql.global_ids import NodeKind, to_global_id
from citizen.graphql.types.common import Duration, Source, text_field
from citizen.graphql.types.document import DocumentList
from citizen.graphql.types.errors import InvalidInput, invalid
from citizen.graphql.types.estimate import ReadyEstimate, TotalTerm, total_term
from citizen.graphql.types.legal_act import LegalAct
from citizen.graphql.types.node import GLOBAL_ID, Node
from citizen.graphql.types.office import Office
from citizen.graphql.types.region import Region
from citizen.i18n import label

ReadyEstimateResult = Annotated[
    ReadyEstimate | InvalidInput, strawberry.union("ReadyEstimateResult")
]


@strawberry.type(description="A channel of a regulation: where to apply, where to collect.")
class ChannelRole:
    obj: strawberry.Private[m.ChannelRole]

    @strawberry.field
    def channel(self) -> Channel:
        return self.obj.channel

    @strawberry.field
    def label(self, info: Info, locale: Locale | None = None) -> str:
        return label(self.obj.channel, locale_of(info, locale))

    @strawberry.field
    def accepts_applications(self) -> bool:
        return self.obj.accepts_applications

    @strawberry.field
    def issues_results(self) -> bool:
        return self.obj.issues_results


@strawberry.type(description="One procedure of the provider's staff, in the regulation's order.")
class Step:
    obj: strawberry.Private[m.Step]

    @strawberry.field(description="the step's number as the regulation counts it, from 1")
    def position(self) -> int:
        return self.obj.number

    actor = text_field("actor", "who acts")
    action = text_field("action", "what is done")
    duration_text = text_field(
        "duration_text", "duration as written, if not a number", nullable=True
    )
    result = text_field("result", "the step's result", nullable=True)

    @strawberry.field
    def duration(self) -> Duration | None:
        return Duration.of(self.obj.duration)

    @strawberry.field(description="channels whose path includes this step; empty: all")
    def channels(self) -> list[Channel]:
        return [c for c in Channel if c in self.obj.channels]

    @strawberry.field
    def source(self) -> Source | None:
        return Source.of(self.obj.source)


@strawberry.type
class Note:
    obj: strawberry.Private[m.Note]

    text = text_field("text", "the note")

    @strawberry.field
    def source(self) -> Source | None:
        return Source.of(self.obj.source)


@strawberry.type(
    description="One service in one region: the regional regulation (регламент). It tells how "
    "the service worked under that regulation: show it under `historyHeading`, after what "
    "applies today (`Service.current`)."
)
class Regulation(Node):
    obj: strawberry.Private[m.Regulation]

    @strawberry.field(description=GLOBAL_ID)
    def id(self) -> strawberry.ID:
        return strawberry.ID(to_global_id(NodeKind.REGULATION, self.obj.id))

    @strawberry.field(
        description="'<service-id>/<region-id>' (what `id` was before global ids)"
    )
    def catalogue_id(self) -> strawberry.ID:
        return strawberry.ID(self.obj.id)

    @strawberry.field(
        description="true: the regulation no longer applies (its act is repealed); what it says "
        "is history, and `historyNote` says so"
    )
    def historical(self) -> bool:
        return self.obj.act.repealed

    @strawberry.field(
        description="the heading to show the regulation under, e.g. 'Как это было по "
        "региональному регламенту 2015 года'"
    )
    def history_heading(self, info: Info, locale: Locale | None = None) -> str:
        return history_heading(self.obj, locale_of(info, locale))

    @strawberry.field(
        description="said under the heading when the regulation no longer applies ('Это "
        "исторические сведения: регламент утратил силу.'); null otherwise"
    )
    def history_note(self, info: Info, locale: Locale | None = None) -> str | None:
        return history_note(self.obj, locale_of(info, locale))

    title = text_field("title", "title of the regulation")
    provider = text_field("provider", "who provides the service")
    result = text_field("result", "what the applicant receives")

    @strawberry.field
    def region(self) -> Region:
        return Region(obj=self.obj.region)

    @strawberry.field(description="the decree that approved it, with its legal status")
    def act(self) -> LegalAct:
        return LegalAct(obj=self.obj.act)

    @strawberry.field
    def appendix(self) -> str | None:
        return self.obj.appendix

    @strawberry.field
    def channels(self) -> list[ChannelRole]:
        return [ChannelRole(obj=c) for c in self.obj.channels]

    @strawberry.field
    def forms(self) -> list[Form]:
        return list(self.obj.forms)

    @strawberry.field
    def result_forms(self) -> list[Form]:
        return list(self.obj.result_forms)

    @strawberry.field(description="the steps, optionally only those on one channel's path")
    def steps(self, channel: Channel | None = None) -> list[Step]:
        steps = self.obj.steps if channel is None else self.obj.steps_on(channel)
        return [Step(obj=s) for s in steps]

    @strawberry.field(
        description="the total term for a channel: stated, or summed from the steps on its "
        "path; without a channel, from the steps common to every channel"
    )
    def total_term(self, channel: Channel | None = None) -> TotalTerm | None:
        return total_term(self.obj.how_long(channel))

    @strawberry.field
    def max_waiting(self) -> Duration | None:
        return Duration.of(self.obj.max_waiting)

    @strawberry.field
    def max_service(self) -> Duration | None:
        return Duration.of(self.obj.max_service)

    @strawberry.field
    def notes(self) -> list[Note]:
        return [Note(obj=n) for n in self.obj.notes]

    @strawberry.field(description="offices of the region that handle this service")
    def offices(self) -> list[Office]:
        return [Office(obj=o) for o in self.obj.offices]

    @strawberry.field(
        description="documents to bring in this region, optionally for one channel"
    )
    def documents(self, channel: Channel | None = None) -> list[DocumentList]:
        return [DocumentList(obj=d) for d in self.obj.documents_for(channel)]

    @strawberry.field(description="the expected ready date; submittedAt defaults to now")
    def ready_estimate(
        self,
        info: Info,
        channel: Channel,
        submitted_at: dt.datetime | None = None,
    ) -> ReadyEstimateResult:
        if not self.obj.accepts(channel):
            return invalid("channel", "api-channel-not-accepting", channel=channel.value)
        if submitted_at is None:
            ctx(info).cacheable = False  # "now" changes: never serve this from the cache
            submitted_at = dt.datetime.now(KZ_TZ)
        elif submitted_at.tzinfo is None:
            return invalid("submittedAt", "api-moment-needs-timezone")
        estimate = self.obj.ready_estimate(channel, submitted_at)
        return ReadyEstimate(core=estimate, how_long=self.obj.how_long(channel))

    @strawberry.field
    def source(self) -> Source | None:
        return Source.of(self.obj.source)
