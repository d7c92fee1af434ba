"""Texts of the open data: catalogue texts by language, and Citizen's own sentences from Fluent."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from citizen.catalogue.vocabulary import Locale
from citizen.i18n import translator

LOCALES = (Locale.KK, Locale.RU)


def pick(text: dict[str, str | None] | None, locale: Locale) -> str | None:
    """One language of a `{"kk": ..., "ru": ...}` text of the export."""
    return (text or {}).get(locale.value) or None


def say(locale: Locale, msg_id: str, **args: Any) -> str:
    return translator()(locale, msg_id, **args)


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def cite(source: dict[str, Any] | None) -> str | None:
    """A source as one line: `seed 004, 2-қосымша, 3-тармақ` or `<url> (<edition>)`."""
    if not source:
        return None
    parts = []
    if source.get("seed"):
        parts.append(f"seed {source['seed']}")
    if source.get("ref"):
        parts.append(str(source["ref"]))
    if source.get("url"):
        edition = f" ({source['edition']})" if source.get("edition") else ""
        parts.append(f"{source['url']}{edition}")
    return ", ".join(parts) or None


def duration_text(duration: dict[str, Any], locale: Locale) -> str:
    value = duration["value"]
    return say(locale, f"duration-{duration['unit']}", count=value)


def term_sentences(terms: list[dict[str, Any]], channel: str, locale: Locale) -> list[str]:
    """What the regulation says about the total term on one channel, in words."""
    sentences = []
    for term in terms:
        if term["channels"] and channel not in term["channels"]:
            continue
        duration = term["duration"]
        if duration is None:
            continue
        text = say(locale, "opendata-term-stated", duration=duration_text(duration, locale))
        counted_from = pick(term.get("counted_from"), locale)
        if counted_from:
            text += " " + say(locale, "opendata-term-counted-from", start=lower_first(counted_from))
        if duration["unit"] == "working_day":
            text += " " + say(locale, "opendata-term-working-days-not-iso")
        elif duration["unit"] == "day":
            text += " " + say(locale, "opendata-term-bare-days-not-iso")
        sentences.append(text)
    return sentences or [say(locale, "opendata-term-none")]


def act_status_sentences(act: dict[str, Any], locale: Locale) -> list[str]:
    """The legal status of an act in words; a repealed act adds how it stopped applying, as
    every door words it (`today.repeal_sentences`, carried by the export in `repeal_text`)."""
    status = say(locale, f"act-status-{act['status']}")
    sentences = [say(locale, "opendata-act-status", status=status)]
    if repeal := pick(act.get("repeal_text"), locale):
        sentences.append(repeal)
    return sentences


def abolished_sentence(service: dict[str, Any], locale: Locale) -> str | None:
    """For an abolished service, the sentence every door says first: that it is abolished, by
    which act. The export carries it as `today.headline` words it (`current.headline`); None
    for a service that is not abolished."""
    current = service.get("current") or {}
    if current.get("status") != "abolished":
        return None
    return pick(current.get("headline"), locale)


def localized(build: Callable[[Locale], str | None]) -> dict[Locale, str]:
    """A text of Citizen's own in both languages, built once per language."""
    return {locale: text for locale in LOCALES if (text := build(locale))}
