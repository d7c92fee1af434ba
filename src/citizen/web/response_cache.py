"""Caches in front of GraphQL execution: finished responses and persisted queries.

The catalogue changes rarely and is read constantly, so a catalogue query's response is kept as
bytes, keyed by everything that can change it: the query, its variables and operation name,
the language, and the catalogue version (which changes whenever the data is reloaded).
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict
from typing import Any, Generic, TypeVar

T = TypeVar("T")


class LruBytes:
    """A thread-safe LRU map of keys to response bytes, bounded by their total size.

    A response larger than `max_entry_bytes` is not kept: one would evict many small ones.
    """

    def __init__(self, max_bytes: int, max_entry_bytes: int | None = None):
        self._max_bytes = max_bytes
        self._max_entry = min(max_entry_bytes or max_bytes, max_bytes)
        self._data: OrderedDict[str, bytes] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    @property
    def size_bytes(self) -> int:
        return self._size

    def get(self, key: str) -> bytes | None:
        with self._lock:
            value = self._data.get(key)
            if value is not None:
                self._data.move_to_end(key)
            return value

    def put(self, key: str, value: bytes) -> None:
        cost = len(value) + len(key)
        if cost > self._max_entry:
            return
        with self._lock:
            old = self._data.pop(key, None)
            if old is not None:
                self._size -= len(old) + len(key)
            self._data[key] = value
            self._size += cost
            while self._size > self._max_bytes:
                evicted_key, evicted = self._data.popitem(last=False)
                self._size -= len(evicted) + len(evicted_key)


def request_digest(query: str, variables: dict[str, Any] | None, operation: str | None) -> str:
    """What identifies a request's answer apart from language and catalogue version."""
    canonical = json.dumps(
        [query, variables or {}, operation], sort_keys=True, ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


def response_key(digest: str, locale: str, version: str) -> str:
    """The response cache's key: the request's digest in one language, one catalogue version."""
    return hashlib.sha256(f"{digest}\x1f{locale}\x1f{version}".encode()).hexdigest()


class ParsedBodies(Generic[T]):
    """Request bodies already parsed and checked, by their bytes' digest.

    Apps send the same few queries again and again: a body seen before skips JSON parsing,
    the checks and the canonical digest (most of a cached answer's cost). Only small bodies
    are kept, so the memo stays within `maxsize` x `max_body` bytes.
    """

    max_body = 16 * 1024

    def __init__(self, maxsize: int = 1024):
        self._store: OrderedDict[bytes, T] = OrderedDict()
        self._maxsize = maxsize
        self._lock = threading.Lock()

    @staticmethod
    def digest(body: bytes) -> bytes:
        return hashlib.blake2b(body, digest_size=20).digest()

    def get(self, digest: bytes) -> T | None:
        with self._lock:
            return self._store.get(digest)

    def put(self, body: bytes, digest: bytes, parsed: T) -> None:
        if len(body) > self.max_body:
            return
        with self._lock:
            self._store[digest] = parsed
            while len(self._store) > self._maxsize:
                self._store.popitem(last=False)


class PersistedQueries:
    """Automatic persisted queries (Apollo's protocol): sha256 of the query text -> the text."""

    def __init__(self, maxsize: int = 4096):
        self._store: OrderedDict[str, str] = OrderedDict()
        self._maxsize = maxsize
        self._lock = threading.Lock()

    @staticmethod
    def digest(query: str) -> str:
        return hashlib.sha256(query.encode()).hexdigest()

    def get(self, sha: str) -> str | None:
        with self._lock:
            return self._store.get(sha)

    def put(self, sha: str, query: str) -> None:
        with self._lock:
            self._store[sha] = query
            while len(self._store) > self._maxsize:
                self._store.popitem(last=False)
