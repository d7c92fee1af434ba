"""Documents to bring (and refusal grounds): a list from a named source, or a plain 'unknown'."""

from __future__ import annotations

import strawberry

from citizen.catalogue import model as m
from citizen.catalogue.vocabulary import Channel, DocumentKind, Knowledge
from citizen.graphql.types.common import Source, text_field


@strawberry.type
class DocumentItem:
    obj: strawberry.Private[m.DocumentItem]

    name = text_field("name", "document name")
    note = text_field("note", "remark on this document", nullable=True)

    @strawberry.field
    def kind(self) -> DocumentKind:
        return self.obj.kind

    @strawberry.field(description="channels this document is for; empty: every channel")
    def channels(self) -> list[Channel]:
        return [c for c in Channel if c in self.obj.channels]  # in the vocabulary's order


@strawberry.type(
    description="A list of documents from one source. knowledge=UNKNOWN means no source we "
    "have gives it: `statement` then says so and where to check."
)
class DocumentList:
    obj: strawberry.Private[m.DocumentList]

    statement = text_field("statement", "what a citizen is told about this list")

    @strawberry.field
    def knowledge(self) -> Knowledge:
        return self.obj.knowledge

    @strawberry.field(description="paragraph of the standard the regulation refers to")
    def standard_paragraph(self) -> str | None:
        return self.obj.standard_paragraph

    @strawberry.field
    def items(self) -> list[DocumentItem]:
        return [DocumentItem(obj=i) for i in self.obj.items]

    @strawberry.field
    def source(self) -> Source | None:
        return Source.of(self.obj.source)
