"""The Relay `Node` interface: an object that `node(id:)` can fetch again by its global id."""

from __future__ import annotations

import strawberry

GLOBAL_ID = (
    "opaque global id (Relay): fetch the object again with `node(id:)`; the arguments that "
    "take this object's catalogue id take this id too"
)


@strawberry.interface(
    description="An object with an opaque global id. `node(id:)` / `nodes(ids:)` fetch a "
    "Service, Regulation, Office or LegalAct again; an Application only through "
    "`application(number:, iin:)`, with the applicant's proof."
)
class Node:
    @strawberry.field(description=GLOBAL_ID)
    def id(self) -> strawberry.ID:
        raise NotImplementedError  # every implementing type has its own
