"""Open data: what building each document costs, and what serving it costs once built.

    .venv/bin/python bench/open_data.py [--rounds 7] [--requests 200]

Build: the format-1 export (database reads) and each conversion (CPSV-AP, HSDS kk and ru),
timed over several rounds; these run once per catalogue version in the server. Serve: GET
requests over real HTTP to a live `citizen serve` app (uvicorn, loopback), interleaved per
round: an HSDS page (200, from the per-version cache), the same with `If-None-Match` (304),
and the CPSV-AP document (200, 300 KB). Each figure is the median and range over rounds of the
per-round median request time, measured with time.perf_counter.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import httpx
from sqlmodel import Session

from citizen.catalogue.export import export_catalogue
from citizen.catalogue.loading import load_catalogue
from citizen.catalogue.vocabulary import Locale
from citizen.db import make_engine, migrate
from citizen.opendata.cpsv_ap import to_cpsv_ap
from citizen.opendata.hsds import to_hsds
from citizen.settings import Settings
from citizen.web.app import create_app

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # tests.support: the live-server helper
from tests.support.live_server import live_server  # noqa: E402


def timed(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return (time.perf_counter() - start) * 1000


def summary(values: list[float]) -> str:
    low, high = min(values), max(values)
    return f"median {statistics.median(values):7.2f} ms  (range {low:.2f}–{high:.2f})"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--requests", type=int, default=200, help="requests per kind per round")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    engine = make_engine(f"sqlite:///{folder / 'bench.db'}")
    migrate(engine)
    load_catalogue(engine)

    def export() -> dict:
        with Session(engine) as session:
            return export_catalogue(session)

    doc = export()
    builds: dict[str, Callable[[], object]] = {
        "format-1 export": export,
        "CPSV-AP": lambda: to_cpsv_ap(doc),
        "HSDS kk": lambda: to_hsds(doc, Locale.KK),
        "HSDS ru": lambda: to_hsds(doc, Locale.RU),
    }
    times: dict[str, list[float]] = {name: [] for name in builds}
    for _ in range(args.rounds):
        for name, work in builds.items():  # interleaved, so drift hits every kind alike
            times[name].append(timed(work))
    print(f"build, once per catalogue version ({args.rounds} rounds):")
    for name, values in times.items():
        print(f"  {name:16} {summary(values)}")

    with live_server(create_app(Settings(notifier_enabled=False), engine)) as base:
        client = httpx.Client(base_url=base, headers={"Accept-Language": "ru"})
        page = "/open-data/hsds/services?per_page=10"
        tag = client.get(page).headers["etag"]
        client.get("/open-data/cpsv-ap.jsonld")  # built before timing
        kinds: dict[str, Callable[[], object]] = {
            "HSDS page 200": lambda: client.get(page),
            "HSDS page 304": lambda: client.get(page, headers={"If-None-Match": tag}),
            "CPSV-AP 200": lambda: client.get("/open-data/cpsv-ap.jsonld"),
        }
        served: dict[str, list[float]] = {name: [] for name in kinds}
        for _ in range(args.rounds):
            for name, work in kinds.items():
                served[name].append(statistics.median(timed(work) for _ in range(args.requests)))
        print(f"serve, per request over HTTP ({args.rounds} rounds x {args.requests}):")
        for name, values in served.items():
            print(f"  {name:16} {summary(values)}")


if __name__ == "__main__":
    main()
