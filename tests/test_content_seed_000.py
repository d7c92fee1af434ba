"""Seed 000 (Karaganda oblast akimat decree № 34/18 of 23.06.2015): the catalogue follows the seed.

Covers the decree itself and two of its three regulations: the one-time payment on adoption
(`adoption-payment`) and the camp vouchers (`summer-camp-voucher`). The third regulation
(registration of persons wishing to adopt) is pinned by its own test. Expected values are written
from the seed text (/work/shared/seeds/000_9d76fb71cedfe847.txt); the phrase is quoted beside each.
"""

from __future__ import annotations

import datetime as dt

import pytest

from citizen.catalogue.reading import read_catalogue

DECREE = "karaganda-akimat-34-18-2015"


@pytest.fixture(scope="module")
def data():
    return read_catalogue()


def _service(data, sid):
    return next(s for s in data.services if s.id == sid)


def _regulation(data, sid):
    svc = _service(data, sid)
    return next(r for r in svc.regulations if r.region == "karaganda-oblast")


def _durations(reg):
    return [(s.duration.value, s.duration.unit.value) if s.duration else None for s in reg.steps]


def _roles(reg):
    return {c.channel.value: (c.accepts_applications, c.issues_results) for c in reg.channels}


# --- the decree ---------------------------------------------------------------------------------


def test_decree(data):
    act = next(a for a in data.acts if a.id == DECREE)
    assert act.kind.value == "regulation_decree"
    # "Қарағанды облысының әкімдігінің 2015 жылғы 23 маусымдағы № 34/18 қаулысы"
    assert act.number == "34/18"
    assert act.date == dt.date(2015, 6, 23)
    # "Қарағанды облысының Әділет департаментінде 2015 жылғы 30 шілдеде № 3355 болып тіркелді"
    assert act.registry_number == "3355"
    assert act.registered_on == dt.date(2015, 7, 30)
    # "Күші жойылды - Қарағанды облысы әкімдігінің 2018 жылғы 3 мамырдағы № 20/02 қаулысымен"
    assert act.status == "repealed"
    # "... 03.05.2018 № 20/02 (алғашқы ресми жарияланған күннен кейін күнтізбелік он күн өткен соң
    #  қолданысқа енгізіледі)": adopted 03.05.2018, lost force on a day the seed does not give
    repealing = next(a for a in data.acts if a.id == act.repeal.by)
    assert repealing.number == "20/02" and repealing.date == dt.date(2018, 5, 3)
    assert act.repeal.lost_force_on is None
    assert "он күн" in act.repeal.lost_force_rule.kk
    assert "десяти календарных дней" in act.repeal.lost_force_rule.ru
    # "Отбасы және балалар саласында көрсетілетін мемлекеттік қызметтер регламенттерін
    #  бекіту туралы"
    assert act.title.kk.startswith("Отбасы және балалар саласында")
    # Ескерту notes: 08.01.2016 № 01/03, 20.06.2016 № 43/06, 01.09.2016 № 64/04, 12.05.2017 № 29/07
    amended = {(a.date, a.act.kk.split("№")[-1].split()[0]) for a in act.amendments}
    assert amended == {
        (dt.date(2016, 1, 8), "01/03"),
        (dt.date(2016, 6, 20), "43/06"),
        (dt.date(2016, 9, 1), "64/04"),
        (dt.date(2017, 5, 12), "29/07"),
    }


# --- regulation 1: one-time payment on adoption -------------------------------------------------


def test_adoption_payment_service(data):
    svc = _service(data, "adoption-payment")
    assert svc.category == "family-and-children"
    # "...№ 198 "Отбасы және балалар саласында көрсетілетін мемлекеттік қызметтер
    #  стандарттарын бекіту туралы""
    assert svc.standard == "mes-order-198-2015"
    # "Жетім баланы және (немесе) ата-анасының қамқорлығынсыз қалған баланы асырап алуға байланысты
    #  біржолғы ақшалай төлемді тағайындау"
    assert svc.name.kk == (
        "Жетім баланы және (немесе) ата-анасының қамқорлығынсыз қалған баланы асырап алуға "
        "байланысты біржолғы ақшалай төлемді тағайындау"
    )
    # the seed says nothing about the cost: no "тегін"
    assert svc.cost.kind.value == "unknown"
    # "Стандарттың ... 9-тармағында көрсетілген қажетті құжаттардың"
    # (the list itself is not in the seed)
    assert any(
        d.knowledge.value == "unknown" and d.standard_paragraph == "9" for d in svc.documents
    )
    assert svc.refusal_grounds.knowledge.value == "unknown"


def test_adoption_payment_regulation(data):
    reg = _regulation(data, "adoption-payment")
    assert reg.act == DECREE
    # "облыстық маңызы бар қалалар мен аудандардың жергілікті атқарушы органдарымен көрсетіледі"
    assert (
        reg.provider.kk.lower()
        == "облыстық маңызы бар қалалар мен аудандардың жергілікті атқарушы органдары"
    )
    # "Өтінішті қабылдау және мемлекеттік қызмет көрсетудің нәтижесін беру:
    #  1) көрсетілетін қызметті берушінің кеңсесі; 2) ... веб-порталы (бұдан әрі – портал)"
    assert _roles(reg) == {"provider_office": (True, True), "portal": (True, True)}
    # "Мемлекеттік қызметті көрсету нысаны – электрондық (толық автоматтандырылған) және
    #  (немесе) қағаз түрінде"
    assert {f.value for f in reg.forms} == {"electronic_full", "paper"}
    # "нәтижесін ұсыну нысаны – электрондық және (немесе) қағаз түрінде"
    assert "paper" in {f.value for f in reg.result_forms}
    # "... біржолғы ақшалай төлемді тағайындау туралы шешім"
    assert "тағайындау туралы шешім" in reg.result.kk
    # paragraph 5, five procedures:
    assert _durations(reg) == [
        (20, "minute"),  # 1) "құжаттарды қабылдайды және оларды тіркеуді жүзеге асырады – 20 минут"
        (1, "working_day"),  # 2) "жауапты маманды анықтайды – бір жұмыс күні"
        (5, "working_day"),  # 3) "шешім жобасын ... дайындайды – 5 (бес) жұмыс күні"
        (1, "working_day"),  # 4) "шешімнің жобасын қарастырады және қол қояды – 1 (бір) жұмыс күні"
        (15, "minute"),  # 5) "нәтижесін жібереді - 15 (он бес) минут"
    ]
    # no step is tied to one channel: paragraph 5 does not separate the paths
    assert all(not s.channels for s in reg.steps)
    # the regulation states no total term (only the durations of the procedures)
    assert reg.terms == []
    assert reg.max_waiting is None and reg.max_service is None
    # "Регламент – жаңа редакцияда Қарағанды облысының әкімдігінің 01.09.2016 № 64/04
    #  ... қаулысымен"
    assert any("64/04" in n.text.kk for n in reg.notes)
    # "7-тармақ жаңа редакцияда - Қарағанды облысы әкімдігінің 12.05.2017 № 29/07"
    assert any("29/07" in n.text.kk for n in reg.notes)
    assert reg.source.seed == "000"


# --- regulation 2: camps (children from low-income families) ------------------------------------


def test_camp_regulation_karaganda(data):
    svc = _service(data, "summer-camp-voucher")
    assert svc.category == "family-and-children"
    assert svc.standard == "mes-order-198-2015"
    reg = _regulation(data, "summer-camp-voucher")
    assert reg.act == DECREE
    # the regulation's own (narrower) title: "Аз қамтылған отбасылардағы балалардың қала сыртындағы
    # және мектеп жанындағы лагерьлерде демалуы үшін құжаттар қабылдау және жолдама беру"
    assert "Аз қамтылған отбасылардағы балалардың" in reg.title.kk
    assert "Аз қамтылған" not in svc.name.kk
    # "Қарағанды облысы аудандары мен қалаларының жергілікті атқарушы органдарымен, білім беру
    #  ұйымдарымен"
    assert "жергілікті атқарушы органдары" in reg.provider.kk
    assert "білім беру ұйымдары" in reg.provider.kk
    # "Өтінішті қабылдау және мемлекеттік қызмет көрсетудің нәтижесін беру көрсетілетін қызметті
    #  берушінің кеңсесі арқылы жүзеге асырылады"
    assert _roles(reg) == {"provider_office": (True, True)}
    # "Көрсетілетін мемлекеттік қызметтің нысаны: қағаз жүзінде"
    assert [f.value for f in reg.forms] == ["paper"]
    # "нәтижесін берудің нысаны: қағаз жүзінде"
    assert [f.value for f in reg.result_forms] == ["paper"]
    # "қала сыртындағы және мектеп жанындағы лагерьлерге жолдама"
    assert "лагерьлерге жолдама" in reg.result.kk
    # paragraph 5, "1-іс-қимыл" ... "5-іс-қимыл":
    assert _durations(reg) == [
        (20, "minute"),  # "құжаттарды бөлім басшысына беру – 20 минут"
        (30, "minute"),  # "құжаттарды бөлім маманына беру – 30 минут"
        (10, "working_day"),  # "лагерьлерге жолдама дайындау – он жұмыс күні"
        (20, "minute"),  # "бөлім басшысының мемлекеттік қызмет нәтижесіне қол қоюы – 20 минут"
        (1, "working_day"),  # "көрсетілетін қызмет алушыға жіберу – бір жұмыс күні"
    ]
    # "Мемлекеттік қызмет көрсету мерзімі: көрсетілетін қызметті берушіге құжаттар топтамасын
    #  тапсырған сәттен бастап – он бес жұмыс күні"
    assert len(reg.terms) == 1
    term = reg.terms[0]
    assert (term.duration.value, term.duration.unit.value) == (15, "working_day")
    assert term.channels == []
    assert "құжаттар топтамасын тапсырған сәттен" in term.counted_from.kk
    # "9. Стандартқа сәйкес мемлекеттік қызмет автоматтандырылмаған және ...
    #  мемлекеттік корпорациясы ... арқылы көрсетілмейді" (new wording by decree 20.06.2016 № 43/06)
    assert any("43/06" in n.text.kk for n in reg.notes)
    assert reg.source.seed == "000"
