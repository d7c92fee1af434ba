"""First contact and language, through the fake Bot API over real HTTP, in both languages."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from citizen.i18n import translator
from citizen.notifications.chats import get_chat
from tests.support.bot_harness import button_texts, running_bot

T = translator()


@pytest.mark.parametrize(
    ("language_code", "suggested", "other"), [("ru", "ru", "kk"), ("kk", "kk", "ru")]
)
def test_first_contact_asks_the_language_and_stores_the_choice(
    loaded_engine: Engine, language_code: str, suggested: str, other: str
) -> None:
    with running_bot(loaded_engine) as running:
        person = running.person(1001, language_code)
        greeting = person.say("/start")
        text = greeting.text or ""
        # Both languages, the one Telegram's interface suggests first.
        assert text.index(T(suggested, "bot-language-greeting")) == 0
        assert T(other, "bot-language-greeting") in text
        assert button_texts(greeting) == [
            T(suggested, "bot-language-self"), T(other, "bot-language-self")
        ]
        person.press(greeting, T(suggested, "bot-language-self"))
        assert greeting.text == T(suggested, "bot-language-saved")
        welcome = person.next_message()
        assert welcome.text == T(suggested, "bot-welcome")
        assert T(suggested, "bot-menu-search") in button_texts(welcome)
        with Session(loaded_engine) as session:
            chat = get_chat(session, 1001)
            assert chat is not None and chat.locale == suggested

        # The choice can be changed at any time; later answers come in the new language.
        prompt = person.say("/language")
        assert prompt.text == T(suggested, "bot-language-prompt")
        person.press(prompt, T(other, "bot-language-self"))
        assert prompt.text == T(other, "bot-language-saved")
        assert person.next_message().text == T(other, "bot-welcome")
        with Session(loaded_engine) as session:
            chat = get_chat(session, 1001)
            assert chat is not None and chat.locale == other
        # A returning person is not asked again.
        assert person.say("/start").text == T(other, "bot-welcome")


@pytest.mark.parametrize("language_code", ["ru", "kk"])
def test_a_deep_link_on_first_contact_opens_the_card_after_the_language(
    loaded_engine: Engine, language_code: str
) -> None:
    with running_bot(loaded_engine) as running:
        person = running.person(1002, language_code)
        greeting = person.say("/start preschool-queue")
        assert (greeting.text or "").startswith(T(language_code, "bot-language-greeting"))
        person.press(greeting, T(language_code, "bot-language-self"))
        card = person.next_message()
        assert T(language_code, "bot-tab-documents") in button_texts(card)
        assert T(language_code, "act-status-repealed") in (card.text or "")
