"""Search latency over a synthetic catalogue of 10,000 services (goal: p95 under 5 ms).

    .venv/bin/python bench/search_latency.py [--services 10000] [--repeat 5]

The synthetic services are made of real words: each name, result and provider joins slices of
two real texts of the shipped catalogue (in the same language), so the vocabulary, word forms
and their frequencies look like a real catalogue's, only 350 times larger. The 28 real services
are among them. The queries are those of tests/search_eval.yaml (Kazakh, Russian, Latin letters,
typos, no-match).

Two figures: *cold* clears every cache (stems, transliteration, the index's word lookups)
before each query, so each query pays for reading all its words, as a first-time query does;
*warm* repeats the queries with the caches filled. Both print the median and the 95th
percentile of single-query times, measured with time.perf_counter.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from search_accuracy import load_cases  # bench/ is on the path of a script run from it

from citizen.catalogue.live import snapshot_of
from citizen.catalogue.loading import load_catalogue
from citizen.catalogue.search import (
    SearchDocument,
    SearchIndex,
    load_synonyms,
    search_documents,
)
from citizen.catalogue.search.normalisation import transliterate
from citizen.catalogue.search.stemming import stems
from citizen.db import make_engine, migrate


def real_documents() -> list[SearchDocument]:
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{Path(tmp) / 'citizen.db'}")
        migrate(engine)
        load_catalogue(engine)
        docs = search_documents(snapshot_of(engine).services)
        engine.dispose()
    return docs


def _slice(rng: random.Random, text: str) -> str:
    words = text.split()
    if len(words) < 3:
        return text
    start = rng.randrange(len(words) - 2)
    return " ".join(words[start : start + rng.randint(3, 10)])


def synthetic(real: list[SearchDocument], count: int, seed: int = 2026) -> list[SearchDocument]:
    """`count` documents: the real ones, then mixtures of two real texts per field."""
    rng = random.Random(seed)
    pools: dict[str, list[str]] = {}
    for doc in real:
        for name, texts in doc.texts.items():
            pools.setdefault(name, []).extend(texts)
    out = list(real)
    for n in range(count - len(real)):
        texts = {}
        for name, pool in pools.items():
            if name in ("region", "channel", "category"):
                texts[name] = [rng.choice(pool)]
            else:
                texts[name] = [_slice(rng, rng.choice(pool)) + " " + _slice(rng, rng.choice(pool))
                               for _ in range(2)]
        out.append(SearchDocument(f"synthetic-{n:05d}", texts))
    return out


def _clear(index: SearchIndex) -> None:
    stems.cache_clear()
    transliterate.cache_clear()
    index.clear_caches()


def _figures(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return (f"median {statistics.median(ordered) * 1000:.3f} ms, p95 {p95 * 1000:.3f} ms, "
            f"max {ordered[-1] * 1000:.3f} ms ({len(ordered)} searches)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--services", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5, help="runs of the whole query set")
    args = parser.parse_args(argv)
    documents = synthetic(real_documents(), args.services)
    queries = [c.query for c in load_cases()]

    started = time.perf_counter()
    index = SearchIndex.build(documents, load_synonyms())
    built = time.perf_counter() - started
    print(f"index of {index.size} services built in {built:.2f} s "
          f"({len(index.vocabulary)} stems in the vocabulary)")

    cold: list[float] = []
    warm: list[float] = []
    hits = 0
    for _ in range(args.repeat):
        for query in queries:
            _clear(index)
            t0 = time.perf_counter()
            result = index.search(query, limit=10)
            cold.append(time.perf_counter() - t0)
            hits += len(result.hits)
    for _ in range(args.repeat):
        for query in queries:
            t0 = time.perf_counter()
            index.search(query, limit=10)
            warm.append(time.perf_counter() - t0)
    print(f"{len(queries)} queries x {args.repeat}, limit 10, {hits / len(cold):.1f} hits a query")
    print(f"cold (caches cleared before each query): {_figures(cold)}")
    print(f"warm (caches filled):                    {_figures(warm)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
