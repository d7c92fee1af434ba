"""Regions and categories of the catalogue."""

from __future__ import annotations

import strawberry

from citizen.catalogue import tables as t
from citizen.graphql.types.common import text_field


@strawberry.type
class Region:
    row: strawberry.Private[t.Region]

    @strawberry.field(description="stable id, e.g. almaty-oblast")
    def id(self) -> strawberry.ID:
        return strawberry.ID(self.row.id)

    name = text_field("name", "region name")


@strawberry.type
class Category:
    row: strawberry.Private[t.Category]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return strawberry.ID(self.row.id)

    name = text_field("name", "category name")
