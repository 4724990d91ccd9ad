"""Run the pipeline over a stream of inputs, keeping failed inputs in their place.

Inputs come from the ingest stage as ``Document`` objects or ``InputError`` values (an input that
could not even be read). Both flow through in order: a failure becomes a document that carries its
error, which every stage passes through untouched, so one bad input never stops a batch.

A batch of more than a few inputs is shared out to worker processes (the ``n_process`` setting),
each running the whole pipeline on chunks of documents: only spaCy would gain from its own
``n_process``, while the stages after it cost a third of the time. Workers are forked from this
process, so they start with its models already loaded and share their memory pages. Results come
back in input order, and an input that fails stays a document with its error, as in one process.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import chain, islice
from typing import Any

from .document import Document
from .errors import InputError
from .pipeline import Pipeline
from .settings import Settings

# A stream with no more documents than this runs in this process: starting workers and
# sending documents to them would cost more than it saves.
SMALL_BATCH = 8
# ``n_process = 0`` uses one worker per core, up to this many: each worker holds its own copy
# of what the stages build per document, so memory grows with their number.
MAX_AUTO_WORKERS = 4
# Chunks sent ahead of the one being read, per worker: enough to keep every worker busy while
# the stream stays lazy (a long input is never read into memory all at once).
CHUNKS_AHEAD = 2


def as_document(item: Document | InputError) -> Document:
    """A document for ``item``; an ``InputError`` becomes a document that carries it."""
    if isinstance(item, Document):
        return item
    return Document(source=item.source, raw="", input_id=item.input_id, error=str(item))


def analyze_documents(
    items: Iterable[Document | InputError], pipeline: Pipeline
) -> Iterator[Document]:
    """Every input, analysed or carrying its error, in input order.

    With more than one worker (the ``n_process`` setting) and more than a few inputs, the
    documents come back from worker processes without their spaCy layer (``Document.nlp``).
    """
    docs = (as_document(item) for item in items)
    workers = worker_count(pipeline.settings.n_process)
    if workers < 2:
        return pipeline.pipe(docs)
    head = list(islice(docs, SMALL_BATCH + 1))
    if len(head) <= SMALL_BATCH:
        return pipeline.pipe(head)
    return _in_workers(chain(head, docs), pipeline, workers)


def worker_count(n_process: int) -> int:
    """Worker processes for ``n_process``: itself, or for 0 one per usable core (at most 4)."""
    if n_process > 0:
        return n_process
    return max(1, min(len(os.sched_getaffinity(0)), MAX_AUTO_WORKERS))


def result_object(doc: Document) -> dict[str, Any]:
    """What ``analyze`` prints for ``doc``: the contract object, or the error object."""
    if doc.error is not None:
        return {"input_id": doc.input_id, "error": doc.error}
    return doc.to_contract()


def _in_workers(docs: Iterator[Document], pipeline: Pipeline, workers: int) -> Iterator[Document]:
    chunk_size = max(1, pipeline.settings.batch_size)
    chunks = iter(lambda: list(islice(docs, chunk_size)), [])
    with _worker_pool(pipeline, workers) as pool:
        pending: deque[Future[list[Document]]] = deque()
        for chunk in chunks:
            pending.append(pool.submit(_analyze_chunk, chunk))
            if len(pending) >= workers * CHUNKS_AHEAD:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()


def _worker_pool(pipeline: Pipeline, workers: int) -> ProcessPoolExecutor:
    # fork: the workers inherit the built pipeline (no second model load) and share its pages.
    # Elsewhere each worker builds the pipeline from the settings and stage names.
    global _inherited
    if "fork" in multiprocessing.get_all_start_methods():
        _inherited = pipeline
        context = multiprocessing.get_context("fork")
        # Untracked by the collector, the parent's objects keep their pages shared with the
        # workers: a collection would write to every object it visits and copy the page.
        gc.freeze()
    else:
        context = multiprocessing.get_context("spawn")
    names = [info.name for info in pipeline.infos]
    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=_start_worker,
        initargs=(pipeline.settings, names),
    )


# The pipeline a worker runs; in the parent, the one handed to forked workers.
_inherited: Pipeline | None = None


def _start_worker(settings: Settings, names: list[str]) -> None:
    global _inherited
    if _inherited is None:
        _inherited = Pipeline(settings, names)


def _analyze_chunk(chunk: list[Document]) -> list[Document]:
    assert _inherited is not None, "worker started without its pipeline"
    docs = list(_inherited.pipe(chunk))
    for doc in docs:
        doc.nlp = None  # a spaCy Doc does not cross processes cheaply; nothing after needs it
    return docs
