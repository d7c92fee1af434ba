"""`catalogue load` at scale (issue 8, item 4): the C YAML parser, unchanged files skipped
before parsing, a number of statements that does not grow with the catalogue, and the command's
own statement timeout and data directory."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy import event, text
from sqlalchemy.engine import Engine
from sqlmodel import Session

from citizen.catalogue import loading, reading, tables
from citizen.catalogue.loading import load_catalogue
from citizen.catalogue.reading import (
    CatalogueData,
    CatalogueInvalid,
    data_version,
    default_data_dir,
    read_catalogue,
)
from citizen.cli import main
from citizen.settings import get_settings


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(default_data_dir(), target)
    return target


@pytest.fixture
def env_database(monkeypatch: pytest.MonkeyPatch, database_url: str) -> Iterator[str]:
    monkeypatch.setenv("CITIZEN_DATABASE_URL", database_url)
    get_settings.cache_clear()
    yield database_url
    get_settings.cache_clear()


def test_the_c_parser_reads_and_dates_stay_text_for_the_models() -> None:
    if yaml.__with_libyaml__:
        assert issubclass(reading._Loader, yaml.CSafeLoader)
    # The models parse dates, so that 2025-02-30 is a problem with a field path, not a crash.
    assert yaml.load("day: 2025-02-30\nn: 3\nok: true", Loader=reading._Loader) == {
        "day": "2025-02-30", "n": 3, "ok": True,
    }


def test_without_libyaml_the_pure_python_parser_reads_the_same() -> None:
    script = (
        "import sys\n"
        "sys.modules['yaml._yaml'] = None  # as if PyYAML were built without libyaml\n"
        "import yaml\n"
        "from citizen.catalogue import reading\n"
        "assert not yaml.__with_libyaml__ and reading._Loader.__mro__[1] is yaml.SafeLoader\n"
        "from tests.test_loading_bulk import fingerprint\n"
        "print(fingerprint(reading.read_catalogue()))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == fingerprint(read_catalogue())


def fingerprint(data: CatalogueData) -> str:
    """A digest of everything read, as the models hold it."""
    parts = [data.reference, *data.acts, *data.services, data.offices, data.calendar]
    return hashlib.sha256("".join(p.model_dump_json() for p in parts).encode()).hexdigest()


def test_the_version_from_bytes_is_the_version_read(data_copy: Path) -> None:
    assert data_version(data_copy) == read_catalogue(data_copy).version
    (data_copy / "calendar.yaml").unlink()
    assert data_version(data_copy) is None


def test_unchanged_files_are_not_even_parsed(
    loaded_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = read_catalogue()

    def must_not_parse(*_: Any) -> None:
        raise AssertionError("an unchanged reload parsed the files")

    monkeypatch.setattr(loading, "read_catalogue", must_not_parse)
    report = load_catalogue(loaded_engine)
    assert not report.changed
    assert report.version == data.version
    assert report.services == len(data.services)
    assert report.regulations == sum(len(s.regulations) for s in data.services)


def test_one_changed_byte_loads_again(loaded_engine: Engine, data_copy: Path) -> None:
    service = data_copy / "services" / "preschool-queue.yaml"
    service.write_text(service.read_text(encoding="utf-8") + "# reviewed again\n", "utf-8")
    report = load_catalogue(loaded_engine, data_copy)
    assert report.changed and report.version == read_catalogue(data_copy).version
    with Session(loaded_engine) as session:
        meta = session.get(tables.CatalogueMeta, 1)
        assert meta is not None and meta.version == report.version


def test_a_missing_file_is_reported_not_skipped(loaded_engine: Engine, data_copy: Path) -> None:
    (data_copy / "reference.yaml").unlink()
    with pytest.raises(CatalogueInvalid) as info:
        load_catalogue(loaded_engine, data_copy)
    assert [(p.file, p.reason) for p in info.value.problems] == [
        ("reference.yaml", "file is missing")
    ]


def _more_services(data_dir: Path, count: int) -> None:
    """`count` more services: copies of a shipped one under new ids."""
    source = data_dir / "services" / "preschool-queue.yaml"
    doc = yaml.load(source.read_text(encoding="utf-8"), Loader=reading._Loader)
    for n in range(count):
        doc["id"] = f"preschool-queue-copy-{n}"
        target = data_dir / "services" / f"{doc['id']}.yaml"
        target.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")


def _statements(engine: Engine, data_dir: Path | None) -> int:
    seen: list[str] = []

    def count(conn: Any, cursor: Any, statement: str, *_: Any) -> None:
        seen.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        assert load_catalogue(engine, data_dir).changed
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return len(seen)


def test_the_statements_do_not_grow_with_the_catalogue(engine: Engine, data_copy: Path) -> None:
    shipped = _statements(engine, None)
    _more_services(data_copy, 25)
    larger = _statements(engine, data_copy)
    with Session(engine) as session:
        stored = session.exec(text("SELECT count(*) FROM service")).one()  # type: ignore[call-overload]
    assert stored[0] == len(read_catalogue().services) + 25
    # A statement per table (and a few reads), however many services: never one per row.
    assert larger == shipped
    assert shipped < 40


def test_the_cli_load_has_a_generous_statement_timeout(
    env_database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not env_database.startswith("postgresql"):
        pytest.skip("a statement timeout is PostgreSQL's (SQLite has none)")
    monkeypatch.setenv("CITIZEN_DB_STATEMENT_TIMEOUT", "1")  # the servers' limit: one second
    get_settings.cache_clear()
    seen: list[str] = []
    real = loading.load_catalogue

    def watched(engine: Engine, *args: Any, **kwargs: Any) -> loading.LoadReport:
        with engine.connect() as conn:
            seen.append(str(conn.execute(text("SHOW statement_timeout")).scalar()))
        return real(engine, *args, **kwargs)

    monkeypatch.setattr(loading, "load_catalogue", watched)
    assert main(["catalogue", "load"]) == 0
    assert seen == ["10min"]


def test_the_cli_load_reads_citizen_catalogue_dir(
    env_database: str, data_copy: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _more_services(data_copy, 1)
    monkeypatch.setenv("CITIZEN_CATALOGUE_DIR", str(data_copy))
    get_settings.cache_clear()
    assert main(["catalogue", "load"]) == 0
    services = len(read_catalogue(data_copy).services)
    assert f"catalogue loaded: {services} services" in capsys.readouterr().out
    assert main(["catalogue", "load"]) == 0
    assert "already loaded, nothing changed" in capsys.readouterr().out


def test_check_and_stale_read_citizen_catalogue_dir(
    data_copy: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _more_services(data_copy, 1)
    monkeypatch.setenv("CITIZEN_CATALOGUE_DIR", str(data_copy))
    get_settings.cache_clear()
    services = len(read_catalogue(data_copy).services)
    assert main(["catalogue", "check"]) == 0
    assert f"catalogue ok: {services} services" in capsys.readouterr().out
    copy = data_copy / "services" / "preschool-queue-copy-0.yaml"
    doc = yaml.load(copy.read_text(encoding="utf-8"), Loader=reading._Loader)
    doc["current"]["checked_on"] = "2020-01-01"  # only the copy, only in CITIZEN_CATALOGUE_DIR
    copy.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    assert main(["catalogue", "stale", "--older-than", "180d"]) == 0
    assert capsys.readouterr().out == "preschool-queue-copy-0\t2020-01-01\n"
    get_settings.cache_clear()
