"""The operator console over plain HTTP (what a browser without JavaScript sends): sessions,
form tokens, audited and throttled lookups, privacy of the IIN, what applies today said first,
settings and texts."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from markupsafe import escape
from pydantic import SecretStr
from sqlalchemy.engine import Engine

from citizen.applications.tokens import create_token, revoke_token
from citizen.catalogue.live import snapshot_of
from citizen.catalogue.today import history_heading, repeal_sentences, term_source, today
from citizen.catalogue.vocabulary import Channel, Locale
from citizen.db import session_scope
from citizen.i18n import translator
from citizen.settings import Settings, get_settings
from citizen.web.app import create_app
from citizen.web.console import ConsoleSettingsError
from tests.support.applications import valid_iin
from tests.support.console import LiveConsole, console_settings, live_console

CONSOLE = Path(__file__).parents[1] / "src" / "citizen" / "web" / "console"


class Operator:
    """A browser without JavaScript: follows the forms, keeps the cookies."""

    def __init__(self, console: LiveConsole):
        self.console = console
        self.http = httpx.Client(base_url=console.base, follow_redirects=False)

    def form_token(self, path: str = "/operator/sign-in") -> str:
        page = self.http.get(path, follow_redirects=True)
        found = re.search(r'name="csrf" value="([^"]+)"', page.text)
        assert found, page.text
        return found.group(1)

    def sign_in(self, token: str) -> httpx.Response:
        csrf = self.form_token()
        return self.http.post("/operator/sign-in", data={"csrf": csrf, "token": token})

    def look_up(self, number: str, iin: str, reason: str = "гражданин спрашивает срок"
                ) -> httpx.Response:
        csrf = self.form_token("/operator/applications")
        data = {"csrf": csrf, "number": number, "iin": iin, "reason": reason}
        return self.http.post("/operator/applications", data=data)


@pytest.fixture
def console(loaded_engine: Engine) -> Iterator[LiveConsole]:
    with live_console(loaded_engine, console_max_lookups=4) as live:
        yield live


@pytest.fixture
def operator(console: LiveConsole) -> Operator:
    signed = Operator(console)
    assert signed.sign_in(console.operator_token).status_code == 303
    return signed


def test_the_session_cookie_is_signed_httponly_strict_and_holds_no_token(
    console: LiveConsole,
) -> None:
    op = Operator(console)
    answer = op.sign_in(console.operator_token)
    assert answer.status_code == 303 and answer.headers["location"] == "/operator/"
    cookie = answer.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Path=/operator" in cookie
    assert "Max-Age=28800" in cookie and "Secure" not in cookie  # plain http, development
    assert console.operator_token not in cookie
    assert "operator-aigerim" in op.http.get("/operator/").text
    # A cookie changed by hand is no session at all.
    value = op.http.cookies["citizen_console"]
    op.http.cookies.set("citizen_console", value[:-2] + "xx", path="/operator")
    assert op.http.get("/operator/applications").status_code == 303


def test_every_form_needs_its_token(console: LiveConsole, operator: Operator) -> None:
    app = console.application_id
    posts = {
        "/operator/sign-in": {"token": console.operator_token},
        "/operator/applications": {"number": console.number, "iin": console.iin,
                                   "reason": "гражданин спрашивает срок"},
        f"/operator/applications/{app}/resend": {"reason": "не пришло сообщение"},
        "/operator/sign-out": {},
    }
    for path, data in posts.items():
        for token in (None, "forged"):
            sent = data if token is None else {**data, "csrf": token}
            answer = operator.http.post(path, data=sent)
            assert answer.status_code == 403, path
            assert "Пішіннің мерзімі өтіп кеткен" in answer.text
    assert console.audit_rows() == []  # nothing was looked up, nothing re-sent
    assert "operator-aigerim" in operator.http.get("/operator/").text  # still signed in


def test_wrong_and_provider_tokens_are_refused(console: LiveConsole) -> None:
    op = Operator(console)
    wrong = op.sign_in("ctz_wrong")
    assert wrong.status_code == 401 and "Токен сәйкес келмеді" in wrong.text
    op.http.cookies.set("citizen_console_lang", "ru", path="/operator")
    provider = op.sign_in(console.provider_token)
    assert provider.status_code == 403 and "не оператора" in provider.text
    with session_scope(console.engine) as session:
        revoke_token(session, "operator-aigerim")
    assert op.sign_in(console.operator_token).status_code == 401


def test_a_lookup_is_audited_with_its_reason_and_without_the_iin(
    console: LiveConsole, operator: Operator, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    short = operator.look_up(console.number, console.iin, reason="ok")
    assert short.status_code == 400 and "5" in short.text
    assert console.iin not in short.text and console.number in short.text  # number kept
    missed = operator.look_up(console.number, valid_iin(7))
    assert missed.status_code == 404 and console.number in missed.text
    invalid = operator.look_up(console.number, "123")
    assert invalid.status_code == 400 and "12" in invalid.text
    found = operator.look_up(f" {console.number} ", console.iin)
    assert found.status_code == 303
    page = operator.http.get(found.headers["location"])
    assert page.status_code == 200 and console.number in page.text
    rows = console.audit_rows()
    assert [(r.outcome, r.application_id) for r in rows] == [
        ("not_found", None), ("invalid_iin", None), ("found", console.application_id)
    ]
    assert {(r.operator, r.reason, r.number) for r in rows} == {
        ("operator-aigerim", "гражданин спрашивает срок", console.number)
    }
    seen = [short, missed, invalid, found, page]
    everything = " ".join(
        [r.text + str(r.headers) + str(r.url) for r in seen]
        + [str(dict(operator.http.cookies))]
        + [str(row.model_dump()) for row in rows]
        + [record.getMessage() + str(record.__dict__) for record in caplog.records]
    )
    for iin in (console.iin, valid_iin(7)):
        assert iin not in everything


def test_an_application_page_needs_the_citizens_proof_in_this_session(
    console: LiveConsole, operator: Operator
) -> None:
    page = f"/operator/applications/{console.application_id}"
    assert operator.http.get(page).status_code == 403
    assert operator.look_up(console.number, console.iin).status_code == 303
    assert operator.http.get(page).status_code == 200
    other = Operator(console)  # the same operator in another browser: no proof there
    other.sign_in(console.operator_token)
    assert other.http.get(page).status_code == 403
    assert Operator(console).http.get(page).status_code == 303  # nobody signed in


def test_lookups_are_throttled_per_operator_not_per_address(
    console: LiveConsole, operator: Operator
) -> None:
    for _ in range(4):  # console_max_lookups in this test
        assert operator.look_up(console.number, console.iin).status_code == 303
    refused = operator.look_up(console.number, console.iin)
    assert refused.status_code == 429 and int(refused.headers["retry-after"]) > 0
    assert console.audit_rows()[-1].outcome == "throttled"
    with session_scope(console.engine) as session:
        create_token(session, "operator-dana", "operator")
        colleague_token = create_token(session, "operator-erlan", "operator").secret
    colleague = Operator(console)  # same address (127.0.0.1), another operator
    colleague.sign_in(colleague_token)
    assert colleague.look_up(console.number, console.iin).status_code == 303


def test_failed_lookups_block_that_operator_even_for_the_right_pair(
    loaded_engine: Engine,
) -> None:
    with live_console(loaded_engine, console_max_lookups=100) as console:
        with session_scope(console.engine) as session:
            guesser_token = create_token(session, "operator-dana", "operator").secret
        guesser, other = Operator(console), Operator(console)
        guesser.sign_in(guesser_token)
        other.sign_in(console.operator_token)
        limit = get_settings().lookup_max_failures_per_client
        for n in range(limit):
            assert guesser.look_up(console.number, valid_iin(20 + n)).status_code == 404
        # The core counts failures per client; the console's client is the operator's token.
        blocked = guesser.look_up(console.number, console.iin)
        assert blocked.status_code == 429 and "минут" in blocked.text
        assert other.look_up(console.number, console.iin).status_code == 303
        assert [r.outcome for r in console.audit_rows()][-2:] == ["throttled", "found"]


def test_resend_is_audited_and_a_revoked_token_ends_the_session(
    console: LiveConsole, operator: Operator
) -> None:
    assert operator.look_up(console.number, console.iin).status_code == 303
    page = f"/operator/applications/{console.application_id}"
    csrf = operator.form_token(page)
    sent = operator.http.post(f"{page}/resend", data={"csrf": csrf, "reason": "сообщение удалили"})
    assert sent.status_code == 303 and "queued=0&waiting=1&blocked=0" in sent.headers["location"]
    assert [(r.action, r.reason, r.notices) for r in console.audit_rows()][-1] == (
        "resend", "сообщение удалили", 0
    )
    with session_scope(console.engine) as session:
        assert revoke_token(session, "operator-aigerim")
    gone = operator.http.get(page)
    assert gone.status_code == 303 and "/operator/sign-in" in gone.headers["location"]
    assert operator.http.get("/operator/applications").status_code == 303


def test_catalogue_pages_are_public_and_answer_bad_input_plainly(console: LiveConsole) -> None:
    http = httpx.Client(base_url=console.base)
    assert http.get("/operator").status_code in (200, 307)
    assert http.get("/operator/?q=балабакша").status_code == 200
    assert http.get("/operator/services/no-such-service").status_code == 404
    unknown_region = http.get("/operator/services/preschool-queue?region=mars")
    assert unknown_region.status_code == 200 and "almaty-oblast" in unknown_region.text
    base = "/operator/services/summer-camp-voucher/ready?region=karaganda-oblast"
    bad_day = http.get(f"{base}&channel=provider_office&date=2026-13-40&time=10:00")
    assert bad_day.status_code == 400 and "30.12.2026" in bad_day.text
    wrong_channel = http.get(f"{base}&channel=portal&date=2026-12-14&time=10:00")
    assert wrong_channel.status_code == 400
    headers = http.get("/operator/").headers
    assert "default-src 'none'" in headers["content-security-policy"]
    assert headers["cache-control"] == "no-store" and headers["x-frame-options"] == "DENY"
    moved = http.get("/operator/language?to=ru&next=https://evil.example/", follow_redirects=False)
    assert moved.headers["location"] == "/operator/"


def test_the_calculator_reads_out_in_kazakh_with_the_packages_holiday_names(
    console: LiveConsole,
) -> None:
    page = httpx.get(
        console.url("/operator/services/summer-camp-voucher/ready?region=karaganda-oblast"
                    "&channel=provider_office&date=2026-12-14&time=10:00&answer=kk")
    )
    assert page.status_code == 200
    answer = page.text.split('<section id="answer" class="readout" lang="kk"')[1]
    assert "2027\xa0ж. 8 қаңтар" in answer and "жұма" in answer  # a no-break space
    assert "Тәуелсіздік күні" in answer and "Жаңа жыл" in answer
    assert "Есептелмеген демалыс күндері (10)" in answer


def page_in(console: LiveConsole, path: str, locale: Locale) -> str:
    """A console page as an operator reading it in `locale` gets it."""
    cookies = {"citizen_console_lang": locale.value}
    answer = httpx.get(console.url(path), cookies=cookies)
    assert answer.status_code == 200, path
    return answer.text


def first(page: str, *texts: str) -> list[int]:
    """Where each of `texts` (escaped as the page escapes them) first appears on the page."""
    found = [page.find(str(escape(text))) for text in texts]
    assert -1 not in found, [t for t, at in zip(texts, found, strict=True) if at == -1]
    return found


def test_an_abolished_service_is_said_to_be_so_first_in_both_languages(
    console: LiveConsole,
) -> None:
    service = snapshot_of(console.engine).service("adoption-payment")
    assert service is not None and service.abolished
    regulation = service.regulations[0]
    for interface in Locale:
        page = page_in(console, "/operator/services/adoption-payment", interface)
        assert '<div class="notice notice-abolished" role="alert">' in page
        heading = history_heading(regulation, interface)
        for locale in Locale:
            headline = today(service, locale).headline  # type: ignore[union-attr]
            assert "№ 621" in headline
            said, history = first(page, headline, heading)
            assert page.index('role="alert"') < said < history, (interface, locale)
        assert page.index('id="today"') < page.index('id="history"') < page.index('id="provider"')
        for locale in Locale:  # the regulation's repeal, in the shared two parts
            for sentence in repeal_sentences(regulation.act, locale):
                assert str(escape(sentence)) in page
    # The regions and the calculator pages say it before anything of the regulation.
    for path, then in (("/regions", '<table class="regions">'), ("/ready", 'id="no-date"')):
        page = page_in(console, f"/operator/services/adoption-payment{path}", Locale.RU)
        said = today(service, Locale.RU).headline  # type: ignore[union-attr]
        assert first(page, said)[0] < page.index(then), path
    # No ready date for it, as the bot offers none: not even when the form is sent by hand.
    asked = page_in(console, "/operator/services/adoption-payment/ready?date=2026-01-05"
                    "&time=10:00&channel=provider_office", Locale.RU)
    assert 'id="no-date"' in asked and 'id="answer"' not in asked
    assert "/services/adoption-payment/ready" not in page_in(
        console, "/operator/services/adoption-payment", Locale.RU)


def test_guardianship_shows_the_order_in_force_and_its_appendix_first(
    console: LiveConsole,
) -> None:
    service = snapshot_of(console.engine).service("guardianship-establishment")
    assert service is not None
    for interface in Locale:
        page = page_in(console, "/operator/services/guardianship-establishment", interface)
        acts = [today(service, locale).act for locale in Locale]  # type: ignore[union-attr]
        assert "№ 158" in acts[0] and "3-қосымша" in acts[0]
        assert "№ 158" in acts[1] and "приложение 3" in acts[1]
        for at in first(page, *acts):
            assert at < page.index('id="documents"')  # before anything historical
            assert at < page.index('class="notice" role="note"')  # and before "no regulation"
        assert "console-no-regulation" not in page  # the message exists in both languages


def test_search_marks_an_abolished_service_and_still_finds_it(console: LiveConsole) -> None:
    for interface, words in ((Locale.KK, "асырап алу төлем"), (Locale.RU, "выплата усыновление")):
        page = page_in(console, f"/operator/?q={words}", interface)
        rows = re.findall(r"<tr>(.*?)</tr>", page, re.S)
        row = next(r for r in rows if "/services/adoption-payment" in r)
        for locale in Locale:
            mark = translator()(locale, "console-search-abolished")
            assert f'<strong class="badge badge-abolished">{mark}</strong>' in row
        others = [r for r in rows if "/services/adoption-payment" not in r]
        assert others and not any("badge-abolished" in r for r in others)


def test_how_long_and_the_calculator_say_which_act_the_term_comes_from(
    console: LiveConsole,
) -> None:
    regulation = snapshot_of(console.engine).regulation("summer-camp-voucher", "karaganda-oblast")
    assert regulation is not None
    answer = regulation.how_long(Channel.PROVIDER_OFFICE)
    page = page_in(console, "/operator/services/summer-camp-voucher", Locale.RU)
    how_long = page.split('id="how-long"')[1].split("</section>")[0]
    for locale in Locale:
        assert str(escape(term_source(answer, locale))) in how_long
    ready = page_in(console, "/operator/services/summer-camp-voucher/ready?region=karaganda-oblast"
                    "&channel=provider_office&date=2026-12-14&time=10:00&answer=kk", Locale.RU)
    said = ready.split('id="answer"')[1]
    assert str(escape(term_source(answer, Locale.KK))) in said
    assert str(escape(term_source(answer, Locale.RU))) not in said  # the answer's language


def test_without_a_bot_username_the_service_page_says_so(loaded_engine: Engine) -> None:
    with live_console(loaded_engine, telegram_bot_username=None) as console:
        page = httpx.get(console.url("/operator/services/preschool-queue"))
    assert "CITIZEN_TELEGRAM_BOT_USERNAME" in page.text and "t.me/" not in page.text


def test_a_busy_database_is_a_try_again_page(loaded_engine: Engine) -> None:
    app = create_app(console_settings(), loaded_engine)
    from tests.support.live_server import live_server

    with live_server(app) as base:
        app.state.db.close()  # every database operation now answers "unavailable"
        http = httpx.Client(base_url=base)
        page = http.get("/operator/sign-in")
        csrf = re.search(r'name="csrf" value="([^"]+)"', page.text)
        assert csrf is not None
        busy = http.post("/operator/sign-in", data={"csrf": csrf.group(1), "token": "ctz_x"})
        assert busy.status_code == 503 and busy.headers["retry-after"]
        assert "Дерекқор қазір бос емес" in busy.text


class ProductionSettings(Settings):
    environment: str = "production"


def test_production_refuses_the_development_secret(loaded_engine: Engine) -> None:
    with pytest.raises(ConsoleSettingsError, match="CITIZEN_CONSOLE_SECRET"):
        create_app(ProductionSettings(notifier_enabled=False), loaded_engine)
    app = create_app(
        ProductionSettings(notifier_enabled=False, console_secret=SecretStr("s3cret-for-prod")),
        loaded_engine,
    )
    from tests.support.live_server import live_server

    with live_server(app) as base:
        answer = httpx.get(f"{base}/operator/sign-in")
    assert "Secure" in answer.headers["set-cookie"]  # production: only over https


def test_every_console_text_exists_in_both_languages() -> None:
    from fluent.syntax import parse
    from fluent.syntax.ast import Junk

    for locale in ("kk", "ru"):  # a syntax error would silently drop a message
        ftl = (Path(__file__).parents[1] / "locales" / locale / "console.ftl").read_text()
        assert not [e for e in parse(ftl).body if isinstance(e, Junk)], locale
    used: set[str] = set()
    for path in [*CONSOLE.glob("*.py"), *(CONSOLE / "templates").glob("*.html")]:
        used |= set(re.findall(r"[\"'](console-[a-z0-9_-]+[a-z0-9])[\"']", path.read_text()))
    used -= {"console-static"}  # a route name, not a message
    kinds = {"console-row-" + k for k in ("channels", "step_count", "steps", "act")}
    states = {"console-delivery-" + s for s in (
        "created", "sending", "delivered", "temporary_failure", "permanent_failure",
        "technical_failure")}
    t = translator()
    for locale in ("kk", "ru"):
        missing = sorted(m for m in used | kinds | states if not t.has(locale, m))
        assert missing == [], f"{locale}: {missing}"


def test_the_regional_table_words_each_repeal_in_two_parts(console: LiveConsole) -> None:
    service = snapshot_of(console.engine).service("summer-camp-voucher")
    assert service is not None and len(service.regulations) > 1
    for locale in Locale:
        page = page_in(console, "/operator/services/summer-camp-voucher/regions", locale)
        for regulation in service.regulations:
            for sentence in repeal_sentences(regulation.act, locale):
                assert str(escape(sentence)) in page, (locale, regulation.id)
