"""Term arithmetic on the Kazakhstan production calendar: weekends, holidays, transfers."""

from __future__ import annotations

import datetime as dt

import holidays
import pytest

from citizen.catalogue.calendar import KZ_TZ, ProductionCalendar, kazakhstan_holidays
from citizen.catalogue.terms import (
    Assumption,
    Span,
    StatedTerm,
    StepSpan,
    TermBasis,
    estimate_ready,
)
from citizen.catalogue.vocabulary import Channel, DurationUnit

CAL = ProductionCalendar()
ALL: frozenset[Channel] = frozenset()


def at(day: str, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(dt.date.fromisoformat(day), dt.time(hour), KZ_TZ)


def stated(value: float, unit: DurationUnit, channels: frozenset[Channel] = ALL) -> StatedTerm:
    return StatedTerm(Span(value, unit), channels)


def step(value: float | None, unit: DurationUnit = DurationUnit.MINUTE) -> StepSpan:
    return StepSpan(Span(value, unit) if value is not None else None, ALL)


def test_working_days_skip_the_weekend() -> None:
    # Friday 27 Nov 2026 + 5 working days: Mon 30, Tue 1, Wed 2, Thu 3, Fri 4 December.
    est = estimate_ready(
        [stated(5, DurationUnit.WORKING_DAY)], [], Channel.PROVIDER_OFFICE, at("2026-11-27"), CAL
    )
    assert est.basis is TermBasis.STATED
    assert est.ready_on == dt.date(2026, 12, 4)


def test_working_days_skip_nauryz_holidays() -> None:
    # Nauryz 2026: 21-23 March plus observed 24-25 March. Friday 20 March + 3 working days
    # runs Thu 26, Fri 27, Mon 30 March.
    est = estimate_ready(
        [stated(3, DurationUnit.WORKING_DAY)], [], Channel.PROVIDER_OFFICE, at("2026-03-20"), CAL
    )
    assert est.ready_on == dt.date(2026, 3, 30)


def test_transferred_working_sunday_counts() -> None:
    # Government decree moved the 3 January 2025 day off to Sunday 5 January, a working day.
    assert CAL.is_working_day(dt.date(2025, 1, 5))
    assert not CAL.is_working_day(dt.date(2025, 1, 3))
    est = estimate_ready(
        [stated(1, DurationUnit.WORKING_DAY)], [], Channel.PROVIDER_OFFICE, at("2025-01-03"), CAL
    )
    assert est.ready_on == dt.date(2025, 1, 5)


def test_calendar_days_ending_on_a_holiday_move_to_the_next_working_day() -> None:
    # 1 Dec 2026 + 15 calendar days = Wed 16 Dec, Independence Day: collect on Thu 17 Dec.
    est = estimate_ready(
        [stated(15, DurationUnit.CALENDAR_DAY)], [], Channel.PROVIDER_OFFICE, at("2026-12-01"), CAL
    )
    assert est.ready_at is not None and est.ready_at.date() == dt.date(2026, 12, 16)
    assert est.ready_on == dt.date(2026, 12, 17)
    assert Assumption.MOVED_TO_NEXT_WORKING_DAY in est.assumptions


def test_portal_results_are_not_moved_off_a_holiday() -> None:
    est = estimate_ready(
        [stated(15, DurationUnit.CALENDAR_DAY)], [], Channel.PORTAL, at("2026-12-01"), CAL
    )
    assert est.ready_on == dt.date(2026, 12, 16)
    assert est.assumptions == ()


def test_override_table_wins_over_the_package() -> None:
    # A decree the package does not know yet: make Thursday 17 Dec 2026 a day off.
    cal = ProductionCalendar({dt.date(2026, 12, 17): False})
    est = estimate_ready(
        [stated(15, DurationUnit.CALENDAR_DAY)], [], Channel.PROVIDER_OFFICE, at("2026-12-01"), cal
    )
    assert est.ready_on == dt.date(2026, 12, 18)
    working_saturday = ProductionCalendar({dt.date(2026, 11, 28): True})
    est = estimate_ready(
        [stated(1, DurationUnit.WORKING_DAY)], [], Channel.PROVIDER_OFFICE, at("2026-11-27"),
        working_saturday,
    )
    assert est.ready_on == dt.date(2026, 11, 28)


def test_sum_of_steps_when_no_total_is_stated() -> None:
    # 20 min + 1 w.d. + 5 w.d. + 1 w.d. + 15 min (seed 000, adoption payment) from Mon 7 Dec.
    steps = [
        step(20),
        step(1, DurationUnit.WORKING_DAY),
        step(5, DurationUnit.WORKING_DAY),
        step(1, DurationUnit.WORKING_DAY),
        step(15),
    ]
    est = estimate_ready([], steps, Channel.PROVIDER_OFFICE, at("2026-12-07", 9), CAL)
    assert est.basis is TermBasis.STEPS
    # 7 working days after Mon 7 Dec, skipping Wed 16 Dec (Independence Day): Wed 17?
    # Tue 8, Wed 9, Thu 10, Fri 11, Mon 14, Tue 15, Thu 17.
    assert est.ready_on == dt.date(2026, 12, 17)
    assert est.ready_at is not None and est.ready_at.time() == dt.time(9, 35)


def test_minutes_only_is_ready_the_same_day() -> None:
    est = estimate_ready([], [step(15), step(15)], Channel.STATE_CORPORATION, at("2026-11-24"), CAL)
    assert est.ready_at == at("2026-11-24") + dt.timedelta(minutes=30)
    assert est.ready_on == dt.date(2026, 11, 24)


def test_channel_specific_term_is_preferred() -> None:
    terms = [
        stated(15, DurationUnit.CALENDAR_DAY),
        stated(30, DurationUnit.MINUTE, frozenset({Channel.STATE_CORPORATION})),
    ]
    est = estimate_ready(terms, [], Channel.STATE_CORPORATION, at("2026-11-24"), CAL)
    assert est.spans == (Span(30, DurationUnit.MINUTE),)
    est = estimate_ready(terms, [], Channel.PROVIDER_OFFICE, at("2026-11-24"), CAL)
    assert est.spans == (Span(15, DurationUnit.CALENDAR_DAY),)


def test_unqualified_day_counts_as_working_day_and_says_so() -> None:
    est = estimate_ready(
        [stated(2, DurationUnit.DAY)], [], Channel.PROVIDER_OFFICE, at("2026-11-27"), CAL
    )
    assert est.ready_on == dt.date(2026, 12, 1)
    assert Assumption.DAY_COUNTED_AS_WORKING_DAY in est.assumptions


def test_steps_without_numbers_are_reported() -> None:
    est = estimate_ready([], [step(None), step(10)], Channel.PORTAL, at("2026-11-24"), CAL)
    assert Assumption.STEP_WITHOUT_DURATION in est.assumptions
    est = estimate_ready([], [step(None)], Channel.PORTAL, at("2026-11-24"), CAL)
    assert est.ready_on is None and Assumption.NO_DURATION in est.assumptions


def test_naive_moments_are_refused() -> None:
    with pytest.raises(ValueError, match="time zone"):
        estimate_ready([], [step(1)], Channel.PORTAL, dt.datetime(2026, 11, 24, 10), CAL)


def test_submission_on_a_day_off_counts_from_the_next_working_day() -> None:
    # Saturday 28 Nov 2026 + 1 working day: Monday 30 Nov.
    est = estimate_ready(
        [stated(1, DurationUnit.WORKING_DAY)], [], Channel.PORTAL, at("2026-11-28"), CAL
    )
    assert est.ready_on == dt.date(2026, 11, 30)


def test_how_long_without_a_channel_uses_the_shared_steps() -> None:
    from citizen.catalogue.terms import term_spans

    son_only = StepSpan(Span(3, DurationUnit.MINUTE), frozenset({Channel.STATE_CORPORATION}))
    steps = [step(10), son_only, step(1, DurationUnit.WORKING_DAY)]
    basis, spans = term_spans([], steps, None)
    assert basis is TermBasis.STEPS
    assert spans == [Span(10, DurationUnit.MINUTE), Span(1, DurationUnit.WORKING_DAY)]
    _, son = term_spans([], steps, Channel.STATE_CORPORATION)
    assert Span(3, DurationUnit.MINUTE) in son
    specific = stated(30, DurationUnit.MINUTE, frozenset({Channel.PORTAL}))
    assert term_spans([specific], steps, None) == (TermBasis.STATED, [specific.span])


def test_kazakhstan_alone_gives_the_packages_calendar() -> None:
    """`kazakhstan_holidays` skips importing 249 other countries: the same days and names."""
    ours, package = kazakhstan_holidays(), holidays.country_holidays("KZ")
    day = dt.date(2015, 1, 1)
    while day <= dt.date(2031, 12, 31):
        assert ours.get(day) == package.get(day), day
        assert ours.is_working_day(day) == package.is_working_day(day), day
        day += dt.timedelta(days=1)
