"""Notification messages rendered from Fluent in the chat's language, at delivery time."""

from __future__ import annotations

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from citizen.applications import change_status, subscribe_chat
from citizen.catalogue.vocabulary import Locale
from citizen.db import session_scope
from citizen.notifications.chats import set_chat_locale
from citizen.notifications.rendering import RenderedMessage, TextPart, VenuePart
from citizen.notifications.tables import Notification
from tests.support.applications import add_test_office, catalogue_for, register, render, valid_iin

CHAT = 700


def _render_last(engine: Engine) -> RenderedMessage:
    with Session(engine) as session:
        row = session.exec(select(Notification).order_by(col(Notification.id).desc())).first()
        assert row is not None
        return render(session, row)


def _application(engine: Engine, locale: Locale, n: int = 1, **register_args: object) -> str:
    with session_scope(engine) as session:
        number = register(session, n, **register_args).number
    with session_scope(engine) as session:
        assert subscribe_chat(session, CHAT, number, valid_iin(n)).found
        set_chat_locale(session, CHAT, locale)
    return number


def _change(engine: Engine, number: str, status: str, **kwargs: object) -> None:
    with session_scope(engine) as session:
        change_status(session, catalogue_for(session), number, status, **kwargs)  # type: ignore[arg-type]


def test_a_step_is_named_with_the_regulations_number_and_the_expected_date(
    loaded_engine: Engine,
) -> None:
    number = _application(loaded_engine, Locale.RU)
    _change(loaded_engine, number, "in_progress", step=3)
    ru = _render_last(loaded_engine)
    assert ru.locale == Locale.RU and len(ru.parts) == 1
    assert f"Заявление № {number}" in ru.text
    assert "процедура 3 регламента (всего процедур 5) — Ответственный специалист" in ru.text
    assert "Ожидаемая дата готовности: " in ru.text and "2026" in ru.text
    assert "Ничего делать не нужно" in ru.text


def test_the_language_is_the_chats_when_the_message_is_sent(loaded_engine: Engine) -> None:
    number = _application(loaded_engine, Locale.RU)
    _change(loaded_engine, number, "in_progress", step=1)
    with session_scope(loaded_engine) as session:
        set_chat_locale(session, CHAT, Locale.KK)  # switched after the change, before delivery
    kk = _render_last(loaded_engine)
    assert kk.locale == Locale.KK
    assert f"№ {number} өтініш" in kk.text
    assert "регламенттің 1-рәсімі (барлығы 5 рәсім)" in kk.text
    assert "Күтілетін дайын болу күні" in kk.text


def test_ready_at_an_office_gives_address_hours_and_a_map_point(loaded_engine: Engine) -> None:
    office = add_test_office(loaded_engine)
    number = _application(loaded_engine, Locale.KK, office_id=office)
    _change(loaded_engine, number, "result_ready")
    message = _render_last(loaded_engine)
    text_part, venue = message.parts
    assert isinstance(text_part, TextPart) and isinstance(venue, VenuePart)
    assert "Нәтиже дайын." in text_part.text
    assert "Мекенжайы: Қарағанды қ., Сынақ көшесі, 5" in text_part.text
    assert "Жұмыс уақыты: Дс–Жм 09:00–18:00" in text_part.text
    assert "+7 700 111 22 33" in text_part.text
    assert "Күтілетін" not in text_part.text  # the date no longer matters
    assert (venue.latitude, venue.longitude, venue.title) == (49.81, 73.10, "Сынақ кеңсесі")
    assert "мысал" not in text_part.text.lower()


def test_an_example_office_is_marked_in_the_text_and_on_the_map_point(
    loaded_engine: Engine,
) -> None:
    office = "example-karaganda-oblast-provider-office"  # shipped demonstration data
    number = _application(loaded_engine, Locale.RU, office_id=office)
    _change(loaded_engine, number, "result_ready")
    text_part, venue = _render_last(loaded_engine).parts
    assert isinstance(text_part, TextPart) and isinstance(venue, VenuePart)
    assert "это не настоящий адрес" in text_part.text
    assert venue.address.endswith("(пример, не настоящий адрес)")


def test_a_ready_result_with_no_known_office_says_so_and_no_map(loaded_engine: Engine) -> None:
    number = _application(loaded_engine, Locale.RU)
    _change(loaded_engine, number, "result_ready")
    message = _render_last(loaded_engine)
    assert len(message.parts) == 1
    assert "мне неизвестен" in message.text and "по адресу ниже" not in message.text


def test_an_office_without_coordinates_gets_no_map_point(loaded_engine: Engine) -> None:
    office = add_test_office(loaded_engine, coordinates=False)
    number = _application(loaded_engine, Locale.RU, office_id=office)
    _change(loaded_engine, number, "result_ready")
    message = _render_last(loaded_engine)
    assert len(message.parts) == 1 and "ул. Тестовая, 5" in message.text


def test_a_result_in_the_portal_cabinet(loaded_engine: Engine) -> None:
    number = _application(loaded_engine, Locale.KK, channel="portal")
    _change(loaded_engine, number, "result_ready")
    assert "жеке кабинетіңізге жіберілді" in _render_last(loaded_engine).text


def test_a_refusal_gives_the_reason_in_the_readers_language_or_says_it_has_only_the_other(
    loaded_engine: Engine,
) -> None:
    number = _application(loaded_engine, Locale.KK)
    _change(loaded_engine, number, "refused", reason_ru="Не представлен полный пакет документов")
    kk = _render_last(loaded_engine).text
    assert "уәжді бас тарту" in kk
    assert "тек орыс тілінде" in kk and "Не представлен полный пакет документов" in kk
    assert "шағым жасауға болады" in kk


def test_documents_not_accepted_and_handed_out(loaded_engine: Engine) -> None:
    number = _application(loaded_engine, Locale.RU)
    _change(loaded_engine, number, "documents_not_accepted", reason_ru="Нет копии свидетельства")
    text = _render_last(loaded_engine).text
    assert "Документы не приняты." in text and "Причина: Нет копии свидетельства" in text
    collected = _application(loaded_engine, Locale.RU, n=2)
    _change(loaded_engine, collected, "result_ready")
    _change(loaded_engine, collected, "handed_out")
    assert "Результат выдан." in _render_last(loaded_engine).text
