"""Word forms onto stems: the Russian Snowball stemmer and a light Kazakh suffix stripper.

A word is not tagged with its language (queries mix languages, and Kazakh typed on a Russian
keyboard has no Kazakh letters), so every word gets the stems of both: `stems("кезекке")` is
{"кезек", "кезекк"}. A query word matches a catalogue word when their stem sets meet. `stems`
takes a lower-case Cyrillic word; both stemmers work on its folded form (see
`normalisation.fold`), so the Kazakh suffix lists below are written in folded letters: "ға"
appears as "га", "нің" as "нин".
"""

from __future__ import annotations

from functools import lru_cache

import Stemmer  # PyStemmer: the Snowball stemmers, compiled

from citizen.catalogue.search.normalisation import fold

_russian = Stemmer.Stemmer("russian")

MIN_STEM = 3  # shorter remainders are too ambiguous to be worth a match
_VOWELS = set("аеиоуыэюя")  # folded: Kazakh vowels fold onto these
_CONSONANTS = "бвгджзйклмнпрстфхцчшщ"

# Kazakh endings come in slots, from the end of the word: case, possessive, plural
# (бала-лар-ы-на: "to their children"). One ending per slot is stripped, longest first.
_CASE: tuple[str, ...] = (
    # locative+relative -дағы/-дегі (мектептегі); the bare -ғы/-гі is left alone, it would
    # eat the end of кезегі, жәрдемақы
    "ндагы", "ндеги", "дагы", "деги", "тагы", "теги",
    # genitive -ның/-нің/-дың/-дің/-тың/-тің
    "нын", "нин", "дын", "дин", "тын", "тин",
    # ablative -нан/-нен/-дан/-ден/-тан/-тен
    "нан", "нен", "дан", "ден", "тан", "тен",
    # instrumental -мен/-бен/-пен
    "менен", "мен", "бен", "пен",
    # locative -да/-де/-та/-те, -нда/-нде after a possessive
    "нда", "нде", "да", "де", "та", "те",
    # dative -ға/-ге/-қа/-ке
    "га", "ге", "ка", "ке",
    # accusative -ны/-ні/-ды/-ді/-ты/-ті
    "ны", "ни", "ды", "ди", "ты", "ти",
)
# Endings only found after a possessive vowel (баласы-на, баласы-н, баласы-нда).
_CASE_AFTER_POSSESSIVE = ("на", "не", "н")
_POSSESSIVE: tuple[str, ...] = (
    "ымыз", "имиз", "ыныз", "иниз", "мыз", "миз", "ныз", "низ",
    "сы", "си",  # 3rd person after a vowel: балабақша-сы
)
# 3rd person after a consonant: кезег-і. Also stripped after "сы" was, so that a stem ending
# in ы/і meets its bare form: жәрдемақы-сы -> жәрдемақы -> жәрдемақ, like жәрдемақы itself.
_POSSESSIVE_AFTER_CONSONANT = ("ы", "и")
_PLURAL = ("лар", "лер", "дар", "дер", "тар", "тер")
# Derivation, not inflection, but a citizen says "жұмыссыз" for "жұмыссыздық" and "ауыл" for
# "ауылдық": the stem without it is an extra stem of the word, never its only one.
_DERIVATION_BACK = ("лык", "дык", "тык")
_DERIVATION = (*_DERIVATION_BACK, "лик", "дик", "тик")

# Voiced before a vowel-initial ending, voiceless at the end of the stem: кезек/кезегі,
# кітап/кітабы, балабақ/балабағы (folded ғ is г). Every stem ends voiceless, so both meet.
_DEVOICE = {"г": "к", "б": "п"}


def _keeps_a_stem(rest: str) -> bool:
    return len(rest) >= MIN_STEM and any(ch in _VOWELS for ch in rest)


def _longest_first(endings: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted(endings, key=len, reverse=True))


_CASE = _longest_first(_CASE)
_POSSESSIVE = _longest_first(_POSSESSIVE)


def _strip(word: str, endings: tuple[str, ...]) -> str:
    """The word without the first of `endings` (longest first) that leaves a stem."""
    for ending in endings:
        if word.endswith(ending) and _keeps_a_stem(word[: -len(ending)]):
            return word[: -len(ending)]
    return word


def _strip_after(word: str, endings: tuple[str, ...], before: str) -> str:
    for ending in endings:
        rest = word[: -len(ending)]
        if word.endswith(ending) and rest and rest[-1] in before and _keeps_a_stem(rest):
            return rest
    return word


def kazakh_stem(folded: str) -> str:
    """The folded word without its Kazakh case, possessive and plural endings."""
    word = _strip(folded, _CASE)
    if word == folded:
        word = _strip_after(folded, _CASE_AFTER_POSSESSIVE, before="ыи")
    word = _strip(word, _POSSESSIVE)
    word = _strip_after(word, _POSSESSIVE_AFTER_CONSONANT, before=_CONSONANTS)
    word = _strip(word, _PLURAL)
    if word and word[-1] in _DEVOICE:
        word = word[:-1] + _DEVOICE[word[-1]]
    return word


def kazakh_root(stem: str, kazakh: bool) -> str:
    """A Kazakh stem without the abstract-noun suffix -лық/-дық/-тық (жұмыссыздық, ауылдық).

    The front-vowel -лік/-дік/-тік folds to the Russian-looking "-лик/-дик/-тик" ("садик"), so
    it is only taken off a word written with Kazakh letters.
    """
    endings = _DERIVATION if kazakh else _DERIVATION_BACK
    for ending in endings:
        if stem.endswith(ending) and len(stem) - len(ending) >= MIN_STEM + 1:
            return stem[: -len(ending)]
    return stem


def russian_stem(folded: str) -> str:
    """The Snowball stem of a Russian word (folding leaves Russian words as they are)."""
    stem: str = _russian.stemWord(folded)
    return stem if len(stem) >= MIN_STEM else folded


def without_fleeting_vowel(stem: str) -> str:
    """"справок" -> "справк", "ребенок" -> "ребенк": the genitive plural and the nominative of
    many nouns have a vowel the other forms drop, which Snowball leaves in place."""
    if len(stem) >= 5 and stem[-2:] in ("ок", "ек") and stem[-3] not in _VOWELS:
        return stem[:-2] + "к"
    return stem


@lru_cache(maxsize=65536)
def stems(word: str) -> frozenset[str]:
    """Every stem a word (lower case, Cyrillic) may have, in folded letters: its Kazakh stem
    and root, its Russian stem and that stem without a fleeting vowel."""
    folded = fold(word)
    if len(folded) <= MIN_STEM:
        return frozenset((folded,))
    kazakh = kazakh_stem(folded)
    russian = russian_stem(folded)
    return frozenset(
        (
            kazakh,
            kazakh_root(kazakh, folded != word),
            russian,
            without_fleeting_vowel(russian),
        )
    )
