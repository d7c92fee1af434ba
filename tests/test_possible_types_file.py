"""possibleTypes.json (Apollo Client's map of unions and interfaces) must match the schema."""

from __future__ import annotations

import json
from pathlib import Path

from graphql import GraphQLInterfaceType, GraphQLUnionType, build_schema

from citizen.graphql.schema import possible_types_json

ROOT = Path(__file__).resolve().parents[1]


def test_possible_types_file_matches_the_code() -> None:
    assert (ROOT / "possibleTypes.json").read_text(encoding="utf-8") == possible_types_json(), (
        "possibleTypes.json is stale: regenerate it with "
        "`citizen schema --possible-types > possibleTypes.json`"
    )


def test_possible_types_file_lists_every_abstract_type_of_schema_graphql() -> None:
    # Read from the contract itself, as a client's tooling would, not from our code.
    sdl = build_schema((ROOT / "schema.graphql").read_text(encoding="utf-8"))
    expected = {
        name: sorted(t.name for t in sdl.get_possible_types(kind))
        for name, kind in sdl.type_map.items()
        if isinstance(kind, GraphQLUnionType | GraphQLInterfaceType)
    }
    shipped = json.loads((ROOT / "possibleTypes.json").read_text(encoding="utf-8"))
    assert shipped == expected
    assert shipped["Node"] == ["Application", "LegalAct", "Office", "Regulation", "Service"]
