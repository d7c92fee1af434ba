"""Search of the catalogue that citizens can actually use.

Queries in Kazakh or Russian, Kazakh in any Latin alphabet, typos, everyday words ("садик",
"ЦОН", "путёвка") and inflected forms find the service; a query that fits no service says so.
Pure domain code: `documents_from_catalogue` reads the stored catalogue, `SearchIndex.build`
indexes it once, `SearchIndex.search` answers.
"""

from citizen.catalogue.search.documents import documents_from_catalogue
from citizen.catalogue.search.index import (
    Hit,
    QueryTerm,
    Reading,
    SearchDocument,
    SearchIndex,
    SearchResult,
)
from citizen.catalogue.search.synonyms import (
    SynonymGroup,
    Synonyms,
    SynonymsInvalid,
    load_synonyms,
)

__all__ = [
    "Hit",
    "QueryTerm",
    "Reading",
    "SearchDocument",
    "SearchIndex",
    "SearchResult",
    "SynonymGroup",
    "Synonyms",
    "SynonymsInvalid",
    "documents_from_catalogue",
    "load_synonyms",
]
