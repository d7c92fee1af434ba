"""An application being tracked, its status history, and why a lookup or change failed."""

from __future__ import annotations

import datetime as dt
from typing import Any

import strawberry
from strawberry.types import Info

from citizen.applications import ApplicationStatus, ResultDelivery, status_history
from citizen.applications import tables as at
from citizen.applications.lookup import Lookup, LookupOutcome
from citizen.applications.messages import error_text, lookup_text, status_label
from citizen.applications.registry import pickup_office_id, waits_at_office
from citizen.catalogue.vocabulary import Channel, Locale
from citizen.graphql.context import ctx, locale_of
from citizen.graphql.global_ids import application_global_id
from citizen.graphql.types.node import Node
from citizen.graphql.types.office import Office
from citizen.graphql.types.region import Region
from citizen.graphql.types.regulation import Step
from citizen.graphql.types.service import Service
from citizen.i18n import format_date, in_reader_language

strawberry.enum(ApplicationStatus)
strawberry.enum(ResultDelivery)
strawberry.enum(LookupOutcome)


def _office(info: Info, office_id: str | None) -> Office | None:
    found = ctx(info).catalogue.office(office_id) if office_id else None
    return Office(obj=found) if found else None


@strawberry.type(description="One entry of an application's status history.")
class StatusChange:
    row: strawberry.Private[at.ApplicationStatusChange]

    @strawberry.field
    def status(self) -> ApplicationStatus:
        return ApplicationStatus(self.row.status)

    @strawberry.field
    def status_label(self, info: Info, locale: Locale | None = None) -> str:
        return status_label(self.row.status, locale_of(info, locale))

    @strawberry.field(description="the regulation's number of the step (from 1), in progress")
    def step_position(self) -> int | None:
        return self.row.step_number

    @strawberry.field
    def result_delivery(self) -> ResultDelivery | None:
        return ResultDelivery(self.row.result_delivery) if self.row.result_delivery else None

    @strawberry.field(description="where a ready result waits")
    def office(self, info: Info) -> Office | None:
        return _office(info, self.row.office_id)

    @strawberry.field(
        description="the provider's reason for a refusal: in the asked language when given in "
        "it, else in the other one (see reasonInOtherLanguage)"
    )
    def reason(self, info: Info, locale: Locale | None = None) -> str | None:
        found = in_reader_language(self.row.reason_kk, self.row.reason_ru, locale_of(info, locale))
        return found[0] if found else None

    @strawberry.field(description="true when `reason` is only available in the other language")
    def reason_in_other_language(self, info: Info, locale: Locale | None = None) -> bool:
        found = in_reader_language(self.row.reason_kk, self.row.reason_ru, locale_of(info, locale))
        return bool(found and found[1])

    @strawberry.field
    def changed_at(self) -> dt.datetime:
        return self.row.changed_at


@strawberry.type(description="An application: its service, where it is, and what happens next.")
class Application(Node):
    row: strawberry.Private[at.Application]

    @strawberry.field(
        description="opaque global id (Relay), for normalised caches; it does not contain the "
        "receipt number and proves nothing: `node(id:)` never answers an application, "
        "`application(number:, iin:)` does"
    )
    def id(self) -> strawberry.ID:
        return strawberry.ID(application_global_id(self.row.number))

    @strawberry.field(description="the receipt number (қолхат / расписка)")
    def number(self) -> str:
        return self.row.number

    @strawberry.field
    def service(self, info: Info) -> Service | None:
        found = ctx(info).catalogue.service(self.row.service_id)
        return Service(obj=found) if found else None

    @strawberry.field
    def region(self, info: Info) -> Region | None:
        found = ctx(info).catalogue.region(self.row.region_id)
        return Region(obj=found) if found else None

    @strawberry.field
    def channel(self) -> Channel:
        return Channel(self.row.channel)

    @strawberry.field
    def office(self, info: Info) -> Office | None:
        return _office(info, self.row.office_id)

    @strawberry.field
    def submitted_at(self) -> dt.datetime:
        return self.row.submitted_at

    @strawberry.field(
        description="the day the result is expected, counted at registration from the "
        "regulation's term on the production calendar (as `readyEstimate` does); null when the "
        "regulation gives no term"
    )
    def expected_ready_on(self) -> dt.date | None:
        return self.row.expected_ready_on

    @strawberry.field(description="expectedReadyOn in words, e.g. '8 декабря 2026 г.'")
    def expected_ready_on_text(self, info: Info, locale: Locale | None = None) -> str | None:
        day = self.row.expected_ready_on
        return format_date(day, locale_of(info, locale)) if day else None

    @strawberry.field
    def status(self) -> ApplicationStatus:
        return ApplicationStatus(self.row.status)

    @strawberry.field
    def status_label(self, info: Info, locale: Locale | None = None) -> str:
        return status_label(self.row.status, locale_of(info, locale))

    @strawberry.field(description="the regulation's step the application is at, if in progress")
    def step(self, info: Info) -> Step | None:
        number = self.row.step_number
        regulation = ctx(info).catalogue.regulation(self.row.service_id, self.row.region_id)
        found = regulation.step(number) if regulation and number else None
        return Step(obj=found) if found else None

    @strawberry.field
    def result_delivery(self) -> ResultDelivery | None:
        return ResultDelivery(self.row.result_delivery) if self.row.result_delivery else None

    @strawberry.field(
        description="where the ready result waits to be collected: the office named when it "
        "became ready, else the office the application was submitted at; null unless the "
        "status is RESULT_READY with resultDelivery OFFICE"
    )
    async def pickup_office(self, info: Info) -> Office | None:
        if not waits_at_office(self.row):
            return None  # nothing to read: the rule needs the history only for a ready result
        row = self.row
        return _office(info, await ctx(info).db.run(lambda s: pickup_office_id(s, row)))

    @strawberry.field
    async def history(self, info: Info) -> list[StatusChange]:
        app_id = self.row.id
        assert app_id is not None
        rows = await ctx(info).db.run(lambda s: status_history(s, app_id))
        return [StatusChange(row=r) for r in rows]


@strawberry.type(
    description="No application for this receipt number and IIN (the same answer for a wrong "
    "number and a wrong IIN), an IIN that is not valid, or too many failed attempts."
)
class ApplicationLookupFailed:
    lookup: strawberry.Private[Lookup]

    @strawberry.field
    def reason(self) -> LookupOutcome:
        return self.lookup.outcome

    @strawberry.field(description="seconds to wait, when throttled")
    def retry_after(self) -> int | None:
        return self.lookup.retry_after

    @strawberry.field(
        description="PROOF_REQUIRED: find a nonce such that SHA-256 of "
        "`<challenge>:<iin>:<nonce>` starts with `difficulty` zero bits, then ask again with "
        "`proof: \"<challenge>:<nonce>\"`"
    )
    def challenge(self) -> str | None:
        return self.lookup.challenge.text if self.lookup.challenge else None

    @strawberry.field(description="PROOF_REQUIRED: leading zero bits the proof needs")
    def difficulty(self) -> int | None:
        return self.lookup.challenge.difficulty if self.lookup.challenge else None

    @strawberry.field
    def message(self, info: Info, locale: Locale | None = None) -> str:
        return lookup_text(self.lookup, locale_of(info, locale))


@strawberry.type(description="The registration or status change was refused: `code` says why.")
class ApplicationRejected:
    code: str
    error: strawberry.Private[Any]

    @strawberry.field
    def message(self, info: Info, locale: Locale | None = None) -> str:
        return error_text(self.error, locale_of(info, locale))


@strawberry.type(
    description="The API token is missing, unknown, revoked, lacks the role, or the "
    "application is outside its regions or services (`code`: not_authorized | forbidden | "
    "out_of_scope)."
)
class AccessDenied:
    code: str

    @strawberry.field
    def message(self, info: Info, locale: Locale | None = None) -> str:
        from citizen.i18n import translator

        return translator()(locale_of(info, locale), f"api-access-{self.code}")
