"""The service card, in short parts a person can read on a phone.

`load_card` gathers what the card shows through the catalogue's query functions (the same the
API uses); the `render_*` functions turn it into HTML in one language. Every service renders:
a `listed_only` service says plainly that only its name is known and from which act, and a
document list that no source gives is shown as unknown, with the catalogue's note on where
to check.
"""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from sqlmodel import Session

from citizen.bot.texts import Html, Texts, escape, join
from citizen.catalogue import queries
from citizen.catalogue import tables as t
from citizen.catalogue.queries import DocumentListView
from citizen.catalogue.ready_date import expected_ready
from citizen.catalogue.tables import localized
from citizen.catalogue.terms import DurationUnit, ReadyEstimate
from citizen.catalogue.vocabulary import Channel, Knowledge

# Tabs of a card with a regulation, in the order of their buttons.
TABS = ("o", "d", "w", "t", "r", "l", "n")
TAB_LABELS = {
    "o": "bot-tab-overview",
    "d": "bot-tab-documents",
    "w": "bot-tab-where",
    "t": "bot-tab-time",
    "r": "bot-tab-ready",
    "l": "bot-tab-law",
    "n": "bot-tab-notes",
}


@dataclass
class CardData:
    service: t.Service
    regions: list[t.Region]  # the regions with a regulation of this service
    region: t.Region | None = None
    regulation: t.Regulation | None = None
    acts: dict[str, t.LegalAct] = field(default_factory=dict)
    documents: list[DocumentListView] = field(default_factory=list)
    refusal: list[DocumentListView] = field(default_factory=list)
    channels: list[t.RegulationChannel] = field(default_factory=list)
    steps: list[t.Step] = field(default_factory=list)
    terms: list[t.Term] = field(default_factory=list)
    notes: list[t.RegulationNote] = field(default_factory=list)
    offices: list[t.Office] = field(default_factory=list)

    @property
    def act(self) -> t.LegalAct | None:
        return self.acts.get(self.regulation.act_id) if self.regulation else None

    def accepting_channels(self) -> list[Channel]:
        return [Channel(c.channel) for c in self.channels if c.accepts_applications]

    def issuing_channels(self) -> list[Channel]:
        return [Channel(c.channel) for c in self.channels if c.issues_results]


def service_regions(session: Session, service_id: str) -> list[t.Region]:
    """The regions where the service has a regulation, in the catalogue's region order."""
    regs = queries.regulations_by_service(session, [service_id])[service_id]
    wanted = {r.region_id for r in regs}
    return [r for r in queries.regions(session) if r.id in wanted]


class _CardCache:
    """Cards of the loaded catalogue version: reference data, read a dozen statements each.

    A card is read on every tab a person opens; keeping it saves those reads (most of the
    bot's time per update). Reloading the catalogue changes its version and empties this.
    """

    def __init__(self, size: int = 512):
        self.size = size
        self._version: str | None = None
        self._cards: OrderedDict[tuple[str, str | None], CardData] = OrderedDict()

    def get(self, session: Session, service_id: str, region_id: str | None) -> CardData | None:
        version = queries.catalogue_version(session)
        if version != self._version:
            self._cards.clear()
            self._version = version
        key = (service_id, region_id)
        card = self._cards.get(key)
        if card is not None:
            self._cards.move_to_end(key)
            return card
        card = _read_card(session, service_id, region_id)
        if card is not None:
            self._cards[key] = card
            while len(self._cards) > self.size:
                self._cards.popitem(last=False)
        return card


_cards = _CardCache()


def load_card(session: Session, service_id: str, region_id: str | None) -> CardData | None:
    """Everything the card shows for a service in a region; None when the service is gone.

    A region the service has no regulation in gives the card without a region.
    """
    return _cards.get(session, service_id, region_id)


def _read_card(session: Session, service_id: str, region_id: str | None) -> CardData | None:
    service = queries.services_by_id(session, [service_id]).get(service_id)
    if service is None:
        return None
    card = CardData(service, service_regions(session, service_id))
    lists = queries.document_lists_by_service(session, [service_id])[service_id]
    card.documents = lists
    card.refusal = queries.document_lists_by_service(session, [service_id], "refusal_grounds")[
        service_id
    ]
    act_ids = {a for a in (service.listed_in or [])} | {service.standard_id or ""}
    region = next((r for r in card.regions if r.id == region_id), None)
    if region is not None:
        reg_id = f"{service_id}/{region.id}"
        card.region = region
        card.regulation = queries.regulations_by_id(session, [reg_id])[reg_id]
        card.channels = queries.channels_by_regulation(session, [reg_id])[reg_id]
        card.steps = queries.steps_by_regulation(session, [reg_id])[reg_id]
        card.terms = queries.terms_by_regulation(session, [reg_id])[reg_id]
        card.notes = queries.notes_by_regulation(session, [reg_id])[reg_id]
        regional = queries.offices_by_region(session, [region.id])[region.id]
        card.offices = queries.offices_for(regional, service_id)
        act_ids.add(card.regulation.act_id)
    card.acts = queries.acts_by_id(session, act_ids - {""})
    return card


# --- parts -------------------------------------------------------------------------------------


def _name(t_: Texts, card: CardData) -> Html:
    return Html(f"<b>{escape(localized(card.service, 'name', t_.locale) or '')}</b>")


def _status(t_: Texts, act: t.LegalAct | None) -> str:
    return t_.plain(f"act-status-{act.status if act else 'unknown'}")


def render_overview(t_: Texts, card: CardData) -> Html:
    loc = t_.locale
    svc = card.service
    lines: list[str] = [_name(t_, card), ""]
    if card.regulation is not None and card.region is not None:
        reg = card.regulation
        lines.append(t_("bot-card-region", region=localized(card.region, "name", loc) or ""))
        lines.append(t_("bot-card-provider", provider=localized(reg, "provider", loc) or ""))
        lines.append(t_("bot-card-result", result=localized(reg, "result", loc) or ""))
    elif svc.listed_only:
        first = card.acts.get((svc.listed_in or [""])[0])
        title = localized(first, "title", loc) if first else ""
        lines.append(t_("bot-card-listed-only", act=title or "", status=_status(t_, first)))
    else:
        lines.append(t_("bot-card-no-regulation"))
        if localized(svc, "result", loc):
            lines.append(t_("bot-card-result", result=localized(svc, "result", loc) or ""))
    lines.append(t_("bot-card-cost", cost=_cost(t_, svc)))
    if card.regulation is not None and card.regulation.forms:
        forms = ", ".join(t_.plain(f"form-{f}") for f in card.regulation.forms)
        lines.append(t_("bot-card-forms", forms=forms))
    if not svc.name_ru_official and loc == "ru":
        lines.append(Html(f"<i>{t_('bot-card-unofficial-name')}</i>"))
    act = card.act
    if act is not None:
        lines += ["", t_("bot-card-status-line", status=_status(t_, act))]
        if act.status == "repealed":
            lines.append(t_("bot-card-repealed-warning"))
    if svc.listed_only:
        lines += ["", *_documents_lines(t_, card.documents)]
    return join(lines)


def _cost(t_: Texts, svc: t.Service) -> str:
    label = t_.plain(f"cost-{svc.cost_kind}")
    text = localized(svc, "cost_text", t_.locale)
    return f"{label}. {text}" if text else label


def _documents_lines(t_: Texts, lists: Sequence[DocumentListView]) -> list[str]:
    loc = t_.locale
    lines: list[str] = []
    for view in lists:
        statement = localized(view.list, "statement", loc) or ""
        if view.list.knowledge == Knowledge.UNKNOWN:
            lines += [t_("bot-docs-unknown"), statement, ""]
            continue
        for item in view.items:
            lines.append(_item_line(t_, item))
        if statement:
            lines += ["", Html(f"<i>{escape(statement)}</i>")]
        lines.append("")
    return lines


def _item_line(t_: Texts, item: t.DocumentItem) -> Html:
    loc = t_.locale
    parts = [escape(localized(item, "name", loc) or "")]
    details = []
    if item.kind not in ("unspecified", "application"):
        details.append(t_.plain(f"document-kind-{item.kind}"))
    if item.channels:
        details.append(t_.plain("bot-docs-channels", channels=t_.channels(item.channels)))
    if details:
        parts.append(escape(f" ({'; '.join(details)})"))
    note = localized(item, "note", loc)
    if note:
        parts.append(Html(f"\n   <i>{escape(note)}</i>"))
    return Html("• " + "".join(parts))


def render_documents(t_: Texts, card: CardData) -> Html:
    lines: list[str] = [_name(t_, card), "", t_("bot-docs-title"), ""]
    if not card.documents:
        lines.append(t_("bot-docs-none"))
    lines += _documents_lines(t_, card.documents)
    if card.refusal:
        lines += [t_("bot-docs-refusal-title"), ""]
        lines += _documents_lines(t_, card.refusal)
    return join(lines)


def render_where(t_: Texts, card: CardData) -> Html:
    loc = t_.locale
    lines: list[str] = [_name(t_, card), "", t_("bot-where-title"), ""]
    lines.append(t_("bot-where-apply"))
    lines += [f"• {t_.channel(c)}" for c in card.accepting_channels()]
    lines += ["", t_("bot-where-results")]
    lines += [f"• {t_.channel(c)}" for c in card.issuing_channels()]
    if card.regulation is not None:
        lines += ["", t_("bot-card-provider", provider=localized(card.regulation, "provider", loc))]
    lines.append("")
    if not card.offices:
        lines.append(t_("bot-where-no-offices"))
        return join(lines)
    lines.append(t_("bot-where-offices"))
    for office in card.offices:
        lines.append("")
        lines.append(Html(f"<b>{escape(localized(office, 'name', loc) or '')}</b>"))
        lines.append(localized(office, "address", loc) or "")
        lines.append(t_("bot-where-hours", hours=localized(office, "opening_hours", loc) or ""))
        if office.phone:
            lines.append(t_("bot-where-phone", phone=office.phone))
        if office.example:
            lines.append(Html(f"<i>{t_('office-example-mark')}</i>"))
    return join(lines)


def render_time(t_: Texts, card: CardData) -> Html:
    loc = t_.locale
    lines: list[str] = [_name(t_, card), "", t_("bot-time-title"), ""]
    reg = card.regulation
    if reg is None:
        return join([*lines, t_("bot-time-none")])
    for term in card.terms:
        duration = t_.duration(term.value, term.unit)
        if term.channels:
            line = t_("bot-time-total-channels", channels=t_.channels(term.channels),
                      duration=duration)
        else:
            line = t_("bot-time-total", duration=duration)
        counted = localized(term, "counted_from", loc)
        lines.append(Html(f"{line} ({t_('bot-time-counted-from', **{'from': counted})})")
                     if counted else line)
    if not card.terms:
        lines.append(t_("bot-time-no-total"))
    if reg.max_waiting_value is not None and reg.max_waiting_unit:
        wait = t_.duration(reg.max_waiting_value, reg.max_waiting_unit)
        lines.append(t_("bot-time-max-waiting", duration=wait))
    if reg.max_service_value is not None and reg.max_service_unit:
        serve = t_.duration(reg.max_service_value, reg.max_service_unit)
        lines.append(t_("bot-time-max-service", duration=serve))
    if card.steps:
        lines += ["", t_("bot-time-steps")]
    for n, step in enumerate(card.steps, start=1):
        lines += ["", _step_line(t_, n, step)]
    return join(lines)


def _step_line(t_: Texts, n: int, step: t.Step) -> Html:
    loc = t_.locale
    if step.duration_value is not None and step.duration_unit:
        duration = t_.duration(step.duration_value, step.duration_unit)
    else:
        duration = localized(step, "duration_text", loc) or t_.plain("bot-time-step-no-duration")
    head = f"<b>{n}. {escape(localized(step, 'actor', loc) or '')}</b> — {escape(duration)}"
    lines = [head, escape(localized(step, "action", loc) or "")]
    if step.channels:
        channels = t_.plain("bot-time-step-channels", channels=t_.channels(step.channels))
        lines.append(f"<i>{escape(channels)}</i>")
    return Html("\n".join(lines))


def render_law(t_: Texts, card: CardData) -> Html:
    loc = t_.locale
    lines: list[str] = [_name(t_, card), "", t_("bot-law-title"), ""]
    reg, act = card.regulation, card.act
    if reg is not None:
        lines.append(t_("bot-law-regulation", title=localized(reg, "title", loc) or ""))
    if act is not None:
        lines += _act_lines(t_, act)
    svc = card.service
    if svc.listed_only and svc.listed_in:
        lines.append(t_("bot-law-listed-in"))
        for act_id in svc.listed_in:
            listed = card.acts.get(act_id)
            if listed is not None:
                lines += ["", *_act_lines(t_, listed, "bot-law-act-other")]
    standard = card.acts.get(svc.standard_id or "")
    lines.append("")
    if standard is not None:
        lines.append(t_("bot-law-standard", act=_act_title(t_, standard),
                        status=_status(t_, standard)))
    elif not svc.listed_only:
        lines.append(t_("bot-law-standard-unknown"))
    return join(lines)


def _act_title(t_: Texts, act: t.LegalAct) -> str:
    loc = t_.locale
    parts = [t_.plain("bot-law-act-line", issuer=localized(act, "issuer", loc) or "",
                      title=localized(act, "title", loc) or "")]
    if act.number:
        parts.append(t_.plain("bot-law-number", number=act.number))
    if act.date:
        parts.append(t_.plain("bot-law-date", date=t_.date(act.date)))
    return ", ".join(parts)


def _act_lines(t_: Texts, act: t.LegalAct, label: str = "bot-law-act") -> list[str]:
    lines: list[str] = [
        t_(label, act=_act_title(t_, act)),
        t_("bot-law-status", status=_status(t_, act)),
    ]
    repealed_by = localized(act, "repealed_by", t_.locale)
    if repealed_by:
        when = f" ({t_.plain('bot-law-repealed-on', date=t_.date(act.repealed_on))})" \
            if act.repealed_on else ""
        lines.append(t_("bot-law-repealed-by", act=repealed_by + when))
    return lines


def render_notes(t_: Texts, card: CardData) -> Html:
    lines: list[str] = [_name(t_, card), "", t_("bot-notes-title")]
    if not card.notes:
        lines += ["", t_("bot-notes-none")]
    for note in card.notes:
        lines += ["", f"• {localized(note, 'text', t_.locale) or ''}"]
    return join(lines)


def render_ready_prompt(t_: Texts, card: CardData) -> Html:
    lines: list[str] = [_name(t_, card), ""]
    if not card.accepting_channels():
        return join([*lines, t_("bot-ready-no-channels")])
    return join([*lines, t_("bot-ready-choose-channel")])


def render_ready(t_: Texts, card: CardData, channel: Channel, estimate: ReadyEstimate) -> Html:
    """'If I apply today': the expected day, how it was counted and every assumption made."""
    today = t_.date(estimate.submitted_at.date())
    label = t_.channel(channel)
    lines: list[str] = [_name(t_, card), ""]
    lines.append(t_("bot-ready-channel", channel=label))
    if estimate.ready_on is None or estimate.ready_at is None:
        lines.append(t_("bot-ready-none", today=today))
    elif _same_day_units(estimate) and estimate.ready_on == estimate.ready_at.date():
        lines.append(t_("bot-ready-result-time", today=today, date=t_.date(estimate.ready_on),
                        time=t_.time(estimate.ready_at)))
    else:
        lines.append(t_("bot-ready-result", today=today, date=t_.date(estimate.ready_on)))
    lines += ["", t_("bot-ready-basis", basis=t_.plain(f"term-basis-{estimate.basis.value}"))]
    if estimate.assumptions:
        lines += ["", t_("bot-ready-assumptions")]
        lines += [f"• {t_.plain(f'assumption-{a.value}')}" for a in estimate.assumptions]
    act = card.act
    if act is not None and act.status == "repealed":
        lines += ["", Html(f"<i>{t_('bot-ready-caveat')}</i>")]
    return join(lines)


def _same_day_units(estimate: ReadyEstimate) -> bool:
    # A time of day means something only when every span was counted in minutes or hours.
    return all(s.unit in (DurationUnit.MINUTE, DurationUnit.HOUR) for s in estimate.spans)


def estimate_for(
    session: Session, card: CardData, channel: Channel, now: dt.datetime
) -> ReadyEstimate | None:
    if card.regulation is None:
        return None
    return expected_ready(session, card.regulation.id, channel, now)


RENDERERS: dict[str, Callable[[Texts, CardData], Html]] = {
    "o": render_overview,
    "d": render_documents,
    "w": render_where,
    "t": render_time,
    "l": render_law,
    "n": render_notes,
    "r": render_ready_prompt,
}


def render_share(t_: Texts, service: t.Service, regions: Sequence[t.Region], link: str) -> Html:
    """The short card sent into any chat from inline mode: enough to decide to open the bot."""
    loc = t_.locale
    lines: list[str] = [Html(f"<b>{escape(localized(service, 'name', loc) or '')}</b>"), ""]
    result = localized(service, "result", loc)
    if result:
        lines.append(t_("bot-card-result", result=result))
    if regions:
        names = ", ".join(localized(r, "name", loc) or r.id for r in regions)
        lines.append(t_("bot-card-region", region=names))
    lines.append(t_("bot-card-cost", cost=_cost(t_, service)))
    lines += ["", t_("bot-inline-card-more", link=link)]
    return join(lines)
