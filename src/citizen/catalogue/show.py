"""A service as plain text for the command line (`citizen catalogue show`): what applies today
first, then the snapshot's answers to "where", "how long" and "which steps" under each
historical regulation, rendered with the shared labels and sentences."""

from __future__ import annotations

from collections.abc import Iterable

from citizen.catalogue.model import Regulation, Service
from citizen.catalogue.today import Today, history_heading, history_note, repeal_sentences, today
from citizen.catalogue.vocabulary import Locale
from citizen.i18n import duration_text, durations_text, label


def describe_service(service: Service, region_ids: Iterable[str], locale: Locale | str) -> str:
    lines = [service.name(locale), f"id: {service.id}"]
    told = today(service, locale)
    if told is not None:
        lines += ["", *describe_today(told)]
    for region_id in region_ids:
        regulation = service.regulation_in(region_id)
        if regulation is None:
            lines += ["", f"{region_id}: no regulation"]
            continue
        lines += ["", *describe_regulation(regulation, locale)]
    return "\n".join(lines)


def describe_today(told: Today) -> list[str]:
    """What applies today, the abolished sentence or the status first."""
    lines = [f"{told.title}:", f"  {told.headline}", f"  {told.act}"]
    lines += [f"  {line}" for line in (told.edition, told.previous_act) if line]
    for fact in told.facts:
        lines.append(f"  {fact.label}: {fact.text}")
        lines += [f"    {line}" for line in (fact.note, fact.source and fact.source.text) if line]
    for documents in told.documents:
        lines.append(f"  {told.documents_label}:")
        lines += [f"    - {item}" for item in documents.items]
        lines += [f"    {line}" for line in (documents.incomplete, documents.note) if line]
    lines += [f"  {line}" for line in (told.confidence, told.read, told.not_read,
                                         told.where_to_check, told.checked_on) if line]
    return lines


def describe_regulation(regulation: Regulation, locale: Locale | str) -> list[str]:
    act = regulation.act
    lines = [
        history_heading(regulation, locale) + ":",
        *(f"  {line}" for line in (history_note(regulation, locale),) if line),
        f"{regulation.region.name(locale)} ({regulation.id})",
        f"  act: {act.cited(locale)} - {label(act.status, locale)}",
        *(f"    {line}" for line in repeal_sentences(act, locale)),
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
