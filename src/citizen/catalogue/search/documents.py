"""What is searched of each service, in both languages.

The name (weighted highest), the category, the result the citizen receives, the provider, the
regions with a regulation and the channels that accept applications. Steps, notes and document
lists are left out: a citizen searching "свидетельство о рождении" wants a service about birth
certificates, not every service that asks for one.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from citizen.catalogue.search.index import SearchDocument
from citizen.catalogue.vocabulary import Locale
from citizen.i18n import label

if TYPE_CHECKING:
    from citizen.catalogue.model import Service, Text


def _both(*texts: Text | None) -> list[str]:
    return [text(loc) for text in texts if text is not None for loc in Locale]


def _unique(texts: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(texts))


def search_documents(services: Iterable[Service]) -> list[SearchDocument]:
    """One search document per service, in catalogue order."""
    documents = []
    for service in services:
        regs = service.regulations
        used = sorted({c for r in regs for c in r.accepting_channels})
        texts = {
            "name": _both(service.name),
            "category": _both(service.category.name),
            "result": _unique(_both(service.result, *(r.result for r in regs))),
            "provider": _unique(_both(*(r.provider for r in regs))),
            "region": _unique(_both(*(r.region.name for r in regs))),
            "channel": [label(c, loc) for c in used for loc in Locale],
        }
        documents.append(SearchDocument(service.id, {k: v for k, v in texts.items() if v}))
    return documents
