"""Transitional: the search index of the stored catalogue, from a snapshot built per version.

Doors that still read rows call this; it goes away once every door reads `LiveCatalogue`.
"""

from __future__ import annotations

import threading

from sqlmodel import Session

from citizen.catalogue.queries import catalogue_version
from citizen.catalogue.search import SearchIndex
from citizen.catalogue.snapshot import build_snapshot


class IndexCache:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._version: str | None = None
        self._index: SearchIndex | None = None

    def get(self, session: Session) -> SearchIndex:
        version = catalogue_version(session)
        with self._lock:
            if self._index is None or version != self._version:
                self._index = build_snapshot(session).index
                self._version = version
            return self._index


search_indexes = IndexCache()
