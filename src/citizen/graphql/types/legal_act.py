"""A legal act: a standard-approving order, a regional decree, its repeal."""

from __future__ import annotations

import datetime as dt

import strawberry
from strawberry.types import Info

from citizen.catalogue import model as m
from citizen.catalogue.today import repeal_sentences
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


@strawberry.type(
    description="How an act stopped applying, in two parts never to be confused: the act that "
    "repealed it (adopted on `by.date`), and the day the act lost force, often later and often "
    "unknown (then `lostForceRule` says how that day is determined)."
)
class Repeal:
    obj: strawberry.Private[m.Repeal]

    @strawberry.field(description="the repealing act; null only if the catalogue lacks it")
    def by(self) -> LegalAct | None:
        return LegalAct(obj=self.obj.by) if self.obj.by else None

    @strawberry.field(
        description="the day the act lost force, when known (not the repealing act's date)"
    )
    def lost_force_on(self) -> dt.date | None:
        return self.obj.lost_force_on

    lost_force_rule = text_field(
        "lost_force_rule",
        "when `lostForceOn` is unknown: how that day is determined, e.g. 'ten calendar days "
        "after the first official publication of the repealing decree'",
        nullable=True,
    )

    @strawberry.field(description="where the repeal is read")
    def source(self) -> Source | None:
        return Source.of(self.obj.source)


REPEALED_BY_DEPRECATION = (
    "Use `repeal { by { id citation } }`: the repealing act as an object (a Node), with its "
    "date, number and status."
)
REPEALED_ON_DEPRECATION = (
    "Use `repeal { lostForceOn lostForceRule }`. The name reads as the repealing act's date, "
    "which is `repeal.by.date`; this field is the day the act lost force, which is another day "
    "and often unknown: then it is null and `repeal.lostForceRule` says how it is determined."
)


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
    repealed_by = text_field(
        "repealed_by",
        "the act that repealed it, as cited",
        nullable=True,
        deprecation_reason=REPEALED_BY_DEPRECATION,
    )

    @strawberry.field(
        description="the act as legal texts cite it, e.g. 'приказ Министра образования и науки "
        "Республики Казахстан от 13 апреля 2015 года № 198'; its title where no citation is "
        "known"
    )
    def citation(self, info: Info, locale: Locale | None = None) -> str:
        return self.obj.cited(locale_of(info, locale))

    @strawberry.field(
        description="the same after 'approved by' / 'repealed by': 'приказом Министра …' / "
        "'… бұйрығымен'"
    )
    def citation_by(self, info: Info, locale: Locale | None = None) -> str:
        return self.obj.cited_by(locale_of(info, locale))

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

    @strawberry.field(
        description="the day it lost force, when known", deprecation_reason=REPEALED_ON_DEPRECATION
    )
    def repealed_on(self) -> dt.date | None:
        return self.obj.repealed_on

    @strawberry.field(description="how a repealed act stopped applying; null if not repealed")
    def repeal(self) -> Repeal | None:
        return Repeal(obj=self.obj.repeal) if self.obj.repeal else None

    @strawberry.field(
        description="the repeal in words, two sentences: by which act ('Утратил силу "
        "постановлением …'), and since when or that the day is unknown and how it is "
        "determined; empty for an act not repealed. The bot and the console say the same."
    )
    def repeal_sentences(self, info: Info, locale: Locale | None = None) -> list[str]:
        return list(repeal_sentences(self.obj, locale_of(info, locale)))

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
