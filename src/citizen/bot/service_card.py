"""The service card, in short parts a person can read on a phone.

A card opens with what applies today (`today_card`, the shared wording of
`citizen.catalogue.today`): an abolished service says so before anything else. Then comes the
history: the `Service` of the catalogue snapshot and, once the region is known, its
`Regulation` there, under the regulation's history heading. The `render_*` functions turn the
answers those objects give into HTML in one language and re-derive nothing: "how long" is
`Regulation.how_long(channel)`, the steps are numbered as the regulation numbers them, the
offices are the regulation's own. Every service renders: a `listed_only` service says plainly
that the past regional acts only name it, and which, and a document list that no source gives
is shown as unknown, with the catalogue's note on where to check.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from citizen.bot.texts import Html, Texts, escape, join
from citizen.bot.today_card import (
    act_lines,
    documents_lines,
    head,
    history_lines,
    render_today,
    summary_lines,
    told,
    where_today_lines,
)
from citizen.catalogue.model import (
    DocumentItem,
    DocumentList,
    LegalAct,
    Regulation,
    Service,
    Step,
)
from citizen.catalogue.terms import Assumption, ReadyEstimate, TermBasis
from citizen.catalogue.today import repeal_sentences, term_source
from citizen.catalogue.vocabulary import (
    ActStatus,
    Channel,
    DocumentKind,
    DurationUnit,
    Locale,
)

# Tabs of a card with a regulation, in the order of their buttons.
TABS = ("o", "i", "d", "w", "t", "r", "l", "n")
TAB_LABELS = {
    "o": "bot-tab-overview",
    "i": "bot-tab-today",
    "d": "bot-tab-documents",
    "w": "bot-tab-where",
    "t": "bot-tab-time",
    "r": "bot-tab-ready",
    "l": "bot-tab-law",
    "n": "bot-tab-notes",
}
# Document kinds that go without saying on a list of documents to bring.
_UNREMARKABLE_KINDS = (DocumentKind.UNSPECIFIED, DocumentKind.APPLICATION)

Renderer = Callable[[Texts, Service, Regulation | None], Html]


# --- parts -------------------------------------------------------------------------------------


def _status(t_: Texts, act: LegalAct | None) -> str:
    return t_.label(act.status if act else ActStatus.UNKNOWN)


def render_overview(t_: Texts, service: Service, reg: Regulation | None) -> Html:
    """What applies today first; then, labelled as history, what the catalogue had before."""
    today_part = summary_lines(t_, service)
    lines: list[str] = [head(t_, service), "", *today_part]
    if today_part:
        lines.append("")
    return join([*lines, *_past_lines(t_, service, reg)])


def _past(service: Service, reg: Regulation | None) -> Regulation | LegalAct | None:
    """What the catalogue's own (historical) data comes from: the regulation, or for a service
    only listed, the act that approved its regulation."""
    if reg is not None:
        return reg
    return service.listed_in[0] if service.listed_only and service.listed_in else None


def _past_heading(t_: Texts, service: Service, reg: Regulation | None) -> list[str]:
    past = _past(service, reg)
    return history_lines(t_, past) if past is not None else []


def _past_lines(t_: Texts, service: Service, reg: Regulation | None) -> list[str]:
    loc = t_.locale
    lines: list[str] = _past_heading(t_, service, reg)
    if reg is not None:
        lines.append(t_("bot-card-region", region=reg.region.name(loc)))
        lines.append(t_("bot-card-provider", provider=reg.provider(loc)))
        lines.append(t_("bot-card-result", result=reg.result(loc)))
    elif service.listed_only:
        first = service.listed_in[0] if service.listed_in else None
        title = first.title(loc) if first else ""
        lines.append(t_("bot-card-listed-only", act=title, status=_status(t_, first)))
    else:
        lines.append(t_("bot-card-no-regulation"))
        if service.result is not None:
            lines.append(t_("bot-card-result", result=service.result(loc)))
    lines.append(t_("bot-card-cost", cost=_cost(t_, service)))
    if reg is not None and reg.forms:
        lines.append(t_("bot-card-forms", forms=", ".join(t_.label(f) for f in reg.forms)))
    if not service.name_ru_official and loc == Locale.RU:
        lines.append(Html(f"<i>{t_('bot-card-unofficial-name')}</i>"))
    if reg is not None:
        lines.append(t_("bot-card-status-line", status=_status(t_, reg.act)))
    if service.listed_only:
        lines += ["", *_documents_lines(t_, service.documents)]
    return lines


def _cost(t_: Texts, service: Service) -> str:
    label = t_.label(service.cost.kind)
    text = service.cost.text(t_.locale) if service.cost.text else None
    return f"{label}. {text}" if text else label


def _documents_lines(t_: Texts, lists: Sequence[DocumentList]) -> list[str]:
    lines: list[str] = []
    for listed in lists:
        statement = listed.statement(t_.locale)
        if not listed.known:
            lines += [t_("bot-docs-unknown"), statement, ""]
            continue
        lines += [_item_line(t_, item) for item in listed.items]
        if statement:
            lines += ["", Html(f"<i>{escape(statement)}</i>")]
        lines.append("")
    return lines


def _item_line(t_: Texts, item: DocumentItem) -> Html:
    parts = [escape(item.name(t_.locale))]
    details = []
    if item.kind not in _UNREMARKABLE_KINDS:
        details.append(t_.label(item.kind))
    if item.channels:
        details.append(t_.plain("bot-docs-channels", channels=t_.channels(item.channels)))
    if details:
        parts.append(escape(f" ({'; '.join(details)})"))
    if item.note is not None:
        parts.append(Html(f"\n   <i>{escape(item.note(t_.locale))}</i>"))
    return Html("• " + "".join(parts))


def render_documents(t_: Texts, service: Service, reg: Regulation | None) -> Html:
    """The documents the act in force asks for, when read; then the catalogue's lists."""
    lines: list[str] = [head(t_, service), ""]
    now = told(t_, service)
    if now is not None and now.documents:
        lines += [*documents_lines(now), ""]
    lines += [*_past_heading(t_, service, reg), t_("bot-docs-title"), ""]
    if not service.documents:
        lines.append(t_("bot-docs-none"))
    lines += _documents_lines(t_, service.documents)
    if service.refusal_grounds:
        lines += [t_("bot-docs-refusal-title"), ""]
        lines += _documents_lines(t_, service.refusal_grounds)
    return join(lines)


def render_where(t_: Texts, service: Service, reg: Regulation | None) -> Html:
    """Where to apply under the act in force, when it was read; then the regulation's
    channels and offices, labelled as history."""
    loc = t_.locale
    lines: list[str] = [head(t_, service), "", t_("bot-where-title"), ""]
    lines += where_today_lines(t_, service)
    if reg is None:
        return join([*lines, t_("bot-where-no-offices")])
    lines += [*history_lines(t_, reg), ""]
    lines.append(t_("bot-where-apply"))
    lines += [f"• {t_.channel(c)}" for c in reg.accepting_channels]
    lines += ["", t_("bot-where-results")]
    lines += [f"• {t_.channel(c)}" for c in reg.issuing_channels]
    lines += ["", t_("bot-card-provider", provider=reg.provider(loc)), ""]
    if not reg.offices:
        lines.append(t_("bot-where-no-offices"))
        return join(lines)
    lines.append(t_("bot-where-offices"))
    for office in reg.offices:
        lines.append("")
        lines.append(Html(f"<b>{escape(office.name(loc))}</b>"))
        lines.append(office.address(loc))
        lines.append(t_("bot-where-hours", hours=office.opening_hours(loc)))
        if office.phone:
            lines.append(t_("bot-where-phone", phone=office.phone))
        if office.example:
            lines.append(Html(f"<i>{t_('office-example-mark')}</i>"))
    return join(lines)


# --- how long ----------------------------------------------------------------------------------


def render_time(t_: Texts, service: Service, reg: Regulation | None) -> Html:
    """How long on each channel that accepts applications, exactly as `how_long` answers it,
    then the waiting limits and the regulation's steps under its own numbers."""
    lines: list[str] = [head(t_, service), "", t_("bot-time-title"), ""]
    if reg is None:
        return join([*lines, t_("bot-time-none")])
    # Without an accepting channel, the answer for the path every channel shares.
    channels: Sequence[Channel | None] = reg.accepting_channels or (None,)
    lines += history_lines(t_, reg)
    # Every channel's term comes from the regulation's act: named once, above them all.
    sources = dict.fromkeys(term_source(reg.how_long(c), t_.locale) for c in channels)
    lines += [*(Html(f"<i>{escape(s)}</i>") for s in sources), ""]
    for channel in channels:
        lines += [*how_long_lines(t_, reg, channel), ""]
    limits = []
    if reg.max_waiting is not None:
        limits.append(t_("bot-time-max-waiting", duration=t_.span(reg.max_waiting)))
    if reg.max_service is not None:
        limits.append(t_("bot-time-max-service", duration=t_.span(reg.max_service)))
    if limits:
        lines += [*limits, ""]
    if reg.steps:
        lines.append(t_("bot-time-steps"))
    for step in reg.steps:
        lines += ["", step_line(t_, step)]
    return join(lines)


def how_long_lines(t_: Texts, reg: Regulation, channel: Channel | None) -> list[str]:
    """The answer for one channel: the totals, then on what basis (and what was left out)."""
    answer = reg.how_long(channel)
    name = t_.channel(channel) if channel else t_.plain("bot-time-every-channel")
    if answer.basis == TermBasis.UNSTATED and answer.refers_to is not None:
        unstated = t_("term-unstated", refers_to=answer.refers_to(t_.locale))
        return [Html(f"<b>{escape(name)}</b>"), unstated]
    if not answer.known:
        return [t_("bot-time-channel-unknown", channel=name)]
    lines: list[str] = [t_("bot-time-channel", channel=name, duration=t_.spans(answer.totals))]
    basis = escape(t_.label(answer.basis))
    if answer.counted_from is not None:
        counted = t_("bot-time-counted-from", **{"from": answer.counted_from(t_.locale)})
        basis = Html(f"{basis} ({counted})")
    lines.append(Html(f"<i>{basis}</i>"))
    if answer.basis == TermBasis.STEPS and channel is not None:
        lines.append(t_("bot-time-path", numbers=number_ranges(answer.path)))
    if answer.steps_without_duration:
        lines.append(t_("bot-time-path-missing", count=answer.steps_without_duration))
    if answer.conditional_steps:
        lines.append(escape(t_.label(Assumption.CONDITIONAL_STEPS_LEFT_OUT)))
    return lines


def number_ranges(numbers: Iterable[int]) -> str:
    """1, 2, 3, 4, 7, 9, 10 -> '1–4, 7, 9, 10': a path's step numbers, short to read."""
    runs: list[list[int]] = []
    for n in sorted(numbers):
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return ", ".join(f"{r[0]}–{r[-1]}" if len(r) > 2 else ", ".join(map(str, r)) for r in runs)


def step_line(t_: Texts, step: Step) -> Html:
    """A step under the number the regulation gives it, with the channels it is limited to."""
    loc = t_.locale
    if step.duration is not None:
        duration = t_.span(step.duration)
    elif step.duration_text is not None:
        duration = step.duration_text(loc)
    else:
        duration = t_.plain("bot-time-step-no-duration")
    head = f"<b>{step.number}. {escape(step.actor(loc))}</b> — {escape(duration)}"
    lines = [head, escape(step.action(loc))]
    if step.channels:
        channels = t_.plain("bot-time-step-channels", channels=t_.channels(step.channels))
        lines.append(f"<i>{escape(channels)}</i>")
    return Html("\n".join(lines))


# --- legal status, notes -----------------------------------------------------------------------


def render_law(t_: Texts, service: Service, reg: Regulation | None) -> Html:
    """The act in force first, then the regulation's acts and how each stopped applying."""
    lines: list[str] = [head(t_, service), "", t_("bot-law-title"), ""]
    now = told(t_, service)
    if now is not None:
        lines += [*act_lines(now), ""]
    if reg is not None:
        lines += history_lines(t_, reg)
        lines.append(t_("bot-law-regulation", title=reg.title(t_.locale)))
        lines += _act_lines(t_, reg.act)
    if service.listed_only and service.listed_in:
        lines += [*_past_heading(t_, service, reg), t_("bot-law-listed-in")]
        for listed in service.listed_in:
            lines += ["", *_act_lines(t_, listed, "bot-law-act-other")]
    standard = service.standard
    lines.append("")
    if standard is not None:
        lines.append(t_("bot-law-standard", act=_act_title(t_, standard),
                        status=_status(t_, standard)))
    elif not service.listed_only:
        lines.append(t_("bot-law-standard-unknown"))
    return join(lines)


def _act_title(t_: Texts, act: LegalAct) -> str:
    loc = t_.locale
    parts = [t_.plain("bot-law-act-line", issuer=act.issuer(loc), title=act.title(loc))]
    if act.number:
        parts.append(t_.plain("bot-law-number", number=act.number))
    if act.date:
        parts.append(t_.plain("bot-law-date", date=t_.date(act.date)))
    return ", ".join(parts)


def _act_lines(t_: Texts, act: LegalAct, label: str = "bot-law-act") -> list[str]:
    lines: list[str] = [
        t_(label, act=_act_title(t_, act)),
        t_("bot-law-status", status=_status(t_, act)),
    ]
    lines += repeal_sentences(act, t_.locale)
    return lines


def render_notes(t_: Texts, service: Service, reg: Regulation | None) -> Html:
    lines: list[str] = [head(t_, service), ""]
    if reg is not None:
        lines += history_lines(t_, reg)
    lines.append(t_("bot-notes-title"))
    notes = reg.notes if reg is not None else ()
    if not notes:
        lines += ["", t_("bot-notes-none")]
    for note in notes:
        lines += ["", f"• {note.text(t_.locale)}"]
    return join(lines)


# --- if I apply today --------------------------------------------------------------------------


def render_ready_prompt(t_: Texts, service: Service, reg: Regulation | None) -> Html:
    lines: list[str] = [head(t_, service), ""]
    if reg is None or not reg.accepting_channels:
        return join([*lines, t_("bot-ready-no-channels")])
    lines += [*history_lines(t_, reg), ""]
    return join([*lines, t_("bot-ready-choose-channel")])


def render_ready(
    t_: Texts, service: Service, reg: Regulation, channel: Channel, estimate: ReadyEstimate
) -> Html:
    """'If I apply today': the expected day, how it was counted and every assumption made."""
    today = t_.date(estimate.submitted_at.date())
    lines: list[str] = [head(t_, service), ""]
    lines.append(t_("bot-ready-channel", channel=t_.channel(channel)))
    if estimate.ready_on is None or estimate.ready_at is None:
        lines.append(t_("bot-ready-none", today=today))
    elif _same_day_units(estimate) and estimate.ready_on == estimate.ready_at.date():
        lines.append(t_("bot-ready-result-time", today=today, date=t_.date(estimate.ready_on),
                        time=t_.time(estimate.ready_at)))
    else:
        lines.append(t_("bot-ready-result", today=today, date=t_.date(estimate.ready_on)))
    lines += ["", t_("bot-ready-basis", basis=t_.label(estimate.basis))]
    if estimate.assumptions:
        lines += ["", t_("bot-ready-assumptions")]
        lines += [f"• {t_.label(a)}" for a in estimate.assumptions]
    lines += ["", Html(f"<i>{escape(term_source(reg.how_long(channel), t_.locale))}</i>")]
    if reg.act.repealed:
        lines += ["", Html(f"<i>{t_('bot-ready-caveat')}</i>")]
    return join(lines)


def _same_day_units(estimate: ReadyEstimate) -> bool:
    # A time of day means something only when every span was counted in minutes or hours.
    return all(s.unit in (DurationUnit.MINUTE, DurationUnit.HOUR) for s in estimate.spans)


RENDERERS: dict[str, Renderer] = {
    "o": render_overview,
    "i": render_today,
    "d": render_documents,
    "w": render_where,
    "t": render_time,
    "l": render_law,
    "n": render_notes,
    "r": render_ready_prompt,
}


def render_share(t_: Texts, service: Service, link: str) -> Html:
    """The short card sent into any chat from inline mode: enough to decide to open the bot.

    An abolished service's share says so first and offers nothing historical to act on."""
    loc = t_.locale
    lines: list[str] = [head(t_, service), ""]
    now = told(t_, service)
    if now is not None and now.abolished:
        return join([*lines, t_("bot-inline-card-why", link=link)])
    if now is not None:
        lines += [now.headline, now.act, ""]
    if service.result is not None:
        lines.append(t_("bot-card-result", result=service.result(loc)))
    if service.regions:
        lines.append(t_("bot-card-region", region=", ".join(r.name(loc) for r in service.regions)))
    lines.append(t_("bot-card-cost", cost=_cost(t_, service)))
    lines += ["", t_("bot-inline-card-more", link=link)]
    return join(lines)
