"""What applies today, told: the sentences the bot card and the console show first, from one
module (`catalogue/today.py`), in both languages, for every service."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import Engine

from citizen.catalogue.live import snapshot_of
from citizen.catalogue.snapshot import CatalogueSnapshot
from citizen.catalogue.today import history_heading, repeal_sentences, term_source, today
from citizen.catalogue.vocabulary import CurrentStatus, Locale


@pytest.fixture
def snapshot(loaded_engine: Engine) -> CatalogueSnapshot:
    return snapshot_of(loaded_engine)


@pytest.mark.parametrize("locale", list(Locale))
def test_every_service_tells_what_applies_today(
    snapshot: CatalogueSnapshot, locale: Locale
) -> None:
    for service in snapshot.services:
        told = today(service, locale)
        assert told is not None, service.id
        assert told.checked_on and told.confidence and told.read and told.not_read
        if told.status == CurrentStatus.UNKNOWN:
            assert told.where_to_check, service.id


def test_the_adoption_payment_is_said_to_be_abolished_with_the_act(
    snapshot: CatalogueSnapshot,
) -> None:
    service = snapshot.service("adoption-payment")
    assert service is not None
    ru, kk = today(service, Locale.RU), today(service, Locale.KK)
    assert ru is not None and kk is not None and ru.abolished and kk.abolished
    assert ru.headline.startswith("Эта услуга упразднена")
    assert "№ 621" in ru.headline and "28 июля 2023" in ru.headline
    assert "жойылды" in kk.headline and "№ 621" in kk.headline


def test_an_act_in_force_is_named_with_its_appendix(snapshot: CatalogueSnapshot) -> None:
    service = snapshot.service("guardianship-establishment")
    assert service is not None
    told = today(service, Locale.RU)
    assert told is not None
    assert "№ 158" in told.act and "приложение 3" in told.act


def test_a_repeal_is_told_in_two_parts(snapshot: CatalogueSnapshot) -> None:
    service = snapshot.service("preschool-queue")
    assert service is not None
    regulation = service.regulations[0]
    said = repeal_sentences(regulation.act, Locale.RU)
    assert said[0].startswith("Утратил силу ") and said[1].startswith("Дата утраты силы")
    assert "2015" in history_heading(regulation, Locale.RU)
    answer = regulation.how_long(regulation.accepting_channels[0])
    assert term_source(answer, Locale.KK).startswith("Мерзім мына актіден алынды")


def test_a_source_tells_a_reader_the_date_read_never_the_researchers_note(
    snapshot: CatalogueSnapshot,
) -> None:
    service = snapshot.service("adoption-payment")
    assert service is not None
    for locale in Locale:
        told = today(service, locale)
        assert told is not None
        lines = [f.source for f in (*told.facts, *told.notes) if f.source]
        assert lines, locale
        for line in lines:
            assert line.edition and line.edition not in line.text, line.text
    dated = today(service, Locale.RU)
    assert dated is not None
    assert any("(по состоянию на 7 августа 2025\xa0г.)" in n.source.text
               for n in dated.notes if n.source)
