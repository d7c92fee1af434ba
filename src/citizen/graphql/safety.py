"""What GraphQL errors may say, and what is logged about them.

- Our own failures (a bug, an outage) are masked: the client reads "Internal error" with the
  request id, code `INTERNAL_SERVER_ERROR`; the log has the traceback under the same id. A
  busy or unreachable database is `SERVICE_UNAVAILABLE` with `retryAfter` (the HTTP layer
  answers 503). The client's own mistakes (syntax, validation) are shown as they are.
- "Did you mean …" suggestions name fields and enum values: with introspection off they would
  leak the schema piece by piece, so in production they are cut from every message.
- Strawberry logs every error with the line of the document it points at, which may hold an
  IIN; here only our own failures are logged, and every handler redacts IIN-shaped numbers.
- A `DateTime` is accepted for years 1900 to 2200 only: year 1 or 9999 overflows time-zone
  and calendar arithmetic, and is no moment an application was or will be submitted.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Iterator
from typing import Any

import dateutil.parser
from graphql import ExecutionResult as GraphQLExecutionResult
from graphql.error import GraphQLError
from graphql.validation import ASTValidationRule, ValidationContext
from strawberry import Schema
from strawberry.extensions import SchemaExtension
from strawberry.schema.types.base_scalars import wrap_parser
from strawberry.types.execution import ExecutionContext
from strawberry.types.execution import ExecutionResult as StrawberryExecutionResult
from strawberry.types.scalar import ScalarDefinition

from citizen import logs
from citizen.db import DatabaseUnavailable, is_unavailable

log = logging.getLogger("citizen.graphql")

INTERNAL = "INTERNAL_SERVER_ERROR"
UNAVAILABLE = "SERVICE_UNAVAILABLE"
YEARS = (1900, 2200)
_SUGGESTION = re.compile(r"\s*Did you mean [^?]*\?")


def is_ours(error: GraphQLError) -> bool:
    """An error raised by our code (bug, outage), not a GraphQL error about the request."""
    original = error.original_error
    return original is not None and not isinstance(original, GraphQLError)


class CitizenSchema(Schema):
    """Logs our own failures once, with the request id; never the client's mistakes."""

    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        for error in errors:
            original = error.original_error
            if not is_ours(error) or original is None:
                continue
            ids = {"request_id": logs.request_id.get()}
            if is_unavailable(original):
                log.warning("database unavailable during %s: %s", error.path,
                            type(original).__name__, extra=ids)
            else:
                log.error("internal error at %s", error.path, exc_info=original, extra=ids)


class SafeErrors(SchemaExtension):
    """Masks our own failures and (unless `suggestions`) cuts "Did you mean …" out of messages."""

    def __init__(self, suggestions: bool):
        self.suggestions = suggestions

    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        if isinstance(result, GraphQLExecutionResult | StrawberryExecutionResult) and result.errors:
            result.errors = [self._safe(e) for e in result.errors]

    def _safe(self, error: GraphQLError) -> GraphQLError:
        if is_ours(error):
            return masked(error)
        if not self.suggestions and "Did you mean" in error.message:
            return GraphQLError(
                _SUGGESTION.sub("", error.message),
                nodes=error.nodes,
                source=error.source,
                positions=error.positions,
                path=error.path,
                extensions=error.extensions,
            )
        return error


def masked(error: GraphQLError) -> GraphQLError:
    original = error.original_error
    rid = logs.request_id.get()
    extensions: dict[str, Any]
    if original is not None and is_unavailable(original):
        retry = original.retry_after if isinstance(original, DatabaseUnavailable) else 2
        message = "The database is busy or unreachable; try again shortly."
        extensions = {"code": UNAVAILABLE, "retryAfter": retry, "requestId": rid}
    else:
        message = f"Internal error (request {rid})." if rid else "Internal error."
        extensions = {"code": INTERNAL, "requestId": rid}
    return GraphQLError(
        message,
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        extensions=extensions,
    )


def tolerant(rule: type[ASTValidationRule]) -> type[ASTValidationRule]:
    """`rule`, except that it gives up quietly on a document it cannot measure.

    Strawberry's depth limiter walks the document in its constructor and fails with a KeyError
    on an unknown fragment (`{ ...F }`) or a ValueError on an empty selection; graphql-core's
    own rules, run in the same pass, already tell the client what is wrong with such a document.
    """

    class Tolerant(rule):  # type: ignore[valid-type,misc]
        def __init__(self, context: ValidationContext) -> None:
            try:
                super().__init__(context)
            except (KeyError, ValueError, RecursionError):
                ASTValidationRule.__init__(self, context)

    Tolerant.__name__ = f"Tolerant{rule.__name__}"
    return Tolerant


def _bounded_datetime(text: str) -> dt.datetime:
    moment = dateutil.parser.isoparse(text)
    if not YEARS[0] <= moment.year <= YEARS[1]:
        raise ValueError(f"the year must be between {YEARS[0]} and {YEARS[1]}")
    return moment


BoundedDateTime = ScalarDefinition(
    name="DateTime",
    description="Date with time (isoformat)",
    specified_by_url=None,
    serialize=lambda value: value.isoformat(),
    parse_value=wrap_parser(_bounded_datetime, "DateTime", (ValueError, OverflowError)),
    parse_literal=None,
    origin=dt.datetime,
)
