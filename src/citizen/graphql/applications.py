"""Application tracking over GraphQL: the citizen's lookup, operators' mutations, live updates.

Resolvers are thin: each calls one core function of `citizen.applications` in its own unit of
work and wraps the outcome in a typed result.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import AsyncGenerator
from typing import Annotated

import strawberry
from sqlmodel import Session
from strawberry.types import Info

from citizen.applications import (
    ApplicationError,
    ApplicationStatus,
    IllegalTransition,
    ResultDelivery,
    change_status,
    find_application,
    register_application,
    watch_application,
)
from citizen.applications.links import create_link, deep_link
from citizen.applications.lookup import Lookup
from citizen.applications.tables import Application as ApplicationRow
from citizen.applications.tokens import Forbidden, NotAuthorized, Permission, authorize
from citizen.applications.tracking import latest_change_id
from citizen.catalogue.vocabulary import Channel
from citizen.graphql.context import Context, ctx
from citizen.graphql.types.application import (
    AccessDenied,
    Application,
    ApplicationLookupFailed,
    ApplicationRejected,
)
from citizen.notifications.telegram_client import bot_username
from citizen.settings import Settings, get_settings

ApplicationResult = Annotated[
    Application | ApplicationLookupFailed, strawberry.union("ApplicationResult")
]
ApplicationChangeResult = Annotated[
    Application | ApplicationRejected | AccessDenied, strawberry.union("ApplicationChangeResult")
]



@strawberry.type(description="A one-time link that subscribes the Telegram chat that opens it.")
class SubscriptionLink:
    number: str = strawberry.field(description="The application's receipt number.")
    code: str = strawberry.field(description="The bot's start parameter; works once.")
    url: str | None = strawberry.field(
        description="t.me/<bot>?start=<code>; null when the bot's username is not known."
    )
    expires_at: dt.datetime


SubscriptionLinkResult = Annotated[
    SubscriptionLink | ApplicationRejected | AccessDenied,
    strawberry.union("SubscriptionLinkResult"),
]


async def _link_username(settings: Settings) -> str | None:
    if settings.telegram_bot_username:
        return settings.telegram_bot_username
    if settings.telegram_token is None:
        return None
    return await bot_username(settings.telegram_token.get_secret_value(), settings.telegram_api_url)


def lookup(context: Context, number: str, iin: str) -> Lookup:
    # Failed attempts are counted in the database: the lookup is a write, committed here.
    return context.write(lambda s: find_application(s, number, iin, context.client))


def _answer(found: Lookup) -> Application | ApplicationLookupFailed:
    if found.found and found.application is not None:
        return Application(row=found.application)
    return ApplicationLookupFailed(lookup=found)


@strawberry.type
class ApplicationQuery:
    @strawberry.field(description="One application, for its applicant: receipt number + IIN.")
    def application(self, info: Info, number: str, iin: str) -> ApplicationResult:
        context = ctx(info)
        context.cacheable = False
        return _answer(lookup(context, number, iin))


def _guarded(context: Context, permission: Permission, change: object) -> ApplicationChangeResult:
    """Authorise the token and run `change(session, actor)` in one transaction."""
    def unit(session: Session) -> Application:
        token = authorize(session, context.token, permission)
        return Application(row=change(session, f"token:{token.name}"))  # type: ignore[operator]

    try:
        return context.write(unit)
    except NotAuthorized:
        return AccessDenied(code="not_authorized")
    except Forbidden:
        return AccessDenied(code="forbidden")
    except (ApplicationError, IllegalTransition) as exc:
        return ApplicationRejected(code=exc.code.value, error=exc)


@strawberry.type
class Mutation:
    @strawberry.mutation(description="Record an accepted application (provider or operator).")
    def register_application(
        self,
        info: Info,
        service: strawberry.ID,
        region: strawberry.ID,
        channel: Channel,
        iin: str,
        submitted_at: dt.datetime | None = None,
        office: strawberry.ID | None = None,
        number: str | None = None,
    ) -> ApplicationChangeResult:
        return _guarded(
            ctx(info),
            Permission.REGISTER_APPLICATION,
            lambda s, actor: register_application(
                s,
                service_id=service,
                region_id=region,
                channel=channel,
                iin=iin,
                office_id=office,
                number=number,
                submitted_at=submitted_at,
                actor=actor,
            ),
        )

    @strawberry.mutation(description="Move an application to a new status; notifies its chats.")
    def change_application_status(
        self,
        info: Info,
        number: str,
        status: ApplicationStatus,
        step_position: Annotated[
            int | None,
            strawberry.argument(description="1-based step of the regulation, for IN_PROGRESS"),
        ] = None,
        result_delivery: ResultDelivery | None = None,
        office: strawberry.ID | None = None,
        reason_kk: str | None = None,
        reason_ru: str | None = None,
    ) -> ApplicationChangeResult:
        step = None if step_position is None else step_position - 1
        return _guarded(
            ctx(info),
            Permission.CHANGE_STATUS,
            lambda s, actor: (
                change_status(
                    s,
                    number,
                    status,
                    step_position=step,
                    delivery=result_delivery,
                    office_id=office,
                    reason_kk=reason_kk,
                    reason_ru=reason_ru,
                    actor=actor,
                ).application
            ),
        )

    @strawberry.mutation(
        description="A one-time, expiring t.me link that subscribes the chat opening it to the "
        "application (provider or operator); hand it to the applicant."
    )
    async def create_subscription_link(self, info: Info, number: str) -> SubscriptionLinkResult:
        context = ctx(info)
        settings = get_settings()
        ttl = dt.timedelta(seconds=settings.subscription_link_ttl_seconds)

        def unit(session: Session) -> SubscriptionLink:
            token = authorize(session, context.token, Permission.CREATE_SUBSCRIPTION_LINK)
            issued = create_link(session, number, actor=f"token:{token.name}", ttl=ttl)
            return SubscriptionLink(
                number=issued.application.number,
                code=issued.code,
                url=None,
                expires_at=issued.expires_at,
            )

        try:
            link = await asyncio.to_thread(context.write, unit)
        except NotAuthorized:
            return AccessDenied(code="not_authorized")
        except Forbidden:
            return AccessDenied(code="forbidden")
        except ApplicationError as exc:
            return ApplicationRejected(code=exc.code.value, error=exc)
        username = await _link_username(settings)
        link.url = deep_link(username, link.code) if username else None
        return link


@strawberry.type
class Subscription:
    @strawberry.subscription(
        description="The application now, then again at every status change (receipt + IIN)."
    )
    async def application_status(
        self, info: Info, number: str, iin: str
    ) -> AsyncGenerator[ApplicationResult, None]:
        context = ctx(info)
        found = lookup(context, number, iin)
        app_id = found.application.id if found.found and found.application else None
        # Mark where the history stands before answering: a change made right after the
        # client sees this first answer must still be sent.
        seen = context.read(lambda s: latest_change_id(s, app_id)) if app_id else None
        yield _answer(found)
        if app_id is None:
            return
        async for _change in watch_application(context.engine, app_id, after_change_id=seen):
            current = context.read(lambda s: s.get(ApplicationRow, app_id))
            if current is not None:
                yield Application(row=current)
