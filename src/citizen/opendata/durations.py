"""ISO 8601 durations (`xsd:duration`) of catalogue durations, where ISO can say them.

A regulation counts in minutes, hours, calendar days, working days, or just "days" (күн)
without saying which. ISO 8601 has no working day, and a bare "day" is ambiguous, so those two
have no ISO form here: the open data says so in words instead of giving a wrong number.
"""

from __future__ import annotations

from typing import Any

SECONDS = {"minute": 60, "hour": 3600, "calendar_day": 86400}


def iso_duration(duration: dict[str, Any] | None) -> str | None:
    """`PT30M`, `PT1H`, `P15D`; None for working days, bare days and unknown durations."""
    if duration is None or duration.get("unit") not in SECONDS:
        return None
    value, unit = duration["value"], duration["unit"]
    if float(value).is_integer():
        count = int(value)
        return {"minute": f"PT{count}M", "hour": f"PT{count}H", "calendar_day": f"P{count}D"}[unit]
    # xsd:duration allows a fraction only in the seconds: 1.5 hours is PT5400S.
    seconds = float(value) * SECONDS[unit]
    return f"PT{int(seconds)}S" if seconds.is_integer() else f"PT{seconds}S"
