"""The `citizen` command: catalogue maintenance, the server, the notifier, the bot, operations."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlmodel import Session

from citizen.bootstrap import prepare_database
from citizen.catalogue.export import export_catalogue
from citizen.catalogue.loading import load_catalogue
from citizen.catalogue.reading import CatalogueInvalid, read_catalogue
from citizen.db import SchemaOutOfDate, schema_revision, session_scope
from citizen.settings import DEV_IIN_KEY, get_settings

if TYPE_CHECKING:
    from citizen.applications import ApplicationError, IllegalTransition


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
    if settings.iin_hash_key.get_secret_value() == DEV_IIN_KEY:
        logging.getLogger("citizen").warning(
            "CITIZEN_IIN_HASH_KEY is the development key: set a secret one in production"
        )
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


def _tokens_create(args: argparse.Namespace) -> int:
    from citizen.applications.tokens import TokenError, create_token

    engine = prepare_database(load=False)
    try:
        with session_scope(engine) as session:
            issued = create_token(session, args.name, args.role)
    except TokenError as exc:
        print(f"citizen tokens: {exc}", file=sys.stderr)
        return 2
    print(f"token {issued.row.name!r} ({issued.row.role}) created; shown once, store it now:")
    print(issued.secret)
    return 0


def _tokens_list(args: argparse.Namespace) -> int:
    from citizen.applications.tokens import list_tokens

    engine = prepare_database(load=False)
    with session_scope(engine) as session:
        rows = list_tokens(session)
    for r in rows:
        state = f"revoked {r.revoked_at:%Y-%m-%d %H:%M}" if r.revoked_at else "active"
        used = f"{r.last_used_at:%Y-%m-%d %H:%M}" if r.last_used_at else "never"
        print(f"{r.name}\t{r.role}\t{r.prefix}…\t{state}\tcreated {r.created_at:%Y-%m-%d}"
              f"\tlast used {used}")
    if not rows:
        print("no tokens")
    return 0


def _tokens_revoke(args: argparse.Namespace) -> int:
    from citizen.applications.tokens import revoke_token

    engine = prepare_database(load=False)
    with session_scope(engine) as session:
        revoked = revoke_token(session, args.name)
    print(f"token {args.name!r} revoked" if revoked else f"no active token named {args.name!r}")
    return 0 if revoked else 1


def _read_iin(args: argparse.Namespace) -> str:
    # Prefer stdin or a prompt: an IIN on the command line stays in the shell history.
    if args.iin:
        return str(args.iin)
    if sys.stdin.isatty():
        import getpass

        return getpass.getpass("IIN: ")
    return sys.stdin.readline().strip()


def _application_failed(exc: ApplicationError | IllegalTransition, locale: str) -> int:
    from citizen.applications.messages import error_text

    print(f"citizen application: {error_text(exc, locale)}\n  ({exc})", file=sys.stderr)
    return 2


def _application_register(args: argparse.Namespace) -> int:
    import datetime as dt

    from citizen.applications import ApplicationError, register_application

    engine = prepare_database()
    locale = args.lang or get_settings().default_locale
    submitted = dt.datetime.fromisoformat(args.submitted_at) if args.submitted_at else None
    try:
        with session_scope(engine) as session:
            app = register_application(
                session,
                service_id=args.service,
                region_id=args.region,
                channel=args.channel,
                iin=_read_iin(args),
                office_id=args.office,
                number=args.number,
                submitted_at=submitted,
                actor="cli",
            )
    except ApplicationError as exc:
        return _application_failed(exc, locale)
    print(f"registered {app.number}: {app.regulation_id} via {app.channel}, "
          f"expected ready on {app.expected_ready_on or 'unknown'} ({app.expected_basis})")
    return 0


def _application_status(args: argparse.Namespace) -> int:
    from citizen.applications import ApplicationError, IllegalTransition, change_status

    engine = prepare_database()
    locale = args.lang or get_settings().default_locale
    try:
        with session_scope(engine) as session:
            result = change_status(
                session,
                args.number,
                args.status,
                # People count steps from 1, as the regulation and the API do.
                step_position=None if args.step is None else args.step - 1,
                delivery=args.delivery,
                office_id=args.office,
                reason_kk=args.reason_kk,
                reason_ru=args.reason_ru,
                actor="cli",
            )
    except (ApplicationError, IllegalTransition) as exc:
        return _application_failed(exc, locale)
    app = result.application
    step = f" (step {app.step_position})" if app.step_position is not None else ""
    print(f"{app.number}: {app.status}{step}; {result.notifications} notification(s) queued")
    return 0


def _application_show(args: argparse.Namespace) -> int:
    from citizen.applications import ApplicationError, get_application
    from citizen.applications.report import describe_application

    engine = prepare_database()
    locale = args.lang or get_settings().default_locale
    try:
        with session_scope(engine) as session:
            text = describe_application(session, get_application(session, args.number))
    except ApplicationError as exc:
        return _application_failed(exc, locale)
    print(text)
    return 0


def _notifier(args: argparse.Namespace) -> int:
    import asyncio
    import signal

    from citizen.notifications.worker import run_notifier

    settings = get_settings()
    if settings.telegram_token is None:
        print("citizen notifier: set CITIZEN_TELEGRAM_TOKEN to the bot's token", file=sys.stderr)
        return 2
    engine = prepare_database(settings)
    if settings.notifier_metrics_port:
        from citizen import metrics

        metrics.serve_in_thread(settings.notifier_metrics_port, metrics.outbox_reader(engine))

    async def run() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        await run_notifier(engine, stop, settings)

    asyncio.run(run())
    return 0


def _migrate(args: argparse.Namespace) -> int:
    """The schema to the newest revision, and the shipped catalogue into an empty database."""
    engine = prepare_database(load=not args.no_catalogue, force_migrate=True)
    current, _head = schema_revision(engine)
    print(f"database schema at revision {current} ({engine.dialect.name})")
    return 0


def _maintenance_prune(args: argparse.Namespace) -> int:
    from citizen.retention import prune

    settings = get_settings()
    engine = prepare_database(settings, load=False)
    report = prune(engine, settings, dry_run=args.dry_run)
    print("would delete:" if args.dry_run else "deleted:")
    for line in report.lines():
        print(f"  {line}")
    return 0


def _application_link(args: argparse.Namespace) -> int:
    import asyncio
    import datetime as dt

    from citizen.applications import ApplicationError
    from citizen.applications.links import create_link, deep_link
    from citizen.notifications.telegram_client import bot_username

    settings = get_settings()
    engine = prepare_database(settings, load=False)
    hours = args.ttl_hours
    ttl = dt.timedelta(hours=hours) if hours else dt.timedelta(
        seconds=settings.subscription_link_ttl_seconds
    )
    locale = args.lang or settings.default_locale
    try:
        with session_scope(engine) as session:
            issued = create_link(session, args.number, actor="cli", ttl=ttl)
    except ApplicationError as exc:
        return _application_failed(exc, locale)
    username = settings.telegram_bot_username
    if username is None and settings.telegram_token is not None:
        token = settings.telegram_token.get_secret_value()
        username = asyncio.run(bot_username(token, settings.telegram_api_url))
    print(f"one-time link for {issued.application.number}, valid until "
          f"{issued.expires_at:%Y-%m-%d %H:%M} UTC; shown once:")
    print(deep_link(username, issued.code) if username else f"start parameter: {issued.code}"
          "  (set CITIZEN_TELEGRAM_BOT_USERNAME for the full t.me link)")
    return 0


def _add_operations_commands(sub: Any) -> None:
    migrate = sub.add_parser(
        "migrate", help="migrate the schema and load an empty catalogue (run once per deploy)"
    )
    migrate.add_argument(
        "--no-catalogue", action="store_true", help="only the schema; load no catalogue"
    )
    migrate.set_defaults(func=_migrate)
    maintenance = sub.add_parser("maintenance", help="database housekeeping")
    m_sub = maintenance.add_subparsers(dest="action", required=True)
    prune = m_sub.add_parser(
        "prune", help="delete rows past their retention (CITIZEN_RETENTION_*), in batches"
    )
    prune.add_argument("--dry-run", action="store_true", help="count, delete nothing")
    prune.set_defaults(func=_maintenance_prune)


def _add_application_commands(sub: Any) -> None:
    from citizen.applications.statuses import ApplicationStatus, ResultDelivery
    from citizen.applications.tokens import Role

    tokens = sub.add_parser("tokens", help="API tokens for provider systems and operators")
    tok_sub = tokens.add_subparsers(dest="action", required=True)
    create = tok_sub.add_parser("create", help="create a token (printed once)")
    create.add_argument("name", help="who uses it, e.g. 'son-karaganda'")
    create.add_argument("--role", choices=[r.value for r in Role], required=True)
    create.set_defaults(func=_tokens_create)
    tok_sub.add_parser("list", help="list tokens (never their values)").set_defaults(
        func=_tokens_list
    )
    revoke = tok_sub.add_parser("revoke", help="revoke a token by name")
    revoke.add_argument("name")
    revoke.set_defaults(func=_tokens_revoke)

    app = sub.add_parser("application", help="register applications and change their status")
    app_sub = app.add_subparsers(dest="action", required=True)
    reg = app_sub.add_parser("register", help="record an accepted application (receipt issued)")
    reg.add_argument("--service", required=True, help="service id, e.g. preschool-queue")
    reg.add_argument("--region", required=True, help="region id, e.g. astana")
    reg.add_argument("--channel", required=True, help="provider_office|state_corporation|portal")
    reg.add_argument("--iin", default=None, help="applicant's IIN (default: read from stdin)")
    reg.add_argument("--office", default=None, help="office id from the catalogue")
    reg.add_argument("--number", default=None, help="receipt number (default: a new one)")
    reg.add_argument("--submitted-at", default=None, help="ISO moment with time zone")
    status = app_sub.add_parser("status", help="change an application's status")
    status.add_argument("number", help="receipt number")
    status.add_argument("status", choices=[s.value for s in ApplicationStatus])
    status.add_argument(
        "--step", type=int, default=None, help="1-based step of the regulation (in_progress)"
    )
    status.add_argument("--delivery", choices=[d.value for d in ResultDelivery], default=None)
    status.add_argument("--office", default=None, help="where a ready result waits")
    status.add_argument("--reason-kk", default=None, help="refusal reason in Kazakh")
    status.add_argument("--reason-ru", default=None, help="refusal reason in Russian")
    show = app_sub.add_parser("show", help="an application, its steps, history and messages")
    show.add_argument("number", help="receipt number")
    link = app_sub.add_parser(
        "link", help="a one-time t.me link that subscribes the chat opening it (no IIN dialogue)"
    )
    link.add_argument("number", help="receipt number")
    link.add_argument("--ttl-hours", type=float, default=None,
                      help="how long it works (default: CITIZEN_SUBSCRIPTION_LINK_TTL_SECONDS)")
    for command, func in ((reg, _application_register), (status, _application_status),
                          (show, _application_show), (link, _application_link)):
        command.add_argument("--lang", choices=["kk", "ru"], default=None,
                             help="language of error messages (default: CITIZEN_DEFAULT_LOCALE)")
        command.set_defaults(func=func)

    notifier = sub.add_parser("notifier", help="deliver status notifications to Telegram")
    notifier.set_defaults(func=_notifier)


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
    _add_application_commands(sub)
    _add_operations_commands(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("alembic").setLevel(logging.WARNING)
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except SchemaOutOfDate as exc:
        print(f"citizen {args.command}: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
