"""What applies today: the stored record of a service (a validated `datafile.CurrentRecord`,
kept as JSON on the service row) turned into the snapshot's typed objects, acts resolved."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from citizen.catalogue import datafile as f
from citizen.catalogue import model as m
from citizen.catalogue.terms import Span


def current_record(
    stored: Mapping[str, Any] | None, acts: Mapping[str, m.LegalAct]
) -> m.CurrentRecord | None:
    if not stored:
        return None
    record = f.CurrentRecord.model_validate(stored)

    def act(act_id: str | None) -> m.LegalAct | None:
        return acts.get(act_id) if act_id else None

    return m.CurrentRecord(
        status=record.status,
        act=act(record.act),
        appendix=record.appendix,
        edition=_text(record.edition),
        edition_date=record.edition_date,
        previous_act=act(record.previous_act),
        abolished_by=act(record.abolished_by),
        name=_fact(record.name),
        provider=_fact(record.provider),
        channels=_fact(record.channels),
        channel_list=tuple(record.channels.channels) if record.channels else (),
        term=_fact(record.term),
        term_duration=Span(record.term.duration.value, record.term.duration.unit)
        if record.term else None,
        cost=_fact(record.cost),
        cost_kind=record.cost.kind if record.cost else None,
        result=_fact(record.result),
        documents=tuple(
            m.CurrentDocuments(
                tuple(m.Text(i.kk, i.ru) for i in d.items),
                d.complete,
                frozenset(d.channels),
                _text(d.note),
                _source(d.source),
            )
            for d in record.documents
        ),
        notes=tuple(n for n in (_fact(x) for x in record.notes) if n is not None),
        confidence=record.confidence.level,
        read=m.Text(record.confidence.read.kk, record.confidence.read.ru),
        not_read=m.Text(record.confidence.not_read.kk, record.confidence.not_read.ru),
        where_to_check=_text(record.where_to_check),
        checked_on=record.checked_on,
        source=_source(record.source),
    )


def _text(text: f.Text | None) -> m.Text | None:
    return m.Text(text.kk, text.ru) if text else None


def _source(source: f.Source | None) -> m.Source | None:
    if source is None:
        return None
    return m.Source(**source.model_dump(exclude_none=True))


def _fact(fact: f.CurrentFact | None) -> m.CurrentFact | None:
    if fact is None:
        return None
    return m.CurrentFact(m.Text(fact.text.kk, fact.text.ru), _text(fact.note), _source(fact.source))
