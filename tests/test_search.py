"""The catalogue search: normalisation, stemming, typos, synonyms, ranking and "nothing fits".

Unit tests use small hand-made documents; the catalogue tests build the index from the stored
catalogue (`loaded_engine`: a real SQLite file, and PostgreSQL when configured), the way the API
and the bot do.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from sqlalchemy.engine import Engine

from citizen.catalogue.live import snapshot_of
from citizen.catalogue.search import (
    Reading,
    SearchDocument,
    SearchIndex,
    SynonymGroup,
    Synonyms,
    SynonymsInvalid,
    load_synonyms,
    search_documents,
)
from citizen.catalogue.search.fuzzy import Vocabulary, edit_distance
from citizen.catalogue.search.index import MAX_QUERY_WORDS
from citizen.catalogue.search.normalisation import fold, normalise, transliterate, words
from citizen.catalogue.search.stemming import kazakh_stem, stems
from citizen.catalogue.search.synonyms import parse_synonyms

EVAL = Path(__file__).parent / "search_eval.yaml"


def folded(text: str) -> list[str]:
    return [w.folded for w in words(text)]


# --- normalisation ---------------------------------------------------------------------------


def test_normalise_lowers_and_reads_yo_as_ye() -> None:
    assert normalise("Путёвка В ЛАГЕРЬ") == "путевка в лагерь"
    assert normalise("İSHKER") == "ishker"


def test_fold_maps_kazakh_letters_to_russian_keyboard_letters() -> None:
    assert fold("әғқңөұүһі") == "агкноуухи"
    assert folded("Балабақша") == folded("балабакша")


@pytest.mark.parametrize(
    ("latin", "cyrillic"),
    [
        ("balabaqsha kezek", "балабақша кезек"),  # informal, 2021
        ("qazaqs'a", "қазақша"),  # 2017, apostrophes
        ("jumyssyz", "жұмыссыз"),  # 2017/2018 y for ы
        ("táýelsizdik", "тәуелсіздік"),  # 2018, acute accents
        ("Qazaqstan Respublikası", "Қазақстан Республикасы"),  # 2021 ı for ы
        ("qorǵanshylyq", "қорғаншылық"),  # 2018 ǵ
        ("jataqxana", "жатақхана"),
        ("öner mektebi", "өнер мектебі"),  # 2021 ö
        ("kezeng", "кезең"),  # informal ng for ң at the end
        ("mangystau", "маңғыстау"),  # ng before a vowel folds alike
        ("ghylym", "ғылым"),  # informal gh
        ("detsad", "детсад"),  # Russian typed in Latin letters
        ("bezrabotnyy", "безработный"),  # y after a vowel is й
        ("zhumys", "жұмыс"),
    ],
)
def test_latin_kazakh_and_russian_are_read_as_cyrillic(latin: str, cyrillic: str) -> None:
    assert folded(latin) == folded(cyrillic)


def test_cyrillic_words_are_not_transliterated() -> None:
    assert transliterate("балабақша") == "балабақша"


def test_words_split_hyphenated_compounds_and_drop_numbers() -> None:
    assert [w.text for w in words("ребенка-сироты до 7 лет, ЦОН-ға!")] == [
        "ребенка",
        "сироты",
        "до",
        "лет",
        "цон",
        "ға",
    ]
    assert words("  !!! 123 ") == []


# --- stemming --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "forms",
    [
        ["балабақша", "балабақшаға", "балабақшалары", "балабақшасына", "балабақшадан"],
        ["кезек", "кезегі", "кезекке", "кезектен", "кезегін"],
        ["мектеп", "мектебі", "мектепке", "мектептегі"],
        ["жұмыссыз", "жұмыссыздарға", "жұмыссыздар", "жұмыссыздық"],
        ["азамат", "азаматтарға", "азаматтың"],
        ["ұйым", "ұйымдары", "ұйымға", "ұйымнан"],
        ["жәрдемақы", "жәрдемақысы", "жәрдемақыны"],
    ],
)
def test_kazakh_word_forms_share_a_stem(forms: list[str]) -> None:
    sets = [stems(normalise(f)) for f in forms]
    assert frozenset.intersection(*sets), dict(zip(forms, sets, strict=True))


@pytest.mark.parametrize(
    "forms",
    [
        ["справка", "справку", "справок", "справки"],
        ["ребенок", "ребенка", "ребенку"],
        ["безработный", "безработного", "безработным"],
        ["очередь", "очереди"],
        ["кружок", "кружки"],
    ],
)
def test_russian_word_forms_share_a_stem(forms: list[str]) -> None:
    sets = [stems(normalise(f)) for f in forms]
    assert frozenset.intersection(*sets), dict(zip(forms, sets, strict=True))


def test_kazakh_stripper_keeps_short_words_whole() -> None:
    # "ұйым" must not lose its "м" as a possessive, nor "бала" its "а" as a dative.
    assert kazakh_stem("уйым") == "уйым"
    assert kazakh_stem("бала") == "бала"
    assert kazakh_stem("балаларды") == "бала"


# --- fuzzy -----------------------------------------------------------------------------------


def test_edit_distance_counts_a_transposition_as_one_edit() -> None:
    assert edit_distance("справка", "спарвка", 2) == 1
    assert edit_distance("детсат", "детсад", 2) == 1
    assert edit_distance("паспорт", "справк", 2) == 3  # over the limit: limit + 1


def test_vocabulary_finds_typos_extensions_and_prefixes() -> None:
    vocab = Vocabulary(["детсад", "усыновлен", "жардемак", "справк"])
    assert [n.stem for n in vocab.typos("детсат")] == ["детсад"]
    assert vocab.typos("паспорт") == []
    assert [n.stem for n in vocab.extensions("усынов")] == ["усыновлен"]
    assert [n.stem for n in vocab.prefixes("жардемакыс")] == ["жардемак"]
    assert vocab.typos("дет") == []  # too short to correct


# --- synonyms --------------------------------------------------------------------------------


def test_shipped_synonyms_load() -> None:
    synonyms = load_synonyms()
    assert len(synonyms.groups) >= 20
    assert "как" in synonyms.ignored and "керек" in synonyms.ignored


@pytest.mark.parametrize(
    ("doc", "where"),
    [
        ([], "expected a mapping"),
        ({"groups": [{"words": [], "means": ["детский сад"]}]}, "groups[0].words"),
        ({"groups": [{"words": ["садик"], "means": ["!!!"]}]}, "groups[0].means[0]"),
        ({"groups": [{"words": ["садик"], "means": ["сад"], "typo": 1}]}, "groups[0]"),
        ({"ignore": "как"}, "ignore"),
    ],
)
def test_bad_synonyms_are_refused_naming_the_entry(doc: object, where: str) -> None:
    with pytest.raises(SynonymsInvalid) as caught:
        parse_synonyms(doc, "synonyms.yaml")
    assert where in str(caught.value) and "synonyms.yaml" in str(caught.value)


def test_synonyms_file_that_is_not_yaml_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "synonyms.yaml"
    bad.write_text("groups: [unclosed", encoding="utf-8")
    with pytest.raises(SynonymsInvalid, match="not valid YAML"):
        load_synonyms(bad)


# --- ranking on hand-made documents ----------------------------------------------------------


def small_index() -> SearchIndex:
    docs = [
        SearchDocument(
            "unemployed",
            {
                "name": [
                    "Выдача справки безработным гражданам",
                    "Жұмыссыз азаматтарға анықтама беру",
                ],
                "provider": ["Центр занятости"],
            },
        ),
        SearchDocument(
            "camp",
            {
                "name": ["Выдача направлений в загородные лагеря", "Лагерьлерге жолдама беру"],
                "provider": ["Отдел образования"],
            },
        ),
        SearchDocument(
            "queue",
            {
                "name": ["Постановка на очередь в дошкольные организации",
                         "Мектепке дейінгі ұйымдарға кезекке қою"],
                "result": ["Направление в детский сад"],
            },
        ),
        SearchDocument("provider-camp", {"name": ["Прием документов"], "provider": ["лагерь"]}),
    ]
    synonyms = Synonyms.of(
        [
            SynonymGroup(("садик", "детсад"), ("детский сад", "дошкольная организация")),
            SynonymGroup(("летний лагерь",), ("загородный лагерь",)),
        ],
        ignored=["как", "в", "на", "получить"],
    )
    return SearchIndex.build(docs, synonyms)


def ids(index: SearchIndex, query: str) -> list[str]:
    return [h.service_id for h in index.search(query).hits]


def test_exact_word_finds_its_service_in_either_language_and_form() -> None:
    index = small_index()
    assert ids(index, "справка безработного")[0] == "unemployed"
    assert ids(index, "жұмыссыздарға анықтама")[0] == "unemployed"
    assert ids(index, "jumyssyz anyqtama")[0] == "unemployed"
    assert ids(index, "балабақшаға кезекке")[:1] == []  # "балабақша" is not in these documents
    assert ids(index, "кезекке")[0] == "queue"


def test_name_outranks_provider() -> None:
    assert ids(small_index(), "лагерь") == ["camp", "provider-camp"]


def test_typo_is_corrected_and_suggested_but_never_outranks_the_exact_word() -> None:
    index = small_index()
    typo = index.search("спарвка безработным")
    assert typo.hits[0].service_id == "unemployed"
    assert typo.suggestion == "справки безработным"
    assert typo.terms[0].reading is Reading.CORRECTED
    exact = index.search("справка безработным")
    assert exact.suggestion is None
    assert exact.hits[0].score > typo.hits[0].score


def test_synonym_word_and_its_typo_find_the_catalogue_words() -> None:
    index = small_index()
    result = index.search("садик")
    assert [h.service_id for h in result.hits] == ["queue"]
    assert result.terms[0].reading is Reading.SYNONYM
    assert result.terms[0].meant == ("детский сад", "дошкольная организация")
    typo = index.search("детсат")
    assert [h.service_id for h in typo.hits] == ["queue"]
    assert typo.suggestion == "детсад"


def test_multi_word_synonym_is_read_as_one_term() -> None:
    result = small_index().search("летний лагерь")
    assert [t.text for t in result.terms] == ["летний лагерь"]
    assert result.hits[0].service_id == "camp"


def test_ignored_words_are_reported_and_do_not_count() -> None:
    result = small_index().search("как получить справку")
    assert [t.reading for t in result.terms] == [Reading.IGNORED, Reading.IGNORED, Reading.EXACT]
    assert result.tokens == ("справку",)
    assert result.hits[0].service_id == "unemployed"


@pytest.mark.parametrize("query", ["паспорт", "водительские справки", "weather", "", "   ", "!!!"])
def test_nothing_fits(query: str) -> None:
    result = small_index().search(query)
    assert result.no_match
    assert result.hits == []


def test_a_word_shared_with_a_service_is_not_enough_when_the_rest_is_unknown() -> None:
    index = small_index()
    assert not index.search("справка").no_match
    assert index.search("справка о несудимости").no_match


def test_limit_caps_the_hits_without_changing_no_match() -> None:
    index = small_index()
    assert len(index.search("лагерь", limit=1).hits) == 1
    zero = index.search("лагерь", limit=0)
    assert zero.hits == [] and not zero.no_match


def test_only_the_first_words_of_a_long_text_are_read() -> None:
    text = " ".join(["лагерь"] * (MAX_QUERY_WORDS + 50)) + " паспорт"
    result = small_index().search(text * 200)
    assert len(result.terms) == MAX_QUERY_WORDS
    assert result.hits[0].service_id == "camp"


def test_empty_index_finds_nothing() -> None:
    result = SearchIndex.build([]).search("садик")
    assert result.no_match and result.hits == []


def test_ties_keep_catalogue_order() -> None:
    docs = [SearchDocument(f"s{i}", {"name": ["Выдача справки"]}) for i in range(5)]
    assert ids(SearchIndex.build(docs), "справка") == ["s0", "s1", "s2", "s3", "s4"]


# --- the stored catalogue --------------------------------------------------------------------


@pytest.fixture
def catalogue(loaded_engine: Engine) -> tuple[SearchIndex, list[SearchDocument]]:
    documents = search_documents(snapshot_of(loaded_engine).services)
    return SearchIndex.build(documents, load_synonyms()), documents


def test_documents_cover_every_service_in_both_languages(
    loaded_engine: Engine, catalogue: tuple[SearchIndex, list[SearchDocument]]
) -> None:
    _, documents = catalogue
    services = snapshot_of(loaded_engine).services
    assert [d.service_id for d in documents] == [s.id for s in services]
    by_id = {d.service_id: d for d in documents}
    for service in services:
        assert by_id[service.id].texts["name"] == [service.name.kk, service.name.ru]
        assert by_id[service.id].texts["category"]
    queue = by_id["preschool-queue"].texts
    assert "Алматинская область" in queue["region"]
    assert "Госкорпорация «Правительство для граждан»" in queue["channel"]


def test_every_service_is_found_by_its_own_name(
    loaded_engine: Engine, catalogue: tuple[SearchIndex, list[SearchDocument]]
) -> None:
    index, _ = catalogue
    services = snapshot_of(loaded_engine).services
    assert any(s.listed_only for s in services)
    for service in services:
        for name in (service.name.kk, service.name.ru):
            result = index.search(name)
            assert result.hits and result.hits[0].service_id == service.id, (name, result.hits)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("balabaqsha kezek", "preschool-queue"),
        ("детсат очередь", "preschool-queue"),
        ("садик", "preschool-queue"),
        ("путёвка в лагерь", "summer-camp-voucher"),
        ("жұмыссыздарға анықтама", "unemployed-certificate"),
        ("справка безработного через ЦОН", "unemployed-certificate"),
        ("ХҚКО арқылы балабақшаға кезек", "preschool-queue"),
        ("пособие опекунам", "guardian-child-allowance"),
    ],
)
def test_issue_examples_find_their_service(
    catalogue: tuple[SearchIndex, list[SearchDocument]], query: str, expected: str
) -> None:
    index, _ = catalogue
    hits = [h.service_id for h in index.search(query).hits]
    assert hits[:3] and expected in hits[:3], hits


@pytest.mark.parametrize("query", ["паспорт", "водительские права", "weather", "прогноз погоды"])
def test_issue_examples_that_fit_nothing(
    catalogue: tuple[SearchIndex, list[SearchDocument]], query: str
) -> None:
    result = catalogue[0].search(query)
    assert result.no_match and result.hits == []


def test_every_synonym_target_is_in_the_catalogue(
    catalogue: tuple[SearchIndex, list[SearchDocument]],
) -> None:
    """A `means` phrase the catalogue does not contain would silently find nothing."""
    _, documents = catalogue
    plain = SearchIndex.build(documents)  # no synonyms: only the catalogue's own words
    missing = [
        (group.words[0], phrase)
        for group in load_synonyms().groups
        for phrase in group.means
        if plain.search(phrase).no_match
    ]
    assert missing == []


def test_evaluation_set_is_well_formed_and_answered(
    catalogue: tuple[SearchIndex, list[SearchDocument]],
) -> None:
    """A floor under the accuracy bench/search_accuracy.py reports (the figures are there)."""
    index, documents = catalogue
    known = {d.service_id for d in documents}
    cases = yaml.safe_load(EVAL.read_text(encoding="utf-8"))["queries"]
    assert len(cases) >= 80
    assert sum(1 for c in cases if not c["expect"]) >= 10
    top3 = nothing = 0
    for case in cases:
        assert set(case["expect"]) <= known, case
        result = index.search(case["q"])
        if case["expect"]:
            top3 += any(h.service_id in case["expect"] for h in result.hits[:3])
        else:
            nothing += result.no_match
    with_service = sum(1 for c in cases if c["expect"])
    assert top3 / with_service >= 0.9
    assert nothing / (len(cases) - with_service) >= 0.85


def test_a_filtered_search_keeps_the_ranking_of_the_whole(loaded_engine: Engine) -> None:
    """Filtering by region or category only drops services: order and scores stay."""
    catalogue = snapshot_of(loaded_engine)
    for query in ("балабакша", "справка", "бала", "лагерь"):
        whole = catalogue.list_services(query)
        ranked = list(zip(whole.services, whole.scores or [], strict=True))
        for region in [None, *(r.id for r in catalogue.regions)]:
            for category in [None, *(c.id for c in catalogue.categories)]:
                got = catalogue.list_services(query, region, category)
                kept = [
                    (service, score) for service, score in ranked
                    if (region is None or region in {r.id for r in service.regions})
                    and (category is None or service.category.id == category)
                ]
                assert list(zip(got.services, got.scores or [], strict=True)) == kept
                assert got.no_match == (not kept)
