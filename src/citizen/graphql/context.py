"""Per-request context: the language asked for, a database session and the DataLoaders."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any, TypeVar

from sqlalchemy.engine import Engine
from sqlmodel import Session
from strawberry.types import Info

from citizen.catalogue.vocabulary import Locale
from citizen.db import session_scope
from citizen.graphql.loaders import Loaders

T = TypeVar("T")


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
    engine: Engine
    locale: Locale
    max_page: int = 100
    token: str | None = None  # the bearer token of provider systems and operators
    client: str = "unknown"  # who asks ("ip:<address>"), for throttling citizen lookups
    # A response that depends on the clock ("if I apply now") must not be cached.
    cacheable: bool = True

    def read(self, query: Callable[[Session], T]) -> T:
        """Run one read in a short session of its own.

        Resolvers await between reads; a session held across those awaits would hold a pooled
        connection for the whole request and exhaust the pool under concurrency.
        """
        with Session(self.engine, expire_on_commit=False) as session:
            return query(session)

    def write(self, change: Callable[[Session], T]) -> T:
        """Run one unit of work in a transaction of its own (committed, or rolled back)."""
        with session_scope(self.engine) as session:
            return change(session)

    @cached_property
    def loaders(self) -> Loaders:
        return Loaders(self.read)


def ctx(info: Info) -> Context:
    context: Context = info.context
    return context


def bearer_token(header: str | None) -> str | None:
    scheme, _, value = (header or "").partition(" ")
    return value.strip() or None if scheme.lower() == "bearer" else None


def locale_of(info: Info, override: Any = None) -> Locale:
    """The language of a text field: its own `locale` argument, else the request's."""
    return Locale(override.value) if override is not None else ctx(info).locale
