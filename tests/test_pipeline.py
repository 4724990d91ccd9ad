"""The stage registry, the build-time order check, and per-document failures."""

from __future__ import annotations

import pytest

from newsevents.document import Document
from newsevents.errors import InputError, PipelineError
from newsevents.pipeline import DEFAULT_STAGES, Pipeline, Stage, check_order, register_stage
from newsevents.runner import analyze_documents, result_object


class Flaky(Stage):
    """Fails on documents whose text says so, the way a buggy or picky stage would."""

    name = "flaky"

    def __call__(self, doc: Document) -> Document:
        if "crash" in doc.raw:
            raise RuntimeError("boom")
        if "reject" in doc.raw:
            raise InputError(doc.source, "rejected on purpose")
        doc.text = doc.raw.upper()
        return doc


register_stage("flaky", requires=("raw",), assigns=("text",))(lambda settings: Flaky())


def test_pipeline_unknown_stage_is_named():
    with pytest.raises(PipelineError, match="unknown stage 'nope'"):
        check_order(["nope"])


def test_pipeline_missing_requirement_fails_at_build_time():
    with pytest.raises(PipelineError, match="stage 'events' requires"):
        check_order(["clean", "events"])


def test_pipeline_default_order_is_valid():
    names = [info.name for info in check_order(DEFAULT_STAGES)]
    assert names[0] == "clean" and names[-1] == "integrity"


def test_pipeline_failures_stay_with_their_document():
    pipeline = Pipeline(stages=["flaky"])
    docs = [
        Document(source="a.txt", raw="fine"),
        Document(source="b.txt", raw="crash"),
        Document(source="c.txt", raw="reject"),
        Document(source="d.txt", raw="also fine"),
    ]
    out = list(pipeline.pipe(docs))
    assert [d.source for d in out] == ["a.txt", "b.txt", "c.txt", "d.txt"]
    assert out[0].text == "FINE" and out[3].text == "ALSO FINE"
    assert out[1].error.startswith("b.txt: internal error in stage 'flaky': RuntimeError('boom')")
    assert out[2].error == "c.txt: rejected on purpose"
    assert out[0].stages == ["flaky"] and out[1].stages == []


def test_runner_keeps_unreadable_inputs_in_order():
    pipeline = Pipeline(stages=["flaky"])
    items = [Document(source="a", raw="x", input_id="1"), InputError("b", "is empty", "2")]
    results = [result_object(doc) for doc in analyze_documents(items, pipeline)]
    assert results[0]["article"]["text"] == "X"
    assert results[1] == {"input_id": "2", "error": "b: is empty"}
