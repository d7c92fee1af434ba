"""Every sentence a person reads: Fluent messages per locale, Babel for dates and numbers.

The `.ftl` files live in `locales/kk/` and `locales/ru/` at the top of the repository (shipped
inside the package through the `citizen/locales` link). Plural forms come from Fluent selectors
with CLDR rules (Russian: one/few/many/other, Kazakh: one/other). Bidi isolation marks are off:
Telegram and mobile apps would show them as stray characters.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterable
from enum import StrEnum
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from babel.dates import format_date as babel_format_date
from babel.dates import format_time as babel_format_time
from babel.numbers import format_decimal
from fluent.runtime import FluentBundle, FluentResource

from citizen.catalogue.vocabulary import Locale

# Babel locale per catalogue language: Russian as written in Kazakhstan.
BABEL_LOCALE = {Locale.KK: "kk", Locale.RU: "ru_KZ"}


def locales_dir() -> Path:
    return Path(str(resources.files("citizen") / "locales"))


class MissingMessage(KeyError):
    pass


# Files read only when one of their messages is first asked for: parsing Fluent is slow (pure
# Python), and an API-only server never shows a bot or console message. Every id in such a file
# starts with its name and a hyphen (`bot-…`), so the id says which file holds it.
ON_DEMAND = ("bot", "console", "opendata")


class Translator:
    """Fluent bundles for both locales, loaded once from the `.ftl` files."""

    def __init__(self, root: Path | None = None):
        self._root = root or locales_dir()
        self._bundles: dict[Locale, FluentBundle] = {}
        self._pending: dict[str, list[Path]] = {prefix: [] for prefix in ON_DEMAND}
        self._lock = threading.Lock()
        for locale in Locale:
            bundle = FluentBundle([locale.value], use_isolating=False)
            for path in sorted((self._root / locale.value).glob("*.ftl")):
                if path.stem in self._pending:
                    self._pending[path.stem].append(path)
                else:
                    bundle.add_resource(_resource(path))
            self._bundles[locale] = bundle

    def _bundle(self, locale: Locale | str, msg_id: str) -> FluentBundle:
        prefix = msg_id.partition("-")[0]
        if self._pending.get(prefix):
            self._load(prefix)
        return self._bundles[Locale(locale)]

    def _load(self, prefix: str) -> None:
        with self._lock:
            for path in self._pending[prefix]:
                self._bundles[Locale(path.parent.name)].add_resource(_resource(path))
            self._pending[prefix] = []

    def has(self, locale: Locale | str, msg_id: str) -> bool:
        return self._bundle(locale, msg_id).has_message(msg_id)

    def __call__(self, locale: Locale | str, msg_id: str, **args: Any) -> str:
        """The message `msg_id` in `locale`; a missing id is a programming error, raised."""
        bundle = self._bundle(locale, msg_id)
        if not bundle.has_message(msg_id):
            raise MissingMessage(f"{msg_id!r} missing in locale {locale}")
        message = bundle.get_message(msg_id)
        assert message.value is not None, f"{msg_id!r} has no value"
        text, errors = bundle.format_pattern(message.value, args)
        if errors:
            raise ValueError(f"{msg_id!r} in {locale}: {errors}")
        return str(text)


def _resource(path: Path) -> Any:  # fluent.syntax.ast.Resource (FluentResource is a function)
    return FluentResource(path.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def translator() -> Translator:
    return Translator()


def format_date(day: dt.date, locale: Locale | str) -> str:
    """'2026 ж. 16 желтоқсан' in Kazakh, '16 декабря 2026 г.' in Russian.

    CLDR puts a narrow no-break space inside "2026 ж."; some Telegram and Android fonts lack
    that glyph, so it becomes an ordinary no-break space, which keeps the words together.
    """
    text = str(babel_format_date(day, "long", locale=BABEL_LOCALE[Locale(locale)]))
    return text.replace("\u202f", "\xa0")


def format_time(moment: dt.time | dt.datetime, locale: Locale | str) -> str:
    return str(babel_format_time(moment, "HH:mm", locale=BABEL_LOCALE[Locale(locale)]))


def format_number(value: float, locale: Locale | str) -> str:
    return str(format_decimal(value, locale=BABEL_LOCALE[Locale(locale)]))


# --- Labels of domain values -------------------------------------------------------------------
#
# Every value of the closed word lists (channels, forms, statuses, ...) has one message per
# language, `<prefix>-<value>`, and every door shows that message: the API's `label` fields,
# the bot's cards, the operator pages, the notifications. Enums are named by class name here,
# so that this shared layer imports no domain package; `tests/test_i18n.py` checks that every
# value of every enum listed has a label in both languages.

LABEL_PREFIXES: dict[str, str] = {
    "Channel": "channel",
    "Form": "form",
    "ActStatus": "act-status",
    "CurrentStatus": "current-status",
    "CostKind": "cost",
    "DocumentKind": "document-kind",
    "Knowledge": "knowledge",
    "TermBasis": "term-basis",
    "Assumption": "assumption",
    "ApplicationStatus": "application-status",
    "ResultDelivery": "result-delivery",
}


# Labels and durations are asked for again and again (every step of every card) and are pure
# functions of their arguments: formatting each once per process saves most of a card's time.
# Typed: values of different enums are equal strings ("unknown" is an act status and a cost
# kind), and an untyped cache would give one the other's label.
@lru_cache(maxsize=4096, typed=True)
def label(value: StrEnum, locale: Locale | str) -> str:
    """The label of a domain value: `label(Channel.PORTAL, "ru")` -> 'Портал ... (egov.kz)'."""
    prefix = LABEL_PREFIXES[type(value).__name__]
    return translator()(locale, f"{prefix}-{value.value}")


def count_of(value: float) -> int | float:
    """3.0 -> 3: Fluent chooses plural forms and prints digits from the value's type."""
    return int(value) if float(value).is_integer() else value


@lru_cache(maxsize=4096)
def duration_text(value: float, unit: StrEnum | str, locale: Locale | str) -> str:
    """A duration with the unit's plural form: '5 рабочих дней', '5 жұмыс күні'."""
    unit_value = unit.value if isinstance(unit, StrEnum) else unit
    return translator()(locale, f"duration-{unit_value}", count=count_of(value))


def durations_text(spans: Iterable[tuple[float, StrEnum | str]], locale: Locale | str) -> str:
    """Several durations in different units, as one phrase: '5 рабочих дней + 30 минут'."""
    return " + ".join(duration_text(value, unit, locale) for value, unit in spans)


# --- Texts that exist in one language only ------------------------------------------------------
#
# Some texts are written by people in one language only (a provider's refusal reason). Every
# door follows one policy: show the reader's language when it exists, else show the other one,
# and say that it is in the other language (never hide a reason, never pass it off as a
# translation).


def in_reader_language(
    kk: str | None, ru: str | None, locale: Locale | str
) -> tuple[str, bool] | None:
    """`(text, other_language)`: the text in the reader's language, or else in the other one
    with `other_language` True; None when there is no text in either."""
    own, other = (kk, ru) if Locale(locale) == Locale.KK else (ru, kk)
    if own and own.strip():
        return own, False
    if other and other.strip():
        return other, True
    return None
