"""The service card through the bot: deep links, tabs, region choice, the date calculator.

Driven end to end: updates reach the bot's webhook over HTTP from the fake Bot API, and the
bot's answers reach the fake over HTTP.
"""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from citizen.bot.texts import Texts, escape
from citizen.catalogue.live import snapshot_of
from citizen.catalogue.terms import TermBasis
from citizen.catalogue.today import history_heading, term_source
from citizen.catalogue.vocabulary import Channel, Locale
from citizen.i18n import durations_text, format_date, label, translator
from citizen.notifications.chats import set_chat_locale
from tests.support.bot_harness import FIXED_NOW, Person, RunningBot, button_texts, running_bot

T = translator()


def known_person(running: RunningBot, engine: Engine, chat_id: int, locale: str) -> Person:
    """Someone who already chose their language."""
    with Session(engine) as session:
        set_chat_locale(session, chat_id, Locale(locale))
        session.commit()
    return running.person(chat_id, "en")


@pytest.mark.parametrize("locale", ["kk", "ru"])
def test_deep_link_opens_the_card_with_every_part(loaded_engine: Engine, locale: str) -> None:
    service = snapshot_of(loaded_engine).service("preschool-queue")
    assert service is not None
    item = service.documents[0].items[1]
    name = service.name(locale)
    with running_bot(loaded_engine) as running:
        person = known_person(running, loaded_engine, 2001, locale)
        card = person.say("/start preschool-queue")
        text = card.text or ""
        assert name in text
        assert T(locale, "act-status-repealed") in text  # the regulation's legal status
        assert escape(history_heading(service.regulations[0], locale)) in text
        labels = button_texts(card)
        for tab in ("documents", "where", "time", "ready", "law"):
            assert T(locale, f"bot-tab-{tab}") in labels

        person.press(card, T(locale, "bot-tab-documents"))
        assert T(locale, "bot-docs-title") in (card.text or "")
        assert item.name(locale) in (card.text or "")

        person.press(card, T(locale, "bot-tab-where"))
        assert T(locale, "channel-state_corporation") in (card.text or "")
        assert T(locale, "office-example-mark") in (card.text or "")  # example offices say so
        venue = person.press(card, "🗺", expect="new")
        assert venue.method == "sendVenue"
        assert T(locale, "office-example-mark") in str(venue.params["address"])

        # How long on each way of applying: the regulation states no total, so the steps on
        # each channel's path are added up, as every door says (never "no total").
        person.press(card, T(locale, "bot-tab-time"))
        text = card.text or ""
        t = Texts(locale)
        reg = snapshot_of(loaded_engine).regulation("preschool-queue", "almaty-oblast")
        assert reg is not None and len(reg.accepting_channels) == 3
        for channel in reg.accepting_channels:
            answer = reg.how_long(channel)
            assert answer.basis == TermBasis.STEPS and answer.known
            total = durations_text([(s.value, s.unit) for s in answer.totals], locale)
            assert t("bot-time-channel", channel=label(channel, locale), duration=total) in text
        assert label(TermBasis.STEPS, locale) in text
        assert T(locale, "duration-minute", count=10) in text  # a step's own duration

        person.press(card, T(locale, "bot-tab-law"))
        assert T(locale, "bot-law-title") in (card.text or "")
        assert "№ 321" in (card.text or "")


@pytest.mark.parametrize("locale", ["kk", "ru"])
def test_if_i_apply_today_gives_the_date_and_how_it_was_counted(
    loaded_engine: Engine, locale: str
) -> None:
    # Summer camp voucher in Karaganda oblast: 15 working days, stated by the regulation.
    # From Tuesday 1 December 2026, Independence Day (16 December) is skipped: 23 December.
    reg = snapshot_of(loaded_engine).regulation("summer-camp-voucher", "karaganda-oblast")
    assert reg is not None
    estimate = reg.ready_estimate(Channel.PROVIDER_OFFICE, FIXED_NOW)
    assert estimate.ready_on == dt.date(2026, 12, 23)
    with running_bot(loaded_engine) as running:
        person = known_person(running, loaded_engine, 2002, locale)
        card = person.say("/start summer-camp-voucher")
        if T(locale, "bot-tab-ready") not in button_texts(card):  # several regions: pick one
            person.press(card, "Қарағанды" if locale == "kk" else "Карагандинская")
        person.press(card, T(locale, "bot-tab-ready"))
        assert T(locale, "bot-ready-choose-channel") in (card.text or "")
        # The regulation accepts applications only at the provider's office.
        assert button_texts(card)[:-1] == [T(locale, "channel-provider_office")]
        person.press(card, T(locale, "channel-provider_office"))
        text = card.text or ""
        assert f"<b>{format_date(dt.date(2026, 12, 23), locale)}</b>" in text
        assert format_date(FIXED_NOW.date(), locale) in text  # "today"
        assert T(locale, "term-basis-stated") in text
        assert T(locale, "bot-ready-caveat") in text
        # The date comes from the regional regulation, and the answer names it.
        answer = reg.how_long(Channel.PROVIDER_OFFICE)
        assert escape(term_source(answer, locale)) in text


def test_dates_read_naturally_in_both_languages(loaded_engine: Engine) -> None:
    assert format_date(dt.date(2026, 12, 23), "kk") == "2026\xa0ж. 23 желтоқсан"
    assert format_date(dt.date(2026, 12, 23), "ru") == "23 декабря 2026\xa0г."


@pytest.mark.parametrize("locale", ["kk", "ru"])
def test_a_service_known_only_by_name_says_so(loaded_engine: Engine, locale: str) -> None:
    with running_bot(loaded_engine) as running:
        person = known_person(running, loaded_engine, 2003, locale)
        card = person.say("/start school-free-meals")
        text = card.text or ""
        listed = T(locale, "bot-card-listed-only", act="X", status="Y").split("«")[0]
        assert listed in text
        assert T(locale, "bot-docs-unknown") in text
        assert T(locale, "bot-tab-ready") not in button_texts(card)
        person.press(card, T(locale, "bot-tab-law"))
        assert T(locale, "bot-law-listed-in") in (card.text or "")


def test_an_unknown_deep_link_greets_instead(loaded_engine: Engine) -> None:
    with running_bot(loaded_engine) as running:
        person = known_person(running, loaded_engine, 2004, "ru")
        assert person.say("/start no-such-service").text == T("ru", "bot-welcome")


@pytest.mark.parametrize("locale", ["kk", "ru"])
def test_the_region_is_asked_once_and_can_be_changed(loaded_engine: Engine, locale: str) -> None:
    regions = {r.id: r.name(locale) for r in snapshot_of(loaded_engine).regions}
    karaganda, aktobe = regions["karaganda-oblast"], regions["aktobe-oblast"]
    with running_bot(loaded_engine) as running:
        person = known_person(running, loaded_engine, 2005, locale)
        prompt = person.say("/start adoption-candidate-registration")
        assert button_texts(prompt) == [karaganda, regions["astana"]]
        person.press(prompt, karaganda)
        assert T(locale, "bot-card-region", region=karaganda) in (prompt.text or "")
        # The next service regulated in the same region opens there without asking
        # (summer camp vouchers are regulated in Karaganda and Aktobe oblasts).
        card = person.say("/start summer-camp-voucher")
        assert T(locale, "bot-card-region", region=karaganda) in (card.text or "")
        person.press(card, T(locale, "bot-region-change"))
        assert button_texts(card) == [karaganda, aktobe]
        person.press(card, aktobe)
        assert T(locale, "bot-card-region", region=aktobe) in (card.text or "")
