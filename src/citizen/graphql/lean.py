"""Lean resolvers: graphql-core calls our plain synchronous resolvers directly.

Strawberry builds the schema (types, descriptions, the SDL in `schema.graphql`) and wraps every
resolver in machinery this API does not use: per-call argument conversion into input classes,
a field-extension chain, a strawberry `Info` object. A service card resolves ~140 fields, so
that machinery was most of an uncached card's time. Our catalogue resolvers are plain
functions of the snapshot's objects, taking only enum and scalar arguments (which graphql-core
already coerces to the same Python values) and reading only `info.context`; for those, the
resolver graphql-core calls is replaced by a direct call of the same function. Async
resolvers, fields with extensions or permissions, and input-object arguments keep strawberry's
path.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

from graphql import GraphQLObjectType
from strawberry import Schema
from strawberry.types.arguments import StrawberryArgument
from strawberry.types.base import StrawberryObjectDefinition
from strawberry.types.field import StrawberryField


def make_resolvers_lean(schema: Schema) -> int:
    """Replace the resolvers that qualify; returns how many were replaced."""
    converter = schema.config.name_converter
    replaced = 0
    for graphql_type in schema._schema.type_map.values():
        if not isinstance(graphql_type, GraphQLObjectType):
            continue
        definition = graphql_type.extensions.get("strawberry-definition")
        if not isinstance(definition, StrawberryObjectDefinition):
            continue
        for field in definition.fields:
            target = graphql_type.fields.get(converter.get_graphql_name(field))
            resolver = _lean(field, converter) if target is not None else None
            if target is not None and resolver is not None:
                target.resolve = resolver
                replaced += 1
    return replaced


def _lean(field: StrawberryField, converter: Any) -> Callable[..., Any] | None:
    base = field.base_resolver
    if base is None or field.is_async or field.extensions or field.permission_classes:
        return None
    func = base.wrapped_func
    if isinstance(func, staticmethod | classmethod) or not _plain_function(func):
        return None
    if any(_takes_input_object(argument) for argument in field.arguments):
        return None
    names = {converter.get_graphql_name(a): a.python_name for a in field.arguments}
    wants_info = "info" in inspect.signature(func).parameters

    def resolve(root: Any, info: Any, **arguments: Any) -> Any:
        kwargs = {names[k]: v for k, v in arguments.items()}
        if wants_info:
            kwargs["info"] = info
        return func(root, **kwargs)

    return resolve


def _plain_function(func: Callable[..., Any]) -> bool:
    return not (inspect.iscoroutinefunction(func) or inspect.isasyncgenfunction(func))


def _takes_input_object(argument: StrawberryArgument) -> bool:
    kind: Any = argument.type
    while hasattr(kind, "of_type"):  # Optional[...] and list[...] wrappers
        kind = kind.of_type
    definition = getattr(kind, "__strawberry_definition__", None)
    return bool(definition is not None and definition.is_input)
