"""Application tracking over GraphQL: the citizen's lookup, operators' mutations, live updates.

Resolvers are thin: each calls one core function of `citizen.applications` in its own unit of
work and wraps the outcome in a typed result.
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
    register_application,
    watch_application,
)
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
from citizen.catalogue.vocabulary import Channel
from citizen.graphql.context import Context, ctx
from citizen.graphql.types.application import (
    AccessDenied,
    Application,
    ApplicationLookupFailed,
    ApplicationRejected,
)

ApplicationResult = Annotated[
    Application | ApplicationLookupFailed, strawberry.union("ApplicationResult")
]
ApplicationChangeResult = Annotated[
    Application | ApplicationRejected | AccessDenied, strawberry.union("ApplicationChangeResult")
]

ProofArgument = Annotated[
    str | None,
    strawberry.argument(
        description="`<challenge>:<nonce>` answering a PROOF_REQUIRED lookup (see the README)"
    ),
]
Change = Callable[[Session, ApiToken], ApplicationRow]


def lookup(context: Context, number: str, iin: str, proof: str | None = None) -> Lookup:
    """The citizen's lookup; a caller with a live API token is counted per token, not per IP."""

    def unit(session: Session) -> Lookup:
        token = verify_token(session, context.token) if context.token else None
        client = f"token:{token.id}" if token is not None else context.client
        return find_application(session, number, iin, client, proof=proof)

    # Failed attempts are counted in the database: the lookup is a write, committed here.
    return context.write(unit)


def _answer(found: Lookup) -> Application | ApplicationLookupFailed:
    if found.found and found.application is not None:
        return Application(row=found.application)
    return ApplicationLookupFailed(lookup=found)


@strawberry.type
class ApplicationQuery:
    @strawberry.field(description="One application, for its applicant: receipt number + IIN.")
    def application(
        self, info: Info, number: str, iin: str, proof: ProofArgument = None
    ) -> ApplicationResult:
        context = ctx(info)
        context.cacheable = False
        return _answer(lookup(context, number, iin, proof))


def _guarded(context: Context, permission: Permission, change: Change) -> ApplicationChangeResult:
    """Authorise the token and run `change(session, token)` in one transaction.

    `change` checks the token's scope (`require_scope`) before it writes anything.
    """

    def unit(session: Session) -> Application:
        return Application(row=change(session, authorize(session, context.token, permission)))

    try:
        return context.write(unit)
    except NotAuthorized:
        return AccessDenied(code="not_authorized")
    except OutOfScope:
        return AccessDenied(code="out_of_scope")
    except Forbidden:
        return AccessDenied(code="forbidden")
    except (ApplicationError, IllegalTransition) as exc:
        return ApplicationRejected(code=exc.code.value, error=exc)


def _actor(token: ApiToken) -> str:
    return f"token:{token.name}"


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

        def register(session: Session, token: ApiToken) -> ApplicationRow:
            require_scope(token, str(region), str(service))
            return register_application(
                session,
                service_id=service,
                region_id=region,
                channel=channel,
                iin=iin,
                office_id=office,
                number=number,
                submitted_at=submitted_at,
                actor=_actor(token),
            )

        return _guarded(ctx(info), Permission.REGISTER_APPLICATION, register)

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

        def change(session: Session, token: ApiToken) -> ApplicationRow:
            current = get_application(session, number)
            require_scope(token, current.region_id, current.service_id)
            return change_status(
                session,
                number,
                status,
                step_position=step,
                delivery=result_delivery,
                office_id=office,
                reason_kk=reason_kk,
                reason_ru=reason_ru,
                actor=_actor(token),
            ).application

        return _guarded(ctx(info), Permission.CHANGE_STATUS, change)


@strawberry.type
class Subscription:
    @strawberry.subscription(
        description="The application now, then again at every status change (receipt + IIN)."
    )
    async def application_status(
        self, info: Info, number: str, iin: str, proof: ProofArgument = None
    ) -> AsyncGenerator[ApplicationResult, None]:
        context = ctx(info)
        found = lookup(context, number, iin, proof)
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
