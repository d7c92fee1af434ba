"""Soak: the deployed topology on PostgreSQL under Bot API faults, a worker killed, an API
process restarted mid-run (see tests/support/soak.py for what happens when).

    .venv/bin/python bench/soak.py [--applications 200] [--changes 3] [--rate 25]
        [--database-url postgresql://postgres@127.0.0.1:5432/test]

Printed: messages lost (must be 0), duplicates (at most the messages in flight at the kill),
sends to the blocked chat after its 403 (must be 0), and whether a dialogue interrupted by the
restart of the webhook's API process continued.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import uuid
from pathlib import Path

from sqlalchemy import text

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # for tests.support (the fake Bot API, the topology)

from tests.support.soak import SoakConfig, run_soak  # noqa: E402

from citizen.db import make_engine  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--applications", type=int, default=200)
    parser.add_argument("--changes", type=int, default=3)
    parser.add_argument("--rate", type=float, default=25.0)
    parser.add_argument("--fault-rate", type=float, default=0.1)
    parser.add_argument("--database-url", default="postgresql://postgres@127.0.0.1:5432/test")
    args = parser.parse_args()
    schema = f"soak_{uuid.uuid4().hex[:8]}"
    admin = make_engine(args.database_url)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in args.database_url else "?"
    url = f"{args.database_url}{sep}options=-csearch_path%3D{schema}"
    logs = Path(tempfile.mkdtemp(prefix="citizen-soak-"))
    config = SoakConfig(applications=args.applications, changes=args.changes, rate=args.rate,
                        fault_rate=args.fault_rate)
    print(f"soak: {config.applications} applications x {config.changes} status changes, "
          f"2 serve + 2 notifier processes, {config.fault_rate:.0%} of sends faulted, "
          f"rate {config.rate:g}/s; logs in {logs}")
    try:
        report = run_soak(config, url, logs)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
    for line in report.lines():
        print(f"  {line}")


if __name__ == "__main__":
    main()
