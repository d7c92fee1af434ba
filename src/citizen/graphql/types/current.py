"""What applies today for a service (`Service.current`): the act in force now and the facts read
from it, each with the page it was read on, and plainly what was not read.

A client shows this before the historical regional regulations. The sentences (`headline`,
`actSentence`, `confidenceLabel`) are those of `catalogue/today.py`, the same words the bot
card and the operator console print; the other fields are the record's facts as stored.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import strawberry
from strawberry.types import Info

from citizen.catalogue import model as m
from citizen.catalogue.today import Today, today
from citizen.catalogue.vocabulary import Channel, Confidence, CostKind, CurrentStatus, Locale
from citizen.graphql.context import locale_of
from citizen.graphql.types.common import Duration, Source, text_field
from citizen.graphql.types.legal_act import LegalAct
from citizen.i18n import label


def _channels(channels: frozenset[Channel] | tuple[Channel, ...]) -> list[Channel]:
    return [c for c in Channel if c in channels]  # in the vocabulary's order


@strawberry.type(description="One fact of what applies today, as read, with its page.")
class CurrentFact:
    obj: strawberry.Private[m.CurrentFact]

    text = text_field("text", "the fact as read from the act in force (or, for a note, the note)")
    note = text_field("note", "a remark on the fact: a condition, an exception", nullable=True)

    @strawberry.field(description="the page the fact was read on, with its edition")
    def source(self) -> Source | None:
        return Source.of(self.obj.source)


@strawberry.type(description="Documents to bring under the act in force, from one page.")
class CurrentDocuments:
    obj: strawberry.Private[m.CurrentDocuments]

    @strawberry.field(description="the documents, in the order of the source")
    def items(self, info: Info, locale: Locale | None = None) -> list[str]:
        lang = locale_of(info, locale)
        return [item(lang) for item in self.obj.items]

    @strawberry.field(
        description="false when the source's list was cut off: these are not all the documents"
    )
    def complete(self) -> bool:
        return self.obj.complete

    @strawberry.field(description="channels this list is for; empty: every channel")
    def channels(self) -> list[Channel]:
        return _channels(self.obj.channels)

    note = text_field("note", "a remark on the list", nullable=True)

    @strawberry.field(description="the page the list was read on, with its edition")
    def source(self) -> Source | None:
        return Source.of(self.obj.source)


@strawberry.type(
    description="What applies today for a service, beside its historical regional "
    "regulations: show `headline` first. For an abolished service it says so, with the act "
    "that abolished it; otherwise it names the act in force now and the facts read from it, "
    "each with its page, and says what was read and what was not (`confidence`)."
)
class CurrentRecord:
    service: strawberry.Private[m.Service]
    # The sentences of one language, worded once per object by `today()` (the bot's words).
    told: strawberry.Private[dict[Locale, Today]] = dataclasses.field(default_factory=dict)

    @property
    def obj(self) -> m.CurrentRecord:
        record = self.service.current
        assert record is not None, "built only for a service with a record"
        return record

    def _today(self, info: Info, locale: Locale | None) -> Today:
        lang = locale_of(info, locale)
        if lang not in self.told:
            told = today(self.service, lang)
            assert told is not None, "built only for a service with a record"
            self.told[lang] = told
        return self.told[lang]

    @strawberry.field(description="whether the service is provided today")
    def status(self) -> CurrentStatus:
        return self.obj.status

    @strawberry.field(description="the status in words, e.g. 'Услуга оказывается сейчас'")
    def status_label(self, info: Info, locale: Locale | None = None) -> str:
        return label(self.obj.status, locale_of(info, locale))

    @strawberry.field(
        description="the sentence to show first, before anything historical: for an abolished "
        "service that it is abolished and by which act ('Эта услуга упразднена: её правила "
        "признаны утратившими силу постановлением Правительства … № 621.'), else its status. "
        "The same sentence the bot card and the operator console show."
    )
    def headline(self, info: Info, locale: Locale | None = None) -> str:
        return self._today(info, locale).headline

    @strawberry.field(description="true: the service no longer exists (status ABOLISHED)")
    def abolished(self) -> bool:
        return self.obj.abolished

    @strawberry.field(description="the act in force now; null when none was found")
    def act(self) -> LegalAct | None:
        return LegalAct(obj=self.obj.act) if self.obj.act else None

    @strawberry.field(description="the appendix of `act` that governs this service, e.g. '3'")
    def appendix(self) -> str | None:
        return self.obj.appendix

    @strawberry.field(
        description="the act in force with its appendix, in a sentence ('Действующий акт: "
        "приказ … № 158, приложение 3'), or that none was found"
    )
    def act_sentence(self, info: Info, locale: Locale | None = None) -> str:
        return self._today(info, locale).act

    edition = text_field("edition", "the edition of `act` that was read", nullable=True)

    @strawberry.field(description="the date of the edition that was read")
    def edition_date(self) -> dt.date | None:
        return self.obj.edition_date

    @strawberry.field(description="the act that governed the service before `act`, if known")
    def previous_act(self) -> LegalAct | None:
        return LegalAct(obj=self.obj.previous_act) if self.obj.previous_act else None

    @strawberry.field(description="for an abolished service: the act that abolished it")
    def abolished_by(self) -> LegalAct | None:
        return LegalAct(obj=self.obj.abolished_by) if self.obj.abolished_by else None

    @strawberry.field(description="the service's name under the act in force, if read")
    def name(self) -> CurrentFact | None:
        return _fact(self.obj.name)

    @strawberry.field(description="who provides it today, if read")
    def provider(self) -> CurrentFact | None:
        return _fact(self.obj.provider)

    @strawberry.field(description="where to apply today, in words, if read (see `channelList`)")
    def channels(self) -> CurrentFact | None:
        return _fact(self.obj.channels)

    @strawberry.field(description="the channels of `channels`, as values")
    def channel_list(self) -> list[Channel]:
        return _channels(self.obj.channel_list)

    @strawberry.field(description="the term under the act in force, in words, if read")
    def term(self) -> CurrentFact | None:
        return _fact(self.obj.term)

    @strawberry.field(description="the term of `term` as a duration")
    def term_duration(self) -> Duration | None:
        return Duration.of(self.obj.term_duration)

    @strawberry.field(description="the cost under the act in force, in words, if read")
    def cost(self) -> CurrentFact | None:
        return _fact(self.obj.cost)

    @strawberry.field(description="the cost of `cost` as a value")
    def cost_kind(self) -> CostKind | None:
        return self.obj.cost_kind

    @strawberry.field(description="what the applicant receives under the act in force, if read")
    def result(self) -> CurrentFact | None:
        return _fact(self.obj.result)

    @strawberry.field(description="documents to bring under the act in force, as read")
    def documents(self) -> list[CurrentDocuments]:
        return [CurrentDocuments(obj=d) for d in self.obj.documents]

    @strawberry.field(description="other facts worth knowing, each with its page")
    def notes(self) -> list[CurrentFact]:
        return [CurrentFact(obj=n) for n in self.obj.notes]

    @strawberry.field(description="how much of what applies today was read")
    def confidence(self) -> Confidence:
        return self.obj.confidence

    @strawberry.field(
        description="`confidence` in a sentence, e.g. 'Прочитано не всё: акт найден, "
        "прочитана лишь часть его требований.'"
    )
    def confidence_label(self, info: Info, locale: Locale | None = None) -> str:
        return self._today(info, locale).confidence

    read = text_field("read", "what was read, and where")
    not_read = text_field("not_read", "what was not read: never to be taken as known")
    where_to_check = text_field(
        "where_to_check", "where a person can check what was not read", nullable=True
    )

    @strawberry.field(description="the day the sources were last checked")
    def checked_on(self) -> dt.date:
        return self.obj.checked_on

    @strawberry.field(description="the page the record as a whole was read on")
    def source(self) -> Source | None:
        return Source.of(self.obj.source)


def _fact(fact: m.CurrentFact | None) -> CurrentFact | None:
    return CurrentFact(obj=fact) if fact is not None else None


def current_record(service: m.Service) -> CurrentRecord | None:
    return CurrentRecord(service=service) if service.current is not None else None
