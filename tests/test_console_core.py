"""The console's core parts: re-queuing the latest notice, the audit log, holiday names,
regional differences, documents per channel, what applies today, the signed session and safe
redirects."""

from __future__ import annotations

import dataclasses
import datetime as dt
import time
from collections.abc import AsyncIterator, Iterator

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from citizen.applications import audit, change_status, subscribe_chat
from citizen.applications.audit import AuditAction, AuditOutcome, OperatorAudit
from citizen.applications.resend import requeue_latest_notice
from citizen.applications.tokens import create_token
from citizen.catalogue.live import snapshot_of
from citizen.catalogue.today import today
from citizen.catalogue.vocabulary import Channel, Locale
from citizen.db import session_scope
from citizen.notifications.chats import mark_chat_blocked
from citizen.notifications.tables import DeliveryState, Notification
from citizen.notifications.telegram_client import TelegramClient
from citizen.notifications.worker import DeliveryWorker
from citizen.web.console.catalogue_pages import (
    applies_today,
    bot_link,
    document_groups,
    map_link,
)
from citizen.web.console.days_off import describe, holiday_key, holiday_name
from citizen.web.console.regional import RowKind, compare_regions, differing
from citizen.web.console.session import ConsoleSession, CookieSigner, Operator
from citizen.web.console.signing_in import safe_next
from tests.support.applications import FAST, catalogue_for, register, render, valid_iin
from tests.support.fake_bot_api import FakeBotAPI

TOKEN = "123:console-test"


# --- "send the notification again" -------------------------------------------------------------


@pytest.fixture
def fake() -> Iterator[FakeBotAPI]:
    with FakeBotAPI(latency=0.005) as server:
        yield server


@pytest.fixture
async def client(fake: FakeBotAPI) -> AsyncIterator[TelegramClient]:
    http = TelegramClient(TOKEN, fake.base_url, timeout=FAST.request_timeout)
    yield http
    await http.aclose()


def _followed(engine: Engine, chats: list[int]) -> tuple[int, str]:
    with session_scope(engine) as session:
        app = register(session, 1)
        app_id, number = app.id, app.number
    with session_scope(engine) as session:
        for chat in chats:
            assert subscribe_chat(session, chat, number, valid_iin(1)).found
    assert app_id is not None
    return app_id, number


def _notifications(engine: Engine) -> list[Notification]:
    with Session(engine) as session:
        return list(session.exec(select(Notification).order_by(col(Notification.id))).all())


async def test_requeue_sends_the_latest_status_message_again_through_the_outbox(
    loaded_engine: Engine, fake: FakeBotAPI, client: TelegramClient
) -> None:
    app_id, number = _followed(loaded_engine, [31, 32, 33])
    with session_scope(loaded_engine) as session:
        change_status(session, catalogue_for(session), number, "in_progress", step=1)
    with session_scope(loaded_engine) as session:
        change_status(session, catalogue_for(session), number, "in_progress", step=3)
    worker = DeliveryWorker(loaded_engine, client, render, dataclasses.replace(FAST))
    await worker.run_until_idle()
    assert [len(fake.messages_to(c)) for c in (31, 32, 33)] == [2, 2, 2]
    with session_scope(loaded_engine) as session:
        mark_chat_blocked(session, 33)

    with session_scope(loaded_engine) as session:
        done = requeue_latest_notice(session, app_id)
    assert (done.queued, done.waiting, done.blocked) == (2, 0, 1)
    with session_scope(loaded_engine) as session:  # asked twice before the worker ran
        again = requeue_latest_notice(session, app_id)
    assert (again.queued, again.waiting, again.blocked) == (0, 2, 1)
    await worker.run_until_idle()

    for chat in (31, 32):
        texts = [m.text or "" for m in fake.messages_to(chat)]
        assert len(texts) == 3, texts  # the latest message once more, nothing else
        assert texts[2] == texts[1] and "3-рәсім" in texts[2]
    assert len(fake.messages_to(33)) == 2
    rows = _notifications(loaded_engine)
    latest = [r for r in rows if r.change_id == done.change_id]
    assert {r.chat_id: r.state for r in latest} == {
        31: DeliveryState.DELIVERED.value,
        32: DeliveryState.DELIVERED.value,
        33: DeliveryState.DELIVERED.value,  # delivered before the chat blocked the bot
    }
    assert all(r.attempts == 1 and r.failures == 0 for r in latest if r.chat_id != 33)


def test_requeue_queues_a_row_for_a_chat_that_subscribed_after_the_change(
    loaded_engine: Engine,
) -> None:
    app_id, number = _followed(loaded_engine, [41])
    with session_scope(loaded_engine) as session:
        change_status(session, catalogue_for(session), number, "in_progress", step=1)
    with session_scope(loaded_engine) as session:
        assert subscribe_chat(session, 42, number, valid_iin(1)).found
    with session_scope(loaded_engine) as session:
        done = requeue_latest_notice(session, app_id)
    # Chat 41's row is still waiting (no worker ran); chat 42 gets one of its own.
    assert (done.queued, done.waiting) == (1, 1)
    rows = [r for r in _notifications(loaded_engine) if r.change_id == done.change_id]
    assert sorted(r.chat_id for r in rows) == [41, 42]
    assert all(r.state == DeliveryState.CREATED.value for r in rows)


def test_requeue_without_subscribers_queues_nothing(loaded_engine: Engine) -> None:
    with session_scope(loaded_engine) as session:
        app = register(session, 1)
        assert app.id is not None
        done = requeue_latest_notice(session, app.id)
    assert done.change_id is not None and (done.queued, done.waiting, done.blocked) == (0, 0, 0)
    assert _notifications(loaded_engine) == []


# --- the audit log -----------------------------------------------------------------------------


def test_audit_entries_count_an_operators_recent_lookups_only(loaded_engine: Engine) -> None:
    with session_scope(loaded_engine) as session:
        first = create_token(session, "op-one", "operator").row
        second = create_token(session, "op-two", "operator").row
        assert first.id and second.id
        for outcome in (AuditOutcome.FOUND, AuditOutcome.NOT_FOUND, AuditOutcome.THROTTLED):
            audit.record(session, token_id=first.id, operator="op-one", action=AuditAction.LOOKUP,
                         number="N-1", reason="citizen asks", outcome=outcome)
        audit.record(session, token_id=first.id, operator="op-one", action=AuditAction.RESEND,
                     number="N-1", reason="citizen asks", outcome=AuditOutcome.QUEUED, notices=1)
        audit.record(session, token_id=second.id, operator="op-two", action=AuditAction.LOOKUP,
                     number=" N-2 ", reason="x" * 900, outcome=AuditOutcome.FOUND)
    with session_scope(loaded_engine) as session:
        window = dt.timedelta(minutes=15)
        assert audit.recent_lookups(session, first.id, window) == 2  # refusals and resends not
        assert audit.recent_lookups(session, second.id, window) == 1
        assert audit.recent_lookups(session, first.id, dt.timedelta(0)) == 0
        row = session.exec(select(OperatorAudit).where(OperatorAudit.token_id == second.id)).one()
        assert row.number == "N-2" and len(row.reason) == audit.REASON_MAX


def test_a_reason_is_required_and_tidied() -> None:
    assert audit.clean_reason(None) is None
    assert audit.clean_reason("  ok ") is None  # too short to say anything
    assert audit.clean_reason("  the citizen\n asks   the date ") == "the citizen asks the date"


# --- days off ----------------------------------------------------------------------------------


def test_holiday_names_in_both_languages_and_never_made_up() -> None:
    assert holiday_name(dt.date(2027, 1, 1), Locale.RU) == "Новый год"
    assert holiday_name(dt.date(2027, 1, 1), Locale.KK) == "Жаңа жыл"
    assert holiday_name(dt.date(2026, 3, 24), Locale.RU) == "Наурыз мейрамы (перенесённый выходной)"
    assert holiday_name(dt.date(2026, 12, 16), Locale.RU) == "День Независимости"
    assert holiday_name(dt.date(2024, 10, 25), Locale.RU) == "День Республики"
    assert holiday_name(dt.date(2026, 10, 25), Locale.RU) == "День Республики Казахстан"
    moved = holiday_name(dt.date(2025, 1, 3), Locale.RU)
    assert moved is not None and "5 января 2025" in moved
    assert holiday_name(dt.date(2026, 12, 19), Locale.RU) is None  # a Saturday: no name
    assert holiday_key("Kazakhstan's People Solidarity Holiday") == (
        "kazakhstans-people-solidarity-holiday"
    )
    saturday = describe((dt.date(2026, 12, 19),), Locale.RU)[0]
    assert (saturday.weekday, saturday.name) == ("суббота", None)
    assert describe((dt.date(2026, 12, 19),), Locale.KK)[0].weekday == "сенбі"


def test_every_kazakhstan_holiday_is_named_and_kazakh_names_are_the_packages() -> None:
    import holidays

    for year in range(2000, 2031):
        english = holidays.country_holidays("KZ", years=year, language="en_US")
        kazakh = holidays.country_holidays("KZ", years=year, language="kk")
        for day, name in english.items():
            assert holiday_name(day, Locale.RU), f"{day}: no Russian name for {name!r}"
            if "substituted" not in name:  # a moved day off: our wording, with a full date
                assert holiday_name(day, Locale.KK) == kazakh[day], day
    assert holiday_name(dt.date(2025, 1, 3), Locale.KK) == (
        "2025\xa0ж. 5 қаңтар күнінен ауыстырылған демалыс күні"
    )


# --- regional differences, documents, links ---------------------------------------------------


def test_differing_marks_the_minority_or_every_cell_without_a_majority() -> None:
    assert differing(["a", "a", "a"]) == [False, False, False]
    assert differing(["a", "b", "a"]) == [False, True, False]
    assert differing(["a", "b"]) == [True, True]
    assert differing(["a", "b", "c"]) == [True, True, True]
    assert differing(["a", "a", "b", "b"]) == [True] * 4


def test_summer_camp_regions_differ_in_channels_steps_terms_and_acts(loaded_engine: Engine) -> None:
    catalogue = snapshot_of(loaded_engine)
    service = catalogue.service("summer-camp-voucher")
    assert service is not None
    rows = {(r.kind, r.channel): r for r in compare_regions(service)}
    assert [r.region.id for r in service.regulations] == ["karaganda-oblast", "aktobe-oblast"]
    for kind in (RowKind.CHANNELS, RowKind.STEP_COUNT, RowKind.STEPS, RowKind.ACT):
        assert rows[(kind, None)].varies
    office = rows[(RowKind.TERM, Channel.PROVIDER_OFFICE)]
    karaganda, aktobe = office.cells
    regs = service.regulations
    assert karaganda.value == regs[0].how_long(Channel.PROVIDER_OFFICE)  # the door's answer
    assert aktobe.value == regs[1].how_long(Channel.PROVIDER_OFFICE)
    portal = rows[(RowKind.TERM, Channel.PORTAL)]
    assert portal.cells[0].value is None and portal.cells[1].value is not None


def test_documents_are_grouped_by_the_channels_that_ask_for_the_same(
    loaded_engine: Engine,
) -> None:
    catalogue = snapshot_of(loaded_engine)
    service = catalogue.service("preschool-queue")
    assert service is not None
    regulation = service.regulations[0]
    groups = document_groups(service, regulation)
    # The state corporation asks for the listed documents, the other channels for none of them.
    assert len(groups) == 2
    assert sorted(c for g in groups for c in g.channels) == sorted(regulation.accepting_channels)
    for group in groups:
        for channel in group.channels:
            assert group.lists == service.documents_for(channel)
    lists = service.documents_for(Channel.STATE_CORPORATION)
    assert any(g.channels == (Channel.STATE_CORPORATION,) and g.lists == lists for g in groups)


def test_the_pages_get_the_shared_answer_of_what_applies_today_in_both_languages(
    loaded_engine: Engine,
) -> None:
    catalogue = snapshot_of(loaded_engine)
    for service in catalogue.services:
        answers = applies_today(service)
        assert answers is not None, service.id  # every shipped service has its record
        assert answers == {locale: today(service, locale) for locale in Locale}, service.id
    abolished = catalogue.service("adoption-payment")
    assert abolished is not None
    answers = applies_today(abolished)
    assert answers is not None and all(a.abolished for a in answers.values())
    assert all("621" in a.headline for a in answers.values())
    never_checked = dataclasses.replace(abolished, current=None)
    assert applies_today(never_checked) is None  # nothing said rather than a guess


def test_links_out_are_plain_urls() -> None:
    assert map_link(45.0156, 78.3739) == (
        "https://www.openstreetmap.org/?mlat=45.015600&mlon=78.373900#map=17/45.015600/78.373900"
    )
    assert bot_link("@citizen_kz_bot", "preschool-queue") == (
        "https://t.me/citizen_kz_bot?start=preschool-queue"
    )
    assert bot_link(None, "preschool-queue") is None


# --- the session cookie and redirects ----------------------------------------------------------


def test_a_signed_session_round_trips_and_a_changed_one_is_no_session() -> None:
    signer = CookieSigner("secret-one")
    session = ConsoleSession.fresh(600).signed_in(Operator(7, "op"), 600).with_proof(12, 99)
    value = signer.dumps(session)
    loaded = signer.loads(value)
    assert loaded == session and loaded.proof(12) is not None and loaded.proof(13) is None
    body, mac = value.split(".")
    forged = ConsoleSession(session.csrf, session.expires, Operator(1, "admin"))
    assert signer.loads(f"{signer.dumps(forged).split('.')[0]}.{mac}") is None
    assert signer.loads(f"{body}x.{mac}") is None
    assert CookieSigner("secret-two").loads(value) is None
    assert signer.loads("garbage") is None and signer.loads(None) is None
    expired = dataclasses.replace(session, expires=int(time.time()) - 1)
    assert signer.loads(signer.dumps(expired)) is None


def test_proofs_expire_and_stay_few() -> None:
    session = ConsoleSession.fresh(600)
    for app_id in range(25):
        session = session.with_proof(app_id, app_id)
    assert len(session.proved) == 10 and session.proof(24) is not None
    stale = dataclasses.replace(session, proved={1: dataclasses.replace(session.proved[24],
                                                                        until=int(time.time()))})
    assert stale.proof(1) is None


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("/operator/applications", "/operator/applications"),
        ("/operator/services/x?region=y", "/operator/services/x?region=y"),
        ("https://evil.example/operator/", "/operator/"),
        ("//evil.example/operator/", "/operator/"),
        ("/operator//evil.example", "/operator/"),
        ("/graphql", "/operator/"),
        ("/operatorx", "/operator/"),
        ("", "/operator/"),
        (None, "/operator/"),
    ],
)
def test_only_console_paths_are_followed_after_sign_in(target: str | None, expected: str) -> None:
    assert safe_next(target) == expected
