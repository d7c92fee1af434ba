"""What a write lock held by another process costs the server's other answers.

Starts `citizen serve` (no bot token) on a SQLite file, or on PostgreSQL with --postgres URL (a
schema of its own), and measures, with and without another process holding a write lock
(`tests/support/hold_lock.py`: SQLite `BEGIN IMMEDIATE`; PostgreSQL the application tables in
ACCESS EXCLUSIVE mode), the latency of:
  - `GET /health/live`;
  - a cached catalogue answer (a service card asked before);
  - an uncached catalogue answer (every card in turn, response cache off);
  - a lookup that needs the database (it must answer 503 quickly while locked), sent by eight
    threads at once all the while, so the others are measured beside a queue of blocked work.
Rounds alternate locked and free; figures are median and p95 per case, over all rounds.

    .venv/bin/python bench/held_lock.py [--rounds 5] [--requests 200]
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
CITIZEN = ROOT / ".venv" / "bin" / "citizen"
LOOKERS = 8  # lookups in flight at once, against the uncached server
CARD = """query($id: ID!) { service(id: $id) { ... on Service { name regulations {
  totalTerm(channel: PROVIDER_OFFICE) { text } steps { position actor } } } } }"""
LOOKUP = """query($n: String!, $i: String!) { application(number: $n, iin: $i) { __typename } }"""


def _valid_iin() -> str:
    """A well-formed IIN (its check digit right), so that a wrong pair is counted: a write."""
    from citizen.applications.iin import check_digit

    for serial in range(1000):
        first = f"9001013{serial:03d}0"
        digit = check_digit(first)
        if digit is not None:
            return first + str(digit)
    raise RuntimeError("no valid IIN")


VALID_IIN = _valid_iin()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serving(url: str, cache: bool) -> Iterator[str]:
    port = free_port()
    env = {**os.environ, "CITIZEN_DATABASE_URL": url, "CITIZEN_PORT": str(port),
           "CITIZEN_RESPONSE_CACHE": "true" if cache else "false", "CITIZEN_DB_LOCK_TIMEOUT": "1",
           # Every wrong lookup is then a write (none is throttled away before it).
           "CITIZEN_LOOKUP_MAX_FAILURES_PER_CLIENT": "1000000"}
    env.pop("CITIZEN_TELEGRAM_TOKEN", None)
    proc = subprocess.Popen([str(CITIZEN), "serve"], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{base}/health/ready", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=20)


@contextmanager
def lock_held(url: str) -> Iterator[None]:
    holder = subprocess.Popen([sys.executable, "-m", "tests.support.hold_lock", url],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT)
    assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
    try:
        yield
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(timeout=20)


def timed(client: httpx.Client, method: str, url: str, **kwargs: object) -> tuple[float, int]:
    began = time.perf_counter()
    answer = client.request(method, url, **kwargs)  # type: ignore[arg-type]
    return (time.perf_counter() - began) * 1000, answer.status_code


def measure(cached_base: str, uncached_base: str, services: list[str], n: int) -> dict[str, list]:
    """Catalogue and health requests one after the other, while LOOKERS threads keep sending
    lookups that need the database (each waiting out the lock when one is held)."""
    out: dict[str, list[tuple[float, int]]] = {"live": [], "cached": [], "uncached": [],
                                                "lookup": []}
    done = threading.Event()

    def look(k: int) -> None:
        with httpx.Client(timeout=30) as client:
            i = 0
            while not done.is_set():
                body = {"query": LOOKUP, "variables": {"n": f"NONE-{k}-{i}", "i": VALID_IIN}}
                out["lookup"].append(timed(client, "POST", f"{uncached_base}/graphql", json=body))
                i += 1

    lookers = [threading.Thread(target=look, args=(k,)) for k in range(LOOKERS)]
    for thread in lookers:
        thread.start()
    with httpx.Client(timeout=30) as client:
        for i in range(n):
            out["live"].append(timed(client, "GET", f"{cached_base}/health/live"))
            body = {"query": CARD, "variables": {"id": "preschool-queue"}}
            out["cached"].append(timed(client, "POST", f"{cached_base}/graphql", json=body))
            body = {"query": CARD, "variables": {"id": services[i % len(services)]}}
            out["uncached"].append(timed(client, "POST", f"{uncached_base}/graphql", json=body))
    done.set()
    for thread in lookers:
        thread.join()
    return out


def summary(samples: list[tuple[float, int]]) -> str:
    times = sorted(t for t, _ in samples)
    p95 = times[int(0.95 * (len(times) - 1))]
    statuses = sorted({s for _, s in samples})
    return f"median {statistics.median(times):7.1f} ms  p95 {p95:7.1f} ms  statuses {statuses}"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--requests", type=int, default=200)
    ap.add_argument("--postgres", default=None, help="e.g. postgresql://postgres@127.0.0.1/test")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="citizen-lock-"))
    if args.postgres:
        import psycopg

        schema = f"bench_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(args.postgres, autocommit=True) as conn:
            conn.execute(f'CREATE SCHEMA "{schema}"')
        url = f"{args.postgres}?options=-csearch_path%3D{schema}"
    else:
        url = f"sqlite:///{tmp / 'bench.db'}"
    with serving(url, cache=True) as cached, serving(url, cache=False) as uncached:
        listing = httpx.post(f"{cached}/graphql", json={
            "query": "{ services(first: 100) { edges { node { catalogueId } } } }"}).json()
        services = [e["node"]["catalogueId"] for e in listing["data"]["services"]["edges"]]
        results: dict[str, dict[str, list]] = {"free": {}, "locked": {}}
        for n in range(args.rounds):
            for state in (("free", "locked") if n % 2 == 0 else ("locked", "free")):
                if state == "locked":
                    with lock_held(url):
                        got = measure(cached, uncached, services, args.requests)
                else:
                    got = measure(cached, uncached, services, args.requests)
                for case, samples in got.items():
                    results[state].setdefault(case, []).extend(samples)
    print(f"{args.rounds} rounds x {args.requests} requests; database {url.split(':')[0]}")
    for state, cases in results.items():
        for case, samples in cases.items():
            print(f"{state:6s} {case:8s} {summary(samples)}")
    print(json.dumps({"goal": "/health/live p95 < 100 ms while a write lock is held elsewhere"}))


if __name__ == "__main__":
    main()
