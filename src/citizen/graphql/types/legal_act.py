"""A legal act: a standard-approving order, a regional decree, its repeal."""

from __future__ import annotations

import datetime as dt
from enum import Enum

import strawberry
from strawberry.types import Info

from citizen.catalogue import tables as t
from citizen.catalogue.vocabulary import Locale
from citizen.graphql.context import locale_of
from citizen.graphql.types.common import Source, label, text_field


@strawberry.enum
class ActStatus(Enum):
    IN_FORCE = "in_force"
    REPEALED = "repealed"
    UNKNOWN = "unknown"  # no source we have tells whether it is still in force


@strawberry.type
class LegalActAmendment:
    act: str
    date: dt.date | None
    what: str


@strawberry.type(description="A legal act and its status; all seed regulations are repealed.")
class LegalAct:
    row: strawberry.Private[t.LegalAct]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return strawberry.ID(self.row.id)

    @strawberry.field
    def kind(self) -> str:
        return self.row.kind

    title = text_field("title", "official title")
    issuer = text_field("issuer", "who issued it")
    repealed_by = text_field("repealed_by", "the act that repealed it", nullable=True)

    @strawberry.field
    def number(self) -> str | None:
        return self.row.number

    @strawberry.field
    def date(self) -> dt.date | None:
        return self.row.date

    @strawberry.field(description="number in the state register of normative legal acts")
    def registry_number(self) -> str | None:
        return self.row.registry_number

    @strawberry.field
    def registered_on(self) -> dt.date | None:
        return self.row.registered_on

    @strawberry.field
    def status(self) -> ActStatus:
        return ActStatus(self.row.status)

    @strawberry.field(description="the status in words, e.g. 'Күшін жойған' / 'Утратил силу'")
    def status_label(self, info: Info, locale: Locale | None = None) -> str:
        return label(locale_of(info, locale), "act-status", self.row.status)

    @strawberry.field
    def repealed_on(self) -> dt.date | None:
        return self.row.repealed_on

    @strawberry.field
    def amendments(
        self,
        info: Info,
        locale: Locale | None = None,
    ) -> list[LegalActAmendment]:
        lang = locale_of(info, locale).value
        return [
            LegalActAmendment(
                act=a["act"][lang],
                date=dt.date.fromisoformat(a["date"]) if a.get("date") else None,
                what=a["what"][lang],
            )
            for a in self.row.amendments or []
        ]

    @strawberry.field
    def source(self) -> Source | None:
        return Source.of(self.row.source)
