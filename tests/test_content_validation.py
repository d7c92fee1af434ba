"""Catalogue validation (issue 10, item 7): sane durations and dates, clean messages, and a load
that does not silently orphan applications.

Each case here failed before: a 1e308-minute step and a year-9999 calendar override were
accepted, 2025-02-30 crashed `catalogue check` with a traceback, and a load removed a service
that applications referred to without a word.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from pydantic import ValidationError
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from citizen.applications import Application
from citizen.catalogue import tables
from citizen.catalogue.datafile import Duration
from citizen.catalogue.export import export_catalogue
from citizen.catalogue.live import snapshot_of
from citizen.catalogue.loading import CatalogueInUse, load_catalogue
from citizen.catalogue.reading import CatalogueInvalid, default_data_dir, read_catalogue
from citizen.cli import main
from citizen.db import make_engine, migrate, session_scope
from citizen.settings import get_settings
from tests.support.applications import register

SERVICE = "adoption-candidate-registration"  # what tests.support.applications registers
REGULATION = f"{SERVICE}/karaganda-oblast"


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(default_data_dir(), target)
    return target


def edit_yaml(path: Path, change) -> None:  # type: ignore[no-untyped-def]
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(doc)
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")


def problems(data_dir: Path) -> dict[tuple[str, str], str]:
    with pytest.raises(CatalogueInvalid) as info:
        read_catalogue(data_dir)
    return {(p.file, p.path): p.reason for p in info.value.problems}


# --- durations --------------------------------------------------------------------------------


def test_a_1e308_minute_step_is_refused_and_the_bound_is_said(data_copy: Path) -> None:
    svc = data_copy / "services" / f"{SERVICE}.yaml"
    edit_yaml(
        svc,
        lambda d: d["regulations"][0]["steps"][0].update(
            duration={"value": 1e308, "unit": "minute"}
        ),
    )
    found = problems(data_copy)
    reason = found[(f"services/{SERVICE}.yaml", "regulations[0].steps[0].duration")]
    assert "at most 1440 (one day)" in reason and "1e+308" in reason


@pytest.mark.parametrize(
    ("unit", "bound"),
    [("minute", 1440), ("hour", 744), ("working_day", 260), ("calendar_day", 366), ("day", 366)],
)
def test_each_unit_has_a_sane_bound(unit: str, bound: int) -> None:
    assert Duration(value=bound, unit=unit).value == bound  # the bound itself is allowed
    with pytest.raises(ValidationError, match=f"at most {bound}"):
        Duration(value=bound + 1, unit=unit)


@pytest.mark.parametrize("value", [float("inf"), float("nan")])
def test_infinite_or_nan_durations_are_refused(value: float) -> None:
    with pytest.raises(ValidationError):
        Duration(value=value, unit="minute")


# --- dates ------------------------------------------------------------------------------------


def _override(day: str) -> str:
    return (
        "overrides:\n"
        f"  - date: {day}\n"
        "    working: true\n"
        "    reason: {kk: сынақ, ru: проверка}\n"
        '    source: {url: "https://example.org/decree", edition: "2025-01-01"}\n'
    )


def test_a_year_9999_calendar_override_is_refused(data_copy: Path) -> None:
    (data_copy / "calendar.yaml").write_text(_override("9999-01-01"), encoding="utf-8")
    reason = problems(data_copy)[("calendar.yaml", "overrides[0].date")]
    assert "9999-01-01 is outside 1990–2100" in reason


def test_an_act_date_outside_the_window_is_refused(data_copy: Path) -> None:
    acts = data_copy / "acts" / "karaganda-oblast.yaml"
    edit_yaml(acts, lambda d: d["acts"][0].update(date=dt.date(1015, 6, 23)))
    reason = problems(data_copy)[("acts/karaganda-oblast.yaml", "acts[0].date")]
    assert "outside 1990–2100" in reason


def test_an_impossible_date_is_a_clean_field_problem(
    data_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (data_copy / "calendar.yaml").write_text(_override("2025-02-30"), encoding="utf-8")
    reason = problems(data_copy)[("calendar.yaml", "overrides[0].date")]
    assert "day value is outside expected range" in reason
    assert main(["catalogue", "check", "--data", str(data_copy)]) == 1
    err = capsys.readouterr().err
    assert "calendar.yaml: overrides[0].date: " in err
    assert "Traceback" not in err


def test_a_check_date_in_the_future_is_refused(data_copy: Path) -> None:
    svc = data_copy / "services" / "adoption-payment.yaml"
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    edit_yaml(svc, lambda d: d["current"].update(checked_on=tomorrow))
    reason = problems(data_copy)[("services/adoption-payment.yaml", "current.checked_on")]
    assert "in the future" in reason


# --- offices ----------------------------------------------------------------------------------


def test_an_office_is_refused_on_a_regulation_without_its_channel(data_copy: Path) -> None:
    offices = data_copy / "offices.yaml"

    def move_to_karaganda(doc: dict) -> None:
        sc = next(o for o in doc["offices"] if o["id"] == "example-astana-state-corporation")
        sc.update(id="example-karaganda-sc", region="karaganda-oblast", services=[])

    edit_yaml(offices, move_to_karaganda)
    found = problems(data_copy)
    assert any(
        f == "offices.yaml" and "has no state_corporation channel" in r
        for (f, _), r in found.items()
    )


def test_an_example_office_has_no_phone(data_copy: Path) -> None:
    edit_yaml(
        data_copy / "offices.yaml", lambda d: d["offices"][0].update(phone="+7 700 000 00 01")
    )
    reason = problems(data_copy)[("offices.yaml", "offices[0]")]
    assert "no phone number" in reason


# --- a load that would orphan applications ----------------------------------------------------


def _export(engine: Engine) -> dict:
    return export_catalogue(snapshot_of(engine))


def _with_application(engine: Engine) -> str:
    with session_scope(engine) as session:
        return register(session).number


def test_load_refuses_to_remove_a_service_with_applications(
    loaded_engine: Engine, data_copy: Path
) -> None:
    number = _with_application(loaded_engine)
    before = _export(loaded_engine)
    (data_copy / "services" / f"{SERVICE}.yaml").unlink()
    with pytest.raises(CatalogueInUse) as info:
        load_catalogue(loaded_engine, data_copy)
    named = {(o.kind, o.id, o.applications) for o in info.value.orphaned}
    assert named == {("service", SERVICE, 1), ("regulation", REGULATION, 1)}
    assert _export(loaded_engine) == before  # nothing changed

    report = load_catalogue(loaded_engine, data_copy, force=True)
    assert {(o.kind, o.id) for o in report.orphaned} == {
        ("service", SERVICE),
        ("regulation", REGULATION),
    }
    with Session(loaded_engine) as s:
        assert s.get(tables.Service, SERVICE) is None
        kept = s.exec(select(Application).where(Application.number == number)).one()
        assert (kept.service_id, kept.regulation_id) == (SERVICE, REGULATION)  # history kept


def test_load_refuses_to_remove_a_regulation_with_applications(
    loaded_engine: Engine, data_copy: Path
) -> None:
    _with_application(loaded_engine)
    svc = data_copy / "services" / f"{SERVICE}.yaml"
    edit_yaml(
        svc,
        lambda d: d.update(
            regulations=[r for r in d["regulations"] if r["region"] != "karaganda-oblast"]
        ),
    )
    with pytest.raises(CatalogueInUse) as info:
        load_catalogue(loaded_engine, data_copy)
    assert [(o.kind, o.id) for o in info.value.orphaned] == [("regulation", REGULATION)]


def test_removing_what_no_application_uses_needs_no_force(
    loaded_engine: Engine, data_copy: Path
) -> None:
    _with_application(loaded_engine)
    (data_copy / "services" / "tvet-dormitory.yaml").unlink()
    report = load_catalogue(loaded_engine, data_copy)
    assert report.changed and report.orphaned == ()


@pytest.fixture
def cli_database(database_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Engine]:
    monkeypatch.setenv("CITIZEN_DATABASE_URL", database_url)
    get_settings.cache_clear()
    engine = make_engine(database_url)
    migrate(engine)
    load_catalogue(engine)
    yield engine
    engine.dispose()
    get_settings.cache_clear()


def test_cli_load_says_what_force_does(
    cli_database: Engine, data_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _with_application(cli_database)
    (data_copy / "services" / f"{SERVICE}.yaml").unlink()
    assert main(["catalogue", "load", "--data", str(data_copy)]) == 1
    err = capsys.readouterr().err
    assert f"service {SERVICE}: 1 application(s)" in err
    assert f"regulation {REGULATION}: 1 application(s)" in err
    assert "Nothing was changed" in err and "keep their history" in err

    assert main(["catalogue", "load", "--data", str(data_copy), "--force"]) == 0
    out = capsys.readouterr().out
    assert "forced: applications refer to what was removed" in out
    assert "keep their history" in out and "no longer in the catalogue" in out
    assert f"service {SERVICE}: 1 application(s)" in out


# --- catalogue stale ----------------------------------------------------------------------------


def test_stale_lists_old_and_missing_checks(
    data_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    services = data_copy / "services"
    edit_yaml(
        services / "adoption-payment.yaml",
        lambda d: d["current"].update(checked_on=dt.date(2020, 1, 1)),
    )
    edit_yaml(services / "tvet-dormitory.yaml", lambda d: d.pop("current"))
    assert main(["catalogue", "stale", "--older-than", "180d", "--data", str(data_copy)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines == ["adoption-payment\t2020-01-01", "tvet-dormitory\tnever checked"]


def test_stale_accepts_other_spans_and_refuses_other_units(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # The shipped records were all checked recently: nothing is older than 90 days... unless
    # the machine's clock says otherwise; what is listed must then really be older.
    assert main(["catalogue", "stale", "--older-than", "90d"]) == 0
    limit = dt.date.today() - dt.timedelta(days=90)
    for line in capsys.readouterr().out.splitlines():
        sid, when = line.split("\t")
        assert when != "never checked" and dt.date.fromisoformat(when) < limit, sid
    with pytest.raises(SystemExit) as info:
        main(["catalogue", "stale", "--older-than", "1y"])
    assert info.value.code == 2
    assert "expected a number of days like 180d" in capsys.readouterr().err
