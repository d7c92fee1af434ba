"""`node(id:)` and `nodes(ids:)`: any object with a global id, fetched again (Relay).

Catalogue objects (services, regulations, offices, legal acts) come from the request's
catalogue snapshot: plain synchronous code, which `lean.py` lets graphql-core call directly.

An application is personal. Its global id names it but proves nothing, so `node` answers
with an application only when the same proof as a lookup comes with the id: the receipt number
and the IIN (`number:`, `iin:`), checked, throttled and counted exactly like
`application(number:, iin:)`. Only then does the resolver return an awaitable (graphql-core
awaits it); without proof it answers null and an error, and reads nothing.

Failures follow Relay's convention for `node`: an id of nothing answers null; a malformed id,
a missing or wrong proof answer null and a GraphQL error whose `extensions.code` says why, with
a message in the request's language.
"""

from __future__ import annotations

from collections.abc import Awaitable
from typing import Annotated, Any

import strawberry
from graphql import GraphQLError
from strawberry.types import Info

from citizen.applications.lookup import Lookup
from citizen.applications.messages import lookup_text
from citizen.catalogue.snapshot import CatalogueSnapshot
from citizen.graphql.applications import lookup
from citizen.graphql.context import Context, ctx
from citizen.graphql.global_ids import NodeKind, application_key, from_global_id
from citizen.graphql.types.application import Application
from citizen.graphql.types.legal_act import LegalAct
from citizen.graphql.types.node import Node
from citizen.graphql.types.office import Office
from citizen.graphql.types.regulation import Regulation
from citizen.graphql.types.service import Service
from citizen.i18n import translator

Found = Node | GraphQLError | None  # a GraphQLError in a list becomes null plus that error


class Code:
    """`extensions.code` of the errors `node` and `nodes` answer with."""

    INVALID_ID = "INVALID_ID"  # not a global id of this API
    PROOF_REQUIRED = "APPLICATION_PROOF_REQUIRED"  # an application id without number + IIN
    LOOKUP_FAILED = "APPLICATION_LOOKUP_FAILED"  # the proof did not hold (extensions.reason)
    OTHER_APPLICATION = "APPLICATION_ID_MISMATCH"  # the proof is of another application
    IIN_OVER_GET = "IIN_OVER_GET"  # an IIN in a URL: refused, the request must be a POST
    TOO_MANY_IDS = "TOO_MANY_IDS"


NumberArgument = Annotated[
    str | None,
    strawberry.argument(description="for an application id: its receipt number (the proof)"),
]
IinArgument = Annotated[
    str | None,
    strawberry.argument(
        description="for an application id: the applicant's IIN (the proof). POST only: a "
        "GET carrying it is refused, because URLs are kept in logs"
    ),
]


def _error(context: Context, code: str, message_id: str, **args: Any) -> GraphQLError:
    message = translator()(context.locale, message_id, **args)
    return GraphQLError(message, extensions={"code": code, **args})


def catalogue_node(catalogue: CatalogueSnapshot, kind: NodeKind, key: str) -> Node | None:
    """The catalogue object a global id names, if this catalogue version has it."""
    if kind is NodeKind.SERVICE:
        service = catalogue.service(key)
        return Service(obj=service) if service else None
    if kind is NodeKind.REGULATION:
        service_id, _, region_id = key.partition("/")
        regulation = catalogue.regulation(service_id, region_id)
        return Regulation(obj=regulation) if regulation else None
    if kind is NodeKind.OFFICE:
        office = catalogue.office(key)
        return Office(obj=office) if office else None
    if kind is NodeKind.LEGAL_ACT:
        act = catalogue.act(key)
        return LegalAct(obj=act) if act else None
    return None


class _Proof:
    """The receipt number and IIN sent with application ids; looked up once per request."""

    def __init__(self, context: Context, number: str | None, iin: str | None):
        self.context, self.number, self.iin = context, number, iin
        self._lookup: Lookup | None = None

    @property
    def given(self) -> bool:
        return self.number is not None and self.iin is not None

    def refusal(self) -> GraphQLError | None:
        """Why application ids cannot be answered at all in this request, if they cannot."""
        if self.iin is not None and self.context.via_get:
            return _error(self.context, Code.IIN_OVER_GET, "node-iin-over-get")
        if not self.given:
            return _error(self.context, Code.PROOF_REQUIRED, "node-application-proof-required")
        return None

    async def application(self, key: str) -> Application | GraphQLError:
        if self._lookup is None:
            assert self.number is not None and self.iin is not None
            self._lookup = await lookup(self.context, self.number, self.iin)
        found = self._lookup
        if not found.found or found.application is None:
            return self._failed(found)
        if application_key(found.application.number) != key:
            return _error(self.context, Code.OTHER_APPLICATION, "node-application-other")
        return Application(row=found.application)

    def _failed(self, found: Lookup) -> GraphQLError:
        extensions: dict[str, Any] = {"code": Code.LOOKUP_FAILED, "reason": found.outcome.name}
        if found.retry_after is not None:
            extensions["retryAfter"] = found.retry_after
        return GraphQLError(lookup_text(found, self.context.locale), extensions=extensions)


def _personal(context: Context, number: str | None, iin: str | None) -> None:
    # A request with lookup proof is about one person: never cached, by us or by anyone.
    if number is not None or iin is not None:
        context.cacheable = False


def _resolve(context: Context, proof: _Proof, global_id: str) -> Found | Awaitable[Found]:
    parsed = from_global_id(global_id)
    if parsed is None:
        return _error(context, Code.INVALID_ID, "node-invalid-id")
    kind, key = parsed
    if kind is not NodeKind.APPLICATION:
        return catalogue_node(context.catalogue, kind, key)
    return proof.refusal() or proof.application(key)


async def _settled(items: list[Found | Awaitable[Found]]) -> list[Found]:
    return [await item if isinstance(item, Awaitable) else item for item in items]


def _raise_or_return(found: Found) -> Node | None:
    if isinstance(found, GraphQLError):
        raise found
    return found


async def _awaited(pending: Awaitable[Found]) -> Node | None:
    return _raise_or_return(await pending)


@strawberry.type
class NodeQuery:
    @strawberry.field(
        graphql_type=Node | None,
        description="The object with this global id (Relay). Null when nothing has it. An "
        "application answers only with its receipt number and IIN (`number`, `iin`, by POST); "
        "without them, or when they do not hold, null and an error whose `extensions.code` is "
        "APPLICATION_PROOF_REQUIRED, APPLICATION_LOOKUP_FAILED (with `reason`, `retryAfter`), "
        "APPLICATION_ID_MISMATCH or IIN_OVER_GET. A malformed id: INVALID_ID.",
    )
    def node(
        self,
        info: Info,
        id: strawberry.ID,
        number: NumberArgument = None,
        iin: IinArgument = None,
    ) -> Node | Awaitable[Node | None] | None:
        context = ctx(info)
        _personal(context, number, iin)
        found = _resolve(context, _Proof(context, number, iin), id)
        if isinstance(found, Awaitable):
            return _awaited(found)  # an application: the lookup runs off the event loop
        return _raise_or_return(found)

    @strawberry.field(
        graphql_type=list[Node | None],
        description="The objects with these global ids, in order; each as `node(id:)` answers "
        "it (null, with an error at its index when it fails). One receipt number and IIN "
        "prove at most one application. At most CITIZEN_MAX_PAGE_SIZE ids.",
    )
    def nodes(
        self,
        info: Info,
        ids: list[strawberry.ID],
        number: NumberArgument = None,
        iin: IinArgument = None,
    ) -> list[Found] | Awaitable[list[Found]]:
        context = ctx(info)
        if len(ids) > context.max_page:
            raise _error(context, Code.TOO_MANY_IDS, "node-too-many-ids", max=context.max_page)
        _personal(context, number, iin)
        proof = _Proof(context, number, iin)
        items = [_resolve(context, proof, global_id) for global_id in ids]
        settled = [item for item in items if not isinstance(item, Awaitable)]
        return settled if len(settled) == len(items) else _settled(items)
