"""The search index: BM25F over stems, read through synonyms and typo correction.

Built once per catalogue version (`SearchIndex.build`), searched many times. Every (stem,
service) score is computed at build time, so a search only adds up precomputed postings of the
few stems the query is read as.

How a query is read. Each word that carries meaning (the synonyms file lists those that do
not) becomes a *concept* with alternatives: its own stems (exact), the catalogue phrases a
synonym maps it to, or, when the catalogue has no such stem, the stems it is a typo of or a
prefix of. A service's score for a concept is its best alternative's, reduced for synonyms,
prefixes and corrections, so a typo never outranks the word typed correctly.

When nothing fits. Each concept has a weight, the inverse document frequency of what it was
read as (a word the catalogue does not know at all weighs as much as its rarest word). A
service is a hit only if the concepts it matches carry more than `MIN_COVERAGE` of the query's
weight: "справка безработного" finds the unemployment certificate, "водительские права" finds
nothing even though "права" occurs in a service name, and "паспорт" finds nothing at all.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from citizen import metrics
from citizen.catalogue.search.fuzzy import Vocabulary, edit_distance
from citizen.catalogue.search.normalisation import Word, fold, normalise, words
from citizen.catalogue.search.stemming import stems
from citizen.catalogue.search.synonyms import Synonyms

# Field weights of BM25F: a word in the service's name says far more than one in the name of
# the provider. Fields not listed weigh 1.
FIELD_WEIGHTS: Mapping[str, float] = {
    "name": 3.0,
    "result": 1.2,
    "category": 1.0,
    "provider": 0.6,
    "region": 0.5,
    "channel": 0.4,
}
K1 = 1.2
B = 0.75

# Factors on the score of an alternative that is not the word as typed.
SYNONYM = 0.9
BESIDE_EXACT = 0.7  # further factor on synonyms of a word the catalogue itself has
EXTENSION = 0.8  # the typed stem begins a catalogue stem ("усынов" -> "усыновлен")
PREFIX = 0.7  # a catalogue stem begins the typed one (an ending the stemmers did not know)
TYPO = {1: 0.75, 2: 0.6}

MIN_COVERAGE = 0.5  # share of the query's weight a hit must exceed (calibrated on bench/)
UNKNOWN = 1.0  # weight of a word the catalogue does not know, in units of its rarest word's
RELATIVE_CUTOFF = 0.2  # hits scoring below this share of the best hit are noise
MAX_QUERY_WORDS = 16  # the rest of a longer text is not read
MAX_QUERY_CHARS = 1000  # nor is anything past this, however few words it held
SHOWN = 8  # catalogue word forms kept per stem, to show a correction in the form typed


class Reading(StrEnum):
    """How a query word was understood."""

    EXACT = "exact"  # the catalogue has the word (in some form)
    SYNONYM = "synonym"  # an everyday word, read as the catalogue's words for it
    CORRECTED = "corrected"  # read as a catalogue word it looks like a typo of
    PARTIAL = "partial"  # read as a catalogue word sharing its beginning
    UNKNOWN = "unknown"  # nothing in the catalogue resembles it
    IGNORED = "ignored"  # carries no meaning in a search ("как", "получить", "керек")


@dataclass(frozen=True)
class SearchDocument:
    """What is searched of one service: field name -> texts in any language."""

    service_id: str
    texts: dict[str, list[str]]


@dataclass(frozen=True)
class Hit:
    """A service that fits, with its relevance (comparable within one result only)."""

    service_id: str
    score: float


@dataclass(frozen=True)
class QueryTerm:
    """One word (or synonym phrase) of the query and what it was read as."""

    text: str  # as typed, lower case, in Cyrillic
    reading: Reading
    meant: tuple[str, ...] = ()  # the catalogue words it was read as, for "did you mean"


@dataclass(frozen=True)
class SearchResult:
    query: str
    hits: list[Hit]
    no_match: bool  # nothing fits: hits is empty, even if some service shares a word
    terms: tuple[QueryTerm, ...] = ()
    suggestion: str | None = None  # the query with typos corrected, when any were

    @property
    def tokens(self) -> tuple[str, ...]:
        """The query's meaningful words, normalised (lower case, Cyrillic)."""
        return tuple(t.text for t in self.terms if t.reading is not Reading.IGNORED)


@dataclass(frozen=True)
class Ranking:
    """Every service that fits a query, best first: positions in the indexed order."""

    positions: npt.NDArray[np.intp]
    scores: npt.NDArray[np.float64]  # relevance, rounded, aligned with `positions`
    no_match: bool
    terms: tuple[QueryTerm, ...] = ()
    suggestion: str | None = None

    @classmethod
    def nothing(cls, terms: tuple[QueryTerm, ...], suggestion: str | None) -> Ranking:
        empty = np.zeros(0, dtype=np.intp)
        return cls(empty, np.zeros(0, dtype=np.float64), True, terms, suggestion)


Phrase = tuple[frozenset[str], ...]  # one stem set per word
Vector = npt.NDArray[np.float32]  # one value per service, in index order


@dataclass(frozen=True)
class _Alternative:
    phrase: Phrase
    factor: float


@dataclass
class _Concept:
    term: QueryTerm
    alternatives: list[_Alternative] = field(default_factory=list)


@dataclass(frozen=True)
class _Lookup:
    """What one query word can be read as, apart from multi-word synonyms."""

    reading: Reading
    alternatives: tuple[_Alternative, ...]
    meant: tuple[str, ...]


def _phrase(text: str) -> Phrase:
    return tuple(stems(w.text) for w in words(text))


class SearchIndex:
    def __init__(
        self,
        service_ids: list[str],
        postings: dict[str, dict[int, float]],
        shown: dict[str, tuple[str, ...]],
        synonyms: Synonyms,
    ):
        self._ids = service_ids
        # stem -> (service positions, scores): compact, and scattered into a dense vector per
        # query word, so that adding up thousands of services is one array operation.
        self._postings = {
            stem: (
                np.fromiter(per_doc.keys(), dtype=np.int32, count=len(per_doc)),
                np.fromiter(per_doc.values(), dtype=np.float32, count=len(per_doc)),
            )
            for stem, per_doc in postings.items()
        }
        self._shown = dict(shown)  # stem -> the catalogue words it comes from, most used first
        self._ignored = synonyms.ignored
        n = len(service_ids)
        self._unknown_weight = UNKNOWN * _idf(n, 1)
        self._compile_synonyms(synonyms)
        self._vocabulary = Vocabulary(list(postings) + list(self._single))
        # Per-index caches: the vocabulary never changes after building.
        self._lookup = lru_cache(maxsize=32768)(self._lookup_word)
        self._best_of = lru_cache(maxsize=512)(self._dense)
        self._stem_weight = lru_cache(maxsize=32768)(self._stem_set_weight)

    # -- building ---------------------------------------------------------------------------

    @classmethod
    def build(
        cls, documents: Iterable[SearchDocument], synonyms: Synonyms | None = None
    ) -> SearchIndex:
        """An index of the documents; `synonyms` None means no synonyms and no ignored words."""
        docs = list(documents)
        # field -> per document: stem -> term frequency, and the field's length in words
        freqs: dict[str, list[Counter[str]]] = defaultdict(lambda: [Counter() for _ in docs])
        lengths: dict[str, list[int]] = defaultdict(lambda: [0] * len(docs))
        surfaces: dict[str, Counter[str]] = defaultdict(Counter)
        for n, doc in enumerate(docs):
            for name, texts in doc.texts.items():
                for text in texts:
                    for word in words(text):
                        lengths[name][n] += 1
                        for stem in stems(word.text):
                            freqs[name][n][stem] += 1
                            surfaces[stem][word.text] += 1
        postings = _bm25f(len(docs), freqs, lengths)
        shown = {stem: tuple(w for w, _ in c.most_common(SHOWN)) for stem, c in surfaces.items()}
        return cls([d.service_id for d in docs], postings, shown, synonyms or Synonyms())

    def _compile_synonyms(self, synonyms: Synonyms) -> None:
        # single-word synonyms by stem; longer ones by the stems of their first word
        self._single: dict[str, list[int]] = defaultdict(list)
        self._multi: dict[str, list[tuple[Phrase, int]]] = defaultdict(list)
        self._means: list[tuple[_Alternative, ...]] = []
        self._means_shown: list[tuple[str, ...]] = []
        for g, group in enumerate(synonyms.groups):
            self._means.append(tuple(_Alternative(_phrase(m), SYNONYM) for m in group.means))
            self._means_shown.append(group.means)
            for text in group.words:
                phrase = tuple(
                    stems(w.text) for w in words(text) if w.folded not in synonyms.ignored
                )
                if len(phrase) == 1:
                    for stem in phrase[0]:
                        self._single[stem].append(g)
                        self._shown.setdefault(stem, (normalise(text),))
                elif phrase:
                    for stem in phrase[0]:
                        self._multi[stem].append((phrase, g))
        for entries in self._multi.values():
            entries.sort(key=lambda e: -len(e[0]))  # longest phrase first

    # -- reading the query ------------------------------------------------------------------

    def _lookup_word(self, word: str) -> _Lookup:
        """What one query word (lower case, Cyrillic) can be read as."""
        folded = fold(word)
        keys = stems(word)
        exact = frozenset(k for k in keys if k in self._postings)
        alternatives = [_Alternative((exact,), 1.0)] if exact else []
        groups = {g for k in keys for g in self._single.get(k, ())}
        reading = Reading.EXACT if exact else Reading.UNKNOWN
        meant: tuple[str, ...] = ()
        if not exact and not groups:
            reading, near, factor = self._nearest(keys)
            for stem in near:
                if stem in self._postings:
                    alternatives.append(_Alternative((frozenset((stem,)),), factor))
                groups.update(self._single.get(stem, ()))
            meant = tuple(dict.fromkeys(self._nearest_word(s, folded) for s in near))
        for g in sorted(groups):
            # Beside the word itself, its synonyms only break ties ("пособие" is in the
            # catalogue: "выплата" must not outrank it).
            alternatives.extend(
                _Alternative(a.phrase, a.factor * BESIDE_EXACT) if exact else a
                for a in self._means[g]
            )
        if groups and reading is Reading.UNKNOWN:
            reading, meant = Reading.SYNONYM, self._means_shown[min(groups)]
        return _Lookup(reading, tuple(alternatives), meant)

    def _nearest_word(self, stem: str, folded: str) -> str:
        """The catalogue word of `stem` closest to what was typed ("спарвку" -> "справку")."""
        forms = self._shown.get(stem, (stem,))
        return min(forms, key=lambda form: edit_distance(fold(form), folded, len(folded)))

    def _nearest(self, keys: frozenset[str]) -> tuple[Reading, list[str], float]:
        """Catalogue stems a word without an exact match may stand for, best kind first."""
        vocab = self._vocabulary
        typos = [near for k in keys for near in vocab.typos(k)]
        if typos:
            edits = min(n.edits for n in typos)
            near = [n.stem for n in typos if n.edits == edits]
            return Reading.CORRECTED, list(dict.fromkeys(near)), TYPO[edits]
        extensions = [n.stem for k in keys for n in vocab.extensions(k)]
        if extensions:
            return Reading.PARTIAL, list(dict.fromkeys(extensions)), EXTENSION
        prefixes = [n.stem for k in keys for n in vocab.prefixes(k)]
        if prefixes:
            return Reading.PARTIAL, list(dict.fromkeys(prefixes)), PREFIX
        return Reading.UNKNOWN, [], 0.0

    def _multi_at(self, content: list[Word], i: int) -> tuple[int, list[int]]:
        """The longest multi-word synonym starting at word i: its length and groups."""
        best_len, groups = 0, list[int]()
        candidates = [e for stem in stems(content[i].text) for e in self._multi.get(stem, ())]
        for phrase, g in candidates:
            size = len(phrase)
            if size < best_len or i + size > len(content):
                continue
            if all(phrase[j] & stems(content[i + j].text) for j in range(size)):
                if size > best_len:
                    best_len, groups = size, []
                if g not in groups:
                    groups.append(g)
        return best_len, groups

    def _concepts(self, query: str) -> tuple[list[_Concept], list[QueryTerm]]:
        all_words = words(query[:MAX_QUERY_CHARS])[:MAX_QUERY_WORDS]
        placed: list[tuple[int, QueryTerm]] = []  # (position in the query, term)
        content: list[Word] = []
        where: list[int] = []
        for n, w in enumerate(all_words):
            if w.folded in self._ignored:
                placed.append((n, QueryTerm(w.text, Reading.IGNORED)))
            else:
                content.append(w)
                where.append(n)
        concepts: list[_Concept] = []
        i = 0
        while i < len(content):
            size, groups = self._multi_at(content, i) if self._multi else (0, [])
            if size:
                text = " ".join(w.text for w in content[i : i + size])
                term = QueryTerm(text, Reading.SYNONYM, self._means_shown[groups[0]])
                own = _Alternative(tuple(stems(w.text) for w in content[i : i + size]), 1.0)
                concept = _Concept(term, [own] + [a for g in groups for a in self._means[g]])
            else:
                size = 1
                found = self._lookup(content[i].text)
                term = QueryTerm(content[i].text, found.reading, found.meant)
                concept = _Concept(term, list(found.alternatives))
            concepts.append(concept)
            placed.append((where[i], term))
            i += size
        placed.sort(key=lambda p: p[0])
        return concepts, [term for _, term in placed]

    # -- scoring ----------------------------------------------------------------------------

    def _weight(self, concept: _Concept) -> float:
        weights = [
            sum(self._stem_weight(ks) for ks in a.phrase) / len(a.phrase)
            for a in concept.alternatives
        ]
        best = max(weights, default=0.0)
        return best if best > 0 else self._unknown_weight

    def _score_concept(self, concept: _Concept) -> Vector:
        """Per service, the concept's score from its best alternative (0: no match).

        A phrase counts only whole: a service with "организация" alone is not a match for
        "дошкольная организация".
        """
        best = np.zeros(len(self._ids), dtype=np.float32)
        for alt in concept.alternatives:
            vectors = [self._best_of(stem_set) for stem_set in alt.phrase]
            if len(vectors) == 1:
                value = vectors[0] * np.float32(alt.factor)
            else:
                whole = np.logical_and.reduce([v > 0 for v in vectors])
                total = np.add.reduce(vectors) * np.float32(alt.factor / len(vectors))
                value = np.where(whole, total, np.float32(0))
            np.maximum(best, value, out=best)
        return best

    def _stem_set_weight(self, stem_set: frozenset[str]) -> float:
        """The idf of the services any of the stems occurs in (0 when none)."""
        found = int(np.count_nonzero(self._best_of(stem_set)))
        return _idf(len(self._ids), found) if found else 0.0

    def _dense(self, stem_set: frozenset[str]) -> Vector:
        """Per service, the best score of any stem of the set (cached: read-only)."""
        vector = np.zeros(len(self._ids), dtype=np.float32)
        for stem in stem_set:
            if stem in self._postings:
                docs, values = self._postings[stem]
                vector[docs] = np.maximum(vector[docs], values)
        vector.flags.writeable = False
        return vector

    def search(self, query: str, limit: int = 10) -> SearchResult:
        """The services that fit `query`, best first; `no_match` when none does.

        At most `limit` hits; hits scoring under `RELATIVE_CUTOFF` of the best are left out.
        """
        ranking = self.rank(query)
        hits = [
            Hit(self._ids[position], score)
            for position, score in zip(
                ranking.positions[:limit].tolist(), ranking.scores[:limit].tolist(), strict=True
            )
        ]
        return SearchResult(query, hits, ranking.no_match, ranking.terms, ranking.suggestion)

    def rank(self, query: str) -> Ranking:
        """Every service that fits `query`, best first, as positions in the indexed order.

        The whole ranking costs a few array operations however many services fit, so a door
        can count them and page through them without building a hit for each.
        """
        ranking = self._rank(query)
        metrics.search_answered(ranking.no_match)
        return ranking

    def _rank(self, query: str) -> Ranking:
        concepts, terms = self._concepts(query)
        suggestion = _suggestion(terms)
        if not concepts or not self._ids:
            return Ranking.nothing(tuple(terms), suggestion)
        scores = np.zeros(len(self._ids), dtype=np.float32)
        covered = np.zeros(len(self._ids), dtype=np.float32)
        total_weight = 0.0
        for concept in concepts:
            weight = self._weight(concept)
            total_weight += weight
            best = self._score_concept(concept)
            scores += best
            covered += np.float32(weight) * (best > 0)
        coverage = covered / np.float32(total_weight)
        candidates = np.flatnonzero(coverage > MIN_COVERAGE)
        if not candidates.size:
            return Ranking.nothing(tuple(terms), suggestion)
        ranked = scores[candidates] * coverage[candidates]
        order = np.lexsort((candidates, -ranked))  # best first; ties in catalogue order
        candidates, ranked = candidates[order], ranked[order]
        kept = ranked >= np.float32(RELATIVE_CUTOFF) * ranked[0]
        rounded = np.round(ranked[kept].astype(np.float64), 4)
        return Ranking(candidates[kept], rounded, False, tuple(terms), suggestion)

    @property
    def size(self) -> int:
        """The number of services indexed."""
        return len(self._ids)

    @property
    def vocabulary(self) -> Vocabulary:
        """Every stem of the catalogue and of the synonyms' query words."""
        return self._vocabulary

    def clear_caches(self) -> None:
        """Forget what earlier queries computed (for measuring first-time query cost)."""
        self._lookup.cache_clear()
        self._best_of.cache_clear()
        self._stem_weight.cache_clear()


def _idf(n: int, df: int) -> float:
    return math.log(1.0 + (n - df + 0.5) / (df + 0.5))


def _bm25f(
    n: int, freqs: Mapping[str, list[Counter[str]]], lengths: Mapping[str, list[int]]
) -> dict[str, dict[int, float]]:
    """stem -> service -> BM25F score (idf included), from per-field term frequencies."""
    pseudo: dict[str, dict[int, float]] = defaultdict(dict)
    for name, per_doc in freqs.items():
        weight = FIELD_WEIGHTS.get(name, 1.0)
        field_lengths = lengths[name]
        nonempty = [x for x in field_lengths if x] or [1]
        average = sum(nonempty) / len(nonempty)
        for doc, counter in enumerate(per_doc):
            norm = 1.0 - B + B * field_lengths[doc] / average
            for stem, tf in counter.items():
                pseudo[stem][doc] = pseudo[stem].get(doc, 0.0) + weight * tf / norm
    postings = {}
    for stem, pseudo_tf in pseudo.items():
        idf = _idf(n, len(pseudo_tf))
        postings[stem] = {d: idf * tf * (K1 + 1) / (tf + K1) for d, tf in pseudo_tf.items()}
    return postings


def _suggestion(terms: list[QueryTerm]) -> str | None:
    if not any(t.reading is Reading.CORRECTED for t in terms):
        return None
    return " ".join(
        t.meant[0] if t.reading is Reading.CORRECTED and t.meant else t.text for t in terms
    )
