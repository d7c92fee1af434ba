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
from collections.abc import Callable, Hashable
from typing import Any, Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")
T = TypeVar("T")


class BoundedLru(Generic[K, V]):
    """A thread-safe LRU map whose entries' total `cost` stays within `budget`.

    Each entry costs 1 unless `cost(key, value)` says otherwise; an entry costing more than
    `max_entry` is not kept (it would evict many small ones).
    """

    def __init__(
        self,
        budget: int,
        cost: Callable[[K, V], int] | None = None,
        max_entry: int | None = None,
    ):
        self._budget = budget
        self._cost = cost or (lambda _key, _value: 1)
        self._max_entry = min(max_entry or budget, budget)
        self._data: OrderedDict[K, V] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    @property
    def size(self) -> int:
        """The entries' total cost."""
        return self._size

    def get(self, key: K) -> V | None:
        with self._lock:
            value = self._data.get(key)
            if value is not None:
                self._data.move_to_end(key)
            return value

    def put(self, key: K, value: V) -> None:
        cost = self._cost(key, value)
        if cost > self._max_entry:
            return
        with self._lock:
            old = self._data.pop(key, None)
            if old is not None:
                self._size -= self._cost(key, old)
            self._data[key] = value
            self._size += cost
            while self._size > self._budget:
                evicted_key, evicted = self._data.popitem(last=False)
                self._size -= self._cost(evicted_key, evicted)


class LruBytes(BoundedLru[str, bytes]):
    """Response bytes by key, bounded by their total size (key and value, in bytes).

    A response larger than `max_entry_bytes` is not kept: one would evict many small ones.
    """

    def __init__(self, max_bytes: int, max_entry_bytes: int | None = None):
        super().__init__(max_bytes, _byte_cost, max_entry_bytes)

    @property
    def size_bytes(self) -> int:
        return self.size


def _byte_cost(key: str, value: bytes) -> int:
    return len(value) + len(key)


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
        self._lru: BoundedLru[bytes, T] = BoundedLru(maxsize)

    @staticmethod
    def digest(body: bytes) -> bytes:
        return hashlib.blake2b(body, digest_size=20).digest()

    def get(self, digest: bytes) -> T | None:
        return self._lru.get(digest)

    def put(self, body: bytes, digest: bytes, parsed: T) -> None:
        if len(body) <= self.max_body:
            self._lru.put(digest, parsed)


class PersistedQueries(BoundedLru[str, str]):
    """Automatic persisted queries (Apollo's protocol): sha256 of the query text -> the text."""

    def __init__(self, maxsize: int = 4096):
        super().__init__(maxsize)

    @staticmethod
    def digest(query: str) -> str:
        return hashlib.sha256(query.encode()).hexdigest()
