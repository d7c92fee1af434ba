"""Pin the Karaganda "Бала асырап алуға тілек білдірген адамдарды есепке қою" regulation (the third
regulation of seed 000, decree № 34/18 of 23.06.2015 in the new wording of № 01/03 of 08.01.2016).

Every expected value below was written from reading /work/shared/seeds/000_9d76fb71cedfe847.txt;
the phrase of the seed it comes from is quoted beside it. The act itself (number, registry
number, repeal) is pinned by the test of the Karaganda acts file; here only the link to it.
"""

from __future__ import annotations

import pytest

from citizen.catalogue.reading import read_catalogue
from citizen.catalogue.vocabulary import Channel, DurationUnit, Form


@pytest.fixture(scope="module")
def reg():
    data = read_catalogue()
    svc = next(s for s in data.services if s.id == "adoption-candidate-registration")
    return next(r for r in svc.regulations if r.region == "karaganda-oblast")


def test_act_and_source(reg):
    # "Қарағанды облысы әкімдігінің 2015 жылғы 23 маусымдағы № 34/18 қаулысымен бекітілген"
    assert reg.act == "karaganda-akimat-34-18-2015"
    assert reg.source.seed == "000"
    assert all(step.source.seed == "000" for step in reg.steps)
    # "Ескерту. Регламент жаңа редакцияда – Қарағанды облысының әкімдігінің 08.01.2016 № 01/03"
    assert any("01/03" in n.text.kk and "01/03" in n.text.ru for n in reg.notes)


def test_provider_channels_forms(reg):
    # "Қарағанды облысының қалалары мен аудандарының жергілікті атқарушы органдарымен көрсетіледі"
    assert (
        reg.provider.kk
        == "Қарағанды облысының қалалары мен аудандарының жергілікті атқарушы органдары"
    )
    # "Өтініштерді қабылдау және мемлекеттік көрсетілетін қызмет нәтижелерін беру:
    #  1) көрсетілетін қызметті берушінің кеңсесі арқылы; 2) ... www.egov.kz веб-порталы арқылы"
    roles = {c.channel: (c.accepts_applications, c.issues_results) for c in reg.channels}
    assert roles == {Channel.PROVIDER_OFFICE: (True, True), Channel.PORTAL: (True, True)}
    # "Мемлекеттік қызметті көрсету нысаны: электрондық (жартылай автоматтандырылған) және (немесе)
    #  қағаз түрінде"
    assert reg.forms == [Form.ELECTRONIC_PARTIAL, Form.PAPER]
    # "Мемлекеттік қызмет көрсетудің нәтижесін ұсыну нысаны – қағаз түрінде"
    assert reg.result_forms == [Form.PAPER]


def test_steps(reg):
    expected = [
        # 1 әрекет: "құжаттарды қабылдайды және тіркейді – 20 (жиырма) минут"
        (20, DurationUnit.MINUTE),
        (20, DurationUnit.MINUTE),  # 2 әрекет: "жауапты маманды тағайындайды - 20 (жиырма) минут"
        # 3 әрекет: "қорытынды дайындайды – 10 (он) күнтізбелік күн"
        (10, DurationUnit.CALENDAR_DAY),
        (1, DurationUnit.CALENDAR_DAY),  # 4 әрекет: "1 (бір) күнтізбелік күн ішінде қол қояды"
        # 5 әрекет: "тіркейді және береді – 1 (бір) күнтізбелік күн ішінде"
        (1, DurationUnit.CALENDAR_DAY),
    ]
    assert len(reg.steps) == 5
    assert [(s.duration.value, s.duration.unit) for s in reg.steps] == expected
    # each action of paragraph 5 states its result ("нәтиже – ...")
    assert all(s.result is not None for s in reg.steps)
    assert all(not s.channels for s in reg.steps)


def test_total_term(reg):
    # "Мемлекеттік қызметті көрсету мерзімі көрсетілетін қызметті алушымен құжаттарды тапсырған
    #  сәттен бастап - 15 (он бес) күнтізбелік күн"
    assert [(t.duration.value, t.duration.unit) for t in reg.terms] == [
        (15, DurationUnit.CALENDAR_DAY)
    ]
    assert reg.max_waiting is None and reg.max_service is None  # the text states neither
