"""The issue's "done": a person who knows only Kazakh, and one who knows only Russian, each
find the preschool queue service, learn what to bring, where and how long, subscribe to an
application and get the "ready: come to this address" message, all through the fake Bot API.
"""

from __future__ import annotations

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from citizen.applications import change_status
from citizen.catalogue.live import snapshot_of
from citizen.i18n import translator
from tests.support.applications import catalogue_for
from tests.support.bot_harness import button_texts, running_bot
from tests.test_bot_tracking import OFFICE, deliver_notifications, register, valid_iin

T = translator()

# What each person types, typos included ("детскй", "кезеги" without its Kazakh letters).
QUERIES = {"kk": "балабакша кезеги", "ru": "очередь в детскй сад"}


@pytest.mark.parametrize("locale", ["kk", "ru"])
def test_find_learn_subscribe_and_hear_ready_in_one_language(
    loaded_engine: Engine, locale: str
) -> None:
    iin = valid_iin("91030350017")
    number = f"PQ-{locale.upper()}-1"
    register(loaded_engine, iin, number)
    catalogue = snapshot_of(loaded_engine)
    service, office = catalogue.service("preschool-queue"), catalogue.office(OFFICE)
    assert service is not None and office is not None
    name = service.name(locale)
    with running_bot(loaded_engine) as running:
        person = running.person(4000 + len(locale) + ord(locale[0]), locale)
        greeting = person.say("/start")
        person.press(greeting, T(locale, "bot-language-self"))
        person.next_message()  # welcome

        results = person.say(QUERIES[locale])
        assert T(locale, "bot-search-pick") in (results.text or "")
        assert f"<b>1.</b> {name}" in (results.text or "")  # the best match first
        card = person.press(results, "1", expect="new")
        assert name in (card.text or "")
        assert T(locale, "bot-card-cost", cost="X").split(":")[0] in (card.text or "")

        person.press(card, T(locale, "bot-tab-documents"))  # what to bring
        assert T(locale, "bot-docs-title") in (card.text or "")
        person.press(card, T(locale, "bot-tab-where"))  # where
        assert T(locale, "bot-where-apply") in (card.text or "")
        person.press(card, T(locale, "bot-tab-time"))  # how long
        assert T(locale, "bot-time-steps") in (card.text or "")

        asked = person.press(card, T(locale, "bot-card-track"), expect="new")
        assert asked.text == T(locale, "bot-apps-ask-number")
        assert person.say(number).text == T(locale, "bot-apps-ask-iin")
        assert person.say(iin).text == T(locale, "bot-apps-subscribed", number=number)
        listing = person.next_message()
        assert number in (listing.text or "")

        with Session(loaded_engine) as session:
            change_status(
                session, catalogue_for(session), number, "result_ready", delivery="office",
                office_id=OFFICE,
            )
            session.commit()
        deliver_notifications(loaded_engine, running.fake.base_url)
        ready = person.next_message()
        text = ready.text or ""
        assert T(locale, "notification-status-result_ready-office") in text
        assert office.address(locale) in text
        other = "ru" if locale == "kk" else "kk"
        assert T(other, "notification-status-result_ready-office") not in text
        venue = person.next_message()
        assert venue.method == "sendVenue"  # the map point
        assert (float(venue.params["latitude"]), float(venue.params["longitude"])) == (
            office.latitude, office.longitude)
        assert button_texts(card)  # the card is still usable afterwards
