"""The date calculator: submitted at a moment on a channel -> the day the result is ready.

The answer is the regulation's `ready_estimate` (the same the API and the bot give), read out
in the language the operator picks: the ready day, the term it counted, the days off it
skipped with their names, and every assumption it made. A GET form: computing changes
nothing, and the page can be bookmarked or printed.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from starlette.responses import Response

from citizen.catalogue.calendar import KZ_TZ
from citizen.catalogue.vocabulary import Channel, Locale
from citizen.web.console.catalogue_pages import (
    applies_today,
    chosen_regulation,
    no_such_service,
    service_of,
)
from citizen.web.console.days_off import describe
from citizen.web.console.pages import Visit


def _channel(value: str | None, accepting: tuple[Channel, ...]) -> Channel | None:
    try:
        channel = Channel(value or "")
    except ValueError:
        return accepting[0] if accepting else None
    return channel


def _moment(day: str, clock: str) -> dt.datetime | None:
    try:
        date = dt.date.fromisoformat(day)
        time = dt.time.fromisoformat(clock or "10:00")
    except ValueError:
        return None
    return dt.datetime.combine(date, time.replace(second=0, microsecond=0), KZ_TZ)


async def calculator(visit: Visit) -> Response:
    service = service_of(visit)
    if service is None:
        return no_such_service(visit)
    regulation = chosen_regulation(visit, service)
    params = visit.request.query_params
    answer_locale = Locale(params["answer"]) if params.get("answer") in ("kk", "ru") \
        else visit.locale
    now = dt.datetime.now(KZ_TZ)
    day, clock = params.get("date", ""), params.get("time", "")
    values: dict[str, Any] = {
        "service": service,
        "applies_today": applies_today(service),
        "regulation": regulation,
        "answer_locale": answer_locale,
        "day": day or now.date().isoformat(),
        "clock": clock or now.strftime("%H:%M"),
        "channel": None,
        "error": None,
        "estimate": None,
        "how_long": None,
        "days_off": [],
    }
    # No date for a service that no longer exists (the bot offers none either): the page says
    # it is abolished, and the old regulation stays on the service page as history.
    if regulation is None or service.abolished:
        return visit.page("calculator.html", **values)
    channel = _channel(params.get("channel"), regulation.accepting_channels)
    values["channel"] = channel
    if not day:  # the form was not sent yet: show it, filled with now
        return visit.page("calculator.html", **values)
    moment = _moment(day, clock)
    if moment is None:
        values["error"] = visit.t("console-calc-error-moment")
        return visit.page("calculator.html", 400, **values)
    if channel is None or not regulation.accepts(channel):
        values["error"] = visit.t("console-calc-error-channel")
        return visit.page("calculator.html", 400, **values)
    estimate = regulation.ready_estimate(channel, moment)
    values.update(
        estimate=estimate,
        how_long=regulation.how_long(channel),
        days_off=describe(estimate.days_off, answer_locale),
    )
    return visit.page("calculator.html", **values)
