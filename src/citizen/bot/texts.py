"""Fluent messages bound to one chat's language, made safe for Telegram's HTML parse mode.

Every argument that goes into a message is HTML-escaped unless it is wrapped in `Html` (a
fragment this package built itself from escaped parts), so that a service name with "<" or a
user's search words can never break the markup or inject any.

Labels and plural forms of domain values (channels, durations, statuses, ...) are not the bot's:
the helpers here only bind `citizen.i18n.label` / `duration_text` to the chat's language, so the
bot says what every other door says.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterable
from enum import StrEnum
from typing import Any

from citizen.catalogue.terms import Span
from citizen.catalogue.vocabulary import Channel, Locale
from citizen.i18n import (
    duration_text,
    durations_text,
    format_date,
    format_time,
    label,
    translator,
)


class Html(str):
    """A fragment that is already valid, escaped HTML."""

    __slots__ = ()


def escape(text: str) -> Html:
    return Html(html.escape(text, quote=False))


def join(parts: Iterable[str], sep: str = "\n") -> Html:
    """Join fragments; plain strings among them are escaped, `Html` ones kept as they are."""
    return Html(sep.join(p if isinstance(p, Html) else escape(p) for p in parts))


class Texts:
    """`t("bot-card-region", region=...)` in one locale, returning escaped HTML."""

    def __init__(self, locale: Locale | str):
        self.locale = Locale(locale)
        self._t = translator()

    def __call__(self, msg_id: str, **args: Any) -> Html:
        safe = {
            k: (v if isinstance(v, Html) or not isinstance(v, str) else escape(v))
            for k, v in args.items()
        }
        return Html(self._t(self.locale, msg_id, **safe))

    def plain(self, msg_id: str, **args: Any) -> str:
        """A message for places Telegram shows as plain text (buttons, command menu, alerts)."""
        return self._t(self.locale, msg_id, **args)

    def date(self, day: dt.date) -> str:
        return format_date(day, self.locale)

    def time(self, moment: dt.datetime) -> str:
        return format_time(moment, self.locale)

    def label(self, value: StrEnum) -> str:
        """The label every door shows for a domain value (a channel, a status, a form, ...)."""
        return label(value, self.locale)

    def span(self, span: Span) -> str:
        return duration_text(span.value, span.unit, self.locale)

    def spans(self, spans: Iterable[Span]) -> str:
        """Durations in several units as one phrase: '2 рабочих дня + 25 минут'."""
        return durations_text(((s.value, s.unit) for s in spans), self.locale)

    def channel(self, channel: Channel | str) -> str:
        return label(Channel(channel), self.locale)

    def channels(self, channels: Iterable[Channel | str]) -> str:
        """Several channels in the catalogue's order (a step's channels are a set)."""
        order = list(Channel)
        return "; ".join(self.channel(c) for c in sorted(map(Channel, channels), key=order.index))
