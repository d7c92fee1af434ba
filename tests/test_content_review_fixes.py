"""Each finding of the two content reviews, pinned (shared/research/review/content_a.md, _b.md).

Expected values are the seeds' words (quoted beside each) or the reviewers' corrections; a test
names its finding (A = review A, B = review B; L/K/R = their language tables).
"""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from citizen.catalogue import tables as t
from citizen.catalogue.datafile import ServiceFile
from citizen.catalogue.export import export_catalogue
from citizen.catalogue.live import snapshot_of
from citizen.catalogue.reading import CatalogueData, read_catalogue
from citizen.catalogue.search import SearchIndex
from citizen.catalogue.search.synonyms import load_synonyms
from citizen.catalogue.vocabulary import Channel, Form

ASTANA_SC = ["unemployed-certificate", "disabled-children-home-education-reimbursement"]


@pytest.fixture(scope="module")
def data() -> CatalogueData:
    return read_catalogue()


def svc(data: CatalogueData, sid: str) -> ServiceFile:
    return next(s for s in data.services if s.id == sid)


def act(data: CatalogueData, act_id: str):  # type: ignore[no-untyped-def]
    return next(a for a in data.acts if a.id == act_id)


# --- repeal dates (A7.9, A7.21, B7 № 321 / № 107-665 / № 107-1565) ------------------------------

SEED_REPEALS = [
    # act, repealing act, its date: "... (алғашқы ресми жарияланған күнінен кейін күнтізбелік он
    # күн өткен соң қолданысқа енгізіледі)" in every seed
    ("karaganda-akimat-34-18-2015", "karaganda-akimat-20-02-2018", dt.date(2018, 5, 3)),
    ("almaty-oblast-akimat-321-2015", "almaty-oblast-akimat-35-2020", dt.date(2020, 1, 31)),
    ("astana-akimat-158-1526", "nur-sultan-akimat-158-1535-2020", dt.date(2020, 8, 5)),
    ("astana-akimat-107-665-2016", "nur-sultan-akimat-107-2157-2020", dt.date(2020, 10, 9)),
    ("astana-akimat-107-1565-2015", "nur-sultan-akimat-107-2157-2020", dt.date(2020, 10, 9)),
]


@pytest.mark.parametrize(("act_id", "by", "adopted"), SEED_REPEALS)
def test_repeal_is_two_facts_and_the_lost_force_day_is_not_the_decree_date(
    data: CatalogueData, act_id: str, by: str, adopted: dt.date
) -> None:
    repealed = act(data, act_id)
    assert repealed.status == "repealed" and repealed.repeal is not None
    assert repealed.repeal.by == by
    assert act(data, by).date == adopted  # "repealed by decree X of date D"
    assert repealed.repeal.lost_force_on is None  # "lost force on E": E is not in the seed
    rule = repealed.repeal.lost_force_rule
    assert rule is not None and "он күн" in rule.kk and "десяти календарных дней" in rule.ru


def test_the_stored_repealed_on_no_longer_holds_the_decree_date(loaded_engine: Engine) -> None:
    with Session(loaded_engine) as s:
        rows = {a.id: a for a in s.exec(select(t.LegalAct)).all()}
    for act_id, by, adopted in SEED_REPEALS:
        row = rows[act_id]
        assert row.repealed_on is None and row.lost_force_on is None
        assert (row.repealed_by_id, row.repealed_by_date) == (by, adopted)
        assert row.lost_force_rule_ru and "десяти календарных дней" in row.lost_force_rule_ru


# --- the State Corporation path of the two Astana services (A5.28-30, A6.27-29) -----------------


@pytest.mark.parametrize("sid", ASTANA_SC)
def test_state_corporation_intake_comes_before_the_providers_steps(
    data: CatalogueData, sid: str
) -> None:
    reg = svc(data, sid).regulations[0]
    sc = [i for i, s in enumerate(reg.steps) if s.channels == [Channel.STATE_CORPORATION]]
    common = [i for i, s in enumerate(reg.steps) if not s.channels]
    # 9-тармақ 1): "көрсетілетін қызметті алушы Мемлекеттік корпорация операторына өтінішті ...
    # тапсырады" — the first step of the path, before paragraph 5's procedures
    assert sc[0] < common[0]
    assert reg.steps[sc[0]].source.ref and "9-тармақ 1)" in reg.steps[sc[0]].source.ref
    # only collecting the result (10-тармақ 1)) follows the provider's steps
    after = [i for i in sc if i > common[-1]]
    assert len(after) == 1 and "10-тармақ 1)" in (reg.steps[after[0]].source.ref or "")


@pytest.mark.parametrize(
    ("sid", "branches"), [(ASTANA_SC[0], ["6)", "11)"]), (ASTANA_SC[1], ["6)", "9)"])]
)
def test_failure_branches_are_conditional_and_outside_every_sum(
    data: CatalogueData, sid: str, branches: list[str]
) -> None:
    reg = svc(data, sid).regulations[0]
    sc_conditional = [
        s.source.ref or ""
        for s in reg.steps
        if s.conditional and s.channels == [Channel.STATE_CORPORATION]
    ]
    assert [ref.rsplit(" ", 1)[-1] for ref in sc_conditional] == branches
    # "4-үдеріс – ... деректерді алу мүмкін еместігі туралы хабарламаны қалыптастыру" and the
    # refusal message: both are messages on failure
    for s in reg.steps:
        if s.conditional:
            assert "хабарлама" in s.action.kk or "тіркеледі" in s.action.kk


@pytest.mark.parametrize("sid", ASTANA_SC)
def test_the_20_minutes_are_a_collection_limit_not_a_step(data: CatalogueData, sid: str) -> None:
    reg = svc(data, sid).regulations[0]
    # 10-тармақ 2): "нәтижесін алған кезде рұқсат етілетін уақыты – 20 (жиырма) минут"
    assert reg.collection_limit is not None
    assert (reg.collection_limit.duration.value, reg.collection_limit.duration.unit.value) == (
        20,
        "minute",
    )
    assert reg.collection_limit.channels == [Channel.STATE_CORPORATION]
    assert not any(s.duration and s.duration.value == 20 for s in reg.steps)


@pytest.mark.parametrize("sid", ASTANA_SC)
def test_no_ready_time_is_promised_where_the_seed_points_to_the_standard(
    data: CatalogueData, sid: str
) -> None:
    reg = svc(data, sid).regulations[0]
    # 10-тармақ 1): "Стандартта көрсетілген мерзімі аяқталғаннан соң ... жүгінеді"
    assert [u.channels for u in reg.unstated_terms] == [[Channel.STATE_CORPORATION]]
    assert "Стандартта" in reg.unstated_terms[0].refers_to.kk
    assert reg.terms == []
    collect = [s for s in reg.steps if s.channels == [Channel.STATE_CORPORATION]][-1]
    assert collect.duration is None and collect.duration_text is not None


def test_step_flags_reach_the_database_and_the_export(loaded_engine: Engine) -> None:
    doc = export_catalogue(snapshot_of(loaded_engine))
    with Session(loaded_engine) as s:
        limit = s.get(t.Regulation, "unemployed-certificate/astana")
    assert limit is not None and (limit.collection_limit_value, limit.collection_limit_unit) == (
        20,
        "minute",
    )
    reg = next(
        r for x in doc["services"] if x["id"] == "unemployed-certificate" for r in x["regulations"]
    )
    assert reg["collection_limit"]["duration"] == {"value": 20, "unit": "minute"}
    assert reg["unstated_terms"][0]["channels"] == ["state_corporation"]
    assert sum(st["conditional"] for st in reg["steps"]) == 6  # 9: 6), 11); 11: 1), 4), 7), 10)
    assert any(st["automated"] for st in reg["steps"])


# --- offices (A1.25, A2.22, A4.24) and phones --------------------------------------------------


def test_no_state_corporation_office_on_regulations_without_that_channel(
    data: CatalogueData,
) -> None:
    by_region: dict[str, list] = {}
    for o in data.offices.offices:
        by_region.setdefault(o.region, []).append(o)
    for s in data.services:
        for reg in s.regulations:
            channels = {c.channel for c in reg.channels}
            for office in by_region.get(reg.region, []):
                if not office.services or s.id in office.services:
                    assert office.channel in channels, (s.id, reg.region, office.id)
    assert not any(
        o.region == "karaganda-oblast" and o.channel == Channel.STATE_CORPORATION
        for o in data.offices.offices
    )


def test_example_offices_have_no_realistic_phone(data: CatalogueData) -> None:
    assert all(o.phone is None for o in data.offices.offices if o.example)


# --- served texts (L1-L5, A2.21, A6.33) --------------------------------------------------------


def test_camp_documents_are_per_region_and_karaganda_names_no_state_corporation(
    data: CatalogueData,
) -> None:
    camp = svc(data, "summer-camp-voucher")
    by_region = {tuple(d.regions): d for d in camp.documents}
    assert set(by_region) == {("karaganda-oblast",), ("aktobe-oblast",)}
    karaganda = by_region[("karaganda-oblast",)].statement
    # seed 000, camps, 9-тармақ: "... мемлекеттік корпорациясы ... арқылы көрсетілмейді"
    assert "не оказывалась" in karaganda.ru and "көрсетілмеген" in karaganda.kk
    assert "отдела образования" not in karaganda.ru  # an Aktobe fact (seed 002, p.1)
    assert "организации образования" in karaganda.ru  # seed 000 camps p.1: білім беру ұйымдары
    aktobe = by_region[("aktobe-oblast",)].statement
    assert "Госкорпорации" in aktobe.ru and "г. Актобе и районах" in aktobe.ru
    assert camp.refusal_grounds is not None
    assert "Актюбинской области" not in camp.refusal_grounds.statement.ru  # L26


def test_later_lists_do_not_speak_of_following_items(data: CatalogueData) -> None:
    payment = svc(data, "adoption-payment").documents[1].statement
    assert "следующие" not in payment.ru and "Этот перечень" in payment.ru  # L3
    disabled = svc(data, "disabled-children-home-education-reimbursement").documents[0]
    assert "нижеследующие" not in disabled.statement.ru  # L4
    assert "төмендегі" not in disabled.statement.kk
    assert "только при отсутствии сведений" in disabled.statement.ru
    first = disabled.items[0].name  # L21
    assert "Заявление-1" not in first.ru and "1-өтініш" not in first.kk


@pytest.mark.parametrize("sid", ASTANA_SC)
def test_no_guessed_refusal_paragraph(data: CatalogueData, sid: str) -> None:
    refusal = svc(data, sid).refusal_grounds
    assert refusal is not None and refusal.standard_paragraph is None  # A5.34, A6.34
    assert "10" not in refusal.statement.ru and "10" not in refusal.statement.kk


@pytest.mark.parametrize(
    ("sid", "region", "expected"),
    [
        # seed 000 p.3 "электрондық және (немесе) қағаз"; seed 003 p.3 (twice); seed 001 p.3
        ("adoption-payment", "karaganda-oblast", [Form.ELECTRONIC, Form.PAPER]),
        ("unemployed-certificate", "astana", [Form.ELECTRONIC, Form.PAPER]),
        ("disabled-children-home-education-reimbursement", "astana", [Form.ELECTRONIC, Form.PAPER]),
        ("preschool-queue", "almaty-oblast", [Form.ELECTRONIC, Form.PAPER]),
    ],
)
def test_plain_electronic_result_form(
    data: CatalogueData, sid: str, region: str, expected: list[Form]
) -> None:
    reg = next(r for r in svc(data, sid).regulations if r.region == region)
    assert reg.result_forms == expected
    assert Form.ELECTRONIC_FULL in reg.forms  # the form of the service stays as written
    assert not any("толық автоматтандырылған) деп" in n.text.kk for n in reg.notes)  # K5


def test_no_invented_actor_in_preschool_admission(data: CatalogueData) -> None:
    reg = svc(data, "preschool-admission").regulations[0]
    last = reg.steps[4]  # 5.5) "көрсетілетін қызметті алушыға ... нәтижесін беру – 5 (бес) минут"
    assert "жауапты орындаушы" not in last.actor.kk  # B3.17
    queue_last = svc(data, "preschool-queue").regulations[0].steps
    assert last.actor == next(s.actor for s in queue_last if "аталмаған" in s.actor.kk)


def test_order_174_title_as_the_seed_writes_it(data: CatalogueData) -> None:
    order = act(data, "mes-order-174-2015")  # B4.16, K1
    # seed 001 preamble: "Арнайы білім беру саласындағы жергілікті атқарушы органдар
    # көрсететін мемлекеттік көрсетілетін қызметтер стандарттарын бекіту туралы"
    assert order.title.kk == (
        "Арнайы білім беру саласындағы жергілікті атқарушы органдар көрсететін мемлекеттік "
        "көрсетілетін қызметтер стандарттарын бекіту туралы"
    )
    assert "местными исполнительными органами" in order.title.ru
    assert "only the end" not in (order.source.note or "")


def test_orders_173_and_200_and_their_services(data: CatalogueData) -> None:
    o173, o200 = act(data, "mes-order-173-2015"), act(data, "mes-order-200-2015")
    assert (o173.number, o173.date) == ("173", dt.date(2015, 4, 8))
    assert (o200.number, o200.date) == ("200", dt.date(2015, 4, 14))
    assert '"Үздік педагог"' in o173.title.kk and "Техникалық және кәсіптік" in o200.title.kk
    assert svc(data, "best-teacher-competition-documents").standard == o173.id
    assert svc(data, "school-head-competition-documents").standard == o173.id
    for sid in ("tvet-admission-documents", "tvet-dormitory", "tvet-document-duplicates"):
        assert svc(data, sid).standard == o200.id
    assert svc(data, "tvet-dormitory").standard_ref == "2-қосымша"


def test_citations_are_written_the_way_legal_texts_cite(data: CatalogueData) -> None:
    decree = act(data, "karaganda-akimat-34-18-2015")  # L6, L7
    assert decree.citation is not None and decree.citation_by is not None
    assert (
        decree.citation.kk
        == "Қарағанды облысы әкімдігінің 2015 жылғы 23 маусымдағы № 34/18 қаулысы"
    )
    assert decree.citation_by.ru == (
        "постановлением акимата Карагандинской области от 23 июня 2015 года № 34/18"
    )
    standard = act(data, "mes-order-198-2015")
    assert standard.citation is not None and standard.citation.ru.startswith(
        "приказ Министра образования и науки Республики Казахстан от 13 апреля 2015 года № 198"
    )
    assert standard.citation.kk.endswith("№ 198 бұйрығы")
    # every act that has a number or a date is citable; the Aktobe placeholder is not (L8)
    for a in data.acts:
        assert (a.citation is not None) == bool(a.number or a.date), a.id
    assert act(data, "aktobe-camp-regulation-decree").title_official == []


def test_astana_repeal_notes_cite_the_adilet_page(data: CatalogueData) -> None:
    for sid in ("adoption-candidate-registration", "foster-care-placement"):  # B5.25, B6.25
        reg = next(r for r in svc(data, sid).regulations if r.region == "astana")
        note = next(n for n in reg.notes if "107-2157" in n.text.kk)
        assert note.source.url and "V15ABW00952" in note.source.url


def test_language_corrections(data: CatalogueData) -> None:
    foster = svc(data, "foster-care-placement").documents[0]
    assert "АХАЖ" in foster.items[2].name.kk and "АХАТ" not in foster.items[2].name.kk  # K3
    assert "то есть" not in foster.statement.ru and "яғни" not in foster.statement.kk  # R4
    assert foster.standard_paragraph == "9"
    adoption = svc(data, "adoption-candidate-registration").documents[0]
    assert adoption.standard_paragraph == "9"
    assert "Справки о семейном положении" in [i.name.ru for i in adoption.items]  # R3
    assert "наши регламенты" not in adoption.statement.ru  # L17
    assert "Біздің регламенттер" not in adoption.statement.kk
    karaganda = svc(data, "adoption-candidate-registration").regulations[0]
    assert "«Об утверждении" not in karaganda.result.ru  # L20
    assert "приложение 1 к Стандарту" in karaganda.result.ru
    unemployed = svc(data, "unemployed-certificate").regulations[0]
    assert unemployed.notes[0].text.kk.startswith("Қызмет көрсетудің жалпы мерзімі")  # L19
    for step in unemployed.steps:  # L24: actors capitalised like the other services'
        assert step.actor.kk.lstrip('"«')[0].isupper() and step.actor.ru.lstrip('"«')[0].isupper()
    for s in data.services:  # L24: counted_from continues a line, lower case
        for reg in s.regulations:
            for term in reg.terms:
                if term.counted_from:
                    assert term.counted_from.ru[0].islower() and term.counted_from.kk[0].islower()
    head = svc(data, "school-head-competition-documents").name.ru  # R2
    assert "должности руководителя государственного учреждения" in head
    categories = {c.id: c.name.kk for c in data.reference.categories}
    assert categories["special-education"] == "Арнайы білім беру"  # K2
    amendment = act(data, "almaty-oblast-akimat-321-2015").amendments[0]
    assert "РГП на ПХВ «Центр обслуживания населения»" in amendment.what.ru  # R1
    restated = act(data, "astana-akimat-158-2150").amendments[0]
    assert "мемлекеттік қызмет көрсету үдерісінде" in restated.what.kk  # A7.23
    for sid in ("adoption-payment", "summer-camp-voucher"):  # L16
        cost = svc(data, sid).cost.text
        assert cost is not None and "платная ли услуга" in cost.ru


def test_no_text_says_silteidi(data: CatalogueData) -> None:
    # "сілтейді" (L18, K4): the regulation "сілтеме жасайды" to a paragraph
    for s in data.services:
        for dl in s.documents:
            assert "сілтейді" not in dl.statement.kk, s.id
        for reg in s.regulations:
            for note in reg.notes:
                assert "сілтейді" not in note.text.kk, s.id


# --- search synonyms (review B §10) -----------------------------------------------------------


def test_synonyms_follow_the_review() -> None:
    groups = load_synonyms().groups
    words = {w for g in groups for w in g.words}
    for removed in ("КЦМУ", "электронка", "жазу", "демалыс", "копия", "үйден оқыту"):
        assert removed not in words, removed
    for added in ("ПТУ", "ЕБҚ", "кезек нөмірі", "номер очереди", "үйде білім алу", "жазғы демалыс"):
        assert added in words, added


@pytest.fixture
def index(loaded_engine: Engine) -> SearchIndex:
    return snapshot_of(loaded_engine).index


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("ПТУ", {"tvet-admission-documents", "tvet-dormitory", "tvet-document-duplicates"}),
        ("кезек нөмірі", {"preschool-queue"}),
        ("номер очереди в садик", {"preschool-queue"}),
        (
            "ЕБҚ бала",
            {
                "disabled-children-family-consulting",
                "special-education-admission",
                "disabled-children-pmpk-examination",
                "home-schooling-documents",
                "disabled-children-home-education-reimbursement",
                "children-rehabilitation-social-adaptation",
            },
        ),
    ],
)
def test_added_synonyms_reach_the_service(
    index: SearchIndex, query: str, expected: set[str]
) -> None:
    result = index.search(query)
    assert result.hits and result.hits[0].service_id in expected, query


def test_writing_an_application_no_longer_means_supplementary_education(index: SearchIndex) -> None:
    result = index.search("өтініш жазу")
    assert not result.hits or result.hits[0].service_id != "supplementary-education-admission"
