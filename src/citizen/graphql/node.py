"""`node(id:)` and `nodes(ids:)`: any object with a global id, fetched again (Relay).

Catalogue objects (services, regulations, offices, legal acts) come from the request's
catalogue snapshot: plain synchronous code, which `lean.py` lets graphql-core call directly.

An application is personal: its global id names it but proves nothing, so `node` never answers
with one. Its applicant reads it with the lookup proof through `application(number:, iin:)`,
which answers the same object with the same `id` (normalised caches update one record). The
proof cannot be arguments of `node`: Relay's compiler accepts only `node(id: ID!): Node` and
refuses `@refetchable` on every type otherwise.

Failures follow Relay's convention for `node`: an id of nothing answers null; a malformed id or
an application id answers null and a GraphQL error whose `extensions.code` says why
(INVALID_ID, APPLICATION_PROOF_REQUIRED), with a message in the request's language.
"""

from __future__ import annotations

from typing import Any

import strawberry
from graphql import GraphQLError
from strawberry.types import Info

from citizen.catalogue.snapshot import CatalogueSnapshot
from citizen.graphql.context import Context, ctx
from citizen.graphql.global_ids import NodeKind, from_global_id
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
    PROOF_REQUIRED = "APPLICATION_PROOF_REQUIRED"  # read it with application(number:, iin:)
    TOO_MANY_IDS = "TOO_MANY_IDS"


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


def _find(context: Context, global_id: str) -> Found:
    parsed = from_global_id(global_id)
    if parsed is None:
        return _error(context, Code.INVALID_ID, "node-invalid-id")
    kind, key = parsed
    if kind is NodeKind.APPLICATION:
        # Not even looked up: whether an application has this id is the applicant's business.
        return _error(context, Code.PROOF_REQUIRED, "node-application-proof-required")
    return catalogue_node(context.catalogue, kind, key)


@strawberry.type
class NodeQuery:
    @strawberry.field(
        description="The object with this global id (Relay), or null when nothing has it. A "
        "malformed id: null and an error with extensions.code INVALID_ID. An application id: "
        "null and APPLICATION_PROOF_REQUIRED, always; its applicant reads it with "
        "`application(number:, iin:)` (by POST), which answers it with this same id."
    )
    def node(self, info: Info, id: strawberry.ID) -> Node | None:
        found = _find(ctx(info), id)
        if isinstance(found, GraphQLError):
            raise found
        return found

    @strawberry.field(
        graphql_type=list[Node | None],
        description="The objects with these global ids, in order, each as `node(id:)` "
        "answers it: null with an error at its index when that one fails. At most "
        "CITIZEN_MAX_PAGE_SIZE ids (else TOO_MANY_IDS).",
    )
    def nodes(self, info: Info, ids: list[strawberry.ID]) -> list[Found]:
        context = ctx(info)
        if len(ids) > context.max_page:
            raise _error(context, Code.TOO_MANY_IDS, "node-too-many-ids", max=context.max_page)
        return [_find(context, global_id) for global_id in ids]
