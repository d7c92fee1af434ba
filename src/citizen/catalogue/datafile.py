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

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from citizen.catalogue.vocabulary import (
    ActKind,
    Channel,
    CostKind,
    DocumentKind,
    DurationUnit,
    Form,
    Knowledge,
)

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=64)]
NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
SEED_RE = re.compile(r"^\d{3}$")


class Strict(BaseModel):
    """Unknown keys are errors: a typo in a data file must not silently drop a fact."""

    model_config = ConfigDict(extra="forbid", frozen=True)


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
    note: str | None = None

    @model_validator(mode="after")
    def _names_somewhere(self) -> Source:
        if self.seed is None and self.url is None:
            raise ValueError("a source needs a seed number or a url")
        if self.seed is not None and not SEED_RE.match(self.seed):
            raise ValueError(f"seed must be three digits like '001', got {self.seed!r}")
        if self.url is not None and not self.edition:
            raise ValueError("a url source needs the edition (or reading) date it describes")
        return self


class Duration(Strict):
    value: Annotated[float, Field(gt=0)]
    unit: DurationUnit


class ActAmendment(Strict):
    """A later act that changed this one (new wording of a paragraph, of a whole appendix)."""

    act: Text  # "Қарағанды облысы әкімдігінің 01.09.2016 № 64/04 қаулысы" / Russian
    date: dt.date | None = None
    what: Text
    source: Source


class LegalActFile(Strict):
    """A legal act: a standard-approving order, a regional decree, a repealing act, a law."""

    id: Slug
    kind: ActKind
    title: Text
    issuer: Text
    number: str | None = None
    date: dt.date | None = None
    registry_number: str | None = Field(
        default=None, description="number in the state register of normative legal acts"
    )
    registered_on: dt.date | None = None
    status: str = Field(pattern=r"^(in_force|repealed|unknown)$")
    repealed_by: Text | None = None
    repealed_on: dt.date | None = None
    amendments: list[ActAmendment] = []
    source: Source

    @model_validator(mode="after")
    def _repeal_consistent(self) -> LegalActFile:
        if self.status == "repealed" and self.repealed_by is None:
            raise ValueError("a repealed act names the act that repealed it (repealed_by)")
        if self.status != "repealed" and (self.repealed_by or self.repealed_on):
            raise ValueError("repealed_by/repealed_on are only for status 'repealed'")
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
    max_waiting: Duration | None = None
    max_service: Duration | None = None
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
        if (self.latitude is None) != (self.longitude is None):
            raise ValueError("give both latitude and longitude, or neither")
        return self


class OfficesFile(Strict):
    offices: list[OfficeFile]


class CalendarOverride(Strict):
    """A day whose status a government decree changed and the `holidays` package may not know."""

    date: dt.date
    working: bool
    reason: Text
    source: Source


class CalendarFile(Strict):
    overrides: list[CalendarOverride] = []
