"""The `citizen` command: catalogue maintenance, the server, the notifier, the bot, operations."""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import logging
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

# Only the standard library at the top: `citizen --help` and a mistyped argument answer at
# once. Each command imports what it uses (SQLAlchemy, pydantic, strawberry, numpy…) itself.
if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from citizen.applications import (
        Application,
        ApplicationError,
        IllegalTransition,
        StatusChangeResult,
    )
    from citizen.applications.idempotency import IdempotencyKeyReused
    from citizen.catalogue.loading import Orphaned
    from citizen.catalogue.reading import CatalogueInvalid
    from citizen.settings import Settings


class Refused(SystemExit):
    """Stop with one line on stderr that says what to fix (exit code 2), no traceback."""

    def __init__(self, line: str):
        print(f"citizen: {line}", file=sys.stderr)
        super().__init__(2)


def _database(
    settings: Settings | None = None, load: bool = True, *, force_migrate: bool = False
) -> Engine:
    """The migrated database, or one line that says what is wrong with CITIZEN_DATABASE_URL."""
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError

    from citizen import bootstrap
    from citizen.db import DatabaseUnavailable
    from citizen.settings import get_settings

    settings = settings or get_settings()
    where = _safe_url(settings.database_url)
    try:
        return bootstrap.prepare_database(settings, load=load, force_migrate=force_migrate)
    except (ArgumentError, NoSuchModuleError, ValueError) as exc:
        raise Refused(
            f"CITIZEN_DATABASE_URL {where} is not a database URL we can use "
            f"({_first_line(exc)}); e.g. sqlite:///citizen.db or postgresql://user@host:5432/db"
        ) from None
    except (SQLAlchemyError, DatabaseUnavailable, OSError) as exc:
        raise Refused(
            f"cannot open the database at {where} ({_first_line(exc)}): check "
            "CITIZEN_DATABASE_URL, that the server runs and accepts this user, and file rights"
        ) from None


def _safe_url(url: str) -> str:
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return repr(url.split("://")[0] + "://…")


def _first_line(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None) or exc
    text = str(orig).strip().splitlines()
    return f"{type(orig).__name__}: {text[0][:200]}" if text else type(orig).__name__


def _report_invalid(exc: CatalogueInvalid) -> int:
    for problem in exc.problems:
        print(problem, file=sys.stderr)
    print(f"catalogue invalid: {len(exc.problems)} problem(s); nothing loaded", file=sys.stderr)
    return 1


def _data_dir(args: argparse.Namespace) -> Path | None:
    """The catalogue files: --data, else CITIZEN_CATALOGUE_DIR, else the shipped ones."""
    from citizen.settings import get_settings

    return args.data or get_settings().catalogue_dir


def _catalogue_check(args: argparse.Namespace) -> int:
    from citizen.catalogue.reading import CatalogueInvalid, read_catalogue

    try:
        data = read_catalogue(_data_dir(args))
    except CatalogueInvalid as exc:
        return _report_invalid(exc)
    regs = sum(len(s.regulations) for s in data.services)
    print(
        f"catalogue ok: {len(data.services)} services, {regs} regional regulations, "
        f"{len(data.acts)} legal acts, {len(data.offices.offices)} offices, "
        f"version {data.version}"
    )
    return 0


_ORPHANS_FATE = (
    "those applications keep their history and statuses, but their service/regulation "
    "links then point at entries that are no longer in the catalogue"
)


def _orphan_lines(orphaned: tuple[Orphaned, ...] | list[Orphaned]) -> list[str]:
    return [f"  {o.kind} {o.id}: {o.applications} application(s)" for o in orphaned]


# A load is an operator's command, not a request: on a large catalogue one bulk statement may
# run longer than the servers' statement timeout (CITIZEN_DB_STATEMENT_TIMEOUT, PostgreSQL).
LOAD_STATEMENT_TIMEOUT = 600.0  # seconds


def _catalogue_load(args: argparse.Namespace) -> int:
    from citizen.catalogue.loading import CatalogueInUse, load_catalogue
    from citizen.catalogue.reading import CatalogueInvalid
    from citizen.settings import get_settings

    settings = get_settings()
    timeout = max(settings.db_statement_timeout, LOAD_STATEMENT_TIMEOUT)
    engine = _database(settings.model_copy(update={"db_statement_timeout": timeout}), load=False)
    try:
        report = load_catalogue(engine, _data_dir(args), force=args.force)
    except CatalogueInvalid as exc:
        return _report_invalid(exc)
    except CatalogueInUse as exc:
        lines = [f"catalogue load refused: {exc}:", *_orphan_lines(exc.orphaned)]
        lines.append(f"Nothing was changed. With --force it loads anyway: {_ORPHANS_FATE}.")
        print("\n".join(lines), file=sys.stderr)
        return 1
    state = "loaded" if report.changed else "already loaded, nothing changed"
    print(
        f"catalogue {state}: {report.services} services, {report.regulations} regional "
        f"regulations, version {report.version}"
    )
    if report.orphaned:
        print(f"forced: applications refer to what was removed; {_ORPHANS_FATE}:")
        print("\n".join(_orphan_lines(report.orphaned)))
    return 0


def _days(text: str) -> int:
    """'180d' -> 180: the only unit is days, written as the brief writes it."""
    match = re.fullmatch(r"(\d{1,5})d", text.strip())
    if not match:
        raise argparse.ArgumentTypeError(f"expected a number of days like 180d, got {text!r}")
    return int(match.group(1))


def _catalogue_stale(args: argparse.Namespace) -> int:
    """Services whose 'what applies today' record was checked too long ago, or never."""
    from citizen.catalogue.reading import CatalogueInvalid, read_catalogue

    try:
        data = read_catalogue(_data_dir(args))
    except CatalogueInvalid as exc:
        return _report_invalid(exc)
    limit = dt.date.today() - dt.timedelta(days=args.older_than)
    for svc in data.services:
        if svc.current is None:
            print(f"{svc.id}\tnever checked")
        elif svc.current.checked_on < limit:
            print(f"{svc.id}\t{svc.current.checked_on.isoformat()}")
    return 0


def _catalogue_export(args: argparse.Namespace) -> int:
    from citizen.catalogue.export import export_catalogue
    from citizen.catalogue.live import snapshot_of
    from citizen.catalogue.vocabulary import Locale
    from citizen.opendata.cpsv_ap import to_cpsv_ap
    from citizen.opendata.hsds import to_hsds
    from citizen.settings import get_settings

    engine = _database()
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
    from citizen.settings import get_settings

    engine = _database()
    catalogue = snapshot_of(engine)
    service = catalogue.service(args.service)
    if service is None:
        print(f"citizen catalogue show: no service {args.service!r}", file=sys.stderr)
        return 1
    regions = [args.region] if args.region else [r.id for r in service.regions]
    print(describe_service(service, regions, args.lang or get_settings().default_locale))
    return 0


def _serve(args: argparse.Namespace) -> int:
    # Start-up builds hundreds of thousands of long-lived objects (modules, schema, snapshot):
    # the cyclic collector would walk them again and again for nothing. It is switched back
    # on, with all of them frozen out of its way, once the first snapshot is built
    # (`web.app.started`).
    gc.disable()
    from citizen.logs import configure_logging
    from citizen.settings import get_settings
    from citizen.web.app import create_app
    from citizen.web.console import ConsoleSettingsError
    from citizen.web.server import uvicorn_config

    base = get_settings()
    settings = base.model_copy(
        update={"host": args.host or base.host, "port": args.port or base.port}
    )
    configure_logging(settings.log_format_chosen)
    _refuse_unsafe_start(settings)
    engine = _database(settings)
    _check_iin_keys(engine, settings)
    try:
        app = create_app(settings, engine)
    except ConsoleSettingsError as exc:  # e.g. the development console secret in production
        raise Refused(str(exc)) from None
    mode = "production" if settings.production else "development"
    logging.getLogger("citizen").info(
        "Citizen API on http://%s:%s/graphql (%s; database %s)",
        settings.host, settings.port, mode, _safe_url(settings.database_url),
    )
    import uvicorn

    uvicorn.Server(uvicorn_config(app, settings, settings.host, settings.port)).run()
    return 0


def _refuse_unsafe_start(settings: Settings) -> None:
    """In production, the public development IIN key would make every stored hash reversible."""
    from citizen.settings import DEV_IIN_KEY

    if DEV_IIN_KEY.encode() not in settings.iin_keys:
        return
    if settings.production:
        raise Refused(
            "refusing to start in production with the development IIN key: set "
            "CITIZEN_IIN_HASH_KEY to a long random secret (or CITIZEN_ENVIRONMENT=development "
            "for a trial on a non-loopback address)"
        )
    logging.getLogger("citizen").warning(
        "CITIZEN_IIN_HASH_KEY is the development key: never use it with real applicants"
    )


def _check_iin_keys(engine: Engine, settings: Settings) -> None:
    from citizen.applications.rotation import IinKeysMismatch, check_iin_keys
    from citizen.db import session_scope

    try:
        with session_scope(engine) as session:
            check_iin_keys(session, settings.iin_keys)
    except IinKeysMismatch as exc:
        raise Refused(str(exc)) from None


def _bot(args: argparse.Namespace) -> int:
    import asyncio

    from citizen.bot.polling import run_polling
    from citizen.logs import configure_logging
    from citizen.settings import get_settings

    settings = get_settings()
    configure_logging(settings.log_format_chosen)
    if settings.telegram_token is None:
        print("citizen bot: set CITIZEN_TELEGRAM_TOKEN to the bot's token", file=sys.stderr)
        return 2
    _refuse_unsafe_start(settings)
    _check_iin_keys(_database(settings), settings)
    asyncio.run(run_polling(settings))
    return 0


def _schema(args: argparse.Namespace) -> int:
    from citizen.graphql.schema import possible_types_json, schema_sdl

    sys.stdout.write(possible_types_json() if args.possible_types else schema_sdl())
    return 0


def _tokens_create(args: argparse.Namespace) -> int:
    from citizen.applications.tokens import ALL_REGIONS, TokenError, create_token, describe_scope
    from citizen.db import session_scope

    engine = _database()  # the scope is checked against the catalogue's regions and services
    regions = [ALL_REGIONS] if args.all_regions else args.region
    try:
        with session_scope(engine) as session:
            issued = create_token(
                session,
                args.name,
                args.role,
                regions=regions,
                services=args.service,
                grants=args.grant,
            )
    except TokenError as exc:
        print(f"citizen tokens: {exc}", file=sys.stderr)
        return 2
    row = issued.row
    print(f"token {row.name!r} ({row.role}, {describe_scope(row)}) created; shown once, "
          "store it now:")
    print(issued.secret)
    return 0


def _tokens_list(args: argparse.Namespace) -> int:
    from citizen.applications.tokens import describe_scope, list_tokens
    from citizen.db import session_scope

    engine = _database(load=False)
    with session_scope(engine) as session:
        rows = list_tokens(session)
    for r in rows:
        state = f"revoked {r.revoked_at:%Y-%m-%d %H:%M}" if r.revoked_at else "active"
        used = f"{r.last_used_at:%Y-%m-%d %H:%M}" if r.last_used_at else "never"
        print(f"{r.name}\t{r.role}\t{describe_scope(r)}\t{r.prefix}…\t{state}"
              f"\tcreated {r.created_at:%Y-%m-%d}\tlast used {used}")
    if not rows:
        print("no tokens")
    return 0


def _tokens_revoke(args: argparse.Namespace) -> int:
    from citizen.applications.tokens import revoke_token
    from citizen.db import session_scope

    engine = _database(load=False)
    with session_scope(engine) as session:
        revoked = revoke_token(session, args.name)
    print(f"token {args.name!r} revoked" if revoked else f"no active token named {args.name!r}")
    return 0 if revoked else 1


def _iin_key_rotate(args: argparse.Namespace) -> int:
    import secrets

    from citizen.applications.rotation import IinKeysMismatch, rotate_iin_key
    from citizen.db import session_scope
    from citizen.settings import get_settings

    settings = get_settings()
    new_key = sys.stdin.readline().strip() if args.key_from_stdin else secrets.token_urlsafe(32)
    if "," in new_key:
        raise Refused("an IIN key cannot contain a comma (the rotations are comma-separated)")
    engine = _database(settings)
    try:
        with session_scope(engine) as session:
            done = rotate_iin_key(session, settings.iin_keys, new_key.encode())
    except (IinKeysMismatch, ValueError) as exc:
        raise Refused(str(exc)) from None
    rotations = settings.iin_hash_rotations.get_secret_value().strip(", ")
    chain = f"{rotations},{new_key}" if rotations else new_key
    print(f"IIN key rotated: {done.rehashed} stored hash(es) wrapped, generation "
          f"{done.generation}.", file=sys.stderr)
    print("Set on every process, then restart them (keep CITIZEN_IIN_HASH_KEY as it is):",
          file=sys.stderr)
    print(f"CITIZEN_IIN_HASH_ROTATIONS={chain}")
    return 0


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
    from citizen.db import session_scope
    from citizen.settings import get_settings

    engine = _database()
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
    from citizen.db import session_scope
    from citizen.settings import get_settings

    engine = _database()
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
    from citizen.db import session_scope
    from citizen.settings import get_settings

    engine = _database()
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
    from citizen.logs import configure_logging
    from citizen.notifications.worker import run_notifier
    from citizen.settings import get_settings

    settings = get_settings()
    configure_logging(settings.log_format_chosen)
    if settings.telegram_token is None:
        print("citizen notifier: set CITIZEN_TELEGRAM_TOKEN to the bot's token", file=sys.stderr)
        return 2
    engine = _database(settings)
    catalogue = LiveCatalogue(engine, settings.catalogue_refresh_interval)
    if settings.notifier_metrics_port:
        from citizen import metrics

        metrics.serve_in_thread(settings.notifier_metrics_port, metrics.outbox_reader(engine))

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


def _migrate(args: argparse.Namespace) -> int:
    """The schema to the newest revision, and the shipped catalogue into an empty database."""
    from citizen.db import schema_revision

    engine = _database(load=not args.no_catalogue, force_migrate=True)
    current, _head = schema_revision(engine)
    print(f"database schema at revision {current} ({engine.dialect.name})")
    return 0


def _maintenance_prune(args: argparse.Namespace) -> int:
    from citizen.retention import prune
    from citizen.settings import get_settings

    settings = get_settings()
    engine = _database(settings, load=False)
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
    from citizen.db import session_scope
    from citizen.notifications.telegram_client import bot_username
    from citizen.settings import get_settings

    settings = get_settings()
    engine = _database(settings, load=False)
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


# These commands take choices from the applications' enums, whose package imports the database
# models: their arguments are defined only when one of them runs, so `--help` stays light.
_COMMANDS_WITH_ENUMS = ("tokens", "application")


def _add_application_commands(sub: Any, with_arguments: bool = True) -> None:
    tokens = sub.add_parser("tokens", help="API tokens for provider systems and operators")
    app = sub.add_parser("application", help="register applications and change their status")
    if with_arguments:
        _add_token_arguments(tokens)
        _add_application_arguments(app)

    iin_key = sub.add_parser("iin-key", help="the secret key of stored IIN hashes")
    iin_sub = iin_key.add_subparsers(dest="action", required=True)
    rotate = iin_sub.add_parser(
        "rotate", help="wrap every stored IIN hash under a new key (stop the servers first)"
    )
    rotate.add_argument("--key-from-stdin", action="store_true",
                        help="read the new key from stdin (default: a new random one)")
    rotate.set_defaults(func=_iin_key_rotate)

    notifier = sub.add_parser("notifier", help="deliver status notifications to Telegram")
    notifier.set_defaults(func=_notifier)


def _add_token_arguments(tokens: argparse.ArgumentParser) -> None:
    from citizen.applications.tokens import Permission, Role

    tok_sub = tokens.add_subparsers(dest="action", required=True)
    create = tok_sub.add_parser("create", help="create a token (printed once)")
    create.add_argument("name", help="who uses it, e.g. 'son-karaganda'")
    create.add_argument("--role", choices=[r.value for r in Role], required=True)
    create.add_argument("--region", action="append", default=None, metavar="ID",
                        help="a region whose applications it may register and change "
                        "(repeatable; required for a provider)")
    create.add_argument("--all-regions", action="store_true",
                        help="every region (a national provider)")
    create.add_argument("--service", action="append", default=None, metavar="ID",
                        help="limit it to these services (repeatable; default: all)")
    create.add_argument("--grant", action="append", default=None, metavar="PERMISSION",
                        choices=[p.value for p in Permission],
                        help="a permission beyond the role's, e.g. change_status for an operator")
    create.set_defaults(func=_tokens_create)
    tok_sub.add_parser("list", help="list tokens (never their values)").set_defaults(
        func=_tokens_list
    )
    revoke = tok_sub.add_parser("revoke", help="revoke a token by name")
    revoke.add_argument("name")
    revoke.set_defaults(func=_tokens_revoke)


def _add_application_arguments(app: argparse.ArgumentParser) -> None:
    from citizen.applications.statuses import ApplicationStatus, ResultDelivery

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

def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The whole command line; given `argv`, only what its command needs (see `main`)."""
    with_enums = argv is None or (len(argv) > 0 and argv[0] in _COMMANDS_WITH_ENUMS)
    parser = argparse.ArgumentParser(prog="citizen", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    cat = sub.add_parser("catalogue", help="check, load and export the service catalogue")
    cat_sub = cat.add_subparsers(dest="action", required=True)
    check = cat_sub.add_parser("check", help="validate the data files without touching the db")
    check.add_argument("--data", type=Path, default=None, help="data directory (default: shipped)")
    check.set_defaults(func=_catalogue_check)
    load = cat_sub.add_parser("load", help="load the data files into the database atomically")
    load.add_argument("--data", type=Path, default=None, help="data directory (default: shipped)")
    load.add_argument(
        "--force",
        action="store_true",
        help="reload even if the version matches, and even if the data removes services or "
        f"regulations that applications refer to ({_ORPHANS_FATE})",
    )
    load.set_defaults(func=_catalogue_load)
    stale = cat_sub.add_parser(
        "stale", help="list services whose current record was last checked too long ago"
    )
    stale.add_argument(
        "--older-than", type=_days, required=True, metavar="DAYS", help="e.g. 180d or 90d"
    )
    stale.add_argument("--data", type=Path, default=None, help="data directory (default: shipped)")
    stale.set_defaults(func=_catalogue_stale)
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
    _add_application_commands(sub, with_enums)
    _add_operations_commands(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("alembic").setLevel(logging.WARNING)
    args = build_parser(sys.argv[1:] if argv is None else argv).parse_args(argv)
    try:
        return int(args.func(args))
    except Exception as exc:
        from citizen.db import SchemaOutOfDate  # loaded already by any command that can raise it

        if not isinstance(exc, SchemaOutOfDate):
            raise
        print(f"citizen {args.command}: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
