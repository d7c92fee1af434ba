"""The `citizen` command: catalogue maintenance, the server, the notifier and the bot."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from sqlmodel import Session

from citizen.bootstrap import prepare_database
from citizen.catalogue.export import export_catalogue
from citizen.catalogue.loading import load_catalogue
from citizen.catalogue.reading import CatalogueInvalid, read_catalogue
from citizen.settings import get_settings


def _report_invalid(exc: CatalogueInvalid) -> int:
    for problem in exc.problems:
        print(problem, file=sys.stderr)
    print(f"catalogue invalid: {len(exc.problems)} problem(s); nothing loaded", file=sys.stderr)
    return 1


def _catalogue_check(args: argparse.Namespace) -> int:
    try:
        data = read_catalogue(args.data)
    except CatalogueInvalid as exc:
        return _report_invalid(exc)
    regs = sum(len(s.regulations) for s in data.services)
    print(
        f"catalogue ok: {len(data.services)} services, {regs} regional regulations, "
        f"{len(data.acts)} legal acts, {len(data.offices.offices)} offices, "
        f"version {data.version}"
    )
    return 0


def _catalogue_load(args: argparse.Namespace) -> int:
    engine = prepare_database(load=False)
    try:
        report = load_catalogue(engine, args.data, force=args.force)
    except CatalogueInvalid as exc:
        return _report_invalid(exc)
    state = "loaded" if report.changed else "already loaded, nothing changed"
    print(
        f"catalogue {state}: {report.services} services, {report.regulations} regional "
        f"regulations, version {report.version}"
    )
    return 0


def _catalogue_export(args: argparse.Namespace) -> int:
    engine = prepare_database()
    with Session(engine) as session:
        doc = export_catalogue(session)
    text = json.dumps(doc, ensure_ascii=False, indent=2 if args.pretty else None)
    if args.output:
        args.output.write_text(text + "\n", encoding="utf-8")
    else:
        sys.stdout.write(text + "\n")
    return 0


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from citizen.web.app import create_app

    settings = get_settings()
    engine = prepare_database(settings)
    app = create_app(settings, engine)
    host = args.host or settings.host
    port = args.port or settings.port
    print(f"Citizen API on http://{host}:{port}/graphql  (database: {engine.url!r})")
    uvicorn.run(app, host=host, port=port, log_level="info")
    return 0


def _bot(args: argparse.Namespace) -> int:
    import asyncio

    from citizen.bot.polling import run_polling

    settings = get_settings()
    if settings.telegram_token is None:
        print("citizen bot: set CITIZEN_TELEGRAM_TOKEN to the bot's token", file=sys.stderr)
        return 2
    asyncio.run(run_polling(settings))
    return 0


def _schema(args: argparse.Namespace) -> int:
    from citizen.graphql.schema import schema_sdl

    sys.stdout.write(schema_sdl())
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="citizen", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    cat = sub.add_parser("catalogue", help="check, load and export the service catalogue")
    cat_sub = cat.add_subparsers(dest="action", required=True)
    check = cat_sub.add_parser("check", help="validate the data files without touching the db")
    check.add_argument("--data", type=Path, default=None, help="data directory (default: shipped)")
    check.set_defaults(func=_catalogue_check)
    load = cat_sub.add_parser("load", help="load the data files into the database atomically")
    load.add_argument("--data", type=Path, default=None, help="data directory (default: shipped)")
    load.add_argument("--force", action="store_true", help="reload even if the version matches")
    load.set_defaults(func=_catalogue_load)
    export = cat_sub.add_parser("export", help="print the whole catalogue as JSON (open data)")
    export.add_argument("--pretty", action="store_true", help="indent the JSON")
    export.add_argument("-o", "--output", type=Path, default=None, help="write to a file")
    export.set_defaults(func=_catalogue_export)
    serve = sub.add_parser("serve", help="run the HTTP server: GraphQL API (and the bot)")
    serve.add_argument("--host", default=None, help="default: CITIZEN_HOST or 127.0.0.1")
    serve.add_argument("--port", type=int, default=None, help="default: CITIZEN_PORT or 8000")
    serve.set_defaults(func=_serve)
    bot = sub.add_parser("bot", help="run the Telegram bot with long polling (development)")
    bot.set_defaults(func=_bot)
    schema = sub.add_parser("schema", help="print the GraphQL schema (SDL)")
    schema.set_defaults(func=_schema)
    return parser


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("alembic").setLevel(logging.WARNING)
    args = build_parser().parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    raise SystemExit(main())
