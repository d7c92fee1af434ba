"""Regions and categories of the catalogue."""

from __future__ import annotations

import strawberry

from citizen.catalogue import model as m
from citizen.graphql.types.common import text_field


@strawberry.type
class Region:
    obj: strawberry.Private[m.Region]

    @strawberry.field(description="stable id, e.g. almaty-oblast")
    def id(self) -> strawberry.ID:
        return strawberry.ID(self.obj.id)

    name = text_field("name", "region name")


@strawberry.type
class Category:
    obj: strawberry.Private[m.Category]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return strawberry.ID(self.obj.id)

    name = text_field("name", "category name")
