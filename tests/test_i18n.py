"""Fluent messages exist in both languages; plurals and dates read naturally."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from citizen.catalogue.vocabulary import Channel, DurationUnit, Locale
from citizen.i18n import format_date, locales_dir, translator

MESSAGE_ID = re.compile(r"^(-?[A-Za-z][A-Za-z0-9_-]*)\s*=", re.MULTILINE)


def message_ids(locale: str) -> set[str]:
    ids: set[str] = set()
    for path in (locales_dir() / locale).glob("*.ftl"):
        ids |= set(MESSAGE_ID.findall(path.read_text(encoding="utf-8")))
    return ids


def test_every_message_exists_in_both_languages() -> None:
    kk, ru = message_ids("kk"), message_ids("ru")
    assert kk, "Kazakh messages are found"
    assert sorted(kk - ru) == [], "messages only in Kazakh"
    assert sorted(ru - kk) == [], "messages only in Russian"


@pytest.mark.parametrize(
    ("count", "expected"),
    [(1, "1 рабочий день"), (3, "3 рабочих дня"), (5, "5 рабочих дней"), (21, "21 рабочий день")],
)
def test_russian_plural_forms(count: int, expected: str) -> None:
    assert translator()(Locale.RU, "duration-working_day", count=count) == expected


def test_kazakh_has_no_plural_agreement_after_numbers() -> None:
    assert translator()(Locale.KK, "duration-working_day", count=5) == "5 жұмыс күні"
    assert translator()(Locale.KK, "duration-calendar_day", count=15) == "15 күнтізбелік күн"


def test_every_enum_value_has_a_label() -> None:
    t = translator()
    for locale in Locale:
        for unit in DurationUnit:
            assert t(locale, f"duration-{unit.value}", count=2)
        for channel in Channel:
            assert t(locale, f"channel-{channel.value}")


def test_dates_in_both_languages() -> None:
    day = dt.date(2026, 12, 16)
    assert format_date(day, Locale.KK) == "2026\xa0ж. 16 желтоқсан"
    assert format_date(day, Locale.RU) == "16 декабря 2026\xa0г."
