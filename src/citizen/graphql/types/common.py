"""Enums and small value types shared by the object types."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.types import Info

from citizen.catalogue.terms import Assumption, TermBasis
from citizen.catalogue.vocabulary import (
    Channel,
    CostKind,
    DocumentKind,
    DurationUnit,
    Form,
    Knowledge,
    Locale,
)
from citizen.graphql.context import locale_of
from citizen.i18n import translator

# The core's enums are exposed as they are (strawberry.enum marks the class in place, so
# resolvers annotate with the core types); their GraphQL values are the member names.
strawberry.enum(Locale, name="Language", description="kk (Kazakh) or ru (Russian)")
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
    def of(raw: dict[str, Any] | None) -> Source | None:
        if not raw:
            return None
        return Source(
            seed=raw.get("seed"),
            ref=raw.get("ref"),
            url=raw.get("url"),
            edition=raw.get("edition"),
            note=raw.get("note"),
        )


def count_of(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


@strawberry.type(description="A duration exactly as the regulation wrote it.")
class Duration:
    value: float
    unit: DurationUnit

    @strawberry.field(description="e.g. '5 жұмыс күні' / '5 рабочих дней'")
    def text(self, info: Info, locale: Locale | None = None) -> str:
        return duration_text(self.value, DurationUnit(self.unit), locale_of(info, locale))

    @staticmethod
    def of(value: float | None, unit: str | None) -> Duration | None:
        if value is None or unit is None:
            return None
        return Duration(value=value, unit=DurationUnit(unit))


def duration_text(value: float, unit: DurationUnit, locale: Locale) -> str:
    return translator()(locale, f"duration-{unit.value}", count=count_of(value))


def label(locale: Locale, prefix: str, value: str) -> str:
    return translator()(locale, f"{prefix}-{value}")


def text_field(column: str, description: str, *, nullable: bool = False) -> Any:
    """A field that reads `<column>_kk` / `<column>_ru` of the wrapped row, with `locale`."""

    def resolve(root: Any, info: Info, locale: Any = None) -> Any:
        value = getattr(root.row, f"{column}_{locale_of(info, locale).value}")
        if value is None and not nullable:
            raise ValueError(f"{column} missing for {type(root).__name__}")
        return value

    # Annotations are set as objects (not strings) so strawberry needs no module lookup.
    resolve.__annotations__ = {
        "info": Info,
        "locale": Locale | None,
        "return": str | None if nullable else str,
    }
    return strawberry.field(resolver=resolve, description=description)
