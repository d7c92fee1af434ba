"""Catalogue pages (public): find a service, read it out, compare its regions.

Every fact comes from the catalogue snapshot's answers (`list_services`, `how_long`,
`documents_for`, `offices`, ...); these handlers only choose what to show and in what order.
"""

from __future__ import annotations

from dataclasses import dataclass

from starlette.responses import Response

from citizen.catalogue.model import DocumentList, Regulation, Service
from citizen.catalogue.today import Today, today
from citizen.catalogue.vocabulary import Channel, Locale
from citizen.web.console.pages import Visit
from citizen.web.console.regional import compare_regions

SEARCH_MAX = 200  # characters of a search; the box says so


@dataclass(frozen=True)
class DocumentGroup:
    """Document lists asked for on some channels (all of them when `channels` is empty)."""

    channels: tuple[Channel, ...]
    lists: tuple[DocumentList, ...]


def document_groups(service: Service, regulation: Regulation | None) -> list[DocumentGroup]:
    """Documents per channel of the regulation; channels asking for the same are one group."""
    channels = regulation.accepting_channels if regulation else ()
    if not channels:
        return [DocumentGroup((), service.documents_for(None))]
    groups: list[DocumentGroup] = []
    for channel in channels:
        lists = service.documents_for(channel)
        same = next((g for g in groups if g.lists == lists), None)
        if same is None:
            groups.append(DocumentGroup((channel,), lists))
        else:
            groups[groups.index(same)] = DocumentGroup((*same.channels, channel), lists)
    if len(groups) == 1:
        return [DocumentGroup((), groups[0].lists)]
    return groups


def map_link(latitude: float, longitude: float) -> str:
    """An OpenStreetMap link to a point: a link the operator may open, never a loaded asset."""
    return (
        f"https://www.openstreetmap.org/?mlat={latitude:.6f}&mlon={longitude:.6f}"
        f"#map=17/{latitude:.6f}/{longitude:.6f}"
    )


def bot_link(username: str | None, service_id: str) -> str | None:
    return f"https://t.me/{username.lstrip('@')}?start={service_id}" if username else None


async def search(visit: Visit) -> Response:
    params = visit.request.query_params
    query = params.get("q", "").strip()[:SEARCH_MAX]
    catalogue = visit.catalogue
    region = catalogue.region(params.get("region", ""))
    category = catalogue.category(params.get("category", ""))
    listing = catalogue.list_services(
        query or None, region.id if region else None, category.id if category else None
    )
    return visit.page(
        "search.html",
        query=query,
        region=region,
        category=category,
        regions=catalogue.regions,
        categories=catalogue.categories,
        services=listing.services,
        no_match=listing.no_match,
        searched=bool(query),
        search_max=SEARCH_MAX,
        signed_out=params.get("signed-out") == "1",
    )


def applies_today(service: Service) -> dict[Locale, Today] | None:
    """What applies today in each language the pages show side by side (the shared answer of
    `catalogue.today`, the same as the API's and the bot's); None when never checked."""
    answers = {locale: today(service, locale) for locale in Locale}
    return {locale: a for locale, a in answers.items() if a is not None} or None


def service_of(visit: Visit) -> Service | None:
    return visit.catalogue.service(visit.request.path_params["service_id"])


def no_such_service(visit: Visit) -> Response:
    return visit.page("error.html", 404, message=visit.t("console-error-no-service"))


def chosen_regulation(visit: Visit, service: Service) -> Regulation | None:
    wanted = visit.request.query_params.get("region")
    chosen = service.regulation_in(wanted) if wanted else None
    return chosen or (service.regulations[0] if service.regulations else None)


async def service_page(visit: Visit) -> Response:
    service = service_of(visit)
    if service is None:
        return no_such_service(visit)
    regulation = chosen_regulation(visit, service)
    username = visit.console.settings.telegram_bot_username
    return visit.page(
        "service.html",
        service=service,
        applies_today=applies_today(service),
        regulation=regulation,
        documents=document_groups(service, regulation),
        map_link=map_link,
        bot_link=bot_link(username, service.id),
    )


async def regions_page(visit: Visit) -> Response:
    service = service_of(visit)
    if service is None:
        return no_such_service(visit)
    return visit.page(
        "regions.html",
        service=service,
        applies_today=applies_today(service),
        regulations=service.regulations,
        rows=compare_regions(service) if service.regulations else [],
    )
