"""Headless Chromium for the console's browser tests: the system's browser, driven by Playwright.

The browser is Debian's `chromium` (CI installs it with apt-get); Playwright only drives it
(`executable_path`), it never downloads a browser of its own. Every request that would leave
127.0.0.1 is blocked in the browser context and remembered, so a test can assert that none was
attempted (no CDN, no font service, no map tiles). axe-core (vendored from npm under `axe/`,
MPL-2.0) checks a page's accessibility.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE = Path(__file__).parent / "axe" / "axe.min.js"
REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO / "artifacts" / "screenshots"
LOCAL_HOSTS = {"127.0.0.1"}


def chromium_path() -> str | None:
    for candidate in CHROMIUM_CANDIDATES:
        if Path(candidate).exists():
            return candidate
    return shutil.which("chromium")


def skip_without_chromium() -> str:
    """The system's Chromium, or skip the test saying why (CI installs it, so it runs there)."""
    path = chromium_path()
    if path is None:
        pytest.skip("no system Chromium (apt-get install chromium): browser tests skipped")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        pytest.skip("playwright is not installed (pip install -e '.[test]')")
    return path


@dataclass
class Outside:
    """Requests the browser tried to send to another host (all blocked)."""

    urls: list[str] = field(default_factory=list)


@contextmanager
def browser_context(executable: str, **options: Any) -> Iterator[tuple[Any, Outside]]:
    """A fresh browser context whose requests may only go to 127.0.0.1."""
    from playwright.sync_api import Route, sync_playwright

    outside = Outside()

    def guard(route: Route) -> None:
        url = route.request.url
        host = urlsplit(url).hostname
        if url.startswith(("data:", "blob:", "about:")) or host in LOCAL_HOSTS:
            route.continue_()
        else:
            outside.urls.append(url)
            route.abort("blockedbyclient")

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(
                viewport={"width": 1280, "height": 800}, locale="ru-RU", **options
            )
            context.route("**/*", guard)
            yield context, outside
            context.close()
        finally:
            browser.close()


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """axe-core's violations on the page as it is now (evaluated over the DevTools protocol,
    so the page's own Content-Security-Policy stays in force)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    result: dict[str, Any] = page.evaluate(
        "async () => await axe.run(document, {resultTypes: ['violations']})"
    )
    return list(result["violations"])


def critical(violations: list[dict[str, Any]]) -> list[str]:
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes, e.g. {v['nodes'][0]['target']})"
        for v in violations
        if v.get("impact") == "critical"
    ]


def screenshot(page: Any, name: str) -> Path:
    """What the operator sees at 1280×800 (`name.png`), and the whole page (`name-full.png`)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path))
    page.screenshot(path=str(SCREENSHOTS / f"{name}-full.png"), full_page=True)
    return path
