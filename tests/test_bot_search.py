"""Finding services: typing with typos, paging, browsing categories, inline mode, odd input.

End to end through the fake Bot API over real HTTP, in both languages.
"""

from __future__ import annotations

import time

import pytest
from sqlalchemy.engine import Engine

from citizen.catalogue.live import snapshot_of
from citizen.i18n import translator
from tests.support.bot_harness import button_texts, running_bot
from tests.test_bot_card import known_person

T = translator()


@pytest.mark.parametrize(
    ("locale", "query", "expected"),
    [
        ("ru", "справка безработнго", "unemployed-certificate"),
        ("kk", "жазғы лагерь жолдамасы", "summer-camp-voucher"),
        ("ru", "садик", "preschool-queue"),
    ],
)
def test_typing_what_one_needs_finds_the_service(
    loaded_engine: Engine, locale: str, query: str, expected: str
) -> None:
    service = snapshot_of(loaded_engine).service(expected)
    assert service is not None
    name = service.name(locale)
    with running_bot(loaded_engine) as running:
        person = known_person(running, loaded_engine, 7001, locale)
        results = person.say(query)
        text = results.text or ""
        assert f"«{query}»" in text.splitlines()[0]
        assert T(locale, "bot-search-pick") in text
        assert name and name in text
        number = text.split(name)[0].rsplit("<b>", 1)[1].split(".")[0]
        card = person.press(results, number, expect="new")
        # The card, or first the region when the service is regulated in several.
        assert (card.text or "").startswith(f"<b>{name}</b>")


@pytest.mark.parametrize("locale", ["kk", "ru"])
def test_long_result_lists_page(loaded_engine: Engine, locale: str) -> None:
    query = {"kk": "білім", "ru": "документы"}[locale]
    with running_bot(loaded_engine) as running:
        person = known_person(running, loaded_engine, 7002, locale)
        results = person.say(query)
        first = results.text or ""
        assert "<b>1.</b>" in first and "<b>9.</b>" not in first
        assert "▶️" in button_texts(results) and "◀️" not in button_texts(results)
        person.press(results, "▶️")
        second = results.text or ""
        assert "<b>9.</b>" in second and "<b>1.</b>" not in second
        assert "◀️" in button_texts(results)
        person.press(results, "◀️")
        assert results.text == first


@pytest.mark.parametrize("locale", ["kk", "ru"])
def test_browsing_categories(loaded_engine: Engine, locale: str) -> None:
    catalogue = snapshot_of(loaded_engine)
    category = catalogue.categories[0]
    in_it = [s for s in catalogue.services if s.category.id == category.id]
    cat_name = category.name(locale)
    with running_bot(loaded_engine) as running:
        person = known_person(running, loaded_engine, 7003, locale)
        listing = person.say("/services")
        assert listing.text == T(locale, "bot-browse-categories")
        services = person.press(listing, cat_name, expect="new")
        text = services.text or ""
        assert T(locale, "bot-browse-services", category=cat_name, count=len(in_it)) in text
        assert in_it[0].name(locale) in text
        assert "▶️" in button_texts(services)  # more than one page


@pytest.mark.parametrize("locale", ["kk", "ru"])
def test_nothing_found_and_markup_is_escaped(loaded_engine: Engine, locale: str) -> None:
    with running_bot(loaded_engine) as running:
        person = known_person(running, loaded_engine, 7004, locale)
        answer = person.say("<b>xyzzy</b> & co")
        escaped = "&lt;b&gt;xyzzy&lt;/b&gt; &amp; co"
        assert answer.text == T(locale, "bot-search-none", query=escaped)
        assert person.say("/nonsense").text == T(locale, "bot-unknown-command")
        sticker_id = running.fake.push_update({"message": {
            "message_id": 99, "date": int(time.time()),
            "chat": {"id": 7004, "type": "private"},
            "from": {"id": 7004, "is_bot": False, "first_name": "T"},
            "sticker": {"file_id": "x", "file_unique_id": "y", "type": "regular",
                        "width": 1, "height": 1, "is_animated": False, "is_video": False},
        }})
        assert sticker_id
        assert person.next_message().text == T(locale, "bot-text-only")


@pytest.mark.parametrize("locale", ["kk", "ru"])
def test_inline_mode_shares_a_card_with_a_deep_link(loaded_engine: Engine, locale: str) -> None:
    service = snapshot_of(loaded_engine).service("preschool-queue")
    assert service is not None
    with running_bot(loaded_engine) as running:
        known_person(running, loaded_engine, 7005, locale)
        running.fake.push_inline_query(7005, "садик")
        running.fake.wait_for(lambda f: bool(f.inline_answers), what="an inline answer")
        answer = running.fake.inline_answers[-1]
        first = answer["results"][0]
        assert first["title"] == service.name(locale)
        card = first["input_message_content"]
        assert card["parse_mode"] == "HTML"
        link = "https://t.me/citizen_test_bot?start=preschool-queue"
        assert link in card["message_text"]
        assert first["reply_markup"]["inline_keyboard"][0][0]["url"] == link
        assert answer["is_personal"] in (True, "true", "True")

        # The card's share button puts the service id into the query: exactly that card.
        running.fake.push_inline_query(7005, "preschool-queue")
        running.fake.wait_for(lambda f: len(f.inline_answers) > 1, what="the shared card")
        shared = running.fake.inline_answers[-1]["results"]
        assert [r["title"] for r in shared] == [service.name(locale)]

        running.fake.push_inline_query(7005, "xyzzy")
        running.fake.wait_for(lambda f: len(f.inline_answers) > 2, what="a third answer")
        empty = running.fake.inline_answers[-1]
        assert empty["results"] == []
        assert empty["button"]["text"] == T(locale, "bot-inline-nothing")


@pytest.mark.parametrize("locale", ["kk", "ru"])
def test_help_names_the_bot_for_inline_use(loaded_engine: Engine, locale: str) -> None:
    with running_bot(loaded_engine) as running:
        person = known_person(running, loaded_engine, 7006, locale)
        answer = person.say("/help")
        assert answer.text == T(locale, "bot-help", bot="citizen_test_bot")
        assert "@citizen_test_bot" in (answer.text or "")
