"""The current catalogue snapshot of a long-running process (server, bot, notifier).

One `LiveCatalogue` per process holds the snapshot every door reads. It is built before the
process serves anything; afterwards one background task probes the stored catalogue version
every few seconds (one probe for the whole process) and, when it changed — a `catalogue load`
by any process — builds the next snapshot off the event loop and swaps it in at once. A
request or an update never builds anything and never waits for the database to read the
catalogue; while the database is down, the last snapshot keeps answering.
"""

from __future__ import annotations

import asyncio
import logging
import threading

from sqlalchemy.engine import Engine
from sqlmodel import Session

from citizen.catalogue.queries import catalogue_version
from citizen.catalogue.snapshot import CatalogueSnapshot, build_snapshot

log = logging.getLogger(__name__)


class LiveCatalogue:
    def __init__(self, engine: Engine, refresh_interval: float = 2.0):
        self._engine = engine
        self._interval = refresh_interval
        self._snapshot: CatalogueSnapshot | None = None
        self._building = threading.Lock()  # one build at a time; readers never wait on it

    @property
    def current(self) -> CatalogueSnapshot:
        """The snapshot to answer from now (taken once per request: one consistent view)."""
        snapshot = self._snapshot
        if snapshot is None:
            raise RuntimeError("the catalogue snapshot is not built yet: call refresh_now()")
        return snapshot

    @property
    def ready(self) -> bool:
        return self._snapshot is not None and bool(self._snapshot.version)

    def refresh_now(self) -> bool:
        """Rebuild if the stored version differs from the snapshot's; True when it changed."""
        with self._building:
            with Session(self._engine) as session:
                version = catalogue_version(session)
                if self._snapshot is not None and self._snapshot.version == version:
                    return False
                snapshot = build_snapshot(session)
            self._snapshot = snapshot  # one reference assignment: readers see old or new
        log.info(
            "catalogue snapshot %s: %d services",
            snapshot.version or "(empty)",
            len(snapshot.services),
            extra={"catalogue_version": snapshot.version},
        )
        return True

    async def refresh(self) -> bool:
        return await asyncio.to_thread(self.refresh_now)

    async def keep_fresh(self) -> None:
        """Probe the version every few seconds until cancelled; a failure keeps the old one."""
        while True:
            await asyncio.sleep(self._interval)
            try:
                await self.refresh()
            except Exception as exc:  # the database is down or busy: answer from what we have
                log.warning("catalogue version probe failed: %s", type(exc).__name__)


def snapshot_of(engine: Engine) -> CatalogueSnapshot:
    """A one-off snapshot (CLI commands, tests)."""
    with Session(engine) as session:
        return build_snapshot(session)
