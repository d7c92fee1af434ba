"""Accuracy of the catalogue search on the hand-written evaluation set (tests/search_eval.yaml).

    .venv/bin/python bench/search_accuracy.py [--failures]

Loads the shipped catalogue into a temporary SQLite file, builds the index the way the API and
the bot do (`search_documents` + the shipped synonyms), and prints, for the `dev` set
(the queries the ranking was tuned on), the `holdout` set (written afterwards, never tuned on)
and all queries together:

- top-1 / top-3 accuracy: share of the queries with an expected service whose first hit / one of
  the first three hits is one of the expected services;
- no-match precision: of the queries answered "nothing fits", the share that expected nothing;
- no-match recall: of the queries that expect nothing, the share answered "nothing fits".
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

from citizen.catalogue.live import snapshot_of
from citizen.catalogue.loading import load_catalogue
from citizen.catalogue.search import SearchIndex, load_synonyms, search_documents
from citizen.db import make_engine, migrate

EVAL = Path(__file__).resolve().parent.parent / "tests" / "search_eval.yaml"


@dataclass(frozen=True)
class Case:
    query: str
    expect: tuple[str, ...]
    set: str
    tags: tuple[str, ...]


@dataclass(frozen=True)
class Outcome:
    case: Case
    hits: tuple[str, ...]
    no_match: bool

    @property
    def top1(self) -> bool:
        return bool(self.hits) and self.hits[0] in self.case.expect

    @property
    def top3(self) -> bool:
        return any(h in self.case.expect for h in self.hits[:3])


def load_cases(path: Path = EVAL) -> list[Case]:
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [
        Case(str(q["q"]), tuple(q["expect"]), str(q["set"]), tuple(q.get("tags", ())))
        for q in doc["queries"]
    ]


def catalogue_index() -> SearchIndex:
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{Path(tmp) / 'citizen.db'}")
        migrate(engine)
        load_catalogue(engine)
        documents = search_documents(snapshot_of(engine).services)
        engine.dispose()
    return SearchIndex.build(documents, load_synonyms())


def run(index: SearchIndex, cases: list[Case]) -> list[Outcome]:
    out = []
    for case in cases:
        result = index.search(case.query, limit=10)
        out.append(Outcome(case, tuple(h.service_id for h in result.hits), result.no_match))
    return out


def _share(part: int, whole: int) -> str:
    return f"{part / whole:6.1%} ({part}/{whole})" if whole else "   n/a"


def report(name: str, outcomes: list[Outcome]) -> None:
    found = [o for o in outcomes if o.case.expect]
    none = [o for o in outcomes if not o.case.expect]
    said_none = [o for o in outcomes if o.no_match]
    print(f"{name}: {len(outcomes)} queries ({len(found)} with a service, {len(none)} without)")
    print(f"  top-1 accuracy     {_share(sum(o.top1 for o in found), len(found))}")
    print(f"  top-3 accuracy     {_share(sum(o.top3 for o in found), len(found))}")
    right_none = sum(not o.case.expect for o in said_none)
    print(f"  no-match precision {_share(right_none, len(said_none))}")
    print(f"  no-match recall    {_share(sum(o.no_match for o in none), len(none))}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--failures", action="store_true", help="list the queries answered wrong")
    args = parser.parse_args(argv)
    outcomes = run(catalogue_index(), load_cases())
    for name in ("dev", "holdout"):
        part = [o for o in outcomes if o.case.set == name]
        if part:
            report(name, part)
    report("all", outcomes)
    tags = sorted({t for o in outcomes for t in o.case.tags if t != "none"})
    print("top-3 by tag (queries with a service): " + ", ".join(
        f"{t} {_share(sum(o.top3 for o in g), len(g)).strip()}"
        for t in tags
        if (g := [o for o in outcomes if t in o.case.tags and o.case.expect])
    ))
    if args.failures:
        for o in outcomes:
            wrong = (not o.top1) if o.case.expect else not o.no_match
            if wrong:
                print(f"  [{o.case.set}] {o.case.query!r}: expected {list(o.case.expect)}, "
                      f"got {list(o.hits[:3])}{' (no match)' if o.no_match else ''}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
