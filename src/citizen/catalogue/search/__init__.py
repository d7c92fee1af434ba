"""Search of the catalogue that citizens can actually use.

Queries in Kazakh or Russian, Kazakh in any Latin alphabet, typos, everyday words ("садик",
"ЦОН", "путёвка") and inflected forms find the service; a query that fits no service says so.
Pure domain code: `search_documents` says what is searched of each service, `SearchIndex.build`
indexes it once, `SearchIndex.search` answers.
"""

from citizen.catalogue.search.documents import search_documents
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
    "load_synonyms",
    "search_documents",
]
