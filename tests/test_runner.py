"""The runner: batches shared out to worker processes keep input order and per-document errors."""

from __future__ import annotations

import os

import pytest

from newsevents.document import Document
from newsevents.errors import InputError, PipelineError
from newsevents.pipeline import Pipeline, Stage, register_stage
from newsevents.runner import SMALL_BATCH, analyze_documents, result_object, worker_count
from newsevents.settings import Settings


class Stamp(Stage):
    """Writes the id of the process that ran it; fails where the text asks it to."""

    name = "stamp"

    def __call__(self, doc: Document) -> Document:
        if "crash" in doc.raw:
            raise RuntimeError("boom")
        if "reject" in doc.raw:
            raise InputError(doc.source, "rejected on purpose")
        doc.text = f"{doc.raw}|{os.getpid()}"
        return doc


class Broken(Stage):
    """A stage with a bug the pipeline itself catches: it returns something else."""

    name = "broken"

    def pipe(self, docs):
        for _doc in docs:
            yield "not a document"


register_stage("stamp", requires=("raw",), assigns=("text",))(lambda settings: Stamp())
register_stage("broken", requires=("raw",), assigns=("text",))(lambda settings: Broken())


def pipeline(n_process: int, stages: tuple[str, ...] = ("stamp",)) -> Pipeline:
    return Pipeline(Settings().replace(n_process=n_process, batch_size=3), stages)


def inputs(count: int) -> list[Document | InputError]:
    items: list[Document | InputError] = []
    for number in range(count):
        raw = {3: "crash", 5: "reject"}.get(number, f"text {number}")
        items.append(Document(source=f"in-{number}", raw=raw, input_id=str(number)))
    items[7] = InputError("in-7", "is empty", "7")
    return items


def test_workers_keep_input_order_and_errors():
    out = list(analyze_documents(inputs(40), pipeline(2)))
    assert [doc.input_id for doc in out] == [str(n) for n in range(40)]
    assert out[3].error.startswith("in-3: internal error in stage 'stamp': RuntimeError('boom')")
    assert out[5].error == "in-5: rejected on purpose"
    assert result_object(out[7]) == {"input_id": "7", "error": "in-7: is empty"}
    good = [doc for doc in out if doc.error is None]
    assert len(good) == 37 and all(doc.stages == ["stamp"] for doc in good)
    assert all(doc.text.startswith(doc.raw + "|") for doc in good)
    assert {doc.text.split("|")[1] for doc in good} != {str(os.getpid())}


def test_workers_give_the_same_results_as_one_process():
    def results(n_process: int) -> list[dict]:
        docs = analyze_documents(inputs(25), pipeline(n_process))
        return [{**result_object(doc), "article": None} for doc in docs]

    assert results(2) == results(1)


def test_a_small_batch_stays_in_this_process():
    out = list(analyze_documents(inputs(SMALL_BATCH), pipeline(2)))
    pids = {doc.text.split("|")[1] for doc in out if doc.error is None}
    assert pids == {str(os.getpid())}


def test_workers_read_the_stream_lazily():
    read = []

    def stream():
        for number in range(200):
            read.append(number)
            yield Document(source=f"in-{number}", raw=f"text {number}")

    first = next(analyze_documents(stream(), pipeline(2)))
    assert first.source == "in-0"
    assert len(read) < 40


def test_a_pipeline_bug_in_a_worker_reaches_the_caller():
    with pytest.raises(PipelineError, match="returned str"):
        list(analyze_documents(inputs(20), pipeline(2, ("broken",))))


def test_worker_count():
    assert worker_count(3) == 3
    assert 1 <= worker_count(0) <= 4
