"""The operator console in a real browser: Debian's headless Chromium, driven by Playwright.

An operator signs in, finds the preschool queue in both languages (and with a typo), reads it in
Kazakh and Russian side by side, compares the regions of the summer camp voucher, computes a
ready date over the New Year holidays, looks up a citizen's application and re-sends its
notification, and signs out; what applies today comes first (an abolished service is an alert
before its history, in both languages, and marked in the search results); a wrong token, a
provider's token and a form without its token are refused. Every request that would leave
127.0.0.1 is blocked and none may be attempted; every main page passes axe-core without a
critical violation (the abolished service's page without any); screenshots of the main pages
are saved under artifacts/screenshots/. Skipped (with the reason) only where no Chromium is
installed.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy.engine import Engine

from citizen.catalogue.calendar import KZ_TZ
from citizen.catalogue.live import snapshot_of
from citizen.catalogue.today import history_heading, today
from citizen.catalogue.vocabulary import Channel, Locale
from citizen.i18n import format_date, translator
from tests.support.browser import (
    axe_violations,
    browser_context,
    critical,
    screenshot,
    skip_without_chromium,
)
from tests.support.console import BOT_USERNAME, LiveConsole, live_console

pytestmark = pytest.mark.browser


@pytest.fixture
def chromium() -> str:
    return skip_without_chromium()


@pytest.fixture
def console(loaded_engine: Engine, chromium: str) -> Iterator[LiveConsole]:
    with live_console(loaded_engine) as live:
        yield live


@pytest.fixture
def browser(console: LiveConsole, chromium: str) -> Iterator[tuple[Any, list[str]]]:
    with browser_context(chromium) as (context, outside):
        yield context, outside.urls
        assert outside.urls == [], f"requests left the machine: {outside.urls}"


def press(page: Any, key: str) -> None:
    """Press a key that leads to another page, and wait for that page."""
    with page.expect_navigation():
        page.keyboard.press(key)


def click(page: Any, selector: str) -> None:
    """Click something that leads to another page (a link, a form's button), and wait for it."""
    with page.expect_navigation():
        page.click(selector)


def accessible(page: Any, name: str) -> None:
    """No critical axe-core violation on the page; a screenshot of it for people to look at."""
    problems = critical(axe_violations(page))
    assert problems == [], f"{name}: {problems}"
    screenshot(page, name)


def sign_in(page: Any, console: LiveConsole, token: str, then: str = "/operator/applications"
            ) -> None:
    page.goto(console.url(f"/operator/sign-in?next={then}"))
    page.fill("#token", token)
    click(page, "form.stacked-form button[type=submit]")


def search(page: Any, words: str) -> list[str]:
    page.keyboard.press("/")  # the shortcut focuses the search box
    assert page.evaluate("document.activeElement.id") == "q"
    page.keyboard.type(words)
    press(page, "Enter")
    hrefs: list[str] = page.eval_on_selector_all(
        ".service-table td[lang=kk] a", "links => links.map(a => a.getAttribute('href'))"
    )
    return [h.split("/services/")[1].split("?")[0] for h in hrefs]


def test_an_operators_day_in_the_console(
    console: LiveConsole, browser: tuple[Any, list[str]]
) -> None:
    context, _ = browser
    page = context.new_page()

    # Signing in lands on the page asked for, the operator named in the header.
    page.goto(console.url("/operator/applications"))
    assert "/operator/sign-in" in page.url
    accessible(page, "sign-in")
    page.fill("#token", console.operator_token)
    click(page, "form.stacked-form button[type=submit]")
    assert page.url.endswith("/operator/applications")
    assert "operator-aigerim" in page.inner_text(".who")

    # Finding the preschool queue, in Kazakh, in Russian and misspelt.
    page.goto(console.url("/operator/"))
    assert search(page, "балабакша")[0] == "preschool-queue"
    accessible(page, "search-balabakcha")
    assert search(page, "очередь в садик")[0] == "preschool-queue"
    assert search(page, "балабкша")[0] == "preschool-queue"
    assert search(page, "ochered v sadik")[0] == "preschool-queue"
    assert search(page, "ыырррщщщ жжжзз") == []
    nothing = page.inner_text(".notice-empty")
    assert "ыырррщщщ" in nothing and "egov.kz" in nothing

    # One key switches the interface to Russian (and back).
    press(page, "l")
    assert page.get_attribute("html", "lang") == "ru"
    assert page.inner_text("h1") == "Найти услугу"

    # The service page: Kazakh and Russian side by side, in the order an operator reads out.
    page.goto(console.url("/operator/"))
    search(page, "очередь в садик")
    click(page, ".service-table td[lang=kk] a >> nth=0")
    assert "/operator/services/preschool-queue" in page.url
    names = page.eval_on_selector_all(
        ".names .lang-col", "cols => cols.map(c => [c.lang, c.innerText])"
    )
    assert [lang for lang, _ in names] == ["kk", "ru"]
    assert "кезекке қою" in names[0][1] and "очередь" in names[1][1]
    sections = page.eval_on_selector_all("main > section", "s => s.map(x => x.id)")
    assert sections == ["today", "history", "bot"]  # what applies today, then the history
    history = page.eval_on_selector_all("#history > section", "s => s.map(x => x.id)")
    assert history == [
        "provider", "documents", "where", "how-long", "cost", "refusal", "legal", "notes"
    ]
    assert page.locator("#where .example-mark").count() >= 2  # example offices, both languages
    assert page.get_attribute("#bot a", "href") == (
        f"https://t.me/{BOT_USERNAME}?start=preschool-queue"
    )
    catalogue = snapshot_of(console.engine)
    regulation = catalogue.regulation("preschool-queue", "almaty-oblast")
    assert regulation is not None
    how_long = page.inner_text("#how-long")
    assert "25 минут" in how_long and "30 минут" in how_long  # how_long(channel), as every door
    assert page.locator("#legal .badge-repealed").count() >= 2
    accessible(page, "service-preschool-queue")
    page.emulate_media(media="print")  # printed: the content alone, both languages kept
    assert not page.is_visible(".site-header") and not page.is_visible("form")
    assert page.is_visible(".names .lang-col[lang=ru]")
    screenshot(page, "service-preschool-queue-print")
    page.emulate_media(media="screen")

    # Regional differences of the summer camp voucher: two regions, differences marked.
    page.goto(console.url("/operator/services/summer-camp-voucher"))
    press(page, "r")
    assert page.url.endswith("/operator/services/summer-camp-voucher/regions")
    headers = page.eval_on_selector_all("table.regions thead th", "t => t.map(x => x.innerText)")
    assert headers == ["Карагандинская область", "Актюбинская область"]
    assert page.locator("table.regions tr.varies").count() >= 4
    marked = page.locator("table.regions td.differs .visually-hidden").first.inner_text()
    assert marked.startswith("отличается")
    accessible(page, "regions-summer-camp-voucher")

    # The date calculator across the New Year holidays, read out in Russian.
    page.goto(console.url("/operator/services/summer-camp-voucher?region=karaganda-oblast"))
    press(page, "c")
    page.fill("#date", "2026-12-14")
    page.fill("#time", "10:00")
    page.check("input[name=answer][value=ru]")
    click(page, ".calc-form button[type=submit]")
    answer = page.inner_text("#answer")
    voucher = catalogue.regulation("summer-camp-voucher", "karaganda-oblast")
    assert voucher is not None
    expected = voucher.ready_estimate(
        Channel.PROVIDER_OFFICE, dt.datetime(2026, 12, 14, 10, 0, tzinfo=KZ_TZ)
    )
    assert expected.ready_on is not None
    assert format_date(expected.ready_on, Locale.RU) in answer
    assert "День Независимости" in answer and "Новый год" in answer
    assert "Православное Рождество" in answer and "суббота" in answer
    assert re.search(rf"Пропущено {len(expected.days_off)} выходных дн", answer)
    accessible(page, "calculator-over-new-year")

    # The citizen on the phone: receipt number + IIN + reason, audited, the IIN shown nowhere.
    press(page, "a")
    accessible(page, "lookup")
    page.fill("#number", console.number)
    page.fill("#iin", console.iin)
    page.fill("#reason", "гражданин спрашивает срок")
    click(page, "form.stacked-form button[type=submit]")
    assert page.url.endswith(f"/operator/applications/{console.application_id}")
    summary = page.inner_text(".summary")
    assert "Процедура 2" in summary and "На рассмотрении" in summary
    assert page.locator(".path li[aria-current=step]").get_attribute("value") == "2"
    assert "г. Караганда, ул. Тестовая, 5" in page.inner_text("main")
    accessible(page, "application")
    rows = console.audit_rows()
    assert [(r.action, r.outcome, r.operator, r.reason, r.application_id) for r in rows] == [
        ("lookup", "found", "operator-aigerim", "гражданин спрашивает срок",
         console.application_id)
    ]

    # "Send the notification again" queues the latest message, audited too.
    click(page, "#resend button[type=submit]")
    assert "Поставлено в очередь: 0; уже ждут отправки: 1" in page.inner_text("#resend")
    assert [r.action for r in console.audit_rows()] == ["lookup", "resend"]

    # The IIN is in no page seen, no URL, no cookie and no audit column.
    for text in (page.content(), page.url, str(context.cookies())):
        assert console.iin not in text
    for row in console.audit_rows():
        assert console.iin not in " ".join(str(v) for v in row.model_dump().values())
    cookie = next(c for c in context.cookies() if c["name"] == "citizen_console")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"
    assert console.operator_token not in cookie["value"]

    # Signing out ends the session: the application pages ask to sign in again.
    click(page, ".who button")
    assert "Вы вышли из пульта." in page.inner_text("main")
    page.goto(console.url(f"/operator/applications/{console.application_id}"))
    assert "/operator/sign-in" in page.url


def before(page: Any, first: str, then: str) -> bool:
    """The element `first` comes before the element `then` in the page's document order."""
    return bool(page.evaluate(
        "([a, b]) => !!(document.querySelector(a).compareDocumentPosition("
        "document.querySelector(b)) & Node.DOCUMENT_POSITION_FOLLOWING)", [first, then]
    ))


def test_what_applies_today_comes_first(
    console: LiveConsole, browser: tuple[Any, list[str]]
) -> None:
    context, _ = browser
    page = context.new_page()
    catalogue = snapshot_of(console.engine)
    adoption = catalogue.service("adoption-payment")
    guardianship = catalogue.service("guardianship-establishment")
    assert adoption is not None and guardianship is not None

    # The abolished payment: the alert naming decree № 621 first, in both interface languages,
    # then (and only then) the regional regulation, labelled as history.
    page.goto(console.url("/operator/services/adoption-payment"))
    for interface in (Locale.KK, Locale.RU):
        assert page.get_attribute("html", "lang") == interface.value
        alert = page.locator(".notice-abolished[role=alert]")
        assert alert.is_visible()
        for locale in Locale:
            said = alert.locator(f".today-headline[lang={locale.value}]").inner_text()
            answer = today(adoption, locale)
            assert answer is not None and said == answer.headline and "№ 621" in said
        assert page.inner_text("#history-title") == history_heading(
            adoption.regulations[0], interface)
        assert before(page, ".notice-abolished", "#history-title")
        assert before(page, "#today", "#provider") and before(page, "#today", "#how-long")
        assert axe_violations(page) == []  # not one, of any impact
        screenshot(page, f"service-adoption-payment-{interface.value}")
        if interface == Locale.KK:
            press(page, "l")
    page.emulate_media(media="print")  # printed: the alert and the record are kept
    assert page.is_visible(".notice-abolished") and page.is_visible("#today .today-record")
    assert not page.is_visible(".site-header")
    screenshot(page, "service-adoption-payment-print")
    page.emulate_media(media="screen")

    # Guardianship: order № 158, appendix 3, is the first thing said after the name.
    page.goto(console.url("/operator/services/guardianship-establishment"))
    sections = page.eval_on_selector_all("main > section", "s => s.map(x => x.id)")
    assert sections[0] == "today"
    acts = page.eval_on_selector_all(
        "#today .lang-col .today-act", "ps => ps.map(p => p.closest('[lang]').lang + p.innerText)"
    )
    assert len(acts) == 2
    assert acts[0].startswith("kk") and "№ 158" in acts[0] and "3-қосымша" in acts[0]
    assert acts[1].startswith("ru") and "№ 158" in acts[1] and "приложение 3" in acts[1]
    assert before(page, "#today", "#documents")
    accessible(page, "service-guardianship-establishment")

    # The search results still find the abolished payment, and mark it in both languages.
    page.goto(console.url("/operator/"))
    assert "adoption-payment" in search(page, "выплата усыновление")
    row = page.locator(".service-table tr", has=page.locator("a[href*=adoption-payment]"))
    marks = row.locator(".badge-abolished").all_inner_texts()
    assert marks == [translator()(loc, "console-search-abolished") for loc in Locale]
    assert page.locator(".service-table .badge-abolished").count() == 2  # that row only
    accessible(page, "search-adoption")


def test_wrong_and_provider_tokens_are_refused_in_the_operators_language(
    console: LiveConsole, browser: tuple[Any, list[str]]
) -> None:
    context, _ = browser
    page = context.new_page()
    sign_in(page, console, "ctz_not-a-real-token")
    assert "/operator/sign-in" in page.url
    assert "Токен сәйкес келмеді" in page.inner_text("[role=alert]")  # Kazakh by default
    accessible(page, "sign-in-wrong-token")
    press(page, "l")
    sign_in(page, console, console.provider_token)
    assert "не оператора" in page.inner_text("[role=alert]")
    page.goto(console.url("/operator/applications"))
    assert "/operator/sign-in" in page.url  # still nobody signed in


def test_a_form_without_its_token_is_refused(
    console: LiveConsole, browser: tuple[Any, list[str]]
) -> None:
    context, _ = browser
    page = context.new_page()
    page.goto(console.url("/operator/sign-in"))
    page.evaluate("document.querySelector('input[name=csrf]').remove()")
    page.fill("#token", console.operator_token)
    with page.expect_navigation() as navigation:
        page.click("form.stacked-form button[type=submit]")
    assert navigation.value.status == 403
    assert "Пішіннің мерзімі өтіп кеткен" in page.inner_text("[role=alert]")
    accessible(page, "refused-form")
    page.goto(console.url("/operator/applications"))
    assert "/operator/sign-in" in page.url  # the refused form signed nobody in


def test_graphiql_loads_from_citizens_own_files(
    console: LiveConsole, browser: tuple[Any, list[str]]
) -> None:
    context, _ = browser
    page = context.new_page()
    page.goto(console.url("/graphql"))
    page.wait_for_selector(".graphiql-container .graphiql-editors", timeout=20_000)
    page.click(".graphiql-execute-button")  # the example query, over HTTP to this server
    page.wait_for_selector(".graphiql-response :text('preschool-queue')", timeout=20_000)
    screenshot(page, "graphiql")
