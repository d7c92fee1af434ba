"""Seed 001 (Almaty oblast akimat decree № 321 of 17.07.2015), part b: the regulations of
"preschool admission" (paragraph 1, 16)) and "consultative help to families raising children
with limited abilities" (paragraph 1, 21)), and the services the decree only names.

Every expected value below is written from the seed text
(/work/shared/seeds/001_035c18d610437382.txt); the phrase it comes from is quoted beside it.
"""

from __future__ import annotations

import pytest

from citizen.catalogue.datafile import RegulationFile, ServiceFile
from citizen.catalogue.reading import CatalogueData, read_catalogue
from citizen.catalogue.vocabulary import Channel, CostKind, DurationUnit, Form, Knowledge

DECREE = "almaty-oblast-akimat-321-2015"


@pytest.fixture(scope="module")
def data() -> CatalogueData:
    return read_catalogue()  # parses the shipped data files


def service(data: CatalogueData, service_id: str) -> ServiceFile:
    return next(s for s in data.services if s.id == service_id)


def almaty(svc: ServiceFile) -> RegulationFile:
    return next(r for r in svc.regulations if r.region == "almaty-oblast")


# --- the decree --------------------------------------------------------------------------------


def test_decree_321(data: CatalogueData) -> None:
    act = next(a for a in data.acts if a.id == DECREE)
    # "Алматы облысы әкімдігінің 2015 жылғы 17 шілдедегі № 321 қаулысы."
    assert act.number == "321"
    assert act.date is not None and act.date.isoformat() == "2015-07-17"
    # "Алматы облысы Әділет департаментінде 2015 жылы 14 тамызда № 3344 болып тіркелді."
    assert act.registry_number == "3344"
    assert act.registered_on is not None and act.registered_on.isoformat() == "2015-08-14"
    # "Күші жойылды - Алматы облысы әкімдігінің 2020 жылғы 31 қаңтардағы № 35 қаулысымен"
    assert act.status == "repealed"
    assert act.repeal is not None and act.repeal.by == "almaty-oblast-akimat-35-2020"
    repealing = next(a for a in data.acts if a.id == act.repeal.by)
    assert repealing.date is not None and repealing.date.isoformat() == "2020-01-31"
    assert act.repeal.lost_force_on is None  # ten days after a publication the seed omits


# --- preschool admission (paragraph 1, 16)) ------------------------------------------------------


def test_preschool_admission_service(data: CatalogueData) -> None:
    svc = service(data, "preschool-admission")
    # 16) "Мектепке дейінгі білім беру ұйымдарына құжаттарды қабылдау және балаларды қабылдау"
    assert svc.name.kk == (
        "Мектепке дейінгі білім беру ұйымдарына құжаттарды қабылдау және балаларды қабылдау"
    )
    assert svc.category == "preschool-education"
    # "2015 жылғы 7 сәуірдегі № 172 ... бұйрығымен ... бекітілген ... Стандарты"
    assert svc.standard == "mes-order-172-2015"
    # "жекетұлғаларға (бұдан әрі - көрсетілетін қызметті алушы) тегін көрсетіледі"
    assert svc.cost.kind == CostKind.FREE
    assert svc.cost.source is not None and svc.cost.source.seed == "001"
    # "Стандарттың 10-тармағында көрсетілген негіздер бойынша ... бас тарту" (text not in the seed)
    assert svc.refusal_grounds is not None
    assert svc.refusal_grounds.knowledge == Knowledge.UNKNOWN
    assert svc.refusal_grounds.standard_paragraph == "10"
    # "Стандарттың 9-тармағына сәйкес құжаттар топтамасымен": §9 itself is not in the seed, so
    # any list we show must come from a named later source (a url), never from the seed.
    for doc_list in svc.documents:
        if doc_list.knowledge == Knowledge.KNOWN:
            assert doc_list.source.url is not None
    assert not svc.listed_only


def test_preschool_admission_regulation(data: CatalogueData) -> None:
    reg = almaty(service(data, "preschool-admission"))
    assert reg.act == DECREE
    # "барлық үлгідегі және түрдегі мектепке дейінгі ұйымдармен (бұдан әрі - көрсетілетін
    #  қызметті беруші)"
    assert "мектепке дейінгі ұйымдар" in reg.provider.kk.lower()
    # "құжаттарды қабылдау және беру көрсетілетін қызметті берушінің кеңсесі арқылы
    #  жүзеге асырылады"
    assert [(c.channel, c.accepts_applications, c.issues_results) for c in reg.channels] == [
        (Channel.PROVIDER_OFFICE, True, True)
    ]
    # "2. Мемлекеттік қызмет көрсету нысаны: қағаз түрінде."
    assert reg.forms == [Form.PAPER]
    # "Мемлекеттік қызмет көрсету нәтижесін ұсыну нысаны: қағаз түрінде."
    assert reg.result_forms == [Form.PAPER]
    # "баланы мектепке дейінгі ұйымға қабылдау немесе ... бас тарту туралы дәлелді жауап"
    assert "шарт" in reg.result.kk and "дәлелді жауап" in reg.result.kk
    # paragraph 5 has five procedures 1)–5)
    assert len(reg.steps) == 5
    expected = [
        5,  # 1) "құжаттарды қабылдау, тіркеу ... бұрыштама қоюға жолдау – 5 (бес) минут"
        5,  # 2) "құжаттарды қарау және ... жауапты орындаушысын анықтау – 5 (бес) минут"
        10,  # 3) "... басшысына қол қоюға жолдау – 10 (он) минут"
        5,  # 4) "нәтижесіне қол қою және ... жауапты орындаушысына жолдау – 5 (бес) минут"
        5,  # 5) "көрсетілетін қызметті алушыға ... нәтижесін беру – 5 (бес) минут"
    ]
    for step, minutes in zip(reg.steps, expected, strict=True):
        assert step.duration is not None
        assert step.duration.value == minutes
        assert step.duration.unit == DurationUnit.MINUTE
        assert step.channels == []  # one channel only: the provider's office
        assert step.source.seed == "001"
    # 3) "көрсетілетін қызметті берушінің жауапты орындаушысымен құжаттарды қарау"
    assert "жауапты орындаушы" in reg.steps[2].actor.kk.lower()
    # no total term, no max waiting / service time is stated in this regulation
    assert reg.terms == []
    assert reg.max_waiting is None
    assert reg.max_service is None
    # "Ескерту. Регламент жаңа редакцияда – Алматы облысы әкімдігінің 26.12.2017 № 571
    #  ... қаулысымен."
    assert any("№ 571" in n.text.kk and "26.12.2017" in n.text.kk for n in reg.notes)
    assert reg.source.seed == "001"


# --- consultative help to families (paragraph 1, 21)) -------------------------------------------


def test_family_consulting_service(data: CatalogueData) -> None:
    svc = service(data, "disabled-children-family-consulting")
    # 21) "Мүмкіндігі шектеулі балаларды тәрбиелеп отырған отбасыларға консультациялық
    #      көмек көрсету"
    assert svc.name.kk == (
        "Мүмкіндігі шектеулі балаларды тәрбиелеп отырған отбасыларға консультациялық көмек көрсету"
    )
    assert svc.category == "special-education"
    # preamble: "Арнайы білім беру саласындағы ... 2015 жылғы 8 сәуірдегі № 174"
    assert svc.standard == "mes-order-174-2015"
    # the regulation does not say "тегін" anywhere
    assert svc.cost.kind == CostKind.UNKNOWN
    # "5. ... бастауға негіздеме болып табылатын: еркін нысандағы өтініш."
    from_seed = [d for d in svc.documents if d.knowledge == Knowledge.KNOWN]
    assert len(from_seed) == 1 and from_seed[0].source.seed == "001"
    assert [i.name.kk for i in from_seed[0].items] == ["Еркін нысандағы өтініш"]
    assert any(d.knowledge == Knowledge.UNKNOWN for d in svc.documents)
    assert not svc.listed_only


def test_family_consulting_regulation(data: CatalogueData) -> None:
    reg = almaty(service(data, "disabled-children-family-consulting"))
    assert reg.act == DECREE
    # "оналту орталықтары, психологиялық-педагогикалық түзету кабинеттері (бұдан әрі -
    #  көрсетілетін қызметті беруші) көрсетеді"
    assert "оңалту орталықтары" in reg.provider.kk.lower()
    assert "түзету кабинеттері" in reg.provider.kk
    # "2. Өтінішті қабылдау және ... нәтижесін беру көрсетілетін қызметті берушінің кеңсесі арқылы"
    assert [(c.channel, c.accepts_applications, c.issues_results) for c in reg.channels] == [
        (Channel.PROVIDER_OFFICE, True, True)
    ]
    # "3. Мемлекеттік қызмет көрсетудің нысаны – қағаз жүзінде."
    assert reg.forms == [Form.PAPER]
    # "4. ... нәтижесі ... консультациялық көмек көрсету жөніндегі қорытынды болып табылады."
    assert "қорытынды" in reg.result.kk
    # paragraph 8: the procedures are only in the appendix diagram, which the seed text lacks
    assert reg.steps == []
    # 6. 1) "құжаттар пакетін тапсырылған сәттен бастап 60 минуттан аспайды"
    assert len(reg.terms) == 1
    term = reg.terms[0]
    assert (term.duration.value, term.duration.unit) == (60, DurationUnit.MINUTE)
    assert term.channels == []
    assert term.counted_from is not None
    # 6. 2) "күтудің рұқсат етілген ең ұзақ уақыты 15 минуттан аспайды"
    assert reg.max_waiting is not None
    assert (reg.max_waiting.value, reg.max_waiting.unit) == (15, DurationUnit.MINUTE)
    # 6. 3) "қызмет көрсетуінің рұқсат етілген ең ұзақ уақыты 15 минуттан аспайды"
    assert reg.max_service is not None
    assert (reg.max_service.value, reg.max_service.unit) == (15, DurationUnit.MINUTE)
    assert reg.source.seed == "001"


# --- services the decree only names ---------------------------------------------------------------

# (item of paragraph 1, id, repealing decree, start of the Kazakh regulation title in the seed)
LISTED_ONLY = [
    # 1)–12) "Күші жойылды – Алматы облысы әкімдігінің 28.01.2019 № 42 қаулысымен"
    (
        1,
        "guardianship-certificates",
        "almaty-oblast-akimat-42-2019",
        "Қорғаншылық және қамқоршылық жөнінде анықтамалар беру",
    ),
    (
        2,
        "guardianship-establishment",
        "almaty-oblast-akimat-42-2019",
        "Жетім балаға (жетім балаларға) және ата-анасының қамқорлығынсыз",
    ),
    (
        3,
        "minors-property-inheritance-certificates",
        "almaty-oblast-akimat-42-2019",
        "Кәмелетке толмаған балалардың мүлкіне иелік ету",
    ),
    (
        4,
        "minors-property-transaction-certificates",
        "almaty-oblast-akimat-42-2019",
        "Кәмелетке толмаған балаларға меншік құқығында тиесілі мүлікпен",
    ),
    (
        5,
        "rural-school-free-transport",
        "almaty-oblast-akimat-42-2019",
        "Шалғайдағы ауылдық елді мекендерде тұратын балаларды",
    ),
    (
        6,
        "school-free-meals",
        "almaty-oblast-akimat-42-2019",
        "Жалпы білім беретін мектептердегі білім алушылар мен тәрбиеленушілердің",
    ),
    (
        7,
        "guardian-child-allowance",
        "almaty-oblast-akimat-42-2019",
        "Қамқоршыларға немесе қорғаншыларға жетім баланы",
    ),
    (
        9,
        "patronage-child-payment",
        "almaty-oblast-akimat-42-2019",
        "Патронат тәрбиешілерге берілген баланы (балаларды)",
    ),
    # 14) "Күші жойылды – Алматы облысы әкімдігінің 14.05.2019 № 186 қаулысымен"
    (
        14,
        "best-school-grant-documents",
        "almaty-oblast-akimat-186-2019",
        '"Орта білім беретін үздік ұйым" грантын тағайындау конкурсына',
    ),
    # 17), 18) "Күші жойылды – Алматы облысы әкімдігінің 04.10.2018 № 458 қаулысымен"
    (
        17,
        "best-teacher-competition-documents",
        "almaty-oblast-akimat-458-2018",
        '"Үздік педагог" атағын беру конкурсына',
    ),
    (
        18,
        "school-head-competition-documents",
        "almaty-oblast-akimat-458-2018",
        "Мемлекеттік орта білім беру мекемелерінің басшылары лауазымдарына",
    ),
    # 19), 20), 22), 23) "Күші жойылды – Алматы облысы әкімдігінің 21.12.2018 № 604 қаулысымен"
    (
        19,
        "disabled-children-pmpk-examination",
        "almaty-oblast-akimat-604-2018",
        "Мүмкіндіктері шектеулі балаларды психологиялық-медициналық-педагогикалық тексеру",
    ),
    (
        20,
        "children-rehabilitation-social-adaptation",
        "almaty-oblast-akimat-604-2018",
        "Дамуында проблемалары бар балалар мен жасөспірімдерді оңалту",
    ),
    (
        22,
        "home-schooling-documents",
        "almaty-oblast-akimat-604-2018",
        "Бастауыш, негізгі орта, жалпы орта білім беру ұйымдарына денсаулығына",
    ),
    (
        23,
        "special-education-admission",
        "almaty-oblast-akimat-604-2018",
        "Арнайы жалпы білім беретін оқу бағдарламалары бойынша",
    ),
    # 24)–26) "Утратил силу постановлением акимата Алматинской области от 07.10.2019 № 425"
    (
        24,
        "tvet-admission-documents",
        "almaty-oblast-akimat-425-2019",
        "Техникалық және кәсіптік, орта білімнен кейінгі білім беру ұйымдарына",
    ),
    (
        25,
        "tvet-dormitory",
        "almaty-oblast-akimat-425-2019",
        "Техникалық және кәсіптік білім беру ұйымдарында білім алушыларға жатақхана",
    ),
    (
        26,
        "tvet-document-duplicates",
        "almaty-oblast-akimat-425-2019",
        "Техникалық және кәсіптік білім туралы құжаттардың телнұсқаларын",
    ),
]


@pytest.mark.parametrize(("item", "service_id", "repealed_by", "title"), LISTED_ONLY)
def test_listed_only(
    data: CatalogueData, item: int, service_id: str, repealed_by: str, title: str
) -> None:
    svc = service(data, service_id)
    assert svc.name.kk.startswith(title)
    assert svc.listed_only
    assert svc.regulations == []
    assert svc.listed_in == [DECREE, repealed_by]
    assert svc.cost.kind == CostKind.UNKNOWN
    assert svc.name_ru_official is False  # no source quotes a Russian name
    assert [d.knowledge for d in svc.documents] == [Knowledge.UNKNOWN]
    assert all(not d.items for d in svc.documents)
    assert f"{item})" in (svc.name_source.ref or "")
    assert svc.name_source.seed == "001"


def test_named_services_of_the_decree_have_files(data: CatalogueData) -> None:
    # paragraph 1 has 26 items; 13), 15) (other content file) and 16), 21) have regulation text;
    # 8), 10), 11), 12) are services with regulation texts in other seeds, which list this decree.
    ids = {s.id for s in data.services}
    assert {sid for _, sid, _, _ in LISTED_ONLY} <= ids
    assert {"preschool-admission", "disabled-children-family-consulting"} <= ids
    assert len(LISTED_ONLY) + 4 + 4 == 26
