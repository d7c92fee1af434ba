"""The stored form of the catalogue (SQLModel tables).

Texts are stored as `<field>_kk` / `<field>_ru` column pairs so that one row answers in either
language without a join; `localized(row, "name", locale)` picks one. Sources are kept as JSON
beside the fact they support, exactly as the reviewed data file gave them. Lists of enum
values (channels, forms) are JSON arrays of their string values.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Column, UniqueConstraint, false
from sqlmodel import Field, SQLModel

from citizen.catalogue.vocabulary import Locale


def localized(row: Any, field: str, locale: Locale | str) -> str | None:
    """The text of `field` in `locale` (`name` -> `name_kk` or `name_ru`)."""
    value: str | None = getattr(row, f"{field}_{Locale(locale).value}")
    return value


def _json(nullable: bool = True) -> Any:
    return Field(default=None, sa_column=Column(JSON, nullable=nullable))


class Region(SQLModel, table=True):
    id: str = Field(primary_key=True, max_length=64)
    position: int
    name_kk: str
    name_ru: str
    source: dict[str, Any] | None = _json()


class Category(SQLModel, table=True):
    id: str = Field(primary_key=True, max_length=64)
    position: int
    name_kk: str
    name_ru: str


class LegalAct(SQLModel, table=True):
    __tablename__ = "legal_act"

    id: str = Field(primary_key=True, max_length=64)
    kind: str = Field(max_length=32)
    title_kk: str
    title_ru: str
    issuer_kk: str
    issuer_ru: str
    number: str | None = Field(default=None, max_length=64)
    date: dt.date | None = None
    registry_number: str | None = Field(default=None, max_length=64)
    registered_on: dt.date | None = None
    status: str = Field(max_length=16)  # in_force | repealed | unknown
    repealed_by_kk: str | None = None  # the repealing act's citation (its `citation`)
    repealed_by_ru: str | None = None
    repealed_on: dt.date | None = None  # the day it lost force, when known (= lost_force_on)
    amendments: list[dict[str, Any]] | None = _json()
    source: dict[str, Any] | None = _json()
    # --- added by migration 0004 (citations, repeal in two parts) ---
    title_official: list[str] | None = _json()  # languages in which the title is quoted
    citation_kk: str | None = None
    citation_ru: str | None = None
    citation_by_kk: str | None = None
    citation_by_ru: str | None = None
    repealed_by_id: str | None = Field(default=None, max_length=64)  # the repealing act's id
    repealed_by_date: dt.date | None = None  # the day the repealing act was adopted
    lost_force_on: dt.date | None = None  # the day this act stopped applying, when known
    lost_force_rule_kk: str | None = None  # how that day is determined when it is not known
    lost_force_rule_ru: str | None = None
    repeal_source: dict[str, Any] | None = _json()


class Service(SQLModel, table=True):
    id: str = Field(primary_key=True, max_length=64)
    position: int
    category_id: str = Field(foreign_key="category.id", max_length=64, index=True)
    name_kk: str
    name_ru: str
    name_ru_official: bool
    name_source: dict[str, Any] | None = _json()
    standard_id: str | None = Field(default=None, foreign_key="legal_act.id", max_length=64)
    standard_ref: str | None = None
    result_kk: str | None = None
    result_ru: str | None = None
    cost_kind: str = Field(max_length=16)
    cost_text_kk: str | None = None
    cost_text_ru: str | None = None
    cost_source: dict[str, Any] | None = _json()
    listed_only: bool = False
    listed_in: list[str] | None = _json()
    # Added by migration 0004: what applies today, the validated `datafile.CurrentRecord` as
    # JSON (`CurrentRecord.model_validate(row.current)` reads it back typed); None if unchecked.
    current: dict[str, Any] | None = _json()


class DocumentList(SQLModel, table=True):
    """A list of documents to bring (purpose `documents`) or of refusal grounds."""

    __tablename__ = "document_list"

    id: int | None = Field(default=None, primary_key=True)
    service_id: str = Field(foreign_key="service.id", max_length=64, index=True)
    purpose: str = Field(max_length=16)  # documents | refusal_grounds
    position: int
    knowledge: str = Field(max_length=16)
    regions: list[str] | None = _json()  # regions it is for; empty: all (migration 0004)
    standard_paragraph: str | None = None
    statement_kk: str
    statement_ru: str
    source: dict[str, Any] | None = _json()


class DocumentItem(SQLModel, table=True):
    __tablename__ = "document_item"

    id: int | None = Field(default=None, primary_key=True)
    list_id: int = Field(foreign_key="document_list.id", index=True)
    position: int
    name_kk: str
    name_ru: str
    kind: str = Field(max_length=32)
    channels: list[str] | None = _json()
    note_kk: str | None = None
    note_ru: str | None = None


class Regulation(SQLModel, table=True):
    """One service in one region (регламент); its id is `<service>/<region>`."""

    __table_args__ = (UniqueConstraint("service_id", "region_id"),)

    id: str = Field(primary_key=True, max_length=140)
    service_id: str = Field(foreign_key="service.id", max_length=64, index=True)
    region_id: str = Field(foreign_key="region.id", max_length=64, index=True)
    act_id: str = Field(foreign_key="legal_act.id", max_length=64)
    appendix: str | None = None
    title_kk: str
    title_ru: str
    provider_kk: str
    provider_ru: str
    forms: list[str] | None = _json()
    result_kk: str
    result_ru: str
    result_forms: list[str] | None = _json()
    max_waiting_value: float | None = None
    max_waiting_unit: str | None = None
    max_service_value: float | None = None
    max_service_unit: str | None = None
    source: dict[str, Any] | None = _json()
    # --- added by migration 0004 ---
    # Channels whose term the regulation only points to (`datafile.UnstatedTerm` dumps): no ready
    # date is computed for them.
    unstated_terms: list[dict[str, Any]] | None = _json()
    # The longest a citizen may be kept when collecting the result: a limit, not a step.
    collection_limit_value: float | None = None
    collection_limit_unit: str | None = Field(default=None, max_length=16)
    collection_limit_channels: list[str] | None = _json()
    collection_limit_source: dict[str, Any] | None = _json()


class RegulationChannel(SQLModel, table=True):
    __tablename__ = "regulation_channel"

    regulation_id: str = Field(foreign_key="regulation.id", primary_key=True, max_length=140)
    channel: str = Field(primary_key=True, max_length=32)
    position: int
    accepts_applications: bool
    issues_results: bool


class Step(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    regulation_id: str = Field(foreign_key="regulation.id", max_length=140, index=True)
    position: int
    actor_kk: str
    actor_ru: str
    action_kk: str
    action_ru: str
    duration_value: float | None = None
    duration_unit: str | None = Field(default=None, max_length=16)
    duration_text_kk: str | None = None
    duration_text_ru: str | None = None
    result_kk: str | None = None
    result_ru: str | None = None
    channels: list[str] | None = _json()
    source: dict[str, Any] | None = _json()
    # Added by migration 0004: a failure branch never enters a sum; an automated step is done by
    # an information system.
    conditional: bool = Field(default=False, sa_column_kwargs={"server_default": false()})
    automated: bool = Field(default=False, sa_column_kwargs={"server_default": false()})


class Term(SQLModel, table=True):
    """A total term the regulation states, for all channels or the listed ones."""

    id: int | None = Field(default=None, primary_key=True)
    regulation_id: str = Field(foreign_key="regulation.id", max_length=140, index=True)
    position: int
    value: float
    unit: str = Field(max_length=16)
    channels: list[str] | None = _json()
    counted_from_kk: str | None = None
    counted_from_ru: str | None = None
    source: dict[str, Any] | None = _json()


class RegulationNote(SQLModel, table=True):
    __tablename__ = "regulation_note"

    id: int | None = Field(default=None, primary_key=True)
    regulation_id: str = Field(foreign_key="regulation.id", max_length=140, index=True)
    position: int
    text_kk: str
    text_ru: str
    source: dict[str, Any] | None = _json()


class Office(SQLModel, table=True):
    id: str = Field(primary_key=True, max_length=64)
    region_id: str = Field(foreign_key="region.id", max_length=64, index=True)
    channel: str = Field(max_length=32)
    name_kk: str
    name_ru: str
    address_kk: str
    address_ru: str
    opening_hours_kk: str
    opening_hours_ru: str
    phone: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    services: list[str] | None = _json()
    example: bool
    source: dict[str, Any] | None = _json()


class CalendarOverride(SQLModel, table=True):
    __tablename__ = "calendar_override"

    day: dt.date = Field(primary_key=True)
    working: bool
    reason_kk: str
    reason_ru: str
    source: dict[str, Any] | None = _json()


class CatalogueMeta(SQLModel, table=True):
    """Single row describing what is loaded: the data version and when it was loaded."""

    __tablename__ = "catalogue_meta"

    id: int = Field(default=1, primary_key=True)
    version: str = Field(max_length=64)
    loaded_at: dt.datetime


# Deletion order for a reload: children before parents.
CATALOGUE_TABLES: tuple[type[SQLModel], ...] = (
    DocumentItem,
    DocumentList,
    Step,
    Term,
    RegulationNote,
    RegulationChannel,
    Regulation,
    Office,
    Service,
    LegalAct,
    Category,
    Region,
    CalendarOverride,
    CatalogueMeta,
)
