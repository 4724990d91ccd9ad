"""The events stage's sentence classifier and how it combines with the trigger rules.

Hand-made classifiers (a few weights) test the combination without depending on what the trained
model learned; the bundled model is tested for loading, determinism and hard negatives.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsevents.document import Coup, Document, Event, Span
from newsevents.settings import Settings
from newsevents.stages.events import EventsStage, make_events
from newsevents.stages.events.classifier import (
    NONE,
    SentenceClassifier,
    bundled_classifier,
    sentence_features,
)
from newsevents.stages.events.combine import (
    Thresholds,
    blended_confidence,
    missing_type,
    vetoed,
)

THRESHOLDS = Thresholds(veto=0.8, keep=0.2, add=0.7)


def hand_made(weights: dict[str, dict[str, float]], bias: float = -4.0) -> SentenceClassifier:
    """A classifier over ``labels`` whose features carry the given per-label weights."""
    labels = ("CONSULT", "ASSAULT", NONE)
    return SentenceClassifier(
        labels=labels,
        bias=(bias,) * len(labels),
        weights={f: tuple(row.get(label, 0.0) for label in labels) for f, row in weights.items()},
        thresholds={},
    )


def event(type_: str, status: str = "occurred", coup: Coup | None = None) -> Event:
    return Event(id="ev1", type=type_, evidence=Span("x", 0, 1), status=status, coup=coup)


# --- features and the model file (no spaCy model) ---------------------------------------------


def test_features_read_words_and_bigrams(blank_nlp):
    features = sentence_features(blank_nlp("Rebels shelled the town."))
    # Lemmas join the inflections of a verb the lexicon knows.
    assert {"w:rebels", "w:shelled", "l:shell", "b:<s>_rebels", "b:rebels_shell"} <= set(features)
    assert not any(f.endswith(".") for f in features)


def test_bundled_model_loads_once_per_process():
    first = bundled_classifier()
    assert first is not None, "run `make train`"
    assert bundled_classifier() is first
    assert make_events(Settings()).classifier is first


def test_bundled_model_is_well_formed():
    model = bundled_classifier()
    assert NONE in model.labels
    assert all(len(row) == len(model.labels) for row in model.weights.values())
    assert set(model.thresholds) == {"veto", "keep", "add"}


def test_predictions_are_deterministic(blank_nlp):
    model = bundled_classifier()
    sentence = blank_nlp("Troops opened fire on protesters in the capital.")
    first = model.predict(sentence)
    assert model.predict(sentence) == first
    assert all(0.0 < p < 1.0 for p in first.values())


def test_an_added_event_is_anchored_on_a_free_verb_before_an_event_noun(blank_nlp):
    sentence = blank_nlp("Envoys breakfasted and lunched over talks on fisheries")
    for token in sentence:
        token.pos_ = "NOUN"
    sentence[1].pos_ = sentence[3].pos_ = "VERB"
    model = hand_made(
        {
            "w:talks": {"CONSULT": 5.0},
            "w:fisheries": {"CONSULT": 9.0},
            "w:breakfasted": {"CONSULT": 2.0},
            "w:lunched": {"CONSULT": 1.0},
        }
    )
    assert model.strongest_word(sentence, "CONSULT").text == "breakfasted"
    assert model.strongest_word(sentence, "CONSULT", frozenset({1})).text == "lunched"
    # A noun only when it names events: "fisheries" speaks for talks but names none.
    assert model.strongest_word(sentence, "CONSULT", frozenset({1, 3})).text == "talks"
    assert model.strongest_word(sentence, "CONSULT", frozenset({1, 3, 5})) is None
    assert model.strongest_word(sentence, "ASSAULT") is None


def test_an_added_event_is_never_anchored_on_a_verb_that_only_reports(blank_nlp):
    sentence = blank_nlp("Officials said envoys met")
    for token in sentence:
        token.pos_ = "VERB"
    model = hand_made({"w:said": {"CONSULT": 3.0}, "w:met": {"CONSULT": 1.0}})
    assert model.strongest_word(sentence, "CONSULT").text == "met"
    assert model.strongest_word(sentence, "CONSULT", frozenset({3})) is None


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=200))
def test_any_text_gets_a_probability_for_every_label(blank_nlp, text):
    model = bundled_classifier()
    probabilities = model.predict(blank_nlp(text))
    assert set(probabilities) == set(model.labels)
    assert all(0.0 <= p <= 1.0 for p in probabilities.values())


def test_the_mode_is_read_within_the_type(blank_nlp):
    modes = SentenceClassifier(
        labels=("ASSAULT/aerial", "ASSAULT/firearms", "PROTEST/strike"),
        bias=(-3.0, -3.0, -3.0),
        weights={"w:jets": (6.0, 0.0, 0.0), "w:walkout": (0.0, 0.0, 6.0)},
        thresholds={},
    )
    model = hand_made({})
    model = SentenceClassifier(model.labels, model.bias, model.weights, {}, modes)
    features = sentence_features(blank_nlp("Jets struck a depot during the walkout"))
    assert model.mode_of(features, "ASSAULT") == "aerial"
    assert model.mode_of(features, "PROTEST") == "strike"
    assert model.mode_of(features, "AGREE") is None
    assert model.mode_of(["w:depot"], "ASSAULT") is None, "no mode is more likely than not"
    assert hand_made({}).mode_of(features, "ASSAULT") is None


def test_the_bundled_model_knows_modes():
    modes = bundled_classifier().modes
    assert modes is not None
    assert all("/" in label for label in modes.labels)


# --- the combination rules ----------------------------------------------------------------------


def test_confident_none_vetoes_a_rule_event():
    sure_none = {NONE: 0.95, "ASSAULT": 0.05}
    assert vetoed(event("ASSAULT"), sure_none, THRESHOLDS)
    assert not vetoed(event("ASSAULT"), {NONE: 0.95, "ASSAULT": 0.4}, THRESHOLDS)
    assert not vetoed(event("ASSAULT"), {NONE: 0.5, "ASSAULT": 0.05}, THRESHOLDS)


def test_coups_phrases_and_non_occurrences_are_never_vetoed():
    sure_none = {NONE: 0.99, "COERCE": 0.01}
    coup = Coup(outcome="attempted")
    assert not vetoed(event("COERCE", coup=coup), sure_none, THRESHOLDS)
    assert not vetoed(event("COERCE", status="negated"), sure_none, THRESHOLDS)
    assert not vetoed(event("COERCE"), sure_none, THRESHOLDS, phrase=True)


def test_the_missing_type_is_confident_and_new():
    probabilities = {"CONSULT": 0.75, "ASSAULT": 0.9, "AGREE": 0.3, NONE: 0.1}
    assert missing_type([], probabilities, THRESHOLDS) == "ASSAULT"
    assert missing_type(["ASSAULT"], probabilities, THRESHOLDS) == "CONSULT"
    assert missing_type(["ASSAULT", "CONSULT"], probabilities, THRESHOLDS) is None
    assert missing_type([], {**probabilities, NONE: 0.9}, THRESHOLDS) is None


def test_blended_confidence_is_the_mean():
    assert blended_confidence(0.8, 0.4) == 0.6


def test_thresholds_default_where_the_model_has_none():
    assert Thresholds.from_mapping({"add": 0.6}).add == 0.6
    assert 0.0 < Thresholds.from_mapping({}).veto <= 1.0


# --- through the stage (real parse) -----------------------------------------------------------


@pytest.mark.model
def test_a_type_the_rules_miss_is_added(parsed):
    text = "The envoys of Chile and Peru breakfasted together in Lima on Monday."
    assert EventsStage()(parsed(text)).events == []
    model = hand_made({"w:breakfasted": {"CONSULT": 8.0}})
    found = EventsStage(model, THRESHOLDS)(parsed(text)).events
    assert [(e.type, e.trigger.text) for e in found] == [("CONSULT", "breakfasted")]
    assert "envoys" in found[0].actor.text
    assert found[0].confidence < 0.8


@pytest.mark.model
def test_a_sure_none_removes_a_rule_event_but_not_a_coup(parsed):
    model = hand_made({"w:defence": {NONE: 9.0}, "w:army": {NONE: 9.0}})
    stage = EventsStage(model, THRESHOLDS)
    sport = "The visitors attacked the home side's defence for most of the evening in Doha."
    assert EventsStage()(parsed(sport)).events, "the rules alone code an attack"
    assert stage(parsed(sport)).events == []
    coup = "The army seized power in Conakry and detained the president."
    assert any(e.coup for e in stage(parsed(coup)).events)


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "Argentina's forwards attacked relentlessly after the break and won the cup final 3-1.",
        "The chief executive pulled off a boardroom coup, ousting the founder from the board.",
        "Shares of the Korean chipmaker surged after it beat rivals in the memory market.",
        "The festival in Accra drew large crowds to hear the country's best-known singers.",
    ],
)
def test_hard_negatives_stay_event_free(pipeline, text):
    doc = pipeline(Document(source="test", raw=text))
    assert [(e.type, e.trigger.text) for e in doc.events] == []


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "The visitors attacked the home side's defence for most of the evening in Doha.",
        "The winger was booked after he clashed with a defender in the 80th minute.",
        "Columnists say the tax plan amounts to an assault on small farmers.",
        "The board sanctioned the takeover of the family brewery on Monday.",
    ],
)
def test_the_classifier_vetoes_rule_events_in_hard_negatives(parsed, pipeline, text):
    assert EventsStage()(parsed(text)).events, "the rules alone code an event here"
    assert pipeline(Document(source="test", raw=text)).events == []


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "The army did not attack the village, a ministry spokesman in Abuja said.",
        "Ecuador would recall its ambassador if the talks collapse, analysts speculated.",
    ],
)
def test_negated_and_hypothetical_events_do_not_occur(pipeline, text):
    doc = pipeline(Document(source="test", raw=text))
    assert all(e.status != "occurred" for e in doc.events)
