"""Run the pipeline over a stream of inputs, keeping failed inputs in their place.

Inputs come from the ingest stage as ``Document`` objects or ``InputError`` values (an input that
could not even be read). Both flow through in order: a failure becomes a document that carries its
error, which every stage passes through untouched, so one bad input never stops a batch.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from .document import Document
from .errors import InputError
from .pipeline import Pipeline


def as_document(item: Document | InputError) -> Document:
    """A document for ``item``; an ``InputError`` becomes a document that carries it."""
    if isinstance(item, Document):
        return item
    return Document(source=item.source, raw="", input_id=item.input_id, error=str(item))


def analyze_documents(
    items: Iterable[Document | InputError], pipeline: Pipeline
) -> Iterator[Document]:
    """Every input, analysed or carrying its error, in input order."""
    return pipeline.pipe(as_document(item) for item in items)


def result_object(doc: Document) -> dict[str, Any]:
    """What ``analyze`` prints for ``doc``: the contract object, or the error object."""
    if doc.error is not None:
        return {"input_id": doc.input_id, "error": doc.error}
    return doc.to_contract()
