"""The strawberry schema with its safety limits and caches, built from the settings."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable

import strawberry
from graphql import GraphQLInterfaceType, GraphQLUnionType
from strawberry import Schema
from strawberry.extensions import (
    AddValidationRules,
    DisableIntrospection,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    ParserCache,
    QueryDepthLimiter,
    SchemaExtension,
    ValidationCache,
)

from citizen.graphql.applications import ApplicationQuery, Mutation, Subscription
from citizen.graphql.lean import make_resolvers_lean
from citizen.graphql.node import NodeQuery
from citizen.graphql.query import CatalogueQuery
from citizen.graphql.safety import BoundedDateTime, CitizenSchema, SafeErrors, tolerant
from citizen.settings import Settings


@strawberry.type(name="Query")
class Query(CatalogueQuery, NodeQuery, ApplicationQuery):
    """The catalogue for everyone; one application for its applicant."""


def build_schema(settings: Settings) -> Schema:
    # Factories: strawberry builds fresh extensions per request. The parser and validation
    # caches live at module level, so the same few queries apps send are parsed once.
    # The limit rules are built once: the validation cache keys on the rule classes, and the
    # limiters make a new class per instance, which would defeat the cache on every request.
    limit_rules = [
        *map(tolerant, QueryDepthLimiter(max_depth=settings.max_query_depth).validation_rules),
        *MaxAliasesLimiter(max_alias_count=settings.max_aliases).validation_rules,
    ]
    if not settings.introspection_on:
        limit_rules += DisableIntrospection().validation_rules
    extensions: list[Callable[[], SchemaExtension]] = [
        lambda: MaxTokensLimiter(max_token_count=settings.max_tokens),
        lambda: AddValidationRules(limit_rules),
        lambda: ParserCache(maxsize=512),
        lambda: ValidationCache(maxsize=512),
        lambda: SafeErrors(suggestions=settings.field_suggestions_on),
    ]
    schema = CitizenSchema(
        query=Query,
        mutation=Mutation,
        subscription=Subscription,
        extensions=extensions,
        scalar_overrides={dt.datetime: BoundedDateTime},
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
