"""Enums and small value types shared by the object types.

Object types wrap the catalogue snapshot's objects (`obj`) and only render them: every rule
(which steps are on a path, how long, which documents) is the snapshot's answer.
"""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.types import Info

from citizen.catalogue import model as m
from citizen.catalogue.terms import Assumption, Span, TermBasis
from citizen.catalogue.vocabulary import (
    ActStatus,
    Channel,
    Confidence,
    CostKind,
    CurrentStatus,
    DocumentKind,
    DurationUnit,
    Form,
    Knowledge,
    Locale,
)
from citizen.graphql.context import locale_of
from citizen.i18n import duration_text

# The core's enums are exposed as they are (strawberry.enum marks the class in place, so
# resolvers annotate with the core types); their GraphQL values are the member names.
strawberry.enum(Locale, name="Language", description="kk (Kazakh) or ru (Russian)")
strawberry.enum(
    ActStatus, description="UNKNOWN: no source we have tells whether it is still in force"
)
strawberry.enum(
    CurrentStatus,
    description="Whether a service is provided today: IN_FORCE (an act in force governs it), "
    "ABOLISHED (its act was repealed and nothing replaced it), UNKNOWN (nothing current was "
    "found, or what was found is not confirmed)",
)
strawberry.enum(
    Confidence,
    description="How much of what applies today was read: COMPLETE (the act's requirements "
    "for the service in full), PARTIAL (the act and some of its facts), ACT_ONLY (the act, none "
    "of its facts), UNCONFIRMED (a candidate act whose link to the service is not confirmed), "
    "NONE (nothing current was found)",
)
for _enum in (
    Channel,
    DurationUnit,
    Form,
    Knowledge,
    CostKind,
    DocumentKind,
    TermBasis,
    Assumption,
):
    strawberry.enum(_enum)


@strawberry.type(description="Where a fact comes from: a seed regulation or a public page.")
class Source:
    seed: str | None
    ref: str | None
    url: str | None
    edition: str | None
    note: str | None

    @staticmethod
    def of(source: m.Source | None) -> Source | None:
        if source is None:
            return None
        return Source(
            seed=source.seed,
            ref=source.ref,
            url=source.url,
            edition=source.edition,
            note=source.note,
        )


@strawberry.type(description="A duration exactly as the regulation wrote it.")
class Duration:
    value: float
    unit: DurationUnit

    @strawberry.field(description="e.g. '5 жұмыс күні' / '5 рабочих дней'")
    def text(self, info: Info, locale: Locale | None = None) -> str:
        return duration_text(self.value, self.unit, locale_of(info, locale))

    @staticmethod
    def of(span: Span | None) -> Duration | None:
        return None if span is None else Duration(value=span.value, unit=span.unit)


def text_field(
    attribute: str,
    description: str,
    *,
    nullable: bool = False,
    deprecation_reason: str | None = None,
) -> Any:
    """A field rendering the `Text` attribute of the wrapped object in the asked language."""

    def resolve(root: Any, info: Info, locale: Any = None) -> Any:
        text: m.Text | None = getattr(root.obj, attribute)
        if text is None:
            if not nullable:
                raise ValueError(f"{attribute} missing for {type(root).__name__}")
            return None
        return text(locale_of(info, locale))

    # Annotations are set as objects (not strings) so strawberry needs no module lookup.
    resolve.__annotations__ = {
        "info": Info,
        "locale": Locale | None,
        "return": str | None if nullable else str,
    }
    return strawberry.field(
        resolver=resolve, description=description, deprecation_reason=deprecation_reason
    )
