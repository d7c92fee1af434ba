"""The `citizen` command: catalogue maintenance, the server, the notifier and the bot."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from citizen.catalogue.reading import CatalogueInvalid, read_catalogue


def _catalogue_check(args: argparse.Namespace) -> int:
    try:
        data = read_catalogue(args.data)
    except CatalogueInvalid as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(f"catalogue invalid: {len(exc.problems)} problem(s)", file=sys.stderr)
        return 1
    regs = sum(len(s.regulations) for s in data.services)
    print(f"catalogue ok: {len(data.services)} services, {regs} regional regulations, "
          f"{len(data.acts)} legal acts, version {data.version}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="citizen", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    cat = sub.add_parser("catalogue", help="check, load and export the service catalogue")
    cat_sub = cat.add_subparsers(dest="action", required=True)
    check = cat_sub.add_parser("check", help="validate the data files without touching the db")
    check.add_argument("--data", type=Path, default=None, help="data directory (default: shipped)")
    check.set_defaults(func=_catalogue_check)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    raise SystemExit(main())
