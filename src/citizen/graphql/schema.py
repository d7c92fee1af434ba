"""The strawberry schema with its safety limits and caches, built from the settings."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import strawberry
from graphql import GraphQLError, GraphQLInterfaceType, GraphQLUnionType
from strawberry import Schema
from strawberry.extensions import (
    AddValidationRules,
    DisableIntrospection,
    MaskErrors,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    ParserCache,
    QueryDepthLimiter,
    SchemaExtension,
    ValidationCache,
)

from citizen.db import DatabaseUnavailable
from citizen.graphql.applications import ApplicationQuery, Mutation, Subscription
from citizen.graphql.lean import make_resolvers_lean
from citizen.graphql.node import NodeQuery
from citizen.graphql.query import CatalogueQuery
from citizen.settings import Settings


def _unexpected(error: GraphQLError) -> bool:
    """Mask errors raised by our code (bugs); keep the client's own mistakes visible.

    A busy or unreachable database is not masked: the HTTP endpoint turns it into a 503 with
    Retry-After, and its message says only "try again shortly".
    """
    original = error.original_error
    expected = isinstance(original, GraphQLError | DatabaseUnavailable)
    return original is not None and not expected


class _Schema(Schema):
    def process_errors(self, errors: list[GraphQLError], execution_context: Any = None) -> None:
        """Log what went wrong, but not the errors a resolver raises as its answer.

        `node(id:)` answers an application id or a malformed id with an error (Relay's
        convention for a nullable `node`), and strawberry logs every error with the document
        lines around it, which may hold an IIN (`application(iin: "…")` beside it). Those
        answers are about the client's request, not our failures: not ours to log.
        """
        ours = [e for e in errors if not isinstance(e.original_error, GraphQLError)]
        super().process_errors(ours, execution_context)


@strawberry.type(name="Query")
class Query(CatalogueQuery, NodeQuery, ApplicationQuery):
    """The catalogue for everyone; one application for its applicant."""


def build_schema(settings: Settings) -> Schema:
    # Factories: strawberry builds fresh extensions per request. The parser and validation
    # caches live at module level, so the same few queries apps send are parsed once.
    # The limit rules are built once: the validation cache keys on the rule classes, and the
    # limiters make a new class per instance, which would defeat the cache on every request.
    limit_rules = [
        *QueryDepthLimiter(max_depth=settings.max_query_depth).validation_rules,
        *MaxAliasesLimiter(max_alias_count=settings.max_aliases).validation_rules,
    ]
    if not settings.introspection:
        limit_rules += DisableIntrospection().validation_rules
    extensions: list[Callable[[], SchemaExtension]] = [
        lambda: MaxTokensLimiter(max_token_count=settings.max_tokens),
        lambda: AddValidationRules(limit_rules),
        lambda: ParserCache(maxsize=512),
        lambda: ValidationCache(maxsize=512),
        lambda: MaskErrors(should_mask_error=_unexpected, error_message="Internal error."),
    ]
    schema = _Schema(
        query=Query, mutation=Mutation, subscription=Subscription, extensions=extensions
    )
    make_resolvers_lean(schema)
    return schema


def schema_sdl(settings: Settings | None = None) -> str:
    """The schema in SDL, as kept in `schema.graphql` at the top of the repository."""
    return build_schema(settings or Settings()).as_str() + "\n"


def possible_types(schema: Schema) -> dict[str, list[str]]:
    """Every union and interface with the object types it may be: Apollo Client's
    `possibleTypes`, which its cache needs to match fragments on abstract types."""
    graphql_schema = schema._schema
    return {
        name: sorted(member.name for member in graphql_schema.get_possible_types(kind))
        for name, kind in sorted(graphql_schema.type_map.items())
        if isinstance(kind, GraphQLUnionType | GraphQLInterfaceType)
    }


def possible_types_json(settings: Settings | None = None) -> str:
    """`possibleTypes.json` at the top of the repository."""
    return json.dumps(possible_types(build_schema(settings or Settings())), indent=2) + "\n"
