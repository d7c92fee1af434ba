"""What is searched of each stored service, in both languages.

The name (weighted highest), the category, the result the citizen receives, the provider, the
regions with a regulation and the channels that accept applications. Steps, notes and document
lists are left out: a citizen searching "свидетельство о рождении" wants a service about birth
certificates, not every service that asks for one.
"""

from __future__ import annotations

from sqlmodel import Session

from citizen.catalogue import queries
from citizen.catalogue.search.index import SearchDocument
from citizen.catalogue.tables import localized
from citizen.catalogue.vocabulary import Locale
from citizen.i18n import translator


def _both(row: object, field: str) -> list[str]:
    return [text for loc in Locale if (text := localized(row, field, loc))]


def _unique(texts: list[str]) -> list[str]:
    return list(dict.fromkeys(texts))


def documents_from_catalogue(session: Session) -> list[SearchDocument]:
    """One search document per stored service, in catalogue order (four SQL statements)."""
    services = queries.all_services(session)
    categories = {c.id: c for c in queries.categories(session)}
    regions = {r.id: r for r in queries.regions(session)}
    regulations = queries.regulations_by_service(session, [s.id for s in services])
    channels = queries.channels_by_regulation(
        session, [r.id for regs in regulations.values() for r in regs]
    )
    t = translator()
    documents = []
    for service in services:
        regs = regulations.get(service.id, [])
        category = categories.get(service.category_id)
        used = {c.channel for r in regs for c in channels.get(r.id, []) if c.accepts_applications}
        results = _both(service, "result") + [x for r in regs for x in _both(r, "result")]
        places = [regions[r.region_id] for r in regs if r.region_id in regions]
        texts = {
            "name": _both(service, "name"),
            "category": _both(category, "name") if category else [],
            "result": _unique(results),
            "provider": _unique([x for r in regs for x in _both(r, "provider")]),
            "region": _unique([x for place in places for x in _both(place, "name")]),
            "channel": [t(loc, f"channel-{c}") for c in sorted(used) for loc in Locale],
        }
        documents.append(SearchDocument(service.id, {k: v for k, v in texts.items() if v}))
    return documents
