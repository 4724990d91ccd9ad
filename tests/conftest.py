"""Shared fixtures."""

from __future__ import annotations

import pytest
import spacy

from newsevents.document import Document
from newsevents.pipeline import Pipeline
from newsevents.settings import Settings


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings()


@pytest.fixture(scope="session")
def pipeline(settings: Settings) -> Pipeline:
    """The full default pipeline, built once for the whole test session (loads the model)."""
    return Pipeline(settings)


@pytest.fixture(scope="session")
def nlp_pipeline(settings: Settings) -> Pipeline:
    """clean + nlp only: for stage tests that need real parses and entities."""
    return Pipeline(settings, stages=["clean", "nlp"])


@pytest.fixture(scope="session")
def blank_nlp():
    """A tokenizer and sentence splitter, no model: for stage tests that need only sentences."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


@pytest.fixture
def parsed(nlp_pipeline: Pipeline):
    """Run clean + nlp over a text the test wrote: ``parsed("Mali said ...")``."""

    def parse(text: str, **fields) -> Document:
        return nlp_pipeline(Document(source="test", raw=text, **fields))

    return parse
