"""The indexed attribute ruler sets exactly what spaCy's attribute ruler sets."""

from __future__ import annotations

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc

from newsevents.stages.nlp.attributes import IndexedAttributeRuler, index_attribute_ruler

WORDS = ["the", "The", "not", "n't", "nothin'", "y'", "all", "is", "ai", "gon", "na", "Lima", "\n"]
TAGS = ["DT", "RB", "NN", "VBZ", "VBP", "IN", "MD", "_SP"]
DEPS = ["det", "neg", "nsubj", "ROOT", "aux", "mark", "expl", "dobj", ""]

# Every kind of pattern the English models use: plain values, IN, NOT_IN, REGEX, IS_SPACE,
# two-token patterns aimed at either token, alternatives, and later rules overriding earlier.
PATTERNS = [
    {"patterns": [[{"TAG": "DT"}]], "attrs": {"POS": "DET"}},
    {"patterns": [[{"TAG": "RB"}]], "attrs": {"POS": "ADV", "MORPH": "Degree=Pos"}},
    {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN", "MORPH": "Number=Sing"}},
    {"patterns": [[{"TAG": {"IN": ["VBZ", "VBP"]}}]], "attrs": {"POS": "VERB"}},
    {"patterns": [[{"TAG": "DT", "LOWER": "the"}]], "attrs": {"MORPH": "Definite=Def"}},
    {"patterns": [[{"TAG": "RB", "LOWER": {"IN": ["not", "n't"]}}]], "attrs": {"POS": "PART"}},
    {"patterns": [[{"LOWER": {"REGEX": "^n[ou]thin'$"}}]], "attrs": {"LEMMA": "nothing"}},
    {"patterns": [[{"LOWER": {"REGEX": "^y'?$"}}, {"LOWER": "all"}]], "attrs": {"LEMMA": "you"}},
    {"patterns": [[{"LOWER": "gon"}, {"LOWER": "na"}]], "attrs": {"LEMMA": "to"}, "index": 1},
    {"patterns": [[{"DEP": "expl"}, {"LOWER": "is"}]], "attrs": {"POS": "AUX"}, "index": -1},
    {"patterns": [[{"TAG": {"NOT_IN": ["MD", ""]}, "DEP": {"IN": ["aux"]}}]],
     "attrs": {"POS": "AUX"}},
    {"patterns": [[{"TAG": "VBZ", "LOWER": "is"}], [{"TAG": "VBP", "LOWER": "ai"}]],
     "attrs": {"LEMMA": "be"}},
    {"patterns": [[{"IS_SPACE": True}]], "attrs": {"TAG": "_SP", "POS": "SPACE"}},
    {"patterns": [[{"TAG": "_SP", "IS_SPACE": False}]], "attrs": {"POS": "X"}},
    {"patterns": [[{"IS_SPACE": True, "DEP": {"NOT_IN": [""]}}]], "attrs": {"DEP": "dep"}},
]  # fmt: skip


@pytest.fixture(scope="module")
def rulers():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add_patterns(PATTERNS)
    return nlp, ruler, IndexedAttributeRuler(ruler)


def annotations(doc: Doc) -> list[tuple]:
    return [(t.pos_, t.tag_, t.dep_, str(t.morph), t.lemma_) for t in doc]


def both(rulers, words, tags, deps) -> tuple[list, list]:
    nlp, ruler, indexed = rulers
    doc = Doc(nlp.vocab, words=words, tags=tags, deps=deps, heads=[0] * len(words))
    return annotations(ruler(doc.copy())), annotations(indexed(doc.copy()))


def test_same_as_spacy_on_a_hand_built_sentence(rulers):
    words = ["Y'", "all", "is", "gon", "na", "say", "nothin'", ",", "not", "the", "end", "\n"]
    tags = ["PRP", "DT", "VBZ", "VBG", "TO", "VB", "NN", ",", "RB", "DT", "NN", "_SP"]
    deps = [
        "nsubj",
        "det",
        "aux",
        "ROOT",
        "aux",
        "xcomp",
        "dobj",
        "punct",
        "neg",
        "det",
        "npadvmod",
        "",
    ]
    spacy_result, indexed_result = both(rulers, words, tags, deps)
    assert indexed_result == spacy_result
    assert indexed_result[0][4] == "you" and indexed_result[4][4] == "to"
    assert indexed_result[8][0] == "PART" and indexed_result[9][3] == "Definite=Def"


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(WORDS), st.sampled_from(TAGS), st.sampled_from(DEPS)),
        min_size=1,
        max_size=12,
    )
)
def test_same_as_spacy_on_any_sentence(rulers, tokens):
    words, tags, deps = (list(column) for column in zip(*tokens, strict=True))
    spacy_result, indexed_result = both(rulers, words, tags, deps)
    assert indexed_result == spacy_result


def test_a_ruler_with_other_patterns_is_kept():
    nlp = spacy.blank("en")
    nlp.add_pipe("attribute_ruler").add_patterns(
        [{"patterns": [[{"POS": "NOUN", "OP": "+"}]], "attrs": {"TAG": "NN"}}]
    )
    index_attribute_ruler(nlp)
    assert nlp.pipe_names == ["attribute_ruler"]


@pytest.mark.model
def test_same_as_spacy_with_the_model(nlp_pipeline):
    nlp = nlp_pipeline.stages[1].nlp
    indexed = nlp.get_pipe("indexed_attribute_ruler")
    texts = [
        "Y'all know it isn't over: there's a curfew in Lima and nobody's gonna leave.",
        "Whether or not the talks resume, Kenya said it would have done nothing different.",
        "  The ministry, which had denied it, didn't say if troops were being sent.\n\nIt is.",
    ]
    for doc in nlp.pipe(texts, disable=["indexed_attribute_ruler"]):
        assert annotations(indexed(doc.copy())) == annotations(indexed.ruler(doc.copy()))
