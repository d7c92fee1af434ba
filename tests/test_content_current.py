"""What applies today: every service's `current` record, its acts, and their repeal.

Facts are those of shared/research/inforce.md and inforce_listed.md (their sections are named
beside each expectation); the records are read back typed from the database and the export.
"""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from citizen.catalogue import tables as t
from citizen.catalogue.datafile import CurrentRecord, LegalActFile, ServiceFile
from citizen.catalogue.export import export_catalogue
from citizen.catalogue.live import snapshot_of
from citizen.catalogue.reading import CatalogueData, read_catalogue
from citizen.catalogue.vocabulary import Channel, Confidence, CostKind, CurrentStatus, Locale
from citizen.i18n import translator

# The ten services whose regulations the seeds give.
TEN = [
    "adoption-payment",
    "summer-camp-voucher",
    "adoption-candidate-registration",
    "foster-care-placement",
    "supplementary-education-admission",
    "preschool-queue",
    "preschool-admission",
    "disabled-children-family-consulting",
    "unemployed-certificate",
    "disabled-children-home-education-reimbursement",
]

# inforce_listed.md §0: the listed-only services with an identified current act (and appendix).
IDENTIFIED = [
    ("children-rehabilitation-social-adaptation", "mes-order-223-2020", "2"),  # §3
    ("disabled-children-pmpk-examination", "mes-order-223-2020", "1"),  # §4
    ("guardian-child-allowance", "mes-order-158-2020", "4"),  # §5
    ("guardianship-certificates", "mes-order-158-2020", "1"),  # §6
    ("guardianship-establishment", "mes-order-158-2020", "3"),  # §7
    ("home-schooling-documents", "mes-order-223-2020", "4"),  # §8: App. 4 in the current text
    ("minors-property-inheritance-certificates", "mes-order-158-2020", "2"),  # §9
    ("patronage-child-payment", "mes-order-158-2020", "5"),  # §11
    ("rural-school-free-transport", "mes-order-158-2020", "9"),  # §12
    ("tvet-admission-documents", "mes-order-578-2018", None),  # §16
    ("tvet-dormitory", "mes-order-66-2016", None),  # §18
]


@pytest.fixture(scope="module")
def data() -> CatalogueData:
    return read_catalogue()


def svc(data: CatalogueData, sid: str) -> ServiceFile:
    return next(s for s in data.services if s.id == sid)


def current(data: CatalogueData, sid: str) -> CurrentRecord:
    record = svc(data, sid).current
    assert record is not None, sid
    return record


def acts(data: CatalogueData) -> dict[str, LegalActFile]:
    return {a.id: a for a in data.acts}


def facts(record: CurrentRecord) -> list:  # type: ignore[type-arg]
    one = [record.name, record.provider, record.channels, record.term, record.cost, record.result]
    return [f for f in one if f is not None] + list(record.documents) + list(record.notes)


def test_every_service_has_a_checked_current_record(data: CatalogueData) -> None:
    for s in data.services:
        record = current(data, s.id)
        assert record.checked_on <= dt.date.today()
        assert record.confidence.read.kk and record.confidence.read.ru
        assert record.confidence.not_read.kk and record.confidence.not_read.ru
        assert record.source.url or record.source.research


@pytest.mark.parametrize("sid", TEN)
def test_each_of_the_ten_says_what_applies_today_with_sources(
    data: CatalogueData, sid: str
) -> None:
    record = current(data, sid)
    known = acts(data)
    if record.act is not None:
        assert known[record.act].status != "repealed"
        assert known[record.act].citation is not None  # citable in both languages
    for fact in facts(record):
        # each fact with the page it was read on and that page's edition (or the research note)
        assert fact.source.url or fact.source.research
        assert fact.source.url is None or fact.source.edition
        assert fact.text.kk and fact.text.ru
    if record.status == CurrentStatus.UNKNOWN or record.confidence.level in (
        Confidence.NONE,
        Confidence.UNCONFIRMED,
    ):
        assert record.where_to_check is not None


def test_the_adoption_payment_is_abolished_with_the_act(data: CatalogueData) -> None:
    record = current(data, "adoption-payment")  # inforce.md §1
    assert record.status == CurrentStatus.ABOLISHED
    abolishing = acts(data)[record.abolished_by or ""]
    assert (abolishing.number, abolishing.date) == ("621", dt.date(2023, 7, 28))
    assert abolishing.citation_by is not None
    assert "№ 621 қаулысымен" in abolishing.citation_by.kk
    assert abolishing.citation_by.ru.startswith("постановлением Правительства Республики Казахстан")
    rules = acts(data)[record.previous_act or ""]
    assert (rules.number, rules.date, rules.status) == ("787", dt.date(2014, 7, 10), "repealed")
    assert rules.repeal is not None and rules.repeal.by == abolishing.id
    assert rules.repeal.lost_force_on is None and rules.repeal.lost_force_rule is not None
    assert record.act is None  # nothing replacing the rules was found
    assert record.where_to_check is not None and "P2300000621" in record.where_to_check.ru


def test_an_abolished_service_is_said_so_first_in_both_languages(data: CatalogueData) -> None:
    record = current(data, "adoption-payment")
    abolishing = acts(data)[record.abolished_by or ""]
    assert abolishing.citation_by is not None
    tr = translator()
    said = {
        loc: tr(loc, "current-abolished-by", act_by=getattr(abolishing.citation_by, loc.value))
        for loc in Locale
    }
    assert said[Locale.KK].startswith("Бұл қызмет жойылды")
    assert "2023 жылғы 28 шілдедегі № 621 қаулысымен" in said[Locale.KK]
    assert said[Locale.RU].startswith("Эта услуга упразднена")
    assert "от 28 июля 2023 года № 621" in said[Locale.RU]
    assert tr(Locale.RU, "current-status-abolished").startswith("Услуга упразднена")
    assert tr(Locale.KK, "current-status-abolished").startswith("Қызмет жойылған")


@pytest.mark.parametrize(("sid", "act_id", "appendix"), IDENTIFIED)
def test_listed_only_services_with_an_identified_act_answer_more_than_a_name(
    data: CatalogueData, sid: str, act_id: str, appendix: str | None
) -> None:
    assert svc(data, sid).listed_only
    record = current(data, sid)
    assert record.status == CurrentStatus.IN_FORCE
    assert (record.act, record.appendix) == (act_id, appendix)
    assert record.confidence.level in (Confidence.PARTIAL, Confidence.ACT_ONLY)


@pytest.mark.parametrize(
    ("sid", "level"),
    [
        ("best-school-grant-documents", Confidence.NONE),  # §1: NOT FOUND
        ("minors-property-transaction-certificates", Confidence.UNCONFIRMED),  # §10
        ("special-education-admission", Confidence.UNCONFIRMED),  # §15
        ("tvet-document-duplicates", Confidence.UNCONFIRMED),  # §17
        ("school-head-competition-documents", Confidence.NONE),  # §14
    ],
)
def test_where_nothing_sure_was_found_it_says_so_and_where_to_check(
    data: CatalogueData, sid: str, level: Confidence
) -> None:
    record = current(data, sid)
    assert record.status == CurrentStatus.UNKNOWN
    assert record.confidence.level == level
    assert record.where_to_check is not None
    assert record.where_to_check.kk and record.where_to_check.ru


def test_guardianship_establishment_gives_its_term_and_cost(data: CatalogueData) -> None:
    record = current(data, "guardianship-establishment")  # inforce_listed.md §7
    assert record.term is not None and record.cost is not None
    assert (record.term.duration.value, record.term.duration.unit.value) == (19, "working_day")
    assert record.cost.kind == CostKind.FREE
    assert record.term.source.url and "181pass_mon" in record.term.source.url
    assert record.term.note is not None  # a 2020-2022 page, said so


def test_preschool_queue_names_the_edition_and_the_age_of_its_figures(data: CatalogueData) -> None:
    record = current(data, "preschool-queue")  # inforce.md §6
    assert record.edition_date == dt.date(2024, 5, 31)
    assert record.edition is not None and "№ 133" in record.edition.ru
    assert record.term is not None and record.term.duration.value == 30
    assert record.term.note is not None and "2020–2022" in record.term.note.ru
    assert record.channels is not None
    assert set(record.channels.channels) == {Channel.PORTAL, Channel.STATE_CORPORATION}


def test_school_head_rules_lost_force_on_a_known_day(data: CatalogueData) -> None:
    record = current(data, "school-head-competition-documents")  # inforce_listed.md §14
    old = acts(data)[record.previous_act or ""]
    assert old.repeal is not None and old.repeal.lost_force_on == dt.date(2025, 4, 15)
    assert acts(data)[old.repeal.by].date == dt.date(2025, 3, 31)


def test_order_198_lost_force_on_9_may_2020(data: CatalogueData) -> None:
    order = acts(data)["mes-order-198-2015"]  # standards.md §0, cis-legislation footnote
    assert order.repeal is not None and order.repeal.by == "mes-order-158-2020"
    assert order.repeal.lost_force_on == dt.date(2020, 5, 9)


def test_current_records_round_trip_typed_through_the_database(
    loaded_engine: Engine, data: CatalogueData
) -> None:
    with Session(loaded_engine) as s:
        rows = {r.id: r for r in s.exec(select(t.Service)).all()}
        repealed = s.get(t.LegalAct, "mes-order-198-2015")
    for service in data.services:
        stored = rows[service.id].current
        assert stored is not None
        assert CurrentRecord.model_validate(stored) == service.current
    assert repealed is not None
    assert repealed.lost_force_on == repealed.repealed_on == dt.date(2020, 5, 9)


def test_the_export_carries_current_records_and_repeals(loaded_engine: Engine) -> None:
    doc = export_catalogue(snapshot_of(loaded_engine))
    assert doc["format"] == 1  # format 1 only grows
    payment = next(x for x in doc["services"] if x["id"] == "adoption-payment")
    assert payment["current"]["status"] == "abolished"
    assert payment["current"]["abolished_by"] == "gov-decree-621-2023"
    decree = next(a for a in doc["legal_acts"] if a["id"] == "karaganda-akimat-34-18-2015")
    assert decree["repeal"]["by"] == "karaganda-akimat-20-02-2018"
    assert decree["repeal"]["by_date"] == "2018-05-03"
    assert decree["repeal"]["lost_force_on"] is None and decree["repealed_on"] is None
    assert "десяти календарных дней" in decree["repeal"]["lost_force_rule"]["ru"]
    assert decree["citation"]["kk"].endswith("№ 34/18 қаулысы")
    assert decree["title_official"] == ["kk"]


MESSAGES = [
    "current-title",
    "current-status-in_force",
    "current-status-abolished",
    "current-status-unknown",
    "current-abolished-by",
    "current-act",
    "current-act-appendix",
    "current-act-edition",
    "current-act-none",
    "current-previous-act",
    "current-read",
    "current-not-read",
    "current-where-to-check",
    "current-checked-on",
    "term-source-act",
    "act-approved-by",
    "act-standard-approved-by",
    "act-approving-unknown",
    "act-repealed-by",
    "act-lost-force-on",
    "act-lost-force-unknown-rule",
    "act-lost-force-unknown",
    "history-heading",
    "refusal-grounds-unknown",
    "form-electronic",
    *(f"confidence-{level.value}" for level in Confidence),
]


@pytest.mark.parametrize("msg_id", MESSAGES)
def test_messages_exist_in_both_languages(msg_id: str) -> None:
    tr = translator()
    for loc in Locale:
        assert tr.has(loc, msg_id), (loc, msg_id)


def test_repeal_and_history_messages_read_naturally(data: CatalogueData) -> None:
    tr = translator()
    decree = acts(data)["karaganda-akimat-34-18-2015"]
    assert decree.repeal is not None and decree.repeal.lost_force_rule is not None
    by = acts(data)[decree.repeal.by].citation_by
    assert by is not None
    assert tr(Locale.RU, "act-repealed-by", act_by=by.ru) == (
        "Утратил силу постановлением акимата Карагандинской области от 3 мая 2018 года № 20/02."
    )
    assert tr(Locale.KK, "act-repealed-by", act_by=by.kk) == (
        "Қарағанды облысы әкімдігінің 2018 жылғы 3 мамырдағы № 20/02 қаулысымен күші жойылды."
    )
    rule_ru = tr(Locale.RU, "act-lost-force-unknown-rule", rule=decree.repeal.lost_force_rule.ru)
    assert rule_ru.startswith("Дата утраты силы неизвестна: по истечении десяти календарных дней")
    assert tr(Locale.RU, "history-heading", year=2015) == (
        "Как это было по региональному регламенту 2015 года"
    )
    assert tr(Locale.KK, "history-heading", year=2015).startswith("2015 жылғы өңірлік регламент")
