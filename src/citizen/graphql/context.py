"""Per-request context: the catalogue snapshot, the database runner, the language asked for."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from strawberry.types import Info

from citizen.catalogue.snapshot import CatalogueSnapshot
from citizen.catalogue.vocabulary import Locale
from citizen.db import Database


def parse_accept_language(header: str | None, default: Locale = Locale.KK) -> Locale:
    """The first of kk/ru in the header by quality (`ru-RU,ru;q=0.9`), else the default."""
    if not header:
        return default
    ranked: list[tuple[float, int, str]] = []
    for i, part in enumerate(header.split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        ranked.append((-quality, i, tag.strip().lower().split("-")[0]))
    for _, _, lang in sorted(ranked):
        if lang in (Locale.KK.value, Locale.RU.value):
            return Locale(lang)
    return default


@dataclass
class Context:
    # Taken once when the request starts: the whole answer comes from one catalogue version,
    # even if a reload swaps in the next snapshot meanwhile. Reading it touches no database.
    catalogue: CatalogueSnapshot
    db: Database  # application, lookup and token work, off the event loop
    locale: Locale
    max_page: int = 100
    token: str | None = None  # the bearer token of provider systems and operators
    client: str = "unknown"  # who asks ("ip:<address>"), for throttling citizen lookups
    # A response that depends on the clock ("if I apply now") must not be cached.
    cacheable: bool = True


def ctx(info: Info) -> Context:
    context: Context = info.context
    return context


def bearer_token(header: str | None) -> str | None:
    scheme, _, value = (header or "").partition(" ")
    return value.strip() or None if scheme.lower() == "bearer" else None


def locale_of(info: Info, override: Any = None) -> Locale:
    """The language of a text field: its own `locale` argument, else the request's."""
    return Locale(override.value) if override is not None else ctx(info).locale
