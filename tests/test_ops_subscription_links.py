"""One-time subscription links: made by a provider or operator, opened by the citizen."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import subprocess
import sys
from collections.abc import Iterator

import httpx
import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from citizen.applications import ApplicationError
from citizen.applications.links import LinkOutcome, create_link, redeem_link
from citizen.applications.lookup import chat_subscriptions
from citizen.applications.tables import SubscriptionLink
from citizen.db import session_scope
from citizen.i18n import translator
from citizen.settings import Settings, get_settings
from citizen.web.app import create_app
from tests.support.bot_harness import Person, running_bot
from tests.support.fake_bot_api import BOT_USER, FakeBotAPI
from tests.support.live_server import live_server
from tests.test_graphql_applications import token

T = translator()
WEEK = dt.timedelta(days=7)
MUTATION = """mutation($number: String!) { createSubscriptionLink(number: $number) {
  __typename
  ... on SubscriptionLink { number code url expiresAt }
  ... on ApplicationRejected { code message }
  ... on AccessDenied { code message } } }"""


def _number(engine: Engine, n: int = 1) -> str:
    from tests.support.applications import register

    with session_scope(engine) as session:
        return register(session, n).number


def test_a_code_works_once_and_only_its_hash_is_kept(loaded_engine: Engine) -> None:
    number = _number(loaded_engine)
    with session_scope(loaded_engine) as session:
        issued = create_link(session, number, actor="cli", ttl=WEEK)
    assert issued.code.startswith("sub_") and len(issued.code) <= 64
    with Session(loaded_engine) as session:
        [row] = session.exec(select(SubscriptionLink)).all()
    assert row.code_hash == hashlib.sha256(issued.code.encode()).hexdigest()
    assert issued.code not in repr(row.model_dump())
    with session_scope(loaded_engine) as session:
        first = redeem_link(session, issued.code, 501)
    with session_scope(loaded_engine) as session:
        again = redeem_link(session, issued.code, 502)  # forwarded to someone else: refused
        assert [a.number for a in chat_subscriptions(session, 501)] == [number]
        assert chat_subscriptions(session, 502) == []
    assert (first.outcome, again.outcome) == (LinkOutcome.SUBSCRIBED, LinkOutcome.INVALID)


def test_expired_and_unknown_codes_get_one_answer(loaded_engine: Engine) -> None:
    number = _number(loaded_engine)
    with session_scope(loaded_engine) as session:
        stale = create_link(session, number, actor="cli", ttl=dt.timedelta(seconds=-1))
        assert redeem_link(session, stale.code, 601).outcome == LinkOutcome.INVALID
        assert redeem_link(session, "sub_" + "x" * 32, 601).outcome == LinkOutcome.INVALID
        with pytest.raises(ApplicationError):
            create_link(session, "NO-SUCH-NUMBER", actor="cli", ttl=WEEK)


@pytest.fixture
def api(loaded_engine: Engine, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    with FakeBotAPI() as fake:
        # The mutation reads the bot's token from the settings, to ask getMe for its username.
        monkeypatch.setenv("CITIZEN_TELEGRAM_TOKEN", "123:links")
        monkeypatch.setenv("CITIZEN_TELEGRAM_API_URL", fake.base_url)
        get_settings.cache_clear()
        settings = Settings(notifier_enabled=False)
        try:
            with live_server(create_app(settings, loaded_engine)) as base:
                yield base
        finally:
            get_settings.cache_clear()


def _post(base: str, bearer: str | None, number: str, lang: str = "ru") -> dict[str, object]:
    headers = {"Accept-Language": lang}
    if bearer:
        headers["Authorization"] = f"Bearer {bearer}"
    r = httpx.post(f"{base}/graphql", json={"query": MUTATION, "variables": {"number": number}},
                   headers=headers)
    assert r.status_code == 200 and "errors" not in r.json(), r.text
    result: dict[str, object] = r.json()["data"]["createSubscriptionLink"]
    return result


def test_the_mutation_needs_a_token_and_gives_a_t_me_link(api: str, loaded_engine: Engine) -> None:
    number = _number(loaded_engine)
    assert _post(api, None, number)["code"] == "not_authorized"
    operator = token(loaded_engine, "operator")
    unknown = _post(api, operator, "NO-SUCH-1")
    assert unknown["code"] == "not_found" and "NO-SUCH-1" in str(unknown["message"])
    link = _post(api, operator, number)
    assert link["__typename"] == "SubscriptionLink" and link["number"] == number
    assert link["url"] == f"https://t.me/{BOT_USER['username']}?start={link['code']}"


@pytest.mark.parametrize("locale", ["kk", "ru"])
def test_opening_the_link_subscribes_the_chat_in_its_language(
    loaded_engine: Engine, locale: str
) -> None:
    number = _number(loaded_engine)
    with session_scope(loaded_engine) as session:
        code = create_link(session, number, actor="cli", ttl=WEEK).code
    with running_bot(loaded_engine) as running:
        person: Person = running.person(4400, locale)  # a first contact: no language chosen yet
        done = person.say(f"/start {code}")
        assert done.text == T(locale, "bot-link-subscribed", number=number)
        other = running.person(4401, locale)
        assert other.say(f"/start {code}").text == T(locale, "bot-link-invalid")
    with Session(loaded_engine) as session:
        assert [a.number for a in chat_subscriptions(session, 4400)] == [number]
        assert chat_subscriptions(session, 4401) == []


def test_the_cli_prints_a_link(loaded_engine: Engine, database_url: str) -> None:
    number = _number(loaded_engine)
    env = {**os.environ, "CITIZEN_DATABASE_URL": database_url,
           "CITIZEN_TELEGRAM_BOT_USERNAME": "citizen_kz_bot"}
    done = subprocess.run([sys.executable, "-m", "citizen.cli", "application", "link", number,
                           "--ttl-hours", "2"], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    url = done.stdout.strip().splitlines()[-1]
    assert url.startswith("https://t.me/citizen_kz_bot?start=sub_")
    with session_scope(loaded_engine) as session:
        assert redeem_link(session, url.split("start=")[1], 701).outcome == LinkOutcome.SUBSCRIBED
    missing = subprocess.run([sys.executable, "-m", "citizen.cli", "application", "link", "NOPE",
                              "--lang", "ru"], env=env, capture_output=True, text=True)
    assert missing.returncode == 2 and "NOPE" in missing.stderr
