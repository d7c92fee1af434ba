"""The closed word lists of the catalogue, named after the glossary (shared/GLOSSARY.md).

Every value is a stable string: it appears in the data files, the database, the JSON export and
the public API, so renaming one is a breaking change.
"""

from __future__ import annotations

from enum import StrEnum


class Locale(StrEnum):
    """The two languages every text of the catalogue is written in."""

    KK = "kk"
    RU = "ru"


class Channel(StrEnum):
    """Where an application is accepted or a result handed out."""

    PROVIDER_OFFICE = "provider_office"  # көрсетілетін қызметті берушінің кеңсесі
    STATE_CORPORATION = "state_corporation"  # "Азаматтарға арналған үкімет" (ЦОН / ХҚКО)
    PORTAL = "portal"  # www.egov.kz


class Form(StrEnum):
    """The form in which the service is delivered (мемлекеттік қызмет көрсету нысаны)."""

    ELECTRONIC = "electronic"  # электрондық, with no qualifier (e.g. the form of a result)
    ELECTRONIC_FULL = "electronic_full"  # электрондық (толық автоматтандырылған)
    ELECTRONIC_PARTIAL = "electronic_partial"  # электрондық (ішінара автоматтандырылған)
    PAPER = "paper"  # қағаз түрінде


class DurationUnit(StrEnum):
    """The unit a regulation wrote a duration in; kept as written, never converted on load."""

    MINUTE = "minute"
    HOUR = "hour"
    WORKING_DAY = "working_day"  # жұмыс күні
    CALENDAR_DAY = "calendar_day"  # күнтізбелік күн
    DAY = "day"  # "күн" with no qualifier: we do not guess which kind it is


class ActKind(StrEnum):
    """Kinds of legal acts the catalogue cites."""

    LAW = "law"
    STANDARD_ORDER = "standard_order"  # ministry order approving service standards
    REGULATION_DECREE = "regulation_decree"  # akimat decree approving regional regulations
    AMENDING_DECREE = "amending_decree"
    REPEALING_ACT = "repealing_act"
    RULES_ORDER = "rules_order"  # later ministry orders (Rules) that replaced the standards
    GOVERNMENT_DECREE = "government_decree"  # Үкімет қаулысы / постановление Правительства


class DocumentKind(StrEnum):
    """In what shape a document is presented."""

    ORIGINAL = "original"
    COPY = "copy"
    ORIGINAL_FOR_VERIFICATION = "original_for_verification"  # shown, then returned
    ELECTRONIC = "electronic"  # e-document or e-copy through the portal
    APPLICATION = "application"  # the application (өтініш) itself
    UNSPECIFIED = "unspecified"  # the source does not say


class Knowledge(StrEnum):
    """Whether a list (documents, refusal grounds) is known from a source at all."""

    KNOWN = "known"  # the list comes from the named source
    UNKNOWN = "unknown"  # no source available to us gives it; the entry says where to check


class CostKind(StrEnum):
    FREE = "free"
    PAID = "paid"
    UNKNOWN = "unknown"


class ActStatus(StrEnum):
    """Whether a legal act is in force, as far as the catalogue's sources tell."""

    IN_FORCE = "in_force"
    REPEALED = "repealed"
    UNKNOWN = "unknown"  # no source we have tells whether it is still in force


class CurrentStatus(StrEnum):
    """Whether a service exists today, as far as the sources read tell."""

    IN_FORCE = "in_force"  # an act in force today governs it
    ABOLISHED = "abolished"  # the act that governed it was repealed and nothing replaced it
    UNKNOWN = "unknown"  # nothing current was found, or what was found is not confirmed


class Confidence(StrEnum):
    """How much of what applies today was actually read (see `CurrentRecord.confidence`)."""

    COMPLETE = "complete"  # the act's requirements for this service were read in full
    PARTIAL = "partial"  # the act was identified and some of its facts were read
    ACT_ONLY = "act_only"  # the act was identified; none of its facts were read
    UNCONFIRMED = "unconfirmed"  # a candidate act or facts were read; their link is not confirmed
    NONE = "none"  # nothing current was found
