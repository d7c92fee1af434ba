""" "If I apply now, when is it ready?" and the total term of a procedure."""

from __future__ import annotations

import datetime as dt

import strawberry
from strawberry.types import Info

from citizen.catalogue.terms import Assumption, Span, TermBasis
from citizen.catalogue.terms import ReadyEstimate as CoreEstimate
from citizen.catalogue.vocabulary import DurationUnit, Locale
from citizen.graphql.context import locale_of
from citizen.graphql.types.common import Duration, duration_text, label
from citizen.i18n import format_date


@strawberry.type(description="The total term: stated by the regulation, or the sum of its steps.")
class TotalTerm:
    basis: TermBasis
    durations: list[Duration] = strawberry.field(
        description="the stated term, or the steps' durations added up per unit"
    )

    @strawberry.field(description="the term in words")
    def text(self, info: Info, locale: Locale | None = None) -> str:
        lang = locale_of(info, locale)
        return " + ".join(
            duration_text(d.value, DurationUnit(d.unit), lang) for d in self.durations
        )

    @strawberry.field(description="how the term was obtained")
    def explanation(self, info: Info, locale: Locale | None = None) -> str:
        return label(locale_of(info, locale), "term-basis", TermBasis(self.basis).value)


def total_term(basis: TermBasis, spans: tuple[Span, ...] | list[Span]) -> TotalTerm | None:
    if not spans:
        return None
    per_unit: dict[DurationUnit, float] = {}
    for unit in DurationUnit:  # the enum's order: minutes first, then days
        total = sum(s.value for s in spans if s.unit == unit)
        if total:
            per_unit[unit] = total
    # Days are what a citizen plans around: show them before minutes.
    ordered = sorted(
        per_unit.items(), key=lambda kv: kv[0] in (DurationUnit.MINUTE, DurationUnit.HOUR)
    )
    return TotalTerm(basis=basis, durations=[Duration(value=v, unit=u) for u, v in ordered])


@strawberry.type(description="When a result is expected for an application submitted at a moment.")
class ReadyEstimate:
    core: strawberry.Private[CoreEstimate]

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

    @strawberry.field
    def term(self) -> TotalTerm | None:
        return total_term(self.core.basis, self.core.spans)

    @strawberry.field
    def assumptions(self) -> list[Assumption]:
        return list(self.core.assumptions)

    @strawberry.field(description="each assumption in words, for the citizen")
    def explanations(self, info: Info, locale: Locale | None = None) -> list[str]:
        lang = locale_of(info, locale)
        return [label(lang, "assumption", Assumption(a).value) for a in self.core.assumptions]
