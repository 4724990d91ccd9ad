"""How the nlp stage loads the model: the choices that keep it fast."""

from __future__ import annotations

import pytest
from threadpoolctl import threadpool_info

from newsevents.stages.nlp import load_pipeline


@pytest.mark.model
def test_model_multiplies_through_numpy_on_one_blas_thread(settings):
    nlp = load_pipeline(settings.spacy_model)
    for name in ("tok2vec", "parser", "ner"):
        assert nlp.get_pipe(name).model.ops.use_blis is False
    assert all(pool["num_threads"] == 1 for pool in threadpool_info() if pool["user_api"] == "blas")


@pytest.mark.model
def test_model_runs_the_indexed_attribute_ruler_and_no_senter(settings):
    nlp = load_pipeline(settings.spacy_model)
    assert "indexed_attribute_ruler" in nlp.pipe_names
    assert "attribute_ruler" not in nlp.pipe_names
    assert "senter" not in nlp.component_names
