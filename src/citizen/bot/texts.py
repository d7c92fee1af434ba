"""Fluent messages bound to one chat's language, made safe for Telegram's HTML parse mode.

Every argument that goes into a message is HTML-escaped unless it is wrapped in `Html` (a
fragment this package built itself from escaped parts), so that a service name with "<" or a
user's search words can never break the markup or inject any.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterable
from typing import Any

from citizen.catalogue.terms import Span
from citizen.catalogue.vocabulary import Channel, DurationUnit, Locale
from citizen.i18n import format_date, format_time, translator


class Html(str):
    """A fragment that is already valid, escaped HTML."""

    __slots__ = ()


def escape(text: str) -> Html:
    return Html(html.escape(text, quote=False))


def join(parts: Iterable[str], sep: str = "\n") -> Html:
    """Join fragments; plain strings among them are escaped, `Html` ones kept as they are."""
    return Html(sep.join(p if isinstance(p, Html) else escape(p) for p in parts))


def number(value: float) -> int | float:
    """3.0 -> 3: Fluent chooses plural forms and prints digits from the value's type."""
    return int(value) if float(value).is_integer() else value


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

    def duration(self, value: float, unit: DurationUnit | str) -> str:
        return self.plain(f"duration-{DurationUnit(unit).value}", count=number(value))

    def span(self, span: Span) -> str:
        return self.duration(span.value, span.unit)

    def channel(self, channel: Channel | str) -> str:
        return self.plain(f"channel-{Channel(channel).value}")

    def channels(self, channels: Iterable[Channel | str]) -> str:
        return "; ".join(self.channel(c) for c in channels)
