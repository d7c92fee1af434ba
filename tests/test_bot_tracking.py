"""My applications: subscribing with the receipt number and IIN, notifications, blocking.

End to end through the fake Bot API over real HTTP: the bot's webhook for the dialogue, and the
delivery worker (engineer N's) for the notification after a status change.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from citizen.applications import change_status, register_application
from citizen.applications.iin import check_digit
from citizen.catalogue.live import snapshot_of
from citizen.catalogue.vocabulary import Channel, Locale
from citizen.i18n import translator
from citizen.notifications.chats import get_chat, set_chat_locale
from citizen.notifications.telegram_client import TelegramClient
from citizen.notifications.worker import DeliveryWorker
from tests.support.applications import catalogue_for, render
from tests.support.bot_harness import (
    FIXED_NOW,
    TOKEN,
    Person,
    RunningBot,
    running_bot,
)
from tests.support.fake_bot_api import BOT_USER

T = translator()
OFFICE = "example-almaty-oblast-state-corporation"


def valid_iin(first_eleven: str = "90010130012") -> str:
    digit = check_digit(first_eleven)
    assert digit is not None
    return first_eleven + str(digit)


def register(engine: Engine, iin: str, number: str) -> None:
    with Session(engine) as session:
        register_application(
            session,
            catalogue_for(session),
            service_id="preschool-queue",
            region_id="almaty-oblast",
            channel="state_corporation",
            office_id=OFFICE,
            iin=iin,
            number=number,
            submitted_at=FIXED_NOW,
        )
        session.commit()


def known_person(running: RunningBot, engine: Engine, chat_id: int, locale: str) -> Person:
    with Session(engine) as session:
        set_chat_locale(session, chat_id, Locale(locale))
        session.commit()
    return running.person(chat_id, "en")


def deliver_notifications(engine: Engine, base_url: str) -> None:
    async def run() -> None:
        client = TelegramClient(TOKEN, base_url)
        try:
            await DeliveryWorker(engine, client, render).run_until_idle(timeout=30)
        finally:
            await client.aclose()

    asyncio.run(run())


def subscribe(person: Person, locale: str, number: str, iin: str) -> Any:
    listing = person.say("/my")
    asked = person.press(listing, T(locale, "bot-apps-add"), expect="new")
    assert asked.text == T(locale, "bot-apps-ask-number")
    assert person.say(number).text == T(locale, "bot-apps-ask-iin")
    return person.say(iin)


@pytest.mark.parametrize("locale", ["kk", "ru"])
def test_subscribe_with_a_wrong_then_a_right_iin_and_hear_when_ready(
    loaded_engine: Engine, locale: str
) -> None:
    iin = valid_iin()
    register(loaded_engine, iin, "KZ-2026-0001")
    with running_bot(loaded_engine) as running:
        person = known_person(running, loaded_engine, 3001, locale)
        empty = person.say("/my")
        assert T(locale, "bot-apps-empty") in (empty.text or "")

        wrong = subscribe(person, locale, "KZ-2026-0001", "900101300125" if iin[-1] != "5"
                          else "900101300124")
        assert wrong.text == T(locale, "bot-apps-iin-invalid")
        # The message with the IIN is deleted from the chat at once.
        iin_message_ids = {c.params.get("message_id") for c in running.fake.calls
                           if c.method == "deleteMessage"}
        assert len(iin_message_ids) == 1

        done = person.say(iin)
        assert done.text == T(locale, "bot-apps-subscribed", number="KZ-2026-0001")
        listing = person.next_message()
        assert "KZ-2026-0001" in (listing.text or "")
        assert T(locale, "application-status-accepted") in (listing.text or "")
        assert iin not in (listing.text or "") and iin not in (done.text or "")

        with Session(loaded_engine) as session:
            change_status(session, catalogue_for(session), "KZ-2026-0001", "result_ready",
                          delivery="office", office_id=OFFICE)
            session.commit()
        office = snapshot_of(loaded_engine).office(OFFICE)
        assert office is not None
        deliver_notifications(loaded_engine, running.fake.base_url)
        ready = person.next_message()
        assert T(locale, "notification-status-result_ready-office") in (ready.text or "")
        assert office.address(locale) in (ready.text or "")
        venue = person.next_message()
        assert venue.method == "sendVenue"
        assert float(venue.params["latitude"]) == office.latitude

        # Unsubscribing from the list.
        listing = person.say("/my")
        person.press(listing, "KZ-2026-0001")
        assert T(locale, "bot-apps-empty") in (listing.text or "")


@pytest.mark.parametrize("locale", ["kk", "ru"])
def test_unknown_application_and_bad_number_are_explained(
    loaded_engine: Engine, locale: str
) -> None:
    with running_bot(loaded_engine) as running:
        person = known_person(running, loaded_engine, 3002, locale)
        answer = subscribe(person, locale, "NO-SUCH-1", valid_iin())
        assert answer.text == T(locale, "bot-apps-not-found", number="NO-SUCH-1")
        # A command in the middle of the dialogue ends it and runs.
        listing = person.say("/my")
        person.press(listing, T(locale, "bot-apps-add"), expect="new")
        help_text = person.say("/help").text or ""
        assert help_text == T(locale, "bot-help", bot=BOT_USER["username"])
        assert person.say("/cancel").text == T(locale, "bot-apps-nothing-to-cancel")
        # Too long a receipt number is refused with a reason, and the dialogue goes on.
        listing = person.say("/my")
        person.press(listing, T(locale, "bot-apps-add"), expect="new")
        assert person.say("X" * 65).text == T(locale, "bot-apps-number-invalid")
        assert person.say("/cancel").text == T(locale, "bot-apps-cancelled")


def test_a_person_who_blocked_the_bot_is_not_messaged_until_they_return(
    loaded_engine: Engine,
) -> None:
    iin = valid_iin("85020240001")
    register(loaded_engine, iin, "KZ-2026-0002")
    with running_bot(loaded_engine) as running:
        person = known_person(running, loaded_engine, 3003, "ru")
        subscribe(person, "ru", "KZ-2026-0002", iin)
        person.next_message()  # the list after subscribing
        running.fake.push_update({"my_chat_member": member_update(3003, "member", "kicked")})
        running.fake.block_chat(3003)
        wait_until(lambda: blocked(loaded_engine, 3003))

        calls_before = len(running.fake.calls)
        with Session(loaded_engine) as session:
            change_status(session, catalogue_for(session), "KZ-2026-0002", "result_ready",
                          delivery="office", office_id=OFFICE)
            session.commit()
        deliver_notifications(loaded_engine, running.fake.base_url)
        tried = [c for c in running.fake.calls[calls_before:] if c.chat_id == 3003]
        assert tried == []  # not even tried: the chat is known to be blocked
        assert len(running.fake.messages_to(3003)) == person.seen

        running.fake.unblock_chat(3003)
        running.fake.push_update({"my_chat_member": member_update(3003, "kicked", "member")})
        wait_until(lambda: not blocked(loaded_engine, 3003))
        assert person.say("/start").text == T("ru", "bot-welcome")


def member_update(chat_id: int, old: str, new: str) -> dict[str, Any]:
    return {
        "chat": {"id": chat_id, "type": "private", "first_name": "Test"},
        "from": {"id": chat_id, "is_bot": False, "first_name": "Test"},
        "date": int(time.time()),
        "old_chat_member": member(old),
        "new_chat_member": member(new),
    }


def member(status: str) -> dict[str, Any]:
    # A "kicked" member (the bot blocked) carries until_date, 0 meaning forever.
    return {"status": status, "user": BOT_USER, **({"until_date": 0} if status == "kicked" else {})}


def blocked(engine: Engine, chat_id: int) -> bool:
    with Session(engine) as session:
        chat = get_chat(session, chat_id)
        return chat is not None and chat.blocked_at is not None


def wait_until(condition: Any, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.02)


@pytest.mark.parametrize("locale", ["kk", "ru"])
def test_the_list_names_the_step_as_the_regulation_numbers_it_and_any_refusal_reason(
    loaded_engine: Engine, locale: str
) -> None:
    iin, number = valid_iin("92040450013"), f"KZ-STEP-{locale}"
    register(loaded_engine, iin, number)  # at the State Corporation: steps 1, 4-9 of 9
    reg = snapshot_of(loaded_engine).regulation("preschool-queue", "almaty-oblast")
    assert reg is not None
    step = reg.step(6)
    assert step is not None and step in reg.steps_on(Channel.STATE_CORPORATION)
    with running_bot(loaded_engine) as running:
        person = known_person(running, loaded_engine, 3004, locale)
        subscribe(person, locale, number, iin)
        person.next_message()  # the list after subscribing
        with Session(loaded_engine) as session:
            change_status(session, catalogue_for(session), number, "in_progress", step=6)
            session.commit()
        listing = person.say("/my").text or ""
        assert T(locale, "bot-apps-item-step", step=6, actor=step.actor(locale)) in listing
        assert T(locale, "application-status-in_progress") in listing

        # The provider gave its reason in Kazakh only: shown to everyone, marked for Russian.
        reason = "Құжаттар толық емес"
        with Session(loaded_engine) as session:
            change_status(session, catalogue_for(session), number, "refused", reason_kk=reason)
            session.commit()
        listing = person.say("/my").text or ""
        marked = "bot-apps-item-reason" if locale == "kk" else "bot-apps-item-reason-other-language"
        assert T(locale, marked, reason=reason) in listing
        assert T(locale, "bot-apps-item-step", step=6, actor=step.actor(locale)) not in listing
