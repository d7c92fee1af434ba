"""Send budget benchmark: several `citizen notifier` processes, one bot, one rate (PostgreSQL).

    .venv/bin/python bench/send_budget.py [--rate 25] [--messages 300] [--rounds 2]
        [--samples 30] [--baseline DIR]
        [--database-url postgresql://postgres@127.0.0.1:5432/test]

With `--baseline DIR` (a copy of another version's tree, e.g. `git archive main | tar -x -C
/tmp/old`: its locales and data too), every run is repeated with the notifier processes
importing `citizen` from DIR/src, interleaved, so that both versions meet the same load on this
shared machine.

1. Shared budget: for two and three worker processes (interleaved, `--rounds` each), MESSAGES
   notifications to as many chats are queued, then the workers deliver them through the fake
   Telegram Bot API, which enforces the same rate (a 429 for any send past RATE in one second).
   Printed per run: delivered rate / configured rate (between the first and last delivery), the
   most deliveries in any one-second window (and the most sends tried, refused ones included:
   the fake accepts no more than RATE, so a send too many shows only there and as a 429), the
   429s and the load average; then median and range.
2. Wake-up across processes (skipped with `--samples 0`): one idle notifier process; this
   process commits a status change and waits for the message at the fake Bot API. Printed:
   median, p95, max of change committed -> message at the Bot API, with the default poll
   interval (the fallback).
"""

from __future__ import annotations

import argparse
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import Engine

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # for tests.support (the fake Bot API and test helpers)

from tests.support.applications import catalogue_for, register, valid_iin  # noqa: E402
from tests.support.fake_bot_api import SEND_METHODS, FakeBotAPI  # noqa: E402

from citizen.applications import change_status, subscribe_chat  # noqa: E402
from citizen.catalogue.loading import load_catalogue  # noqa: E402
from citizen.db import make_engine, migrate, session_scope  # noqa: E402
from citizen.notifications import outbox  # noqa: E402

TOKEN = "31337:send-budget-bench"

def fake_limit(rate: float) -> float:
    """The fake's `global_rate` that refuses the (rate + 1)-th send in a second (it allows 10 %
    over its setting, like Telegram measured after network jitter)."""
    return (rate - 0.5) / 1.1


def _schema(url: str) -> tuple[Engine, str, str]:
    schema = f"bench_{uuid.uuid4().hex[:8]}"
    admin = make_engine(url)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    admin.dispose()
    sep = "&" if "?" in url else "?"
    scoped = f"{url}{sep}options=-csearch_path%3D{schema}"
    engine = make_engine(scoped)
    migrate(engine)
    load_catalogue(engine)
    return engine, scoped, schema


def _drop(url: str, schema: str) -> None:
    admin = make_engine(url)
    with admin.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


def _subscribed(engine: Engine, first_chat: int, count: int) -> list[str]:
    numbers = []
    with session_scope(engine) as session:
        for i in range(count):
            number = register(session, first_chat + i).number
            assert subscribe_chat(session, first_chat + i, number, valid_iin(first_chat + i)).found
            numbers.append(number)
    return numbers


def _workers(
    url: str, fake: FakeBotAPI, count: int, rate: float, logs: Path, src: Path | None = None
) -> list[subprocess.Popen[bytes]]:
    # Ahead of the installed (editable) package, so that the workers run that version.
    path = {"PYTHONPATH": str(src)} if src is not None else {}
    env = {
        **os.environ,
        **path,
        "CITIZEN_DATABASE_URL": url,
        "CITIZEN_TELEGRAM_TOKEN": TOKEN,
        "CITIZEN_TELEGRAM_API_URL": fake.base_url,
        "CITIZEN_NOTIFIER_GLOBAL_RATE": str(rate),
        "CITIZEN_MIGRATE_ON_START": "false",
    }
    procs = []
    for i in range(count):
        with (logs / f"worker-{count}-{i}.log").open("ab") as out:
            procs.append(subprocess.Popen([sys.executable, "-m", "citizen.cli", "notifier"],
                                          env=env, stdout=out, stderr=subprocess.STDOUT))
    return procs


def _stop(procs: list[subprocess.Popen[bytes]]) -> None:
    for proc in procs:
        proc.send_signal(signal.SIGTERM)
    for proc in procs:
        proc.wait(30)


def max_in_window(moments: list[float], width: float = 1.0) -> int:
    moments = sorted(moments)
    best, start = 0, 0
    for end, at in enumerate(moments):
        while at - moments[start] >= width:
            start += 1
        best = max(best, end - start + 1)
    return best


def shared_budget_run(
    args: argparse.Namespace, workers: int, logs: Path, src: Path | None = None
) -> dict[str, float]:
    engine, url, schema = _schema(args.database_url)
    try:
        numbers = _subscribed(engine, 100_000, args.messages)
        with FakeBotAPI(latency=args.latency, enforce_limits=True,
                        global_rate=fake_limit(args.rate)) as fake:
            procs = _workers(url, fake, workers, args.rate, logs, src)
            try:
                time.sleep(3)  # the workers start (imports, connections) before the load comes
                with session_scope(engine) as session:
                    for number in numbers:
                        catalogue = catalogue_for(session)
                        change_status(session, catalogue, number, "in_progress", step=1)
                deadline = time.monotonic() + args.messages / args.rate * 3 + 30
                while time.monotonic() < deadline and len(fake.messages) < args.messages:
                    time.sleep(0.2)
            finally:
                _stop(procs)
            # When each accepted send reached the Bot API: what Telegram counts.
            stamps = sorted(c.at for c in fake.calls if c.method in SEND_METHODS and
                            c.status == 200)
            refused = sum(1 for c in fake.calls if c.status == 429)
            # Refused sends too: the fake never accepts more than RATE in a second, so counting
            # accepted ones alone could not show a send too many.
            tried = [c.at for c in fake.calls if c.method in SEND_METHODS]
        with session_scope(engine) as session:
            counts = outbox.state_counts(session)
    finally:
        engine.dispose()
        _drop(args.database_url, schema)
    span = stamps[-1] - stamps[0]
    return {
        "delivered": len(stamps),
        "fraction": (len(stamps) - 1) / span / args.rate if span > 0 else float("nan"),
        "max_window": max_in_window(stamps),
        "max_tried": max_in_window(tried),
        "refused": refused,
        "pending": sum(counts.get(s, 0) for s in outbox.ACTIVE),
    }


def wake_up_latency(args: argparse.Namespace, logs: Path) -> list[float]:
    engine, url, schema = _schema(args.database_url)
    delays: list[float] = []
    try:
        numbers = _subscribed(engine, 200_000, args.samples)
        with FakeBotAPI(latency=args.latency) as fake:
            procs = _workers(url, fake, 1, args.rate, logs)
            try:
                time.sleep(3)
                for i, number in enumerate(numbers):
                    with session_scope(engine) as session:
                        catalogue = catalogue_for(session)
                        change_status(session, catalogue, number, "in_progress", step=1)
                    committed = time.monotonic()
                    message = fake.wait_for_message(200_000 + i, 1, timeout=30)
                    delays.append(message.at - committed)
                    time.sleep(0.25)
            finally:
                _stop(procs)
    finally:
        engine.dispose()
        _drop(args.database_url, schema)
    return delays


def _summary(values: list[float], fmt: str) -> str:
    return (f"median {fmt.format(statistics.median(values))} "
            f"(range {fmt.format(min(values))} - {fmt.format(max(values))})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rate", type=float, default=25.0, help="configured rate for the bot")
    parser.add_argument("--messages", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--latency", type=float, default=0.05, help="seconds per Bot API call")
    parser.add_argument("--samples", type=int, default=30, help="wake-up samples (0: none)")
    parser.add_argument("--database-url", default="postgresql://postgres@127.0.0.1:5432/test")
    parser.add_argument("--baseline", type=Path, help="another version's tree (DIR/src), "
                        "run interleaved with this one")
    args = parser.parse_args()
    logs = Path(tempfile.mkdtemp(prefix="citizen-send-budget-"))
    print(f"send budget: {args.messages} messages to as many chats, configured rate "
          f"{args.rate:g}/s for the bot, the fake Bot API refuses more than that in a second "
          f"(429), {args.latency * 1000:.0f} ms per call; logs in {logs}")
    versions: dict[str, Path | None] = {"this": None}
    if args.baseline is not None:
        versions["baseline"] = args.baseline.resolve() / "src"
    results: dict[tuple[str, int], list[dict[str, float]]] = {
        (name, workers): [] for name in versions for workers in (2, 3)
    }
    for round_ in range(args.rounds):
        for workers in (2, 3):  # interleaved
            for name, src in versions.items():
                run = shared_budget_run(args, workers, logs, src)
                results[name, workers].append(run)
                print(f"  round {round_ + 1}, {name}, {workers} workers: delivered "
                      f"{run['delivered']:.0f}, rate {run['fraction']:.3f} of configured, max in "
                      f"1 s {run['max_window']:.0f} (tried {run['max_tried']:.0f}, limit "
                      f"{args.rate:g}), 429s {run['refused']:.0f}, left {run['pending']:.0f}, "
                      f"load {os.getloadavg()[0]:.2f}", flush=True)
    for (name, workers), runs in results.items():
        print(f"{name}, {workers} workers: rate/configured "
              f"{_summary([r['fraction'] for r in runs], '{:.3f}')}; "
              f"max in any 1 s {max(r['max_window'] for r in runs):.0f} "
              f"(tried {max(r['max_tried'] for r in runs):.0f}); "
              f"429s {sum(r['refused'] for r in runs):.0f} "
              f"(in {sum(r['refused'] > 0 for r in runs)} of {len(runs)} runs)")
    if args.samples <= 0:
        return
    delays = sorted(wake_up_latency(args, logs))
    p95 = delays[max(0, int(len(delays) * 0.95) - 1)]
    print(f"status change committed here -> message at the Bot API from a notifier process "
          f"({len(delays)} samples): median {statistics.median(delays) * 1000:.0f} ms, "
          f"p95 {p95 * 1000:.0f} ms, max {delays[-1] * 1000:.0f} ms")


if __name__ == "__main__":
    main()
