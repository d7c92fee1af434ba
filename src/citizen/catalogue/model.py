"""The catalogue as immutable, typed objects that answer questions.

Every door (the API, the bot, the operator pages, the notifications, the export, the CLI)
reads catalogue facts from these objects and renders their answers; none re-derives a rule.
The rules live here, once: which steps are on a channel's path and how a person numbers them,
whether a channel accepts applications, how long a procedure takes on a channel and on what
basis, when a result is ready if submitted at a moment, which documents are asked for on a
channel, which offices serve a regulation.

The objects are built once per catalogue version (`snapshot.build_snapshot`) and never change:
a request holds one snapshot and sees one consistent catalogue, without touching the database.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from citizen.catalogue.calendar import ProductionCalendar
from citizen.catalogue.terms import (
    ReadyEstimate,
    Span,
    TermBasis,
    estimate_ready,
    stated_term,
    steps_on_path,
)
from citizen.catalogue.vocabulary import (
    ActKind,
    ActStatus,
    Channel,
    CostKind,
    DocumentKind,
    DurationUnit,
    Form,
    Knowledge,
    Locale,
)


@dataclass(frozen=True, slots=True)
class Text:
    """One text in both languages: `service.name(locale)`."""

    kk: str
    ru: str

    def __call__(self, locale: Locale | str) -> str:
        return self.kk if Locale(locale) == Locale.KK else self.ru


@dataclass(frozen=True, slots=True)
class Source:
    """Where a fact comes from: a seed regulation (and paragraph) or a public page (and edition)."""

    seed: str | None = None
    ref: str | None = None
    url: str | None = None
    edition: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Region:
    id: str
    name: Text
    source: Source | None


@dataclass(frozen=True, slots=True)
class Category:
    id: str
    name: Text


@dataclass(frozen=True, slots=True)
class Amendment:
    """A later act that changed an act (a new wording of a paragraph or a whole appendix)."""

    act: Text
    date: dt.date | None
    what: Text
    source: Source | None


@dataclass(frozen=True, slots=True)
class LegalAct:
    id: str
    kind: ActKind
    title: Text
    issuer: Text
    number: str | None
    date: dt.date | None
    registry_number: str | None
    registered_on: dt.date | None
    status: ActStatus
    repealed_by: Text | None
    repealed_on: dt.date | None
    amendments: tuple[Amendment, ...]
    source: Source | None

    @property
    def repealed(self) -> bool:
        return self.status == ActStatus.REPEALED


@dataclass(frozen=True, slots=True)
class Office:
    """A place where applications are accepted or results handed out."""

    id: str
    region_id: str
    channel: Channel
    name: Text
    address: Text
    opening_hours: Text
    phone: str | None
    latitude: float | None
    longitude: float | None
    services: frozenset[str]  # empty: every service of its region
    example: bool  # invented demonstration data, never a real address
    source: Source | None

    def handles(self, service_id: str) -> bool:
        return not self.services or service_id in self.services

    @property
    def located(self) -> bool:
        return self.latitude is not None and self.longitude is not None


def _on_path(channels: frozenset[Channel], channel: Channel | None) -> bool:
    """Whether something limited to `channels` (empty: all) concerns a person on `channel`."""
    return channel is None or not channels or channel in channels


@dataclass(frozen=True, slots=True)
class DocumentItem:
    name: Text
    kind: DocumentKind
    channels: frozenset[Channel]  # empty: every channel
    note: Text | None


@dataclass(frozen=True, slots=True)
class DocumentList:
    """Documents to bring (or refusal grounds) from one source, or a plain "unknown"."""

    knowledge: Knowledge
    standard_paragraph: str | None
    statement: Text  # what a citizen is told about this list
    items: tuple[DocumentItem, ...]
    source: Source | None

    @property
    def known(self) -> bool:
        return self.knowledge == Knowledge.KNOWN

    def for_channel(self, channel: Channel | None) -> DocumentList:
        """The same list with only the items asked for on `channel` (None: all of them)."""
        if channel is None:
            return self
        items = tuple(i for i in self.items if _on_path(i.channels, channel))
        return DocumentList(
            self.knowledge, self.standard_paragraph, self.statement, items, self.source
        )


@dataclass(frozen=True, slots=True)
class Cost:
    kind: CostKind
    text: Text | None
    source: Source | None


@dataclass(frozen=True, slots=True)
class ChannelRole:
    """A channel of a regulation: whether it accepts applications and hands out results."""

    channel: Channel
    accepts_applications: bool
    issues_results: bool


@dataclass(frozen=True, slots=True)
class Step:
    """One procedure of the regulation. `number` is how the regulation counts it, from 1."""

    number: int
    actor: Text
    action: Text
    duration: Span | None  # None where the step gives no number
    duration_text: Text | None  # the duration as written when it is not a plain number
    result: Text | None
    channels: frozenset[Channel]  # channels whose path includes this step; empty: all
    source: Source | None

    def on_path(self, channel: Channel | None) -> bool:
        return _on_path(self.channels, channel)


@dataclass(frozen=True, slots=True)
class Term:
    """A total term the regulation states, for every channel or for the listed ones."""

    span: Span
    channels: frozenset[Channel]
    counted_from: Text | None
    source: Source | None


@dataclass(frozen=True, slots=True)
class Note:
    text: Text
    source: Source | None


@dataclass(frozen=True, slots=True)
class HowLong:
    """ "How long does it take?" for one channel (or, without one, the path every channel shares).

    `basis` says whether the regulation states the total (`STATED`) or the durations of the
    steps on the path were added up (`STEPS`). `totals` is the answer, one span per unit with
    days before minutes; empty when nothing can be said. `act` is the act it comes from.
    """

    channel: Channel | None
    basis: TermBasis
    spans: tuple[Span, ...]  # what was added up, in the regulation's order
    totals: tuple[Span, ...]
    counted_from: Text | None  # for a stated term: from which moment it runs
    steps_without_duration: int  # steps on the path that give no number (left out of the sum)
    act: LegalAct

    @property
    def known(self) -> bool:
        return bool(self.totals)


def totals_per_unit(spans: Iterable[Span]) -> tuple[Span, ...]:
    """Spans added up per unit, days first: days are what a citizen plans around."""
    sums: dict[DurationUnit, float] = {}
    for span in spans:
        sums[span.unit] = sums.get(span.unit, 0.0) + span.value
    ordered = sorted(
        (unit for unit in DurationUnit if sums.get(unit)),
        key=lambda unit: unit in (DurationUnit.MINUTE, DurationUnit.HOUR),
    )
    return tuple(Span(sums[unit], unit) for unit in ordered)


@dataclass(frozen=True, slots=True)
class Regulation:
    """One service in one region (регламент), with the answers a citizen asks of it."""

    id: str  # "<service-id>/<region-id>"
    service_id: str
    region: Region
    act: LegalAct  # the decree that approved it
    appendix: str | None
    title: Text
    provider: Text
    channels: tuple[ChannelRole, ...]
    forms: tuple[Form, ...]
    result: Text
    result_forms: tuple[Form, ...]
    steps: tuple[Step, ...]
    terms: tuple[Term, ...]
    max_waiting: Span | None
    max_service: Span | None
    notes: tuple[Note, ...]
    offices: tuple[Office, ...]  # offices of the region that serve it, on one of its channels
    source: Source | None
    calendar: ProductionCalendar = field(repr=False, compare=False)

    # --- where -----------------------------------------------------------------------------

    def role(self, channel: Channel) -> ChannelRole | None:
        return next((r for r in self.channels if r.channel == channel), None)

    def accepts(self, channel: Channel) -> bool:
        role = self.role(channel)
        return role is not None and role.accepts_applications

    @property
    def accepting_channels(self) -> tuple[Channel, ...]:
        return tuple(r.channel for r in self.channels if r.accepts_applications)

    @property
    def issuing_channels(self) -> tuple[Channel, ...]:
        return tuple(r.channel for r in self.channels if r.issues_results)

    def offices_on(self, channel: Channel) -> tuple[Office, ...]:
        return tuple(o for o in self.offices if o.channel == channel)

    def office(self, office_id: str) -> Office | None:
        return next((o for o in self.offices if o.id == office_id), None)

    # --- steps -----------------------------------------------------------------------------

    def steps_on(self, channel: Channel) -> tuple[Step, ...]:
        """The steps a person who applied on `channel` goes through, numbered as the regulation
        numbers them (so a path may go 1, 2, 5, 6)."""
        return tuple(s for s in self.steps if s.on_path(channel))

    def step(self, number: int) -> Step | None:
        """The step the regulation numbers `number` (from 1)."""
        return self.steps[number - 1] if 1 <= number <= len(self.steps) else None

    # --- how long, when ready --------------------------------------------------------------

    def how_long(self, channel: Channel | None) -> HowLong:
        """The stated total for the channel, else the sum of the steps on its path."""
        term = stated_term(self.terms, channel)
        if term is not None:
            spans: tuple[Span, ...] = (term.span,)
            return HowLong(channel, TermBasis.STATED, spans, spans, term.counted_from, 0, self.act)
        path = steps_on_path(self.steps, channel)
        spans = tuple(s.duration for s in path if s.duration is not None)
        missing = len(path) - len(spans)
        return HowLong(
            channel, TermBasis.STEPS, spans, totals_per_unit(spans), None, missing, self.act
        )

    def ready_estimate(self, channel: Channel, submitted_at: dt.datetime) -> ReadyEstimate:
        """When a result is expected for an application submitted on `channel` at a moment.

        Raises ValueError for a moment without a time zone.
        """
        return estimate_ready(self.terms, self.steps, channel, submitted_at, self.calendar)


@dataclass(frozen=True, slots=True)
class Service:
    """A state service with its regional regulations."""

    id: str
    position: int
    category: Category
    name: Text
    name_ru_official: bool  # the Russian name is quoted from a source
    name_source: Source | None
    standard: LegalAct | None
    standard_ref: str | None
    result: Text | None
    cost: Cost
    listed_only: bool  # the seeds only name it: nothing else is known
    listed_in: tuple[LegalAct, ...]
    documents: tuple[DocumentList, ...]
    refusal_grounds: tuple[DocumentList, ...]
    regulations: tuple[Regulation, ...]  # in the catalogue's region order

    @property
    def regions(self) -> tuple[Region, ...]:
        return tuple(r.region for r in self.regulations)

    def regulation_in(self, region_id: str | None) -> Regulation | None:
        return next((r for r in self.regulations if r.region.id == region_id), None)

    def documents_for(self, channel: Channel | None) -> tuple[DocumentList, ...]:
        return tuple(d.for_channel(channel) for d in self.documents)
