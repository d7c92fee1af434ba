"""The shape of the reviewed catalogue data files (`catalogue/data/**/*.yaml`).

These pydantic models are the contract between the people who review content and the code: a
file that does not fit them is reported by `citizen catalogue check` with its file, field path
and reason, and is never loaded. Every fact carries a `Source`; every text is a `Text` with
both languages.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

from citizen.catalogue.vocabulary import (
    ActKind,
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

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=64)]
NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
SEED_RE = re.compile(r"^\d{3}$")
RESEARCH_RE = re.compile(r"^[a-z_]+\.md §\d+")

# Every date of the catalogue (acts, repeals, calendar overrides, checks) falls in this window:
# a year outside it is a typo (9999, 1015), never a fact about Kazakhstan's state services.
FIRST_DATE = dt.date(1990, 1, 1)
LAST_DATE = dt.date(2100, 12, 31)

# The longest a duration may be in each unit. Regulations write minutes for one sitting and days
# for the whole term; a number beyond these bounds is a typo (or 1e308), not a term.
DURATION_BOUNDS: dict[DurationUnit, tuple[float, str]] = {
    DurationUnit.MINUTE: (1440, "1440 (one day)"),
    DurationUnit.HOUR: (744, "744 (31 days)"),
    DurationUnit.WORKING_DAY: (260, "260 (a year of working days)"),
    DurationUnit.CALENDAR_DAY: (366, "366 (a year)"),
    DurationUnit.DAY: (366, "366 (a year)"),
}


def _in_window(day: dt.date) -> dt.date:
    if not FIRST_DATE <= day <= LAST_DATE:
        raise ValueError(
            f"date {day.isoformat()} is outside {FIRST_DATE.year}–{LAST_DATE.year}, "
            "the years a catalogue date can fall in"
        )
    return day


def _not_in_future(day: dt.date) -> dt.date:
    if day > dt.date.today():
        raise ValueError(f"date {day.isoformat()} is in the future: a check cannot be later")
    return day


CatalogueDate = Annotated[dt.date, AfterValidator(_in_window)]
CheckDate = Annotated[dt.date, AfterValidator(_in_window), AfterValidator(_not_in_future)]


class Strict(BaseModel):
    """Unknown keys are errors: a typo in a data file must not silently drop a fact."""

    # Built on first use: the server validates only `CurrentRecord` (read back from the
    # database), and building every model of the files would cost its start-up ~0.1 s.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Text(Strict):
    """One text in both languages of the catalogue."""

    kk: NonEmpty
    ru: NonEmpty


class Source(Strict):
    """Where a fact comes from: a seed regulation (and its paragraph) or a public page."""

    seed: str | None = Field(default=None, description="seed file number, e.g. '001'")
    ref: str | None = Field(default=None, description="paragraph, appendix or section")
    url: str | None = None
    edition: str | None = Field(
        default=None, description="edition or reading date of the page, ISO date or as given"
    )
    research: str | None = Field(
        default=None,
        description="section of shared/research/ that records a reading whose page has no known "
        "address, e.g. 'inforce_listed.md §7'",
    )
    note: str | None = None

    @model_validator(mode="after")
    def _names_somewhere(self) -> Source:
        if self.seed is None and self.url is None and self.research is None:
            raise ValueError("a source needs a seed number, a url or a research note section")
        if self.research is not None and not RESEARCH_RE.match(self.research):
            raise ValueError(
                f"research must name a note and its section like 'inforce.md §3', "
                f"got {self.research!r}"
            )
        if self.seed is not None and not SEED_RE.match(self.seed):
            raise ValueError(f"seed must be three digits like '001', got {self.seed!r}")
        if self.url is not None and not self.edition:
            raise ValueError("a url source needs the edition (or reading) date it describes")
        return self


class Duration(Strict):
    value: Annotated[float, Field(gt=0, allow_inf_nan=False)]
    unit: DurationUnit

    @model_validator(mode="after")
    def _sane(self) -> Duration:
        bound, said = DURATION_BOUNDS[self.unit]
        if self.value > bound:
            raise ValueError(
                f"a duration in {self.unit.value} must be at most {said}; got {self.value:g}"
            )
        return self


class ActAmendment(Strict):
    """A later act that changed this one (new wording of a paragraph, of a whole appendix)."""

    act: Text  # "Қарағанды облысы әкімдігінің 01.09.2016 № 64/04 қаулысы" / Russian
    date: CatalogueDate | None = None
    what: Text
    source: Source


class Repeal(Strict):
    """How an act stopped applying: which act repealed it, and the day it lost force.

    The repealing act's own date (`by` -> that act's `date`) is the day it was *adopted*; the act
    it repeals loses force only when the repealing act takes effect, which in Kazakhstan is
    usually "ten calendar days after its first official publication". That day is
    `lost_force_on` when a source gives it; otherwise `lost_force_rule` says how it is determined
    and the day stays unknown rather than guessed.
    """

    by: Slug = Field(description="id of the repealing act (acts/*.yaml)")
    lost_force_on: CatalogueDate | None = Field(
        default=None, description="the day the act stopped applying, when a source gives it"
    )
    lost_force_rule: Text | None = Field(
        default=None,
        description="how that day is determined when it is not known, as the source words it",
    )
    source: Source


class LegalActFile(Strict):
    """A legal act: a standard-approving order, a regional decree, a repealing act, a law."""

    id: Slug
    kind: ActKind
    title: Text
    title_official: list[Locale] = Field(
        description="languages in which `title` is the act's own title quoted from a source; in "
        "the others it is our translation or, when empty, a description of an act whose title "
        "was not read (doors must not quote it as a title)"
    )
    issuer: Text
    citation: Text | None = Field(
        default=None,
        description="the act as legal texts name it: 'приказ Министра … от 13 апреля 2015 года "
        "№ 198' / '… 2015 жылғы 13 сәуірдегі № 198 бұйрығы'",
    )
    citation_by: Text | None = Field(
        default=None,
        description="the same after 'approved by' / 'repealed by': 'приказом Министра …' / "
        "'… № 198 бұйрығымен'",
    )
    number: str | None = None
    date: CatalogueDate | None = None
    registry_number: str | None = Field(
        default=None, description="number in the state register of normative legal acts"
    )
    registered_on: CatalogueDate | None = None
    status: str = Field(pattern=r"^(in_force|repealed|unknown)$")
    repeal: Repeal | None = None
    amendments: list[ActAmendment] = []
    source: Source

    @model_validator(mode="after")
    def _consistent(self) -> LegalActFile:
        if self.status == "repealed" and self.repeal is None:
            raise ValueError("a repealed act says which act repealed it (repeal.by)")
        if self.status != "repealed" and self.repeal is not None:
            raise ValueError("repeal is only for status 'repealed'")
        if (self.number or self.date) and self.citation is None:
            raise ValueError("an act with a number or a date has a citation")
        if (self.citation is None) != (self.citation_by is None):
            raise ValueError("give citation and citation_by together")
        if len(set(self.title_official)) != len(self.title_official):
            raise ValueError("title_official lists a language twice")
        if self.registered_on and self.date and self.registered_on < self.date:
            raise ValueError("registered_on is before the act's date")
        return self


class ActsFile(Strict):
    acts: list[LegalActFile]


class RegionFile(Strict):
    id: Slug
    name: Text
    source: Source


class CategoryFile(Strict):
    id: Slug
    name: Text


class ReferenceFile(Strict):
    regions: list[RegionFile]
    categories: list[CategoryFile]


class Cost(Strict):
    kind: CostKind
    text: Text | None = None
    source: Source | None = None

    @model_validator(mode="after")
    def _sourced(self) -> Cost:
        if self.kind != CostKind.UNKNOWN and self.source is None:
            raise ValueError("a known cost needs its source")
        return self


class DocumentItem(Strict):
    name: Text
    kind: DocumentKind = DocumentKind.UNSPECIFIED
    channels: list[Channel] = Field(
        default=[], description="channels this document is for; empty means every channel"
    )
    note: Text | None = None


class DocumentList(Strict):
    """The documents to bring, from one source; or a plain statement that they are unknown."""

    knowledge: Knowledge
    regions: list[Slug] = Field(
        default=[],
        description="regions whose regulation this list is for; empty means every region",
    )
    standard_paragraph: str | None = Field(
        default=None, description="paragraph of the standard the regulation refers to"
    )
    statement: Text = Field(description="what a citizen is told about this list, both languages")
    items: list[DocumentItem] = []
    source: Source

    @model_validator(mode="after")
    def _items_match_knowledge(self) -> DocumentList:
        if self.knowledge == Knowledge.KNOWN and not self.items:
            raise ValueError("a known document list has items")
        if self.knowledge == Knowledge.UNKNOWN and self.items:
            raise ValueError("an unknown document list has no items; say where to check")
        return self


class ChannelRole(Strict):
    channel: Channel
    accepts_applications: bool
    issues_results: bool


class Step(Strict):
    """One procedure (рәсім, іс-қимыл) of the provider's staff, in the regulation's order."""

    actor: Text
    action: Text
    duration: Duration | None = None
    duration_text: Text | None = Field(
        default=None, description="the duration as written when it is not a plain number"
    )
    result: Text | None = None
    channels: list[Channel] = Field(
        default=[], description="channels whose path includes this step; empty means all"
    )
    conditional: bool = Field(
        default=False,
        description="taken only in some cases: a branch when a check fails (a refusal or "
        "'data not found' message) or a step only some applicants need (registering on the "
        "portal); shown where it stands, never added to a sum of durations",
    )
    automated: bool = Field(
        default=False,
        description="done by an information system, not by a person (doors may fold these)",
    )
    source: Source


class CollectionLimit(Strict):
    """The longest a citizen may be kept when collecting the result (not a step of the path)."""

    duration: Duration
    channels: list[Channel] = Field(default=[], description="where it applies; empty means all")
    source: Source


class UnstatedTerm(Strict):
    """A channel whose term the regulation does not give but points to (e.g. the standard's).

    No ready date may be computed for these channels from the steps: the regulation itself says
    the result is due when a term we do not have runs out.
    """

    channels: list[Channel] = Field(min_length=1)
    refers_to: Text = Field(description="what the regulation points to, e.g. 'the Standard's term'")
    source: Source


class Term(Strict):
    """A total term stated by the text, for every channel or for the listed ones."""

    duration: Duration
    channels: list[Channel] = []
    counted_from: Text | None = None
    source: Source


class Note(Strict):
    text: Text
    source: Source


class RegulationFile(Strict):
    """One service in one region: the regional regulation (регламент)."""

    region: Slug
    act: Slug = Field(description="id of the akimat decree that approved it")
    appendix: str | None = Field(default=None, description="appendix of the decree, as written")
    title: Text
    provider: Text
    channels: list[ChannelRole]
    forms: list[Form]
    result: Text
    result_forms: list[Form] = []
    steps: list[Step]
    terms: list[Term] = []
    unstated_terms: list[UnstatedTerm] = []
    max_waiting: Duration | None = None
    max_service: Duration | None = None
    collection_limit: CollectionLimit | None = None
    notes: list[Note] = []
    source: Source

    @model_validator(mode="after")
    def _coherent(self) -> RegulationFile:
        if not self.channels:
            raise ValueError("a regulation names at least one channel")
        if len({c.channel for c in self.channels}) != len(self.channels):
            raise ValueError("a channel is listed twice")
        known = {c.channel for c in self.channels}
        for i, step in enumerate(self.steps):
            stray = set(step.channels) - known
            if stray:
                raise ValueError(f"steps[{i}] names channels the regulation lacks: {sorted(stray)}")
        stated = {c for term in self.terms for c in term.channels}
        for i, unstated in enumerate(self.unstated_terms):
            stray = set(unstated.channels) - known
            if stray:
                raise ValueError(f"unstated_terms[{i}] names channels the regulation lacks: "
                                 f"{sorted(stray)}")
            both = stated & set(unstated.channels)
            if both:
                raise ValueError(f"unstated_terms[{i}]: a term is stated for {sorted(both)}")
        if self.collection_limit and set(self.collection_limit.channels) - known:
            raise ValueError("collection_limit names channels the regulation lacks")
        return self


class CurrentFact(Strict):
    """One fact of what applies today, as it was read, with the page it was read on."""

    text: Text = Field(description="the fact as a citizen reads it")
    note: Text | None = Field(
        default=None, description="what to keep in mind: an older page, a list cut off, a guess"
    )
    source: Source

    @model_validator(mode="after")
    def _read_on_a_page(self) -> CurrentFact:
        if self.source.url is None and self.source.research is None:
            raise ValueError("a current fact cites the page it was read on (url, or research)")
        return self


class CurrentChannels(CurrentFact):
    channels: list[Channel] = Field(
        default=[], description="empty when the channel is none of ours (e.g. a contest portal)"
    )


class CurrentTerm(CurrentFact):
    duration: Duration


class CurrentCost(CurrentFact):
    kind: CostKind


class CurrentDocuments(CurrentFact):
    items: list[Text] = Field(min_length=1)
    complete: bool = Field(description="false when the source's list was cut off or partial")
    channels: list[Channel] = Field(default=[], description="empty means every channel")


class ConfidenceNote(Strict):
    """How sure the current record is, and plainly what was and was not read."""

    level: Confidence
    read: Text
    not_read: Text


class CurrentRecord(Strict):
    """What applies today, beside the historical regional regulations.

    Transcribed only from shared/research/inforce*.md and standards.md: the act in force now
    (acts/*.yaml), the facts read from it or from its service page, each with its page, and a
    confidence that says what was not read. Nothing here is guessed.
    """

    status: CurrentStatus
    act: Slug | None = Field(default=None, description="the act in force now (acts/*.yaml)")
    appendix: str | None = Field(default=None, description="its appendix for this service")
    edition: Text | None = Field(
        default=None, description="the edition read, e.g. 'в редакции приказа … № 133'"
    )
    edition_date: CatalogueDate | None = None
    previous_act: Slug | None = Field(
        default=None, description="the last act known to have governed it, now repealed"
    )
    abolished_by: Slug | None = Field(
        default=None, description="for status abolished: the act that abolished it"
    )
    name: CurrentFact | None = Field(default=None, description="today's name, where it changed")
    provider: CurrentFact | None = None
    channels: CurrentChannels | None = None
    term: CurrentTerm | None = None
    cost: CurrentCost | None = None
    result: CurrentFact | None = None
    documents: list[CurrentDocuments] = []
    notes: list[CurrentFact] = Field(default=[], description="other facts read (who may apply…)")
    confidence: ConfidenceNote
    where_to_check: Text | None = None
    checked_on: CheckDate = Field(description="when the record was last checked against sources")
    source: Source = Field(description="where the link between service and act was read")

    @model_validator(mode="after")
    def _coherent(self) -> CurrentRecord:
        level = self.confidence.level
        if self.status == CurrentStatus.IN_FORCE and self.act is None:
            raise ValueError("a service in force names the act in force (act)")
        if self.status == CurrentStatus.ABOLISHED and self.abolished_by is None:
            raise ValueError("an abolished service names the act that abolished it")
        if self.status != CurrentStatus.ABOLISHED and self.abolished_by is not None:
            raise ValueError("abolished_by is only for status 'abolished'")
        if level == Confidence.NONE and self.act is not None:
            raise ValueError("confidence 'none' means no current act was found: drop act")
        if level != Confidence.NONE and self.act is None and self.abolished_by is None:
            raise ValueError(f"confidence {level.value!r} needs the act it is about (act)")
        facts = (self.provider, self.channels, self.term, self.cost, self.result)
        if level in (Confidence.ACT_ONLY, Confidence.NONE) and (any(facts) or self.documents):
            raise ValueError(f"confidence {level.value!r} means none of the act's facts were read")
        unsure = level in (Confidence.NONE, Confidence.UNCONFIRMED)
        if (self.status == CurrentStatus.UNKNOWN or unsure) and self.where_to_check is None:
            raise ValueError("say where to check (where_to_check) when nothing sure was found")
        if self.edition_date is not None and self.edition is None:
            raise ValueError("edition_date needs the edition it dates")
        return self


class ServiceFile(Strict):
    """One state service: its names, standard, documents, and regional regulations."""

    id: Slug
    category: Slug
    name: Text
    name_source: Source
    name_ru_official: bool = Field(
        description="true when the Russian name is quoted from a source, false if translated"
    )
    standard: Slug | None = Field(default=None, description="id of the standard's legal act")
    standard_ref: str | None = Field(default=None, description="appendix of the order, if known")
    result: Text | None = None
    cost: Cost
    documents: list[DocumentList]
    refusal_grounds: DocumentList | None = None
    regulations: list[RegulationFile] = []
    listed_only: bool = Field(
        default=False,
        description="the seeds only name this service (no regulation text): nothing else known",
    )
    listed_in: list[Slug] = Field(default=[], description="acts that name the service")
    current: CurrentRecord | None = Field(
        default=None, description="what applies today; the regulations are historical"
    )

    @model_validator(mode="after")
    def _shape(self) -> ServiceFile:
        regions = [r.region for r in self.regulations]
        if len(set(regions)) != len(regions):
            raise ValueError("two regulations for the same region")
        if not self.listed_only and not self.regulations:
            raise ValueError("a service with a regulation text has at least one regulation")
        if self.listed_only and self.regulations:
            raise ValueError("a listed_only service has no regulations")
        if self.listed_only and not self.listed_in:
            raise ValueError("a listed_only service names the acts that list it (listed_in)")
        if not self.documents:
            raise ValueError("documents: give the list, or a statement that it is unknown")
        return self


class OfficeFile(Strict):
    """A place where applications are accepted or results handed out."""

    id: Slug
    region: Slug
    channel: Channel
    name: Text
    address: Text
    opening_hours: Text
    phone: str | None = None
    latitude: float | None = Field(default=None, ge=40.0, le=56.0)
    longitude: float | None = Field(default=None, ge=46.0, le=88.0)
    services: list[Slug] = Field(default=[], description="services handled; empty means all")
    example: bool = Field(description="true for demonstration data that is not a real office")
    source: Source | None = None

    @model_validator(mode="after")
    def _real_offices_are_sourced(self) -> OfficeFile:
        if not self.example and self.source is None:
            raise ValueError("a real office needs a source; demonstration data sets example: true")
        if self.example and self.phone is not None:
            # A realistic invented number could ring a real person.
            raise ValueError("a demonstration office has no phone number")
        if (self.latitude is None) != (self.longitude is None):
            raise ValueError("give both latitude and longitude, or neither")
        return self


class OfficesFile(Strict):
    offices: list[OfficeFile]


class CalendarOverride(Strict):
    """A day whose status a government decree changed and the `holidays` package may not know."""

    date: CatalogueDate
    working: bool
    reason: Text
    source: Source


class CalendarFile(Strict):
    overrides: list[CalendarOverride] = []
