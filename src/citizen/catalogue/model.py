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
from dataclasses import dataclass, field, replace

from citizen.catalogue.calendar import ProductionCalendar
from citizen.catalogue.terms import (
    ReadyEstimate,
    Span,
    TermBasis,
    conditional_on_path,
    estimate_ready,
    stated_term,
    steps_on_path,
    unknown_estimate,
)
from citizen.catalogue.vocabulary import (
    ActKind,
    ActStatus,
    Channel,
    Confidence,
    CostKind,
    CurrentStatus,
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
    research: str | None = None  # a section of shared/research/ recording a reading


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
class Repeal:
    """How an act stopped applying, in two parts that must never be confused: the act that
    repealed it (adopted on `by.date`), and the day it lost force (often later, often unknown:
    "ten calendar days after first official publication")."""

    by: LegalAct | None  # the repealing act (None only if the catalogue lacks it)
    lost_force_on: dt.date | None
    lost_force_rule: Text | None  # how that day is determined, when it is not known
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
    repealed_by: Text | None  # the repealing act's citation (kept for older clients)
    repealed_on: dt.date | None  # the day it lost force, when known
    amendments: tuple[Amendment, ...]
    source: Source | None
    # The act as legal texts cite it: "приказ Министра … от 13 апреля 2015 года № 198", and
    # after "approved by" / "repealed by": "приказом Министра …".
    citation: Text | None = None
    citation_by: Text | None = None
    # Languages in which `title` is quoted from a source; empty: it is our description of an
    # act whose title was not read, never to be quoted as its title.
    title_official: frozenset[Locale] = frozenset()
    repeal: Repeal | None = None

    @property
    def repealed(self) -> bool:
        return self.status == ActStatus.REPEALED

    def cited(self, locale: Locale | str) -> str:
        """The act named as a legal text names it, or its title where no citation is known."""
        return (self.citation or self.title)(locale)

    def cited_by(self, locale: Locale | str) -> str:
        """The act after "approved by" / "repealed by" ("приказом …" / "… бұйрығымен")."""
        return (self.citation_by or self.citation or self.title)(locale)


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
    regions: frozenset[str] = frozenset()  # the regions whose regulation it is for; empty: all

    @property
    def known(self) -> bool:
        return self.knowledge == Knowledge.KNOWN

    def for_region(self, region_id: str) -> bool:
        return not self.regions or region_id in self.regions

    def for_channel(self, channel: Channel | None) -> DocumentList:
        """The same list with only the items asked for on `channel` (None: all of them)."""
        if channel is None:
            return self
        items = tuple(i for i in self.items if _on_path(i.channels, channel))
        return replace(self, items=items)


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
    conditional: bool = False  # taken only in some cases (a refusal notice): never summed
    automated: bool = False  # done by an information system, not by a person

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
class UnstatedTerm:
    """Channels whose term the regulation does not give but points to (the standard's term)."""

    channels: frozenset[Channel]
    refers_to: Text
    source: Source | None


@dataclass(frozen=True, slots=True)
class CollectionLimit:
    """The longest a citizen may be kept when collecting the result: a limit, not a step."""

    duration: Span
    channels: frozenset[Channel]  # empty: every channel
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
    conditional_steps: int = 0  # steps taken only in some cases, left out of the sum
    refers_to: Text | None = None  # UNSTATED: the term the regulation points to instead
    path: tuple[int, ...] = ()  # STEPS: the numbers of the steps that were added up

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
    unstated_terms: tuple[UnstatedTerm, ...] = ()
    collection_limit: CollectionLimit | None = None
    documents: tuple[DocumentList, ...] = ()  # the service's lists that are for this region

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

    def unstated_term(self, channel: Channel | None) -> UnstatedTerm | None:
        """The term the regulation points to instead of giving one, for this channel."""
        if channel is None:
            return None
        return next((u for u in self.unstated_terms if channel in u.channels), None)

    def how_long(self, channel: Channel | None) -> HowLong:
        """The stated total for the channel, else the sum of the steps on its path; nothing
        for a channel whose term the regulation only points to (never a sum then)."""
        unstated = self.unstated_term(channel)
        if unstated is not None:
            return HowLong(channel, TermBasis.UNSTATED, (), (), None, 0, self.act,
                           refers_to=unstated.refers_to)
        term = stated_term(self.terms, channel)
        if term is not None:
            spans: tuple[Span, ...] = (term.span,)
            return HowLong(channel, TermBasis.STATED, spans, spans, term.counted_from, 0, self.act)
        path = steps_on_path(self.steps, channel)
        spans = tuple(s.duration for s in path if s.duration is not None)
        return HowLong(
            channel,
            TermBasis.STEPS,
            spans,
            totals_per_unit(spans),
            None,
            len(path) - len(spans),
            self.act,
            conditional_steps=conditional_on_path(self.steps, channel),
            path=tuple(s.number for s in path),
        )

    def ready_estimate(self, channel: Channel, submitted_at: dt.datetime) -> ReadyEstimate:
        """When a result is expected for an application submitted on `channel` at a moment.

        No date where the regulation only points to a term it does not give. Raises
        ValueError for a moment without a time zone.
        """
        if self.unstated_term(channel) is not None:
            return unknown_estimate(submitted_at, TermBasis.UNSTATED)
        return estimate_ready(self.terms, self.steps, channel, submitted_at, self.calendar)

    # --- documents -------------------------------------------------------------------------

    def documents_for(self, channel: Channel | None) -> tuple[DocumentList, ...]:
        """The documents asked for in this region, on `channel` (None: on any channel)."""
        return tuple(d.for_channel(channel) for d in self.documents)


# --- what applies today ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CurrentFact:
    """One fact of what applies today, as read, with the page it was read on."""

    text: Text
    note: Text | None
    source: Source | None


@dataclass(frozen=True, slots=True)
class CurrentDocuments:
    items: tuple[Text, ...]
    complete: bool  # false when the source's list was cut off
    channels: frozenset[Channel]  # empty: every channel
    note: Text | None
    source: Source | None


@dataclass(frozen=True, slots=True)
class CurrentRecord:
    """What applies today, beside the historical regional regulations: the act in force now
    and the facts read from it, each with its page, and plainly what was not read."""

    status: CurrentStatus
    act: LegalAct | None  # the act in force now
    appendix: str | None
    edition: Text | None
    edition_date: dt.date | None
    previous_act: LegalAct | None
    abolished_by: LegalAct | None
    name: CurrentFact | None
    provider: CurrentFact | None
    channels: CurrentFact | None
    channel_list: tuple[Channel, ...]
    term: CurrentFact | None
    term_duration: Span | None
    cost: CurrentFact | None
    cost_kind: CostKind | None
    result: CurrentFact | None
    documents: tuple[CurrentDocuments, ...]
    notes: tuple[CurrentFact, ...]
    confidence: Confidence
    read: Text  # what was read
    not_read: Text  # what was not
    where_to_check: Text | None
    checked_on: dt.date
    source: Source | None

    @property
    def abolished(self) -> bool:
        return self.status == CurrentStatus.ABOLISHED


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
    regulations: tuple[Regulation, ...]  # in the catalogue's region order; all historical
    current: CurrentRecord | None = None  # what applies today; doors show it first

    @property
    def abolished(self) -> bool:
        """The service no longer exists: every door says so first, before any history."""
        return self.current is not None and self.current.abolished

    @property
    def regions(self) -> tuple[Region, ...]:
        return tuple(r.region for r in self.regulations)

    def regulation_in(self, region_id: str | None) -> Regulation | None:
        return next((r for r in self.regulations if r.region.id == region_id), None)

    def documents_for(self, channel: Channel | None) -> tuple[DocumentList, ...]:
        return tuple(d.for_channel(channel) for d in self.documents)
