"""From what a citizen typed to comparable word forms: case, script, Kazakh letters.

Three steps, applied identically to the catalogue's texts and to queries:

1. `normalise`: Unicode NFC, lower case, "ё" -> "е".
2. `transliterate`: a word written in Latin letters becomes Cyrillic. Kazakh has been written in
   three official Latin alphabets (2017 with apostrophes, 2018 with acute accents, 2021 with
   Turkic letters) and in informal ones ("sh", "ch", "zh", "gh", "ng", "q"); all are read here.
   Russian typed in Latin ("detsad", "posobie") comes out right too, because its letters agree.
3. `fold`: the nine Kazakh-specific letters are folded onto their nearest Russian letters
   (ә->а, ғ->г, қ->к, ң->н, ө->о, ұ->у, ү->у, һ->х, і->и). Many people type Kazakh on a Russian
   keyboard ("балабакша"), and the Latin alphabets disagree on some of them (2017 "u" is ұ,
   2021 "u" is у), so the index compares folded forms.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Kazakh-specific letters onto the Russian letter a Russian keyboard user types instead.
_FOLD = str.maketrans("әғқңөұүһі", "агкноуухи")

# Latin letters with diacritics in the 2018 and 2021 alphabets (and common neighbours people use
# for them: "ş"/"ș", "ñ"/"ń", "ä"/"á").
_LATIN_SPECIAL = {
    "á": "ә", "ä": "ә", "à": "ә",
    "ǵ": "ғ", "ğ": "ғ",
    "ó": "ө", "ö": "ө",
    "ú": "ү", "ü": "ү",
    "ū": "ұ",
    "ń": "ң", "ñ": "ң",
    "ş": "ш", "ș": "ш", "š": "ш",
    "ç": "ч", "č": "ч",
    "ž": "ж",
    "ý": "у",
    "ı": "ы",  # 2021: ı is ы (2018 used it for и/й; folding makes little of the difference)
    "í": "и",
}

# 2017 alphabet: a letter followed by an apostrophe.
_APOSTROPHE = {
    "a": "ә", "g": "ғ", "i": "й", "n": "ң", "o": "ө", "s": "ш", "c": "ч", "u": "ү", "y": "у",
}

# Informal digraphs, longest first.
_DIGRAPHS = (
    ("shch", "щ"),
    ("sh", "ш"),
    ("ch", "ч"),
    ("zh", "ж"),
    ("kh", "х"),
    ("gh", "ғ"),
    ("ya", "я"),
    ("yu", "ю"),
    ("yo", "е"),
)

_PLAIN = {
    "a": "а", "b": "б", "c": "с", "d": "д", "e": "е", "f": "ф", "g": "г", "h": "һ", "i": "і",
    "j": "ж", "k": "к", "l": "л", "m": "м", "n": "н", "o": "о", "p": "п", "q": "қ", "r": "р",
    "s": "с", "t": "т", "u": "ұ", "v": "в", "w": "у", "x": "х", "z": "з",
}

_VOWELS_LATIN = set("aeiouyäáöóüúūıí")
_VOWELS_CYRILLIC = set("аәеёиіоөуұүыэюя")
_APOSTROPHES = "'’ʼ`‘"

# A word: letters and digits, possibly with apostrophes inside or at the end (2017 alphabet).
_WORD = re.compile(r"[^\W_]+(?:[" + _APOSTROPHES + r"][^\W_]*)*")
_LATIN = re.compile(r"[a-zäáàǵğóöúüūńñşșšçčžýıí]")


def normalise(text: str) -> str:
    """Lower case with "ё" as "е"; the Turkish capital "İ" becomes a plain "i"."""
    text = unicodedata.normalize("NFC", text.replace("İ", "i"))
    return text.lower().replace("ё", "е")


def _y(prev: str) -> str:
    # "y" is ы in the 2017/2018 alphabets and informal writing, й in 2021 and after a vowel
    # ("bezrabotnyy", "tolyqtay"): a vowel followed by ы does not occur in either language.
    return "й" if prev in _VOWELS_LATIN or prev in _VOWELS_CYRILLIC else "ы"


def _n(word: str, i: int) -> tuple[str, int]:
    # "ng" is ң before a consonant or at the end ("kezeng"); before a vowel it is н+г
    # ("mangystau" folds to the same letters as "маңғыстау" either way).
    if word.startswith("ng", i) and (i + 2 == len(word) or word[i + 2] not in _VOWELS_LATIN):
        return "ң", 2
    return "н", 1


@lru_cache(maxsize=65536)
def transliterate(word: str) -> str:
    """A normalised word with Latin letters in Cyrillic; Cyrillic words are returned as they are."""
    if not _LATIN.search(word):
        return word.strip(_APOSTROPHES)
    out: list[str] = []
    i = 0
    while i < len(word):
        ch = word[i]
        nxt = word[i + 1] if i + 1 < len(word) else ""
        if ch in _APOSTROPHES:
            i += 1
            continue
        if nxt and nxt in _APOSTROPHES and ch in _APOSTROPHE:
            out.append(_APOSTROPHE[ch])
            i += 2
            continue
        for latin, cyrillic in _DIGRAPHS:
            if word.startswith(latin, i):
                out.append(cyrillic)
                i += len(latin)
                break
        else:
            if ch == "n":
                letter, step = _n(word, i)
                out.append(letter)
                i += step
                continue
            if ch == "y":
                out.append(_y(word[i - 1] if i else ""))
            else:
                out.append(_LATIN_SPECIAL.get(ch) or _PLAIN.get(ch, ch))
            i += 1
    return "".join(out)


def fold(word: str) -> str:
    """The word with Kazakh-specific letters replaced by their nearest Russian letters."""
    return word.translate(_FOLD)


@dataclass(frozen=True)
class Word:
    """One word of a text: as written (lower case, Cyrillic) and folded for comparison."""

    text: str
    folded: str


def words(text: str) -> list[Word]:
    """The words of a text, in order; numbers and punctuation are dropped.

    Hyphenated compounds ("ребенка-сироты", "психолого-медико-педагогическое") become separate
    words, so each part can be found on its own.
    """
    out = []
    for match in _WORD.finditer(normalise(text)):
        raw = match.group()
        if raw.isdigit():
            continue
        cyrillic = transliterate(raw)
        if cyrillic and not cyrillic.isdigit():
            out.append(Word(cyrillic, fold(cyrillic)))
    return out
