"""Seed 002 (Aktobe city and districts, camp regulation): the catalogue says what the seed says.

Expected values are written from the seed text (/work/shared/seeds/002_dd138ab6b4df5dc9.txt); the
phrase is quoted beside each. The seed shows no decree header, so the act is pinned as unknown.
"""

from __future__ import annotations

import pytest

from citizen.catalogue.reading import read_catalogue

ACT = "aktobe-camp-regulation-decree"
TITLE = (
    "Мемлекеттік білім беру мекемелеріндегі білім алушылар мен тәрбиеленушілердің жекелеген "
    "санаттарына қала сыртындағы және мектеп жанындағы лагерьлерде демалуы үшін құжаттар қабылдау "
    "және жолдама беру"
)


@pytest.fixture(scope="module")
def data():
    return read_catalogue()


@pytest.fixture(scope="module")
def svc(data):
    return next(s for s in data.services if s.id == "summer-camp-voucher")


@pytest.fixture(scope="module")
def reg(svc):
    return next(r for r in svc.regulations if r.region == "aktobe-oblast")


def test_service_name_is_the_standard_title(svc):
    # title: '"Мемлекеттік білім беру мекемелеріндегі ... жолдама беру" мемлекеттік
    #  көрсетілетін қызмет регламенті'
    assert svc.name.kk == TITLE
    assert svc.category == "family-and-children"
    # "Қазақстан Республикасы Білім және ғылым министрінің 2015 жылғы 13 сәуірдегі № 198
    #  ... бұйрығымен"
    assert svc.standard == "mes-order-198-2015"
    # "Стандарттың 10-тармағына сәйкес мемлекеттік қызмет көрсетуден бас тарту туралы дәлелді жауап"
    assert svc.refusal_grounds.knowledge.value == "unknown"
    assert svc.refusal_grounds.standard_paragraph == "10"
    # "Стандарттың 9-тармағына сәйкес құжаттар тізбесін ұсынуы" - the list itself is not in the seed
    assert any(
        d.knowledge.value == "unknown" and d.standard_paragraph == "9" for d in svc.documents
    )
    # the seed says nothing about the cost
    assert svc.cost.kind.value == "unknown"


def test_act_is_unknown(data):
    act = next(a for a in data.acts if a.id == ACT)
    # the seed starts with the regulation's title: no issuer, number, date, registration or repeal
    assert act.status == "unknown"
    assert act.number is None and act.date is None
    assert act.registry_number is None and act.registered_on is None
    assert act.repeal is None and act.citation is None
    assert act.source.seed == "002"


def test_regulation(reg):
    assert reg.act == ACT
    assert TITLE in reg.title.kk
    # "Ақтөбе қаласы мен аудандарының білім бөлімдерімен (бұдан әрі – көрсетілетін қызметті
    #  беруші) көрсетеді"
    assert reg.provider.kk == "Ақтөбе қаласы мен аудандарының білім бөлімдері"
    # "Өтініштерді қабылдау және мемлекеттік қызмет көрсетудің нәтижесін беру: 1) көрсетілетін
    #  қызметті берушінің кеңсесі; 2) ... Мемлекеттік корпорация; 3) ... портал арқылы
    #  жүзеге асырылады"
    roles = {c.channel.value: (c.accepts_applications, c.issues_results) for c in reg.channels}
    assert roles == {
        "provider_office": (True, True),
        "state_corporation": (True, True),
        "portal": (True, True),
    }
    # "нысаны: электрондық (ішінара автоматтандырылған) және (немесе) қағаз жүзінде"
    assert {f.value for f in reg.forms} == {"electronic_partial", "paper"}
    assert {f.value for f in reg.result_forms} == {"electronic_partial", "paper"}
    # "қала сыртындағы және мектеп жанындағы лагерьлерге жолдама немесе ... дәлелді жауап"
    assert "лагерьлерге жолдама" in reg.result.kk and "дәлелді жауап" in reg.result.kk


def test_steps(reg):
    # paragraph 5, seven procedures
    assert len(reg.steps) == 7
    durations = [
        (s.duration.value, s.duration.unit.value) if s.duration else None for s in reg.steps
    ]
    assert durations == [
        (15, "minute"),  # 1) "Мемлекеттік корпорацияның инспекторы 15 (он бес) минут ішінде"
        (20, "minute"),  # 2) "жинақтаушы сектор 20 (жиырма) минут ішінде"
        (15, "minute"),  # 3) "кеңсе қызметкері ... 15 (он бес) минут ішінде"
        (30, "minute"),  # 4) "басшысы 30 (отыз) минут ішінде бұрыштама қояды"
        (3, "working_day"),  # 5) "жауапты орындаушысы 3 (үш) жұмыс күні ішінде"
        (1, "working_day"),  # 6) "басшысы 1 (бір) жұмыс күні ішінде қол қояды"
        None,  # 7) "... Мемлекеттік корпорацияға сол күні бас тарту туралы дәлелді жауапты ..."
    ]
    assert reg.steps[6].duration_text.kk == "сол күні"
    # steps 1-2 are the State Corporation's own staff (inspector, accumulation sector)
    assert [s.channels for s in reg.steps[:2]] == [["state_corporation"], ["state_corporation"]]
    assert all(not s.channels for s in reg.steps[2:])
    # "анықтаманы дайындайды" - kept as written
    assert "анықтаманы" in reg.steps[4].action.kk


def test_terms(reg):
    # no total term is stated: only "нәтижесі мемлекеттік қызметті көрсету мерзімі аяқталғанға дейін
    # бір тәулік бұрын беріледі"
    assert reg.terms == []
    assert reg.max_waiting is None and reg.max_service is None
    assert any("бір тәулік бұрын" in n.text.kk for n in reg.notes)
    assert reg.source.seed == "002"
