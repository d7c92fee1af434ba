"""Seed 001 (Almaty oblast akimat decree № 321 of 17.07.2015), part a: the decree and two of its
regulations, pinned to the seed text (/work/shared/seeds/001_035c18d610437382.txt).

Every expected value below was written from the seed, with the seed's phrase quoted beside it.
"""

from __future__ import annotations

import datetime as dt

import pytest

from citizen.catalogue.reading import read_catalogue
from citizen.catalogue.vocabulary import Channel, DurationUnit, Form

ACT = "almaty-oblast-akimat-321-2015"


@pytest.fixture(scope="module")
def data():
    return read_catalogue()  # parses the shipped data files


def _act(data, act_id):
    return next(a for a in data.acts if a.id == act_id)


def _reg(data, service_id):
    svc = next(s for s in data.services if s.id == service_id)
    return svc, next(r for r in svc.regulations if r.region == "almaty-oblast")


# --- the decree -------------------------------------------------------------------------------


def test_decree_identity(data):
    act = _act(data, ACT)
    assert act.kind == "regulation_decree"
    # "Алматы облысы әкімдігінің 2015 жылғы 17 шілдедегі № 321 қаулысы"
    assert act.number == "321"
    assert act.date == dt.date(2015, 7, 17)
    # "Алматы облысы Әділет департаментінде 2015 жылы 14 тамызда № 3344 болып тіркелді"
    assert act.registry_number == "3344"
    assert act.registered_on == dt.date(2015, 8, 14)
    # "Білім саласындағы мемлекеттік көрсетілетін қызмет регламенттерін бекіту туралы"
    assert (
        act.title.kk
        == "Білім саласындағы мемлекеттік көрсетілетін қызмет регламенттерін бекіту туралы"
    )


def test_decree_repeal(data):
    act = _act(data, ACT)
    # "Күші жойылды – Алматы облысы әкімдігінің 31.01.2020 № 35 қаулысымен"
    assert act.status == "repealed"
    # "(алғашқы ресми жарияланған күнінен кейін күнтізбелік он күн өткен соң қолданысқа
    #  енгізіледі)": the day № 321 lost force is not 31.01.2020 and is not in the seed
    assert act.repeal.by == "almaty-oblast-akimat-35-2020"
    assert act.repeal.lost_force_on is None and act.repeal.lost_force_rule is not None
    repealing = _act(data, "almaty-oblast-akimat-35-2020")
    assert "№ 35" in repealing.citation.kk and "31 қаңтардағы" in repealing.citation.kk
    assert "№ 35" in repealing.citation.ru
    assert repealing.number == "35" and repealing.date == dt.date(2020, 1, 31)


def test_decree_amendments(data):
    act = _act(data, ACT)
    dates = {a.date for a in act.amendments}
    # "03.03.2016 № 112" (ХҚО -> Мемлекеттік корпорация); "26.12.2017 № 571" (Регламент жаңа
    # редакцияда); "1 - тармаққа өзгерістер енгізілді – ... 01.03.2018 № 88; 14.03.2018 № 122;
    # 04.10.2018 № 458; 21.12.2018 № 604; 28.01.2019 № 42; 14.05.2019 № 186; 07.10.2019 № 425"
    expected = {
        "112": dt.date(2016, 3, 3),
        "571": dt.date(2017, 12, 26),
        "88": dt.date(2018, 3, 1),
        "122": dt.date(2018, 3, 14),
        "458": dt.date(2018, 10, 4),
        "604": dt.date(2018, 12, 21),
        "42": dt.date(2019, 1, 28),
        "186": dt.date(2019, 5, 14),
        "425": dt.date(2019, 10, 7),
    }
    assert dates == set(expected.values())
    for number, date in expected.items():
        amendment = next(a for a in act.amendments if a.date == date)
        assert f"№ {number}" in amendment.act.kk and f"№ {number}" in amendment.act.ru
        own = _act(data, f"almaty-oblast-akimat-{number}-{date.year}")
        assert own.kind == "amending_decree"
        assert own.number == number and own.date == date


def test_decrees_repealed_by_321(data):
    # appendix: "2014 жылғы 6 тамыздағы № 289 қаулысы (... 2014 жылы 12 қыркүйекте № 2852 ...)",
    # "2014 жылғы 11 мамырдағы № 153 қаулысы (... 2014 жылы 11 маусымда № 2747 ...)",
    # "2014 жылғы 12 қыркүйектегі № 331 қаулысы (... 2014 жылы 22 қазанда № 2875 ...)"
    for act_id, number, date, reg_no, reg_on in [
        ("almaty-oblast-akimat-289-2014", "289", dt.date(2014, 8, 6), "2852", dt.date(2014, 9, 12)),
        (
            "almaty-oblast-akimat-153-2014",
            "153",
            dt.date(2014, 5, 11),
            "2747",
            dt.date(2014, 6, 11),
        ),
        (
            "almaty-oblast-akimat-331-2014",
            "331",
            dt.date(2014, 9, 12),
            "2875",
            dt.date(2014, 10, 22),
        ),
    ]:
        act = _act(data, act_id)
        assert (act.number, act.date, act.registry_number, act.registered_on) == (
            number,
            date,
            reg_no,
            reg_on,
        )
        assert act.status == "repealed" and act.repeal.by == "almaty-oblast-akimat-321-2015"
        # decree № 321 took effect "алғашқы ресми жарияланған күнінен кейін күнтізбелік он күн
        # өткен соң" (paragraph 5): the day these lost force is not in the seed
        assert act.repeal.lost_force_on is None and act.repeal.lost_force_rule is not None


# --- 13) supplementary education admission ---------------------------------------------------


def test_supplementary_education_regulation(data):
    svc, reg = _reg(data, "supplementary-education-admission")
    assert svc.standard == "mes-order-170-2015"
    assert reg.act == ACT
    # "Балаларға қосымша білім беру бойынша қосымша білім беру ұйымдарына құжаттар қабылдау және
    # оқуға қабылдау"
    assert svc.name.kk == (
        "Балаларға қосымша білім беру бойынша қосымша білім беру ұйымдарына құжаттар қабылдау "
        "және оқуға қабылдау"
    )
    # "балаларға арналған қосымша білім беру ұйымдары, жалпы орта білім беру ұйымдары көрсетеді"
    assert (
        reg.provider.kk
        == "Балаларға арналған қосымша білім беру ұйымдары, жалпы орта білім беру ұйымдары"
    )
    # "Өтінішті қабылдау және ... нәтижесін беру көрсетілетін қызметті берушінің кеңсесі арқылы"
    assert [(c.channel, c.accepts_applications, c.issues_results) for c in reg.channels] == [
        (Channel.PROVIDER_OFFICE, True, True)
    ]
    # "Мемлекеттік қызмет көрсетудің нысаны – қағаз жүзінде"
    assert reg.forms == [Form.PAPER]
    # no procedure list in the text: paragraph 8 points at the business-process appendix, empty
    assert reg.steps == []
    # "құжаттар топтамасы тапсырылған сәттен бастап – 30 (отыз) минут"
    assert [(t.duration.value, t.duration.unit, t.channels) for t in reg.terms] == [
        (30, DurationUnit.MINUTE, [])
    ]
    # "күту уақытының барынша ұзақтығы – 15 (он бес) минут"
    assert (reg.max_waiting.value, reg.max_waiting.unit) == (15, DurationUnit.MINUTE)
    # "қызмет көрсету уақытының барынша ұзақтығы – 15 (он бес) минуттан аспайды"
    assert (reg.max_service.value, reg.max_service.unit) == (15, DurationUnit.MINUTE)
    # the regulation never says "тегін": the cost stays unknown
    assert svc.cost.kind == "unknown"
    # "көрсетілетін қызметті алушының еркін нысандағы өтініші" (paragraph 5)
    seed_list = next(d for d in svc.documents if d.source.seed == "001")
    assert [i.kind for i in seed_list.items] == ["application"]


# --- 15) preschool queue ---------------------------------------------------------------------


def test_preschool_queue_regulation(data):
    svc, reg = _reg(data, "preschool-queue")
    assert svc.standard == "mes-order-172-2015"
    assert reg.act == ACT
    # "Мектепке дейінгі балалар ұйымдарына жіберу үшін мектепке дейінгі (7 жасқа дейін) жастағы
    # балаларды кезекке қою" (title of the regulation and the standard named in its paragraph 1)
    assert svc.name.kk == (
        "Мектепке дейінгі балалар ұйымдарына жіберу үшін мектепке дейінгі (7 жасқа дейін) "
        "жастағы балаларды кезекке қою"
    )
    assert "очередь" in svc.name.ru and "до 7 лет" in svc.name.ru
    # "облыстың, аудандардың (облыстық маңызы бар қалалардың) жергілікті атқарушы органдарымен,
    # аудандық маңызы бар қалалардың, кенттердің, ауылдардың, ауылдық округтердің әкімдерімен"
    assert reg.provider.kk.startswith("Облыстың, аудандардың (облыстық маңызы бар қалалардың)")
    assert reg.provider.kk.endswith("ауылдық округтердің әкімдері")
    # "... жеке тұлғаларға ... тегін көрсетіледі"
    assert svc.cost.kind == "free"
    # "Өтінішті қабылдау және ... нәтижесін беру: 1) көрсетілетін қызметті берушінің кеңсесі;
    # 2) ... Мемлекеттік корпорация; 3) ... www.egov.kz (бұдан әрі – портал) арқылы"
    assert {(c.channel, c.accepts_applications, c.issues_results) for c in reg.channels} == {
        (Channel.PROVIDER_OFFICE, True, True),
        (Channel.STATE_CORPORATION, True, True),
        (Channel.PORTAL, True, True),
    }
    # "электронды (толық автоматтандырылған) және (немесе) қағаз түрінде"
    assert set(reg.forms) == {Form.ELECTRONIC_FULL, Form.PAPER}
    # no paragraph states a total term
    assert reg.terms == []
    assert reg.max_waiting is None and reg.max_service is None


def test_preschool_queue_steps(data):
    _, reg = _reg(data, "preschool-queue")
    common = [s for s in reg.steps if not s.channels]
    # paragraph 5: "1) ... – 3 (үш) минут"; "2) ... – 5 (бес) минут"; "3) ... –10(он) минут";
    # "4) ... – 5 (бес) минут"; "5) ... – 2 (екі) минут"
    assert [(s.duration.value, s.duration.unit) for s in common] == [
        (3, DurationUnit.MINUTE),
        (5, DurationUnit.MINUTE),
        (10, DurationUnit.MINUTE),
        (5, DurationUnit.MINUTE),
        (2, DurationUnit.MINUTE),
    ]
    # 3) "көрсетілетін қызметті берушінің жауапты орындаушысымен құжаттарды қарау"
    assert "жауапты орындаушысы" in common[2].actor.kk
    corp = [s for s in reg.steps if Channel.STATE_CORPORATION in s.channels]
    # paragraph 9: "1) ... көрсетілетін қызметті берушіге қабылданған құжаттарды жолдайды - 3 (үш)
    # минут"; "3) ... көрсетілетін қызмет нәтижесін көрсетілетін қызметті алушыға береді -
    # 2 (екі) минут"
    assert [(s.duration.value, s.duration.unit) for s in corp] == [
        (3, DurationUnit.MINUTE),
        (2, DurationUnit.MINUTE),
    ]
    assert reg.steps[0] is corp[0] and reg.steps[-1] is corp[1]
    portal = [s for s in reg.steps if Channel.PORTAL in s.channels]
    # paragraph 10: "1) ... порталда тіркеледі, ЭЦҚ-мен куәландырылған ... сұрау салуды жолдайды;
    # 2) ... "жеке кабинетінде" ... мәртебесі ... көрсетіледі" (no durations)
    assert len(portal) == 2
    assert all(s.duration is None for s in portal)
    assert len(reg.steps) == 9


def test_preschool_queue_documents_point_at_standard(data):
    svc, _ = _reg(data, "preschool-queue")
    # "Стандарттың 9-тармағына сәйкес құжаттар топтамасымен жүгінуі"
    assert [d.standard_paragraph for d in svc.documents] == ["9"]
    # "Стандарттың 10-тармағында белгіленген ... бас тарту туралы дәлелді жауап"
    assert svc.refusal_grounds.knowledge == "unknown"
    assert svc.refusal_grounds.standard_paragraph == "10"
