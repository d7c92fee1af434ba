"""The everyday words citizens use, mapped to the words the catalogue itself is written in.

`data/synonyms.yaml` is reviewed vocabulary, not content: each group says that a query word or
phrase ("садик", "ЦОН", "путёвка") is to be searched as the catalogue's own words ("дошкольная
организация", "Государственная корпорация", "направление"). It names no service and states no
fact about one. The same file lists the words that carry no meaning in a search query
(prepositions, question words, "хочу", "получить", "алу", "керек").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from citizen.catalogue.search.normalisation import words


@dataclass(frozen=True)
class SynonymGroup:
    """Query words or phrases (`words`) and the catalogue phrases they stand for (`means`)."""

    words: tuple[str, ...]
    means: tuple[str, ...]


@dataclass(frozen=True)
class Synonyms:
    groups: tuple[SynonymGroup, ...] = ()
    ignored: frozenset[str] = frozenset()  # folded words dropped from queries

    @classmethod
    def of(cls, groups: Iterable[SynonymGroup], ignored: Iterable[str] = ()) -> Synonyms:
        folded = {w.folded for text in ignored for w in words(text)}
        return cls(tuple(groups), frozenset(folded))


class SynonymsInvalid(ValueError):
    """The synonyms file is not what `load_synonyms` expects; the message says where and why."""


def default_path() -> Path:
    return Path(str(resources.files("citizen.catalogue") / "data" / "synonyms.yaml"))


def _phrases(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not value:
        raise SynonymsInvalid(f"{where}: expected a non-empty list of words or phrases")
    out = []
    for n, item in enumerate(value):
        if not isinstance(item, str) or not words(item):
            raise SynonymsInvalid(f"{where}[{n}]: {item!r} is not a word or phrase")
        out.append(item)
    return tuple(out)


def parse_synonyms(doc: Any, source: str = "synonyms") -> Synonyms:
    """Synonyms from the parsed YAML document; raises `SynonymsInvalid` naming the bad entry."""
    if not isinstance(doc, dict) or set(doc) - {"ignore", "groups"}:
        raise SynonymsInvalid(f"{source}: expected a mapping with the keys 'ignore' and 'groups'")
    ignored = _phrases(doc["ignore"], f"{source}: ignore") if "ignore" in doc else ()
    groups = []
    for n, entry in enumerate(doc.get("groups") or []):
        where = f"{source}: groups[{n}]"
        if not isinstance(entry, dict) or set(entry) - {"words", "means", "note"}:
            raise SynonymsInvalid(f"{where}: expected the keys 'words', 'means' and 'note'")
        groups.append(
            SynonymGroup(
                _phrases(entry.get("words"), f"{where}.words"),
                _phrases(entry.get("means"), f"{where}.means"),
            )
        )
    return Synonyms.of(groups, ignored)


def load_synonyms(path: Path | None = None) -> Synonyms:
    """The synonyms of `path`, by default the shipped `data/synonyms.yaml`."""
    path = path or default_path()
    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise SynonymsInvalid(f"{path.name}: not valid YAML: {exc}") from exc
    return parse_synonyms(doc, path.name)
