"""The search index of the stored catalogue, rebuilt only when the catalogue version changes.

Shared by the API and the bot: building the index reads the whole catalogue, searching it is
a lookup, so it is built once per catalogue version and process.
"""

from __future__ import annotations

import threading

from sqlmodel import Session

from citizen.catalogue.queries import catalogue_version
from citizen.catalogue.search import SearchIndex, documents_from_catalogue, load_synonyms


class IndexCache:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._version: str | None = None
        self._index: SearchIndex | None = None

    def get(self, session: Session) -> SearchIndex:
        version = catalogue_version(session)
        with self._lock:
            if self._index is None or version != self._version:
                docs = documents_from_catalogue(session)
                self._index = SearchIndex.build(docs, load_synonyms())
                self._version = version
            return self._index


search_indexes = IndexCache()
