"""Pin the Astana regulations of seed 004 (decree № 107-665 of 06.04.2016) to the seed text.

Every expected value below was written from reading /work/shared/seeds/004_406f096aee261378.txt;
the phrase of the seed it comes from is quoted beside it.
"""

from __future__ import annotations

import datetime as dt

import pytest

from citizen.catalogue.reading import read_catalogue
from citizen.catalogue.vocabulary import Channel, DurationUnit, Form


@pytest.fixture(scope="module")
def data():
    return read_catalogue()


def _service(data, service_id):
    return next(s for s in data.services if s.id == service_id)


def _astana(data, service_id):
    svc = _service(data, service_id)
    return next(r for r in svc.regulations if r.region == "astana")


def _act(data, act_id):
    return next(a for a in data.acts if a.id == act_id)


# "... "Астана қаласының Білім басқармасы" мемлекеттік мекемесі (бұдан әрі – көрсетілетін
# қызметті беруші) көрсетеді"
PROVIDER_KK = '"Астана қаласының Білім басқармасы" мемлекеттік мекемесі'


# --- the acts ------------------------------------------------------------------------------------


def test_amending_decree_107_665(data):
    act = _act(data, "astana-akimat-107-665-2016")
    assert act.kind == "amending_decree"
    assert act.number == "107-665"  # "2016 жылғы 6 сәуірдегі № 107-665 қаулысы"
    assert act.date == dt.date(2016, 4, 6)  # "2016 жылғы 6 сәуірдегі"
    # "Әділет департаментінде 2016 жылы 27 сәуірде № 1010 болып тіркелді"
    assert act.registry_number == "1010"
    assert act.registered_on == dt.date(2016, 4, 27)
    assert act.status == "repealed"  # "Күшін жойған"
    # "Күші жойылды - Нұр-Сұлтан қаласы әкімдігінің 2020 жылғы 9 қазандағы № 107-2157 қаулысымен"
    repealing = _act(data, act.repeal.by)
    assert "107-2157" in repealing.citation.kk and "107-2157" in repealing.citation.ru
    assert "Нұр-Сұлтан" in repealing.citation.kk
    assert repealing.date == dt.date(2020, 10, 9)
    # "(алғашқы ресми жарияланған күнінен кейін күнтізбелік он күн өткен соң қолданысқа
    #  енгізіледі)": the day it lost force is not in the seed
    assert act.repeal.lost_force_on is None and act.repeal.lost_force_rule is not None


def test_original_decree_107_1565(data):
    act = _act(data, "astana-akimat-107-1565-2015")
    assert act.kind == "regulation_decree"
    assert act.number == "107-1565"  # "2015 жылғы 9 қыркүйектегі № 107-1565 (қаулысына"
    assert act.date == dt.date(2015, 9, 9)
    assert act.registry_number == "952"  # "Тізілімінде № 952 болып тіркелген"
    # the seed is silent on its repeal; the adilet.zan.kz page gives № 107-2157 of 09.10.2020
    assert act.status == "repealed"
    assert act.repeal.by == "nur-sultan-akimat-107-2157-2020"
    assert act.repeal.source.url and "V15ABW00952" in act.repeal.source.url
    # "жоғарыда көрсетілген қаулыға 5, 7-қосымшалар осы қаулыға 1, 2-қосымшаларға сәйкес жаңа
    # редакцияда жазылсын"
    amendment = next(a for a in act.amendments if a.date == dt.date(2016, 4, 6))
    assert "107-665" in amendment.act.kk
    assert "5 және 7-қосымшалар" in amendment.what.kk


# --- appendix 1: foster care ---------------------------------------------------------------------


def test_foster_care_regulation(data):
    svc = _service(data, "foster-care-placement")
    assert svc.category == "family-and-children"
    assert svc.name.kk == "Баланы (балаларды) патронаттық тәрбиелеуге беру"  # 1-қосымша title
    assert svc.cost.kind == "free"  # "Мемлекеттік қызмет жеке тұлғаларға ... тегін көрсетіледі"
    assert [r.region for r in svc.regulations] == ["astana"]

    reg = _astana(data, "foster-care-placement")
    assert reg.act == "astana-akimat-107-665-2016"  # new wording given by decree № 107-665
    assert reg.appendix == "1-қосымша"  # "№ 107-665 қаулысына 1-қосымша"
    assert reg.provider.kk == PROVIDER_KK
    # "Өтінішті қабылдау және мемлекеттік қызмет көрсетудің нәтижесін беру:
    #  1) көрсетілетін қызметті берушінің кеңсесі; 2) ... www.e.gov.kz веб порталы"
    roles = {c.channel: (c.accepts_applications, c.issues_results) for c in reg.channels}
    assert roles == {Channel.PROVIDER_OFFICE: (True, True), Channel.PORTAL: (True, True)}
    assert reg.forms == [Form.PAPER]  # "Мемлекеттік қызметті көрсету нысаны – қағаз түрінде"

    expected = [
        (30, DurationUnit.MINUTE),  # 1) "қабылдауды және тіркеуді жүзеге асыруы – 30 (отыз) минут"
        (1, DurationUnit.WORKING_DAY),  # 2) "басшысының қарауына жіберуі – 1 (бір) жұмыс күні"
        # 3) "жауапты орындаушыны тағайындайды – 1 (бір) жұмыс күні ішінде"
        (1, DurationUnit.WORKING_DAY),
        (26, DurationUnit.DAY),  # 4) "уәжді жауап – 26 (жиырма алты) күн ішінде" (no qualifier)
        (1, DurationUnit.WORKING_DAY),  # 5) "нәтижесін береді – 1 (бір) жұмыс күні ішінде"
    ]
    assert len(reg.steps) == 5
    assert [(s.duration.value, s.duration.unit) for s in reg.steps] == expected
    assert all(not s.channels for s in reg.steps)

    # "Көрсетілетін қызметті берушіге құжаттар топтамасын тапсырған сәттен бастап мемлекеттік
    #  қызмет көрсету мерзімі – 30 (отыз) күнтізбелік күн"
    assert [(t.duration.value, t.duration.unit) for t in reg.terms] == [
        (30, DurationUnit.CALENDAR_DAY)
    ]
    assert reg.max_waiting is None and reg.max_service is None  # the text states neither


# --- appendix 2: adoption-candidate registration -------------------------------------------------


def test_adoption_registration_regulation(data):
    svc = _service(data, "adoption-candidate-registration")
    assert svc.category == "family-and-children"
    # 2-қосымша title
    assert svc.name.kk == "Бала асырап алуға тілек білдірген адамдарды есепке қою"
    assert svc.cost.kind == "free"  # "Мемлекеттік қызмет жеке тұлғаларға ... тегін көрсетіледі"

    reg = _astana(data, "adoption-candidate-registration")
    assert reg.act == "astana-akimat-107-665-2016"
    assert reg.appendix == "2-қосымша"  # "№ 107-665 қаулысына 2-қосымша"
    assert reg.provider.kk == PROVIDER_KK
    # "Мемлекеттік қызмет көрсету үшін өтінішті қабылдау: 1) ... кеңсесі; 2) ... портал";
    # results: step 5) "нәтижесін береді", and on the portal the notification to the "жеке кабинет"
    roles = {c.channel: c.accepts_applications for c in reg.channels}
    assert roles == {Channel.PROVIDER_OFFICE: True, Channel.PORTAL: True}
    assert reg.forms == [Form.PAPER]  # "Мемлекеттік қызметті көрсету нысаны – қағаз түрінде"

    expected = [
        (30, DurationUnit.MINUTE),  # 1) "қабылдауды және тіркеуді жүзеге асыруы – 30 (отыз) минут"
        (1, DurationUnit.WORKING_DAY),  # 2) "басшысының қарауына жіберуі – 1 (бір) жұмыс күні"
        # 3) "жауапты орындаушыны тағайындайды – 1 (бір) жұмыс күні ішінде"
        (1, DurationUnit.WORKING_DAY),
        (12, DurationUnit.DAY),  # 4) "уәжді жауап – 12 (он екі) күн ішінде" (no qualifier)
        (1, DurationUnit.WORKING_DAY),  # 5) "нәтижесін береді – 1 (бір) жұмыс күні ішінде"
    ]
    assert len(reg.steps) == 5
    assert [(s.duration.value, s.duration.unit) for s in reg.steps] == expected

    # "Көрсетілетін қызметті берушіге құжаттар топтамасын тапсырған сәттен бастап мемлекеттік
    #  қызмет көрсету мерзімі – 15 (он бес) күнтізбелік күн"
    assert [(t.duration.value, t.duration.unit) for t in reg.terms] == [
        (15, DurationUnit.CALENDAR_DAY)
    ]
    assert reg.max_waiting is None and reg.max_service is None


@pytest.mark.parametrize("service_id", ["foster-care-placement", "adoption-candidate-registration"])
def test_astana_regulations_cite_seed_004(data, service_id):
    reg = _astana(data, service_id)
    assert reg.source.seed == "004"
    assert all(step.source.seed == "004" for step in reg.steps)
    # "Көрсетілетін қызметті алушының алдын-ала жазылуы және жедел қызмет көрсетуі қарастырылмаған"
    assert any("алдын ала жазылуы" in n.text.kk for n in reg.notes)
    # 7-тармақ: "халыққа қызмет көрсету орталықтарына жүгіну мүмкіндігі қарастырылмаған"
    assert Channel.STATE_CORPORATION not in {c.channel for c in reg.channels}
