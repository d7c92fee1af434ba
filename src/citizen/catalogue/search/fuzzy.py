"""Finding the vocabulary stems nearest to a stem that is not in the vocabulary.

Two kinds of near: a typo (edit distance with transpositions, found through a trigram index so
that only a handful of candidates are compared), and a different ending the stemmers did not
remove (one stem the prefix of the other: "усынов" / "усыновлен").
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

MIN_FUZZY = 4  # stems shorter than this are compared exactly: one edit changes them too much
MIN_PREFIX = 5
MAX_CANDIDATES = 16  # by shared trigrams; the nearest words share the most


def max_edits(stem: str) -> int:
    """Typos allowed in a stem: one up to six letters, two from seven."""
    if len(stem) < MIN_FUZZY:
        return 0
    return 1 if len(stem) <= 6 else 2


def trigrams(stem: str) -> set[str]:
    padded = f"^{stem}$"
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance (a transposition counts as one edit), or limit + 1.

    Stops as soon as a whole row exceeds `limit`, so comparing far-apart words is cheap.
    """
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            best = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                best = min(best, prev2[j - 2] + 1)
            cur[j] = best
        if min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1] if prev[-1] <= limit else limit + 1


@dataclass(frozen=True)
class Near:
    stem: str
    edits: int  # 0 for a prefix relation


class Vocabulary:
    """All stems of an index, with a trigram index for typos and a sorted list for prefixes."""

    def __init__(self, stems: Iterable[str]):
        self._stems = sorted(set(stems))
        self._known = set(self._stems)
        grams: dict[str, list[int]] = defaultdict(list)
        for n, stem in enumerate(self._stems):
            for gram in trigrams(stem):
                grams[gram].append(n)
        self._grams = dict(grams)

    def __contains__(self, stem: object) -> bool:
        return stem in self._known

    def __len__(self) -> int:
        return len(self._stems)

    def typos(self, stem: str) -> list[Near]:
        """Vocabulary stems within `max_edits(stem)` edits, the nearest first."""
        limit = max_edits(stem)
        if not limit:
            return []
        grams = trigrams(stem)
        counts: dict[int, int] = defaultdict(int)
        for gram in grams:
            for n in self._grams.get(gram, ()):
                counts[n] += 1
        # Each edit destroys at most three trigrams (four for a transposition).
        need = max(1, len(grams) - 4 * limit)
        ranked = sorted((n for n, c in counts.items() if c >= need), key=lambda n: -counts[n])
        found = []
        for n in ranked[:MAX_CANDIDATES]:
            candidate = self._stems[n]
            d = edit_distance(stem, candidate, limit)
            if d <= limit:
                found.append(Near(candidate, d))
        found.sort(key=lambda near: near.edits)
        return [near for near in found if near.edits == found[0].edits]

    def extensions(self, stem: str, longest: int = 6) -> list[Near]:
        """Vocabulary stems that begin with `stem` and are at most `longest` letters longer."""
        if len(stem) < MIN_PREFIX:
            return []
        found = []
        start = bisect.bisect_left(self._stems, stem)
        for candidate in self._stems[start:]:
            if not candidate.startswith(stem):
                break
            if len(candidate) - len(stem) <= longest:
                found.append(Near(candidate, 0))
        return found

    def prefixes(self, stem: str, shortest: int = MIN_PREFIX) -> list[Near]:
        """The longest vocabulary stem that `stem` begins with, if it keeps most of the word."""
        for end in range(len(stem) - 1, max(shortest, (len(stem) * 3 + 4) // 5) - 1, -1):
            if stem[:end] in self._known:
                return [Near(stem[:end], 0)]
        return []
