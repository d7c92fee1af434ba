"""Lookups that write, eight at once, on SQLite: this version against another one.

Each lookup of an unknown receipt number writes a throttle row, so eight threads sending them
without pause keep eight write transactions of one server wanting SQLite's single write lock,
beside a stream of catalogue and health requests (`held_lock.measure`, no lock held by anyone
else). The server is `citizen serve` with the response cache off and a lock timeout of 1 s, as
in `held_lock.py`, on a fresh file each run. With `--baseline DIR` (another version's tree,
e.g. `git archive <commit> | tar -x -C DIR`) the two versions alternate over rounds, in turn
first. Per run: lookups answered, their statuses, p95 and max.

    .venv/bin/python bench/sqlite_writers.py [--rounds 3] [--requests 300] [--baseline DIR]
"""

from __future__ import annotations

import argparse
import collections
import os
import statistics
import tempfile
from pathlib import Path

from held_lock import measure, serving


def one_run(src: Path | None, requests: int) -> tuple[int, dict[int, int], float, float]:
    if src is None:
        os.environ.pop("PYTHONPATH", None)
    else:
        os.environ["PYTHONPATH"] = str(src)  # ahead of this tree's editable install
    url = f"sqlite:///{Path(tempfile.mkdtemp(prefix='citizen-writers-')) / 'bench.db'}"
    with serving(url, cache=False) as base:
        samples = measure(base, base, ["preschool-queue"], requests)["lookup"]
    times = sorted(t for t, _ in samples)
    statuses = dict(sorted(collections.Counter(s for _, s in samples).items()))
    return len(times), statuses, times[int(0.95 * (len(times) - 1))], times[-1]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--requests", type=int, default=300, help="catalogue requests per run")
    ap.add_argument("--baseline", type=Path, help="another version's tree (DIR/src is used)")
    args = ap.parse_args()
    versions: dict[str, Path | None] = {"this version": None}
    if args.baseline is not None:
        versions["baseline"] = args.baseline.resolve() / "src"
    got: dict[str, list[tuple[int, dict[int, int], float, float]]] = {v: [] for v in versions}
    for n in range(args.rounds):
        order = list(versions.items())
        order = order[n % len(order):] + order[: n % len(order)]
        for name, src in order:
            run = one_run(src, args.requests)
            got[name].append(run)
            print(f"round {n + 1} {name:12s}: {run[0]} lookups, statuses {run[1]}, "
                  f"p95 {run[2]:.0f} ms, max {run[3]:.0f} ms", flush=True)
    for name, runs in got.items():
        p95s, maxes = [r[2] for r in runs], [r[3] for r in runs]
        refused = sum(count for r in runs for status, count in r[1].items() if status != 200)
        print(f"{name:12s}: p95 median {statistics.median(p95s):.0f} ms "
              f"({min(p95s):.0f}-{max(p95s):.0f}), max median {statistics.median(maxes):.0f} ms "
              f"({min(maxes):.0f}-{max(maxes):.0f}), not 200: {refused} of "
              f"{sum(r[0] for r in runs)}")


if __name__ == "__main__":
    main()
