"""The bot gives the catalogue's own answers: "how long" is `Regulation.how_long(channel)` for
every channel that accepts applications, and steps carry the regulation's own numbers.

End to end: every regulation's card is opened through the fake Bot API over real HTTP, in both
languages, and its "how long" tab read part by part.
"""

from __future__ import annotations

import re

import pytest
from sqlalchemy.engine import Engine

from citizen.bot.callbacks import OpenServiceCb, short_key
from citizen.bot.service_card import number_ranges
from citizen.bot.texts import Texts, escape
from citizen.catalogue.live import snapshot_of
from citizen.catalogue.model import Regulation
from citizen.catalogue.terms import TermBasis
from citizen.catalogue.vocabulary import Channel, Locale
from citizen.i18n import duration_text, label, translator
from tests.support.bot_harness import Person, button_texts, running_bot
from tests.support.fake_bot_api import SentMessage
from tests.test_bot_card import known_person

T = translator()


def open_card(person: Person, reg: Regulation) -> SentMessage:
    """The card of a regulation, as a region button of the service opens it."""
    data = OpenServiceCb(service=short_key(reg.service_id), region=short_key(reg.region.id))
    person.fake.push_callback_query(person.chat_id, data.pack(),
                                    language_code=person.language_code)
    return person.next_message()


def whole_tab(person: Person, card: SentMessage, tab_label: str) -> str:
    """Every part of a tab, joined: the tab, then ▶️ until the last part."""
    person.press(card, tab_label)
    parts = [card.text or ""]
    while "▶️" in button_texts(card):
        person.press(card, "▶️")
        parts.append(card.text or "")
    return "\n\n".join(parts)


def block_of(text: str, line: str) -> str:
    """The paragraph of `text` that starts with `line` (a channel's answer)."""
    start = text.index(line)
    end = text.find("\n\n", start)
    return text[start:] if end < 0 else text[start:end]


@pytest.mark.parametrize("locale", [Locale.KK, Locale.RU])
def test_how_long_and_step_numbers_are_the_regulations_own(
    loaded_engine: Engine, locale: Locale
) -> None:
    catalogue = snapshot_of(loaded_engine)
    regulations = [r for s in catalogue.services for r in s.regulations]
    assert len(regulations) == 12
    t = Texts(locale)
    with running_bot(loaded_engine) as running:
        person = known_person(running, loaded_engine, 2100 + len(locale.value), locale.value)
        for reg in regulations:
            card = open_card(person, reg)
            text = whole_tab(person, card, T(locale, "bot-tab-time"))
            assert reg.accepting_channels, reg.id
            for channel in reg.accepting_channels:
                check_how_long(t, reg, channel, text)
            # The steps under the numbers the regulation gives them, from 1, in order.
            shown = [int(n) for n in re.findall(r"<b>(\d+)\. ", text)]
            assert shown == [step.number for step in reg.steps] == list(
                range(1, len(reg.steps) + 1))
            for step in reg.steps:
                assert f"<b>{step.number}. {escape(step.actor(locale))}</b>" in text


def check_how_long(t: Texts, reg: Regulation, channel: Channel, text: str) -> None:
    answer = reg.how_long(channel)
    name = label(channel, t.locale)
    if answer.basis == TermBasis.UNSTATED:  # the regulation points to a term we do not have
        assert answer.refers_to is not None and not answer.known
        assert t("term-unstated", refers_to=answer.refers_to(t.locale)) in text
        return
    # Never "no total" while the steps can be added up: every regulation here gives one.
    assert answer.known, (reg.id, channel)
    total = " + ".join(duration_text(s.value, s.unit, t.locale) for s in answer.totals)
    line = t("bot-time-channel", channel=name, duration=total)
    block = block_of(text, line)
    assert escape(label(answer.basis, t.locale)) in block
    if answer.counted_from is not None:
        assert escape(answer.counted_from(t.locale)) in block
    if answer.basis == TermBasis.STEPS:
        summed = [s.number for s in reg.steps_on(channel) if not s.conditional]
        assert list(answer.path) == summed
        assert t("bot-time-path", numbers=number_ranges(summed)) in block
    missing = t("bot-time-path-missing", count=answer.steps_without_duration)
    assert (missing in block) == (answer.steps_without_duration > 0)


def test_the_preschool_queue_adds_up_each_channels_own_steps(loaded_engine: Engine) -> None:
    """The case the issue found: no stated total, so each path's steps are added up."""
    reg = snapshot_of(loaded_engine).regulation("preschool-queue", "almaty-oblast")
    assert reg is not None
    t = Texts(Locale.RU)
    with running_bot(loaded_engine) as running:
        person = known_person(running, loaded_engine, 2110, "ru")
        text = whole_tab(person, open_card(person, reg), T("ru", "bot-tab-time"))
    assert Channel.PORTAL in reg.accepting_channels
    block = block_of(text, f"<b>{escape(label(Channel.PORTAL, 'ru'))}</b>")
    # The portal's path is steps 2–8; two of them give no duration and are said to be left out.
    assert t("bot-time-path", numbers="2–8") in block
    assert t("bot-time-path-missing", count=2) in block
    assert "25 минут" in block
