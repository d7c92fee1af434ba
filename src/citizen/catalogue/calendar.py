"""The Kazakhstan production calendar: which days are working days.

Public holidays, their observed (moved) days and Saturdays or Sundays made working days by a
transfer decree come from the `holidays` package (country KZ). Government decrees on transferred
days are sometimes published after a package release; the catalogue's `calendar.yaml` holds
overrides for those, and an override always wins.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import holidays

# Kazakhstan has used one time zone, UTC+5, since 1 March 2024. A fixed offset avoids depending
# on the machine's tz database being new enough to know that change.
KZ_TZ = dt.timezone(dt.timedelta(hours=5), "UTC+05")


class ProductionCalendar:
    def __init__(self, overrides: Mapping[dt.date, bool] | None = None):
        self._overrides = dict(overrides or {})
        self._kz = holidays.country_holidays("KZ")

    def is_working_day(self, day: dt.date) -> bool:
        if day in self._overrides:
            return self._overrides[day]
        return bool(self._kz.is_working_day(day))

    def holiday_name(self, day: dt.date) -> str | None:
        name = self._kz.get(day)
        return str(name) if name else None

    def add_working_days(self, start: dt.date, count: int) -> dt.date:
        """The `count`-th working day after `start` (the day of submission itself is day 0)."""
        day = start
        remaining = count
        while remaining > 0:
            day += dt.timedelta(days=1)
            if self.is_working_day(day):
                remaining -= 1
        return day

    def days_off_between(self, start: dt.date, end: dt.date) -> tuple[dt.date, ...]:
        """The days off after `start`, up to and including `end` (what a term skipped)."""
        days = (start + dt.timedelta(days=n) for n in range(1, (end - start).days + 1))
        return tuple(d for d in days if not self.is_working_day(d))

    def next_working_day(self, day: dt.date) -> dt.date:
        """`day` itself when it is a working day, otherwise the first working day after it."""
        while not self.is_working_day(day):
            day += dt.timedelta(days=1)
        return day
