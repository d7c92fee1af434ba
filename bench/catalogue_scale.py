"""The catalogue at scale: `catalogue load`, and search and list through the API, at 1,000 and
10,000 services.

    .venv/bin/python bench/catalogue_scale.py [--sizes 1000 10000] [--rounds 3] [--pg URL]

Synthetic catalogues are written to a temporary directory from the shipped data files: the 28
real services, then new services made from them in turn (a new id; a name and a result that
join slices of two real names or results, in each language; the template's regulations, steps,
terms, documents and refusal grounds, placed in one to four of the four regions with that
region's regulation act). They pass `citizen catalogue check` like the shipped data.

Load (goal at 1,000 services: < 10 s fresh, < 2 s unchanged): each round runs the real command,
`citizen catalogue load --data DIR`, as a fresh process on a migrated empty database ("fresh"),
then again on the same database ("unchanged"), on SQLite and on PostgreSQL (--pg, default
$CITIZEN_TEST_DATABASE_URL; each round gets a schema of its own, dropped after). The backends'
order rotates from round to round. Wall-clock seconds of the whole command, start-up included.

API (goal at 10,000 services: p95 < 10 ms for a search and for a list of 20): `citizen serve`
runs on each loaded database with the response cache off (every request is executed); one
client sends, one request at a time, `services(search:)` with every query of
tests/search_eval.yaml (Kazakh, Russian, Latin letters, typos, no-match) and lists of 20
(`services(first: 20)`, in a region, a later page). Servers and mixes rotate from round to
round; the figures are p50/p95 of all requests and the range of the per-round p95s.

"No request builds the index": the server runs as `citizen serve` in a process that counts
calls of `build_snapshot` and `SearchIndex.build` (wrapped here, in the bench's process only)
and prints each on stderr; the bench checks that every build happened before the server was
ready and none while it answered.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import yaml

ROOT = Path(__file__).resolve().parents[1]
HERE = Path(__file__).resolve()
CITIZEN = ROOT / ".venv" / "bin" / "citizen"
EVAL = ROOT / "tests" / "search_eval.yaml"
SHIPPED = ROOT / "src" / "citizen" / "catalogue" / "data"
REGIONS = ("karaganda-oblast", "almaty-oblast", "aktobe-oblast", "astana")
COUNTER = "bench-counter:"


# --- synthetic catalogues ------------------------------------------------------------------


class _Loader(yaml.CSafeLoader):
    """Dates stay text, as the catalogue's own reader leaves them (the models parse them)."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.CSafeLoader.yaml_implicit_resolvers.items()
}


def _read(path: Path) -> Any:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)


def _slice(rng: random.Random, text: str) -> str:
    words = text.split()
    if len(words) < 3:
        return text
    start = rng.randrange(len(words) - 2)
    return " ".join(words[start : start + rng.randint(3, 8)])


def _mix(rng: random.Random, a: dict[str, str], b: dict[str, str]) -> dict[str, str]:
    """A text in both languages joined from slices of two real ones (same slices' sources)."""
    seed = rng.random()
    out = {}
    for lang in ("kk", "ru"):
        local = random.Random(f"{seed}-{lang}")
        out[lang] = f"{_slice(local, a[lang])} {_slice(local, b[lang])}"
    return out


def _region_acts(services: list[dict[str, Any]]) -> dict[str, str]:
    """The regulation act of each region, as the shipped regulations name it."""
    acts: dict[str, str] = {}
    for svc in services:
        for reg in svc.get("regulations", []):
            acts.setdefault(reg["region"], reg["act"])
    return acts


def _placed(
    rng: random.Random, template: dict[str, Any], acts: dict[str, str]
) -> tuple[list[dict[str, Any]], dict[str, list[str]]]:
    """The template's regulations placed in one to four regions, and where each old one went."""
    regs = template.get("regulations", [])
    if not regs:
        return [], {}
    regions = rng.sample(REGIONS, rng.randint(1, len(REGIONS)))
    moved: dict[str, list[str]] = {}
    out = []
    for n, region in enumerate(regions):
        reg = dict(regs[n % len(regs)])
        moved.setdefault(reg["region"], []).append(region)
        reg["region"], reg["act"] = region, acts[region]
        out.append(reg)
    return out, moved


def _documents(lists: list[dict[str, Any]], moved: dict[str, list[str]]) -> list[dict[str, Any]]:
    """Document lists for some regions follow their regulation; a list left with none is for all."""
    out = []
    for dl in lists:
        dl = dict(dl)
        if dl.get("regions"):
            dl["regions"] = sorted({new for old in dl["regions"] for new in moved.get(old, [])})
        out.append(dl)
    return out


def synthetic_catalogue(target: Path, count: int, seed: int = 2026) -> Path:
    """A valid catalogue of `count` services in `target` (the shipped files plus new services)."""
    rng = random.Random(seed)
    shutil.copytree(SHIPPED, target)
    real = [_read(p) for p in sorted((SHIPPED / "services").glob("*.yaml"))]
    acts = _region_acts(real)
    names = [s["name"] for s in real]
    results = [s["result"] for s in real if s.get("result")]
    for n in range(count - len(real)):
        template = real[n % len(real)]
        svc = dict(template)
        svc["id"] = f"{template['id'][:50]}-{n:05d}"
        svc["name"] = _mix(rng, rng.choice(names), rng.choice(names))
        if svc.get("result"):
            svc["result"] = _mix(rng, rng.choice(results), rng.choice(results))
        regulations, moved = _placed(rng, template, acts)
        if regulations:
            svc["regulations"] = regulations
            svc["documents"] = _documents(template["documents"], moved)
        text = yaml.dump(svc, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False)
        (target / "services" / f"{svc['id']}.yaml").write_text(text, encoding="utf-8")
    return target


# --- databases -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Backend:
    name: str
    base_url: str | None  # PostgreSQL: the server's URL; SQLite: None (a file per database)


@contextmanager
def empty_database(backend: Backend, tmp: Path) -> Iterator[str]:
    """The URL of a new, migrated, empty database (a SQLite file, or a PostgreSQL schema)."""
    if backend.base_url is None:
        url = f"sqlite:///{tmp / f'{uuid.uuid4().hex[:8]}.db'}"
        _migrate(url)
        yield url
        return
    import psycopg

    schema = f"bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(backend.base_url, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    sep = "&" if "?" in backend.base_url else "?"
    url = f"{backend.base_url}{sep}options=-csearch_path%3D{schema}"
    try:
        _migrate(url)
        yield url
    finally:
        with psycopg.connect(backend.base_url, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


def _env(url: str, **extra: str) -> dict[str, str]:
    env = {**os.environ, "CITIZEN_DATABASE_URL": url, **extra}
    env.pop("CITIZEN_TELEGRAM_TOKEN", None)
    return env


def _migrate(url: str) -> None:
    subprocess.run([str(CITIZEN), "migrate", "--no-catalogue"], env=_env(url), check=True,
                   stdout=subprocess.DEVNULL)


def timed_load(url: str, data: Path) -> tuple[float, str]:
    """Seconds of one `citizen catalogue load --data DIR`, and what it printed."""
    began = time.monotonic()
    done = subprocess.run([str(CITIZEN), "catalogue", "load", "--data", str(data)],
                          env=_env(url), capture_output=True, text=True)
    took = time.monotonic() - began
    if done.returncode != 0:
        raise RuntimeError(f"catalogue load failed: {done.stderr[-2000:]}")
    return took, done.stdout.strip()


# --- figures -------------------------------------------------------------------------------


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p * (len(ordered) - 1)))]


def summary(values: list[float], unit: str, digits: int = 2) -> str:
    return (f"median {statistics.median(values):.{digits}f} {unit} "
            f"(range {min(values):.{digits}f}-{max(values):.{digits}f}, n={len(values)})")


def rotated(items: list[Any], n: int) -> list[Any]:
    k = n % len(items)
    return items[k:] + items[:k]


# --- load ----------------------------------------------------------------------------------


def measure_load(backends: list[Backend], data: Path, count: int, rounds: int,
                 tmp: Path) -> dict[str, str]:
    """Fresh and unchanged load times per backend; returns a loaded database URL per backend."""
    times: dict[tuple[str, str], list[float]] = {}
    for n in range(rounds):
        for backend in rotated(backends, n):
            with empty_database(backend, tmp) as url:
                fresh, said = timed_load(url, data)
                again, said_again = timed_load(url, data)
            if "already loaded" not in said_again:
                raise RuntimeError(f"an unchanged reload wrote again: {said_again}")
            times.setdefault((backend.name, "fresh"), []).append(fresh)
            times.setdefault((backend.name, "unchanged"), []).append(again)
            print(f"  round {n + 1} {backend.name:10s} fresh {fresh:6.2f} s, "
                  f"unchanged {again:5.2f} s  ({said})", flush=True)
    for (name, kind), values in times.items():
        goal = (" (goal < 10 s)" if kind == "fresh" else " (goal < 2 s)") if count == 1000 else ""
        print(f"load {count:>6} services, {name:10s} {kind:9s}: {summary(values, 's')}{goal}")



# --- the API -------------------------------------------------------------------------------

SEARCH = """query Search($q: String!) { services(search: $q, first: 20) {
  totalCount noMatch edges { score node { id name category { name } } } } }"""
LIST = """query List($region: ID, $after: String) {
  services(first: 20, region: $region, after: $after) {
  totalCount pageInfo { endCursor hasNextPage } edges { node { id name category { name } } } } }"""


def serve_counted(port: int) -> None:
    """Child process: `citizen serve`, with every snapshot and index build reported on stderr."""
    import threading

    from citizen.catalogue import live
    from citizen.catalogue.search import index
    from citizen.cli import main as citizen

    def counted(name: str, build: Any) -> Any:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            thread = threading.current_thread().name
            print(f"{COUNTER} {name} begin {time.monotonic():.6f} {thread}", file=sys.stderr,
                  flush=True)
            try:
                return build(*args, **kwargs)
            finally:
                print(f"{COUNTER} {name} end {time.monotonic():.6f} {thread}", file=sys.stderr,
                      flush=True)

        return wrapper

    live.build_snapshot = counted("build_snapshot", live.build_snapshot)  # type: ignore[assignment]
    builder = index.SearchIndex.build.__func__  # type: ignore[attr-defined]
    index.SearchIndex.build = classmethod(counted("SearchIndex.build", builder))  # type: ignore[assignment,method-assign]
    sys.exit(citizen(["serve", "--port", str(port)]))


@dataclass
class Server:
    backend: str
    port: int
    proc: subprocess.Popen[bytes]
    log: Path
    started: float
    ready: float = 0.0

    def builds(self) -> list[tuple[str, str, float]]:
        """(what, begin|end, monotonic time) of every build the server reported."""
        out = []
        for line in self.log.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith(COUNTER):
                _, what, edge, moment, _thread = line.split()
                out.append((what, edge, float(moment)))
        return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(backend: str, url: str, tmp: Path) -> Server:
    port = free_port()
    log = tmp / f"serve-{backend}-{port}.log"
    env = _env(url, CITIZEN_RESPONSE_CACHE="false", CITIZEN_LOG_FORMAT="text")
    began = time.monotonic()
    with log.open("wb") as out:
        proc = subprocess.Popen([sys.executable, str(HERE), "--serve", str(port)], env=env,
                                stdout=out, stderr=subprocess.STDOUT)
    server = Server(backend, port, proc, log, began)
    deadline = began + 600
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"citizen serve exited: {log.read_text()[-2000:]}")
        try:
            answer = httpx.get(f"http://127.0.0.1:{port}/health/ready", timeout=2)
            if answer.status_code == 200:
                server.ready = time.monotonic()
                return server
        except httpx.HTTPError:
            pass
        time.sleep(0.05)
    proc.kill()
    raise RuntimeError("citizen serve was not ready in 10 minutes")


def search_queries() -> list[str]:
    doc = yaml.safe_load(EVAL.read_text(encoding="utf-8"))
    return [str(q["q"]) for q in doc["queries"]]


def list_requests(client: httpx.Client) -> list[dict[str, Any]]:
    """The first page, the first page in each region, and the second page."""
    first = _post(client, LIST, {})["data"]["services"]
    return [{}, *({"region": r} for r in REGIONS), {"after": first["pageInfo"]["endCursor"]}]


def _post(client: httpx.Client, query: str, variables: dict[str, Any]) -> Any:
    answer = client.post("/graphql", json={"query": query, "variables": variables})
    answer.raise_for_status()
    body = answer.json()
    if body.get("errors"):
        raise RuntimeError(f"GraphQL errors: {body['errors']}")
    return body


def timed(client: httpx.Client, query: str, variables: list[dict[str, Any]]) -> list[float]:
    out = []
    for v in variables:
        began = time.perf_counter()
        _post(client, query, v)
        out.append(time.perf_counter() - began)
    return out


def measure_api(servers: list[Server], count: int, rounds: int, list_repeat: int) -> None:
    searches = [{"q": q} for q in search_queries()]
    clients = {s.backend: httpx.Client(base_url=f"http://127.0.0.1:{s.port}") for s in servers}
    lists = {name: list_requests(c) * list_repeat for name, c in clients.items()}
    for name, client in clients.items():  # warm up: connections, first-use caches
        timed(client, SEARCH, searches[:20])
        timed(client, LIST, lists[name][:6])
    samples: dict[tuple[str, str], list[float]] = {}
    round_p95: dict[tuple[str, str], list[float]] = {}
    pairs = [(s.backend, kind) for s in servers for kind in ("search", "list of 20")]
    for n in range(rounds):
        for backend, kind in rotated(pairs, n):
            query, variables = (SEARCH, searches) if kind == "search" else (LIST, lists[backend])
            got = timed(clients[backend], query, variables)
            samples.setdefault((backend, kind), []).extend(got)
            round_p95.setdefault((backend, kind), []).append(percentile(got, 0.95))
    for (backend, kind), values in samples.items():
        goal = " (goal p95 < 10 ms)" if count == 10_000 else ""
        p95s = [1000 * x for x in round_p95[(backend, kind)]]
        print(f"api  {count:>6} services, {backend:10s} {kind:10s}: "
              f"p50 {1000 * percentile(values, 0.5):6.2f} ms, "
              f"p95 {1000 * percentile(values, 0.95):6.2f} ms{goal}, "
              f"max {1000 * max(values):6.1f} ms; per-round p95 {summary(p95s, 'ms')}")
    for client in clients.values():
        client.close()


def check_builds(server: Server, answered_until: float) -> None:
    builds = server.builds()
    before = [b for b in builds if b[2] <= server.ready]
    during = [b for b in builds if server.ready < b[2] <= answered_until]
    snapshots = sum(1 for what, edge, _ in before if what == "build_snapshot" and edge == "end")
    indexes = sum(1 for what, edge, _ in before if what == "SearchIndex.build" and edge == "end")
    verdict = "no request built anything" if not during else f"BUILT WHILE ANSWERING: {during}"
    print(f"     {server.backend:10s} ready {server.ready - server.started:5.1f} s after start; "
          f"builds before ready: {snapshots} snapshot(s), {indexes} index(es); "
          f"while answering: {len(during) // 2}: {verdict}")
    if during:
        raise RuntimeError("a build happened while the server answered requests")


def measure_serving(backends: list[Backend], data: Path, count: int, args: argparse.Namespace,
                    tmp: Path) -> None:
    with contextlib.ExitStack() as stack:
        servers = []
        for backend in backends:
            url = stack.enter_context(empty_database(backend, tmp))
            timed_load(url, data)
            servers.append(start_server(backend.name, url, tmp))
            stack.callback(_stop, servers[-1])
        measure_api(servers, count, args.rounds, args.list_repeat)
        answered_until = time.monotonic()
        for server in servers:
            check_builds(server, answered_until)


def _stop(server: Server) -> None:
    server.proc.terminate()
    try:
        server.proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.proc.kill()


def load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--serve", type=int, default=0, help=argparse.SUPPRESS)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000])
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--list-repeat", type=int, default=5, help="each list request per round")
    ap.add_argument("--pg", default=os.environ.get("CITIZEN_TEST_DATABASE_URL"),
                    help="PostgreSQL server URL (default: $CITIZEN_TEST_DATABASE_URL)")
    ap.add_argument("--skip", choices=["load", "api"], default=None)
    args = ap.parse_args()
    if args.serve:
        serve_counted(args.serve)
        return
    backends = [Backend("sqlite", None)] + ([Backend("postgresql", args.pg)] if args.pg else [])
    if not args.pg:
        print("no --pg / CITIZEN_TEST_DATABASE_URL: SQLite only")
    tmp = Path(tempfile.mkdtemp(prefix="citizen-scale-"))
    try:
        for count in args.sizes:
            began = time.monotonic()
            data = synthetic_catalogue(tmp / f"data-{count}", count)
            print(f"{count} services written in {time.monotonic() - began:.1f} s; "
                  f"load average {load_average()}", flush=True)
            if args.skip != "load":
                measure_load(backends, data, count, args.rounds, tmp)
            if args.skip != "api":
                measure_serving(backends, data, count, args, tmp)
            print(f"load average {load_average()}", flush=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
