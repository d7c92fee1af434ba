"""Seed 003 (Astana akimat decree № 158-1526 of 25.08.2016): the catalogue says what the seed says.

The seed is the amending decree № 158-1526, which restates appendices 1 and 3 of decree
№ 158-2150 of 24.11.2015 ("Жұмыссыз азаматтарға анықтама беру" and "Мүгедек балаларды үйде
оқытуға жұмсалған шығындарды өтеу"). Expected values are written from the seed text
(/work/shared/seeds/003_6fa0c2471b87e3e2.txt); the phrase is quoted beside each.
"""

from __future__ import annotations

import datetime as dt

import pytest

from citizen.catalogue.reading import read_catalogue

ORIGINAL = "astana-akimat-158-2150"
AMENDING = "astana-akimat-158-1526"
UNEMPLOYED = "unemployed-certificate"
DISABLED = "disabled-children-home-education-reimbursement"


@pytest.fixture(scope="module")
def data():
    return read_catalogue()


def _act(data, act_id):
    return next(a for a in data.acts if a.id == act_id)


def _service(data, sid):
    return next(s for s in data.services if s.id == sid)


def _regulation(data, sid):
    return next(r for r in _service(data, sid).regulations if r.region == "astana")


def _roles(reg):
    return {c.channel.value: (c.accepts_applications, c.issues_results) for c in reg.channels}


def _path(reg, channels):
    """The steps whose `channels` are exactly the given ones ([] = the provider's common steps)."""
    return [s for s in reg.steps if sorted(c.value for c in s.channels) == sorted(channels)]


def _durations(steps):
    return [(s.duration.value, s.duration.unit.value) if s.duration else None for s in steps]


# --- the acts -----------------------------------------------------------------------------------


def test_amending_decree(data):
    act = _act(data, AMENDING)
    assert act.kind.value == "amending_decree"
    # "Астана қаласы әкімдігінің 2016 жылғы 25 тамыздағы № 158-1526 қаулысы"
    assert act.number == "158-1526"
    assert act.date == dt.date(2016, 8, 25)
    # "Астана қаласының Әділет департаментінде 2016 жылы 16 қыркүйекте № 1061 болып тіркелді"
    assert act.registry_number == "1061"
    assert act.registered_on == dt.date(2016, 9, 16)
    # "Күші жойылды - Нұр-Сұлтан қаласы әкімдігінің 2020 жылғы 5 тамыздағы № 158-1535 қаулысымен"
    assert act.status == "repealed"
    repealing = _act(data, act.repeal.by)
    assert "158-1535" in repealing.citation.kk and "158-1535" in repealing.citation.ru
    assert repealing.date == dt.date(2020, 8, 5)
    # "(алғашқы ресми жарияланған күнінен кейін күнтізбелік он күн өткен соң қолданысқа
    #  енгізіледі)": the day it lost force is not 05.08.2020 and is not in the seed
    assert act.repeal.lost_force_on is None and act.repeal.lost_force_rule is not None
    assert act.source.seed == "003"


def test_original_decree(data):
    act = _act(data, ORIGINAL)
    assert act.kind.value == "regulation_decree"
    # "Астана қаласы әкімдігінің 2015 жылғы 24 қарашадағы № 158-2150 қаулысына (... тізілімінде
    #  № 987 болып тіркелген ...)"
    assert act.number == "158-2150"
    assert act.date == dt.date(2015, 11, 24)
    assert act.registry_number == "987"
    # "Астана қаласында әлеуметтік-еңбек саласындағы мемлекеттік көрсетілетін қызмет регламенттерін
    #  бекіту туралы"
    assert act.title.kk.startswith("Астана қаласында әлеуметтік-еңбек саласындағы")
    # The seed gives neither its registration date nor its own repeal: not invented.
    assert act.registered_on is None
    assert act.status == "unknown"
    # "көрсетілген қаулыға 1, 3-қосымшалары осы қаулыға 1, 2-қосымшаларға сәйкес жаңа редакцияда
    #  жазылсын" — one amendment, by decree № 158-1526 of 25.08.2016
    assert len(act.amendments) == 1
    amendment = act.amendments[0]
    assert amendment.date == dt.date(2016, 8, 25)
    assert "158-1526" in amendment.act.kk and "158-1526" in amendment.act.ru


# --- both regulations: what they share ----------------------------------------------------------


@pytest.mark.parametrize(("sid", "appendix"), [(UNEMPLOYED, "1-қосымша"), (DISABLED, "2-қосымша")])
def test_common_shape(data, sid, appendix):
    svc = _service(data, sid)
    # "Әлеуметтік-еңбек саласындағы мемлекеттік көрсетілетін қызмет стандарттарын бекіту туралы"
    # ... "2015 жылғы 28 cәуірдегі № 279 бұйрығымен"
    assert svc.standard == "mhsd-order-279-2015"
    assert svc.category == "social-and-labour"
    # "... жеке тұлғаларға ... тегін көрсетіледі"
    assert svc.cost.kind.value == "free"
    reg = _regulation(data, sid)
    # The wording transcribed is that of decree № 158-1526 ("1, 3-қосымшалары осы қаулыға
    # 1, 2-қосымшаларға сәйкес жаңа редакцияда жазылсын").
    assert reg.act == AMENDING
    assert reg.appendix == appendix
    # "Өтінішті қабылдау және мемлекеттік қызметті көрсету нәтижеcін беру: 1) ... Мемлекеттік
    #  корпорация; 2) көрсетілетін қызметті беруші; 3) www.egov.kz ... портал арқылы"
    assert _roles(reg) == {
        "state_corporation": (True, True),
        "provider_office": (True, True),
        "portal": (True, True),
    }
    # "Көрсетілетін мемлекеттік қызмет нысаны: электрондық (толық автоматтандырылған) және (немесе)
    #  қағаз түрінде."
    assert sorted(f.value for f in reg.forms) == ["electronic_full", "paper"]
    # No total term is stated: "Стандартта көрсетілген мерзімі аяқталғаннан соң" (the Standard's).
    assert reg.terms == []
    assert reg.max_waiting is None and reg.max_service is None
    # 10-тармақ: "1) ... Стандартта көрсетілген мерзімі аяқталғаннан соң ... нәтижесін алуға
    #  жүгінеді; 2) ... нәтижесін алған кезде рұқсат етілетін уақыты – 20 (жиырма) минут": the
    # 20 minutes limit the collection (not a step), and the State Corporation's term is the
    # Standard's, which the regulation does not give.
    limit = reg.collection_limit
    assert (limit.duration.value, limit.duration.unit.value) == (20, "minute")
    assert [c.value for c in limit.channels] == ["state_corporation"]
    assert [[c.value for c in u.channels] for u in reg.unstated_terms] == [["state_corporation"]]
    collect = _path(reg, ["state_corporation"])[-1]
    assert collect.duration is None and "Стандартта" in collect.duration_text.kk
    # 9-тармақ: the State Corporation takes the application in before the provider's work.
    first_sc = next(i for i, s in enumerate(reg.steps) if s.channels == ["state_corporation"])
    first_common = next(i for i, s in enumerate(reg.steps) if not s.channels)
    assert first_sc < first_common
    # Paragraph 11 (portal): eleven sub-items 1)–11), none with a duration.
    portal = _path(reg, ["portal"])
    assert len(portal) == 11
    assert _durations(portal) == [None] * 11
    assert all(s.duration_text is None for s in portal)
    # documents and refusal grounds: the standard's paragraphs 9 and 10 are not in the seed
    assert svc.refusal_grounds is not None
    assert svc.refusal_grounds.knowledge.value == "unknown"
    assert all(s.source.seed == "003" for s in reg.steps)


# --- "Жұмыссыз азаматтарға анықтама беру" --------------------------------------------------------


def test_unemployed_certificate(data):
    svc = _service(data, UNEMPLOYED)
    # "Жұмыссыз азаматтарға анықтама беру" мемлекеттік көрсетілетін қызмет регламенті
    assert svc.name.kk == "Жұмыссыз азаматтарға анықтама беру"
    assert svc.name_ru_official is False
    # no source gives the documents of paragraph 9 for this service
    assert [d.knowledge.value for d in svc.documents] == ["unknown"]
    assert svc.documents[0].standard_paragraph == "9"
    reg = _regulation(data, UNEMPLOYED)
    # "Астана қаласы әкімдігінің "Жұмыспен қамту орталығы" коммуналдық мемлекеттік мекемесі"
    assert '"Жұмыспен қамту орталығы"' in reg.provider.kk
    assert "Центр занятости" in reg.provider.ru
    # "Стандартқа 1-қосымшаға сәйкес нысан бойынша жұмыссыз ретінде тіркеу туралы анықтама"
    assert "жұмыссыз ретінде тіркеу туралы анықтама" in reg.result.kk
    # Paragraph 5: five procedures.
    common = _path(reg, [])
    assert _durations(common) == [
        (2, "minute"),  # "1) бірінші рәсім ... олардың тіркелуін ... – 2 (екі) минут"
        (1, "minute"),  # "2) екінші рәсім ... жауапты орындаушысын анықтайды – 1 (бір) минут"
        (3, "minute"),  # "3) үшінші рәсім ... анықтаманы рәсімдейді – 3 (үш) минут"
        (2, "minute"),  # "4) төртінші рәсім ... анықтамаға қол қояды – 2 (екі) минут"
        (2, "minute"),  # "5) бесінші рәсім ... мемлекеттік қызмет нәтижесін береді – 2 (екі) минут"
    ]
    assert common[0].actor.kk == "Көрсетілетін қызметті берушінің кеңсе маманы"
    assert common[1].actor.kk == "Көрсетілетін қызметті берушінің басшысы"
    assert common[2].actor.kk == "Көрсетілетін қызметті берушінің жауапты орындаушысы"
    # Paragraph 9 (sub-items 1)–7), 9)–11); the seed has no 8)) and paragraph 10.
    assert _durations(_path(reg, ["state_corporation"])) == [
        (2, "minute"),  # "1) ... операциялық залда жүзеге асырылады – 2 (екі) минут"
        (2, "minute"),  # "2) 1-үдеріс – ... логин мен парольді ... енгізеді – 2 (екі) минут"
        (3, "minute"),  # "3) 2-үдеріс – ... мәліметтерін ... енгізеді – 3 (үш) минут"
        (2, "minute"),  # "4) 3-үдеріс – ... сұранысын жолдау – 2 (екі) минут"
        (1, "minute"),  # "5) 1-шарт – ... бар болуын тексеру – 1 (бір) минут"
        (2, "minute"),  # "6) 4-үдеріс – ... хабарламаны қалыптастыру – 2 (екі) минут"
        (3, "minute"),  # "7) 5-үдеріс – "Еңбек нарығы" ААЖ ... жолдау – 3 (үш) минут"
        (2, "minute"),  # "9) 6-үдеріс – "Еңбек нарығы" ААЖ ... тіркеу – 2 (екі) минут"
        (2, "minute"),  # "10) 2-шарт – ... сәйкестігін тексеруі (өңдеуі) – 2 (екі) минут"
        (2, "minute"),  # "11) 7-үдеріс – ... бас тарту туралы хабарламаны ... – 2 (екі) минут"
        None,  # 10-тармақ 1): "Стандартта көрсетілген мерзімі аяқталғаннан соң ... жүгінеді"
    ]
    # the branches of 6) (no data) and 11) (refusal) run only when a check fails
    sc = _path(reg, ["state_corporation"])
    assert [i for i, s in enumerate(sc) if s.conditional] == [5, 9]
    assert len(reg.steps) == 5 + 11 + 11


# --- "Мүгедек балаларды үйде оқытуға жұмсалған шығындарды өтеу" -----------------------------------


def test_disabled_children_home_education(data):
    svc = _service(data, DISABLED)
    # "Мүгедек балаларды үйде оқытуға жұмсалған шығындарды өтеу" ... регламенті
    assert svc.name.kk == "Мүгедек балаларды үйде оқытуға жұмсалған шығындарды өтеу"
    assert svc.name_ru_official is False
    # the only list is from a later egov.kz passport, marked as such
    [docs] = svc.documents
    assert docs.knowledge.value == "known"
    assert docs.source.url and "pass173_mtszn" in docs.source.url
    assert "egov.kz" in docs.statement.kk and "egov.kz" in docs.statement.ru
    reg = _regulation(data, DISABLED)
    # ""Астана қаласының Жұмыспен қамту, еңбек және әлеуметтік қорғау басқармасы" ... мекемесі"
    assert "Жұмыспен қамту, еңбек және әлеуметтік қорғау басқармасы" in reg.provider.kk
    assert "Управление занятости, труда и социальной защиты" in reg.provider.ru
    # "3. Мемлекеттік қызметті көрсету нәтижесі: жәрдемақы тағайындау туралы хабарлама."
    assert reg.result.kk == "Жәрдемақы тағайындау туралы хабарлама"
    # Paragraph 5: five procedures.
    common = _path(reg, [])
    assert _durations(common) == [
        (15, "minute"),  # "1) бірінші рәсім ... тіркелуін жүзеге асырады – 15 (он бес) минут"
        (1, "working_day"),  # "2) екінші рәсім ... орындаушысын анықтайды – 1 (бір) жұмыс күн"
        (6, "working_day"),  # "3) үшінші рәсім ... хабарламаны рәсімдейді – 6 (алты) жұмыс күн"
        (1, "working_day"),  # "4) төртінші рәсім ... хабарламаға қол қояды – 1 (бір) жұмыс күн"
        (1, "working_day"),  # "5) бесінші рәсім ... нәтижесін береді – 1 (бір) жұмыс күн"
    ]
    assert common[0].actor.kk == "Көрсетілетін қызметті берушінің кеңсе маманы"
    assert common[2].actor.kk == "Көрсетілетін қызметті берушінің жауапты орындаушысы"
    # Paragraph 9 (sub-items 1)–9)) and paragraph 10.
    assert _durations(_path(reg, ["state_corporation"])) == [
        (2, "minute"),  # "1) ... операциялық залда жүзеге асырады – 2 (екі) минут"
        (1, "minute"),  # "2) 1-үдеріс – ... логин мен парольді ... енгізеді – 1 (бір) минут"
        (2, "minute"),  # "3) 2-үдеріс – ... деректерін ... енгізеді – 2 (екі) минут"
        (2, "minute"),  # "4) 3-үдеріс – ... сұраныс жолдау – 2 (екі) минут"
        (1, "minute"),  # "5) 1-шарт – ... бар болуын тексеру – 1 (бір) минут"
        (2, "minute"),  # "6) 4-үдеріс – ... хабарламаны қалыптастыру – 2 (екі) минут"
        (2, "minute"),  # "7) 5-үдеріс – "Е-собес" ақпараттық жүйесіне ... жолдау – 2 (екі) минут"
        (2, "minute"),  # "8) 2-шарт – ... тексеруі (өңдеуі) – 2 (екі) минут"
        (2, "minute"),  # "9) 6-үдеріс – ... бас тарту туралы хабарламаны ... – 2 (екі) минут"
        None,  # 10-тармақ 1): "Стандартта көрсетілген мерзімі аяқталғаннан соң ... жүгінеді"
    ]
    # the branches of 6) (no data) and 9) (refusal) run only when a check fails
    sc = _path(reg, ["state_corporation"])
    assert [i for i, s in enumerate(sc) if s.conditional] == [5, 8]
    assert len(reg.steps) == 5 + 10 + 11
