"""The operator console: server-rendered pages for the call centre under `/operator/`.

A door like the API and the bot: catalogue pages render the catalogue snapshot's answers;
application pages read and write only through the applications core, signed in with an
operator token. Pages work without JavaScript; `static/console.js` only adds keyboard
shortcuts. Every asset is served from `static/`: nothing is loaded from another site.
"""

from __future__ import annotations

from pathlib import Path

from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from citizen.catalogue.live import LiveCatalogue
from citizen.db import Database
from citizen.settings import Settings
from citizen.web.console import application_pages, calculator, catalogue_pages, signing_in
from citizen.web.console.pages import PREFIX, Console, ConsoleSettingsError, check_settings

STATIC = Path(__file__).parent / "static"

__all__ = ["ConsoleSettingsError", "check_settings", "console_routes"]


def console_routes(settings: Settings, catalogue: LiveCatalogue, db: Database) -> list[BaseRoute]:
    console = Console(settings, catalogue, db)
    view = console.view
    pages: list[tuple[str, object, list[str]]] = [
        ("/", catalogue_pages.search, ["GET"]),
        ("/services/{service_id}", catalogue_pages.service_page, ["GET"]),
        ("/services/{service_id}/regions", catalogue_pages.regions_page, ["GET"]),
        ("/services/{service_id}/ready", calculator.calculator, ["GET"]),
        ("/sign-in", signing_in.sign_in_form, ["GET"]),
        ("/sign-in", signing_in.sign_in, ["POST"]),
        ("/sign-out", signing_in.sign_out, ["POST"]),
        ("/language", signing_in.language, ["GET"]),
        ("/applications", application_pages.lookup_form, ["GET"]),
        ("/applications", application_pages.lookup, ["POST"]),
        ("/applications/{application_id:int}", application_pages.application_page, ["GET"]),
        ("/applications/{application_id:int}/resend", application_pages.resend, ["POST"]),
    ]
    routes: list[BaseRoute] = [
        Route(PREFIX + path, view(handler), methods=methods)  # type: ignore[arg-type]
        for path, handler, methods in pages
    ]
    routes.append(Mount(f"{PREFIX}/static", StaticFiles(directory=STATIC), name="console-static"))
    return routes
