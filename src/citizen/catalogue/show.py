"""A service as plain text for the command line (`citizen catalogue show`): the snapshot's
answers to "where", "how long" and "which steps", rendered with the shared labels."""

from __future__ import annotations

from collections.abc import Iterable

from citizen.catalogue.model import Regulation, Service
from citizen.catalogue.vocabulary import Locale
from citizen.i18n import duration_text, durations_text, label


def describe_service(service: Service, region_ids: Iterable[str], locale: Locale | str) -> str:
    lines = [service.name(locale), f"id: {service.id}"]
    for region_id in region_ids:
        regulation = service.regulation_in(region_id)
        if regulation is None:
            lines += ["", f"{region_id}: no regulation"]
            continue
        lines += ["", *describe_regulation(regulation, locale)]
    return "\n".join(lines)


def describe_regulation(regulation: Regulation, locale: Locale | str) -> list[str]:
    act = regulation.act
    lines = [
        f"{regulation.region.name(locale)} ({regulation.id})",
        f"  act: {act.title(locale)} - {label(act.status, locale)}",
        "  channels:",
    ]
    for role in regulation.channels:
        does = [w for w, yes in (("applications", role.accepts_applications),
                                 ("results", role.issues_results)) if yes]
        lines.append(f"    {label(role.channel, locale)}: {', '.join(does) or '-'}")
    lines.append("  how long:")
    for channel in regulation.accepting_channels:
        answer = regulation.how_long(channel)
        total = durations_text([(s.value, s.unit) for s in answer.totals], locale) or "-"
        lines.append(f"    {label(channel, locale)}: {total} ({label(answer.basis, locale)})")
    lines.append("  steps:")
    for step in regulation.steps:
        took = duration_text(step.duration.value, step.duration.unit, locale) if step.duration \
            else (step.duration_text(locale) if step.duration_text else "-")
        only = f" [{', '.join(label(c, locale) for c in sorted(step.channels))}]" \
            if step.channels else ""
        lines.append(f"    {step.number}. {step.actor(locale)} - {took}{only}")
    return lines
