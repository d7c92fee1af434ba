"""compose.yaml and the Dockerfile, checked where Docker cannot run: shape, commands, settings.

`test_ops_topology.py` runs the same topology as processes; this test ties the files to it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from citizen.cli import build_parser
from citizen.settings import Settings
from tests.support.topology import Topology

ROOT = Path(__file__).resolve().parents[1]

def _compose() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((ROOT / "compose.yaml").read_text())
    return data


def _env(service: dict[str, Any]) -> dict[str, str]:
    return {str(k): str(v) for k, v in (service.get("environment") or {}).items()}


def test_compose_runs_a_migration_job_first_then_two_apis_and_two_notifiers() -> None:
    services = _compose()["services"]
    assert set(services) == {"postgres", "migrate", "api-1", "api-2", "notifier-1", "notifier-2"}
    assert services["migrate"]["command"] == ["migrate"]
    assert services["migrate"]["restart"] == "no"
    assert services["migrate"]["depends_on"]["postgres"]["condition"] == "service_healthy"
    for name in ("api-1", "api-2", "notifier-1", "notifier-2"):
        after = services[name]["depends_on"]["migrate"]["condition"]
        assert after == "service_completed_successfully", name
        assert _env(services[name])["CITIZEN_MIGRATE_ON_START"] == "false", name
    for name in ("api-1", "api-2"):
        assert services[name]["command"] == ["serve"]
        assert _env(services[name])["CITIZEN_NOTIFIER_ENABLED"] == "false"
    for name in ("notifier-1", "notifier-2"):
        assert services[name]["command"] == ["notifier"]
        assert "9100" in str(services[name]["healthcheck"]["test"])
    assert "redis" not in services  # nothing uses it in this deployment


def test_every_command_and_setting_in_compose_is_one_citizen_knows() -> None:
    fields = set(Settings.model_fields)
    parser = build_parser()
    for name, service in _compose()["services"].items():
        if name == "postgres":
            continue
        parser.parse_args(service["command"])  # exits on an unknown command
        for key in _env(service):
            assert key.startswith("CITIZEN_"), key
            assert key.removeprefix("CITIZEN_").lower() in fields, f"{name}: {key} is unknown"


def test_the_process_topology_test_runs_what_compose_runs() -> None:
    """The settings the topology test gives its processes are those compose gives the services
    (but the Bot API's address, which the test points at its fake)."""
    services = _compose()["services"]
    compose_keys = set(_env(services["api-1"])) | set(_env(services["notifier-1"]))
    test_env = Topology("postgresql://x", "http://fake", ROOT).settings()
    test_keys = set(test_env) - {"CITIZEN_TELEGRAM_API_URL"}
    assert test_keys <= compose_keys, test_keys - compose_keys


def test_the_image_is_slim_unprivileged_and_checks_its_health() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text()
    bases = re.findall(r"^FROM (\S+)", dockerfile, re.M)
    assert bases and all(b.endswith("-slim") for b in bases), bases
    users = re.findall(r"^USER (\S+)", dockerfile, re.M)
    assert users and users[-1] not in ("root", "0")
    assert re.search(r"^HEALTHCHECK .*\n?.*/health/live", dockerfile, re.M)
    assert 'ENTRYPOINT ["citizen"]' in dockerfile
    ignored = (ROOT / ".dockerignore").read_text().split()
    assert {".venv", ".git", "tests", "*.db"} <= set(ignored)
