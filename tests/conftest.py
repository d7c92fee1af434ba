"""Shared fixtures: a real database per test (a SQLite file, and PostgreSQL when configured).

Set CITIZEN_TEST_DATABASE_URL (e.g. postgresql://postgres@127.0.0.1:5432/test) to run every
database test on PostgreSQL as well; each test then gets a schema of its own, dropped after.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine

from citizen.catalogue.loading import load_catalogue
from citizen.db import make_engine, migrate

PG_URL = os.environ.get("CITIZEN_TEST_DATABASE_URL")
BACKENDS = ["sqlite", "postgresql"]


def _pg_engine(schema: str) -> Engine:
    assert PG_URL
    admin = make_engine(PG_URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    admin.dispose()
    return make_engine(PG_URL, connect_args={"options": f"-csearch_path={schema}"})


def _drop_pg_schema(schema: str) -> None:
    admin = make_engine(PG_URL or "")
    with admin.begin() as conn:
        conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
    admin.dispose()


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL to an empty database; the SQLite file lives in the test's temporary folder."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'citizen-test.db'}"
        return
    if not PG_URL:
        pytest.skip("CITIZEN_TEST_DATABASE_URL not set: PostgreSQL run skipped")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    engine = _pg_engine(schema)
    engine.dispose()
    sep = "&" if "?" in PG_URL else "?"
    yield f"{PG_URL}{sep}options=-csearch_path%3D{schema}"
    _drop_pg_schema(schema)


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    """A migrated, empty database."""
    eng = make_engine(database_url)
    migrate(eng)
    yield eng
    eng.dispose()


@pytest.fixture
def loaded_engine(engine: Engine) -> Engine:
    """A migrated database with the shipped catalogue loaded."""
    load_catalogue(engine)
    return engine
