"""The Kazakhstan production calendar: which days are working days.

Public holidays, their observed (moved) days and Saturdays or Sundays made working days by a
transfer decree come from the `holidays` package (country KZ). Government decrees on transferred
days are sometimes published after a package release; the catalogue's `calendar.yaml` holds
overrides for those, and an override always wins.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

import holidays

# Kazakhstan has used one time zone, UTC+5, since 1 March 2024. A fixed offset avoids depending
# on the machine's tz database being new enough to know that change.
KZ_TZ = dt.timezone(dt.timedelta(hours=5), "UTC+05")


class ProductionCalendar:
    def __init__(self, overrides: Mapping[dt.date, bool] | None = None):
        self._overrides = dict(overrides or {})
        self._kz = kazakhstan_holidays()

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


def kazakhstan_holidays(**options: Any) -> Any:
    """The `holidays` package's calendar for Kazakhstan, the same as
    `holidays.country_holidays("KZ")`, without importing the other 249 countries.

    Importing any `holidays.countries.<country>` first runs that package's `__init__`, which
    imports every country's module: 8 MB of every server's memory and 0.05 s of its start for
    calendars we never read. Kazakhstan's module imports only the package's shared parts, so
    it is loaded from its file by itself; if the package ever moves it, the usual way is taken.
    A test checks the two give the same days off and names.
    """
    loaded = _kazakhstan_module()
    if loaded is None:
        return holidays.country_holidays("KZ", **options)
    return loaded.Kazakhstan(**options)


@lru_cache(maxsize=1)
def _kazakhstan_module() -> Any:
    origin = importlib.util.find_spec("holidays")
    if origin is None or origin.origin is None:
        return None
    path = Path(origin.origin).parent / "countries" / "kazakhstan.py"
    spec = importlib.util.spec_from_file_location("citizen._holidays_kazakhstan", path)
    if not path.is_file() or spec is None or spec.loader is None:
        return None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
