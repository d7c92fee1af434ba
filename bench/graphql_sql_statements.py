"""SQL statements per GraphQL request: a list of 10 services against a list of 1,000.

Builds two synthetic catalogues (the shipped one plus 10, or 1,000, clones of its regulated
services under new ids, marked synthetic) on SQLite files, runs the same list query over the
first 10 or 1,000 services of each, and counts the statements the database received while
the request ran. Catalogue answers come from the in-memory snapshot, so the count is 0
whatever the number of services; the snapshot itself is built once per catalogue version
(its statements are counted apart).

    .venv/bin/python bench/graphql_sql_statements.py
"""

from __future__ import annotations

import asyncio
import shutil
import tempfile
from pathlib import Path

import yaml
from sqlalchemy import event

from citizen.catalogue.live import snapshot_of
from citizen.catalogue.loading import load_catalogue
from citizen.catalogue.reading import default_data_dir
from citizen.catalogue.vocabulary import Locale
from citizen.db import Database, make_engine, migrate
from citizen.graphql.context import Context
from citizen.graphql.schema import build_schema
from citizen.settings import Settings

LIST_QUERY = """
query List($first: Int!) {
  services(first: $first) { totalCount edges { node {
    id name category { name } cost { label } standard { number statusLabel }
    documents { knowledge statement items { name } }
    regulations {
      region { name } act { number statusLabel }
      channels { channel acceptsApplications } steps { position duration { text } }
      totalTerm { text } offices { address example }
    }
  } } }
}
"""


def synthetic_catalogue(target: Path, services: int) -> None:
    """The shipped data plus `services` clones of its regulated services under new ids."""
    shutil.copytree(default_data_dir(), target)
    originals = []
    for path in sorted((target / "services").glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        if doc.get("regulations"):
            originals.append(doc)
    for i in range(services):
        doc = dict(originals[i % len(originals)])
        doc["id"] = f"synthetic-{i:04d}"
        doc["name"] = {k: f"{v} (synthetic {i})" for k, v in doc["name"].items()}
        (target / "services" / f"{doc['id']}.yaml").write_text(
            yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8"
        )



def count_statements(size: int, tmp: Path) -> tuple[int, int, int]:
    data = tmp / f"data-{size}"
    synthetic_catalogue(data, size)
    engine = make_engine(f"sqlite:///{tmp / f'bench-{size}.db'}")
    migrate(engine)
    load_catalogue(engine, data)
    settings = Settings(max_page_size=size)
    schema = build_schema(settings)
    statements = 0

    def count(*_: object) -> None:
        nonlocal statements
        statements += 1

    event.listen(engine, "before_cursor_execute", count)
    snapshot = snapshot_of(engine)
    building, statements = statements, 0
    db = Database(engine)
    context = Context(catalogue=snapshot, db=db, locale=Locale.RU, max_page=size)
    result = asyncio.run(
        schema.execute(LIST_QUERY, variable_values={"first": size}, context_value=context)
    )
    db.close()
    assert not result.errors, result.errors
    assert result.data is not None
    listed = len(result.data["services"]["edges"])
    return listed, statements, building


def main() -> None:
    tmp = Path(tempfile.mkdtemp(prefix="citizen-sql-"))
    try:
        rows = [count_statements(size, tmp) for size in (10, 1000)]
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    for listed, statements, building in rows:
        print(f"services listed: {listed:5d}   SQL statements in the request: {statements}"
              f"   (building the snapshot, once per version: {building})")
    print("equal" if rows[0][1] == rows[1][1] else "NOT equal: a resolver queries per row")


if __name__ == "__main__":
    main()
