"""How long `citizen serve` takes to be ready, and how much memory it holds, with no bot token.

Each round starts `citizen serve` as a fresh process on a database that already holds the
shipped catalogue (a restart, the usual case) and on an empty one (a first start: migrations
and the catalogue load included), polls `/health/ready` until it answers 200, and reads the
process's resident memory then (VmRSS). Also times `citizen --help`. Rounds alternate the two
cases; the figures are median and range.

    .venv/bin/python bench/serve_startup.py [--rounds 5]
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

import httpx

CITIZEN = Path(__file__).resolve().parents[1] / ".venv" / "bin" / "citizen"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


def start_once(db: Path) -> tuple[float, float]:
    port = free_port()
    env = {
        **os.environ,
        "CITIZEN_DATABASE_URL": f"sqlite:///{db}",
        "CITIZEN_PORT": str(port),
    }
    env.pop("CITIZEN_TELEGRAM_TOKEN", None)
    began = time.monotonic()
    proc = subprocess.Popen(
        [str(CITIZEN), "serve"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        while True:
            if proc.poll() is not None:
                raise RuntimeError("citizen serve exited")
            try:
                if httpx.get(f"http://127.0.0.1:{port}/health/ready", timeout=1).status_code == 200:
                    return time.monotonic() - began, rss_mb(proc.pid)
            except httpx.HTTPError:
                pass
            time.sleep(0.02)
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def help_seconds() -> float:
    began = time.monotonic()
    subprocess.run([str(CITIZEN), "--help"], check=True, stdout=subprocess.DEVNULL)
    return time.monotonic() - began


def summary(values: list[float], unit: str) -> str:
    return (f"median {statistics.median(values):.2f} {unit} "
            f"(range {min(values):.2f}-{max(values):.2f})")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="citizen-start-"))
    try:
        loaded = tmp / "loaded.db"
        start_once(loaded)  # first start: migrate and load, kept for the restarts below
        results: dict[str, list[tuple[float, float]]] = {"restart": [], "first start": []}
        helps = []
        for n in range(args.rounds):
            cases = [("restart", loaded), ("first start", tmp / f"empty-{n}.db")]
            for name, db in cases if n % 2 == 0 else reversed(cases):
                results[name].append(start_once(db))
            helps.append(help_seconds())
        for name, runs in results.items():
            print(f"citizen serve, {name:11s}: ready in {summary([r[0] for r in runs], 's')}, "
                  f"RSS {summary([r[1] for r in runs], 'MB')}")
        print(f"citizen --help: {summary(helps, 's')}")
        print("goal: restart ready in < 1.5 s with < 120 MB RSS, no bot token")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
