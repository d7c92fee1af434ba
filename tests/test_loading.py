"""The loader: problems reported with file, path and reason; all-or-nothing; idempotent."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from sqlalchemy.engine import Engine
from sqlmodel import Session, func, select

from citizen.catalogue import loading, tables
from citizen.catalogue.export import export_catalogue
from citizen.catalogue.live import snapshot_of
from citizen.catalogue.loading import ensure_loaded, load_catalogue
from citizen.catalogue.reading import CatalogueInvalid, default_data_dir, read_catalogue
from citizen.cli import main


def export(engine: Engine) -> dict:
    return export_catalogue(snapshot_of(engine))


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(default_data_dir(), target)
    return target


def first_service_file(data_dir: Path) -> Path:
    files = sorted((data_dir / "services").glob("*.yaml"))
    assert files, "the shipped catalogue has service files"
    return files[0]


def edit_yaml(path: Path, change) -> None:  # type: ignore[no-untyped-def]
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(doc)
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")


def test_shipped_catalogue_is_valid_and_loads(loaded_engine: Engine) -> None:
    data = read_catalogue()
    doc = export(loaded_engine)
    assert doc["catalogue_version"] == data.version
    assert [s["id"] for s in doc["services"]] == [s.id for s in data.services]
    exported_regs = {r["id"] for s in doc["services"] for r in s["regulations"]}
    assert exported_regs == {f"{s.id}/{r.region}" for s in data.services for r in s.regulations}


def test_reload_is_idempotent(loaded_engine: Engine) -> None:
    before = export(loaded_engine)
    again = load_catalogue(loaded_engine)
    assert not again.changed
    forced = load_catalogue(loaded_engine, force=True)
    assert forced.changed
    assert export(loaded_engine) == before


def test_first_start_loads_only_an_empty_database(engine: Engine) -> None:
    assert ensure_loaded(engine) is not None
    assert ensure_loaded(engine) is None


def test_problems_name_file_path_and_reason(data_copy: Path) -> None:
    svc = first_service_file(data_copy)

    def break_it(doc: dict) -> None:
        doc["regulations"][0]["steps"][0]["duration"] = {"value": 5, "unit": "fortnight"}
        doc["name"].pop("ru")

    edit_yaml(svc, break_it)
    with pytest.raises(CatalogueInvalid) as info:
        read_catalogue(data_copy)
    found = {(p.file, p.path) for p in info.value.problems}
    rel = f"services/{svc.name}"
    assert (rel, "regulations[0].steps[0].duration.unit") in found
    assert (rel, "name.ru") in found
    unit_problem = next(p for p in info.value.problems if p.path.endswith("duration.unit"))
    assert "minute" in unit_problem.reason  # the reason lists the allowed units


def test_unknown_references_are_reported(data_copy: Path) -> None:
    svc = first_service_file(data_copy)
    edit_yaml(svc, lambda d: d["regulations"][0].update(region="mars", act="no-such-act"))
    with pytest.raises(CatalogueInvalid) as info:
        read_catalogue(data_copy)
    reasons = {p.path: p.reason for p in info.value.problems}
    assert "unknown region 'mars'" in reasons["regulations[0].region"]
    assert "unknown act 'no-such-act'" in reasons["regulations[0].act"]


def test_invalid_data_changes_nothing(loaded_engine: Engine, data_copy: Path) -> None:
    before = export(loaded_engine)
    edit_yaml(first_service_file(data_copy), lambda d: d.update(category=None))
    with pytest.raises(CatalogueInvalid):
        load_catalogue(loaded_engine, data_copy)
    assert export(loaded_engine) == before


def test_a_failure_mid_write_rolls_everything_back(
    loaded_engine: Engine, data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = export(loaded_engine)
    edit_yaml(first_service_file(data_copy), lambda d: d["name"].update(kk="Өзгертілген атау"))

    def explode(session: Session, svc: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(loading, "_write_documents", explode)
    with pytest.raises(RuntimeError, match="disk full"):
        load_catalogue(loaded_engine, data_copy)
    assert export(loaded_engine) == before


def test_removed_service_is_pruned(loaded_engine: Engine, data_copy: Path) -> None:
    victim = first_service_file(data_copy)
    victim.unlink()
    load_catalogue(loaded_engine, data_copy)
    with Session(loaded_engine) as s:
        assert s.get(tables.Service, victim.stem) is None
        stale = select(func.count()).select_from(tables.Regulation).where(
            tables.Regulation.service_id == victim.stem
        )
        assert s.exec(stale).one() == 0


def test_cli_check_reports_and_fails(data_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["catalogue", "check"]) == 0
    assert "catalogue ok" in capsys.readouterr().out
    edit_yaml(first_service_file(data_copy), lambda d: d.update(colour="blue"))
    assert main(["catalogue", "check", "--data", str(data_copy)]) == 1
    err = capsys.readouterr().err
    assert "colour: Extra inputs are not permitted" in err
    assert "nothing loaded" in err


def test_cli_export_is_json(
    monkeypatch: pytest.MonkeyPatch, database_url: str, tmp_path: Path
) -> None:
    from citizen.settings import get_settings

    monkeypatch.setenv("CITIZEN_DATABASE_URL", database_url)
    get_settings.cache_clear()
    out = tmp_path / "catalogue.json"
    try:
        assert main(["catalogue", "export", "-o", str(out)]) == 0
    finally:
        get_settings.cache_clear()
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert len(doc["services"]) == len(read_catalogue().services)
