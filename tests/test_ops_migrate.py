"""Migrations once: `citizen migrate` as a job, safe when several processes migrate at once."""

from __future__ import annotations

import os
import subprocess
import sys

from sqlmodel import Session, func, select

from citizen.catalogue import queries
from citizen.catalogue import tables as ct
from citizen.db import make_engine, schema_revision


def _citizen(database_url: str, *args: str, **env: str) -> subprocess.Popen[str]:
    environ = {**os.environ, "CITIZEN_DATABASE_URL": database_url, **env}
    return subprocess.Popen([sys.executable, "-m", "citizen.cli", *args], env=environ,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_several_processes_migrating_one_fresh_database_all_succeed(database_url: str) -> None:
    procs = [_citizen(database_url, "migrate") for _ in range(3)]
    outcomes = [(p.wait(120), *p.communicate()) for p in procs]
    assert [code for code, _, _ in outcomes] == [0] * 3, outcomes
    engine = make_engine(database_url)
    try:
        current, head = schema_revision(engine)
        assert current == head
        with Session(engine) as session:
            assert queries.catalogue_version(session)  # loaded, and once: ids are unique keys
            assert session.exec(select(func.count()).select_from(ct.Service)).one() > 10
    finally:
        engine.dispose()


def test_without_migrate_on_start_an_old_schema_is_refused_until_migrated(
    database_url: str,
) -> None:
    refused = _citizen(database_url, "tokens", "list", CITIZEN_MIGRATE_ON_START="false")
    _, err = refused.communicate(timeout=60)
    assert refused.returncode == 2 and "citizen migrate" in err
    migrated = _citizen(database_url, "migrate")
    assert migrated.wait(60) == 0
    listed = _citizen(database_url, "tokens", "list", CITIZEN_MIGRATE_ON_START="false")
    out, err = listed.communicate(timeout=60)
    assert listed.returncode == 0 and "no tokens" in out, err
