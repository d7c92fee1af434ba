"""Application tracking over GraphQL: the citizen's lookup, operators' mutations, live updates.

Resolvers are thin: each calls one core function of `citizen.applications` in its own unit of
work, off the event loop (`Database.run`), and wraps the outcome in a typed result. Catalogue
facts the core needs come from the request's catalogue snapshot.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncGenerator, Callable
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
    idempotency,
    register_application,
    watch_application,
)
from citizen.applications.links import create_link, deep_link
from citizen.applications.lookup import Lookup
from citizen.applications.registry import get_application
from citizen.applications.tables import ApiToken
from citizen.applications.tables import Application as ApplicationRow
from citizen.applications.tokens import (
    Forbidden,
    NotAuthorized,
    OutOfScope,
    Permission,
    authorize,
    require_scope,
    verify_token,
)
from citizen.applications.tracking import latest_change_id
from citizen.catalogue.vocabulary import Channel, Locale
from citizen.graphql.context import Context, ctx, locale_of
from citizen.graphql.global_ids import NodeKind, catalogue_key
from citizen.graphql.types.application import (
    AccessDenied,
    Application,
    ApplicationLookupFailed,
    ApplicationRejected,
)
from citizen.i18n import translator
from citizen.settings import Settings, get_settings


@strawberry.type(
    description="This idempotency key was used before (by the same token) with another input; "
    "nothing was done. A retry must send the same input; a new request needs a new key."
)
class IdempotencyKeyReused:
    key: str

    @strawberry.field
    def message(self, info: Info, locale: Locale | None = None) -> str:
        return translator()(locale_of(info, locale), "idempotency-key-reused", key=self.key)


IdempotencyKeyArgument = Annotated[
    str | None,
    strawberry.argument(
        description="A key of your own (1-200 printable ASCII characters, e.g. a UUID) that "
        "makes a retry safe: the same key and input give the first answer again, without a "
        "second registration or notification. Keys are per token and kept for "
        "CITIZEN_IDEMPOTENCY_KEY_TTL_HOURS (24 by default)."
    ),
]

ProofArgument = Annotated[
    str | None,
    strawberry.argument(
        description="`<challenge>:<nonce>` answering a PROOF_REQUIRED lookup (see the README)"
    ),
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
    # Imported only with a bot: httpx is ~5 MB an API-only server never needs.
    from citizen.notifications.telegram_client import bot_username

    return await bot_username(settings.telegram_token.get_secret_value(), settings.telegram_api_url)

ApplicationResult = Annotated[
    Application | ApplicationLookupFailed, strawberry.union("ApplicationResult")
]
ApplicationChangeResult = Annotated[
    Application | ApplicationRejected | AccessDenied | IdempotencyKeyReused,
    strawberry.union("ApplicationChangeResult"),
]


async def lookup(context: Context, number: str, iin: str, proof: str | None = None) -> Lookup:
    """The citizen's lookup; a caller with a live API token is counted per token, not per IP."""

    def unit(session: Session) -> Lookup:
        token = verify_token(session, context.token) if context.token else None
        client = f"token:{token.id}" if token is not None else context.client
        return find_application(session, number, iin, client, proof=proof)

    # Failed attempts are counted in the database: the lookup is a write, committed here.
    return await context.db.run(unit)


def _answer(found: Lookup) -> Application | ApplicationLookupFailed:
    if found.found and found.application is not None:
        return Application(row=found.application)
    return ApplicationLookupFailed(lookup=found)


@strawberry.type
class ApplicationQuery:
    @strawberry.field(description="One application, for its applicant: receipt number + IIN.")
    async def application(
        self, info: Info, number: str, iin: str, proof: ProofArgument = None
    ) -> ApplicationResult:
        context = ctx(info)
        context.cacheable = False
        return _answer(await lookup(context, number, iin, proof))


Change = Callable[[Session, ApiToken], ApplicationRow]


async def _guarded(
    context: Context, permission: Permission, change: Change
) -> ApplicationChangeResult:
    """Authorise the token and run `change(session, token)` in one transaction.

    `change` checks the token's scope (`require_scope`) before it writes anything.
    """
    context.cacheable = False

    def unit(session: Session) -> Application:
        return Application(row=change(session, authorize(session, context.token, permission)))

    try:
        try:
            return await context.db.run(unit)
        except idempotency.KeyClaimedConcurrently:
            # A twin request with the same idempotency key won the race: run again to replay.
            return await context.db.run(unit)
    except idempotency.IdempotencyKeyReused as exc:
        return IdempotencyKeyReused(key=exc.key)
    except (NotAuthorized, Forbidden, ApplicationError, IllegalTransition) as exc:
        return _refusal(exc)


def _refusal(
    exc: NotAuthorized | Forbidden | ApplicationError | IllegalTransition,
) -> AccessDenied | ApplicationRejected:
    """A refused token or change, as the typed result a client branches on."""
    if isinstance(exc, NotAuthorized):
        return AccessDenied(code="not_authorized")
    if isinstance(exc, OutOfScope):  # a Forbidden of its own: say which
        return AccessDenied(code="out_of_scope")
    if isinstance(exc, Forbidden):
        return AccessDenied(code="forbidden")
    return ApplicationRejected(code=exc.code.value, error=exc)


def _actor(token: ApiToken) -> str:
    return f"token:{token.name}"
def _office_key(office: str | None) -> str | None:
    """An office argument: its catalogue id, or its global id (`Office.id`, issue 12)."""
    return None if office is None else catalogue_key(office, NodeKind.OFFICE)


@strawberry.type
class Mutation:
    @strawberry.mutation(description="Record an accepted application (provider or operator).")
    async def register_application(
        self,
        info: Info,
        service: strawberry.ID,
        region: strawberry.ID,
        channel: Channel,
        iin: str,
        submitted_at: dt.datetime | None = None,
        office: strawberry.ID | None = None,
        number: str | None = None,
        idempotency_key: IdempotencyKeyArgument = None,
    ) -> ApplicationChangeResult:
        context = ctx(info)

        def register(session: Session, token: ApiToken) -> ApplicationRow:
            require_scope(token, str(region), str(service))
            return register_application(
                session,
                context.catalogue,
                service_id=catalogue_key(service, NodeKind.SERVICE),  # or its global id
                region_id=region,
                channel=channel,
                iin=iin,
                office_id=_office_key(office),
                number=number,
                submitted_at=submitted_at,
                actor=_actor(token),
                idempotency_key=idempotency_key,
            )

        return await _guarded(context, Permission.REGISTER_APPLICATION, register)

    @strawberry.mutation(description="Move an application to a new status; notifies its chats.")
    async def change_application_status(
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
        idempotency_key: IdempotencyKeyArgument = None,
    ) -> ApplicationChangeResult:
        context = ctx(info)

        def change(session: Session, token: ApiToken) -> ApplicationRow:
            current = get_application(session, number)
            require_scope(token, current.region_id, current.service_id)
            return change_status(
                session,
                context.catalogue,
                number,
                status,
                step=step_position,
                delivery=result_delivery,
                office_id=_office_key(office),
                reason_kk=reason_kk,
                reason_ru=reason_ru,
                actor=_actor(token),
                idempotency_key=idempotency_key,
            ).application

        return await _guarded(context, Permission.CHANGE_STATUS, change)

    @strawberry.mutation(
        description="A one-time, expiring t.me link that subscribes whichever chat opens it to "
        "this application (no IIN dialogue): for provider systems and operators to hand out."
    )
    async def create_subscription_link(self, info: Info, number: str) -> SubscriptionLinkResult:
        context = ctx(info)
        context.cacheable = False
        settings = get_settings()
        ttl = dt.timedelta(seconds=settings.subscription_link_ttl_seconds)

        def unit(session: Session) -> SubscriptionLink:
            token = authorize(session, context.token, Permission.CREATE_SUBSCRIPTION_LINK)
            if token.regions:  # a provider's token: only applications within its scope
                current = get_application(session, number)
                require_scope(token, current.region_id, current.service_id)
            issued = create_link(session, number, actor=_actor(token), ttl=ttl)
            return SubscriptionLink(
                number=issued.application.number,
                code=issued.code,
                url=None,
                expires_at=issued.expires_at,
            )

        try:
            link = await context.db.run(unit)
        except (NotAuthorized, Forbidden, ApplicationError) as exc:
            return _refusal(exc)
        username = await _link_username(settings)
        link.url = deep_link(username, link.code) if username else None
        return link


@strawberry.type
class Subscription:
    @strawberry.subscription(
        description="The application now, then again at every status change (receipt + IIN)."
    )
    async def application_status(
        self, info: Info, number: str, iin: str, proof: ProofArgument = None
    ) -> AsyncGenerator[ApplicationResult, None]:
        context = ctx(info)
        found = await lookup(context, number, iin, proof)
        app_id = found.application.id if found.found and found.application else None
        # Mark where the history stands before answering: a change made right after the
        # client sees this first answer must still be sent.
        seen = await context.db.run(lambda s: latest_change_id(s, app_id)) if app_id else None
        yield _answer(found)
        if app_id is None:
            return
        async for _change in watch_application(context.db.engine, app_id, after_change_id=seen):
            current = await context.db.run(lambda s: s.get(ApplicationRow, app_id))
            if current is not None:
                yield Application(row=current)
