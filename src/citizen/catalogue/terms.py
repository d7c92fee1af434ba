""" "When will it be ready?": the expected date of a result, from a regulation's terms or steps.

The regulation's stated total term is used where there is one (for the channel asked about, or
for every channel); otherwise the durations of the steps on that channel's path are added up.
The answer says which basis it used and every assumption it made, so that a door can tell the
citizen plainly how sure the date is.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol, TypeVar

from citizen.catalogue.calendar import KZ_TZ, ProductionCalendar
from citizen.catalogue.vocabulary import Channel, DurationUnit


class TermBasis(StrEnum):
    STATED = "stated"  # the regulation states a total term
    STEPS = "steps"  # computed as the sum of the steps' durations
    UNSTATED = "unstated"  # the regulation points to a term it does not give (the standard's)


class Assumption(StrEnum):
    # "күн" with no qualifier: counted as working days, the later of the two readings, so that
    # nobody comes for a result before it can be ready.
    DAY_COUNTED_AS_WORKING_DAY = "day_counted_as_working_day"
    # Some steps give no number (e.g. "within the term of the standard"): left out of the sum.
    STEP_WITHOUT_DURATION = "step_without_duration"
    # The term runs out on a day off: the office hands out results on the next working day.
    MOVED_TO_NEXT_WORKING_DAY = "moved_to_next_working_day"
    # Neither a stated term nor a step duration: no date can be given.
    NO_DURATION = "no_duration"
    # Steps taken only in some cases (a refusal notice, a failed check) are never added up.
    CONDITIONAL_STEPS_LEFT_OUT = "conditional_steps_left_out"
    # The regulation gives no term for this channel but points to one we do not have.
    TERM_UNSTATED = "term_unstated"


@dataclass(frozen=True)
class Span:
    """A duration as a regulation wrote it."""

    value: float
    unit: DurationUnit


class Scoped(Protocol):
    """Something that applies to some channels only (an empty set: to every channel)."""

    @property
    def channels(self) -> frozenset[Channel]: ...


class Stated(Scoped, Protocol):
    @property
    def span(self) -> Span: ...


class Timed(Scoped, Protocol):
    @property
    def duration(self) -> Span | None: ...

    @property
    def conditional(self) -> bool: ...


S = TypeVar("S", bound=Stated)
P = TypeVar("P", bound=Timed)


@dataclass(frozen=True)
class StatedTerm:
    span: Span
    channels: frozenset[Channel]  # empty: every channel


@dataclass(frozen=True)
class StepSpan:
    duration: Span | None  # None where the step gives no number
    channels: frozenset[Channel]  # empty: every channel
    conditional: bool = False  # taken only in some cases: never added to a sum


@dataclass(frozen=True)
class ReadyEstimate:
    submitted_at: dt.datetime
    ready_at: dt.datetime | None  # when the term runs out; None when nothing can be computed
    ready_on: dt.date | None  # the day to expect the result
    basis: TermBasis
    spans: tuple[Span, ...]  # what was added, in order
    assumptions: tuple[Assumption, ...]
    days_off: tuple[dt.date, ...] = ()  # days off between submission and the ready day


def _applies(channels: frozenset[Channel], channel: Channel) -> bool:
    return not channels or channel in channels


def stated_term(terms: Sequence[S], channel: Channel | None) -> S | None:
    """The stated total term for a channel: a channel-specific one first, then a general one.

    Without a channel: a general one, or else the first one stated.
    """
    general = [t for t in terms if not t.channels]
    if channel is None:
        return general[0] if general else (terms[0] if terms else None)
    specific = [t for t in terms if channel in t.channels]
    candidates = specific or general
    return candidates[0] if candidates else None


def steps_on_path(steps: Sequence[P], channel: Channel | None) -> list[P]:
    """The steps every person on `channel` goes through: the ones a sum adds up.

    Without a channel, only the steps every path shares: adding the State Corporation's and
    the portal's own steps together would describe no applicant's actual wait. Conditional
    steps (taken only in some cases, e.g. a refusal notice) are nobody's certain wait.
    """
    if channel is None:
        return [s for s in steps if not s.channels and not s.conditional]
    return [s for s in steps if _applies(s.channels, channel) and not s.conditional]


def conditional_on_path(steps: Sequence[P], channel: Channel | None) -> int:
    """How many steps on the path are taken only in some cases (left out of every sum)."""

    def on_path(step: P) -> bool:
        return not step.channels if channel is None else _applies(step.channels, channel)

    return sum(1 for s in steps if s.conditional and on_path(s))


def term_spans(
    terms: Sequence[Stated], steps: Sequence[Timed], channel: Channel | None
) -> tuple[TermBasis, list[Span]]:
    """ "How long": the stated term, else the durations of the steps on the channel's path."""
    stated = stated_term(terms, channel)
    if stated is not None:
        return TermBasis.STATED, [stated.span]
    return TermBasis.STEPS, [s.duration for s in steps_on_path(steps, channel) if s.duration]


def unknown_estimate(submitted_at: dt.datetime, basis: TermBasis) -> ReadyEstimate:
    """No date can be given (e.g. the regulation points to a term it does not state)."""
    return ReadyEstimate(_as_kz(submitted_at), None, None, basis, (), (Assumption.TERM_UNSTATED,))


def estimate_ready(
    terms: Sequence[Stated],
    steps: Sequence[Timed],
    channel: Channel,
    submitted_at: dt.datetime,
    calendar: ProductionCalendar,
) -> ReadyEstimate:
    """The expected ready moment and day for an application submitted at `submitted_at`."""
    start = _as_kz(submitted_at)
    assumptions: list[Assumption] = []
    stated = stated_term(terms, channel)
    if stated is not None:
        basis, spans = TermBasis.STATED, [stated.span]
    else:
        basis = TermBasis.STEPS
        on_path = steps_on_path(steps, channel)
        spans = [s.duration for s in on_path if s.duration is not None]
        if len(spans) < len(on_path):
            assumptions.append(Assumption.STEP_WITHOUT_DURATION)
        if conditional_on_path(steps, channel):
            assumptions.append(Assumption.CONDITIONAL_STEPS_LEFT_OUT)
    if not spans:
        assumptions.append(Assumption.NO_DURATION)
        return ReadyEstimate(start, None, None, basis, (), tuple(assumptions))
    moment = start
    for span in spans:
        moment = _advance(moment, span, calendar, assumptions)
    ready_on = moment.date()
    if channel != Channel.PORTAL and not calendar.is_working_day(ready_on):
        ready_on = calendar.next_working_day(ready_on)
        assumptions.append(Assumption.MOVED_TO_NEXT_WORKING_DAY)
    return ReadyEstimate(
        start,
        moment,
        ready_on,
        basis,
        tuple(spans),
        tuple(dict.fromkeys(assumptions)),
        calendar.days_off_between(start.date(), ready_on),
    )


def _advance(
    moment: dt.datetime, span: Span, calendar: ProductionCalendar, assumptions: list[Assumption]
) -> dt.datetime:
    unit = span.unit
    if unit == DurationUnit.MINUTE:
        return moment + dt.timedelta(minutes=span.value)
    if unit == DurationUnit.HOUR:
        return moment + dt.timedelta(hours=span.value)
    days = math.ceil(span.value)
    if unit == DurationUnit.CALENDAR_DAY:
        return moment + dt.timedelta(days=days)
    if unit == DurationUnit.DAY:
        assumptions.append(Assumption.DAY_COUNTED_AS_WORKING_DAY)
    target = calendar.add_working_days(moment.date(), days)
    return dt.datetime.combine(target, moment.timetz())


def _as_kz(moment: dt.datetime) -> dt.datetime:
    if moment.tzinfo is None:
        raise ValueError("submission moment must carry a time zone")
    return moment.astimezone(KZ_TZ)
