"""Start-up shared by every entry point: open the database, migrate it, load the catalogue.

With `CITIZEN_MIGRATE_ON_START=false` (several processes behind a proxy) a separate
`citizen migrate` job does the migrating and the first load; the others only check that the
schema is at the revision their code expects, and refuse to start on an older one.
"""

from __future__ import annotations

import logging

from sqlalchemy.engine import Engine

from citizen.catalogue.loading import ensure_loaded
from citizen.db import (
    SchemaOutOfDate,
    Timeouts,
    make_engine,
    migrate,
    migration_lock,
    schema_revision,
)
from citizen.settings import Settings, get_settings

log = logging.getLogger(__name__)


def prepare_database(
    settings: Settings | None = None, load: bool = True, *, force_migrate: bool = False
) -> Engine:
    """An engine on a migrated database; an empty catalogue is loaded from the shipped data.

    Migrates (and loads) only when `CITIZEN_MIGRATE_ON_START` is on or `force_migrate` is
    given; otherwise raises `SchemaOutOfDate` unless the schema is already at the newest revision.
    """
    settings = settings or get_settings()
    engine = make_engine(settings.database_url, database_timeouts(settings))
    if not (settings.migrate_on_start or force_migrate):
        current, head = schema_revision(engine)
        if current != head:
            engine.dispose()
            raise SchemaOutOfDate(
                f"the database schema is at revision {current or 'none'}, this code needs "
                f"{head}: run `citizen migrate` first (CITIZEN_MIGRATE_ON_START is off)"
            )
        return engine
    migrate(engine)
    if load:
        # Under the lock: two processes starting on an empty database load it once.
        with migration_lock(engine):
            report = ensure_loaded(engine, settings.catalogue_dir)
        if report is not None:
            log.info("catalogue loaded on first start: version %s", report.version)
    return engine


def database_timeouts(settings: Settings) -> Timeouts:
    return Timeouts(
        lock=settings.db_lock_timeout,
        statement=settings.db_statement_timeout,
        pool=settings.db_pool_timeout,
    )
