"""One answer for every door: for every regulation and every channel that accepts applications,
the API, the bot's card, the open-data export and the CLI give the same "how long" (basis,
values, units) and the same step numbers, and a notification about step k names the same k
as the API and the CLI. What applies today opens every door with the same headline, for every
service in both languages: the bot's card, the operator console and the CLI give the
`today(service, locale).headline` that `catalogue/today.py` words for every door.

Each door is read the way its users read it (GraphQL over HTTP, the bot through the fake Bot
API, the export's JSON, the CLI's printed text) and compared with the catalogue snapshot's
answer, `Regulation.how_long(channel)`: equal to it, they are equal to each other.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

import httpx
import pytest
from sqlalchemy.engine import Engine

from citizen.applications import change_status, register_application
from citizen.applications.notices import render_change
from citizen.applications.registry import status_history
from citizen.bot.texts import Texts, escape
from citizen.catalogue.export import export_catalogue
from citizen.catalogue.live import snapshot_of
from citizen.catalogue.model import HowLong, Regulation, Service
from citizen.catalogue.today import history_heading, term_source, today
from citizen.catalogue.vocabulary import Channel, Locale
from citizen.cli import main
from citizen.db import session_scope
from citizen.i18n import durations_text, label, translator
from citizen.settings import Settings
from citizen.web.app import create_app
from tests.support.applications import SUBMITTED, valid_iin
from tests.support.bot_harness import Person, running_bot
from tests.support.console import console_settings
from tests.support.fake_bot_api import SentMessage
from tests.support.live_server import live_server
from tests.test_bot_card import known_person
from tests.test_bot_same_answers import check_how_long, open_card, whole_tab

T = translator()
GRAPHQL_CHANNEL = {c: c.name for c in Channel}


def pairs(engine: Engine) -> Iterator[tuple[Regulation, Channel]]:
    for service in snapshot_of(engine).services:
        for regulation in service.regulations:
            for channel in regulation.accepting_channels:
                yield regulation, channel


def core(answer: HowLong) -> tuple[str, list[tuple[float, str]]]:
    return answer.basis.value, [(s.value, s.unit.value) for s in answer.totals]


def _card_query(regulations: list[Regulation]) -> str:
    """One GraphQL document asking every regulation's terms on each of its channels."""
    parts = []
    for n, reg in enumerate(regulations):
        terms = " ".join(
            f"{GRAPHQL_CHANNEL[c]}: totalTerm(channel: {GRAPHQL_CHANNEL[c]}) "
            "{ basis durations { value unit } }"
            for c in reg.accepting_channels
        )
        parts.append(
            f'r{n}: service(id: "{reg.service_id}") {{ ... on Service {{ '
            f'regulation(region: "{reg.region.id}") {{ ... on Regulation {{ '
            f"steps {{ position }} {terms} }} }} }} }}"
        )
    return "{ " + " ".join(parts) + " }"


def test_api_export_and_cli_give_the_snapshots_answer(
    loaded_engine: Engine, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    catalogue = snapshot_of(loaded_engine)
    regulations = [r for s in catalogue.services for r in s.regulations]
    assert len(regulations) == 12
    settings = Settings(max_aliases=100, max_query_depth=20, max_tokens=20000)
    with live_server(create_app(settings, loaded_engine)) as base:
        answer = httpx.post(f"{base}/graphql", json={"query": _card_query(regulations)})
    assert answer.status_code == 200, answer.text
    data = answer.json()["data"]
    exported = {
        r["id"]: r for s in export_catalogue(catalogue)["services"] for r in s["regulations"]
    }
    monkeypatch.setenv("CITIZEN_DATABASE_URL", loaded_engine.url.render_as_string(False))
    from citizen.settings import get_settings

    get_settings.cache_clear()
    for n, reg in enumerate(regulations):
        numbers = [s.number for s in reg.steps]
        api = data[f"r{n}"]["regulation"]
        assert [s["position"] for s in api["steps"]] == numbers
        export = exported[reg.id]
        assert [s["position"] for s in export["steps"]] == numbers
        for channel in reg.accepting_channels:
            expected = core(reg.how_long(channel))
            term = api[GRAPHQL_CHANNEL[channel]]
            got = (term["basis"].lower(), [(d["value"], d["unit"].lower()) for d in
                                           term["durations"]]) if term else ("?", [])
            if not expected[1]:  # nothing to say: the API answers null
                assert term is None, (reg.id, channel)
            else:
                assert got == expected, (reg.id, channel, "api")
            by_export = next(h for h in export["how_long"] if h["channel"] == channel.value)
            assert (by_export["basis"], [(d["value"], d["unit"]) for d in by_export["totals"]]
                    ) == expected, (reg.id, channel, "export")
        _check_cli(capsys, catalogue.service(reg.service_id), reg)
    get_settings.cache_clear()


def _check_cli(
    capsys: pytest.CaptureFixture[str], service: Service | None, reg: Regulation
) -> None:
    args = ["catalogue", "show", reg.service_id, "--region", reg.region.id, "--lang", "ru"]
    assert main(args) == 0
    shown = capsys.readouterr().out
    for channel in reg.accepting_channels:
        answer = reg.how_long(channel)
        total = durations_text([(s.value, s.unit) for s in answer.totals], Locale.RU) or "-"
        line = f"    {label(channel, Locale.RU)}: {total} ({label(answer.basis, Locale.RU)})"
        assert line in shown, (reg.id, channel, "cli")
    listed = [int(n) for n in re.findall(r"^    (\d+)\. ", shown, re.MULTILINE)]
    assert listed == [s.number for s in reg.steps], (reg.id, "cli steps")
    assert service is not None
    told = today(service, Locale.RU)
    assert told is not None
    # What applies today comes first, the historical regulation after its heading.
    assert shown.index(told.headline) < shown.index(history_heading(reg, Locale.RU)), reg.id


def test_the_bot_card_gives_the_same_answer(loaded_engine: Engine) -> None:
    catalogue = snapshot_of(loaded_engine)
    t = Texts(Locale.RU)
    with running_bot(loaded_engine) as running:
        person = known_person(running, loaded_engine, 2300, "ru")
        for service in catalogue.services:
            for reg in service.regulations:
                text = whole_tab(person, open_card(person, reg), T("ru", "bot-tab-time"))
                for channel in reg.accepting_channels:
                    check_how_long(t, reg, channel, text)
                    assert escape(term_source(reg.how_long(channel), "ru")) in text, reg.id


def first_part(person: Person, service: Service) -> SentMessage:
    """A service's card as it first opens (in its first region when it has regulations)."""
    if service.regulations:
        return open_card(person, service.regulations[0])
    return person.say(f"/start {service.id}")


def headline_of(text: str, name: str, title: str) -> str:
    """The headline as the card shows it: its very first line when it comes before the name
    (an abolished service), else the line under the title of what applies today."""
    lines = text.splitlines()
    if lines[0] != f"<b>{escape(name)}</b>":
        return html.unescape(lines[0].removeprefix("<b>").removesuffix("</b>"))
    return html.unescape(lines[lines.index(f"<b>{escape(title)}</b>") + 1])


@pytest.mark.parametrize("locale", list(Locale))
def test_the_bot_card_opens_with_todays_headline(loaded_engine: Engine, locale: Locale) -> None:
    catalogue = snapshot_of(loaded_engine)
    with running_bot(loaded_engine) as running:
        person = known_person(running, loaded_engine, 2310 + len(locale.value), locale.value)
        for service in catalogue.services:
            now = today(service, locale)
            assert now is not None, service.id
            text = first_part(person, service).text or ""
            assert headline_of(text, service.name(locale), now.title) == now.headline, service.id


def test_a_notification_about_step_k_names_the_same_k(
    loaded_engine: Engine, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    catalogue = snapshot_of(loaded_engine)
    monkeypatch.setenv("CITIZEN_DATABASE_URL", loaded_engine.url.render_as_string(False))
    from citizen.settings import get_settings

    get_settings.cache_clear()
    expected: dict[str, tuple[int, int]] = {}  # receipt number -> (IIN serial, step number)
    for n, (reg, channel) in enumerate(pairs(loaded_engine)):
        path = [s for s in reg.steps_on(channel) if not s.conditional]
        if not path:
            continue
        step = path[-1]  # the last step a person on this channel goes through
        number = f"ONE-{n}"
        with session_scope(loaded_engine) as session:
            register_application(
                session, catalogue, service_id=reg.service_id, region_id=reg.region.id,
                channel=channel, iin=valid_iin(n), number=number, submitted_at=SUBMITTED,
            )
        with session_scope(loaded_engine) as session:
            result = change_status(session, catalogue, number, "in_progress", step=step.number)
            app = result.application
            change = status_history(session, app.id or 0)[-1]
            for locale in Locale:
                notice = render_change(catalogue, app, change, locale).text
                said = T(locale, "notification-status-in_progress", step=step.number,
                         steps=len(reg.steps), actor=step.actor(locale),
                         action=step.action(locale).rstrip(". "))
                assert said in notice, (reg.id, channel, locale)
        assert app.step_number == step.number
        assert main(["application", "show", number, "--lang", "ru"]) == 0
        assert f", step {step.number}" in capsys.readouterr().out
        expected[number] = (n, step.number)
    get_settings.cache_clear()
    assert len(expected) >= 12
    query = """query($n: String!, $i: String!) { application(number: $n, iin: $i) {
        ... on Application { step { position } } } }"""
    with live_server(create_app(Settings(), loaded_engine)) as base:
        for number, (n, step_number) in expected.items():
            body = {"query": query, "variables": {"n": number, "i": valid_iin(n)}}
            answer = httpx.post(f"{base}/graphql", json=body).json()
            assert answer["data"]["application"]["step"]["position"] == step_number, number


HEADLINE = re.compile(r'<p class="today-headline" lang="(kk|ru)"><strong>(.*?)</strong></p>', re.S)


def test_the_console_headline_is_the_shared_one_for_every_service(loaded_engine: Engine) -> None:
    catalogue = snapshot_of(loaded_engine)
    with live_server(create_app(console_settings(), loaded_engine)) as base:
        for service in catalogue.services:
            for interface in Locale:
                page = httpx.get(f"{base}/operator/services/{service.id}",
                                 cookies={"citizen_console_lang": interface.value})
                found = HEADLINE.findall(page.text)
                assert len(found) == 2, (service.id, interface)  # once in each language
                shown = {Locale(lang): html.unescape(text) for lang, text in found}
                expected = {}
                for locale in Locale:
                    answer = today(service, locale)
                    assert answer is not None, service.id
                    expected[locale] = answer.headline
                assert shown == expected, (service.id, interface)
