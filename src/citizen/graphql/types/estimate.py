""" "How long does it take?" and "If I apply now, when is it ready?": the snapshot's answers."""

from __future__ import annotations

import datetime as dt

import strawberry
from strawberry.types import Info

from citizen.catalogue.model import HowLong
from citizen.catalogue.terms import Assumption, TermBasis
from citizen.catalogue.terms import ReadyEstimate as CoreEstimate
from citizen.catalogue.today import term_source
from citizen.catalogue.vocabulary import Locale
from citizen.graphql.context import locale_of
from citizen.graphql.types.common import Duration
from citizen.graphql.types.legal_act import LegalAct
from citizen.i18n import durations_text, format_date, label


@strawberry.type(description="The total term: stated by the regulation, or the sum of its steps.")
class TotalTerm:
    answer: strawberry.Private[HowLong]

    @strawberry.field
    def basis(self) -> TermBasis:
        return self.answer.basis

    @strawberry.field(description="the stated term, or the steps' durations added up per unit")
    def durations(self) -> list[Duration]:
        return [Duration(value=s.value, unit=s.unit) for s in self.answer.totals]

    @strawberry.field(description="the term in words")
    def text(self, info: Info, locale: Locale | None = None) -> str:
        spans = [(s.value, s.unit) for s in self.answer.totals]
        return durations_text(spans, locale_of(info, locale))

    @strawberry.field(description="how the term was obtained")
    def explanation(self, info: Info, locale: Locale | None = None) -> str:
        return label(self.answer.basis, locale_of(info, locale))

    @strawberry.field(description="for a stated term: the moment it is counted from")
    def counted_from(self, info: Info, locale: Locale | None = None) -> str | None:
        counted = self.answer.counted_from
        return counted(locale_of(info, locale)) if counted else None

    @strawberry.field(description="steps on the path that give no duration (left out of a sum)")
    def steps_without_duration(self) -> int:
        return self.answer.steps_without_duration

    @strawberry.field(description="the act the term comes from, with its legal status")
    def act(self) -> LegalAct:
        return LegalAct(obj=self.answer.act)

    @strawberry.field(
        description="which act the term comes from, in a sentence: 'Срок взят из акта: "
        "постановление акимата … № 34/18' (the bot and the console say the same)"
    )
    def term_source(self, info: Info, locale: Locale | None = None) -> str:
        return term_source(self.answer, locale_of(info, locale))


def total_term(answer: HowLong) -> TotalTerm | None:
    return TotalTerm(answer=answer) if answer.known else None


@strawberry.type(description="When a result is expected for an application submitted at a moment.")
class ReadyEstimate:
    core: strawberry.Private[CoreEstimate]
    how_long: strawberry.Private[HowLong]

    @strawberry.field
    def submitted_at(self) -> dt.datetime:
        return self.core.submitted_at

    @strawberry.field(description="when the term runs out (UTC+5); null when not computable")
    def ready_at(self) -> dt.datetime | None:
        return self.core.ready_at

    @strawberry.field(description="the day to expect the result")
    def ready_on(self) -> dt.date | None:
        return self.core.ready_on

    @strawberry.field(description="'2026 ж. 16 желтоқсан' / '16 декабря 2026 г.'")
    def ready_on_text(self, info: Info, locale: Locale | None = None) -> str | None:
        day = self.core.ready_on
        return format_date(day, locale_of(info, locale)) if day else None

    @strawberry.field
    def basis(self) -> TermBasis:
        return self.core.basis

    @strawberry.field(description="the term the estimate counts (the same as totalTerm)")
    def term(self) -> TotalTerm | None:
        return total_term(self.how_long)

    @strawberry.field(
        description="the act the estimate's term comes from (a historical regional "
        "regulation's decree), with its legal status"
    )
    def act(self) -> LegalAct:
        return LegalAct(obj=self.how_long.act)

    @strawberry.field(description="which act the estimate's term comes from, in a sentence")
    def term_source(self, info: Info, locale: Locale | None = None) -> str:
        return term_source(self.how_long, locale_of(info, locale))

    @strawberry.field(description="days off between submission and the ready day, skipped")
    def days_off(self) -> list[dt.date]:
        return list(self.core.days_off)

    @strawberry.field
    def assumptions(self) -> list[Assumption]:
        return list(self.core.assumptions)

    @strawberry.field(description="each assumption in words, for the citizen")
    def explanations(self, info: Info, locale: Locale | None = None) -> list[str]:
        lang = locale_of(info, locale)
        return [label(a, lang) for a in self.core.assumptions]
