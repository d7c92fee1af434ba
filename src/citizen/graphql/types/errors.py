"""Expected failures as typed results: the client branches on `__typename`, not on errors."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.types import Info

from citizen.catalogue.vocabulary import Locale
from citizen.graphql.context import locale_of
from citizen.i18n import translator


@strawberry.type(description="Nothing with this id: `message` says what was not found.")
class NotFound:
    kind: str = strawberry.field(description="service | region | regulation | application")
    id: strawberry.ID
    message_id: strawberry.Private[str]
    args: strawberry.Private[dict[str, Any]]

    @strawberry.field
    def message(self, info: Info, locale: Locale | None = None) -> str:
        return translator()(locale_of(info, locale), self.message_id, **self.args)


@strawberry.type(description="An argument was not acceptable: `field` names it.")
class InvalidInput:
    field: str
    message_id: strawberry.Private[str]
    args: strawberry.Private[dict[str, Any]]

    @strawberry.field
    def message(self, info: Info, locale: Locale | None = None) -> str:
        return translator()(locale_of(info, locale), self.message_id, **self.args)


def not_found(kind: str, id_: str) -> NotFound:
    return NotFound(
        kind=kind, id=strawberry.ID(id_), message_id=f"api-{kind}-not-found", args={"id": id_}
    )


def invalid(field: str, message_id: str, **args: Any) -> InvalidInput:
    return InvalidInput(field=field, message_id=message_id, args=args)
