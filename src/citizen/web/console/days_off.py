"""Names of the days off a term skipped, for the operator to read aloud.

The `holidays` package knows Kazakhstan's public holidays and names them in English and Kazakh,
not in Russian. The names shown come from Fluent messages keyed by the holiday
(`console-holiday-<key>`, the key made from the package's English name), in both languages like
every other text; the Kazakh ones are the package's own wording (a test keeps them equal). A day
off with no name we know — a weekend, a day moved by a decree the package does not name — is
called just a day off, with its date and weekday: a name is never made up.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

import holidays
from babel.dates import format_date as babel_format_date

from citizen.catalogue.calendar import kazakhstan_holidays
from citizen.catalogue.vocabulary import Locale
from citizen.i18n import BABEL_LOCALE, format_date, translator

# Holidays the package names differently from a year on, with one English name for both (it
# follows the amendments of the law on holidays): Republic Day is "Қазақстан Республикасы күні"
# from 2026, "Республика күні" before.
_RENAMED_FROM = {"republic-day": (2026, "republic-day-of-kazakhstan")}
_SUBSTITUTED = re.compile(r"^Day off \(substituted from (\d\d)/(\d\d)/(\d{4})\)$")
_QUALIFIED = re.compile(r"^(.*?) \((observed|estimated)\)$")


@dataclass(frozen=True)
class DayOff:
    day: dt.date
    date_text: str  # '1 января 2027 г.'
    weekday: str  # 'пятница'
    name: str | None  # the holiday's name, when we know it in this language


@lru_cache(maxsize=1)
def _kz_holidays() -> holidays.HolidayBase:
    return kazakhstan_holidays(language="en_US")


def holiday_key(english_name: str) -> str:
    """'New Year's Day' -> 'new-years-day': the Fluent key of a holiday's Russian name."""
    plain = english_name.lower().replace("'", "").replace("’", "")
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")


def _key(english_base: str, year: int) -> str:
    key = holiday_key(english_base)
    renamed = _RENAMED_FROM.get(key)
    return renamed[1] if renamed and year >= renamed[0] else key


def _name(english: str, year: int, locale: Locale) -> str | None:
    """One holiday's name in `locale`, from the package's English name; None if unknown."""
    t = translator()
    moved = _SUBSTITUTED.match(english)
    if moved:
        month, day, year = (int(g) for g in moved.groups())
        worked = format_date(dt.date(year, month, day), locale)
        return t(locale, "console-holiday-substituted", date=worked)
    qualified = _QUALIFIED.match(english)
    base, qualifier = (qualified.group(1), qualified.group(2)) if qualified else (english, None)
    key = f"console-holiday-{_key(base, year)}"
    if not t.has(locale, key):
        return None
    name = t(locale, key)
    return t(locale, f"console-holiday-{qualifier}", name=name) if qualifier else name


def holiday_name(day: dt.date, locale: Locale | str) -> str | None:
    """The public holiday on `day` in `locale`, or None (not a holiday, or no known name)."""
    english = _kz_holidays().get(day)
    if not english:
        return None
    parts = [_name(p, day.year, Locale(locale)) for p in str(english).split("; ")]
    known = [p for p in parts if p]
    return "; ".join(known) if len(known) == len(parts) else None


def weekday_name(day: dt.date, locale: Locale | str) -> str:
    """'пятница', 'жұма': CLDR's name of the day of the week."""
    return str(babel_format_date(day, "EEEE", locale=BABEL_LOCALE[Locale(locale)]))


def describe(days: tuple[dt.date, ...], locale: Locale | str) -> list[DayOff]:
    return [
        DayOff(d, format_date(d, locale), weekday_name(d, locale), holiday_name(d, locale))
        for d in days
    ]
