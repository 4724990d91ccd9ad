"""A sentence classifier: which PLOVER types a sentence reports, whether it reports none, and
in which mode.

One logistic regression per label (the 16 types and ``none``) over sparse features of the parsed
sentence: its words and lemmas, lemma bigrams, and the dependency frame of each verb (the verb
with its subject, object, preposition, negation and modal); a second set of columns, one per
mode ("ASSAULT/aerial"), each fitted on the sentences of its type, gives the mode once the type is
known. The weights live in
``classifier.json`` beside this module, written by ``scripts/train_events.py`` (``make train``)
from ``training/events/*.jsonl``; inference is dictionary lookups and one sigmoid per label, so a
sentence costs well under a millisecond and nothing is downloaded.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from .lexicon import entries_by_form, lemma_of

MODEL_PATH = Path(__file__).parent / "classifier.json"
NONE = "none"
# Verb dependents whose lemma, paired with the verb's, says what the clause is about.
FRAME_DEPS = ("nsubj", "nsubjpass", "dobj", "attr", "dative", "agent")
MODALS = frozenset({"will", "would", "could", "may", "might", "should", "shall", "can", "must"})
# A word in these relations describes another word; it does not name an event of its own.
MODIFIER_DEPS = frozenset({"amod", "compound"})
NEGATIONS = frozenset({"not", "n't", "never", "no"})
# Verbs that only report ("the ministry said ...", "according to"): the event is in what they
# report. Every form, since the pipeline runs without a lemmatizer.
REPORTING_VERBS = frozenset(
    {"say", "says", "said", "saying", "tell", "tells", "told", "telling"}
    | {"add", "adds", "added", "adding", "report", "reports", "reported", "reporting"}
    | {"state", "states", "stated", "stating", "announce", "announces", "announced", "announcing"}
    | {"according"}
)


def sentence_features(sentence: Any) -> list[str]:
    """The classifier's features of a spaCy sentence (a Span or a Doc)."""
    features: list[str] = []
    previous = "<s>"
    for token in sentence:
        if token.is_punct or token.is_space:
            continue
        lemma = lemma_of(token)
        features.append(f"w:{token.lower_}")
        if lemma != token.lower_:
            features.append(f"l:{lemma}")
        features.append(f"b:{previous}_{lemma}")
        previous = lemma
        if token.ent_type_:
            features.append(f"e:{token.ent_type_}")
        if token.pos_ == "VERB":
            features.extend(_verb_frame(token, lemma))
    return features


def _verb_frame(verb: Any, lemma: str) -> Iterator[str]:
    yield f"v:{lemma}"
    for child in verb.children:
        if child.dep_ in FRAME_DEPS:
            yield f"v:{lemma}>{child.dep_}:{_argument_word(child)}"
        elif child.dep_ in ("prep", "prt"):
            yield f"v:{lemma}>{child.lower_}"
        elif child.dep_ == "neg" or child.lower_ in NEGATIONS:
            yield f"neg:{lemma}"
        elif child.dep_ == "aux" and child.lower_ in MODALS:
            yield f"mod:{child.lower_}:{lemma}"


def _argument_word(token: Any) -> str:
    """An argument's head as a feature: its entity label when it names one ("GPE"), so the frame
    generalises across countries and people; else its lemma."""
    return token.ent_type_ or lemma_of(token)


@dataclass(frozen=True)
class SentenceClassifier:
    """Per-label weights over features; ``predict`` gives each label's probability."""

    labels: tuple[str, ...]
    bias: tuple[float, ...]
    weights: dict[str, tuple[float, ...]]
    thresholds: dict[str, float]
    modes: SentenceClassifier | None = None  # columns "TYPE/mode", each fitted within its type

    def predict(self, sentence: Any) -> dict[str, float]:
        return self.predict_features(sentence_features(sentence))

    def predict_features(self, features: list[str]) -> dict[str, float]:
        scores = list(self.bias)
        for feature in set(features):
            row = self.weights.get(feature)
            if row is not None:
                for i, weight in enumerate(row):
                    scores[i] += weight
        return {label: _sigmoid(s) for label, s in zip(self.labels, scores, strict=True)}

    def mode_of(self, features: list[str], event_type: str) -> str | None:
        """The most probable mode of ``event_type`` for a sentence's ``features``, when more
        likely than not. Only that type's columns are scored: modes are asked for per event."""
        if self.modes is None:
            return None
        prefix = f"{event_type}/"
        columns = [i for i, label in enumerate(self.modes.labels) if label.startswith(prefix)]
        if not columns:
            return None
        scores = {i: self.modes.bias[i] for i in columns}
        for feature in set(features):
            row = self.modes.weights.get(feature)
            if row is not None:
                for i in columns:
                    scores[i] += row[i]
        best = max(columns, key=scores.__getitem__)
        return self.modes.labels[best][len(prefix) :] if scores[best] >= 0.0 else None

    def strongest_word(
        self, sentence: Any, label: str, taken: frozenset[int] = frozenset()
    ) -> Any | None:
        """The word whose own features speak most for ``label``: where an event the classifier
        adds is anchored, so the rules' argument functions can read its frame. A verb before a
        noun (events are mostly named by verbs, and a noun's weight often only says what the
        sentence is about); never a verb that only reports ("said"), nor a word that describes
        another ("the alleged culprit", "state media"), nor a word at ``taken`` (token indices)."""
        column = self.labels.index(label)
        candidates = []
        for token in sentence:
            if not _may_anchor(token) or token.i in taken or token.lower_ in REPORTING_VERBS:
                continue
            weight = sum(row[column] for f in _word_features(token) if (row := self.weights.get(f)))
            if weight > 0:
                candidates.append((token.pos_ == "VERB", weight, -token.i))
        if not candidates:
            return None
        return sentence.doc[-max(candidates)[2]]

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SentenceClassifier:
        return cls(
            labels=tuple(data["labels"]),
            bias=tuple(data["bias"]),
            weights={f: tuple(w) for f, w in data["weights"].items()},
            thresholds=dict(data.get("thresholds", {})),
            modes=cls.from_json(data["modes"]) if "modes" in data else None,
        )


def _may_anchor(token: Any) -> bool:
    """A verb, or a noun that names events ("clashes", "talks"): "the palace" or "relations"
    may speak for a type but name no event."""
    if token.dep_ in MODIFIER_DEPS:
        return False
    return token.pos_ == "VERB" or (
        token.pos_ == "NOUN" and (token.lower_, "N") in entries_by_form()
    )


def _word_features(token: Any) -> list[str]:
    lemma = lemma_of(token)
    features = [f"w:{token.lower_}", f"l:{lemma}"]
    if token.pos_ == "VERB":
        features.extend(_verb_frame(token, lemma))
    return features


def _sigmoid(score: float) -> float:
    if score >= 0:
        return 1.0 / (1.0 + math.exp(-score))
    exp = math.exp(score)
    return exp / (1.0 + exp)


@cache
def bundled_classifier() -> SentenceClassifier | None:
    """The committed model, loaded once per process; None when it has not been trained yet."""
    if not MODEL_PATH.exists():
        return None
    return SentenceClassifier.from_json(json.loads(MODEL_PATH.read_text(encoding="utf-8")))
