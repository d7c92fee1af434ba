"""A legal act: a standard-approving order, a regional decree, its repeal."""

from __future__ import annotations

import datetime as dt

import strawberry
from strawberry.types import Info

from citizen.catalogue import model as m
from citizen.catalogue.vocabulary import ActStatus, Locale
from citizen.graphql.context import locale_of
from citizen.graphql.global_ids import NodeKind, to_global_id
from citizen.graphql.types.common import Source, text_field
from citizen.graphql.types.node import GLOBAL_ID, Node
from citizen.i18n import label


@strawberry.type
class LegalActAmendment:
    act: str
    date: dt.date | None
    what: str


@strawberry.type(description="A legal act and its status; all seed regulations are repealed.")
class LegalAct(Node):
    obj: strawberry.Private[m.LegalAct]

    @strawberry.field(description=GLOBAL_ID)
    def id(self) -> strawberry.ID:
        return strawberry.ID(to_global_id(NodeKind.LEGAL_ACT, self.obj.id))

    @strawberry.field(
        description="stable catalogue id of the act (what `id` was before global ids)"
    )
    def catalogue_id(self) -> strawberry.ID:
        return strawberry.ID(self.obj.id)

    @strawberry.field
    def kind(self) -> str:
        return self.obj.kind.value

    title = text_field("title", "official title")
    issuer = text_field("issuer", "who issued it")
    repealed_by = text_field("repealed_by", "the act that repealed it", nullable=True)

    @strawberry.field
    def number(self) -> str | None:
        return self.obj.number

    @strawberry.field
    def date(self) -> dt.date | None:
        return self.obj.date

    @strawberry.field(description="number in the state register of normative legal acts")
    def registry_number(self) -> str | None:
        return self.obj.registry_number

    @strawberry.field
    def registered_on(self) -> dt.date | None:
        return self.obj.registered_on

    @strawberry.field
    def status(self) -> ActStatus:
        return self.obj.status

    @strawberry.field(description="the status in words, e.g. 'Күшін жойған' / 'Утратил силу'")
    def status_label(self, info: Info, locale: Locale | None = None) -> str:
        return label(self.obj.status, locale_of(info, locale))

    @strawberry.field
    def repealed_on(self) -> dt.date | None:
        return self.obj.repealed_on

    @strawberry.field
    def amendments(self, info: Info, locale: Locale | None = None) -> list[LegalActAmendment]:
        lang = locale_of(info, locale)
        return [
            LegalActAmendment(act=a.act(lang), date=a.date, what=a.what(lang))
            for a in self.obj.amendments
        ]

    @strawberry.field
    def source(self) -> Source | None:
        return Source.of(self.obj.source)
