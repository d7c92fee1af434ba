"""The `citizen` command: catalogue maintenance, the server, the notifier and the bot."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from citizen.bootstrap import prepare_database
from citizen.catalogue.export import export_catalogue
from citizen.catalogue.loading import load_catalogue
from citizen.catalogue.reading import CatalogueInvalid, read_catalogue
from citizen.db import session_scope
from citizen.settings import DEV_IIN_KEY, get_settings

if TYPE_CHECKING:
    from citizen.applications import (
        Application,
        ApplicationError,
        IllegalTransition,
        StatusChangeResult,
    )
    from citizen.applications.idempotency import IdempotencyKeyReused


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
    from citizen.catalogue.live import snapshot_of
    from citizen.catalogue.vocabulary import Locale
    from citizen.opendata.cpsv_ap import to_cpsv_ap
    from citizen.opendata.hsds import to_hsds

    engine = prepare_database()
    doc = export_catalogue(snapshot_of(engine))
    if args.format == "cpsv-ap":
        doc = to_cpsv_ap(doc)
    elif args.format == "hsds":
        doc = to_hsds(doc, Locale(args.lang or get_settings().default_locale)).document()
    text = json.dumps(doc, ensure_ascii=False, indent=2 if args.pretty else None)
    if args.output:
        args.output.write_text(text + "\n", encoding="utf-8")
    else:
        sys.stdout.write(text + "\n")
    return 0


def _catalogue_show(args: argparse.Namespace) -> int:
    from citizen.catalogue.live import snapshot_of
    from citizen.catalogue.show import describe_service

    engine = prepare_database()
    catalogue = snapshot_of(engine)
    service = catalogue.service(args.service)
    if service is None:
        print(f"citizen catalogue show: no service {args.service!r}", file=sys.stderr)
        return 1
    regions = [args.region] if args.region else [r.id for r in service.regions]
    print(describe_service(service, regions, args.lang or get_settings().default_locale))
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
    from citizen.graphql.schema import possible_types_json, schema_sdl

    sys.stdout.write(possible_types_json() if args.possible_types else schema_sdl())
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


def _application_failed(
    exc: ApplicationError | IllegalTransition | IdempotencyKeyReused, locale: str
) -> int:
    from citizen.applications.idempotency import IdempotencyKeyReused
    from citizen.applications.messages import error_text
    from citizen.i18n import translator

    if isinstance(exc, IdempotencyKeyReused):
        text = translator()(locale, "idempotency-key-reused", key=exc.key)
    else:
        text = error_text(exc, locale)
    print(f"citizen application: {text}\n  ({exc})", file=sys.stderr)
    return 2


def _application_register(args: argparse.Namespace) -> int:
    import datetime as dt

    from citizen.applications import ApplicationError, register_application
    from citizen.applications.idempotency import IdempotencyKeyReused, run_once_per_key
    from citizen.catalogue.live import snapshot_of

    engine = prepare_database()
    locale = args.lang or get_settings().default_locale
    submitted = dt.datetime.fromisoformat(args.submitted_at) if args.submitted_at else None
    catalogue = snapshot_of(engine)
    iin = _read_iin(args)

    def register() -> Application:
        with session_scope(engine) as session:
            return register_application(
                session,
                catalogue,
                service_id=args.service,
                region_id=args.region,
                channel=args.channel,
                iin=iin,
                office_id=args.office,
                number=args.number,
                submitted_at=submitted,
                actor="cli",
                idempotency_key=args.idempotency_key,
            )

    try:
        app = run_once_per_key(register)
    except (ApplicationError, IdempotencyKeyReused) as exc:
        return _application_failed(exc, locale)
    print(f"registered {app.number}: {app.regulation_id} via {app.channel}, "
          f"expected ready on {app.expected_ready_on or 'unknown'} ({app.expected_basis})")
    return 0


def _application_status(args: argparse.Namespace) -> int:
    from citizen.applications import ApplicationError, IllegalTransition, change_status
    from citizen.applications.idempotency import IdempotencyKeyReused, run_once_per_key
    from citizen.catalogue.live import snapshot_of

    engine = prepare_database()
    locale = args.lang or get_settings().default_locale
    catalogue = snapshot_of(engine)

    def change() -> StatusChangeResult:
        with session_scope(engine) as session:
            return change_status(
                session,
                catalogue,
                args.number,
                args.status,
                step=args.step,  # the regulation's number, as on the card and in the API
                delivery=args.delivery,
                office_id=args.office,
                reason_kk=args.reason_kk,
                reason_ru=args.reason_ru,
                actor="cli",
                idempotency_key=args.idempotency_key,
            )

    try:
        result = run_once_per_key(change)
    except (ApplicationError, IllegalTransition, IdempotencyKeyReused) as exc:
        return _application_failed(exc, locale)
    app = result.application
    step = f" (step {app.step_number})" if app.step_number is not None else ""
    if result.replayed:
        print(f"{app.number}: {app.status}{step}; already changed with this idempotency key, "
              "nothing queued again")
        return 0
    print(f"{app.number}: {app.status}{step}; {result.notifications} notification(s) queued")
    return 0


def _application_show(args: argparse.Namespace) -> int:
    from citizen.applications import ApplicationError, get_application
    from citizen.applications.report import describe_application
    from citizen.catalogue.live import snapshot_of

    engine = prepare_database()
    locale = args.lang or get_settings().default_locale
    catalogue = snapshot_of(engine)
    try:
        with session_scope(engine) as session:
            app = get_application(session, args.number)
            text = describe_application(session, catalogue, app, locale)
    except ApplicationError as exc:
        return _application_failed(exc, locale)
    print(text)
    return 0


def _notifier(args: argparse.Namespace) -> int:
    import asyncio
    import signal

    from citizen.applications.notices import render_notice
    from citizen.catalogue.live import LiveCatalogue
    from citizen.notifications.worker import run_notifier

    settings = get_settings()
    if settings.telegram_token is None:
        print("citizen notifier: set CITIZEN_TELEGRAM_TOKEN to the bot's token", file=sys.stderr)
        return 2
    engine = prepare_database(settings)
    catalogue = LiveCatalogue(engine, settings.catalogue_refresh_interval)

    async def run() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        await catalogue.refresh()
        refresher = asyncio.create_task(catalogue.keep_fresh())
        try:
            await run_notifier(
                engine, lambda s, n: render_notice(s, catalogue.current, n), stop, settings
            )
        finally:
            refresher.cancel()

    asyncio.run(run())
    return 0


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
    # Lower case as stored, or upper case as the API writes it (RESULT_READY): both work.
    status.add_argument(
        "status", type=str.lower, choices=[s.value for s in ApplicationStatus]
    )
    status.add_argument(
        "--step", type=int, default=None, help="1-based step of the regulation (in_progress)"
    )
    status.add_argument("--delivery", choices=[d.value for d in ResultDelivery], default=None)
    status.add_argument("--office", default=None, help="where a ready result waits")
    status.add_argument("--reason-kk", default=None, help="refusal reason in Kazakh")
    status.add_argument("--reason-ru", default=None, help="refusal reason in Russian")
    for command in (reg, status):
        command.add_argument(
            "--idempotency-key", default=None,
            help="a key of your own: a retry with the same key and input changes nothing again",
        )
    show = app_sub.add_parser("show", help="an application, its steps, history and messages")
    show.add_argument("number", help="receipt number")
    for command, func in ((reg, _application_register), (status, _application_status),
                          (show, _application_show)):
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
    export = cat_sub.add_parser("export", help="print the whole catalogue as open data")
    export.add_argument(
        "--format", choices=["json", "cpsv-ap", "hsds"], default="json",
        help="json: Citizen's own format 1 (default); cpsv-ap: CPSV-AP 3.2.0 JSON-LD, both "
        "languages; hsds: Open Referral HSDS 3.0 JSON in one language (--lang)",
    )
    export.add_argument("--lang", choices=["kk", "ru"], default=None,
                        help="language of the hsds export (default: CITIZEN_DEFAULT_LOCALE)")
    export.add_argument("--pretty", action="store_true", help="indent the JSON")
    export.add_argument("-o", "--output", type=Path, default=None, help="write to a file")
    export.set_defaults(func=_catalogue_export)
    show = cat_sub.add_parser(
        "show", help="a service's channels, how long on each, and its numbered steps"
    )
    show.add_argument("service", help="service id, e.g. preschool-queue")
    show.add_argument("--region", default=None, help="one region (default: every region)")
    show.add_argument("--lang", choices=["kk", "ru"], default=None, help="default: kk")
    show.set_defaults(func=_catalogue_show)
    serve = sub.add_parser("serve", help="run the HTTP server: GraphQL API (and the bot)")
    serve.add_argument("--host", default=None, help="default: CITIZEN_HOST or 127.0.0.1")
    serve.add_argument("--port", type=int, default=None, help="default: CITIZEN_PORT or 8000")
    serve.set_defaults(func=_serve)
    bot = sub.add_parser("bot", help="run the Telegram bot with long polling (development)")
    bot.set_defaults(func=_bot)
    schema = sub.add_parser("schema", help="print the GraphQL schema (SDL)")
    schema.add_argument(
        "--possible-types",
        action="store_true",
        help="print Apollo Client's possibleTypes (JSON) instead: every union and interface "
        "with its member types (kept as possibleTypes.json)",
    )
    schema.set_defaults(func=_schema)
    _add_application_commands(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("alembic").setLevel(logging.WARNING)
    args = build_parser().parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    raise SystemExit(main())
