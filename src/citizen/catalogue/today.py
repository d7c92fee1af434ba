"""What applies today, told in one language: the sentences every door shows first.

The API returns the typed record (`Service.current`) and may add these sentences; the bot card
and the operator console print them. One module words them, so the doors never disagree on
whether a service is abolished, which act is in force or how sure we are. The messages are in
`locales/*/catalogue.ftl` under "What applies today".
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from citizen.catalogue.model import (
    CurrentDocuments,
    CurrentFact,
    CurrentRecord,
    HowLong,
    LegalAct,
    Regulation,
    Service,
    Source,
)
from citizen.catalogue.vocabulary import CurrentStatus, Locale
from citizen.i18n import format_date, label, translator


@dataclass(frozen=True, slots=True)
class SourceLine:
    url: str
    edition: str | None  # as recorded (a researcher's note, in English): for the API and export
    as_of: dt.date | None  # the date the edition names, if it names one
    text: str  # "Источник: https://… (по состоянию на 16 февраля 2024 г.)"


@dataclass(frozen=True, slots=True)
class FactLine:
    name: str  # which fact: "name", "provider", "channels", "term", "cost", "result"; "" a note
    label: str  # "Срок", "Куда обращаться", …; empty for a note
    text: str
    note: str | None
    source: SourceLine | None


@dataclass(frozen=True, slots=True)
class DocumentsLine:
    items: tuple[str, ...]
    incomplete: str | None  # said when the source's list was cut off
    note: str | None
    source: SourceLine | None


@dataclass(frozen=True, slots=True)
class Today:
    """A service's record of what applies today, as sentences in one language."""

    status: CurrentStatus
    title: str  # "Что действует сейчас"
    headline: str  # the status, or for an abolished service the act that abolished it
    abolished: bool
    act: str  # the act in force now, or that none was found
    edition: str | None
    previous_act: str | None
    facts: tuple[FactLine, ...]
    documents_label: str
    documents: tuple[DocumentsLine, ...]
    notes: tuple[FactLine, ...]
    confidence: str
    read: str
    not_read: str
    where_to_check: str | None
    checked_on: str
    source: SourceLine | None


def today(service: Service, locale: Locale | str) -> Today | None:
    """What applies today for `service`, or None when its record was never checked."""
    record = service.current
    if record is None:
        return None
    t = translator()

    def say(msg_id: str, **args: object) -> str:
        return t(locale, msg_id, **args)

    return Today(
        status=record.status,
        title=say("current-title"),
        headline=headline(record, locale),
        abolished=record.abolished,
        act=_act_line(record, locale),
        edition=say("current-act-edition", edition=record.edition(locale))
        if record.edition else None,
        previous_act=say("current-previous-act", act=record.previous_act.cited(locale))
        if record.previous_act else None,
        facts=tuple(
            _fact_line(name, say(f"current-fact-{name}"), fact, locale)
            for name, fact in _facts(record)
            if fact is not None
        ),
        documents_label=say("current-fact-documents"),
        documents=tuple(_documents_line(d, locale) for d in record.documents),
        notes=tuple(_fact_line("", "", note, locale) for note in record.notes),
        confidence=say(f"confidence-{record.confidence.value}"),
        read=say("current-read", text=record.read(locale)),
        not_read=say("current-not-read", text=record.not_read(locale)),
        where_to_check=say("current-where-to-check", text=record.where_to_check(locale))
        if record.where_to_check else None,
        checked_on=say("current-checked-on", date=format_date(record.checked_on, locale)),
        source=source_line(record.source, locale),
    )


def abolished_headline(service: Service, locale: Locale | str) -> str | None:
    """For an abolished service, the sentence said before its very name (by which act); None
    otherwise. Only the headline: lists and card tops need no more of the record."""
    if service.current is None or not service.abolished:
        return None
    return headline(service.current, locale)


def named_fact(told: Today, name: str) -> FactLine | None:
    """One fact of what applies today by its name ("channels"), if it was read."""
    return next((line for line in told.facts if line.name == name), None)


def headline(record: CurrentRecord, locale: Locale | str) -> str:
    """The sentence every door says first: for an abolished service, by which act; else its
    status. Public so the open-data export carries the same words (`current.headline`)."""
    t = translator()
    if record.abolished and record.abolished_by is not None:
        return t(locale, "current-abolished-by", act_by=record.abolished_by.cited_by(locale))
    return label(record.status, locale)


def _act_line(record: CurrentRecord, locale: Locale | str) -> str:
    t = translator()
    if record.act is None:
        return t(locale, "current-act-none")
    line = t(locale, "current-act", act=record.act.cited(locale))
    if record.appendix:
        line += ", " + t(locale, "current-act-appendix", appendix=record.appendix)
    return line


def _facts(record: CurrentRecord) -> tuple[tuple[str, CurrentFact | None], ...]:
    return (
        ("name", record.name),
        ("provider", record.provider),
        ("channels", record.channels),
        ("term", record.term),
        ("cost", record.cost),
        ("result", record.result),
    )


def _fact_line(name: str, label: str, fact: CurrentFact, locale: Locale | str) -> FactLine:
    return FactLine(
        name=name,
        label=label,
        text=fact.text(locale),
        note=fact.note(locale) if fact.note else None,
        source=source_line(fact.source, locale),
    )


def _documents_line(documents: CurrentDocuments, locale: Locale | str) -> DocumentsLine:
    return DocumentsLine(
        items=tuple(item(locale) for item in documents.items),
        incomplete=None if documents.complete
        else translator()(locale, "current-documents-incomplete"),
        note=documents.note(locale) if documents.note else None,
        source=source_line(documents.source, locale),
    )


def source_line(source: Source | None, locale: Locale | str) -> SourceLine | None:
    """A public page a fact was read on, with the date of what was read; None for a seed-only
    source. The recorded edition is a researcher's note in English ("16.02.2024 (as read for
    shared/research/…)"): a reader is told only the date it names."""
    if source is None or not source.url:
        return None
    as_of = edition_date(source.edition)
    if as_of is None:
        text = translator()(locale, "current-fact-source", url=source.url)
    else:
        text = translator()(locale, "current-fact-source-as-of", url=source.url,
                            date=format_date(as_of, locale))
    return SourceLine(source.url, source.edition, as_of, text)


_DAY_FIRST = re.compile(r"\b(\d{2})\.(\d{2})\.(\d{4})\b")
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def edition_date(edition: str | None) -> dt.date | None:
    """The first date an edition note names (`27.11.2025 (press; …)`, `read 2026-11-24`)."""
    if not edition:
        return None
    if found := _DAY_FIRST.search(edition):
        day, month, year = (int(g) for g in found.groups())
    elif found := _ISO.search(edition):
        year, month, day = (int(g) for g in found.groups())
    else:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


# --- the legal history and the historical regulation -------------------------------------------


def repeal_sentences(act: LegalAct, locale: Locale | str) -> tuple[str, ...]:
    """How `act` stopped applying, in two parts never confused: the act that repealed it, and
    the day it lost force (or that this day is unknown, and how it is determined)."""
    if not act.repealed:
        return ()
    t = translator()
    repeal = act.repeal
    sentences: list[str] = []
    if repeal is not None and repeal.by is not None:
        sentences.append(t(locale, "act-repealed-by", act_by=repeal.by.cited_by(locale)))
    elif act.repealed_by is not None:
        sentences.append(t(locale, "act-repealed-by", act_by=act.repealed_by(locale)))
    lost_on = repeal.lost_force_on if repeal else act.repealed_on
    if lost_on is not None:
        sentences.append(t(locale, "act-lost-force-on", date=format_date(lost_on, locale)))
    elif repeal is not None and repeal.lost_force_rule is not None:
        sentences.append(t(locale, "act-lost-force-unknown-rule",
                           rule=repeal.lost_force_rule(locale)))
    else:
        sentences.append(t(locale, "act-lost-force-unknown"))
    return tuple(sentences)


def history_heading(regulation: Regulation | LegalAct, locale: Locale | str) -> str:
    """ "How it worked under the 2015 regional regulation": the label of everything historical.

    A service only listed by an act (its regulation's text is not in the catalogue) is labelled
    by that act, the one that approved the regulation."""
    act = _approving_act(regulation)
    year = act.date.year if act.date else None
    if year is None:
        return translator()(locale, "history-heading-undated")
    return translator()(locale, "history-heading", year=year)


def history_note(regulation: Regulation | LegalAct, locale: Locale | str) -> str | None:
    """Said under the heading when the regulation no longer applies."""
    return translator()(locale, "history-note") if _approving_act(regulation).repealed else None


def _approving_act(regulation: Regulation | LegalAct) -> LegalAct:
    return regulation if isinstance(regulation, LegalAct) else regulation.act


def term_source(answer: HowLong, locale: Locale | str) -> str:
    """Which act a "how long" or "when ready" answer comes from."""
    return translator()(locale, "term-source-act", act=answer.act.cited(locale))
