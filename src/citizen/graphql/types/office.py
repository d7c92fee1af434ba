"""Offices where applications are accepted or results handed out."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from citizen.catalogue import model as m
from citizen.catalogue.vocabulary import Channel, Locale
from citizen.graphql.context import locale_of
from citizen.graphql.global_ids import NodeKind, to_global_id
from citizen.graphql.types.common import Source, text_field
from citizen.graphql.types.node import GLOBAL_ID, Node
from citizen.i18n import translator


@strawberry.type(description="An office. example=true marks demonstration data, not a real one.")
class Office(Node):
    obj: strawberry.Private[m.Office]

    @strawberry.field(description=GLOBAL_ID)
    def id(self) -> strawberry.ID:
        return strawberry.ID(to_global_id(NodeKind.OFFICE, self.obj.id))

    @strawberry.field(
        description="stable catalogue id: what the `office` arguments of the mutations take "
        "(what `id` was before global ids)"
    )
    def catalogue_id(self) -> strawberry.ID:
        return strawberry.ID(self.obj.id)

    name = text_field("name", "office name")
    address = text_field("address", "postal address")
    opening_hours = text_field("opening_hours", "opening hours")

    @strawberry.field
    def channel(self) -> Channel:
        return self.obj.channel

    @strawberry.field
    def phone(self) -> str | None:
        return self.obj.phone

    @strawberry.field
    def latitude(self) -> float | None:
        return self.obj.latitude

    @strawberry.field
    def longitude(self) -> float | None:
        return self.obj.longitude

    @strawberry.field(description="true: invented demonstration data, never a real address")
    def example(self) -> bool:
        return self.obj.example

    @strawberry.field(description="the sentence to show beside an example office, else null")
    def example_note(self, info: Info, locale: Locale | None = None) -> str | None:
        if not self.obj.example:
            return None
        return translator()(locale_of(info, locale), "office-example-mark")

    @strawberry.field
    def source(self) -> Source | None:
        return Source.of(self.obj.source)
