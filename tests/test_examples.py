"""The client examples run against a live server and print what the catalogue says.

examples/python (httpx) always; examples/typescript (graphql-codegen, tsc, Apollo Client,
and the Relay compiler's check of `services @connection`) when node and npm are installed —
`.ci/run` installs them. npm's cache is kept inside the example's folder (git-ignored).
"""

from __future__ import annotations

import math
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from citizen.applications import change_status, get_application
from citizen.applications.messages import status_label
from citizen.catalogue.loading import load_catalogue
from citizen.catalogue.model import Service
from citizen.catalogue.snapshot import build_snapshot
from citizen.catalogue.today import history_heading, today
from citizen.catalogue.vocabulary import Locale
from citizen.db import make_engine, migrate, session_scope
from citizen.i18n import format_date, label
from citizen.settings import Settings
from citizen.web.app import create_app
from tests.support.applications import (
    SUBMITTED,
    TEST_OFFICE,
    add_test_office,
    catalogue_for,
    register,
    valid_iin,
)
from tests.support.live_server import live_server

ROOT = Path(__file__).resolve().parents[1]
PYTHON_EXAMPLE = ROOT / "examples" / "python" / "citizen_client.py"
TS_EXAMPLE = ROOT / "examples" / "typescript"
PAGE_SIZE = 10
ASGI = Callable[..., Any]


@dataclass
class Served:
    url: str
    number: str  # a registered application whose result waits at TEST_OFFICE
    iin: str
    engine: Engine
    requests: list[tuple[str, str, str]] = field(default_factory=list)  # method, path, query


def recording(app: ASGI, seen: list[tuple[str, str, str]]) -> ASGI:
    """The app, noting the method, path and query string of every HTTP request."""

    async def wrapper(scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            seen.append((scope["method"], scope["path"], scope["query_string"].decode()))
        await app(scope, receive, send)

    return wrapper


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    database = tmp_path_factory.mktemp("examples") / "citizen.db"
    engine = make_engine(f"sqlite:///{database}")
    migrate(engine)
    load_catalogue(engine)
    add_test_office(engine)
    with session_scope(engine) as session:
        app = register(session, 60, office_id="example-karaganda-oblast-provider-office")
        change_status(
            session, catalogue_for(session), app.number, "result_ready", office_id=TEST_OFFICE
        )
        number = app.number
    seen: list[tuple[str, str, str]] = []
    with live_server(recording(create_app(Settings(), engine), seen)) as base:
        yield Served(f"{base}/graphql", number, valid_iin(60), engine, seen)
    engine.dispose()


def said(service: Service, locale: str) -> str:
    """What applies today, the sentence the examples print first ("—" if never checked)."""
    told = today(service, locale)
    return told.headline if told is not None else "—"


def expected_output(served: Served) -> list[str]:
    """What both examples must print, from the catalogue and the application themselves."""
    with Session(served.engine) as session:
        catalogue = build_snapshot(session)
    services = catalogue.services
    service = next(s for s in services if s.regions)
    region = service.regions[0]
    regulation = service.regulation_in(region.id)
    assert regulation is not None
    channel = regulation.accepting_channels[0]
    estimate = regulation.ready_estimate(channel, SUBMITTED)
    assert estimate.ready_on is not None
    office = catalogue.office(TEST_OFFICE)
    assert office is not None
    with Session(served.engine) as session:
        app = get_application(session, served.number)
    pages = math.ceil(len(services) / PAGE_SIZE)
    return [
        f"services: {len(services)} of {len(services)} ({pages} pages)",
        f"card {service.id} in {region.id}",
        f"  kk: {service.name(Locale.KK)} — {label(service.cost.kind, Locale.KK)}",
        f"  ru: {service.name(Locale.RU)} — {label(service.cost.kind, Locale.RU)}",
        *(f"today {lang}: {said(service, lang)}" for lang in ("kk", "ru")),
        *(f"history {lang}: {history_heading(regulation, lang)}" for lang in ("kk", "ru")),
        f"ready on {estimate.ready_on} via {channel.name} if applied at {SUBMITTED.isoformat()}",
        f"  kk: {format_date(estimate.ready_on, Locale.KK)}",
        f"  ru: {format_date(estimate.ready_on, Locale.RU)}",
        f"application {served.number}: {status_label(app.status, Locale.RU)}",
        f"  expected ready on: {app.expected_ready_on}",
        f"  pickup office: {office.name(Locale.RU)}, {office.address(Locale.RU)}",
    ]


def example_arguments(served: Served) -> list[str]:
    return [
        "--url", served.url,
        "--page-size", str(PAGE_SIZE),
        "--submitted-at", SUBMITTED.isoformat(),
        "--number", served.number,
    ]


def run(command: list[str], cwd: Path, env: dict[str, str], timeout: int = 300) -> str:
    done = subprocess.run(
        command, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    assert done.returncode == 0, f"{' '.join(command[:3])} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def assert_iin_only_posted(served: Served, since: int) -> None:
    """Every API request of the run was a POST, and no URL carried the IIN."""
    made = served.requests[since:]
    assert made, "the example sent requests"
    assert {method for method, path, _ in made if path == "/graphql"} == {"POST"}
    assert not any(served.iin in path + query for _, path, query in made)


def test_python_example(served: Served) -> None:
    since = len(served.requests)
    env = {**os.environ, "CITIZEN_IIN": served.iin}
    command = [sys.executable, str(PYTHON_EXAMPLE), *example_arguments(served)]
    out = run(command, PYTHON_EXAMPLE.parent, env, timeout=120)
    assert out.splitlines() == expected_output(served)
    assert_iin_only_posted(served, since)


@pytest.mark.skipif(
    not (shutil.which("node") and shutil.which("npm")),
    reason="node and npm are not installed (.ci/run installs them with apt-get)",
)
def test_typescript_example_and_the_relay_compiler(served: Served) -> None:
    env = {
        **os.environ,
        "npm_config_cache": str(TS_EXAMPLE / ".npm-cache"),  # nothing cached outside the repo
        "npm_config_audit": "false",
        "npm_config_fund": "false",
        "npm_config_update_notifier": "false",
    }
    run(["npm", "ci"], TS_EXAMPLE, env, timeout=900)
    run(["npm", "run", "build"], TS_EXAMPLE, env)  # graphql-codegen, then tsc
    since = len(served.requests)
    out = run(
        ["node", "dist/main.js", *example_arguments(served)],
        TS_EXAMPLE,
        {**env, "CITIZEN_IIN": served.iin},
        timeout=120,
    )
    assert out.splitlines() == expected_output(served)
    assert_iin_only_posted(served, since)
    # relay-compiler: `services @connection` and `@refetchable` through node(id:) compile,
    # and the committed artifacts are current (else: `npm run relay` in the example).
    run(["npm", "run", "relay:validate"], TS_EXAMPLE, env)
