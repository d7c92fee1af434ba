"""Documents to bring (and refusal grounds): a list from a named source, or a plain 'unknown'."""

from __future__ import annotations

import strawberry

from citizen.catalogue import tables as t
from citizen.catalogue.queries import DocumentListView
from citizen.catalogue.vocabulary import Channel, DocumentKind, Knowledge
from citizen.graphql.types.common import Source, text_field


@strawberry.type
class DocumentItem:
    row: strawberry.Private[t.DocumentItem]

    name = text_field("name", "document name")
    note = text_field("note", "remark on this document", nullable=True)

    @strawberry.field
    def kind(self) -> DocumentKind:
        return DocumentKind(self.row.kind)

    @strawberry.field(description="channels this document is for; empty: every channel")
    def channels(self) -> list[Channel]:
        return [Channel(c) for c in self.row.channels or []]


@strawberry.type(
    description="A list of documents from one source. knowledge=UNKNOWN means no source we "
    "have gives it: `statement` then says so and where to check."
)
class DocumentList:
    row: strawberry.Private[t.DocumentList]
    item_rows: strawberry.Private[list[t.DocumentItem]]

    statement = text_field("statement", "what a citizen is told about this list")

    @strawberry.field
    def knowledge(self) -> Knowledge:
        return Knowledge(self.row.knowledge)

    @strawberry.field(description="paragraph of the standard the regulation refers to")
    def standard_paragraph(self) -> str | None:
        return self.row.standard_paragraph

    @strawberry.field
    def items(self) -> list[DocumentItem]:
        return [DocumentItem(row=i) for i in self.item_rows]

    @strawberry.field
    def source(self) -> Source | None:
        return Source.of(self.row.source)

    @staticmethod
    def of(view: DocumentListView, channel: Channel | None = None) -> DocumentList:
        items = [
            i for i in view.items if channel is None or not i.channels or channel in i.channels
        ]
        return DocumentList(row=view.list, item_rows=items)
