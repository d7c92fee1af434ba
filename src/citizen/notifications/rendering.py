"""A message ready to send: text parts and map points, in one language.

What the message says is decided by whoever queued it (an application's status change:
`applications.notices`); the delivery worker receives a renderer and only sends the parts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlmodel import Session

from citizen.catalogue.vocabulary import Locale
from citizen.notifications.tables import Notification


@dataclass(frozen=True)
class TextPart:
    text: str


@dataclass(frozen=True)
class VenuePart:
    latitude: float
    longitude: float
    title: str
    address: str


Part = TextPart | VenuePart


@dataclass(frozen=True)
class RenderedMessage:
    locale: Locale
    parts: tuple[Part, ...]

    @property
    def text(self) -> str:
        return next(p.text for p in self.parts if isinstance(p, TextPart))


# Renders an outbox row at delivery time (in a worker thread, inside a unit of work).
Renderer = Callable[[Session, Notification], RenderedMessage]
