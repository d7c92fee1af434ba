"""schema.graphql in the repository is the public contract: it must match the code."""

from __future__ import annotations

from pathlib import Path

from citizen.graphql.schema import schema_sdl

SCHEMA_FILE = Path(__file__).resolve().parents[1] / "schema.graphql"


def test_schema_file_matches_the_code() -> None:
    expected = schema_sdl()
    assert SCHEMA_FILE.read_text(encoding="utf-8") == expected, (
        "schema.graphql is stale: regenerate it with `citizen schema > schema.graphql` "
        "and review the diff as an API change"
    )
