"""Fluent messages exist in both languages; plurals and dates read naturally."""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum

import pytest

from citizen.applications.statuses import ApplicationStatus, ResultDelivery
from citizen.catalogue.terms import Assumption, TermBasis
from citizen.catalogue.vocabulary import (
    ActStatus,
    Channel,
    CostKind,
    CurrentStatus,
    DocumentKind,
    DurationUnit,
    Form,
    Knowledge,
    Locale,
)
from citizen.i18n import (
    LABEL_PREFIXES,
    ON_DEMAND,
    Translator,
    duration_text,
    format_date,
    label,
    locales_dir,
    translator,
)

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


LABELLED: list[type[StrEnum]] = [
    Channel,
    Form,
    ActStatus,
    CurrentStatus,
    CostKind,
    DocumentKind,
    Knowledge,
    TermBasis,
    Assumption,
    ApplicationStatus,
    ResultDelivery,
]


def test_every_enum_value_has_a_label_in_both_languages() -> None:
    assert {e.__name__ for e in LABELLED} == set(LABEL_PREFIXES)
    for locale in Locale:
        for enum in LABELLED:
            for value in enum:
                assert label(value, locale).strip(), (enum.__name__, value, locale)
        for unit in DurationUnit:
            assert duration_text(2, unit, locale).startswith("2 ")


def test_equal_values_of_different_enums_keep_their_own_labels() -> None:
    """"unknown" is an act status and a cost kind: asking one must not answer the other."""
    for locale in Locale:
        cost = label(CostKind.UNKNOWN, locale)
        assert label(ActStatus.UNKNOWN, locale) == translator()(locale, "act-status-unknown")
        assert cost == translator()(locale, "cost-unknown") != label(ActStatus.UNKNOWN, locale)


def test_labels_differ_between_languages() -> None:
    for enum in LABELLED:
        for value in enum:
            assert label(value, Locale.KK) != label(value, Locale.RU), value


def test_dates_in_both_languages() -> None:
    day = dt.date(2026, 12, 16)
    assert format_date(day, Locale.KK) == "2026\xa0ж. 16 желтоқсан"
    assert format_date(day, Locale.RU) == "16 декабря 2026\xa0г."


@pytest.mark.parametrize("locale", ["kk", "ru"])
def test_files_read_on_demand_hold_only_their_own_prefix(locale: str) -> None:
    """`ON_DEMAND` files are parsed when a message of theirs is first asked for: the id must
    say which file holds it, and no other file may need them (no terms defined there)."""
    for path in sorted((locales_dir() / locale).glob("*.ftl")):
        ids = MESSAGE_ID.findall(path.read_text(encoding="utf-8"))
        for prefix in ON_DEMAND:
            mine = [i for i in ids if i.startswith(f"{prefix}-")]
            if path.stem == prefix:
                assert mine == ids, f"{path.name}: ids without the {prefix}- prefix"
            else:
                assert not mine, f"{path.name} holds {prefix}- ids: {mine[:3]}"
    fresh = Translator()
    assert fresh(locale, "bot-language-self") in ("Русский", "Қазақша")
    assert fresh.has(locale, "opendata-act-status")
