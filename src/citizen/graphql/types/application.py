"""An application being tracked, its status history, and why a lookup or change failed."""

from __future__ import annotations

import datetime as dt
from typing import Any

import strawberry
from strawberry.types import Info

from citizen.applications import ApplicationStatus, ResultDelivery
from citizen.applications import tables as at
from citizen.applications.lookup import Lookup, LookupOutcome
from citizen.applications.messages import error_text, lookup_text, status_label
from citizen.catalogue import tables as ct
from citizen.catalogue.vocabulary import Channel, Locale
from citizen.graphql.context import ctx, locale_of
from citizen.graphql.types.office import Office
from citizen.graphql.types.region import Region
from citizen.graphql.types.regulation import Step
from citizen.graphql.types.service import Service
from citizen.i18n import format_date

strawberry.enum(ApplicationStatus)
strawberry.enum(ResultDelivery)
strawberry.enum(LookupOutcome)


def _office(info: Info, office_id: str | None) -> Office | None:
    if office_id is None:
        return None
    row = ctx(info).read(lambda s: s.get(ct.Office, office_id))
    return Office(row=row) if row else None


@strawberry.type(description="One entry of an application's status history.")
class StatusChange:
    row: strawberry.Private[at.ApplicationStatusChange]

    @strawberry.field
    def status(self) -> ApplicationStatus:
        return ApplicationStatus(self.row.status)

    @strawberry.field
    def status_label(self, info: Info, locale: Locale | None = None) -> str:
        return status_label(self.row.status, locale_of(info, locale))

    @strawberry.field(description="1-based step of the regulation, while in progress")
    def step_position(self) -> int | None:
        return None if self.row.step_position is None else self.row.step_position + 1

    @strawberry.field
    def result_delivery(self) -> ResultDelivery | None:
        return ResultDelivery(self.row.result_delivery) if self.row.result_delivery else None

    @strawberry.field(description="where a ready result waits")
    def office(self, info: Info) -> Office | None:
        return _office(info, self.row.office_id)

    @strawberry.field(description="the provider's reason for a refusal, as it was given")
    def reason(self, info: Info, locale: Locale | None = None) -> str | None:
        lang = locale_of(info, locale)
        own = getattr(self.row, f"reason_{lang.value}")
        # The provider may have written only one language: show that rather than nothing.
        return own or self.row.reason_kk or self.row.reason_ru

    @strawberry.field
    def changed_at(self) -> dt.datetime:
        return self.row.changed_at


@strawberry.type(description="An application: its service, where it is, and what happens next.")
class Application:
    row: strawberry.Private[at.Application]

    @strawberry.field(description="the receipt number (қолхат / расписка)")
    def number(self) -> str:
        return self.row.number

    @strawberry.field
    async def service(self, info: Info) -> Service | None:
        row = await ctx(info).loaders.service.load(self.row.service_id)
        return Service(row=row) if row else None

    @strawberry.field
    async def region(self, info: Info) -> Region | None:
        row = await ctx(info).loaders.region.load(self.row.region_id)
        return Region(row=row) if row else None

    @strawberry.field
    def channel(self) -> Channel:
        return Channel(self.row.channel)

    @strawberry.field
    def office(self, info: Info) -> Office | None:
        return _office(info, self.row.office_id)

    @strawberry.field
    def submitted_at(self) -> dt.datetime:
        return self.row.submitted_at

    @strawberry.field
    def expected_ready_on(self) -> dt.date | None:
        return self.row.expected_ready_on

    @strawberry.field
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
    async def step(self, info: Info) -> Step | None:
        if self.row.step_position is None:
            return None
        steps = await ctx(info).loaders.steps.load(self.row.regulation_id)
        found = [s for s in steps if s.position == self.row.step_position]
        return Step(row=found[0]) if found else None

    @strawberry.field
    def result_delivery(self) -> ResultDelivery | None:
        return ResultDelivery(self.row.result_delivery) if self.row.result_delivery else None

    @strawberry.field
    def history(self, info: Info) -> list[StatusChange]:
        from citizen.applications import status_history

        app_id = self.row.id
        assert app_id is not None
        return [StatusChange(row=r) for r in ctx(info).read(lambda s: status_history(s, app_id))]


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
