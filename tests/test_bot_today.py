"""The bot door of "what applies today": the card says it first, in the shared wording of
`catalogue/today.py`; an abolished service says so before anything historical, and lists and
inline shares mark it; the regional regulations are shown under their history heading.

End to end through the fake Bot API over real HTTP, in both languages.
"""

from __future__ import annotations

import pytest
from sqlalchemy.engine import Engine

from citizen.bot.texts import escape
from citizen.catalogue.live import snapshot_of
from citizen.catalogue.model import Service
from citizen.catalogue.today import (
    Today,
    history_heading,
    named_fact,
    repeal_sentences,
    term_source,
    today,
)
from citizen.i18n import translator
from tests.support.bot_harness import button_texts, running_bot
from tests.test_bot_card import known_person
from tests.test_bot_same_answers import open_card, whole_tab

T = translator()
# Words that find the abolished one-off adoption payment, in each language.
ADOPTION_PAYMENT_QUERY = {"ru": "усыновление", "kk": "асырап алу біржолғы төлем"}


def service_and_today(engine: Engine, service_id: str, locale: str) -> tuple[Service, Today]:
    service = snapshot_of(engine).service(service_id)
    assert service is not None
    now = today(service, locale)
    assert now is not None
    return service, now


def bold(text: str) -> str:
    return f"<b>{escape(text)}</b>"


@pytest.mark.parametrize("locale", ["kk", "ru"])
def test_an_abolished_service_says_so_before_anything_historical(
    loaded_engine: Engine, locale: str
) -> None:
    service, now = service_and_today(loaded_engine, "adoption-payment", locale)
    assert now.abolished
    reg = service.regulations[0]
    with running_bot(loaded_engine) as running:
        person = known_person(running, loaded_engine, 2401, locale)
        card = person.say("/start adoption-payment")
        text = card.text or ""
        first = text.splitlines()[0]
        assert first == bold(now.headline) and "№ 621" in first
        # The regulation it was provided under follows, labelled as history.
        assert text.index(bold(service.name(locale))) < text.index(
            escape(history_heading(reg, locale)))
        assert T(locale, "history-note") in text
        # No "if I apply today" date for a service that is gone.
        assert T(locale, "bot-tab-ready") not in button_texts(card)

        # Every other part of the card says it first too.
        person.press(card, T(locale, "bot-tab-law"))
        law = card.text or ""
        assert law.startswith(first)
        for sentence in repeal_sentences(reg.act, locale):
            assert escape(sentence) in law
        assert now.previous_act is not None and escape(now.previous_act) in law

        person.press(card, T(locale, "bot-tab-today"))
        details = card.text or ""
        assert details.startswith(first)
        assert now.where_to_check is not None and escape(now.where_to_check) in details
        assert escape(now.not_read) in details


@pytest.mark.parametrize("locale", ["kk", "ru"])
def test_an_act_in_force_comes_first_and_the_history_after(
    loaded_engine: Engine, locale: str
) -> None:
    service, now = service_and_today(loaded_engine, "guardianship-establishment", locale)
    assert not now.abolished
    assert "№ 158" in now.act and T(locale, "current-act-appendix", appendix="3") in now.act
    with running_bot(loaded_engine) as running:
        person = known_person(running, loaded_engine, 2402, locale)
        card = person.say("/start guardianship-establishment")
        text = card.text or ""
        assert text.startswith(bold(service.name(locale)))
        assert T(locale, "current-status-abolished") not in text
        act = text.index(escape(now.act))
        assert text.index(escape(now.headline)) < act
        assert act < text.index(escape(history_heading(service.listed_in[0], locale)))
        # The facts read from the act in force, and the page each was read on in the details.
        for fact in now.facts:
            assert escape(fact.text) in text
        person.press(card, T(locale, "bot-tab-today"))
        details = card.text or ""
        sources = [f.source.text for f in now.facts if f.source is not None]
        assert sources and all(escape(s) in details for s in sources)


@pytest.mark.parametrize("locale", ["kk", "ru"])
def test_the_search_list_marks_the_abolished_service(loaded_engine: Engine, locale: str) -> None:
    service, now = service_and_today(loaded_engine, "adoption-payment", locale)
    mark = f"<i>{escape(T(locale, 'bot-list-abolished'))}</i>"
    with running_bot(loaded_engine) as running:
        person = known_person(running, loaded_engine, 2403, locale)
        results = person.say(ADOPTION_PAYMENT_QUERY[locale])
        items = [p for p in (results.text or "").split("\n\n") if p.startswith("<b>")]
        assert len(items) > 1  # the in-force neighbours are listed without the mark
        for item in items:
            marked = escape(service.name(locale)) in item
            assert (mark in item) == marked, item
        number = next(i for i in items if mark in i).split(".")[0].removeprefix("<b>")
        card = person.press(results, number, expect="new")
        assert (card.text or "").startswith(bold(now.headline))


@pytest.mark.parametrize("locale", ["kk", "ru"])
def test_the_inline_share_says_it_is_abolished(loaded_engine: Engine, locale: str) -> None:
    _, now = service_and_today(loaded_engine, "adoption-payment", locale)
    with running_bot(loaded_engine) as running:
        known_person(running, loaded_engine, 2404, locale)
        running.fake.push_inline_query(2404, "adoption-payment")
        running.fake.wait_for(lambda f: bool(f.inline_answers), what="an inline answer")
        [shared] = running.fake.inline_answers[-1]["results"]
        assert shared["description"] == now.headline
        message = shared["input_message_content"]["message_text"]
        assert message.startswith(bold(now.headline))
        assert "?start=adoption-payment" in message


@pytest.mark.parametrize("locale", ["kk", "ru"])
def test_how_long_names_the_act_it_comes_from(loaded_engine: Engine, locale: str) -> None:
    reg = snapshot_of(loaded_engine).regulation("preschool-queue", "almaty-oblast")
    assert reg is not None
    with running_bot(loaded_engine) as running:
        person = known_person(running, loaded_engine, 2405, locale)
        text = whole_tab(person, open_card(person, reg), T(locale, "bot-tab-time"))
        source = escape(term_source(reg.how_long(reg.accepting_channels[0]), locale))
        assert source in text and "№ 321" in source
        assert text.index(escape(history_heading(reg, locale))) < text.index(source)


@pytest.mark.parametrize("locale", ["kk", "ru"])
def test_what_applies_today_comes_before_the_region_question(
    loaded_engine: Engine, locale: str
) -> None:
    # Regulated in two regions: the region is asked, but today's record is the same in both.
    service, now = service_and_today(loaded_engine, "adoption-candidate-registration", locale)
    assert len(service.regulations) == 2
    with running_bot(loaded_engine) as running:
        person = known_person(running, loaded_engine, 2406, locale)
        prompt = person.say("/start adoption-candidate-registration")
        text = prompt.text or ""
        assert text.startswith(bold(service.name(locale)))
        assert text.index(escape(now.act)) < text.index(T(locale, "bot-region-prompt"))
        assert len(button_texts(prompt)) == 2


@pytest.mark.parametrize("locale", ["kk", "ru"])
def test_where_says_the_act_in_force_before_the_old_offices(
    loaded_engine: Engine, locale: str
) -> None:
    service, now = service_and_today(loaded_engine, "preschool-queue", locale)
    channels = named_fact(now, "channels")
    assert channels is not None
    reg = service.regulation_in("almaty-oblast")
    assert reg is not None
    with running_bot(loaded_engine) as running:
        person = known_person(running, loaded_engine, 2406, locale)
        text = whole_tab(person, open_card(person, reg), T(locale, "bot-tab-where"))
        said = text.index(escape(channels.text))
        assert said < text.index(escape(history_heading(reg, locale)))
        assert channels.source is not None and escape(channels.source.text) in text
