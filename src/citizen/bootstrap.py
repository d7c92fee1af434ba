"""Start-up shared by every entry point: open the database, migrate it, load the catalogue."""

from __future__ import annotations

import logging

from sqlalchemy.engine import Engine

from citizen.catalogue.loading import ensure_loaded
from citizen.db import Timeouts, make_engine, migrate
from citizen.settings import Settings, get_settings

log = logging.getLogger(__name__)


def prepare_database(settings: Settings | None = None, load: bool = True) -> Engine:
    """An engine on a migrated database; an empty catalogue is loaded from the shipped data."""
    settings = settings or get_settings()
    engine = make_engine(settings.database_url, database_timeouts(settings))
    migrate(engine)
    if load:
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
