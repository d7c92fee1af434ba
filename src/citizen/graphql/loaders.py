"""DataLoaders: each one batches the keys of a request into one call of a core query.

Loaders call `citizen.catalogue.queries`, never SQL directly. They are created per request
(see context.py), so their caches never outlive the request.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from typing import Any, TypeVar

from sqlmodel import Session
from strawberry.dataloader import DataLoader

from citizen.catalogue import queries
from citizen.catalogue import tables as t

K = TypeVar("K")
V = TypeVar("V")


Reader = Callable[[Callable[[Session], Any]], Any]


def _loader(
    read: Reader,
    batch: Callable[[Session, Collection[Any]], dict[Any, Any]],
    default: Any = None,
) -> DataLoader[Any, Any]:
    async def load(keys: Sequence[Any]) -> list[Any]:
        # The catalogue queries are short indexed reads on a local database: running them on
        # the event loop costs less than a thread hop, and the response cache makes them rare.
        unique = list(dict.fromkeys(keys))
        found = read(lambda session: batch(session, unique))
        return [found.get(k, default) for k in keys]

    return DataLoader(load_fn=load)


class Loaders:
    def __init__(self, read: Reader):
        self.service = _loader(read, queries.services_by_id)
        self.act = _loader(read, queries.acts_by_id)
        self.regulations = _loader(read, queries.regulations_by_service, [])
        self.channels = _loader(read, queries.channels_by_regulation, [])
        self.steps = _loader(read, queries.steps_by_regulation, [])
        self.terms = _loader(read, queries.terms_by_regulation, [])
        self.notes = _loader(read, queries.notes_by_regulation, [])
        self.offices = _loader(read, queries.offices_by_region, [])
        self.documents = _loader(read, queries.document_lists_by_service, [])
        self.refusal_grounds = _loader(
            read,
            lambda s, ids: queries.document_lists_by_service(s, ids, "refusal_grounds"),
            [],
        )
        self.region = _loader(read, lambda s, ids: _by_id(queries.regions(s), ids))
        self.category = _loader(read, lambda s, ids: _by_id(queries.categories(s), ids))


def _by_id(rows: Sequence[t.Region] | Sequence[t.Category], ids: Collection[str]) -> dict[str, Any]:
    return {r.id: r for r in rows if r.id in ids}
