"""Bridge from stored rows to the term arithmetic of `terms.py`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlmodel import Session

from citizen.catalogue import queries
from citizen.catalogue import tables as t
from citizen.catalogue.calendar import ProductionCalendar
from citizen.catalogue.terms import ReadyEstimate, Span, StatedTerm, StepSpan, estimate_ready
from citizen.catalogue.vocabulary import Channel, DurationUnit

_calendars: dict[str, ProductionCalendar] = {}


def calendar_for(session: Session) -> ProductionCalendar:
    """The production calendar with the stored overrides, built once per catalogue version."""
    key = queries.catalogue_version(session)
    if key not in _calendars:
        overrides = {o.day: o.working for o in queries.calendar_overrides(session)}
        _calendars.clear()
        _calendars[key] = ProductionCalendar(overrides)
    return _calendars[key]


def _channels(values: Sequence[str] | None) -> frozenset[Channel]:
    return frozenset(Channel(v) for v in values or ())


def stated_terms(rows: Sequence[t.Term]) -> list[StatedTerm]:
    return [StatedTerm(Span(r.value, DurationUnit(r.unit)), _channels(r.channels)) for r in rows]


def step_spans(rows: Sequence[t.Step]) -> list[StepSpan]:
    return [
        StepSpan(
            Span(r.duration_value, DurationUnit(r.duration_unit))
            if r.duration_value is not None and r.duration_unit
            else None,
            _channels(r.channels),
        )
        for r in rows
    ]


def expected_ready(
    session: Session, regulation_id: str, channel: Channel, submitted_at: dt.datetime
) -> ReadyEstimate:
    terms = queries.terms_by_regulation(session, [regulation_id])[regulation_id]
    steps = queries.steps_by_regulation(session, [regulation_id])[regulation_id]
    return estimate_ready(
        stated_terms(terms), step_spans(steps), channel, submitted_at, calendar_for(session)
    )
